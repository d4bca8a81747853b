//! Building blocks for crate authors: what a domain crate (`sipgateio-sms`, the generated
//! `sipgateio-account`, or your own crate for an endpoint the SDK does not cover yet) uses to
//! talk to the API through a [`Client`](crate::Client).
//!
//! Applications rarely need this module: the domain crates' clients (`client.sms()`,
//! `client.history()`, …) are the user API.
//!
//! A request is a [`Method`], a path relative to the base URL, a [`Query`], an optional JSON
//! body and per-request settings. [`Client::send`](crate::Client::send) decodes the answer
//! (mismatches become an [`Error::Decode`](crate::Error::Decode) naming the JSON path, see
//! [`decode_json`]), [`Client::execute`](crate::Client::execute) returns the [`Response`], and
//! [`paginate`] turns a page-fetching function into a lazy
//! [`ItemStream`](crate::ItemStream).
//!
//! ```
//! use sipgateio_core::transport::{Request, path_segment};
//! use sipgateio_core::{Client, Page, Result};
//!
//! /// Access to the numbers API.
//! #[derive(Clone, Debug)]
//! pub struct NumbersClient {
//!     client: Client,
//! }
//!
//! impl NumbersClient {
//!     pub fn new(client: &Client) -> Self {
//!         Self { client: client.clone() }
//!     }
//!
//!     pub async fn count(&self) -> Result<usize> {
//!         let page: Page<serde_json::Value> = self
//!             .client
//!             .send(Request::get("numbers").on_status(403, "numbers not readable"))
//!             .await?;
//!         Ok(page.items.len())
//!     }
//!
//!     pub async fn delete(&self, id: &str) -> Result<()> {
//!         // Ids go into the path percent-encoded; an empty id is rejected, naming the field.
//!         let path = format!("numbers/{}", path_segment("id", id)?);
//!         self.client.send_no_content(Request::delete(path)).await
//!     }
//! }
//!
//! /// Adds `numbers()` to the core client.
//! pub trait NumbersExt {
//!     /// The numbers API.
//!     fn numbers(&self) -> NumbersClient;
//! }
//!
//! impl NumbersExt for Client {
//!     fn numbers(&self) -> NumbersClient {
//!         NumbersClient::new(self)
//!     }
//! }
//! ```
//!
//! Domain meanings of statuses go on the request with [`Request::on_status`]; they appear in
//! the error's `Display` and [`ApiError::context`](crate::ApiError::context) while the
//! variant ([`Error::Forbidden`](crate::Error::Forbidden), …) stays matchable.

pub use crate::headers::{SDK_NAME, client_info};
pub use crate::pagination::paginate;
pub use crate::query::{Query, path_segment};
pub use crate::request::{Method, Request, Response, decode_json};
