//! The account-wide sipgate.io webhook settings, for the sipgate.io Rust SDK.
//!
//! sipgate posts call events to the URLs set here: [`WebhookSettingsClient`] reads the
//! [`WebhookSettings`] and sets or clears the incoming and outgoing URL, sets, clears or
//! disables the extension whitelist and enables or disables the webhook log. The webhook
//! server itself is in `sipgateio-webhook`.
//!
//! Whitelist entries are [`ExtensionId`]s of phonelines (`p0`) and groups (`g1`), checked
//! before anything is sent. A 403 on any request means sipgate.io is not booked for the
//! account (or the token lacks a scope): the core
//! [`Error::Forbidden`](sipgateio_core::Error::Forbidden), keeping the server's message.
//!
//! # Example
//!
//! ```
//! use sipgateio_core::{Client, Error};
//! use sipgateio_webhook_settings::{ExtensionId, WebhookSettingsExt};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Error> {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .build()?;
//! let settings = client.webhook_settings();
//!
//! // Bad input is rejected before any request is sent, naming the field.
//! let error = settings.set_incoming_url("ftp://example.com").await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("incoming_url"));
//!
//! let error = settings.set_whitelist(["p0", "e3"].map(ExtensionId::new)).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("whitelist[1]"));
//! assert_eq!(error.to_string().matches("e3").count(), 1);
//! # Ok(()) }
//! ```
//!
//! Against the API:
//!
//! ```no_run
//! use sipgateio_webhook_settings::{ExtensionId, WebhookSettingsExt};
//!
//! # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
//! let settings = client.webhook_settings();
//! settings.set_incoming_url("https://example.com/sipgate/incoming").await?;
//! let only = [ExtensionId::new("p0"), ExtensionId::new("g1")];
//! settings.set_whitelist(only.clone()).await?;
//! let written = settings.enable_log().await?;
//! assert!(written.log);
//! assert_eq!(written.whitelist.as_deref(), Some(&only[..]));
//! # Ok(()) }
//! ```
//!
//! # Read-modify-write
//!
//! The API only replaces the settings as a whole, so each setter reads them (`GET
//! /settings/sipgateio`), changes one field and writes all of them back (`PUT`). Fields it
//! does not change are written back as read, including fields this SDK version does not
//! know. This is **not atomic**: a change made elsewhere between the
//! `GET` and the `PUT` (the web console, another program or machine) is overwritten. Setters
//! called concurrently in one process wait for each other, so they do not lose each other's
//! changes. Each setter returns the settings as it wrote them.
//!
mod client;
mod model;
mod validate;

pub use client::{WebhookSettingsClient, WebhookSettingsExt};
pub use model::WebhookSettings;
pub use sipgateio_types::ExtensionId;
