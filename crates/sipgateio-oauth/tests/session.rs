//! A `sipgateio_core::Client` whose tokens come from a `TokenSession`, against one wiremock
//! server on 127.0.0.1 that is both the REST API and the token endpoint: refreshes before
//! expiry and after a 401, exactly one refresh for many concurrent requests, and the end of a
//! session.

use std::sync::{Arc, Mutex};

use chrono::{TimeDelta, Utc};
use futures_util::future::join_all;
use sipgateio_core::{Client, ErrorKind, OauthClientId, Secret};
use sipgateio_oauth::{OauthClient, StoreFuture, TokenSession, TokenSet, TokenStore};
use sipgateio_test_support::mock;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const OLD_ACCESS: &str = "eyJ.old-access";
const OLD_REFRESH: &str = "eyJ.old-refresh";
const NEW_ACCESS: &str = "eyJ.new-access";
const NEW_REFRESH: &str = "eyJ.new-refresh";

fn oauth(server: &MockServer) -> OauthClient {
    OauthClient::builder(
        OauthClientId::new("test-client"),
        "http://127.0.0.1:3000/callback",
    )
    .client_secret("test-secret")
    .authorization_url(format!("{}/auth", server.uri()))
    .token_url(format!("{}/token", server.uri()))
    .build()
    .expect("valid configuration")
}

/// A client of `server`'s API (no retries) whose tokens come from `session`.
fn client(server: &MockServer, session: &TokenSession) -> Client {
    mock::builder(server)
        .token_source(session.clone())
        .build()
        .expect("valid configuration")
}

/// The tokens of an earlier sign-in, expiring `expires_in` seconds from now.
fn stored(expires_in: i64) -> TokenSet {
    TokenSet::new(OLD_ACCESS)
        .refresh_token(OLD_REFRESH)
        .expires_at(Utc::now() + TimeDelta::seconds(expires_in))
}

/// A token endpoint that trades the old refresh token for the new tokens, `expected` times.
async fn mount_refresh(server: &MockServer, expected: u64, delay_ms: u64) {
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains(format!("refresh_token={OLD_REFRESH}")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({
                    "access_token": NEW_ACCESS,
                    "refresh_token": NEW_REFRESH,
                    "token_type": "Bearer",
                    "expires_in": 300,
                    "refresh_expires_in": 2_592_000
                }))
                .set_delay(std::time::Duration::from_millis(delay_ms)),
        )
        .expect(expected)
        .mount(server)
        .await;
}

/// `GET /v2/numbers` answered 200 for `token`, `expected` times.
async fn mount_numbers(server: &MockServer, token: &str, expected: u64) {
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"items": []})))
        .expect(expected)
        .mount(server)
        .await;
}

async fn numbers(client: &Client) -> Result<serde_json::Value, sipgateio_core::Error> {
    client.get_json("numbers").await
}

fn token_requests(requests: &[Request]) -> usize {
    requests.iter().filter(|r| r.url.path() == "/token").count()
}

/// Keeps what it is told to store.
#[derive(Debug, Default)]
struct Saved(Mutex<Vec<TokenSet>>);

impl Saved {
    fn all(&self) -> Vec<TokenSet> {
        self.0.lock().map(|saved| saved.clone()).unwrap_or_default()
    }
}

impl TokenStore for Saved {
    fn save<'a>(&'a self, tokens: &'a TokenSet) -> StoreFuture<'a> {
        let result = self
            .0
            .lock()
            .map(|mut saved| saved.push(tokens.clone()))
            .map_err(|_| "poisoned".into());
        Box::pin(async move { result })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_concurrent_requests_with_an_expired_token_refresh_exactly_once() {
    let server = MockServer::start().await;
    // The refresh takes a while, so that all requests find it in flight.
    mount_refresh(&server, 1, 200).await;
    mount_numbers(&server, NEW_ACCESS, 100).await;
    mount_numbers(&server, OLD_ACCESS, 0).await;
    let saved = Arc::new(Saved::default());
    let session = TokenSession::builder(&oauth(&server), stored(-5))
        .store(saved.clone())
        .build();
    let client = client(&server, &session);

    // 100 tasks on four worker threads: the requests really run at the same time.
    let tasks = (0..100).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { numbers(&client).await })
    });
    for result in join_all(tasks).await {
        result
            .expect("the task ran")
            .expect("the request succeeded");
    }

    let requests = mock::received(&server).await;
    assert_eq!(token_requests(&requests), 1);
    assert_eq!(requests.len(), 101);
    // The store got the rotated refresh token, once.
    let saved = saved.all();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].access_token.expose(), NEW_ACCESS);
    assert_eq!(
        saved[0].refresh_token.as_ref().map(Secret::expose),
        Some(NEW_REFRESH)
    );
    assert_eq!(session.tokens().await, saved[0]);
}

#[tokio::test]
async fn a_token_about_to_expire_is_refreshed_before_the_request() {
    let server = MockServer::start().await;
    mount_refresh(&server, 1, 0).await;
    mount_numbers(&server, NEW_ACCESS, 2).await;
    // 10 s left, inside the default 30 s margin (10 s left is refreshed after 5 s at most).
    let session = TokenSession::new(&oauth(&server), stored(10));
    let client = client(&server, &session);
    numbers(&client).await.expect("ok");
    numbers(&client).await.expect("ok");
}

