//! [`ClientBuilder`]: everything a [`Client`] is configured with.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};

use crate::client::{Authorization, Client, Inner};
use crate::{Credentials, Error, Result, RetryPolicy, Secret, TokenSource};

/// The sipgate REST API's base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.sipgate.com/v2";
/// Default time to establish a connection (stated in [`ClientBuilder::connect_timeout`]).
#[cfg_attr(
    all(target_arch = "wasm32", target_os = "unknown"),
    allow(dead_code, reason = "fetch has no connect timeout")
)]
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time for a whole request, per attempt (stated in
/// [`ClientBuilder::request_timeout`]).
const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Default largest response body read into memory (stated in
/// [`ClientBuilder::max_response_bytes`]).
const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// The personal access token id variable of [`ClientBuilder::from_env`].
const ENV_TOKEN_ID: &str = "SIPGATE_TOKEN_ID";
/// The personal access token variable of [`ClientBuilder::from_env`].
const ENV_TOKEN: &str = "SIPGATE_TOKEN";
/// The OAuth access token variable of [`ClientBuilder::from_env`].
const ENV_OAUTH_TOKEN: &str = "SIPGATE_OAUTH_TOKEN";
/// The base URL variable of [`ClientBuilder::from_env`].
const ENV_BASE_URL: &str = "SIPGATE_BASE_URL";

/// Builds a [`Client`].
///
/// ```
/// use std::time::Duration;
/// use sipgateio_core::{Client, RetryPolicy};
///
/// let client = Client::builder()
///     .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
///     .base_url("http://127.0.0.1:8080/v2")
///     .request_timeout(Duration::from_secs(5))
///     .retry_policy(RetryPolicy::default().max_attempts(4))
///     .header("X-Trace", "demo")
///     .build()?;
/// assert_eq!(client.base_url(), "http://127.0.0.1:8080/v2");
/// # Ok::<(), sipgateio_core::Error>(())
/// ```
#[derive(Debug, Default)]
#[must_use]
pub struct ClientBuilder {
    credentials: Option<Credentials>,
    base_url: Option<String>,
    connect_timeout: Option<Duration>,
    request_timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    max_response_bytes: Option<usize>,
    headers: Vec<(String, String)>,
    http_client: Option<reqwest::Client>,
}

impl ClientBuilder {
    /// A builder with no credentials and the defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Authenticates with a personal access token (`token-XXXXXX` and its UUID secret).
    pub fn personal_access_token(
        self,
        token_id: impl Into<String>,
        token: impl Into<Secret>,
    ) -> Self {
        self.credentials(Credentials::PersonalAccessToken {
            token_id: token_id.into(),
            token: token.into(),
        })
    }

    /// Authenticates with an OAuth 2 access token (sent as `Bearer`).
    pub fn oauth_token(self, access_token: impl Into<Secret>) -> Self {
        self.credentials(Credentials::OAuth {
            access_token: access_token.into(),
        })
    }

    /// Authenticates with the legacy e-mail and password (deprecated by sipgate).
    pub fn basic_auth(self, username: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.credentials(Credentials::Password {
            username: username.into(),
            password: password.into(),
        })
    }

    /// Authenticates with `Bearer` tokens that renew themselves: the client asks `source` for
    /// the token before every request and tells it about every 401, then sends the request
    /// once more if the source has a new token (see [`TokenSource`]). The `sipgateio-oauth`
    /// crate's `TokenSession` is such a source; pass an `Arc` of a source to keep a handle on
    /// it.
    ///
    /// ```
    /// use sipgateio_core::{Client, Secret, TokenFuture, TokenSource};
    ///
    /// #[derive(Debug)]
    /// struct Fixed;
    ///
    /// impl TokenSource for Fixed {
    ///     fn access_token(&self) -> TokenFuture<'_, Secret> {
    ///         Box::pin(async { Ok(Secret::new("an-access-token")) })
    ///     }
    /// }
    ///
    /// let client = Client::builder().token_source(Fixed).build()?;
    /// # Ok::<(), sipgateio_core::Error>(())
    /// ```
    pub fn token_source(self, source: impl TokenSource + 'static) -> Self {
        self.credentials(Credentials::TokenSource(std::sync::Arc::new(source)))
    }

    /// Sets the credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Starts from the environment: credentials and, if set, the base URL; see
    /// [`Client::from_env`] for the variables. Other settings can be added before
    /// [`build`](Self::build).
    ///
    /// ```no_run
    /// use std::time::Duration;
    ///
    /// let client = sipgateio_core::ClientBuilder::from_env()?
    ///     .request_timeout(Duration::from_secs(5))
    ///     .build()?;
    /// # Ok::<(), sipgateio_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming the variable that is missing or malformed.
    pub fn from_env() -> Result<Self> {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// [`from_env`](Self::from_env) with the variables read through `lookup`, so tests do not
    /// touch the process environment. Empty values count as unset.
    pub(crate) fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let var = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        // Names the variable instead of the builder setting in a validation error.
        let rename = |error: Error, name: &'static str| match error {
            Error::InvalidInput(input) => Error::invalid_input(name, input.rule().to_owned()),
            other => other,
        };
        let mut builder = Self::new();
        let credentials = match (var(ENV_OAUTH_TOKEN), var(ENV_TOKEN_ID), var(ENV_TOKEN)) {
            (Some(access_token), _, _) => Credentials::OAuth {
                access_token: access_token.into(),
            },
            (None, Some(token_id), Some(token)) => Credentials::PersonalAccessToken {
                token_id,
                token: token.into(),
            },
            (None, Some(_), None) => {
                return Err(Error::invalid_input(
                    ENV_TOKEN,
                    "is not set, but SIPGATE_TOKEN_ID is: a personal access token needs both",
                ));
            }
            (None, None, Some(_)) => {
                return Err(Error::invalid_input(
                    ENV_TOKEN_ID,
                    "is not set, but SIPGATE_TOKEN is: a personal access token needs both",
                ));
            }
            (None, None, None) => {
                return Err(Error::invalid_input(
                    ENV_TOKEN_ID,
                    "is not set: set SIPGATE_TOKEN_ID and SIPGATE_TOKEN for a personal \
                     access token, or SIPGATE_OAUTH_TOKEN for an OAuth access token",
                ));
            }
        };
        credentials.validate().map_err(|error| {
            let name = match error.invalid_field() {
                Some("token_id") => ENV_TOKEN_ID,
                Some("token") => ENV_TOKEN,
                _ => ENV_OAUTH_TOKEN,
            };
            rename(error, name)
        })?;
        builder = builder.credentials(credentials);
        if let Some(base_url) = var(ENV_BASE_URL) {
            check_base_url(&base_url).map_err(|error| rename(error, ENV_BASE_URL))?;
            builder = builder.base_url(base_url);
        }
        Ok(builder)
    }

    /// Overrides the base URL (default [`DEFAULT_BASE_URL`]), e.g. to use a sandbox.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Sets the time allowed to establish a connection (default 10 s).
    ///
    /// On `wasm32-unknown-unknown` the browser connects and fetch has no connect timeout: there
    /// the [request timeout](Self::request_timeout) covers connecting too.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Sets the time allowed for each attempt of a request, body included (default 30 s).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = Some(timeout);
        self
    }

    /// Sets the retry policy (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Sets the largest response body the client reads into memory (default 16 MiB, far
    /// above any single page or item of the sipgate API).
    ///
    /// A larger success body fails with an [`Error::Decode`] (kind
    /// [`ErrorKind::Decode`](crate::ErrorKind::Decode)) that names this setting; the
    /// rest of the body is not read, and a `Content-Length` above the limit fails before
    /// any of it is. Streaming downloads ([`Client::execute_stream`], for example the history
    /// crate's `export_csv_to`) are not limited. Error bodies are always read up to 64 KiB
    /// only, of which the first 4 KiB are kept in the error.
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = Some(bytes);
        self
    }

    /// Adds a header sent with every request.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Uses this `reqwest::Client` (with its own pool, proxy and TLS settings) instead of
    /// building one. The builder's connect timeout is then the client's business.
    ///
    /// The SDK does not re-export reqwest, so that reqwest's version does not become part of
    /// the SDK's: add `reqwest` to your own `Cargo.toml` in the release line the SDK uses
    /// (`reqwest = "0.13"`; Cargo then shares one copy). A `reqwest::Client` of another line
    /// (0.12, 0.14, …) is a different type, and passing it does not compile. Any of reqwest's
    /// TLS features may be enabled; the SDK's own client uses rustls.
    ///
    /// ```
    /// let http = reqwest::Client::builder().pool_max_idle_per_host(4).build()?;
    /// let client = sipgateio_core::Client::builder()
    ///     .oauth_token("an-oauth-access-token")
    ///     .http_client(http)
    ///     .build()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Validates the configuration and builds the client. No request is sent; call
    /// [`Client::get_authenticated_webuser_id`] to check the credentials.
    pub fn build(self) -> Result<Client> {
        let credentials = self.credentials.ok_or_else(|| {
            Error::invalid_input(
                "credentials",
                "are required: call personal_access_token, oauth_token, token_source or basic_auth",
            )
        })?;
        credentials.validate()?;

        let (base_url, base) =
            check_base_url(self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;

        let mut headers = crate::headers::default_headers();
        for (name, value) in self.headers {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                Error::invalid_input("header", format!("{name:?} is not a valid header name"))
            })?;
            let value = HeaderValue::from_str(&value).map_err(|_| {
                Error::invalid_input(
                    "header",
                    format!("the value of {name} is not a valid header value"),
                )
            })?;
            headers.insert(name, value);
        }
        let authorization = match &credentials {
            Credentials::TokenSource(source) => Authorization::Source(source.clone()),
            fixed => {
                let mut value = fixed
                    .authorization_value()
                    .and_then(|value| HeaderValue::from_str(&value).ok())
                    .ok_or_else(|| {
                        Error::invalid_input(
                            "credentials",
                            "contain characters not allowed in a header",
                        )
                    })?;
                value.set_sensitive(true);
                Authorization::Fixed(value)
            }
        };

        let http = match self.http_client {
            Some(client) => client,
            #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                .build()
                .map_err(|e| Error::config(format!("cannot build the HTTP client: {e}")))?,
            // The browser connects (fetch has no connect timeout); the request timeout covers it.
            #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
            None => reqwest::Client::builder()
                .build()
                .map_err(|e| Error::config(format!("cannot build the HTTP client: {e}")))?,
        };

        Ok(Client::from_inner(Arc::new(Inner {
            http,
            base_url,
            base,
            authorization,
            headers,
            credentials_kind: credentials_kind(&credentials),
            request_timeout: self.request_timeout.unwrap_or(DEFAULT_REQUEST_TIMEOUT),
            retry: self.retry.unwrap_or_default(),
            max_response_bytes: self
                .max_response_bytes
                .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
        })))
    }
}

