//! Tokens never reach a log line: a refresh, a refused request and the debug output of the
//! client and the session, logged at TRACE (alone in this test binary, because a tracing
//! subscriber set for one test thread misses events of callsites that other tests' threads
//! registered meanwhile).

use std::io::Write;
use std::sync::{Arc, Mutex};

use chrono::{TimeDelta, Utc};
use sipgateio_core::OauthClientId;
use sipgateio_oauth::{OauthClient, TokenSession, TokenSet};
use sipgateio_test_support::mock;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const OLD_ACCESS: &str = "eyJ.old-access";
const OLD_REFRESH: &str = "eyJ.old-refresh";
const NEW_ACCESS: &str = "eyJ.new-access";
const NEW_REFRESH: &str = "eyJ.new-refresh";
const CLIENT_SECRET: &str = "test-secret";

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut bytes) = self.0.lock() {
            bytes.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_of_refreshes_and_failures_never_show_a_token() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": NEW_ACCESS,
            "refresh_token": NEW_REFRESH,
            "token_type": "Bearer",
            "expires_in": 300
        })))
        // Once for the expired token, once after the 401.
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .and(header(
            "authorization",
            format!("Bearer {NEW_ACCESS}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    let oauth = OauthClient::builder(
        OauthClientId::new("test-client"),
        "http://127.0.0.1:3000/cb",
    )
    .client_secret(CLIENT_SECRET)
    .token_url(format!("{}/token", server.uri()))
    .build()
    .expect("valid configuration");
    let expired = TokenSet::new(OLD_ACCESS)
        .refresh_token(OLD_REFRESH)
        .expires_at(Utc::now() - TimeDelta::seconds(1));
    let session = TokenSession::new(&oauth, expired);
    let client = mock::builder(&server)
        .token_source(session.clone())
        .build()
        .expect("valid configuration");
    let error = client
        .get_json::<serde_json::Value>("numbers")
        .await
        .expect_err("refused");
    tracing::info!(error = %error, client = ?client, session = ?session, oauth = ?oauth, "done");

    let logs = String::from_utf8_lossy(&captured.0.lock().map(|b| b.clone()).unwrap_or_default())
        .into_owned();
    assert!(logs.contains("access token refreshed"), "{logs}");
    for secret in [
        OLD_ACCESS,
        OLD_REFRESH,
        NEW_ACCESS,
        NEW_REFRESH,
        CLIENT_SECRET,
    ] {
        assert!(!logs.contains(secret), "{secret} in {logs}");
    }
}
