//! IVR scenarios end to end: the sandbox's call simulator plays sipgate and posts signed
//! webhooks to a real `sipgateio-webhook` server, which answers with `sipgateio-xml`.
//! Asserts on the transcript (what sipgate sent and got), on what the app's handlers saw and on
//! the sandbox's state (history, RTCM calls).

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use sipgateio::prelude::*;
use sipgateio::sandbox::{Action, CallScenario, Sandbox, Transcript};
use sipgateio::webhook::{Announcement, PublicKey, WebhookServerBuilder, play_audio_and_hang_up};
use sipgateio_test_support::serve::{self, Served};

const CALLER: &str = "+4915790000001";
const HOTLINE: &str = "+4921100000000";
const COLLEAGUE: &str = "+4921100000001";
const MENU: &str = "https://example.com/menu.wav";
const GOODBYE: &str = "https://example.com/goodbye.wav";
/// How long a call that only the app can end may run before the test fails: a hang guard, not
/// a speed assertion (the call ends in milliseconds when the app works).
const HANG_GUARD: Duration = Duration::from_secs(60);

/// What the app's handlers saw, in order.
type Seen = Arc<Mutex<Vec<String>>>;

/// A webhook server on a random local port; stops when dropped.
struct Hook {
    url: String,
    _served: Served,
}

/// Serves the handlers `handlers` adds, with the sandbox's public key (or sipgate's, when
/// `sandbox_key` is false), and with `answer`/`hangup` handlers that record into `seen`.
async fn serve(
    sandbox_key: bool,
    seen: &Seen,
    handlers: impl FnOnce(WebhookServerBuilder) -> WebhookServerBuilder,
) -> Hook {
    let listener = serve::listener().await;
    // The follow-up URLs point at this listener's port.
    let mut builder = WebhookServer::builder().local_server_address(&listener);
    if sandbox_key {
        let key = PublicKey::from_pem(sipgateio::sandbox::PUBLIC_KEY_PEM).expect("sandbox key");
        builder = builder.public_key(key);
    }
    let (on_answer, on_hangup) = (seen.clone(), seen.clone());
    let server = handlers(builder)
        .on_answer(move |answer: AnswerEvent| {
            let seen = on_answer.clone();
            async move {
                let user = answer.user.unwrap_or_default();
                record(&seen, format!("answer {} {user}", answer.answering_number));
            }
        })
        .on_hangup(move |hangup: HangupEvent| {
            let seen = on_hangup.clone();
            async move { record(&seen, format!("hangup {:?}", hangup.cause)) }
        })
        .build()
        .expect("valid server");
    let url = server
        .server_address()
        .expect("the listener's address")
        .to_owned();
    let served = Served::spawn(listener, |listener, shutdown| {
        server.serve_with_shutdown(listener, shutdown)
    });
    Hook {
        url,
        _served: served,
    }
}

fn record(seen: &Seen, what: String) {
    seen.lock().expect("not poisoned").push(what);
}

fn seen_now(seen: &Seen) -> Vec<String> {
    seen.lock().expect("not poisoned").clone()
}

/// A `newCall` handler that records the call and answers with `answer()`.
fn answering(
    seen: &Seen,
    answer: fn() -> sipgateio::xml::Result<Response>,
) -> impl Fn(NewCallEvent) -> std::future::Ready<sipgateio::xml::Result<Response>> + Send + Sync + 'static
{
    let seen = seen.clone();
    move |call: NewCallEvent| {
        record(&seen, format!("newCall {} {}", call.from, call.to));
        std::future::ready(answer())
    }
}

/// The app's menu: a one-digit gather with a prompt.
fn menu(
    seen: &Seen,
) -> impl Fn(NewCallEvent) -> std::future::Ready<sipgateio::xml::Result<Response>> + Send + Sync + 'static
{
    answering(seen, || {
        Response::gather(Gather::new().max_digits(1).timeout_ms(3000).play(MENU))
    })
}

