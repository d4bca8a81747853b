//! [`Client`]: the authenticated, retrying HTTP transport every domain crate uses.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
use std::time::Instant;

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
use web_time::Instant;

use bytes::Bytes;
use futures_core::Stream;
use futures_util::TryStreamExt as _;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue, RETRY_AFTER};
use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use crate::retry::is_retryable;
use crate::sendable::sendable;
use crate::transport::{Method, Request, Response};
use crate::{ClientBuilder, Error, Result, RetryPolicy, Secret, TokenSource};

/// How much of an error response's body is read; the rest is dropped unread. 64 KiB holds
/// every error sipgate sends many times over.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// Where the `Authorization` header of a request comes from.
pub(crate) enum Authorization {
    /// Computed once from fixed credentials.
    Fixed(HeaderValue),
    /// Asked from a token source before every attempt.
    Source(Arc<dyn TokenSource>),
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    /// `base_url` parsed once: each request's URL is this with the request's path set, so
    /// the host is not parsed (IDNA) again per request.
    pub(crate) base: reqwest::Url,
    pub(crate) authorization: Authorization,
    pub(crate) headers: HeaderMap,
    pub(crate) credentials_kind: &'static str,
    pub(crate) request_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_response_bytes: usize,
}

/// The sipgate REST API client.
///
/// Cheap to clone (one `Arc` inside; clones share the connection pool), `Send + Sync`.
/// Domain crates add their clients through extension traits: `client.sms()`,
/// `client.history()`, …
///
/// ```no_run
/// # async fn run() -> Result<(), sipgateio_core::Error> {
/// // SIPGATE_TOKEN_ID and SIPGATE_TOKEN hold a personal access token.
/// let client = sipgateio_core::Client::from_env()?;
/// let me = client.get_authenticated_webuser_id().await?;
/// println!("authenticated as {me}");
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    timeout_override: Option<Duration>,
    retry_override: Option<RetryPolicy>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("credentials", &self.inner.credentials_kind)
            .field("request_timeout", &self.request_timeout())
            .field("retry", &self.retry_policy())
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts building a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from environment variables, with every other setting at its
    /// default:
    ///
    /// | variable | meaning |
    /// |---|---|
    /// | `SIPGATE_TOKEN_ID` and `SIPGATE_TOKEN` | a personal access token: its id (`token-…`) and the token itself |
    /// | `SIPGATE_OAUTH_TOKEN` | an OAuth access token (sent as `Bearer`); wins when both kinds are set |
    /// | `SIPGATE_BASE_URL` | optional: another base URL, e.g. a sandbox's (default [`DEFAULT_BASE_URL`](crate::DEFAULT_BASE_URL)) |
    ///
    /// Empty variables count as unset. These are the variables the `sipgateio` CLI reads too.
    /// Use [`ClientBuilder::from_env`] to add other settings. No request is sent.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), sipgateio_core::Error> {
    /// // SIPGATE_TOKEN_ID=token-6HEF5K SIPGATE_TOKEN=195d5a7c-… cargo run
    /// let client = sipgateio_core::Client::from_env()?;
    /// let me = client.get_authenticated_webuser_id().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] whose [`field`](crate::InvalidInput::field) is the variable to
    /// set or fix: `SIPGATE_TOKEN_ID` when no credentials are set at all, the missing half of
    /// a half-set personal access token, or the variable holding a malformed value (the value
    /// itself is never shown).
    pub fn from_env() -> Result<Self> {
        ClientBuilder::from_env()?.build()
    }

    pub(crate) fn from_inner(inner: Arc<Inner>) -> Self {
        Self {
            inner,
            timeout_override: None,
            retry_override: None,
        }
    }

    /// The base URL requests are sent to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The timeout of each attempt.
    pub fn request_timeout(&self) -> Duration {
        self.timeout_override.unwrap_or(self.inner.request_timeout)
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        self.retry_override.as_ref().unwrap_or(&self.inner.retry)
    }

    /// The largest response body the client reads into memory; see
    /// [`ClientBuilder::max_response_bytes`].
    pub fn max_response_bytes(&self) -> usize {
        self.inner.max_response_bytes
    }

    /// A clone of this client (same connection pool) whose requests use another timeout.
    ///
    /// ```
    /// # let client = sipgateio_core::Client::builder().oauth_token("abc").build()?;
    /// use std::time::Duration;
    /// let patient = client.with_timeout(Duration::from_secs(120));
    /// assert_eq!(patient.request_timeout(), Duration::from_secs(120));
    /// # Ok::<(), sipgateio_core::Error>(())
    /// ```
    #[must_use]
    pub fn with_timeout(&self, timeout: Duration) -> Self {
        Self {
            timeout_override: Some(timeout),
            ..self.clone()
        }
    }

    /// A clone of this client (same connection pool) whose requests use another retry policy.
    #[must_use]
    pub fn with_retry_policy(&self, policy: RetryPolicy) -> Self {
        Self {
            retry_override: Some(policy),
            ..self.clone()
        }
    }

    /// Sends a request and returns its JSON body decoded as `T`.
    pub async fn send<T: DeserializeOwned>(&self, request: Request) -> Result<T> {
        self.execute(request).await?.json()
    }

    /// Sends a request whose response body is not needed (204 and friends).
    pub async fn send_no_content(&self, request: Request) -> Result<()> {
        self.execute(request).await.map(drop)
    }

    /// Sends a request, retrying as the policy allows, and reads the whole response.
    /// A non-success status becomes the matching [`Error`] with the request's domain meaning.
    ///
    /// The body is read up to [`max_response_bytes`](ClientBuilder::max_response_bytes); a
    /// larger one is an [`Error::Decode`] (use [`execute_stream`](Self::execute_stream) for
    /// downloads of any size).
    pub async fn execute(&self, request: Request) -> Result<Response> {
        sendable(async move {
            let response = self.execute_streaming(&request).await?;
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let timeout = request.timeout.unwrap_or_else(|| self.request_timeout());
            let body = read_body(response, self.inner.max_response_bytes, timeout).await?;
            Ok(Response {
                status,
                headers,
                body,
            })
        })
        .await
    }

    /// Sends a request and returns its body as a stream of chunks, for large downloads such as
    /// CSV exports. Retries apply until the response headers arrive. The stream is not bound
    /// by [`max_response_bytes`](ClientBuilder::max_response_bytes): the caller decides what
    /// to keep.
    pub async fn execute_stream(
        &self,
        request: Request,
    ) -> Result<impl Stream<Item = Result<Bytes>> + Send + 'static> {
        sendable(async move {
            let timeout = request.timeout.unwrap_or_else(|| self.request_timeout());
            let response = self.execute_streaming(&request).await?;
            Ok(sendable(
                response
                    .bytes_stream()
                    .map_err(move |e| transport_error(e, timeout)),
            ))
        })
        .await
    }

    async fn execute_streaming(&self, request: &Request) -> Result<reqwest::Response> {
        let policy = request
            .retry
            .as_ref()
            .unwrap_or_else(|| self.retry_policy());
        let timeout = request.timeout.unwrap_or_else(|| self.request_timeout());
        let url = request_url(&self.inner.base, &request.path);
        let span = tracing::info_span!(
            "sipgate.request",
            method = request.method.as_str(),
            path = %request.path_for_logs(),
            status = tracing::field::Empty,
            attempt = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        );
        async move {
            let started = Instant::now();
            let mut attempt = 1;
            // A token source renews a refused token once per request, not once per attempt.
            let mut renewed = false;
            loop {
                tracing::Span::current().record("attempt", attempt);
                let result = self
                    .authorized_attempt(request, &url, timeout, &mut renewed)
                    .await;
                let elapsed = started.elapsed();
                tracing::Span::current().record("elapsed_ms", elapsed.as_millis() as u64);
                let error = match result {
                    Ok(response) if response.status().is_success() => {
                        tracing::Span::current().record("status", response.status().as_u16());
                        tracing::debug!("request succeeded");
                        return Ok(response);
                    }
                    Ok(response) => {
                        let status = response.status().as_u16();
                        tracing::Span::current().record("status", status);
                        let retry_after = parse_retry_after(response.headers());
                        let body = read_error_body(response).await;
                        request.contextualise(Error::from_status(status, body, retry_after))
                    }
                    Err(error) => error,
                };
                if attempt >= policy.attempts() || !is_retryable(request.method, &error) {
                    tracing::debug!(error = %error, "request failed");
                    return Err(error);
                }
                let delay = match retry_after_of(&error) {
                    Some(retry_after) => match policy.honour_retry_after(retry_after) {
                        Some(delay) => delay,
                        None => return Err(error),
                    },
                    None => policy.backoff(attempt),
                };
                tracing::debug!(error = %error, delay_ms = delay.as_millis() as u64, "retrying");
                crate::timer::sleep(delay).await;
                attempt += 1;
            }
        }
        .instrument(span)
        .await
    }

    /// One attempt with its `Authorization` header. With a token source: the token is asked
    /// for first (its failure is this attempt's error, nothing is sent), and a 401 is reported
    /// to the source — if it has a new token and this request has not been renewed yet, the
    /// request is sent once more with it. The server refuses a request with 401 before acting
    /// on it, so this is safe for every method.
    async fn authorized_attempt(
        &self,
        request: &Request,
        url: &reqwest::Url,
        timeout: Duration,
        renewed: &mut bool,
    ) -> Result<reqwest::Response> {
        let source = match &self.inner.authorization {
            Authorization::Fixed(header) => {
                return self
                    .attempt(request, url, timeout, header.clone())
                    .await
                    .map_err(|e| transport_error(e, timeout));
            }
            Authorization::Source(source) => source,
        };
        let token = source.access_token().await?;
        let response = self
            .attempt(request, url, timeout, bearer_header(&token)?)
            .await
            .map_err(|e| transport_error(e, timeout))?;
        if response.status() != reqwest::StatusCode::UNAUTHORIZED || *renewed {
            return Ok(response);
        }
        *renewed = true;
        if !source.unauthorized(&token).await? {
            return Ok(response);
        }
        drop(response);
        tracing::debug!("the API refused the access token; sending once more with a new one");
        let token = source.access_token().await?;
        self.attempt(request, url, timeout, bearer_header(&token)?)
            .await
            .map_err(|e| transport_error(e, timeout))
    }

    async fn attempt(
        &self,
        request: &Request,
        url: &reqwest::Url,
        timeout: Duration,
        authorization: HeaderValue,
    ) -> std::result::Result<reqwest::Response, reqwest::Error> {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self
            .inner
            .http
            .request(method, url.clone())
            .headers(self.inner.headers.clone())
            .header(AUTHORIZATION, authorization)
            .timeout(timeout);
        if !request.query.is_empty() {
            builder = builder.query(&request.query.pairs().collect::<Vec<_>>());
        }
        if let Some(body) = &request.body {
            builder = builder
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(body.clone());
        }
        builder.send().await
    }

    /// Sends `GET path` and decodes the JSON answer.
    pub async fn get_json<T: DeserializeOwned>(&self, path: impl Into<String>) -> Result<T> {
        self.send(Request::get(path)).await
    }
}

