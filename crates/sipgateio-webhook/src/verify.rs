//! The request pipeline before a handler runs: method, source address, size, content type,
//! signature, parsing. Shared by the server and the [`VerifiedEvent`] extractor.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

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
const DEFAULT_BODY_LIMIT: usize = 64 * 1024;

/// The default [`WebhookVerifier::body_read_timeout`]: 10 seconds.
pub(crate) const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Checks a request before any handler sees it, in this order:
///
/// 1. method: `POST`, else 405;
/// 2. source address, when an [`IpAllowList`] is set: else 403;
/// 3. declared size (`Content-Length`): at most the body limit (default 64 KiB, see
///    [`body_limit`](Self::body_limit)), else 413;
/// 4. content type: `application/x-www-form-urlencoded` (parameters allowed; a request
///    without a `Content-Type` header is accepted), else 415;
/// 5. `X-Sipgate-Signature` present and base64 of exactly the key's signature length, else
///    401 — **before a byte of the body is read**, so unsigned or garbage-signed requests cost
///    no memory and no waiting; skipped only after
///    [`WebhookVerifier::skip_signature_verification`];
/// 6. the body, read in full within the body read timeout (default 10 s, else 408) and the
///    body limit (else 413);
/// 7. the signature checked against the body with the public key (sipgate's by default), else
///    401;
/// 8. the body parses as an event with an `event` field, else 400.
///
/// These checks run per request wherever the verifier runs: in
/// [`WebhookServer::router`](crate::WebhookServer::router) mounted in your own app, in the
/// [`VerifiedEvent`] extractor and in [`WebhookServer::serve`](crate::WebhookServer::serve).
///
/// ```
/// use std::time::Duration;
/// use sipgateio_webhook::{IpAllowList, PublicKey, WebhookVerifier};
///
/// let verifier = WebhookVerifier::new(PublicKey::sipgate())
///     .body_limit(16 * 1024)
///     .body_read_timeout(Duration::from_secs(5))
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
    body_read_timeout: Duration,
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
    /// Verify signatures with `key`; no allow-list; the default body limit and body read
    /// timeout.
    pub fn new(key: PublicKey) -> Self {
        Self {
            inner: Arc::new(Settings {
                key: Some(key),
                body_limit: DEFAULT_BODY_LIMIT,
                body_read_timeout: DEFAULT_BODY_READ_TIMEOUT,
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

    /// Refuse bodies larger than `bytes` with 413. While a body is read, at most this much of
    /// it is held in memory per request.
    ///
    /// Default: **64 KiB** (65,536 bytes). A real webhook is well under 1 KiB; the margin
    /// leaves room for long user lists without letting a client make the server buffer much.
    #[must_use]
    pub fn body_limit(self, bytes: usize) -> Self {
        self.with(|settings| settings.body_limit = bytes)
    }

    /// The total time a request's body may take to arrive, counted from when the verifier
    /// starts reading it; a body that is not complete by then is answered with 408 and the
    /// connection is closed.
    ///
    /// Default: **10 seconds**. sipgate documents no webhook timeout. A webhook body is well
    /// under 1 KiB and arrives in the same packet as the request head; 10 s leaves room for
    /// TCP retransmissions on a bad path (1 + 2 + 4 s of backoff) while a client that
    /// announces a body and stalls holds its memory (up to the body limit) for at most that
    /// long.
    #[must_use]
    pub fn body_read_timeout(self, timeout: Duration) -> Self {
        self.with(|settings| settings.body_read_timeout = timeout)
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
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0);
        self.verify_request(request, peer)
            .await
            .map_err(|mut rejection| {
                rejection.peer = peer;
                rejection
            })
    }

    async fn verify_request(
        &self,
        request: Request,
        peer: Option<SocketAddr>,
    ) -> Result<Event, WebhookRejection> {
        let (parts, body) = request.into_parts();
        if parts.method != Method::POST {
            return Err(WebhookRejection::new(
                RejectionKind::MethodNotAllowed,
                StatusCode::METHOD_NOT_ALLOWED,
                "webhooks must be POST requests",
            ));
        }
        if let Some(list) = &self.inner.allow_list {
            let Some(peer) = peer.map(|peer| peer.ip()) else {
                tracing::error!(
                    "the IP allow-list needs the peer address: serve the router with into_make_service_with_connect_info::<SocketAddr>()"
                );
                return Err(WebhookRejection::new(
                    RejectionKind::PeerUnknown,
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the peer address is unknown",
                ));
            };
            if !list.permits(peer, &parts.headers) {
                tracing::warn!(%peer, "webhook refused: source address not allowed");
                return Err(WebhookRejection::new(
                    RejectionKind::SourceNotAllowed,
                    StatusCode::FORBIDDEN,
                    "source address not allowed",
                ));
            }
        }
        self.check_head(&parts.headers)?;
        // Refuse before buffering: the signature's presence and shape are known from the head.
        let signature = match &self.inner.key {
            Some(key) => Some((key, decode_signature(key, &parts.headers)?)),
            None => None,
        };
        let body = self.read_body(body).await?;
        if let Some((key, signature)) = signature
            && !key.verify_decoded(&body, &signature)
        {
            tracing::warn!("webhook refused: signature verification failed");
            return Err(WebhookRejection::new(
                RejectionKind::SignatureInvalid,
                StatusCode::UNAUTHORIZED,
                "signature verification failed",
            ));
        }
        Event::from_form(&body).map_err(|error| {
            tracing::warn!(%error, "webhook refused: malformed body");
            WebhookRejection::new(
                RejectionKind::Malformed,
                StatusCode::BAD_REQUEST,
                error.to_string(),
            )
        })
    }

    /// The checks on the request head: declared size and content type.
    fn check_head(&self, headers: &HeaderMap) -> Result<(), WebhookRejection> {
        let limit = self.inner.body_limit;
        let declared = headers
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<u64>().ok());
        if declared.is_some_and(|length| length > limit as u64) {
            return Err(too_large(limit));
        }
        if let Some(content_type) = headers.get(header::CONTENT_TYPE)
            && !is_form(content_type)
        {
            tracing::warn!(?content_type, "webhook refused: wrong content type");
            return Err(WebhookRejection::new(
                RejectionKind::UnsupportedMediaType,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "webhooks must be application/x-www-form-urlencoded",
            ));
        }
        Ok(())
    }

    /// Reads the body within the body read timeout and the body limit.
    async fn read_body(&self, body: Body) -> Result<Bytes, WebhookRejection> {
        let limit = self.inner.body_limit;
        let timeout = self.inner.body_read_timeout;
        match tokio::time::timeout(timeout, Limited::new(body, limit).collect()).await {
            Ok(Ok(collected)) => Ok(collected.to_bytes()),
            Ok(Err(error)) if error.downcast_ref::<LengthLimitError>().is_some() => {
                Err(too_large(limit))
            }
            Ok(Err(error)) => {
                tracing::warn!(%error, "webhook refused: the body could not be read");
                Err(WebhookRejection::new(
                    RejectionKind::BodyUnreadable,
                    StatusCode::BAD_REQUEST,
                    format!("could not read the body: {error}"),
                ))
            }
            Err(_) => {
                tracing::warn!(?timeout, "webhook refused: the body did not arrive in time");
                Err(WebhookRejection::new(
                    RejectionKind::BodyTimeout,
                    StatusCode::REQUEST_TIMEOUT,
                    format!("the body did not arrive within {} ms", timeout.as_millis()),
                ))
            }
        }
    }
}

fn too_large(limit: usize) -> WebhookRejection {
    tracing::warn!(limit, "webhook refused: body too large");
    WebhookRejection::new(
        RejectionKind::TooLarge,
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("the body exceeds {limit} bytes"),
    )
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

/// The decoded `X-Sipgate-Signature`, if present and of the key's shape (from the head only).
fn decode_signature(key: &PublicKey, headers: &HeaderMap) -> Result<Vec<u8>, WebhookRejection> {
    let Some(signature) = headers.get(SIGNATURE_HEADER) else {
        tracing::warn!("webhook refused: X-Sipgate-Signature missing");
        return Err(WebhookRejection::new(
            RejectionKind::SignatureMissing,
            StatusCode::UNAUTHORIZED,
            "X-Sipgate-Signature is missing",
        ));
    };
    signature
        .to_str()
        .ok()
        .and_then(|signature| key.decode_signature(signature))
        .ok_or_else(|| {
            tracing::warn!("webhook refused: X-Sipgate-Signature is malformed");
            WebhookRejection::new(
                RejectionKind::SignatureMalformed,
                StatusCode::UNAUTHORIZED,
                format!(
                    "X-Sipgate-Signature is not base64 of a {}-byte signature",
                    key.signature_len()
                ),
            )
        })
}

/// Why a request was refused: one value per check of the [`WebhookVerifier`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RejectionKind {
    /// Not a `POST` (405).
    MethodNotAllowed,
    /// The source address is not on the allow-list (403).
    SourceNotAllowed,
    /// An allow-list is set but the peer address is unknown: the app is served without
    /// connect info (500).
    PeerUnknown,
    /// The body is larger than the body limit (413).
    TooLarge,
    /// Not `application/x-www-form-urlencoded` (415).
    UnsupportedMediaType,
    /// No `X-Sipgate-Signature` header (401).
    SignatureMissing,
    /// `X-Sipgate-Signature` is not base64 of a signature of the key's length (401).
    SignatureMalformed,
    /// The signature does not match the body under the configured key (401): signed with
    /// another key (e.g. the sandbox's) or tampered with.
    SignatureInvalid,
    /// The body did not arrive within the body read timeout (408).
    BodyTimeout,
    /// The body could not be read (400): the client closed the connection or sent a broken
    /// chunked encoding.
    BodyUnreadable,
    /// The body is not a webhook form with an `event` field (400).
    Malformed,
}

/// A refused webhook request: the status, a short plain-text reason, which check refused it
/// and, when known, the peer address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookRejection {
    kind: RejectionKind,
    status: StatusCode,
    message: String,
    peer: Option<SocketAddr>,
}

impl WebhookRejection {
    pub(crate) fn new(kind: RejectionKind, status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            kind,
            status,
            message: message.into(),
            peer: None,
        }
    }

    /// Which check refused the request.
    pub fn kind(&self) -> RejectionKind {
        self.kind
    }

    /// The HTTP status the request is answered with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The TCP peer, when the app is served with connect info (as
    /// [`WebhookServer::serve`](crate::WebhookServer::serve) does).
    pub fn peer(&self) -> Option<SocketAddr> {
        self.peer
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
