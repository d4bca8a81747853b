//! Fax: fax lines, `POST /sessions/fax` and `POST /sessions/fax/resend`.
//!
//! A sent fax is a history entry (id = session id) whose `faxStatusType` moves
//! PENDING → SENDING → SENT (FAILED for the configured failing recipient), one step per
//! `GET /history/{id}` or per configured time step.

use std::time::Instant;

use axum::Json;
use axum::extract::Path;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::Utc;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{St, items_of_user, require_credit};
use crate::error::{ApiError, ApiResult};
use crate::http::{JsonBody, digits, is_phone_number, required};
use crate::model::{FaxProgress, HistoryEntry, SentFax};
use crate::state::State;

/// sipgate's limit for `base64Content` (characters).
const MAX_BASE64_CHARS: usize = 28_330_000;

/// `GET /{userId}/faxlines`.
pub(super) async fn faxlines(
    super::State(s): St,
    Path(user_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let data = s.lock();
    let owned = data.faxlines.iter().map(|f| (f.owner.as_str(), f));
    items_of_user(&data, &user_id, owned)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SendFaxRequest {
    faxline_id: Option<String>,
    recipient: Option<String>,
    filename: Option<String>,
    base64_content: Option<String>,
}

/// Counts `/Type /Page` objects (not `/Pages`); at least one page.
fn page_count(pdf: &[u8]) -> u32 {
    let needle = b"/Type /Page";
    let count = (0..pdf.len())
        .filter(|&i| pdf[i..].starts_with(needle) && pdf.get(i + needle.len()) != Some(&b's'))
        .count();
    u32::try_from(count.max(1)).unwrap_or(u32::MAX)
}

/// Registers a fax as sent and returns its session id.
fn enqueue(
    data: &mut State,
    faxline_id: &str,
    recipient: &str,
    filename: &str,
    pdf: Vec<u8>,
) -> ApiResult<String> {
    let Some(faxline) = data.faxlines.iter().find(|f| f.id == faxline_id) else {
        return Err(ApiError::not_found(format!(
            "Faxline not found: {faxline_id}"
        )));
    };
    if !faxline.can_send {
        return Err(ApiError::forbidden(format!(
            "{faxline_id} cannot send faxes"
        )));
    }
    let fax_alias = faxline.alias.clone();
    require_credit(data)?;
    let fails = data
        .failing_fax_recipient
        .as_deref()
        .is_some_and(|f| digits(f) == digits(recipient));
    let id = data.next_id();
    let source = data
        .numbers
        .iter()
        .find(|n| n.endpoint_id == faxline_id)
        .map(|n| n.number.clone())
        .unwrap_or_default();
    let mut entry = HistoryEntry::new(id.clone(), "FAX", "OUTGOING", Utc::now());
    entry.source = source;
    entry.source_alias = fax_alias;
    entry.target = recipient.to_owned();
    entry.target_alias = data.alias_of_number(recipient);
    entry.connection_ids = vec![faxline_id.to_owned()];
    entry.fax_status_type = Some("PENDING".to_owned());
    entry.page_count = Some(page_count(&pdf));
    entry.document_url = Some(format!("https://sandbox.invalid/faxes/{id}.pdf"));
    entry.report_url = Some(format!("https://sandbox.invalid/faxes/{id}-report.pdf"));
    entry.preview_url = Some(format!("https://sandbox.invalid/faxes/{id}.png"));
    entry.read = true;
    entry.fax_progress = Some(FaxProgress {
        polls: 0,
        started: Instant::now(),
        fails,
    });
    data.history.push(entry);
    data.faxes.push(SentFax {
        session_id: id.clone(),
        faxline_id: faxline_id.to_owned(),
        recipient: recipient.to_owned(),
        filename: filename.to_owned(),
        content: pdf,
        status: "PENDING".to_owned(),
    });
    Ok(id)
}

/// `POST /sessions/fax` `{faxlineId, recipient, filename, base64Content}` → `{sessionId}`.
pub(super) async fn send(
    super::State(s): St,
    JsonBody(request): JsonBody<SendFaxRequest>,
) -> ApiResult<Json<Value>> {
    let faxline_id = required("faxlineId", request.faxline_id.as_deref())?.to_owned();
    let recipient = required("recipient", request.recipient.as_deref())?.to_owned();
    if !is_phone_number(&recipient) {
        return Err(ApiError::bad_request(format!(
            "field `recipient` is not a valid fax number: {recipient}"
        )));
    }
    let filename = required("filename", request.filename.as_deref())?.to_owned();
    let content = required("base64Content", request.base64_content.as_deref())?;
    if content.len() > MAX_BASE64_CHARS {
        return Err(ApiError::bad_request(format!(
            "field `base64Content` must be at most {MAX_BASE64_CHARS} characters"
        )));
    }
    let pdf = STANDARD
        .decode(content.trim())
        .map_err(|e| ApiError::bad_request(format!("field `base64Content` is not base64: {e}")))?;
    if !pdf.starts_with(b"%PDF-") {
        return Err(ApiError::bad_request(
            "field `base64Content` must contain a PDF document",
        ));
    }
    let mut data = s.lock();
    let session_id = enqueue(&mut data, &faxline_id, &recipient, &filename, pdf)?;
    s.events.fax_sent(data.faxes.last());
    Ok(Json(json!({ "sessionId": session_id })))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ResendFaxRequest {
    fax_id: Option<String>,
    faxline_id: Option<String>,
}

/// `POST /sessions/fax/resend` `{faxId, faxlineId?}`: sends a previously sent fax again; the
/// sandbox answers `{sessionId}` of the new fax (sipgate's snapshot documents no body).
pub(super) async fn resend(
    super::State(s): St,
    JsonBody(request): JsonBody<ResendFaxRequest>,
) -> ApiResult<Json<Value>> {
    let fax_id = required("faxId", request.fax_id.as_deref())?.to_owned();
    let mut data = s.lock();
    let Some(original) = data.faxes.iter().find(|f| f.session_id == fax_id).cloned() else {
        return Err(ApiError::not_found(format!("Fax not found: {fax_id}")));
    };
    let faxline_id = request
        .faxline_id
        .filter(|f| !f.trim().is_empty())
        .unwrap_or(original.faxline_id);
    let session_id = enqueue(
        &mut data,
        &faxline_id,
        &original.recipient,
        &original.filename,
        original.content,
    )?;
    s.events.fax_sent(data.faxes.last());
    Ok(Json(json!({ "sessionId": session_id })))
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_pages_not_page_trees() {
        assert_eq!(
            super::page_count(b"%PDF-1.4 /Type /Pages /Type /Page /Type /Page"),
            2
        );
        assert_eq!(super::page_count(b"%PDF-1.4"), 1);
    }
}
