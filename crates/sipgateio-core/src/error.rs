//! The one error type of every REST crate of the SDK.
//!
//! [`Error`] is an enum to match on; each variant holds a small context struct whose fields
//! are private and read through accessors, so later releases can add context without breaking
//! anyone. [`Error::kind`] answers "what went wrong" as one flat, `Copy` [`ErrorKind`].

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

/// Result alias used across the SDK's REST crates.
///
/// It stays at the crate root and is in no prelude, so it never shadows `std`'s or
/// `anyhow`'s `Result`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when calling the sipgate REST API.
///
/// Match on the variant for the HTTP meaning of a failure, or ask [`Error::kind`] for one flat
/// answer (it also tells a 5xx from other statuses and a failed connect from a broken
/// connection). The context structs inside ([`ApiError`], [`InvalidInput`], …) have accessors
/// for the details.
///
/// Domain crates attach their meaning of a status (for example "SMS sender not allowed" on a
/// 403 of the SMS endpoint) as [`ApiError::context`]; the variant stays the same so callers can
/// match on it.
///
/// ```
/// use sipgateio_core::{Error, ErrorKind};
///
/// let error = Error::invalid_input("to", "must be a phone number in E.164 format");
/// assert_eq!(error.to_string(), "invalid input `to`: must be a phone number in E.164 format");
/// assert_eq!(error.kind(), ErrorKind::InvalidInput);
/// assert_eq!(error.invalid_field(), Some("to"));
///
/// let error = Error::from_status(404, r#"{"message":"no such call"}"#, None)
///     .with_status_context(404, "call not found");
/// match &error {
///     Error::NotFound(api) => {
///         assert_eq!(api.status(), 404);
///         assert_eq!(api.context(), Some("call not found"));
///         assert_eq!(api.message(), Some("no such call"));
///     }
///     other => panic!("unexpected {other}"),
/// }
/// assert_eq!(error.to_string(), "not found: HTTP 404: call not found (server: no such call)");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// An argument or setting failed validation; no request was sent.
    InvalidInput(InvalidInput),
    /// The API answered 401: the credentials are missing, wrong or expired.
    Unauthorized(ApiError),
    /// The API answered 402: the account's balance is insufficient.
    PaymentRequired(ApiError),
    /// The API answered 403: not allowed, feature not booked or missing scope.
    Forbidden(ApiError),
    /// The API answered 404: the resource does not exist.
    NotFound(ApiError),
    /// The API answered 429: too many requests. [`ApiError::retry_after`] holds the delay the
    /// server asked for, if it sent one.
    RateLimited(ApiError),
    /// Any other non-success status ([`ErrorKind::Server`] for 5xx, [`ErrorKind::Api`] for
    /// the rest).
    Api(ApiError),
    /// The request did not finish within its timeout.
    Timeout(TimeoutError),
    /// The request could not be sent or the response could not be read
    /// (DNS, connection refused or reset, TLS, …).
    Transport(TransportError),
    /// Reading or writing a local file or stream failed (for example the writer of a
    /// streaming export).
    Io(std::io::Error),
    /// The response body did not have the expected shape, or was larger than the client's
    /// [`max_response_bytes`](crate::ClientBuilder::max_response_bytes).
    Decode(DecodeError),
    /// The API's answer rules out the operation (for example: the account has no SMS extension).
    Precondition(PreconditionError),
    /// The HTTP client itself could not be set up (for example the TLS backend failed to
    /// initialise). Bad settings given to the builder are [`Error::InvalidInput`] instead.
    Config(ConfigError),
    /// The client's [`TokenSource`](crate::TokenSource) could not provide a token, so no
    /// request was sent — for example an OAuth refresh that the server refused (the user must
    /// sign in again), or a token service that could not be reached. [`Error::kind`] is the
    /// kind the source chose ([`ErrorKind::Unauthorized`] for "sign in again"); the source's
    /// own error is the [`source`](std::error::Error::source) of this error.
    Credentials(CredentialsError),
}

