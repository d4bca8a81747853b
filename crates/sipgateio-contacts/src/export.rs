//! Exports: CSV (two flavours), JSON, separate vCards, one vCard address book.

use serde::{Deserialize, Serialize};
use sipgateio_contacts_format::{Contact, ContactCsvWriter, ContactsJson, contacts_to_import_csv};
use sipgateio_core::{Error, Result};

use crate::import::format_error;
use crate::listing::Count;
use crate::{ContactsClient, ListOptions, ScopeFilter};

/// An export of the contacts that [`ListOptions`] select, and whether contacts of the scope
/// follow them.
///
/// Without `limit` an export covers every contact of the scope from `offset` on, so
/// `has_more` is `false`; with a `limit` it is one page of the scope, and `has_more` says
/// whether another page follows (exactly, in contacts of the scope, as
/// [`ContactPage::has_more`](crate::ContactPage::has_more)).
///
/// ```no_run
/// use sipgateio_contacts::{ContactsExt, ListOptions, ScopeFilter};
///
/// # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
/// let contacts = client.contacts();
/// let mut options = ListOptions::new().limit(500);
/// loop {
///     let page = contacts.export_csv(ScopeFilter::Shared, ',', &options).await?;
///     println!("{}", page.document);
///     if !page.has_more {
///         break;
///     }
///     let next = options.offset.unwrap_or(0) + 500;
///     options = options.offset(next);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ExportPage<T> {
    /// The exported document.
    pub document: T,
    /// Whether contacts of the scope follow the exported ones.
    pub has_more: bool,
}

impl<T> ExportPage<T> {
    /// The exported document, without `has_more`.
    pub fn into_document(self) -> T {
        self.document
    }
}

impl ContactsClient {
    /// The contacts of `scope` as CSV with the columns
    /// `id,name,emails,numbers,addresses,organization,scope` (multi-valued cells as JSON,
    /// every cell quoted, CRLF), cells separated by `delimiter`.
    ///
    /// Without `options.limit` every contact of the scope is exported (paging through the
    /// server's list, written as it arrives); `offset`/`limit` and the phone-number filter
    /// work as in [`list`](Self::list), and [`ExportPage::has_more`] tells whether more
    /// follow.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] on `delimiter` (non-ASCII, `"`, CR or LF) or on the options
    /// (no request sent); the errors of [`list`](Self::list).
    #[doc(alias = "getContacts")]
    #[doc(alias = "exportAsCsv")]
    #[doc(alias = "paginatedExportAsCsv")]
    pub async fn export_csv(
        &self,
        scope: ScopeFilter,
        delimiter: char,
        options: &ListOptions,
    ) -> Result<ExportPage<String>> {
        let mut writer = ContactCsvWriter::new(Vec::new(), delimiter)
            .map_err(|e| format_error("delimiter", &e))?;
        let selected = self
            .select(scope, options, Count::UpToTheSelection, |contact| {
                writer.write(&contact).map_err(write_failed)
            })
            .await?;
        let bytes = writer.finish().map_err(write_failed)?;
        Ok(ExportPage {
            document: String::from_utf8_lossy(&bytes).into_owned(),
            has_more: selected.has_more,
        })
    }

    /// The contacts of `scope` as a CSV that [`import_csv`](Self::import_csv) takes back:
    /// `firstname,lastname,number`, one row per phone number (names split at the last
    /// space of the display name).
    ///
    /// # Errors
    /// As [`export_csv`](Self::export_csv).
    #[doc(alias = "getContacts")]
    pub async fn export_import_csv(
        &self,
        scope: ScopeFilter,
        options: &ListOptions,
    ) -> Result<ExportPage<String>> {
        let (contacts, has_more) = self.collect(scope, options).await?;
        Ok(ExportPage {
            document: contacts_to_import_csv(&contacts),
            has_more,
        })
    }

