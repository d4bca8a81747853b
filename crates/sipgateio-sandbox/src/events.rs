//! The sandbox's event bus: what it received and sent, as typed events.
//!
//! The routes, the call simulator and the request log publish here; the inspector's live feed
//! (`GET /sandbox/inspector/events`, server-sent events) reads it. The bus keeps the most recent
//! events so that a page opened later (or reconnecting with `Last-Event-ID`) sees what
//! happened before, and a [`tokio::sync::broadcast`] channel for the live part.
//!
//! Publishing never blocks and never fails: with nobody listening an event only lands in the
//! recent list. Lock order: the account state's lock may be held while publishing, never the
//! other way round.

use std::collections::HashMap;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use tokio::sync::{broadcast, watch};

use crate::model::{Call, SentFax, SentSms};
use crate::simulator::{Step, Transcript};
use crate::state::{AppState, Shared};

/// How many events the bus keeps for pages that connect later.
const RECENT: usize = 1000;
/// How far a live subscriber may fall behind before it is dropped (it then reconnects and
/// catches up from the recent list).
const CHANNEL: usize = 512;
/// Text fields (SMS text, webhook answers) are cut to this many bytes in events.
const MAX_TEXT: usize = 64 * 1024;
/// How often the fax clock looks at the faxes in flight.
const FAX_TICK: Duration = Duration::from_millis(200);

/// One thing that happened in the sandbox.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub(crate) enum Event {
    /// A request to the REST API (`/v2/…`) or the sandbox extras (`/sandbox/…`) was answered.
    #[serde(rename_all = "camelCase")]
    Request {
        method: String,
        /// Path and query.
        path: String,
        status: u16,
        millis: u64,
    },
    /// `POST /sessions/sms` accepted an SMS.
    #[serde(rename_all = "camelCase")]
    Sms {
        history_id: String,
        sms_id: String,
        sender: String,
        recipient: String,
        message: String,
        send_at: Option<String>,
    },
    /// A fax was accepted (sent or resent).
    #[serde(rename_all = "camelCase")]
    Fax {
        session_id: String,
        faxline_id: String,
        recipient: String,
        filename: String,
        status: String,
        bytes: usize,
        /// Where the inspector serves the PDF.
        pdf_url: String,
    },
    /// A fax moved on (`SENDING`, `SENT`, `FAILED`).
    #[serde(rename_all = "camelCase")]
    FaxStatus { session_id: String, status: String },
    /// A call known to the RTCM API was established or changed (mute, hold, recording,
    /// transfer, hangup).
    Call(CallView),
    /// The call simulator pushed a webhook to the app.
    #[serde(rename_all = "camelCase")]
    Webhook {
        call_id: String,
        event: String,
        url: String,
        /// The form fields sent, in order.
        form: Vec<(String, String)>,
        status: Option<u16>,
        content_type: Option<String>,
        /// The app's answer (XML when all is well).
        response: String,
        /// Why sipgate would not use the answer.
        error: Option<String>,
        warnings: Vec<String>,
    },
    /// A new SMS caller id was "sent" its verification code.
    #[serde(rename_all = "camelCase")]
    VerificationCode {
        sms_id: String,
        phonenumber: String,
        code: String,
    },
    /// A simulated call ended; the transcript of what sipgate sent and got.
    #[serde(rename_all = "camelCase")]
    CallEnded { transcript: Transcript },
    /// A call placed from the inspector's dialpad changed phase.
    #[serde(rename_all = "camelCase")]
    Dialpad {
        call_id: String,
        phase: DialpadPhase,
    },
    /// The OAuth server signed a user in (a code exchanged for tokens), renewed tokens, or
    /// refused a token request. Never a token, code or secret.
    #[serde(rename_all = "camelCase")]
    Oauth {
        /// `signIn`, `refresh` or `refused`.
        action: &'static str,
        /// The request's `grant_type`.
        grant_type: String,
        /// The signed-in web user.
        user: Option<String>,
        scope: Option<String>,
        /// The sign-in the tokens belong to (Keycloak's `session_state`).
        session: Option<u64>,
        /// The OAuth error of a refusal, with its description.
        error: Option<String>,
    },
    /// The account was reset to its seeded state.
    Reset,
}

