//! [`FaxClient`] and the [`FaxExt`] accessor.

use base64::Engine as _;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use sipgateio_core::transport::{Request, decode_json, path_segment};
use sipgateio_core::validate::{self, ExtensionType};
use sipgateio_core::{Client, Error, Page, Result};
use sipgateio_types::{FaxlineId, HistoryEntryId, WebuserId};

use crate::{Fax, FaxSession, FaxStatus, Faxline, meaning};

/// Sends faxes, reads their status and lists fax lines.
///
/// Get one with [`FaxExt::fax`] (`client.fax()`) or [`FaxClient::new`].
#[derive(Clone, Debug)]
pub struct FaxClient {
    pub(crate) client: Client,
}

/// Adds [`fax`](FaxExt::fax) to the core [`Client`].
pub trait FaxExt {
    /// The fax part of the API.
    fn fax(&self) -> FaxClient;
}

impl FaxExt for Client {
    fn fax(&self) -> FaxClient {
        FaxClient::new(self)
    }
}

/// The body of `POST /sessions/fax` (`SendFaxRequest`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SendFaxBody<'a> {
    base64_content: String,
    faxline_id: &'a FaxlineId,
    filename: String,
    recipient: &'a str,
}

/// The body of `POST /sessions/fax/resend` (`ResendFaxRequest`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResendFaxBody<'a> {
    fax_id: &'a HistoryEntryId,
    #[serde(skip_serializing_if = "Option::is_none")]
    faxline_id: Option<&'a FaxlineId>,
}

/// The part of a history entry the status needs.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FaxEntry {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    fax_status_type: Option<FaxStatus>,
}

impl FaxClient {
    /// A fax client using `client`'s credentials, base URL, timeouts and retries.
    pub fn new(client: &Client) -> Self {
        Self {
            client: client.clone(),
        }
    }

    /// Sends a fax (`POST /sessions/fax`) and returns its session id.
    ///
    /// The fax is [validated](Fax::validate) first (faxline, recipient, PDF content); nothing
    /// is sent if it is invalid. The caller's [`Fax`] is not changed: a missing file name is
    /// defaulted only in the request.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a bad fax; API errors with the fax meaning of their status
    /// (402 insufficient funds, 403 not booked / faxline not allowed, 404 not found).
    #[doc(alias = "sendFax")]
    pub async fn send(&self, fax: &Fax) -> Result<FaxSession> {
        fax.validate()?;
        let body = SendFaxBody {
            base64_content: base64::engine::general_purpose::STANDARD.encode(fax.content()),
            faxline_id: fax.faxline_id(),
            filename: fax.effective_filename(Utc::now()),
            recipient: fax.to(),
        };
        let request = Request::post("sessions/fax").json(&body)?;
        self.client.send(meaning::send(request)).await
    }

    /// Sends an earlier fax again (`POST /sessions/fax/resend`), from the same fax line or,
    /// with `Some(faxline_id)`, from another one. `fax_id` is the id of the fax's history
    /// entry: its [session id](FaxSession::session_id).
    ///
    /// The API documents no response body; if it answers with a session id, it is returned.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for an empty `fax_id` or a `faxline_id` that is no fax extension
    /// (`f<n>`), before anything is sent; API errors with the fax meaning of their status.
    #[doc(alias = "resendFax")]
    pub async fn resend(
        &self,
        fax_id: &HistoryEntryId,
        faxline_id: Option<&FaxlineId>,
    ) -> Result<Option<FaxSession>> {
        if fax_id.as_str().trim().is_empty() {
            return Err(Error::invalid_input("fax_id", "must not be empty"));
        }
        if let Some(faxline_id) = faxline_id {
            validate::extension("faxline_id", faxline_id.as_str(), &[ExtensionType::Fax])?;
        }
        let request =
            Request::post("sessions/fax/resend").json(&ResendFaxBody { fax_id, faxline_id })?;
        let response = self.client.execute(meaning::resend(request)).await?;
        Ok(decode_json::<FaxSession>(response.bytes()).ok())
    }

    /// The status of a sent fax, read from its history entry (`GET /history/{sessionId}`, field
    /// `faxStatusType`). `session_id` is the [session id](FaxSession::session_id) `send`
    /// returned, which is the id of the fax's history entry.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for an empty id, before anything is sent;
    /// [`Error::NotFound`] ("fax was not found") for an unknown id, [`Error::Precondition`] if
    /// the history entry is not a fax, [`Error::Decode`] if it has no status.
    #[doc(alias = "getFaxStatus")]
    #[doc(alias = "getHistoryById")]
    pub async fn get_status(&self, session_id: &HistoryEntryId) -> Result<FaxStatus> {
        let path = format!(
            "history/{}",
            path_segment("session_id", session_id.as_str())?
        );
        let entry: FaxEntry = self
            .client
            .send(meaning::status(Request::get(path)))
            .await?;
        match entry.kind.as_deref() {
            Some("FAX") => entry.fax_status_type.ok_or_else(|| {
                Error::decode("faxStatusType", "the fax history entry has no status", "")
            }),
            other => Err(Error::precondition(format!(
                "history entry {session_id} is not a fax (type {})",
                other.unwrap_or("missing")
            ))),
        }
    }

    /// The fax lines of the authenticated web user (`GET /authorization/userinfo` for the
    /// user's id, then `GET /{userId}/faxlines`).
    #[doc(alias = "getUserFaxlines")]
    #[doc(alias = "getFaxlines")]
    pub async fn list_faxlines(&self) -> Result<Vec<Faxline>> {
        let me = self.client.get_authenticated_webuser_id().await?;
        self.list_faxlines_of(&me).await
    }

    /// The fax lines of a web user (`GET /{userId}/faxlines`).
    #[doc(alias = "getUserFaxlines")]
    #[doc(alias = "getFaxlinesByWebUser")]
    pub async fn list_faxlines_of(&self, webuser_id: &WebuserId) -> Result<Vec<Faxline>> {
        let path = format!(
            "{}/faxlines",
            path_segment("webuser_id", webuser_id.as_str())?
        );
        let page: Page<Faxline> = self
            .client
            .send(meaning::faxlines(Request::get(path)))
            .await?;
        Ok(page.items)
    }
}
