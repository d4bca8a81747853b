//! The call-flow simulator: plays sipgate.io's part in a call.
//!
//! It posts a signed `newCall` form to the webhook URL, reads the XML answer and follows it —
//! `<Dial>` (the scenario's number answers → `answer` event if `onAnswer` was set),
//! `<Gather>` (posts `dtmf` with the scenario's digits to `onData`), `<Play>`, `<Reject>`,
//! `<Hangup>`, voicemail — and finally posts `hangup` with the cause to `onHangup` if set.
//! Answered calls are established in the RTCM API (`GET /calls`) for the scenario's talk time.
//!
//! After a `<Play>` the call continues as it would have without it: it rings at the dialled
//! number (sipgate's push API documentation: "afterwards the call continues as it would have
//! without the play"; `sipgate-api.md` §3.3). To end or move the call after an announcement,
//! a webhook server hangs up or transfers it through RTCM (`play_audio_and_hang_up` /
//! `play_audio_and_transfer` in `sipgateio-webhook`), or answers the next event with
//! `<Hangup/>`.

mod caller;
mod scenario;
mod transcript;
mod xml;

use std::time::{Duration, Instant};

use axum::Json;
use axum::http::HeaderMap;
use axum::http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use chrono::Utc;

pub(crate) use caller::{Caller, Input, Live, LivePhase};
pub use scenario::{CallScenario, Direction, Pickup};
pub use transcript::{Step, Transcript};
pub use xml::{Action, MAX_DIAL_TARGETS, XmlAnswer};

use crate::error::ApiError;
use crate::http::{digits, is_phone_number};
use crate::model::HistoryEntry;
use crate::state::Shared;

/// How long the simulator waits for a webhook answer.
const WEBHOOK_TIMEOUT: Duration = Duration::from_secs(10);
/// A bound on answer-follow-up rounds (a Gather loop that never ends).
const MAX_ROUNDS: usize = 32;

/// Why a call could not be simulated.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SimulationError {
    /// Neither the scenario nor `/settings/sipgateio` names a webhook URL.
    #[error("no webhook URL: set one with PUT /settings/sipgateio or CallScenario::webhook_url")]
    NoWebhookUrl,
    /// The scenario itself is unusable (names the field).
    #[error("invalid scenario: {0}")]
    InvalidScenario(String),
    /// The call ran, but the app failed at least one push: it could not be reached, answered
    /// with a status outside 200–299, or answered `newCall`/`dtmf` with something that is not
    /// a usable XML answer (see [`Step::failed`]). sipgate would have carried on without the
    /// app; the [`Transcript`] shows what happened ([`SimulationError::transcript`]).
    #[error("{}", app_failure(.0))]
    AppFailed(Box<Transcript>),
}

impl SimulationError {
    /// The transcript of a call whose app failed ([`SimulationError::AppFailed`]).
    pub fn transcript(&self) -> Option<&Transcript> {
        match self {
            Self::AppFailed(transcript) => Some(transcript),
            _ => None,
        }
    }
}

/// `your app failed 1 of 3 webhook(s): newCall to http://…: HTTP 500: …`.
fn app_failure(transcript: &Transcript) -> String {
    let failed: Vec<&Step> = transcript.failures().collect();
    let first = failed.first().map_or_else(String::new, |step| {
        format!(
            ": {} to {}: {}",
            step.event,
            step.url,
            step.error.as_deref().unwrap_or("failed")
        )
    });
    format!(
        "your app failed {} of {} webhook(s){first}",
        failed.len(),
        transcript.steps.len()
    )
}

/// Strips `+` as sipgate does in push bodies (`anonymous` stays).
fn wire_number(number: &str) -> String {
    if number == "anonymous" {
        number.to_owned()
    } else {
        number.trim().trim_start_matches('+').to_owned()
    }
}

/// `(name, userId, fullUserId)` of the account's users behind a number.
fn users_of(shared: &Shared, number: &str) -> Vec<(String, String, String)> {
    let data = shared.lock();
    let wanted = digits(number);
    let endpoints: Vec<&str> = data
        .numbers
        .iter()
        .filter(|n| digits(&n.number) == wanted)
        .map(|n| n.endpoint_id.as_str())
        .collect();
    data.phonelines
        .iter()
        .filter(|(id, _, _)| endpoints.contains(&id.as_str()))
        .filter_map(|(_, _, owner)| data.users.iter().find(|u| &u.id == owner))
        .map(|u| {
            (
                format!("{} {}", u.firstname, u.lastname),
                u.id.clone(),
                format!("{}{}", data.account.master_sip_id, u.id),
            )
        })
        .collect()
}

