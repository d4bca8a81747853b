//! Failures on demand: reserved test numbers that make the sandbox fail the way sipgate can,
//! so an app's error paths can be tested — like a payment provider's test card numbers, and
//! usable from any language.
//!
//! | number (or id) | what the sandbox does |
//! |---|---|
//! | `+4915700000402` | answers **402** Payment Required (insufficient funds) |
//! | `+4915700000403` | answers **403** Forbidden |
//! | `+4915700000404` | answers **404** Not Found |
//! | `+4915700000429` | answers **429** Too Many Requests with `Retry-After: 1` |
//! | `+4915700000500` | answers **500** Internal Server Error |
//! | `+4915700000503` | answers **503** Service Unavailable |
//! | `+4915700000408` | answers normally, but only after 5 s ([`SLOW_ANSWER_DELAY`], [`SandboxConfig::slow_answer`](crate::SandboxConfig::slow_answer)): test your timeouts |
//! | `+4921100000666` | a fax to it is accepted and then ends `FAILED` ([`SandboxConfig::failing_fax_recipient`](crate::SandboxConfig::failing_fax_recipient)) |
//! | `+4915700000486` | a call to it is busy: click-to-dial is accepted and the call ends `BUSY`; in a simulated call a `<Dial>` to it (or an outgoing call to it) ends with cause `busy` |
//! | `+4915700000480` | a call to it is not answered: ends `MISSED` / cause `noAnswer` |
//!
//! The status numbers work in every `/v2` request, after the credentials are checked: as any
//! string of a JSON body (`recipient` of an SMS or fax, `callee` of a call, `phonenumber` of a
//! caller id, `phoneNumber` of a transfer, …), as a query value (`?phonenumbers=…`) or as a
//! path segment — where an endpoint takes an id rather than a number, the number's digits are
//! the id (`GET /v2/history/4915700000503`). The number may be written with or without `+`
//! and with spaces, dashes, parentheses or slashes. Nothing is stored when a status number
//! fails a request. The error body has sipgate's shape and its `detail` names the test
//! number. The simulator's own endpoint (`/sandbox/simulate-call`) is not affected.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::error::ApiError;
use crate::state::AppState;

/// Answers 402 Payment Required (insufficient funds).
pub const PAYMENT_REQUIRED: &str = "+4915700000402";
/// Answers 403 Forbidden.
pub const FORBIDDEN: &str = "+4915700000403";
/// Answers 404 Not Found.
pub const NOT_FOUND: &str = "+4915700000404";
/// Answers 429 Too Many Requests with `Retry-After: 1`.
pub const RATE_LIMITED: &str = "+4915700000429";
/// Answers 500 Internal Server Error.
pub const SERVER_ERROR: &str = "+4915700000500";
/// Answers 503 Service Unavailable.
pub const UNAVAILABLE: &str = "+4915700000503";
/// Answers normally after [`SLOW_ANSWER_DELAY`].
pub const SLOW: &str = "+4915700000408";
/// A call to this number is busy.
pub const BUSY: &str = "+4915700000486";
/// A call to this number is not answered.
pub const NO_ANSWER: &str = "+4915700000480";
/// A fax to this number fails (the default of
/// [`SandboxConfig::failing_fax_recipient`](crate::SandboxConfig::failing_fax_recipient)).
pub const FAX_FAILS: &str = "+4921100000666";

/// How long the sandbox waits by default before it answers a request that names [`SLOW`].
pub const SLOW_ANSWER_DELAY: Duration = Duration::from_secs(5);

/// The `Retry-After` value (seconds) of a [`RATE_LIMITED`] answer.
const RETRY_AFTER_SECONDS: u64 = 1;

/// The largest body the trigger check reads (a fax's base64 is at most 28,330,000 characters).
const MAX_SCANNED_BODY: usize = 64 * 1024 * 1024;

/// What a reserved number asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trigger {
    Status(StatusCode),
    Slow,
}

/// The status numbers, by their digits.
fn trigger_of(value: &str) -> Option<(Trigger, &'static str)> {
    let value = value.trim();
    if value.is_empty()
        || !value
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '/'))
    {
        return None;
    }
    let digits = crate::http::digits(value);
    [
        (
            PAYMENT_REQUIRED,
            Trigger::Status(StatusCode::PAYMENT_REQUIRED),
        ),
        (FORBIDDEN, Trigger::Status(StatusCode::FORBIDDEN)),
        (NOT_FOUND, Trigger::Status(StatusCode::NOT_FOUND)),
        (RATE_LIMITED, Trigger::Status(StatusCode::TOO_MANY_REQUESTS)),
        (
            SERVER_ERROR,
            Trigger::Status(StatusCode::INTERNAL_SERVER_ERROR),
        ),
        (
            UNAVAILABLE,
            Trigger::Status(StatusCode::SERVICE_UNAVAILABLE),
        ),
        (SLOW, Trigger::Slow),
    ]
    .into_iter()
    .find(|(number, _)| crate::http::digits(number) == digits)
    .map(|(number, trigger)| (trigger, number))
}

