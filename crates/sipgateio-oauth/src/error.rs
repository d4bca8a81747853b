//! The error type of this crate, and how it becomes the SDK's [`sipgateio_core::Error`].

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Result alias of this crate (not in any prelude).
pub type Result<T, E = Error> = std::result::Result<T, E>;

sipgateio_types::wire_enum! {
    /// The `error` code of an OAuth 2 error response (RFC 6749 sections 4.1.2.1 and 5.2), from
    /// the redirect back to the application or from the token endpoint.
    pub enum OauthErrorCode {
        /// The request is missing a parameter or is otherwise malformed.
        InvalidRequest = "invalid_request",
        /// The client is unknown, or its secret or authentication method is wrong.
        InvalidClient = "invalid_client",
        /// The authorization code or refresh token is invalid, expired, revoked, was issued to
        /// another client, or the PKCE verifier does not match: sign in again.
        InvalidGrant = "invalid_grant",
        /// The client may not use this grant type.
        UnauthorizedClient = "unauthorized_client",
        /// The server does not support this grant type.
        UnsupportedGrantType = "unsupported_grant_type",
        /// A requested scope is unknown or not allowed for this client.
        InvalidScope = "invalid_scope",
        /// The user (or the server) declined the sign-in.
        AccessDenied = "access_denied",
        /// The server does not support the `code` response type for this client.
        UnsupportedResponseType = "unsupported_response_type",
        /// The server failed.
        ServerError = "server_error",
        /// The server is overloaded or down for maintenance.
        TemporarilyUnavailable = "temporarily_unavailable",
    }
}

/// Everything that can go wrong in the sign-in flow or when renewing tokens.
///
/// Each variant holds a context struct with private fields and accessors; [`Error::kind`]
/// answers "what went wrong" as one flat [`ErrorKind`]. `Display` is one line that never
/// contains a token, a code, a verifier or the client secret.
///
/// Requests of a [`sipgateio_core::Client`] whose [`TokenSession`](crate::TokenSession)
/// fails return the SDK's [`sipgateio_core::Error`] instead: see the [`From`] conversion below
/// for how the kinds map (a session that needs a new sign-in is
/// [`sipgateio_core::ErrorKind::Unauthorized`]).
///
/// ```
/// use sipgateio_oauth::{Callback, Error, ErrorKind};
///
/// // The user declined on sipgate's consent page.
/// let error = Callback::from_query("error=access_denied&state=xyz").unwrap_err();
/// assert_eq!(error.kind(), ErrorKind::Denied);
/// assert_eq!(error.to_string(), "the sign-in was not granted: access_denied");
///
/// let error = Callback::from_query("state=xyz").unwrap_err();
/// assert_eq!(error.kind(), ErrorKind::InvalidInput);
/// assert_eq!(error.invalid_field(), Some("code"));
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Error {
    /// An argument, a setting or the redirect's parameters failed validation, naming the
    /// field; no request was sent. A redirect whose `state` is not the sign-in's is this
    /// variant with the field `state`.
    InvalidInput(InvalidInput),
    /// The redirect back to the application carried an OAuth error instead of a code: the
    /// user declined (`access_denied`) or the sign-in request was refused.
    Denied(OauthError),
    /// The grant is gone for good: the authorization server answered `invalid_grant` (the
    /// refresh token expired or was revoked, or the code was used, expired or does not match
    /// the PKCE verifier), or the tokens cannot be refreshed at all. The user must sign in
    /// again.
    SignInRequired(SignInRequired),
    /// The token endpoint answered another OAuth error (`invalid_client`,
    /// `unauthorized_client`, `invalid_scope`, …): usually the client's configuration.
    Refused(OauthError),
    /// The token endpoint answered an HTTP status that is not an OAuth error (a 5xx, or a 404
    /// for a wrong realm).
    Status(StatusError),
    /// The token endpoint did not answer within the timeout.
    Timeout(TimeoutError),
    /// The token endpoint could not be reached, or the connection broke.
    Transport(TransportError),
    /// The token endpoint's answer is not a usable token response.
    Decode(DecodeError),
    /// The HTTP client could not be set up (for example the TLS backend failed to
    /// initialise). Bad settings are [`Error::InvalidInput`] instead.
    Config(ConfigError),
}

/// What kind of failure an [`Error`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An argument, a setting or a redirect parameter failed validation; nothing was sent.
    InvalidInput,
    /// The redirect carried an OAuth error: the sign-in was declined.
    Denied,
    /// The user must sign in again.
    SignInRequired,
    /// The token endpoint refused the client's request with an OAuth error.
    Refused,
    /// The token endpoint answered a 5xx status.
    Server,
    /// The token endpoint answered another non-success status.
    Status,
    /// The token endpoint did not answer in time.
    Timeout,
    /// The connection to the token endpoint could not be established; nothing was sent.
    Connect,
    /// The connection broke or the answer could not be read.
    Transport,
    /// The answer was not a usable token response.
    Decode,
    /// The HTTP client could not be set up.
    Config,
}

