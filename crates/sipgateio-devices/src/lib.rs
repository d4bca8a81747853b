//! The devices of a sipgate web user, for the sipgate.io Rust SDK.
//!
//! [`DevicesClient::list`] reads the authenticated user's devices,
//! [`DevicesClient::list_of`] those of a given [`WebuserId`] (`GET /{userId}/devices`): each
//! [`Device`] with its [`DeviceId`], its [`DeviceType`] (registered VoIP phone, mobile, external
//! phone, or [`DeviceType::Unknown`] for kinds added later), its online and do-not-disturb
//! state, and the phonelines and groups ([`ActiveRouting`]) whose calls ring on it.
//!
//! # Example
//!
//! ```
//! use sipgateio_core::{Client, Error};
//! use sipgateio_devices::{DevicesExt, WebuserId};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Error> {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .build()?;
//!
//! // An empty web user id is rejected before any request is sent.
//! let error = client.devices().list_of(&WebuserId::new("")).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("webuser_id"));
//! # Ok(()) }
//! ```
//!
//! Against the API:
//!
//! ```no_run
//! use sipgateio_devices::{DevicesExt, WebuserId};
//!
//! # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
//! for device in client.devices().list().await? {
//!     let lines: Vec<&str> = device.active_phonelines.iter().map(|p| p.id.as_str()).collect();
//!     println!("{} {:?} online={} rings for {lines:?}", device.id, device.device_type, device.online);
//! }
//! let colleague = client.devices().list_of(&WebuserId::new("w1")).await?;
//! # Ok(()) }
//! ```
//!
//! A 401 is [`Error::Unauthorized`](sipgateio_core::Error::Unauthorized), a 403
//! [`Error::Forbidden`](sipgateio_core::Error::Forbidden) (the credentials may not read that
//! user's devices) and a 404 [`Error::NotFound`](sipgateio_core::Error::NotFound) (no such web
//! user), each with the server's message. `activePhonelines` and `activeGroups` are empty lists
//! when the API leaves them out.

mod client;
mod model;

pub use client::{DevicesClient, DevicesExt};
pub use model::{ActiveRouting, Device, DeviceType};
pub use sipgateio_types::{DeviceId, GroupId, PhonelineId, WebuserId};
