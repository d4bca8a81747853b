//! The webhook settings client and its extension trait.

use sipgateio_core::transport::Request;
use sipgateio_core::{Client, Result};
use tokio::sync::Mutex;

use crate::{ExtensionId, WebhookSettings, validate};

/// The endpoint of the account-wide settings.
const PATH: &str = "settings/sipgateio";
/// The meaning of a 403 answer of the settings endpoint.
const NOT_BOOKED: &str = "sipgate.io is not booked for your account (or insufficient scopes)";

/// Serialises the read-modify-write cycles of all settings clients in this process, so two
/// setters called at the same time cannot overwrite each other's change.
static READ_MODIFY_WRITE: Mutex<()> = Mutex::const_new(());

/// Access to the account-wide sipgate.io webhook settings (`/settings/sipgateio`).
///
/// Get one with [`WebhookSettingsClient::new`] or, with [`WebhookSettingsExt`] in scope,
/// `client.webhook_settings()`.
///
/// # Read-modify-write
/// The API has no way to change a single field, so every setter reads the whole settings
/// (`GET`), changes one field and writes the whole object back (`PUT`); fields it does not
/// change, including ones this SDK version does not know, are written back as read. This is
/// **not atomic**: a change made elsewhere (the web console, another program) between the
/// `GET` and the `PUT` is overwritten. Within one process the
/// setters wait for each other, so concurrent calls through this crate do not lose updates.
#[derive(Clone, Debug)]
pub struct WebhookSettingsClient {
    client: Client,
}

impl WebhookSettingsClient {
    /// A settings client that uses `client`'s credentials and settings.
    pub fn new(client: &Client) -> Self {
        Self {
            client: client.clone(),
        }
    }

    /// The current settings (`GET /settings/sipgateio`).
    ///
    /// # Errors
    /// [`Error::Forbidden`](sipgateio_core::Error::Forbidden) meaning "sipgate.io is not
    /// booked for your account (or insufficient scopes)",
    /// [`Error::Unauthorized`](sipgateio_core::Error::Unauthorized) and the other core errors.
    #[doc(alias = "getWebhookSettings")]
    #[doc(alias = "getSipgateIoUrls")]
    pub async fn get(&self) -> Result<WebhookSettings> {
        self.client
            .send(Request::get(PATH).on_status(403, NOT_BOOKED))
            .await
    }

    /// Sets the URL that receives incoming-call webhooks and returns the settings as written.
    /// The URL must be an absolute `http://` or `https://` URL (any case) with a host and
    /// without whitespace.
    /// See [Read-modify-write](Self#read-modify-write).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `incoming_url` (no
    /// request sent); otherwise those of [`get`](Self::get), for the `GET` or the `PUT`.
    #[doc(alias = "setIncomingUrl")]
    #[doc(alias = "setSipgateIoUrls")]
    pub async fn set_incoming_url(&self, url: &str) -> Result<WebhookSettings> {
        validate::webhook_url("incoming_url", url)?;
        self.modify(|s| s.incoming_url = url.to_owned()).await
    }

    /// Removes the incoming-call webhook URL (sets it to `""`).
    /// See [Read-modify-write](Self#read-modify-write).
    ///
    /// # Errors
    /// Those of [`get`](Self::get), for the `GET` or the `PUT`.
    #[doc(alias = "clearIncomingUrl")]
    #[doc(alias = "setSipgateIoUrls")]
    pub async fn clear_incoming_url(&self) -> Result<WebhookSettings> {
        self.modify(|s| s.incoming_url.clear()).await
    }

    /// Sets the URL that receives outgoing-call webhooks and returns the settings as written.
    /// The URL must be an absolute `http://` or `https://` URL (any case) with a host and
    /// without whitespace.
    /// See [Read-modify-write](Self#read-modify-write).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `outgoing_url` (no
    /// request sent); otherwise those of [`get`](Self::get), for the `GET` or the `PUT`.
    #[doc(alias = "setOutgoingUrl")]
    #[doc(alias = "setSipgateIoUrls")]
    pub async fn set_outgoing_url(&self, url: &str) -> Result<WebhookSettings> {
        validate::webhook_url("outgoing_url", url)?;
        self.modify(|s| s.outgoing_url = url.to_owned()).await
    }

