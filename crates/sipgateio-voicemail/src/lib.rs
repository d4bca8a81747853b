//! The voicemail boxes of a sipgate account, for the sipgate.io Rust SDK.
//!
//! [`VoicemailsClient::list`] reads `GET /voicemails`: every [`Voicemail`] box with the
//! extension ([`Endpoint`]) it belongs to. [`VoicemailsClient::get`] reads one box with its
//! settings ([`VoicemailDetails`]: transcription, active greeting, access number), which the
//! Node library does not offer. The recorded messages themselves are history entries of type
//! `VOICEMAIL` (see `sipgateio-history`).
//!
//! # Example
//!
//! ```
//! use sipgateio_core::{Client, Error};
//! use sipgateio_voicemail::VoicemailsExt;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Error> {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .build()?;
//!
//! // An empty id is rejected before any request is sent.
//! let error = client.voicemails().get("").await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("voicemail_id"));
//! # Ok(()) }
//! ```
//!
//! Against the API:
//!
//! ```no_run
//! use sipgateio_voicemail::VoicemailsExt;
//!
//! # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
//! for voicemail in client.voicemails().list().await? {
//!     let details = client.voicemails().get(&voicemail.id).await?;
//!     println!("{} ({}): dial {:?}", voicemail.alias, voicemail.belongs_to_endpoint.extension,
//!         details.access_number);
//! }
//! # Ok(()) }
//! ```
//!
//! # Differences from the Node library
//!
//! - Node maps no error statuses of `getVoicemails` (Node bug 22): a 401 or 403 there is just
//!   "Request failed with status code 403". Here a 401 is
//!   [`Error::Unauthorized`](sipgateio_core::Error::Unauthorized) and a 403
//!   [`Error::Forbidden`](sipgateio_core::Error::Forbidden) saying that the voicemail feature
//!   is not booked or a scope is missing, with the server's message.
//! - The endpoint type is an enum ([`EndpointType`]) whose unknown values are kept, not a
//!   bare string.
//! - [`VoicemailsClient::get`] is new.

mod client;
mod model;

pub use client::{VoicemailsClient, VoicemailsExt};
pub use model::{Endpoint, EndpointType, Voicemail, VoicemailDetails};