/// What a dialpad call is doing.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "phase", rename_all = "camelCase")]
pub(crate) enum DialpadPhase {
    /// The call was placed: `newCall` goes to `url`.
    Calling {
        from: String,
        to: String,
        url: String,
    },
    /// Sipgate waits for the app's answer (after the digits of a `<Gather>`).
    Waiting,
    /// A `<Gather>` waits for digits.
    #[serde(rename_all = "camelCase")]
    Gather { max_digits: u32, timeout_ms: u32 },
    /// The call is connected (answered by a person or the voicemail).
    Talking,
    /// The call ended; its transcript is in the `callEnded` event of the same call id.
    Ended,
    /// The call could not be simulated.
    Failed { error: String },
}

/// A call as the inspector shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CallView {
    call_id: String,
    /// `established` or `ended`.
    state: &'static str,
    /// The hangup cause once ended.
    cause: Option<String>,
    muted: bool,
    hold: bool,
    recording: bool,
    /// The account's side.
    own_number: String,
    /// The other side.
    remote_number: String,
    /// `(number, attended)` after a transfer.
    transferred_to: Option<(String, bool)>,
    /// DTMF sent into the call through RTCM.
    dtmf: Vec<String>,
    /// Announcements played into the call through RTCM.
    announcements: Vec<String>,
}

impl From<&Call> for CallView {
    fn from(call: &Call) -> Self {
        let number = |owner: bool| {
            call.participants
                .iter()
                .find(|p| p.owner == owner)
                .map(|p| p.phone_number.clone())
                .unwrap_or_default()
        };
        Self {
            call_id: call.call_id.clone(),
            state: if call.ended.is_some() {
                "ended"
            } else {
                "established"
            },
            cause: call.ended.clone(),
            muted: call.muted,
            hold: call.hold,
            recording: call.recording,
            own_number: number(true),
            remote_number: number(false),
            transferred_to: call.transferred_to.clone(),
            dtmf: call.dtmf.clone(),
            announcements: call.announcements.clone(),
        }
    }
}

/// The URL path under which the inspector serves a fax's PDF.
pub(crate) fn fax_pdf_path(session_id: &str) -> String {
    let mut path = String::from("/sandbox/inspector/faxes/");
    path.extend(form_urlencoded::byte_serialize(session_id.as_bytes()));
    path
}

/// Cuts a text to [`MAX_TEXT`] bytes at a character boundary.
fn bounded(text: &str) -> String {
    if text.len() <= MAX_TEXT {
        return text.to_owned();
    }
    let mut end = MAX_TEXT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes in all)", &text[..end], text.len())
}

/// A published event with its place in the sequence, serialized once.
#[derive(Debug)]
pub(crate) struct Record {
    /// Strictly increasing, never reused (also across a reset): the SSE event id.
    pub(crate) seq: u64,
    /// `{"seq", "time", "type", …}`.
    pub(crate) json: String,
}

#[derive(Debug, Default)]
struct Recent {
    next_seq: u64,
    records: VecDeque<Arc<Record>>,
}

/// The bus: recent events plus a broadcast channel for live subscribers.
#[derive(Debug)]
pub(crate) struct EventBus {
    /// Tells this sandbox's events from another's (a restarted binary on the same port): part
    /// of every event id, and the page starts afresh when it changes.
    instance: String,
    recent: Mutex<Recent>,
    live: broadcast::Sender<Arc<Record>>,
    closed: watch::Sender<bool>,
}

impl Default for EventBus {
    fn default() -> Self {
        Self {
            instance: format!("{:08x}", fastrand::u32(..)),
            recent: Mutex::new(Recent::default()),
            live: broadcast::channel(CHANNEL).0,
            closed: watch::channel(false).0,
        }
    }
}

/// A subscription: what happened after the given sequence number, then the live events.
pub(crate) struct Subscription {
    pub(crate) backlog: VecDeque<Arc<Record>>,
    pub(crate) live: broadcast::Receiver<Arc<Record>>,
    pub(crate) closed: watch::Receiver<bool>,
}

impl EventBus {
    /// This bus's instance id.
    pub(crate) fn instance(&self) -> &str {
        &self.instance
    }

