//! The history of calls, faxes, SMS and voicemails for the
//! [sipgate.io](https://www.sipgate.io) Rust SDK: list with filters, stream every matching
//! entry, get one, update (one by one or many at once), delete, and export as CSV. One field
//! at a time: [`archive`](HistoryClient::archive) / [`unarchive`](HistoryClient::unarchive),
//! [`mark_read`](HistoryClient::mark_read) / [`mark_unread`](HistoryClient::mark_unread) and
//! [`set_note`](HistoryClient::set_note), which answers with the changed entry.
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
//! use sipgateio_history::{EntryType, ExtensionId, HistoryExt, HistoryFilter};
//!
//! # tokio::runtime::Runtime::new().expect("runtime").block_on(async {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .base_url("http://127.0.0.1:9") // nothing listens here: validation fails first
//!     .build()?;
//!
//! let filter = HistoryFilter::new()
//!     .types([EntryType::Sms])
//!     .connection_ids([ExtensionId::new("s01")]); // leading zero: not an extension id
//! let error = client.history().list(&filter, Pagination::first(10)).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("connection_ids"));
//!
//! let last_week = HistoryFilter::new().since(Utc::now() - Duration::days(7)).until(Utc::now());
//! let error = client.history().list(&last_week, Pagination::first(5000)).await.unwrap_err();
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
//!         unread.push(entry.id().clone());
//!     }
//! }
//! // Marked read in batches of fewer than 150 entries, as the API requires.
//! let read = HistoryEntryUpdate::new().read(true);
//! history.update_many(unread.iter().map(|id| (id, read.clone()))).await?;
//!
//! // One entry, and the server's CSV straight into a file.
//! if let Some(id) = unread.first() {
//!     history.delete(id).await?;
//! }
//! let mut file = tokio::fs::File::create("history.csv").await?;
//! history.export_csv_to(&HistoryFilter::new(), Default::default(), &mut file).await?;
//! # Ok(()) }
//! ```
//!
//! # Ids
//!
//! Entries carry a [`HistoryEntryId`] ([`HistoryEntry::id`]), which is what
//! [`get`](HistoryClient::get), [`update`](HistoryClient::update) and
//! [`delete`](HistoryClient::delete) take; a fax's session id is the same id. Build one from a
//! string with [`HistoryEntryId::new`]. The extensions an entry belongs to, and the
//! [`HistoryFilter::connection_ids`] to filter by, are [`ExtensionId`]s.
//!
//! # Errors
//!
//! As everywhere in the SDK, [`sipgateio_core::Error`]. Invalid input (connection ids that
//! are no extension ids, `since` after `until`, `limit` above 1000, empty ids, a phone-number
//! filter on the CSV export) is
//! [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) and nothing is sent. A 400 on
//! listing or exporting says "invalid filter or pagination input", a 404 "the requested
//! history entry could not be found"; 401 and 403 are `Unauthorized` and `Forbidden`.

mod client;
mod entry;
mod filter;
mod kinds;
mod serde_util;
mod shortcuts;
mod update;

pub use client::{HistoryClient, HistoryExt};
pub use entry::{
    CallEntry, Endpoint, EntryBase, FaxEntry, HistoryEntry, Recording, RoutedEndpoint, SmsEntry,
    UnknownEntry, VoicemailEntry,
};
pub use filter::{HistoryFilter, MAX_PAGE_SIZE, StreamOptions};
pub use kinds::{
    CallStatus, Direction, EndpointType, EntryStatus, EntryType, FaxStatus, RoutingType,
};
pub use sipgateio_types::{CallId, ExtensionId, HistoryEntryId};
pub use update::{HistoryEntryUpdate, MAX_BATCH_SIZE};
