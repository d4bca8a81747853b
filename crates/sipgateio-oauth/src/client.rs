//! [`OauthClient`]: one OAuth client registered at sipgate, and the flow it runs.

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
    BasicTokenType,
};
use oauth2::url::Url;
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet,
    EndpointSet, ExtraTokenFields, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RefreshToken,
    Scope, StandardRevocableToken, StandardTokenResponse, TokenResponse as _, TokenUrl,
};
use serde::{Deserialize, Serialize};
use sipgateio_core::{OauthClientId, Secret};

use crate::error::{Error, Result};
use crate::http::{Http, request_error};
use crate::sign_in::{Callback, PendingSignIn};
use crate::tokens::{TokenSet, after};

/// sipgate's login server (a Keycloak): realms live under `{SIPGATE_LOGIN_URL}/realms/{realm}`.
pub const SIPGATE_LOGIN_URL: &str = "https://login.sipgate.com/auth";
/// The realm of OAuth clients registered at sipgate today. Clients registered before
/// `sipgate-apps` existed live in `third-party`.
pub const DEFAULT_REALM: &str = "sipgate-apps";
/// Default time for each request to the token endpoint (stated in
/// [`OauthClientBuilder::request_timeout`]).
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default time to establish a connection.
#[cfg_attr(
    all(target_arch = "wasm32", target_os = "unknown"),
    allow(dead_code, reason = "fetch has no connect timeout")
)]
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// What Keycloak adds to a token response.
#[derive(Clone, Debug, Deserialize, Serialize)]
struct KeycloakFields {
    /// Seconds until the refresh token expires; `0` for tokens that do not.
    #[serde(default)]
    refresh_expires_in: Option<u64>,
}

impl ExtraTokenFields for KeycloakFields {}

type TokenAnswer = StandardTokenResponse<KeycloakFields, BasicTokenType>;

/// oauth2's client with an authorization and a token endpoint.
type Flow = oauth2::Client<
    BasicErrorResponse,
    TokenAnswer,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// How the client proves its identity to the token endpoint (RFC 6749 section 2.3.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClientAuth {
    /// `client_id` and `client_secret` in the form body, as sipgate's documentation shows
    /// (the default).
    #[default]
    RequestBody,
    /// HTTP Basic with the URL-encoded client id and secret; needs a client secret.
    BasicAuth,
}

/// A tokens answer of the server, with the access token's lifetime as the server stated it.
#[derive(Debug)]
pub(crate) struct Fresh {
    pub(crate) tokens: TokenSet,
    pub(crate) lifetime: Option<Duration>,
}

/// An OAuth 2 client registered at sipgate (in the sipgate console or through the API's
/// `/authorization/oauth2/clients`), and the authorization-code flow it runs:
///
/// 1. [`start_sign_in`](Self::start_sign_in): the URL to send the user to, with a fresh
///    `state` and a PKCE challenge (S256). Keep the [`PendingSignIn`] (for example in the
///    user's server-side session).
/// 2. sipgate redirects the user back to your redirect URI with `code` and `state`:
///    [`finish_sign_in`](Self::finish_sign_in) checks the `state` (before any request) and
///    exchanges the code, with the PKCE verifier, for a [`TokenSet`].
/// 3. A [`TokenSession`](crate::TokenSession) renews the tokens from then on; or call
///    [`refresh`](Self::refresh) yourself.
///
/// Cheap to clone (an `Arc` inside). `Debug` never shows the client secret.
///
/// ```
/// use sipgateio_core::OauthClientId;
/// use sipgateio_oauth::OauthClient;
///
/// let oauth = OauthClient::builder(
///     OauthClientId::new("2556404-0-dc848ec0-7e9e-11e9-b4ce-d38e0b3fa8a5"),
///     "https://crm.example.com/sipgate/callback",
/// )
/// .client_secret("the-client-secret")
/// .build()?;
/// assert_eq!(
///     oauth.token_url(),
///     "https://login.sipgate.com/auth/realms/sipgate-apps/protocol/openid-connect/token"
/// );
/// assert!(!format!("{oauth:?}").contains("the-client-secret"));
/// # Ok::<(), sipgateio_oauth::Error>(())
/// ```
#[derive(Clone)]
pub struct OauthClient {
    inner: Arc<Inner>,
}

