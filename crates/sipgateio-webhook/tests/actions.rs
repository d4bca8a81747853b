//! Play-then-hang-up and play-then-transfer: the RTCM call happens after the announcement's
//! duration plus the delay (paused time), against a wiremock sipgate.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;
use sipgateio_core::Client;
use sipgateio_test_support::mock;
use sipgateio_webhook::xml::{Action, Response};
use sipgateio_webhook::{
    Announcement, CallId, Error, Transfer, play_audio_and_hang_up, play_audio_and_transfer,
};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const URL: &str = "https://example.com/bye.wav";

fn client(server: &MockServer) -> Client {
    mock::builder_for(&server.uri())
        // Paused time must not expire the request while it waits for real I/O.
        .request_timeout(Duration::from_secs(24 * 3600))
        .build()
        .expect("client")
}

/// Wait (in real time, without advancing the paused clock) until the server saw `count`
/// requests. The 10 s bound is a hang guard, not a speed assertion: the caller's assertion on
/// what arrived fails instead of the test hanging.
async fn received(server: &MockServer, count: usize) -> Vec<wiremock::Request> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let requests = server.received_requests().await.unwrap_or_default();
        if requests.len() >= count || Instant::now() > deadline {
            return requests;
        }
        tokio::task::yield_now().await;
    }
}

/// Nothing reaches the server 1 ms before `at` (paused clock); exactly one request 1 ms after.
async fn fires_once_at(server: &MockServer, at: Duration) -> Vec<wiremock::Request> {
    tokio::time::advance(at - Duration::from_millis(1)).await;
    tokio::task::yield_now().await;
    let early = server.received_requests().await.unwrap_or_default();
    assert!(early.is_empty(), "too early: {early:?}");
    tokio::time::advance(Duration::from_millis(2)).await;
    // The timer fired: from here on the request talks to a real server, so let the clock run
    // in real time — a paused clock would auto-advance to the request timeout while the
    // runtime waits for the server's answer.
    tokio::time::resume();
    let requests = received(server, 1).await;
    assert_eq!(requests.len(), 1);
    requests
}

fn assert_is_play(response: &Response) {
    match response.action() {
        Some(Action::Play(play)) => assert_eq!(play.url(), URL),
        other => panic!("{other:?}"),
    }
}

#[tokio::test(start_paused = true)]
async fn hangs_up_after_the_duration_plus_the_delay() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/calls/call%2F1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let announcement = Announcement::with_known_duration(URL, Duration::from_secs(4));
    let response = play_audio_and_hang_up(
        &client(&server),
        &CallId::new("call/1"),
        &announcement,
        Duration::from_millis(500),
    )
    .expect("scheduled");
    assert_is_play(&response);

    let requests = fires_once_at(&server, Duration::from_millis(4500)).await;
    assert_eq!(requests[0].method.as_str(), "DELETE");
    assert_eq!(requests[0].url.path(), "/calls/call%2F1");
    assert_eq!(requests[0].url.query(), None);
    assert!(requests[0].body.is_empty());
}

#[tokio::test(start_paused = true)]
async fn transfers_after_the_duration() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/calls/c7/transfer"))
        .and(header("content-type", "application/json"))
        .and(body_json(
            json!({"attended": true, "phoneNumber": "+4921100000"}),
        ))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let announcement = Announcement::with_known_duration(URL, Duration::from_millis(2250));
    let response = play_audio_and_transfer(
        &client(&server),
        &CallId::new("c7"),
        &announcement,
        "+4921100000",
        Transfer::Attended,
        Duration::ZERO,
    )
    .expect("scheduled");
    assert_is_play(&response);

    let requests = fires_once_at(&server, Duration::from_millis(2250)).await;
    assert_eq!(requests[0].method.as_str(), "POST");
    assert_eq!(requests[0].url.query(), None);
}

#[tokio::test(start_paused = true)]
async fn a_blind_transfer_sends_attended_false_after_the_delay() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/calls/c%208/transfer"))
        .and(body_json(
            json!({"attended": false, "phoneNumber": "+4921100001"}),
        ))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let announcement = Announcement::with_known_duration(URL, Duration::from_secs(1));
    let response = play_audio_and_transfer(
        &client(&server),
        &CallId::new("c 8"),
        &announcement,
        "+4921100001",
        Transfer::Blind,
        Duration::from_millis(250),
    )
    .expect("scheduled");
    assert_is_play(&response);

    let requests = fires_once_at(&server, Duration::from_millis(1250)).await;
    assert_eq!(requests[0].method.as_str(), "POST");
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).expect("JSON body");
    assert_eq!(
        body,
        json!({"attended": false, "phoneNumber": "+4921100001"})
    );
}

