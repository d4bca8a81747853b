//! Where the long tail meets the stateful core: operations answered from the API description
//! whose resources the hand-written routes already keep — devices, fax lines, phonelines,
//! numbers, web users — read and write that state instead of a store of their own.
//!
//! [`LINKS`] maps those path templates to their collection and says what the operation does
//! to it; [`ID_SHAPES`] gives each kind of item sipgate's id shape (`e3`, `y1`, `f2`, `p2`,
//! numeric number ids). So a device created with `POST /w0/devices/mobile` is `y1`, of type
//! `MOBILE`, listed by the hand-written `GET /w0/devices`; `PUT /devices/e0/alias` renames the
//! seeded desk phone for every later read; `PUT /numbers/{id}` routes a number that
//! `GET /numbers` then shows; deleting an item removes it everywhere (later reads are 404).
//!
//! Reading an item the account does not have (`GET /devices/e9`) is a 404, as on the
//! hand-written routes. Other requests naming an id the account never had are left to the
//! generic long tail, which stores what they write and answers with made-up values.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use crate::description::Operation;
use crate::model::{Device, Faxline, Number, Routing};
use crate::state::{Shared, State};

/// The stateful collections the long tail reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Collection {
    Devices,
    Faxlines,
    Phonelines,
    Numbers,
    Users,
    /// Call sessions (recordings, playback): a fresh session id each.
    Sessions,
}