/// What kind of failure an [`Error`] is: one flat answer for logging, metrics and retry
/// decisions.
///
/// It refines the variants where that helps a decision: an [`Error::Api`] is
/// [`Server`](Self::Server) for a 5xx and [`Api`](Self::Api) otherwise; an
/// [`Error::Transport`] is [`Connect`](Self::Connect) when the connection could not be
/// established (the request never left) and [`Transport`](Self::Transport) otherwise.
///
/// ```
/// use sipgateio_core::{Error, ErrorKind};
///
/// assert_eq!(Error::from_status(503, "", None).kind(), ErrorKind::Server);
/// assert_eq!(Error::from_status(409, "", None).kind(), ErrorKind::Api);
/// assert_eq!(Error::from_status(429, "", None).kind(), ErrorKind::RateLimited);
/// assert_eq!(Error::precondition("no SMS extension").kind(), ErrorKind::Precondition);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An argument or setting failed validation; nothing was sent.
    InvalidInput,
    /// HTTP 401, or an [`Error::Credentials`] whose token source says the credentials are
    /// wrong or expired for good (sign in again).
    Unauthorized,
    /// HTTP 402.
    PaymentRequired,
    /// HTTP 403.
    Forbidden,
    /// HTTP 404.
    NotFound,
    /// HTTP 429.
    RateLimited,
    /// HTTP 500–599.
    Server,
    /// Any other non-success HTTP status.
    Api,
    /// The request's timeout expired.
    Timeout,
    /// The connection could not be established; the request never left.
    Connect,
    /// The connection broke or the response could not be read.
    Transport,
    /// The response did not have the expected shape or size.
    Decode,
    /// A local file or stream failed.
    Io,
    /// The API's answer rules out the operation.
    Precondition,
    /// The HTTP client could not be set up.
    Config,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidInput(e) => write!(f, "invalid input `{}`: {}", e.field, e.rule),
            Self::Unauthorized(e) => write!(f, "unauthorized: {e}"),
            Self::PaymentRequired(e) => write!(f, "payment required: {e}"),
            Self::Forbidden(e) => write!(f, "forbidden: {e}"),
            Self::NotFound(e) => write!(f, "not found: {e}"),
            Self::RateLimited(e) => match e.retry_after {
                Some(delay) => write!(f, "rate limited (retry after {}s): {e}", delay.as_secs()),
                None => write!(f, "rate limited: {e}"),
            },
            Self::Api(e) => write!(f, "API error: {e}"),
            Self::Timeout(e) => write!(f, "request timed out after {:?}", e.timeout),
            Self::Transport(e) => {
                let connect = if e.connect {
                    " (could not connect)"
                } else {
                    ""
                };
                write!(f, "transport error{connect}: {}", e.source)
            }
            Self::Io(e) => write!(f, "I/O error: {e}"),
            Self::Decode(e) => write!(
                f,
                "could not decode the response at `{}`: {}",
                e.path, e.message
            ),
            Self::Precondition(e) => f.write_str(&e.message),
            Self::Config(e) => write!(f, "invalid configuration: {}", e.message),
            Self::Credentials(e) => write!(f, "credentials unavailable: {}", e.source),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport(e) => Some(&*e.source),
            Self::Io(e) => Some(e),
            Self::Credentials(e) => Some(&*e.source),
            _ => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Self {
        Self::Io(error)
    }
}

impl Error {
    /// Creates an [`Error::InvalidInput`] naming the field and the rule it broke.
    pub fn invalid_input(
        field: impl Into<Cow<'static, str>>,
        rule: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self::InvalidInput(InvalidInput {
            field: field.into(),
            rule: rule.into(),
        })
    }

    /// Creates an [`Error::Precondition`].
    pub fn precondition(message: impl Into<Cow<'static, str>>) -> Self {
        Self::Precondition(PreconditionError {
            message: message.into(),
        })
    }

    /// Creates an [`Error::Timeout`] for an operation that gave up after `timeout` (for
    /// example a crate's own polling loop).
    pub fn timeout(timeout: Duration) -> Self {
        Self::Timeout(TimeoutError { timeout })
    }

