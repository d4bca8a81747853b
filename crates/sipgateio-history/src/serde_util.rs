//! Lenient decoding helpers for history entries (dates are read by `sipgateio_types::time`).

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use sipgateio_types::CallId;

/// A value whose `null` means its default.
pub(crate) fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// An id type that has an empty value for a missing or `null` id.
pub(crate) trait EmptyId {
    /// The empty id.
    fn empty() -> Self;
}

impl EmptyId for CallId {
    fn empty() -> Self {
        Self::new("")
    }
}

/// The empty id, the default of a missing id field.
pub(crate) fn empty_id<T: EmptyId>() -> T {
    T::empty()
}

/// An id whose `null` means the empty id.
pub(crate) fn nullable_id<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + EmptyId,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_else(T::empty))
}

/// `starred` as a boolean, also accepting the strings `STARRED` and `UNSTARRED`.
pub(crate) fn starred<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Starred {
        Flag(bool),
        Text(String),
    }
    match Option::<Starred>::deserialize(deserializer)? {
        None => Ok(false),
        Some(Starred::Flag(flag)) => Ok(flag),
        Some(Starred::Text(text)) => match text.as_str() {
            "STARRED" => Ok(true),
            "UNSTARRED" | "" => Ok(false),
            other => Err(D::Error::custom(format!(
                "expected a boolean, STARRED or UNSTARRED, got {other:?}"
            ))),
        },
    }
}

/// A duration in whole seconds; fractional values are rounded, negative ones rejected.
pub(crate) fn seconds<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    match Option::<serde_json::Number>::deserialize(deserializer)? {
        None => Ok(None),
        Some(number) => match (number.as_u64(), number.as_f64()) {
            (Some(whole), _) => Ok(Some(whole)),
            (None, Some(float)) if float >= 0.0 && float.is_finite() => {
                // Rounded, non-negative and finite: the cast cannot wrap.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Ok(Some(float.round() as u64))
            }
            _ => Err(D::Error::custom(format!(
                "expected a non-negative number of seconds, got {number}"
            ))),
        },
    }
}
