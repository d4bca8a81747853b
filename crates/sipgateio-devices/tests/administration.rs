//! Device administration (create, settings, SIM cards, delete) against a mock sipgate API:
//! the exact requests, the answers' mapping, the documented error statuses, and bad input
//! refused before any request.

use serde_json::{Value, json};
use sipgateio_core::{Client, Error};
use sipgateio_devices::{
    AddressId, DeviceId, DeviceType, DeviceUpdate, DevicesExt, DisplayNumber, IncomingCallDisplay,
    NewDeviceType, SimId, SimState, WebuserId,
};
use sipgateio_test_support::mock::{assert_no_request, client, json_body, received};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn device() -> DeviceId {
    DeviceId::new("e0")
}

fn user() -> WebuserId {
    WebuserId::new("w0")
}

/// Answers `status` with `body` (JSON, or nothing for `Value::Null`) to every request.
async fn server_answering(status: u16, body: Value) -> MockServer {
    let server = MockServer::start().await;
    let mut answer = ResponseTemplate::new(status);
    if !body.is_null() {
        answer = answer.set_body_json(body);
    }
    Mock::given(wiremock::matchers::any())
        .respond_with(answer)
        .mount(&server)
        .await;
    server
}

/// The one request `server` received: method, path, query and JSON body.
async fn only_request(server: &MockServer) -> (String, String, Option<String>, Value) {
    let seen = received(server).await;
    assert_eq!(seen.len(), 1, "one request: {seen:?}");
    let request = &seen[0];
    (
        request.method.to_string(),
        request.url.path().to_owned(),
        request.url.query().map(str::to_owned),
        json_body(request),
    )
}

/// Runs `call` against a server answering 204 and returns the one request it sent.
macro_rules! request_of {
    (|$client:ident| $call:expr) => {{
        let server = server_answering(204, Value::Null).await;
        let $client = client(&server).devices();
        $call.await.expect("accepted");
        only_request(&server).await
    }};
}

fn line(method: &str, path: &str, body: Value) -> (String, String, Option<String>, Value) {
    (method.to_owned(), path.to_owned(), None, body)
}

