//! The request pipeline before a handler runs: method, source address, size, content type,
//! signature, parsing. Shared by the server and the [`VerifiedEvent`] extractor.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRef, FromRequest, Request};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::event::Event;
use crate::ip::IpAllowList;
use crate::signature::{PublicKey, SIGNATURE_HEADER};

/// The default body limit: 64 KiB (a real webhook is well under 1 KiB).
pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;

/// Checks a request before any handler sees it, in this order:
///
/// 1. method: `POST`, else 405;
/// 2. source address, when an [`IpAllowList`] is set: else 403;
/// 3. size: at most the body limit (default [`DEFAULT_BODY_LIMIT`]), else 413;
/// 4. content type: `application/x-www-form-urlencoded` (parameters allowed; a missing header
///    is accepted, as in Node), else 415;
/// 5. `X-Sipgate-Signature` against the public key (sipgate's by default), else 401; skipped
///    only after [`WebhookVerifier::skip_signature_verification`];
/// 6. the body parses as an event with an `event` field, else 400.
///
/// ```
/// use sipgateio_webhook::{IpAllowList, PublicKey, WebhookVerifier};
///
/// let verifier = WebhookVerifier::new(PublicKey::sipgate())
///     .body_limit(16 * 1024)
///     .ip_allow_list(IpAllowList::sipgate());
/// # let _ = verifier;
/// ```
#[derive(Clone)]
pub struct WebhookVerifier {
    inner: Arc<Settings>,
}

#[derive(Debug, Clone)]
struct Settings {
    key: Option<PublicKey>,
    body_limit: usize,
    allow_list: Option<IpAllowList>,
}

impl Default for WebhookVerifier {
    fn default() -> Self {
        Self::new(PublicKey::sipgate())
    }
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl WebhookVerifier {
    /// Verify signatures with `key`; no allow-list; the default body limit.
    pub fn new(key: PublicKey) -> Self {
        Self {
            inner: Arc::new(Settings {
                key: Some(key),
                body_limit: DEFAULT_BODY_LIMIT,
                allow_list: None,
            }),
        }
    }

    /// Accept unsigned requests. Only for local development or when another layer checks
    /// authenticity: anyone who can reach the server can then fake calls.
    #[must_use]
    pub fn skip_signature_verification(self) -> Self {
        self.with(|settings| settings.key = None)
    }

    /// Verify with this key instead (e.g. the sandbox's).
    #[must_use]
    pub fn public_key(self, key: PublicKey) -> Self {
        self.with(|settings| settings.key = Some(key))
    }

    /// Refuse bodies larger than `bytes` with 413.
    #[must_use]
    pub fn body_limit(self, bytes: usize) -> Self {
        self.with(|settings| settings.body_limit = bytes)
    }

    /// Refuse requests from other addresses with 403. The router must then be served with
    /// `into_make_service_with_connect_info::<SocketAddr>()` (as
    /// [`WebhookServer::serve`](crate::WebhookServer::serve) does); without the peer address a
    /// request is refused with 500.
    #[must_use]
    pub fn ip_allow_list(self, list: IpAllowList) -> Self {
        self.with(|settings| settings.allow_list = Some(list))
    }

    /// Whether signatures are checked.
    pub fn verifies_signatures(&self) -> bool {
        self.inner.key.is_some()
    }

    fn with(mut self, change: impl FnOnce(&mut Settings)) -> Self {
        change(Arc::make_mut(&mut self.inner));
        self
    }

    /// Run the whole pipeline on a request.
    pub async fn verify(&self, request: Request) -> Result<Event, WebhookRejection> {
        let (parts, body) = request.into_parts();
        if parts.method != Method::POST {
            return Err(WebhookRejection::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "webhooks must be POST requests",
            ));
        }
        if let Some(list) = &self.inner.allow_list {
            let peer = parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|info| info.0.ip());
            let Some(peer) = peer else {
                tracing::error!(
                    "the IP allow-list needs the peer address: serve the router with into_make_service_with_connect_info::<SocketAddr>()"
                );
                return Err(WebhookRejection::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the peer address is unknown",
                ));
            };
            if !list.permits(peer, &parts.headers) {
                tracing::warn!(%peer, "webhook refused: source address not allowed");
                return Err(WebhookRejection::new(
                    StatusCode::FORBIDDEN,
                    "source address not allowed",
                ));
            }
        }
        let body = self.read_body(&parts.headers, body).await?;
        if let Some(key) = &self.inner.key {
            check_signature(key, &parts.headers, &body)?;
        }
        Event::from_form(&body).map_err(|error| {
            tracing::warn!(%error, "webhook refused: malformed body");
            WebhookRejection::new(StatusCode::BAD_REQUEST, error.to_string())
        })
    }

    async fn read_body(&self, headers: &HeaderMap, body: Body) -> Result<Bytes, WebhookRejection> {
        let limit = self.inner.body_limit;
        let too_large = || {
            tracing::warn!(limit, "webhook refused: body too large");
            WebhookRejection::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the body exceeds {limit} bytes"),
            )
        };
        let declared = headers
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<u64>().ok());
        if declared.is_some_and(|length| length > limit as u64) {
            return Err(too_large());
        }
        if let Some(content_type) = headers.get(header::CONTENT_TYPE)
            && !is_form(content_type)
        {
            tracing::warn!(?content_type, "webhook refused: wrong content type");
            return Err(WebhookRejection::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "webhooks must be application/x-www-form-urlencoded",
            ));
        }
        match Limited::new(body, limit).collect().await {
            Ok(collected) => Ok(collected.to_bytes()),
            Err(error) if error.downcast_ref::<LengthLimitError>().is_some() => Err(too_large()),
            Err(error) => Err(WebhookRejection::new(
                StatusCode::BAD_REQUEST,
                format!("could not read the body: {error}"),
            )),
        }
    }
}

