//! Waiting until a fax is done: polling with backoff up to the caller's deadline, over HTTP.
//! When each poll happens is not asserted here (real sockets, real time): the unit tests of
//! `src/wait.rs` check the schedule to the millisecond on tokio's paused clock.

use std::time::Duration;

use serde_json::json;
use sipgateio_core::Error;
use sipgateio_fax::{FaxExt, FaxStatus, HistoryEntryId, PollOptions};
use sipgateio_test_support::mock::{received, retrying_client as client};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ENTRY: &str = "/v2/history/F1";

fn f1() -> HistoryEntryId {
    HistoryEntryId::new("F1")
}

fn fax(status: &str) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(json!({"id": "F1", "type": "FAX", "faxStatusType": status}))
}

/// Answers with `response` (only `times` times if given, then later mocks answer).
async fn answer(server: &MockServer, response: ResponseTemplate, times: Option<u64>) {
    let mock = Mock::given(method("GET"))
        .and(path(ENTRY))
        .respond_with(response);
    match times {
        Some(n) => mock.up_to_n_times(n).mount(server).await,
        None => mock.mount(server).await,
    }
}

/// Waits for F1 with short pauses and a generous deadline.
async fn wait_quickly(server: &MockServer) -> Result<FaxStatus, Error> {
    client(server)
        .fax()
        .wait_until_done_with(&f1(), Duration::from_secs(10), quick())
        .await
}

fn quick() -> PollOptions {
    PollOptions::default()
        .initial_interval(Duration::from_millis(10))
        .max_interval(Duration::from_millis(40))
}

#[tokio::test]
async fn polls_until_sent() {
    let server = MockServer::start().await;
    answer(&server, fax("PENDING"), Some(2)).await;
    answer(&server, fax("SCHEDULED"), Some(1)).await;
    answer(&server, fax("SENDING"), Some(1)).await;
    answer(&server, fax("SENT"), None).await;
    let status = wait_quickly(&server).await.expect("done");
    assert_eq!(status, FaxStatus::Sent);
    assert_eq!(received(&server).await.len(), 5);
}

#[tokio::test]
async fn a_failed_fax_is_a_result_not_an_error() {
    let server = MockServer::start().await;
    answer(&server, fax("SENDING"), Some(1)).await;
    answer(&server, fax("FAILED"), None).await;
    let status = wait_quickly(&server).await.expect("done");
    assert_eq!(status, FaxStatus::Failed);
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn gives_up_at_the_deadline_with_backoff() {
    let server = MockServer::start().await;
    answer(&server, fax("PENDING"), None).await;
    let options = PollOptions::default()
        .initial_interval(Duration::from_millis(20))
        .max_interval(Duration::from_millis(80));
    let error = client(&server)
        .fax()
        .wait_until_done_with(&f1(), Duration::from_millis(400), options)
        .await
        .expect_err("still pending");
    assert!(
        matches!(error, Error::Timeout(ref t) if t.timeout() == Duration::from_millis(400)),
        "{error:?}"
    );
    // Pauses of 20, 40, 80, 80, … ms leave room for 7 polls in 400 ms at most (a timer never
    // fires early, so a slow machine only makes fewer): backoff, not a busy loop.
    let polls = received(&server).await.len();
    assert!(polls <= 7, "{polls} polls");
}

#[tokio::test]
async fn unknown_states_are_not_final() {
    let server = MockServer::start().await;
    answer(&server, fax("QUEUED_SOMEWHERE"), Some(2)).await;
    answer(&server, fax("SENT"), None).await;
    let status = wait_quickly(&server).await.expect("done");
    assert_eq!(status, FaxStatus::Sent);
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn a_missing_entry_is_waited_for() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(404), Some(2)).await;
    answer(&server, fax("SENT"), None).await;
    let status = wait_quickly(&server).await.expect("done");
    assert_eq!(status, FaxStatus::Sent);
}

#[tokio::test]
async fn an_entry_that_never_appears_ends_with_not_found() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(404), None).await;
    let error = client(&server)
        .fax()
        .wait_until_done_with(&f1(), Duration::from_millis(150), quick())
        .await
        .expect_err("never there");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("fax was not found"), "{error}");
}

#[tokio::test]
async fn other_errors_end_the_wait_at_once() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(401), None).await;
    let error = client(&server)
        .fax()
        .wait_until_done_with(&f1(), Duration::from_secs(30), quick())
        .await
        .expect_err("unauthorized");
    assert!(matches!(error, Error::Unauthorized(_)), "{error:?}");
    // Polling on would have asked again every 10 to 40 ms for 30 s.
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn default_polling_returns_a_final_state_at_once() {
    let server = MockServer::start().await;
    answer(&server, fax("SENT"), None).await;
    let status = client(&server)
        .fax()
        .wait_until_done(&f1(), Duration::from_secs(60))
        .await
        .expect("done");
    assert_eq!(status, FaxStatus::Sent);
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn an_endless_deadline_does_not_overflow_the_clock() {
    let server = MockServer::start().await;
    answer(&server, fax("PENDING"), Some(1)).await;
    answer(&server, fax("FAILED"), None).await;
    let status = client(&server)
        .fax()
        .wait_until_done_with(&f1(), Duration::MAX, quick())
        .await
        .expect("done");
    assert_eq!(status, FaxStatus::Failed);
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn default_polling_respects_a_short_deadline() {
    // The first pause (2 s) is longer than the deadline: one poll, then give up.
    let server = MockServer::start().await;
    answer(&server, fax("PENDING"), None).await;
    let error = client(&server)
        .fax()
        .wait_until_done(&f1(), Duration::from_secs(1))
        .await
        .expect_err("pending");
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn invalid_session_ids_send_nothing() {
    let server = MockServer::start().await;
    let error = client(&server)
        .fax()
        .wait_until_done(&HistoryEntryId::new(""), Duration::from_secs(1))
        .await
        .expect_err("empty");
    assert_eq!(error.invalid_field(), Some("session_id"));
    assert!(received(&server).await.is_empty());
}

#[test]
fn futures_and_clients_can_move_between_threads() {
    fn assert_send<T: Send>(_: &T) {}
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<sipgateio_fax::FaxClient>();
    let server_less = sipgateio_core::Client::builder()
        .oauth_token("t")
        .build()
        .expect("valid");
    let fax = server_less.fax();
    assert_send(&fax.wait_until_done(&f1(), Duration::from_secs(1)));
    let document = sipgateio_fax::Fax::new(
        sipgateio_fax::FaxlineId::new("f0"),
        "+4921100000",
        b"%PDF-1.4 %%EOF".to_vec(),
    );
    assert_send(&fax.send(&document));
}
