//! The voicemail boxes of a sipgate account, for the sipgate.io Rust SDK.
//!
//! [`VoicemailsClient::list`] reads `GET /voicemails`: every [`Voicemail`] box with its
//! [`VoicemailId`] and the extension ([`Endpoint`]: an [`ExtensionId`] and its
//! [`EndpointType`]) it belongs to. [`VoicemailsClient::get`] reads one box with its settings
//! ([`VoicemailDetails`]: transcription, active greeting, access number). The recorded messages
//! themselves are history entries of type `VOICEMAIL` (see `sipgateio-history`).
//!
//! Recording sessions are calls that ring one of your devices:
//! [`record_greeting`](VoicemailsClient::record_greeting) records a new greeting of a box
//! ([`GreetingRecording`]), [`record_ivr_message`](VoicemailsClient::record_ivr_message) a
//! message of the account's IVR ([`IvrRecording`]), and
//! [`play_recording`](VoicemailsClient::play_recording) plays a stored recording
//! ([`RecordingId`]). Each returns a [`RecordingSession`] whose id is the call's [`CallId`].
//!
//! `GET /voicemails` takes no web user: it lists the boxes the credentials may read, so there is
//! no `list_of(&WebuserId)`. A box belongs to an extension — usually a phoneline, sometimes a
//! group or a web user — which [`Endpoint`] names.
//!
//! # Example
//!
//! ```
//! use sipgateio_core::{Client, Error};
//! use sipgateio_voicemails::{DeviceId, GreetingRecording, VoicemailId, VoicemailsExt};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Error> {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .build()?;
//!
//! // An empty id is rejected before any request is sent.
//! let error = client.voicemails().get(&VoicemailId::new("")).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("voicemail_id"));
//!
//! // So is a recording call that would ring a phoneline instead of a device.
//! let call = GreetingRecording::new(DeviceId::new("p0"), VoicemailId::new("v0"));
//! let error = client.voicemails().record_greeting(&call).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("device_id"));
//! # Ok(()) }
//! ```
//!
//! Against the API:
//!
//! ```no_run
//! use sipgateio_voicemails::VoicemailsExt;
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
//! A 401 is [`Error::Unauthorized`](sipgateio_core::Error::Unauthorized); a 403 is
//! [`Error::Forbidden`](sipgateio_core::Error::Forbidden) saying that the voicemail feature is
//! not booked or a scope is missing, with the server's message; a 404 of
//! [`get`](VoicemailsClient::get) is [`Error::NotFound`](sipgateio_core::Error::NotFound).
//! Endpoint types the SDK does not know yet are kept in [`EndpointType::Unknown`].

mod client;
mod model;
mod recording;

pub use client::{VoicemailsClient, VoicemailsExt};
pub use model::{Endpoint, EndpointType, Voicemail, VoicemailDetails};
pub use recording::{GreetingRecording, IvrRecording, RecordingSession};
pub use sipgateio_types::{
    CallId, DeviceId, ExtensionId, GreetingId, IvrId, RecordingId, VoicemailId,
};
