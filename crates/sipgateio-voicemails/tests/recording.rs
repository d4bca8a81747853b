//! Recording and playback calls against a mock sipgate API: exact requests, the session answer,
//! the documented 400/402/403, bad input sending nothing.

use serde_json::{Value, json};
use sipgateio_core::Error;
use sipgateio_test_support::mock::{answer, assert_no_request, client, json_body, received};
use sipgateio_voicemails::{
    CallId, DeviceId, GreetingRecording, IvrId, IvrRecording, RecordingId, VoicemailId,
    VoicemailsExt,
};
use wiremock::{MockServer, ResponseTemplate};

fn session(id: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"sessionId": id}))
}

/// (method, path, query, body) of every request.
async fn seen(server: &MockServer) -> Vec<(String, String, Option<String>, Value)> {
    received(server)
        .await
        .iter()
        .map(|r| {
            (
                r.method.to_string(),
                r.url.path().to_owned(),
                r.url.query().map(str::to_owned),
                json_body(r),
            )
        })
        .collect()
}

fn post(at: &str, body: Value) -> (String, String, Option<String>, Value) {
    ("POST".to_owned(), at.to_owned(), None, body)
}

#[tokio::test]
async fn the_three_calls_post_their_bodies_and_return_the_session() {
    let server = MockServer::start().await;
    answer(
        &server,
        "POST",
        "/v2/sessions/voicemail/recording",
        session("c-1"),
    )
    .await;
    answer(
        &server,
        "POST",
        "/v2/sessions/ivr/recording",
        session("c-2"),
    )
    .await;
    answer(
        &server,
        "POST",
        "/v2/sessions/voicemail/play",
        session("c-3"),
    )
    .await;
    let voicemails = client(&server).voicemails();

    let greeting = GreetingRecording::new(DeviceId::new("e0"), VoicemailId::new("v0"));
    let first = voicemails
        .record_greeting(&greeting)
        .await
        .expect("greeting");
    assert_eq!(first.session_id, CallId::new("c-1"));
    let greeting = greeting.endpoint("MAIN");
    voicemails.record_greeting(&greeting).await.expect("main");
    let ivr = IvrRecording::new(DeviceId::new("y2"), IvrId::new("h0")).endpoint("a1");
    let second = voicemails.record_ivr_message(&ivr).await.expect("ivr");
    assert_eq!(second.session_id, "c-2");
    let third = voicemails
        .play_recording(&DeviceId::new("x1"), &RecordingId::new("1000171"))
        .await
        .expect("play");
    assert_eq!(third.session_id, "c-3");

    assert_eq!(
        seen(&server).await,
        [
            post(
                "/v2/sessions/voicemail/recording",
                json!({"deviceId": "e0", "targetId": "v0"})
            ),
            post(
                "/v2/sessions/voicemail/recording",
                json!({"deviceId": "e0", "targetId": "v0", "endpoint": "MAIN"})
            ),
            post(
                "/v2/sessions/ivr/recording",
                json!({"deviceId": "y2", "targetId": "h0", "endpoint": "a1"})
            ),
            post(
                "/v2/sessions/voicemail/play",
                json!({"deviceId": "x1", "datadId": "1000171"})
            ),
        ]
    );
}

#[tokio::test]
async fn documented_statuses_carry_their_meaning() {
    for (status, meaning) in [
        (400, "invalid device or target"),
        (402, "insufficient funds"),
        (403, "not allowed to start a call"),
    ] {
        let server = MockServer::start().await;
        answer(
            &server,
            "POST",
            "/v2/sessions/voicemail/play",
            ResponseTemplate::new(status),
        )
        .await;
        let error = client(&server)
            .voicemails()
            .play_recording(&DeviceId::new("e0"), &RecordingId::new("1"))
            .await
            .expect_err("refused");
        assert_eq!(error.status(), Some(status));
        assert!(error.to_string().contains(meaning), "{error}");
        if status == 403 {
            assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
        }
    }
}

#[tokio::test]
async fn an_answer_without_a_session_is_a_decode_error() {
    let server = MockServer::start().await;
    answer(
        &server,
        "POST",
        "/v2/sessions/ivr/recording",
        ResponseTemplate::new(200).set_body_json(json!({})),
    )
    .await;
    let error = client(&server)
        .voicemails()
        .record_ivr_message(&IvrRecording::new(DeviceId::new("e0"), IvrId::new("h0")))
        .await
        .expect_err("no sessionId");
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
}

#[tokio::test]
async fn bad_input_is_refused_before_any_request() {
    let server = MockServer::start().await;
    let voicemails = client(&server).voicemails();
    let greeting = |device: &str, voicemail: &str| {
        GreetingRecording::new(DeviceId::new(device), VoicemailId::new(voicemail))
    };
    let ivr =
        |device: &str, target: &str| IvrRecording::new(DeviceId::new(device), IvrId::new(target));
    let cases: Vec<(&str, Error)> = vec![
        (
            "device_id",
            voicemails
                .record_greeting(&greeting("p0", "v0"))
                .await
                .expect_err("phoneline"),
        ),
        (
            "device_id",
            voicemails
                .record_greeting(&greeting("", "v0"))
                .await
                .expect_err("empty"),
        ),
        (
            "voicemail_id",
            voicemails
                .record_greeting(&greeting("e0", "h0"))
                .await
                .expect_err("ivr"),
        ),
        (
            "endpoint",
            voicemails
                .record_greeting(&greeting("e0", "v0").endpoint("MAIN, a0"))
                .await
                .expect_err("two words"),
        ),
        (
            "ivr_id",
            voicemails
                .record_ivr_message(&ivr("e0", "v0"))
                .await
                .expect_err("voicemail"),
        ),
        (
            "device_id",
            voicemails
                .record_ivr_message(&ivr("e01", "h0"))
                .await
                .expect_err("zero"),
        ),
        (
            "endpoint",
            voicemails
                .record_ivr_message(&ivr("e0", "h0").endpoint(""))
                .await
                .expect_err("empty"),
        ),
        (
            "device_id",
            voicemails
                .play_recording(&DeviceId::new("w0"), &RecordingId::new("1"))
                .await
                .expect_err("web user"),
        ),
        (
            "recording_id",
            voicemails
                .play_recording(&DeviceId::new("e0"), &RecordingId::new(" "))
                .await
                .expect_err("blank"),
        ),
    ];
    for (field, error) in cases {
        assert_eq!(error.invalid_field(), Some(field), "{error}");
    }
    assert_no_request(&server).await;
}
