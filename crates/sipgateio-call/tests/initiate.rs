//! Initiating calls: every valid and invalid combination of node-behaviour.md section 3, the
//! wire body, and the meaning of error statuses.

use serde_json::{Value, json};
use sipgateio_call::{CallClient, CallExt, CallId, DeviceId, NewCall};
use sipgateio_core::{Client, Error};
// Retries on (a POST must still never be repeated), quick ones.
use sipgateio_test_support::mock::{assert_no_request, retrying_client as client};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TO: &str = "+4921165432";
const FROM_NUMBER: &str = "+4921123456";
const CALLER_ID: &str = "+4917012345678";

async fn expect_call(server: &MockServer, body: Value) {
    Mock::given(method("POST"))
        .and(path("/v2/sessions/calls"))
        .and(body_json(body))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"sessionId": "C1"})))
        .expect(1)
        .mount(server)
        .await;
}

/// The README's table of valid combinations, each with the exact body sent.
#[tokio::test]
async fn every_valid_combination_is_sent_as_is() {
    let cases = [
        // to=number, from=extension
        (
            NewCall::new("e14", TO),
            json!({"callee": TO, "caller": "e14"}),
        ),
        // + callerId
        (
            NewCall::new("p0", TO).caller_id(CALLER_ID),
            json!({"callee": TO, "caller": "p0", "callerId": CALLER_ID}),
        ),
        // + callerId + deviceId
        (
            NewCall::new("p0", TO)
                .caller_id(CALLER_ID)
                .device_id(DeviceId::new("e14")),
            json!({"callee": TO, "caller": "p0", "callerId": CALLER_ID, "deviceId": "e14"}),
        ),
        // from=number needs a deviceId
        (
            NewCall::new(FROM_NUMBER, TO).device_id(DeviceId::new("y3")),
            json!({"callee": TO, "caller": FROM_NUMBER, "deviceId": "y3"}),
        ),
        // from=extension + deviceId
        (
            NewCall::new("x2", TO).device_id(DeviceId::new("e0")),
            json!({"callee": TO, "caller": "x2", "deviceId": "e0"}),
        ),
        // from=number + callerId + deviceId (observed from the Node library)
        (
            NewCall::new(FROM_NUMBER, TO)
                .caller_id(CALLER_ID)
                .device_id(DeviceId::new("e14")),
            json!({"callee": TO, "caller": FROM_NUMBER, "callerId": CALLER_ID, "deviceId": "e14"}),
        ),
        // every allowed extension type as caller
        (
            NewCall::new("y12", TO),
            json!({"callee": TO, "caller": "y12"}),
        ),
        (
            NewCall::new("x0", TO),
            json!({"callee": TO, "caller": "x0"}),
        ),
        // and as device
        (
            NewCall::new(FROM_NUMBER, TO).device_id(DeviceId::new("p7")),
            json!({"callee": TO, "caller": FROM_NUMBER, "deviceId": "p7"}),
        ),
        (
            NewCall::new(FROM_NUMBER, TO).device_id(DeviceId::new("x1")),
            json!({"callee": TO, "caller": FROM_NUMBER, "deviceId": "x1"}),
        ),
        // empty optional values count as unset and are not sent
        (
            NewCall::new("e14", TO)
                .caller_id("")
                .device_id(DeviceId::new("")),
            json!({"callee": TO, "caller": "e14"}),
        ),
        // libphonenumber-lenient numbers pass unchanged
        (
            NewCall::new("e1", "+49 (211) 123-456"),
            json!({"callee": "+49 (211) 123-456", "caller": "e1"}),
        ),
    ];
    for (call, body) in cases {
        let server = MockServer::start().await;
        expect_call(&server, body.clone()).await;
        let session = client(&server)
            .call()
            .initiate(&call)
            .await
            .unwrap_or_else(|e| panic!("{call:?}: {e}"));
        assert_eq!(session.session_id, CallId::new("C1"));
        server.verify().await;
    }
}

