//! Real-time call manipulation (RTCM) for the [sipgate.io](https://www.sipgate.io) Rust SDK:
//! list the account's established calls and mute, record, announce into, transfer, send DTMF
//! to, hold and hang up any of them while they run.
//!
//! Calls are named by a [`CallId`]: from [`RtcmClient::list`], from the `callId` of webhook
//! events (`sipgateio-webhook`) or from the session of a call started with `sipgateio-call`.
//! Switches come as verb pairs — [`mute`](RtcmClient::mute) / [`unmute`](RtcmClient::unmute),
//! [`hold`](RtcmClient::hold) / [`resume`](RtcmClient::resume),
//! [`start_recording`](RtcmClient::start_recording) /
//! [`stop_recording`](RtcmClient::stop_recording) — and choices as small enums
//! ([`RecordingAnnouncement`], [`Transfer`]), so no call reads `true, false`.
//!
//! # Example
//!
//! Inputs are checked before anything is sent, and each error names the bad argument: the
//! transfer target must be an E.164 phone number, the DTMF sequence `0`–`9`, `A`–`D`, `#`, `*`
//! and the announcement an absolute `http(s)` URL. Call ids are percent-encoded into the path;
//! an empty one is refused.
//!
//! ```
//! use sipgateio_core::Client;
//! use sipgateio_rtcm::{CallId, RtcmExt, Transfer, dtmf_sequence};
//!
//! # tokio::runtime::Runtime::new().expect("runtime").block_on(async {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .base_url("http://127.0.0.1:9") // nothing listens here: validation fails first
//!     .build()?;
//! let call = CallId::new("call-1");
//!
//! let error = client.rtcm().send_dtmf(&call, "1 2").await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("sequence"));
//! let error = client.rtcm().transfer(&call, "0211 1234", Transfer::Blind).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("phone_number"));
//! let error = client.rtcm().mute(&CallId::new("")).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("call_id"));
//!
//! // Lower-case a–d are accepted and sent upper-cased.
//! assert_eq!(dtmf_sequence("12ab#*")?, "12AB#*");
//! # Ok::<(), sipgateio_core::Error>(())
//! # })?;
//! # Ok::<(), sipgateio_core::Error>(())
//! ```
//!
//! Working with live calls:
//!
//! ```no_run
//! use sipgateio_core::{Client, Error};
//! use sipgateio_rtcm::{CallId, RecordingAnnouncement, RtcmExt, Transfer};
//!
//! # async fn run(client: Client) -> Result<(), Error> {
//! let rtcm = client.rtcm();
//! for call in rtcm.list().await? {
//!     rtcm.start_recording(&call.call_id, RecordingAnnouncement::Play).await?;
//!     rtcm.announce(&call.call_id, "https://example.com/welcome.wav").await?;
//!     rtcm.transfer(&call.call_id, "+4921100000", Transfer::Blind).await?;
//! }
//! // A call that has ended (or never existed) is `Error::NotFound`: "the requested call could
//! // not be found (it may have ended)".
//! match rtcm.hang_up(&CallId::new("gone")).await {
//!     Err(Error::NotFound(_)) => println!("the call has already ended"),
//!     other => other?,
//! }
//! # Ok(()) }
//! ```

mod client;
mod dtmf;
mod model;
mod options;

pub use client::{RtcmClient, RtcmExt};
pub use dtmf::dtmf_sequence;
pub use model::{Call, Participant};
pub use options::{RecordingAnnouncement, Transfer};
pub use sipgateio_types::CallId;
