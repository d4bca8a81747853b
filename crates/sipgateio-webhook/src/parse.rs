//! Body parsing: normalise the array key names, then decode with `serde_html_form`.

use std::borrow::Cow;

use serde::Deserialize;
use sipgateio_types::{CallId, WebuserId};

use crate::error::{Error, Result};
use crate::event::{
    AnswerEvent, CallDirection, DtmfEvent, Event, HangupCause, HangupEvent, NewCallEvent,
    UnknownEvent,
};

/// Every field sipgate sends, each as a list so that repeated keys never fail decoding.
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

pub(crate) fn event(body: &[u8]) -> Result<Event> {
    let body = std::str::from_utf8(body).map_err(|_| Error::malformed("the body is not UTF-8"))?;
    let normalised = normalise_keys(body);
    let mut raw: RawForm = serde_html_form::from_str(&normalised)
        .map_err(|error| Error::malformed(error.to_string()))?;
    let name = first(&mut raw.event);
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
            users: raw.user,
            user_ids: raw.user_id.into_iter().map(WebuserId::new).collect(),
            full_user_ids: raw.full_user_id,
            diversion,
        }),
        "answer" => Event::Answer(AnswerEvent {
            direction,
            from,
            to,
            call_id,
            original_call_id,
            xcid,
            answering_number: number(first(&mut raw.answering_number)),
            user: optional(&mut raw.user),
            user_id: optional(&mut raw.user_id).map(WebuserId::new),
            full_user_id: optional(&mut raw.full_user_id),
            diversion,
        }),
        "hangup" => Event::Hangup(HangupEvent {
            direction,
            from,
            to,
            call_id,
            original_call_id,
            xcid,
            cause: HangupCause::from(first(&mut raw.cause)),
            answering_number: number(first(&mut raw.answering_number)),
            diversion,
        }),
        "dtmf" => Event::Dtmf(DtmfEvent {
            call_id,
            original_call_id,
            digits: first(&mut raw.dtmf),
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
    fn take(raw: &mut RawForm) -> Self {
        Self {
            direction: CallDirection::from(first(&mut raw.direction)),
            from: number(first(&mut raw.from)),
            to: number(first(&mut raw.to)),
            call_id: CallId::new(first(&mut raw.call_id)),
            original_call_id: optional(&mut raw.orig_call_id).map(CallId::new),
            xcid: first(&mut raw.xcid),
            diversion: optional(&mut raw.diversion).map(number),
        }
    }
}

/// The first value of a field (a repeated single-valued field: the first one counts), or "".
fn first(values: &mut Vec<String>) -> String {
    if values.is_empty() {
        String::new()
    } else {
        values.swap_remove(0)
    }
}

fn optional(values: &mut Vec<String>) -> Option<String> {
    Some(first(values)).filter(|value| !value.is_empty())
}

/// sipgate sends numbers without `+`; add it unless the value is empty, `anonymous` or has one.
fn number(value: String) -> String {
    if value.is_empty() || value == "anonymous" || value.starts_with('+') {
        value
    } else {
        format!("+{value}")
    }
}

/// Rewrite each key to its field name: `user[]`, `user[][0]` and `user[0]` become `user`
/// (in body order), `originalCallId` becomes `origCallId`. Keys are matched after decoding,
/// values are left untouched (encoded) for `serde_html_form` to decode.
fn normalise_keys(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for pair in body.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decoded: Cow<'_, str> = form_urlencoded::parse(key.as_bytes())
            .next()
            .map_or(Cow::Borrowed(""), |(name, _)| name);
        let name = field_name(&decoded);
        if !out.is_empty() {
            out.push('&');
        }
        out.extend(form_urlencoded::byte_serialize(name.as_bytes()));
        out.push('=');
        out.push_str(value);
    }
    out
}

fn field_name(key: &str) -> &str {
    let base = match key.find('[') {
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

    #[test]
    fn normalising_keeps_values_encoded_and_order() {
        assert_eq!(
            normalise_keys("user%5B%5D%5B0%5D=A%26B&user%5B1%5D=C+D&&x=1&flag"),
            "user=A%26B&user=C+D&x=1&flag="
        );
    }
}
