//! History: list with filters and paging, get (advances a sent fax), update one, batch update,
//! delete one, delete many and CSV export.

use axum::Json;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{St, no_content};
use crate::error::{ApiError, ApiResult};
use crate::http::{JsonBody, QueryParams, digits};
use crate::model::HistoryEntry;

/// sipgate's default and maximum page sizes for `/history`.
const DEFAULT_LIMIT: u32 = 10;
const MAX_LIMIT: u32 = 1000;
/// `PUT /history` takes fewer than this many entries.
const MAX_BATCH: usize = 150;

const TYPES: &[&str] = &["CALL", "VOICEMAIL", "SMS", "FAX"];
const DIRECTIONS: &[&str] = &["INCOMING", "OUTGOING", "MISSED_INCOMING", "MISSED_OUTGOING"];
const STARRED: &[&str] = &["STARRED", "UNSTARRED"];

/// The filters of `GET /history` and `GET /history/export`.
pub(super) struct Filter {
    types: Vec<String>,
    directions: Vec<String>,
    connection_ids: Vec<String>,
    starred: Vec<String>,
    archived: bool,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    phonenumber: Option<String>,
    offset: usize,
    limit: usize,
}

fn one_of(query: &QueryParams, key: &str, allowed: &[&str]) -> ApiResult<Vec<String>> {
    query
        .all(key)
        .into_iter()
        .map(|v| {
            if allowed.contains(&v) {
                Ok(v.to_owned())
            } else {
                Err(ApiError::bad_request(format!(
                    "query parameter `{key}` must be one of {allowed:?}, got `{v}`"
                )))
            }
        })
        .collect()
}

impl Filter {
    fn parse(query: &QueryParams, with_phonenumber: bool) -> ApiResult<Self> {
        Ok(Self {
            types: one_of(query, "types", TYPES)?,
            directions: one_of(query, "directions", DIRECTIONS)?,
            connection_ids: query
                .all("connectionIds")
                .into_iter()
                .map(str::to_owned)
                .collect(),
            starred: one_of(query, "starred", STARRED)?,
            archived: query.bool("archived")?.unwrap_or(false),
            from: query.time("from")?,
            to: query.time("to")?,
            phonenumber: if with_phonenumber {
                query
                    .get("phonenumber")
                    .filter(|p| !p.is_empty())
                    .map(digits)
            } else {
                None
            },
            offset: query.u32("offset", i32::MAX as u32)?.unwrap_or(0) as usize,
            limit: query.u32("limit", MAX_LIMIT)?.unwrap_or(DEFAULT_LIMIT) as usize,
        })
    }

    fn matches(&self, e: &HistoryEntry) -> bool {
        let starred = if e.starred { "STARRED" } else { "UNSTARRED" };
        (self.types.is_empty() || self.types.contains(&e.kind))
            && (self.directions.is_empty() || self.directions.contains(&e.direction))
            && (self.connection_ids.is_empty()
                || e.connection_ids
                    .iter()
                    .any(|c| self.connection_ids.contains(c)))
            && (self.starred.is_empty() || self.starred.iter().any(|s| s == starred))
            && e.archived == self.archived
            && self.from.is_none_or(|from| e.created >= from)
            && self.to.is_none_or(|to| e.created <= to)
            && self
                .phonenumber
                .as_ref()
                .is_none_or(|p| digits(&e.source) == *p || digits(&e.target) == *p)
    }

    /// The matching entries, newest first, and their total count before paging.
    fn apply(&self, entries: &[HistoryEntry]) -> (Vec<HistoryEntry>, usize) {
        let mut matching: Vec<&HistoryEntry> = entries.iter().filter(|e| self.matches(e)).collect();
        matching.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| b.id.cmp(&a.id)));
        let total = matching.len();
        let page = matching
            .into_iter()
            .skip(self.offset)
            .take(self.limit)
            .cloned()
            .collect();
        (page, total)
    }
}

