//! The core of the sipgate.io Rust SDK: an authenticated, retrying HTTP [`Client`] for the
//! sipgate REST API (`https://api.sipgate.com/v2`), the one [`Error`] type of every REST
//! crate, [`Pagination`] with a lazily paging stream, and the [`validate`] functions every
//! crate shares.
//!
//! Most users depend on the `sipgateio` facade or on one domain crate (`sipgateio-sms`,
//! `sipgateio-fax`, …), which re-export what they need from here.
//!
//! # Example
//!
//! ```
//! use std::time::Duration;
//! use sipgateio_core::{Client, Error, ErrorKind, RetryPolicy};
//!
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .request_timeout(Duration::from_secs(10))
//!     .retry_policy(RetryPolicy::default().max_attempts(4))
//!     .build()?;
//!
//! // The token never shows up in debug output or errors.
//! assert!(!format!("{client:?}").contains("195d5a7c"));
//!
//! // Bad input is rejected before any request is sent, naming the field.
//! let error = Client::builder().personal_access_token("token-1", "x").build().unwrap_err();
//! assert_eq!(error.kind(), ErrorKind::InvalidInput);
//! assert_eq!(error.invalid_field(), Some("token_id"));
//! # Ok::<(), Error>(())
//! ```
//!
//! Talking to the API is async (tokio). [`Client::from_env`] reads the credentials from
//! `SIPGATE_TOKEN_ID` and `SIPGATE_TOKEN` (or `SIPGATE_OAUTH_TOKEN`):
//!
//! ```no_run
//! # async fn run() -> Result<(), sipgateio_core::Error> {
//! let client = sipgateio_core::Client::from_env()?;
//! let me = client.get_authenticated_webuser_id().await?; // a WebuserId
//! for user in client.list_web_users().await? {
//!     let marker = if user.id == me { " (me)" } else { "" };
//!     println!("{} {} <{}>{marker}", user.firstname, user.lastname, user.email);
//! }
//! # Ok(()) }
//! ```
//!
//! # What is where
//!
//! The root holds what an application calls: [`Client`] and its [`ClientBuilder`],
//! [`Credentials`] and [`Secret`], the [`TokenSource`] extension point for tokens that renew
//! themselves (implemented by the `sipgateio-oauth` crate), the [`Error`] with its
//! [`ErrorKind`] and context structs, [`RetryPolicy`], [`Pagination`], [`Page`] and [`ItemStream`], the account look-ups
//! ([`UserInfo`], [`Webuser`]), the [`validate`] functions and the id newtypes of every part
//! ([`WebuserId`], [`DeviceId`], [`CallId`], … from `sipgateio-types`). [`chrono`] is
//! re-exported because the API takes and returns `chrono::DateTime<Utc>`.
//!
//! # Ids
//!
//! Every id the API returns or takes is its own type: a [`WebuserId`] cannot be passed where a
//! [`DeviceId`] is expected. Ids are built explicitly from a string (there is no
//! `From<&str>`), compare with strings and print as the plain id:
//!
//! ```
//! use sipgateio_core::{DeviceId, WebuserId};
//!
//! let user = WebuserId::new("w0");
//! assert_eq!(user, "w0");
//! assert_eq!(user.to_string(), "w0");
//! assert_ne!(user.as_str(), DeviceId::new("e0").as_str());
//! ```
//!
//! Building blocks for crate authors (requests, responses, queries, paging) live in
//! [`transport`].

mod builder;
mod client;
mod credentials;
mod error;
mod headers;
mod pagination;
mod query;
mod request;
mod retry;
mod secret;
mod sendable;
mod token_source;
mod users;

pub mod timer;
pub mod transport;
pub mod validate;

pub use builder::{ClientBuilder, DEFAULT_BASE_URL};
pub use client::Client;
pub use credentials::Credentials;
pub use error::{
    ApiError, ConfigError, CredentialsError, DecodeError, Error, ErrorKind, InvalidInput,
    PreconditionError, Result, TimeoutError, TransportError,
};
pub use headers::SDK_VERSION;
pub use pagination::{ItemStream, Page, Pagination};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use token_source::{TokenFuture, TokenSource};
pub use users::{UserInfo, Webuser};

/// The id newtypes of every part of the SDK (from `sipgateio-types`): one type per kind of id,
/// built explicitly with `new`, so two ids in one call cannot be swapped.
pub use sipgateio_types::{
    AddressId, CallId, ContactId, DeviceId, ExtensionId, FaxlineId, GreetingId, GroupId,
    HistoryEntryId, IvrId, NotificationId, NumberId, OauthClientId, ParallelForwardingId,
    PhonelineId, RecordingId, SimId, SmsCallerIdId, SmsExtensionId, VoicemailId, WebuserId,
};

/// The date and time library of the SDK's signatures (`chrono::DateTime<Utc>`), re-exported
/// so that your `chrono` and the SDK's are always the same.
pub use chrono;
