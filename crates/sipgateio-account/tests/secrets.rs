//! What the generated tests cannot know: a password reset's nonce and password, and an OAuth
//! client's secret, never show in `Debug` or in the logs — yet go over the wire unchanged.

use std::io::Write;
use std::sync::{Arc, Mutex};

use sipgateio_account::AccountExt;
use sipgateio_account::models::{ChangePasswordRequest, OAuthClient};
use sipgateio_core::Secret;
use sipgateio_test_support::mock;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const NONCE: &str = "n0nce-4711-from-the-mail";
const PASSWORD: &str = "correct horse battery staple";
const CLIENT_SECRET: &str = "0c5d3b1e-client-secret";

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

impl Captured {
    fn text(&self) -> String {
        self.0
            .lock()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    }
}

#[test]
fn an_oauth_clients_secret_is_read_and_sent_but_never_shown() {
    let json = serde_json::json!({
        "clientId": "c-1",
        "clientSecret": CLIENT_SECRET,
        "name": "CRM",
        "description": "our CRM",
        "redirectUris": ["https://crm.example/callback"],
        "webOrigins": ["https://crm.example"],
        "privacyUrl": "https://crm.example/privacy",
        "termsUrl": "https://crm.example/terms",
    });
    let client: OAuthClient = serde_json::from_value(json.clone()).expect("decodes");
    assert_eq!(client.client_secret.expose(), CLIENT_SECRET);
    assert_eq!(client.client_id.as_str(), "c-1");
    let debug = format!("{client:?}");
    assert!(!debug.contains(CLIENT_SECRET), "{debug}");
    assert!(debug.contains("Secret(***)"), "{debug}");
    assert_eq!(serde_json::to_value(&client).expect("encodes"), json);
}

#[tokio::test]
async fn a_password_reset_sends_nonce_and_password_and_logs_neither() {
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
        .and(path(format!("/v2/passwordreset/{NONCE}")))
        .and(body_json(serde_json::json!({
            "password": PASSWORD,
            "passwordRepeat": PASSWORD,
        })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let body = ChangePasswordRequest {
        password: Some(Secret::new(PASSWORD)),
        password_repeat: Some(Secret::new(PASSWORD)),
    };
    assert!(!format!("{body:?}").contains(PASSWORD));
    mock::client(&server)
        .account()
        .reset_password(NONCE, &body)
        .await
        .expect("204");
    server.verify().await;

    let logs = captured.text();
    assert!(logs.contains("path=/passwordreset/{nonce}"), "{logs}");
    assert!(!logs.contains(NONCE), "{logs}");
    assert!(!logs.contains(PASSWORD), "{logs}");
}

#[tokio::test]
async fn an_empty_nonce_is_refused_before_any_request() {
    let server = MockServer::start().await;
    let body = ChangePasswordRequest {
        password: Some(Secret::new(PASSWORD)),
        password_repeat: Some(Secret::new(PASSWORD)),
    };
    let err = mock::client(&server)
        .account()
        .reset_password("", &body)
        .await
        .expect_err("empty nonce");
    assert_eq!(err.invalid_field(), Some("nonce"), "{err:?}");
    assert!(!err.to_string().contains(PASSWORD), "{err}");
    assert!(mock::received(&server).await.is_empty());
}