#[tokio::test]
async fn every_change_sends_its_exact_request() {
    let id = device();
    let w = user();
    assert_eq!(
        request_of!(|d| d.update(&id, &DeviceUpdate::new().dnd(true))),
        line("PUT", "/v2/devices/e0", json!({"dnd": true}))
    );
    assert_eq!(
        request_of!(|d| d.update(
            &id,
            &DeviceUpdate::new()
                .dnd(false)
                .emergency_address(AddressId::new("1234"))
        )),
        line(
            "PUT",
            "/v2/devices/e0",
            json!({"dnd": false, "emergencyAddressId": 1234})
        )
    );
    assert_eq!(
        request_of!(|d| d.delete(&id)),
        line("DELETE", "/v2/devices/e0", Value::Null)
    );
    assert_eq!(
        request_of!(|d| d.set_alias(&id, "Desk phone")),
        line(
            "PUT",
            "/v2/devices/e0/alias",
            json!({"value": "Desk phone"})
        )
    );
    assert_eq!(
        request_of!(|d| d.set_caller_id(&id, "+4921100000")),
        line(
            "PUT",
            "/v2/devices/e0/callerid",
            json!({"value": "+4921100000"})
        )
    );
    assert_eq!(
        request_of!(|d| d.reset_password(&id)),
        line("POST", "/v2/devices/e0/credentials/password", Value::Null)
    );
    assert_eq!(
        request_of!(|d| d.set_incoming_call_display(&id, DisplayNumber::Caller)),
        line(
            "PUT",
            "/v2/devices/e0/external/incomingcalldisplay",
            json!({"incomingCallDisplay": "CALLER_NUMBER"})
        )
    );
    assert_eq!(
        request_of!(|d| d.set_incoming_call_display(&id, DisplayNumber::Called)),
        line(
            "PUT",
            "/v2/devices/e0/external/incomingcalldisplay",
            json!({"incomingCallDisplay": "CALLED_NUMBER"})
        )
    );
    assert_eq!(
        request_of!(|d| d.set_target_number(&id, "+4915799912345")),
        line(
            "PUT",
            "/v2/devices/e0/external/targetnumber",
            json!({"number": "+4915799912345"})
        )
    );
    assert_eq!(
        request_of!(|d| d.enable_local_prefix(&id, "030")),
        line(
            "PUT",
            "/v2/devices/e0/localprefix",
            json!({"value": "030", "active": true})
        )
    );
    assert_eq!(
        request_of!(|d| d.disable_local_prefix(&id)),
        line(
            "PUT",
            "/v2/devices/e0/localprefix",
            json!({"active": false})
        )
    );
    assert_eq!(
        request_of!(|d| d.enable_single_row_display(&id)),
        line(
            "PUT",
            "/v2/devices/e0/singlerowdisplay",
            json!({"enabled": true})
        )
    );
    assert_eq!(
        request_of!(|d| d.disable_single_row_display(&id)),
        line(
            "PUT",
            "/v2/devices/e0/singlerowdisplay",
            json!({"enabled": false})
        )
    );
    assert_eq!(
        request_of!(|d| d.enable_tariff_announcement(&id)),
        line(
            "PUT",
            "/v2/devices/e0/tariffannouncement",
            json!({"enabled": true})
        )
    );
    assert_eq!(
        request_of!(|d| d.disable_tariff_announcement(&id)),
        line(
            "PUT",
            "/v2/devices/e0/tariffannouncement",
            json!({"enabled": false})
        )
    );
    let y = DeviceId::new("y0");
    assert_eq!(
        request_of!(|d| d.activate_sim_of(&w, &y, &SimId::new("1234567"))),
        line("POST", "/v2/w0/devices/y0/sim", json!({"simId": "1234567"}))
    );
    assert_eq!(
        request_of!(|d| d.deactivate_sim_of(&w, &y)),
        line("DELETE", "/v2/w0/devices/y0/sim", Value::Null)
    );
    assert_eq!(
        request_of!(|d| d.order_sim_of(&w, &y, &AddressId::new("1234"))),
        line(
            "POST",
            "/v2/w0/devices/y0/sim/orders",
            json!({"addressId": "1234"})
        )
    );
}

#[tokio::test]
async fn ids_are_percent_encoded_into_the_path() {
    let server = server_answering(204, Value::Null).await;
    let devices = client(&server).devices();
    devices
        .set_alias(&DeviceId::new("e 1/..?"), "Desk")
        .await
        .expect("accepted");
    devices
        .deactivate_sim_of(&WebuserId::new("w/1"), &DeviceId::new("y#0"))
        .await
        .expect("accepted");
    let paths: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| r.url.path().to_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "/v2/devices/e%201%2F..%3F/alias",
            "/v2/w%2F1/devices/y%230/sim"
        ]
    );
}

#[tokio::test]
async fn get_reads_one_device() {
    let server = server_answering(
        200,
        json!({"id": "e0", "alias": "Desk", "type": "REGISTER", "online": true, "dnd": true,
               "activePhonelines": [{"id": "p0", "alias": "Ada"}], "activeGroups": []}),
    )
    .await;
    let device = client(&server)
        .devices()
        .get(&device())
        .await
        .expect("read");
    assert_eq!(device.id, "e0");
    assert_eq!(device.alias, "Desk");
    assert_eq!(device.device_type, DeviceType::Register);
    assert!(device.online && device.dnd);
    assert_eq!(device.active_phonelines[0].id, "p0");
    assert_eq!(
        only_request(&server).await,
        line("GET", "/v2/devices/e0", Value::Null)
    );
}

