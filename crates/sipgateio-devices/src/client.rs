//! The devices client and its extension trait.

use sipgateio_core::{Client, Page, Request, Result, path_segment};

use crate::Device;

/// The meaning of a 403 answer of `GET /{userId}/devices`.
const FORBIDDEN: &str = "the credentials may not read this web user's devices (scope devices:read)";
/// The meaning of a 404 answer of `GET /{userId}/devices`.
const NOT_FOUND: &str = "the web user was not found";

/// Access to the devices of the account's web users (`GET /{userId}/devices`).
///
/// Get one with [`DevicesClient::new`] or, with [`DevicesExt`] in scope, `client.devices()`.
#[derive(Clone, Debug)]
pub struct DevicesClient {
    client: Client,
}

impl DevicesClient {
    /// A devices client that uses `client`'s credentials and settings.
    pub fn new(client: &Client) -> Self {
        Self {
            client: client.clone(),
        }
    }

    /// Every device of the web user `webuser_id` (e.g. `w0`; the id is percent-encoded into
    /// the path), with the phonelines and groups that ring on it.
    ///
    /// The authenticated user's id comes from
    /// [`Client::get_authenticated_webuser_id`](sipgateio_core::Client::get_authenticated_webuser_id).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) for an empty id (no request
    /// sent), [`Error::Unauthorized`](sipgateio_core::Error::Unauthorized) for rejected
    /// credentials, [`Error::Forbidden`](sipgateio_core::Error::Forbidden) when the credentials
    /// may not read that user's devices, [`Error::NotFound`](sipgateio_core::Error::NotFound)
    /// for an unknown web user, and the other core errors.
    #[doc(alias = "getDevices")]
    pub async fn list(&self, webuser_id: &str) -> Result<Vec<Device>> {
        let user = path_segment("webuser_id", webuser_id)?;
        let page: Page<Device> = self
            .client
            .send(
                Request::get(format!("{user}/devices"))
                    .on_status(403, FORBIDDEN)
                    .on_status(404, NOT_FOUND),
            )
            .await?;
        Ok(page.items)
    }
}

/// Adds [`devices`](DevicesExt::devices) to the core [`Client`].
pub trait DevicesExt {
    /// The devices API of this client.
    fn devices(&self) -> DevicesClient;
}

impl DevicesExt for Client {
    fn devices(&self) -> DevicesClient {
        DevicesClient::new(self)
    }
}