/// `{base}/{path}`: the base URL's path followed by the request's path (a `?` in it starts
/// the query, to which the request's query parameters are added).
fn request_url(base: &reqwest::Url, path: &str) -> reqwest::Url {
    let path = path.trim_start_matches('/');
    let (path, query) = match path.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (path, None),
    };
    let mut url = base.clone();
    let joined = format!("{}/{path}", base.path().trim_end_matches('/'));
    url.set_path(&joined);
    if query.is_some() {
        url.set_query(query);
    }
    url
}

/// The `Authorization` header of a token source's token, marked sensitive.
fn bearer_header(token: &Secret) -> Result<HeaderValue> {
    let mut value = HeaderValue::from_str(&crate::credentials::bearer(token)).map_err(|_| {
        Error::invalid_input(
            "access_token",
            "the token source's token contains characters not allowed in a header",
        )
    })?;
    value.set_sensitive(true);
    Ok(value)
}

fn retry_after_of(error: &Error) -> Option<Duration> {
    match error {
        Error::RateLimited(api) => api.retry_after(),
        _ => None,
    }
}

/// The error for a success body larger than the client's `limit`, showing what was read of it.
fn body_too_large(limit: usize, read: &[u8]) -> Error {
    Error::decode(
        ".",
        format!(
            "the response body is larger than the client's limit of {limit} bytes \
             (raise it with ClientBuilder::max_response_bytes)"
        ),
        String::from_utf8_lossy(read).into_owned(),
    )
}