impl Error {
    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::InvalidInput(_) => ErrorKind::InvalidInput,
            Self::Denied(_) => ErrorKind::Denied,
            Self::SignInRequired(_) => ErrorKind::SignInRequired,
            Self::Refused(_) => ErrorKind::Refused,
            Self::Status(e) if (500..=599).contains(&e.status) => ErrorKind::Server,
            Self::Status(_) => ErrorKind::Status,
            Self::Timeout(_) => ErrorKind::Timeout,
            Self::Transport(e) if e.connect => ErrorKind::Connect,
            Self::Transport(_) => ErrorKind::Transport,
            Self::Decode(_) => ErrorKind::Decode,
            Self::Config(_) => ErrorKind::Config,
        }
    }

    /// The field named by an [`Error::InvalidInput`].
    pub fn invalid_field(&self) -> Option<&str> {
        match self {
            Self::InvalidInput(e) => Some(e.field()),
            _ => None,
        }
    }

    /// The OAuth error response behind this error, if there was one.
    pub fn oauth_error(&self) -> Option<&OauthError> {
        match self {
            Self::Denied(e) | Self::Refused(e) => Some(e),
            Self::SignInRequired(e) => e.oauth.as_ref(),
            _ => None,
        }
    }

    pub(crate) fn invalid_input(
        field: impl Into<Cow<'static, str>>,
        rule: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self::InvalidInput(InvalidInput {
            field: field.into(),
            rule: rule.into(),
        })
    }

    pub(crate) fn sign_in_required(
        reason: impl Into<Cow<'static, str>>,
        oauth: Option<OauthError>,
    ) -> Self {
        Self::SignInRequired(SignInRequired {
            reason: reason.into(),
            oauth,
        })
    }

    pub(crate) fn decode(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Decode(DecodeError {
            path: path.into(),
            message: message.into(),
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidInput(e) => write!(f, "invalid input `{}`: {}", e.field, e.rule),
            Self::Denied(e) => write!(f, "the sign-in was not granted: {e}"),
            Self::SignInRequired(e) => match &e.oauth {
                Some(oauth) => write!(f, "sign-in required: {} ({oauth})", e.reason),
                None => write!(f, "sign-in required: {}", e.reason),
            },
            Self::Refused(e) => {
                write!(f, "the authorization server refused the request: {e}")?;
                match e.status {
                    Some(status) => write!(f, " (HTTP {status})"),
                    None => Ok(()),
                }
            }
            Self::Status(e) => {
                write!(f, "the authorization server answered HTTP {}", e.status)?;
                match &e.message {
                    Some(message) => write!(f, " (server: {message})"),
                    None => Ok(()),
                }
            }
            Self::Timeout(e) => write!(
                f,
                "the authorization server did not answer within {:?}",
                e.timeout
            ),
            Self::Transport(e) if e.connect => write!(
                f,
                "could not connect to the authorization server: {}",
                e.source
            ),
            Self::Transport(e) => write!(
                f,
                "the connection to the authorization server failed: {}",
                e.source
            ),
            Self::Decode(e) => write!(
                f,
                "could not read the authorization server's answer at `{}`: {}",
                e.path, e.message
            ),
            Self::Config(e) => write!(f, "invalid configuration: {}", e.message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport(e) => Some(&*e.source),
            _ => None,
        }
    }
}

/// Failures of a [`TokenSession`](crate::TokenSession) reach the callers of a
/// [`sipgateio_core::Client`] as the SDK's error:
///
/// | [`ErrorKind`] | [`sipgateio_core::Error`] | its [`kind`](sipgateio_core::Error::kind) |
/// |---|---|---|
/// | `InvalidInput` | `InvalidInput` (same field and rule) | `InvalidInput` |
/// | `SignInRequired`, `Denied`, `Refused` | `Credentials` | `Unauthorized`: sign in again, or fix the client's configuration |
/// | `Connect`, `Transport`, `Timeout` | `Credentials` | the same kind (the client's retry policy treats them as it treats the API's) |
/// | `Server` | `Credentials` | `Server` |
/// | `Status` | `Credentials` | `Api` |
/// | `Decode` | `Credentials` | `Decode` |
/// | `Config` | `Credentials` | `Config` |
///
/// The `Credentials` error's [`source`](std::error::Error::source) is this error: downcast it
/// for the details.
///
/// ```
/// use sipgateio_oauth::Callback;
///
/// let oauth_error = Callback::from_query("error=access_denied&state=s").unwrap_err();
/// let error = sipgateio_core::Error::from(oauth_error);
/// assert_eq!(error.kind(), sipgateio_core::ErrorKind::Unauthorized);
/// let source = std::error::Error::source(&error)
///     .and_then(|source| source.downcast_ref::<sipgateio_oauth::Error>());
/// assert_eq!(source.map(|e| e.kind()), Some(sipgateio_oauth::ErrorKind::Denied));
/// ```
impl From<Error> for sipgateio_core::Error {
    fn from(error: Error) -> Self {
        use sipgateio_core::ErrorKind as Core;
        if let Error::InvalidInput(input) = error {
            return Self::invalid_input(input.field, input.rule);
        }
        let kind = match error.kind() {
            ErrorKind::InvalidInput => Core::InvalidInput,
            ErrorKind::SignInRequired | ErrorKind::Denied | ErrorKind::Refused => {
                Core::Unauthorized
            }
            ErrorKind::Connect => Core::Connect,
            ErrorKind::Transport => Core::Transport,
            ErrorKind::Timeout => Core::Timeout,
            ErrorKind::Server => Core::Server,
            ErrorKind::Status => Core::Api,
            ErrorKind::Decode => Core::Decode,
            ErrorKind::Config => Core::Config,
        };
        Self::credentials(kind, error)
    }
}

/// The context of an [`Error::InvalidInput`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidInput {
    field: Cow<'static, str>,
    rule: Cow<'static, str>,
}

