//! The account's web users and the authenticated user.

use serde::{Deserialize, Serialize};
use sipgateio_types::{DeviceId, WebuserId};

use crate::transport::Request;
use crate::{Client, Page, Result};

/// Who the credentials belong to (`GET /authorization/userinfo`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UserInfo {
    /// The authenticated web user, e.g. `w0` (the API's `sub`).
    pub sub: WebuserId,
    /// The account's domain, e.g. `sipgate.de`.
    #[serde(default)]
    pub domain: Option<String>,
    /// The account's master SIP id.
    #[serde(default)]
    pub master_sip_id: Option<String>,
    /// The user's locale, e.g. `de_DE`.
    #[serde(default)]
    pub locale: Option<String>,
}

/// A web user of the account (`GET /users`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Webuser {
    /// The web user's id, e.g. `w0`: what the `…_of` functions of the domain crates take.
    pub id: WebuserId,
    /// First name.
    #[serde(default)]
    pub firstname: String,
    /// Last name.
    #[serde(default)]
    pub lastname: String,
    /// E-mail address.
    #[serde(default)]
    pub email: String,
    /// The user's default device, e.g. `e0`.
    #[serde(default)]
    pub default_device: Option<DeviceId>,
    /// Whether "busy on busy" is enabled.
    #[serde(default)]
    pub busy_on_busy: bool,
    /// The id of the user's address.
    #[serde(default)]
    pub address_id: Option<String>,
    /// The user's direct dial ids.
    #[serde(default)]
    pub direct_dial_ids: Vec<String>,
    /// The user's time zone, e.g. `Europe/Berlin`.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Whether the user is an admin of the account.
    #[serde(default)]
    pub admin: bool,
}

impl Client {
    /// Returns who the credentials belong to (`GET /authorization/userinfo`).
    ///
    /// # Errors
    ///
    /// [`Error::Unauthorized`](crate::Error::Unauthorized) when the credentials are not
    /// accepted, and the errors every request can have (network, timeout, server).
    #[doc(alias = "userinfo")]
    pub async fn get_userinfo(&self) -> Result<UserInfo> {
        self.send(
            Request::get("authorization/userinfo")
                .on_status(401, "the credentials were not accepted")
                .on_status(403, "the credentials lack the scope to read the user info"),
        )
        .await
    }

    /// Returns the id of the authenticated web user (`sub` of `GET /authorization/userinfo`),
    /// e.g. `w0`. Creating a client sends no request; call this to check the credentials.
    ///
    /// The `…_of(&WebuserId)` functions of the domain crates take this id; their for-me forms
    /// (`client.devices().list()`, `client.fax().list_faxlines()`, …) look it up themselves.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), sipgateio_core::Error> {
    /// use sipgateio_core::{Client, WebuserId};
    ///
    /// let client = Client::from_env()?;
    /// let me: WebuserId = client.get_authenticated_webuser_id().await?;
    /// println!("authenticated as {me}");
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`get_userinfo`](Self::get_userinfo).
    #[doc(alias = "getAuthenticatedWebuserId")]
    #[doc(alias = "userinfo")]
    pub async fn get_authenticated_webuser_id(&self) -> Result<WebuserId> {
        Ok(self.get_userinfo().await?.sub)
    }

    /// Lists every web user of the account (`GET /users`; the API returns the list whole).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), sipgateio_core::Error> {
    /// let client = sipgateio_core::Client::from_env()?;
    /// for user in client.list_web_users().await? {
    ///     println!("{} {} {}", user.id, user.firstname, user.lastname);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Unauthorized`](crate::Error::Unauthorized) when the credentials are not
    /// accepted, [`Error::Forbidden`](crate::Error::Forbidden) when they lack the scope to
    /// list users, and the errors every request can have (network, timeout, server).
    #[doc(alias = "getWebUsers")]
    #[doc(alias = "getAllUsers")]
    pub async fn list_web_users(&self) -> Result<Vec<Webuser>> {
        let page: Page<Webuser> = self
            .send(
                Request::get("users")
                    .on_status(401, "the credentials were not accepted")
                    .on_status(403, "the credentials lack the scope to list users"),
            )
            .await?;
        Ok(page.items)
    }
}
