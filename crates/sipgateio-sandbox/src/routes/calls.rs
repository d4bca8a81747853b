//! Calls: `POST /sessions/calls` (click-to-dial) and real-time call manipulation on
//! established calls (`/calls…`, all mutations answer 204, unknown or ended calls 404).

use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use chrono::Utc;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{St, no_content, require_credit};
use crate::error::{ApiError, ApiResult};
use crate::http::{JsonBody, is_extension, is_phone_number, required};
use crate::model::{Call, HistoryEntry, InitiatedCall, Participant};
use crate::state::State;

/// Extension types that may place a call (device or phoneline).
const CALLER_TYPES: &[char] = &['e', 'p', 'x', 'y'];

/// A new random session id (32 hex digits, like sipgate's).
pub(crate) fn new_session_id() -> String {
    (0..32)
        .map(|_| char::from(b"0123456789ABCDEF"[fastrand::usize(..16)]))
        .collect()
}

/// The phoneline a device or phoneline extension calls from.
fn phoneline_of(data: &State, extension: &str) -> Option<String> {
    if data.phonelines.iter().any(|(id, _, _)| id == extension) {
        return Some(extension.to_owned());
    }
    data.devices
        .iter()
        .find(|d| d.id == extension)
        .and_then(|d| d.active_phonelines.first())
        .map(|r| r.id.clone())
}

fn number_of_phoneline(data: &State, phoneline: &str) -> String {
    data.numbers
        .iter()
        .find(|n| n.endpoint_id == phoneline)
        .map(|n| n.number.clone())
        .unwrap_or_default()
}

