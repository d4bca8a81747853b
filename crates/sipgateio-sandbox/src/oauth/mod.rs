//! The sandbox as an OAuth 2 authorization server, on Keycloak's paths like sipgate's login
//! server: one registered client, the authorization-code flow with PKCE (S256), refresh tokens
//! that rotate, and the access tokens the REST API accepts as `Bearer` next to the personal
//! access token.
//!
//! This module holds the grants (what was issued to whom, until when) and the rules; the
//! HTTP side is [`endpoints`]. Tokens and codes are random (the system's random generator) and
//! kept only as SHA-256 digests: neither the memory nor the state file holds one in clear.

pub(crate) mod endpoints;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use aws_lc_rs::digest;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, TimeDelta, Utc};
use reqwest::Url;
use serde::{Deserialize, Serialize};

/// The realm of the sandbox's login server: sipgate's realm for the clients registered today.
pub(crate) const REALM: &str = "sipgate-apps";
/// sipgate's access tokens live five minutes.
pub(crate) const DEFAULT_ACCESS_TOKEN_LIFETIME: Duration = Duration::from_secs(300);
/// sipgate's refresh tokens live 30 days.
pub(crate) const DEFAULT_REFRESH_TOKEN_LIFETIME: Duration = Duration::from_secs(30 * 24 * 3600);
/// Keycloak's default: a code must be exchanged within a minute.
pub(crate) const DEFAULT_AUTHORIZATION_CODE_LIFETIME: Duration = Duration::from_secs(60);
/// The redirect URIs the sandbox's client may use unless configured otherwise: any path on a
/// loopback address, any port.
pub(crate) const DEFAULT_REDIRECT_URIS: [&str; 3] =
    ["http://127.0.0.1/*", "http://localhost/*", "http://[::1]/*"];
/// The longest lifetime the sandbox accepts for a token or code.
const MAX_LIFETIME: Duration = Duration::from_secs(10 * 366 * 24 * 3600);
/// Codes handed out and not yet exchanged, at most: a flood of sign-ins cannot fill the memory.
const MAX_PENDING_CODES: usize = 10_000;
/// How long an expired access token is remembered, so that a request with it is told
/// "expired" rather than "unknown".
const EXPIRED_MEMORY: TimeDelta = TimeDelta::hours(1);

/// The OAuth client registered at the sandbox: what an application that signs users in puts
/// in its configuration (sipgate's console shows the same two values for a client registered
/// there). The sandbox's client is confidential: the token endpoint wants its secret.
///
/// `Debug` never shows the secret.
///
/// ```
/// use sipgateio_sandbox::RegisteredClient;
///
/// let client = RegisteredClient::new("my-app", "my-app-secret");
/// assert_eq!(client.client_id(), "my-app");
/// assert!(!format!("{client:?}").contains("my-app-secret"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct RegisteredClient {
    client_id: String,
    client_secret: String,
}

impl fmt::Debug for RegisteredClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegisteredClient")
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .finish()
    }
}

impl RegisteredClient {
    /// A client with a fixed id and secret (to keep them across restarts of the binary, or to
    /// use the values an application is already configured with).
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
        }
    }

    /// A fresh client in the shape of sipgate's: the id a number, `0` and a UUID
    /// (`2556404-0-dc848ec0-…`), the secret a UUID.
    pub fn generate() -> Self {
        let digits: String = (0..7)
            .map(|i| {
                let first = if i == 0 { 1 } else { 0 };
                char::from(b'0' + fastrand::u8(first..10))
            })
            .collect();
        Self::new(format!("{digits}-0-{}", uuid_v4()), uuid_v4())
    }

    /// Checks that id and secret are usable: non-empty, without control characters (RFC 6749
    /// appendix A allows printable ASCII; a state file or a configuration can hold anything).
    pub(crate) fn check(&self) -> Result<(), String> {
        let usable = |value: &str| !value.is_empty() && !value.chars().any(char::is_control);
        if !usable(&self.client_id) {
            return Err("the client id must be non-empty, without control characters".to_owned());
        }
        if !usable(&self.client_secret) {
            return Err(
                "the client secret must be non-empty, without control characters".to_owned(),
            );
        }
        Ok(())
    }

    /// The client id (`client_id`).
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The client secret (`client_secret`).
    pub fn client_secret(&self) -> &str {
        &self.client_secret
    }
}