/// Reads a success body of at most `limit` bytes on wasm32: fetch gives the body whole
/// (reading the JavaScript stream chunk by chunk would make the request's future !Send), so a
/// body without `Content-Length` is checked after it arrived.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
async fn read_body(response: reqwest::Response, limit: usize, timeout: Duration) -> Result<Bytes> {
    let too_large = |read: &[u8]| body_too_large(limit, read);
    let announced = response.content_length();
    if announced.is_some_and(|length| length > limit as u64) {
        return Err(too_large(&[]));
    }
    let body = response
        .bytes()
        .await
        .map_err(|e| transport_error(e, timeout))?;
    if body.len() > limit {
        tracing::warn!(limit, "response body over the limit; dropping it");
        return Err(too_large(&body[..body.len().min(8192)]));
    }
    Ok(body)
}

/// Reads a success body of at most `limit` bytes; a larger one fails without being read
/// further (at once when `Content-Length` announces it).
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
async fn read_body(
    mut response: reqwest::Response,
    limit: usize,
    timeout: Duration,
) -> Result<Bytes> {
    let too_large = |read: &[u8]| body_too_large(limit, read);
    let announced = response.content_length();
    if announced.is_some_and(|length| length > limit as u64) {
        return Err(too_large(&[]));
    }
    let capacity = announced.map_or(0, |length| length as usize);
    let mut body = bytes::BytesMut::with_capacity(capacity);
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| transport_error(e, timeout))?
    {
        if body.len() + chunk.len() > limit {
            tracing::warn!(limit, "response body over the limit; dropping it");
            // The error keeps the first 4 KiB only: pass no more than that (and a little
            // more, for the cut on a character boundary).
            let room = limit - body.len();
            body.extend_from_slice(&chunk[..room.min(8192)]);
            return Err(too_large(&body[..body.len().min(8192)]));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// Reads at most [`MAX_ERROR_BODY`] bytes of an error response and drops the rest. A body
/// that breaks off keeps what arrived: the status alone already makes the error.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
async fn read_error_body(response: reqwest::Response) -> String {
    match response.bytes().await {
        Ok(body) => String::from_utf8_lossy(&body[..body.len().min(MAX_ERROR_BODY)]).into_owned(),
        Err(error) => {
            tracing::debug!(error = %error, "error body broke off");
            String::new()
        }
    }
}

/// Reads at most [`MAX_ERROR_BODY`] bytes of an error response and drops the rest. A body
/// that breaks off keeps what arrived: the status alone already makes the error.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
async fn read_error_body(mut response: reqwest::Response) -> String {
    let mut body = Vec::new();
    while body.len() < MAX_ERROR_BODY {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = MAX_ERROR_BODY - body.len();
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            Ok(None) => break,
            Err(error) => {
                tracing::debug!(error = %error, "error body broke off");
                break;
            }
        }
    }
    String::from_utf8_lossy(&body).into_owned()
}

/// Reads `Retry-After` as delay-seconds or an HTTP date.
fn parse_retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let delta = date.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(delta.to_std().unwrap_or(Duration::ZERO))
}

