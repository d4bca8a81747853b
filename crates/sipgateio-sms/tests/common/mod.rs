//! Shared test helpers: a client for a wiremock server and the request log.

#![allow(dead_code)]

use std::time::Duration;

use sipgateio_core::{Client, RetryPolicy};
use wiremock::{MockServer, Request};

/// A well-formed token id.
pub const TOKEN_ID: &str = "token-6HEF5K";
/// A well-formed token.
pub const TOKEN: &str = "195d5a7c-559f-444d-9a61-06adaf70ff27";

/// Retries that do not slow the tests down.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(2)
        .initial_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(2))
}

/// A client for `server` with personal-access-token credentials.
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .personal_access_token(TOKEN_ID, TOKEN)
        .base_url(format!("{}/v2", server.uri()))
        .retry_policy(fast_retries())
        .build()
        .expect("valid configuration")
}

/// A client for `server` with an OAuth token (`Bearer <token>`), to tell callers apart.
pub fn oauth_client(server: &MockServer, token: &str) -> Client {
    Client::builder()
        .oauth_token(token)
        .base_url(format!("{}/v2", server.uri()))
        .retry_policy(fast_retries())
        .build()
        .expect("valid configuration")
}

/// Every request the server saw, in order of arrival.
pub async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

/// `METHOD /path` of every request, in order.
pub async fn request_lines(server: &MockServer) -> Vec<String> {
    received(server)
        .await
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect()
}

/// The JSON body of a request (`null` if there is none).
pub fn body_of(request: &Request) -> serde_json::Value {
    serde_json::from_slice(&request.body).unwrap_or(serde_json::Value::Null)
}
