//! Fax-line administration (`/{userId}/faxlines/…`): create, delete, rename, tagline, caller
//! id and routed numbers — each for the authenticated web user and, as `…_of`, for a given one.

use serde::{Deserialize, Serialize};
use sipgateio_core::transport::{Request, path_segment};
use sipgateio_core::validate::{self, ExtensionType};
use sipgateio_core::{Error, Page, Result};
use sipgateio_types::{FaxlineId, WebuserId};

use crate::{FaxClient, Faxline, FaxlineNumber, meaning};

/// The body of the alias, tagline and caller-id endpoints (`SetAliasRequest`,
/// `FaxlineTaglineRequest`, `FaxlineCallerIdRequest`).
#[derive(Serialize)]
struct AliasBody<'a> {
    alias: &'a str,
}

/// `{"value": …}`: the tagline and caller-id bodies, and the caller-id answer.
#[derive(Serialize, Deserialize)]
struct ValueBody<T> {
    #[serde(default)]
    value: T,
}

/// The longest alias or tagline sent. sipgate documents no limit; this one keeps a pasted file
/// from becoming a request, and is far above what a fax header line or a display name holds.
const MAX_TEXT_CHARS: usize = 255;

/// Checks a display text (alias, tagline): not blank, no control characters (a fax header is
/// one line), at most [`MAX_TEXT_CHARS`] characters.
fn check_text(field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_input(field, "must not be empty"));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::invalid_input(
            field,
            "must be one line without control characters",
        ));
    }
    if value.chars().count() > MAX_TEXT_CHARS {
        return Err(Error::invalid_input(
            field,
            format!("must be at most {MAX_TEXT_CHARS} characters"),
        ));
    }
    Ok(())
}

/// Checks that `faxline_id` is a fax extension (`f<n>`).
fn check_faxline(faxline_id: &FaxlineId) -> Result<()> {
    validate::extension("faxline_id", faxline_id.as_str(), &[ExtensionType::Fax])
}

/// `{userId}/faxlines/{faxlineId}{tail}`, with the fax line checked to be a fax extension.
fn faxline_path(user: &WebuserId, faxline_id: &FaxlineId, tail: &str) -> Result<String> {
    let user = path_segment("webuser_id", user.as_str())?;
    check_faxline(faxline_id)?;
    let faxline = path_segment("faxline_id", faxline_id.as_str())?;
    Ok(format!("{user}/faxlines/{faxline}{tail}"))
}

impl FaxClient {
    /// The authenticated web user's id, for the for-me half of each pair.
    async fn me(&self) -> Result<WebuserId> {
        self.client.get_authenticated_webuser_id().await
    }

    /// Creates a fax line for the authenticated web user (`GET /authorization/userinfo`, then
    /// `POST /{userId}/faxlines`) and returns it; see [`create_faxline_of`](Self::create_faxline_of).
    #[doc(alias = "createFaxline")]
    pub async fn create_faxline(&self) -> Result<Faxline> {
        let me = self.me().await?;
        self.create_faxline_of(&me).await
    }

    /// Creates a fax line for a web user (`POST /{userId}/faxlines`, no body) and returns it:
    /// its new id, alias and tagline as sipgate set them up.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for an empty or dot-only user id (nothing sent);
    /// [`Error::Forbidden`] when the fax feature is not booked or the credentials lack
    /// `faxlines:write`, [`Error::NotFound`] for an unknown web user, and the core errors.
    #[doc(alias = "createFaxline")]
    pub async fn create_faxline_of(&self, webuser_id: &WebuserId) -> Result<Faxline> {
        let path = format!(
            "{}/faxlines",
            path_segment("webuser_id", webuser_id.as_str())?
        );
        self.client
            .send(meaning::faxline_admin(Request::post(path)))
            .await
    }

    /// Deletes one of the authenticated web user's fax lines; see
    /// [`delete_faxline_of`](Self::delete_faxline_of).
    #[doc(alias = "deleteFaxline")]
    pub async fn delete_faxline(&self, faxline_id: &FaxlineId) -> Result<()> {
        check_faxline(faxline_id)?;
        let me = self.me().await?;
        self.delete_faxline_of(&me, faxline_id).await
    }

