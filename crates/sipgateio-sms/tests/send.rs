//! Sending and scheduling by SMS extension, validation, and the SMS meaning of error statuses.

use chrono::{TimeDelta, Utc};
use serde_json::json;
use sipgateio_core::Error;
use sipgateio_sms::{Sender, ShortMessage, SmsClient, SmsExt, SmsExtensionId, WebuserId};
use sipgateio_test_support::mock::{json_body, received, retrying_client as client};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn hello() -> ShortMessage {
    ShortMessage::via_extension(SmsExtensionId::new("s0"), "+4915739777777", "Hello")
}

#[tokio::test]
async fn send_by_extension_posts_the_message() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions/sms"))
        .and(body_json(json!({
            "smsId": "s0", "message": "Hello", "recipient": "+4915739777777"
        })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server).sms().send(&hello()).await.expect("sent");
    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0]
            .headers
            .get("content-type")
            .map(|v| v.as_bytes()),
        Some(&b"application/json"[..])
    );
}

#[tokio::test]
async fn schedule_sends_whole_unix_seconds() {
    let server = MockServer::start().await;
    let at = Utc::now() + TimeDelta::hours(2) + TimeDelta::milliseconds(456);
    Mock::given(method("POST"))
        .and(path("/v2/sessions/sms"))
        .and(body_json(json!({
            "smsId": "s0", "message": "Hello", "recipient": "+4915739777777",
            "sendAt": at.timestamp()
        })))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    SmsClient::new(&client(&server))
        .schedule(&hello(), at)
        .await
        .expect("scheduled");
    let body = json_body(&received(&server).await[0]);
    assert!(
        body["sendAt"].is_i64(),
        "an integer, not {}",
        body["sendAt"]
    );
}

#[tokio::test]
async fn schedule_accepts_29_days_ahead() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions/sms"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let at = Utc::now() + TimeDelta::days(29);
    client(&server)
        .sms()
        .schedule(&hello(), at)
        .await
        .expect("scheduled");
}

#[tokio::test]
async fn schedule_outside_the_window_sends_nothing() {
    let server = MockServer::start().await;
    let sms = client(&server).sms();
    for (at, rule) in [
        (Utc::now() - TimeDelta::minutes(1), "past"),
        (
            Utc::now() + TimeDelta::days(30) + TimeDelta::minutes(1),
            "30 days",
        ),
        (Utc::now() + TimeDelta::days(365), "30 days"),
    ] {
        for message in [
            hello(),
            ShortMessage::from_number("+4915799912345", "+4915739777777", "Hi"),
        ] {
            let error = sms.schedule(&message, at).await.expect_err("outside");
            assert_eq!(error.invalid_field(), Some("send_at"));
            assert!(error.to_string().contains(rule), "{error}");
        }
    }
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn invalid_messages_send_nothing() {
    let server = MockServer::start().await;
    let sms = client(&server).sms();
    let cases = [
        (
            ShortMessage::via_extension(SmsExtensionId::new("p0"), "+4915739777777", "Hi"),
            "sms_id",
        ),
        (
            ShortMessage::via_extension(SmsExtensionId::new("s01"), "+4915739777777", "Hi"),
            "sms_id",
        ),
        (
            ShortMessage::via_extension(SmsExtensionId::new(""), "+4915739777777", "Hi"),
            "sms_id",
        ),
        (
            ShortMessage::via_extension(SmsExtensionId::new("s0"), "015739777777", "Hi"),
            "to",
        ),
        (
            ShortMessage::via_extension(SmsExtensionId::new("s0"), "", "Hi"),
            "to",
        ),
        (
            ShortMessage::via_extension(SmsExtensionId::new("s0"), "+4915739777777", ""),
            "message",
        ),
        (
            ShortMessage::via_extension(SmsExtensionId::new("s0"), "+4915739777777", "  "),
            "message",
        ),
        // The sender-number path is checked as thoroughly (Node checks neither to nor message).
        (
            ShortMessage::from_number("sipgate", "+4915739777777", "Hi"),
            "from",
        ),
        (
            ShortMessage::from_number("", "+4915739777777", "Hi"),
            "from",
        ),
        (
            ShortMessage::from_number("+4915799912345", "0157", "Hi"),
            "to",
        ),
        (
            ShortMessage::from_number("+4915799912345", "+4915739777777", ""),
            "message",
        ),
        (
            ShortMessage::new(Sender::PhoneNumber("+49".into()), "+4915739777777", "Hi"),
            "from",
        ),
    ];
    for (message, field) in cases {
        let error = sms.send(&message).await.expect_err("invalid");
        assert_eq!(error.invalid_field(), Some(field), "{message:?}: {error}");
        let error = sms
            .schedule(&message, Utc::now() + TimeDelta::hours(1))
            .await
            .expect_err("invalid");
        assert_eq!(error.invalid_field(), Some(field), "{message:?}: {error}");
    }
    assert!(received(&server).await.is_empty());
}

async fn send_failing_with(status: u16) -> Error {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions/sms"))
        .respond_with(
            ResponseTemplate::new(status).set_body_json(json!({"message": "server says no"})),
        )
        .mount(&server)
        .await;
    client(&server)
        .sms()
        .send(&hello())
        .await
        .expect_err("fails")
}

#[tokio::test]
async fn error_statuses_carry_the_sms_meaning() {
    for (status, variant, meaning) in [
        (400, "Api", "SMS was rejected"),
        (401, "Unauthorized", "server says no"),
        (402, "PaymentRequired", "insufficient funds"),
        (
            403,
            "Forbidden",
            "invalid SMS extension or sender not allowed",
        ),
        (500, "Api", "server says no"),
    ] {
        let error = send_failing_with(status).await;
        assert_eq!(error.status(), Some(status));
        assert!(format!("{error:?}").starts_with(variant), "{error:?}");
        let text = error.to_string();
        assert!(
            text.contains(meaning) && text.contains("server says no"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn a_failed_send_is_not_retried() {
    // POST has no idempotency key: a 500 or 503 must not send the SMS twice.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions/sms"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .sms()
        .send(&hello())
        .await
        .expect_err("fails");
}

#[test]
fn futures_and_clients_can_move_between_threads() {
    fn assert_send<T: Send>(_: &T) {}
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<SmsClient>();
    let server_less = sipgateio_core::Client::builder()
        .oauth_token("t")
        .build()
        .expect("valid");
    let sms = server_less.sms();
    let message = hello();
    assert_send(&sms.send(&message));
    assert_send(&sms.schedule(&message, Utc::now()));
    let (user, s0) = (WebuserId::new("w0"), SmsExtensionId::new("s0"));
    assert_send(&sms.list_caller_ids_of(&user, &s0));
    assert_send(&sms.list_caller_ids(&s0));
}

#[test]
fn the_sms_client_debug_hides_the_credentials() {
    sipgateio_test_support::secrets::assert_debug_hides_credentials(|client| client.sms());
}