struct Inner {
    flow: Flow,
    http: Http,
    client_id: OauthClientId,
    redirect_uri: String,
    authorization_url: String,
    token_url: String,
    client_auth: ClientAuth,
    has_secret: bool,
}

impl fmt::Debug for OauthClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("OauthClient")
            .field("client_id", &inner.client_id)
            .field(
                "client_secret",
                &if inner.has_secret { "***" } else { "none" },
            )
            .field("redirect_uri", &inner.redirect_uri)
            .field("authorization_url", &inner.authorization_url)
            .field("token_url", &inner.token_url)
            .field("client_auth", &inner.client_auth)
            .field("request_timeout", &inner.http.timeout)
            .finish()
    }
}

impl OauthClient {
    /// Starts configuring the client registered as `client_id` whose redirect URI (as
    /// registered: the login server compares it exactly) is `redirect_uri`.
    pub fn builder(
        client_id: OauthClientId,
        redirect_uri: impl Into<String>,
    ) -> OauthClientBuilder {
        OauthClientBuilder {
            client_id,
            redirect_uri: redirect_uri.into(),
            client_secret: None,
            realm: None,
            authorization_url: None,
            token_url: None,
            client_auth: ClientAuth::default(),
            request_timeout: None,
            http_client: None,
        }
    }

    /// The client id.
    pub fn client_id(&self) -> &OauthClientId {
        &self.inner.client_id
    }

    /// The redirect URI sent with the sign-in and the code exchange.
    pub fn redirect_uri(&self) -> &str {
        &self.inner.redirect_uri
    }

    /// The authorization endpoint the user is sent to.
    pub fn authorization_url(&self) -> &str {
        &self.inner.authorization_url
    }

    /// The token endpoint codes are exchanged and tokens refreshed at.
    pub fn token_url(&self) -> &str {
        &self.inner.token_url
    }