#[tokio::test]
async fn the_settings_getters_map_their_answers() {
    let id = device();

    let server = server_answering(200, json!({"value": "+4921100000"})).await;
    let caller_id = client(&server).devices().get_caller_id(&id).await;
    assert_eq!(caller_id.expect("read").as_deref(), Some("+4921100000"));
    assert_eq!(
        only_request(&server).await,
        line("GET", "/v2/devices/e0/callerid", Value::Null)
    );

    let server = server_answering(200, json!({})).await;
    let caller_id = client(&server).devices().get_caller_id(&id).await;
    assert_eq!(caller_id.expect("read"), None, "no caller id set");

    let server = server_answering(200, json!({"value": "030", "active": true})).await;
    let prefix = client(&server)
        .devices()
        .get_local_prefix(&id)
        .await
        .expect("read");
    assert_eq!(prefix.value.as_deref(), Some("030"));
    assert!(prefix.active);
    assert_eq!(
        only_request(&server).await,
        line("GET", "/v2/devices/e0/localprefix", Value::Null)
    );

    let server = server_answering(200, json!({"enabled": true})).await;
    let on = client(&server).devices().get_single_row_display(&id).await;
    assert!(on.expect("read"));
    assert_eq!(
        only_request(&server).await,
        line("GET", "/v2/devices/e0/singlerowdisplay", Value::Null)
    );

    let server = server_answering(200, json!({"enabled": false})).await;
    let on = client(&server).devices().get_tariff_announcement(&id).await;
    assert!(!on.expect("read"));
    assert_eq!(
        only_request(&server).await,
        line("GET", "/v2/devices/e0/tariffannouncement", Value::Null)
    );
}

#[tokio::test]
async fn contingents_of_a_device() {
    let server = server_answering(
        200,
        json!({"contingents": [
            {"type": "DATA_FAST", "amount": 2500, "used": 1000, "left": 1500,
             "unit": "KILOBYTE", "expires": "2016-02-10T14:19:39Z"},
            {"type": "SMS"}
        ]}),
    )
    .await;
    let contingents = client(&server)
        .devices()
        .list_contingents_of(&user(), &DeviceId::new("y0"))
        .await
        .expect("listed");
    assert_eq!(contingents.len(), 2);
    assert_eq!(contingents[0].kind.as_deref(), Some("DATA_FAST"));
    assert_eq!(
        (
            contingents[0].amount,
            contingents[0].used,
            contingents[0].left
        ),
        (Some(2500), Some(1000), Some(1500))
    );
    assert_eq!(contingents[0].unit.as_deref(), Some("KILOBYTE"));
    assert_eq!(
        contingents[0].expires.map(|t| t.timestamp()),
        Some(1_455_113_979)
    );
    assert_eq!(contingents[1].amount, None);
    assert_eq!(contingents[1].expires, None);
    assert_eq!(
        only_request(&server).await,
        line("GET", "/v2/w0/devices/y0/contingents", Value::Null)
    );
}

