//! Real-time call manipulation (RTCM) for the [sipgate.io](https://www.sipgate.io) Rust SDK:
//! list the account's established calls and mute, record, announce into, transfer, send DTMF
//! to, hold and hang up any of them while they run.
//!
//! Call ids come from [`RtcmClient::calls`], from the `callId` of webhook events
//! (`sipgateio-webhook`) or from the session id of a call started with `sipgateio-call`.
//!
//! # Example
//!
//! Inputs are checked before anything is sent, and each error names the bad argument:
//!
//! ```
//! use sipgateio_core::Client;
//! use sipgateio_rtcm::{RtcmExt, dtmf_sequence};
//!
//! # tokio::runtime::Runtime::new().expect("runtime").block_on(async {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .base_url("http://127.0.0.1:9") // nothing listens here: validation fails first
//!     .build()?;
//!
//! let error = client.rtcm().send_dtmf("call-1", "1 2").await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("sequence"));
//! let error = client.rtcm().transfer("call-1", "0211 1234", false).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("phone_number"));
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
//! use sipgateio_rtcm::RtcmExt;
//!
//! # async fn run(client: Client) -> Result<(), Error> {
//! let rtcm = client.rtcm();
//! for call in rtcm.calls().await? {
//!     rtcm.record(&call.call_id, true, true).await?;
//!     rtcm.announce(&call.call_id, "https://example.com/welcome.wav").await?;
//!     rtcm.transfer(&call.call_id, "+4921100000", false).await?;
//! }
//! match rtcm.hang_up("gone").await {
//!     Err(Error::NotFound(_)) => println!("the call has already ended"),
//!     other => other?,
//! }
//! # Ok(()) }
//! ```
//!
//! # Differences from the Node library
//!
//! - `transfer` validates the target phone number (E.164) and `announce` checks that the URL
//!   is an absolute `http(s)` URL before sending; Node sends anything.
//! - Call ids are percent-encoded into the path and an empty id is rejected; Node puts
//!   `undefined` into the path.
//! - A 404 is [`Error::NotFound`](sipgateio_core::Error::NotFound) with the meaning "call not
//!   found", and the server's error message is kept; 409 on `hold` says the call is not
//!   established yet.

mod client;
mod dtmf;
mod model;

pub use client::{CALL_NOT_FOUND, RtcmClient, RtcmExt};
pub use dtmf::dtmf_sequence;
pub use model::{Call, Participant};
