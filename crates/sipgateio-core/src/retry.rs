//! Retry policy: which failures are retried, how often and after which delay.

use std::time::Duration;

use crate::Method;

/// How the client retries failed requests.
///
/// * `GET`, `PUT` and `DELETE` are idempotent: they are retried on 429, 502, 503, 504 and on
///   transport errors.
/// * `POST` and `PATCH` (send an SMS, a fax, start a call, …) are retried only when the request
///   provably never reached the server (connection failed) or the server refused it with 429.
///   sipgate has no idempotency keys, so an SMS is never risked twice.
/// * Timeouts are not retried: the configured timeout is the longest a caller waits per attempt.
///
/// Delays use "full jitter" exponential backoff: before retry *n* the client sleeps a random
/// duration between zero and `min(max_delay, initial_delay · 2ⁿ⁻¹)`. A `Retry-After` header on
/// a 429 or 503 is honoured instead, unless it asks for more than `max_retry_after` — then the
/// error is returned at once.
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

/// What happened on one attempt, as far as retrying is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// An HTTP status that is not a success.
    Status(u16),
    /// The connection could not be established: the request never left.
    ConnectFailed,
    /// The connection broke after the request may have been sent.
    TransportFailed,
    /// The attempt's timeout expired.
    TimedOut,
}

/// Whether an attempt with this outcome may be repeated for this method.
pub(crate) fn is_retryable(method: Method, outcome: Outcome) -> bool {
    match outcome {
        Outcome::Status(429) | Outcome::ConnectFailed => true,
        Outcome::Status(502..=504) | Outcome::TransportFailed => method.is_idempotent(),
        Outcome::Status(_) | Outcome::TimedOut => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_is_retried_only_when_it_never_left_or_on_429() {
        assert!(is_retryable(Method::Post, Outcome::ConnectFailed));
        assert!(is_retryable(Method::Post, Outcome::Status(429)));
        for outcome in [
            Outcome::Status(503),
            Outcome::Status(502),
            Outcome::Status(504),
            Outcome::Status(500),
            Outcome::TransportFailed,
            Outcome::TimedOut,
        ] {
            assert!(!is_retryable(Method::Post, outcome), "{outcome:?}");
            assert!(!is_retryable(Method::Patch, outcome), "{outcome:?}");
        }
    }

    #[test]
    fn idempotent_methods_retry_transient_failures() {
        for method in [Method::Get, Method::Put, Method::Delete] {
            for status in [429, 502, 503, 504] {
                assert!(is_retryable(method, Outcome::Status(status)));
            }
            assert!(is_retryable(method, Outcome::TransportFailed));
            assert!(!is_retryable(method, Outcome::Status(500)));
            assert!(!is_retryable(method, Outcome::Status(404)));
            assert!(!is_retryable(method, Outcome::TimedOut));
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
