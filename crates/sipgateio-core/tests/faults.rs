//! The REST client against a misbehaving local server: 500/503 bursts, connection resets, a
//! hanging response, a slow body, invalid JSON, HTML error pages and 429 with `Retry-After`.
//!
//! The requests are built with core's own request API (`sipgateio_core::transport`), as a
//! domain crate builds them: a paged `GET /numbers` decoded into typed items, and a
//! `POST /sessions/sms` (not idempotent, so never repeated once it may have reached the
//! server). The server is a raw socket, so the clock is real; every wait is bounded by the
//! client's timeout (300 ms or 2 s) and every test ends by itself.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Deserialize;
use serde_json::json;
use sipgateio_core::transport::Request;
use sipgateio_core::{Client, Error, Page, RetryPolicy};
use sipgateio_test_support::{mock, serve};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const NUMBERS: &str = r#"{"items":[{"id":"1","number":"+4921100000","localized":"0211 00000","type":"LANDLINE","endpointId":"p0","endpointAlias":"Ada","endpointUrl":"/w0/phonelines/p0"}]}"#;

/// What the server does with one request.
#[derive(Clone, Debug)]
enum Fault {
    /// Answer with a status, extra header lines and a body.
    Status(u16, &'static str, &'static str),
    /// Close the connection at once with a TCP reset, answering nothing.
    Reset,
    /// Never answer (the connection stays open).
    Hang,
    /// Send the headers of a 200, then the body one byte per `Duration`.
    SlowBody(&'static str, Duration),
}

fn ok(body: &'static str) -> Fault {
    Fault::Status(200, "Content-Type: application/json\r\n", body)
}

#[derive(Clone, Debug)]
struct Received {
    method: String,
    path: String,
}

/// A scripted HTTP/1.1 server on 127.0.0.1: request *n* gets `script[n]`, later ones `200`
/// with the numbers page.
struct FaultServer {
    address: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
}

impl FaultServer {
    async fn start(script: Vec<Fault>) -> Self {
        let listener = serve::listener().await;
        let address = listener.local_addr().expect("address");
        let script = Arc::new(Mutex::new(VecDeque::from(script)));
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(connection(stream, script.clone(), log.clone()));
            }
        });
        Self { address, received }
    }

    fn base_url(&self) -> String {
        format!("http://{}/v2", self.address)
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().expect("log").clone()
    }
}

async fn connection(
    stream: TcpStream,
    script: Arc<Mutex<VecDeque<Fault>>>,
    log: Arc<Mutex<Vec<Received>>>,
) {
    let mut stream = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        if stream.read_line(&mut request_line).await.unwrap_or(0) == 0 {
            return;
        }
        let mut length = 0;
        loop {
            let mut line = String::new();
            if stream.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            if line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        if stream.read_exact(&mut body).await.is_err() {
            return;
        }
        let mut parts = request_line.split_whitespace();
        log.lock().expect("log").push(Received {
            method: parts.next().unwrap_or_default().to_owned(),
            path: parts.next().unwrap_or_default().to_owned(),
        });
        let fault = script
            .lock()
            .expect("script")
            .pop_front()
            .unwrap_or(ok(NUMBERS));
        let stream = stream.get_mut();
        match fault {
            Fault::Status(status, headers, body) => {
                let head = format!(
                    "HTTP/1.1 {status} X\r\n{headers}Content-Length: {}\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(body.as_bytes()).await;
            }
            Fault::Reset => {
                let _ = stream.set_zero_linger();
                return;
            }
            Fault::Hang => {
                // Keep the connection open without a word until the test's runtime ends.
                std::future::pending::<()>().await;
            }
            Fault::SlowBody(body, pause) => {
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes()).await;
                for byte in body.as_bytes() {
                    tokio::time::sleep(pause).await;
                    if stream.write_all(&[*byte]).await.is_err() {
                        return;
                    }
                }
            }
        }
    }
}

