//! Dates and times on the wire: one rule for reading them, one form for writing them.
//!
//! **Read** ([`parse`], and the serde helpers of this module): sipgate sends ISO 8601 times,
//! mostly with an offset, some endpoints without one, and a few fields as a bare date. All
//! three are accepted and the result is a [`DateTime<Utc>`]:
//!
//! | sent | example | read as |
//! |---|---|---|
//! | RFC 3339 with an offset (`Z` or `±hh:mm`), optional fractional seconds | `2024-05-01T12:00:00.250+02:00` | that instant, in UTC |
//! | the same without an offset (`T` between date and time) | `2024-05-01T10:00:00` | UTC |
//! | a bare date | `2024-05-01` | midnight UTC |
//!
//! Anything else is an error naming the text: surrounding whitespace, an offset without a
//! colon (`+0200`), a time without seconds, an impossible date. For an `Option` field, `null`,
//! a missing field (with `#[serde(default)]`) and an empty or blank string are `None`.
//!
//! **Write** ([`format()`], and the serializers here): RFC 3339 in UTC with a `Z`, fractional
//! seconds only when there are some (`2024-05-01T10:00:00Z`, `2024-05-01T10:00:00.250Z`) —
//! the form chrono's own serde support writes, which the rule above reads back.
//!
//! ```
//! use chrono::{DateTime, TimeZone, Utc};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Serialize, Deserialize)]
//! struct Entry {
//!     #[serde(with = "sipgateio_types::time")]
//!     created: DateTime<Utc>,
//!     #[serde(default, with = "sipgateio_types::time::option")]
//!     scheduled: Option<DateTime<Utc>>,
//! }
//!
//! let entry: Entry = serde_json::from_str(r#"{"created": "2024-05-01T12:00:00+02:00", "scheduled": ""}"#)?;
//! assert_eq!(entry.created, Utc.with_ymd_and_hms(2024, 5, 1, 10, 0, 0).unwrap());
//! assert_eq!(entry.scheduled, None);
//! assert_eq!(
//!     serde_json::to_string(&entry)?,
//!     r#"{"created":"2024-05-01T10:00:00Z","scheduled":null}"#
//! );
//! # Ok::<(), serde_json::Error>(())
//! ```

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serializer};

/// Reads a date or time by the rule of this module; `None` if `text` follows none of its
/// forms.
///
/// ```
/// use sipgateio_types::time::parse;
///
/// let zulu = parse("2024-05-01T10:00:00Z");
/// assert!(zulu.is_some());
/// assert_eq!(parse("2024-05-01T12:00:00+02:00"), zulu);
/// assert_eq!(parse("2024-05-01T10:00:00"), zulu);
/// assert_eq!(parse("2024-05-01").map(|t| t.to_rfc3339()), Some("2024-05-01T00:00:00+00:00".into()));
/// assert_eq!(parse("1 May 2024"), None);
/// ```
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Some(time.with_timezone(&Utc));
    }
    if let Ok(time) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(time.and_utc());
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|date| date.and_hms_opt(0, 0, 0))
        .map(|time| time.and_utc())
}

/// Writes a time as sipgate reads it: RFC 3339 in UTC with `Z`, fractional seconds only when
/// there are some.
///
/// ```
/// use chrono::{TimeZone, Utc};
///
/// let time = Utc.with_ymd_and_hms(2024, 5, 1, 10, 0, 0).unwrap();
/// assert_eq!(sipgateio_types::time::format(&time), "2024-05-01T10:00:00Z");
/// ```
pub fn format(time: &DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn invalid<E: serde::de::Error>(text: &str) -> E {
    E::custom(format!(
        "invalid date or time {text:?}: expected RFC 3339 (with or without an offset) or a date YYYY-MM-DD"
    ))
}

/// Serializes a [`DateTime<Utc>`] with [`format()`]; use as `#[serde(with = "sipgateio_types::time")]`.
///
/// # Errors
/// Only the serializer's own errors.
pub fn serialize<S: Serializer>(time: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format(time))
}

/// Deserializes a [`DateTime<Utc>`] by the rule of this module; use as
/// `#[serde(with = "sipgateio_types::time")]`.
///
/// # Errors
/// When the value is not a string, or a string none of the accepted forms.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| invalid(&text))
}