    /// Deletes a fax line of a web user (`DELETE /{userId}/faxlines/{faxlineId}`; the API
    /// answers with an empty body).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a `faxline_id` that is no fax extension (`f<n>`) or a bad
    /// user id, before anything is sent; [`Error::NotFound`] ("faxline not found") for an
    /// unknown line, [`Error::Forbidden`] when the fax feature is not booked.
    #[doc(alias = "deleteFaxline")]
    pub async fn delete_faxline_of(
        &self,
        webuser_id: &WebuserId,
        faxline_id: &FaxlineId,
    ) -> Result<()> {
        let path = faxline_path(webuser_id, faxline_id, "")?;
        self.client
            .send_no_content(meaning::faxline_admin(Request::delete(path)))
            .await
    }

    /// Renames one of the authenticated web user's fax lines; see
    /// [`set_faxline_alias_of`](Self::set_faxline_alias_of).
    #[doc(alias = "changeFaxlineAlias")]
    pub async fn set_faxline_alias(&self, faxline_id: &FaxlineId, alias: &str) -> Result<()> {
        check_text("alias", alias)?;
        check_faxline(faxline_id)?;
        let me = self.me().await?;
        self.set_faxline_alias_of(&me, faxline_id, alias).await
    }

    /// Renames a fax line: its display name [`Faxline::alias`]
    /// (`PUT /{userId}/faxlines/{faxlineId}` with `{"alias": …}`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a blank alias, one with control characters or longer than
    /// 255 characters, or a bad id, before anything is sent; [`Error::NotFound`] ("faxline not
    /// found"), [`Error::Forbidden`].
    #[doc(alias = "changeFaxlineAlias")]
    pub async fn set_faxline_alias_of(
        &self,
        webuser_id: &WebuserId,
        faxline_id: &FaxlineId,
        alias: &str,
    ) -> Result<()> {
        check_text("alias", alias)?;
        let path = faxline_path(webuser_id, faxline_id, "")?;
        let request = Request::put(path).json(&AliasBody { alias })?;
        self.client
            .send_no_content(meaning::faxline_admin(request))
            .await
    }

    /// Sets the header line printed on the faxes one of the authenticated web user's fax
    /// lines sends; see [`set_faxline_tagline_of`](Self::set_faxline_tagline_of).
    #[doc(alias = "changeTagline")]
    pub async fn set_faxline_tagline(&self, faxline_id: &FaxlineId, tagline: &str) -> Result<()> {
        check_text("tagline", tagline)?;
        check_faxline(faxline_id)?;
        let me = self.me().await?;
        self.set_faxline_tagline_of(&me, faxline_id, tagline).await
    }

    /// Sets a fax line's [`tagline`](Faxline::tagline), the header line printed on the faxes
    /// it sends (`PUT /{userId}/faxlines/{faxlineId}/tagline` with `{"value": …}`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a blank tagline, one with control characters (it is one
    /// line) or longer than 255 characters, or a bad id, before anything is sent;
    /// [`Error::Forbidden`] ("fax feature not booked"), [`Error::NotFound`].
    #[doc(alias = "changeTagline")]
    pub async fn set_faxline_tagline_of(
        &self,
        webuser_id: &WebuserId,
        faxline_id: &FaxlineId,
        tagline: &str,
    ) -> Result<()> {
        check_text("tagline", tagline)?;
        let path = faxline_path(webuser_id, faxline_id, "/tagline")?;
        let request = Request::put(path).json(&ValueBody { value: tagline })?;
        self.client
            .send_no_content(meaning::faxline_admin(request))
            .await
    }

    /// The number one of the authenticated web user's fax lines sends as its caller id; see
    /// [`get_faxline_caller_id_of`](Self::get_faxline_caller_id_of).
    #[doc(alias = "getFaxlineCallerId")]
    pub async fn get_faxline_caller_id(&self, faxline_id: &FaxlineId) -> Result<String> {
        check_faxline(faxline_id)?;
        let me = self.me().await?;
        self.get_faxline_caller_id_of(&me, faxline_id).await
    }

