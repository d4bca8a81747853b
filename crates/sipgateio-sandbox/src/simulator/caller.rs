//! The caller's side of a simulated call: digits from a script ([`CallScenario::dtmf`]), or a
//! person at the inspector's dialpad who types while a `<Gather>` waits and hangs up when done.
//!
//! [`CallScenario::dtmf`]: super::CallScenario::dtmf

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, watch};

use crate::events::{DialpadPhase, Event};
use crate::state::Shared;

/// How long a dialpad call waits for its caller's first digit of a `<Gather>`, or stays
/// connected without anything pressed, before the caller is taken to have left (hang-up).
pub(crate) const LIVE_IDLE: Duration = Duration::from_secs(10 * 60);
/// How often a waiting dialpad call looks whether RTCM ended it.
const POLL: Duration = Duration::from_millis(10);

/// What the person at the dialpad did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    /// Keys pressed (`0-9`, `*`, `#`).
    Digits(String),
    /// "No input": let the waiting `<Gather>` time out now.
    TimeOut,
    /// Hang up.
    HangUp,
}

/// What a dialpad call accepts right now; shared by the call and the dialpad endpoints.
#[derive(Debug, Clone, Default)]
pub(crate) struct LivePhase(Arc<AtomicU8>);

impl LivePhase {
    const WAITING: u8 = 0;
    const GATHER: u8 = 1;
    const TALKING: u8 = 2;

    /// Whether a `<Gather>` waits for digits.
    pub(crate) fn gathering(&self) -> bool {
        self.0.load(Ordering::SeqCst) == Self::GATHER
    }

    fn set(&self, phase: u8) {
        self.0.store(phase, Ordering::SeqCst);
    }
}

/// A person at the dialpad.
#[derive(Debug)]
pub(crate) struct Live {
    call_id: String,
    inputs: mpsc::Receiver<Input>,
    phase: LivePhase,
    closed: watch::Receiver<bool>,
    last_input: Instant,
}

impl Live {
    /// A caller for the call `call_id` reading `inputs`; `phase` tells the dialpad what the
    /// call accepts. The call ends when `inputs` closes or the bus closes.
    pub(crate) fn new(
        shared: &Shared,
        call_id: String,
        inputs: mpsc::Receiver<Input>,
        phase: LivePhase,
    ) -> Self {
        Self {
            call_id,
            inputs,
            phase,
            closed: shared.events.closed(),
            last_input: Instant::now(),
        }
    }

    fn announce(&self, shared: &Shared, phase: DialpadPhase) {
        shared.events.publish(Event::Dialpad {
            call_id: self.call_id.clone(),
            phase,
        });
    }

    /// The next input within `wait`: `Ok(None)` when nothing came, `Err(())` when the caller is
    /// gone (hang-up, dialpad gone, sandbox stopping) or RTCM ended the call.
    async fn next(&mut self, shared: &Shared, wait: Duration) -> Result<Option<Input>, ()> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if *self.closed.borrow() || ended_by_api(shared, &self.call_id) {
                return Err(());
            }
            let now = tokio::time::Instant::now();
            if now >= deadline {
                return Ok(None);
            }
            let slice = (deadline - now).min(POLL);
            match tokio::time::timeout(slice, self.inputs.recv()).await {
                Ok(Some(Input::HangUp) | None) => return Err(()),
                Ok(Some(input)) => {
                    self.last_input = Instant::now();
                    return Ok(Some(input));
                }
                Err(_) => {}
            }
        }
    }
}

/// Whether RTCM (or anything else) ended the call.
fn ended_by_api(shared: &Shared, call_id: &str) -> bool {
    shared
        .lock()
        .calls
        .iter()
        .any(|c| c.call_id == call_id && c.ended.is_some())
}

/// Who calls: a script or a person.
#[derive(Debug)]
pub(crate) enum Caller {
    /// Digits for successive `<Gather>`s; hangs up after the scenario's talk time.
    Scripted(VecDeque<String>),
    /// A person at the dialpad.
    Live(Live),
}

impl Caller {
    /// The call id a dialpad call was announced with (a scripted call gets a fresh one).
    pub(crate) fn call_id(&self) -> Option<&str> {
        match self {
            Self::Scripted(_) => None,
            Self::Live(live) => Some(&live.call_id),
        }
    }

    /// The digits typed for a `<Gather>`, or `None` when the caller hung up meanwhile.
    ///
    /// A person has all the time up to [`LIVE_IDLE`] for the first digit (they read the app's
    /// answer first); after it, the `<Gather>`'s `timeout` applies as on a phone, and
    /// `max_digits` digits end it at once.
    pub(crate) async fn gather(
        &mut self,
        shared: &Shared,
        max_digits: u32,
        timeout_ms: u32,
    ) -> Option<String> {
        let max = usize::try_from(max_digits).unwrap_or(usize::MAX);
        let live = match self {
            Self::Scripted(digits) => {
                return Some(
                    digits
                        .pop_front()
                        .unwrap_or_default()
                        .chars()
                        .take(max)
                        .collect(),
                );
            }
            Self::Live(live) => live,
        };
        // Keys pressed while no <Gather> waited go nowhere (as on a phone).
        while let Ok(input) = live.inputs.try_recv() {
            if input == Input::HangUp {
                return None;
            }
        }
        live.phase.set(LivePhase::GATHER);
        live.announce(
            shared,
            DialpadPhase::Gather {
                max_digits,
                timeout_ms,
            },
        );
        let mut typed = String::new();
        let result = loop {
            let wait = if typed.is_empty() {
                LIVE_IDLE
            } else {
                Duration::from_millis(u64::from(timeout_ms))
            };
            match live.next(shared, wait).await {
                Err(()) => break None,
                // No first digit in all that time: the caller left.
                Ok(None) if typed.is_empty() => break None,
                Ok(None | Some(Input::TimeOut)) => break Some(typed),
                Ok(Some(Input::Digits(digits))) => {
                    typed.extend(
                        digits
                            .chars()
                            .take(max.saturating_sub(typed.chars().count())),
                    );
                    if typed.chars().count() >= max {
                        break Some(typed);
                    }
                }
                Ok(Some(Input::HangUp)) => break None,
            }
        };
        live.phase.set(LivePhase::WAITING);
        if result.is_some() {
            live.announce(shared, DialpadPhase::Waiting);
        }
        result
    }

    /// Called while a call is connected: whether the caller hangs up now. A script hangs up
    /// when `talk_time` is over (sleeping up to 10 ms otherwise); a person when they press hang
    /// up, leave the dialpad alone for [`LIVE_IDLE`], or the sandbox stops.
    pub(crate) async fn hangs_up(
        &mut self,
        shared: &Shared,
        elapsed: Duration,
        talk_time: Duration,
    ) -> bool {
        match self {
            Self::Scripted(_) => {
                if elapsed >= talk_time {
                    return true;
                }
                tokio::time::sleep((talk_time - elapsed).min(POLL)).await;
                false
            }
            Self::Live(live) => {
                if live.phase.0.load(Ordering::SeqCst) != LivePhase::TALKING {
                    live.phase.set(LivePhase::TALKING);
                    live.announce(shared, DialpadPhase::Talking);
                }
                if live.last_input.elapsed() >= LIVE_IDLE {
                    return true;
                }
                // Keys pressed while connected go nowhere (no <Gather> listens). An RTCM hangup
                // is not the caller's: the talk loop reports it with its cause.
                live.next(shared, POLL).await.is_err() && !ended_by_api(shared, &live.call_id)
            }
        }
    }
}
