//! The long tail: every operation of the API description that has no hand-written route is
//! answered from the description itself, and strict mode checks every request against it.
//!
//! A request is matched to its operation before routing. An operation the sandbox has
//! hand-written, stateful behaviour for ([`STATEFUL`]) goes on to its route; every other one
//! is answered here:
//!
//! - path, query and body are checked against the description (400 with
//!   `{"errors":[{"status","title","detail","source":{"pointer"}}]}` naming the field);
//! - resources are keyed by their path: a `POST` to a collection (a path with a `POST` and an
//!   item path `…/{id}` below it) creates an item with a fresh id that later `GET`/`PUT`/
//!   `DELETE` on the item path see and a `GET` of the collection lists; a `PUT` (or a `POST`
//!   that is not a create) stores its body, which later `GET`s of that path return;
//! - answers fit the response schema: what was stored where it fits, plausible made-up values
//!   elsewhere; an operation whose description declares no body answers with an empty body;
//! - where the resources are the seeded account's (devices, fax lines, phonelines, numbers,
//!   web users), [`crate::linked`] reads and writes that state instead, with ids in sipgate's
//!   shapes.
//!
//! In strict mode ([`SandboxConfig::strict`](crate::SandboxConfig::strict)) every request —
//! the stateful routes' too — is also refused for fields and query parameters the description
//! does not declare, except the few in [`ALLOWED`], where the 2022 description is known to be
//! incomplete.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::description::{Matched, Operation, description, response_body};
use crate::linked::Linked;
use crate::schema::{Context, Rules, Violation, check, one_item, parse_text, render};
use crate::state::AppState;

/// The largest request body read for a check (a fax's base64 is at most 28,330,000 characters).
const MAX_BODY: usize = 64 * 1024 * 1024;

/// The operations with hand-written, stateful routes (SMS, fax, calls and RTCM, history,
/// contacts, settings, account reads, phonelines, blacklist, webhook log).
pub(crate) const STATEFUL: &[&str] = &[
    "userinfo",
    "getAccount",
    "getBalance",
    "getAllUsers",
    "getUser",
    "getNumbers",
    "getVoicemails",
    "getVoicemail",
    "getDevices",
    "getPhonelines",
    "getPhoneline",
    "setPhonelineAlias",
    "getPhonelineNumbers",
    "getDevicesForPhoneline",
    "getPhonelineVoicemails",
    "getUserFaxlines",
    "getSmsExtensions",
    "setSmsAlias",
    "getSmsCallerIds",
    "addCallerId",
    "editCallerId",
    "deleteSmsCallerId",
    "verifyCallerId",
    "sendWebSms",
    "sendFax",
    "resendFax",
    "newCall",
    "getCalls",
    "hangupCall",
    "setCallMuted",
    "setCallHold",
    "setCallRecording",
    "startCallAnnouncement",
    "sendCallDtmf",
    "transferCall",
    "getHistory",
    "updateHistoryEntries",
    "deleteHistoryEntries",
    "getHistoryCSV",
    "getHistoryById",
    "updateHistoryEntry",
    "deleteHistoryEntry",
    "getWebhooksLog",
    "getIncomingEntries",
    "addIncomingEntry",
    "removeIncomingEntry",
    "getSipgateIoUrls",
    "setSipgateIoUrls",
    "getContacts",
    "createContact",
    "deleteAllContacts",
    "getAllContacts",
    "importFromCSV",
    "updateContact",
    "deleteContact",
];

/// Where the 2022 description is known to be incomplete: `(operationId, body pointer)` of
/// fields the real API accepts (and the SDK sends) that strict mode lets pass. `*` stands for
/// an array index.
pub(crate) const ALLOWED: &[(&str, &str)] = &[];

/// How an operation is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Served {
    /// By a hand-written route with behaviour (state that other operations see).
    Stateful,
    /// Generically from the API description (validated, stored by path, schema-shaped answers).
    Described,
}

impl Served {
    /// `"stateful"` or `"described"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stateful => "stateful",
            Self::Described => "described",
        }
    }
}

