//! Contacts: list (phone-number filter, offset/limit, totalCount), create, update, delete,
//! delete all private, CSV import and the internal (colleague) directory.
//!
//! sipgate's API has no vCard import endpoint (the SDKs parse vCards and `POST /contacts`).

use axum::Json;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{St, no_content};
use crate::error::{ApiError, ApiResult};
use crate::http::{JsonBody, QueryParams, digits, is_phone_number, required};
use crate::model::{Address, Contact, ContactEmail, ContactNumber};

/// sipgate's default page size for `/contacts`.
const DEFAULT_LIMIT: u32 = 5000;

/// `GET /contacts?phonenumbers=…&offset&limit` → `{items, totalCount}`.
pub(super) async fn list(super::State(s): St, RawQuery(q): RawQuery) -> ApiResult<Json<Value>> {
    let query = QueryParams::parse(q.as_deref());
    let wanted: Vec<String> = query.all("phonenumbers").into_iter().map(digits).collect();
    let offset = query.u32("offset", i32::MAX as u32)?.unwrap_or(0) as usize;
    let limit = query
        .u32("limit", i32::MAX as u32)?
        .unwrap_or(DEFAULT_LIMIT) as usize;
    let data = s.lock();
    let matching: Vec<&Contact> = data
        .contacts
        .iter()
        .filter(|c| {
            wanted.is_empty()
                || c.numbers
                    .iter()
                    .any(|n| wanted.contains(&digits(&n.number)))
        })
        .collect();
    let total = matching.len();
    let items: Vec<&Contact> = matching.into_iter().skip(offset).take(limit).collect();
    Ok(Json(json!({ "items": items, "totalCount": total })))
}

/// `CreateContactRequest` / `UpdateContactRequest`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ContactRequest {
    id: Option<String>,
    name: Option<String>,
    family: Option<String>,
    given: Option<String>,
    picture: Option<String>,
    emails: Option<Vec<ContactEmail>>,
    numbers: Option<Vec<ContactNumber>>,
    addresses: Option<Vec<Address>>,
    organization: Option<Vec<Vec<String>>>,
    scope: Option<String>,
}

impl ContactRequest {
    /// Validates the request and builds the stored contact.
    fn into_contact(self, id: String) -> ApiResult<Contact> {
        let scope = match self.scope.as_deref() {
            Some(s @ ("PRIVATE" | "SHARED")) => s.to_owned(),
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "field `scope` must be PRIVATE or SHARED, got `{other}`"
                )));
            }
            None => return Err(ApiError::bad_request("field `scope` is required")),
        };
        let composed = [self.given.as_deref(), self.family.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let name = match self.name.as_deref().map(str::trim) {
            Some(n) if !n.is_empty() => n.to_owned(),
            _ if !composed.is_empty() => composed,
            _ => {
                return Err(ApiError::bad_request(
                    "field `name` (or `given`/`family`) is required",
                ));
            }
        };
        let numbers = self.numbers.unwrap_or_default();
        if let Some(bad) = numbers.iter().find(|n| n.number.trim().is_empty()) {
            return Err(ApiError::bad_request(format!(
                "field `numbers` has an empty number: {bad:?}"
            )));
        }
        let emails = self.emails.unwrap_or_default();
        if let Some(bad) = emails.iter().find(|e| !e.email.contains('@')) {
            return Err(ApiError::bad_request(format!(
                "field `emails` has an invalid address: {}",
                bad.email
            )));
        }
        Ok(Contact {
            id,
            name,
            picture: self.picture.filter(|p| !p.is_empty()),
            emails,
            numbers,
            addresses: self.addresses.unwrap_or_default(),
            organization: self.organization.unwrap_or_default(),
            scope,
        })
    }
}

/// `POST /contacts`.
pub(super) async fn create(
    super::State(s): St,
    JsonBody(request): JsonBody<ContactRequest>,
) -> ApiResult<StatusCode> {
    let mut data = s.lock();
    let id = data.next_id();
    let contact = request.into_contact(id)?;
    data.contacts.push(contact);
    Ok(no_content())
}

/// `PUT /contacts/{contactId}` with the whole contact.
pub(super) async fn update(
    super::State(s): St,
    Path(contact_id): Path<String>,
    JsonBody(request): JsonBody<ContactRequest>,
) -> ApiResult<StatusCode> {
    if let Some(body_id) = request.id.as_deref()
        && body_id != contact_id
    {
        return Err(ApiError::bad_request(format!(
            "field `id` ({body_id}) does not match the path ({contact_id})"
        )));
    }
    let contact = request.into_contact(contact_id.clone())?;
    let mut data = s.lock();
    let existing = data
        .contacts
        .iter_mut()
        .find(|c| c.id == contact_id)
        .ok_or_else(|| ApiError::not_found(format!("Contact not found: {contact_id}")))?;
    if existing.scope == "INTERNAL" {
        return Err(ApiError::forbidden("internal contacts cannot be changed"));
    }
    *existing = contact;
    Ok(no_content())
}

