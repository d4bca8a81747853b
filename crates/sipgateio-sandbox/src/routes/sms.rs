//! SMS: extensions, caller ids (list, add, verify, set default, delete) and `POST /sessions/sms`.

use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{St, items_of_user, no_content, require_credit, require_user};
use crate::error::{ApiError, ApiResult};
use crate::http::{JsonBody, is_phone_number, required};
use crate::model::{HistoryEntry, SentSms, SmsCallerId};
use crate::state::State;

/// How far ahead an SMS may be scheduled (30 days).
const MAX_SCHEDULE_SECONDS: i64 = 30 * 24 * 3600;

fn extension_index(data: &State, user_id: &str, sms_id: &str) -> ApiResult<usize> {
    require_user(data, user_id)?;
    data.sms_extensions
        .iter()
        .position(|e| e.id == sms_id && e.owner == user_id)
        .ok_or_else(|| ApiError::not_found(format!("Short message service not found: {sms_id}")))
}

fn caller_id_index(data: &State, ext: usize, caller_id: &str) -> ApiResult<usize> {
    let not_found = || ApiError::not_found(format!("Caller id not found: {caller_id}"));
    let id: i32 = caller_id.parse().map_err(|_| not_found())?;
    data.sms_extensions[ext]
        .caller_ids
        .iter()
        .position(|c| c.id == id)
        .ok_or_else(not_found)
}

