//! Initiate calls (click-to-dial) with the [sipgate.io](https://www.sipgate.io) Rust SDK:
//! sipgate rings one of your phones and, once it is picked up, calls the callee.
//!
//! A [`NewCall`] names the callee, the caller (an extension such as `e14` or a phone number),
//! optionally the number the callee sees ([`caller_id`](NewCall::caller_id)) and the device
//! that rings first ([`device_id`](NewCall::device_id), a [`DeviceId`]).
//! [`CallClient::initiate`] returns a [`CallSession`] whose `session_id` is the [`CallId`] of
//! the new call: the real-time call control (`sipgateio-rtcm`) takes it as it is.
//!
//! # Example
//!
//! Calls are checked before anything is sent, and each error names the bad field and value:
//!
//! ```
//! use sipgateio_call::{CallExt, DeviceId, NewCall};
//! use sipgateio_core::Client;
//!
//! # tokio_block_on(async {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .base_url("http://127.0.0.1:9") // nothing listens here: validation fails first
//!     .build()?;
//!
//! let call = NewCall::new("+4921123456", "+4921165432"); // from a number: needs a device
//! let error = client.call().initiate(&call).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("device_id"));
//!
//! let call = NewCall::new("+4921123456", "+4921165432").device_id(DeviceId::new("s0"));
//! let error = client.call().initiate(&call).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("device_id"));
//! assert!(error.to_string().contains("s0"));
//!
//! let call = NewCall::new("p0", "+4921165432").caller_id("0211 123");
//! let error = client.call().initiate(&call).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("caller_id"));
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
//! Calling for real:
//!
//! ```no_run
//! use sipgateio_call::{CallExt, NewCall};
//! # async fn run(client: sipgateio_core::Client) -> Result<(), sipgateio_core::Error> {
//! let call = NewCall::new("e14", "+4921165432").caller_id("+4917012345678");
//! let session = client.call().initiate(&call).await?;
//! println!("ringing e14, call {}", session.session_id);
//! # Ok(()) }
//! ```
//!
//! An empty `caller_id` or device id counts as not set and is not sent. API errors keep the
//! server's message next to the meaning of the status (400 invalid call, 402 insufficient
//! funds, 403 cannot access the extension).

mod client;
mod new_call;

pub use client::{CallClient, CallExt, CallSession};
pub use new_call::{CALLER_EXTENSION_TYPES, NewCall};
pub use sipgateio_types::{CallId, DeviceId};
