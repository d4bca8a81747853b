//! Parsers for command-line values: durations and points in time.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

/// A duration like `500ms`, `30s`, `15m`, `2h` or `1d` (a bare number means seconds).
pub(crate) fn duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration like 500ms, 30s, 15m, 2h or 1d"))?;
    let millis = match unit {
        "ms" => Some(number),
        "" | "s" => number.checked_mul(1000),
        "m" => number.checked_mul(60_000),
        "h" => number.checked_mul(3_600_000),
        "d" => number.checked_mul(86_400_000),
        _ => None,
    }
    .ok_or_else(|| format!("`{text}` is not a duration like 500ms, 30s, 15m, 2h or 1d"))?;
    Ok(Duration::from_millis(millis))
}

/// A point in time: RFC 3339 (`2026-12-01T10:00:00Z`, `…+01:00`) or a date (`2026-12-01`,
/// midnight UTC).
pub(crate) fn time(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(time) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(time.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .ok_or_else(|| {
            format!("`{text}` is not a time like 2026-12-01T10:00:00Z, 2026-12-01T11:00:00+01:00 or 2026-12-01")
        })
}

/// `now + duration` as a chrono time.
pub(crate) fn after(now: DateTime<Utc>, duration: Duration) -> Option<DateTime<Utc>> {
    TimeDelta::from_std(duration)
        .ok()
        .and_then(|d| now.checked_add_signed(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(duration("30"), Ok(Duration::from_secs(30)));
        assert_eq!(duration("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(duration("2h"), Ok(Duration::from_secs(7200)));
        assert_eq!(duration("1d"), Ok(Duration::from_secs(86400)));
        assert!(duration("soon").is_err());
        assert!(duration("5y").is_err());
        assert!(duration("-5s").is_err());
        assert!(duration("99999999999999999999d").is_err());
    }

    #[test]
    fn times() {
        let t = time("2026-12-01T11:00:00+01:00").expect("valid");
        assert_eq!(t.to_rfc3339(), "2026-12-01T10:00:00+00:00");
        assert_eq!(
            time("2026-12-01").expect("valid").to_rfc3339(),
            "2026-12-01T00:00:00+00:00"
        );
        assert!(time("tomorrow").is_err());
    }
}
