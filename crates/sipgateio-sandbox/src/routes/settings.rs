//! `GET/PUT /settings/sipgateio`: the account's webhook URLs, log flag and whitelist, and
//! `GET /log/webhooks`: the simulator's pushes.
//! 403 while sipgate.io is "not booked" (see [`SandboxConfig::sipgateio_booked`](crate::SandboxConfig::sipgateio_booked)).

use axum::Json;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{St, no_content};
use crate::error::{ApiError, ApiResult};
use crate::http::{JsonBody, is_extension};
use crate::model::WebhookSettings;
use crate::state::State;

fn require_booked(data: &State) -> ApiResult<()> {
    if data.sipgateio_booked {
        Ok(())
    } else {
        Err(ApiError::forbidden("sipgate.io feature not booked"))
    }
}

/// `GET /settings/sipgateio`.
pub(super) async fn get(super::State(s): St) -> ApiResult<Json<Value>> {
    let data = s.lock();
    require_booked(&data)?;
    Ok(Json(json!(data.settings)))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SettingsRequest {
    incoming_url: Option<String>,
    outgoing_url: Option<String>,
    log: Option<bool>,
    whitelist: Option<Vec<String>>,
}

fn check_url(field: &str, value: Option<String>) -> ApiResult<String> {
    let url = value.ok_or_else(|| ApiError::bad_request(format!("field `{field}` is required")))?;
    let lower = url.to_ascii_lowercase();
    if url.is_empty() || lower.starts_with("http://") || lower.starts_with("https://") {
        Ok(url)
    } else {
        Err(ApiError::bad_request(format!(
            "field `{field}` must be empty or an http(s) URL: {url}"
        )))
    }
}

/// `PUT /settings/sipgateio` `{incomingUrl, outgoingUrl, log?, whitelist?}` (the whole object;
/// `whitelist: null` = every phoneline and group triggers pushes).
pub(super) async fn put(
    super::State(s): St,
    JsonBody(request): JsonBody<SettingsRequest>,
) -> ApiResult<StatusCode> {
    let incoming_url = check_url("incomingUrl", request.incoming_url)?;
    let outgoing_url = check_url("outgoingUrl", request.outgoing_url)?;
    if let Some(bad) = request
        .whitelist
        .iter()
        .flatten()
        .find(|e| !is_extension(e, &['p', 'g']))
    {
        return Err(ApiError::bad_request(format!(
            "field `whitelist` may only contain phoneline (p) and group (g) extensions: {bad}"
        )));
    }
    let mut data = s.lock();
    require_booked(&data)?;
    data.settings = WebhookSettings {
        incoming_url,
        outgoing_url,
        log: request.log.unwrap_or(false),
        whitelist: request.whitelist,
    };
    Ok(no_content())
}

/// `GET /log/webhooks`: every push the call simulator made, newest first (403 while sipgate.io
/// is not booked).
pub(super) async fn webhook_log(super::State(s): St) -> ApiResult<Json<Value>> {
    let data = s.lock();
    require_booked(&data)?;
    let items: Vec<&Value> = data.webhook_log.iter().rev().collect();
    Ok(Json(json!({ "items": items })))
}
