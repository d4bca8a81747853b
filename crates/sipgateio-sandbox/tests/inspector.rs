//! The inspector over real sockets: the page and its guard, the live feed (server-sent events)
//! with what the REST API and the simulator publish, the dialpad's interactive calls against
//! a tiny webhook app, the fax PDF and the reset.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::routing::post;
use common::{Answer, Api, detail, pdf_base64};
use reqwest::Method;
use serde_json::{Value, json};
use sipgateio_sandbox::{CallScenario, Sandbox, SandboxConfig};

/// The longest a test waits for an event before it fails (a bound, not a timing assertion).
const PATIENCE: Duration = Duration::from_secs(20);

/// A reader of the inspector's server-sent events.
struct Feed {
    response: reqwest::Response,
    buffer: String,
}

/// One server-sent event: its id (if any) and its JSON data.
struct Sse {
    id: Option<String>,
    data: Value,
}

impl Feed {
    async fn open(sandbox: &Sandbox, last_event_id: Option<&str>) -> Self {
        let mut request = reqwest::Client::new().get(format!(
            "{}sandbox/inspector/events",
            sandbox.inspector_url()
        ));
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let response = request.send().await.expect("the feed answers");
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.headers()["content-type"],
            "text/event-stream",
            "server-sent events"
        );
        Self {
            response,
            buffer: String::new(),
        }
    }

    /// The next event, `None` when the stream ended. Keep-alive comments are skipped.
    async fn next(&mut self) -> Option<Sse> {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut id = None;
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(value) = line.strip_prefix("id:") {
                        id = Some(value.trim().to_owned());
                    } else if let Some(value) = line.strip_prefix("data:") {
                        data.push_str(value.trim_start());
                    }
                }
                if data.is_empty() {
                    continue;
                }
                let data = serde_json::from_str(&data).expect("each event is JSON");
                return Some(Sse { id, data });
            }
            let chunk = tokio::time::timeout(PATIENCE, self.response.chunk())
                .await
                .expect("the feed delivers within the test's patience")
                .expect("the feed reads")?;
            self.buffer
                .push_str(std::str::from_utf8(&chunk).expect("UTF-8"));
        }
    }

    /// Skips events until one of `kind` for which `wanted` holds.
    async fn until(&mut self, kind: &str, wanted: impl Fn(&Value) -> bool) -> Sse {
        loop {
            let event = self.next().await.expect("the feed goes on");
            if event.data["type"] == kind && wanted(&event.data) {
                return event;
            }
        }
    }
}

/// A request to an inspector endpoint as the page sends it.
async fn page_post(sandbox: &Sandbox, path: &str, body: Value) -> Answer {
    let response = reqwest::Client::new()
        .post(format!("{}{path}", sandbox.inspector_url()))
        .header("origin", sandbox.inspector_url().trim_end_matches('/'))
        .json(&body)
        .send()
        .await
        .expect("the inspector answers");
    Api::answer(response).await
}