/// One operation of the API description and how the sandbox serves it.
///
/// Serialises as `{"operationId": "...", "served": "stateful" | "described"}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ServedOperation {
    /// sipgate's `operationId`.
    pub operation_id: String,
    /// The HTTP method (`GET`, …).
    #[serde(skip)]
    pub method: String,
    /// The path template under `/v2` (`/devices/{deviceId}`).
    #[serde(skip)]
    pub path: String,
    /// How the sandbox answers it.
    pub served: Served,
}

/// Every operation of sipgate's API description (`api/sipgate-api.json`) with how the
/// sandbox serves it — all of them are served — in the description's order.
///
/// ```
/// use sipgateio_sandbox::{Served, operations};
///
/// let all = operations();
/// assert!(all.len() > 150);
/// let sms = all.iter().find(|o| o.operation_id == "sendWebSms").expect("listed");
/// assert_eq!(sms.served, Served::Stateful);
/// assert!(all.iter().any(|o| o.served == Served::Described));
/// ```
pub fn operations() -> Vec<ServedOperation> {
    description()
        .operations
        .iter()
        .map(|op| ServedOperation {
            operation_id: op.id.clone(),
            method: op.method.clone(),
            path: op.path.clone(),
            served: if STATEFUL.contains(&op.id.as_str()) {
                Served::Stateful
            } else {
                Served::Described
            },
        })
        .collect()
}

/// The generic side's state: what the long tail stored, and which operations were answered.
#[derive(Debug, Default)]
pub(crate) struct Described {
    pub(crate) strict: bool,
    store: Mutex<Store>,
    answered: Mutex<BTreeSet<String>>,
}

/// Resources of the long tail, by concrete path (`/devices/e0/alias`); kept in the state
/// file as it is.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Store {
    /// What was stored at a path (created items and `PUT` bodies).
    docs: HashMap<String, Value>,
    /// The ids created in a collection, in order.
    created: BTreeMap<String, Vec<String>>,
    /// Items deleted after they were created: a `GET` answers 404.
    deleted: HashSet<String>,
    next_id: u64,
}

impl Described {
    /// The long tail, with what a state file kept ([`Described::saved`]); a stored value that
    /// is not the long tail's is ignored with a warning.
    pub(crate) fn new(strict: bool, saved: Option<Value>) -> Self {
        let store = saved
            .and_then(|value| {
                serde_json::from_value(value)
                    .map_err(
                        |e| tracing::warn!(error = %e, "the state file's long tail is not read"),
                    )
                    .ok()
            })
            .unwrap_or_default();
        Self {
            strict,
            store: Mutex::new(store),
            ..Self::default()
        }
    }

