//! Exports: CSV (two flavours), separate vCards, one vCard address book.

use futures_util::TryStreamExt as _;
use sipgateio_contacts_format::{Contact, ContactCsvWriter, contacts_to_import_csv};
use sipgateio_core::{Error, Result};

use crate::import::format_error;
use crate::{ContactsClient, ListOptions, ScopeFilter};

impl ContactsClient {
    /// The contacts of `scope` as CSV with the columns
    /// `id,name,emails,numbers,addresses,organization,scope` (multi-valued cells as JSON,
    /// every cell quoted, CRLF), cells separated by `delimiter`.
    ///
    /// Without `options.limit` every contact of the scope is exported (paging through the
    /// server's list); `offset`/`limit` and the phone-number filter work as in
    /// [`list`](Self::list).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] on `delimiter` (non-ASCII, `"`, CR or LF) or on the options
    /// (no request sent); the errors of [`list`](Self::list).
    #[doc(alias = "exportAsCsv")]
    pub async fn export_csv(
        &self,
        scope: ScopeFilter,
        delimiter: char,
        options: &ListOptions,
    ) -> Result<String> {
        let mut writer = ContactCsvWriter::new(Vec::new(), delimiter)
            .map_err(|e| format_error("delimiter", &e))?;
        let mut contacts = self.stream(scope, options);
        while let Some(contact) = contacts.try_next().await? {
            writer.write(&contact).map_err(write_failed)?;
        }
        let bytes = writer.finish().map_err(write_failed)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// The contacts of `scope` as a CSV that [`import_csv`](Self::import_csv) takes back:
    /// `firstname,lastname,number`, one row per phone number (names split at the last
    /// space of the display name).
    ///
    /// # Errors
    /// As [`export_csv`](Self::export_csv).
    pub async fn export_import_csv(
        &self,
        scope: ScopeFilter,
        options: &ListOptions,
    ) -> Result<String> {
        let contacts = self.collect(scope, options).await?;
        Ok(contacts_to_import_csv(&contacts))
    }

    /// The contacts of `scope`, one vCard 4.0 each (see
    /// [`Contact::to_vcard`](sipgateio_contacts_format::Contact::to_vcard)).
    ///
    /// # Errors
    /// As [`export_csv`](Self::export_csv).
    #[doc(alias = "exportAsVCards")]
    pub async fn export_vcards(
        &self,
        scope: ScopeFilter,
        options: &ListOptions,
    ) -> Result<Vec<String>> {
        self.stream(scope, options)
            .map_ok(|contact| contact.to_vcard())
            .try_collect()
            .await
    }

    /// The contacts of `scope` as one vCard address book (the cards one after another, each
    /// ending with CRLF).
    ///
    /// # Errors
    /// As [`export_csv`](Self::export_csv).
    #[doc(alias = "exportAsSingleVCard")]
    pub async fn export_address_book(
        &self,
        scope: ScopeFilter,
        options: &ListOptions,
    ) -> Result<String> {
        let cards = self.export_vcards(scope, options).await?;
        Ok(cards.concat())
    }

    async fn collect(&self, scope: ScopeFilter, options: &ListOptions) -> Result<Vec<Contact>> {
        self.stream(scope, options).try_collect().await
    }
}

fn write_failed(error: std::io::Error) -> Error {
    Error::Io(error)
}