/// Sends calls to `hook` through the account's webhook settings.
async fn point_settings_at(client: &Client, hook: &Hook) {
    client
        .webhook_settings()
        .set_incoming_url(&hook.url)
        .await
        .expect("settings");
}

/// The newest history entry the simulated call left.
fn last_call(sandbox: &Sandbox) -> sipgateio::sandbox::HistoryEntry {
    sandbox
        .history()
        .into_iter()
        .filter(|e| e.kind == "CALL")
        .max_by_key(|e| e.created)
        .expect("a call in the history")
}

fn assert_all_answered(transcript: &Transcript) {
    for step in &transcript.steps {
        assert_eq!(step.status, Some(200), "{step:?}");
        assert_eq!(step.error, None, "{step:?}");
    }
}

#[tokio::test]
async fn redirect_then_answer_then_hangup() {
    let (sandbox, client) = common::start().await;
    let seen = Seen::default();
    let redirect = answering(&seen, || Response::redirect([COLLEAGUE]));
    let hook = serve(true, &seen, move |server| server.on_new_call(redirect)).await;
    point_settings_at(&client, &hook).await;

    let scenario = CallScenario::incoming(CALLER, HOTLINE)
        .answered_by(COLLEAGUE)
        .talk_time(Duration::from_millis(50));
    let transcript = sandbox.simulate_call(scenario).await.expect("simulated");

    assert!(transcript.pushed);
    assert_eq!(transcript.events(), ["newCall", "answer", "hangup"]);
    assert_all_answered(&transcript);
    assert!(transcript.steps.iter().all(|s| s.url == hook.url));
    let new_call = transcript.step("newCall").expect("newCall");
    let Some(Action::Dial {
        numbers, voicemail, ..
    }) = new_call.action()
    else {
        panic!("a Dial: {new_call:?}");
    };
    assert_eq!(
        (numbers.as_slice(), *voicemail),
        ([COLLEAGUE.to_owned()].as_slice(), false)
    );
    let answer = new_call.answer.as_ref().expect("answer");
    assert_eq!(answer.on_answer.as_deref(), Some(hook.url.as_str()));
    assert_eq!(answer.on_hangup.as_deref(), Some(hook.url.as_str()));
    let answered = transcript.step("answer").expect("answer");
    assert_eq!(
        answered.field("answeringNumber").as_deref(),
        Some("4921100000001")
    );
    assert_eq!(transcript.answered_by.as_deref(), Some(COLLEAGUE));
    assert_eq!(transcript.hangup_cause, "normalClearing");
    assert_eq!(
        transcript
            .step("hangup")
            .and_then(|s| s.field("cause"))
            .as_deref(),
        Some("normalClearing")
    );

    // The app saw the same call, with `+` numbers and the user behind the answering line.
    assert_eq!(
        seen_now(&seen),
        [
            format!("newCall {CALLER} {HOTLINE}"),
            format!("answer {COLLEAGUE} Alan Turing"),
            "hangup NormalClearing".to_owned(),
        ]
    );
    // sipgate's side: an answered incoming call in the history, ended for RTCM.
    let entry = last_call(&sandbox);
    assert_eq!(
        (entry.direction.as_str(), entry.status.as_str()),
        ("INCOMING", "PICKUP")
    );
    assert_eq!(
        (entry.source.as_str(), entry.target.as_str()),
        (CALLER, HOTLINE)
    );
    let call = sandbox
        .calls()
        .into_iter()
        .find(|c| c.call_id == transcript.call_id)
        .expect("the call was established");
    assert_eq!(call.ended.as_deref(), Some("normalClearing"));

    // The webhook debug log (account API) shows the three pushes, newest first.
    let log = client
        .account()
        .list_webhooks_log()
        .await
        .expect("webhook log");
    let log = log.items.expect("items");
    assert_eq!(log.len(), 3);
    assert!(
        log[0]
            .request
            .as_deref()
            .is_some_and(|r| r.contains("event=hangup"))
    );
    assert!(
        log[2]
            .request
            .as_deref()
            .is_some_and(|r| r.contains("event=newCall"))
    );
    assert!(
        log.iter()
            .all(|entry| entry.status.as_deref() == Some("200"))
    );
    assert!(
        log.iter()
            .all(|entry| entry.url.as_deref() == Some(hook.url.as_str()))
    );
}

