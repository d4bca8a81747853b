//! Retry policy: which failures are retried, how often and after which delay.

use std::time::Duration;

use crate::transport::Method;
use crate::{Error, ErrorKind};

/// How the client retries failed requests.
///
/// Which failures are retried is decided from [`Error::kind`], the same classification that
/// [`Error::is_transient`] answers:
///
/// | [`ErrorKind`] | `GET`, `PUT`, `DELETE` | `POST`, `PATCH` |
/// |---|---|---|
/// | `RateLimited` (429) | retried | retried |
/// | `Connect` (the connection could not be established) | retried | retried |
/// | `Server` with 502, 503 or 504 | retried | not retried |
/// | `Transport` (connection broke after sending) | retried | not retried |
/// | `Timeout` | not retried | not retried |
/// | everything else (other 5xx, 4xx, decode, …) | not retried | not retried |
///
/// `POST` and `PATCH` (send an SMS, a fax, start a call, …) are retried only when the request
/// provably never reached the server or the server refused it with 429: sipgate has no
/// idempotency keys, so an SMS is never risked twice. Timeouts are not retried: the configured
/// timeout is the longest a caller waits per attempt, and the server may still be working.
///
/// Delays use "full jitter" exponential backoff: before retry *n* the client sleeps a random
/// duration between zero and `min(max_delay, initial_delay · 2ⁿ⁻¹)`. A `Retry-After` header on
/// a 429 ([`ApiError::retry_after`](crate::ApiError::retry_after)) is honoured instead, unless
/// it asks for more than `max_retry_after` — then the error is returned at once.
///
/// ```
/// use std::time::Duration;
/// use sipgateio_core::RetryPolicy;
///
/// let policy = RetryPolicy::default()
///     .max_attempts(5)
///     .initial_delay(Duration::from_millis(100));
/// assert_eq!(policy.attempts(), 5);
/// assert_eq!(RetryPolicy::disabled().attempts(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_delay: Duration,
    max_delay: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// Three attempts, 200 ms initial delay, at most 10 s between attempts, `Retry-After` up to
    /// 60 s honoured.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries: every request is sent once.
    pub fn disabled() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Sets the total number of attempts, the first one included (at least 1).
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the upper bound of the delay before the first retry.
    #[must_use]
    pub fn initial_delay(mut self, delay: Duration) -> Self {
        self.initial_delay = delay;
        self
    }

    /// Sets the largest delay between two attempts.
    #[must_use]
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Sets the longest `Retry-After` the client waits for; longer requests fail at once.
    #[must_use]
    pub fn max_retry_after(mut self, delay: Duration) -> Self {
        self.max_retry_after = delay;
        self
    }

    /// The total number of attempts.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The delay before retry number `retry` (1-based), with full jitter.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(20);
        let cap = self
            .initial_delay
            .saturating_mul(1u32 << exponent)
            .min(self.max_delay);
        cap.mul_f64(fastrand::f64())
    }

    /// The delay to wait for a server-given `Retry-After`, or `None` if it is too long.
    pub(crate) fn honour_retry_after(&self, retry_after: Duration) -> Option<Duration> {
        (retry_after <= self.max_retry_after).then_some(retry_after)
    }
}

/// How a failure may be retried: the one classifier behind both [`RetryPolicy`] and
/// [`Error::is_transient`]. It reads [`Error::kind`] (and, for a 5xx, the status).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Retry {
    /// Sending again cannot help, or could act twice: never retried.
    Never,
    /// Sending again could succeed, but the server may have acted: only idempotent methods
    /// (`GET`, `PUT`, `DELETE`) are retried.
    IfIdempotent,
    /// The server provably did not act (the connection failed, or it refused with 429):
    /// every method is retried.
    Always,
}

