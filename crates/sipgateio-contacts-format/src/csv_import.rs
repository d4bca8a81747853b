//! CSV import: the user's CSV → validated rows → the `firstname,lastname,number` payload the
//! API's `POST /contacts/import/csv` takes (base64 of UTF-8).

use std::cell::{Cell, RefCell};
use std::io;

use base64::Engine as _;

use crate::csv_export::write_import_rows;
use crate::error::{Error, InputProblem, RowError, RowProblem};

/// The input a CSV import error is about.
const CSV: &str = "csv";

/// The columns the import needs, in the order of the upload.
const COLUMNS: [&str; 3] = ["firstname", "lastname", "number"];

/// A check of a phone number: `Ok(())` or why it is invalid.
///
/// `sipgateio-contacts` plugs in `sipgateio_core::validate::phone_number`; this crate does not
/// depend on the core crate (no HTTP here), so the rule is passed in.
pub type NumberCheck<'a> = &'a dyn Fn(&str) -> Result<(), String>;

/// One contact row of a CSV import.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ImportRow {
    /// Given name (may be empty when `lastname` is not).
    pub firstname: String,
    /// Family name (may be empty when `firstname` is not).
    pub lastname: String,
    /// Phone number.
    pub number: String,
}

impl ImportRow {
    /// A row.
    pub fn new(
        firstname: impl Into<String>,
        lastname: impl Into<String>,
        number: impl Into<String>,
    ) -> Self {
        Self {
            firstname: firstname.into(),
            lastname: lastname.into(),
            number: number.into(),
        }
    }
}

/// A validated CSV import: the rows to upload.
///
/// ```
/// use sipgateio_contacts_format::CsvImport;
///
/// let import = CsvImport::parse("lastname,firstname,number\nLovelace,Ada,+4921163553355\n")?;
/// assert_eq!(import.to_base64(), "Zmlyc3RuYW1lLGxhc3RuYW1lLG51bWJlcgpBZGEsTG92ZWxhY2UsKzQ5MjExNjM1NTMzNTUK");
/// // Only a header: a valid, empty import.
/// assert!(CsvImport::parse("firstname,lastname,number")?.is_empty());
/// # Ok::<(), sipgateio_contacts_format::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvImport {
    rows: Vec<ImportRow>,
}

impl CsvImport {
    /// Reads a CSV import without checking the numbers' format (only that they are there).
    pub fn parse(input: &str) -> Result<Self, Error> {
        Self::parse_with(input, &|_| Ok(()))
    }

    /// Reads a CSV import, checking every number with `check_number`.
    ///
    /// The header must name the columns `firstname`, `lastname` and `number` (any order, any
    /// case, surrounding spaces ignored; other columns are ignored). Fields may be quoted as
    /// in RFC 4180 and are trimmed. Blank lines and lines of only separators are skipped. A
    /// row without firstname and lastname, without a number, or with a number that fails
    /// the check is an error; all of them are returned at once in
    /// [`InputProblem::InvalidRows`](crate::InputProblem::InvalidRows) (in an [`Error::InvalidInput`] on `csv`), with the line each row starts on.
    pub fn parse_with(input: &str, check_number: NumberCheck<'_>) -> Result<Self, Error> {
        let mut rows = Vec::new();
        read_rows(
            input.as_bytes(),
            check_number,
            |firstname, lastname, number| {
                rows.push(ImportRow::new(firstname, lastname, number));
            },
        )?;
        Ok(Self { rows })
    }

    /// An import of the given rows (not validated).
    pub fn from_rows(rows: impl IntoIterator<Item = ImportRow>) -> Self {
        Self {
            rows: rows.into_iter().collect(),
        }
    }

    /// The rows.
    pub fn rows(&self) -> &[ImportRow] {
        &self.rows
    }

    /// Consumes the import, returning its rows.
    pub fn into_rows(self) -> Vec<ImportRow> {
        self.rows
    }

    /// Whether there are no rows (a header-only input).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The normalised CSV the API receives: the header `firstname,lastname,number`, one line
    /// per row, fields quoted only where needed (RFC 4180), LF line ends as in the API's own
    /// example.
    pub fn to_csv(&self) -> String {
        write_import_rows(self.rows.iter(), b"\n")
    }

    /// [`CsvImport::to_csv`] as standard base64 of its UTF-8 bytes: the `base64Content` of
    /// `POST /contacts/import/csv`.
    pub fn to_base64(&self) -> String {
        let mut out = Base64Csv::new();
        for row in &self.rows {
            out.row(&row.firstname, &row.lastname, &row.number);
        }
        out.finish()
    }
}

