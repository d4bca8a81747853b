//! Routing a number (`PUT /numbers/{numberId}`), a web user's numbers
//! (`GET /{userId}/numbers`) and quick dials (`/numbers/quickdial…`).

use serde::Serialize;
use sipgateio_core::transport::{Request, path_segment};
use sipgateio_core::validate::{self, ExtensionType};
use sipgateio_core::{Error, Page, Result};
use sipgateio_types::{ExtensionId, NumberId, WebuserId};

use crate::{Number, NumbersClient};

/// The meaning of a 404 answer of `PUT /numbers/{numberId}`.
const NUMBER_NOT_FOUND: &str = "the number was not found";
/// The meaning of a 403 answer of the writing number endpoints.
const WRITE_FORBIDDEN: &str =
    "the credentials may not change the account's numbers (scope numbers:write)";
/// The meaning of a 404 answer of the quick-dial endpoints.
const QUICK_DIAL_NOT_FOUND: &str = "the quick dial or its web user was not found";
/// The meaning of a 400 or 409 answer of the quick-dial endpoints.
const QUICK_DIAL_REFUSED: &str = "the quick dial number is taken or not allowed";

/// The settings of one number, for [`NumbersClient::update`] (`ChangeNumberSettingsRequest`):
/// where calls to it go, and its two switches.
///
/// ```
/// use sipgateio_numbers::{ExtensionId, NumberSettings};
///
/// let settings = NumberSettings::new(ExtensionId::new("p0")).quick_dial(false);
/// assert_eq!(settings.endpoint_id().as_str(), "p0");
/// assert!(settings.validate().is_ok());
/// assert!(NumberSettings::new(ExtensionId::new("phone")).validate().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NumberSettings {
    endpoint_id: ExtensionId,
    #[serde(skip_serializing_if = "Option::is_none")]
    release_for_mnp: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quick_dial: Option<bool>,
}

impl NumberSettings {
    /// Route the number to `endpoint_id`: the extension its calls ring, e.g. a phoneline `p0`,
    /// a group `g1`, a fax line `f0` or a voicemail `v0`. Unset switches are left out of the
    /// request (the API's default for each is `false`).
    pub fn new(endpoint_id: ExtensionId) -> Self {
        Self {
            endpoint_id,
            release_for_mnp: None,
            quick_dial: None,
        }
    }

    /// Release a mobile number for porting to another operator (`releaseForMnp`).
    #[must_use]
    pub fn release_for_mnp(mut self, release: bool) -> Self {
        self.release_for_mnp = Some(release);
        self
    }

    /// Whether the number is a quick dial (`quickDial`).
    #[must_use]
    pub fn quick_dial(mut self, quick_dial: bool) -> Self {
        self.quick_dial = Some(quick_dial);
        self
    }

    /// The extension the number is routed to.
    pub fn endpoint_id(&self) -> &ExtensionId {
        &self.endpoint_id
    }

    /// Checks the settings without sending anything: the endpoint must be an extension id (a
    /// type letter and a number without leading zeros, like `p0`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming `endpoint_id`.
    pub fn validate(&self) -> Result<()> {
        validate::extension("endpoint_id", self.endpoint_id.as_str(), ExtensionType::ALL)
    }
}

/// The body of the quick-dial endpoints (`AddDirectDialRequest`, `ChangeDirectDialRequest`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QuickDialBody<'a> {
    user_id: &'a WebuserId,
    number: &'a str,
}

/// Checks a quick dial number: a short internal number, ASCII digits only.
fn check_number(number: &str) -> Result<()> {
    if number.is_empty() {
        return Err(Error::invalid_input(
            "quick_dial_number",
            "must not be empty",
        ));
    }
    if !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid_input(
            "quick_dial_number",
            format!("must be digits only (e.g. 10), got {number:?}"),
        ));
    }
    Ok(())
}