/// What an operation on a linked path does.
#[derive(Debug, Clone, Copy)]
enum Role {
    /// The path names one item (by `id_param`): `GET` reads it (when the path ends with the id),
    /// `PUT` writes the body's fields into it (`(body field, item field)`), `DELETE` removes it.
    Item(&'static [(&'static str, &'static str)]),
    /// `POST` creates an item of this kind (`None`: the kind is the body's `type`).
    Create(Option<&'static str>),
    /// `GET` lists the numbers routed to the item (`{number, type: [..]}`, `EndpointNumbersResponse`).
    RoutedNumbers,
    /// `GET` lists the numbers of a web user (`NumberResponseWithEndpoint`).
    UserNumbers,
    /// `POST {deviceId}` lets a device ring for the phoneline; `DELETE …/{deviceId}` stops it.
    RouteDevice,
    /// A new call session: `{sessionId}`.
    Session,
}

/// One linked path template.
#[derive(Debug)]
struct Link {
    template: &'static str,
    collection: Collection,
    /// The path parameter that names the item (for [`Role::Create`]: the owner).
    id_param: &'static str,
    role: Role,
}

const fn link(
    template: &'static str,
    collection: Collection,
    id_param: &'static str,
    role: Role,
) -> Link {
    Link {
        template,
        collection,
        id_param,
        role,
    }
}

use Collection::{Devices, Faxlines, Numbers, Phonelines, Sessions, Users};

/// The long-tail paths whose resources the stateful core keeps.
const LINKS: &[Link] = &[
    link(
        "/devices/{deviceId}",
        Devices,
        "deviceId",
        Role::Item(&[("dnd", "dnd")]),
    ),
    link(
        "/devices/{deviceId}/alias",
        Devices,
        "deviceId",
        Role::Item(&[("value", "alias")]),
    ),
    link("/{userId}/devices", Devices, "userId", Role::Create(None)),
    link(
        "/{userId}/devices/register",
        Devices,
        "userId",
        Role::Create(Some("REGISTER")),
    ),
    link(
        "/{userId}/devices/mobile",
        Devices,
        "userId",
        Role::Create(Some("MOBILE")),
    ),
    link(
        "/{userId}/devices/external",
        Devices,
        "userId",
        Role::Create(Some("EXTERNAL")),
    ),
    link(
        "/{userId}/faxlines",
        Faxlines,
        "userId",
        Role::Create(Some("FAXLINE")),
    ),
    link(
        "/{userId}/faxlines/{faxlineId}",
        Faxlines,
        "faxlineId",
        Role::Item(&[("alias", "alias")]),
    ),
    link(
        "/{userId}/faxlines/{faxlineId}/tagline",
        Faxlines,
        "faxlineId",
        Role::Item(&[("value", "tagline")]),
    ),
    link(
        "/{userId}/faxlines/{faxlineId}/numbers",
        Faxlines,
        "faxlineId",
        Role::RoutedNumbers,
    ),
    link(
        "/{userId}/phonelines",
        Phonelines,
        "userId",
        Role::Create(Some("PHONELINE")),
    ),
    link(
        "/{userId}/phonelines/{phonelineId}",
        Phonelines,
        "phonelineId",
        Role::Item(&[]),
    ),
    link(
        "/{userId}/phonelines/{phonelineId}/devices",
        Phonelines,
        "phonelineId",
        Role::RouteDevice,
    ),
    link(
        "/{userId}/phonelines/{phonelineId}/devices/{deviceId}",
        Phonelines,
        "phonelineId",
        Role::RouteDevice,
    ),
    link(
        "/numbers/{numberId}",
        Numbers,
        "numberId",
        Role::Item(&[("endpointId", "endpointId")]),
    ),
    link(
        "/numbers/quickdial",
        Numbers,
        "",
        Role::Create(Some("QUICKDIAL")),
    ),
    link(
        "/numbers/quickdial/{numberId}",
        Numbers,
        "numberId",
        Role::Item(&[("number", "number"), ("userId", "endpointId")]),
    ),
    link("/{userId}/numbers", Users, "userId", Role::UserNumbers),
    link("/users/{userId}", Users, "userId", Role::Item(&[])),
    link(
        "/users/{userId}/busyonbusy",
        Users,
        "userId",
        Role::Item(&[("enabled", "busyOnBusy")]),
    ),
    link(
        "/users/{userId}/defaultdevice",
        Users,
        "userId",
        Role::Item(&[("deviceId", "defaultDevice")]),
    ),
    link(
        "/users/{userId}/role",
        Users,
        "userId",
        Role::Item(&[("admin", "admin")]),
    ),
    link("/sessions/voicemail/recording", Sessions, "", Role::Session),
    link("/sessions/ivr/recording", Sessions, "", Role::Session),
    link("/sessions/voicemail/play", Sessions, "", Role::Session),
];

/// sipgate's id shapes: the letter an id of each kind starts with, followed by a number
/// (`""`: the id is the number alone, as for phone numbers).
pub(crate) const ID_SHAPES: &[(&str, &str)] = &[
    ("REGISTER", "e"),
    ("EXTERNAL", "x"),
    ("MOBILE", "y"),
    ("PHONELINE", "p"),
    ("FAXLINE", "f"),
    ("GROUP", "g"),
    ("SMS", "s"),
    ("VOICEMAIL", "v"),
    ("USER", "w"),
    ("QUICKDIAL", ""),
    ("NUMBER", ""),
];

/// The id prefix of a kind (`MOBILE` → `y`).
fn prefix_of(kind: &str) -> &'static str {
    ID_SHAPES
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("", |(_, p)| p)
}

/// The made-up id of a listing's item by the collection's noun (`groups` → `g0`), for the
/// read-only collections the sandbox has no state for.
pub(crate) fn made_up_id(noun: &str) -> Option<String> {
    let kind = match noun {
        "groups" => "GROUP",
        "faxlines" | "groupfaxlines" => "FAXLINE",
        "phonelines" => "PHONELINE",
        "devices" => "REGISTER",
        "users" => "USER",
        "voicemail" | "voicemails" => "VOICEMAIL",
        _ => return None,
    };
    Some(format!("{}0", prefix_of(kind)))
}

/// What the long tail does with a linked operation.
#[derive(Debug)]
pub(crate) enum Linked {
    /// Answer `404` with this detail.
    NotFound(String),
    /// Answer `400` with this detail.
    BadRequest(String),
    /// Answer `402` (the sandbox's "no credit" switch).
    PaymentRequired,
    /// Render this value with the operation's response schema.
    Read(Value),
    /// An item was created: its id, the path it is read at and its value.
    Created {
        id: String,
        item_path: String,
        value: Value,
    },
    /// Written into the state; the long tail goes on as usual (stores the body, answers).
    Written,
}

/// The linked handling of a long-tail request, `None` when the path is not linked or names an
/// id the account does not know.
pub(crate) fn handle(
    shared: &Shared,
    op: &Operation,
    params: &[(String, String)],
    body: Option<&Value>,
) -> Option<Linked> {
    let link = LINKS.iter().find(|l| l.template == op.path)?;
    let param = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let id = param(link.id_param).unwrap_or_default();
    let owner = (link.collection != Users)
        .then(|| param("userId"))
        .flatten();
    let fields = body.and_then(Value::as_object);
    let mut data = shared.lock();
    let data = &mut *data;
    match (link.role, op.method.as_str()) {
        (Role::Session, "POST") => {
            if data.no_credit {
                return Some(Linked::PaymentRequired);
            }
            Some(Linked::Read(
                json!({ "sessionId": crate::routes::calls::new_session_id() }),
            ))
        }
        (Role::Create(kind), "POST") => create(data, link.collection, kind, id, fields),
        (Role::UserNumbers, "GET") => {
            if !data.has_user(id) {
                return Some(Linked::NotFound(format!("User not found: {id}")));
            }
            let items: Vec<Value> = data
                .numbers
                .iter()
                .filter(|n| owner_of_endpoint(data, &n.endpoint_id).as_deref() == Some(id))
                .map(|n| json!(n))
                .collect();
            Some(Linked::Read(json!({ "items": items })))
        }
        (role, method) => {
            let reads_item = matches!(role, Role::Item(_))
                && method == "GET"
                && op.path.ends_with(&format!("{{{}}}", link.id_param));
            let Some(known) = find(data, link.collection, id) else {
                // Reading an item the account does not have is a 404, as on the hand-written
                // routes; writes to made-up ids stay with the generic long tail.
                return reads_item.then(|| {
                    Linked::NotFound(format!("{} not found: {id}", link.collection.noun()))
                });
            };
            if let Some(user) = owner
                && known.owner.as_deref().is_some_and(|o| o != user)
            {
                return Some(Linked::NotFound(format!(
                    "{} not found: {id}",
                    link.collection.noun()
                )));
            }
            // A quick-dial path reaches quick dials only, not the account's phone numbers.
            if link.template.starts_with("/numbers/quickdial/")
                && known.value["type"] != "QUICKDIAL"
            {
                return Some(Linked::NotFound(format!("Quick dial not found: {id}")));
            }
            if known.gone {
                return Some(Linked::NotFound(format!(
                    "{} not found: {id} (deleted)",
                    link.collection.noun()
                )));
            }
            match (role, method) {
                (Role::Item(_), "GET") if reads_item => Some(Linked::Read(known.value)),
                (Role::Item(map), "PUT") => {
                    let mut patch = Map::new();
                    for (from, to) in map {
                        if let Some(value) = fields.and_then(|f| f.get(*from)) {
                            patch.insert((*to).to_owned(), value.clone());
                        }
                    }
                    patch_item(data, link.collection, id, &patch);
                    Some(Linked::Written)
                }
                (Role::Item(_), "DELETE") => {
                    remove(data, link.collection, id);
                    Some(Linked::Written)
                }
                (Role::RoutedNumbers, "GET") => {
                    let items: Vec<Value> = data
                        .numbers
                        .iter()
                        .filter(|n| n.endpoint_id == id)
                        .map(|n| json!({ "number": n.number, "type": [n.kind] }))
                        .collect();
                    Some(Linked::Read(json!({ "items": items })))
                }
                (Role::RouteDevice, "POST") => {
                    let device = fields
                        .and_then(|f| f.get("deviceId"))
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    route_device(data, id, device, true)
                }
                (Role::RouteDevice, "DELETE") => {
                    route_device(data, id, param("deviceId").unwrap_or_default(), false)
                }
                _ => None,
            }
        }
    }
}

impl Collection {
    /// The item's name in messages.
    fn noun(self) -> &'static str {
        match self {
            Devices => "Device",
            Faxlines => "Faxline",
            Phonelines => "Phoneline",
            Numbers => "Number",
            Users => "User",
            Sessions => "Session",
        }
    }