/// A random UUID v4 (for generated ids and secrets, as the personal access token's).
fn uuid_v4() -> String {
    let hex = |n: usize| -> String {
        (0..n)
            .map(|_| char::from(b"0123456789abcdef"[fastrand::usize(..16)]))
            .collect()
    };
    let variant = char::from(b"89ab"[fastrand::usize(..4)]);
    format!(
        "{}-{}-4{}-{}{}-{}",
        hex(8),
        hex(4),
        hex(3),
        variant,
        hex(3),
        hex(12)
    )
}

/// How long what the server hands out lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lifetimes {
    pub(crate) access: Duration,
    pub(crate) refresh: Duration,
    pub(crate) code: Duration,
}

impl Lifetimes {
    /// Checks that each lifetime is between a second and ten years; the error names the
    /// setting.
    pub(crate) fn check(&self) -> Result<(), (&'static str, String)> {
        for (setting, lifetime) in [
            ("access_token_lifetime", self.access),
            ("refresh_token_lifetime", self.refresh),
            ("authorization_code_lifetime", self.code),
        ] {
            if lifetime < Duration::from_secs(1) || lifetime > MAX_LIFETIME {
                return Err((
                    setting,
                    format!("must be between 1 s and 10 years, not {lifetime:?}"),
                ));
            }
        }
        Ok(())
    }
}

/// `now + lifetime` (lifetimes are checked to fit).
fn after(now: DateTime<Utc>, lifetime: Duration) -> DateTime<Utc> {
    TimeDelta::from_std(lifetime)
        .ok()
        .and_then(|delta| now.checked_add_signed(delta))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// One allowed redirect URI: exact, or with a trailing `*` a prefix (Keycloak's wildcard).
#[derive(Debug, Clone)]
struct RedirectRule {
    base: Url,
    wildcard: bool,
}

impl RedirectRule {
    fn parse(raw: &str) -> Result<Self, String> {
        let (base, wildcard) = match raw.strip_suffix('*') {
            Some(base) => (base, true),
            None => (raw, false),
        };
        let base = Url::parse(base).map_err(|e| format!("`{raw}` is not an absolute URL: {e}"))?;
        if !matches!(base.scheme(), "http" | "https") || base.host().is_none() {
            return Err(format!("`{raw}` must be an http(s) URL with a host"));
        }
        if base.fragment().is_some() || !base.username().is_empty() || base.password().is_some() {
            return Err(format!(
                "`{raw}` must not have a fragment or user information"
            ));
        }
        Ok(Self { base, wildcard })
    }

    /// Whether `candidate` may receive codes under this rule. Scheme and host must match; the
    /// port too, except on loopback addresses (RFC 8252 section 7.3: a native app listens on
    /// whatever port is free); path and query exactly, or as a prefix for a wildcard rule.
    fn allows(&self, candidate: &Url) -> bool {
        if self.base.scheme() != candidate.scheme() || self.base.host_str() != candidate.host_str()
        {
            return false;
        }
        if !is_loopback(candidate)
            && self.base.port_or_known_default() != candidate.port_or_known_default()
        {
            return false;
        }
        let rest = |url: &Url| match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        };
        let (base, candidate) = (rest(&self.base), rest(candidate));
        if self.wildcard {
            candidate.starts_with(&base)
        } else {
            candidate == base
        }
    }
}

/// Whether a URL names a loopback address (`127.0.0.0/8`, `[::1]`) or `localhost`. The
/// parser has lower-cased and normalised the host already.
fn is_loopback(url: &Url) -> bool {
    match url.host_str() {
        Some("localhost") => true,
        Some(host) => host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback()),
        None => false,
    }
}

/// The redirect URIs the client may use, checked when the sandbox starts.
#[derive(Debug, Clone)]
pub(crate) struct RedirectUris {
    raw: Vec<String>,
    rules: Vec<RedirectRule>,
}

impl RedirectUris {
    /// Parses the configured list; the error names the entry that is not a redirect URI.
    pub(crate) fn parse(raw: &[String]) -> Result<Self, String> {
        if raw.is_empty() {
            return Err("the list is empty: the client could never receive a code".to_owned());
        }
        let rules = raw
            .iter()
            .map(|uri| RedirectRule::parse(uri))
            .collect::<Result<_, _>>()?;
        Ok(Self {
            raw: raw.to_vec(),
            rules,
        })
    }

