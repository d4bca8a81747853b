//! A web user's phonelines: list, one line (alias and voicemail settings), rename, and the
//! line's numbers, devices and voicemail boxes.

use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use super::account::voicemail_detail;
use super::{St, no_content, require_user};
use crate::error::{ApiError, ApiResult};
use crate::http::JsonBody;
use crate::state::State as Data;

/// The index of `phoneline_id` among `user_id`'s lines (404 for an unknown user, or a line
/// the user does not own).
fn line_index(data: &Data, user_id: &str, phoneline_id: &str) -> ApiResult<usize> {
    require_user(data, user_id)?;
    data.phonelines
        .iter()
        .position(|(id, _, owner)| id == phoneline_id && owner == user_id)
        .ok_or_else(|| ApiError::not_found(format!("Phoneline not found: {phoneline_id}")))
}

/// `GET /{userId}/phonelines`: the user's lines with the links sipgate lists.
pub(super) async fn list(
    super::State(s): St,
    Path(user_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let data = s.lock();
    require_user(&data, &user_id)?;
    let items: Vec<Value> = data
        .phonelines
        .iter()
        .filter(|(_, _, owner)| *owner == user_id)
        .map(|(id, alias, owner)| {
            let base = format!("/{owner}/phonelines/{id}");
            json!({
                "id": id,
                "alias": alias,
                "blockAnonymousUrl": format!("{base}/blockanonymous"),
                "devicesUrl": format!("{base}/devices"),
                "forwardingsUrl": format!("{base}/forwardings"),
                "numbersUrl": format!("{base}/numbers"),
                "parallelForwardingsUrl": format!("{base}/parallelforwardings"),
                "voicemailsUrl": format!("{base}/voicemails"),
            })
        })
        .collect();
    Ok(Json(json!({ "items": items })))
}

/// `GET /{userId}/phonelines/{phonelineId}`: alias and voicemail settings.
pub(super) async fn get_one(
    super::State(s): St,
    Path((user_id, phoneline_id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let data = s.lock();
    let index = line_index(&data, &user_id, &phoneline_id)?;
    let Some((id, alias, _)) = data.phonelines.get(index) else {
        return Err(ApiError::not_found(format!(
            "Phoneline not found: {phoneline_id}"
        )));
    };
    let voicemails: Vec<Value> = data
        .voicemails
        .iter()
        .filter(|v| v.belongs_to_endpoint.extension == *id)
        .map(|v| json!({ "id": v.id, "timeout": 20, "active": true }))
        .collect();
    Ok(Json(
        json!({ "id": id, "alias": alias, "voicemails": voicemails }),
    ))
}

#[derive(Deserialize)]
pub(super) struct AliasRequest {
    alias: Option<String>,
}

/// `PUT /{userId}/phonelines/{phonelineId}` `{alias}`: renames the line.
pub(super) async fn set_alias(
    super::State(s): St,
    Path((user_id, phoneline_id)): Path<(String, String)>,
    JsonBody(request): JsonBody<AliasRequest>,
) -> ApiResult<StatusCode> {
    let alias = crate::http::required("alias", request.alias.as_deref())?.to_owned();
    let mut data = s.lock();
    let index = line_index(&data, &user_id, &phoneline_id)?;
    if let Some(line) = data.phonelines.get_mut(index) {
        line.1 = alias;
    }
    Ok(no_content())
}

/// `{items}` of what belongs to the user's line `phoneline_id` (404 for a line the user does
/// not own), as `items` picks them.
fn line_items(
    s: &St,
    (user_id, phoneline_id): &(String, String),
    items: impl FnOnce(&Data, &str) -> Vec<Value>,
) -> ApiResult<Json<Value>> {
    let data = s.0.lock();
    line_index(&data, user_id, phoneline_id)?;
    Ok(Json(json!({ "items": items(&data, phoneline_id) })))
}

/// `GET /{userId}/phonelines/{phonelineId}/numbers`: the numbers routed to the line, in
/// this endpoint's own shape (`NumberResponse`: `number` and a list of `type`s).
pub(super) async fn numbers(s: St, Path(ids): Path<(String, String)>) -> ApiResult<Json<Value>> {
    line_items(&s, &ids, |data, line| {
        data.numbers
            .iter()
            .filter(|n| n.endpoint_id == line)
            .map(|n| json!({ "number": n.number, "type": [n.kind] }))
            .collect()
    })
}

/// `GET /{userId}/phonelines/{phonelineId}/devices`: the devices that ring for the line.
pub(super) async fn devices(s: St, Path(ids): Path<(String, String)>) -> ApiResult<Json<Value>> {
    line_items(&s, &ids, |data, line| {
        data.devices
            .iter()
            .filter(|d| d.active_phonelines.iter().any(|r| r.id == line))
            .map(|d| json!(d))
            .collect()
    })
}

/// `GET /{userId}/phonelines/{phonelineId}/voicemails`: the line's voicemail boxes with their
/// settings.
pub(super) async fn voicemails(s: St, Path(ids): Path<(String, String)>) -> ApiResult<Json<Value>> {
    line_items(&s, &ids, |data, line| {
        data.voicemails
            .iter()
            .filter(|v| v.belongs_to_endpoint.extension == line)
            .map(|v| {
                let mut value = voicemail_detail(v);
                if let Some(object) = value.as_object_mut() {
                    object.insert("timeout".into(), json!(20));
                    object.insert("active".into(), json!(true));
                }
                value
            })
            .collect()
    })
}
