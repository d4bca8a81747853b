//! A client for a wiremock server, and what the server received.
//!
//! The client sends personal-access-token credentials ([`TOKEN_ID`], [`TOKEN`]) to
//! `{server}/v2`, the API's base path, so a test matches the paths the real API has
//! (`/v2/sessions/sms`). [`client`] makes one attempt per request, so a test sees each request
//! once; [`retrying_client`] retries quickly, for the tests that check what is (and what is
//! never) retried.
//!
//! ```
//! use sipgateio_core::transport::Request;
//! use sipgateio_test_support::mock;
//! use wiremock::matchers::{method, path};
//! use wiremock::{Mock, MockServer, ResponseTemplate};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let server = MockServer::start().await;
//! Mock::given(method("GET"))
//!     .and(path("/v2/things"))
//!     .respond_with(ResponseTemplate::new(503))
//!     .mount(&server)
//!     .await;
//! let error = mock::retrying_client(&server)
//!     .execute(Request::get("things"))
//!     .await
//!     .expect_err("503 every time");
//! assert_eq!(error.status(), Some(503));
//! assert_eq!(mock::received(&server).await.len(), mock::RETRY_ATTEMPTS as usize);
//! # }
//! ```

use std::time::Duration;

use serde_json::Value;
use sipgateio_core::{Client, ClientBuilder, RetryPolicy};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A well-formed token id (`token-` and six characters), the one every mock client sends.
pub const TOKEN_ID: &str = "token-6HEF5K";

/// A well-formed token (a UUID), the one every mock client sends.
pub const TOKEN: &str = "195d5a7c-559f-444d-9a61-06adaf70ff27";

/// The `Authorization` header of [`TOKEN_ID`]:[`TOKEN`] (HTTP Basic).
pub const BASIC_AUTHORIZATION: &str =
    "Basic dG9rZW4tNkhFRjVLOjE5NWQ1YTdjLTU1OWYtNDQ0ZC05YTYxLTA2YWRhZjcwZmYyNw==";

/// How long a mock client waits for an answer: far more than wiremock needs on a busy
/// machine, far less than a test runner's patience.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);

/// How many attempts [`retrying_client`] makes at most.
pub const RETRY_ATTEMPTS: u32 = 3;

/// Retries that do not slow a test down: [`RETRY_ATTEMPTS`] attempts, 1 to 5 ms apart.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(RETRY_ATTEMPTS)
        .initial_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
}

/// A builder for a client of the API at `base_url` (any server: wiremock, a raw socket): the
/// test credentials, no retries, [`REQUEST_TIMEOUT`]. Change what the test is about before
/// `build()`.
pub fn builder_for(base_url: &str) -> ClientBuilder {
    Client::builder()
        .personal_access_token(TOKEN_ID, TOKEN)
        .base_url(base_url)
        .retry_policy(RetryPolicy::disabled())
        .request_timeout(REQUEST_TIMEOUT)
}

/// A builder for a client of `server` (base URL `{server}/v2`), as [`builder_for`].
pub fn builder(server: &MockServer) -> ClientBuilder {
    builder_for(&format!("{}/v2", server.uri()))
}

/// A client of `server` (base URL `{server}/v2`) that sends every request once.
pub fn client(server: &MockServer) -> Client {
    builder(server)
        .build()
        .expect("a valid client configuration")
}

/// A client of `server` (base URL `{server}/v2`) that retries with [`fast_retries`].
pub fn retrying_client(server: &MockServer) -> Client {
    builder(server)
        .retry_policy(fast_retries())
        .build()
        .expect("a valid client configuration")
}

/// Every request `server` received, in order of arrival.
pub async fn received(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("the mock server records requests (the default)")
}

/// Answers every `verb` request to `at` (the whole path, e.g. `/v2/numbers/quickdial`) with
/// `response`.
pub async fn answer(server: &MockServer, verb: &str, at: &str, response: ResponseTemplate) {
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(response)
        .mount(server)
        .await;
}

/// Answers `GET /v2/authorization/userinfo` with the web user `user`: who "me" is for the
/// for-me form of an operation.
pub async fn authenticated_as(server: &MockServer, user: &str) {
    answer(
        server,
        "GET",
        "/v2/authorization/userinfo",
        ResponseTemplate::new(200).set_body_json(serde_json::json!({ "sub": user })),
    )
    .await;
}

/// `METHOD /path` of every request `server` received, in order (without the query).
pub async fn request_lines(server: &MockServer) -> Vec<String> {
    received(server)
        .await
        .iter()
        .map(|request| format!("{} {}", request.method, request.url.path()))
        .collect()
}

/// Asserts that `server` received no request at all (bad input is refused before sending).
pub async fn assert_no_request(server: &MockServer) {
    let seen = received(server).await;
    assert!(seen.is_empty(), "no request may be sent, got {seen:?}");
}

/// The JSON body of a request; `null` when it has none, and a panic naming the body when it
/// is not JSON.
pub fn json_body(request: &Request) -> Value {
    if request.body.is_empty() {
        return Value::Null;
    }
    serde_json::from_slice(&request.body).unwrap_or_else(|error| {
        panic!(
            "the body of {} {} is not JSON ({error}): {}",
            request.method,
            request.url.path(),
            String::from_utf8_lossy(&request.body)
        )
    })
}
