//! The scheduling window of `sendAt`.

use chrono::{DateTime, TimeDelta, Utc};
use sipgateio_core::{Error, Result};

/// How far ahead an SMS can be scheduled: 30 days (2 592 000 s), as the Node library and
/// sipgate allow.
pub const MAX_SCHEDULE_AHEAD: TimeDelta = TimeDelta::days(30);

/// Checks a scheduled send time against `now` and returns it as whole Unix seconds (the
/// API's `sendAt`, an integer; fractions of a second are dropped).
///
/// The time must not be earlier than `now` nor later than `now` + [`MAX_SCHEDULE_AHEAD`].
///
/// ```
/// use chrono::{TimeDelta, TimeZone, Utc};
/// use sipgateio_sms::send_at_seconds;
///
/// let now = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
/// assert_eq!(send_at_seconds(now + TimeDelta::milliseconds(1500), now)?, 1_795_780_801);
/// assert!(send_at_seconds(now - TimeDelta::seconds(1), now).is_err());
/// assert!(send_at_seconds(now + TimeDelta::days(31), now).is_err());
/// # Ok::<(), sipgateio_core::Error>(())
/// ```
pub fn send_at_seconds(send_at: DateTime<Utc>, now: DateTime<Utc>) -> Result<i64> {
    if send_at < now {
        return Err(Error::invalid_input(
            "send_at",
            format!("must not be in the past (got {send_at}, now is {now})"),
        ));
    }
    if send_at > now + MAX_SCHEDULE_AHEAD {
        return Err(Error::invalid_input(
            "send_at",
            format!("must be at most 30 days in the future (got {send_at}, now is {now})"),
        ));
    }
    Ok(send_at.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0)
            .single()
            .expect("valid date")
    }

    #[test]
    fn the_window_is_inclusive_at_both_ends() {
        assert_eq!(send_at_seconds(now(), now()).ok(), Some(now().timestamp()));
        let last = now() + MAX_SCHEDULE_AHEAD;
        assert_eq!(send_at_seconds(last, now()).ok(), Some(last.timestamp()));
        let error = send_at_seconds(last + TimeDelta::milliseconds(1), now()).expect_err("late");
        assert_eq!(error.invalid_field(), Some("send_at"));
        assert!(error.to_string().contains("30 days"));
        let error = send_at_seconds(now() - TimeDelta::milliseconds(1), now()).expect_err("past");
        assert!(error.to_string().contains("past"));
    }

    #[test]
    fn fractions_are_dropped_not_sent() {
        let at = now() + TimeDelta::milliseconds(60_999);
        assert_eq!(
            send_at_seconds(at, now()).ok(),
            Some(now().timestamp() + 60)
        );
    }
}
