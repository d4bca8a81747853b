//! The inspector: a web page at the sandbox's root (`/`) that shows, live, what the sandbox
//! received and sent — REST requests with their status, the SMS outbox, faxes (the PDF
//! viewable), calls and their state, every webhook push with the form sent and the XML
//! answer, caller-id verification codes, OAuth sign-ins and refreshes — with a dialpad that
//! places an interactive simulated call and a reset button.
//!
//! Plain HTML, CSS and one small vanilla JavaScript file, embedded in the binary; the live
//! feed is server-sent events from the [event bus](crate::events).
//!
//! | method and path | what |
//! |---|---|
//! | `GET /` | the page |
//! | `GET /sandbox/inspector/{app.js,style.css}` | its assets |
//! | `GET /sandbox/inspector/events` | the live feed (`text/event-stream`, JSON per event; resumes after `Last-Event-ID`) |
//! | `GET /sandbox/inspector/account` | numbers, webhook URL, switches: what the dialpad offers |
//! | `GET /sandbox/inspector/faxes/{sessionId}` | a sent fax's PDF |
//! | `POST /sandbox/inspector/calls` | dialpad: place a call `{from, to, webhookUrl?}` → `{callId}` |
//! | `POST /sandbox/inspector/calls/{callId}/digits` | dialpad: keys `{digits}` for the waiting `<Gather>` |
//! | `POST /sandbox/inspector/calls/{callId}/no-input` | dialpad: let the waiting `<Gather>` time out |
//! | `POST /sandbox/inspector/calls/{callId}/hangup` | dialpad: hang up |
//! | `POST /sandbox/inspector/reset` | the account back to its seeded state |
//!
//! No credentials: the inspector is for the developer's own machine, like the sandbox. What
//! keeps other web pages out: requests must name the sandbox by IP address or `localhost`
//! (`Host`; a DNS-rebinding page names its own domain), and a `POST` must be JSON and come from
//! the page itself (`Origin`, when a browser sends one).

mod dialpad;

use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_SECURITY_POLICY, CONTENT_TYPE, HOST, ORIGIN,
    X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{Next, from_fn};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::stream::{self, Stream, StreamExt};
use serde_json::{Value, json};
use tokio::sync::broadcast::error::RecvError;

use crate::error::{ApiError, ApiResult};
use crate::events::{Record, Subscription};
use crate::http::JsonBody;
use crate::state::AppState;

const INDEX_HTML: &str = include_str!("index.html");
const APP_JS: &str = include_str!("app.js");
const STYLE_CSS: &str = include_str!("style.css");

/// Scripts, styles and requests from the sandbox only; no inline code; nothing embeds the page.
const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    connect-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'self'; \
    base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The inspector's own state: the sandbox and the dialpad's calls in progress.
#[derive(Debug)]
pub(crate) struct Inspector {
    shared: AppState,
    calls: Mutex<dialpad::Calls>,
}

impl Inspector {
    fn calls(&self) -> MutexGuard<'_, dialpad::Calls> {
        self.calls.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

type Ins = State<Arc<Inspector>>;

/// The inspector's routes (merged beside the API; not in the request log). Also starts the
/// fax clock that publishes fax status changes.
pub(crate) fn router(shared: &AppState) -> Router {
    crate::events::spawn_fax_clock(shared.clone());
    let inspector = Arc::new(Inspector {
        shared: shared.clone(),
        calls: Mutex::new(dialpad::Calls::default()),
    });
    Router::new()
        .route("/", get(page))
        .route("/sandbox/inspector/app.js", get(app_js))
        .route("/sandbox/inspector/style.css", get(style_css))
        .route("/sandbox/inspector/events", get(feed))
        .route("/sandbox/inspector/account", get(account))
        .route("/sandbox/inspector/faxes/{session_id}", get(fax_pdf))
        .route("/sandbox/inspector/calls", post(dialpad::place))
        .route(
            "/sandbox/inspector/calls/{call_id}/digits",
            post(dialpad::digits),
        )
        .route(
            "/sandbox/inspector/calls/{call_id}/no-input",
            post(dialpad::no_input),
        )
        .route(
            "/sandbox/inspector/calls/{call_id}/hangup",
            post(dialpad::hang_up),
        )
        .route("/sandbox/inspector/reset", post(reset))
        .layer(from_fn(guard))
        .with_state(inspector)
}

/// The host part of a `Host` header value (`127.0.0.1:8080` → `127.0.0.1`, `[::1]:80` → `::1`).
fn host_name(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or_default();
    }
    host.rsplit_once(':').map_or(host, |(name, _)| name)
}

