//! Query strings with repeated keys for arrays (`types=CALL&types=SMS`).

use std::borrow::Cow;

use chrono::{DateTime, SecondsFormat, Utc};

use crate::{Error, Result};

/// An ordered list of query parameters. Arrays are written as repeated keys, the way the
/// sipgate API (and the Node library's `qs` with `arrayFormat: 'repeat'`) expects them.
///
/// ```
/// use sipgateio_core::transport::Query;
///
/// let query = Query::new()
///     .push("types", "CALL")
///     .push_all("types", ["SMS", "FAX"])
///     .push_opt("archived", None::<bool>)
///     .push("limit", 10);
/// assert_eq!(query.to_string(), "types=CALL&types=SMS&types=FAX&limit=10");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(Cow<'static, str>, String)>,
}

impl Query {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `key=value`.
    #[must_use]
    pub fn push(mut self, key: impl Into<Cow<'static, str>>, value: impl ToString) -> Self {
        self.pairs.push((key.into(), value.to_string()));
        self
    }

    /// Appends `key=value` if `value` is `Some`.
    #[must_use]
    pub fn push_opt(self, key: impl Into<Cow<'static, str>>, value: Option<impl ToString>) -> Self {
        match value {
            Some(value) => self.push(key, value),
            None => self,
        }
    }

    /// Appends `key=value` once per value (repeated keys).
    #[must_use]
    pub fn push_all<V: ToString>(
        mut self,
        key: impl Into<Cow<'static, str>>,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        let key = key.into();
        for value in values {
            self.pairs.push((key.clone(), value.to_string()));
        }
        self
    }

    /// Appends a UTC time as ISO 8601 with milliseconds (`2020-01-02T03:04:05.678Z`).
    #[must_use]
    pub fn push_time(self, key: impl Into<Cow<'static, str>>, time: Option<DateTime<Utc>>) -> Self {
        self.push_opt(
            key,
            time.map(|t| t.to_rfc3339_opts(SecondsFormat::Millis, true)),
        )
    }

    /// The parameters in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_ref(), v.as_str()))
    }

    /// Whether there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

impl std::fmt::Display for Query {
    /// The percent-encoded query string, without a leading `?`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (key, value) in self.pairs() {
            serializer.append_pair(key, value);
        }
        f.write_str(&serializer.finish())
    }
}

/// Percent-encodes one path segment, so an id can never change the path it is put into.
///
/// Empty values and the dot segments `.` and `..` (which URLs resolve even when
/// percent-encoded) are rejected with [`Error::InvalidInput`] naming `field`.
///
/// ```
/// use sipgateio_core::transport::path_segment;
///
/// assert_eq!(path_segment("id", "1234")?, "1234");
/// assert_eq!(path_segment("id", "a/b?c")?, "a%2Fb%3Fc");
/// assert!(path_segment("id", "..").is_err());
/// # Ok::<(), sipgateio_core::Error>(())
/// ```
pub fn path_segment(field: &'static str, value: &str) -> Result<String> {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    if value.is_empty() || value == "." || value == ".." {
        return Err(Error::invalid_input(field, "must be a non-empty id"));
    }
    Ok(percent_encoding::utf8_percent_encode(value, SEGMENT).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn encodes_plus_and_times_like_node() {
        let time = Utc
            .with_ymd_and_hms(2020, 1, 2, 3, 4, 5)
            .single()
            .expect("valid date")
            + chrono::Duration::milliseconds(678);
        let query = Query::new()
            .push("phonenumber", "+4921100000")
            .push_time("from", Some(time))
            .push_time("to", None);
        assert_eq!(
            query.to_string(),
            "phonenumber=%2B4921100000&from=2020-01-02T03%3A04%3A05.678Z"
        );
    }

    #[test]
    fn path_segments_cannot_escape() {
        assert_eq!(
            path_segment("id", "a/b?c#d").ok().as_deref(),
            Some("a%2Fb%3Fc%23d")
        );
        for bad in ["", ".", ".."] {
            assert!(path_segment("id", bad).is_err());
        }
        assert_eq!(path_segment("id", "...").ok().as_deref(), Some("..."));
    }
}