    /// The entries as configured.
    pub(crate) fn as_slice(&self) -> &[String] {
        &self.raw
    }

    /// The redirect URI of an authorization request, if the client may use it: an absolute
    /// http(s) URL without a fragment or user information that one of the entries allows.
    pub(crate) fn check(&self, redirect_uri: &str) -> Option<Url> {
        let url = Url::parse(redirect_uri).ok()?;
        let clean = matches!(url.scheme(), "http" | "https")
            && url.fragment().is_none()
            && url.username().is_empty()
            && url.password().is_none();
        (clean && self.rules.iter().any(|rule| rule.allows(&url))).then_some(url)
    }
}

/// 32 bytes from the system's random generator, base64url (43 characters): a code or a token.
/// `None` when the generator fails (the request is then answered `server_error`).
fn random_token() -> Option<String> {
    let mut bytes = [0u8; 32];
    aws_lc_rs::rand::fill(&mut bytes).ok()?;
    Some(URL_SAFE_NO_PAD.encode(bytes))
}

/// The SHA-256 of a token or code, hex: how the server keeps them.
fn digest_of(secret: &str) -> String {
    digest::digest(&digest::SHA256, secret.as_bytes())
        .as_ref()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The S256 code challenge of a PKCE verifier (RFC 7636 section 4.2).
fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(digest::digest(&digest::SHA256, verifier.as_bytes()))
}

/// Whether a PKCE code verifier has RFC 7636's shape: 43 to 128 unreserved characters.
pub(crate) fn is_code_verifier(value: &str) -> bool {
    (43..=128).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~'))
}

/// Whether a code challenge has the shape of an S256 challenge: 43 base64url characters.
pub(crate) fn is_s256_challenge(value: &str) -> bool {
    value.len() == 43
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
}

/// A `scope` parameter made canonical (single spaces), or `None` when a character is outside
/// RFC 6749 section 3.3's scope-token set.
pub(crate) fn canonical_scope(scope: &str) -> Option<String> {
    let tokens: Vec<&str> = scope.split(' ').filter(|t| !t.is_empty()).collect();
    let valid = tokens.iter().all(|token| {
        token
            .bytes()
            .all(|b| matches!(b, 0x21 | 0x23..=0x5B | 0x5D..=0x7E))
    });
    valid.then(|| tokens.join(" "))
}

/// Compares two strings in constant time (for their length).
fn same(a: &str, b: &str) -> bool {
    crate::auth::constant_time_eq(a.as_bytes(), b.as_bytes())
}

/// What an approved authorization request asked for, kept with its code.
#[derive(Debug, Clone)]
pub(crate) struct Approval {
    pub(crate) redirect_uri: String,
    pub(crate) code_challenge: String,
    pub(crate) scope: String,
    pub(crate) user: String,
}

#[derive(Debug)]
struct PendingCode {
    approval: Approval,
    expires_at: DateTime<Utc>,
}

/// A code already exchanged: kept until it would have expired, so that a second use is seen
/// (RFC 6749 section 4.1.2: the tokens issued for it are then revoked).
#[derive(Debug)]
struct UsedCode {
    grant: Option<u64>,
    expires_at: DateTime<Utc>,
}

/// One sign-in: a user's consent to the client, and the tokens issued under it.
#[derive(Debug, Clone)]
struct Grant {
    user: String,
    scope: String,
}

#[derive(Debug, Clone, Copy)]
struct AccessEntry {
    grant: u64,
    expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy)]
struct RefreshEntry {
    grant: u64,
    expires_at: DateTime<Utc>,
    /// Exchanged for a new one: a second use means it leaked, and the grant is revoked.
    rotated: bool,
}

#[derive(Debug, Default)]
struct Store {
    codes: HashMap<String, PendingCode>,
    used_codes: HashMap<String, UsedCode>,
    grants: HashMap<u64, Grant>,
    access: HashMap<String, AccessEntry>,
    refresh: HashMap<String, RefreshEntry>,
    next_grant: u64,
}