#[tokio::test]
async fn a_fresh_token_is_used_without_a_refresh() {
    let server = MockServer::start().await;
    mount_refresh(&server, 0, 0).await;
    mount_numbers(&server, OLD_ACCESS, 3).await;
    let session = TokenSession::new(&oauth(&server), stored(300));
    let client = client(&server, &session);
    for _ in 0..3 {
        numbers(&client).await.expect("ok");
    }
}

#[tokio::test]
async fn a_401_refreshes_and_the_request_is_sent_once_more() {
    let server = MockServer::start().await;
    mount_refresh(&server, 1, 0).await;
    // The server revoked the token before its expiry.
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .and(header(
            "authorization",
            format!("Bearer {OLD_ACCESS}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    mount_numbers(&server, NEW_ACCESS, 1).await;
    let session = TokenSession::new(&oauth(&server), stored(300));
    numbers(&client(&server, &session))
        .await
        .expect("ok after the refresh");
    assert_eq!(
        mock::request_lines(&server).await,
        ["GET /v2/numbers", "POST /token", "GET /v2/numbers"]
    );
}

#[tokio::test]
async fn many_concurrent_401s_refresh_once() {
    let server = MockServer::start().await;
    mount_refresh(&server, 1, 100).await;
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .and(header(
            "authorization",
            format!("Bearer {OLD_ACCESS}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .and(header(
            "authorization",
            format!("Bearer {NEW_ACCESS}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"items": []})))
        .mount(&server)
        .await;
    let session = TokenSession::new(&oauth(&server), stored(300));
    let client = client(&server, &session);
    let results = join_all((0..20).map(|_| numbers(&client))).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let requests = mock::received(&server).await;
    assert_eq!(token_requests(&requests), 1);
}

#[tokio::test]
async fn a_second_401_after_the_refresh_is_the_requests_error() {
    let server = MockServer::start().await;
    mount_refresh(&server, 1, 0).await;
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .respond_with(ResponseTemplate::new(401))
        .expect(2)
        .mount(&server)
        .await;
    let session = TokenSession::new(&oauth(&server), stored(300));
    let error = numbers(&client(&server, &session))
        .await
        .expect_err("refused twice");
    assert!(
        matches!(error, sipgateio_core::Error::Unauthorized(_)),
        "{error:?}"
    );
}

#[tokio::test]
async fn invalid_grant_ends_the_session_with_a_clear_error_and_no_further_refresh() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error": "invalid_grant",
            "error_description": "Token is not active"
        })))
        .expect(1)
        .mount(&server)
        .await;
    mount_numbers(&server, OLD_ACCESS, 0).await;
    let session = TokenSession::new(&oauth(&server), stored(-1));
    let client = client(&server, &session);

    for _ in 0..3 {
        let error = numbers(&client).await.expect_err("signed out");
        assert_eq!(error.kind(), ErrorKind::Unauthorized);
        assert!(matches!(error, sipgateio_core::Error::Credentials(_)));
        assert_eq!(
            error.to_string(),
            "credentials unavailable: sign-in required: the refresh token is no longer valid \
             (expired or revoked): the user must sign in again (invalid_grant: Token is not \
             active)"
        );
        let source = std::error::Error::source(&error)
            .and_then(|source| source.downcast_ref::<sipgateio_oauth::Error>())
            .expect("the oauth error");
        assert_eq!(source.kind(), sipgateio_oauth::ErrorKind::SignInRequired);
    }
    let error = session.refresh().await.expect_err("signed out");
    assert_eq!(error.kind(), sipgateio_oauth::ErrorKind::SignInRequired);
    // One refresh attempt, no API request.
    assert_eq!(mock::received(&server).await.len(), 1);
}

#[tokio::test]
async fn a_failed_refresh_is_shared_by_the_requests_that_waited_for_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(
            ResponseTemplate::new(503)
                .set_body_string("maintenance")
                .set_delay(std::time::Duration::from_millis(100)),
        )
        .expect(1)
        .mount(&server)
        .await;
    let session = TokenSession::new(&oauth(&server), stored(-1));
    let client = client(&server, &session);
    let results = join_all((0..10).map(|_| numbers(&client))).await;
    for result in results {
        let error = result.expect_err("the token endpoint is down");
        assert_eq!(error.kind(), ErrorKind::Server);
        assert_eq!(
            error.to_string(),
            "credentials unavailable: the authorization server answered HTTP 503 (server: \
             maintenance)"
        );
    }
}

/// A store that always fails.
#[derive(Debug)]
struct Broken;

impl TokenStore for Broken {
    fn save<'a>(&'a self, _tokens: &'a TokenSet) -> StoreFuture<'a> {
        Box::pin(async { Err("the database is read-only".into()) })
    }
}

#[tokio::test]
async fn a_store_that_fails_does_not_fail_the_request() {
    let server = MockServer::start().await;
    mount_refresh(&server, 1, 0).await;
    mount_numbers(&server, NEW_ACCESS, 2).await;
    let session = TokenSession::builder(&oauth(&server), stored(-1))
        .store(Broken)
        .build();
    let client = client(&server, &session);
    numbers(&client).await.expect("the new token works");
    numbers(&client).await.expect("and is kept in memory");
    assert_eq!(session.tokens().await.access_token.expose(), NEW_ACCESS);
}
