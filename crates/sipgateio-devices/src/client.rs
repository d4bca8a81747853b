//! The devices client and its extension trait.

use sipgateio_core::transport::{Request, path_segment};
use sipgateio_core::{Client, Page, Result};

use crate::{Device, WebuserId};

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

    /// Every device of the authenticated web user, with the phonelines and groups that ring
    /// on it.
    ///
    /// Resolves the user with
    /// [`Client::get_authenticated_webuser_id`](sipgateio_core::Client::get_authenticated_webuser_id)
    /// (`GET /authorization/userinfo`), then reads `GET /{userId}/devices` like
    /// [`list_of`](Self::list_of).
    ///
    /// # Errors
    /// The errors of the userinfo request and those of [`list_of`](Self::list_of).
    pub async fn list(&self) -> Result<Vec<Device>> {
        let me = self.client.get_authenticated_webuser_id().await?;
        self.list_of(&me).await
    }

    /// Every device of the web user `webuser_id` (`GET /{userId}/devices`; the id is
    /// percent-encoded into the path), with the phonelines and groups that ring on it.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) for an empty id (no request
    /// sent), [`Error::Unauthorized`](sipgateio_core::Error::Unauthorized) for rejected
    /// credentials, [`Error::Forbidden`](sipgateio_core::Error::Forbidden) when the credentials
    /// may not read that user's devices, [`Error::NotFound`](sipgateio_core::Error::NotFound)
    /// for an unknown web user, and the other core errors.
    #[doc(alias = "getDevices")]
    pub async fn list_of(&self, webuser_id: &WebuserId) -> Result<Vec<Device>> {
        let user = path_segment("webuser_id", webuser_id.as_str())?;
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