struct Run<'a> {
    shared: &'a Shared,
    scenario: CallScenario,
    call_id: String,
    xcid: String,
    url: String,
    on_answer: Option<String>,
    on_hangup: Option<String>,
    caller: Caller,
    transcript: Transcript,
}

/// How the call ended.
struct End {
    answered_by: Option<String>,
    cause: String,
}

impl Run<'_> {
    fn base_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("direction", self.scenario.direction.as_str().to_owned()),
            ("from", wire_number(&self.scenario.from)),
            ("to", wire_number(&self.scenario.to)),
            ("callId", self.call_id.clone()),
            ("origCallId", self.call_id.clone()),
        ]
    }

    async fn post(
        &mut self,
        event: &str,
        url: String,
        fields: Vec<(&str, String)>,
    ) -> Option<XmlAnswer> {
        let body = {
            let mut form = form_urlencoded::Serializer::new(String::new());
            form.append_pair("event", event);
            for (key, value) in &fields {
                form.append_pair(key, value);
            }
            if let Some(diversion) = &self.scenario.diversion
                && event != "dtmf"
            {
                form.append_pair("diversion", &wire_number(diversion));
            }
            form.finish()
        };
        let signature = self.shared.signer.sign(body.as_bytes());
        let mut step = Step {
            event: event.to_owned(),
            url: url.clone(),
            body: body.clone(),
            signature: signature.clone(),
            status: None,
            content_type: None,
            response_body: String::new(),
            answer: None,
            error: None,
            warnings: Vec::new(),
            failed: false,
        };
        let client = match self.shared.http() {
            Ok(client) => client,
            Err(e) => {
                step.error = Some(e);
                self.transcript.steps.push(step);
                return None;
            }
        };
        let result = client
            .post(&url)
            .header(
                CONTENT_TYPE,
                "application/x-www-form-urlencoded; charset=UTF-8",
            )
            .header(ACCEPT, "application/xml, text/plain, text/html")
            .header(USER_AGENT, "sipgate.io")
            .header("X-Sipgate-Signature", signature)
            .timeout(WEBHOOK_TIMEOUT)
            .body(body)
            .send()
            .await;
        // sipgate follows the answers to newCall and dtmf; those must be usable XML.
        let followed = matches!(event, "newCall" | "dtmf");
        match result {
            Err(e) => {
                step.error = Some(format!("request failed: {e}"));
                step.failed = true;
            }
            Ok(response) => {
                let status = response.status().as_u16();
                step.status = Some(status);
                step.content_type = response
                    .headers()
                    .get(CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                step.response_body = response.text().await.unwrap_or_default();
                let is_xml = step
                    .content_type
                    .as_deref()
                    .is_some_and(|c| c.to_ascii_lowercase().contains("application/xml"));
                step.failed = !(200..300).contains(&status);
                if status != 200 {
                    step.error = Some(format!("HTTP {status}: sipgate ignores the body"));
                } else if !is_xml {
                    step.error = Some("Response does not have content type application/xml".into());
                    step.failed = followed;
                } else {
                    match xml::parse(&step.response_body, &mut step.warnings) {
                        Ok(answer) => step.answer = Some(answer),
                        Err(e) => {
                            step.error = Some(format!("invalid XML answer: {e}"));
                            step.failed = followed;
                        }
                    }
                }
            }
        }
        tracing::debug!(event, url = %step.url, status = ?step.status, error = ?step.error, "simulated push");
        self.log(&step);
        self.shared.events.webhook(&step);
        let answer = step.answer.clone();
        self.transcript.steps.push(step);
        answer
    }

    /// Adds the push to the webhook log (`GET /log/webhooks`), as sipgate's debug log shows it.
    fn log(&self, step: &Step) {
        let status = step.status.map(|s| s.to_string()).unwrap_or_default();
        let response = match step.status {
            Some(code) => format!("HTTP/1.1 {code}\n\n{}", step.response_body),
            None => String::new(),
        };
        let entry = serde_json::json!({
            "created": Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "url": step.url,
            "request": step.body,
            "response": response,
            "xmlError": step.error.clone().unwrap_or_default(),
            "status": status,
        });
        self.shared.lock().webhook_log.push(entry);
    }

    /// Remembers the follow-up subscriptions of an answer.
    fn subscribe(&mut self, answer: &XmlAnswer) {
        if let Some(url) = &answer.on_answer {
            self.on_answer = Some(url.clone());
        }
        if let Some(url) = &answer.on_hangup {
            self.on_hangup = Some(url.clone());
        }
    }

    /// Registers the call as established for RTCM (idempotent).
    fn establish(&self, own_number: &str) {
        let mut data = self.shared.lock();
        if !data.calls.iter().any(|c| c.call_id == self.call_id) {
            let remote = match self.scenario.direction {
                Direction::In => &self.scenario.from,
                Direction::Out => &self.scenario.to,
            };
            data.calls.push(crate::routes::calls::established(
                &self.call_id,
                own_number,
                remote,
            ));
            self.shared.events.call(data.calls.last());
        }
    }

    /// The cause if RTCM ended the call.
    fn ended_by_api(&self) -> Option<String> {
        let data = self.shared.lock();
        data.calls
            .iter()
            .find(|c| c.call_id == self.call_id)
            .and_then(|c| c.ended.clone())
    }

    fn finish_call(&self, cause: &str) {
        let mut data = self.shared.lock();
        if let Some(call) = data.calls.iter_mut().find(|c| c.call_id == self.call_id)
            && call.ended.is_none()
        {
            call.ended = Some(cause.to_owned());
            self.shared.events.call(Some(call));
        }
    }

    /// The dialled side rings: someone answers, or not.
    async fn ring(&mut self, targets: &[String]) -> End {
        match self.scenario.pickup {
            Pickup::NoAnswer => {
                return End {
                    answered_by: None,
                    cause: "noAnswer".into(),
                };
            }
            Pickup::Busy => {
                return End {
                    answered_by: None,
                    cause: "busy".into(),
                };
            }
            Pickup::Answer => {}
        }
        let answering = match &self.scenario.answered_by {
            Some(number) => targets
                .iter()
                .find(|t| digits(t) == digits(number))
                .cloned(),
            None => targets.first().cloned(),
        };
        let Some(answering) = answering else {
            return End {
                answered_by: None,
                cause: "noAnswer".into(),
            };
        };
        // The reserved test numbers for a busy or unanswered line (`crate::failures`).
        if let Some(cause) = crate::failures::call_outcome(&answering) {
            return End {
                answered_by: None,
                cause: cause.into(),
            };
        }
        self.talk(&answering, false).await
    }

    /// An answered call: `answer` event, talk time (RTCM may act), then the end.
    async fn talk(&mut self, answering: &str, voicemail: bool) -> End {
        self.establish(answering);
        if let Some(url) = self.on_answer.clone() {
            let mut fields = self.base_fields();
            fields.push(("xcid", self.xcid.clone()));
            fields.push(("answeringNumber", wire_number(answering)));
            let user = if voicemail {
                Vec::new()
            } else {
                users_of(self.shared, answering)
            };
            let (name, id, full) = user.into_iter().next().unwrap_or_default();
            fields.push(("user", name));
            fields.push(("userId", id));
            fields.push(("fullUserId", full));
            self.post("answer", url, fields).await;
        }
        let started = Instant::now();
        loop {
            if let Some(cause) = self.ended_by_api() {
                return End {
                    answered_by: Some(answering.to_owned()),
                    cause,
                };
            }
            let (elapsed, talk_time) = (started.elapsed(), self.scenario.talk_time);
            if self.caller.hangs_up(self.shared, elapsed, talk_time).await {
                break;
            }
        }
        End {
            answered_by: Some(answering.to_owned()),
            cause: "normalClearing".into(),
        }
    }

    /// Follows answers until the call ends.
    async fn follow(&mut self, mut answer: Option<XmlAnswer>) -> End {
        let destination = vec![self.scenario.to.clone()];
        for _ in 0..MAX_ROUNDS {
            if let Some(a) = &answer {
                self.subscribe(a);
            }
            if let Some(cause) = self.ended_by_api() {
                return End {
                    answered_by: None,
                    cause,
                };
            }
            match answer.and_then(|a| a.action) {
                None => return self.ring(&destination).await,
                Some(Action::Dial {
                    numbers,
                    voicemail: true,
                    ..
                }) if numbers.is_empty() => {
                    self.transcript.voicemail = true;
                    let to = self.scenario.to.clone();
                    let mut end = self.talk(&to, true).await;
                    end.answered_by = None;
                    return end;
                }
                Some(Action::Dial { numbers, .. }) => return self.ring(&numbers).await,
                Some(Action::Play { url }) => {
                    self.transcript.played.push(url);
                    let to = self.scenario.to.clone();
                    self.establish(&to);
                    answer = None;
                }
                Some(Action::Gather {
                    on_data,
                    max_digits,
                    timeout_ms,
                    play,
                }) => {
                    if let Some(url) = play {
                        self.transcript.played.push(url);
                    }
                    let to = self.scenario.to.clone();
                    self.establish(&to);
                    let Some(typed) = self
                        .caller
                        .gather(self.shared, max_digits, timeout_ms)
                        .await
                    else {
                        let cause = self.ended_by_api();
                        let cause = cause.unwrap_or_else(|| "normalClearing".into());
                        return End {
                            answered_by: None,
                            cause,
                        };
                    };
                    let fields = vec![
                        ("callId", self.call_id.clone()),
                        ("origCallId", self.call_id.clone()),
                        ("dtmf", typed),
                    ];
                    answer = self.post("dtmf", on_data, fields).await;
                }
                Some(Action::Reject { reason }) => {
                    self.transcript.rejected = Some(reason);
                    return End {
                        answered_by: None,
                        cause: "busy".into(),
                    };
                }
                Some(Action::Hangup) => {
                    return End {
                        answered_by: None,
                        cause: "normalClearing".into(),
                    };
                }
            }
        }
        End {
            answered_by: None,
            cause: "normalClearing".into(),
        }
    }

    fn record_history(&self) {
        let t = &self.transcript;
        let mut data = self.shared.lock();
        let id = data.next_id();
        let answered = t.answered_by.is_some() || t.voicemail;
        let (kind, direction) = match (self.scenario.direction, answered, t.voicemail) {
            (_, _, true) => ("VOICEMAIL", "INCOMING"),
            (Direction::In, true, _) => ("CALL", "INCOMING"),
            (Direction::In, false, _) => ("CALL", "MISSED_INCOMING"),
            (Direction::Out, true, _) => ("CALL", "OUTGOING"),
            (Direction::Out, false, _) => ("CALL", "MISSED_OUTGOING"),
        };
        let mut entry = HistoryEntry::new(id, kind, direction, Utc::now());
        entry.source_alias = data.alias_of_number(&self.scenario.from);
        entry.source = self.scenario.from.clone();
        entry.target_alias = data.alias_of_number(&self.scenario.to);
        entry.target = self.scenario.to.clone();
        let line = data
            .numbers
            .iter()
            .find(|n| {
                digits(&n.number) == digits(&self.scenario.to)
                    || digits(&n.number) == digits(&self.scenario.from)
            })
            .map(|n| n.endpoint_id.clone())
            .filter(|e| !e.is_empty());
        entry.connection_ids = line.into_iter().collect();
        entry.status = match (answered, t.hangup_cause.as_str()) {
            (true, _) => "PICKUP",
            (false, "busy") => "BUSY",
            (false, _) => "NOPICKUP",
        }
        .to_owned();
        if kind == "CALL" {
            entry.call_id = Some(self.call_id.clone());
            entry.recordings = Some(Vec::new());
            entry.duration = Some(if answered {
                self.scenario.talk_time.as_secs() as u32
            } else {
                0
            });
            entry.call_status = Some(
                match (answered, t.rejected.is_some(), t.hangup_cause.as_str()) {
                    (true, _, _) => "SUCCESS",
                    (false, true, _) => "REJECTED",
                    (false, false, "busy") => "BUSY",
                    _ => "MISSED",
                }
                .to_owned(),
            );
        } else {
            entry.duration = Some(0);
            entry.recording_url = Some(format!(
                "https://sandbox.invalid/voicemails/{}.mp3",
                entry.id
            ));
            entry.transcription = Some(String::new());
        }
        data.history.push(entry);
    }
}

