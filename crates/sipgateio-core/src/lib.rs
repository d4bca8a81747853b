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
//! use sipgateio_core::{Client, Error, RetryPolicy};
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
//! assert!(matches!(error, Error::InvalidInput { ref field, .. } if field == "token_id"));
//! # Ok::<(), Error>(())
//! ```
//!
//! Talking to the API is async (tokio):
//!
//! ```no_run
//! # async fn run(client: sipgateio_core::Client) -> Result<(), sipgateio_core::Error> {
//! let me = client.get_authenticated_webuser_id().await?;
//! for user in client.get_web_users().await? {
//!     println!("{} {} <{}>", user.firstname, user.lastname, user.email);
//! }
//! # Ok(()) }
//! ```
//!
//! # Conventions for domain crates
//!
//! Each domain crate (`sipgateio-sms`, …) defines a small client holding a clone of
//! [`Client`] and an extension trait that adds an accessor to [`Client`]:
//!
//! ```
//! use sipgateio_core::{Client, Request, Result};
//!
//! /// Access to the numbers API.
//! #[derive(Clone, Debug)]
//! pub struct NumbersClient { client: Client }
//!
//! impl NumbersClient {
//!     pub fn new(client: &Client) -> Self { Self { client: client.clone() } }
//!     pub async fn count(&self) -> Result<usize> {
//!         let page: sipgateio_core::Page<serde_json::Value> = self.client
//!             .send(Request::get("numbers").on_status(403, "numbers not readable"))
//!             .await?;
//!         Ok(page.items.len())
//!     }
//! }
//!
//! pub trait NumbersExt { fn numbers(&self) -> NumbersClient; }
//! impl NumbersExt for Client {
//!     fn numbers(&self) -> NumbersClient { NumbersClient::new(self) }
//! }
//! ```
//!
//! Domain meanings of statuses go on the request with [`Request::on_status`]; they appear in
//! the error's `Display` while the variant ([`Error::Forbidden`], …) stays matchable.

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
mod users;
pub mod validate;

pub use builder::{
    ClientBuilder, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
};
pub use client::Client;
pub use credentials::Credentials;
pub use error::{ApiError, Error, Result};
pub use headers::{SDK_NAME, SDK_VERSION, client_info};
pub use pagination::{ItemStream, MAX_PAGES, Page, Pagination, paginate};
pub use query::{Query, path_segment};
pub use request::{Method, Request, Response, decode_json};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use users::{UserInfo, Webuser};

/// Re-exported so users can pass a custom `reqwest::Client` to
/// [`ClientBuilder::http_client`] without depending on reqwest themselves.
pub use reqwest;
