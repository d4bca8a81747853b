//! Send and schedule SMS with the [sipgate.io](https://www.sipgate.io) Rust SDK, list SMS
//! extensions and manage their sender caller ids.
//!
//! A [`ShortMessage`] is sent either by an SMS extension of the account
//! ([`ShortMessage::via_extension`] with an [`SmsExtensionId`] such as `s0`) or from a
//! verified sender phone number ([`ShortMessage::from_number`]). [`SmsClient::send`] sends now,
//! [`SmsClient::schedule`] up to 30 days ahead (sent to the API as whole Unix seconds).
//!
//! SMS extensions and their sender caller ids belong to a web user, so each of those functions
//! comes as a pair: `list_extensions()` for the authenticated user and
//! `list_extensions_of(&user)` for a given [`WebuserId`], likewise `list_caller_ids`,
//! `create_caller_id`, `verify_caller_id`, `set_default_caller_id`, `delete_caller_id` and
//! `set_extension_alias`. A caller id is named by its [`SmsCallerIdId`], which
//! [`SmsCallerId::id`] carries.
//!
//! Every input is checked before anything is sent, with the error naming the field: the SMS
//! extension (`s<n>`), the sender and recipient numbers (E.164), a non-blank message, the
//! send time, the verification code. API errors keep the server's message next to the SMS
//! meaning of the status: 402 insufficient funds, 403 invalid SMS extension or sender not
//! allowed. Sending from a number needs it to be a verified caller id of one of the
//! authenticated user's SMS extensions; otherwise the send is an [`Error::Precondition`] and no
//! SMS is sent.
//!
//! # Example
//!
//! Messages are checked before anything is sent, and each error names the bad field:
//!
//! ```
//! use chrono::{TimeDelta, Utc};
//! use sipgateio_core::Client;
//! use sipgateio_sms::{ShortMessage, SmsExt, SmsExtensionId};
//!
//! # tokio_block_on(async {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .base_url("http://127.0.0.1:9") // nothing listens here: validation fails first
//!     .build()?;
//! let s0 = SmsExtensionId::new("s0");
//!
//! let no_plus = ShortMessage::via_extension(s0.clone(), "015739777777", "Hello");
//! let error = client.sms().send(&no_plus).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("to"));
//!
//! let hello = ShortMessage::via_extension(s0.clone(), "+4915739777777", "Hello");
//! let too_late = Utc::now() + TimeDelta::days(31);
//! let error = client.sms().schedule(&hello, too_late).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("send_at"));
//!
//! // Checked before the authenticated user is even looked up.
//! let error = client.sms().create_caller_id(&s0, "0157 999").await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("phone_number"));
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
//! use sipgateio_sms::{ShortMessage, SmsExt, SmsExtensionId};
//!
//! # async fn run(client: Client) -> Result<(), Error> {
//! let sms = client.sms();
//! let s0 = SmsExtensionId::new("s0");
//! sms.send(&ShortMessage::via_extension(s0.clone(), "+4915739777777", "Hello")).await?;
//!
//! // From a verified sender number: the default sender is swapped and always restored.
//! let from_mobile = ShortMessage::from_number("+4915799912345", "+4915739777777", "Hi!");
//! sms.schedule(&from_mobile, Utc::now() + TimeDelta::hours(2)).await?;
//!
//! // Register and verify a new sender number of your own SMS extension.
//! sms.create_caller_id(&s0, "+4915799912345").await?;
//! for caller_id in sms.list_caller_ids(&s0).await? {
//!     if caller_id.phonenumber == "+4915799912345" && !caller_id.verified {
//!         sms.verify_caller_id(&s0, &caller_id.id, "123456").await?;
//!     }
//! }
//! # Ok(()) }
//! ```
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
pub use sipgateio_types::{SmsCallerIdId, SmsExtensionId, WebuserId};
