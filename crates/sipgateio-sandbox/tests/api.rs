//! Real HTTP against `Sandbox::start()`: auth rules, account reads, SMS, fax, calls, RTCM and
//! webhook settings — happy paths and the error statuses sipgate gives.

mod common;

use common::{Api, detail, ids, pdf_base64};
use reqwest::Method;
use serde_json::json;
use sipgateio_sandbox::{PUBLIC_KEY_PEM, SandboxConfig};

#[tokio::test]
async fn requests_without_valid_credentials_get_401() {
    let api = Api::new().await;
    let url = api.url("/authorization/userinfo");

    let none = Api::answer(api.http.get(&url).send().await.expect("sent")).await;
    assert_eq!(none.status, 401);
    assert_eq!(none.json["errors"][0]["status"], 401);

    let wrong = api
        .http
        .get(&url)
        .basic_auth(api.sandbox.token_id(), Some("wrong"));
    assert_eq!(wrong.send().await.expect("sent").status(), 401);

    let bearer = api.http.get(&url).bearer_auth(api.sandbox.token());
    assert_eq!(bearer.send().await.expect("sent").status(), 401);

    let other_id = api
        .http
        .get(&url)
        .basic_auth("token-ZZZZZZ", Some(api.sandbox.token()));
    assert_eq!(other_id.send().await.expect("sent").status(), 401);

    // Every API route is protected, mutations included.
    let post = api.http.post(api.url("/sessions/sms")).json(&json!({}));
    assert_eq!(post.send().await.expect("sent").status(), 401);
    assert!(api.sandbox.sent_sms().is_empty());
}

#[tokio::test]
async fn userinfo_names_the_authenticated_web_user() {
    let api = Api::new().await;
    let info = api.get("/authorization/userinfo").await;
    assert_eq!(info.status, 200);
    assert_eq!(info.json["sub"], "w0");
    assert_eq!(info.json["masterSipId"], "1234567");
    assert_eq!(info.json["domain"], "sipgate.de");
    assert_eq!(info.json["locale"], "de_DE");
}

#[tokio::test]
async fn credentials_are_sipgate_shaped_and_configurable() {
    let api = Api::new().await;
    assert!(api.sandbox.base_url().starts_with("http://127.0.0.1:"));
    assert!(api.sandbox.base_url().ends_with("/v2"));
    assert!(api.sandbox.token_id().starts_with("token-"));
    assert_eq!(api.sandbox.token().len(), 36);
    assert!(api.sandbox.banner().contains(api.sandbox.token()));
    assert!(api.sandbox.banner().contains(&api.sandbox.base_url()));

    let fixed = Api::with(SandboxConfig::default().credentials(
        sipgateio_sandbox::Credentials::new("token-ABC123", "195d5a7c-559f-444d-9a61-06adaf70ff27"),
    ))
    .await;
    assert_eq!(fixed.sandbox.token_id(), "token-ABC123");
    // Node's documented header for exactly this pair is accepted.
    let response = fixed
        .http
        .get(fixed.url("/users"))
        .header(
            "authorization",
            "Basic dG9rZW4tNkhFRjVLOjE5NWQ1YTdjLTU1OWYtNDQ0ZC05YTYxLTA2YWRhZjcwZmYyNw==",
        )
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 401, "a different token id must not pass");
    assert_eq!(fixed.get("/users").await.status, 200);
}

#[tokio::test]
async fn public_key_is_served_without_credentials() {
    let api = Api::new().await;
    let response = api
        .http
        .get(api.sandbox.public_key_url())
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.expect("text"), PUBLIC_KEY_PEM);
    assert!(PUBLIC_KEY_PEM.starts_with("-----BEGIN PUBLIC KEY-----"));
    assert_eq!(api.sandbox.public_key_pem(), PUBLIC_KEY_PEM);
}

#[tokio::test]
async fn unknown_endpoints_are_404() {
    let api = Api::new().await;
    let answer = api.get("/nothing/here/at/all").await;
    assert_eq!(answer.status, 404);
}

