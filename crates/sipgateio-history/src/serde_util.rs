//! Lenient decoding helpers for history entries.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

/// Parses ISO 8601 with an offset, or without one (taken as UTC).
pub(crate) fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(|t| t.and_utc())
        })
}

/// A required ISO 8601 time.
pub(crate) fn time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_time(&text).ok_or_else(|| D::Error::custom(format!("invalid ISO 8601 time {text:?}")))
}

/// An optional ISO 8601 time; `null` and `""` are `None`.
pub(crate) fn optional_time<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    match Option::<String>::deserialize(deserializer)? {
        None => Ok(None),
        Some(text) if text.trim().is_empty() => Ok(None),
        Some(text) => parse_time(&text)
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("invalid ISO 8601 time {text:?}"))),
    }
}

/// A value whose `null` means its default.
pub(crate) fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_with_and_without_zone() {
        let expected = parse_time("2020-01-02T03:04:05Z").expect("zulu");
        assert_eq!(parse_time("2020-01-02T04:04:05+01:00"), Some(expected));
        assert_eq!(parse_time("2020-01-02T03:04:05"), Some(expected));
        assert!(parse_time("2020-01-02T03:04:05.678Z").is_some());
        assert_eq!(parse_time("2020-01-02"), None);
        assert_eq!(parse_time("yesterday"), None);
    }
}