fn transport_error(error: reqwest::Error, timeout: Duration) -> Error {
    if error.is_timeout() {
        Error::timeout(timeout)
    } else {
        #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
        let connect = error.is_connect();
        // fetch does not tell a refused connection from a broken one.
        #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
        let connect = false;
        Error::transport(connect, error.without_url())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(parse_retry_after(&headers), Some(Duration::from_secs(7)));
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Sun, 06 Nov 1994 08:49:37 GMT"),
        );
        assert_eq!(parse_retry_after(&headers), Some(Duration::ZERO));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(parse_retry_after(&headers), None);
    }

    fn assert_send_sync_clone<T: Send + Sync + Clone>() {}

    #[test]
    fn client_is_send_sync_clone() {
        assert_send_sync_clone::<Client>();
    }
}

#[cfg(test)]
mod request_url_tests {
    use super::request_url;

    /// The URL built from the parsed base is the URL the whole string parsed to (as it was
    /// built before: `format!("{base_url}/{path}")`, parsed per request).
    #[test]
    fn the_same_url_as_parsing_the_whole_string() {
        let bases = [
            "https://api.sipgate.com/v2",
            "http://127.0.0.1:18089/v2",
            "http://localhost:8080",
            "https://bücher.example/api/v2",
            "https://example.com/a%20b",
        ];
        let paths = [
            "/sessions/sms",
            "sessions/sms",
            "w0/devices",
            "/contacts/import/csv",
            "/history/a%2Fb",
            "/history?types=SMS&types=FAX",
            "/a b/ü",
            "//double",
            "",
        ];
        for base in bases {
            let parsed = reqwest::Url::parse(base).expect("a valid base");
            for path in paths {
                let whole =
                    reqwest::Url::parse(&format!("{base}/{}", path.trim_start_matches('/')))
                        .expect("a valid URL");
                assert_eq!(request_url(&parsed, path), whole, "{base} + {path}");
            }
        }
    }
}
