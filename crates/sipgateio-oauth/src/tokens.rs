//! [`TokenSet`]: what a sign-in or a refresh returns, and what an application stores.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sipgateio_core::Secret;

/// The tokens of one signed-in user: the access token sent to the API, the refresh token that
/// renews it, and when each expires.
///
/// sipgate's access tokens live 300 seconds and its refresh tokens 30 days; every refresh
/// returns a **new refresh token** and invalidates the old one, so store the tokens again
/// after each refresh (a [`TokenStore`](crate::TokenStore) is told).
///
/// `Debug` shows `***` for both tokens. The serde form (for your database or a file) holds
/// them in clear — store it like a password:
///
/// ```
/// use sipgateio_oauth::TokenSet;
/// use sipgateio_core::chrono::{TimeZone, Utc};
///
/// let expires_at = Utc.with_ymd_and_hms(2026, 11, 27, 10, 5, 0).unwrap();
/// let tokens = TokenSet::new("eyJ-access")
///     .refresh_token("eyJ-refresh")
///     .expires_at(expires_at);
/// assert!(!format!("{tokens:?}").contains("eyJ"));
///
/// let stored = serde_json::to_string(&tokens)?;
/// assert_eq!(
///     stored,
///     r#"{"access_token":"eyJ-access","refresh_token":"eyJ-refresh","expires_at":"2026-11-27T10:05:00Z","refresh_expires_at":null,"scopes":[]}"#
/// );
/// let restored: TokenSet = serde_json::from_str(&stored)?;
/// assert_eq!(restored, tokens);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TokenSet {
    /// The access token, sent as `Authorization: Bearer …`.
    #[serde(with = "secret")]
    pub access_token: Secret,
    /// The refresh token; `None` if the server issued none (then the session cannot renew the
    /// access token, and the user signs in again when it expires).
    #[serde(with = "optional_secret", default)]
    pub refresh_token: Option<Secret>,
    /// When the access token expires (`None`: the server did not say).
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
    /// When the refresh token expires (`None`: the server did not say, or it does not).
    #[serde(default)]
    pub refresh_expires_at: Option<DateTime<Utc>>,
    /// The scopes the server granted, if it listed them.
    #[serde(default)]
    pub scopes: Vec<String>,
}

impl TokenSet {
    /// Tokens with only an access token; add the rest with the setters (for example when
    /// restoring tokens your application stored field by field).
    pub fn new(access_token: impl Into<Secret>) -> Self {
        Self {
            access_token: access_token.into(),
            refresh_token: None,
            expires_at: None,
            refresh_expires_at: None,
            scopes: Vec::new(),
        }
    }

    /// Sets the refresh token.
    #[must_use]
    pub fn refresh_token(mut self, refresh_token: impl Into<Secret>) -> Self {
        self.refresh_token = Some(refresh_token.into());
        self
    }

    /// Sets when the access token expires.
    #[must_use]
    pub fn expires_at(mut self, expires_at: DateTime<Utc>) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// Sets when the refresh token expires.
    #[must_use]
    pub fn refresh_expires_at(mut self, refresh_expires_at: DateTime<Utc>) -> Self {
        self.refresh_expires_at = Some(refresh_expires_at);
        self
    }

    /// Sets the granted scopes.
    #[must_use]
    pub fn scopes(mut self, scopes: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Whether the access token expires within `margin` from `now` (`false` when the expiry is
    /// not known).
    pub fn expires_within(&self, margin: Duration, now: DateTime<Utc>) -> bool {
        let margin = chrono::TimeDelta::from_std(margin).unwrap_or(chrono::TimeDelta::MAX);
        self.expires_at.is_some_and(|expires_at| {
            now.checked_add_signed(margin)
                .is_none_or(|t| t >= expires_at)
        })
    }
}

impl fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSet")
            .field("access_token", &self.access_token)
            .field("refresh_token", &self.refresh_token)
            .field("expires_at", &self.expires_at)
            .field("refresh_expires_at", &self.refresh_expires_at)
            .field("scopes", &self.scopes)
            .finish()
    }
}

/// The point in time `lifetime` after `now`; `None` if it does not fit (a server saying
/// "forever").
pub(crate) fn after(now: DateTime<Utc>, lifetime: Duration) -> Option<DateTime<Utc>> {
    chrono::TimeDelta::from_std(lifetime)
        .ok()
        .and_then(|delta| now.checked_add_signed(delta))
}

mod secret {
    use super::*;

    pub(super) fn serialize<S: Serializer>(
        secret: &Secret,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(secret.expose())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Secret, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}

mod optional_secret {
    use super::*;

    pub(super) fn serialize<S: Serializer>(
        secret: &Option<Secret>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match secret {
            Some(secret) => serializer.serialize_some(secret.expose()),
            None => serializer.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Secret>, D::Error> {
        Option::<String>::deserialize(deserializer).map(|secret| secret.map(Secret::new))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_with_a_margin() {
        let now = Utc::now();
        let tokens = TokenSet::new("a").expires_at(now + chrono::TimeDelta::seconds(60));
        assert!(!tokens.expires_within(Duration::from_secs(30), now));
        assert!(tokens.expires_within(Duration::from_secs(60), now));
        assert!(tokens.expires_within(Duration::MAX, now));
        assert!(!TokenSet::new("a").expires_within(Duration::MAX, now));
    }

    #[test]
    fn stored_tokens_may_leave_out_the_optional_fields() {
        let tokens: TokenSet =
            serde_json::from_str(r#"{"access_token":"a"}"#).expect("only the access token");
        assert_eq!(tokens, TokenSet::new("a"));
        assert!(serde_json::from_str::<TokenSet>(r#"{"refresh_token":"r"}"#).is_err());
    }

    #[test]
    fn huge_lifetimes_do_not_overflow() {
        assert_eq!(after(Utc::now(), Duration::MAX), None);
        assert!(after(Utc::now(), Duration::from_secs(300)).is_some());
    }
}
