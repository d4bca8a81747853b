//! The call-flow simulator against a tiny axum webhook app: signed form bodies, following
//! Gather → dtmf → Dial → answer → hangup, Reject, Hangup, voicemail, RTCM during a call.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use common::Api;
use serde_json::json;
use sipgateio_sandbox::{
    Action, CallScenario, PUBLIC_KEY_PEM, SimulationError, WebhookSettings, verify_signature,
};
use sipgateio_test_support::{serve, webhook};

/// How long a call that only RTCM can end may run before the test fails: a hang guard, not a
/// speed assertion (the call ends in milliseconds when the hang-up works).
const HANG_GUARD: Duration = Duration::from_secs(60);

/// One request the app received: form fields, signature header, content type.
type Received = (Vec<(String, String)>, Option<String>, Option<String>);

#[derive(Clone)]
struct App {
    url: String,
    seen: Arc<Mutex<Vec<Received>>>,
}

/// The IVR under test: press 1 to reach Alan, 2 to hang up, 3 for the voicemail, 4 to hear a
/// message, anything else is rejected as busy; answer and hangup are subscribed.
async fn hook(
    State(app): State<App>,
    headers: HeaderMap,
    body: Bytes,
) -> ([(&'static str, &'static str); 1], String) {
    let fields: Vec<(String, String)> = form_urlencoded::parse(&body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    app.seen.lock().expect("lock").push((
        fields.clone(),
        header("x-sipgate-signature"),
        header("content-type"),
    ));
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let subscribe = format!(r#"onAnswer="{0}" onHangup="{0}""#, app.url);
    let xml = match field("event").as_str() {
        "newCall" if field("to") == "4921100000001" => format!(r#"<Response {subscribe}><Reject reason="busy"/></Response>"#),
        "newCall" => format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Response {subscribe}><Gather onData="{}" maxDigits="1" timeout="3000"><Play><Url>https://example.com/menu.wav</Url></Play></Gather></Response>"#,
            app.url
        ),
        "dtmf" => match field("dtmf").as_str() {
            "1" => "<Response><Dial><Number>+4921100000001</Number><Number>+4940987654321</Number></Dial></Response>".to_owned(),
            "2" => "<Response><Hangup/></Response>".to_owned(),
            "3" => "<Response><Dial><Voicemail/></Dial></Response>".to_owned(),
            "4" => "<Response><Play><Url>https://example.com/bye.wav</Url></Play></Response>".to_owned(),
            "5" => "<Response><Dial anonymous=\"undefined\"><Number>1</Number></Dial></Response>".to_owned(),
            _ => "<Response><Reject reason=\"busy\"/></Response>".to_owned(),
        },
        _ => "<Response/>".to_owned(),
    };
    ([("content-type", "application/xml")], xml)
}

async fn webhook_app() -> App {
    let listener = serve::listener().await;
    let url = format!("http://{}/hook", listener.local_addr().expect("addr"));
    let app = App {
        url,
        seen: Arc::default(),
    };
    let router = Router::new()
        .route("/hook", post(hook))
        .with_state(app.clone());
    tokio::spawn(async move {
        axum::serve(listener, router)
            .await
            .expect("webhook app serves");
    });
    app
}

/// Checks a signature with a verifier written apart from the sandbox's own.
fn independent_verify(body: &[u8], signature: &str) -> bool {
    webhook::verify(PUBLIC_KEY_PEM, body, signature)
}

#[tokio::test]
async fn gather_dtmf_dial_answer_hangup() {
    let api = Api::new().await;
    let app = webhook_app().await;
    let transcript = api
        .sandbox
        .simulate_call(
            CallScenario::incoming("+4915790000001", "+4921100000000")
                .webhook_url(app.url.clone())
                .digits(["1"])
                .answered_by("+4921100000001"),
        )
        .await
        .expect("simulated");

    assert_eq!(transcript.events(), ["newCall", "dtmf", "answer", "hangup"]);
    assert_eq!(transcript.answered_by.as_deref(), Some("+4921100000001"));
    assert_eq!(transcript.hangup_cause, "normalClearing");
    assert_eq!(transcript.played, ["https://example.com/menu.wav"]);
    assert!(transcript.pushed);

    let new_call = transcript.step("newCall").expect("newCall");
    assert_eq!(
        new_call.fields(),
        [
            ("event", "newCall"),
            ("direction", "in"),
            ("from", "4915790000001"),
            ("to", "4921100000000"),
            ("callId", transcript.call_id.as_str()),
            ("origCallId", transcript.call_id.as_str()),
            ("user[]", "Ada Lovelace"),
            ("userId[]", "w0"),
            ("fullUserId[]", "1234567w0"),
            ("xcid", new_call.field("xcid").unwrap_or_default().as_str()),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    assert!(
        new_call.body.contains("user%5B%5D=Ada+Lovelace"),
        "{}",
        new_call.body
    );
    assert!(matches!(
        new_call.action(),
        Some(Action::Gather {
            max_digits: 1,
            timeout_ms: 3000,
            ..
        })
    ));
    assert_eq!(new_call.status, Some(200));

    let dtmf = transcript.step("dtmf").expect("dtmf");
    assert_eq!(dtmf.field("dtmf").as_deref(), Some("1"));
    assert_eq!(dtmf.field("callId"), Some(transcript.call_id.clone()));
    assert_eq!(dtmf.url, app.url);
    let answer = transcript.step("answer").expect("answer");
    assert_eq!(
        answer.field("answeringNumber").as_deref(),
        Some("4921100000001")
    );
    assert_eq!(answer.field("user").as_deref(), Some("Alan Turing"));
    assert_eq!(answer.field("userId").as_deref(), Some("w1"));
    let hangup = transcript.step("hangup").expect("hangup");
    assert_eq!(hangup.field("cause").as_deref(), Some("normalClearing"));
    assert_eq!(
        hangup.field("answeringNumber").as_deref(),
        Some("4921100000001")
    );

    // What the app received is exactly what the transcript says, and every body is signed
    // with the sandbox's published key.
    let seen = app.seen.lock().expect("lock").clone();
    assert_eq!(seen.len(), 4);
    for (step, (fields, signature, content_type)) in transcript.steps.iter().zip(&seen) {
        assert_eq!(&step.fields(), fields);
        let signature = signature.as_deref().expect("signed");
        assert_eq!(signature, step.signature);
        assert!(verify_signature(step.body.as_bytes(), signature));
        assert!(independent_verify(step.body.as_bytes(), signature));
        assert!(!independent_verify(
            format!("{}x", step.body).as_bytes(),
            signature
        ));
        assert_eq!(
            content_type.as_deref(),
            Some("application/x-www-form-urlencoded; charset=UTF-8")
        );
    }

    // The call is in the history and no longer established.
    let history = api
        .get("/history?types=CALL&directions=INCOMING&limit=1")
        .await;
    assert_eq!(
        history.json["items"][0]["callId"],
        transcript.call_id.as_str()
    );
    assert_eq!(history.json["items"][0]["source"], "+4915790000001");
    assert!(
        api.get("/calls").await.json["data"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
}

#[tokio::test]
async fn other_ivr_branches() {
    let api = Api::new().await;
    let app = webhook_app().await;
    let run = |digits: &'static str| {
        let scenario = CallScenario::incoming("+4915790000001", "+4921100000000")
            .webhook_url(app.url.clone())
            .digits([digits]);
        let sandbox = &api.sandbox;
        async move { sandbox.simulate_call(scenario).await.expect("simulated") }
    };

    let hangup = run("2").await;
    assert_eq!(hangup.events(), ["newCall", "dtmf", "hangup"]);
    assert_eq!(hangup.hangup_cause, "normalClearing");
    assert_eq!(hangup.answered_by, None);

    let voicemail = run("3").await;
    assert!(voicemail.voicemail);
    assert_eq!(voicemail.events(), ["newCall", "dtmf", "answer", "hangup"]);
    assert_eq!(
        voicemail
            .step("answer")
            .and_then(|s| s.field("user"))
            .as_deref(),
        Some("")
    );
    assert_eq!(
        api.get("/history?types=VOICEMAIL&limit=1").await.json["items"][0]["source"],
        "+4915790000001"
    );

    let rejected = run("9").await;
    assert_eq!(rejected.events(), ["newCall", "dtmf", "hangup"]);
    assert_eq!(rejected.rejected.as_deref(), Some("busy"));
    assert_eq!(rejected.hangup_cause, "busy");

    // Play, then the call proceeds normally: it rings at the dialled number.
    let played = run("4").await;
    assert_eq!(
        played.played,
        [
            "https://example.com/menu.wav",
            "https://example.com/bye.wav"
        ]
    );
    assert_eq!(played.answered_by.as_deref(), Some("+4921100000000"));

    // An invalid answer is ignored like sipgate does — the call proceeds normally — but the
    // simulation fails loudly: the app must not ship it.
    let scenario = CallScenario::incoming("+4915790000001", "+4921100000000")
        .webhook_url(app.url.clone())
        .digits(["5"]);
    let error = api
        .sandbox
        .simulate_call(scenario)
        .await
        .expect_err("an invalid XML answer fails the simulation");
    assert!(
        error
            .to_string()
            .starts_with("your app failed 1 of 4 webhook(s): dtmf to http://"),
        "{error}"
    );
    let invalid = error.transcript().expect("the transcript").clone();
    assert!(invalid.failed());
    assert_eq!(
        invalid
            .failures()
            .map(|s| s.event.as_str())
            .collect::<Vec<_>>(),
        ["dtmf"]
    );
    let step = invalid.step("dtmf").expect("dtmf");
    assert!(
        step.error
            .as_deref()
            .is_some_and(|e| e.contains("anonymous")),
        "{:?}",
        step.error
    );
    assert_eq!(invalid.answered_by.as_deref(), Some("+4921100000000"));

    // No digits typed: dtmf is posted empty.
    let silent = api
        .sandbox
        .simulate_call(
            CallScenario::incoming("+4915790000001", "+4921100000000").webhook_url(app.url.clone()),
        )
        .await
        .expect("simulated");
    assert_eq!(
        silent.step("dtmf").and_then(|s| s.field("dtmf")).as_deref(),
        Some("")
    );
    assert_eq!(silent.rejected.as_deref(), Some("busy"));

    // Rejected right away (calls to Alan's line); the history records it.
    let busy = api
        .sandbox
        .simulate_call(
            CallScenario::incoming("anonymous", "+4921100000001").webhook_url(app.url.clone()),
        )
        .await
        .expect("simulated");
    assert_eq!(busy.events(), ["newCall", "hangup"]);
    assert_eq!(
        busy.step("newCall")
            .and_then(|s| s.field("from"))
            .as_deref(),
        Some("anonymous")
    );
    assert_eq!(busy.hangup_cause, "busy");
    let entry = api.get("/history?directions=MISSED_INCOMING&limit=1").await;
    assert_eq!(entry.json["items"][0]["callId"], busy.call_id.as_str());
    assert_eq!(entry.json["items"][0]["callStatus"], "REJECTED");
}

#[tokio::test]
async fn nobody_answers_or_the_line_is_busy() {
    let api = Api::new().await;
    let app = webhook_app().await;
    let base = CallScenario::incoming("+4915790000001", "+4921100000000")
        .webhook_url(app.url.clone())
        .digits(["1"]);

    let unanswered = api
        .sandbox
        .simulate_call(base.clone().not_answered())
        .await
        .expect("simulated");
    assert_eq!(unanswered.events(), ["newCall", "dtmf", "hangup"]);
    assert_eq!(unanswered.hangup_cause, "noAnswer");

    let busy = api
        .sandbox
        .simulate_call(base.clone().busy())
        .await
        .expect("simulated");
    assert_eq!(busy.hangup_cause, "busy");

    // A number that is not dialled never answers.
    let elsewhere = api
        .sandbox
        .simulate_call(base.answered_by("+4930000000"))
        .await
        .expect("simulated");
    assert_eq!(elsewhere.hangup_cause, "noAnswer");
    assert_eq!(elsewhere.answered_by, None);
}

#[tokio::test]
async fn rtcm_can_hang_up_a_simulated_call() {
    let api = Api::new().await;
    let app = webhook_app().await;
    let scenario = CallScenario::incoming("+4915790000001", "+4921100000000")
        .webhook_url(app.url.clone())
        .digits(["1"])
        // The caller would stay an hour: only the RTCM hang-up below can end the call.
        .talk_time(Duration::from_secs(3600));
    let hang_up = async {
        for _ in 0..200 {
            let calls = api.get("/calls").await.json;
            if let Some(id) = calls["data"][0]["callId"].as_str() {
                let participants = calls["data"][0]["participants"].clone();
                assert_eq!(
                    api.put(&format!("/calls/{id}/hold"), json!({"value": true}))
                        .await
                        .status,
                    204
                );
                assert_eq!(api.delete(&format!("/calls/{id}")).await.status, 204);
                return Some((id.to_owned(), participants));
            }
            // The call runs over real sockets (sandbox ↔ webhook app), so the clock cannot
            // be paused: look every 10 ms, at most 200 times.
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        None
    };
    // Without the RTCM hang-up the test fails at HANG_GUARD instead of waiting an hour.
    let (transcript, hung_up) = tokio::time::timeout(HANG_GUARD, async {
        tokio::join!(api.sandbox.simulate_call(scenario), hang_up)
    })
    .await
    .expect("the RTCM hang-up ended the call");
    let transcript = transcript.expect("simulated");
    let (id, participants) = hung_up.expect("the call was established");
    assert_eq!(id, transcript.call_id);
    assert_eq!(participants[0]["phoneNumber"], "+4921100000000");
    assert_eq!(participants[1]["phoneNumber"], "+4915790000001");
    assert_eq!(transcript.hangup_cause, "normalClearing");
    assert_eq!(transcript.events().last(), Some(&"hangup"));
    let call = api
        .sandbox
        .calls()
        .into_iter()
        .find(|c| c.call_id == id)
        .expect("call");
    assert!(call.hold);
}

#[tokio::test]
async fn webhook_url_comes_from_the_settings_and_the_whitelist_applies() {
    let api = Api::new().await;
    let app = webhook_app().await;
    let scenario = CallScenario::incoming("+4915790000001", "+4921100000000").digits(["2"]);
    assert!(matches!(
        api.sandbox.simulate_call(scenario.clone()).await,
        Err(SimulationError::NoWebhookUrl)
    ));

    let settings =
        json!({"incomingUrl": app.url, "outgoingUrl": "", "log": false, "whitelist": null});
    assert_eq!(api.put("/settings/sipgateio", settings).await.status, 204);
    let pushed = api
        .sandbox
        .simulate_call(scenario.clone())
        .await
        .expect("simulated");
    assert_eq!(pushed.events(), ["newCall", "dtmf", "hangup"]);

    // Outgoing calls use the outgoing URL, which is empty.
    let outgoing = CallScenario::outgoing("+4921100000000", "+4915790000001");
    assert!(matches!(
        api.sandbox.simulate_call(outgoing).await,
        Err(SimulationError::NoWebhookUrl)
    ));

    // The whitelist excludes p0: no pushes, the call rings normally.
    let mut whitelisted = WebhookSettings::default();
    whitelisted.incoming_url = app.url.clone();
    whitelisted.whitelist = Some(vec!["p1".to_owned()]);
    api.sandbox.set_webhook_settings(whitelisted);
    let silent = api
        .sandbox
        .simulate_call(scenario.clone())
        .await
        .expect("simulated");
    assert!(!silent.pushed);
    assert!(silent.steps.is_empty());
    assert_eq!(silent.answered_by.as_deref(), Some("+4921100000000"));

    api.sandbox.set_sipgateio_booked(false);
    let unbooked = api
        .sandbox
        .simulate_call(scenario.webhook_url(app.url.clone()))
        .await
        .expect("simulated");
    assert!(!unbooked.pushed);

    let invalid = api
        .sandbox
        .simulate_call(CallScenario::incoming("me", "+4921100000000").webhook_url(app.url.clone()))
        .await;
    assert!(matches!(invalid, Err(SimulationError::InvalidScenario(m)) if m.contains("from")));
}

/// The call goes on as sipgate would carry it on without the app, but the simulation is an
/// error that carries the transcript: a broken app cannot pass unnoticed.
#[tokio::test]
async fn broken_webhooks_are_ignored_like_sipgate_does_and_fail_the_simulation() {
    let api = Api::new().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let router = Router::new()
        .route("/text", post(|| async { "<Response><Hangup/></Response>" }))
        .route(
            "/error",
            post(|| async { (axum::http::StatusCode::INTERNAL_SERVER_ERROR, "boom") }),
        )
        .route(
            "/broken-xml",
            post(|| async { ([("content-type", "application/xml")], "<Response><Dial>") }),
        )
        .route(
            "/no-content",
            post(|| async { axum::http::StatusCode::NO_CONTENT }),
        );
    tokio::spawn(async move {
        axum::serve(listener, router).await.expect("serves");
    });
    for (path, needle) in [
        ("/text", "content type"),
        ("/error", "HTTP 500"),
        ("/missing", "HTTP 404"),
        ("/broken-xml", "invalid XML"),
    ] {
        let error = api
            .sandbox
            .simulate_call(
                CallScenario::incoming("+4915790000001", "+4921100000000")
                    .webhook_url(format!("{base}{path}")),
            )
            .await
            .expect_err(path);
        assert!(
            matches!(&error, SimulationError::AppFailed(_)),
            "{path}: {error:?}"
        );
        assert!(error.to_string().contains(needle), "{path}: {error}");
        let transcript = error.transcript().expect("transcript");
        let step = transcript.step("newCall").expect("newCall");
        assert!(step.failed, "{path}");
        assert!(
            step.error.as_deref().is_some_and(|e| e.contains(needle)),
            "{path}: {:?}",
            step.error
        );
        assert_eq!(
            transcript.answered_by.as_deref(),
            Some("+4921100000000"),
            "{path}"
        );
    }
    let unreachable = api
        .sandbox
        .simulate_call(
            CallScenario::incoming("+4915790000001", "+4921100000000")
                .webhook_url("http://127.0.0.1:9/hook"),
        )
        .await
        .expect_err("nothing listens");
    let unreachable = unreachable.transcript().expect("transcript");
    assert!(unreachable.steps[0].status.is_none());
    assert!(unreachable.steps[0].error.is_some());
    assert!(unreachable.steps[0].failed);

    // A 2xx without a body is no failure (the call proceeds normally), though sipgate
    // ignores it.
    let empty = api
        .sandbox
        .simulate_call(
            CallScenario::incoming("+4915790000001", "+4921100000000")
                .webhook_url(format!("{base}/no-content")),
        )
        .await
        .expect("a 204 is not a failure");
    assert!(!empty.failed());
    assert_eq!(empty.answered_by.as_deref(), Some("+4921100000000"));
}

/// Over HTTP a failed app is a 502 whose body is the transcript plus sipgate's `errors`.
#[tokio::test]
async fn a_failed_app_is_a_502_over_http() {
    let api = Api::new().await;
    let scenario = json!({"from": "+4915790000001", "to": "+4921100000000", "webhookUrl": "http://127.0.0.1:9/hook"});
    let response = api
        .http
        .post(api.sandbox.simulate_url())
        .basic_auth(api.sandbox.token_id(), Some(api.sandbox.token()))
        .json(&scenario)
        .send()
        .await
        .expect("sent");
    let answer = Api::answer(response).await;
    assert_eq!(answer.status, 502, "{}", answer.text);
    assert!(
        common::detail(&answer.json).starts_with(
            "your app failed 1 of 1 webhook(s): newCall to http://127.0.0.1:9/hook: request failed"
        ),
        "{}",
        answer.text
    );
    assert_eq!(answer.json["steps"][0]["failed"], true);
    assert_eq!(answer.json["answeredBy"], "+4921100000000");
}

#[tokio::test]
async fn simulate_over_http() {
    let api = Api::new().await;
    let app = webhook_app().await;
    let scenario = json!({"from": "+4915790000001", "to": "+4921100000000", "webhookUrl": app.url, "dtmf": ["1"], "answeredBy": "+4940987654321", "talkTime": 0});
    let response = api
        .http
        .post(api.sandbox.simulate_url())
        .basic_auth(api.sandbox.token_id(), Some(api.sandbox.token()))
        .json(&scenario)
        .send()
        .await
        .expect("sent");
    let answer = Api::answer(response).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(answer.json["answeredBy"], "+4940987654321");
    assert_eq!(answer.json["steps"].as_array().map(Vec::len), Some(4));
    assert_eq!(answer.json["steps"][1]["answer"]["action"]["verb"], "dial");

    let anonymous = api
        .http
        .post(api.sandbox.simulate_url())
        .json(&scenario)
        .send()
        .await
        .expect("sent");
    assert_eq!(anonymous.status(), 401);
    assert_eq!(
        app.seen.lock().expect("lock").len(),
        4,
        "the unauthenticated request pushed nothing"
    );
}

#[tokio::test]
async fn pushes_appear_in_the_webhook_log_newest_first() {
    let api = Api::new().await;
    assert_eq!(api.get("/log/webhooks").await.json, json!({"items": []}));
    let app = webhook_app().await;
    api.sandbox
        .simulate_call(
            CallScenario::incoming("+4915790000001", "+4921100000000")
                .webhook_url(app.url.clone())
                .digits(["2"]),
        )
        .await
        .expect("simulated");
    let log = api.get("/log/webhooks").await;
    assert_eq!(log.status, 200);
    let items = log.json["items"].as_array().expect("items");
    let events: Vec<String> = items
        .iter()
        .map(|item| {
            let request = item["request"].as_str().expect("request");
            form_urlencoded::parse(request.as_bytes())
                .find(|(key, _)| key == "event")
                .map(|(_, value)| value.into_owned())
                .expect("event field")
        })
        .collect();
    assert_eq!(events, ["hangup", "dtmf", "newCall"], "newest first");
    let new_call = &items[2];
    assert_eq!(new_call["url"], app.url.as_str());
    assert_eq!(new_call["status"], "200");
    assert_eq!(new_call["xmlError"], "");
    assert!(
        new_call["response"]
            .as_str()
            .is_some_and(|r| r.starts_with("HTTP/1.1 200") && r.contains("<Gather")),
        "{new_call}"
    );
    assert!(
        new_call["created"]
            .as_str()
            .is_some_and(|c| c.ends_with('Z'))
    );

    // A broken answer is logged with its error, as sipgate's debug log shows it.
    api.sandbox
        .simulate_call(
            CallScenario::incoming("+4915790000001", "+4921100000000")
                .webhook_url(format!("{}/missing", app.url.trim_end_matches("/hook"))),
        )
        .await
        .expect_err("the app answered 404");
    let latest = &api.get("/log/webhooks").await.json["items"][0];
    assert_eq!(latest["status"], "404");
    assert!(
        latest["xmlError"]
            .as_str()
            .is_some_and(|e| e.contains("HTTP 404")),
        "{latest}"
    );

    api.sandbox.set_sipgateio_booked(false);
    assert_eq!(api.get("/log/webhooks").await.status, 403);
}
