//! Send and schedule SMS with the [sipgate.io](https://www.sipgate.io) Rust SDK, list SMS
//! extensions and manage their sender caller ids.
//!
//! A [`ShortMessage`] is sent either by an SMS extension of the account (`s0`) or from a
//! verified sender phone number. [`SmsClient::send`] sends now, [`SmsClient::schedule`] up to
//! 30 days ahead.
//!
//! # Example
//!
//! Messages are checked before anything is sent, and each error names the bad field:
//!
//! ```
//! use chrono::{TimeDelta, Utc};
//! use sipgateio_core::Client;
//! use sipgateio_sms::{ShortMessage, SmsExt};
//!
//! # tokio_block_on(async {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .base_url("http://127.0.0.1:9") // nothing listens here: validation fails first
//!     .build()?;
//!
//! let no_plus = ShortMessage::via_extension("s0", "015739777777", "Hello");
//! let error = client.sms().send(&no_plus).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("to"));
//!
//! let hello = ShortMessage::via_extension("s0", "+4915739777777", "Hello");
//! let too_late = Utc::now() + TimeDelta::days(31);
//! let error = client.sms().schedule(&hello, too_late).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("send_at"));
//! # Ok::<(), sipgateio_core::Error>(())
//! # })?;
//! # fn tokio_block_on<F: std::future::Future>(f: F) -> F::Output {
//! #     let waker = std::task::Waker::noop();
//! #     let mut cx = std::task::Context::from_waker(&waker);
//! #     let mut f = std::pin::pin!(f);
//! #     loop { if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
//! # }
//! # Ok::<(), sipgateio_core::Error>(())
//! ```
//!
//! Sending for real:
//!
//! ```no_run
//! use chrono::{TimeDelta, Utc};
//! use sipgateio_core::{Client, Error};
//! use sipgateio_sms::{ShortMessage, SmsExt};
//!
//! # async fn run(client: Client) -> Result<(), Error> {
//! let sms = client.sms();
//! sms.send(&ShortMessage::via_extension("s0", "+4915739777777", "Hello")).await?;
//!
//! // From a verified sender number: the default sender is swapped and always restored.
//! let from_mobile = ShortMessage::from_number("+4915799912345", "+4915739777777", "Hi!");
//! sms.schedule(&from_mobile, Utc::now() + TimeDelta::hours(2)).await?;
//!
//! // Register and verify a new sender number.
//! let me = client.get_authenticated_webuser_id().await?;
//! sms.add_caller_id(&me, "s0", "+4915799912345").await?;
//! for id in sms.caller_ids(&me, "s0").await? {
//!     if id.phonenumber == "+4915799912345" && !id.verified {
//!         sms.verify_caller_id(&me, "s0", id.id, "123456").await?;
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! # Differences from the Node library
//!
//! * A message with a sender number is validated like one with an SMS extension (`from`,
//!   `to` and a non-blank `message`); Node checks neither `to` nor `message` there.
//! * The default sender is restored also when the send fails, the swap is serialized per SMS
//!   extension within the process (see [`SmsClient::send`]), and it is never left half-done
//!   by a dropped future.
//! * `defaultNumber` is sent as the JSON boolean `true` (the API's type), not the string
//!   `"true"`.
//! * All of the user's SMS extensions are searched for the sender number instead of taking
//!   the first one; an account without an SMS extension gets [`Error::Precondition`], not a
//!   `TypeError`.
//! * `sendAt` is sent as whole Unix seconds (an integer, as the API declares), not as
//!   fractional seconds.
//! * `schedule` exists (Node's README advertises it, but Node only has `send(sms, sendAt)`).
//! * Caller-id and extension management Node lacks: [`SmsClient::caller_ids`],
//!   [`SmsClient::set_default_caller_id`], [`SmsClient::add_caller_id`],
//!   [`SmsClient::verify_caller_id`], [`SmsClient::delete_caller_id`],
//!   [`SmsClient::set_extension_alias`].
//! * Errors keep the server's message; a 403 reads "invalid SMS extension or sender not
//!   allowed …" as Node's `Invalid SMS extension`, 402 "insufficient funds".
//!
//! [`Error::Precondition`]: sipgateio_core::Error::Precondition

mod client;
mod meaning;
mod message;
mod model;
mod schedule;
mod swap;

pub use client::{SmsClient, SmsExt};
pub use message::{Sender, ShortMessage};
pub use model::{SmsCallerId, SmsExtension};
pub use schedule::{MAX_SCHEDULE_AHEAD, send_at_seconds};