    /// Removes the outgoing-call webhook URL (sets it to `""`).
    /// See [Read-modify-write](Self#read-modify-write).
    ///
    /// # Errors
    /// Those of [`get`](Self::get), for the `GET` or the `PUT`.
    #[doc(alias = "clearOutgoingUrl")]
    #[doc(alias = "setSipgateIoUrls")]
    pub async fn clear_outgoing_url(&self) -> Result<WebhookSettings> {
        self.modify(|s| s.outgoing_url.clear()).await
    }

    /// Lets only the calls of these phoneline (`p…`) and group (`g…`) extensions trigger
    /// webhooks. See [Read-modify-write](Self#read-modify-write).
    ///
    /// ```no_run
    /// use sipgateio_webhook_settings::{ExtensionId, WebhookSettingsExt};
    ///
    /// # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
    /// let written = client
    ///     .webhook_settings()
    ///     .set_whitelist(["p0", "g1"].map(ExtensionId::new))
    ///     .await?;
    /// assert_eq!(written.whitelist.map(|list| list.len()), Some(2));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming the first bad entry
    /// as `whitelist[i]` (no request sent); otherwise those of [`get`](Self::get).
    #[doc(alias = "setWhitelist")]
    #[doc(alias = "setSipgateIoUrls")]
    pub async fn set_whitelist<I>(&self, extensions: I) -> Result<WebhookSettings>
    where
        I: IntoIterator<Item = ExtensionId>,
    {
        let extensions: Vec<ExtensionId> = extensions.into_iter().collect();
        validate::whitelist(&extensions)?;
        self.modify(|s| s.whitelist = Some(extensions)).await
    }

    /// Sets an empty whitelist (`[]`): no extension triggers webhooks any more.
    /// See [Read-modify-write](Self#read-modify-write).
    ///
    /// # Errors
    /// Those of [`get`](Self::get), for the `GET` or the `PUT`.
    #[doc(alias = "clearWhitelist")]
    #[doc(alias = "setSipgateIoUrls")]
    pub async fn clear_whitelist(&self) -> Result<WebhookSettings> {
        self.modify(|s| s.whitelist = Some(Vec::new())).await
    }

    /// Removes the whitelist (`null`): every phoneline and group triggers webhooks again.
    /// See [Read-modify-write](Self#read-modify-write).
    ///
    /// # Errors
    /// Those of [`get`](Self::get), for the `GET` or the `PUT`.
    #[doc(alias = "disableWhitelist")]
    #[doc(alias = "setSipgateIoUrls")]
    pub async fn disable_whitelist(&self) -> Result<WebhookSettings> {
        self.modify(|s| s.whitelist = None).await
    }

    /// Switches sipgate's log of sent webhooks on (shown in the web console).
    /// See [Read-modify-write](Self#read-modify-write).
    ///
    /// # Errors
    /// Those of [`get`](Self::get), for the `GET` or the `PUT`.
    #[doc(alias = "setLog")]
    #[doc(alias = "setSipgateIoUrls")]
    pub async fn enable_log(&self) -> Result<WebhookSettings> {
        self.modify(|s| s.log = true).await
    }

    /// Switches sipgate's log of sent webhooks off.
    /// See [Read-modify-write](Self#read-modify-write).
    ///
    /// # Errors
    /// Those of [`get`](Self::get), for the `GET` or the `PUT`.
    #[doc(alias = "setLog")]
    #[doc(alias = "setSipgateIoUrls")]
    pub async fn disable_log(&self) -> Result<WebhookSettings> {
        self.modify(|s| s.log = false).await
    }

    /// Reads the settings, applies `change` and writes the whole object back.
    async fn modify(&self, change: impl FnOnce(&mut WebhookSettings)) -> Result<WebhookSettings> {
        let _turn = READ_MODIFY_WRITE.lock().await;
        let mut settings = self.get().await?;
        change(&mut settings);
        let request = Request::put(PATH)
            .json(&settings)?
            .on_status(403, NOT_BOOKED);
        self.client.send_no_content(request).await?;
        Ok(settings)
    }
}

/// Adds [`webhook_settings`](WebhookSettingsExt::webhook_settings) to the core [`Client`].
pub trait WebhookSettingsExt {
    /// The webhook settings API of this client.
    fn webhook_settings(&self) -> WebhookSettingsClient;
}

impl WebhookSettingsExt for Client {
    fn webhook_settings(&self) -> WebhookSettingsClient {
        WebhookSettingsClient::new(self)
    }
}