#[tokio::test]
async fn creating_devices_sends_the_kind_alias_and_number() {
    let w = user();

    let server = server_answering(
        200,
        json!({"id": "y3", "alias": "Mobile", "type": "MOBILE", "online": false}),
    )
    .await;
    let created = client(&server)
        .devices()
        .create_of(&w, NewDeviceType::Mobile, "Mobile")
        .await
        .expect("created");
    assert_eq!(created.id, "y3");
    assert_eq!(created.device_type, DeviceType::Mobile);
    assert_eq!(
        only_request(&server).await,
        line(
            "POST",
            "/v2/w0/devices",
            json!({"type": "MOBILE", "alias": "Mobile"})
        )
    );

    let server = server_answering(
        200,
        json!({
            "id": "e3", "alias": "Desk", "type": "REGISTER",
            "credentials": {"username": "1234567e3", "password": "s3cr3t", "sipServer": "sipgate.de",
                            "outboundProxy": "proxy.dev.sipgate.de",
                            "sipServerWebsocketUrl": "wss://tls01.sipgate.de"},
            "registered": [{"userAgent": "Yealink", "ip": "192.0.2.1", "port": "5060"}],
            "emergencyAddressId": "1234", "addressUrl": "/addresses/1234"
        }),
    )
    .await;
    let phone = client(&server)
        .devices()
        .create_register_of(&w, "Desk")
        .await
        .expect("created");
    assert_eq!(phone.device.id, "e3");
    let credentials = phone.credentials.as_ref().expect("credentials");
    assert_eq!(credentials.username.as_deref(), Some("1234567e3"));
    assert_eq!(
        credentials.password.as_ref().map(|p| p.expose()),
        Some("s3cr3t")
    );
    assert_eq!(credentials.sip_server.as_deref(), Some("sipgate.de"));
    assert_eq!(
        credentials.outbound_proxy.as_deref(),
        Some("proxy.dev.sipgate.de")
    );
    assert_eq!(
        credentials.sip_server_websocket_url.as_deref(),
        Some("wss://tls01.sipgate.de")
    );
    assert_eq!(phone.registered[0].user_agent.as_deref(), Some("Yealink"));
    assert_eq!(phone.registered[0].port.as_deref(), Some("5060"));
    assert_eq!(phone.emergency_address_id, Some(AddressId::new("1234")));
    assert_eq!(phone.address_url.as_deref(), Some("/addresses/1234"));
    assert!(
        !format!("{phone:?}").contains("s3cr3t"),
        "the password never shows in Debug"
    );
    assert_eq!(
        serde_json::to_value(&phone).expect("serializes")["credentials"]["password"],
        "s3cr3t",
        "it round-trips through serde"
    );
    assert_eq!(
        only_request(&server).await,
        line("POST", "/v2/w0/devices/register", json!({"alias": "Desk"}))
    );

    let server = server_answering(
        200,
        json!({"id": "y4", "alias": "Mobile", "type": "MOBILE", "simState": "INACTIVE",
               "esim": true, "credentials": {"simId": "1234567", "puk1": "81726", "puk2": "93847"}}),
    )
    .await;
    let mobile = client(&server)
        .devices()
        .create_mobile_of(&w, "Mobile")
        .await
        .expect("created");
    assert_eq!(mobile.sim_state, Some(SimState::Inactive));
    assert!(mobile.esim);
    let sim = mobile.credentials.as_ref().expect("credentials");
    assert_eq!(sim.sim_id, Some(SimId::new("1234567")));
    assert_eq!(sim.puk2.as_ref().map(|p| p.expose()), Some("93847"));
    let debug = format!("{mobile:?}");
    assert!(
        !debug.contains("81726") && !debug.contains("93847"),
        "{debug}"
    );
    assert_eq!(
        only_request(&server).await,
        line("POST", "/v2/w0/devices/mobile", json!({"alias": "Mobile"}))
    );

    let server = server_answering(
        200,
        json!({"id": "x3", "alias": "Home", "type": "EXTERNAL", "number": "+4921100000",
               "incomingCallDisplayState": "CALLED_NUMBER"}),
    )
    .await;
    let home = client(&server)
        .devices()
        .create_external_of(&w, "Home", "+4921100000")
        .await
        .expect("created");
    assert_eq!(home.device.device_type, DeviceType::External);
    assert_eq!(home.number.as_deref(), Some("+4921100000"));
    assert_eq!(
        home.incoming_call_display,
        Some(IncomingCallDisplay::CalledNumber)
    );
    assert_eq!(
        only_request(&server).await,
        line(
            "POST",
            "/v2/w0/devices/external",
            json!({"alias": "Home", "number": "+4921100000"})
        )
    );
}

/// A server that knows the authenticated user is `w7` and answers everything else with
/// `answer`.
async fn me_server(answer: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/authorization/userinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"sub": "w7"})))
        .mount(&server)
        .await;
    let mut template = ResponseTemplate::new(200);
    if !answer.is_null() {
        template = template.set_body_json(answer);
    }
    Mock::given(wiremock::matchers::any())
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

async fn lines_of(server: &MockServer) -> Vec<String> {
    received(server)
        .await
        .iter()
        .map(|r| format!("{} {} {}", r.method, r.url.path(), json_body(r)))
        .collect()
}

