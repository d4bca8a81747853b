//! The voicemails client and its extension trait.

use sipgateio_core::transport::{Request, path_segment};
use sipgateio_core::{Client, Page, Result};

use crate::{Voicemail, VoicemailDetails, VoicemailId};

/// The meaning of a 403 answer of the voicemail endpoints.
const FORBIDDEN: &str =
    "the voicemail feature is not booked or the credentials lack the scope voicemails:read";
/// The meaning of a 404 answer of `GET /voicemails/{id}`.
const NOT_FOUND: &str = "the voicemail was not found";

/// Access to the account's voicemail boxes (`GET /voicemails`).
///
/// Get one with [`VoicemailsClient::new`] or, with [`VoicemailsExt`] in scope,
/// `client.voicemails()`.
#[derive(Clone, Debug)]
pub struct VoicemailsClient {
    pub(crate) client: Client,
}

impl VoicemailsClient {
    /// A voicemails client that uses `client`'s credentials and settings.
    pub fn new(client: &Client) -> Self {
        Self {
            client: client.clone(),
        }
    }

    /// Every voicemail box of the account that the credentials may read (`GET /voicemails`).
    ///
    /// The endpoint takes no web user, so there is no `list_of`: filter by
    /// [`Voicemail::belongs_to_endpoint`] to find the boxes of one extension.
    ///
    /// # Errors
    /// [`Error::Unauthorized`](sipgateio_core::Error::Unauthorized) for rejected credentials,
    /// [`Error::Forbidden`](sipgateio_core::Error::Forbidden) when the voicemail feature is not
    /// booked or a scope is missing, and the other core errors.
    #[doc(alias = "getVoicemails")]
    pub async fn list(&self) -> Result<Vec<Voicemail>> {
        let page: Page<Voicemail> = self
            .client
            .send(Request::get("voicemails").on_status(403, FORBIDDEN))
            .await?;
        Ok(page.items)
    }

    /// One voicemail box with its transcription and greeting settings
    /// (`GET /voicemails/{voicemailId}`; the id is percent-encoded into the path).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) for an empty id (no
    /// request sent), [`Error::NotFound`](sipgateio_core::Error::NotFound) for an unknown id,
    /// and the errors of [`list`](Self::list).
    #[doc(alias = "getVoicemail")]
    pub async fn get(&self, voicemail_id: &VoicemailId) -> Result<VoicemailDetails> {
        let id = path_segment("voicemail_id", voicemail_id.as_str())?;
        self.client
            .send(
                Request::get(format!("voicemails/{id}"))
                    .on_status(403, FORBIDDEN)
                    .on_status(404, NOT_FOUND),
            )
            .await
    }
}

/// Adds [`voicemails`](VoicemailsExt::voicemails) to the core [`Client`].
pub trait VoicemailsExt {
    /// The voicemails API of this client.
    fn voicemails(&self) -> VoicemailsClient;
}

impl VoicemailsExt for Client {
    fn voicemails(&self) -> VoicemailsClient {
        VoicemailsClient::new(self)
    }
}
