//! The contacts of a sipgate account, for the sipgate.io Rust SDK.
//!
//! [`ContactsClient`] (or `client.contacts()` with [`ContactsExt`]) creates, updates and
//! deletes contacts, imports them from CSV or vCard, lists them by scope with correct paging
//! or as a lazy stream, and exports them as CSV, separate vCards or one address book. The
//! conversions live in `sipgateio-contacts-format` (re-exported here).
//!
//! # Example
//!
//! ```
//! use sipgateio_contacts::{ContactsExt, FormatError, NewContact, PhoneNumber, Scope, parse_csv};
//! use sipgateio_core::{Client, Error};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Error> {
//! let client = Client::builder()
//!     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
//!     .build()?;
//!
//! // Every bad CSV row is reported at once, with its line, before anything is uploaded.
//! let csv = "lastname,firstname,number\nLovelace,Ada,+4921163553355\nTuring,Alan,0211\n,,+49211\n";
//! let error = client.contacts().import_csv(csv).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("csv"));
//! assert!(error.to_string().contains("line 3: invalid number \"0211\""));
//! assert!(error.to_string().contains("line 4: firstname and lastname are both empty"));
//!
//! // Contacts need a name and a writable scope.
//! let nameless = NewContact::new("", "").number(PhoneNumber::new("+4921163553355"));
//! let error = client.contacts().create(&nameless, Scope::Private).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("name"));
//! # Ok(()) }
//! ```
//!
//! Against the API:
//!
//! ```no_run
//! use futures_util::TryStreamExt;
//! use sipgateio_contacts::{ContactsExt, ListOptions, NewContact, PhoneNumber, Scope, ScopeFilter};
//!
//! # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
//! let contacts = client.contacts();
//! contacts
//!     .create(&NewContact::new("Ada", "Lovelace").number(PhoneNumber::new("+4921163553355")), Scope::Shared)
//!     .await?;
//! contacts.import_vcard(&std::fs::read_to_string("team.vcf").unwrap_or_default(), Scope::Shared).await?;
//!
//! // Page 3 of the shared contacts, 50 per page: 50 shared contacts, never a short page.
//! let page = contacts.get(ScopeFilter::Shared, &ListOptions::new().offset(100).limit(50)).await?;
//! println!("{} contacts, more: {}", page.items.len(), page.has_more);
//!
//! let book = contacts.export_address_book(ScopeFilter::All, &ListOptions::new()).await?;
//! let csv = contacts.export_csv(ScopeFilter::Private, ';', &ListOptions::new()).await?;
//! # let _ = (book, csv);
//! # Ok(()) }
//! ```
//!
//! # Differences from the Node library (sipgateio-node)
//!
//! - **Scoped paging** (bug #16): `offset`/`limit` count contacts of the requested scope, so
//!   pages are never short; `has_more` is exact. See [`ContactsClient::get`] for the cost.
//!   `INTERNAL` contacts come from `GET /contacts/internal`.
//! - **delete_all_shared** (bug #15) reads every page of shared contacts, waits for every
//!   delete and reports the failures ([`DeleteReport`]).
//! - **Error meanings** (bug #17): a 500 is a server error, never "Invalid CSV string"; 400,
//!   403 and 404 carry the meaning of the call ("contact not found", …). Listing and
//!   exports map errors too (bug #22).
//! - **CSV import** (bug #14) handles RFC 4180 quoting, trims, ignores blank lines, checks
//!   numbers (E.164), reports every bad row at once and uploads nothing then, and encodes
//!   UTF-8 correctly. A header-only input sends nothing.
//! - **vCard** (bugs #12, #13): import 2.1/3.0/4.0 with LF or CRLF, any number of
//!   `TEL`/`EMAIL`/`ADR` with types, no `ORG` needed, many cards → many contacts; export
//!   valid 4.0 with `ADR`, `FN` and a proper `N`.
//! - `create` sends `name` without a stray trailing space when a name part is empty.
//! - Exports without a `limit` cover every contact of the scope, not the server's first
//!   5000.

mod client;
mod export;
mod import;
mod listing;
mod model;
mod options;

pub use client::{ContactsClient, ContactsExt};
pub use import::parse_csv;
pub use listing::{DEFAULT_LIMIT, PAGE_SIZE};
pub use model::{ContactPage, DeleteReport, FailedDelete, InternalContact};
pub use options::{ListOptions, ScopeFilter};
pub use sipgateio_contacts_format::{
    Address, CardError, CardProblem, Contact, CsvImport, Email, FormatError, ImportRow, NewContact,
    PhoneNumber, RowError, RowProblem, Scope,
};