#[tokio::test]
async fn gather_digits_lead_to_a_second_response() {
    let (sandbox, client) = common::start().await;
    let seen = Seen::default();
    let (new_call, on_data) = (menu(&seen), seen.clone());
    let hook = serve(true, &seen, move |server| {
        server
            .on_new_call(new_call)
            .on_dtmf(move |dtmf: DtmfEvent| {
                record(&on_data, format!("dtmf {}", dtmf.digits));
                async move {
                    match dtmf.digits.as_str() {
                        "1" => Response::redirect([COLLEAGUE]),
                        "9" => Ok(Response::voicemail()),
                        _ => Ok(Response::hang_up()),
                    }
                }
            })
    })
    .await;
    point_settings_at(&client, &hook).await;

    // 9: the second response sends the caller to the voicemail.
    let scenario = CallScenario::incoming(CALLER, HOTLINE).digits(["9"]);
    let transcript = sandbox.simulate_call(scenario).await.expect("simulated");
    assert_eq!(transcript.events(), ["newCall", "dtmf", "answer", "hangup"]);
    assert_all_answered(&transcript);
    let gather = transcript.step("newCall").and_then(|s| s.action()).cloned();
    let Some(Action::Gather {
        on_data,
        max_digits,
        timeout_ms,
        play,
    }) = gather
    else {
        panic!("a Gather: {transcript:?}");
    };
    assert_eq!(
        (on_data.as_str(), max_digits, timeout_ms),
        (hook.url.as_str(), 1, 3000)
    );
    assert_eq!(play.as_deref(), Some(MENU));
    let dtmf = transcript.step("dtmf").expect("dtmf");
    assert_eq!(dtmf.field("dtmf").as_deref(), Some("9"));
    assert!(
        matches!(
            dtmf.action(),
            Some(Action::Dial {
                voicemail: true,
                ..
            })
        ),
        "{dtmf:?}"
    );
    assert!(transcript.voicemail);
    assert_eq!(transcript.played, [MENU]);
    assert_eq!(transcript.answered_by, None);
    assert_eq!(
        seen_now(&seen)[..2],
        [format!("newCall {CALLER} {HOTLINE}"), "dtmf 9".to_owned()]
    );
    assert!(
        sandbox
            .history()
            .iter()
            .any(|e| e.kind == "VOICEMAIL" && e.source == CALLER)
    );

    // No digit typed (the list is used up): the second response hangs up.
    let transcript = sandbox
        .simulate_call(CallScenario::incoming(CALLER, HOTLINE))
        .await
        .expect("simulated");
    assert_eq!(transcript.events(), ["newCall", "dtmf", "hangup"]);
    let dtmf = transcript.step("dtmf").expect("dtmf");
    assert_eq!(dtmf.field("dtmf").as_deref(), Some(""));
    assert_eq!(dtmf.action(), Some(&Action::Hangup));
    assert_eq!(
        (
            transcript.answered_by.as_deref(),
            transcript.hangup_cause.as_str()
        ),
        (None, "normalClearing")
    );
    assert_eq!(last_call(&sandbox).status, "NOPICKUP");
}

