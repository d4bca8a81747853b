//! Send PDF faxes with the [sipgate.io](https://www.sipgate.io) Rust SDK, resend them, follow
//! their status until they are done, and administer fax lines: list, create, delete, rename,
//! set their tagline and caller id, list the numbers routed to them.
//!
//! # Example
//!
//! Faxes are checked before anything is sent, and each error names the bad field:
//!
//! ```
//! use sipgateio_core::Client;
//! use sipgateio_fax::{Fax, FaxExt, FaxlineId};
//!
//! # tokio_block_on(async {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .base_url("http://127.0.0.1:9") // nothing listens here: validation fails first
//!     .build()?;
//!
//! let not_a_pdf = Fax::new(FaxlineId::new("f0"), "+4921100000", b"Dear Sir or Madam".to_vec());
//! let error = client.fax().send(&not_a_pdf).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("content"));
//!
//! let wrong_line = Fax::new(FaxlineId::new("p0"), "+4921100000", b"%PDF-1.4\n%%EOF".to_vec());
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
//! let faxline = client.fax().list_faxlines().await?.into_iter().find(|line| line.can_send);
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
//! Administering the fax lines of a web user (each function has an `…_of(&WebuserId, …)`
//! twin for another user):
//!
//! ```no_run
//! use sipgateio_core::{Client, Error};
//! use sipgateio_fax::FaxExt;
//!
//! # async fn run(client: Client) -> Result<(), Error> {
//! let line = client.fax().create_faxline().await?;
//! client.fax().set_faxline_alias(&line.id, "Accounting").await?;
//! client.fax().set_faxline_tagline(&line.id, "Example Ltd. Accounting").await?;
//! client.fax().set_faxline_caller_id(&line.id, "+4921112345678").await?;
//! for number in client.fax().list_faxline_numbers(&line.id).await? {
//!     println!("{} rings {}", number.number, line.id);
//! }
//! client.fax().delete_faxline(&line.id).await?;
//! # Ok(()) }
//! ```
//!
//! # Ids
//!
//! A fax line is a [`FaxlineId`] ([`Faxline::id`], what [`Fax::new`] takes); the lines of
//! another web user are [`FaxClient::list_faxlines_of`] a [`WebuserId`]. A sent fax is a
//! [`HistoryEntryId`] ([`FaxSession::session_id`]): the fax *is* an entry of the history, so
//! the same id works with `sipgateio-history`. Build ids from strings with `new`
//! (`FaxlineId::new("f0")`).
//!
//! # Checks before sending
//!
//! Every check is an error of the returned future ([`Error::InvalidInput`](sipgateio_core::Error::InvalidInput),
//! naming the field) and nothing is sent: the fax line must be a fax extension (`f<n>`), the
//! recipient a phone number in E.164 form, the document a PDF ([`check_pdf`]: `%PDF-` at the
//! start, a `%%EOF` marker, at most [`MAX_PDF_BYTES`]). A missing file name becomes
//! [`default_filename`] in the request without changing your [`Fax`].
//!
//! The status is the `faxStatusType` of the fax's history entry, a [`FaxStatus`] with an
//! [`Unknown`](FaxStatus::Unknown) fallback for states this version does not know.

mod client;
mod fax;
mod faxlines;
mod meaning;
mod model;
mod wait;

pub use client::{FaxClient, FaxExt};
pub use fax::{Fax, MAX_PDF_BYTES, check_pdf, default_filename};
pub use model::{FaxSession, Faxline, FaxlineNumber};
pub use sipgateio_types::{FaxStatus, FaxlineId, HistoryEntryId, WebuserId};
pub use wait::PollOptions;
