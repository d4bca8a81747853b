//! Request spans carry method, path, status and attempt — and never the credentials.

use std::io::Write;
use std::sync::{Arc, Mutex};

use sipgateio_core::transport::Request;
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

/// Captures every event and span of this thread (the test's current-thread runtime) until
/// the guard is dropped.
fn capture() -> (Captured, tracing::subscriber::DefaultGuard) {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    (captured, tracing::subscriber::set_default(subscriber))
}

#[tokio::test]
async fn spans_describe_requests_without_secrets() {
    let (captured, _guard) = capture();

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

/// The pause before a retry, read from the client's own `retrying` event instead of a wall
/// clock: the server asks for 1 s; this client's own backoff is at most 5 ms.
#[tokio::test]
async fn a_429_waits_what_retry_after_asks() {
    let (captured, _guard) = capture();
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    mock::retrying_client(&server)
        .send_no_content(Request::post("sessions/sms"))
        .await
        .expect("the retry works");

    let logs = captured.text();
    let retries: Vec<&str> = logs.lines().filter(|l| l.contains("retrying")).collect();
    assert_eq!(retries.len(), 1, "{logs}");
    assert!(retries[0].contains("delay_ms=1000"), "{logs}");
    assert_eq!(mock::received(&server).await.len(), 2);
}

/// A path that holds a secret (a password-reset nonce) is logged as its template.
#[tokio::test]
async fn a_log_path_hides_a_secret_in_the_path() {
    let (captured, _guard) = capture();
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = mock::builder(&server).build().expect("valid");
    let request = Request::post("passwordreset/n0nce-4711").log_path("passwordreset/{nonce}");
    client.send_no_content(request).await.expect("204");

    let logs = captured.text();
    assert!(logs.contains("path=passwordreset/{nonce}"), "{logs}");
    assert!(!logs.contains("n0nce-4711"), "{logs}");
    let sent = mock::received(&server).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].url.path(), "/v2/passwordreset/n0nce-4711");
}