#[tokio::test]
async fn the_page_and_its_assets_are_served_at_the_root() {
    let api = Api::new().await;
    let http = reqwest::Client::new();
    let root = api.sandbox.inspector_url();
    assert_eq!(root, format!("http://{}/", api.sandbox.addr()));

    let page = http.get(&root).send().await.expect("page");
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .expect("ASCII")
        .to_owned();
    assert!(policy.contains("script-src 'self'"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    let html = page.text().await.expect("HTML");
    assert!(html.contains(r#"<script src="/sandbox/inspector/app.js" defer>"#));
    assert!(html.contains(r#"id="keypad""#));

    for (path, content_type, needle) in [
        (
            "sandbox/inspector/app.js",
            "text/javascript; charset=utf-8",
            "EventSource",
        ),
        (
            "sandbox/inspector/style.css",
            "text/css; charset=utf-8",
            ".keypad",
        ),
    ] {
        let asset = http.get(format!("{root}{path}")).send().await.expect(path);
        assert_eq!(asset.status(), 200, "{path}");
        assert_eq!(asset.headers()["content-type"], content_type, "{path}");
        assert!(asset.text().await.expect(path).contains(needle), "{path}");
    }

    // The REST API stays where it was, behind its credentials.
    assert_eq!(api.get("/numbers").await.status, 200);
    let anonymous = http.get(api.url("/numbers")).send().await.expect("API");
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn other_web_pages_are_kept_out() {
    let api = Api::new().await;
    let http = reqwest::Client::new();
    let root = api.sandbox.inspector_url();

    // DNS rebinding: a page of another domain that resolves to 127.0.0.1.
    let rebound = http
        .get(&root)
        .header("host", "attacker.example")
        .send()
        .await
        .expect("answer");
    assert_eq!(rebound.status(), 403);
    let by_name = http
        .get(format!("http://localhost:{}/", api.sandbox.addr().port()))
        .send()
        .await
        .expect("answer");
    assert_eq!(by_name.status(), 200, "localhost is the machine itself");

    // A POST from another origin, or not as JSON, changes nothing.
    let path = format!("{root}sandbox/inspector/reset");
    let foreign = http
        .post(&path)
        .header("origin", "http://attacker.example")
        .json(&json!({}))
        .send()
        .await
        .expect("answer");
    assert_eq!(foreign.status(), 403);
    let form = http
        .post(&path)
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .expect("answer");
    assert_eq!(form.status(), 415);
    let untyped = http.post(&path).body("{}").send().await.expect("answer");
    assert_eq!(untyped.status(), 415);

    // Neither reached the account, nor the feed.
    api.post(
        "/sessions/sms",
        json!({"smsId": "s0", "recipient": "+4915790000002", "message": "kept"}),
    )
    .await;
    let mut feed = Feed::open(&api.sandbox, None).await;
    assert_eq!(feed.next().await.expect("hello").data["type"], "hello");
    assert_eq!(feed.next().await.expect("sms").data["type"], "sms");
    assert_eq!(api.sandbox.sent_sms().len(), 1);
}

#[tokio::test]
async fn the_feed_replays_what_happened_then_streams_live() {
    let api = Api::new().await;
    let sent = api
        .post(
            "/sessions/sms",
            json!({"smsId": "s0", "recipient": "+4915790000002", "message": "Hello <b>there</b>"}),
        )
        .await;
    assert_eq!(sent.status, 204);
    let unauthorized = reqwest::Client::new()
        .get(api.url("/numbers?limit=1"))
        .send()
        .await
        .expect("answer");
    assert_eq!(unauthorized.status(), 401);

    let mut feed = Feed::open(&api.sandbox, None).await;
    let hello = feed.next().await.expect("hello");
    assert_eq!(hello.id, None, "hello is not part of the sequence");
    let instance = hello.data["instance"]
        .as_str()
        .expect("instance")
        .to_owned();

    let sms = feed.next().await.expect("sms");
    assert_eq!(sms.data["type"], "sms");
    assert_eq!(sms.data["smsId"], "s0");
    assert_eq!(sms.data["sender"], "+4921100000000");
    assert_eq!(sms.data["recipient"], "+4915790000002");
    assert_eq!(sms.data["message"], "Hello <b>there</b>");
    assert_eq!(sms.id.as_deref(), Some(format!("{instance}.1").as_str()));

    let request = feed.next().await.expect("request");
    assert_eq!(request.data["type"], "request");
    assert_eq!(request.data["method"], "POST");
    assert_eq!(request.data["path"], "/v2/sessions/sms");
    assert_eq!(request.data["status"], 204);
    let rejected = feed.next().await.expect("request");
    assert_eq!(rejected.data["path"], "/v2/numbers?limit=1");
    assert_eq!(rejected.data["status"], 401);
    assert!(
        !rejected.data.to_string().contains(api.sandbox.token()),
        "no credentials in events"
    );

    // Live: a caller id's verification code and a call changed through RTCM.
    let added = api
        .post(
            "/w0/sms/s0/callerids",
            json!({"phonenumber": "+4915790000009"}),
        )
        .await;
    assert_eq!(added.status, 204);
    let code = feed
        .until("verificationCode", |e| e["phonenumber"] == "+4915790000009")
        .await;
    assert_eq!(
        code.data["code"].as_str(),
        api.sandbox
            .verification_code("s0", "+4915790000009")
            .as_deref()
    );
    let call = api
        .post(
            "/sessions/calls",
            json!({"caller": "e0", "callee": "+4915790000003"}),
        )
        .await;
    let call_id = call.json["sessionId"].as_str().expect("session").to_owned();
    let established = feed
        .until("call", |e| e["callId"] == call_id.as_str())
        .await;
    assert_eq!(established.data["state"], "established");
    assert_eq!(established.data["remoteNumber"], "+4915790000003");
    assert_eq!(
        api.put(&format!("/calls/{call_id}/muted"), json!({"value": true}))
            .await
            .status,
        204
    );
    let muted = feed
        .until("call", |e| e["callId"] == call_id.as_str())
        .await;
    assert_eq!(muted.data["muted"], true);
    assert_eq!(api.delete(&format!("/calls/{call_id}")).await.status, 204);
    let ended = feed
        .until("call", |e| e["callId"] == call_id.as_str())
        .await;
    assert_eq!(ended.data["state"], "ended");
    assert_eq!(ended.data["cause"], "normalClearing");

    // A page reconnecting after the SMS gets what came after it, not the SMS again.
    let mut resumed = Feed::open(&api.sandbox, Some(&format!("{instance}.1"))).await;
    assert_eq!(resumed.next().await.expect("hello").data["type"], "hello");
    let first = resumed.next().await.expect("event");
    assert_eq!(first.id.as_deref(), Some(format!("{instance}.2").as_str()));
    // An id of another sandbox instance (a restarted binary) replays everything.
    let mut other = Feed::open(&api.sandbox, Some("0000dead.1")).await;
    other.next().await.expect("hello");
    assert_eq!(other.next().await.expect("sms").data["type"], "sms");
}

#[tokio::test]
async fn faxes_show_their_progress_and_their_pdf() {
    // Only status polls move a fax here: the order of the events is certain.
    let api = Api::new().await;
    let mut feed = Feed::open(&api.sandbox, None).await;
    let sent = api
        .post(
            "/sessions/fax",
            json!({"faxlineId": "f0", "recipient": "+4921100000123", "filename": "Invoice 7.pdf",
                   "base64Content": pdf_base64()}),
        )
        .await;
    assert_eq!(sent.status, 200, "{}", sent.text);
    let session = sent.json["sessionId"].as_str().expect("id").to_owned();

    let fax = feed
        .until("fax", |e| e["sessionId"] == session.as_str())
        .await;
    assert_eq!(fax.data["status"], "PENDING");
    assert_eq!(fax.data["recipient"], "+4921100000123");
    assert_eq!(fax.data["filename"], "Invoice 7.pdf");
    let pdf_url = fax.data["pdfUrl"].as_str().expect("pdf URL").to_owned();
    assert_eq!(pdf_url, format!("/sandbox/inspector/faxes/{session}"));
    for expected in ["SENDING", "SENT"] {
        assert_eq!(api.get(&format!("/history/{session}")).await.status, 200);
        let status = feed
            .until("faxStatus", |e| e["sessionId"] == session.as_str())
            .await;
        assert_eq!(status.data["status"], expected);
    }

    let root = api.sandbox.inspector_url();
    let pdf = reqwest::get(format!("{}{}", root.trim_end_matches('/'), pdf_url))
        .await
        .expect("PDF");
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert_eq!(
        pdf.headers()["content-disposition"],
        r#"inline; filename="Invoice_7.pdf""#
    );
    let bytes = pdf.bytes().await.expect("bytes");
    assert!(bytes.starts_with(b"%PDF-1.4"));
    assert_eq!(api.sandbox.faxes()[0].content, bytes.as_ref());
    let missing = reqwest::get(format!("{root}sandbox/inspector/faxes/999"))
        .await
        .expect("answer");
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn a_fax_moves_on_by_itself_and_the_feed_says_so() {
    let config = SandboxConfig::default().fax_step(Some(Duration::from_millis(20)));
    let api = Api::with(config).await;
    let mut feed = Feed::open(&api.sandbox, None).await;
    // The configured failing number: the fax ends FAILED, nobody polls.
    let sent = api
        .post(
            "/sessions/fax",
            json!({"faxlineId": "f0", "recipient": "+4921100000666", "filename": "a.pdf",
                   "base64Content": pdf_base64()}),
        )
        .await;
    let session = sent.json["sessionId"].as_str().expect("id").to_owned();
    let failed = feed
        .until("faxStatus", |e| {
            e["sessionId"] == session.as_str() && e["status"] == "FAILED"
        })
        .await;
    assert_eq!(failed.data["status"], "FAILED");
}

/// What the test IVR received: `(event, dtmf)`.
type Seen = Arc<Mutex<Vec<(String, String)>>>;

#[derive(Clone)]
struct Ivr {
    url: String,
    seen: Seen,
}

/// `newCall` → Gather (2 digits, 5 s) with answer/hangup subscribed; `dtmf` 42 → connect to
/// Alan, anything else → Gather again (once more) or hang up.
async fn ivr_hook(
    State(ivr): State<Ivr>,
    body: Bytes,
) -> ([(&'static str, &'static str); 1], String) {
    let fields: Vec<(String, String)> = form_urlencoded::parse(&body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let event = field("event");
    let dtmf = field("dtmf");
    let gathers = {
        let mut seen = ivr.seen.lock().expect("lock");
        seen.push((event.clone(), dtmf.clone()));
        seen.iter().filter(|(e, _)| e == "dtmf").count()
    };
    let gather = format!(
        r#"<Gather onData="{}" maxDigits="2" timeout="5000"><Play><Url>https://example.com/menu.wav</Url></Play></Gather>"#,
        ivr.url
    );
    let xml = match (event.as_str(), dtmf.as_str()) {
        ("newCall", _) => format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Response onAnswer="{0}" onHangup="{0}">{gather}</Response>"#,
            ivr.url
        ),
        ("dtmf", "42") => {
            "<Response><Dial><Number>+4921100000001</Number></Dial></Response>".to_owned()
        }
        ("dtmf", _) if gathers < 2 => format!("<Response>{gather}</Response>"),
        ("dtmf", _) => "<Response><Hangup/></Response>".to_owned(),
        _ => "<Response/>".to_owned(),
    };
    ([("content-type", "application/xml")], xml)
}

async fn ivr() -> Ivr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let ivr = Ivr {
        url: format!("http://{}/ivr", listener.local_addr().expect("addr")),
        seen: Arc::default(),
    };
    let router = Router::new()
        .route("/ivr", post(ivr_hook))
        .with_state(ivr.clone());
    tokio::spawn(async move {
        axum::serve(listener, router).await.expect("IVR serves");
    });
    ivr
}

fn seen(ivr: &Ivr) -> Vec<(String, String)> {
    ivr.seen.lock().expect("lock").clone()
}

/// The `dialpad` phase of an event.
fn phase(event: &Value) -> &str {
    event["phase"]["phase"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn a_dialpad_call_waits_for_the_keys_pressed_and_hangs_up_when_told() {
    let api = Api::new().await;
    let app = ivr().await;
    let sandbox = &api.sandbox;
    let mut feed = Feed::open(sandbox, None).await;

    let placed = page_post(
        sandbox,
        "sandbox/inspector/calls",
        json!({"from": "+4915790000001", "to": "+4921100000000", "webhookUrl": app.url}),
    )
    .await;
    assert_eq!(placed.status, 201, "{}", placed.text);
    let call_id = placed.json["callId"].as_str().expect("call id").to_owned();
    let this_call = |e: &Value| e["callId"] == call_id.as_str();

    let calling = feed.until("dialpad", this_call).await;
    assert_eq!(phase(&calling.data), "calling");
    assert_eq!(calling.data["phase"]["url"], app.url.as_str());
    let new_call = feed.until("webhook", this_call).await;
    assert_eq!(new_call.data["event"], "newCall");
    assert_eq!(new_call.data["status"], 200);
    assert!(
        new_call.data["response"]
            .as_str()
            .is_some_and(|xml| xml.contains("<Gather")),
        "{}",
        new_call.data
    );
    assert!(
        new_call.data["form"]
            .as_array()
            .is_some_and(|form| form.contains(&json!(["callId", call_id.as_str()]))),
        "{}",
        new_call.data
    );
    let gather = feed.until("dialpad", this_call).await;
    assert_eq!(phase(&gather.data), "gather");
    assert_eq!(gather.data["phase"]["maxDigits"], 2);
    assert_eq!(gather.data["phase"]["timeoutMs"], 5000);

    // The Gather waits for the person: nothing is posted until keys come.
    assert_eq!(seen(&app), [("newCall".to_owned(), String::new())]);
    let digits = format!("sandbox/inspector/calls/{call_id}/digits");
    for key in ["4", "2"] {
        let pressed = page_post(sandbox, &digits, json!({"digits": key})).await;
        assert_eq!(pressed.status, 204, "{}", pressed.text);
    }
    let dtmf = feed.until("webhook", this_call).await;
    assert_eq!(dtmf.data["event"], "dtmf");
    assert!(
        dtmf.data["form"]
            .as_array()
            .is_some_and(|form| form.contains(&json!(["dtmf", "42"]))),
        "{}",
        dtmf.data
    );
    let answer = feed.until("webhook", this_call).await;
    assert_eq!(answer.data["event"], "answer");
    let talking = feed
        .until("dialpad", |e| this_call(e) && phase(e) == "talking")
        .await;
    assert_eq!(talking.data["callId"], call_id.as_str());

    // Connected: keys go nowhere, the call lasts until the caller hangs up.
    let ignored = page_post(sandbox, &digits, json!({"digits": "9"})).await;
    assert_eq!(ignored.status, 409);
    assert!(
        detail(&ignored.json).contains("no <Gather>"),
        "{}",
        ignored.text
    );
    let live: Vec<_> = sandbox
        .calls()
        .into_iter()
        .filter(|c| c.ended.is_none())
        .collect();
    assert_eq!(live.len(), 1, "established for RTCM while connected");
    let hung_up = page_post(
        sandbox,
        &format!("sandbox/inspector/calls/{call_id}/hangup"),
        json!({}),
    )
    .await;
    assert_eq!(hung_up.status, 204);

    let ended = feed
        .until("callEnded", |e| {
            e["transcript"]["callId"] == call_id.as_str()
        })
        .await;
    let transcript = &ended.data["transcript"];
    assert_eq!(transcript["hangupCause"], "normalClearing");
    assert_eq!(transcript["answeredBy"], "+4921100000001");
    let events: Vec<&str> = transcript["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["event"].as_str())
        .collect();
    assert_eq!(events, ["newCall", "dtmf", "answer", "hangup"]);
    let done = feed
        .until("dialpad", |e| this_call(e) && phase(e) == "ended")
        .await;
    assert_eq!(done.data["callId"], call_id.as_str());
    assert_eq!(
        seen(&app),
        [
            ("newCall".to_owned(), String::new()),
            ("dtmf".to_owned(), "42".to_owned()),
            ("answer".to_owned(), String::new()),
            ("hangup".to_owned(), String::new()),
        ]
    );
    // The call is over: its id is gone.
    let gone = page_post(sandbox, &digits, json!({"digits": "1"})).await;
    assert_eq!(gone.status, 404);
    assert!(sandbox.calls().iter().all(|c| c.ended.is_some()));
    assert_eq!(
        sandbox
            .history()
            .last()
            .map(|h| h.status.clone())
            .as_deref(),
        Some("PICKUP")
    );
}

#[tokio::test]
async fn no_input_lets_the_gather_time_out_and_rtcm_can_end_a_waiting_call() {
    let api = Api::new().await;
    let app = ivr().await;
    let sandbox = &api.sandbox;
    // The account's incoming URL is the dialpad's default.
    api.put(
        "/settings/sipgateio",
        json!({"incomingUrl": app.url, "outgoingUrl": ""}),
    )
    .await;
    let mut feed = Feed::open(sandbox, None).await;
    let placed = page_post(
        sandbox,
        "sandbox/inspector/calls",
        json!({"from": "anonymous", "to": "+4921100000000"}),
    )
    .await;
    assert_eq!(placed.status, 201, "{}", placed.text);
    let call_id = placed.json["callId"].as_str().expect("call id").to_owned();
    let this_call = |e: &Value| e["callId"] == call_id.as_str();
    feed.until("dialpad", |e| this_call(e) && phase(e) == "gather")
        .await;

    // "No input" with one key typed: the Gather ends with what was typed.
    let keys = page_post(
        sandbox,
        &format!("sandbox/inspector/calls/{call_id}/digits"),
        json!({"digits": "7"}),
    )
    .await;
    assert_eq!(keys.status, 204);
    let timeout = page_post(
        sandbox,
        &format!("sandbox/inspector/calls/{call_id}/no-input"),
        json!({}),
    )
    .await;
    assert_eq!(timeout.status, 204);
    let dtmf = feed
        .until("webhook", |e| this_call(e) && e["event"] == "dtmf")
        .await;
    assert!(
        dtmf.data["form"]
            .as_array()
            .is_some_and(|form| form.contains(&json!(["dtmf", "7"]))),
        "{}",
        dtmf.data
    );
    // The app gathers again; the app (through RTCM) hangs up while it waits.
    feed.until("dialpad", |e| this_call(e) && phase(e) == "gather")
        .await;
    assert_eq!(api.delete(&format!("/calls/{call_id}")).await.status, 204);
    let ended = feed
        .until("callEnded", |e| {
            e["transcript"]["callId"] == call_id.as_str()
        })
        .await;
    assert_eq!(ended.data["transcript"]["hangupCause"], "normalClearing");
    assert_eq!(ended.data["transcript"]["answeredBy"], Value::Null);
    assert_eq!(
        seen(&app)
            .iter()
            .map(|(e, _)| e.as_str())
            .collect::<Vec<_>>(),
        ["newCall", "dtmf", "hangup"]
    );
}

#[tokio::test]
async fn a_dialpad_call_is_checked_before_anything_is_pushed() {
    let api = Api::new().await;
    let sandbox = &api.sandbox;
    let calls = "sandbox/inspector/calls";
    for (body, status, needle) in [
        (
            json!({"to": "+4921100000000", "webhookUrl": "http://127.0.0.1:9/"}),
            400,
            "`from`",
        ),
        (
            json!({"from": "+49abc", "to": "+4921100000000", "webhookUrl": "http://127.0.0.1:9/"}),
            400,
            "`from`",
        ),
        (
            json!({"from": "+4915790000001", "to": "x", "webhookUrl": "http://127.0.0.1:9/"}),
            400,
            "`to`",
        ),
        (
            json!({"from": "+4915790000001", "to": "+4921100000000", "webhookUrl": "ftp://x"}),
            400,
            "`webhookUrl`",
        ),
        // No URL given and none configured.
        (
            json!({"from": "+4915790000001", "to": "+4921100000000"}),
            400,
            "no webhook URL",
        ),
    ] {
        let answer = page_post(sandbox, calls, body.clone()).await;
        assert_eq!(answer.status, status, "{body}: {}", answer.text);
        assert!(
            detail(&answer.json).contains(needle),
            "{body}: {}",
            answer.text
        );
    }
    assert!(sandbox.calls().is_empty());
    assert!(
        api.get("/log/webhooks").await.json["items"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );

    let unknown = page_post(
        sandbox,
        &format!("{calls}/nope/digits"),
        json!({"digits": "1"}),
    )
    .await;
    assert_eq!(unknown.status, 404);
    let bad_keys = page_post(
        sandbox,
        &format!("{calls}/nope/digits"),
        json!({"digits": "1a"}),
    )
    .await;
    assert_eq!(bad_keys.status, 400);
    assert!(detail(&bad_keys.json).contains("`digits`"));
    let hang_up = page_post(sandbox, &format!("{calls}/nope/hangup"), json!({})).await;
    assert_eq!(hang_up.status, 404);
}

#[tokio::test]
async fn an_app_that_is_not_running_ends_the_dialpad_call_with_its_transcript() {
    let api = Api::new().await;
    let sandbox = &api.sandbox;
    // A port nobody listens on.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/", closed.local_addr().expect("addr"));
    drop(closed);
    let mut feed = Feed::open(sandbox, None).await;
    let placed = page_post(
        sandbox,
        "sandbox/inspector/calls",
        json!({"from": "+4915790000001", "to": "+4921100000000", "webhookUrl": url}),
    )
    .await;
    assert_eq!(placed.status, 201);
    let call_id = placed.json["callId"].as_str().expect("call id").to_owned();
    let this_call = |e: &Value| e["callId"] == call_id.as_str();
    let push = feed.until("webhook", this_call).await;
    assert_eq!(push.data["status"], Value::Null);
    assert!(
        push.data["error"]
            .as_str()
            .is_some_and(|e| e.contains("request failed")),
        "{}",
        push.data
    );
    // sipgate goes on without the app (the number rings and answers) until the caller hangs
    // up; a simulator that reports the unreachable app as a failure ends the call at once.
    let next = feed
        .until("dialpad", |e| {
            this_call(e) && matches!(phase(e), "talking" | "failed")
        })
        .await;
    if phase(&next.data) == "talking" {
        let path = format!("sandbox/inspector/calls/{call_id}/hangup");
        assert_eq!(page_post(sandbox, &path, json!({})).await.status, 204);
        feed.until("dialpad", |e| {
            this_call(e) && matches!(phase(e), "ended" | "failed")
        })
        .await;
    }
}

#[tokio::test]
async fn reset_brings_back_the_seeded_account_and_hangs_up_dialpad_calls() {
    let api = Api::new().await;
    let app = ivr().await;
    let sandbox = &api.sandbox;
    let seeded = sandbox.history().len();
    api.post(
        "/sessions/sms",
        json!({"smsId": "s0", "recipient": "+4915790000002", "message": "gone after reset"}),
    )
    .await;
    assert_eq!(sandbox.history().len(), seeded + 1);
    let mut feed = Feed::open(sandbox, None).await;
    let placed = page_post(
        sandbox,
        "sandbox/inspector/calls",
        json!({"from": "+4915790000001", "to": "+4921100000000", "webhookUrl": app.url}),
    )
    .await;
    let call_id = placed.json["callId"].as_str().expect("call id").to_owned();
    feed.until("dialpad", |e| {
        e["callId"] == call_id.as_str() && phase(e) == "gather"
    })
    .await;
    sandbox.set_no_credit(true);

    let reset = page_post(sandbox, "sandbox/inspector/reset", json!({})).await;
    assert_eq!(reset.status, 204, "{}", reset.text);
    feed.until("reset", |_| true).await;
    assert!(sandbox.sent_sms().is_empty());
    assert_eq!(sandbox.history().len(), seeded, "the seeded history");
    // The switches stay.
    assert_eq!(
        api.post(
            "/sessions/sms",
            json!({"smsId": "s0", "recipient": "+4915790000002", "message": "no credit"}),
        )
        .await
        .status,
        402
    );
    // The dialpad call was hung up.
    let ended = feed
        .until("callEnded", |e| {
            e["transcript"]["callId"] == call_id.as_str()
        })
        .await;
    assert_eq!(ended.data["transcript"]["hangupCause"], "normalClearing");
    // A page opened now starts with the reset.
    let mut fresh = Feed::open(sandbox, None).await;
    fresh.next().await.expect("hello");
    assert_eq!(fresh.next().await.expect("reset").data["type"], "reset");
}

#[tokio::test]
async fn scripted_simulations_are_in_the_feed_too() {
    let api = Api::new().await;
    let app = ivr().await;
    let mut feed = Feed::open(&api.sandbox, None).await;
    let transcript = api
        .sandbox
        .simulate_call(
            CallScenario::incoming("+4915790000001", "+4921100000000")
                .webhook_url(app.url.clone())
                .digits(["42"]),
        )
        .await
        .expect("simulated");
    let call_id = transcript.call_id.clone();
    let mut pushes = Vec::new();
    let ended = loop {
        let event = feed.next().await.expect("event");
        match event.data["type"].as_str() {
            Some("webhook") if event.data["callId"] == call_id.as_str() => {
                pushes.push(event.data["event"].as_str().unwrap_or_default().to_owned());
            }
            Some("callEnded") => break event,
            _ => {}
        }
    };
    assert_eq!(pushes, transcript.events());
    assert_eq!(ended.data["transcript"]["callId"], call_id.as_str());
}

#[tokio::test]
async fn the_feed_ends_when_the_sandbox_stops() {
    let api = Api::new().await;
    let mut feed = Feed::open(&api.sandbox, None).await;
    assert_eq!(feed.next().await.expect("hello").data["type"], "hello");
    let Api { sandbox, http: _ } = api;
    drop(sandbox);
    assert!(feed.next().await.is_none(), "the stream ends");
}

#[tokio::test]
async fn the_banner_names_the_inspector() {
    let sandbox = Sandbox::start().await.expect("sandbox");
    let banner = sandbox.banner();
    assert!(
        banner.contains(&format!("inspector:  {}", sandbox.inspector_url())),
        "{banner}"
    );
    let answer = reqwest::Client::new()
        .request(Method::GET, sandbox.inspector_url())
        .send()
        .await
        .expect("page");
    assert_eq!(answer.status(), 200);
}