    /// What the long tail stored, for the state file.
    pub(crate) fn saved(&self) -> Value {
        serde_json::to_value(&*self.store()).unwrap_or(Value::Null)
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The operationIds answered with a success status so far.
    pub(crate) fn answered(&self) -> BTreeSet<String> {
        self.answered
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn record(&self, id: &str) {
        self.answered
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(id.to_owned());
    }

    /// Forgets what the long tail stored (the inspector's reset).
    pub(crate) fn reset(&self) {
        *self.store() = Store::default();
    }
}

/// A 400 in sipgate's error shape, naming the field in `source.pointer`.
fn bad_request(violation: &Violation) -> Response {
    let body = json!({
        "errors": [{
            "status": 400,
            "title": "Bad Request",
            "detail": violation.detail,
            "source": { "pointer": violation.pointer },
        }]
    });
    (StatusCode::BAD_REQUEST, axum::Json(body)).into_response()
}

/// The middleware: matches the request to its operation, checks it (always for the long tail,
/// for every operation in strict mode), and answers the long tail; stateful operations and
/// paths the description does not know go on to the routes.
pub(crate) async fn dispatch(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let d = description();
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let Some(matched) = d.find(&method, &path) else {
        if d.knows_path(&path) && request.method() != Method::OPTIONS {
            let has_route = next.run(request).await;
            if has_route.status() != StatusCode::METHOD_NOT_ALLOWED
                && has_route.status() != StatusCode::NOT_FOUND
            {
                return has_route;
            }
            return crate::error::ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                format!("the API has no {method} {path}"),
            )
            .into_response();
        }
        return next.run(request).await;
    };
    let op = matched.operation;
    let stateful = STATEFUL.contains(&op.id.as_str());
    let strict = state.described.strict;
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => bytes,
        Err(e) => {
            return crate::error::ApiError::bad_request(format!("unreadable body: {e}"))
                .into_response();
        }
    };
    let response = if stateful && !strict {
        next.run(Request::from_parts(parts, Body::from(bytes)))
            .await
    } else {
        let checked = check_request(&matched, parts.uri.query(), &bytes, strict, stateful);
        match checked {
            Err(violation) => {
                tracing::info!(operation = %op.id, pointer = %violation.pointer, detail = %violation.detail, "request refused by the API description");
                bad_request(&violation)
            }
            Ok(_) if stateful => {
                next.run(Request::from_parts(parts, Body::from(bytes)))
                    .await
            }
            Ok(body) => answer(&state, &matched, body.as_ref()),
        }
    };
    let response = if stateful && op.method == "GET" {
        let created_here = {
            let path = concrete_path(op, &matched.values);
            state.described.store().docs.contains_key(&path)
        };
        if response.status() == StatusCode::NOT_FOUND && created_here {
            // An item the long tail created (`POST /w0/phonelines`) read by a hand-written
            // route that does not know it (`GET /w0/phonelines/{id}`).
            answer(&state, &matched, None)
        } else {
            with_created_items(&state, &matched, response).await
        }
    } else {
        response
    };
    if response.status().is_success() {
        state.described.record(&op.id);
    }
    response
}