/// The upload of a CSV import read from an [`io::Read`]: the base64 `base64Content` of
/// `POST /contacts/import/csv`, made while reading, and the number of rows in it.
///
/// Reads and checks like [`CsvImport::parse_with`] (the same rules, the same errors with the
/// same line numbers) but keeps no rows: memory is the upload itself plus a window of the
/// input around the current row, whatever the number of rows. For files too large to hold
/// as rows; the upload is the same as [`CsvImport::to_base64`] of the parsed import.
///
/// ```
/// use sipgateio_contacts_format::{CsvImport, CsvUpload};
///
/// let csv = "lastname,firstname,number\nLovelace,Ada,+4921163553355\n";
/// let upload = CsvUpload::from_reader(csv.as_bytes(), &|_| Ok(()))?;
/// assert_eq!(upload.len(), 1);
/// assert_eq!(upload.base64(), CsvImport::parse(csv)?.to_base64());
/// # Ok::<(), sipgateio_contacts_format::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvUpload {
    base64: String,
    rows: usize,
}

impl CsvUpload {
    /// Reads a CSV import from `input` (UTF-8, an optional byte order mark is skipped),
    /// checking every number with `check_number`, and encodes the normalised CSV
    /// ([`CsvImport::to_csv`]) as base64 while reading.
    ///
    /// Errors as [`CsvImport::parse_with`]; input that is not UTF-8 is
    /// [`InputProblem::MalformedCsv`](crate::InputProblem::MalformedCsv) with its line, and
    /// a failing read is [`Error::Write`](crate::Error::Write) holding the I/O error.
    pub fn from_reader(input: impl io::Read, check_number: NumberCheck<'_>) -> Result<Self, Error> {
        let mut out = Base64Csv::new();
        let mut rows = 0;
        read_rows(input, check_number, |firstname, lastname, number| {
            rows += 1;
            out.row(firstname, lastname, number);
        })?;
        Ok(Self {
            base64: out.finish(),
            rows,
        })
    }

    /// The base64 of the normalised CSV: the `base64Content` of `POST /contacts/import/csv`.
    pub fn base64(&self) -> &str {
        &self.base64
    }

    /// [`CsvUpload::base64`], taking it out.
    pub fn into_base64(self) -> String {
        self.base64
    }

    /// The number of contact rows in the upload.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether there are no rows (a header-only input).
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }
}

/// The normalised import CSV (LF line ends, fields quoted only where needed), encoded as
/// base64 while it is written: only a small chunk of the CSV is ever held.
struct Base64Csv {
    csv: Vec<u8>,
    base64: String,
}

/// CSV bytes encoded at a time (a multiple of 3: no padding inside the output).
const CHUNK: usize = 3 * 4096;

impl Base64Csv {
    fn new() -> Self {
        let mut csv = Vec::with_capacity(CHUNK + 256);
        csv.extend_from_slice(b"firstname,lastname,number\n");
        Self {
            csv,
            base64: String::new(),
        }
    }

    fn row(&mut self, firstname: &str, lastname: &str, number: &str) {
        self.field(firstname);
        self.csv.push(b',');
        self.field(lastname);
        self.csv.push(b',');
        self.field(number);
        self.csv.push(b'\n');
        if self.csv.len() >= CHUNK {
            let whole = self.csv.len() / 3 * 3;
            base64::engine::general_purpose::STANDARD
                .encode_string(&self.csv[..whole], &mut self.base64);
            self.csv.drain(..whole);
        }
    }

    /// One field, quoted (inner quotes doubled) if it contains a comma, quote, CR or LF.
    fn field(&mut self, field: &str) {
        if field
            .bytes()
            .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
        {
            self.csv.push(b'"');
            for (i, part) in field.split('"').enumerate() {
                if i > 0 {
                    self.csv.extend_from_slice(b"\"\"");
                }
                self.csv.extend_from_slice(part.as_bytes());
            }
            self.csv.push(b'"');
        } else {
            self.csv.extend_from_slice(field.as_bytes());
        }
    }

    fn finish(mut self) -> String {
        base64::engine::general_purpose::STANDARD.encode_string(&self.csv, &mut self.base64);
        self.base64
    }
}

