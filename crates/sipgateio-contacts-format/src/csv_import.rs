//! CSV import: the user's CSV → validated rows → the `firstname,lastname,number` payload the
//! API's `POST /contacts/import/csv` takes (base64 of UTF-8).

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
        let input = input.strip_prefix('\u{feff}').unwrap_or(input);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(input.as_bytes());
        let headers = reader.headers().map_err(malformed)?.clone();
        if headers.iter().all(str::is_empty) {
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

        let mut rows = Vec::new();
        let mut errors = Vec::new();
        let mut lines = LineCounter::new(input);
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(error) => return Err(malformed(error)),
            }
            if record.iter().all(|field| field.trim().is_empty()) {
                continue;
            }
            let field = |i: usize| record.get(indices[i]).unwrap_or_default().trim();
            let row = ImportRow::new(field(0), field(1), field(2));
            let mut problems = Vec::new();
            if row.firstname.is_empty() && row.lastname.is_empty() {
                problems.push(RowProblem::MissingName);
            }
            if row.number.is_empty() {
                problems.push(RowProblem::MissingNumber);
            } else if let Err(reason) = check_number(&row.number) {
                problems.push(RowProblem::InvalidNumber {
                    number: row.number.clone(),
                    reason,
                });
            }
            if problems.is_empty() {
                rows.push(row);
            } else {
                let line = lines.line_of(record.position());
                errors.push(RowError { line, problems });
            }
        }
        if errors.is_empty() {
            Ok(Self { rows })
        } else {
            Err(Error::invalid(CSV, InputProblem::InvalidRows(errors)))
        }
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
        base64::engine::general_purpose::STANDARD.encode(self.to_csv())
    }
}

/// Finds the line a record starts on. (The csv reader's own line number points at the blank
/// lines before a record, if any.)
struct LineCounter<'a> {
    input: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(input: &'a str) -> Self {
        Self {
            input: input.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line of the first non-blank byte at or after the record's start.
    fn line_of(&mut self, position: Option<&csv::Position>) -> u64 {
        let Some(position) = position else {
            return 0;
        };
        let start = usize::try_from(position.byte()).unwrap_or(usize::MAX);
        let skipped = self.input.get(start..).map_or(0, |rest| {
            rest.iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count()
        });
        let target = start.saturating_add(skipped).min(self.input.len());
        if target >= self.offset {
            // A line ends with LF, CRLF or a lone CR (as the csv reader accepts).
            let newlines = (self.offset..target)
                .filter(|&i| match self.input[i] {
                    b'\n' => true,
                    b'\r' => self.input.get(i + 1) != Some(&b'\n'),
                    _ => false,
                })
                .count();
            self.line += newlines as u64;
            self.offset = target;
        }
        self.line
    }
}

fn malformed(error: csv::Error) -> Error {
    let line = error.position().map_or(0, csv::Position::line);
    let message = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "the text is not valid UTF-8".to_owned(),
        _ => error.to_string(),
    };
    Error::invalid(CSV, InputProblem::MalformedCsv { line, message })
}
