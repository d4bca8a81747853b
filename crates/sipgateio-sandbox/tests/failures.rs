//! Failures on demand over plain HTTP: every row of the reserved test numbers' table
//! (`sipgateio_sandbox::failures`), with the status, the error body, `Retry-After`, and
//! nothing stored.

mod common;

use std::time::Duration;

use common::{Api, detail, pdf_base64};
use serde_json::json;
use sipgateio_sandbox::failures::{
    BUSY, FAX_FAILS, FORBIDDEN, NO_ANSWER, NOT_FOUND, PAYMENT_REQUIRED, RATE_LIMITED, SERVER_ERROR,
    SLOW, UNAVAILABLE,
};
use sipgateio_sandbox::{CallScenario, SandboxConfig};

const STATUS_NUMBERS: [(&str, u16); 6] = [
    (PAYMENT_REQUIRED, 402),
    (FORBIDDEN, 403),
    (NOT_FOUND, 404),
    (RATE_LIMITED, 429),
    (SERVER_ERROR, 500),
    (UNAVAILABLE, 503),
];

fn sms_to(recipient: &str) -> serde_json::Value {
    json!({"smsId": "s0", "recipient": recipient, "message": "hello"})
}

#[tokio::test]
async fn each_status_number_fails_an_sms_with_its_status_and_sends_nothing() {
    let api = Api::new().await;
    let history = api.sandbox.history().len();
    for (number, status) in STATUS_NUMBERS {
        let answer = api.post("/sessions/sms", sms_to(number)).await;
        assert_eq!(answer.status, status, "{number}: {}", answer.text);
        assert_eq!(
            answer.json["errors"][0]["status"], status,
            "{}",
            answer.text
        );
        assert!(detail(&answer.json).contains(number), "{}", answer.text);
        let retry_after = api
            .http
            .post(api.url("/sessions/sms"))
            .basic_auth(api.sandbox.token_id(), Some(api.sandbox.token()))
            .json(&sms_to(number))
            .send()
            .await
            .expect("sent")
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap_or_default().to_owned());
        if status == 429 {
            assert_eq!(retry_after.as_deref(), Some("1"));
        } else {
            assert_eq!(retry_after, None, "{number}");
        }
    }
    assert!(api.sandbox.sent_sms().is_empty());
    assert_eq!(api.sandbox.history().len(), history);
    // The payment number reads like sipgate's 402.
    let paid = api.post("/sessions/sms", sms_to(PAYMENT_REQUIRED)).await;
    assert!(detail(&paid.json).starts_with("Insufficient funds"));
}

#[tokio::test]
async fn status_numbers_work_in_any_spelling_endpoint_query_and_path() {
    let api = Api::new().await;
    // A fax, a call, a caller id, a transfer: any JSON string.
    let fax = json!({"faxlineId": "f0", "recipient": "+49 157 0000-0402", "filename": "a.pdf", "base64Content": pdf_base64()});
    assert_eq!(api.post("/sessions/fax", fax).await.status, 402);
    let call = json!({"caller": "e0", "callee": "4915700000503"});
    assert_eq!(api.post("/sessions/calls", call).await.status, 503);
    let caller_id = json!({"phonenumber": FORBIDDEN});
    assert_eq!(
        api.post("/w0/sms/s0/callerids", caller_id).await.status,
        403
    );
    // A query value and a path segment (an id endpoint takes the number's digits).
    assert_eq!(
        api.get("/contacts?phonenumbers=%2B4915700000429")
            .await
            .status,
        429
    );
    assert_eq!(api.get("/history/4915700000500").await.status, 500);
    assert_eq!(
        api.delete("/blacklist/incoming/%2B4915700000404")
            .await
            .status,
        404
    );
    assert!(api.sandbox.faxes().is_empty());
    assert!(api.sandbox.initiated_calls().is_empty());
    assert_eq!(api.sandbox.sms_caller_ids("s0").len(), 3);
    // Free text is no number; other numbers pass.
    let text =
        json!({"smsId": "s0", "recipient": "+4915739777777", "message": "call +4915700000402"});
    assert_eq!(api.post("/sessions/sms", text).await.status, 204);
}

#[tokio::test]
async fn credentials_are_checked_first_and_the_simulator_is_not_affected() {
    let api = Api::new().await;
    let anonymous = api
        .http
        .post(api.url("/sessions/sms"))
        .json(&sms_to(PAYMENT_REQUIRED))
        .send()
        .await
        .expect("sent");
    assert_eq!(anonymous.status(), 401);
    // A simulated call from a test number is just a call.
    let scenario = CallScenario::incoming(PAYMENT_REQUIRED, "+4921100000000");
    let error = api
        .sandbox
        .simulate_call(scenario)
        .await
        .expect_err("no URL");
    assert!(error.to_string().contains("no webhook URL"), "{error}");
}