    /// The number a fax line sends as its caller id
    /// (`GET /{userId}/faxlines/{faxlineId}/callerid`, the answer's `value`; `""` when the
    /// answer has none).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a bad id (nothing sent); [`Error::Forbidden`] ("fax
    /// feature not booked"), [`Error::NotFound`], [`Error::Decode`] for an answer that is not
    /// `{"value": "…"}`.
    #[doc(alias = "getFaxlineCallerId")]
    pub async fn get_faxline_caller_id_of(
        &self,
        webuser_id: &WebuserId,
        faxline_id: &FaxlineId,
    ) -> Result<String> {
        let path = faxline_path(webuser_id, faxline_id, "/callerid")?;
        let answer: ValueBody<String> = self
            .client
            .send(meaning::faxline_admin(Request::get(path)))
            .await?;
        Ok(answer.value)
    }

    /// Sets the number one of the authenticated web user's fax lines sends as its caller id;
    /// see [`set_faxline_caller_id_of`](Self::set_faxline_caller_id_of).
    #[doc(alias = "changeFaxlineCallerIdSettings")]
    pub async fn set_faxline_caller_id(&self, faxline_id: &FaxlineId, number: &str) -> Result<()> {
        validate::phone_number("caller_id", number)?;
        check_faxline(faxline_id)?;
        let me = self.me().await?;
        self.set_faxline_caller_id_of(&me, faxline_id, number).await
    }

    /// Sets the number a fax line sends as its caller id
    /// (`PUT /{userId}/faxlines/{faxlineId}/callerid` with `{"value": number}`); the number is
    /// sent as given. Use one of the account's numbers ([`list_faxline_numbers_of`](Self::list_faxline_numbers_of)
    /// lists the ones routed to the line).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming `caller_id` for a number that is not E.164
    /// (`+4921112345678`), or for a bad id, before anything is sent; [`Error::Forbidden`]
    /// ("fax feature not booked", or a number the line may not use), [`Error::NotFound`].
    #[doc(alias = "changeFaxlineCallerIdSettings")]
    pub async fn set_faxline_caller_id_of(
        &self,
        webuser_id: &WebuserId,
        faxline_id: &FaxlineId,
        number: &str,
    ) -> Result<()> {
        validate::phone_number("caller_id", number)?;
        let path = faxline_path(webuser_id, faxline_id, "/callerid")?;
        let request = Request::put(path).json(&ValueBody { value: number })?;
        self.client
            .send_no_content(meaning::faxline_admin(request))
            .await
    }

    /// The phone numbers routed to one of the authenticated web user's fax lines; see
    /// [`list_faxline_numbers_of`](Self::list_faxline_numbers_of).
    #[doc(alias = "getFaxlineNumbers")]
    pub async fn list_faxline_numbers(&self, faxline_id: &FaxlineId) -> Result<Vec<FaxlineNumber>> {
        check_faxline(faxline_id)?;
        let me = self.me().await?;
        self.list_faxline_numbers_of(&me, faxline_id).await
    }

    /// The phone numbers routed to a fax line: the numbers a fax to it is sent to
    /// (`GET /{userId}/faxlines/{faxlineId}/numbers`, the whole list).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a bad id (nothing sent); [`Error::Forbidden`],
    /// [`Error::NotFound`] and the core errors.
    #[doc(alias = "getFaxlineNumbers")]
    pub async fn list_faxline_numbers_of(
        &self,
        webuser_id: &WebuserId,
        faxline_id: &FaxlineId,
    ) -> Result<Vec<FaxlineNumber>> {
        let path = faxline_path(webuser_id, faxline_id, "/numbers")?;
        let page: Page<FaxlineNumber> = self
            .client
            .send(meaning::faxline_admin(Request::get(path)))
            .await?;
        Ok(page.items)
    }
}

#[cfg(test)]
mod tests {
    use super::check_text;

    #[test]
    fn texts_are_one_non_blank_line_of_bounded_length() {
        assert!(check_text("alias", "Büro-Fax").is_ok());
        assert!(check_text("alias", &"x".repeat(255)).is_ok());
        for bad in ["", "  ", "a\nb", "a\tb", &"x".repeat(256)] {
            let error = check_text("alias", bad).expect_err(bad);
            assert_eq!(error.invalid_field(), Some("alias"), "{bad:?}");
        }
    }
}
