//! Waiting until a fax is done, polling its status with backoff.

use std::time::Duration;

use sipgateio_core::{Error, Result};
use sipgateio_types::HistoryEntryId;
use tokio::time::Instant;

use crate::{FaxClient, FaxStatus};

/// How [`FaxClient::wait_until_done_with`] polls: the first pause, growing by `factor` up to
/// `max_interval`.
///
/// ```
/// use std::time::Duration;
/// use sipgateio_fax::PollOptions;
///
/// let options = PollOptions::default().initial_interval(Duration::from_millis(500));
/// assert_eq!(options.interval(0), Duration::from_millis(500));
/// assert_eq!(options.interval(1), Duration::from_secs(1));
/// assert_eq!(options.interval(30), PollOptions::default().max_interval);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct PollOptions {
    /// The pause after the first poll (default 2 s).
    pub initial_interval: Duration,
    /// The longest pause between polls (default 30 s).
    pub max_interval: Duration,
    /// How much each pause grows (default 2).
    pub factor: u32,
}

impl Default for PollOptions {
    fn default() -> Self {
        Self {
            initial_interval: Duration::from_secs(2),
            max_interval: Duration::from_secs(30),
            factor: 2,
        }
    }
}

impl PollOptions {
    /// Sets the pause after the first poll.
    #[must_use]
    pub fn initial_interval(mut self, interval: Duration) -> Self {
        self.initial_interval = interval;
        self
    }

    /// Sets the longest pause between polls.
    #[must_use]
    pub fn max_interval(mut self, interval: Duration) -> Self {
        self.max_interval = interval;
        self
    }

    /// Sets how much each pause grows (at least 1).
    #[must_use]
    pub fn factor(mut self, factor: u32) -> Self {
        self.factor = factor.max(1);
        self
    }

    /// The pause after poll number `poll` (0-based).
    pub fn interval(&self, poll: u32) -> Duration {
        let growth = self.factor.max(1).saturating_pow(poll);
        self.initial_interval
            .saturating_mul(growth)
            .min(self.max_interval)
    }
}

/// Errors worth another poll: the history entry may appear a moment after the send, and
/// transient failures pass.
fn worth_retrying(error: &Error) -> bool {
    matches!(error, Error::NotFound(_)) || error.is_transient()
}

impl FaxClient {
    /// Polls the fax's [status](Self::get_status) with backoff (2 s, 4 s, … up to 30 s) until it is
    /// [final](FaxStatus::is_final) — [`FaxStatus::Sent`] or [`FaxStatus::Failed`] — and
    /// returns it. Gives up when `timeout` has passed (`Duration::MAX` waits without a
    /// deadline).
    ///
    /// While waiting, "not found" (the history entry may appear a moment after sending) and
    /// transient errors count as "not done yet"; other errors end the wait at once.
    ///
    /// # Errors
    ///
    /// When `timeout` passes: the last error if the last poll failed, otherwise
    /// [`Error::Timeout`]. A failed fax is `Ok(FaxStatus::Failed)`, not an error.
    pub async fn wait_until_done(
        &self,
        session_id: &HistoryEntryId,
        timeout: Duration,
    ) -> Result<FaxStatus> {
        self.wait_until_done_with(session_id, timeout, PollOptions::default())
            .await
    }

    /// [`wait_until_done`](Self::wait_until_done) with custom poll intervals.
    pub async fn wait_until_done_with(
        &self,
        session_id: &HistoryEntryId,
        timeout: Duration,
        options: PollOptions,
    ) -> Result<FaxStatus> {
        // A timeout too large for the clock (`Duration::MAX`) means "no deadline".
        let deadline = Instant::now().checked_add(timeout);
        let time_left = || {
            deadline.map_or(Duration::MAX, |d| {
                d.saturating_duration_since(Instant::now())
            })
        };
        let mut last_error = None;
        let mut poll = 0;
        loop {
            let remaining = time_left();
            if remaining.is_zero() {
                break;
            }
            match tokio::time::timeout(remaining, self.get_status(session_id)).await {
                Ok(Ok(status)) if status.is_final() => return Ok(status),
                Ok(Ok(status)) => {
                    tracing::debug!(%session_id, %status, poll, "fax not done yet");
                    last_error = None;
                }
                Ok(Err(error)) if worth_retrying(&error) => {
                    tracing::debug!(%session_id, %error, poll, "fax status not available yet");
                    last_error = Some(error);
                }
                Ok(Err(error)) => return Err(error),
                Err(_elapsed) => break,
            }
            tokio::time::sleep(options.interval(poll).min(time_left())).await;
            poll = poll.saturating_add(1);
        }
        Err(last_error.unwrap_or(Error::timeout(timeout)))
    }
}