/// Whether a `Host` names the sandbox by address or as `localhost` (not through some domain
/// that a web page could point at it: DNS rebinding).
fn local_host(host: &str) -> bool {
    let name = host_name(host).trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost") || name.parse::<IpAddr>().is_ok()
}

/// Keeps other web pages out (see the module docs).
async fn guard(request: Request, next: Next) -> Response {
    let headers = request.headers();
    let Some(host) = headers.get(HOST).and_then(|h| h.to_str().ok()) else {
        return forbidden("a Host header is required");
    };
    if !local_host(host) {
        return forbidden(
            "the inspector answers only when addressed by IP address or as localhost",
        );
    }
    if request.method() == Method::POST {
        let same_origin = headers
            .get(ORIGIN)
            .and_then(|o| o.to_str().ok())
            .is_none_or(|origin| origin == format!("http://{host}"));
        if !same_origin {
            return forbidden("the inspector accepts changes only from its own page");
        }
        let json = headers
            .get(CONTENT_TYPE)
            .and_then(|c| c.to_str().ok())
            .is_some_and(|c| c.to_ascii_lowercase().starts_with("application/json"));
        if !json {
            return ApiError::unsupported_media_type().into_response();
        }
    }
    next.run(request).await
}

fn forbidden(detail: &str) -> Response {
    ApiError::forbidden(detail).into_response()
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (CONTENT_TYPE, content_type),
            (CACHE_CONTROL, "no-cache"),
            (X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}

/// `GET /`: the page.
async fn page() -> Response {
    let mut response = asset("text/html; charset=utf-8", INDEX_HTML);
    response.headers_mut().insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(PAGE_POLICY),
    );
    response
}

async fn app_js() -> Response {
    asset("text/javascript; charset=utf-8", APP_JS)
}

async fn style_css() -> Response {
    asset("text/css; charset=utf-8", STYLE_CSS)
}

/// `GET /sandbox/inspector/account`: what the dialpad offers and the header shows.
async fn account(State(inspector): Ins) -> Json<Value> {
    let data = inspector.shared.lock();
    let numbers: Vec<Value> = data
        .numbers
        .iter()
        .map(|n| {
            json!({
                "number": n.number,
                "endpointId": n.endpoint_id,
                "endpointAlias": n.endpoint_alias,
            })
        })
        .collect();
    Json(json!({
        "tokenId": inspector.shared.credentials.token_id(),
        "numbers": numbers,
        "incomingUrl": data.settings.incoming_url,
        "outgoingUrl": data.settings.outgoing_url,
        "sipgateioBooked": data.sipgateio_booked,
        "noCredit": data.no_credit,
    }))
}

