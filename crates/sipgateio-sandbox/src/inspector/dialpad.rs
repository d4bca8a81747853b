//! The dialpad: interactive simulated calls placed from the inspector.
//!
//! A call runs the simulator with a [`Caller::Live`]: it posts `newCall` to the app, follows
//! the XML answers as for [`Sandbox::simulate_call`](crate::Sandbox::simulate_call), and when a
//! `<Gather>` waits it takes the keys pressed on the page. Its phases (calling, gather,
//! waiting, talking, ended) go to the feed as `dialpad` events; the webhook pushes and the
//! transcript as for any simulated call.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::Ins;
use crate::error::{ApiError, ApiResult};
use crate::events::{DialpadPhase, Event};
use crate::http::{JsonBody, is_phone_number, required};
use crate::simulator::{CallScenario, Caller, Input, Live, LivePhase, simulate_as};

/// At most this many dialpad calls at once.
const MAX_CALLS: usize = 8;
/// Key presses queued for one call.
const QUEUE: usize = 32;
/// The most keys in one request.
const MAX_KEYS: usize = 32;

/// The dialpad calls in progress, by call id.
#[derive(Debug, Default)]
pub(super) struct Calls(HashMap<String, LiveCall>);

#[derive(Debug)]
struct LiveCall {
    /// Dropping it hangs the call up.
    inputs: mpsc::Sender<Input>,
    phase: LivePhase,
}

impl Calls {
    /// Hangs up every dialpad call.
    pub(super) fn hang_up_all(&mut self) {
        self.0.clear();
    }
}

/// `POST /sandbox/inspector/calls` body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PlaceCall {
    from: Option<String>,
    to: Option<String>,
    /// Default: the account's incoming URL (`PUT /v2/settings/sipgateio`).
    webhook_url: Option<String>,
}

/// Whether a URL is absolute `http`/`https` with a host.
fn is_http_url(url: &str) -> bool {
    reqwest::Url::parse(url)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

/// `POST /sandbox/inspector/calls` `{from, to, webhookUrl?}` → 201 `{callId}`: an incoming call
/// from `from` to `to` (one of the account's numbers), its `newCall` posted to `webhookUrl` or
/// the account's incoming URL.
pub(super) async fn place(
    State(inspector): Ins,
    JsonBody(request): JsonBody<PlaceCall>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let from = required("from", request.from.as_deref())?.trim().to_owned();
    if !(from == "anonymous" || is_phone_number(&from)) {
        return Err(ApiError::bad_request(format!(
            "field `from` must be a phone number or `anonymous`, got `{from}`"
        )));
    }
    let to = required("to", request.to.as_deref())?.trim().to_owned();
    if !is_phone_number(&to) {
        return Err(ApiError::bad_request(format!(
            "field `to` must be a phone number, got `{to}`"
        )));
    }
    let url = match request.webhook_url.filter(|u| !u.trim().is_empty()) {
        Some(url) => url.trim().to_owned(),
        None => {
            let configured = inspector.shared.lock().settings.incoming_url.clone();
            if configured.is_empty() {
                return Err(ApiError::bad_request(
                    "no webhook URL: enter your app's URL, or set the account's incoming URL \
                     (PUT /v2/settings/sipgateio)",
                ));
            }
            configured
        }
    };
    if !is_http_url(&url) {
        return Err(ApiError::bad_request(format!(
            "field `webhookUrl` must be an absolute http(s) URL, got `{url}`"
        )));
    }

    let call_id = crate::routes::calls::new_session_id();
    let (inputs, received) = mpsc::channel(QUEUE);
    let phase = LivePhase::default();
    {
        let mut calls = inspector.calls();
        if calls.0.len() >= MAX_CALLS {
            return Err(ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!("at most {MAX_CALLS} dialpad calls at once: hang one up first"),
            ));
        }
        let call = LiveCall {
            inputs,
            phase: phase.clone(),
        };
        calls.0.insert(call_id.clone(), call);
    }
    let shared = inspector.shared.clone();
    shared.events.publish(Event::Dialpad {
        call_id: call_id.clone(),
        phase: DialpadPhase::Calling {
            from: from.clone(),
            to: to.clone(),
            url: url.clone(),
        },
    });
    let caller = Caller::Live(Live::new(&shared, call_id.clone(), received, phase));
    let scenario = CallScenario::incoming(from, to).webhook_url(url);
    let dialpad = Arc::downgrade(&inspector);
    let id = call_id.clone();
    tokio::spawn(async move {
        let result = simulate_as(&shared, scenario, caller).await;
        // Gone from the dialpad before the page hears that the call ended.
        if let Some(inspector) = dialpad.upgrade() {
            inspector.calls().0.remove(&id);
        }
        let phase = match result {
            Ok(_) => DialpadPhase::Ended,
            Err(e) => DialpadPhase::Failed {
                error: e.to_string(),
            },
        };
        shared.events.publish(Event::Dialpad { call_id: id, phase });
    });
    Ok((StatusCode::CREATED, Json(json!({ "callId": call_id }))))
}

