//! The one error type of every REST crate of the SDK.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

/// Result alias used across the SDK's REST crates.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when calling the sipgate REST API.
///
/// Domain crates attach their meaning of a status (for example "SMS sender not allowed" on a
/// 403 of the SMS endpoint) as [`ApiError::context`]; the variant stays the same so callers can
/// match on it.
///
/// ```
/// use sipgateio_core::Error;
///
/// let error = Error::invalid_input("to", "must be a phone number in E.164 format");
/// assert_eq!(error.to_string(), "invalid input `to`: must be a phone number in E.164 format");
/// assert!(error.is_invalid_input());
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An argument failed validation; no request was sent.
    #[error("invalid input `{field}`: {rule}")]
    InvalidInput {
        /// The name of the offending field or argument.
        field: Cow<'static, str>,
        /// What the value must look like.
        rule: Cow<'static, str>,
    },
    /// The API answered 401: the credentials are missing, wrong or expired.
    #[error("unauthorized: {0}")]
    Unauthorized(ApiError),
    /// The API answered 402: the account's balance is insufficient.
    #[error("payment required: {0}")]
    PaymentRequired(ApiError),
    /// The API answered 403: not allowed, feature not booked or missing scope.
    #[error("forbidden: {0}")]
    Forbidden(ApiError),
    /// The API answered 404: the resource does not exist.
    #[error("not found: {0}")]
    NotFound(ApiError),
    /// The API answered 429: too many requests.
    #[error("rate limited{}: {error}", retry_after_suffix(*.retry_after))]
    RateLimited {
        /// The delay the server asked for in `Retry-After`, if any.
        retry_after: Option<Duration>,
        /// The response.
        error: ApiError,
    },
    /// Any other non-success status.
    #[error("API error: {0}")]
    Api(ApiError),
    /// The request did not finish within its timeout.
    #[error("request timed out after {timeout:?}")]
    Timeout {
        /// The timeout that expired.
        timeout: Duration,
    },
    /// The request could not be sent or the response could not be read
    /// (DNS, connection refused or reset, TLS, …).
    #[error("transport error{}: {source}", if *.connect { " (could not connect)" } else { "" })]
    Transport {
        /// Whether the error happened while connecting, so the request never left.
        connect: bool,
        /// The underlying error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// Reading or writing a local file or stream failed (for example the writer of a
    /// streaming export).
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The response body did not have the expected shape.
    #[error("could not decode the response at `{path}`: {message}")]
    Decode {
        /// The JSON path where decoding failed (`.` is the root).
        path: String,
        /// What was wrong.
        message: String,
        /// The raw response body (truncated to 4 KiB).
        body: String,
    },
    /// The API's answer rules out the operation (for example: the account has no SMS extension).
    #[error("{message}")]
    Precondition {
        /// A description of what is missing.
        message: Cow<'static, str>,
    },
    /// The client was configured wrongly (bad base URL, header or HTTP client setup).
    #[error("invalid configuration: {0}")]
    Config(String),
}

fn retry_after_suffix(retry_after: Option<Duration>) -> String {
    retry_after.map_or_else(String::new, |d| format!(" (retry after {}s)", d.as_secs()))
}

impl Error {
    /// Creates an [`Error::InvalidInput`] naming the field and the rule it broke.
    pub fn invalid_input(
        field: impl Into<Cow<'static, str>>,
        rule: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self::InvalidInput {
            field: field.into(),
            rule: rule.into(),
        }
    }

    /// Creates an [`Error::Precondition`].
    pub fn precondition(message: impl Into<Cow<'static, str>>) -> Self {
        Self::Precondition {
            message: message.into(),
        }
    }

    /// Builds the error for a non-success HTTP response.
    pub fn from_status(
        status: u16,
        body: impl Into<String>,
        retry_after: Option<Duration>,
    ) -> Self {
        let api = ApiError::new(status, body.into());
        match status {
            401 => Self::Unauthorized(api),
            402 => Self::PaymentRequired(api),
            403 => Self::Forbidden(api),
            404 => Self::NotFound(api),
            429 => Self::RateLimited {
                retry_after,
                error: api,
            },
            _ => Self::Api(api),
        }
    }

    /// The HTTP response behind this error, if it came from one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Unauthorized(e)
            | Self::PaymentRequired(e)
            | Self::Forbidden(e)
            | Self::NotFound(e)
            | Self::Api(e)
            | Self::RateLimited { error: e, .. } => Some(e),
            _ => None,
        }
    }

    fn api_error_mut(&mut self) -> Option<&mut ApiError> {
        match self {
            Self::Unauthorized(e)
            | Self::PaymentRequired(e)
            | Self::Forbidden(e)
            | Self::NotFound(e)
            | Self::Api(e)
            | Self::RateLimited { error: e, .. } => Some(e),
            _ => None,
        }
    }

    /// The HTTP status, if the error came from a response.
    pub fn status(&self) -> Option<u16> {
        self.api_error().map(|e| e.status)
    }

    /// Whether this is an [`Error::InvalidInput`].
    pub fn is_invalid_input(&self) -> bool {
        matches!(self, Self::InvalidInput { .. })
    }

    /// The field named by an [`Error::InvalidInput`].
    pub fn invalid_field(&self) -> Option<&str> {
        match self {
            Self::InvalidInput { field, .. } => Some(field),
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

    /// Whether a retry of the same request could succeed (429, 502, 503, 504, timeouts and
    /// transport errors).
    pub fn is_transient(&self) -> bool {
        match self {
            Self::RateLimited { .. } | Self::Timeout { .. } | Self::Transport { .. } => true,
            Self::Api(e) => matches!(e.status, 502..=504),
            _ => false,
        }
    }
}

/// A non-success HTTP response from the API.
///
/// `Display` shows the status, the domain meaning (if a domain crate attached one) and the
/// server's message, parsed leniently from either `{"errors":[{"title","detail"}]}` or
/// `{"name","message"}` bodies.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status code.
    pub status: u16,
    /// The domain meaning of this status for the operation, if the domain crate knows one.
    pub context: Option<Cow<'static, str>>,
    /// The server's message, if the body had one.
    pub message: Option<String>,
    /// The raw response body (truncated to 4 KiB).
    pub body: String,
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
    /// Creates an API error from a status and a raw body; the server message is parsed from it.
    pub fn new(status: u16, body: String) -> Self {
        let body = truncate_body(body);
        let message = server_message(&body);
        Self {
            status,
            context: None,
            message,
            body,
        }
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("context", &self.context)
            .field("message", &self.message)
            .field("body", &self.body)
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
        assert_eq!(error.api_error().map(|e| e.body.as_str()), Some(body));
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
    }

    #[test]
    fn truncates_huge_bodies_on_char_boundaries() {
        let body = "ä".repeat(5000);
        let api = ApiError::new(500, body);
        assert!(api.body.len() <= MAX_BODY + '…'.len_utf8());
    }
}