#[tokio::test]
async fn users_devices_numbers_voicemails() {
    let api = Api::new().await;
    let users = api.get("/users").await;
    assert_eq!(ids(&users.json, "items"), ["w0", "w1"]);
    let ada = &users.json["items"][0];
    assert_eq!(ada["firstname"], "Ada");
    assert_eq!(ada["defaultDevice"], "e0");
    assert_eq!(ada["admin"], true);
    assert!(ada["directDialIds"].is_array());
    assert_eq!(api.get("/users/w1").await.json["lastname"], "Turing");
    assert_eq!(api.get("/users/w9").await.status, 404);

    let devices = api.get("/w0/devices").await;
    assert_eq!(ids(&devices.json, "items"), ["e0", "x0", "y0"]);
    assert_eq!(devices.json["items"][0]["type"], "REGISTER");
    assert_eq!(devices.json["items"][1]["type"], "EXTERNAL");
    assert_eq!(devices.json["items"][2]["type"], "MOBILE");
    assert_eq!(devices.json["items"][0]["activePhonelines"][0]["id"], "p0");
    assert!(devices.json["items"][0]["activeGroups"].is_array());
    assert_eq!(ids(&api.get("/w1/devices").await.json, "items"), ["e1"]);
    assert_eq!(api.get("/w9/devices").await.status, 404);

    let numbers = api.get("/numbers").await;
    assert_eq!(ids(&numbers.json, "items"), ["n0", "n1", "n2", "n3", "n4"]);
    assert!(numbers.json.get("totalCount").is_none());
    let first = &numbers.json["items"][0];
    assert_eq!(first["number"], "+4921100000000");
    assert_eq!(first["type"], "LANDLINE");
    assert_eq!(first["endpointId"], "p0");
    assert_eq!(first["endpointUrl"], "/w0/phonelines/p0");
    assert_eq!(
        ids(&api.get("/numbers?offset=1&limit=2").await.json, "items"),
        ["n1", "n2"]
    );
    assert_eq!(api.get("/numbers?limit=many").await.status, 400);
    assert_eq!(api.get("/numbers?offset=-1").await.status, 400);

    let voicemails = api.get("/voicemails").await;
    assert_eq!(ids(&voicemails.json, "items"), ["v0", "v1"]);
    assert_eq!(
        voicemails.json["items"][0]["belongsToEndpoint"]["extension"],
        "p0"
    );
    assert_eq!(
        voicemails.json["items"][0]["belongsToEndpoint"]["type"],
        "PHONELINE"
    );
    let one = api.get("/voicemails/v1").await;
    assert_eq!(one.json["alias"], "Alan's voicemail");
    assert_eq!(one.json["canTranscribe"], true);
    assert_eq!(api.get("/voicemails/v7").await.status, 404);

    let balance = api.get("/balance").await;
    assert_eq!(balance.json["currency"], "EUR");
}

#[tokio::test]
async fn faxlines_per_user() {
    let api = Api::new().await;
    let own = api.get("/w0/faxlines").await;
    assert_eq!(ids(&own.json, "items"), ["f0"]);
    assert_eq!(own.json["items"][0]["canSend"], true);
    assert_eq!(own.json["items"][0]["tagline"], "Lovelace & Co.");
    assert!(ids(&api.get("/w1/faxlines").await.json, "items").is_empty());
    assert_eq!(api.get("/w9/faxlines").await.status, 404);
}

