//! Every RTCM function against a mock sipgate API: method, path, body, response mapping,
//! error mapping and validation.

use std::future::Future;
use std::pin::Pin;

use serde_json::{Value, json};
use sipgateio_core::{Client, Error, Result, RetryPolicy};
use sipgateio_rtcm::{Call, RtcmClient, RtcmExt};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
        .base_url(format!("{}/v2", server.uri()))
        .retry_policy(RetryPolicy::default().max_attempts(1))
        .build()
        .expect("valid configuration")
}

async fn request_count(server: &MockServer) -> usize {
    server.received_requests().await.unwrap_or_default().len()
}

/// Mounts a 204 answer for exactly one request with this method, path and JSON body.
async fn expect_call(server: &MockServer, verb: &str, at: &str, body: Option<Value>) {
    let mock = Mock::given(method(verb)).and(path(at));
    let mock = match body {
        Some(body) => mock.and(body_json(body)),
        None => mock,
    };
    mock.respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn calls_returns_the_data_array() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/calls"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [
                {
                    "callId": "c1", "muted": true, "recording": false, "hold": true,
                    "participants": [
                        {"participantId": "p1", "phoneNumber": "+4921100000",
                         "muted": false, "hold": true, "owner": true},
                        {"participantId": "p2", "phoneNumber": "+4915739777777",
                         "muted": true, "hold": false, "owner": false}
                    ]
                },
                {"callId": "c2"}
            ]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let calls: Vec<Call> = client(&server).rtcm().calls().await.expect("calls");
    assert_eq!(calls.len(), 2);
    let first = &calls[0];
    assert_eq!(first.call_id, "c1");
    assert!(first.muted && first.hold && !first.recording);
    assert_eq!(first.participants.len(), 2);
    assert_eq!(first.participants[0].participant_id, "p1");
    assert_eq!(first.participants[0].phone_number, "+4921100000");
    assert!(first.participants[0].owner && first.participants[0].hold);
    assert!(first.participants[1].muted && !first.participants[1].owner);
    assert_eq!(calls[1].call_id, "c2");
    assert!(calls[1].participants.is_empty() && !calls[1].muted);
}

