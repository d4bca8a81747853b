//! CSV export of contacts: the Node-compatible column set and a re-importable flavour.

use std::io;

use crate::csv_import::ImportRow;
use crate::error::{Error, InputProblem};
use crate::model::Contact;

/// The columns of [`contacts_to_csv`].
const HEADER: [&str; 7] = [
    "id",
    "name",
    "emails",
    "numbers",
    "addresses",
    "organization",
    "scope",
];

/// Writes contacts as CSV to any [`io::Write`], one row at a time (nothing is buffered
/// beyond the CSV writer's own buffer), for exports too large to hold in memory.
///
/// Every cell is quoted (as the Node library writes it) with inner `"` doubled; rows end
/// with CRLF (RFC 4180).
///
/// ```
/// use sipgateio_contacts_format::{Contact, ContactCsvWriter, ContactId, Scope};
///
/// let mut writer = ContactCsvWriter::new(Vec::new(), ';')?;
/// writer.write(&Contact::new(ContactId::new("1"), "Ada Lovelace", Scope::Private))?;
/// let csv = String::from_utf8(writer.finish()?).expect("UTF-8");
/// assert!(csv.ends_with("\"1\";\"Ada Lovelace\";\"[]\";\"[]\";\"[]\";\"[]\";\"PRIVATE\"\r\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ContactCsvWriter<W: io::Write> {
    writer: csv::Writer<W>,
}

impl<W: io::Write> std::fmt::Debug for ContactCsvWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContactCsvWriter").finish_non_exhaustive()
    }
}

/// Checks a delimiter: ASCII, and not a quote or line break.
fn delimiter_byte(delimiter: char) -> Result<u8, Error> {
    match u8::try_from(delimiter) {
        Ok(byte) if byte.is_ascii() && !matches!(byte, b'"' | b'\r' | b'\n') => Ok(byte),
        _ => Err(Error::invalid(
            "delimiter",
            InputProblem::InvalidDelimiter(delimiter),
        )),
    }
}

impl<W: io::Write> ContactCsvWriter<W> {
    /// A writer using `delimiter` between cells; writes the header line right away.
    ///
    /// Fails with [`Error::InvalidInput`] on `delimiter`
    /// ([`InputProblem::InvalidDelimiter`]) for a non-ASCII delimiter, `"`, CR or LF.
    pub fn new(out: W, delimiter: char) -> Result<Self, Error> {
        let delimiter = delimiter_byte(delimiter)?;
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .quote_style(csv::QuoteStyle::Always)
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        writer.write_record(HEADER).map_err(Error::write)?;
        Ok(Self { writer })
    }

    /// Writes one contact: `emails` and `numbers` as JSON arrays of strings, `addresses` and
    /// `organization` as JSON as the API returns them, `scope` as its wire value.
    pub fn write(&mut self, contact: &Contact) -> io::Result<()> {
        let emails: Vec<&str> = contact.emails.iter().map(|e| e.email.as_str()).collect();
        let numbers: Vec<&str> = contact.numbers.iter().map(|n| n.number.as_str()).collect();
        let record = [
            contact.id.to_string(),
            contact.name.clone(),
            serde_json::to_string(&emails)?,
            serde_json::to_string(&numbers)?,
            serde_json::to_string(&contact.addresses)?,
            serde_json::to_string(&contact.organization)?,
            contact.scope.as_str().to_owned(),
        ];
        self.writer.write_record(record).map_err(io::Error::from)
    }

    /// Flushes and returns the underlying writer.
    pub fn finish(self) -> io::Result<W> {
        self.writer
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))
    }
}

/// Contacts as CSV with the columns `id,name,emails,numbers,addresses,organization,scope`
/// (see [`ContactCsvWriter`]), separated by `delimiter`.
///
/// ```
/// use sipgateio_contacts_format::{Address, Contact, ContactId, Email, PhoneNumber, Scope, contacts_to_csv};
///
/// let mut contact = Contact::new(ContactId::new("001"), "Peter Ustinov", Scope::Shared);
/// contact.emails.push(Email::new("test@sipgate.de"));
/// contact.numbers.push(PhoneNumber::new("+4912121212"));
/// contact.organization.push(vec!["Example.com Inc.".into(), "Dept".into()]);
/// let csv = contacts_to_csv([&contact], ',')?;
/// assert_eq!(
///     csv,
///     "\"id\",\"name\",\"emails\",\"numbers\",\"addresses\",\"organization\",\"scope\"\r\n\
///      \"001\",\"Peter Ustinov\",\"[\"\"test@sipgate.de\"\"]\",\"[\"\"+4912121212\"\"]\",\"[]\",\
///      \"[[\"\"Example.com Inc.\"\",\"\"Dept\"\"]]\",\"SHARED\"\r\n"
/// );
/// # Ok::<(), sipgateio_contacts_format::Error>(())
/// ```
pub fn contacts_to_csv<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    delimiter: char,
) -> Result<String, Error> {
    let mut writer = ContactCsvWriter::new(Vec::new(), delimiter)?;
    for contact in contacts {
        writer.write(contact).map_err(Error::write)?;
    }
    let bytes = writer.finish().map_err(Error::write)?;
    String::from_utf8(bytes).map_err(Error::write)
}

/// Contacts as a CSV that [`CsvImport`](crate::CsvImport) (and the API's CSV import) read
/// back: `firstname,lastname,number`, one row per phone number (contacts without a number
/// have no row), CRLF line ends. The names are the known given/family names or the display
/// name split at its last space.
///
/// ```
/// use sipgateio_contacts_format::{
///     Contact, ContactId, CsvImport, PhoneNumber, Scope, contacts_to_import_csv,
/// };
///
/// let mut contact = Contact::new(ContactId::new("1"), "Ada Lovelace", Scope::Private);
/// contact.numbers.push(PhoneNumber::new("+4921163553355"));
/// contact.numbers.push(PhoneNumber::new("+4915799912345"));
/// let csv = contacts_to_import_csv([&contact]);
/// assert_eq!(csv, "firstname,lastname,number\r\nAda,Lovelace,+4921163553355\r\nAda,Lovelace,+4915799912345\r\n");
/// assert_eq!(CsvImport::parse(&csv)?.rows().len(), 2);
/// # Ok::<(), sipgateio_contacts_format::Error>(())
/// ```
pub fn contacts_to_import_csv<'a>(contacts: impl IntoIterator<Item = &'a Contact>) -> String {
    let rows: Vec<ImportRow> = contacts
        .into_iter()
        .flat_map(|contact| {
            let (given, family) = contact.given_and_family();
            contact
                .numbers
                .iter()
                .map(move |n| ImportRow::new(given.clone(), family.clone(), n.number.clone()))
        })
        .collect();
    write_import_rows(rows.iter(), b"\r\n")
}

/// Writes `firstname,lastname,number` rows with RFC 4180 quoting where needed.
pub(crate) fn write_import_rows<'a>(
    rows: impl Iterator<Item = &'a ImportRow>,
    terminator: &[u8],
) -> String {
    let mut out = String::from("firstname,lastname,number");
    let terminator = String::from_utf8_lossy(terminator);
    out.push_str(&terminator);
    for row in rows {
        for (i, field) in [&row.firstname, &row.lastname, &row.number]
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                out.push(',');
            }
            push_field(&mut out, field);
        }
        out.push_str(&terminator);
    }
    out
}

/// Appends one field, quoted (inner quotes doubled) if it contains a comma, quote, CR or LF.
fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}