/// Classifies a failed attempt for retrying.
pub(crate) fn classify(error: &Error) -> Retry {
    match error.kind() {
        ErrorKind::RateLimited | ErrorKind::Connect => Retry::Always,
        ErrorKind::Transport => Retry::IfIdempotent,
        ErrorKind::Server if matches!(error.status(), Some(502..=504)) => Retry::IfIdempotent,
        // A timeout is not retried: the caller has already waited the whole timeout and the
        // server may still be working on the request.
        ErrorKind::Timeout
        | ErrorKind::Server
        | ErrorKind::InvalidInput
        | ErrorKind::Unauthorized
        | ErrorKind::PaymentRequired
        | ErrorKind::Forbidden
        | ErrorKind::NotFound
        | ErrorKind::Api
        | ErrorKind::Decode
        | ErrorKind::Io
        | ErrorKind::Precondition
        | ErrorKind::Config => Retry::Never,
    }
}

/// Whether an attempt that failed with `error` may be repeated for this method.
pub(crate) fn is_retryable(method: Method, error: &Error) -> bool {
    match classify(error) {
        Retry::Always => true,
        Retry::IfIdempotent => method.is_idempotent(),
        Retry::Never => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transport(connect: bool) -> Error {
        Error::transport(connect, std::io::Error::other("reset"))
    }

    /// Every kind of failure, whether `GET`/`PUT`/`DELETE` and `POST`/`PATCH` retry it.
    fn table() -> Vec<(Error, bool, bool)> {
        let status = |s: u16| Error::from_status(s, "", None);
        vec![
            (status(429), true, true),
            (transport(true), true, true),
            (status(502), true, false),
            (status(503), true, false),
            (status(504), true, false),
            (transport(false), true, false),
            (status(500), false, false),
            (status(501), false, false),
            (status(505), false, false),
            (status(400), false, false),
            (status(401), false, false),
            (status(402), false, false),
            (status(403), false, false),
            (status(404), false, false),
            (status(409), false, false),
            (Error::timeout(Duration::from_secs(1)), false, false),
            (Error::invalid_input("to", "x"), false, false),
            (Error::decode(".", "x", ""), false, false),
            (Error::from(std::io::Error::other("x")), false, false),
            (Error::precondition("x"), false, false),
            (Error::config("x"), false, false),
            // A token source that failed: nothing was sent, its kind decides.
            (Error::credentials(ErrorKind::Connect, "x"), true, true),
            (
                Error::credentials(ErrorKind::Unauthorized, "x"),
                false,
                false,
            ),
        ]
    }

    #[test]
    fn retry_per_method_follows_the_table() {
        for (error, idempotent, post) in table() {
            for method in [Method::Get, Method::Put, Method::Delete] {
                assert_eq!(
                    is_retryable(method, &error),
                    idempotent,
                    "{method:?} {error}"
                );
            }
            for method in [Method::Post, Method::Patch] {
                assert_eq!(is_retryable(method, &error), post, "{method:?} {error}");
            }
        }
    }

    #[test]
    fn is_transient_is_what_idempotent_requests_retry() {
        for (error, idempotent, post) in table() {
            assert_eq!(error.is_transient(), idempotent, "{error}");
            // Whatever is retried for POST is also transient.
            assert!(!post || error.is_transient(), "{error}");
        }
    }

    #[test]
    fn backoff_stays_within_the_exponential_cap() {
        let policy = RetryPolicy::default()
            .initial_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(350));
        for _ in 0..200 {
            assert!(policy.backoff(1) <= Duration::from_millis(100));
            assert!(policy.backoff(2) <= Duration::from_millis(200));
            assert!(policy.backoff(3) <= Duration::from_millis(350));
            assert!(policy.backoff(40) <= Duration::from_millis(350));
        }
    }

    #[test]
    fn retry_after_is_capped() {
        let policy = RetryPolicy::default().max_retry_after(Duration::from_secs(5));
        assert_eq!(
            policy.honour_retry_after(Duration::from_secs(5)),
            Some(Duration::from_secs(5))
        );
        assert_eq!(policy.honour_retry_after(Duration::from_secs(6)), None);
    }

    #[test]
    fn attempts_are_at_least_one() {
        assert_eq!(RetryPolicy::default().max_attempts(0).attempts(), 1);
    }
}