#[tokio::test]
async fn calls_with_no_data_is_empty_and_bad_shapes_are_decode_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/calls"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/calls"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": [{"callId": 7}]})))
        .mount(&server)
        .await;
    let rtcm = client(&server).rtcm();
    assert!(rtcm.calls().await.expect("empty").is_empty());
    match rtcm.calls().await {
        Err(Error::Decode { path, .. }) => assert_eq!(path, "data[0].callId"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn mute_and_unmute() {
    let server = MockServer::start().await;
    expect_call(
        &server,
        "PUT",
        "/v2/calls/c1/muted",
        Some(json!({"value": true})),
    )
    .await;
    expect_call(
        &server,
        "PUT",
        "/v2/calls/c2/muted",
        Some(json!({"value": false})),
    )
    .await;
    let rtcm = RtcmClient::new(&client(&server));
    rtcm.mute("c1", true).await.expect("mute");
    rtcm.mute("c2", false).await.expect("unmute");
}

#[tokio::test]
async fn record_sends_value_and_announcement() {
    let server = MockServer::start().await;
    expect_call(
        &server,
        "PUT",
        "/v2/calls/c1/recording",
        Some(json!({"announcement": true, "value": true})),
    )
    .await;
    expect_call(
        &server,
        "PUT",
        "/v2/calls/c2/recording",
        Some(json!({"announcement": false, "value": false})),
    )
    .await;
    let rtcm = client(&server).rtcm();
    rtcm.record("c1", true, true).await.expect("record");
    rtcm.record("c2", false, false).await.expect("stop");
}

#[tokio::test]
async fn announce_posts_the_url() {
    let server = MockServer::start().await;
    expect_call(
        &server,
        "POST",
        "/v2/calls/c1/announcements",
        Some(json!({"url": "https://example.com/a.wav?x=1&y=2"})),
    )
    .await;
    client(&server)
        .rtcm()
        .announce("c1", "https://example.com/a.wav?x=1&y=2")
        .await
        .expect("announce");
}

#[tokio::test]
async fn transfer_posts_attended_and_number() {
    let server = MockServer::start().await;
    expect_call(
        &server,
        "POST",
        "/v2/calls/c1/transfer",
        Some(json!({"attended": true, "phoneNumber": "+4921100000"})),
    )
    .await;
    expect_call(
        &server,
        "POST",
        "/v2/calls/c2/transfer",
        Some(json!({"attended": false, "phoneNumber": "+4915739777777"})),
    )
    .await;
    let rtcm = client(&server).rtcm();
    rtcm.transfer("c1", "+4921100000", true)
        .await
        .expect("attended");
    rtcm.transfer("c2", "+4915739777777", false)
        .await
        .expect("blind");
}

#[tokio::test]
async fn dtmf_is_sent_upper_cased() {
    let server = MockServer::start().await;
    expect_call(
        &server,
        "POST",
        "/v2/calls/c1/dtmf",
        Some(json!({"sequence": "12AB#*"})),
    )
    .await;
    client(&server)
        .rtcm()
        .send_dtmf("c1", "12ab#*")
        .await
        .expect("dtmf");
}

#[tokio::test]
async fn hold_and_resume() {
    let server = MockServer::start().await;
    expect_call(
        &server,
        "PUT",
        "/v2/calls/c1/hold",
        Some(json!({"value": true})),
    )
    .await;
    expect_call(
        &server,
        "PUT",
        "/v2/calls/c2/hold",
        Some(json!({"value": false})),
    )
    .await;
    let rtcm = client(&server).rtcm();
    rtcm.hold("c1", true).await.expect("hold");
    rtcm.hold("c2", false).await.expect("resume");
}

#[tokio::test]
async fn hang_up_deletes_without_body() {
    let server = MockServer::start().await;
    expect_call(&server, "DELETE", "/v2/calls/c1", None).await;
    client(&server).rtcm().hang_up("c1").await.expect("hang up");
    let requests = server.received_requests().await.unwrap_or_default();
    assert!(requests[0].body.is_empty());
}

#[tokio::test]
async fn call_ids_are_percent_encoded_into_the_path() {
    let server = MockServer::start().await;
    expect_call(&server, "DELETE", "/v2/calls/a%2Fb%3Fc", None).await;
    expect_call(
        &server,
        "PUT",
        "/v2/calls/x%20y/hold",
        Some(json!({"value": true})),
    )
    .await;
    let rtcm = client(&server).rtcm();
    rtcm.hang_up("a/b?c").await.expect("encoded");
    rtcm.hold("x y", true).await.expect("encoded");
}

type Action = fn(RtcmClient) -> Pin<Box<dyn Future<Output = Result<()>> + Send>>;

/// Every call-addressing function, each with the method and path it uses for call `c1`.
fn actions() -> Vec<(&'static str, &'static str, &'static str, Action)> {
    vec![
        ("mute", "PUT", "/v2/calls/c1/muted", |r| {
            Box::pin(async move { r.mute("c1", true).await })
        }),
        ("record", "PUT", "/v2/calls/c1/recording", |r| {
            Box::pin(async move { r.record("c1", true, false).await })
        }),
        ("announce", "POST", "/v2/calls/c1/announcements", |r| {
            Box::pin(async move { r.announce("c1", "https://example.com/a.wav").await })
        }),
        ("transfer", "POST", "/v2/calls/c1/transfer", |r| {
            Box::pin(async move { r.transfer("c1", "+4921100000", false).await })
        }),
        ("send_dtmf", "POST", "/v2/calls/c1/dtmf", |r| {
            Box::pin(async move { r.send_dtmf("c1", "1").await })
        }),
        ("hold", "PUT", "/v2/calls/c1/hold", |r| {
            Box::pin(async move { r.hold("c1", true).await })
        }),
        ("hang_up", "DELETE", "/v2/calls/c1", |r| {
            Box::pin(async move { r.hang_up("c1").await })
        }),
    ]
}

async fn answer_with(status: u16, body: &str) -> Vec<(&'static str, Error)> {
    let mut errors = Vec::new();
    for (name, verb, at, action) in actions() {
        let server = MockServer::start().await;
        Mock::given(method(verb))
            .and(path(at))
            .respond_with(ResponseTemplate::new(status).set_body_string(body))
            .expect(1)
            .mount(&server)
            .await;
        let error = action(client(&server).rtcm())
            .await
            .expect_err("the server answered an error");
        errors.push((name, error));
    }
    errors
}

#[tokio::test]
async fn not_found_means_the_call_was_not_found() {
    for (name, error) in answer_with(404, r#"{"message":"no such call"}"#).await {
        assert!(matches!(error, Error::NotFound(_)), "{name}: {error:?}");
        let text = error.to_string();
        assert!(text.contains("call could not be found"), "{name}: {text}");
        assert!(text.contains("no such call"), "{name}: {text}");
    }
}

#[tokio::test]
async fn unauthorized_forbidden_and_other_statuses_map_to_core_errors() {
    for (name, error) in answer_with(401, "").await {
        assert!(matches!(error, Error::Unauthorized(_)), "{name}: {error:?}");
    }
    for (name, error) in answer_with(403, "").await {
        assert!(matches!(error, Error::Forbidden(_)), "{name}: {error:?}");
    }
    for (name, error) in answer_with(500, "boom").await {
        assert!(
            matches!(&error, Error::Api(api) if api.status == 500),
            "{name}: {error:?}"
        );
        assert!(!error.to_string().contains("not found"), "{name}");
    }
}

#[tokio::test]
async fn calls_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/calls"))
        .respond_with(ResponseTemplate::new(401))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/calls"))
        .respond_with(ResponseTemplate::new(403))
        .mount(&server)
        .await;
    let rtcm = client(&server).rtcm();
    assert!(matches!(rtcm.calls().await, Err(Error::Unauthorized(_))));
    assert!(matches!(rtcm.calls().await, Err(Error::Forbidden(_))));
}

#[tokio::test]
async fn hold_conflict_says_the_call_is_not_established() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/v2/calls/c1/hold"))
        .respond_with(ResponseTemplate::new(409))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server)
        .rtcm()
        .hold("c1", true)
        .await
        .expect_err("409");
    assert!(matches!(&error, Error::Api(api) if api.status == 409));
    assert!(error.to_string().contains("not established"), "{error}");
}