fn client(server: &FaultServer, timeout: Duration) -> Client {
    mock::builder_for(&server.base_url())
        .request_timeout(timeout)
        .retry_policy(
            RetryPolicy::default()
                .max_attempts(3)
                .initial_delay(Duration::from_millis(10))
                .max_delay(Duration::from_millis(50)),
        )
        .build()
        .expect("client")
}

const TIMEOUT: Duration = Duration::from_secs(2);

/// An item of `GET /numbers`, typed as a domain crate types it (so a wrong type is a decode
/// error, not a `Value`).
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // read by Deserialize only
struct Number {
    id: String,
    number: String,
}

async fn list(server: &FaultServer, timeout: Duration) -> sipgateio_core::Result<usize> {
    let page: Page<Number> = client(server, timeout)
        .send(Request::get("numbers"))
        .await?;
    Ok(page.items.len())
}

fn html_502() -> Fault {
    Fault::Status(
        502,
        "Content-Type: text/html\r\n",
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
    )
}

fn json_503() -> Fault {
    Fault::Status(
        503,
        "Content-Type: application/json\r\n",
        r#"{"status":503,"message":"maintenance"}"#,
    )
}

/// `POST /sessions/sms`, the SMS crate's request.
fn sms() -> Request {
    Request::post("sessions/sms")
        .json(&json!({"smsId": "s0", "recipient": "+4915739777777", "message": "Hello"}))
        .expect("a JSON body")
}

fn sms_posts(server: &FaultServer) -> usize {
    server
        .received()
        .iter()
        .filter(|r| r.method == "POST" && r.path == "/v2/sessions/sms")
        .count()
}

#[tokio::test]
async fn a_get_retries_through_a_503_burst_and_succeeds() {
    let server = FaultServer::start(vec![json_503(), json_503()]).await;
    assert_eq!(list(&server, TIMEOUT).await.expect("third attempt"), 1);
    let received = server.received();
    assert_eq!(received.len(), 3);
    assert!(
        received
            .iter()
            .all(|r| r.method == "GET" && r.path == "/v2/numbers")
    );
}

#[tokio::test]
async fn a_get_retries_through_html_error_pages_and_connection_resets() {
    let server = FaultServer::start(vec![html_502(), Fault::Reset]).await;
    assert_eq!(list(&server, TIMEOUT).await.expect("third attempt"), 1);
    assert_eq!(server.received().len(), 3);
}

