//! Request spans carry method, path, status and attempt — and never the credentials.

use std::io::Write;
use std::sync::{Arc, Mutex};

use sipgateio_test_support::mock::{self, TOKEN};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

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

#[tokio::test]
async fn spans_describe_requests_without_secrets() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_string("token rejected"))
        .mount(&server)
        .await;
    let client = mock::builder(&server)
        .retry_policy(mock::fast_retries())
        .build()
        .expect("valid");
    let error = client.list_web_users().await.expect_err("401");
    tracing::info!(error = %error, client = ?client, "done");

    let logs = captured.text();
    assert!(logs.contains("sipgate.request"), "{logs}");
    assert!(logs.contains("method=\"GET\""), "{logs}");
    assert!(logs.contains("path=users"), "{logs}");
    assert!(logs.contains("attempt=2"), "{logs}");
    assert!(logs.contains("status=401"), "{logs}");
    assert!(!logs.contains(TOKEN), "{logs}");
    assert!(!logs.contains("dG9rZW4t"), "{logs}");
}