/// Reads the CSV, calls `row` with each valid row's trimmed `firstname`, `lastname` and
/// `number` (borrowed from the reader's record, nothing copied), and returns every invalid
/// row at once.
fn read_rows(
    input: impl io::Read,
    check_number: NumberCheck<'_>,
    mut row: impl FnMut(&str, &str, &str),
) -> Result<(), Error> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(Tracked::new(input));
    let headers = match reader.byte_headers() {
        Ok(headers) => headers.clone(),
        Err(error) => return Err(malformed(&reader, error)),
    };
    let headers = text(&headers).map_err(|()| not_utf8(headers.position()))?;
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(Error::invalid(CSV, InputProblem::EmptyCsv));
    }
    let position = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let mut indices = [0; 3];
    let mut missing = Vec::new();
    for (slot, column) in indices.iter_mut().zip(COLUMNS) {
        match position(column) {
            Some(index) => *slot = index,
            None => missing.push(column),
        }
    }
    if !missing.is_empty() {
        return Err(Error::invalid(CSV, InputProblem::MissingColumns(missing)));
    }

    let mut errors = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => return Err(malformed(&reader, error)),
        }
        let start = record.position().map_or(0, csv::Position::byte);
        let Ok(fields) = text(&record) else {
            let line = reader.get_ref().line_of(start);
            return Err(Error::invalid(
                CSV,
                InputProblem::MalformedCsv {
                    line,
                    message: NOT_UTF8.to_owned(),
                },
            ));
        };
        if record.iter().all(is_blank) {
            reader.get_ref().forget_before(start);
            continue;
        }
        let field = |i: usize| trim(fields.get(indices[i]).unwrap_or_default());
        let (firstname, lastname, number) = (field(0), field(1), field(2));
        let mut problems = Vec::new();
        if firstname.is_empty() && lastname.is_empty() {
            problems.push(RowProblem::MissingName);
        }
        if number.is_empty() {
            problems.push(RowProblem::MissingNumber);
        } else if let Err(reason) = check_number(number) {
            problems.push(RowProblem::InvalidNumber {
                number: number.to_owned(),
                reason,
            });
        }
        if problems.is_empty() {
            row(firstname, lastname, number);
            reader.get_ref().forget_before(start);
        } else {
            let line = reader.get_ref().line_of(start);
            reader.get_ref().forget_before(start);
            errors.push(RowError { line, problems });
        }
    }
    if let Some(error) = reader.get_ref().failed.take() {
        return Err(Error::write(error));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::invalid(CSV, InputProblem::InvalidRows(errors)))
    }
}

const NOT_UTF8: &str = "the text is not valid UTF-8";

/// The fields of a record as text, or `Err` if any of them is not UTF-8.
fn text(record: &csv::ByteRecord) -> Result<Fields<'_>, ()> {
    let all = std::str::from_utf8(record.as_slice()).map_err(|_| ())?;
    // Each field on its own: a character cut in two by a field boundary is not UTF-8.
    if (0..record.len()).all(|i| {
        record
            .range(i)
            .is_some_and(|range| all.get(range).is_some())
    }) {
        Ok(Fields { record, all })
    } else {
        Err(())
    }
}

/// Whether a field (of a record known to be UTF-8) is empty after trimming.
fn is_blank(field: &[u8]) -> bool {
    match field.iter().find(|b| !b.is_ascii_whitespace()) {
        None => true,
        // Not ASCII (a Unicode space, or text) or a vertical tab (not ASCII whitespace to
        // Rust, but trimmed by `str::trim`).
        Some(b) if !b.is_ascii() || *b == 0x0b => {
            std::str::from_utf8(field).is_ok_and(|field| field.trim().is_empty())
        }
        Some(_) => false,
    }
}

/// `str::trim` (Unicode whitespace), the ASCII part first.
fn trim(field: &str) -> &str {
    let ascii = field.trim_ascii();
    match (ascii.as_bytes().first(), ascii.as_bytes().last()) {
        (Some(first), Some(last))
            if first.is_ascii() && last.is_ascii() && *first != 0x0b && *last != 0x0b =>
        {
            ascii
        }
        _ => ascii.trim(),
    }
}

/// The fields of a record checked by [`text`].
struct Fields<'a> {
    record: &'a csv::ByteRecord,
    all: &'a str,
}

impl<'a> Fields<'a> {
    fn get(&self, index: usize) -> Option<&'a str> {
        self.all.get(self.record.range(index)?)
    }

    fn iter(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let (record, all) = (self.record, self.all);
        (0..record.len()).map(move |i| {
            record
                .range(i)
                .and_then(|range| all.get(range))
                .unwrap_or_default()
        })
    }
}

fn not_utf8(position: Option<&csv::Position>) -> Error {
    let line = position.map_or(0, csv::Position::line);
    Error::invalid(
        CSV,
        InputProblem::MalformedCsv {
            line,
            message: NOT_UTF8.to_owned(),
        },
    )
}

