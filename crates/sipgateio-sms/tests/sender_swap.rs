//! Sending from a sender phone number: swap the default caller id, send, always restore, and
//! never interleave two swaps.

use std::time::Duration;

use serde_json::{Value, json};
use sipgateio_core::{Client, Error};
use sipgateio_sms::{ShortMessage, SmsExt};
use sipgateio_test_support::mock::{
    self, json_body, received, request_lines, retrying_client as client,
};
use wiremock::matchers::{body_json, header, method, path, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A client for `server` with an OAuth token (`Bearer <token>`), to tell callers apart.
fn oauth_client(server: &MockServer, token: &str) -> Client {
    mock::builder(server)
        .oauth_token(token)
        .retry_policy(mock::fast_retries())
        .build()
        .expect("valid configuration")
}

const DEFAULT: &str = "+4915700000001";
const MOBILE: &str = "+4915799912345";
const OTHER: &str = "+4915799900004";
const UNVERIFIED: &str = "+4915799900003";
const TO: &str = "+4915739777777";

fn caller_ids() -> Value {
    json!({"items": [
        {"id": 1, "phonenumber": DEFAULT, "verified": true, "defaultNumber": true},
        {"id": 2, "phonenumber": MOBILE, "verified": true, "defaultNumber": false},
        {"id": 3, "phonenumber": UNVERIFIED, "verified": false, "defaultNumber": false},
        {"id": 4, "phonenumber": OTHER, "verified": true, "defaultNumber": false}
    ]})
}

/// userinfo (w0), one SMS extension s0 with [`caller_ids`].
async fn account(server: &MockServer) {
    account_with(
        server,
        json!({"items": [{"id": "s0", "alias": "SMS", "callerId": DEFAULT}]}),
        caller_ids(),
    )
    .await;
}

async fn account_with(server: &MockServer, extensions: Value, ids: Value) {
    Mock::given(method("GET"))
        .and(path("/v2/authorization/userinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"sub": "w0", "domain": "sipgate.de", "masterSipId": "1234567", "locale": "de_DE"}),
        ))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/w0/sms"))
        .respond_with(ResponseTemplate::new(200).set_body_json(extensions))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/w0/sms/s0/callerids"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ids))
        .mount(server)
        .await;
}

async fn set_default_answers(server: &MockServer, status: u16, delay: Duration) {
    Mock::given(method("PUT"))
        .and(path_regex(r"^/v2/w[0-9]+/sms/s[0-9]+/callerids/[0-9]+$"))
        .and(body_json(json!({"defaultNumber": true})))
        .respond_with(ResponseTemplate::new(status).set_delay(delay))
        .mount(server)
        .await;
}

async fn send_answers(server: &MockServer, status: u16, delay: Duration) {
    Mock::given(method("POST"))
        .and(path("/v2/sessions/sms"))
        .respond_with(ResponseTemplate::new(status).set_delay(delay))
        .mount(server)
        .await;
}

fn from_mobile(message: &str) -> ShortMessage {
    ShortMessage::from_number(MOBILE, TO, message)
}

#[tokio::test]
async fn swaps_sends_and_restores() {
    let server = MockServer::start().await;
    account(&server).await;
    set_default_answers(&server, 204, Duration::ZERO).await;
    send_answers(&server, 204, Duration::ZERO).await;

    client(&server)
        .sms()
        .send(&from_mobile("Hi"))
        .await
        .expect("sent");

    assert_eq!(
        request_lines(&server).await,
        [
            "GET /v2/authorization/userinfo",
            "GET /v2/w0/sms",
            "GET /v2/w0/sms/s0/callerids",
            "PUT /v2/w0/sms/s0/callerids/2",
            "POST /v2/sessions/sms",
            "PUT /v2/w0/sms/s0/callerids/1",
        ]
    );
    let requests = received(&server).await;
    assert_eq!(json_body(&requests[3]), json!({"defaultNumber": true}));
    assert_eq!(
        json_body(&requests[4]),
        json!({"smsId": "s0", "message": "Hi", "recipient": TO})
    );
    assert_eq!(json_body(&requests[5]), json!({"defaultNumber": true}));
}

#[tokio::test]
async fn scheduled_sends_from_a_number_carry_send_at() {
    let server = MockServer::start().await;
    account(&server).await;
    set_default_answers(&server, 204, Duration::ZERO).await;
    send_answers(&server, 204, Duration::ZERO).await;
    let at = chrono::Utc::now() + chrono::TimeDelta::days(3);
    client(&server)
        .sms()
        .schedule(&from_mobile("Later"), at)
        .await
        .expect("scheduled");
    let post = received(&server)
        .await
        .into_iter()
        .find(|r| r.method.as_str() == "POST");
    assert_eq!(
        post.map(|r| json_body(&r)),
        Some(json!({"smsId": "s0", "message": "Later", "recipient": TO, "sendAt": at.timestamp()}))
    );
}

#[tokio::test]
async fn a_failed_send_still_restores_the_default() {
    let server = MockServer::start().await;
    account(&server).await;
    set_default_answers(&server, 204, Duration::ZERO).await;
    send_answers(&server, 402, Duration::ZERO).await;

    let error = client(&server)
        .sms()
        .send(&from_mobile("Hi"))
        .await
        .expect_err("no funds");
    assert!(matches!(error, Error::PaymentRequired(_)), "{error:?}");
    assert!(error.to_string().contains("insufficient funds"), "{error}");
    assert_eq!(
        request_lines(&server).await[3..],
        [
            "PUT /v2/w0/sms/s0/callerids/2",
            "POST /v2/sessions/sms",
            "PUT /v2/w0/sms/s0/callerids/1",
        ]
    );
}

/// Sends from [`MOBILE`] while setting caller id `caller_id` as default answers `status`.
async fn send_while_put_fails(server: &MockServer, caller_id: u32, status: u16) -> Error {
    account(server).await;
    Mock::given(method("PUT"))
        .and(path(format!("/v2/w0/sms/s0/callerids/{caller_id}")))
        .respond_with(ResponseTemplate::new(status))
        .mount(server)
        .await;
    set_default_answers(server, 204, Duration::ZERO).await;
    send_answers(server, 204, Duration::ZERO).await;
    client(server)
        .sms()
        .send(&from_mobile("Hi"))
        .await
        .expect_err("a PUT fails")
}

#[tokio::test]
async fn a_failed_swap_sends_nothing_and_restores_anyway() {
    let server = MockServer::start().await;
    let error = send_while_put_fails(&server, 2, 403).await;
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert_eq!(
        request_lines(&server).await[3..],
        [
            "PUT /v2/w0/sms/s0/callerids/2",
            "PUT /v2/w0/sms/s0/callerids/1"
        ]
    );
}

#[tokio::test]
async fn a_failed_restore_after_a_sent_sms_says_so() {
    let server = MockServer::start().await;
    let error = send_while_put_fails(&server, 1, 500).await;
    assert!(matches!(error, Error::Precondition(_)), "{error:?}");
    let text = error.to_string();
    assert!(text.contains("the SMS was sent"), "{text}");
    assert!(
        text.contains(DEFAULT) && text.contains("do not send it again"),
        "{text}"
    );
    let posts = request_lines(&server)
        .await
        .iter()
        .filter(|line| line.starts_with("POST"))
        .count();
    assert_eq!(posts, 1);
}

/// Polls the request log until `line` shows up (or 10 s pass).
///
/// The restore runs on a task of its own and talks to wiremock over a real socket, so the
/// clock cannot be paused: this waits in real time, 50 ms between looks, at most 200 looks.
async fn wait_for(server: &MockServer, line: &str) -> bool {
    for _ in 0..200 {
        if request_lines(server).await.iter().any(|l| l == line) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

#[tokio::test]
async fn a_dropped_future_still_restores_the_default() {
    let server = MockServer::start().await;
    account(&server).await;
    set_default_answers(&server, 204, Duration::ZERO).await;
    send_answers(&server, 204, Duration::from_millis(500)).await;

    let sms = client(&server).sms();
    let message = from_mobile("Hi");
    // Drop the send's future as soon as the default has been swapped.
    tokio::select! {
        _ = sms.send(&message) => panic!("the send should have been cut short"),
        swapped = wait_for(&server, "PUT /v2/w0/sms/s0/callerids/2") => assert!(swapped),
    }
    assert!(
        wait_for(&server, "PUT /v2/w0/sms/s0/callerids/1").await,
        "the default was not restored: {:?}",
        request_lines(&server).await
    );
    assert_eq!(
        request_lines(&server).await[3..],
        [
            "PUT /v2/w0/sms/s0/callerids/2",
            "POST /v2/sessions/sms",
            "PUT /v2/w0/sms/s0/callerids/1",
        ]
    );
}

#[tokio::test]
async fn the_current_default_is_sent_without_a_swap() {
    let server = MockServer::start().await;
    account(&server).await;
    send_answers(&server, 204, Duration::ZERO).await;
    client(&server)
        .sms()
        .send(&ShortMessage::from_number(DEFAULT, TO, "Hi"))
        .await
        .expect("sent");
    assert_eq!(
        request_lines(&server).await[2..],
        ["GET /v2/w0/sms/s0/callerids", "POST /v2/sessions/sms"]
    );
}

#[tokio::test]
async fn a_formatted_sender_number_matches_its_caller_id() {
    let server = MockServer::start().await;
    account(&server).await;
    set_default_answers(&server, 204, Duration::ZERO).await;
    send_answers(&server, 204, Duration::ZERO).await;
    client(&server)
        .sms()
        .send(&ShortMessage::from_number("+49 157 999 12345", TO, "Hi"))
        .await
        .expect("sent");
    assert_eq!(
        request_lines(&server).await[3],
        "PUT /v2/w0/sms/s0/callerids/2"
    );
}

async fn precondition(server: &MockServer, from: &str) -> String {
    set_default_answers(server, 204, Duration::ZERO).await;
    send_answers(server, 204, Duration::ZERO).await;
    let error = client(server)
        .sms()
        .send(&ShortMessage::from_number(from, TO, "Hi"))
        .await
        .expect_err("precondition");
    assert!(matches!(error, Error::Precondition(_)), "{error:?}");
    let changes = request_lines(server)
        .await
        .iter()
        .filter(|line| !line.starts_with("GET"))
        .count();
    assert_eq!(changes, 0, "nothing may be changed or sent");
    error.to_string()
}

#[tokio::test]
async fn an_account_without_sms_extension_gets_a_clear_error() {
    let server = MockServer::start().await;
    account_with(&server, json!({"items": []}), caller_ids()).await;
    let text = precondition(&server, MOBILE).await;
    assert!(text.contains("has no SMS extension"), "{text}");
}

#[tokio::test]
async fn an_unregistered_number_is_refused() {
    let server = MockServer::start().await;
    account(&server).await;
    let text = precondition(&server, "+4917012345678").await;
    assert!(text.contains("not registered as a sender"), "{text}");
}

#[tokio::test]
async fn an_unverified_number_is_refused() {
    let server = MockServer::start().await;
    account(&server).await;
    let text = precondition(&server, UNVERIFIED).await;
    assert!(text.contains("not verified"), "{text}");
}

#[tokio::test]
async fn without_a_default_to_restore_nothing_is_swapped() {
    let server = MockServer::start().await;
    let ids = json!({"items": [
        {"id": 2, "phonenumber": MOBILE, "verified": true, "defaultNumber": false}
    ]});
    account_with(&server, json!({"items": [{"id": "s0"}]}), ids).await;
    let text = precondition(&server, MOBILE).await;
    assert!(text.contains("no default sender"), "{text}");
}

#[tokio::test]
async fn every_sms_extension_is_searched_for_the_number() {
    let server = MockServer::start().await;
    let s0_ids = json!({"items": [
        {"id": 1, "phonenumber": DEFAULT, "verified": true, "defaultNumber": true}
    ]});
    account_with(
        &server,
        json!({"items": [{"id": "s0"}, {"id": "s1"}]}),
        s0_ids,
    )
    .await;
    Mock::given(method("GET"))
        .and(path("/v2/w0/sms/s1/callerids"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [
            {"id": 5, "phonenumber": OTHER, "verified": true, "defaultNumber": true},
            {"id": 6, "phonenumber": MOBILE, "verified": true, "defaultNumber": false}
        ]})))
        .mount(&server)
        .await;
    set_default_answers(&server, 204, Duration::ZERO).await;
    send_answers(&server, 204, Duration::ZERO).await;
    client(&server)
        .sms()
        .send(&from_mobile("Hi"))
        .await
        .expect("sent");
    assert_eq!(
        request_lines(&server).await[2..],
        [
            "GET /v2/w0/sms/s0/callerids",
            "GET /v2/w0/sms/s1/callerids",
            "PUT /v2/w0/sms/s1/callerids/6",
            "POST /v2/sessions/sms",
            "PUT /v2/w0/sms/s1/callerids/5",
        ]
    );
    let post = received(&server)
        .await
        .into_iter()
        .find(|r| r.method.as_str() == "POST");
    assert_eq!(
        post.map(|r| json_body(&r)["smsId"].clone()),
        Some(json!("s1"))
    );
}

/// The swap steps of web user w0 in the log: `GET` (caller ids read), `PUT <caller id>`,
/// `POST <message>`.
fn swap_steps(requests: &[Request]) -> Vec<String> {
    requests
        .iter()
        .filter(|r| r.url.path().starts_with("/v2/w0/sms/") || r.method.as_str() == "POST")
        .map(|r| match r.method.as_str() {
            "PUT" => format!(
                "PUT {}",
                r.url.path().rsplit('/').next().unwrap_or_default()
            ),
            "POST" => format!(
                "POST {}",
                json_body(r)["message"].as_str().unwrap_or_default()
            ),
            other => other.to_owned(),
        })
        .collect()
}

/// Both runs must be whole, one after the other: read, swap, send, restore.
fn assert_not_interleaved(steps: &[String]) {
    assert_eq!(steps.len(), 8, "{steps:?}");
    let (first, second) = steps.split_at(4);
    for run in [first, second] {
        let expected = match run[2].as_str() {
            "POST A" => ["GET", "PUT 2", "POST A", "PUT 1"],
            "POST B" => ["GET", "PUT 4", "POST B", "PUT 1"],
            other => panic!("unexpected step {other} in {steps:?}"),
        };
        assert_eq!(run, expected, "interleaved: {steps:?}");
    }
    assert_ne!(first[2], second[2], "{steps:?}");
}

async fn slow_account(server: &MockServer) {
    account(server).await;
    set_default_answers(server, 204, Duration::from_millis(40)).await;
    send_answers(server, 204, Duration::from_millis(250)).await;
}

async fn send_both(a: Client, b: Client) {
    let message_a = from_mobile("A");
    let message_b = ShortMessage::from_number(OTHER, TO, "B");
    let sms_a = a.sms();
    let sms_b = b.sms();
    let (sent_a, sent_b) = tokio::join!(sms_a.send(&message_a), sms_b.send(&message_b));
    sent_a.expect("A sent");
    sent_b.expect("B sent");
}

#[tokio::test]
async fn concurrent_sends_through_clones_do_not_interleave() {
    let server = MockServer::start().await;
    slow_account(&server).await;
    let client = client(&server);
    send_both(client.clone(), client).await;
    assert_not_interleaved(&swap_steps(&received(&server).await));
}

#[tokio::test]
async fn concurrent_sends_through_separate_clients_do_not_interleave() {
    let server = MockServer::start().await;
    slow_account(&server).await;
    send_both(client(&server), client(&server)).await;
    assert_not_interleaved(&swap_steps(&received(&server).await));
}

/// The control: swaps of two different users' SMS extensions do not wait for each other, and
/// the log shows that — so the tests above would see an interleaving if there were one.
#[tokio::test]
async fn swaps_of_different_users_run_side_by_side() {
    let server = MockServer::start().await;
    for (token, user) in [("alice", "w0"), ("bob", "w1")] {
        Mock::given(method("GET"))
            .and(path("/v2/authorization/userinfo"))
            .and(header("authorization", format!("Bearer {token}").as_str()))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"sub": user, "masterSipId": "1234567"})),
            )
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(format!("/v2/{user}/sms")))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"items": [{"id": "s0"}]})),
            )
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(format!("/v2/{user}/sms/s0/callerids")))
            .respond_with(ResponseTemplate::new(200).set_body_json(caller_ids()))
            .mount(&server)
            .await;
    }
    set_default_answers(&server, 204, Duration::from_millis(40)).await;
    send_answers(&server, 204, Duration::from_millis(800)).await;

    send_both(oauth_client(&server, "alice"), oauth_client(&server, "bob")).await;

    // Both swaps happen before the first restore: neither waited for the other.
    let lines = request_lines(&server).await;
    let position = |line: &str| lines.iter().position(|l| l.as_str() == line);
    let first_restore = lines
        .iter()
        .position(|l| l.starts_with("PUT") && l.ends_with("/1"));
    let (Some(alice), Some(bob), Some(restore)) = (
        position("PUT /v2/w0/sms/s0/callerids/2"),
        position("PUT /v2/w1/sms/s0/callerids/4"),
        first_restore,
    ) else {
        panic!("missing steps: {lines:?}");
    };
    assert!(alice < restore && bob < restore, "{lines:?}");
}