/// Sends an input to a dialpad call whose `<Gather>` waits.
fn to_gather(inspector: &super::Inspector, call_id: &str, input: Input) -> ApiResult<StatusCode> {
    let calls = inspector.calls();
    let call = calls
        .0
        .get(call_id)
        .ok_or_else(|| ApiError::not_found(format!("no dialpad call {call_id} (it ended)")))?;
    if !call.phase.gathering() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "no <Gather> waits for digits now: the keys go nowhere",
        ));
    }
    call.inputs.try_send(input).map_err(|_| {
        ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too many keys at once: wait for the app",
        )
    })?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST …/digits` body.
#[derive(Debug, Deserialize)]
pub(super) struct Keys {
    digits: Option<String>,
}

/// `POST /sandbox/inspector/calls/{callId}/digits` `{digits}`: keys (`0-9`, `*`, `#`) for the
/// waiting `<Gather>`; 409 when none waits.
pub(super) async fn digits(
    State(inspector): Ins,
    Path(call_id): Path<String>,
    JsonBody(keys): JsonBody<Keys>,
) -> ApiResult<StatusCode> {
    let digits = required("digits", keys.digits.as_deref())?.to_owned();
    let valid = digits.len() <= MAX_KEYS
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '#'));
    if !valid {
        return Err(ApiError::bad_request(format!(
            "field `digits` may hold up to {MAX_KEYS} keys 0-9, * and #"
        )));
    }
    to_gather(&inspector, &call_id, Input::Digits(digits))
}

/// `POST /sandbox/inspector/calls/{callId}/no-input` `{}`: the waiting `<Gather>` times out now
/// (with the keys typed so far, possibly none).
pub(super) async fn no_input(
    State(inspector): Ins,
    Path(call_id): Path<String>,
    JsonBody(_): JsonBody<Value>,
) -> ApiResult<StatusCode> {
    to_gather(&inspector, &call_id, Input::TimeOut)
}

/// `POST /sandbox/inspector/calls/{callId}/hangup` `{}`: the caller hangs up.
pub(super) async fn hang_up(
    State(inspector): Ins,
    Path(call_id): Path<String>,
    JsonBody(_): JsonBody<Value>,
) -> ApiResult<StatusCode> {
    // Dropping the call's input channel is the hang-up.
    match inspector.calls().0.remove(&call_id) {
        Some(_) => Ok(StatusCode::NO_CONTENT),
        None => Err(ApiError::not_found(format!(
            "no dialpad call {call_id} (it ended)"
        ))),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn webhook_urls_are_absolute_http() {
        assert!(super::is_http_url("http://127.0.0.1:3000/hook"));
        assert!(super::is_http_url("https://example.com"));
        assert!(!super::is_http_url("ftp://example.com"));
        assert!(!super::is_http_url("/hook"));
        assert!(!super::is_http_url("http://"));
    }
}
