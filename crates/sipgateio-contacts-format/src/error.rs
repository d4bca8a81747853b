//! The error type of the converters.

use std::fmt;

/// Why an input could not be converted. Every problem of an input is reported at once.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
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
    /// Writing the output failed (only possible with a failing [`std::io::Write`]).
    #[error("writing the output failed: {0}")]
    Write(String),
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
