//! The error type of this crate.

use std::borrow::Cow;
use std::fmt;

/// A value that sipgate would not accept, found while building a [`Response`](crate::Response).
///
/// Nothing is rendered from an invalid value: the constructors of [`Response`](crate::Response)
/// check every part and return this error naming the field and the rule.
///
/// ```
/// use sipgateio_xml::{Error, Gather, Response};
///
/// let error = Response::gather(Gather::new().max_digits(0)).unwrap_err();
/// assert_eq!(error.field(), Some("maxDigits"));
/// assert_eq!(error.to_string(), "invalid `maxDigits`: must be at least 1 (was 0)");
/// let Error::InvalidInput(invalid) = error else { unreachable!() };
/// assert_eq!(invalid.rule(), "must be at least 1 (was 0)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A field has a value sipgate does not accept, or XML cannot carry.
    #[error(transparent)]
    InvalidInput(InvalidInput),
}

impl Error {
    pub(crate) fn invalid_input(field: &'static str, rule: impl Into<Cow<'static, str>>) -> Self {
        Self::InvalidInput(InvalidInput {
            field,
            rule: rule.into(),
        })
    }

    /// The XML name of the offending field, for an [`Error::InvalidInput`].
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::InvalidInput(invalid) => Some(invalid.field()),
        }
    }

    /// Whether this is an [`Error::InvalidInput`].
    pub fn is_invalid_input(&self) -> bool {
        matches!(self, Self::InvalidInput(_))
    }
}

/// What an [`Error::InvalidInput`] found: the field and the rule its value broke.
///
/// `Display` is one line: ``invalid `Url`: must be an absolute http:// or https:// URL``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidInput {
    field: &'static str,
    rule: Cow<'static, str>,
}

impl InvalidInput {
    /// The XML name of the field (`maxDigits`, `timeout`, `Number`, `callerId`, `Url`,
    /// `onAnswer`, `onHangup`, `onData`).
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// What the value must look like, and what it was where that helps.
    pub fn rule(&self) -> &str {
        &self.rule
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid `{}`: {}", self.field, self.rule)
    }
}

impl std::error::Error for InvalidInput {}

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