impl NumbersClient {
    /// Changes a number's settings, above all where it is routed
    /// (`PUT /numbers/{numberId}` with `{"endpointId", "releaseForMnp", "quickDial"}`; the
    /// switches you did not set are left out). The API answers with an empty body.
    ///
    /// ```no_run
    /// use sipgateio_numbers::{ExtensionId, NumberId, NumberSettings, NumbersExt};
    ///
    /// # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
    /// // Calls to number 1234 now ring group g1.
    /// let settings = NumberSettings::new(ExtensionId::new("g1"));
    /// client.numbers().update(&NumberId::new("1234"), &settings).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for an endpoint that is no extension id or an empty number id
    /// (no request sent); [`Error::NotFound`] ("the number was not found"),
    /// [`Error::Forbidden`] and the other core errors.
    #[doc(alias = "changeNumberSettings")]
    #[doc(alias = "route")]
    pub async fn update(&self, number_id: &NumberId, settings: &NumberSettings) -> Result<()> {
        settings.validate()?;
        let id = path_segment("number_id", number_id.as_str())?;
        let request = Request::put(format!("numbers/{id}"))
            .json(settings)?
            .on_status(403, WRITE_FORBIDDEN)
            .on_status(404, NUMBER_NOT_FOUND);
        self.client.send_no_content(request).await
    }

    /// The numbers of the authenticated web user (`GET /authorization/userinfo`, then
    /// `GET /{userId}/numbers`); see [`list_user_numbers_of`](Self::list_user_numbers_of).
    #[doc(alias = "getUserNumbers")]
    pub async fn list_user_numbers(&self) -> Result<Vec<Number>> {
        let me = self.client.get_authenticated_webuser_id().await?;
        self.list_user_numbers_of(&me).await
    }

    /// The numbers of one web user (`GET /{userId}/numbers`, the whole list; [`list`](Self::list)
    /// pages through the whole account's).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for an empty or dot-only user id (no request sent);
    /// [`Error::Forbidden`], [`Error::NotFound`] for an unknown user, and the core errors.
    #[doc(alias = "getUserNumbers")]
    pub async fn list_user_numbers_of(&self, webuser_id: &WebuserId) -> Result<Vec<Number>> {
        let user = path_segment("webuser_id", webuser_id.as_str())?;
        let request = Request::get(format!("{user}/numbers"))
            .on_status(
                403,
                "the credentials may not read this user's numbers (scope numbers:read)",
            )
            .on_status(404, "web user not found");
        let page: Page<Number> = self.client.send(request).await?;
        Ok(page.items)
    }

    /// Adds a quick dial for the authenticated web user; see
    /// [`create_quick_dial_of`](Self::create_quick_dial_of).
    #[doc(alias = "addQuickDialNumber")]
    pub async fn create_quick_dial(&self, quick_dial_number: &str) -> Result<()> {
        check_number(quick_dial_number)?;
        let me = self.client.get_authenticated_webuser_id().await?;
        self.create_quick_dial_of(&me, quick_dial_number).await
    }

    /// Adds a quick dial: a short internal number (`10`) that rings `webuser_id`
    /// (`POST /numbers/quickdial` with `{"userId", "number"}`). The API answers with an empty
    /// body; the new quick dial appears in [`list`](Self::list) with
    /// [`NumberType::Quickdial`](crate::NumberType::Quickdial) and its [`NumberId`].
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming `quick_dial_number` for an empty number or one with
    /// anything but digits (no request sent); an API error meaning "the quick dial number is
    /// taken or not allowed" (400, 409), [`Error::Forbidden`] and the other core errors.
    #[doc(alias = "addQuickDialNumber")]
    pub async fn create_quick_dial_of(
        &self,
        webuser_id: &WebuserId,
        quick_dial_number: &str,
    ) -> Result<()> {
        check_number(quick_dial_number)?;
        let request = Request::post("numbers/quickdial").json(&QuickDialBody {
            user_id: webuser_id,
            number: quick_dial_number,
        })?;
        self.client.send_no_content(quick_dial(request)).await
    }