#[tokio::test]
async fn a_500_is_a_typed_api_error_with_status_and_server_message() {
    let server = FaultServer::start(vec![Fault::Status(
        500,
        "Content-Type: application/json\r\n",
        r#"{"status":500,"message":"database unavailable"}"#,
    )])
    .await;
    let error = list(&server, TIMEOUT).await.expect_err("500");
    assert!(
        matches!(error, Error::Api(ref api) if api.status() == 500),
        "{error:?}"
    );
    assert_eq!(error.status(), Some(500));
    assert!(
        error.to_string().contains("database unavailable"),
        "{error}"
    );
    // 500 is not one of the statuses that are retried (502, 503, 504, 429).
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn an_endless_html_502_burst_ends_in_a_typed_error_keeping_the_page() {
    let server = FaultServer::start(vec![html_502(), html_502(), html_502(), html_502()]).await;
    let error = list(&server, TIMEOUT)
        .await
        .expect_err("502 after every attempt");
    let api = error.api_error().expect("an API error");
    assert_eq!(api.status(), 502);
    assert!(api.body().contains("502 Bad Gateway"));
    assert!(error.to_string().contains("502"), "{error}");
    assert_eq!(server.received().len(), 3, "three attempts, then the error");
}

#[tokio::test]
async fn a_hanging_response_times_out_without_retrying() {
    let server = FaultServer::start(vec![Fault::Hang]).await;
    let error = list(&server, Duration::from_millis(300))
        .await
        .expect_err("timeout");
    // The server never answers: the error can only come from the 300 ms request timeout
    // (no wall-clock bound needed, the error names the timeout that fired).
    assert!(
        matches!(error, Error::Timeout(ref t) if t.timeout() == Duration::from_millis(300)),
        "{error:?}"
    );
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn a_body_slower_than_the_timeout_times_out() {
    let server =
        FaultServer::start(vec![Fault::SlowBody(NUMBERS, Duration::from_millis(20))]).await;
    let error = list(&server, Duration::from_millis(300))
        .await
        .expect_err("timeout");
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
}

#[tokio::test]
async fn a_slow_body_within_the_timeout_is_read_whole() {
    let server =
        FaultServer::start(vec![Fault::SlowBody(NUMBERS, Duration::from_micros(500))]).await;
    assert_eq!(list(&server, TIMEOUT).await.expect("slow but in time"), 1);
}

#[tokio::test]
async fn invalid_json_is_a_decode_error_not_a_panic() {
    for body in [
        "{\"items\":[{\"id\":",
        "<html>oops</html>",
        "",
        "{\"items\":[{\"id\":1}]}",
    ] {
        let server = FaultServer::start(vec![ok(body)]).await;
        let error = list(&server, TIMEOUT).await.expect_err(body);
        assert!(matches!(error, Error::Decode(_)), "{body}: {error:?}");
        assert!(!error.to_string().is_empty());
    }
}

/// How long the client waits before the retry is `tracing.rs`'s
/// `a_429_waits_what_retry_after_asks`: a wall-clock bound here would be a timed assertion.
#[tokio::test]
async fn a_429_with_retry_after_is_retried() {
    let server = FaultServer::start(vec![Fault::Status(
        429,
        "Retry-After: 1\r\nContent-Type: application/json\r\n",
        r#"{"message":"slow down"}"#,
    )])
    .await;
    assert_eq!(list(&server, TIMEOUT).await.expect("after the wait"), 1);
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn a_429_asking_for_too_long_is_a_typed_rate_limit_error() {
    let server = FaultServer::start(vec![Fault::Status(
        429,
        "Retry-After: 3600\r\nContent-Type: application/json\r\n",
        r#"{"message":"slow down"}"#,
    )])
    .await;
    let error = list(&server, TIMEOUT).await.expect_err("429");
    match &error {
        Error::RateLimited(api) => {
            assert_eq!(api.retry_after(), Some(Duration::from_secs(3600)));
            assert_eq!(api.status(), 429);
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    assert!(error.to_string().contains("slow down"), "{error}");
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn sending_an_sms_is_never_repeated_after_503_reset_or_500() {
    for fault in [
        json_503(),
        html_502(),
        Fault::Reset,
        Fault::Status(500, "", ""),
    ] {
        let server = FaultServer::start(vec![fault.clone(), ok(""), ok("")]).await;
        let error = client(&server, TIMEOUT)
            .send_no_content(sms())
            .await
            .expect_err("the failure is reported, not retried");
        assert_eq!(sms_posts(&server), 1, "{fault:?}: sent exactly once");
        match fault {
            Fault::Reset => assert!(matches!(error, Error::Transport(_)), "{error:?}"),
            _ => assert!(error.status().is_some(), "{fault:?}: {error:?}"),
        }
    }
}

#[tokio::test]
async fn sending_an_sms_that_hangs_times_out_and_is_sent_once() {
    let server = FaultServer::start(vec![Fault::Hang]).await;
    let error = client(&server, Duration::from_millis(300))
        .send_no_content(sms())
        .await
        .expect_err("timeout");
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    assert_eq!(sms_posts(&server), 1);
}

#[tokio::test]
async fn sending_an_sms_succeeds_once_on_a_healthy_server() {
    let server = FaultServer::start(vec![Fault::Status(204, "", "")]).await;
    client(&server, TIMEOUT)
        .send_no_content(sms())
        .await
        .expect("sent");
    assert_eq!(sms_posts(&server), 1);
}
