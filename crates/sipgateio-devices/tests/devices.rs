//! `sipgateio-devices` against a mock sipgate API.

use serde_json::json;
use sipgateio_core::Error;
use sipgateio_devices::{
    DeviceId, DeviceType, DevicesClient, DevicesExt, GroupId, PhonelineId, WebuserId,
};
use sipgateio_test_support::mock::{client, received};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn list_gets_the_users_devices_and_maps_every_field() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/w0/devices"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [
            {
                "id": "e0", "alias": "VoIP phone of Grace Hopper", "type": "REGISTER",
                "dnd": false, "online": true, "callerId": "+4921100000", "owner": "w0",
                "activePhonelines": [{"id": "p0", "alias": "Grace Hopper"}],
                "activeGroups": [{"id": "g1", "alias": "Support"}, {"id": "g2", "alias": "Sales"}]
            },
            {"id": "y0", "alias": "Mobile", "type": "MOBILE", "dnd": true, "online": false,
             "activePhonelines": [], "activeGroups": []},
            {"id": "x0", "alias": "Home", "type": "EXTERNAL", "dnd": false, "online": false},
            {"id": "a0", "alias": "App", "type": "MOBILE_APP", "dnd": false, "online": true}
        ]})))
        .expect(1)
        .mount(&server)
        .await;

    let devices = client(&server)
        .devices()
        .list_of(&WebuserId::new("w0"))
        .await
        .expect("listed");

    assert_eq!(devices.len(), 4);
    let phone = &devices[0];
    assert_eq!(phone.id, DeviceId::new("e0"));
    assert_eq!(phone.alias, "VoIP phone of Grace Hopper");
    assert_eq!(phone.device_type, DeviceType::Register);
    assert!(!phone.dnd);
    assert!(phone.online);
    assert_eq!(phone.caller_id.as_deref(), Some("+4921100000"));
    assert_eq!(phone.owner, Some(WebuserId::new("w0")));
    assert_eq!(phone.active_phonelines.len(), 1);
    assert_eq!(phone.active_phonelines[0].id, PhonelineId::new("p0"));
    assert_eq!(phone.active_phonelines[0].alias, "Grace Hopper");
    let groups: Vec<(&str, &str)> = phone
        .active_groups
        .iter()
        .map(|g| (g.id.as_str(), g.alias.as_str()))
        .collect();
    assert_eq!(groups, [("g1", "Support"), ("g2", "Sales")]);
    assert_eq!(phone.active_groups[0].id, GroupId::new("g1"));

    assert_eq!(devices[1].device_type, DeviceType::Mobile);
    assert!(devices[1].dnd);
    assert_eq!(devices[2].device_type, DeviceType::External);
    assert!(devices[2].active_phonelines.is_empty());
    assert!(devices[2].active_groups.is_empty());
    assert_eq!(devices[2].caller_id, None);
    assert_eq!(
        devices[3].device_type,
        DeviceType::Unknown("MOBILE_APP".into())
    );

    let seen = received(&server).await;
    assert_eq!(seen[0].url.query(), None);
    assert!(seen[0].body.is_empty());
}

#[tokio::test]
async fn list_percent_encodes_the_web_user_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/w%201%2F..%3F/devices"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": []})))
        .expect(1)
        .mount(&server)
        .await;
    let devices = DevicesClient::new(&client(&server))
        .list_of(&WebuserId::new("w 1/..?"))
        .await
        .expect("listed");
    assert!(devices.is_empty());
}

#[tokio::test]
async fn an_empty_or_dot_web_user_id_sends_no_request() {
    let server = MockServer::start().await;
    for id in ["", ".", ".."] {
        let error = client(&server)
            .devices()
            .list_of(&WebuserId::new(id))
            .await
            .expect_err("invalid id");
        assert!(error.is_invalid_input());
        assert_eq!(error.invalid_field(), Some("webuser_id"), "{id:?}");
    }
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn list_gets_the_devices_of_the_authenticated_user() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/authorization/userinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"sub": "w7"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/w7/devices"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [
            {"id": "e7", "alias": "Desk", "type": "REGISTER", "owner": "w7"}
        ]})))
        .expect(1)
        .mount(&server)
        .await;

    let devices = client(&server).devices().list().await.expect("listed");

    assert_eq!(devices.len(), 1);
    assert_eq!(devices[0].id, DeviceId::new("e7"));
    assert_eq!(devices[0].owner, Some(WebuserId::new("w7")));
    let seen = received(&server).await;
    let lines: Vec<(&str, &str, Option<&str>)> = seen
        .iter()
        .map(|r| (r.method.as_str(), r.url.path(), r.url.query()))
        .collect();
    assert_eq!(
        lines,
        [
            ("GET", "/v2/authorization/userinfo", None),
            ("GET", "/v2/w7/devices", None)
        ]
    );
    assert!(seen.iter().all(|r| r.body.is_empty()));
}

#[tokio::test]
async fn list_stops_when_the_user_cannot_be_resolved() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/authorization/userinfo"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server)
        .devices()
        .list()
        .await
        .expect_err("unauthorized");
    assert!(matches!(error, Error::Unauthorized(_)), "{error:?}");
    let seen = received(&server).await;
    assert_eq!(seen.len(), 1, "no devices request without a user");
}

async fn error_for(status: u16) -> Error {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/w0/devices"))
        .respond_with(ResponseTemplate::new(status).set_body_string("server says no"))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .devices()
        .list_of(&WebuserId::new("w0"))
        .await
        .expect_err("error status")
}

#[tokio::test]
async fn status_401_is_unauthorized() {
    let error = error_for(401).await;
    assert!(matches!(error, Error::Unauthorized(_)), "{error:?}");
    assert!(error.to_string().contains("server says no"));
}

#[tokio::test]
async fn status_403_is_forbidden_with_the_scope_named() {
    let error = error_for(403).await;
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert!(error.to_string().contains("devices:read"), "{error}");
}

#[tokio::test]
async fn status_404_means_web_user_not_found() {
    let error = error_for(404).await;
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(
        error.to_string().contains("web user was not found"),
        "{error}"
    );
}

#[tokio::test]
async fn other_statuses_are_generic() {
    for status in [400, 402, 500] {
        let error = error_for(status).await;
        assert_eq!(error.status(), Some(status));
        let api = error.api_error().expect("an API error");
        assert_eq!(api.context(), None, "{error}");
        assert_eq!(api.message(), Some("server says no"));
    }
}

#[tokio::test]
async fn a_device_without_type_is_a_decode_error_naming_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/w0/devices"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [
            {"id": "e0", "type": "REGISTER"},
            {"id": "e1", "type": "REGISTER", "activeGroups": [{"alias": "no id"}]}
        ]})))
        .mount(&server)
        .await;
    let error = client(&server)
        .devices()
        .list_of(&WebuserId::new("w0"))
        .await
        .expect_err("a routing without id");
    assert!(
        matches!(error, Error::Decode(ref d) if d.path().starts_with("items[1].activeGroups[0]")),
        "{error:?}"
    );
}
