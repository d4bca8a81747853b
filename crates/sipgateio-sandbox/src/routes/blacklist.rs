//! `/blacklist/incoming`: numbers (or number prefixes) whose calls the account blocks.

use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{St, no_content};
use crate::error::{ApiError, ApiResult};
use crate::http::{JsonBody, digits, is_phone_number, required};

/// One entry (`IncomingEntry`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct IncomingEntry {
    phone_number: Option<String>,
    #[serde(default)]
    is_block: bool,
}

/// Removes the entries for `number` (with or without `+`); whether there were any.
fn remove_number(list: &mut Vec<IncomingEntry>, number: &str) -> bool {
    let wanted = digits(number);
    let before = list.len();
    list.retain(|e| {
        e.phone_number
            .as_deref()
            .is_none_or(|n| digits(n) != wanted)
    });
    list.len() != before
}

/// `GET /blacklist/incoming`.
pub(super) async fn list(super::State(s): St) -> Json<Value> {
    Json(json!({ "items": s.lock().blacklist }))
}

/// `POST /blacklist/incoming` `{phoneNumber, isBlock}`: adds (or replaces) an entry and
/// answers with it.
pub(super) async fn add(
    super::State(s): St,
    JsonBody(entry): JsonBody<IncomingEntry>,
) -> ApiResult<Json<IncomingEntry>> {
    let number = required("phoneNumber", entry.phone_number.as_deref())?;
    if !is_phone_number(number) {
        return Err(ApiError::bad_request(format!(
            "field `phoneNumber` must be a phone number: {number}"
        )));
    }
    let mut data = s.lock();
    remove_number(&mut data.blacklist, number);
    data.blacklist.push(entry.clone());
    Ok(Json(entry))
}

/// `DELETE /blacklist/incoming/{phoneNumber}` (404 for a number not on the list).
pub(super) async fn remove(
    super::State(s): St,
    Path(number): Path<String>,
) -> ApiResult<StatusCode> {
    let mut data = s.lock();
    if !remove_number(&mut data.blacklist, &number) {
        return Err(ApiError::not_found(format!(
            "Blacklist entry not found: {number}"
        )));
    }
    Ok(no_content())
}