/// Checks a base URL (absolute, http or https, no query) and strips trailing slashes;
/// returns it and its parsed form.
fn check_base_url(base_url: &str) -> Result<(String, reqwest::Url)> {
    let base_url = base_url.trim_end_matches('/');
    let parsed = reqwest::Url::parse(base_url)
        .map_err(|e| Error::invalid_input("base_url", format!("must be an absolute URL: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.query().is_some() {
        return Err(Error::invalid_input(
            "base_url",
            "must be an http or https URL without a query",
        ));
    }
    Ok((base_url.to_owned(), parsed))
}

fn credentials_kind(credentials: &Credentials) -> &'static str {
    match credentials {
        Credentials::PersonalAccessToken { .. } => "personal access token",
        Credentials::OAuth { .. } => "OAuth token",
        Credentials::Password { .. } => "password",
        Credentials::TokenSource(_) => "token source",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN_ID: &str = "token-6HEF5K";
    const TOKEN: &str = "195d5a7c-559f-444d-9a61-06adaf70ff27";

    /// `from_env_with` over a fixed set of variables: no process environment, no races.
    fn from(vars: &[(&str, &str)]) -> Result<Client> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        ClientBuilder::from_env_with(|name| {
            vars.iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        })?
        .build()
    }

    fn field_and_rule(result: Result<Client>) -> (String, String) {
        match result {
            Err(Error::InvalidInput(input)) => (input.field().to_owned(), input.rule().to_owned()),
            other => panic!("expected invalid input, got {other:?}"),
        }
    }

    #[test]
    fn personal_access_token_from_env() {
        let client = from(&[(ENV_TOKEN_ID, TOKEN_ID), (ENV_TOKEN, TOKEN)]).expect("complete");
        assert_eq!(client.base_url(), DEFAULT_BASE_URL);
        assert!(format!("{client:?}").contains("personal access token"));
        assert!(!format!("{client:?}").contains(TOKEN));
    }

    #[test]
    fn oauth_token_from_env_wins_over_a_personal_access_token() {
        let client = from(&[(ENV_OAUTH_TOKEN, "an-oauth-token")]).expect("complete");
        assert!(format!("{client:?}").contains("OAuth token"));
        let client = from(&[
            (ENV_TOKEN_ID, TOKEN_ID),
            (ENV_TOKEN, TOKEN),
            (ENV_OAUTH_TOKEN, "an-oauth-token"),
        ])
        .expect("complete");
        assert!(format!("{client:?}").contains("OAuth token"));
    }

    #[test]
    fn base_url_from_env() {
        let client = from(&[
            (ENV_OAUTH_TOKEN, "abc"),
            (ENV_BASE_URL, "http://127.0.0.1:8080/v2/"),
        ])
        .expect("complete");
        assert_eq!(client.base_url(), "http://127.0.0.1:8080/v2");
        let (field, rule) = field_and_rule(from(&[
            (ENV_OAUTH_TOKEN, "abc"),
            (ENV_BASE_URL, "ftp://example.com"),
        ]));
        assert_eq!(field, ENV_BASE_URL);
        assert_eq!(rule, "must be an http or https URL without a query");
    }

    #[test]
    fn nothing_set_names_the_variables_to_set() {
        let (field, rule) = field_and_rule(from(&[]));
        assert_eq!(field, ENV_TOKEN_ID);
        assert!(rule.contains("SIPGATE_TOKEN") && rule.contains("SIPGATE_OAUTH_TOKEN"));
        // Empty counts as unset.
        let (field, _) = field_and_rule(from(&[(ENV_TOKEN_ID, ""), (ENV_OAUTH_TOKEN, " ")]));
        assert_eq!(field, ENV_TOKEN_ID);
    }

    #[test]
    fn a_half_set_token_names_the_missing_half() {
        let (field, rule) = field_and_rule(from(&[(ENV_TOKEN_ID, TOKEN_ID)]));
        assert_eq!(field, ENV_TOKEN);
        assert!(rule.contains("SIPGATE_TOKEN_ID is"), "{rule}");
        let (field, rule) = field_and_rule(from(&[(ENV_TOKEN, TOKEN)]));
        assert_eq!(field, ENV_TOKEN_ID);
        assert!(rule.contains("SIPGATE_TOKEN is"), "{rule}");
    }

    #[test]
    fn malformed_values_name_the_variable_but_not_the_secret() {
        let (field, _) = field_and_rule(from(&[(ENV_TOKEN_ID, "token-1"), (ENV_TOKEN, TOKEN)]));
        assert_eq!(field, ENV_TOKEN_ID);
        let result = from(&[(ENV_TOKEN_ID, TOKEN_ID), (ENV_TOKEN, "secret-not-a-uuid")]);
        let error = result.expect_err("token is no UUID");
        assert!(!format!("{error} {error:?}").contains("secret-not-a-uuid"));
        assert_eq!(error.invalid_field(), Some(ENV_TOKEN));
        let (field, _) = field_and_rule(from(&[(ENV_OAUTH_TOKEN, "two words")]));
        assert_eq!(field, ENV_OAUTH_TOKEN);
    }
}
