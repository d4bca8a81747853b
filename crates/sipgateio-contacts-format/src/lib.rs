//! Contacts CSV and vCard conversion for the sipgate.io Rust SDK — pure conversion, no HTTP.
//!
//! * **CSV import** ([`CsvImport`]): header-driven (`firstname`, `lastname`, `number` in any
//!   order, case-insensitive, trimmed; extra columns ignored), RFC 4180 quoting, blank lines
//!   ignored, UTF-8 end to end (the upload is base64 of the UTF-8 bytes). A row without a
//!   name or a number is an error, and every bad row is reported at once with its line number,
//!   so nothing of a bad file is uploaded. [`CsvUpload::from_reader`] reads the same from an
//!   [`io::Read`](std::io::Read) and encodes the upload while reading, keeping no rows.
//! * **CSV export** ([`contacts_to_csv`], [`contacts_to_import_csv`]): the columns
//!   `id,name,emails,numbers,addresses,organization,scope` with multi-valued cells as JSON,
//!   any delimiter; and a re-importable `firstname,lastname,number` flavour.
//! * **JSON export** ([`ContactsJson`]): `{"contacts":[…],"totalCount":n}`, each contact with
//!   the columns of the CSV export.
//! * **vCard** ([`parse_vcards`], [`NewContact::to_vcard`], [`Contact::to_vcard`],
//!   [`address_book`]): import 2.1/3.0/4.0 (CRLF or LF, folded lines, no `ORG` needed,
//!   every `TEL`/`EMAIL`/`ADR` with its types, one contact per card); export valid 4.0 (`FN`,
//!   `N` as `family;given`, `ADR`, `TYPE` only when there is one, folded at 75 octets), also
//!   streamed into an [`io::Write`](std::io::Write) with [`Contact::write_vcard`].
//!
//! The REST crate `sipgateio-contacts` uses these to talk to the API; this crate has no
//! network or async code and can be used on its own.
//!
//! ```
//! use sipgateio_contacts_format::{CsvImport, Error, InputProblem, RowProblem, parse_vcards};
//!
//! // Any column order, quoted fields, extra columns, blank lines.
//! let csv = "Number , LASTNAME,firstname,notes\n\
//!            +4921163553355,Turing,Alan,\"likes \"\"tea\"\", a lot\"\n\
//!            \n\
//!            +4921163553356,Lovelace,Ada,\n";
//! let import = CsvImport::parse(csv)?;
//! assert_eq!(import.rows().len(), 2);
//! assert_eq!(import.to_csv(), "firstname,lastname,number\nAlan,Turing,+4921163553355\nAda,Lovelace,+4921163553356\n");
//!
//! // Every bad row at once, with its line.
//! let error = CsvImport::parse("firstname,lastname,number\n,,+49211\nAda,Lovelace,\n").unwrap_err();
//! assert_eq!(error.field(), Some("csv"));
//! let Some(InputProblem::InvalidRows(rows)) = error.problem() else {
//!     panic!("expected invalid rows");
//! };
//! assert_eq!((rows[0].line, &rows[0].problems[..]), (2, &[RowProblem::MissingName][..]));
//! assert_eq!((rows[1].line, &rows[1].problems[..]), (3, &[RowProblem::MissingNumber][..]));
//!
//! // vCards in, vCards out.
//! let contacts = parse_vcards("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n")?;
//! assert_eq!((contacts[0].given.as_str(), contacts[0].family.as_str()), ("Ada", "Lovelace"));
//! assert!(contacts[0].to_vcard().contains("\r\nN:Lovelace;Ada;;;\r\n"));
//! # Ok::<(), Error>(())
//! ```

mod compact;
mod csv_export;
mod csv_import;
mod error;
mod json_export;
mod model;
mod vcard;

pub use csv_export::{ContactCsvWriter, contacts_to_csv, contacts_to_import_csv};
pub use csv_import::{CsvImport, CsvUpload, ImportRow, NumberCheck};
pub use error::{
    CardError, CardProblem, Error, InputProblem, InvalidInput, Result, RowError, RowProblem,
    WriteError,
};
pub use json_export::{ContactsJson, ExportedContact};
pub use model::{Address, Contact, Email, NewContact, PhoneNumber, Scope};
pub use sipgateio_types::ContactId;
pub use vcard::{address_book, parse_vcards};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
