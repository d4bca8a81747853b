//! The sandbox's failures on demand through the SDK: each reserved test number gives the
//! `ErrorKind` an app's error handling sees (`sipgateio::sandbox::failures`).

use std::time::Duration;

use sipgateio::call::NewCall;
use sipgateio::prelude::*;
use sipgateio::sandbox::failures::{
    BUSY, FORBIDDEN, NO_ANSWER, NOT_FOUND, PAYMENT_REQUIRED, RATE_LIMITED, SERVER_ERROR, SLOW,
    UNAVAILABLE,
};
use sipgateio::sandbox::{Sandbox, SandboxConfig};
use sipgateio::sms::ShortMessage;
use sipgateio::{ErrorKind, RetryPolicy};
use sipgateio_test_support::sandbox;

/// A strict sandbox and a client that does not retry (a 429 or 503 is seen at once).
async fn start() -> (Sandbox, Client) {
    let (sandbox, _) = sandbox::start_with(SandboxConfig::default().strict(true)).await;
    let client = sandbox::builder_for(&sandbox)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("valid configuration");
    (sandbox, client)
}

fn sms_to(number: &str) -> ShortMessage {
    ShortMessage::via_extension(SmsExtensionId::new("s0"), number, "hello")
}

#[tokio::test]
async fn each_status_number_is_the_error_kind_the_app_handles() {
    let (sandbox, client) = start().await;
    for (number, kind, status) in [
        (PAYMENT_REQUIRED, ErrorKind::PaymentRequired, 402),
        (FORBIDDEN, ErrorKind::Forbidden, 403),
        (NOT_FOUND, ErrorKind::NotFound, 404),
        (RATE_LIMITED, ErrorKind::RateLimited, 429),
        (SERVER_ERROR, ErrorKind::Server, 500),
        (UNAVAILABLE, ErrorKind::Server, 503),
    ] {
        let error = client.sms().send(&sms_to(number)).await.expect_err(number);
        assert_eq!(error.kind(), kind, "{number}: {error}");
        assert_eq!(error.status(), Some(status), "{number}");
        assert!(error.to_string().contains(number), "{number}: {error}");
    }
    let limited = client
        .sms()
        .send(&sms_to(RATE_LIMITED))
        .await
        .expect_err("429");
    assert_eq!(
        limited.api_error().and_then(|e| e.retry_after()),
        Some(Duration::from_secs(1))
    );
    assert!(limited.is_transient());
    assert!(sandbox.sent_sms().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn the_default_retry_policy_gives_up_on_the_rate_limited_number() {
    let (sandbox, _) = start().await;
    // Retries honour Retry-After (1 s); two attempts keep the test short.
    let client = Client::builder()
        .personal_access_token(sandbox.token_id(), sandbox.token())
        .base_url(sandbox.base_url())
        .retry_policy(RetryPolicy::default().max_attempts(2))
        .build()
        .expect("valid configuration");
    let error = client
        .sms()
        .send(&sms_to(RATE_LIMITED))
        .await
        .expect_err("still 429");
    assert_eq!(error.kind(), ErrorKind::RateLimited);
}

#[tokio::test]
async fn the_slow_number_is_a_timeout_for_a_short_request_timeout() {
    let (sandbox, client) = start().await;
    let error = client
        .with_timeout(Duration::from_millis(200))
        .sms()
        .send(&sms_to(SLOW))
        .await
        .expect_err("the sandbox answers after 5 s");
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    drop(sandbox);
}

#[tokio::test]
async fn calls_to_the_busy_and_unanswered_numbers_are_placed_but_never_connect() {
    let (sandbox, client) = start().await;
    for number in [BUSY, NO_ANSWER] {
        let call = NewCall::new("e0", number);
        let session = client.call().initiate(&call).await.expect("placed");
        // Never established: RTCM does not know the call.
        let error = client
            .rtcm()
            .hang_up(&session.session_id)
            .await
            .expect_err("no such call");
        assert_eq!(error.kind(), ErrorKind::NotFound, "{number}");
    }
    let statuses: Vec<(String, Option<String>)> = sandbox
        .history()
        .into_iter()
        .rev()
        .take(2)
        .map(|e| (e.status, e.call_status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("NOPICKUP".to_owned(), Some("MISSED".to_owned())),
            ("BUSY".to_owned(), Some("BUSY".to_owned()))
        ]
    );
}
