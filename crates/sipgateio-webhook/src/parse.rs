//! Body parsing: one pass over the body's pairs, each value straight into the field its
//! (decoded, normalised) key names.
//!
//! Values that need no decoding are borrowed from the body until the event is built, so a
//! field costs one allocation (its `String` in the event) and a repeated single-valued field
//! or an unknown field costs none.

use std::borrow::Cow;

use sipgateio_types::{CallId, WebuserId};

use crate::error::{Error, Result};
use crate::event::{
    AnswerEvent, CallDirection, DtmfEvent, Event, HangupCause, HangupEvent, NewCallEvent,
    UnknownEvent,
};

/// Every field sipgate sends: the first value of a single-valued field (a repeated one: the
/// first counts), every value of a list field in body order.
#[derive(Debug, Default)]
struct Fields<'a> {
    event: Option<Cow<'a, str>>,
    direction: Option<Cow<'a, str>>,
    from: Option<Cow<'a, str>>,
    to: Option<Cow<'a, str>>,
    call_id: Option<Cow<'a, str>>,
    orig_call_id: Option<Cow<'a, str>>,
    xcid: Option<Cow<'a, str>>,
    diversion: Option<Cow<'a, str>>,
    answering_number: Option<Cow<'a, str>>,
    cause: Option<Cow<'a, str>>,
    dtmf: Option<Cow<'a, str>>,
    user: Vec<Cow<'a, str>>,
    user_id: Vec<Cow<'a, str>>,
    full_user_id: Vec<Cow<'a, str>>,
}

impl<'a> Fields<'a> {
    fn read(body: &'a str) -> Self {
        let mut fields = Self::default();
        for (key, value) in pairs(body) {
            let slot = match field_name(&key) {
                "event" => &mut fields.event,
                "direction" => &mut fields.direction,
                "from" => &mut fields.from,
                "to" => &mut fields.to,
                "callId" => &mut fields.call_id,
                "origCallId" => &mut fields.orig_call_id,
                "xcid" => &mut fields.xcid,
                "diversion" => &mut fields.diversion,
                "answeringNumber" => &mut fields.answering_number,
                "cause" => &mut fields.cause,
                "dtmf" => &mut fields.dtmf,
                "user" => {
                    fields.user.push(value);
                    continue;
                }
                "userId" => {
                    fields.user_id.push(value);
                    continue;
                }
                "fullUserId" => {
                    fields.full_user_id.push(value);
                    continue;
                }
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(value);
            }
        }
        fields
    }
}

/// The name/value pairs of a form body exactly as `form_urlencoded::parse` reads them (split at
/// `&`, empty pieces skipped, name and value split at the first `=`, each [`decode`]d: `+` a
/// space, `%XX` a byte, invalid UTF-8 replaced), a name or value without `%` and `+` borrowed
/// as it is: the body is UTF-8 already, so it needs no decoding pass.
fn pairs(body: &str) -> impl Iterator<Item = (Cow<'_, str>, Cow<'_, str>)> {
    let mut rest = body;
    std::iter::from_fn(move || {
        loop {
            if rest.is_empty() {
                return None;
            }
            let end = rest.bytes().position(|b| b == b'&').unwrap_or(rest.len());
            // `&` and `=` are ASCII: the slices end on character boundaries.
            let (pair, after) = (rest.get(..end)?, rest.get(end + 1..).unwrap_or_default());
            rest = after;
            if pair.is_empty() {
                continue;
            }
            let (name, value) = match pair.bytes().position(|b| b == b'=') {
                Some(at) => (pair.get(..at)?, pair.get(at + 1..)?),
                None => (pair, ""),
            };
            return Some((decode(name), decode(value)));
        }
    })
}

/// A name or value decoded as `form_urlencoded` decodes it: `+` a space, `%` and two hex
/// digits a byte (any other `%` stays), then invalid UTF-8 replaced. Without `%` and `+` it is
/// borrowed as it is.
fn decode(piece: &str) -> Cow<'_, str> {
    let bytes = piece.as_bytes();
    if !bytes.iter().any(|&b| b == b'%' || b == b'+') {
        return Cow::Borrowed(piece);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        i += 1;
        match byte {
            b'+' => out.push(b' '),
            b'%' => {
                let high = bytes.get(i).and_then(|&b| hex_digit(b));
                let low = bytes.get(i + 1).and_then(|&b| hex_digit(b));
                if let (Some(high), Some(low)) = (high, low) {
                    out.push(high << 4 | low);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            other => out.push(other),
        }
    }
    Cow::Owned(match String::from_utf8(out) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    })
}