/// Whether a number is one of the call outcomes ([`BUSY`] → `"busy"`, [`NO_ANSWER`] →
/// `"noAnswer"`), as a hangup cause.
pub(crate) fn call_outcome(number: &str) -> Option<&'static str> {
    let digits = crate::http::digits(number);
    if digits.is_empty() {
        None
    } else if digits == crate::http::digits(BUSY) {
        Some("busy")
    } else if digits == crate::http::digits(NO_ANSWER) {
        Some("noAnswer")
    } else {
        None
    }
}

/// The first reserved number among the strings of a JSON value.
fn find_in_json(value: &Value) -> Option<(Trigger, &'static str)> {
    match value {
        Value::String(text) => trigger_of(text),
        Value::Array(items) => items.iter().find_map(find_in_json),
        Value::Object(map) => map.values().find_map(find_in_json),
        _ => None,
    }
}

/// The first reserved number in the path, the query or the JSON body of a request.
fn find(request_path: &str, query: Option<&str>, body: &[u8]) -> Option<(Trigger, &'static str)> {
    let in_path = request_path.split('/').find_map(|segment| {
        let decoded = form_urlencoded::parse(format!("s={segment}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        trigger_of(&decoded)
    });
    in_path
        .or_else(|| {
            query.and_then(|q| {
                form_urlencoded::parse(q.as_bytes()).find_map(|(_, value)| trigger_of(&value))
            })
        })
        .or_else(|| {
            serde_json::from_slice::<Value>(body)
                .ok()
                .and_then(|json| find_in_json(&json))
        })
}

/// Fails (or slows down) a request that names a reserved test number; passes every other
/// request on untouched.
pub(crate) async fn inject(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_SCANNED_BODY).await {
        Ok(bytes) => bytes,
        Err(e) => {
            return ApiError::bad_request(format!("unreadable body: {e}")).into_response();
        }
    };
    let found = find(parts.uri.path(), parts.uri.query(), &bytes);
    let request = Request::from_parts(parts, Body::from(bytes));
    let Some((trigger, number)) = found else {
        return next.run(request).await;
    };
    tracing::info!(
        %number,
        path = %request.uri().path(),
        ?trigger,
        "sandbox test number: failing on demand"
    );
    match trigger {
        Trigger::Slow => {
            tokio::time::sleep(state.slow_answer).await;
            next.run(request).await
        }
        Trigger::Status(status) => {
            let reason = status.canonical_reason().unwrap_or("error");
            let detail = if status == StatusCode::PAYMENT_REQUIRED {
                format!("Insufficient funds (sandbox test number {number})")
            } else {
                format!("{reason} (sandbox test number {number})")
            };
            let mut response = ApiError::new(status, detail).into_response();
            if status == StatusCode::TOO_MANY_REQUESTS {
                response
                    .headers_mut()
                    .insert(RETRY_AFTER, RETRY_AFTER_SECONDS.into());
            }
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_found_in_any_spelling_and_any_place() {
        let status = |s: StatusCode| Some((Trigger::Status(s), PAYMENT_REQUIRED));
        assert_eq!(
            trigger_of("+4915700000402"),
            status(StatusCode::PAYMENT_REQUIRED)
        );
        assert_eq!(
            trigger_of("4915700000402"),
            status(StatusCode::PAYMENT_REQUIRED)
        );
        assert_eq!(
            trigger_of(" +49 157 0000-0402 "),
            status(StatusCode::PAYMENT_REQUIRED)
        );
        assert_eq!(
            trigger_of("+4915700000408").map(|t| t.0),
            Some(Trigger::Slow)
        );
        assert_eq!(trigger_of("+4915700000401"), None);
        assert_eq!(
            trigger_of("call +4915700000402"),
            None,
            "free text is no number"
        );
        assert_eq!(trigger_of(""), None);

        let body = br#"{"smsId":"s0","recipient":"+4915700000429","message":"hi"}"#;
        assert_eq!(
            find("/v2/sessions/sms", None, body).map(|t| t.1),
            Some(RATE_LIMITED)
        );
        assert_eq!(
            find("/v2/contacts", Some("phonenumbers=%2B4915700000404"), b"").map(|t| t.1),
            Some(NOT_FOUND)
        );
        assert_eq!(
            find("/v2/history/4915700000503", None, b"").map(|t| t.1),
            Some(UNAVAILABLE)
        );
        assert_eq!(
            find("/v2/blacklist/incoming/%2B4915700000500", None, b"").map(|t| t.1),
            Some(SERVER_ERROR)
        );
        let nested = br#"{"numbers":[{"number":"+4915700000403"}]}"#;
        assert_eq!(
            find("/v2/contacts", None, nested).map(|t| t.1),
            Some(FORBIDDEN)
        );
        assert_eq!(
            find(
                "/v2/sessions/sms",
                None,
                br#"{"recipient":"+4915739777777"}"#
            ),
            None
        );
    }

    #[test]
    fn call_outcomes() {
        assert_eq!(call_outcome("+4915700000486"), Some("busy"));
        assert_eq!(call_outcome("4915700000480"), Some("noAnswer"));
        assert_eq!(call_outcome("+4921100000000"), None);
        assert_eq!(call_outcome("anonymous"), None);
    }
}