/// Runs a scenario against the sandbox's state (see [`Sandbox::simulate_call`](crate::Sandbox::simulate_call)).
pub(crate) async fn simulate(
    shared: &Shared,
    scenario: CallScenario,
) -> Result<Transcript, SimulationError> {
    let caller = Caller::Scripted(scenario.dtmf.iter().cloned().collect());
    simulate_as(shared, scenario, caller).await
}

/// Runs a scenario with the given caller: a script, or a person at the inspector's dialpad.
pub(crate) async fn simulate_as(
    shared: &Shared,
    scenario: CallScenario,
    caller: Caller,
) -> Result<Transcript, SimulationError> {
    for (field, value) in [("from", &scenario.from), ("to", &scenario.to)] {
        if !(value == "anonymous" || is_phone_number(value)) {
            return Err(SimulationError::InvalidScenario(format!(
                "`{field}` must be a phone number or `anonymous`, got `{value}`"
            )));
        }
    }
    let (url, pushed) = {
        let data = shared.lock();
        let configured = match scenario.direction {
            Direction::In => &data.settings.incoming_url,
            Direction::Out => &data.settings.outgoing_url,
        };
        let url = scenario
            .webhook_url
            .clone()
            .or_else(|| Some(configured.clone()).filter(|u| !u.is_empty()));
        let own = match scenario.direction {
            Direction::In => &scenario.to,
            Direction::Out => &scenario.from,
        };
        let line = data
            .numbers
            .iter()
            .find(|n| digits(&n.number) == digits(own))
            .map(|n| n.endpoint_id.clone());
        let listed = match (&data.settings.whitelist, line) {
            (None, _) => true,
            (Some(list), Some(line)) => list.contains(&line),
            (Some(_), None) => false,
        };
        (url, data.sipgateio_booked && listed)
    };
    let url = url.ok_or(SimulationError::NoWebhookUrl)?;
    let call_id = caller
        .call_id()
        .map_or_else(crate::routes::calls::new_session_id, str::to_owned);
    let mut run = Run {
        shared,
        caller,
        xcid: format!("{:08x}", fastrand::u32(..)),
        scenario,
        call_id: call_id.clone(),
        url,
        on_answer: None,
        on_hangup: None,
        transcript: Transcript {
            call_id,
            steps: Vec::new(),
            answered_by: None,
            voicemail: false,
            played: Vec::new(),
            rejected: None,
            hangup_cause: String::new(),
            pushed,
        },
    };

    let end = if pushed {
        let users = match run.scenario.direction {
            Direction::In => users_of(shared, &run.scenario.to),
            Direction::Out => users_of(shared, &run.scenario.from),
        };
        let mut fields = run.base_fields();
        if users.is_empty() {
            fields.extend([
                ("user[]", String::new()),
                ("userId[]", String::new()),
                ("fullUserId[]", String::new()),
            ]);
        }
        for (name, _, _) in &users {
            fields.push(("user[]", name.clone()));
        }
        for (_, id, _) in &users {
            fields.push(("userId[]", id.clone()));
        }
        for (_, _, full) in &users {
            fields.push(("fullUserId[]", full.clone()));
        }
        fields.push(("xcid", run.xcid.clone()));
        let url = run.url.clone();
        let answer = run.post("newCall", url, fields).await;
        run.follow(answer).await
    } else {
        let destination = vec![run.scenario.to.clone()];
        run.ring(&destination).await
    };

    run.finish_call(&end.cause);
    run.transcript.answered_by = end.answered_by;
    run.transcript.hangup_cause = end.cause.clone();
    if let Some(url) = run.on_hangup.clone() {
        let mut fields = run.base_fields();
        fields.insert(0, ("cause", end.cause));
        fields.push(("xcid", run.xcid.clone()));
        let answering = run
            .transcript
            .answered_by
            .as_deref()
            .map(wire_number)
            .unwrap_or_default();
        fields.push(("answeringNumber", answering));
        run.post("hangup", url, fields).await;
    }
    run.record_history();
    shared.events.call_ended(&run.transcript);
    shared.mark_changed();
    if run.transcript.failed() {
        return Err(SimulationError::AppFailed(Box::new(run.transcript)));
    }
    Ok(run.transcript)
}