/// Every rule of the validation, in Node's order; nothing reaches the server.
#[tokio::test]
async fn every_invalid_combination_sends_nothing() {
    let cases = [
        // 1. `to` must be a phone number
        (NewCall::new("e14", "0211 65432"), "to"),
        (NewCall::new("e14", "e15"), "to"),
        (NewCall::new("e14", ""), "to"),
        // `to` is checked first
        (
            NewCall::new("nobody", "nowhere")
                .device_id(DeviceId::new("s0"))
                .caller_id("x"),
            "to",
        ),
        // 2. `from` must be a phone number or an e/p/x/y extension
        (NewCall::new("s0", TO), "from"),
        (
            NewCall::new("f0", TO).device_id(DeviceId::new("e0")),
            "from",
        ),
        (NewCall::new("e01", TO), "from"),
        (NewCall::new("E1", TO), "from"),
        (
            NewCall::new("021123456", TO).device_id(DeviceId::new("e0")),
            "from",
        ),
        (NewCall::new("", TO), "from"),
        (NewCall::new("caller", TO).caller_id("0211"), "from"),
        // 3. a set `device_id` must be an e/p/x/y extension
        (
            NewCall::new("e14", TO).device_id(DeviceId::new("s0")),
            "device_id",
        ),
        (
            NewCall::new("e14", TO).device_id(DeviceId::new("g1")),
            "device_id",
        ),
        (
            NewCall::new(FROM_NUMBER, TO).device_id(DeviceId::new("e01")),
            "device_id",
        ),
        (
            NewCall::new(FROM_NUMBER, TO).device_id(DeviceId::new(FROM_NUMBER)),
            "device_id",
        ),
        (
            NewCall::new(FROM_NUMBER, TO)
                .device_id(DeviceId::new("w0"))
                .caller_id("bad"),
            "device_id",
        ),
        //    and is required when `from` is a number
        (NewCall::new(FROM_NUMBER, TO), "device_id"),
        (
            NewCall::new(FROM_NUMBER, TO).device_id(DeviceId::new("")),
            "device_id",
        ),
        (
            NewCall::new(FROM_NUMBER, TO).caller_id(CALLER_ID),
            "device_id",
        ),
        // 4. a set `caller_id` must be a phone number
        (
            NewCall::new("e14", TO).caller_id("0170 12345678"),
            "caller_id",
        ),
        (NewCall::new("e14", TO).caller_id("e14"), "caller_id"),
        (
            NewCall::new(FROM_NUMBER, TO)
                .device_id(DeviceId::new("e14"))
                .caller_id("+49"),
            "caller_id",
        ),
    ];
    let server = MockServer::start().await;
    let calls = CallClient::new(&client(&server));
    for (call, field) in cases {
        let error = calls.initiate(&call).await.expect_err("invalid");
        assert_eq!(error.invalid_field(), Some(field), "{call:?}: {error}");
        assert!(error.is_invalid_input());
    }
    assert_no_request(&server).await;
}

#[tokio::test]
async fn a_bad_device_id_names_its_value() {
    let error = NewCall::new("e14", TO)
        .device_id(DeviceId::new("s0"))
        .validate()
        .expect_err("s0");
    assert!(error.to_string().contains("\"s0\""), "{error}");
}

async fn failing_with(status: u16) -> Error {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions/calls"))
        .respond_with(
            ResponseTemplate::new(status)
                .set_body_json(json!({"errors": [{"title": "server title"}]})),
        )
        .mount(&server)
        .await;
    client(&server)
        .call()
        .initiate(&NewCall::new("e14", TO))
        .await
        .expect_err("fails")
}

#[tokio::test]
async fn error_statuses_carry_the_call_meaning() {
    for (status, variant, meaning) in [
        (400, "Api", "invalid call"),
        (401, "Unauthorized", "server title"),
        (402, "PaymentRequired", "insufficient funds"),
        (403, "Forbidden", "cannot access extension"),
        (500, "Api", "server title"),
    ] {
        let error = failing_with(status).await;
        assert_eq!(error.status(), Some(status));
        assert!(format!("{error:?}").starts_with(variant), "{error:?}");
        let text = error.to_string();
        assert!(
            text.contains(meaning) && text.contains("server title"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn a_response_without_session_id_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions/calls"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
        .mount(&server)
        .await;
    let error = client(&server)
        .call()
        .initiate(&NewCall::new("e14", TO))
        .await
        .expect_err("no session id");
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
}

#[test]
fn futures_and_clients_can_move_between_threads() {
    fn assert_send<T: Send>(_: &T) {}
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<CallClient>();
    let server_less = Client::builder().oauth_token("t").build().expect("valid");
    let call = NewCall::new("e0", TO);
    assert_send(&server_less.call().initiate(&call));
}