    /// The key of a removed item in [`State::removed`].
    fn removed_key(self, id: &str) -> String {
        format!("{}/{id}", self.noun())
    }
}

/// An item the account knows, or knew.
struct Known {
    /// The item as JSON (sipgate's field names).
    value: Value,
    /// The web user it belongs to, where items have one.
    owner: Option<String>,
    /// Deleted: only its id is remembered.
    gone: bool,
}

/// The item `id` of a collection: in the state, or deleted from it; `None` if never known.
fn find(data: &State, collection: Collection, id: &str) -> Option<Known> {
    let present = |value: Value, owner: Option<&str>| Known {
        value,
        owner: owner.map(str::to_owned),
        gone: false,
    };
    let found =
        match collection {
            Devices => data
                .devices
                .iter()
                .find(|d| d.id == id)
                .map(|d| present(json!(d), Some(&d.owner))),
            Faxlines => data
                .faxlines
                .iter()
                .find(|f| f.id == id)
                .map(|f| present(json!(f), Some(&f.owner))),
            Phonelines => data.phonelines.iter().find(|(line, _, _)| line == id).map(
                |(line, alias, owner)| present(json!({"id": line, "alias": alias}), Some(owner)),
            ),
            Numbers => data
                .numbers
                .iter()
                .find(|n| n.id == id)
                .map(|n| present(json!(n), None)),
            Users => data
                .users
                .iter()
                .find(|u| u.id == id)
                .map(|u| present(json!(u), None)),
            Sessions => None,
        };
    found.or_else(|| {
        data.removed
            .contains(&collection.removed_key(id))
            .then_some(Known {
                value: Value::Null,
                owner: None,
                gone: true,
            })
    })
}