impl Store {
    /// Forgets what has expired (and grants without a live refresh token or access token).
    fn prune(&mut self, now: DateTime<Utc>) {
        self.codes.retain(|_, code| code.expires_at > now);
        self.used_codes.retain(|_, code| code.expires_at > now);
        self.access.retain(|_, entry| {
            entry
                .expires_at
                .checked_add_signed(EXPIRED_MEMORY)
                .is_none_or(|forgotten| forgotten > now)
        });
        self.refresh.retain(|_, entry| entry.expires_at > now);
        let live: std::collections::HashSet<u64> = self
            .refresh
            .values()
            .filter(|entry| !entry.rotated)
            .map(|entry| entry.grant)
            .chain(
                self.access
                    .values()
                    .filter(|entry| entry.expires_at > now)
                    .map(|entry| entry.grant),
            )
            .collect();
        self.grants.retain(|id, _| live.contains(id));
    }

    /// Ends a grant: its tokens stop working at once.
    fn revoke(&mut self, grant: u64) {
        self.grants.remove(&grant);
        self.access.retain(|_, entry| entry.grant != grant);
        self.refresh.retain(|_, entry| entry.grant != grant);
    }
}

/// Tokens just issued, in clear for the one answer that carries them.
#[derive(Debug)]
pub(crate) struct Issued {
    pub(crate) access_token: String,
    pub(crate) refresh_token: String,
    pub(crate) expires_in: u64,
    pub(crate) refresh_expires_in: u64,
    pub(crate) scope: String,
    pub(crate) user: String,
    pub(crate) session: u64,
}

/// Why a token request is refused (RFC 6749 section 5.2); the text is the
/// `error_description`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    InvalidGrant(String),
    InvalidScope(String),
    ServerError(String),
}

impl Refusal {
    fn grant(description: impl Into<String>) -> Self {
        Self::InvalidGrant(description.into())
    }
}

/// Why an access token is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BearerRefusal {
    /// It was issued here and has expired.
    Expired,
    /// It was never issued here, or its sign-in was revoked.
    Unknown,
}

/// The authorization server: the registered client, its redirect URIs, the lifetimes and the
/// grants.
#[derive(Debug)]
pub(crate) struct OauthServer {
    client: RegisteredClient,
    redirect_uris: RedirectUris,
    lifetimes: Lifetimes,
    store: Mutex<Store>,
}

