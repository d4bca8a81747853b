//! The error type of this crate.

use std::borrow::Cow;

/// A value that sipgate would not accept, found while building a [`Response`](crate::Response).
///
/// Nothing is rendered from an invalid value: the constructors of [`Response`](crate::Response)
/// check every part and return this error naming the field and the rule.
///
/// ```
/// use sipgateio_xml::{Error, Gather, Response};
///
/// let error = Response::gather(Gather::new().max_digits(0)).unwrap_err();
/// assert_eq!(error.field(), "maxDigits");
/// assert_eq!(error.to_string(), "invalid `maxDigits`: must be at least 1 (was 0)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A field has a value sipgate does not accept.
    #[error("invalid `{field}`: {rule}")]
    Invalid {
        /// The XML name of the field (`maxDigits`, `Number`, `Url`, `onAnswer`, …).
        field: &'static str,
        /// What the value must look like, and what it was where that helps.
        rule: Cow<'static, str>,
    },
}

impl Error {
    pub(crate) fn invalid(field: &'static str, rule: impl Into<Cow<'static, str>>) -> Self {
        Self::Invalid {
            field,
            rule: rule.into(),
        }
    }

    /// The XML name of the offending field.
    pub fn field(&self) -> &'static str {
        match self {
            Self::Invalid { field, .. } => field,
        }
    }
}

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