/// `GET /history` → `{items, totalCount}`.
pub(super) async fn list(super::State(s): St, RawQuery(q): RawQuery) -> ApiResult<Json<Value>> {
    let filter = Filter::parse(&QueryParams::parse(q.as_deref()), true)?;
    let mut data = s.lock();
    data.advance_all_faxes();
    let (items, total) = filter.apply(&data.history);
    Ok(Json(json!({ "items": items, "totalCount": total })))
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// `GET /history/export`: the filtered page as CSV (`application/octet-stream` as in sipgate's
/// snapshot). Columns: id, created, lastModified, type, direction, status, source, sourceAlias,
/// target, targetAlias, connectionIds (space separated), read, archived, starred, note.
pub(super) async fn export(
    super::State(s): St,
    RawQuery(q): RawQuery,
) -> ApiResult<impl IntoResponse> {
    let filter = Filter::parse(&QueryParams::parse(q.as_deref()), false)?;
    let mut data = s.lock();
    data.advance_all_faxes();
    let (items, _) = filter.apply(&data.history);
    let mut csv = String::from(
        "id,created,lastModified,type,direction,status,source,sourceAlias,target,targetAlias,connectionIds,read,archived,starred,note\n",
    );
    for e in items {
        let fields = [
            e.id.clone(),
            e.created.to_rfc3339_opts(SecondsFormat::Millis, true),
            e.last_modified.to_rfc3339_opts(SecondsFormat::Millis, true),
            e.kind.clone(),
            e.direction.clone(),
            e.status.clone(),
            e.source.clone(),
            e.source_alias.clone(),
            e.target.clone(),
            e.target_alias.clone(),
            e.connection_ids.join(" "),
            e.read.to_string(),
            e.archived.to_string(),
            e.starred.to_string(),
            e.note.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        csv.push_str(&line.join(","));
        csv.push('\n');
    }
    Ok(([(CONTENT_TYPE, "application/octet-stream")], csv))
}

fn index_of(entries: &[HistoryEntry], id: &str) -> ApiResult<usize> {
    entries
        .iter()
        .position(|e| e.id == id)
        .ok_or_else(|| ApiError::not_found(format!("History entry not found: {id}")))
}

/// `GET /history/{entryId}`; each call is a status poll that moves a sent fax one step on.
pub(super) async fn get_one(
    super::State(s): St,
    Path(entry_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut data = s.lock();
    let index = index_of(&data.history, &entry_id)?;
    data.advance_fax(index, true);
    Ok(Json(json!(data.history[index])))
}

#[derive(Deserialize)]
pub(super) struct UpdateOne {
    note: Option<String>,
    archived: Option<bool>,
    read: Option<bool>,
    starred: Option<bool>,
}

fn apply_update(
    e: &mut HistoryEntry,
    archived: Option<bool>,
    read: Option<bool>,
    starred: Option<bool>,
) {
    if let Some(v) = archived {
        e.archived = v;
    }
    if let Some(v) = read {
        e.read = v;
    }
    if let Some(v) = starred {
        e.starred = v;
    }
    e.last_modified = Utc::now();
}

/// `PUT /history/{entryId}` `{note?, archived?, read?, starred?}`.
pub(super) async fn update_one(
    super::State(s): St,
    Path(entry_id): Path<String>,
    JsonBody(update): JsonBody<UpdateOne>,
) -> ApiResult<StatusCode> {
    let mut data = s.lock();
    let index = index_of(&data.history, &entry_id)?;
    let entry = &mut data.history[index];
    if let Some(note) = update.note {
        entry.note = note;
    }
    apply_update(entry, update.archived, update.read, update.starred);
    Ok(no_content())
}

#[derive(Deserialize)]
pub(super) struct UpdateMany {
    id: String,
    archived: Option<bool>,
    read: Option<bool>,
    starred: Option<bool>,
}

/// `PUT /history` with a JSON array of `{id, archived?, read?, starred?}` (fewer than 150);
/// all-or-nothing: an unknown id gives 404 and changes nothing.
pub(super) async fn batch_update(
    super::State(s): St,
    JsonBody(updates): JsonBody<Vec<UpdateMany>>,
) -> ApiResult<StatusCode> {
    if updates.len() >= MAX_BATCH {
        return Err(ApiError::bad_request(format!(
            "a batch update must have fewer than {MAX_BATCH} entries, got {}",
            updates.len()
        )));
    }
    let mut data = s.lock();
    let indexes = updates
        .iter()
        .map(|u| index_of(&data.history, &u.id))
        .collect::<ApiResult<Vec<_>>>()?;
    for (index, update) in indexes.into_iter().zip(updates) {
        apply_update(
            &mut data.history[index],
            update.archived,
            update.read,
            update.starred,
        );
    }
    Ok(no_content())
}

/// `DELETE /history/{entryId}`.
pub(super) async fn delete_one(
    super::State(s): St,
    Path(entry_id): Path<String>,
) -> ApiResult<StatusCode> {
    let mut data = s.lock();
    let index = index_of(&data.history, &entry_id)?;
    data.history.remove(index);
    Ok(no_content())
}

/// `DELETE /history?id=a&id=b`: deletes the listed entries (unknown ids are ignored).
pub(super) async fn delete_many(
    super::State(s): St,
    RawQuery(q): RawQuery,
) -> ApiResult<StatusCode> {
    let query = QueryParams::parse(q.as_deref());
    let ids = query.all("id");
    if ids.is_empty() {
        return Err(ApiError::bad_request("query parameter `id` is required"));
    }
    let mut data = s.lock();
    data.history.retain(|e| !ids.contains(&e.id.as_str()));
    Ok(no_content())
}
