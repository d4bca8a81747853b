//! One-field shortcuts next to [`HistoryClient::update`]: sipgate's older endpoints
//! `PUT /history/{id}/archive`, `/read` and `/note`.
//!
//! sipgate marks these three endpoints deprecated in favour of `PUT /history/{id}`; they are
//! here because they are part of the API, and because `set_note` answers with the changed
//! entry, which `update` does not.

use serde::Serialize;
use sipgateio_core::Result;
use sipgateio_core::transport::Request;

use crate::client::{ENTRY_NOT_FOUND, entry_path};
use crate::update::INVALID_UPDATE;
use crate::{HistoryClient, HistoryEntry, HistoryEntryId};

/// `{"value": …}` of `SetHistoryEntryArchiveRequest` and `SetHistoryEntryReadRequest`.
#[derive(Serialize)]
struct ValueBody {
    value: bool,
}

/// `SetHistoryEntryNoteRequest`.
#[derive(Serialize)]
struct NoteBody<'a> {
    note: &'a str,
}

impl HistoryClient {
    /// `PUT /history/{id}/{field}` with `{"value": value}`, empty answer.
    async fn put_flag(&self, id: &HistoryEntryId, field: &str, value: bool) -> Result<()> {
        let path = format!("{}/{field}", entry_path(id)?);
        let request = Request::put(path)
            .json(&ValueBody { value })?
            .on_status(400, INVALID_UPDATE)
            .on_status(404, ENTRY_NOT_FOUND);
        self.client.send_no_content(request).await
    }

    /// Archives one entry (`PUT /history/{id}/archive` with `{"value": true}`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) for an empty or dot-only
    /// id (nothing sent); [`Error::NotFound`](sipgateio_core::Error::NotFound) for an unknown
    /// entry, and the core errors.
    #[doc(alias = "setArchive")]
    pub async fn archive(&self, id: &HistoryEntryId) -> Result<()> {
        self.put_flag(id, "archive", true).await
    }

    /// Takes one entry out of the archive (`PUT /history/{id}/archive` with
    /// `{"value": false}`). Errors as [`archive`](Self::archive).
    #[doc(alias = "setArchive")]
    pub async fn unarchive(&self, id: &HistoryEntryId) -> Result<()> {
        self.put_flag(id, "archive", false).await
    }

    /// Marks one entry read (`PUT /history/{id}/read` with `{"value": true}`). Errors as
    /// [`archive`](Self::archive).
    #[doc(alias = "setReadProperty")]
    pub async fn mark_read(&self, id: &HistoryEntryId) -> Result<()> {
        self.put_flag(id, "read", true).await
    }

    /// Marks one entry unread (`PUT /history/{id}/read` with `{"value": false}`). Errors as
    /// [`archive`](Self::archive).
    #[doc(alias = "setReadProperty")]
    pub async fn mark_unread(&self, id: &HistoryEntryId) -> Result<()> {
        self.put_flag(id, "read", false).await
    }

    /// Sets the note of one entry (`PUT /history/{id}/note` with `{"note": …}`; an empty
    /// note removes it) and returns the changed entry when the server sends it (`None` for an
    /// empty answer).
    ///
    /// ```no_run
    /// # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
    /// use sipgateio_history::{HistoryEntryId, HistoryExt};
    ///
    /// let entry = client.history().set_note(&HistoryEntryId::new("12345678"), "called back").await?;
    /// if let Some(base) = entry.as_ref().and_then(|entry| entry.base()) {
    ///     println!("note is now {:?}", base.note);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) for an empty or dot-only
    /// id (nothing sent); [`Error::NotFound`](sipgateio_core::Error::NotFound) for an unknown
    /// entry, [`Error::Decode`](sipgateio_core::Error::Decode) for an answer that is not a
    /// history entry, and the core errors.
    #[doc(alias = "setHistoryEntryNote")]
    pub async fn set_note(&self, id: &HistoryEntryId, note: &str) -> Result<Option<HistoryEntry>> {
        let path = format!("{}/note", entry_path(id)?);
        let request = Request::put(path)
            .json(&NoteBody { note })?
            .on_status(400, INVALID_UPDATE)
            .on_status(404, ENTRY_NOT_FOUND);
        let response = self.client.execute(request).await?;
        if response.bytes().iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        response.json().map(Some)
    }
}
