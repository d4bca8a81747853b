//! Account-level reads: userinfo, account, users, balance, numbers, voicemails and devices.

use axum::Json;
use axum::extract::{Path, RawQuery};
use serde_json::{Value, json};

use super::{St, items_of_user};
use crate::error::{ApiError, ApiResult};
use crate::http::QueryParams;
use crate::model::Voicemail;

/// `GET /authorization/userinfo`.
pub(super) async fn userinfo(super::State(s): St) -> Json<Value> {
    let data = s.lock();
    Json(json!({
        "sub": data.account.authenticated_user,
        "domain": data.account.domain,
        "masterSipId": data.account.master_sip_id,
        "locale": data.account.locale,
    }))
}

/// `GET /users`.
pub(super) async fn users(super::State(s): St) -> Json<Value> {
    Json(json!({ "items": s.lock().users }))
}

/// `GET /users/{userId}`.
pub(super) async fn user(
    super::State(s): St,
    Path(user_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let data = s.lock();
    data.users
        .iter()
        .find(|u| u.id == user_id)
        .map(|u| Json(json!(u)))
        .ok_or_else(|| ApiError::not_found(format!("User not found: {user_id}")))
}

/// `GET /balance`: zero while in "no credit" mode.
pub(super) async fn balance(super::State(s): St) -> Json<Value> {
    let amount = if s.lock().no_credit { 0 } else { 100_000 };
    Json(json!({ "amount": amount, "currency": "EUR" }))
}

/// `GET /numbers?offset&limit` → `{items}` (no `totalCount`, as in sipgate's schema).
pub(super) async fn numbers(super::State(s): St, RawQuery(q): RawQuery) -> ApiResult<Json<Value>> {
    let query = QueryParams::parse(q.as_deref());
    let offset = query.u32("offset", i32::MAX as u32)?.unwrap_or(0) as usize;
    let limit = query.u32("limit", i32::MAX as u32)?.map(|l| l as usize);
    let data = s.lock();
    let items: Vec<_> = data
        .numbers
        .iter()
        .skip(offset)
        .take(limit.unwrap_or(usize::MAX))
        .collect();
    Ok(Json(json!({ "items": items })))
}

/// `GET /voicemails`.
pub(super) async fn voicemails(super::State(s): St) -> Json<Value> {
    Json(json!({ "items": s.lock().voicemails }))
}

/// `GET /voicemails/{voicemailId}`: the list item plus the detail fields.
pub(super) async fn voicemail(
    super::State(s): St,
    Path(voicemail_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let data = s.lock();
    let voicemail = data
        .voicemails
        .iter()
        .find(|v| v.id == voicemail_id)
        .ok_or_else(|| ApiError::not_found(format!("Voicemail not found: {voicemail_id}")))?;
    Ok(Json(voicemail_detail(voicemail)))
}

/// A voicemail box with the detail fields of `GET /voicemails/{id}` (transcription and
/// greeting).
pub(super) fn voicemail_detail(voicemail: &Voicemail) -> Value {
    let mut value = json!(voicemail);
    if let Some(object) = value.as_object_mut() {
        object.insert("transcription".into(), json!(true));
        object.insert("canTranscribe".into(), json!(true));
        object.insert("activeGreetingAlias".into(), json!("Standard greeting"));
        object.insert("activeGreetingId".into(), json!("g0"));
        object.insert("accessNumber".into(), json!("+4921100000050"));
    }
    value
}

/// `GET /{userId}/devices`.
pub(super) async fn devices(
    super::State(s): St,
    Path(user_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let data = s.lock();
    let owned = data.devices.iter().map(|d| (d.owner.as_str(), d));
    items_of_user(&data, &user_id, owned)
}

/// `GET /account`: the company account (a TEAM account, history kept without limit).
pub(super) async fn account(super::State(s): St) -> Json<Value> {
    let data = s.lock();
    Json(json!({
        "company": data.account.domain,
        "mainProductType": "TEAM",
        "logoUrl": "",
        "verified": true,
        "historyLifeTime": "UNLIMITED",
    }))
}
