//! Waiting until a fax is done, polling its status with backoff.

use std::time::Duration;

use sipgateio_core::{Error, Result};
use sipgateio_types::HistoryEntryId;
// tokio's timers natively (the tests run on its paused clock), the JavaScript host's on wasm32.
use sipgateio_core::timer::{self, Instant};

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
        poll_until_final(|| self.get_status(session_id), session_id, timeout, options).await
    }
}

/// The loop of [`FaxClient::wait_until_done_with`], with the status request passed in: the
/// unit tests below drive it on tokio's paused clock, where no socket is involved.
async fn poll_until_final<F, Fut>(
    mut get_status: F,
    session_id: &HistoryEntryId,
    timeout: Duration,
    options: PollOptions,
) -> Result<FaxStatus>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<FaxStatus>>,
{
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
        match timer::timeout(remaining, get_status()).await {
            Some(Ok(status)) if status.is_final() => return Ok(status),
            Some(Ok(status)) => {
                tracing::debug!(%session_id, %status, poll, "fax not done yet");
                last_error = None;
            }
            Some(Err(error)) if worth_retrying(&error) => {
                tracing::debug!(%session_id, %error, poll, "fax status not available yet");
                last_error = Some(error);
            }
            Some(Err(error)) => return Err(error),
            None => break,
        }
        timer::sleep(options.interval(poll).min(time_left())).await;
        poll = poll.saturating_add(1);
    }
    Err(last_error.unwrap_or(Error::timeout(timeout)))
}

/// The polling schedule on tokio's paused clock: no socket is involved, so the virtual
/// instants of the polls and of the end are exact.
#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::VecDeque;

    use super::*;

    /// One answer of the status request.
    type Answer = fn() -> Result<FaxStatus>;

    /// A status source that gives its `answers` in order (the last one again once they are
    /// used up) and writes down when it was asked, in virtual milliseconds since the start.
    struct Script {
        started: Instant,
        answers: RefCell<VecDeque<Answer>>,
        polls: RefCell<Vec<u128>>,
    }

    impl Script {
        fn new(answers: &[Answer]) -> Self {
            Self {
                started: Instant::now(),
                answers: RefCell::new(answers.iter().copied().collect()),
                polls: RefCell::new(Vec::new()),
            }
        }

        fn answer(&self) -> Result<FaxStatus> {
            self.polls.borrow_mut().push(self.elapsed_ms());
            let mut answers = self.answers.borrow_mut();
            let next = if answers.len() > 1 {
                answers.pop_front()
            } else {
                answers.front().copied()
            };
            next.map_or(Ok(FaxStatus::Pending), |answer| answer())
        }

        fn elapsed_ms(&self) -> u128 {
            self.started.elapsed().as_millis()
        }

        async fn wait(&self, timeout: Duration, options: PollOptions) -> Result<FaxStatus> {
            let id = HistoryEntryId::new("F1");
            poll_until_final(|| async { self.answer() }, &id, timeout, options).await
        }
    }

    fn pending() -> Result<FaxStatus> {
        Ok(FaxStatus::Pending)
    }

    fn sent() -> Result<FaxStatus> {
        Ok(FaxStatus::Sent)
    }

    fn not_found() -> Result<FaxStatus> {
        Err(Error::from_status(404, "", None))
    }

    fn unauthorized() -> Result<FaxStatus> {
        Err(Error::from_status(401, "", None))
    }

    fn quick() -> PollOptions {
        PollOptions::default()
            .initial_interval(Duration::from_millis(20))
            .max_interval(Duration::from_millis(80))
    }

    #[tokio::test(start_paused = true)]
    async fn backs_off_and_gives_up_exactly_at_the_deadline() {
        let script = Script::new(&[pending]);
        let error = script
            .wait(Duration::from_millis(400), quick())
            .await
            .expect_err("still pending");
        assert!(
            matches!(&error, Error::Timeout(t) if t.timeout() == Duration::from_millis(400)),
            "{error:?}"
        );
        // Pauses of 20, 40, 80, 80, … ms; the last one is cut short by the deadline.
        assert_eq!(*script.polls.borrow(), [0, 20, 60, 140, 220, 300, 380]);
        assert_eq!(script.elapsed_ms(), 400);
    }

    #[tokio::test(start_paused = true)]
    async fn default_polling_waits_2_then_4_seconds_until_a_final_state() {
        let script = Script::new(&[pending, pending, sent]);
        let status = script
            .wait(Duration::from_secs(60), PollOptions::default())
            .await
            .expect("sent");
        assert_eq!(status, FaxStatus::Sent);
        assert_eq!(*script.polls.borrow(), [0, 2000, 6000]);
        assert_eq!(script.elapsed_ms(), 6000);
    }

    #[tokio::test(start_paused = true)]
    async fn a_first_pause_longer_than_the_deadline_polls_once() {
        let script = Script::new(&[pending]);
        let error = script
            .wait(Duration::from_millis(300), PollOptions::default())
            .await
            .expect_err("pending");
        assert!(matches!(error, Error::Timeout(_)), "{error:?}");
        assert_eq!(*script.polls.borrow(), [0]);
        assert_eq!(script.elapsed_ms(), 300);
    }

    #[tokio::test(start_paused = true)]
    async fn other_errors_end_the_wait_at_once() {
        let script = Script::new(&[unauthorized]);
        let error = script
            .wait(Duration::from_secs(30), quick())
            .await
            .expect_err("unauthorized");
        assert!(matches!(error, Error::Unauthorized(_)), "{error:?}");
        assert_eq!(*script.polls.borrow(), [0]);
        assert_eq!(script.elapsed_ms(), 0);
    }

    #[tokio::test(start_paused = true)]
    async fn the_last_error_of_a_missing_entry_is_reported_at_the_deadline() {
        let script = Script::new(&[not_found]);
        let error = script
            .wait(Duration::from_millis(100), quick())
            .await
            .expect_err("never there");
        assert!(matches!(error, Error::NotFound(_)), "{error:?}");
        assert_eq!(*script.polls.borrow(), [0, 20, 60]);
        assert_eq!(script.elapsed_ms(), 100);
    }

    #[tokio::test(start_paused = true)]
    async fn a_status_request_that_hangs_is_cut_off_at_the_deadline() {
        let id = HistoryEntryId::new("F1");
        let started = Instant::now();
        let hanging = || async {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            sent()
        };
        let error = poll_until_final(hanging, &id, Duration::from_millis(250), quick())
            .await
            .expect_err("cut off");
        assert!(matches!(error, Error::Timeout(_)), "{error:?}");
        assert_eq!(started.elapsed(), Duration::from_millis(250));
    }

    #[tokio::test(start_paused = true)]
    async fn no_deadline_waits_for_the_final_state() {
        let script = Script::new(&[pending, pending, pending, sent]);
        let status = script
            .wait(Duration::MAX, PollOptions::default())
            .await
            .expect("sent");
        assert_eq!(status, FaxStatus::Sent);
        assert_eq!(*script.polls.borrow(), [0, 2000, 6000, 14000]);
    }
}