/// `item` with the fields of `patch` written over its JSON, if the result is still an item.
fn merged<T: Serialize + DeserializeOwned>(item: &T, patch: &Map<String, Value>) -> Option<T> {
    let mut value = serde_json::to_value(item).ok()?;
    let object = value.as_object_mut()?;
    for (key, field) in patch {
        object.insert(key.clone(), field.clone());
    }
    serde_json::from_value(value).ok()
}

/// Writes `patch` (sipgate's field names) into the item; fields of the wrong type are ignored
/// (the description was checked before, so they cannot come from a request).
fn patch_item(data: &mut State, collection: Collection, id: &str, patch: &Map<String, Value>) {
    if patch.is_empty() {
        return;
    }
    match collection {
        Devices => {
            if let Some(device) = data.devices.iter_mut().find(|d| d.id == id)
                && let Some(mut new) = merged(device, patch)
            {
                new.owner = std::mem::take(&mut device.owner);
                *device = new;
            }
            // The device's new name, where its user's lines list it.
            if let Some(alias) = patch.get("alias").and_then(Value::as_str) {
                for number in data.numbers.iter_mut().filter(|n| n.endpoint_id == id) {
                    alias.clone_into(&mut number.endpoint_alias);
                }
            }
        }
        Faxlines => {
            if let Some(line) = data.faxlines.iter_mut().find(|f| f.id == id)
                && let Some(mut new) = merged(line, patch)
            {
                new.owner = std::mem::take(&mut line.owner);
                *line = new;
            }
            if let Some(alias) = patch.get("alias").and_then(Value::as_str) {
                for number in data.numbers.iter_mut().filter(|n| n.endpoint_id == id) {
                    alias.clone_into(&mut number.endpoint_alias);
                }
            }
        }
        Phonelines => {}
        Numbers => {
            let endpoint = patch
                .get("endpointId")
                .and_then(Value::as_str)
                .map(|e| endpoint_of(data, e));
            if let Some(number) = data.numbers.iter_mut().find(|n| n.id == id) {
                if let Some(text) = patch.get("number").and_then(Value::as_str) {
                    text.clone_into(&mut number.number);
                    text.clone_into(&mut number.localized);
                }
                if let Some((endpoint, alias, url)) = endpoint {
                    number.endpoint_id = endpoint;
                    number.endpoint_alias = alias;
                    number.endpoint_url = url;
                }
            }
        }
        Users => {
            if let Some(user) = data.users.iter_mut().find(|u| u.id == id)
                && let Some(new) = merged(user, patch)
            {
                *user = new;
            }
        }
        Sessions => {}
    }
}

