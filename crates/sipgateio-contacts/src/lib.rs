//! The contacts of a sipgate account, for the sipgate.io Rust SDK.
//!
//! [`ContactsClient`] (or `client.contacts()` with [`ContactsExt`]) creates, updates and
//! deletes contacts, imports them from CSV, vCard or a Google account, lists them by scope with correct paging
//! or as a lazy stream, and exports them as CSV, JSON, separate vCards or one address book.
//! The conversions live in `sipgateio-contacts-format` (re-exported here).
//!
//! | what | call |
//! |---|---|
//! | one page of a scope | [`list(scope, &options)`](ContactsClient::list) → [`ContactPage`] |
//! | every contact, lazily | [`stream(scope, &options)`](ContactsClient::stream) |
//! | the internal contacts as the API sends them | [`list_internal()`](ContactsClient::list_internal) |
//! | add, change, remove | [`create`](ContactsClient::create), [`update`](ContactsClient::update), [`delete`](ContactsClient::delete), [`delete_all_private`](ContactsClient::delete_all_private), [`delete_all_shared`](ContactsClient::delete_all_shared) |
//! | import | [`import_csv`](ContactsClient::import_csv), [`import_csv_rows`](ContactsClient::import_csv_rows), [`import_vcard`](ContactsClient::import_vcard), [`import_google`](ContactsClient::import_google) (sipgate reads a Google account's contacts with a Google token) |
//! | export (a whole scope, or a page of it with `has_more`: [`ExportPage`]) | [`export_csv`](ContactsClient::export_csv), [`export_import_csv`](ContactsClient::export_import_csv), [`export_json`](ContactsClient::export_json), [`export_vcards`](ContactsClient::export_vcards), [`export_address_book`](ContactsClient::export_address_book) |
//!
//! # Scopes
//!
//! A contact is `PRIVATE` (the web user's own), `SHARED` (the organisation's) or `INTERNAL`
//! (sipgate's contacts for the account's web users): that is the wire enum [`Scope`] of
//! [`Contact::scope`]. Reading takes a [`ScopeFilter`], which adds [`ScopeFilter::All`];
//! creating takes a [`CreateScope`], which has only `Private` and `Shared` — the server creates
//! no internal contacts, so such a call does not compile.
//!
//! The API has no scope parameter. `offset` and `limit` in [`ListOptions`] still count
//! contacts **of the requested scope**: pages are never short and `has_more` is exact, at the
//! cost described in [`ContactsClient::list`]. Internal contacts come from
//! `GET /contacts/internal`. Exports without a `limit` cover every contact of the scope; with
//! a `limit` they are one page of it, and [`ExportPage::has_more`] tells whether more follow.
//!
//! # Errors
//!
//! Every input is checked before a request is sent ([`Error::InvalidInput`] naming the field):
//! a CSV import reports every bad row with its line and uploads nothing then; a vCard import
//! checks every card first. The server's 400, 403 and 404 carry the meaning of the call
//! ("contact not found", "the credentials may not change contacts (scope contacts:write)", …);
//! a 500 is a server error.
//!
//! # Example
//!
//! ```
//! use sipgateio_contacts::{ContactsExt, CreateScope, NewContact, PhoneNumber};
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
//! // Contacts need a name.
//! let nameless = NewContact::new("", "").number(PhoneNumber::new("+4921163553355"));
//! let error = client.contacts().create(&nameless, CreateScope::Private).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("name"));
//! # Ok(()) }
//! ```
//!
//! Against the API:
//!
//! ```no_run
//! use futures_util::TryStreamExt;
//! use sipgateio_contacts::{ContactsExt, CreateScope, ListOptions, NewContact, PhoneNumber, ScopeFilter};
//!
//! # async fn run(client: sipgateio_core::Client) -> Result<(), Box<dyn std::error::Error>> {
//! let contacts = client.contacts();
//! let ada = NewContact::new("Ada", "Lovelace").number(PhoneNumber::new("+4921163553355"));
//! contacts.create(&ada, CreateScope::Shared).await?;
//! contacts.import_vcard(&std::fs::read_to_string("team.vcf").unwrap_or_default(), CreateScope::Shared).await?;
//!
//! // Page 3 of the shared contacts, 50 per page: 50 shared contacts, never a short page.
//! let page = contacts.list(ScopeFilter::Shared, &ListOptions::new().offset(100).limit(50)).await?;
//! println!("{} contacts, more: {}", page.items.len(), page.has_more);
//!
//! // Every private contact, one page of the server at a time.
//! let mut private = contacts.stream(ScopeFilter::Private, &ListOptions::new());
//! while let Some(contact) = private.try_next().await? {
//!     println!("{} {}", contact.id, contact.name);
//! }
//!
//! // Exports: every contact of the scope without a limit.
//! let book = contacts.export_address_book(ScopeFilter::All, &ListOptions::new()).await?;
//! std::fs::write("contacts.vcf", book.document)?;
//! let csv = contacts.export_csv(ScopeFilter::Private, ';', &ListOptions::new()).await?;
//! std::fs::write("private.csv", csv.document)?;
//! # Ok(()) }
//! ```
//!
//! [`Error::InvalidInput`]: sipgateio_core::Error::InvalidInput

mod client;
mod export;
mod import;
mod listing;
mod model;
mod options;

pub use client::{ContactsClient, ContactsExt};
pub use export::ExportPage;
pub use import::parse_csv;
pub use model::{ContactPage, DeleteReport, FailedDelete, InternalContact};
pub use options::{CreateScope, ListOptions, ScopeFilter};
/// The error of the CSV and vCard conversions: `sipgateio_contacts_format::Error`, named
/// apart from the SDK's `sipgateio_core::Error` (which the calls of [`ContactsClient`]
/// return, with a conversion error as `InvalidInput`).
pub use sipgateio_contacts_format::Error as FormatError;
pub use sipgateio_contacts_format::{
    Address, CardError, CardProblem, Contact, ContactsJson, CsvImport, Email, ExportedContact,
    ImportRow, InputProblem, NewContact, PhoneNumber, RowError, RowProblem, Scope,
};
pub use sipgateio_core::Secret;
pub use sipgateio_types::ContactId;

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