#[tokio::test]
async fn the_for_me_functions_resolve_the_authenticated_user_first() {
    let device_answer = json!({"id": "d1", "alias": "New", "type": "REGISTER"});
    let server = me_server(device_answer.clone()).await;
    let devices = client(&server).devices();
    devices
        .create(NewDeviceType::Register, "New")
        .await
        .expect("created");
    devices.create_register("New").await.expect("created");
    devices.create_mobile("New").await.expect("created");
    devices
        .create_external("New", "+4921100000")
        .await
        .expect("created");
    let y = DeviceId::new("y0");
    devices.deactivate_sim(&y).await.expect("deactivated");
    devices
        .activate_sim(&y, &SimId::new("99"))
        .await
        .expect("activated");
    devices
        .order_sim(&y, &AddressId::new("5"))
        .await
        .expect("ordered");
    let userinfo = "GET /v2/authorization/userinfo null";
    assert_eq!(
        lines_of(&server).await,
        [
            userinfo,
            r#"POST /v2/w7/devices {"alias":"New","type":"REGISTER"}"#,
            userinfo,
            r#"POST /v2/w7/devices/register {"alias":"New"}"#,
            userinfo,
            r#"POST /v2/w7/devices/mobile {"alias":"New"}"#,
            userinfo,
            r#"POST /v2/w7/devices/external {"alias":"New","number":"+4921100000"}"#,
            userinfo,
            "DELETE /v2/w7/devices/y0/sim null",
            userinfo,
            r#"POST /v2/w7/devices/y0/sim {"simId":"99"}"#,
            userinfo,
            r#"POST /v2/w7/devices/y0/sim/orders {"addressId":"5"}"#,
        ]
    );

    let server = me_server(json!({"contingents": []})).await;
    let contingents = client(&server).devices().list_contingents(&y).await;
    assert!(contingents.expect("listed").is_empty());
    assert_eq!(
        lines_of(&server).await,
        [userinfo, "GET /v2/w7/devices/y0/contingents null"]
    );
}

/// The error `call` returns when the server answers `status`.
async fn error_for<F, Fut, T>(status: u16, call: F) -> Error
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = sipgateio_core::Result<T>>,
    T: std::fmt::Debug,
{
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(status).set_body_string("server says no"))
        .mount(&server)
        .await;
    call(client(&server)).await.expect_err("an error status")
}

#[tokio::test]
async fn documented_error_statuses_carry_their_meaning() {
    let id = device();
    let w = user();
    let y = DeviceId::new("y0");

    // sipgate documents 403 as "Device not found" for the alias endpoint…
    let error = error_for(
        403,
        |c| async move { c.devices().set_alias(&id, "Desk").await },
    )
    .await;
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert!(
        error.to_string().contains("device was not found"),
        "{error}"
    );
    assert!(error.to_string().contains("server says no"), "{error}");

    // …as "Feature not booked" for caller id and tariff announcement…
    let id = device();
    let error = error_for(403, |c| async move { c.devices().get_caller_id(&id).await }).await;
    assert!(error.to_string().contains("not booked"), "{error}");
    let id = device();
    let error = error_for(403, |c| async move {
        c.devices().set_caller_id(&id, "+4921100000").await
    })
    .await;
    assert!(error.to_string().contains("not booked"), "{error}");
    let id = device();
    let error = error_for(403, |c| async move {
        c.devices().get_tariff_announcement(&id).await
    })
    .await;
    assert!(error.to_string().contains("not booked"), "{error}");
    let id = device();
    let error = error_for(403, |c| async move {
        c.devices().enable_tariff_announcement(&id).await
    })
    .await;
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert!(error.to_string().contains("not booked"), "{error}");

    // …and as "User or device not found" for SIM orders.
    let error = error_for(403, |c| async move {
        c.devices().order_sim_of(&w, &y, &AddressId::new("1")).await
    })
    .await;
    assert!(
        error
            .to_string()
            .contains("web user or the device was not found"),
        "{error}"
    );

    // An unknown device is a 404 with the device named.
    let id = device();
    let error = error_for(404, |c| async move { c.devices().get(&id).await }).await;
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(
        error.to_string().contains("device was not found"),
        "{error}"
    );
    let id = device();
    let error = error_for(404, |c| async move { c.devices().delete(&id).await }).await;
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");

    // Rejected credentials are Unauthorized everywhere.
    let id = device();
    let error = error_for(
        401,
        |c| async move { c.devices().reset_password(&id).await },
    )
    .await;
    assert!(matches!(error, Error::Unauthorized(_)), "{error:?}");
    let error = error_for(401, |c| async move {
        c.devices().create_register_of(&user(), "Desk").await
    })
    .await;
    assert!(matches!(error, Error::Unauthorized(_)), "{error:?}");
}