impl InvalidInput {
    /// The offending field, argument, setting or redirect parameter (e.g. `redirect_uri`,
    /// `state`).
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What the value must look like.
    pub fn rule(&self) -> &str {
        &self.rule
    }
}

/// An OAuth 2 error response: its code, and the server's description if it sent one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OauthError {
    pub(crate) code: OauthErrorCode,
    pub(crate) description: Option<String>,
    pub(crate) uri: Option<String>,
    pub(crate) status: Option<u16>,
}

/// How much of a server-given description or message is kept (characters).
const MAX_TEXT: usize = 300;

/// A server-given text cut to one line of at most [`MAX_TEXT`] characters; `None` when empty.
pub(crate) fn server_text(text: &str) -> Option<String> {
    let line: String = text
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_TEXT)
        .collect();
    (!line.is_empty()).then_some(line)
}

impl OauthError {
    pub(crate) fn new(
        code: &str,
        description: Option<&str>,
        uri: Option<&str>,
        status: Option<u16>,
    ) -> Self {
        Self {
            code: OauthErrorCode::from(server_text(code).unwrap_or_default()),
            description: description.and_then(server_text),
            uri: uri.and_then(server_text),
            status,
        }
    }

    /// The `error` code.
    pub fn code(&self) -> &OauthErrorCode {
        &self.code
    }

    /// The server's `error_description`, cut to one line of at most 300 characters.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The server's `error_uri`, a page about the error.
    pub fn uri(&self) -> Option<&str> {
        self.uri.as_deref()
    }

    /// The HTTP status of the token endpoint's answer (`None` for an error on the redirect).
    pub fn status(&self) -> Option<u16> {
        self.status
    }
}

impl fmt::Display for OauthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        match &self.description {
            Some(description) => write!(f, ": {description}"),
            None => Ok(()),
        }
    }
}

/// The context of an [`Error::SignInRequired`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignInRequired {
    reason: Cow<'static, str>,
    oauth: Option<OauthError>,
}

impl SignInRequired {
    /// Why the tokens cannot be renewed, in words.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The server's `invalid_grant` answer, if there was one.
    pub fn oauth_error(&self) -> Option<&OauthError> {
        self.oauth.as_ref()
    }
}

/// The context of an [`Error::Status`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusError {
    pub(crate) status: u16,
    pub(crate) message: Option<String>,
}

impl StatusError {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The first line of the error body (at most 300 characters), unless it was an HTML page.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

/// The context of an [`Error::Timeout`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeoutError {
    pub(crate) timeout: Duration,
}

impl TimeoutError {
    /// The timeout that expired.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }
}

/// The context of an [`Error::Transport`]; the underlying error is the
/// [`source`](std::error::Error::source) of the [`Error`].
#[derive(Clone, Debug)]
pub struct TransportError {
    pub(crate) connect: bool,
    pub(crate) source: Arc<dyn std::error::Error + Send + Sync>,
}

impl TransportError {
    /// Whether the connection could not be established, so the request never left.
    pub fn is_connect(&self) -> bool {
        self.connect
    }
}

/// The context of an [`Error::Decode`]. It never holds the answer's body: a token
/// response carries the tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    path: String,
    message: String,
}