/// A new established call between an account participant and a remote number.
pub(crate) fn established(call_id: &str, own_number: &str, remote: &str) -> Call {
    let participant = |id: &str, number: &str, owner: bool| Participant {
        participant_id: id.to_owned(),
        phone_number: number.to_owned(),
        muted: false,
        hold: false,
        owner,
    };
    Call {
        call_id: call_id.to_owned(),
        muted: false,
        recording: false,
        hold: false,
        participants: vec![
            participant("0", own_number, true),
            participant("1", remote, false),
        ],
        announcements: Vec::new(),
        dtmf: Vec::new(),
        recording_announcement: false,
        transferred_to: None,
        ended: None,
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct NewCallRequest {
    caller: Option<String>,
    callee: Option<String>,
    device_id: Option<String>,
    caller_id: Option<String>,
}

/// `POST /sessions/calls` `{caller, callee, deviceId?, callerId?}` → `{sessionId}`.
///
/// The call is established at once: it shows in `GET /calls` (its call id is the session id)
/// and in the history as an outgoing call — unless the callee is the busy or the unanswered
/// test number (`crate::failures`): then the call is in the history as missed (`BUSY` or
/// `MISSED`) and never established.
pub(super) async fn initiate(
    super::State(s): St,
    JsonBody(request): JsonBody<NewCallRequest>,
) -> ApiResult<Json<Value>> {
    let callee = required("callee", request.callee.as_deref())?.to_owned();
    if !is_phone_number(&callee) {
        return Err(ApiError::bad_request(format!(
            "User supplied invalid callee number: {callee}"
        )));
    }
    let caller = required("caller", request.caller.as_deref())?.to_owned();
    let device_id = request.device_id.filter(|d| !d.trim().is_empty());
    let caller_id = request.caller_id.filter(|c| !c.trim().is_empty());
    if let Some(number) = &caller_id
        && !is_phone_number(number)
    {
        return Err(ApiError::bad_request(format!(
            "User supplied invalid callerId: {number}"
        )));
    }
    let not_allowed = |ext: &str| {
        ApiError::forbidden(format!(
            "User is not allowed to initiate call with given parameters ({ext} is not an extension of this account)"
        ))
    };

    let mut data = s.lock();
    let calling_extension = if is_extension(&caller, CALLER_TYPES) {
        caller.clone()
    } else if is_phone_number(&caller) {
        match &device_id {
            Some(device) => device.clone(),
            None => {
                return Err(ApiError::bad_request(
                    "DeviceId is required if caller is a phone number",
                ));
            }
        }
    } else {
        return Err(ApiError::bad_request(format!(
            "User supplied invalid caller number: {caller}"
        )));
    };
    let phoneline =
        phoneline_of(&data, &calling_extension).ok_or_else(|| not_allowed(&calling_extension))?;
    if let Some(device) = &device_id
        && phoneline_of(&data, device).is_none()
    {
        return Err(not_allowed(device));
    }
    require_credit(&data)?;

    let session_id = new_session_id();
    let own_number = caller_id.clone().unwrap_or_else(|| {
        if is_phone_number(&caller) {
            caller.clone()
        } else {
            number_of_phoneline(&data, &phoneline)
        }
    });
    let id = data.next_id();
    // The reserved test numbers for a busy or unanswered callee (`crate::failures`): the call
    // is placed, then fails; it is never established for RTCM.
    let outcome = crate::failures::call_outcome(&callee);
    let direction = if outcome.is_some() {
        "MISSED_OUTGOING"
    } else {
        "OUTGOING"
    };
    let mut entry = HistoryEntry::new(id, "CALL", direction, Utc::now());
    entry.source_alias = data.alias_of_number(&own_number);
    entry.source = own_number.clone();
    entry.target_alias = data.alias_of_number(&callee);
    entry.target = callee.clone();
    entry.connection_ids = vec![phoneline];
    entry.call_id = Some(session_id.clone());
    let (status, call_status) = match outcome {
        None => ("PICKUP", "SUCCESS"),
        Some("busy") => ("BUSY", "BUSY"),
        Some(_) => ("NOPICKUP", "MISSED"),
    };
    entry.status = status.to_owned();
    entry.call_status = Some(call_status.to_owned());
    entry.duration = Some(0);
    entry.recordings = Some(Vec::new());
    entry.read = true;
    data.history.push(entry);
    if outcome.is_none() {
        data.calls
            .push(established(&session_id, &own_number, &callee));
        s.events.call(data.calls.last());
    }
    data.initiated_calls.push(InitiatedCall {
        session_id: session_id.clone(),
        caller,
        callee,
        device_id,
        caller_id,
    });
    Ok(Json(json!({ "sessionId": session_id })))
}

/// `GET /calls` → `{data: [Call]}` (established calls only).
pub(super) async fn list(super::State(s): St) -> Json<Value> {
    let data = s.lock();
    let calls: Vec<&Call> = data.calls.iter().filter(|c| c.ended.is_none()).collect();
    Json(json!({ "data": calls }))
}

/// Runs `change` on an established call, or answers 404.
fn with_call(
    s: &crate::state::Shared,
    call_id: &str,
    change: impl FnOnce(&mut Call),
) -> ApiResult<StatusCode> {
    let mut data = s.lock();
    let call = data
        .calls
        .iter_mut()
        .find(|c| c.call_id == call_id && c.ended.is_none())
        .ok_or_else(|| ApiError::not_found(format!("Call not found: {call_id}")))?;
    change(call);
    s.events.call(Some(&*call));
    Ok(no_content())
}

#[derive(Deserialize)]
pub(super) struct BooleanRequest {
    value: Option<bool>,
}

impl BooleanRequest {
    fn value(self) -> ApiResult<bool> {
        self.value
            .ok_or_else(|| ApiError::bad_request("field `value` is required and must be a boolean"))
    }
}

/// `PUT /calls/{callId}/muted` `{value}`: mutes the account's side.
pub(super) async fn mute(
    super::State(s): St,
    Path(call_id): Path<String>,
    JsonBody(request): JsonBody<BooleanRequest>,
) -> ApiResult<StatusCode> {
    let value = request.value()?;
    with_call(&s, &call_id, |call| {
        call.muted = value;
        call.participants
            .iter_mut()
            .filter(|p| p.owner)
            .for_each(|p| p.muted = value);
    })
}

/// `PUT /calls/{callId}/hold` `{value}`: holds every participant.
pub(super) async fn hold(
    super::State(s): St,
    Path(call_id): Path<String>,
    JsonBody(request): JsonBody<BooleanRequest>,
) -> ApiResult<StatusCode> {
    let value = request.value()?;
    with_call(&s, &call_id, |call| {
        call.hold = value;
        call.participants.iter_mut().for_each(|p| p.hold = value);
    })
}

#[derive(Deserialize)]
pub(super) struct RecordingRequest {
    value: Option<bool>,
    announcement: Option<bool>,
}

/// `PUT /calls/{callId}/recording` `{value, announcement}` (both required).
pub(super) async fn record(
    super::State(s): St,
    Path(call_id): Path<String>,
    JsonBody(request): JsonBody<RecordingRequest>,
) -> ApiResult<StatusCode> {
    let (Some(value), Some(announcement)) = (request.value, request.announcement) else {
        return Err(ApiError::bad_request(
            "fields `value` and `announcement` are required booleans",
        ));
    };
    with_call(&s, &call_id, |call| {
        call.recording = value;
        call.recording_announcement = announcement;
    })
}

#[derive(Deserialize)]
pub(super) struct AnnouncementRequest {
    url: Option<String>,
}

/// `POST /calls/{callId}/announcements` `{url}`.
pub(super) async fn announce(
    super::State(s): St,
    Path(call_id): Path<String>,
    JsonBody(request): JsonBody<AnnouncementRequest>,
) -> ApiResult<StatusCode> {
    let url = required("url", request.url.as_deref())?.to_owned();
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(ApiError::bad_request(format!(
            "field `url` must be an http(s) URL: {url}"
        )));
    }
    with_call(&s, &call_id, |call| call.announcements.push(url))
}

#[derive(Deserialize)]
pub(super) struct DtmfRequest {
    sequence: Option<String>,
}

/// `POST /calls/{callId}/dtmf` `{sequence}` (`0-9`, `A-D`, `#`, `*`).
pub(super) async fn dtmf(
    super::State(s): St,
    Path(call_id): Path<String>,
    JsonBody(request): JsonBody<DtmfRequest>,
) -> ApiResult<StatusCode> {
    let sequence = required("sequence", request.sequence.as_deref())?.to_owned();
    if !sequence
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, 'A'..='D' | '#' | '*'))
    {
        return Err(ApiError::bad_request(format!(
            "field `sequence` may only contain 0-9, A-D, # and *: {sequence}"
        )));
    }
    with_call(&s, &call_id, |call| call.dtmf.push(sequence))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TransferRequest {
    attended: Option<bool>,
    phone_number: Option<String>,
}

/// `POST /calls/{callId}/transfer` `{attended, phoneNumber, callerId?}`: the call leaves the
/// account (it ends here with cause `forwarded`).
pub(super) async fn transfer(
    super::State(s): St,
    Path(call_id): Path<String>,
    JsonBody(request): JsonBody<TransferRequest>,
) -> ApiResult<StatusCode> {
    let attended = request.attended.ok_or_else(|| {
        ApiError::bad_request("field `attended` is required and must be a boolean")
    })?;
    let number = required("phoneNumber", request.phone_number.as_deref())?.to_owned();
    if !is_phone_number(&number) {
        return Err(ApiError::bad_request(format!(
            "field `phoneNumber` is not a valid phone number: {number}"
        )));
    }
    with_call(&s, &call_id, |call| {
        call.transferred_to = Some((number, attended));
        call.ended = Some("forwarded".to_owned());
    })
}

/// `DELETE /calls/{callId}`: hangs up (cause `normalClearing`).
pub(super) async fn hang_up(
    super::State(s): St,
    Path(call_id): Path<String>,
) -> ApiResult<StatusCode> {
    with_call(&s, &call_id, |call| {
        call.ended = Some("normalClearing".to_owned())
    })
}