/// The serde helpers for an `Option<DateTime<Utc>>`: `null`, a missing field and an empty or
/// blank string are `None`. Use as `#[serde(default, with = "sipgateio_types::time::option")]`
/// (`default` makes a missing field `None`).
pub mod option {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    /// Serializes `Some` with [`format()`](super::format()) and `None` as `null`.
    ///
    /// # Errors
    /// Only the serializer's own errors.
    pub fn serialize<S: Serializer>(
        time: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => serializer.serialize_some(&super::format(time)),
            None => serializer.serialize_none(),
        }
    }

    /// Deserializes by the rule of this module; `null`, `""` and blank strings are `None`.
    ///
    /// # Errors
    /// When the value is neither `null` nor a string, or a non-blank string none of the
    /// accepted forms.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            None => Ok(None),
            Some(text) if text.trim().is_empty() => Ok(None),
            Some(text) => super::parse(&text)
                .map(Some)
                .ok_or_else(|| super::invalid(&text)),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Timelike};
    use serde::{Deserialize, Serialize};

    use super::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s)
            .single()
            .expect("valid date")
    }

    #[test]
    fn accepted_forms() {
        let expected = utc(2020, 1, 2, 3, 4, 5);
        for text in [
            "2020-01-02T03:04:05Z",
            "2020-01-02T03:04:05z",
            "2020-01-02t03:04:05Z",
            "2020-01-02 03:04:05Z",
            "2020-01-02T04:04:05+01:00",
            "2020-01-01T23:04:05-04:00",
            "2020-01-02T03:04:05+00:00",
            "2020-01-02T03:04:05",
        ] {
            assert_eq!(parse(text), Some(expected), "{text}");
        }
        let fraction = parse("2020-01-02T03:04:05.678Z").expect("fractions");
        assert_eq!(fraction.nanosecond(), 678_000_000);
        let fraction = parse("2020-01-02T03:04:05.5").expect("fractions without offset");
        assert_eq!(fraction.nanosecond(), 500_000_000);
        assert_eq!(parse("2020-01-02"), Some(utc(2020, 1, 2, 0, 0, 0)));
    }

    #[test]
    fn rejected_forms() {
        for text in [
            "",
            " ",
            "yesterday",
            " 2020-01-02T03:04:05Z",
            "2020-01-02T03:04:05Z ",
            "2020-01-02T03:04:05+0100",
            "2020-01-02T03:04Z",
            "2020-01-02T03:04",
            "2020-01-02 03:04:05",
            "2020-02-30",
            "2020-13-01T00:00:00Z",
            "02.01.2020",
            "1577934245",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Times {
        #[serde(with = "crate::time")]
        at: DateTime<Utc>,
        #[serde(default, with = "crate::time::option")]
        maybe: Option<DateTime<Utc>>,
    }

    #[test]
    fn serde_round_trip() {
        let times: Times =
            serde_json::from_str(r#"{"at":"2020-01-02T04:04:05.250+01:00","maybe":"2020-01-02"}"#)
                .expect("valid");
        let at = utc(2020, 1, 2, 3, 4, 5) + chrono::Duration::milliseconds(250);
        assert_eq!(times.at, at);
        assert_eq!(times.maybe, Some(utc(2020, 1, 2, 0, 0, 0)));
        let json = serde_json::to_string(&times).expect("serializes");
        assert_eq!(
            json,
            r#"{"at":"2020-01-02T03:04:05.250Z","maybe":"2020-01-02T00:00:00Z"}"#
        );
        assert_eq!(
            serde_json::from_str::<Times>(&json).expect("reads back"),
            times
        );
        // The same form chrono's own serde support writes.
        assert_eq!(
            serde_json::to_string(&at).expect("chrono"),
            r#""2020-01-02T03:04:05.250Z""#
        );
    }

    #[test]
    fn optional_absent_null_and_blank_are_none() {
        for json in [
            r#"{"at":"2020-01-02T03:04:05Z"}"#,
            r#"{"at":"2020-01-02T03:04:05Z","maybe":null}"#,
            r#"{"at":"2020-01-02T03:04:05Z","maybe":""}"#,
            r#"{"at":"2020-01-02T03:04:05Z","maybe":"  "}"#,
        ] {
            let times: Times = serde_json::from_str(json).expect(json);
            assert_eq!(times.maybe, None, "{json}");
        }
    }

    #[test]
    fn serde_rejections_name_the_text() {
        for json in [
            r#"{"at":""}"#,
            r#"{"at":null}"#,
            r#"{"at":1577934245}"#,
            r#"{"at":"2020-01-02T03:04:05Z","maybe":"soon"}"#,
            r#"{"at":"2020-01-02T03:04:05Z","maybe":42}"#,
        ] {
            assert!(serde_json::from_str::<Times>(json).is_err(), "{json}");
        }
        let error = serde_json::from_str::<Times>(r#"{"at":"soon"}"#).expect_err("invalid");
        assert!(
            error.to_string().contains(r#"invalid date or time "soon""#),
            "{error}"
        );
    }
}