    fn recent(&self) -> MutexGuard<'_, Recent> {
        self.recent.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Publishes an event (time: now).
    pub(crate) fn publish(&self, event: Event) {
        #[derive(Serialize)]
        struct Stamped<'a> {
            seq: u64,
            time: String,
            #[serde(flatten)]
            event: &'a Event,
        }
        let mut recent = self.recent();
        recent.next_seq += 1;
        let seq = recent.next_seq;
        let stamped = Stamped {
            seq,
            time: Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
            event: &event,
        };
        let json = match serde_json::to_string(&stamped) {
            Ok(json) => json,
            Err(e) => {
                tracing::warn!(error = %e, "cannot serialize a sandbox event");
                return;
            }
        };
        let record = Arc::new(Record { seq, json });
        if recent.records.len() == RECENT {
            recent.records.pop_front();
        }
        recent.records.push_back(record.clone());
        // No live subscriber is not an error.
        let _ = self.live.send(record);
    }

    /// Subscribes to the events after `after` (every recent one for `None`). Taken under the
    /// publishing lock, so nothing is missed or seen twice between backlog and live part.
    pub(crate) fn subscribe(&self, after: Option<u64>) -> Subscription {
        let recent = self.recent();
        let backlog = recent
            .records
            .iter()
            .filter(|r| after.is_none_or(|seq| r.seq > seq))
            .cloned()
            .collect();
        Subscription {
            backlog,
            live: self.live.subscribe(),
            closed: self.closed.subscribe(),
        }
    }

    /// Forgets the recent events and publishes [`Event::Reset`].
    pub(crate) fn reset(&self) {
        self.recent().records.clear();
        self.publish(Event::Reset);
    }

    /// Ends every subscription (the sandbox stops).
    pub(crate) fn close(&self) {
        self.closed.send_replace(true);
    }

    /// Whether [`close`](Self::close) was called, as a receiver to wait on.
    pub(crate) fn closed(&self) -> watch::Receiver<bool> {
        self.closed.subscribe()
    }

    /// An SMS was accepted.
    pub(crate) fn sms_sent(&self, sms: Option<&SentSms>) {
        if let Some(sms) = sms {
            self.publish(Event::Sms {
                history_id: sms.history_id.clone(),
                sms_id: sms.sms_id.clone(),
                sender: sms.sender.clone(),
                recipient: sms.recipient.clone(),
                message: bounded(&sms.message),
                send_at: sms
                    .send_at
                    .map(|t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
            });
        }
    }

    /// A fax was accepted.
    pub(crate) fn fax_sent(&self, fax: Option<&SentFax>) {
        if let Some(fax) = fax {
            self.publish(Event::Fax {
                session_id: fax.session_id.clone(),
                faxline_id: fax.faxline_id.clone(),
                recipient: fax.recipient.clone(),
                filename: fax.filename.clone(),
                status: fax.status.clone(),
                bytes: fax.content.len(),
                pdf_url: fax_pdf_path(&fax.session_id),
            });
        }
    }

    /// A call was established or changed.
    pub(crate) fn call(&self, call: Option<&Call>) {
        if let Some(call) = call {
            self.publish(Event::Call(CallView::from(call)));
        }
    }

    /// The simulator pushed a webhook.
    pub(crate) fn webhook(&self, step: &Step) {
        self.publish(Event::Webhook {
            call_id: step.field("callId").unwrap_or_default(),
            event: step.event.clone(),
            url: step.url.clone(),
            form: step.fields(),
            status: step.status,
            content_type: step.content_type.clone(),
            response: bounded(&step.response_body),
            error: step.error.clone(),
            warnings: step.warnings.clone(),
        });
    }

    /// A caller id's verification code was "sent".
    pub(crate) fn verification_code(&self, sms_id: &str, phonenumber: &str, code: &str) {
        self.publish(Event::VerificationCode {
            sms_id: sms_id.to_owned(),
            phonenumber: phonenumber.to_owned(),
            code: code.to_owned(),
        });
    }

    /// A simulated call ended.
    pub(crate) fn call_ended(&self, transcript: &Transcript) {
        self.publish(Event::CallEnded {
            transcript: transcript.clone(),
        });
    }
}

/// Middleware: publishes every answered request as [`Event::Request`] (method, path and
/// query, status, time taken; never headers or bodies, so no credentials).
pub(crate) async fn log_requests(
    State(shared): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().as_str().to_owned();
    let path = request.uri().path_and_query().map_or_else(
        || request.uri().path().to_owned(),
        |p| p.as_str().to_owned(),
    );
    let started = Instant::now();
    let response = next.run(request).await;
    shared.events.publish(Event::Request {
        method,
        path: bounded(&path),
        status: response.status().as_u16(),
        millis: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    });
    response
}