#[tokio::test]
async fn bad_input_is_refused_before_any_request() {
    let server = MockServer::start().await;
    let devices = client(&server).devices();
    let id = device();
    let w = user();
    let empty = DeviceId::new("");

    let cases: Vec<(&str, Error)> = vec![
        ("device_id", devices.get(&empty).await.expect_err("empty")),
        (
            "device_id",
            devices.delete(&empty).await.expect_err("empty"),
        ),
        (
            "device_id",
            devices
                .reset_password(&DeviceId::new(".."))
                .await
                .expect_err("dots"),
        ),
        (
            "alias",
            devices.set_alias(&id, " ").await.expect_err("blank"),
        ),
        (
            "alias",
            devices
                .set_alias(&id, "a\u{7}b")
                .await
                .expect_err("control"),
        ),
        (
            "caller_id",
            devices
                .set_caller_id(&id, "0211")
                .await
                .expect_err("not E.164"),
        ),
        (
            "number",
            devices
                .set_target_number(&id, "+49abc")
                .await
                .expect_err("letters"),
        ),
        (
            "local_prefix",
            devices
                .enable_local_prefix(&id, "+4930")
                .await
                .expect_err("not digits"),
        ),
        (
            "update",
            devices
                .update(&id, &DeviceUpdate::new())
                .await
                .expect_err("nothing"),
        ),
        (
            "emergency_address_id",
            devices
                .update(
                    &id,
                    &DeviceUpdate::new().emergency_address(AddressId::new("home")),
                )
                .await
                .expect_err("not numeric"),
        ),
        (
            "webuser_id",
            devices
                .create_of(&WebuserId::new(""), NewDeviceType::Register, "Desk")
                .await
                .expect_err("empty user"),
        ),
        (
            "alias",
            devices
                .create_register_of(&w, "")
                .await
                .expect_err("no alias"),
        ),
        (
            "number",
            devices
                .create_external_of(&w, "Home", "")
                .await
                .expect_err("no number"),
        ),
        (
            "sim_id",
            devices
                .activate_sim_of(&w, &id, &SimId::new(""))
                .await
                .expect_err("empty sim"),
        ),
        (
            "address_id",
            devices
                .order_sim_of(&w, &id, &AddressId::new(" "))
                .await
                .expect_err("blank address"),
        ),
        (
            "device_id",
            devices
                .list_contingents_of(&w, &empty)
                .await
                .expect_err("empty device"),
        ),
        // The for-me functions check their input before asking who the user is.
        (
            "alias",
            devices.create_mobile("").await.expect_err("no alias"),
        ),
        (
            "alias",
            devices
                .create(NewDeviceType::External, "\n")
                .await
                .expect_err("control"),
        ),
        (
            "number",
            devices
                .create_external("Home", "12")
                .await
                .expect_err("bad number"),
        ),
        (
            "sim_id",
            devices
                .activate_sim(&id, &SimId::new(""))
                .await
                .expect_err("empty sim"),
        ),
        (
            "address_id",
            devices
                .order_sim(&id, &AddressId::new(""))
                .await
                .expect_err("empty address"),
        ),
        (
            "device_id",
            devices
                .deactivate_sim(&empty)
                .await
                .expect_err("empty device"),
        ),
        (
            "device_id",
            devices
                .list_contingents(&empty)
                .await
                .expect_err("empty device"),
        ),
    ];
    for (field, error) in &cases {
        assert!(error.is_invalid_input(), "{field}: {error:?}");
        assert_eq!(error.invalid_field(), Some(*field), "{error}");
    }
    assert_no_request(&server).await;
}
