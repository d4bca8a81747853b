//! The error type of the converters.

use std::fmt;

/// Why a conversion failed: an input that cannot be converted ([`Error::InvalidInput`], with
/// every problem of the input at once), or an output that could not be written.
///
/// ```
/// use sipgateio_contacts_format::{CsvImport, Error, InputProblem, RowProblem};
///
/// let error = CsvImport::parse("firstname,lastname,number\n,,+49211\n").unwrap_err();
/// assert_eq!(error.field(), Some("csv"));
/// assert_eq!(error.to_string(), "1 invalid CSV row(s): line 2: firstname and lastname are both empty");
/// let Some(InputProblem::InvalidRows(rows)) = error.problem() else { unreachable!() };
/// assert_eq!((rows[0].line, &rows[0].problems[..]), (2, &[RowProblem::MissingName][..]));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A CSV or vCard input, or a CSV delimiter, that cannot be converted; nothing of such an
    /// input should be imported.
    #[error(transparent)]
    InvalidInput(InvalidInput),
    /// Writing the output failed (only possible with a failing [`std::io::Write`]).
    #[error(transparent)]
    Write(WriteError),
}

impl Error {
    pub(crate) fn invalid(field: &'static str, problem: InputProblem) -> Self {
        Self::InvalidInput(InvalidInput { field, problem })
    }

    pub(crate) fn write(error: impl fmt::Display) -> Self {
        Self::Write(WriteError {
            message: error.to_string(),
        })
    }

    /// The input an [`Error::InvalidInput`] is about: `csv`, `vcard` or `delimiter`.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::InvalidInput(invalid) => Some(invalid.field()),
            Self::Write(_) => None,
        }
    }

    /// What is wrong with the input, for an [`Error::InvalidInput`].
    pub fn problem(&self) -> Option<&InputProblem> {
        match self {
            Self::InvalidInput(invalid) => Some(invalid.problem()),
            Self::Write(_) => None,
        }
    }

    /// Whether this is an [`Error::InvalidInput`].
    pub fn is_invalid_input(&self) -> bool {
        matches!(self, Self::InvalidInput(_))
    }
}

/// What an [`Error::InvalidInput`] found: the input and its problem.
///
/// `Display` is the problem, one line that names the input: ``the CSV header lacks the
/// column(s) number``.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidInput {
    field: &'static str,
    problem: InputProblem,
}

impl InvalidInput {
    /// The input: `csv` (a CSV import), `vcard` (a vCard import) or `delimiter` (of a CSV
    /// export).
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// What is wrong with it.
    pub fn problem(&self) -> &InputProblem {
        &self.problem
    }

    /// The problem as text (the same as `Display`).
    pub fn rule(&self) -> String {
        self.problem.to_string()
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.problem, f)
    }
}

impl std::error::Error for InvalidInput {}

/// Why an [`Error::Write`] happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteError {
    message: String,
}

impl WriteError {
    /// The writer's error message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "writing the output failed: {}", self.message)
    }
}

impl std::error::Error for WriteError {}

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What is wrong with an input. Every problem of an input is reported at once.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputProblem {
    /// The CSV input has no header line.
    #[error("the CSV input is empty: expected a header line with firstname, lastname and number")]
    EmptyCsv,
    /// The CSV header lacks required columns.
    #[error("the CSV header lacks the column(s) {}", .0.join(", "))]
    MissingColumns(Vec<&'static str>),
    /// The CSV is malformed (for example an unterminated quote).
    #[error("malformed CSV at line {line}: {message}")]
    MalformedCsv {
        /// The 1-based line where reading failed.
        line: u64,
        /// What was wrong.
        message: String,
    },
    /// Some CSV rows are invalid; nothing of the input should be imported.
    #[error("{} invalid CSV row(s): {}", .0.len(), join(.0))]
    InvalidRows(Vec<RowError>),
    /// The input contains no vCard at all.
    #[error("no vCard found (expected BEGIN:VCARD … END:VCARD)")]
    NoVCard,
    /// Some vCards are invalid; nothing of the input should be imported.
    #[error("{} invalid vCard(s): {}", .0.len(), join(.0))]
    InvalidCards(Vec<CardError>),
    /// A CSV delimiter that cannot be used.
    #[error("invalid CSV delimiter {0:?}: must be an ASCII character other than '\"', CR or LF")]
    InvalidDelimiter(char),
}

fn join<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// One invalid CSV row.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RowError {
    /// The 1-based line of the input where the row starts (the header is line 1).
    pub line: u64,
    /// Everything wrong with the row.
    pub problems: Vec<RowProblem>,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, join(&self.problems))
    }
}

/// What is wrong with a CSV row.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RowProblem {
    /// Both `firstname` and `lastname` are empty.
    MissingName,
    /// `number` is empty.
    MissingNumber,
    /// `number` failed the number check.
    InvalidNumber {
        /// The number as given.
        number: String,
        /// Why it was rejected.
        reason: String,
    },
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingName => f.write_str("firstname and lastname are both empty"),
            Self::MissingNumber => f.write_str("number is empty"),
            Self::InvalidNumber { number, reason } => {
                write!(f, "invalid number {number:?}: {reason}")
            }
        }
    }
}

/// One invalid vCard.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CardError {
    /// The 1-based position of the card in the input.
    pub card: usize,
    /// What is wrong with it.
    pub problem: CardProblem,
}

impl fmt::Display for CardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "card {}: {}", self.card, self.problem)
    }
}

/// What is wrong with a vCard.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CardProblem {
    /// Neither `N` nor `FN` gives a name.
    MissingName,
    /// `VERSION` is missing or not 2.1, 3.0 or 4.0.
    UnsupportedVersion(Option<String>),
    /// The card has no `END:VCARD`.
    Unterminated,
    /// A line outside any card that is not part of a vCard.
    InvalidLine(String),
}

impl fmt::Display for CardProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingName => f.write_str("no name (neither N nor FN has a value)"),
            Self::UnsupportedVersion(None) => f.write_str("no VERSION line"),
            Self::UnsupportedVersion(Some(v)) => {
                write!(
                    f,
                    "unsupported VERSION {v:?} (2.1, 3.0 and 4.0 are supported)"
                )
            }
            Self::Unterminated => f.write_str("missing END:VCARD"),
            Self::InvalidLine(line) => write!(f, "unexpected line {line:?} outside a vCard"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_errors_name_no_input() {
        let error = Error::write("disk full");
        assert_eq!((error.field(), error.problem()), (None, None));
        assert!(!error.is_invalid_input());
        assert_eq!(error.to_string(), "writing the output failed: disk full");
        let Error::Write(write) = error else {
            unreachable!("a write error")
        };
        assert_eq!(write.message(), "disk full");
    }

    #[test]
    fn invalid_input_is_displayed_as_its_problem() {
        let error = Error::invalid("delimiter", InputProblem::InvalidDelimiter('"'));
        assert!(error.is_invalid_input());
        assert_eq!(
            error.to_string(),
            "invalid CSV delimiter '\"': must be an ASCII character other than '\"', CR or LF"
        );
        let Error::InvalidInput(invalid) = error else {
            unreachable!("invalid input")
        };
        assert_eq!(invalid.field(), "delimiter");
        assert_eq!(invalid.rule(), invalid.to_string());
        assert_eq!(invalid.problem(), &InputProblem::InvalidDelimiter('"'));
    }
}