/// Checks path, query and body; the body as JSON (`None` when there is none).
fn check_request(
    matched: &Matched<'_>,
    query: Option<&str>,
    bytes: &Bytes,
    strict: bool,
    stateful: bool,
) -> Result<Option<Value>, Violation> {
    let d = description();
    let op = matched.operation;
    for (name, value) in matched.path_params() {
        if let Some(param) = op.parameter("path", &name) {
            parse_text(d, &param.schema, &[value.as_str()], &name)?;
        }
    }
    let pairs: Vec<(String, String)> = query
        .map(|q| {
            form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default();
    for param in op.parameters.iter().filter(|p| p.location == "query") {
        let bracketed = format!("{}[]", param.name);
        let values: Vec<&str> = pairs
            .iter()
            .filter(|(k, _)| *k == param.name || *k == bracketed)
            .map(|(_, v)| v.as_str())
            .collect();
        if values.is_empty() {
            if param.required {
                return Err(Violation {
                    pointer: format!("/{}", param.name),
                    detail: format!("query parameter `{}` is required", param.name),
                });
            }
            continue;
        }
        parse_text(d, &param.schema, &values, &param.name)?;
    }
    if strict {
        for (key, _) in &pairs {
            let name = key.trim_end_matches("[]");
            if op.parameter("query", name).is_none() {
                return Err(Violation {
                    pointer: format!("/{name}"),
                    detail: format!(
                        "query parameter `{name}` is not a parameter of {} in the API description",
                        op.id
                    ),
                });
            }
        }
    }
    let empty = bytes.iter().all(u8::is_ascii_whitespace);
    let Some(schema) = &op.body else {
        if strict && !empty {
            return Err(Violation {
                pointer: String::new(),
                detail: format!("{} takes no request body in the API description", op.id),
            });
        }
        return Ok(None);
    };
    if empty {
        if op.body_required && (strict || !stateful) {
            return Err(Violation {
                pointer: String::new(),
                detail: "a JSON request body is required".to_owned(),
            });
        }
        return Ok(None);
    }
    let body: Value = match serde_json::from_slice(bytes) {
        Ok(body) => body,
        // A stateful route answers its own 400/415 for what is not JSON (CSV imports, …).
        Err(_) if stateful => return Ok(None),
        Err(e) => {
            return Err(Violation {
                pointer: String::new(),
                detail: format!("the request body is not JSON: {e}"),
            });
        }
    };
    let allowed: Vec<&str> = ALLOWED
        .iter()
        .filter(|(id, _)| *id == op.id)
        .map(|(_, pointer)| *pointer)
        .collect();
    let rules = Rules {
        unknown_fields: strict,
        allowed: &allowed,
    };
    check(d, schema, &body, "", rules)?;
    Ok(Some(body))
}

/// The long tail's answer.
fn answer(state: &AppState, matched: &Matched<'_>, body: Option<&Value>) -> Response {
    let d = description();
    let op = matched.operation;
    let path = concrete_path(op, &matched.values);
    let mut ctx = Context {
        params: matched.path_params(),
        id: None,
    };
    // Resources the stateful core keeps (devices, fax lines, numbers, …) are read from and
    // written to it; the store below keeps what the state has no field for.
    let linked = crate::linked::handle(state, op, &ctx.params, body);
    let mut store = state.described.store();
    let item = d.collection_item(&op.segments);
    // A create: a POST to a collection with an item path below it, or a POST that answers
    // with an `id` (`POST /{userId}/devices` answers the new device, read at `/devices/{id}`).
    // (A POST the state took as a write, such as routing a device to a line, creates nothing.)
    let creates = op.method == "POST"
        && !matches!(linked, Some(Linked::Written))
        && (item.is_some() || answers_with_id(d, op));
    let (status, response) = op.success(creates);
    let from_state = matches!(linked, Some(Linked::Read(_) | Linked::Created { .. }));
    let stored: Option<Value> = match (op.method.as_str(), linked) {
        (_, Some(Linked::NotFound(detail))) => {
            return crate::error::ApiError::not_found(detail).into_response();
        }
        (_, Some(Linked::BadRequest(detail))) => {
            return crate::error::ApiError::bad_request(detail).into_response();
        }
        (_, Some(Linked::PaymentRequired)) => {
            return crate::error::ApiError::payment_required().into_response();
        }
        (_, Some(Linked::Read(value))) => {
            // What the state knows, over what the long tail stored for fields it has not.
            Some(match (store.docs.get(&path), value) {
                (Some(Value::Object(old)), Value::Object(new)) => {
                    let mut merged = old.clone();
                    merged.extend(new);
                    Value::Object(merged)
                }
                (_, value) => value,
            })
        }
        (
            _,
            Some(Linked::Created {
                id,
                item_path,
                value,
            }),
        ) => {
            let mut kept = body.cloned().unwrap_or_else(|| json!({}));
            if let (Some(kept), Value::Object(value)) = (kept.as_object_mut(), &value) {
                kept.extend(value.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            store.docs.insert(item_path, kept.clone());
            ctx.id = Some(id);
            Some(kept)
        }
        ("POST", _) if creates => {
            store.next_id += 1;
            let id = (1000 + store.next_id).to_string();
            let mut created = body.cloned().unwrap_or_else(|| json!({}));
            if let Some(object) = created.as_object_mut() {
                object.insert("id".to_owned(), Value::String(id.clone()));
                if let Some(param) = item {
                    object.insert(param.name.clone(), Value::String(id.clone()));
                }
            }
            let item_path = match item {
                Some(_) => format!("{path}/{id}"),
                None => item_path_elsewhere(d, op)
                    .map(|base| format!("{base}/{id}"))
                    .unwrap_or_else(|| format!("{path}/{id}")),
            };
            store.docs.insert(item_path, created.clone());
            store
                .created
                .entry(path.clone())
                .or_default()
                .push(id.clone());
            ctx.id = Some(id);
            Some(created)
        }
        ("POST" | "PUT", _) => {
            store.deleted.remove(&path);
            let merged = match (store.docs.remove(&path), body) {
                (Some(Value::Object(mut old)), Some(Value::Object(new))) => {
                    old.extend(new.iter().map(|(k, v)| (k.clone(), v.clone())));
                    Some(Value::Object(old))
                }
                (old, new) => new.cloned().or(old),
            };
            if let Some(value) = &merged {
                store.docs.insert(path.clone(), value.clone());
            }
            merged
        }
        ("DELETE", _) => {
            let was_created = remove_created(&mut store, &path);
            store.docs.remove(&path);
            let prefix = format!("{path}/");
            store.docs.retain(|k, _| !k.starts_with(&prefix));
            if was_created {
                store.deleted.insert(path.clone());
            }
            None
        }
        _ => {
            if store.deleted.contains(&path) {
                return crate::error::ApiError::not_found(format!("{path} was deleted"))
                    .into_response();
            }
            store.docs.get(&path).cloned()
        }
    };
    let Some((media, schema)) = response.and_then(response_body) else {
        return status_only(status);
    };
    if media.contains("octet-stream") {
        return (
            status_code(status),
            [(CONTENT_TYPE, "application/octet-stream")],
            Bytes::from_static(b"sandbox audio\n"),
        )
            .into_response();
    }
    let listing = (op.method == "GET" && !from_state)
        .then(|| collection_listing(d, op, schema, &store, &path, &ctx))
        .flatten();
    let value = listing.unwrap_or_else(|| render(d, schema, stored.as_ref(), "", &ctx, 0));
    (status_code(status), axum::Json(value)).into_response()
}

/// A `GET` of a collection: the created items, or one made-up item for a collection the API
/// gives no way to add to. `None` when the answer has no list.
fn collection_listing(
    d: &crate::description::Description,
    op: &Operation,
    schema: &Value,
    store: &Store,
    path: &str,
    ctx: &Context,
) -> Option<Value> {
    let item = d.collection_item(&op.segments);
    let resolved = d.resolve(schema);
    // The list is the answer itself or its `items`/`data` (sipgate's list envelopes).
    let (key, array) = if resolved.get("type").and_then(Value::as_str) == Some("array") {
        (None, resolved)
    } else {
        let properties = resolved.get("properties")?.as_object()?;
        ["items", "data"]
            .iter()
            .filter_map(|key| Some((*key, d.resolve(properties.get(*key)?))))
            .find(|(_, p)| p.get("type").and_then(Value::as_str) == Some("array"))
            .map(|(key, p)| (Some(key.to_owned()), p))?
    };
    let items_schema = array.get("items").unwrap_or(&Value::Null);
    let creatable = d
        .operations
        .iter()
        .find(|post| post.method == "POST" && post.segments == op.segments)
        .is_some_and(|post| item.is_some() || answers_with_id(d, post));
    let base = match item {
        Some(_) => path.to_owned(),
        None => item_path_of_create(d, op).unwrap_or_else(|| path.to_owned()),
    };
    let items: Vec<Value> = match (creatable, store.created.get(path)) {
        (true, created) => created
            .into_iter()
            .flatten()
            .filter_map(|id| {
                let doc = store.docs.get(&format!("{base}/{id}"))?;
                let item_ctx = Context {
                    params: Vec::new(),
                    id: Some(id.clone()),
                };
                Some(render(d, items_schema, Some(doc), "item", &item_ctx, 0))
            })
            .collect(),
        (false, _) => {
            let mut made_up = one_item(d, array, ctx);
            // In the shape of its kind (`GET /groups` lists `g0`).
            let noun = op.segments.iter().rev().find_map(Option::as_ref);
            if let (Some(id), Some(object)) = (
                noun.and_then(|n| crate::linked::made_up_id(n)),
                made_up.as_object_mut(),
            ) && object.get("id").is_some_and(Value::is_string)
            {
                object.insert("id".to_owned(), Value::String(id));
            }
            vec![made_up]
        }
    };
    let list = Value::Array(items);
    Some(match key {
        None => list,
        Some(key) => {
            let mut whole = render(d, schema, store.docs.get(path), "", ctx, 0);
            if let Some(object) = whole.as_object_mut() {
                object.insert(key, list);
            }
            whole
        }
    })
}

/// Whether the success answer of an operation is an object with an `id`.
fn answers_with_id(d: &crate::description::Description, op: &Operation) -> bool {
    let (_, response) = op.success(true);
    response
        .and_then(response_body)
        .map(|(_, schema)| d.resolve(schema))
        .and_then(|schema| schema.get("properties"))
        .is_some_and(|properties| properties.get("id").is_some())
}

/// For a create whose items are read elsewhere: the item collection `/{noun}` when the
/// description has `GET /{noun}/{id}` for the last literal segment of the create's path.
fn item_path_elsewhere(d: &crate::description::Description, op: &Operation) -> Option<String> {
    let noun = op.segments.iter().rev().find_map(Option::as_ref)?;
    d.operations
        .iter()
        .any(|other| {
            other.method == "GET"
                && other.segments.len() == 2
                && other.segments[0].as_ref() == Some(noun)
                && other.segments[1].is_none()
        })
        .then(|| format!("/{noun}"))
}

/// A stateful listing with the items the long tail created under the same path appended (a
/// device created by `POST /w0/devices` is in the hand-written `GET /w0/devices`).
async fn with_created_items(
    state: &AppState,
    matched: &Matched<'_>,
    response: Response,
) -> Response {
    let d = description();
    let op = matched.operation;
    let path = concrete_path(op, &matched.values);
    let created: Vec<Value> = {
        let store = state.described.store();
        let base = if d.collection_item(&op.segments).is_some() {
            path.clone()
        } else {
            item_path_of_create(d, op).unwrap_or_else(|| path.clone())
        };
        let items = op
            .success(false)
            .1
            .and_then(response_body)
            .map(|(_, schema)| d.resolve(schema))
            .and_then(|schema| schema.pointer("/properties/items/items"));
        store
            .created
            .get(&path)
            .into_iter()
            .flatten()
            .filter_map(|id| {
                let doc = store.docs.get(&format!("{base}/{id}"))?;
                let ctx = Context {
                    params: Vec::new(),
                    id: Some(id.clone()),
                };
                Some(match items {
                    Some(schema) => render(d, schema, Some(doc), "item", &ctx, 0),
                    None => doc.clone(),
                })
            })
            .collect()
    };
    if created.is_empty() || !response.status().is_success() {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Ok(mut value) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let Some(items) = value.get_mut("items").and_then(Value::as_array_mut) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    items.extend(created);
    let mut response = axum::Json(value).into_response();
    *response.status_mut() = parts.status;
    response
}

/// Where the items a `POST` to this GET's path creates are stored, when not below it.
fn item_path_of_create(d: &crate::description::Description, get: &Operation) -> Option<String> {
    let post = d
        .operations
        .iter()
        .find(|op| op.method == "POST" && op.segments == get.segments)?;
    item_path_elsewhere(d, post)
}

/// Removes a created item from its collection; whether it was one.
fn remove_created(store: &mut Store, path: &str) -> bool {
    let Some((collection, id)) = path.rsplit_once('/') else {
        return false;
    };
    // The item is listed under its collection (`/x/{id}` of `/x`) or, created elsewhere
    // (`/devices/{id}` of `POST /w0/devices`), stored at its own path.
    if !store.docs.contains_key(path) && !store.created.contains_key(collection) {
        return false;
    }
    let mut found = false;
    for ids in store.created.values_mut() {
        let before = ids.len();
        ids.retain(|i| i != id);
        found |= before != ids.len();
    }
    found
}

/// The request's path rebuilt from the template and the decoded values (one key per resource).
fn concrete_path(op: &Operation, values: &[String]) -> String {
    let mut values = values.iter();
    let mut path = String::new();
    for segment in &op.segments {
        path.push('/');
        match segment {
            Some(literal) => path.push_str(literal),
            None => path.push_str(values.next().map(String::as_str).unwrap_or_default()),
        }
    }
    path
}

fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::OK)
}

fn status_only(status: u16) -> Response {
    status_code(status).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stateful_operation_is_in_the_description() {
        let ids: Vec<String> = operations().into_iter().map(|o| o.operation_id).collect();
        for id in STATEFUL {
            assert!(
                ids.iter().any(|i| i == id),
                "{id} is not in the description"
            );
        }
        for (id, _) in ALLOWED {
            assert!(
                ids.iter().any(|i| i == id),
                "{id} is not in the description"
            );
        }
        let json = serde_json::to_value(&operations()[0]).expect("serialises");
        assert_eq!(
            json.as_object().map(|o| o.len()),
            Some(2),
            "only operationId and served: {json}"
        );
    }
}