/// `GET /{userId}/sms`.
pub(super) async fn extensions(
    super::State(s): St,
    Path(user_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let data = s.lock();
    let owned = data.sms_extensions.iter().map(|e| (e.owner.as_str(), e));
    items_of_user(&data, &user_id, owned)
}

#[derive(Deserialize)]
pub(super) struct AliasRequest {
    alias: String,
}

/// `PUT /{userId}/sms/{smsId}` `{alias}`.
pub(super) async fn set_alias(
    super::State(s): St,
    Path((user_id, sms_id)): Path<(String, String)>,
    JsonBody(request): JsonBody<AliasRequest>,
) -> ApiResult<StatusCode> {
    let mut data = s.lock();
    let ext = extension_index(&data, &user_id, &sms_id)?;
    data.sms_extensions[ext].alias = request.alias;
    Ok(no_content())
}

/// `GET /{userId}/sms/{smsId}/callerids`.
pub(super) async fn caller_ids(
    super::State(s): St,
    Path((user_id, sms_id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let data = s.lock();
    let ext = extension_index(&data, &user_id, &sms_id)?;
    Ok(Json(
        json!({ "items": data.sms_extensions[ext].caller_ids }),
    ))
}

#[derive(Deserialize)]
pub(super) struct AddCallerIdRequest {
    phonenumber: Option<String>,
}

/// `POST /{userId}/sms/{smsId}/callerids` `{phonenumber}`: adds an unverified sender number
/// and "sends" it a verification code (see [`Sandbox::verification_code`](crate::Sandbox::verification_code)).
pub(super) async fn add_caller_id(
    super::State(s): St,
    Path((user_id, sms_id)): Path<(String, String)>,
    JsonBody(request): JsonBody<AddCallerIdRequest>,
) -> ApiResult<StatusCode> {
    let number = required("phonenumber", request.phonenumber.as_deref())?.to_owned();
    if !is_phone_number(&number) {
        return Err(ApiError::bad_request(format!(
            "field `phonenumber` is not a valid phone number: {number}"
        )));
    }
    let mut data = s.lock();
    let ext = extension_index(&data, &user_id, &sms_id)?;
    require_credit(&data)?;
    let wanted = crate::http::digits(&number);
    let extension = &mut data.sms_extensions[ext];
    if extension
        .caller_ids
        .iter()
        .any(|c| crate::http::digits(&c.phonenumber) == wanted)
    {
        return Err(ApiError::bad_request(format!(
            "{number} is already a caller id of {sms_id}"
        )));
    }
    let id = extension
        .caller_ids
        .iter()
        .map(|c| c.id)
        .max()
        .unwrap_or(-1)
        + 1;
    let code = format!("{:06}", fastrand::u32(0..1_000_000));
    tracing::info!(%sms_id, %number, code = %code, "sandbox sent a caller-id verification code");
    s.events.verification_code(&sms_id, &number, &code);
    extension.caller_ids.push(SmsCallerId {
        id,
        phonenumber: number,
        verified: false,
        default_number: false,
        verification_code: code,
    });
    Ok(no_content())
}

/// `defaultNumber` as sipgate's JSON binding accepts it: a boolean or the strings
/// `"true"`/`"false"` (the Node library sends the string).
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum Flag {
    Bool(bool),
    Text(String),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SetCallerIdRequest {
    default_number: Option<Flag>,
}

/// `PUT /{userId}/sms/{smsId}/callerids/{callerId}` `{defaultNumber}`.
pub(super) async fn set_caller_id(
    super::State(s): St,
    Path((user_id, sms_id, caller_id)): Path<(String, String, String)>,
    JsonBody(request): JsonBody<SetCallerIdRequest>,
) -> ApiResult<StatusCode> {
    let make_default = match request.default_number {
        Some(Flag::Bool(b)) => b,
        Some(Flag::Text(t)) if t == "true" => true,
        Some(Flag::Text(t)) if t == "false" => false,
        _ => {
            return Err(ApiError::bad_request(
                "field `defaultNumber` is required and must be a boolean",
            ));
        }
    };
    let mut data = s.lock();
    let ext = extension_index(&data, &user_id, &sms_id)?;
    let index = caller_id_index(&data, ext, &caller_id)?;
    let extension = &mut data.sms_extensions[ext];
    if make_default {
        if !extension.caller_ids[index].verified {
            return Err(ApiError::bad_request(format!(
                "caller id {caller_id} is not verified and cannot be the default"
            )));
        }
        for (i, c) in extension.caller_ids.iter_mut().enumerate() {
            c.default_number = i == index;
        }
        extension.caller_id = extension.caller_ids[index].phonenumber.clone();
    } else {
        extension.caller_ids[index].default_number = false;
    }
    Ok(no_content())
}

/// `DELETE /{userId}/sms/{smsId}/callerids/{callerId}`.
pub(super) async fn delete_caller_id(
    super::State(s): St,
    Path((user_id, sms_id, caller_id)): Path<(String, String, String)>,
) -> ApiResult<StatusCode> {
    let mut data = s.lock();
    let ext = extension_index(&data, &user_id, &sms_id)?;
    let index = caller_id_index(&data, ext, &caller_id)?;
    data.sms_extensions[ext].caller_ids.remove(index);
    Ok(no_content())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct VerifyRequest {
    verification_code: Option<String>,
}

/// `POST /{userId}/sms/{smsId}/callerids/{callerId}/verification` `{verificationCode}`.
pub(super) async fn verify_caller_id(
    super::State(s): St,
    Path((user_id, sms_id, caller_id)): Path<(String, String, String)>,
    JsonBody(request): JsonBody<VerifyRequest>,
) -> ApiResult<StatusCode> {
    let code = required("verificationCode", request.verification_code.as_deref())?.to_owned();
    let mut data = s.lock();
    let ext = extension_index(&data, &user_id, &sms_id)?;
    let index = caller_id_index(&data, ext, &caller_id)?;
    let entry = &mut data.sms_extensions[ext].caller_ids[index];
    if entry.verification_code != code.trim() {
        return Err(ApiError::bad_request("wrong verification code"));
    }
    entry.verified = true;
    Ok(no_content())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SendSmsRequest {
    sms_id: Option<String>,
    recipient: Option<String>,
    message: Option<String>,
    send_at: Option<serde_json::Number>,
}

fn parse_send_at(raw: Option<serde_json::Number>) -> ApiResult<Option<DateTime<Utc>>> {
    let Some(raw) = raw else { return Ok(None) };
    let seconds = raw
        .as_i64()
        .or_else(|| raw.as_f64().map(|f| f.trunc() as i64))
        .ok_or_else(|| ApiError::bad_request("field `sendAt` must be Unix seconds"))?;
    if seconds <= 0 {
        // sipgate treats a non-positive sendAt (e.g. -1) as "now".
        return Ok(None);
    }
    let now = Utc::now().timestamp();
    if seconds < now - 60 {
        return Err(ApiError::bad_request(
            "field `sendAt` must not be in the past",
        ));
    }
    if seconds > now + MAX_SCHEDULE_SECONDS {
        return Err(ApiError::bad_request(
            "field `sendAt` must be at most 30 days in the future",
        ));
    }
    Ok(DateTime::from_timestamp(seconds, 0))
}

/// `POST /sessions/sms` `{smsId, recipient, message, sendAt?}`.
pub(super) async fn send(
    super::State(s): St,
    JsonBody(request): JsonBody<SendSmsRequest>,
) -> ApiResult<StatusCode> {
    let sms_id = required("smsId", request.sms_id.as_deref())?.to_owned();
    let recipient = required("recipient", request.recipient.as_deref())?.to_owned();
    if !is_phone_number(&recipient) {
        return Err(ApiError::bad_request(format!(
            "field `recipient` is not a valid phone number: {recipient}"
        )));
    }
    let message = required("message", request.message.as_deref())?.to_owned();
    let send_at = parse_send_at(request.send_at)?;

    let mut data = s.lock();
    let Some(extension) = data.sms_extensions.iter().find(|e| e.id == sms_id) else {
        return Err(ApiError::forbidden(format!(
            "Invalid SMS extension: {sms_id} is not an SMS extension of this account"
        )));
    };
    let sender = extension.caller_id.clone();
    require_credit(&data)?;
    let id = data.next_id();
    let now = Utc::now();
    let mut entry = HistoryEntry::new(id.clone(), "SMS", "OUTGOING", now);
    entry.source_alias = data.alias_of_number(&sender);
    entry.source = sender.clone();
    entry.target_alias = data.alias_of_number(&recipient);
    entry.target = recipient.clone();
    entry.connection_ids = vec![sms_id.clone()];
    entry.sms_content = Some(message.clone());
    entry.scheduled = send_at;
    entry.read = true;
    data.history.push(entry);
    data.sent_sms.push(SentSms {
        sms_id,
        recipient,
        message,
        send_at,
        sender,
        history_id: id,
    });
    s.events.sms_sent(data.sent_sms.last());
    Ok(no_content())
}