/// Collects everything logged on this thread.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(start_paused = true)]
async fn a_failed_hang_up_is_logged_not_lost() {
    let logs = Logs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    let announcement = Announcement::with_known_duration(URL, Duration::from_secs(1));
    play_audio_and_hang_up(
        &client(&server),
        &CallId::new("gone"),
        &announcement,
        Duration::ZERO,
    )
    .expect("scheduled");
    fires_once_at(&server, Duration::from_secs(1)).await;

    // A hang guard as in `received`: the assertions below fail if the warning never comes.
    let deadline = Instant::now() + Duration::from_secs(10);
    let text = loop {
        let text = String::from_utf8(logs.0.lock().expect("log buffer").clone()).expect("UTF-8");
        if text.contains("could not hang up") || Instant::now() > deadline {
            break text;
        }
        tokio::task::yield_now().await;
    };
    assert!(
        text.contains("WARN") && text.contains("could not hang up after the announcement"),
        "{text}"
    );
    assert!(
        text.contains("call_id=gone") && text.contains("not found"),
        "{text}"
    );
}

#[tokio::test]
async fn invalid_arguments_schedule_nothing() {
    let server = MockServer::start().await;
    let client = client(&server);
    let announcement = Announcement::with_known_duration(URL, Duration::ZERO);
    for empty in ["", " "] {
        assert!(matches!(
            play_audio_and_hang_up(&client, &CallId::new(empty), &announcement, Duration::ZERO),
            Err(ref error) if error.invalid_field() == Some("call_id")
        ));
        assert!(matches!(
            play_audio_and_transfer(
                &client,
                &CallId::new(empty),
                &announcement,
                "+4921100000",
                Transfer::Attended,
                Duration::ZERO
            ),
            Err(ref error) if error.invalid_field() == Some("call_id")
        ));
    }
    for number in ["not a number", "", "4921100000"] {
        assert!(
            matches!(
                play_audio_and_transfer(
                    &client,
                    &CallId::new("c1"),
                    &announcement,
                    number,
                    Transfer::Blind,
                    Duration::ZERO
                ),
                Err(ref error) if error.invalid_field() == Some("phone_number")
            ),
            "{number:?}"
        );
    }
    let bad_url = Announcement::with_known_duration("ftp://x/a.wav", Duration::ZERO);
    assert!(matches!(
        play_audio_and_hang_up(&client, &CallId::new("c1"), &bad_url, Duration::ZERO),
        Err(Error::Xml(_))
    ));
    assert!(matches!(
        play_audio_and_transfer(
            &client,
            &CallId::new("c1"),
            &bad_url,
            "+4921100000",
            Transfer::Attended,
            Duration::ZERO
        ),
        Err(Error::Xml(_))
    ));
    // Nothing was scheduled: the hang-up and the transfer run on spawned tasks, and no task
    // is alive on this (current-thread) runtime, so no request can follow later. Checked
    // without waiting on any clock.
    assert_eq!(
        tokio::runtime::Handle::current()
            .metrics()
            .num_alive_tasks(),
        0,
        "a task was spawned for invalid input"
    );
    mock::assert_no_request(&server).await;
}

#[test]
fn outside_a_runtime_is_an_error_not_a_panic() {
    let client = Client::builder()
        .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
        .build()
        .expect("client");
    let announcement = Announcement::with_known_duration(URL, Duration::ZERO);
    assert!(matches!(
        play_audio_and_hang_up(&client, &CallId::new("c1"), &announcement, Duration::ZERO),
        Err(ref error) if error.invalid_field() == Some("runtime")
    ));
    assert!(matches!(
        play_audio_and_transfer(
            &client,
            &CallId::new("c1"),
            &announcement,
            "+4921100000",
            Transfer::Blind,
            Duration::ZERO
        ),
        Err(ref error) if error.invalid_field() == Some("runtime")
    ));
}