    /// Starts a sign-in asking for `scopes` (sipgate's scope names such as `"numbers:read"`,
    /// or `"all"`): a [`PendingSignIn`] with the URL to send the user to, a fresh random
    /// `state` and a PKCE code challenge (S256) whose verifier stays with you.
    ///
    /// Keep the returned value until the user comes back (server-side: its
    /// [`code_verifier`](PendingSignIn::code_verifier) is a secret); each sign-in needs its
    /// own.
    ///
    /// ```
    /// # let oauth = sipgateio_oauth::OauthClient::builder(
    /// #     sipgateio_core::OauthClientId::new("my-client"), "https://app.example.com/cb").build()?;
    /// let sign_in = oauth.start_sign_in(["numbers:read", "sessions:sms:write"])?;
    /// assert!(sign_in.url().starts_with(oauth.authorization_url()));
    /// assert!(sign_in.url().contains("code_challenge_method=S256"));
    /// assert!(sign_in.url().contains(&format!("state={}", sign_in.state())));
    /// # Ok::<(), sipgateio_oauth::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming `scopes` when a scope is empty or has characters RFC 6749
    /// does not allow (spaces, quotes, backslashes, non-ASCII).
    #[doc(alias = "authorize_url")]
    #[doc(alias = "authorization_url")]
    pub fn start_sign_in(
        &self,
        scopes: impl IntoIterator<Item = impl Into<String>>,
    ) -> Result<PendingSignIn> {
        let scopes: Vec<String> = scopes.into_iter().map(Into::into).collect();
        for scope in &scopes {
            let allowed =
                |c: char| c == '!' || ('#'..='[').contains(&c) || (']'..='~').contains(&c);
            if scope.is_empty() || !scope.chars().all(allowed) {
                return Err(Error::invalid_input(
                    "scopes",
                    "every scope must be a non-empty word of printable ASCII without spaces, \
                     quotes or backslashes",
                ));
            }
        }
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state) = self
            .inner
            .flow
            .authorize_url(CsrfToken::new_random)
            .add_scopes(scopes.into_iter().map(Scope::new))
            .set_pkce_challenge(challenge)
            .url();
        Ok(PendingSignIn::new(
            url.into(),
            state.secret().clone(),
            Secret::new(verifier.secret().clone()),
        ))
    }

    /// Finishes a sign-in: checks that the redirect's `state` is the one of `sign_in` —
    /// before anything is sent — then exchanges the code, with the PKCE verifier and the
    /// redirect URI, for tokens.
    ///
    /// ```no_run
    /// # async fn run(oauth: sipgateio_oauth::OauthClient, sign_in: sipgateio_oauth::PendingSignIn)
    /// # -> Result<(), sipgateio_oauth::Error> {
    /// // The query string of the request to your redirect URI:
    /// let callback = sipgateio_oauth::Callback::from_query("code=…&state=…")?;
    /// let tokens = oauth.finish_sign_in(&sign_in, &callback).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// - [`Error::InvalidInput`] with the field `state` when the redirect's state is not the
    ///   sign-in's (a forged or stale redirect: start again), or `code` when the code is
    ///   empty; nothing was sent;
    /// - [`Error::SignInRequired`] when the server refuses the code (`invalid_grant`: used,
    ///   expired, or the PKCE verifier does not match);
    /// - [`Error::Refused`], [`Error::Status`], [`Error::Timeout`], [`Error::Transport`] or
    ///   [`Error::Decode`] when the token endpoint refuses, fails or cannot be reached.
    #[doc(alias = "exchange_code")]
    pub async fn finish_sign_in(
        &self,
        sign_in: &PendingSignIn,
        callback: &Callback,
    ) -> Result<TokenSet> {
        if !sign_in.state_matches(callback.state()) {
            return Err(Error::invalid_input(
                "state",
                "is not the state of this sign-in: the redirect was forged or belongs to \
                 another sign-in; start the sign-in again",
            ));
        }
        if callback.code().is_empty() {
            return Err(Error::invalid_input("code", "must not be empty"));
        }
        tracing::debug!(client_id = %self.inner.client_id, "exchanging an authorization code");
        let answer = self
            .inner
            .flow
            .exchange_code(AuthorizationCode::new(callback.code().expose().to_owned()))
            .set_pkce_verifier(PkceCodeVerifier::new(
                sign_in.code_verifier().expose().to_owned(),
            ))
            .request_async(&self.inner.http)
            .await
            .map_err(|error| {
                request_error(
                    error,
                    "the authorization code was refused (used, expired, or the PKCE verifier \
                     does not match): start the sign-in again",
                )
            })?;
        Ok(tokens_of(&answer, None)?.tokens)
    }

    /// Exchanges a refresh token for new tokens. The answer usually holds a new refresh
    /// token too (sipgate rotates them: the old one stops working); if it holds none, the
    /// given one is kept in the returned [`TokenSet`].
    ///
    /// A [`TokenSession`](crate::TokenSession) calls this for you, one refresh at a time.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming `refresh_token` when it is empty (nothing sent);
    /// [`Error::SignInRequired`] when the server answers `invalid_grant` (the refresh token
    /// expired or was revoked: the user must sign in again); the transport and server errors
    /// of [`finish_sign_in`](Self::finish_sign_in).
    pub async fn refresh(&self, refresh_token: &Secret) -> Result<TokenSet> {
        self.refresh_tokens(refresh_token)
            .await
            .map(|fresh| fresh.tokens)
    }

    pub(crate) async fn refresh_tokens(&self, refresh_token: &Secret) -> Result<Fresh> {
        if refresh_token.is_empty() {
            return Err(Error::invalid_input("refresh_token", "must not be empty"));
        }
        tracing::debug!(client_id = %self.inner.client_id, "refreshing the access token");
        let token = RefreshToken::new(refresh_token.expose().to_owned());
        let answer = self
            .inner
            .flow
            .exchange_refresh_token(&token)
            .request_async(&self.inner.http)
            .await
            .map_err(|error| {
                request_error(
                    error,
                    "the refresh token is no longer valid (expired or revoked): the user must \
                     sign in again",
                )
            })?;
        tokens_of(&answer, Some(refresh_token))
    }
}

/// The tokens of a token response; `previous` is the refresh token to keep when the answer
/// brings none.
fn tokens_of(answer: &TokenAnswer, previous: Option<&Secret>) -> Result<Fresh> {
    if *answer.token_type() != BasicTokenType::Bearer {
        return Err(Error::decode(
            "token_type",
            format!("must be Bearer, not {:?}", answer.token_type().as_ref()),
        ));
    }
    let access_token = answer.access_token().secret();
    if access_token.is_empty() {
        return Err(Error::decode("access_token", "is empty"));
    }
    let now = Utc::now();
    let lifetime = answer.expires_in();
    let refresh_lifetime = answer
        .extra_fields()
        .refresh_expires_in
        .filter(|seconds| *seconds > 0)
        .map(Duration::from_secs);
    let tokens = TokenSet {
        access_token: Secret::new(access_token.clone()),
        refresh_token: answer
            .refresh_token()
            .map(|token| Secret::new(token.secret().clone()))
            .filter(|token| !token.is_empty())
            .or_else(|| previous.cloned()),
        expires_at: lifetime.and_then(|lifetime| after(now, lifetime)),
        refresh_expires_at: refresh_lifetime.and_then(|lifetime| after(now, lifetime)),
        scopes: answer
            .scopes()
            .map(|scopes| scopes.iter().map(|scope| scope.to_string()).collect())
            .unwrap_or_default(),
    };
    Ok(Fresh { tokens, lifetime })
}

