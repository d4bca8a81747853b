//! Send PDF faxes with the [sipgate.io](https://www.sipgate.io) Rust SDK, resend them, follow
//! their status until they are done, and list fax lines.
//!
//! # Example
//!
//! Faxes are checked before anything is sent, and each error names the bad field:
//!
//! ```
//! use sipgateio_core::Client;
//! use sipgateio_fax::{Fax, FaxExt};
//!
//! # tokio_block_on(async {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .base_url("http://127.0.0.1:9") // nothing listens here: validation fails first
//!     .build()?;
//!
//! let not_a_pdf = Fax::new("f0", "+4921100000", b"Dear Sir or Madam".to_vec());
//! let error = client.fax().send(&not_a_pdf).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("content"));
//!
//! let wrong_line = Fax::new("p0", "+4921100000", b"%PDF-1.4\n%%EOF".to_vec());
//! let error = client.fax().send(&wrong_line).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("faxline_id"));
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
//! Sending for real and waiting for the result:
//!
//! ```no_run
//! use std::time::Duration;
//! use sipgateio_core::{Client, Error};
//! use sipgateio_fax::{Fax, FaxExt, FaxStatus};
//!
//! # async fn run(client: Client) -> Result<(), Error> {
//! let faxline = client.fax().faxlines().await?.into_iter().find(|line| line.can_send);
//! let Some(faxline) = faxline else { return Ok(()) };
//! let pdf = std::fs::read("invoice.pdf").unwrap_or_default();
//! let fax = Fax::new(faxline.id, "+4921100000", pdf).filename("invoice.pdf");
//! let session = client.fax().send(&fax).await?;
//! match client.fax().wait_until_done(&session.session_id, Duration::from_secs(600)).await? {
//!     FaxStatus::Sent => println!("sent"),
//!     _ => { client.fax().resend(&session.session_id, None).await?; }
//! }
//! # Ok(()) }
//! ```
//!
//! # Differences from the Node library
//!
//! * Every check is an error of the returned future, never a synchronous throw, and the
//!   recipient (`to`, a phone number) and the fax line (`faxline_id`, `f<n>`) are validated
//!   too. The document must start with `%PDF-` and contain `%%EOF`; a second `%PDF-` later
//!   in the file (incremental updates, embedded PDFs) is accepted, where Node rejects it.
//!   Documents larger than the API's limit are refused before uploading them.
//! * The default file name `Fax_<UTC YYYYMMDD>_<HHMM>` is used for the request only; the
//!   caller's [`Fax`] is not changed.
//! * The status is the `faxStatusType` of the history entry, as a [`FaxStatus`] with an
//!   [`Unknown`](FaxStatus::Unknown) fallback (Node's `fetchAll` renames the field to
//!   `faxStatus`, its `fetchById` does not; here there is one name).
//! * Beyond Node: [`FaxClient::resend`] and [`FaxClient::wait_until_done`].
//! * Faxline listing maps its errors (403 not booked, 404 unknown user) like every other call;
//!   Node passes raw HTTP errors through.

mod client;
mod fax;
mod meaning;
mod model;
mod wait;

pub use client::{FaxClient, FaxExt};
pub use fax::{Fax, MAX_PDF_BYTES, check_pdf, default_filename};
pub use model::{FaxSession, Faxline};
pub use sipgateio_types::FaxStatus;
pub use wait::PollOptions;
