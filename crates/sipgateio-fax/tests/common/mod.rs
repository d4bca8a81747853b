//! Shared test helpers: a client for a wiremock server and the request log.

#![allow(dead_code)]

use std::time::Duration;

use sipgateio_core::{Client, RetryPolicy};
use wiremock::{MockServer, Request};

/// A client for `server` with personal-access-token credentials and fast retries.
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
        .base_url(format!("{}/v2", server.uri()))
        .retry_policy(
            RetryPolicy::default()
                .max_attempts(2)
                .initial_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(2)),
        )
        .build()
        .expect("valid configuration")
}

/// Every request the server saw, in order of arrival.
pub async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}