    /// Creates an [`Error::Decode`]: the value at the JSON `path` (`.` for the root) was
    /// wrong as `message` says; `body` is the raw response, kept truncated to 4 KiB.
    pub fn decode(
        path: impl Into<String>,
        message: impl Into<String>,
        body: impl Into<String>,
    ) -> Self {
        Self::Decode(DecodeError {
            path: path.into(),
            message: message.into(),
            body: truncate_body(body.into()),
        })
    }

    /// Builds the error for a non-success HTTP response.
    ///
    /// `retry_after` (the server's `Retry-After`) is kept for a 429 only, the one status the
    /// retry policy waits for.
    pub fn from_status(
        status: u16,
        body: impl Into<String>,
        retry_after: Option<Duration>,
    ) -> Self {
        let mut api = ApiError::new(status, body.into());
        match status {
            401 => Self::Unauthorized(api),
            402 => Self::PaymentRequired(api),
            403 => Self::Forbidden(api),
            404 => Self::NotFound(api),
            429 => {
                api.retry_after = retry_after;
                Self::RateLimited(api)
            }
            _ => Self::Api(api),
        }
    }

    /// Creates an [`Error::Credentials`]: a [`TokenSource`](crate::TokenSource) could not
    /// provide a token. `kind` says what the caller should do about it —
    /// [`ErrorKind::Unauthorized`] when the user must sign in again,
    /// [`ErrorKind::Connect`], [`ErrorKind::Transport`] or [`ErrorKind::Timeout`] when the
    /// token service could not be reached (the retry policy treats these as it treats the
    /// API's), [`ErrorKind::Server`] when it failed — and `source` is the source's own error
    /// (its `Display` becomes part of this error's, so it must not contain a token).
    ///
    /// ```
    /// use sipgateio_core::{Error, ErrorKind};
    ///
    /// let error = Error::credentials(
    ///     ErrorKind::Unauthorized,
    ///     "the refresh token expired: sign in again",
    /// );
    /// assert_eq!(error.kind(), ErrorKind::Unauthorized);
    /// assert_eq!(error.to_string(), "credentials unavailable: the refresh token expired: sign in again");
    /// ```
    pub fn credentials(
        kind: ErrorKind,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self::Credentials(CredentialsError {
            kind,
            source: source.into(),
        })
    }

    pub(crate) fn transport(
        connect: bool,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self::Transport(TransportError {
            connect,
            source: source.into(),
        })
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        Self::Config(ConfigError {
            message: message.into(),
        })
    }