#[tokio::test]
async fn play_then_hang_up_through_rtcm() {
    let (sandbox, client) = common::start().await;
    let seen = Seen::default();
    let new_call = menu(&seen);
    let rtcm_client = client.clone();
    let goodbye = Announcement::with_known_duration(GOODBYE, Duration::from_millis(100));
    let hook = serve(true, &seen, move |server| {
        server.on_new_call(new_call).on_dtmf(move |dtmf: DtmfEvent| {
            let (client, goodbye) = (rtcm_client.clone(), goodbye.clone());
            async move { play_audio_and_hang_up(&client, &dtmf.call_id, &goodbye, Duration::ZERO) }
        })
    })
    .await;
    point_settings_at(&client, &hook).await;

    // The caller would stay an hour: only the app's RTCM hang-up after the announcement ends
    // the call (without it, the test fails at HANG_GUARD instead of waiting for the caller).
    let scenario = CallScenario::incoming(CALLER, HOTLINE)
        .digits(["2"])
        .talk_time(Duration::from_secs(3600));
    let transcript = tokio::time::timeout(HANG_GUARD, sandbox.simulate_call(scenario))
        .await
        .expect("the RTCM hang-up ended the call")
        .expect("simulated");
    assert_all_answered(&transcript);
    assert_eq!(transcript.events(), ["newCall", "dtmf", "answer", "hangup"]);
    assert_eq!(
        transcript.step("dtmf").and_then(|s| s.action()),
        Some(&Action::Play {
            url: GOODBYE.to_owned()
        })
    );
    assert_eq!(transcript.played, [MENU, GOODBYE]);
    let call = sandbox
        .calls()
        .into_iter()
        .find(|c| c.call_id == transcript.call_id)
        .expect("established");
    assert!(call.ended.is_some(), "hung up through RTCM: {call:?}");
}

#[tokio::test]
async fn reject_as_busy() {
    let (sandbox, client) = common::start().await;
    let seen = Seen::default();
    let busy = answering(&seen, || Ok(Response::reject(RejectReason::Busy)));
    let hook = serve(true, &seen, move |server| server.on_new_call(busy)).await;
    point_settings_at(&client, &hook).await;

    let transcript = sandbox
        .simulate_call(CallScenario::incoming(CALLER, HOTLINE))
        .await
        .expect("simulated");
    assert_eq!(transcript.events(), ["newCall", "hangup"]);
    assert_all_answered(&transcript);
    assert_eq!(
        transcript.step("newCall").and_then(|s| s.action()),
        Some(&Action::Reject {
            reason: "busy".to_owned()
        })
    );
    assert_eq!(transcript.rejected.as_deref(), Some("busy"));
    assert_eq!(
        (
            transcript.answered_by.as_deref(),
            transcript.hangup_cause.as_str()
        ),
        (None, "busy")
    );
    assert_eq!(
        seen_now(&seen),
        [
            format!("newCall {CALLER} {HOTLINE}"),
            "hangup Busy".to_owned()
        ]
    );
    let entry = last_call(&sandbox);
    assert_eq!(
        (entry.direction.as_str(), entry.status.as_str()),
        ("MISSED_INCOMING", "BUSY")
    );
}

#[tokio::test]
async fn signatures_are_checked() {
    let (sandbox, client) = common::start().await;
    // This server trusts only sipgate's real key: the sandbox's signatures are refused.
    let seen = Seen::default();
    let hang_up = answering(&seen, || Ok(Response::hang_up()));
    let hook = serve(false, &seen, move |server| server.on_new_call(hang_up)).await;
    point_settings_at(&client, &hook).await;
    // The app's 401 fails the simulation loudly; the transcript shows it.
    let error = sandbox
        .simulate_call(CallScenario::incoming(CALLER, HOTLINE))
        .await
        .expect_err("the app refused the push");
    let transcript = error.transcript().expect("the transcript");
    let new_call = transcript.step("newCall").expect("posted");
    assert_eq!(new_call.status, Some(401));
    assert!(new_call.failed);
    assert!(new_call.answer.is_none());
    assert!(seen_now(&seen).is_empty(), "no handler ran");
}
