//! CSV and vCard import.

use serde::Serialize;
use sipgateio_contacts_format::{CsvImport, Error as FormatError, parse_vcards};
use sipgateio_core::transport::Request;
use sipgateio_core::{Error, Result, Secret, validate};

use crate::client::{WRITE_FORBIDDEN, create_request};
use crate::{ContactsClient, CreateScope};

/// The meaning of a 400 on `POST /contacts/import/csv`.
const CSV_REJECTED: &str = "the server rejected the CSV import";

/// The meaning of a 400 on `POST /contacts/import/google`.
const GOOGLE_REJECTED: &str = "the server rejected the Google import (is the token valid?)";

/// The body of `POST /contacts/import/google` (`ImportGoogleRequest`).
#[derive(Serialize)]
struct ImportGoogleBody<'a> {
    token: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ImportCsvBody {
    base64_content: String,
}

/// Reads a CSV import and checks every number with the SDK's phone-number rule (E.164, as
/// `sipgateio_core::validate::phone_number`), returning every bad row at once.
///
/// [`ContactsClient::import_csv`] does this before uploading; call it yourself to show a
/// user all problems of a file with their line numbers.
///
/// ```
/// use sipgateio_contacts::{InputProblem, RowProblem, parse_csv};
///
/// let error = parse_csv("firstname,lastname,number\nAda,Lovelace,0211\n").unwrap_err();
/// let Some(InputProblem::InvalidRows(rows)) = error.problem() else {
///     panic!("0211 is not E.164");
/// };
/// assert_eq!(rows[0].line, 2);
/// assert!(matches!(rows[0].problems[0], RowProblem::InvalidNumber { .. }));
/// ```
pub fn parse_csv(input: &str) -> std::result::Result<CsvImport, FormatError> {
    CsvImport::parse_with(input, &|number: &str| {
        validate::phone_number("number", number).map_err(|error| match error {
            Error::InvalidInput(input) => input.rule().to_owned(),
            other => other.to_string(),
        })
    })
}

/// A conversion error as the SDK's invalid-input error on the input it names (`csv`, `vcard`,
/// `delimiter`), or on `field` for an error that names none.
pub(crate) fn format_error(field: &'static str, error: &FormatError) -> Error {
    Error::invalid_input(error.field().unwrap_or(field), error.to_string())
}

impl ContactsClient {
    /// Imports contacts from CSV (`POST /contacts/import/csv`); returns how many rows were
    /// uploaded.
    ///
    /// The input is read with [`parse_csv`]: columns `firstname`, `lastname`, `number` in
    /// any order (case-insensitive, trimmed, extra columns ignored), RFC 4180 quoting, blank
    /// lines ignored. The upload is the normalised `firstname,lastname,number` CSV as base64
    /// of its UTF-8 bytes. A header-only input is a valid, empty import: nothing is sent and
    /// the result is 0.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] on `csv` (no request sent) listing **every** bad row with its
    /// line (no name, no number, a number not in E.164) or the missing columns — an input
    /// with any bad row uploads nothing; [`Error::Api`] ("the server rejected the CSV
    /// import") on a 400; [`Error::Forbidden`] on a 403. A 500 is a plain server error.
    #[doc(alias = "importFromCSV")]
    #[doc(alias = "importFromCsvString")]
    pub async fn import_csv(&self, csv: &str) -> Result<usize> {
        let import = parse_csv(csv).map_err(|e| format_error("csv", &e))?;
        self.import_csv_rows(&import).await
    }

    /// Uploads an already read CSV import (see [`parse_csv`]); returns the number of rows.
    /// An empty import sends nothing.
    ///
    /// # Errors
    /// As [`import_csv`](Self::import_csv), without the reading step.
    #[doc(alias = "importFromCSV")]
    pub async fn import_csv_rows(&self, import: &CsvImport) -> Result<usize> {
        if import.is_empty() {
            tracing::debug!("CSV import without rows: nothing to upload");
            return Ok(0);
        }
        let body = ImportCsvBody {
            base64_content: import.to_base64(),
        };
        let request = Request::post("contacts/import/csv")
            .json(&body)?
            .on_status(400, CSV_REJECTED)
            .on_status(403, WRITE_FORBIDDEN);
        self.client.send_no_content(request).await?;
        Ok(import.rows().len())
    }

    /// Imports one or many vCards (2.1, 3.0 or 4.0; CRLF or LF) into `scope`, one
    /// `POST /contacts` per card, in order; returns how many contacts were created.
    ///
    /// Every card is read and checked before the first request (see
    /// [`parse_vcards`](sipgateio_contacts_format::parse_vcards)); all numbers, e-mails and
    /// addresses with their types are kept. Phone numbers are taken as written in the card.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] (no request sent) on `vcard` listing every invalid card; then
    /// the errors of [`create`](Self::create). The import stops at the first failed create:
    /// the contacts before it stay created.
    #[doc(alias = "createContact")]
    #[doc(alias = "importVCardString")]
    pub async fn import_vcard(&self, vcard: &str, scope: CreateScope) -> Result<usize> {
        let contacts = parse_vcards(vcard).map_err(|e| format_error("vcard", &e))?;
        let requests = contacts
            .iter()
            .map(|contact| create_request(contact, scope))
            .collect::<Result<Vec<_>>>()?;
        for (done, request) in requests.into_iter().enumerate() {
            if let Err(error) = self.client.send_no_content(request).await {
                tracing::warn!(created = done, error = %error, "vCard import stopped");
                return Err(error);
            }
        }
        Ok(contacts.len())
    }

    /// Lets sipgate import the contacts of a Google account (`POST /contacts/import/google`
    /// with `{"token": …}`): `google_token` is an OAuth access token of that Google account
    /// (with the Google People API's contacts scope), which your application obtained from
    /// Google. sipgate fetches and stores the contacts itself; the API answers with an empty
    /// body and says neither how many nor which contacts it imported — read them with
    /// [`list`](Self::list) afterwards.
    ///
    /// The token is a [`Secret`]: it never appears in `Debug` output, logs or errors.
    ///
    /// ```no_run
    /// use sipgateio_contacts::ContactsExt;
    /// use sipgateio_core::Secret;
    ///
    /// # async fn run(client: sipgateio_core::Client, token_from_google: String) -> sipgateio_core::Result<()> {
    /// client.contacts().import_google(&Secret::new(token_from_google)).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming `google_token` for an empty token or one with spaces or
    /// control characters (nothing sent; the error does not show the token); [`Error::Api`]
    /// ("the server rejected the Google import") on a 400, [`Error::Forbidden`] on a 403, and
    /// the other core errors.
    #[doc(alias = "importFromGoogle")]
    pub async fn import_google(&self, google_token: &Secret) -> Result<()> {
        let token = google_token.expose();
        if token.is_empty() {
            return Err(Error::invalid_input("google_token", "must not be empty"));
        }
        if token.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Error::invalid_input(
                "google_token",
                "must not contain spaces or control characters",
            ));
        }
        let request = Request::post("contacts/import/google")
            .json(&ImportGoogleBody { token })?
            .on_status(400, GOOGLE_REJECTED)
            .on_status(403, WRITE_FORBIDDEN);
        self.client.send_no_content(request).await
    }
}
