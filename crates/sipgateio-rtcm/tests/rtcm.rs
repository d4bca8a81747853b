//! Every RTCM function against a mock sipgate API: method, path, body, response mapping,
//! error mapping and validation.

use std::future::Future;
use std::pin::Pin;

use serde_json::{Value, json};
use sipgateio_core::{Error, Result};
use sipgateio_rtcm::{Call, CallId, RecordingAnnouncement, RtcmClient, RtcmExt, Transfer};
use sipgateio_test_support::mock::{assert_no_request, client, received};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn id(call_id: &str) -> CallId {
    CallId::new(call_id)
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
async fn list_returns_the_data_array() {
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
    let calls: Vec<Call> = client(&server).rtcm().list().await.expect("calls");
    assert_eq!(calls.len(), 2);
    let first = &calls[0];
    assert_eq!(first.call_id, CallId::new("c1"));
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
async fn list_with_no_data_is_empty_and_bad_shapes_are_decode_errors() {
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
    assert!(rtcm.list().await.expect("empty").is_empty());
    match rtcm.list().await {
        Err(Error::Decode(d)) => assert_eq!(d.path(), "data[0].callId"),
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
    rtcm.mute(&id("c1")).await.expect("mute");
    rtcm.unmute(&id("c2")).await.expect("unmute");
}

#[tokio::test]
async fn start_and_stop_recording_send_value_and_announcement() {
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
    rtcm.start_recording(&id("c1"), RecordingAnnouncement::Play)
        .await
        .expect("record");
    rtcm.stop_recording(&id("c2")).await.expect("stop");
}

#[tokio::test]
async fn start_recording_without_announcement() {
    let server = MockServer::start().await;
    expect_call(
        &server,
        "PUT",
        "/v2/calls/c1/recording",
        Some(json!({"announcement": false, "value": true})),
    )
    .await;
    client(&server)
        .rtcm()
        .start_recording(&id("c1"), RecordingAnnouncement::Skip)
        .await
        .expect("record silently");
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
        .announce(&id("c1"), "https://example.com/a.wav?x=1&y=2")
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
    rtcm.transfer(&id("c1"), "+4921100000", Transfer::Attended)
        .await
        .expect("attended");
    rtcm.transfer(&id("c2"), "+4915739777777", Transfer::Blind)
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
        .send_dtmf(&id("c1"), "12ab#*")
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
    rtcm.hold(&id("c1")).await.expect("hold");
    rtcm.resume(&id("c2")).await.expect("resume");
}

#[tokio::test]
async fn hang_up_deletes_without_body() {
    let server = MockServer::start().await;
    expect_call(&server, "DELETE", "/v2/calls/c1", None).await;
    client(&server)
        .rtcm()
        .hang_up(&id("c1"))
        .await
        .expect("hang up");
    let requests = received(&server).await;
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
    rtcm.hang_up(&id("a/b?c")).await.expect("encoded");
    rtcm.hold(&id("x y")).await.expect("encoded");
}

type Action = fn(RtcmClient) -> Pin<Box<dyn Future<Output = Result<()>> + Send>>;

/// Every call-addressing function, each with the method and path it uses for call `c1`.
fn actions() -> Vec<(&'static str, &'static str, &'static str, Action)> {
    vec![
        ("mute", "PUT", "/v2/calls/c1/muted", |r| {
            Box::pin(async move { r.mute(&id("c1")).await })
        }),
        ("unmute", "PUT", "/v2/calls/c1/muted", |r| {
            Box::pin(async move { r.unmute(&id("c1")).await })
        }),
        ("start_recording", "PUT", "/v2/calls/c1/recording", |r| {
            Box::pin(async move {
                r.start_recording(&id("c1"), RecordingAnnouncement::Skip)
                    .await
            })
        }),
        ("stop_recording", "PUT", "/v2/calls/c1/recording", |r| {
            Box::pin(async move { r.stop_recording(&id("c1")).await })
        }),
        ("announce", "POST", "/v2/calls/c1/announcements", |r| {
            Box::pin(async move { r.announce(&id("c1"), "https://example.com/a.wav").await })
        }),
        ("transfer", "POST", "/v2/calls/c1/transfer", |r| {
            Box::pin(async move { r.transfer(&id("c1"), "+4921100000", Transfer::Blind).await })
        }),
        ("send_dtmf", "POST", "/v2/calls/c1/dtmf", |r| {
            Box::pin(async move { r.send_dtmf(&id("c1"), "1").await })
        }),
        ("hold", "PUT", "/v2/calls/c1/hold", |r| {
            Box::pin(async move { r.hold(&id("c1")).await })
        }),
        ("resume", "PUT", "/v2/calls/c1/hold", |r| {
            Box::pin(async move { r.resume(&id("c1")).await })
        }),
        ("hang_up", "DELETE", "/v2/calls/c1", |r| {
            Box::pin(async move { r.hang_up(&id("c1")).await })
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
            matches!(&error, Error::Api(api) if api.status() == 500),
            "{name}: {error:?}"
        );
        assert!(!error.to_string().contains("not found"), "{name}");
    }
}

#[tokio::test]
async fn list_errors() {
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
    assert!(matches!(rtcm.list().await, Err(Error::Unauthorized(_))));
    assert!(matches!(rtcm.list().await, Err(Error::Forbidden(_))));
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
        .hold(&id("c1"))
        .await
        .expect_err("409");
    assert!(matches!(&error, Error::Api(api) if api.status() == 409));
    assert!(error.to_string().contains("not established"), "{error}");
}

#[tokio::test]
async fn invalid_dtmf_sends_nothing() {
    let server = MockServer::start().await;
    let rtcm = client(&server).rtcm();
    for bad in ["", " ", "1 2", "E", "12#x", "1-2"] {
        let error = rtcm.send_dtmf(&id("c1"), bad).await.expect_err(bad);
        assert_eq!(error.invalid_field(), Some("sequence"), "{bad:?}");
    }
    assert_no_request(&server).await;
}

#[tokio::test]
async fn invalid_transfer_number_sends_nothing() {
    let server = MockServer::start().await;
    let rtcm = client(&server).rtcm();
    for bad in ["", "0211 12345", "4921100000", "+49++", "sip:alice"] {
        let error = rtcm
            .transfer(&id("c1"), bad, Transfer::Attended)
            .await
            .expect_err(bad);
        assert_eq!(error.invalid_field(), Some("phone_number"), "{bad:?}");
    }
    assert_no_request(&server).await;
}

#[tokio::test]
async fn invalid_announcement_url_sends_nothing() {
    let server = MockServer::start().await;
    let rtcm = client(&server).rtcm();
    for bad in ["", "a.wav", "ftp://example.com/a.wav", "https://"] {
        let error = rtcm.announce(&id("c1"), bad).await.expect_err(bad);
        assert_eq!(error.invalid_field(), Some("url"), "{bad:?}");
    }
    assert_no_request(&server).await;
}

#[tokio::test]
async fn empty_or_dot_call_ids_send_nothing() {
    let server = MockServer::start().await;
    let rtcm = client(&server).rtcm();
    for bad in ["", ".", ".."] {
        let call = id(bad);
        let results = [
            rtcm.mute(&call).await,
            rtcm.unmute(&call).await,
            rtcm.start_recording(&call, RecordingAnnouncement::Play)
                .await,
            rtcm.stop_recording(&call).await,
            rtcm.announce(&call, "https://example.com/a.wav").await,
            rtcm.transfer(&call, "+4921100000", Transfer::Attended)
                .await,
            rtcm.send_dtmf(&call, "1").await,
            rtcm.hold(&call).await,
            rtcm.resume(&call).await,
            rtcm.hang_up(&call).await,
        ];
        for result in results {
            let error = result.expect_err("empty id");
            assert_eq!(error.invalid_field(), Some("call_id"), "{bad:?}");
        }
    }
    assert_no_request(&server).await;
}