impl DecodeError {
    /// Where in the answer decoding failed (`.` is the whole answer).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// The context of an [`Error::Config`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub(crate) message: String,
}

impl ConfigError {
    /// What could not be set up.
    pub fn message(&self) -> &str {
        &self.message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<(Error, ErrorKind, sipgateio_core::ErrorKind, &'static str)> {
        use sipgateio_core::ErrorKind as Core;
        let oauth =
            |code: &str, status| OauthError::new(code, Some("Token is not active"), None, status);
        vec![
            (
                Error::invalid_input("redirect_uri", "must be an absolute URL"),
                ErrorKind::InvalidInput,
                Core::InvalidInput,
                "invalid input `redirect_uri`: must be an absolute URL",
            ),
            (
                Error::Denied(OauthError::new("access_denied", None, None, None)),
                ErrorKind::Denied,
                Core::Unauthorized,
                "the sign-in was not granted: access_denied",
            ),
            (
                Error::sign_in_required(
                    "the refresh token is no longer valid",
                    Some(oauth("invalid_grant", Some(400))),
                ),
                ErrorKind::SignInRequired,
                Core::Unauthorized,
                "sign-in required: the refresh token is no longer valid \
                 (invalid_grant: Token is not active)",
            ),
            (
                Error::Refused(oauth("invalid_client", Some(401))),
                ErrorKind::Refused,
                Core::Unauthorized,
                "the authorization server refused the request: \
                 invalid_client: Token is not active (HTTP 401)",
            ),
            (
                Error::Status(StatusError {
                    status: 503,
                    message: Some("down".into()),
                }),
                ErrorKind::Server,
                Core::Server,
                "the authorization server answered HTTP 503 (server: down)",
            ),
            (
                Error::Status(StatusError {
                    status: 404,
                    message: None,
                }),
                ErrorKind::Status,
                Core::Api,
                "the authorization server answered HTTP 404",
            ),
            (
                Error::Timeout(TimeoutError {
                    timeout: Duration::from_secs(30),
                }),
                ErrorKind::Timeout,
                Core::Timeout,
                "the authorization server did not answer within 30s",
            ),
            (
                Error::Transport(TransportError {
                    connect: true,
                    source: Arc::new(std::io::Error::other("refused")),
                }),
                ErrorKind::Connect,
                Core::Connect,
                "could not connect to the authorization server: refused",
            ),
            (
                Error::Transport(TransportError {
                    connect: false,
                    source: Arc::new(std::io::Error::other("reset")),
                }),
                ErrorKind::Transport,
                Core::Transport,
                "the connection to the authorization server failed: reset",
            ),
            (
                Error::decode("expires_in", "must be a number"),
                ErrorKind::Decode,
                Core::Decode,
                "could not read the authorization server's answer at `expires_in`: \
                 must be a number",
            ),
            (
                Error::Config(ConfigError {
                    message: "no TLS".into(),
                }),
                ErrorKind::Config,
                Core::Config,
                "invalid configuration: no TLS",
            ),
        ]
    }

    #[test]
    fn every_variant_has_its_kind_display_and_core_kind() {
        for (error, kind, core_kind, display) in every_variant() {
            assert_eq!(error.kind(), kind, "{error:?}");
            assert_eq!(error.to_string(), display, "{error:?}");
            let core = sipgateio_core::Error::from(error);
            assert_eq!(core.kind(), core_kind, "{core:?}");
        }
    }

    #[test]
    fn invalid_input_stays_invalid_input_in_core() {
        let core = sipgateio_core::Error::from(Error::invalid_input("scopes", "no spaces"));
        assert_eq!(core.invalid_field(), Some("scopes"));
        assert_eq!(core.to_string(), "invalid input `scopes`: no spaces");
    }

    #[test]
    fn server_texts_are_one_short_line() {
        assert_eq!(server_text("  a\nb\r\n "), Some("a b".to_owned()));
        assert_eq!(server_text(" "), None);
        assert_eq!(
            server_text(&"x".repeat(1000)).map(|t| t.len()),
            Some(MAX_TEXT)
        );
    }

    #[test]
    fn oauth_error_accessors() {
        let error = OauthError::new(
            "invalid_scope",
            Some("unknown scope"),
            Some("https://example.com/e"),
            Some(400),
        );
        assert_eq!(error.code(), &OauthErrorCode::InvalidScope);
        assert_eq!(error.description(), Some("unknown scope"));
        assert_eq!(error.uri(), Some("https://example.com/e"));
        assert_eq!(error.status(), Some(400));
        let unknown = OauthError::new("slow_down", None, None, None);
        assert_eq!(unknown.code().as_str(), "slow_down");
    }
}
