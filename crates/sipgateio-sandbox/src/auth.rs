//! The personal-access-token pair the sandbox accepts, and the middleware enforcing it.

use std::fmt;

use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::error::ApiError;
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

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Rejects requests without the sandbox's credentials with 401.
pub(crate) async fn require_auth(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let authorized = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| state.credentials.accepts(v));
    if authorized {
        next.run(request).await
    } else {
        tracing::debug!(path = %request.uri().path(), "rejected request without valid credentials");
        ApiError::unauthorized().into_response()
    }
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
}