    /// Changes a quick dial's number and gives it to the authenticated web user; see
    /// [`update_quick_dial_of`](Self::update_quick_dial_of).
    #[doc(alias = "changeQuickDialNumber")]
    pub async fn update_quick_dial(
        &self,
        quick_dial_id: &NumberId,
        quick_dial_number: &str,
    ) -> Result<()> {
        check_number(quick_dial_number)?;
        path_segment("quick_dial_id", quick_dial_id.as_str())?;
        let me = self.client.get_authenticated_webuser_id().await?;
        self.update_quick_dial_of(&me, quick_dial_id, quick_dial_number)
            .await
    }

    /// Changes a quick dial: its number and the web user it rings
    /// (`PUT /numbers/quickdial/{numberId}` with `{"userId", "number"}`; empty answer).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for a bad quick dial number or an empty id (no request sent);
    /// [`Error::NotFound`], an API error meaning "taken or not allowed" (400, 409), and the
    /// other core errors.
    #[doc(alias = "changeQuickDialNumber")]
    pub async fn update_quick_dial_of(
        &self,
        webuser_id: &WebuserId,
        quick_dial_id: &NumberId,
        quick_dial_number: &str,
    ) -> Result<()> {
        check_number(quick_dial_number)?;
        let id = path_segment("quick_dial_id", quick_dial_id.as_str())?;
        let request = Request::put(format!("numbers/quickdial/{id}")).json(&QuickDialBody {
            user_id: webuser_id,
            number: quick_dial_number,
        })?;
        self.client.send_no_content(quick_dial(request)).await
    }

    /// Deletes a quick dial (`DELETE /numbers/quickdial/{numberId}`; empty answer).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for an empty id (no request sent); [`Error::NotFound`] and the
    /// other core errors.
    #[doc(alias = "deleteQuickDialNumber")]
    pub async fn delete_quick_dial(&self, quick_dial_id: &NumberId) -> Result<()> {
        let id = path_segment("quick_dial_id", quick_dial_id.as_str())?;
        let request = Request::delete(format!("numbers/quickdial/{id}"));
        self.client.send_no_content(quick_dial(request)).await
    }

    /// Asks sipgate whether a quick dial number is still free
    /// (`GET /numbers/quickdial/validation/{quickDialNumber}`): `Ok(())` when the server
    /// accepts it. The API documents only the success answer (empty); a taken or refused
    /// number comes back as an error status, returned as the matching [`Error`].
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming `quick_dial_number` for an empty number or one with
    /// anything but digits (no request sent); an API error meaning "the quick dial number is
    /// taken or not allowed" (400, 409) and the other core errors.
    #[doc(alias = "validateQuickDialNumber")]
    pub async fn check_quick_dial(&self, quick_dial_number: &str) -> Result<()> {
        check_number(quick_dial_number)?;
        let number = path_segment("quick_dial_number", quick_dial_number)?;
        let request = Request::get(format!("numbers/quickdial/validation/{number}"));
        self.client.send_no_content(quick_dial(request)).await
    }
}

/// The meanings of the quick-dial endpoints' error statuses.
fn quick_dial(request: Request) -> Request {
    request
        .on_status(400, QUICK_DIAL_REFUSED)
        .on_status(
            403,
            "the credentials may not manage quick dials (scopes numbers:read, numbers:write)",
        )
        .on_status(404, QUICK_DIAL_NOT_FOUND)
        .on_status(409, QUICK_DIAL_REFUSED)
}

#[cfg(test)]
mod tests {
    use super::check_number;

    #[test]
    fn quick_dial_numbers_are_digits() {
        assert!(check_number("10").is_ok());
        assert!(check_number("0123").is_ok());
        for bad in ["", " 10", "1a", "+10", "１０"] {
            let error = check_number(bad).expect_err(bad);
            assert_eq!(error.invalid_field(), Some("quick_dial_number"), "{bad:?}");
        }
    }
}