#[tokio::test]
async fn sms_extensions_and_caller_ids() {
    let api = Api::new().await;
    let extensions = api.get("/w0/sms").await;
    assert_eq!(ids(&extensions.json, "items"), ["s0"]);
    assert_eq!(extensions.json["items"][0]["callerId"], "+4921100000000");
    assert!(ids(&api.get("/w1/sms").await.json, "items").is_empty());
    assert_eq!(api.get("/w9/sms").await.status, 404);

    let callers = api.get("/w0/sms/s0/callerids").await;
    let items = callers.json["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(items.len(), 3);
    assert_eq!(
        items[0],
        json!({"id": 0, "phonenumber": "+4921100000000", "verified": true, "defaultNumber": true})
    );
    assert_eq!(items[2]["verified"], false);
    assert_eq!(api.get("/w0/sms/s7/callerids").await.status, 404);

    // Set default (boolean), and Node's string "true" as well.
    assert_eq!(
        api.put("/w0/sms/s0/callerids/1", json!({"defaultNumber": true}))
            .await
            .status,
        204
    );
    assert_eq!(
        api.get("/w0/sms").await.json["items"][0]["callerId"],
        "+4915700000000"
    );
    let ids_default: Vec<bool> = api
        .sandbox
        .sms_caller_ids("s0")
        .iter()
        .map(|c| c.default_number)
        .collect();
    assert_eq!(ids_default, [false, true, false]);
    assert_eq!(
        api.put("/w0/sms/s0/callerids/0", json!({"defaultNumber": "true"}))
            .await
            .status,
        204
    );
    assert!(api.sandbox.sms_caller_ids("s0")[0].default_number);

    // Unverified ids cannot be the default; unknown ids are 404; bad bodies 400.
    let unverified = api
        .put("/w0/sms/s0/callerids/2", json!({"defaultNumber": true}))
        .await;
    assert_eq!(unverified.status, 400);
    assert!(detail(&unverified.json).contains("not verified"));
    assert_eq!(
        api.put("/w0/sms/s0/callerids/9", json!({"defaultNumber": true}))
            .await
            .status,
        404
    );
    assert_eq!(
        api.put("/w0/sms/s0/callerids/abc", json!({"defaultNumber": true}))
            .await
            .status,
        404
    );
    assert_eq!(
        api.put("/w0/sms/s0/callerids/1", json!({"defaultNumber": 3}))
            .await
            .status,
        400
    );

    // Register a new sender number and verify it with the code the sandbox "sent".
    assert_eq!(
        api.post(
            "/w0/sms/s0/callerids",
            json!({"phonenumber": "+4917699999999"})
        )
        .await
        .status,
        204
    );
    let added = api.sandbox.sms_caller_ids("s0");
    assert_eq!(added.len(), 4);
    assert_eq!(added[3].id, 3);
    assert!(!added[3].verified);
    let code = api
        .sandbox
        .verification_code("s0", "+4917699999999")
        .expect("code sent");
    assert_eq!(code.len(), 6);
    let wrong = api
        .post(
            "/w0/sms/s0/callerids/3/verification",
            json!({"verificationCode": "x"}),
        )
        .await;
    assert_eq!(wrong.status, 400);
    let right = api
        .post(
            "/w0/sms/s0/callerids/3/verification",
            json!({"verificationCode": code}),
        )
        .await;
    assert_eq!(right.status, 204);
    assert!(api.sandbox.sms_caller_ids("s0")[3].verified);
    assert_eq!(
        api.post(
            "/w0/sms/s0/callerids/8/verification",
            json!({"verificationCode": "1"})
        )
        .await
        .status,
        404
    );

    assert_eq!(
        api.post("/w0/sms/s0/callerids", json!({"phonenumber": "nope"}))
            .await
            .status,
        400
    );
    assert_eq!(
        api.post(
            "/w0/sms/s0/callerids",
            json!({"phonenumber": "+4917699999999"})
        )
        .await
        .status,
        400
    );
    api.sandbox.set_no_credit(true);
    assert_eq!(
        api.post(
            "/w0/sms/s0/callerids",
            json!({"phonenumber": "+4917611111111"})
        )
        .await
        .status,
        402
    );
    api.sandbox.set_no_credit(false);

    assert_eq!(api.delete("/w0/sms/s0/callerids/3").await.status, 204);
    assert_eq!(api.sandbox.sms_caller_ids("s0").len(), 3);
    assert_eq!(
        api.put("/w0/sms/s0", json!({"alias": "Renamed"}))
            .await
            .status,
        204
    );
    assert_eq!(
        api.get("/w0/sms").await.json["items"][0]["alias"],
        "Renamed"
    );
}

#[tokio::test]
async fn sending_sms() {
    let api = Api::new().await;
    let sent = api
        .post(
            "/sessions/sms",
            json!({"smsId": "s0", "recipient": "+4915799912345", "message": "Hello"}),
        )
        .await;
    assert_eq!(sent.status, 204);
    let sms = api.sandbox.sent_sms();
    assert_eq!(sms.len(), 1);
    assert_eq!(sms[0].recipient, "+4915799912345");
    assert_eq!(sms[0].message, "Hello");
    assert_eq!(sms[0].sender, "+4921100000000");
    assert_eq!(sms[0].send_at, None);

    // Scheduled.
    let at = chrono::Utc::now().timestamp() + 3600;
    let scheduled = api
        .post(
            "/sessions/sms",
            json!({"smsId": "s0", "recipient": "+4915799912345", "message": "Later", "sendAt": at}),
        )
        .await;
    assert_eq!(scheduled.status, 204);
    assert_eq!(
        api.sandbox.sent_sms()[1].send_at.map(|t| t.timestamp()),
        Some(at)
    );

    api.expect_rejections(
        "/sessions/sms",
        vec![
        (
            json!({"recipient": "+4915799912345", "message": "x"}),
            400,
            "smsId",
        ),
        (json!({"smsId": "s0", "message": "x"}), 400, "recipient"),
        (
            json!({"smsId": "s0", "recipient": "015799", "message": "x"}),
            400,
            "recipient",
        ),
        (
            json!({"smsId": "s0", "recipient": "+4915799912345", "message": ""}),
            400,
            "message",
        ),
        (
            json!({"smsId": "s0", "recipient": "+4915799912345", "message": "x", "sendAt": 1_000_000}),
            400,
            "sendAt",
        ),
        (
            json!({"smsId": "s0", "recipient": "+4915799912345", "message": "x", "sendAt": at + 31 * 86400}),
            400,
            "sendAt",
        ),
        (
            json!({"smsId": "s0", "recipient": "+4915799912345", "message": "x", "sendAt": "soon"}),
            400,
            "sendAt",
        ),
        (
            json!({"smsId": "s0", "recipient": 4915799912345_u64, "message": "x"}),
            400,
            "invalid type",
        ),
        (
            json!({"smsId": "s5", "recipient": "+4915799912345", "message": "x"}),
            403,
            "s5",
        ),
        ],
    )
    .await;
    let malformed = api
        .raw(
            Method::POST,
            "/sessions/sms",
            "application/json",
            "{not json",
        )
        .await;
    assert_eq!(malformed.status, 400);
    let text = api
        .raw(Method::POST, "/sessions/sms", "text/plain", "hello")
        .await;
    assert_eq!(text.status, 415);

    api.sandbox.set_no_credit(true);
    let broke = api
        .post(
            "/sessions/sms",
            json!({"smsId": "s0", "recipient": "+4915799912345", "message": "x"}),
        )
        .await;
    assert_eq!(broke.status, 402);
    assert_eq!(
        api.sandbox.sent_sms().len(),
        2,
        "nothing sent in error cases"
    );
}

#[tokio::test]
async fn sending_and_resending_faxes() {
    let api = Api::new().await;
    let body = json!({"faxlineId": "f0", "recipient": "+4921112345678", "filename": "letter.pdf", "base64Content": pdf_base64()});
    let sent = api.post("/sessions/fax", body.clone()).await;
    assert_eq!(sent.status, 200);
    let session = sent.json["sessionId"]
        .as_str()
        .expect("sessionId")
        .to_owned();
    let faxes = api.sandbox.faxes();
    assert_eq!(faxes.len(), 1);
    assert_eq!(faxes[0].session_id, session);
    assert_eq!(faxes[0].filename, "letter.pdf");
    assert!(faxes[0].content.starts_with(b"%PDF-"));
    assert_eq!(faxes[0].status, "PENDING");

    let entry = api.get(&format!("/history/{session}")).await;
    assert_eq!(entry.json["type"], "FAX");
    assert_eq!(entry.json["direction"], "OUTGOING");
    assert_eq!(entry.json["target"], "+4921112345678");
    assert_eq!(entry.json["pageCount"], 1);
    assert_eq!(entry.json["connectionIds"], json!(["f0"]));

    let resent = api
        .post("/sessions/fax/resend", json!({"faxId": session}))
        .await;
    assert_eq!(resent.status, 200);
    assert_ne!(resent.json["sessionId"], json!(session));
    assert_eq!(api.sandbox.faxes().len(), 2);
    assert_eq!(
        api.post("/sessions/fax/resend", json!({"faxId": "999"}))
            .await
            .status,
        404
    );
    assert_eq!(
        api.post("/sessions/fax/resend", json!({})).await.status,
        400
    );

    let mut not_pdf = body.clone();
    not_pdf["base64Content"] = json!("aGVsbG8=");
    assert_eq!(api.post("/sessions/fax", not_pdf).await.status, 400);
    let mut not_base64 = body.clone();
    not_base64["base64Content"] = json!("%%%");
    assert_eq!(api.post("/sessions/fax", not_base64).await.status, 400);
    let mut no_name = body.clone();
    no_name["filename"] = json!("");
    assert_eq!(api.post("/sessions/fax", no_name).await.status, 400);
    let mut bad_recipient = body.clone();
    bad_recipient["recipient"] = json!("fax me");
    assert_eq!(api.post("/sessions/fax", bad_recipient).await.status, 400);
    let mut unknown_line = body.clone();
    unknown_line["faxlineId"] = json!("f9");
    let unknown = api.post("/sessions/fax", unknown_line).await;
    assert_eq!(unknown.status, 404);
    assert!(detail(&unknown.json).contains("f9"));

    api.sandbox.set_no_credit(true);
    assert_eq!(api.post("/sessions/fax", body).await.status, 402);
    assert_eq!(api.sandbox.faxes().len(), 2);
}

#[tokio::test]
async fn fax_status_moves_on_with_polls_and_can_fail() {
    let api = Api::new().await;
    let send = |recipient: &str| json!({"faxlineId": "f0", "recipient": recipient, "filename": "f.pdf", "base64Content": pdf_base64()});
    let ok = api.post("/sessions/fax", send("+4921112345678")).await.json["sessionId"].clone();
    let fail = api.post("/sessions/fax", send("+4921100000666")).await.json["sessionId"].clone();
    let poll = |id: &serde_json::Value| format!("/history/{}", id.as_str().unwrap_or_default());

    let mut seen = Vec::new();
    for _ in 0..4 {
        seen.push(api.get(&poll(&ok)).await.json["faxStatusType"].clone());
    }
    assert_eq!(
        seen,
        [
            json!("PENDING"),
            json!("SENDING"),
            json!("SENT"),
            json!("SENT")
        ]
    );
    let mut failed = Vec::new();
    for _ in 0..3 {
        failed.push(api.get(&poll(&fail)).await.json["faxStatusType"].clone());
    }
    assert_eq!(
        failed,
        [json!("PENDING"), json!("SENDING"), json!("FAILED")]
    );
    let statuses: Vec<String> = api.sandbox.faxes().into_iter().map(|f| f.status).collect();
    assert_eq!(statuses, ["SENT", "FAILED"]);
}

#[tokio::test]
async fn fax_status_moves_on_with_time() {
    let api =
        Api::with(SandboxConfig::default().fax_step(Some(std::time::Duration::from_millis(40))))
            .await;
    let sent = api
        .post("/sessions/fax", json!({"faxlineId": "f0", "recipient": "+4921112345678", "filename": "f.pdf", "base64Content": pdf_base64()}))
        .await;
    assert_eq!(sent.status, 200);
    // The sandbox ages a fax by the wall clock (std::time::Instant: a step per 40 ms, SENT
    // after two), which tokio's paused clock does not move; and the fax was sent over a real
    // socket. So this waits in real time, bounded: 150 ms (a timer never ends early).
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    assert_eq!(api.sandbox.faxes()[0].status, "SENT");
    let list = api.get("/history?types=FAX&directions=OUTGOING").await;
    assert_eq!(list.json["items"][0]["faxStatusType"], "SENT");
}

#[tokio::test]
async fn initiating_calls() {
    let api = Api::new().await;
    let started = api
        .post(
            "/sessions/calls",
            json!({"caller": "e0", "callee": "+4930123456789"}),
        )
        .await;
    assert_eq!(started.status, 200);
    let session = started.json["sessionId"]
        .as_str()
        .expect("sessionId")
        .to_owned();
    assert_eq!(session.len(), 32);

    let calls = api.get("/calls").await;
    assert_eq!(calls.json["data"][0]["callId"], session.as_str());
    assert_eq!(
        calls.json["data"][0]["participants"][0]["phoneNumber"],
        "+4921100000000"
    );
    assert_eq!(calls.json["data"][0]["participants"][0]["owner"], true);
    assert_eq!(
        calls.json["data"][0]["participants"][1]["phoneNumber"],
        "+4930123456789"
    );
    assert_eq!(calls.json["data"][0]["muted"], false);

    let history = api.get("/history?types=CALL&directions=OUTGOING").await;
    assert_eq!(history.json["items"][0]["callId"], session.as_str());
    assert_eq!(history.json["items"][0]["target"], "+4930123456789");
    assert_eq!(history.json["items"][0]["targetAlias"], "Grace Hopper");

    let with_device = api
        .post("/sessions/calls", json!({"caller": "+4921100000000", "callee": "+4930123456789", "deviceId": "e0", "callerId": "+4915700000000"}))
        .await;
    assert_eq!(with_device.status, 200);
    let initiated = api.sandbox.initiated_calls();
    assert_eq!(initiated.len(), 2);
    assert_eq!(initiated[1].device_id.as_deref(), Some("e0"));
    assert_eq!(initiated[1].caller_id.as_deref(), Some("+4915700000000"));

    api.expect_rejections(
        "/sessions/calls",
        vec![
            (
                json!({"caller": "+4921100000000", "callee": "+4930123456789"}),
                400,
                "DeviceId is required",
            ),
            (json!({"caller": "e0", "callee": "nobody"}), 400, "callee"),
            (json!({"caller": "e0"}), 400, "callee"),
            (
                json!({"caller": "?", "callee": "+4930123456789"}),
                400,
                "caller",
            ),
            (
                json!({"caller": "e0", "callee": "+4930123456789", "callerId": "x"}),
                400,
                "callerId",
            ),
            (
                json!({"caller": "e9", "callee": "+4930123456789"}),
                403,
                "not allowed",
            ),
            (
                json!({"caller": "+4921100000000", "callee": "+4930123456789", "deviceId": "y7"}),
                403,
                "not allowed",
            ),
        ],
    )
    .await;
    api.sandbox.set_no_credit(true);
    assert_eq!(
        api.post(
            "/sessions/calls",
            json!({"caller": "e0", "callee": "+4930123456789"})
        )
        .await
        .status,
        402
    );
    assert_eq!(api.sandbox.initiated_calls().len(), 2);
}

#[tokio::test]
async fn rtcm_acts_on_established_calls() {
    let api = Api::new().await;
    let session = api
        .post(
            "/sessions/calls",
            json!({"caller": "e0", "callee": "+4930123456789"}),
        )
        .await
        .json["sessionId"]
        .as_str()
        .expect("sessionId")
        .to_owned();
    let path = |suffix: &str| format!("/calls/{session}{suffix}");

    assert_eq!(
        api.put(&path("/muted"), json!({"value": true}))
            .await
            .status,
        204
    );
    assert_eq!(
        api.put(&path("/hold"), json!({"value": true})).await.status,
        204
    );
    assert_eq!(
        api.put(
            &path("/recording"),
            json!({"value": true, "announcement": false})
        )
        .await
        .status,
        204
    );
    assert_eq!(
        api.post(
            &path("/announcements"),
            json!({"url": "https://example.com/a.wav"})
        )
        .await
        .status,
        204
    );
    assert_eq!(
        api.post(&path("/dtmf"), json!({"sequence": "12AB#*"}))
            .await
            .status,
        204
    );
    let listed = api.get("/calls").await;
    let call = &listed.json["data"][0];
    assert_eq!(
        (
            call["muted"].clone(),
            call["hold"].clone(),
            call["recording"].clone()
        ),
        (json!(true), json!(true), json!(true))
    );
    assert_eq!(call["participants"][1]["hold"], true);
    let state = &api.sandbox.calls()[0];
    assert_eq!(state.announcements, ["https://example.com/a.wav"]);
    assert_eq!(state.dtmf, ["12AB#*"]);
    assert!(!state.recording_announcement);

    for (method, suffix, body) in [
        (Method::PUT, "/muted", json!({})),
        (Method::PUT, "/muted", json!({"value": "yes"})),
        (Method::PUT, "/hold", json!({"on": true})),
        (Method::PUT, "/recording", json!({"value": true})),
        (Method::POST, "/announcements", json!({"url": "ftp://x"})),
        (Method::POST, "/dtmf", json!({"sequence": "12x"})),
        (Method::POST, "/dtmf", json!({"sequence": ""})),
        (
            Method::POST,
            "/transfer",
            json!({"phoneNumber": "+4930123456789"}),
        ),
        (
            Method::POST,
            "/transfer",
            json!({"attended": true, "phoneNumber": "none"}),
        ),
    ] {
        let answer = api.call(method, &path(suffix), Some(body.clone())).await;
        assert_eq!(answer.status, 400, "{suffix} {body}");
    }

    assert_eq!(api.delete(&path("")).await.status, 204);
    assert!(
        api.get("/calls").await.json["data"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    assert_eq!(
        api.sandbox.calls()[0].ended.as_deref(),
        Some("normalClearing")
    );

    // Gone calls and unknown ids are 404 for every operation.
    for (method, suffix, body) in [
        (Method::PUT, "/muted", Some(json!({"value": true}))),
        (Method::PUT, "/hold", Some(json!({"value": true}))),
        (
            Method::PUT,
            "/recording",
            Some(json!({"value": true, "announcement": true})),
        ),
        (
            Method::POST,
            "/announcements",
            Some(json!({"url": "https://e/a.wav"})),
        ),
        (Method::POST, "/dtmf", Some(json!({"sequence": "1"}))),
        (
            Method::POST,
            "/transfer",
            Some(json!({"attended": false, "phoneNumber": "+4930123456789"})),
        ),
        (Method::DELETE, "", None),
    ] {
        assert_eq!(
            api.call(method.clone(), &path(suffix), body.clone())
                .await
                .status,
            404,
            "{suffix}"
        );
        assert_eq!(
            api.call(method, &format!("/calls/unknown{suffix}"), body)
                .await
                .status,
            404,
            "{suffix}"
        );
    }

    let second = api
        .post(
            "/sessions/calls",
            json!({"caller": "e0", "callee": "+4930123456789"}),
        )
        .await
        .json["sessionId"]
        .as_str()
        .expect("sessionId")
        .to_owned();
    let transfer = api
        .post(
            &format!("/calls/{second}/transfer"),
            json!({"attended": true, "phoneNumber": "+4940987654321"}),
        )
        .await;
    assert_eq!(transfer.status, 204);
    let ended = api
        .sandbox
        .calls()
        .into_iter()
        .find(|c| c.call_id == second)
        .expect("call");
    assert_eq!(ended.ended.as_deref(), Some("forwarded"));
    assert_eq!(
        ended.transferred_to,
        Some(("+4940987654321".to_owned(), true))
    );
}

#[tokio::test]
async fn webhook_settings_persist() {
    let api = Api::new().await;
    let initial = api.get("/settings/sipgateio").await;
    assert_eq!(
        initial.json,
        json!({"incomingUrl": "", "outgoingUrl": "", "log": false, "whitelist": null})
    );

    let settings = json!({"incomingUrl": "https://example.com/in", "outgoingUrl": "http://example.com/out", "log": true, "whitelist": ["p0", "g1"]});
    assert_eq!(
        api.put("/settings/sipgateio", settings.clone())
            .await
            .status,
        204
    );
    assert_eq!(api.get("/settings/sipgateio").await.json, settings);
    assert_eq!(
        api.sandbox.webhook_settings().incoming_url,
        "https://example.com/in"
    );

    let cleared = json!({"incomingUrl": "", "outgoingUrl": "", "log": false, "whitelist": []});
    assert_eq!(
        api.put("/settings/sipgateio", cleared.clone()).await.status,
        204
    );
    assert_eq!(api.get("/settings/sipgateio").await.json, cleared);

    for bad in [
        json!({"outgoingUrl": ""}),
        json!({"incomingUrl": "ftp://x", "outgoingUrl": ""}),
        json!({"incomingUrl": "", "outgoingUrl": "", "whitelist": ["w0"]}),
        json!({"incomingUrl": "", "outgoingUrl": "", "log": "yes"}),
    ] {
        assert_eq!(
            api.put("/settings/sipgateio", bad.clone()).await.status,
            400,
            "{bad}"
        );
    }
    assert_eq!(api.get("/settings/sipgateio").await.json, cleared);

    api.sandbox.set_sipgateio_booked(false);
    let forbidden = api.get("/settings/sipgateio").await;
    assert_eq!(forbidden.status, 403);
    assert!(detail(&forbidden.json).contains("not booked"));
    assert_eq!(api.put("/settings/sipgateio", cleared).await.status, 403);
}

#[tokio::test]
async fn account_and_phonelines() {
    let api = Api::new().await;
    let account = api.get("/account").await;
    assert_eq!(account.status, 200);
    assert_eq!(account.json["mainProductType"], "TEAM");
    assert_eq!(account.json["historyLifeTime"], "UNLIMITED");
    assert_eq!(account.json["verified"], true);

    let lines = api.get("/w0/phonelines").await;
    assert_eq!(ids(&lines.json, "items"), ["p0"]);
    assert_eq!(lines.json["items"][0]["alias"], "Ada Lovelace");
    assert_eq!(
        lines.json["items"][0]["devicesUrl"],
        "/w0/phonelines/p0/devices"
    );
    assert_eq!(ids(&api.get("/w1/phonelines").await.json, "items"), ["p1"]);
    assert_eq!(api.get("/w9/phonelines").await.status, 404);

    let line = api.get("/w0/phonelines/p0").await;
    assert_eq!(line.json["id"], "p0");
    assert_eq!(line.json["voicemails"][0]["id"], "v0");
    assert_eq!(line.json["voicemails"][0]["active"], true);
    // Another user's line, an unknown line, an unknown user: 404.
    assert_eq!(api.get("/w0/phonelines/p1").await.status, 404);
    assert_eq!(api.get("/w0/phonelines/p9").await.status, 404);
    assert_eq!(api.get("/w9/phonelines/p0").await.status, 404);
}

#[tokio::test]
async fn a_phonelines_numbers_devices_voicemails_and_alias() {
    let api = Api::new().await;
    let numbers = api.get("/w0/phonelines/p0/numbers").await;
    assert_eq!(numbers.status, 200);
    let numbers = &numbers.json["items"];
    assert!(
        numbers.as_array().is_some_and(|n| n
            .first()
            .is_some_and(|n| n["number"] == "+4921100000000" && n["type"] == json!(["LANDLINE"]))),
        "{numbers}"
    );
    assert_eq!(
        ids(&api.get("/w0/phonelines/p0/devices").await.json, "items"),
        ["e0", "x0", "y0"]
    );
    let voicemails = api.get("/w0/phonelines/p0/voicemails").await;
    assert_eq!(ids(&voicemails.json, "items"), ["v0"]);
    assert_eq!(voicemails.json["items"][0]["timeout"], 20);
    assert_eq!(voicemails.json["items"][0]["canTranscribe"], true);
    for path in ["numbers", "devices", "voicemails"] {
        let other = api.get(&format!("/w0/phonelines/p1/{path}")).await;
        assert_eq!(other.status, 404, "{path} of another user's line");
    }

    let renamed = api
        .call(
            Method::PUT,
            "/w0/phonelines/p0",
            Some(json!({"alias": "Front desk"})),
        )
        .await;
    assert_eq!(renamed.status, 204);
    assert_eq!(
        api.get("/w0/phonelines/p0").await.json["alias"],
        "Front desk"
    );
    let missing = api
        .call(Method::PUT, "/w0/phonelines/p0", Some(json!({})))
        .await;
    assert_eq!(missing.status, 400);
    assert!(missing.text.contains("alias"), "{}", missing.text);
    let foreign = api
        .call(
            Method::PUT,
            "/w0/phonelines/p1",
            Some(json!({"alias": "Mine now"})),
        )
        .await;
    assert_eq!(foreign.status, 404);
    assert_eq!(
        api.get("/w1/phonelines/p1").await.json["alias"],
        "Alan Turing"
    );
}

#[tokio::test]
async fn the_incoming_blacklist() {
    let api = Api::new().await;
    assert_eq!(
        api.get("/blacklist/incoming").await.json,
        json!({"items": []})
    );
    let added = api
        .call(
            Method::POST,
            "/blacklist/incoming",
            Some(json!({"phoneNumber": "+4930123456", "isBlock": true})),
        )
        .await;
    assert_eq!(added.status, 200);
    assert_eq!(
        added.json,
        json!({"phoneNumber": "+4930123456", "isBlock": true})
    );
    // The same number again replaces the entry.
    api.call(
        Method::POST,
        "/blacklist/incoming",
        Some(json!({"phoneNumber": "4930123456", "isBlock": false})),
    )
    .await;
    assert_eq!(
        api.get("/blacklist/incoming").await.json,
        json!({"items": [{"phoneNumber": "4930123456", "isBlock": false}]})
    );
    for bad in [
        json!({}),
        json!({"phoneNumber": "030 12"}),
        json!({"phoneNumber": "x"}),
    ] {
        let refused = api
            .call(Method::POST, "/blacklist/incoming", Some(bad.clone()))
            .await;
        assert_eq!(refused.status, 400, "{bad}");
        assert!(refused.text.contains("phoneNumber"), "{}", refused.text);
    }
    let removed = api
        .call(Method::DELETE, "/blacklist/incoming/+4930123456", None)
        .await;
    assert_eq!(removed.status, 204);
    let again = api
        .call(Method::DELETE, "/blacklist/incoming/+4930123456", None)
        .await;
    assert_eq!(again.status, 404);
    assert_eq!(
        api.get("/blacklist/incoming").await.json,
        json!({"items": []})
    );
}