/// Moves faxes on by elapsed time (as status polls and [`Sandbox::faxes`](crate::Sandbox::faxes)
/// do) and publishes every status change, until the bus closes. sipgate's faxes progress on
/// their own; this makes the inspector show it without anybody polling.
pub(crate) fn spawn_fax_clock(shared: AppState) {
    let mut closed = shared.events.closed();
    tokio::spawn(async move {
        let mut known: HashMap<String, String> = HashMap::new();
        let mut tick = tokio::time::interval(FAX_TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => fax_tick(&shared, &mut known),
                _ = closed.wait_for(|closed| *closed) => return,
            }
        }
    });
}

/// One look at the faxes: advance by time, publish what changed since the last look.
fn fax_tick(shared: &Shared, known: &mut HashMap<String, String>) {
    let mut data = shared.lock();
    if data.faxes.is_empty() {
        known.clear();
        return;
    }
    if data
        .faxes
        .iter()
        .any(|f| matches!(f.status.as_str(), "PENDING" | "SENDING"))
    {
        data.advance_all_faxes();
    }
    known.retain(|id, _| data.faxes.iter().any(|f| &f.session_id == id));
    for fax in &data.faxes {
        // A fax's first event (`fax_sent`) announced PENDING.
        let before = known
            .entry(fax.session_id.clone())
            .or_insert_with(|| "PENDING".to_owned());
        if *before != fax.status {
            before.clone_from(&fax.status);
            shared.events.publish(Event::FaxStatus {
                session_id: fax.session_id.clone(),
                status: fax.status.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seqs(subscription: &Subscription) -> Vec<u64> {
        subscription.backlog.iter().map(|r| r.seq).collect()
    }

    #[test]
    fn recent_events_are_replayed_after_a_given_sequence_number() {
        let bus = EventBus::default();
        for _ in 0..3 {
            bus.publish(Event::Reset);
        }
        assert_eq!(seqs(&bus.subscribe(None)), [1, 2, 3]);
        assert_eq!(seqs(&bus.subscribe(Some(2))), [3]);
        assert!(seqs(&bus.subscribe(Some(3))).is_empty());
    }

    #[test]
    fn the_recent_list_is_bounded_and_reset_empties_it() {
        let bus = EventBus::default();
        for _ in 0..RECENT + 5 {
            bus.publish(Event::Reset);
        }
        let all = seqs(&bus.subscribe(None));
        assert_eq!(all.len(), RECENT);
        assert_eq!(all.first(), Some(&6));
        bus.reset();
        // Sequence numbers go on after a reset: a reconnecting page never mistakes old for new.
        let after = seqs(&bus.subscribe(None));
        assert_eq!(after, [u64::try_from(RECENT).expect("small") + 6]);
    }

    #[tokio::test]
    async fn live_subscribers_get_each_event_once_in_order() {
        let bus = EventBus::default();
        bus.publish(Event::Reset);
        let mut subscription = bus.subscribe(None);
        bus.verification_code("s0", "+4915790000001", "123456");
        assert_eq!(seqs(&subscription), [1]);
        let live = subscription.live.recv().await.expect("live event");
        assert_eq!(live.seq, 2);
        let json: serde_json::Value = serde_json::from_str(&live.json).expect("JSON");
        assert_eq!(json["type"], "verificationCode");
        assert_eq!(json["code"], "123456");
        assert_eq!(json["phonenumber"], "+4915790000001");
        assert!(json["time"].as_str().is_some_and(|t| t.ends_with('Z')));
    }

    #[test]
    fn long_texts_are_cut_at_a_character_boundary() {
        let text = "ä".repeat(MAX_TEXT);
        let cut = bounded(&text);
        assert!(cut.len() < text.len());
        assert!(cut.ends_with(&format!("({} bytes in all)", text.len())));
        assert_eq!(bounded("short"), "short");
    }

    #[test]
    fn fax_urls_escape_the_session_id() {
        assert_eq!(fax_pdf_path("12"), "/sandbox/inspector/faxes/12");
        assert_eq!(fax_pdf_path("a/b"), "/sandbox/inspector/faxes/a%2Fb");
    }

    #[test]
    fn close_is_visible_to_subscribers() {
        let bus = EventBus::default();
        let subscription = bus.subscribe(None);
        assert!(!*subscription.closed.borrow());
        bus.close();
        assert!(*subscription.closed.borrow());
    }
}