fn is_form(content_type: &HeaderValue) -> bool {
    content_type
        .to_str()
        .ok()
        .and_then(|value| value.split(';').next())
        .is_some_and(|essence| {
            essence
                .trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

fn check_signature(
    key: &PublicKey,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), WebhookRejection> {
    let Some(signature) = headers.get(SIGNATURE_HEADER) else {
        tracing::warn!("webhook refused: X-Sipgate-Signature missing");
        return Err(WebhookRejection::new(
            StatusCode::UNAUTHORIZED,
            "X-Sipgate-Signature is missing",
        ));
    };
    let valid = signature
        .to_str()
        .is_ok_and(|signature| key.verify(body, signature));
    if valid {
        Ok(())
    } else {
        tracing::warn!("webhook refused: signature verification failed");
        Err(WebhookRejection::new(
            StatusCode::UNAUTHORIZED,
            "signature verification failed",
        ))
    }
}

/// A refused webhook request: the status and a short plain-text reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookRejection {
    status: StatusCode,
    message: String,
}

impl WebhookRejection {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    /// The HTTP status the request is answered with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Why the request was refused.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for WebhookRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.status, self.message)
    }
}

impl std::error::Error for WebhookRejection {}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.message).into_response();
        if self.status == StatusCode::METHOD_NOT_ALLOWED {
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("POST"));
        }
        response
    }
}

/// An axum extractor for your own routes: a webhook that passed the [`WebhookVerifier`] in your
/// state (method, allow-list, size, content type, signature, parsing).
///
/// ```no_run
/// use axum::{Router, routing::post};
/// use sipgateio_webhook::{Event, VerifiedEvent, WebhookVerifier, Xml};
/// use sipgateio_webhook::xml::{Response, RejectReason};
///
/// async fn hook(VerifiedEvent(event): VerifiedEvent) -> Xml {
///     match event {
///         Event::NewCall(call) if call.from == "anonymous" => Xml(Response::reject(RejectReason::Busy)),
///         _ => Xml(Response::empty()),
///     }
/// }
///
/// let app: Router = Router::new()
///     .route("/hook", post(hook))
///     .with_state(WebhookVerifier::default());
/// ```
#[derive(Debug, Clone)]
pub struct VerifiedEvent(pub Event);

impl<S> FromRequest<S> for VerifiedEvent
where
    S: Send + Sync,
    WebhookVerifier: FromRef<S>,
{
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        WebhookVerifier::from_ref(state)
            .verify(request)
            .await
            .map(VerifiedEvent)
    }
}

/// An XML answer as an axum response: status 200, `Content-Type: application/xml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Xml(pub sipgateio_xml::Response);

impl IntoResponse for Xml {
    fn into_response(self) -> Response {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/xml"),
            )],
            self.0.to_xml(),
        )
            .into_response()
    }
}
