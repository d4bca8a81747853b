//! The helpers do what their docs say: the mock client's exact requests and retries, signing
//! and verifying, servers that stop.

use sipgateio_core::transport::Request;
use sipgateio_test_support::serve::{self, Served};
use sipgateio_test_support::webhook::{self, TEST_PUBLIC_KEY_PEM};
use sipgateio_test_support::{mock, sandbox};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_mock_client_sends_the_test_credentials_to_v2_once() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/v2/things/1"))
        .and(header("authorization", mock::BASIC_AUTHORIZATION))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let error = mock::client(&server)
        .send_no_content(Request::delete("things/1"))
        .await
        .expect_err("503");
    assert_eq!(error.status(), Some(503));
    assert_eq!(mock::request_lines(&server).await, ["DELETE /v2/things/1"]);
}

#[tokio::test]
async fn the_retrying_client_retries_a_get_and_never_a_post() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = mock::retrying_client(&server);
    client
        .execute(Request::get("things"))
        .await
        .expect_err("503");
    client
        .execute(
            Request::post("things")
                .json(&serde_json::json!({"a": 1}))
                .expect("a JSON body"),
        )
        .await
        .expect_err("503");
    let lines = mock::request_lines(&server).await;
    assert_eq!(lines.len(), mock::RETRY_ATTEMPTS as usize + 1, "{lines:?}");
    assert_eq!(lines.iter().filter(|l| *l == "POST /v2/things").count(), 1);
    let post = mock::received(&server)
        .await
        .into_iter()
        .find(|r| r.method.as_str() == "POST")
        .expect("the POST");
    assert_eq!(mock::json_body(&post), serde_json::json!({"a": 1}));
}

#[tokio::test]
async fn no_request_is_no_request() {
    let server = MockServer::start().await;
    mock::assert_no_request(&server).await;
    let _ = mock::client(&server).execute(Request::get("x")).await;
    let outcome = tokio::spawn(async move { mock::assert_no_request(&server).await }).await;
    assert!(outcome.is_err(), "a request was sent: the assertion fails");
}

#[tokio::test]
async fn the_sandbox_client_reads_the_sandbox() {
    let (sandbox, client) = sandbox::start().await;
    let users = client.list_web_users().await.expect("the seeded users");
    assert!(!users.is_empty());
    let other = sandbox::client_for(&sandbox);
    assert_eq!(other.base_url(), client.base_url());
}

#[test]
fn signatures_verify_only_for_their_body_and_key() {
    let body = b"event=hangup&callId=c1&cause=normalClearing";
    let signature = webhook::sign(body);
    assert!(webhook::verify(TEST_PUBLIC_KEY_PEM, body, &signature));
    assert!(!webhook::verify(
        TEST_PUBLIC_KEY_PEM,
        b"event=hangup",
        &signature
    ));
    assert!(!webhook::verify(
        sipgateio_sandbox::PUBLIC_KEY_PEM,
        body,
        &signature
    ));
    assert!(!webhook::verify(TEST_PUBLIC_KEY_PEM, body, "not base64!"));
    assert!(!webhook::verify("no key", body, &signature));
    let vector = webhook::sipgate_vector();
    assert!(vector.valid_body.starts_with("callId="));
    assert_ne!(vector.valid_body, vector.tampered_body);
    assert!(!vector.signature.is_empty());
}

#[tokio::test]
async fn a_signed_post_carries_the_signature_of_its_body() {
    let server = MockServer::start().await;
    let body = "event=newCall&callId=c1";
    Mock::given(method("POST"))
        .and(header("content-type", webhook::FORM_CONTENT_TYPE))
        .and(header(
            "x-sipgate-signature",
            webhook::sign(body.as_bytes()),
        ))
        .respond_with(ResponseTemplate::new(200).insert_header("content-type", "application/xml"))
        .expect(1)
        .mount(&server)
        .await;
    let (status, content_type, text) =
        webhook::answer(webhook::post_signed(&server.uri(), body).await).await;
    assert_eq!(
        (status, content_type.as_deref(), text.as_str()),
        (200, Some("application/xml"), "")
    );
}

#[tokio::test]
#[should_panic(expected = "the server on 127.0.0.1")]
async fn a_failing_server_fails_its_shut_down() {
    let served = Served::spawn(serve::listener().await, |_listener, _shutdown| async {
        Err::<(), _>("cannot serve")
    });
    served.shut_down().await;
}

#[tokio::test]
async fn shut_down_completes_the_shutdown_future() {
    let (seen, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = Served::spawn(serve::listener().await, |_listener, shutdown| async move {
        shutdown.await;
        let _ = seen.send(());
        Ok::<(), ()>(())
    });
    let url = served.url("/hook");
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/hook"),
        "{url}"
    );
    served.shut_down().await;
    stopped.await.expect("the server saw its shutdown");
}

#[test]
fn the_debug_check_passes_the_core_client() {
    sipgateio_test_support::secrets::assert_debug_hides_credentials(|client| client.clone());
}

#[test]
#[should_panic(expected = "Debug shows a secret")]
fn the_debug_check_fails_a_leaking_type() {
    // The password the check builds one of its clients with.
    sipgateio_test_support::secrets::assert_debug_hides_credentials(
        |_| "correct-horse-battery-staple",
    );
}
