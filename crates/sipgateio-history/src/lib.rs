//! The history of calls, faxes, SMS and voicemails for the
//! [sipgate.io](https://www.sipgate.io) Rust SDK: list with filters, stream every matching
//! entry, fetch, update (one by one or in batches), delete, and export as CSV.
//!
//! Entries are typed: [`HistoryEntry`] is one enum over [`CallEntry`], [`FaxEntry`],
//! [`SmsEntry`] and [`VoicemailEntry`] (each with the common [`EntryBase`]), plus
//! [`HistoryEntry::Unknown`] that keeps the raw JSON of types this version does not know.
//!
//! # Example
//!
//! Filters are checked before anything is sent:
//!
//! ```
//! use chrono::{Duration, Utc};
//! use sipgateio_core::{Client, Pagination};
//! use sipgateio_history::{EntryType, HistoryExt, HistoryFilter};
//!
//! # tokio::runtime::Runtime::new().expect("runtime").block_on(async {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .base_url("http://127.0.0.1:9") // nothing listens here: validation fails first
//!     .build()?;
//!
//! let filter = HistoryFilter::new()
//!     .types([EntryType::Sms])
//!     .connection_ids(["s01"]); // leading zero: not an extension id
//! let error = client.history().fetch_all(&filter, Pagination::first(10)).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("connection_ids"));
//!
//! let last_week = HistoryFilter::new().from(Utc::now() - Duration::days(7)).to(Utc::now());
//! let error = client.history().fetch_all(&last_week, Pagination::first(5000)).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("limit")); // the API returns at most 1000
//! # Ok::<(), sipgateio_core::Error>(())
//! # })?;
//! # Ok::<(), sipgateio_core::Error>(())
//! ```
//!
//! Against the API:
//!
//! ```no_run
//! use futures_util::TryStreamExt;
//! use sipgateio_core::{Client, Error};
//! use sipgateio_history::{EntryType, HistoryEntry, HistoryEntryUpdate, HistoryExt, HistoryFilter};
//!
//! # async fn run(client: Client) -> Result<(), Error> {
//! let history = client.history();
//!
//! // Every unread SMS, paged lazily 1000 at a time.
//! let filter = HistoryFilter::new().types([EntryType::Sms]);
//! let mut entries = history.stream(&filter);
//! let mut unread = Vec::new();
//! while let Some(entry) = entries.try_next().await? {
//!     if let HistoryEntry::Sms(sms) = &entry {
//!         println!("{}: {}", sms.base.source, sms.sms_content);
//!     }
//!     if entry.base().is_some_and(|b| !b.read) {
//!         unread.push(entry);
//!     }
//! }
//! history.batch_update(&unread, |_| HistoryEntryUpdate::new().read(true)).await?;
//!
//! // The server's CSV, straight into a file.
//! let mut file = tokio::fs::File::create("history.csv").await?;
//! history.export_csv_to(&HistoryFilter::new(), Default::default(), &mut file).await?;
//! # Ok(()) }
//! ```
//!
//! # Errors
//!
//! As everywhere in the SDK, [`sipgateio_core::Error`]. Invalid input (connection ids that
//! are no extension ids, `from` after `to`, `limit` above 1000, empty ids) is
//! [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) and nothing is sent. A 400 on
//! listing or exporting says "invalid filter or pagination input", a 404 "the requested
//! history entry could not be found"; 401 and 403 are `Unauthorized` and `Forbidden`.
//!
//! # Differences from the Node library
//!
//! - The fax state is [`FaxEntry::fax_status`] everywhere (Node bug #18: `fetchAll` renamed
//!   `faxStatusType` to `faxStatus`, `fetchById` did not).
//! - Batch updates never send an empty `PUT /history` and split batches so each has fewer
//!   than 150 entries, as the API requires; Node sends one batch of any size, even `[]`.
//! - `delete_by_ids` sends nothing for an empty list and at most 100 ids per request.
//! - Extras: [`HistoryClient::stream`] over all matching entries, [`HistoryClient::fetch_page`]
//!   with the total count, [`HistoryClient::export_csv_to`] streaming into any `AsyncWrite`,
//!   and validation of `from`/`to` order, `limit` and `offset`. A filter with a phone number
//!   is rejected by the CSV export (the endpoint has no such filter; Node dropped it silently).
//! - Times are [`chrono::DateTime<Utc>`]; only time fields are parsed as times (Node turned
//!   every date-like string, notes included, into a `Date`, bug #25).

mod client;
mod entry;
mod filter;
mod kinds;
mod serde_util;
mod update;

pub use client::{DELETE_CHUNK_SIZE, ENTRY_NOT_FOUND, HistoryClient, HistoryExt};
pub use entry::{
    CallEntry, Endpoint, EntryBase, FaxEntry, HistoryEntry, Recording, RoutedEndpoint, SmsEntry,
    UnknownEntry, VoicemailEntry,
};
pub use filter::{HistoryFilter, MAX_PAGE_SIZE};
pub use kinds::{
    CallStatus, Direction, EndpointType, EntryStatus, EntryType, FaxStatus, RoutingType,
};
pub use update::{HistoryEntryUpdate, MAX_BATCH_SIZE};