/// Configures an [`OauthClient`]; see [`OauthClient::builder`].
///
/// By default the client talks to sipgate's login server, realm [`DEFAULT_REALM`]; point it
/// elsewhere (a sandbox, a test server) with [`authorization_url`](Self::authorization_url)
/// and [`token_url`](Self::token_url):
///
/// ```
/// use std::time::Duration;
/// use sipgateio_core::OauthClientId;
/// use sipgateio_oauth::{ClientAuth, OauthClient};
///
/// let oauth = OauthClient::builder(OauthClientId::new("sandbox-client"), "http://127.0.0.1:3000/cb")
///     .client_secret("sandbox-secret")
///     .authorization_url("http://127.0.0.1:8080/oauth/authorize")
///     .token_url("http://127.0.0.1:8080/oauth/token")
///     .client_auth(ClientAuth::BasicAuth)
///     .request_timeout(Duration::from_secs(5))
///     .build()?;
/// assert_eq!(oauth.token_url(), "http://127.0.0.1:8080/oauth/token");
///
/// // Plain http is for loopback addresses only: the secret and the tokens travel there.
/// let error = OauthClient::builder(OauthClientId::new("c"), "https://app.example.com/cb")
///     .token_url("http://login.example.com/token")
///     .build()
///     .unwrap_err();
/// assert_eq!(error.invalid_field(), Some("token_url"));
/// # Ok::<(), sipgateio_oauth::Error>(())
/// ```
#[derive(Debug)]
#[must_use]
pub struct OauthClientBuilder {
    client_id: OauthClientId,
    redirect_uri: String,
    client_secret: Option<Secret>,
    realm: Option<String>,
    authorization_url: Option<String>,
    token_url: Option<String>,
    client_auth: ClientAuth,
    request_timeout: Option<Duration>,
    http_client: Option<reqwest::Client>,
}

impl OauthClientBuilder {
    /// Sets the client secret (confidential clients, such as a web application's back end).
    /// Without one the client is public and relies on PKCE alone.
    pub fn client_secret(mut self, client_secret: impl Into<Secret>) -> Self {
        self.client_secret = Some(client_secret.into());
        self
    }

    /// Uses another realm of sipgate's login server (default [`DEFAULT_REALM`]; older
    /// clients live in `third-party`): the endpoints become
    /// `https://login.sipgate.com/auth/realms/{realm}/protocol/openid-connect/{auth,token}`.
    pub fn realm(mut self, realm: impl Into<String>) -> Self {
        self.realm = Some(realm.into());
        self
    }

    /// Overrides the authorization endpoint (for example a sandbox's). `https://`, or
    /// `http://` for a loopback address.
    pub fn authorization_url(mut self, url: impl Into<String>) -> Self {
        self.authorization_url = Some(url.into());
        self
    }