/// `(id, alias, API path)` of the extension a number is routed to; unknown ids keep their
/// shape's path (`g1` → `/groups/g1`), an empty id unroutes.
fn endpoint_of(data: &State, id: &str) -> (String, String, String) {
    if id.is_empty() {
        return (String::new(), String::new(), String::new());
    }
    let found = data
        .phonelines
        .iter()
        .find(|(line, _, _)| line == id)
        .map(|(line, alias, owner)| (alias.clone(), format!("/{owner}/phonelines/{line}")))
        .or_else(|| {
            data.faxlines
                .iter()
                .find(|f| f.id == id)
                .map(|f| (f.alias.clone(), format!("/{}/faxlines/{}", f.owner, f.id)))
        })
        .or_else(|| {
            data.devices
                .iter()
                .find(|d| d.id == id)
                .map(|d| (d.alias.clone(), format!("/devices/{}", d.id)))
        })
        .or_else(|| {
            data.users.iter().find(|u| u.id == id).map(|u| {
                (
                    format!("{} {}", u.firstname, u.lastname),
                    format!("/users/{}", u.id),
                )
            })
        })
        .or_else(|| {
            data.voicemails
                .iter()
                .find(|v| v.id == id)
                .map(|v| (v.alias.clone(), format!("/voicemails/{}", v.id)))
        });
    let (alias, url) = found.unwrap_or_else(|| {
        let url = match id.chars().next() {
            Some('g') => format!("/groups/{id}"),
            Some('w') => format!("/users/{id}"),
            _ => String::new(),
        };
        (String::new(), url)
    });
    (id.to_owned(), alias, url)
}

/// The web user an extension (phoneline, fax line, device, the user itself) belongs to.
fn owner_of_endpoint(data: &State, id: &str) -> Option<String> {
    if data.has_user(id) {
        return Some(id.to_owned());
    }
    data.phonelines
        .iter()
        .find(|(line, _, _)| line == id)
        .map(|(_, _, owner)| owner.clone())
        .or_else(|| {
            data.faxlines
                .iter()
                .find(|f| f.id == id)
                .map(|f| f.owner.clone())
        })
        .or_else(|| {
            data.devices
                .iter()
                .find(|d| d.id == id)
                .map(|d| d.owner.clone())
        })
}

/// Removes an item, and what pointed at it: numbers routed to a removed extension are unrouted,
/// devices stop ringing for a removed phoneline; a removed user's items go with them.
fn remove(data: &mut State, collection: Collection, id: &str) {
    match collection {
        Devices => data.devices.retain(|d| d.id != id),
        Faxlines => data.faxlines.retain(|f| f.id != id),
        Phonelines => {
            data.phonelines.retain(|(line, _, _)| line != id);
            for device in &mut data.devices {
                device.active_phonelines.retain(|r| r.id != id);
            }
        }
        Numbers => data.numbers.retain(|n| n.id != id),
        Users => {
            data.users.retain(|u| u.id != id);
            let lines: Vec<String> = data
                .phonelines
                .iter()
                .filter(|(_, _, owner)| owner == id)
                .map(|(line, _, _)| line.clone())
                .collect();
            let devices: Vec<String> = data
                .devices
                .iter()
                .filter(|d| d.owner == id)
                .map(|d| d.id.clone())
                .collect();
            let faxlines: Vec<String> = data
                .faxlines
                .iter()
                .filter(|f| f.owner == id)
                .map(|f| f.id.clone())
                .collect();
            for line in &lines {
                remove(data, Phonelines, line);
            }
            for device in &devices {
                remove(data, Devices, device);
            }
            for line in &faxlines {
                remove(data, Faxlines, line);
            }
            data.numbers
                .retain(|n| !(n.kind == "QUICKDIAL" && n.endpoint_id == id));
        }
        Sessions => return,
    }
    for number in data.numbers.iter_mut().filter(|n| n.endpoint_id == id) {
        number.endpoint_id.clear();
        number.endpoint_alias.clear();
        number.endpoint_url.clear();
    }
    data.removed.insert(collection.removed_key(id));
}

/// A fresh id of `kind`'s shape: one more than the highest of that shape the account has or
/// had (`e0`, `e1` → `e2`; numbers: numeric, from 1001).
fn fresh_id(data: &State, collection: Collection, kind: &str) -> String {
    let prefix = prefix_of(kind);
    let ids: Vec<&str> = match collection {
        Devices => data.devices.iter().map(|d| d.id.as_str()).collect(),
        Faxlines => data.faxlines.iter().map(|f| f.id.as_str()).collect(),
        Phonelines => data.phonelines.iter().map(|(l, _, _)| l.as_str()).collect(),
        Numbers => data.numbers.iter().map(|n| n.id.as_str()).collect(),
        Users | Sessions => Vec::new(),
    };
    let removed_prefix = format!("{}/", collection.noun());
    let removed = data
        .removed
        .iter()
        .filter_map(|key| key.strip_prefix(&removed_prefix));
    let highest = ids
        .into_iter()
        .chain(removed)
        .filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok())
        .max();
    let next = match (prefix, highest) {
        ("", highest) => highest.unwrap_or(1000).max(1000) + 1,
        (_, Some(n)) => n + 1,
        (_, None) => 0,
    };
    format!("{prefix}{next}")
}