/// `POST /sandbox/simulate-call` (same credentials as the API): runs a JSON [`CallScenario`]
/// and answers the [`Transcript`] — for driving the binary from curl. When the app failed a
/// push the answer is `502 Bad Gateway` with the transcript plus sipgate's `errors` array
/// naming the failure, so `curl --fail` and the SDK's error handling notice it.
pub(crate) async fn http_simulate(
    axum::extract::State(shared): axum::extract::State<crate::state::AppState>,
    headers: HeaderMap,
    crate::http::JsonBody(scenario): crate::http::JsonBody<CallScenario>,
) -> Result<Json<Transcript>, axum::response::Response> {
    use axum::response::IntoResponse as _;
    let authorized = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| shared.credentials.accepts(v));
    if !authorized {
        return Err(ApiError::unauthorized().into_response());
    }
    match simulate(&shared, scenario).await {
        Ok(transcript) => Ok(Json(transcript)),
        Err(SimulationError::AppFailed(transcript)) => {
            let detail = SimulationError::AppFailed(transcript.clone()).to_string();
            let mut body = serde_json::to_value(&*transcript).unwrap_or_default();
            if let Some(object) = body.as_object_mut() {
                object.insert(
                    "errors".to_owned(),
                    serde_json::json!([{"status": 502, "title": "Bad Gateway", "detail": detail}]),
                );
            }
            Err((axum::http::StatusCode::BAD_GATEWAY, Json(body)).into_response())
        }
        Err(e) => Err(ApiError::bad_request(e.to_string()).into_response()),
    }
}