/// `DELETE /contacts/{contactId}`.
pub(super) async fn delete(
    super::State(s): St,
    Path(contact_id): Path<String>,
) -> ApiResult<StatusCode> {
    let mut data = s.lock();
    let index = data
        .contacts
        .iter()
        .position(|c| c.id == contact_id)
        .ok_or_else(|| ApiError::not_found(format!("Contact not found: {contact_id}")))?;
    if data.contacts[index].scope == "INTERNAL" {
        return Err(ApiError::forbidden("internal contacts cannot be deleted"));
    }
    data.contacts.remove(index);
    Ok(no_content())
}

/// `DELETE /contacts`: deletes every PRIVATE contact (shared and internal ones stay).
pub(super) async fn delete_all(super::State(s): St) -> StatusCode {
    s.lock().contacts.retain(|c| c.scope != "PRIVATE");
    no_content()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ImportCsvRequest {
    base64_content: Option<String>,
}

/// Decodes the uploaded bytes: UTF-8, or Latin-1 as the Node library encodes.
fn decode_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|e| e.into_bytes().iter().map(|&b| char::from(b)).collect())
}

fn parse_csv(text: &str) -> ApiResult<Vec<(String, String, String)>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ApiError::bad_request(format!("invalid CSV: {e}")))?
        .iter()
        .map(str::to_lowercase)
        .collect();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| ApiError::bad_request(format!("CSV header lacks the column `{name}`")))
    };
    let (first, last, number) = (column("firstname")?, column("lastname")?, column("number")?);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ApiError::bad_request(format!("invalid CSV: {e}")))?;
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() != headers.len() {
            return Err(ApiError::bad_request(format!(
                "CSV line {line} has {} fields, the header has {}",
                record.len(),
                headers.len()
            )));
        }
        let field = |i: usize| record.get(i).unwrap_or_default().to_owned();
        let (f, l, n) = (field(first), field(last), field(number));
        if !is_phone_number(&n) {
            return Err(ApiError::bad_request(format!(
                "CSV line {line}: `{n}` is not a phone number"
            )));
        }
        if f.is_empty() && l.is_empty() {
            return Err(ApiError::bad_request(format!("CSV line {line}: no name")));
        }
        rows.push((f, l, n));
    }
    Ok(rows)
}

/// `POST /contacts/import/csv` `{base64Content}` with columns `firstname,lastname,number` (any
/// order, more columns ignored). Creates PRIVATE contacts; any bad line rejects the whole file.
pub(super) async fn import_csv(
    super::State(s): St,
    JsonBody(request): JsonBody<ImportCsvRequest>,
) -> ApiResult<StatusCode> {
    let encoded = required("base64Content", request.base64_content.as_deref())?;
    let bytes = STANDARD
        .decode(encoded.trim())
        .map_err(|e| ApiError::bad_request(format!("field `base64Content` is not base64: {e}")))?;
    let rows = parse_csv(&decode_text(bytes))?;
    let mut data = s.lock();
    for (first, last, number) in rows {
        let id = data.next_id();
        data.contacts.push(Contact {
            id,
            name: format!("{first} {last}").trim().to_owned(),
            picture: None,
            emails: Vec::new(),
            numbers: vec![ContactNumber {
                number,
                kind: Vec::new(),
            }],
            addresses: Vec::new(),
            organization: Vec::new(),
            scope: "PRIVATE".to_owned(),
        });
    }
    Ok(no_content())
}

/// `GET /contacts/internal` → `{items: [{id, name, emails, mobile, landline, fax, directdial}]}`.
pub(super) async fn internal(super::State(s): St) -> Json<Value> {
    let data = s.lock();
    let items: Vec<Value> = data
        .users
        .iter()
        .map(|u| {
            let lines: Vec<&String> = data
                .phonelines
                .iter()
                .filter(|(_, _, owner)| *owner == u.id)
                .map(|(id, _, _)| id)
                .collect();
            let numbers_of = |kind: &str| -> Vec<String> {
                data.numbers
                    .iter()
                    .filter(|n| n.kind == kind && lines.contains(&&n.endpoint_id))
                    .map(|n| n.number.clone())
                    .collect()
            };
            let fax: Vec<String> = data
                .faxlines
                .iter()
                .filter(|f| f.owner == u.id)
                .flat_map(|f| data.numbers.iter().filter(move |n| n.endpoint_id == f.id))
                .map(|n| n.number.clone())
                .collect();
            json!({
                "id": u.id,
                "name": format!("{} {}", u.firstname, u.lastname),
                "emails": [u.email],
                "mobile": numbers_of("MOBILE"),
                "landline": numbers_of("LANDLINE"),
                "fax": fax,
                "directdial": u.direct_dial_ids,
            })
        })
        .collect();
    Json(json!({ "items": items }))
}
