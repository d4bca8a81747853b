//! A client whose tokens come from a `TokenSource` (a fake one here), against a real HTTP
//! server (wiremock): the header of every attempt, the one renewal after a 401, and a source
//! that fails.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use sipgateio_core::transport::Request;
use sipgateio_core::{Client, Error, ErrorKind, Secret, TokenFuture, TokenSource};
use sipgateio_test_support::mock::{self, assert_no_request, received};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request as SeenRequest, ResponseTemplate};

/// A token source that hands out `current`, renews to `renewed` when told about a 401, and
/// records what it was asked.
#[derive(Debug)]
struct Fake {
    current: Mutex<String>,
    renewed: Option<String>,
    fail_with: Option<ErrorKind>,
    asked: AtomicUsize,
    rejected: Mutex<Vec<String>>,
}

impl Fake {
    fn new(current: &str, renewed: Option<&str>) -> Self {
        Self {
            current: Mutex::new(current.to_owned()),
            renewed: renewed.map(str::to_owned),
            fail_with: None,
            asked: AtomicUsize::new(0),
            rejected: Mutex::new(Vec::new()),
        }
    }

    fn failing(kind: ErrorKind) -> Self {
        Self {
            fail_with: Some(kind),
            ..Self::new("unused", None)
        }
    }

    fn rejected(&self) -> Vec<String> {
        self.rejected.lock().expect("not poisoned").clone()
    }
}

impl TokenSource for Fake {
    fn access_token(&self) -> TokenFuture<'_, Secret> {
        self.asked.fetch_add(1, Ordering::SeqCst);
        let result = match self.fail_with {
            Some(kind) => Err(Error::credentials(kind, "the fake token service is down")),
            None => Ok(Secret::new(
                self.current.lock().expect("not poisoned").clone(),
            )),
        };
        Box::pin(async move { result })
    }

    fn unauthorized<'a>(&'a self, rejected: &'a Secret) -> TokenFuture<'a, bool> {
        Box::pin(async move {
            self.rejected
                .lock()
                .expect("not poisoned")
                .push(rejected.expose().to_owned());
            let Some(renewed) = &self.renewed else {
                return Ok(false);
            };
            *self.current.lock().expect("not poisoned") = renewed.clone();
            Ok(true)
        })
    }
}

/// A client of `server` with quick retries whose tokens come from `source`.
fn client(server: &MockServer, source: std::sync::Arc<Fake>) -> Client {
    mock::builder(server)
        .token_source(source)
        .retry_policy(mock::fast_retries())
        .build()
        .expect("valid configuration")
}

fn authorization(request: &SeenRequest) -> &str {
    request
        .headers
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn every_request_asks_the_source_and_sends_its_token_as_bearer() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .and(header("authorization", "Bearer first-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"items": []})))
        .expect(2)
        .mount(&server)
        .await;
    let source = std::sync::Arc::new(Fake::new("first-token", None));
    let client = client(&server, source.clone());
    for _ in 0..2 {
        let _: serde_json::Value = client.get_json("numbers").await.expect("ok");
    }
    assert_eq!(source.asked.load(Ordering::SeqCst), 2);
    assert!(source.rejected().is_empty());
}

#[tokio::test]
async fn a_401_is_reported_and_the_post_is_sent_once_more_with_the_new_token() {
    let server = MockServer::start().await;
    let body = serde_json::json!({"smsId": "s0", "recipient": "+4915739777777", "message": "hi"});
    Mock::given(method("POST"))
        .and(path("/v2/sessions/sms"))
        .and(header("authorization", "Bearer expired-token"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions/sms"))
        .and(header("authorization", "Bearer renewed-token"))
        .and(body_json(&body))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let source = std::sync::Arc::new(Fake::new("expired-token", Some("renewed-token")));
    let client = client(&server, source.clone());
    client
        .send_no_content(
            Request::post("sessions/sms")
                .json(&body)
                .expect("serializable"),
        )
        .await
        .expect("sent after the renewal");

    assert_eq!(source.rejected(), ["expired-token"]);
    let seen = received(&server).await;
    assert_eq!(seen.len(), 2);
    assert_eq!(authorization(&seen[0]), "Bearer expired-token");
    assert_eq!(authorization(&seen[1]), "Bearer renewed-token");
    assert_eq!(
        seen[0].body, seen[1].body,
        "the same request, sent once more"
    );
}

#[tokio::test]
async fn a_second_401_stands_the_renewal_happens_once_per_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "message": "token revoked"
        })))
        .expect(2)
        .mount(&server)
        .await;
    let source = std::sync::Arc::new(Fake::new("expired-token", Some("renewed-token")));
    let error = client(&server, source.clone())
        .get_json::<serde_json::Value>("numbers")
        .await
        .expect_err("refused twice");
    assert!(matches!(error, Error::Unauthorized(_)), "{error:?}");
    assert_eq!(error.status(), Some(401));
    assert_eq!(source.rejected(), ["expired-token"]);
}

#[tokio::test]
async fn a_source_without_a_new_token_leaves_the_401() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    let source = std::sync::Arc::new(Fake::new("the-only-token", None));
    let error = client(&server, source.clone())
        .get_json::<serde_json::Value>("numbers")
        .await
        .expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::Unauthorized);
    assert_eq!(source.rejected(), ["the-only-token"]);
}

#[tokio::test]
async fn a_failing_source_sends_nothing_and_its_kind_decides_the_retry() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .expect(0)
        .mount(&server)
        .await;

    // "Sign in again": not retried.
    let source = std::sync::Arc::new(Fake::failing(ErrorKind::Unauthorized));
    let error = client(&server, source.clone())
        .send_no_content(Request::post("sessions/sms"))
        .await
        .expect_err("no token");
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    assert_eq!(error.kind(), ErrorKind::Unauthorized);
    assert_eq!(
        error.to_string(),
        "credentials unavailable: the fake token service is down"
    );
    assert_eq!(source.asked.load(Ordering::SeqCst), 1);

    // The token service could not be reached: nothing was sent, so even a POST is retried.
    let source = std::sync::Arc::new(Fake::failing(ErrorKind::Connect));
    let error = client(&server, source.clone())
        .send_no_content(Request::post("sessions/sms"))
        .await
        .expect_err("no token");
    assert_eq!(error.kind(), ErrorKind::Connect);
    assert!(error.is_transient());
    assert_eq!(
        source.asked.load(Ordering::SeqCst),
        mock::RETRY_ATTEMPTS as usize
    );
    assert_no_request(&server).await;
}

#[tokio::test]
async fn a_token_that_cannot_be_a_header_is_invalid_input_and_never_shown() {
    let server = MockServer::start().await;
    let source = std::sync::Arc::new(Fake::new("secret\ntoken", None));
    let client = client(&server, source);
    let error = client
        .get_json::<serde_json::Value>("numbers")
        .await
        .expect_err("not a header value");
    assert_eq!(error.invalid_field(), Some("access_token"));
    assert!(!format!("{error} {error:?} {client:?}").contains("secret"));
    assert_no_request(&server).await;
}

#[test]
fn debug_names_the_source_but_never_a_token() {
    let client = Client::builder()
        .token_source(Fake::new("never-shown-token", None))
        .build()
        .expect("valid");
    let debug = format!("{client:?}");
    assert!(debug.contains("token source"), "{debug}");
    assert!(!debug.contains("never-shown-token"), "{debug}");
}