    /// What kind of failure this is; see [`ErrorKind`].
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::InvalidInput(_) => ErrorKind::InvalidInput,
            Self::Unauthorized(_) => ErrorKind::Unauthorized,
            Self::PaymentRequired(_) => ErrorKind::PaymentRequired,
            Self::Forbidden(_) => ErrorKind::Forbidden,
            Self::NotFound(_) => ErrorKind::NotFound,
            Self::RateLimited(_) => ErrorKind::RateLimited,
            Self::Api(e) if (500..=599).contains(&e.status) => ErrorKind::Server,
            Self::Api(_) => ErrorKind::Api,
            Self::Timeout(_) => ErrorKind::Timeout,
            Self::Transport(e) if e.connect => ErrorKind::Connect,
            Self::Transport(_) => ErrorKind::Transport,
            Self::Io(_) => ErrorKind::Io,
            Self::Decode(_) => ErrorKind::Decode,
            Self::Precondition(_) => ErrorKind::Precondition,
            Self::Config(_) => ErrorKind::Config,
            Self::Credentials(e) => e.kind,
        }
    }

    /// The HTTP response behind this error, if it came from one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Unauthorized(e)
            | Self::PaymentRequired(e)
            | Self::Forbidden(e)
            | Self::NotFound(e)
            | Self::RateLimited(e)
            | Self::Api(e) => Some(e),
            _ => None,
        }
    }

    fn api_error_mut(&mut self) -> Option<&mut ApiError> {
        match self {
            Self::Unauthorized(e)
            | Self::PaymentRequired(e)
            | Self::Forbidden(e)
            | Self::NotFound(e)
            | Self::RateLimited(e)
            | Self::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The HTTP status, if the error came from a response.
    pub fn status(&self) -> Option<u16> {
        self.api_error().map(ApiError::status)
    }

    /// Whether this is an [`Error::InvalidInput`].
    pub fn is_invalid_input(&self) -> bool {
        self.kind() == ErrorKind::InvalidInput
    }

    /// The field named by an [`Error::InvalidInput`].
    pub fn invalid_field(&self) -> Option<&str> {
        match self {
            Self::InvalidInput(e) => Some(e.field()),
            _ => None,
        }
    }

    /// Attaches a domain meaning to an API error with the given status; other errors pass
    /// through unchanged.
    ///
    /// ```
    /// use sipgateio_core::Error;
    ///
    /// let error = Error::from_status(403, "", None)
    ///     .with_status_context(403, "SMS sender not allowed or sipgate.io not booked");
    /// assert!(error.to_string().contains("SMS sender not allowed"));
    /// ```
    #[must_use]
    pub fn with_status_context(
        mut self,
        status: u16,
        context: impl Into<Cow<'static, str>>,
    ) -> Self {
        if let Some(api) = self.api_error_mut()
            && api.status == status
        {
            api.context = Some(context.into());
        }
        self
    }

    /// Applies [`Error::with_status_context`] for every `(status, meaning)` pair of a table.
    #[must_use]
    pub fn with_status_contexts(mut self, table: &[(u16, &'static str)]) -> Self {
        for (status, context) in table {
            self = self.with_status_context(*status, *context);
        }
        self
    }

    /// Whether sending the same idempotent request again could succeed: a 429, a 502, 503
    /// or 504, a failed connect or a broken connection.
    ///
    /// This is exactly what the client's [`RetryPolicy`](crate::RetryPolicy) retries for
    /// `GET`, `PUT` and `DELETE` (both read [`Error::kind`]); for `POST` and `PATCH` it
    /// retries only [`ErrorKind::RateLimited`] and [`ErrorKind::Connect`], where the server
    /// provably did not act. A [`Timeout`](ErrorKind::Timeout) is not transient in this sense:
    /// the server may still be working on the request and the caller has already waited the
    /// whole timeout; retry it yourself (perhaps with a longer
    /// [`Client::with_timeout`](crate::Client::with_timeout)) if that is acceptable.
    ///
    /// ```
    /// use sipgateio_core::Error;
    ///
    /// assert!(Error::from_status(503, "", None).is_transient());
    /// assert!(!Error::from_status(500, "", None).is_transient());
    /// assert!(!Error::timeout(std::time::Duration::from_secs(30)).is_transient());
    /// ```
    pub fn is_transient(&self) -> bool {
        crate::retry::classify(self) != crate::retry::Retry::Never
    }
}

/// The context of an [`Error::InvalidInput`]: which field or argument was wrong, and the rule
/// it broke. Nothing was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidInput {
    field: Cow<'static, str>,
    rule: Cow<'static, str>,
}

impl InvalidInput {
    /// The name of the offending field, argument or builder setting (e.g. `to`, `base_url`).
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What the value must look like.
    pub fn rule(&self) -> &str {
        &self.rule
    }
}

/// The context of an [`Error::Timeout`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeoutError {
    timeout: Duration,
}

impl TimeoutError {
    /// The timeout that expired.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }
}

/// The context of an [`Error::Transport`]; the underlying error is the
/// [`source`](std::error::Error::source) of the [`Error`].
#[derive(Debug)]
pub struct TransportError {
    connect: bool,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl TransportError {
    /// Whether the error happened while connecting, so the request never left.
    pub fn is_connect(&self) -> bool {
        self.connect
    }
}

/// The context of an [`Error::Credentials`]; the token source's own error is the
/// [`source`](std::error::Error::source) of the [`Error`] (downcast it to the source's error
/// type for details).
#[derive(Debug)]
pub struct CredentialsError {
    kind: ErrorKind,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl CredentialsError {
    /// The token source's error.
    pub fn source(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        &*self.source
    }
}

/// The context of an [`Error::Decode`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    path: String,
    message: String,
    body: String,
}

impl DecodeError {
    /// The JSON path where decoding failed (`.` is the root, e.g. `items[1].id`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The raw response body, truncated to 4 KiB.
    pub fn body(&self) -> &str {
        &self.body
    }
}

/// The context of an [`Error::Precondition`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreconditionError {
    message: Cow<'static, str>,
}

impl PreconditionError {
    /// A description of what is missing.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// The context of an [`Error::Config`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    message: String,
}

impl ConfigError {
    /// What could not be set up.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// A non-success HTTP response from the API.
///
/// `Display` shows the status, the domain meaning (if a domain crate attached one) and the
/// server's message, parsed leniently from either `{"errors":[{"title","detail"}]}` or
/// `{"name","message"}` bodies.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiError {
    status: u16,
    context: Option<Cow<'static, str>>,
    message: Option<String>,
    body: String,
    retry_after: Option<Duration>,
}

const MAX_BODY: usize = 4096;

/// Cuts `text` to at most `MAX_BODY` bytes on a character boundary.
pub(crate) fn truncate_body(mut text: String) -> String {
    if text.len() > MAX_BODY {
        let mut cut = MAX_BODY;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        text.push('…');
    }
    text
}

impl ApiError {
    /// An API error from a status and a raw body; the server message is parsed from it.
    pub(crate) fn new(status: u16, body: String) -> Self {
        let body = truncate_body(body);
        let message = server_message(&body);
        Self {
            status,
            context: None,
            message,
            body,
            retry_after: None,
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The domain meaning of this status for the operation, if the domain crate knows one
    /// (e.g. "call not found").
    pub fn context(&self) -> Option<&str> {
        self.context.as_deref()
    }

    /// The server's message, if the body had one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The raw response body: at most the first 64 KiB are read from the network, and at most
    /// 4 KiB of those are kept (cut on a character boundary and marked with `…`).
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The delay the server asked for in `Retry-After` on a 429, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("context", &self.context)
            .field("message", &self.message)
            .field("body", &self.body)
            .field("retry_after", &self.retry_after)
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(context) = &self.context {
            write!(f, ": {context}")?;
        }
        match &self.message {
            Some(message) => write!(f, " (server: {message})"),
            None => Ok(()),
        }
    }
}

/// Extracts a human-readable message from an error body of any of the known shapes.
fn server_message(body: &str) -> Option<String> {
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return None;
    }
    let Ok(value) = serde_json::from_str::<serde_json::Value>(trimmed) else {
        // Plain text bodies are shown as they are; HTML error pages are not worth showing.
        if trimmed.starts_with('<') {
            return None;
        }
        return Some(first_line(trimmed));
    };
    if let Some(errors) = value.get("errors").and_then(|e| e.as_array()) {
        let parts: Vec<String> = errors
            .iter()
            .filter_map(|e| {
                let title = e.get("title").and_then(|t| t.as_str());
                let detail = e.get("detail").and_then(|t| t.as_str());
                match (title, detail) {
                    (Some(t), Some(d)) if !d.is_empty() => Some(format!("{t}: {d}")),
                    (Some(t), _) => Some(t.to_owned()),
                    (None, Some(d)) => Some(d.to_owned()),
                    (None, None) => None,
                }
            })
            .collect();
        if !parts.is_empty() {
            return Some(parts.join("; "));
        }
    }
    let text = |key: &str| {
        value
            .get(key)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
    };
    match (text("name"), text("message")) {
        (Some(name), Some(message)) => Some(format!("{name}: {message}")),
        (None, Some(message)) => Some(message.to_owned()),
        (Some(name), None) => Some(name.to_owned()),
        (None, None) => text("error")
            .or(text("detail"))
            .or(text("title"))
            .map(str::to_owned),
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let mut line: String = line.chars().take(300).collect();
    if line.len() < text.len() {
        line.push('…');
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_json_api_errors() {
        let body =
            r#"{"errors":[{"status":400,"title":"Bad Request","detail":"recipient invalid"}]}"#;
        let error = Error::from_status(400, body, None);
        assert_eq!(
            error.to_string(),
            "API error: HTTP 400 (server: Bad Request: recipient invalid)"
        );
        assert_eq!(error.api_error().map(ApiError::body), Some(body));
    }

    #[test]
    fn parses_name_message_errors() {
        let error = Error::from_status(403, r#"{"name":"FORBIDDEN","message":"no"}"#, None);
        assert_eq!(
            error.to_string(),
            "forbidden: HTTP 403 (server: FORBIDDEN: no)"
        );
    }

    #[test]
    fn tolerates_odd_bodies() {
        assert_eq!(server_message(""), None);
        assert_eq!(server_message("<html>oops</html>"), None);
        assert_eq!(server_message("[1,2]"), None);
        assert_eq!(server_message(r#"{"errors":"x"}"#), None);
        assert_eq!(server_message("plain text"), Some("plain text".into()));
    }

    #[test]
    fn context_applies_only_to_its_status() {
        let error = Error::from_status(404, "", None).with_status_context(403, "meaning");
        assert_eq!(error.to_string(), "not found: HTTP 404");
        let error = Error::from_status(404, "", None)
            .with_status_contexts(&[(403, "a"), (404, "call not found")]);
        assert_eq!(error.to_string(), "not found: HTTP 404: call not found");
    }

    #[test]
    fn rate_limited_shows_retry_after() {
        let error = Error::from_status(429, "", Some(Duration::from_secs(7)));
        assert_eq!(error.to_string(), "rate limited (retry after 7s): HTTP 429");
        assert_eq!(
            error.api_error().and_then(ApiError::retry_after),
            Some(Duration::from_secs(7))
        );
        let error = Error::from_status(429, "", None);
        assert_eq!(error.to_string(), "rate limited: HTTP 429");
    }

    #[test]
    fn retry_after_is_kept_for_429_only() {
        let error = Error::from_status(503, "", Some(Duration::from_secs(7)));
        assert_eq!(error.api_error().and_then(ApiError::retry_after), None);
    }

    #[test]
    fn truncates_huge_bodies_on_char_boundaries() {
        let body = "ä".repeat(5000);
        let api = ApiError::new(500, body);
        assert!(api.body().len() <= MAX_BODY + '…'.len_utf8());
        assert!(api.body().ends_with('…'));
        let short = ApiError::new(500, "ä".repeat(10));
        assert_eq!(short.body(), "ä".repeat(10));
    }

    fn io_error() -> Error {
        Error::from(std::io::Error::other("disk full"))
    }

    fn transport(connect: bool) -> Error {
        Error::transport(connect, std::io::Error::other("connection reset"))
    }

    /// One of every variant (and both halves of the refined ones), with its kind and Display.
    fn every_variant() -> Vec<(Error, ErrorKind, &'static str)> {
        vec![
            (
                Error::invalid_input("to", "must be E.164"),
                ErrorKind::InvalidInput,
                "invalid input `to`: must be E.164",
            ),
            (
                Error::from_status(401, "", None),
                ErrorKind::Unauthorized,
                "unauthorized: HTTP 401",
            ),
            (
                Error::from_status(402, "", None),
                ErrorKind::PaymentRequired,
                "payment required: HTTP 402",
            ),
            (
                Error::from_status(403, "", None),
                ErrorKind::Forbidden,
                "forbidden: HTTP 403",
            ),
            (
                Error::from_status(404, "", None),
                ErrorKind::NotFound,
                "not found: HTTP 404",
            ),
            (
                Error::from_status(429, "", None),
                ErrorKind::RateLimited,
                "rate limited: HTTP 429",
            ),
            (
                Error::from_status(500, "", None),
                ErrorKind::Server,
                "API error: HTTP 500",
            ),
            (
                Error::from_status(599, "", None),
                ErrorKind::Server,
                "API error: HTTP 599",
            ),
            (
                Error::from_status(400, "", None),
                ErrorKind::Api,
                "API error: HTTP 400",
            ),
            (
                Error::from_status(600, "", None),
                ErrorKind::Api,
                "API error: HTTP 600",
            ),
            (
                Error::timeout(Duration::from_millis(300)),
                ErrorKind::Timeout,
                "request timed out after 300ms",
            ),
            (
                transport(true),
                ErrorKind::Connect,
                "transport error (could not connect): connection reset",
            ),
            (
                transport(false),
                ErrorKind::Transport,
                "transport error: connection reset",
            ),
            (io_error(), ErrorKind::Io, "I/O error: disk full"),
            (
                Error::decode("items[0].id", "invalid type", "{}"),
                ErrorKind::Decode,
                "could not decode the response at `items[0].id`: invalid type",
            ),
            (
                Error::precondition("no SMS extension"),
                ErrorKind::Precondition,
                "no SMS extension",
            ),
            (
                Error::config("no TLS"),
                ErrorKind::Config,
                "invalid configuration: no TLS",
            ),
            (
                Error::credentials(ErrorKind::Unauthorized, "sign in again"),
                ErrorKind::Unauthorized,
                "credentials unavailable: sign in again",
            ),
            (
                Error::credentials(ErrorKind::Connect, "token service unreachable"),
                ErrorKind::Connect,
                "credentials unavailable: token service unreachable",
            ),
        ]
    }

    #[test]
    fn every_variant_has_its_kind_and_display() {
        for (error, kind, display) in every_variant() {
            assert_eq!(error.kind(), kind, "{error:?}");
            assert_eq!(error.to_string(), display, "{error:?}");
        }
    }

    #[test]
    fn accessors_read_the_context() {
        let error = Error::invalid_input("base_url", "must be absolute");
        let Error::InvalidInput(input) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(
            (input.field(), input.rule()),
            ("base_url", "must be absolute")
        );
        assert!(error.is_invalid_input());
        assert_eq!(error.invalid_field(), Some("base_url"));
        assert_eq!(error.status(), None);

        let error = Error::from_status(403, r#"{"message":"no"}"#, None)
            .with_status_context(403, "not booked");
        let api = error.api_error().expect("an API error");
        assert_eq!(api.status(), 403);
        assert_eq!(api.context(), Some("not booked"));
        assert_eq!(api.message(), Some("no"));
        assert_eq!(api.body(), r#"{"message":"no"}"#);
        assert_eq!(api.retry_after(), None);
        assert_eq!(error.status(), Some(403));
        assert!(!error.is_invalid_input());
        assert_eq!(error.invalid_field(), None);

        let Error::Timeout(timeout) = Error::timeout(Duration::from_secs(3)) else {
            panic!("not a timeout")
        };
        assert_eq!(timeout.timeout(), Duration::from_secs(3));

        let Error::Transport(transport_error) = transport(true) else {
            panic!("not a transport error")
        };
        assert!(transport_error.is_connect());
        let Error::Transport(transport_error) = transport(false) else {
            panic!("not a transport error")
        };
        assert!(!transport_error.is_connect());
        let source = std::error::Error::source(&transport(false)).map(ToString::to_string);
        assert_eq!(source.as_deref(), Some("connection reset"));

        let Error::Decode(decode) = Error::decode("a.b", "expected a string", "x".repeat(5000))
        else {
            panic!("not a decode error")
        };
        assert_eq!(decode.path(), "a.b");
        assert_eq!(decode.message(), "expected a string");
        assert_eq!(decode.body().len(), MAX_BODY + '…'.len_utf8());

        let Error::Precondition(precondition) = Error::precondition("no faxline") else {
            panic!("not a precondition")
        };
        assert_eq!(precondition.message(), "no faxline");
        let Error::Config(config) = Error::config("no TLS") else {
            panic!("not a config error")
        };
        assert_eq!(config.message(), "no TLS");

        let error = Error::credentials(ErrorKind::Timeout, "token service too slow");
        let Error::Credentials(credentials) = &error else {
            panic!("not a credentials error")
        };
        assert_eq!(credentials.source().to_string(), "token service too slow");
        let source = std::error::Error::source(&error).map(ToString::to_string);
        assert_eq!(source.as_deref(), Some("token service too slow"));
        assert_eq!(error.status(), None);
    }
}