fn hex_digit(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

pub(crate) fn event(body: &[u8]) -> Result<Event> {
    let body = std::str::from_utf8(body).map_err(|_| Error::malformed("the body is not UTF-8"))?;
    let mut raw = Fields::read(body);
    let name = first(raw.event.take());
    if name.is_empty() {
        return Err(Error::malformed("the `event` field is missing or empty"));
    }
    let Common {
        direction,
        from,
        to,
        call_id,
        original_call_id,
        xcid,
        diversion,
    } = Common::take(&mut raw);
    Ok(match name.as_str() {
        "newCall" => Event::NewCall(NewCallEvent {
            direction,
            from,
            to,
            call_id,
            original_call_id,
            xcid,
            users: owned(raw.user),
            user_ids: raw
                .user_id
                .into_iter()
                .map(|id| WebuserId::new(id.into_owned()))
                .collect(),
            full_user_ids: owned(raw.full_user_id),
            diversion,
        }),
        "answer" => Event::Answer(AnswerEvent {
            direction,
            from,
            to,
            call_id,
            original_call_id,
            xcid,
            answering_number: number(raw.answering_number),
            user: optional(raw.user.into_iter().next()),
            user_id: optional(raw.user_id.into_iter().next()).map(WebuserId::new),
            full_user_id: optional(raw.full_user_id.into_iter().next()),
            diversion,
        }),
        "hangup" => Event::Hangup(HangupEvent {
            direction,
            from,
            to,
            call_id,
            original_call_id,
            xcid,
            cause: HangupCause::from(first(raw.cause)),
            answering_number: number(raw.answering_number),
            diversion,
        }),
        "dtmf" => Event::Dtmf(DtmfEvent {
            call_id,
            original_call_id,
            digits: first(raw.dtmf),
        }),
        _ => Event::Unknown(UnknownEvent {
            event: name,
            call_id,
        }),
    })
}

/// The fields most events share.
struct Common {
    direction: CallDirection,
    from: String,
    to: String,
    call_id: CallId,
    original_call_id: Option<CallId>,
    xcid: String,
    diversion: Option<String>,
}

impl Common {
    fn take(raw: &mut Fields<'_>) -> Self {
        Self {
            direction: CallDirection::from(raw.direction.take().unwrap_or_default().as_ref()),
            from: number(raw.from.take()),
            to: number(raw.to.take()),
            call_id: CallId::new(first(raw.call_id.take())),
            original_call_id: optional(raw.orig_call_id.take()).map(CallId::new),
            xcid: first(raw.xcid.take()),
            diversion: raw
                .diversion
                .take()
                .filter(|value| !value.is_empty())
                .map(|value| number(Some(value))),
        }
    }
}

/// The value of a field, or "" when it was not sent.
fn first(value: Option<Cow<'_, str>>) -> String {
    value.map(Cow::into_owned).unwrap_or_default()
}

/// The value of a field, `None` when it was not sent or empty.
fn optional(value: Option<Cow<'_, str>>) -> Option<String> {
    value.filter(|value| !value.is_empty()).map(Cow::into_owned)
}

fn owned(values: Vec<Cow<'_, str>>) -> Vec<String> {
    values.into_iter().map(Cow::into_owned).collect()
}

/// sipgate sends numbers without `+`; add it unless the value is empty, `anonymous` or has one.
fn number(value: Option<Cow<'_, str>>) -> String {
    let Some(value) = value else {
        return String::new();
    };
    if value.is_empty() || value == "anonymous" || value.starts_with('+') {
        value.into_owned()
    } else {
        let mut plus = String::with_capacity(value.len() + 1);
        plus.push('+');
        plus.push_str(&value);
        plus
    }
}

/// The field a key names: `user[]`, `user[][0]` and `user[0]` name `user` (likewise every
/// key with only empty or numeric bracket groups), `originalCallId` names `origCallId`. Keys
/// are matched after decoding.
fn field_name(key: &str) -> &str {
    let base = match key.bytes().position(|b| b == b'[') {
        Some(bracket) if is_array_suffix(&key[bracket..]) => &key[..bracket],
        Some(_) => return key,
        None => key,
    };
    if base == "originalCallId" {
        "origCallId"
    } else {
        base
    }
}

/// `[]`, `[0]`, `[][0]`, `[0][]` …: only empty or numeric bracket groups.
fn is_array_suffix(mut suffix: &str) -> bool {
    while let Some(rest) = suffix.strip_prefix('[') {
        let Some((inside, after)) = rest.split_once(']') else {
            return false;
        };
        if !inside.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        suffix = after;
    }
    suffix.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_suffixes() {
        for key in ["user", "user[]", "user[0]", "user[][0]", "user[12][]"] {
            assert_eq!(field_name(key), "user", "{key}");
        }
        for key in ["user[a]", "user[", "user[]x", "user]["] {
            assert_eq!(field_name(key), key, "{key}");
        }
        assert_eq!(field_name("originalCallId"), "origCallId");
        assert_eq!(field_name("origCallId"), "origCallId");
    }
}

/// The one-pass reader against the two-pass decoding it replaced (normalise the keys into a
/// second copy of the body, then `serde_html_form` into lists): the same values for any body
/// made of sipgate's keys in every spelling, unknown keys, empty pairs and arbitrary values.
#[cfg(test)]
mod two_pass_oracle {
    use std::borrow::Cow;

    use proptest::prelude::*;
    use serde::Deserialize;

    use super::{Fields, field_name};

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    struct RawForm {
        event: Vec<String>,
        direction: Vec<String>,
        from: Vec<String>,
        to: Vec<String>,
        #[serde(rename = "callId")]
        call_id: Vec<String>,
        #[serde(rename = "origCallId")]
        orig_call_id: Vec<String>,
        xcid: Vec<String>,
        user: Vec<String>,
        #[serde(rename = "userId")]
        user_id: Vec<String>,
        #[serde(rename = "fullUserId")]
        full_user_id: Vec<String>,
        diversion: Vec<String>,
        #[serde(rename = "answeringNumber")]
        answering_number: Vec<String>,
        cause: Vec<String>,
        dtmf: Vec<String>,
    }

    fn normalise_keys(body: &str) -> String {
        let mut out = String::with_capacity(body.len());
        for pair in body.split('&').filter(|pair| !pair.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decoded: Cow<'_, str> = form_urlencoded::parse(key.as_bytes())
                .next()
                .map_or(Cow::Borrowed(""), |(name, _)| name);
            if !out.is_empty() {
                out.push('&');
            }
            out.extend(form_urlencoded::byte_serialize(
                field_name(&decoded).as_bytes(),
            ));
            out.push('=');
            out.push_str(value);
        }
        out
    }

    fn first(values: &[String]) -> Option<&str> {
        values.first().map(String::as_str)
    }

    fn lists(values: &[Cow<'_, str>]) -> Vec<String> {
        values.iter().map(|value| value.to_string()).collect()
    }

    const KEYS: &[&str] = &[
        "event",
        "direction",
        "from",
        "to",
        "callId",
        "origCallId",
        "originalCallId",
        "originalCallId[]",
        "xcid",
        "user",
        "user[]",
        "user%5B%5D",
        "user[0]",
        "user[][1]",
        "userId[]",
        "userId%5B%5D%5B0%5D",
        "fullUserId[]",
        "fullUserId",
        "diversion",
        "answeringNumber",
        "cause",
        "dtmf",
        "user[a]",
        "user[",
        "ev%65nt",
        "call+Id",
        "",
        "x",
    ];

    fn pair() -> impl Strategy<Value = String> {
        (
            proptest::sample::select(KEYS),
            proptest::option::of("([a-zA-Z0-9 +&=%\\[\\]äß]|%[0-9A-Fa-f]{2}|%[g-z]){0,6}"),
        )
            .prop_map(|(key, value)| match value {
                Some(value) => format!("{key}={value}"),
                None => key.to_owned(),
            })
    }

    proptest! {
        #[test]
        fn one_pass_reads_what_two_passes_read(pairs in proptest::collection::vec(pair(), 0..12)) {
            let body = pairs.join("&");
            let old: RawForm = serde_html_form::from_str(&normalise_keys(&body))
                .expect("the two-pass decoding never failed on UTF-8");
            let new = Fields::read(&body);
            let single = [
                (&old.event, &new.event), (&old.direction, &new.direction),
                (&old.from, &new.from), (&old.to, &new.to), (&old.call_id, &new.call_id),
                (&old.orig_call_id, &new.orig_call_id), (&old.xcid, &new.xcid),
                (&old.diversion, &new.diversion),
                (&old.answering_number, &new.answering_number), (&old.cause, &new.cause),
                (&old.dtmf, &new.dtmf),
            ];
            for (old, new) in single {
                prop_assert_eq!(first(old), new.as_deref(), "{}", body);
            }
            prop_assert_eq!(&old.user, &lists(&new.user));
            prop_assert_eq!(&old.user_id, &lists(&new.user_id));
            prop_assert_eq!(&old.full_user_id, &lists(&new.full_user_id));
        }
    }
}