/// A `POST` that creates an item in the state.
fn create(
    data: &mut State,
    collection: Collection,
    kind: Option<&str>,
    owner: &str,
    fields: Option<&Map<String, Value>>,
) -> Option<Linked> {
    let text = |name: &str| {
        fields
            .and_then(|f| f.get(name))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    // The quick dial's owner is in its body; the other creates name the user in the path.
    let owner = match collection {
        Numbers => text("userId").unwrap_or_default(),
        _ => owner.to_owned(),
    };
    let Some(user) = data.users.iter().find(|u| u.id == owner) else {
        return Some(Linked::NotFound(format!("User not found: {owner}")));
    };
    let full_name = format!("{} {}", user.firstname, user.lastname);
    let first_name = user.firstname.clone();
    let Some(kind) = kind.map(str::to_owned).or_else(|| text("type")) else {
        return Some(Linked::BadRequest("`type` is required".to_owned()));
    };
    let id = fresh_id(data, collection, &kind);
    data.removed.remove(&collection.removed_key(&id));
    let (item_path, value) = match collection {
        Devices => {
            let device = Device {
                id: id.clone(),
                alias: text("alias").unwrap_or_else(|| format!("{first_name}'s new device")),
                kind,
                online: false,
                dnd: false,
                active_phonelines: Vec::new(),
                active_groups: Vec::new(),
                owner,
            };
            let value = json!(device);
            data.devices.push(device);
            (format!("/devices/{id}"), value)
        }
        Faxlines => {
            let line = Faxline {
                id: id.clone(),
                alias: format!("{first_name}'s fax {id}"),
                tagline: String::new(),
                can_send: true,
                can_receive: true,
                owner: owner.clone(),
            };
            let value = json!(line);
            data.faxlines.push(line);
            (format!("/{owner}/faxlines/{id}"), value)
        }
        Phonelines => {
            data.phonelines
                .push((id.clone(), full_name.clone(), owner.clone()));
            let base = format!("/{owner}/phonelines/{id}");
            let value = json!({
                "id": id,
                "alias": full_name,
                "blockAnonymousUrl": format!("{base}/blockanonymous"),
                "devicesUrl": format!("{base}/devices"),
                "forwardingsUrl": format!("{base}/forwardings"),
                "numbersUrl": format!("{base}/numbers"),
                "parallelForwardingsUrl": format!("{base}/parallelforwardings"),
                "voicemailsUrl": format!("{base}/voicemails"),
            });
            (base, value)
        }
        Numbers => {
            let dial = text("number").unwrap_or_default();
            let number = Number {
                id: id.clone(),
                number: dial.clone(),
                localized: dial,
                kind,
                endpoint_id: owner.clone(),
                endpoint_alias: full_name,
                endpoint_url: format!("/users/{owner}"),
            };
            let value = json!(number);
            data.numbers.push(number);
            (format!("/numbers/quickdial/{id}"), value)
        }
        Users | Sessions => return None,
    };
    Some(Linked::Created {
        id,
        item_path,
        value,
    })
}

/// Lets a device ring for a phoneline (`on`), or stops it; `None` for ids the account does
/// not know (the generic long tail answers).
fn route_device(data: &mut State, line: &str, device: &str, on: bool) -> Option<Linked> {
    let alias = data
        .phonelines
        .iter()
        .find(|(id, _, _)| id == line)
        .map(|(_, alias, _)| alias.clone())?;
    let device = data.devices.iter_mut().find(|d| d.id == device)?;
    device.active_phonelines.retain(|r| r.id != line);
    if on {
        device.active_phonelines.push(Routing {
            id: line.to_owned(),
            alias,
        });
    }
    Some(Linked::Written)
}