    /// Overrides the token endpoint (for example a sandbox's). `https://`, or `http://` for a
    /// loopback address.
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = Some(url.into());
        self
    }

    /// Sets how the client authenticates at the token endpoint (default
    /// [`ClientAuth::RequestBody`]).
    pub fn client_auth(mut self, client_auth: ClientAuth) -> Self {
        self.client_auth = client_auth;
        self
    }

    /// Sets the time allowed for each request to the token endpoint (default 30 s).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = Some(timeout);
        self
    }

    /// Uses this `reqwest::Client` (reqwest 0.13, the SDK's) for the token endpoint. Turn off
    /// its redirects (`redirect::Policy::none()`) as the default client does: a token request
    /// that follows a redirect could carry the client secret elsewhere.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Checks the settings and builds the client. Nothing is sent.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming the setting: `client_id` (empty or with whitespace),
    /// `client_secret` (empty or with control characters), `redirect_uri` (not an absolute
    /// http(s) URL, or with a fragment), `realm` (empty, or other than letters, digits, `-`,
    /// `_` and `.`), `authorization_url` and `token_url` (not https, or http on a host that is
    /// not a loopback address), `client_auth` (Basic without a secret), `request_timeout`
    /// (zero).
    pub fn build(self) -> Result<OauthClient> {
        let client_id = self.client_id.as_str();
        if client_id.is_empty()
            || client_id
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(Error::invalid_input(
                "client_id",
                "must be a non-empty id without whitespace",
            ));
        }
        if let Some(secret) = &self.client_secret
            && (secret.is_empty() || secret.expose().chars().any(char::is_control))
        {
            return Err(Error::invalid_input(
                "client_secret",
                "must be non-empty and free of control characters",
            ));
        }
        if self.client_auth == ClientAuth::BasicAuth && self.client_secret.is_none() {
            return Err(Error::invalid_input(
                "client_auth",
                "BasicAuth needs a client secret",
            ));
        }
        let redirect = absolute_url("redirect_uri", &self.redirect_uri)?;
        let realm = self.realm.as_deref().unwrap_or(DEFAULT_REALM);
        let realm_ok = !realm.is_empty()
            && realm
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && realm != "."
            && realm != "..";
        if !realm_ok {
            return Err(Error::invalid_input(
                "realm",
                "must be a realm name: letters, digits, `-`, `_` and `.`",
            ));
        }
        let endpoint = |kind: &str| {
            format!("{SIPGATE_LOGIN_URL}/realms/{realm}/protocol/openid-connect/{kind}")
        };
        let authorization_url = self.authorization_url.unwrap_or_else(|| endpoint("auth"));
        let token_url = self.token_url.unwrap_or_else(|| endpoint("token"));
        let authorization = endpoint_url("authorization_url", &authorization_url)?;
        let token = endpoint_url("token_url", &token_url)?;
        let timeout = self.request_timeout.unwrap_or(DEFAULT_TIMEOUT);
        if timeout.is_zero() {
            return Err(Error::invalid_input(
                "request_timeout",
                "must be longer than zero",
            ));
        }
        let http_client = match self.http_client {
            Some(client) => client,
            #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
            None => reqwest::Client::builder()
                .connect_timeout(CONNECT_TIMEOUT)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| {
                    Error::Config(crate::error::ConfigError {
                        message: format!("the HTTP client could not be set up: {e}"),
                    })
                })?,
            // wasm32: the browser's fetch connects and follows redirects itself (reqwest has
            // neither setting there); the request timeout covers connecting.
            #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
            None => reqwest::Client::builder().build().map_err(|e| {
                Error::Config(crate::error::ConfigError {
                    message: format!("the HTTP client could not be set up: {e}"),
                })
            })?,
        };

        let mut flow = oauth2::Client::new(ClientId::new(client_id.to_owned()))
            .set_auth_uri(AuthUrl::from_url(authorization))
            .set_token_uri(TokenUrl::from_url(token))
            .set_redirect_uri(RedirectUrl::from_url(redirect))
            .set_auth_type(match self.client_auth {
                ClientAuth::RequestBody => AuthType::RequestBody,
                ClientAuth::BasicAuth => AuthType::BasicAuth,
            });
        if let Some(secret) = &self.client_secret {
            flow = flow.set_client_secret(ClientSecret::new(secret.expose().to_owned()));
        }
        Ok(OauthClient {
            inner: Arc::new(Inner {
                flow,
                http: Http {
                    client: http_client,
                    timeout,
                },
                client_id: self.client_id,
                redirect_uri: self.redirect_uri,
                authorization_url,
                token_url,
                client_auth: self.client_auth,
                has_secret: self.client_secret.is_some(),
            }),
        })
    }
}

/// An absolute http(s) URL without a fragment (RFC 6749 section 3.1.2 and 3.1).
fn absolute_url(field: &'static str, value: &str) -> Result<Url> {
    sipgateio_types::url::check_http_url(value)
        .map_err(|invalid| Error::invalid_input(field, invalid.rule()))?;
    let url = Url::parse(value)
        .map_err(|e| Error::invalid_input(field, format!("must be an absolute URL: {e}")))?;
    if url.fragment().is_some() {
        return Err(Error::invalid_input(
            field,
            "must not have a fragment (`#…`)",
        ));
    }
    Ok(url)
}