/// How much of the input is kept for line numbers before it is forgotten (counted).
const WINDOW: usize = 64 * 1024;

/// The input as the csv reader reads it, with what is needed to say on which line a record
/// starts: the bytes read since the last record that was forgotten (at least
/// [`WINDOW`] of them, and the current record) and the line the kept bytes start on. (The csv
/// reader's own line number points at the blank lines before a record, if any, and does not
/// count a lone CR as a line end.) A UTF-8 byte order mark at the start is skipped.
struct Tracked<R> {
    input: R,
    bom_checked: bool,
    window: RefCell<Window>,
    failed: Cell<Option<io::Error>>,
}

#[derive(Default)]
struct Window {
    /// The input from byte `offset` on, up to what was read.
    bytes: Vec<u8>,
    offset: u64,
    /// The 1-based line of `bytes[0]`.
    line: u64,
}

impl<R: io::Read> Tracked<R> {
    fn new(input: R) -> Self {
        Self {
            input,
            bom_checked: false,
            window: RefCell::new(Window {
                line: 1,
                ..Window::default()
            }),
            failed: Cell::new(None),
        }
    }
}

impl<R> Tracked<R> {
    /// The 1-based line of the first byte at or after `start` that is not CR or LF.
    fn line_of(&self, start: u64) -> u64 {
        let window = self.window.borrow();
        let from = usize::try_from(start.saturating_sub(window.offset)).unwrap_or(usize::MAX);
        let from = from.min(window.bytes.len());
        let rest = &window.bytes[from..];
        let skipped = rest
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        window.line + line_ends(&window.bytes[..from + skipped])
    }

    /// Counts and drops the kept bytes before `start` once the window is full.
    fn forget_before(&self, start: u64) {
        let mut window = self.window.borrow_mut();
        if window.bytes.len() < WINDOW {
            return;
        }
        let mut end = usize::try_from(start.saturating_sub(window.offset))
            .unwrap_or(usize::MAX)
            .min(window.bytes.len());
        // A CR whose LF is not read yet stays: CRLF is one line end.
        if end > 0 && window.bytes[end - 1] == b'\r' {
            end -= 1;
        }
        let lines = line_ends(&window.bytes[..end]);
        window.line += lines;
        window.offset += end as u64;
        window.bytes.drain(..end);
    }
}

/// Line ends in `bytes`: LF, CRLF or a lone CR (as the csv reader accepts). A CR at the end
/// counts: callers pass whole lines or the input's end.
fn line_ends(bytes: &[u8]) -> u64 {
    let lf = bytes.iter().filter(|&&b| b == b'\n').count();
    let lone_cr = if bytes.contains(&b'\r') {
        bytes
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
            .count()
    } else {
        0
    };
    (lf + lone_cr) as u64
}

impl<R: io::Read> io::Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut read = match self.input.read(buf) {
            Ok(read) => read,
            Err(error) => {
                // Kept to be reported as an I/O error, not as malformed CSV.
                let kind = error.kind();
                self.failed.set(Some(error));
                return Err(io::Error::from(kind));
            }
        };
        if !self.bom_checked && read > 0 {
            // The first 16 bytes (or all there are) in one piece, whatever the reads: the csv
            // reader skips a second mark only if its first piece holds all of it and what
            // follows (as when it reads a whole `&str`).
            while read < buf.len().min(16) {
                match self.input.read(&mut buf[read..]) {
                    Ok(0) => break,
                    Ok(more) => read += more,
                    Err(error) => {
                        let kind = error.kind();
                        self.failed.set(Some(error));
                        return Err(io::Error::from(kind));
                    }
                }
            }
            self.bom_checked = true;
            if buf[..read].starts_with(b"\xEF\xBB\xBF") {
                buf.copy_within(3..read, 0);
                read -= 3;
                if read == 0 {
                    // Only the mark: the input ended (0 reads as its end).
                    return Ok(0);
                }
            }
        }
        self.window.get_mut().bytes.extend_from_slice(&buf[..read]);
        Ok(read)
    }
}

fn malformed<R: io::Read>(reader: &csv::Reader<Tracked<R>>, error: csv::Error) -> Error {
    if let Some(failed) = reader.get_ref().failed.take() {
        return Error::write(failed);
    }
    let line = error.position().map_or(0, csv::Position::line);
    let message = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "the text is not valid UTF-8".to_owned(),
        _ => error.to_string(),
    };
    Error::invalid(CSV, InputProblem::MalformedCsv { line, message })
}