/// `GET /sandbox/inspector/faxes/{sessionId}`: the PDF as it was sent.
async fn fax_pdf(State(inspector): Ins, Path(session_id): Path<String>) -> ApiResult<Response> {
    let data = inspector.shared.lock();
    let fax = data
        .faxes
        .iter()
        .find(|f| f.session_id == session_id)
        .ok_or_else(|| ApiError::not_found(format!("Fax not found: {session_id}")))?;
    // The file name as an ASCII-safe token: it is the sender's text.
    let filename: String = fax
        .filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = HeaderValue::from_str(&format!("inline; filename=\"{filename}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("inline"));
    Ok((
        [
            (CONTENT_TYPE, HeaderValue::from_static("application/pdf")),
            (CONTENT_DISPOSITION, disposition),
            (X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        ],
        fax.content.clone(),
    )
        .into_response())
}

/// `POST /sandbox/inspector/reset`: the account back to its seeded state (switches such as
/// "no credit" stay), dialpad calls hung up, the feed emptied.
async fn reset(State(inspector): Ins, JsonBody(_): JsonBody<Value>) -> StatusCode {
    inspector.calls().hang_up_all();
    inspector.shared.lock().reset();
    inspector.shared.described.reset();
    inspector.shared.events.reset();
    StatusCode::NO_CONTENT
}

/// The sequence number to resume after: `Last-Event-ID` (an `EventSource` reconnecting),
/// `{instance}.{seq}`; an id of another instance (a restarted sandbox) starts afresh.
fn resume_after(headers: &HeaderMap, instance: &str) -> Option<u64> {
    let id = headers.get("last-event-id")?.to_str().ok()?;
    let (of, seq) = id.trim().split_once('.')?;
    if of == instance {
        seq.parse().ok()
    } else {
        None
    }
}

fn sse_event(instance: &str, record: &Record) -> SseEvent {
    SseEvent::default()
        .id(format!("{instance}.{}", record.seq))
        .data(&record.json)
}

/// `GET /sandbox/inspector/events`: a `hello` naming the sandbox instance, the recent events,
/// then the live ones, as server-sent events (`id` = `{instance}.{seq}`, `data` = the event's
/// JSON). A subscriber that falls too far behind is disconnected and, reconnecting with
/// `Last-Event-ID`, catches up; the stream ends when the sandbox stops.
async fn feed(
    State(inspector): Ins,
    headers: HeaderMap,
) -> Sse<impl Stream<Item = Result<SseEvent, std::convert::Infallible>>> {
    let instance = inspector.shared.events.instance().to_owned();
    let subscription = inspector
        .shared
        .events
        .subscribe(resume_after(&headers, &instance));
    let last = subscription.backlog.back().map(|r| r.seq);
    let hello =
        SseEvent::default().data(json!({ "type": "hello", "instance": instance }).to_string());
    let feed = Feed {
        instance,
        subscription,
        last,
    };
    let events = stream::unfold(feed, |mut feed| async move {
        if let Some(record) = feed.subscription.backlog.pop_front() {
            let event = sse_event(&feed.instance, &record);
            return Some((Ok(event), feed));
        }
        feed.next_live().await.map(|event| (Ok(event), feed))
    });
    let events = stream::once(async { Ok(hello) }).chain(events);
    Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// One subscriber's place in the feed.
struct Feed {
    instance: String,
    subscription: Subscription,
    /// The last sequence number sent.
    last: Option<u64>,
}

impl Feed {
    /// The next live event, skipping what the backlog already had; `None` ends the stream.
    async fn next_live(&mut self) -> Option<SseEvent> {
        loop {
            if *self.subscription.closed.borrow() {
                return None;
            }
            tokio::select! {
                received = self.subscription.live.recv() => match received {
                    Ok(record) if self.last.is_some_and(|seq| record.seq <= seq) => {}
                    Ok(record) => {
                        self.last = Some(record.seq);
                        return Some(sse_event(&self.instance, &record));
                    }
                    Err(RecvError::Lagged(_) | RecvError::Closed) => return None,
                },
                changed = self.subscription.closed.changed() => {
                    if changed.is_err() {
                        return None;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_addresses_and_localhost_are_local_hosts() {
        for host in [
            "127.0.0.1:8080",
            "localhost:1",
            "LOCALHOST",
            "app.localhost:3",
            "[::1]:8080",
            "10.0.0.7",
            "localhost.",
        ] {
            assert!(local_host(host), "{host}");
        }
        for host in [
            "evil.example:8080",
            "127.0.0.1.nip.io",
            "localhost.evil.example",
            "",
        ] {
            assert!(!local_host(host), "{host}");
        }
    }

    #[test]
    fn last_event_id_is_a_sequence_number_of_this_instance() {
        let mut headers = HeaderMap::new();
        assert_eq!(resume_after(&headers, "ab12"), None);
        headers.insert("last-event-id", HeaderValue::from_static("ab12.41"));
        assert_eq!(resume_after(&headers, "ab12"), Some(41));
        assert_eq!(resume_after(&headers, "cd34"), None);
        headers.insert("last-event-id", HeaderValue::from_static("ab12.x"));
        assert_eq!(resume_after(&headers, "ab12"), None);
        headers.insert("last-event-id", HeaderValue::from_static("41"));
        assert_eq!(resume_after(&headers, "ab12"), None);
    }
}