/// An endpoint URL: absolute, and `https` unless the host is a loopback address (the client
/// secret, codes and tokens travel to it).
fn endpoint_url(field: &'static str, value: &str) -> Result<Url> {
    let url = absolute_url(field, value)?;
    let loopback = match url.host() {
        Some(oauth2::url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(oauth2::url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(oauth2::url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    };
    if url.scheme() != "https" && !loopback {
        return Err(Error::invalid_input(
            field,
            "must be an https:// URL (http:// only for a loopback host such as 127.0.0.1 or \
             localhost): the client secret and the tokens travel to it",
        ));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builder() -> OauthClientBuilder {
        OauthClient::builder(OauthClientId::new("client-1"), "https://app.example.com/cb")
    }

    fn field(result: Result<OauthClient>) -> String {
        match result {
            Err(Error::InvalidInput(input)) => input.field().to_owned(),
            other => panic!("expected invalid input, got {other:?}"),
        }
    }

    #[test]
    fn defaults_are_sipgates_documented_endpoints() {
        let oauth = builder().build().expect("valid");
        assert_eq!(
            oauth.authorization_url(),
            "https://login.sipgate.com/auth/realms/sipgate-apps/protocol/openid-connect/auth"
        );
        assert_eq!(
            oauth.token_url(),
            "https://login.sipgate.com/auth/realms/sipgate-apps/protocol/openid-connect/token"
        );
        let oauth = builder().realm("third-party").build().expect("valid");
        assert_eq!(
            oauth.token_url(),
            "https://login.sipgate.com/auth/realms/third-party/protocol/openid-connect/token"
        );
        assert_eq!(oauth.client_id(), "client-1");
        assert_eq!(oauth.redirect_uri(), "https://app.example.com/cb");
    }

    #[test]
    fn every_bad_setting_is_named() {
        let cases: Vec<(OauthClientBuilder, &str)> = vec![
            (
                OauthClient::builder(OauthClientId::new(""), "https://a.example/cb"),
                "client_id",
            ),
            (
                OauthClient::builder(OauthClientId::new("a b"), "https://a.example/cb"),
                "client_id",
            ),
            (builder().client_secret(""), "client_secret"),
            (builder().client_auth(ClientAuth::BasicAuth), "client_auth"),
            (
                OauthClient::builder(OauthClientId::new("c"), "/relative"),
                "redirect_uri",
            ),
            (
                OauthClient::builder(OauthClientId::new("c"), "https://a.example/cb#x"),
                "redirect_uri",
            ),
            (builder().realm(""), "realm"),
            (builder().realm("a/b"), "realm"),
            (builder().realm(".."), "realm"),
            (
                builder().token_url("http://login.example.com/t"),
                "token_url",
            ),
            (builder().token_url("ftp://127.0.0.1/t"), "token_url"),
            (
                builder().authorization_url("http://10.0.0.1/a"),
                "authorization_url",
            ),
            (builder().request_timeout(Duration::ZERO), "request_timeout"),
        ];
        for (builder, expected) in cases {
            assert_eq!(field(builder.build()), expected);
        }
    }

    #[test]
    fn loopback_endpoints_may_use_http() {
        for url in [
            "http://127.0.0.1:8080/token",
            "http://localhost/token",
            "http://[::1]:9/token",
        ] {
            let oauth = builder().token_url(url).build().expect(url);
            assert_eq!(oauth.token_url(), url);
        }
    }

    #[test]
    fn scopes_are_checked() {
        let oauth = builder().build().expect("valid");
        for bad in ["", "two words", "quote\"", "back\\slash", "ümlaut"] {
            let error = oauth.start_sign_in([bad]).expect_err(bad);
            assert_eq!(error.invalid_field(), Some("scopes"));
        }
        assert!(oauth.start_sign_in(Vec::<String>::new()).is_ok());
    }

    #[test]
    fn each_sign_in_has_its_own_state_and_verifier() {
        let oauth = builder().build().expect("valid");
        let a = oauth.start_sign_in(["all"]).expect("valid");
        let b = oauth.start_sign_in(["all"]).expect("valid");
        assert_ne!(a.state(), b.state());
        assert_ne!(a.code_verifier(), b.code_verifier());
        // RFC 7636: a verifier of 43 to 128 characters.
        assert!((43..=128).contains(&a.code_verifier().expose().len()));
    }
}
