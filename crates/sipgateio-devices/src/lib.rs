//! The devices of a sipgate web user, for the sipgate.io Rust SDK.
//!
//! [`DevicesClient::list`] reads `GET /{userId}/devices`: each [`Device`] with its
//! [`DeviceType`] (registered VoIP phone, mobile, external phone, or
//! [`DeviceType::Unknown`] for kinds added later), its online and do-not-disturb state, and
//! the phonelines and groups ([`ActiveRouting`]) whose calls ring on it.
//!
//! # Example
//!
//! ```
//! use sipgateio_core::{Client, Error};
//! use sipgateio_devices::DevicesExt;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Error> {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .build()?;
//!
//! // An empty web user id is rejected before any request is sent.
//! let error = client.devices().list("").await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("webuser_id"));
//! # Ok(()) }
//! ```
//!
//! Against the API:
//!
//! ```no_run
//! use sipgateio_devices::DevicesExt;
//!
//! # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
//! let me = client.get_authenticated_webuser_id().await?;
//! for device in client.devices().list(&me).await? {
//!     let lines: Vec<&str> = device.active_phonelines.iter().map(|p| p.id.as_str()).collect();
//!     println!("{} {:?} online={} rings for {lines:?}", device.id, device.device_type, device.online);
//! }
//! # Ok(()) }
//! ```
//!
//! # Differences from the Node library
//!
//! - Node maps no error statuses of `getDevices` (Node bug 22): a 401, 403 or 404 there is
//!   just "Request failed with status code N". Here they are
//!   [`Error::Unauthorized`](sipgateio_core::Error::Unauthorized),
//!   [`Error::Forbidden`](sipgateio_core::Error::Forbidden) (the credentials may not read that
//!   user's devices) and [`Error::NotFound`](sipgateio_core::Error::NotFound) (no such web
//!   user), each with the server's message.
//! - The web user id is percent-encoded into the path, and an empty one is rejected before
//!   any request (Node would request `GET /devices`).
//! - `activePhonelines` and `activeGroups` are empty lists when the API leaves them out.

mod client;
mod model;

pub use client::{DevicesClient, DevicesExt};
pub use model::{ActiveRouting, Device, DeviceType};