#[tokio::test]
async fn invalid_dtmf_sends_nothing() {
    let server = MockServer::start().await;
    let rtcm = client(&server).rtcm();
    for bad in ["", " ", "1 2", "E", "12#x", "1-2"] {
        let error = rtcm.send_dtmf("c1", bad).await.expect_err(bad);
        assert_eq!(error.invalid_field(), Some("sequence"), "{bad:?}");
    }
    assert_eq!(request_count(&server).await, 0);
}

#[tokio::test]
async fn invalid_transfer_number_sends_nothing() {
    let server = MockServer::start().await;
    let rtcm = client(&server).rtcm();
    for bad in ["", "0211 12345", "4921100000", "+49++", "sip:alice"] {
        let error = rtcm.transfer("c1", bad, true).await.expect_err(bad);
        assert_eq!(error.invalid_field(), Some("phone_number"), "{bad:?}");
    }
    assert_eq!(request_count(&server).await, 0);
}

#[tokio::test]
async fn invalid_announcement_url_sends_nothing() {
    let server = MockServer::start().await;
    let rtcm = client(&server).rtcm();
    for bad in ["", "a.wav", "ftp://example.com/a.wav", "https://"] {
        let error = rtcm.announce("c1", bad).await.expect_err(bad);
        assert_eq!(error.invalid_field(), Some("url"), "{bad:?}");
    }
    assert_eq!(request_count(&server).await, 0);
}

#[tokio::test]
async fn empty_or_dot_call_ids_send_nothing() {
    let server = MockServer::start().await;
    let rtcm = client(&server).rtcm();
    for id in ["", ".", ".."] {
        let results = [
            rtcm.mute(id, true).await,
            rtcm.record(id, true, true).await,
            rtcm.announce(id, "https://example.com/a.wav").await,
            rtcm.transfer(id, "+4921100000", true).await,
            rtcm.send_dtmf(id, "1").await,
            rtcm.hold(id, true).await,
            rtcm.hang_up(id).await,
        ];
        for result in results {
            let error = result.expect_err("empty id");
            assert_eq!(error.invalid_field(), Some("call_id"), "{id:?}");
        }
    }
    assert_eq!(request_count(&server).await, 0);
}