impl OauthServer {
    /// A server for `client`; `stored` are the grants of a state file (kept only when they
    /// belong to this client).
    pub(crate) fn new(
        client: RegisteredClient,
        redirect_uris: RedirectUris,
        lifetimes: Lifetimes,
        stored: Option<StoredOauth>,
    ) -> Self {
        let mut store = Store::default();
        if let Some(stored) = stored {
            if stored.client_id == client.client_id {
                stored.restore_into(&mut store);
            } else {
                tracing::info!(
                    "the state file's OAuth sign-ins belong to another client id: not restored"
                );
            }
        }
        store.prune(Utc::now());
        Self {
            client,
            redirect_uris,
            lifetimes,
            store: Mutex::new(store),
        }
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The registered client.
    pub(crate) fn client(&self) -> &RegisteredClient {
        &self.client
    }

    /// The redirect URIs the client may use.
    pub(crate) fn redirect_uris(&self) -> &RedirectUris {
        &self.redirect_uris
    }

    /// The lifetimes of codes and tokens.
    pub(crate) fn lifetimes(&self) -> Lifetimes {
        self.lifetimes
    }

    /// Whether `client_id` is the registered client's.
    pub(crate) fn knows_client(&self, client_id: &str) -> bool {
        client_id == self.client.client_id
    }

    /// Whether `client_id` and `client_secret` are the registered client's (the secret
    /// compared in constant time).
    pub(crate) fn authenticates(&self, client_id: &str, client_secret: &str) -> bool {
        (client_id == self.client.client_id) & same(client_secret, &self.client.client_secret)
    }

    /// Hands out a code for an approved request; `None` when no more codes can be pending or
    /// the random generator failed.
    pub(crate) fn issue_code(&self, approval: Approval, now: DateTime<Utc>) -> Option<String> {
        let mut store = self.store();
        store.prune(now);
        if store.codes.len() >= MAX_PENDING_CODES {
            return None;
        }
        let code = random_token()?;
        store.codes.insert(
            digest_of(&code),
            PendingCode {
                approval,
                expires_at: after(now, self.lifetimes.code),
            },
        );
        Some(code)
    }

    /// `grant_type=authorization_code` for the (authenticated) registered client.
    ///
    /// A code is good once: any attempt uses it up, and a second exchange of a code that
    /// bought tokens revokes them.
    pub(crate) fn exchange_code(
        &self,
        code: &str,
        redirect_uri: Option<&str>,
        code_verifier: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Issued, Refusal> {
        let mut store = self.store();
        store.prune(now);
        let key = digest_of(code);
        if let Some(used) = store.used_codes.get(&key) {
            if let Some(grant) = used.grant {
                store.revoke(grant);
            }
            return Err(Refusal::grant(
                "the code was used before: codes are good once (the tokens issued for it are \
                 revoked)",
            ));
        }
        let Some(pending) = store.codes.remove(&key) else {
            return Err(Refusal::grant(
                "the code is unknown or expired (codes live a short while; sign in again)",
            ));
        };
        store.used_codes.insert(
            key.clone(),
            UsedCode {
                grant: None,
                expires_at: pending.expires_at,
            },
        );
        let approval = pending.approval;
        // RFC 6749 section 4.1.3: the same redirect URI as in the authorization request.
        if redirect_uri != Some(approval.redirect_uri.as_str()) {
            return Err(Refusal::grant(
                "redirect_uri is not the one of the authorization request",
            ));
        }
        // RFC 7636 section 4.6.
        let Some(verifier) = code_verifier else {
            return Err(Refusal::grant(
                "code_verifier is missing: the sign-in was started with a PKCE code challenge",
            ));
        };
        if !is_code_verifier(verifier) {
            return Err(Refusal::grant(
                "code_verifier must be 43 to 128 characters of letters, digits, `-`, `.`, `_` \
                 and `~` (RFC 7636)",
            ));
        }
        if !same(&s256(verifier), &approval.code_challenge) {
            return Err(Refusal::grant(
                "PKCE verification failed: the code_verifier does not match the code_challenge",
            ));
        }
        store.next_grant += 1;
        let grant = store.next_grant;
        store.grants.insert(
            grant,
            Grant {
                user: approval.user.clone(),
                scope: approval.scope.clone(),
            },
        );
        if let Some(used) = store.used_codes.get_mut(&key) {
            used.grant = Some(grant);
        }
        self.tokens(&mut store, grant, approval.scope, now)
    }

    /// `grant_type=refresh_token` for the (authenticated) registered client: a new access
    /// token and a new refresh token; the old refresh token is used up, and using it again
    /// revokes the sign-in (it must have leaked).
    pub(crate) fn refresh(
        &self,
        refresh_token: &str,
        scope: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Issued, Refusal> {
        let mut store = self.store();
        store.prune(now);
        let key = digest_of(refresh_token);
        let Some(entry) = store.refresh.get(&key).copied() else {
            return Err(Refusal::grant(
                "the refresh token is unknown, expired or revoked: sign in again",
            ));
        };
        if entry.rotated {
            store.revoke(entry.grant);
            return Err(Refusal::grant(
                "the refresh token was used before: refresh tokens are good once, so the \
                 sign-in is revoked (sign in again)",
            ));
        }
        let Some(grant) = store.grants.get(&entry.grant).cloned() else {
            return Err(Refusal::grant("the sign-in was revoked: sign in again"));
        };
        let scope = match scope {
            None => grant.scope.clone(),
            Some(requested) => {
                let requested = canonical_scope(requested)
                    .ok_or_else(|| Refusal::InvalidScope("scope has invalid characters".into()))?;
                let granted: Vec<&str> = grant.scope.split(' ').collect();
                if let Some(extra) = requested.split(' ').find(|s| !granted.contains(s)) {
                    return Err(Refusal::InvalidScope(format!(
                        "scope `{extra}` was not granted at sign-in"
                    )));
                }
                requested
            }
        };
        if let Some(old) = store.refresh.get_mut(&key) {
            old.rotated = true;
        }
        self.tokens(&mut store, entry.grant, scope, now)
    }

    /// A new access token and refresh token under `grant`.
    fn tokens(
        &self,
        store: &mut Store,
        grant: u64,
        scope: String,
        now: DateTime<Utc>,
    ) -> Result<Issued, Refusal> {
        let (Some(access_token), Some(refresh_token)) = (random_token(), random_token()) else {
            return Err(Refusal::ServerError(
                "the random generator failed".to_owned(),
            ));
        };
        store.access.insert(
            digest_of(&access_token),
            AccessEntry {
                grant,
                expires_at: after(now, self.lifetimes.access),
            },
        );
        store.refresh.insert(
            digest_of(&refresh_token),
            RefreshEntry {
                grant,
                expires_at: after(now, self.lifetimes.refresh),
                rotated: false,
            },
        );
        let user = store
            .grants
            .get(&grant)
            .map(|g| g.user.clone())
            .unwrap_or_default();
        Ok(Issued {
            access_token,
            refresh_token,
            expires_in: self.lifetimes.access.as_secs(),
            refresh_expires_in: self.lifetimes.refresh.as_secs(),
            scope,
            user,
            session: grant,
        })
    }

    /// Whether the REST API accepts `access_token` now.
    pub(crate) fn check_access_token(
        &self,
        access_token: &str,
        now: DateTime<Utc>,
    ) -> Result<(), BearerRefusal> {
        let store = self.store();
        match store.access.get(&digest_of(access_token)) {
            Some(entry) if !store.grants.contains_key(&entry.grant) => Err(BearerRefusal::Unknown),
            Some(entry) if entry.expires_at > now => Ok(()),
            Some(_) => Err(BearerRefusal::Expired),
            None => Err(BearerRefusal::Unknown),
        }
    }

    /// Revokes every sign-in (as a user who withdraws the app's access): every access and
    /// refresh token stops working. Returns how many sign-ins there were.
    pub(crate) fn revoke_all(&self) -> usize {
        let mut store = self.store();
        let count = store.grants.len();
        store.grants.clear();
        store.access.clear();
        store.refresh.clear();
        store.codes.clear();
        count
    }

    /// What the state file keeps: the client and, per sign-in, the digests of its tokens
    /// with their expiries (codes live a minute and are not kept).
    pub(crate) fn stored(&self) -> StoredOauth {
        let store = self.store();
        let mut grants: HashMap<u64, StoredGrant> = store
            .grants
            .iter()
            .map(|(id, grant)| {
                let stored = StoredGrant {
                    id: *id,
                    user: grant.user.clone(),
                    scope: grant.scope.clone(),
                    access_tokens: Vec::new(),
                    refresh_tokens: Vec::new(),
                };
                (*id, stored)
            })
            .collect();
        for (sha256, entry) in &store.access {
            if let Some(grant) = grants.get_mut(&entry.grant) {
                grant.access_tokens.push(StoredToken {
                    sha256: sha256.clone(),
                    expires_at: entry.expires_at,
                    rotated: false,
                });
            }
        }
        for (sha256, entry) in &store.refresh {
            if let Some(grant) = grants.get_mut(&entry.grant) {
                grant.refresh_tokens.push(StoredToken {
                    sha256: sha256.clone(),
                    expires_at: entry.expires_at,
                    rotated: entry.rotated,
                });
            }
        }
        // In a stable order, so that an unchanged state writes the same file.
        let mut grants: Vec<StoredGrant> = grants.into_values().collect();
        grants.sort_by_key(|grant| grant.id);
        for grant in &mut grants {
            grant.access_tokens.sort_by(|a, b| a.sha256.cmp(&b.sha256));
            grant.refresh_tokens.sort_by(|a, b| a.sha256.cmp(&b.sha256));
        }
        StoredOauth {
            client_id: self.client.client_id.clone(),
            client_secret: self.client.client_secret.clone(),
            grants,
        }
    }
}

/// The OAuth part of a state file: the registered client (kept across restarts like the
/// personal access token) and the sign-ins, with SHA-256 digests of their tokens — never a
/// token in clear.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StoredOauth {
    pub(crate) client_id: String,
    pub(crate) client_secret: String,
    #[serde(default)]
    grants: Vec<StoredGrant>,
}

impl StoredOauth {
    /// The registered client of the file.
    pub(crate) fn client(&self) -> RegisteredClient {
        RegisteredClient::new(self.client_id.clone(), self.client_secret.clone())
    }

    fn restore_into(self, store: &mut Store) {
        for grant in self.grants {
            store.next_grant = store.next_grant.max(grant.id);
            for token in grant.access_tokens {
                store.access.insert(
                    token.sha256,
                    AccessEntry {
                        grant: grant.id,
                        expires_at: token.expires_at,
                    },
                );
            }
            for token in grant.refresh_tokens {
                store.refresh.insert(
                    token.sha256,
                    RefreshEntry {
                        grant: grant.id,
                        expires_at: token.expires_at,
                        rotated: token.rotated,
                    },
                );
            }
            store.grants.insert(
                grant.id,
                Grant {
                    user: grant.user,
                    scope: grant.scope,
                },
            );
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredGrant {
    id: u64,
    user: String,
    scope: String,
    #[serde(default)]
    access_tokens: Vec<StoredToken>,
    #[serde(default)]
    refresh_tokens: Vec<StoredToken>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredToken {
    sha256: String,
    expires_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    rotated: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_is_rfc_7636s() {
        // RFC 7636 appendix B.
        assert_eq!(
            s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert!(is_s256_challenge(
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        ));
        assert!(!is_s256_challenge(
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c="
        ));
        assert!(is_code_verifier(&"a~.-_".repeat(9)));
        assert!(!is_code_verifier(&"a".repeat(42)));
        assert!(!is_code_verifier(&"a".repeat(129)));
        assert!(!is_code_verifier(&format!("{}+", "a".repeat(43))));
    }

    #[test]
    fn scopes_are_made_canonical_or_refused() {
        assert_eq!(
            canonical_scope(" all  history:read ").as_deref(),
            Some("all history:read")
        );
        assert_eq!(canonical_scope("").as_deref(), Some(""));
        assert_eq!(canonical_scope("a\"b"), None);
        assert_eq!(canonical_scope("a\\b"), None);
        assert_eq!(canonical_scope("ä"), None);
    }

    #[test]
    fn redirect_rules_compare_urls_not_strings() {
        let uris = RedirectUris::parse(&[
            "http://127.0.0.1/*".to_owned(),
            "https://app.example.com/cb".to_owned(),
        ])
        .expect("valid");
        for (candidate, allowed) in [
            ("http://127.0.0.1:5000/anything?x=1", true),
            ("http://127.0.0.1/", true),
            ("http://127.0.0.1:5000@evil.example/", false),
            ("http://evil.example/?http://127.0.0.1/", false),
            ("https://127.0.0.1:5000/", false),
            ("https://app.example.com/cb", true),
            ("https://app.example.com:443/cb", true),
            ("https://app.example.com:444/cb", false),
            ("https://app.example.com/cb#x", false),
            ("https://user@app.example.com/cb", false),
            ("not a url", false),
        ] {
            assert_eq!(uris.check(candidate).is_some(), allowed, "{candidate}");
        }
        assert!(RedirectUris::parse(&["https://a.example/#x".to_owned()]).is_err());
        assert!(RedirectUris::parse(&["https://u:p@a.example/".to_owned()]).is_err());
    }

    #[test]
    fn generated_clients_look_like_sipgates_and_hide_the_secret() {
        let client = RegisteredClient::generate();
        let parts: Vec<&str> = client.client_id().splitn(3, '-').collect();
        assert_eq!(parts[0].len(), 7);
        assert_eq!(parts[1], "0");
        assert_eq!(parts[2].len(), 36);
        assert_eq!(client.client_secret().len(), 36);
        assert!(!format!("{client:?}").contains(client.client_secret()));
    }

    #[test]
    fn lifetimes_are_checked() {
        let ok = Lifetimes {
            access: Duration::from_secs(1),
            refresh: DEFAULT_REFRESH_TOKEN_LIFETIME,
            code: DEFAULT_AUTHORIZATION_CODE_LIFETIME,
        };
        assert!(ok.check().is_ok());
        let too_long = Lifetimes {
            refresh: Duration::from_secs(u64::MAX),
            ..ok
        };
        assert_eq!(
            too_long.check().map_err(|(setting, _)| setting),
            Err("refresh_token_lifetime")
        );
    }
}
