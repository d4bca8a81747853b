//! The credentials the REST API accepts — the personal-access-token pair (HTTP Basic) and
//! the access tokens of the sandbox's OAuth server (`Bearer`) — and the middleware enforcing
//! them.

use std::fmt;

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::error::ApiError;
use crate::oauth::BearerRefusal;
use crate::state::AppState;

/// A personal access token pair (`token-XXXXXX` + UUID v4), sent as HTTP Basic.
///
/// `Debug` never shows the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    token_id: String,
    token: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("token_id", &self.token_id)
            .field("token", &"***")
            .finish()
    }
}

impl Credentials {
    /// A fixed pair (e.g. to keep the same credentials across restarts of the binary).
    pub fn new(token_id: impl Into<String>, token: impl Into<String>) -> Self {
        Self {
            token_id: token_id.into(),
            token: token.into(),
        }
    }

    /// A fresh random pair in sipgate's format: `token-` + 6 alphanumerics, and a UUID v4.
    pub fn generate() -> Self {
        const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        let id: String = (0..6)
            .map(|_| char::from(ALPHANUMERIC[fastrand::usize(..ALPHANUMERIC.len())]))
            .collect();
        let hex = |n: usize| -> String {
            (0..n)
                .map(|_| char::from(b"0123456789abcdef"[fastrand::usize(..16)]))
                .collect()
        };
        let variant = char::from(b"89ab"[fastrand::usize(..4)]);
        let token = format!(
            "{}-{}-4{}-{}{}-{}",
            hex(8),
            hex(4),
            hex(3),
            variant,
            hex(3),
            hex(12)
        );
        Self::new(format!("token-{id}"), token)
    }

    /// The token id (`token-XXXXXX`).
    pub fn token_id(&self) -> &str {
        &self.token_id
    }

    /// The secret token.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// Whether an `Authorization` header value carries exactly this pair.
    pub(crate) fn accepts(&self, header: &str) -> bool {
        let Some(encoded) = header
            .strip_prefix("Basic ")
            .or_else(|| header.strip_prefix("basic "))
        else {
            return false;
        };
        let Ok(decoded) = STANDARD.decode(encoded.trim()) else {
            return false;
        };
        let Ok(text) = String::from_utf8(decoded) else {
            return false;
        };
        match text.split_once(':') {
            Some((id, token)) => {
                constant_time_eq(id.as_bytes(), self.token_id.as_bytes())
                    & constant_time_eq(token.as_bytes(), self.token.as_bytes())
            }
            None => false,
        }
    }
}

/// Compares two byte strings in constant time (for their length).
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The token of an `Authorization: Bearer …` header value.
fn bearer_token(header: &str) -> Option<&str> {
    let (scheme, token) = header.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|token| !token.is_empty())
}

/// Rejects requests without the sandbox's credentials with 401: the personal access token as
/// HTTP Basic, or a live access token of the sandbox's OAuth server as `Bearer`. A refused
/// Bearer token is told apart (expired, or unknown) in the body and in
/// `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750 section 3).
pub(crate) async fn require_auth(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let header = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let refusal = match header {
        Some(value) if state.credentials.accepts(value) => None,
        Some(value) => match bearer_token(value) {
            Some(token) => state
                .oauth
                .check_access_token(token, chrono::Utc::now())
                .err()
                .map(Some),
            None => Some(None),
        },
        None => Some(None),
    };
    let Some(bearer_refusal) = refusal else {
        return next.run(request).await;
    };
    tracing::debug!(path = %request.uri().path(), "rejected request without valid credentials");
    let Some(bearer_refusal) = bearer_refusal else {
        return ApiError::unauthorized().into_response();
    };
    let description = match bearer_refusal {
        BearerRefusal::Expired => "the access token expired: refresh it",
        BearerRefusal::Unknown => {
            "the access token is not valid (unknown, or its sign-in was revoked)"
        }
    };
    let mut response =
        ApiError::new(axum::http::StatusCode::UNAUTHORIZED, description).into_response();
    let challenge = format!(
        "Bearer realm=\"sipgate\", error=\"invalid_token\", error_description=\"{description}\""
    );
    if let Ok(value) = HeaderValue::from_str(&challenge) {
        response.headers_mut().insert(WWW_AUTHENTICATE, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_credentials_have_sipgate_shape() {
        let c = Credentials::generate();
        assert!(c.token_id().starts_with("token-"));
        assert_eq!(c.token_id().len(), 12);
        let groups: Vec<&str> = c.token().split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(groups[2].starts_with('4'));
        assert!(!format!("{c:?}").contains(c.token()));
    }

    #[test]
    fn accepts_only_the_exact_pair() {
        let c = Credentials::new("token-ABC123", "secret");
        let good = format!("Basic {}", STANDARD.encode("token-ABC123:secret"));
        assert!(c.accepts(&good));
        assert!(!c.accepts(&format!("Basic {}", STANDARD.encode("token-ABC123:other"))));
        assert!(!c.accepts("Bearer secret"));
        assert!(!c.accepts("Basic !!!"));
    }

    #[test]
    fn bearer_tokens_are_read_case_insensitively() {
        assert_eq!(bearer_token("Bearer abc"), Some("abc"));
        assert_eq!(bearer_token("bearer  abc "), Some("abc"));
        assert_eq!(bearer_token("Bearer "), None);
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer"), None);
    }
}