    /// The contacts of `scope` as JSON: a [`ContactsJson`] with the exported contacts and how
    /// many contacts the scope (with the phone-number filter) has in all; serialized with
    /// `serde_json` it is `{"contacts":[…],"totalCount":n}`.
    ///
    /// The selection works as in [`export_csv`](Self::export_csv). `total_count` is the
    /// server's `totalCount` for [`ScopeFilter::All`]; for the other scopes the contacts of
    /// the scope are counted, which reads the server's list to its end even with a small
    /// `limit`.
    ///
    /// ```no_run
    /// use sipgateio_contacts::{ContactsExt, ListOptions, ScopeFilter};
    ///
    /// # async fn run(client: sipgateio_core::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let export = client
    ///     .contacts()
    ///     .export_json(ScopeFilter::Private, &ListOptions::new().limit(100))
    ///     .await?;
    /// println!("{} of {} private contacts", export.document.contacts.len(), export.document.total_count);
    /// std::fs::write("contacts.json", serde_json::to_string(&export.document)?)?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidInput`] on the options (no request sent); the errors of
    /// [`list`](Self::list).
    #[doc(alias = "getContacts")]
    #[doc(alias = "exportAsJSON")]
    #[doc(alias = "paginatedExportAsJSON")]
    pub async fn export_json(
        &self,
        scope: ScopeFilter,
        options: &ListOptions,
    ) -> Result<ExportPage<ContactsJson>> {
        let mut contacts = Vec::new();
        let selected = self
            .select(scope, options, Count::Everything, |contact| {
                contacts.push(contact);
                Ok(())
            })
            .await?;
        // Counting everything always knows the total; the fallback is what was read.
        let read = contacts.len() as u64 + u64::from(options.offset.unwrap_or(0));
        let total_count = selected.total_count.unwrap_or(read);
        Ok(ExportPage {
            document: ContactsJson::new(&contacts, total_count),
            has_more: selected.has_more,
        })
    }

    /// The contacts of `scope`, one vCard 4.0 each (see
    /// [`Contact::to_vcard`](sipgateio_contacts_format::Contact::to_vcard)).
    ///
    /// # Errors
    /// As [`export_csv`](Self::export_csv).
    #[doc(alias = "getContacts")]
    #[doc(alias = "exportAsVCards")]
    #[doc(alias = "paginatedExportAsVCards")]
    pub async fn export_vcards(
        &self,
        scope: ScopeFilter,
        options: &ListOptions,
    ) -> Result<ExportPage<Vec<String>>> {
        let mut cards = Vec::new();
        let selected = self
            .select(scope, options, Count::UpToTheSelection, |contact| {
                cards.push(contact.to_vcard());
                Ok(())
            })
            .await?;
        Ok(ExportPage {
            document: cards,
            has_more: selected.has_more,
        })
    }

    /// The contacts of `scope` as one vCard address book (the cards one after another, each
    /// ending with CRLF).
    ///
    /// # Errors
    /// As [`export_csv`](Self::export_csv).
    #[doc(alias = "getContacts")]
    #[doc(alias = "exportAsSingleVCard")]
    #[doc(alias = "paginatedExportAsSingleVCard")]
    pub async fn export_address_book(
        &self,
        scope: ScopeFilter,
        options: &ListOptions,
    ) -> Result<ExportPage<String>> {
        let mut book = String::new();
        let selected = self
            .select(scope, options, Count::UpToTheSelection, |contact| {
                book.push_str(&contact.to_vcard());
                Ok(())
            })
            .await?;
        Ok(ExportPage {
            document: book,
            has_more: selected.has_more,
        })
    }

    async fn collect(
        &self,
        scope: ScopeFilter,
        options: &ListOptions,
    ) -> Result<(Vec<Contact>, bool)> {
        let mut contacts = Vec::new();
        let selected = self
            .select(scope, options, Count::UpToTheSelection, |contact| {
                contacts.push(contact);
                Ok(())
            })
            .await?;
        Ok((contacts, selected.has_more))
    }
}

fn write_failed(error: std::io::Error) -> Error {
    Error::Io(error)
}