#[tokio::test]
async fn the_slow_number_answers_normally_after_the_delay() {
    let api = Api::with(SandboxConfig::default().slow_answer(Duration::from_millis(200))).await;
    let answer = api.post("/sessions/sms", sms_to(SLOW)).await;
    assert_eq!(answer.status, 204, "{}", answer.text);
    assert_eq!(api.sandbox.sent_sms().len(), 1);
}

#[tokio::test]
async fn the_slow_number_outlasts_a_short_client_timeout() {
    // Default delay (5 s) against a 100 ms client timeout: the client gives up.
    let api = Api::new().await;
    let result = api
        .http
        .post(api.url("/sessions/sms"))
        .basic_auth(api.sandbox.token_id(), Some(api.sandbox.token()))
        .json(&sms_to(SLOW))
        .timeout(Duration::from_millis(100))
        .send()
        .await;
    assert!(result.is_err_and(|e| e.is_timeout()));
}

#[tokio::test]
async fn the_failing_fax_number_is_accepted_then_fails() {
    let api = Api::new().await;
    let fax = json!({"faxlineId": "f0", "recipient": FAX_FAILS, "filename": "a.pdf", "base64Content": pdf_base64()});
    let sent = api.post("/sessions/fax", fax).await;
    assert_eq!(sent.status, 200, "{}", sent.text);
    let id = sent.json["sessionId"]
        .as_str()
        .expect("session id")
        .to_owned();
    let mut status = String::new();
    for _ in 0..3 {
        status = api.get(&format!("/history/{id}")).await.json["faxStatusType"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
    }
    assert_eq!(status, "FAILED");
}

#[tokio::test]
async fn click_to_dial_to_the_busy_and_unanswered_numbers_fails_the_call() {
    let api = Api::new().await;
    for (number, status, call_status) in [(BUSY, "BUSY", "BUSY"), (NO_ANSWER, "NOPICKUP", "MISSED")]
    {
        let call = json!({"caller": "e0", "callee": number});
        let placed = api.post("/sessions/calls", call).await;
        assert_eq!(placed.status, 200, "{}", placed.text);
        let session = placed.json["sessionId"]
            .as_str()
            .expect("session id")
            .to_owned();
        let entry = api
            .sandbox
            .history()
            .into_iter()
            .find(|e| e.call_id.as_deref() == Some(session.as_str()))
            .expect("history entry");
        assert_eq!(entry.status, status);
        assert_eq!(entry.call_status.as_deref(), Some(call_status));
        assert_eq!(entry.direction, "MISSED_OUTGOING");
        // Never established: RTCM does not know it.
        assert_eq!(api.delete(&format!("/calls/{session}")).await.status, 404);
    }
    assert_eq!(api.get("/calls").await.json["data"], json!([]));
}

#[tokio::test]
async fn simulated_calls_to_the_busy_and_unanswered_numbers() {
    let api = Api::new().await;
    let app = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", app.local_addr().expect("addr"));
    let url = format!("{base}/hook");
    // Press 1: the app dials the busy number; anything else: the unanswered one.
    let on_data = url.clone();
    let hook = move |body: String| {
        let on_data = on_data.clone();
        async move {
            let xml = if body.contains("event=newCall") {
                format!("<Response><Gather onData=\"{on_data}\" maxDigits=\"1\"/></Response>")
            } else {
                let target = if body.contains("dtmf=1") {
                    BUSY
                } else {
                    NO_ANSWER
                };
                format!("<Response><Dial><Number>{target}</Number></Dial></Response>")
            };
            ([("content-type", "application/xml")], xml)
        }
    };
    let router = axum::Router::new()
        .route("/hook", axum::routing::post(hook))
        .route(
            "/empty",
            axum::routing::post(|| async {
                ([("content-type", "application/xml")], "<Response/>")
            }),
        );
    tokio::spawn(async move {
        let _ = axum::serve(app, router).await;
    });
    for (digit, cause) in [("1", "busy"), ("2", "noAnswer")] {
        let transcript = api
            .sandbox
            .simulate_call(
                CallScenario::incoming("+4915790000001", "+4921100000000")
                    .webhook_url(url.clone())
                    .digits([digit]),
            )
            .await
            .expect("simulated");
        assert_eq!(transcript.hangup_cause, cause);
        assert_eq!(transcript.answered_by, None);
    }
    // An outgoing call to the busy number that the app lets proceed.
    let transcript = api
        .sandbox
        .simulate_call(
            CallScenario::outgoing("+4921100000000", BUSY).webhook_url(format!("{base}/empty")),
        )
        .await
        .expect("simulated");
    assert_eq!(transcript.hangup_cause, "busy");
}
