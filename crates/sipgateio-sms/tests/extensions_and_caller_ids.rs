//! SMS extensions of a web user and caller-id management.

use std::future::Future;
use std::pin::Pin;

use serde_json::json;
use sipgateio_core::Error;
use sipgateio_sms::{SmsCallerIdId, SmsExt, SmsExtensionId, WebuserId};
use sipgateio_test_support::mock::{json_body, received, retrying_client as client};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CALLER_IDS: &str = "/v2/w0/sms/s0/callerids";

fn w(id: &str) -> WebuserId {
    WebuserId::new(id)
}

fn s(id: &str) -> SmsExtensionId {
    SmsExtensionId::new(id)
}

fn c(id: i64) -> SmsCallerIdId {
    SmsCallerIdId::new(id)
}

/// Expects exactly one `verb at` request with the JSON `body`, answered with `status`.
async fn expect_once(
    server: &MockServer,
    verb: &str,
    at: String,
    body: serde_json::Value,
    status: u16,
) {
    Mock::given(method(verb))
        .and(path(at))
        .and(body_json(body))
        .respond_with(ResponseTemplate::new(status))
        .expect(1)
        .mount(server)
        .await;
}

async fn failing(server: &MockServer, verb: &str, at: &str, status: u16) {
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(ResponseTemplate::new(status))
        .mount(server)
        .await;
}

#[tokio::test]
async fn list_extensions_of_a_web_user() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/w1/sms"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [
            {"id": "s0", "alias": "SMS von Douglas Engelbart", "callerId": "+4915799912345"},
            {"id": "s1"}
        ]})))
        .expect(1)
        .mount(&server)
        .await;
    let extensions = client(&server)
        .sms()
        .list_extensions_of(&w("w1"))
        .await
        .expect("ok");
    assert_eq!(extensions.len(), 2);
    assert_eq!(extensions[0].id, "s0");
    assert_eq!(extensions[0].alias, "SMS von Douglas Engelbart");
    assert_eq!(extensions[0].caller_id, "+4915799912345");
    assert_eq!(extensions[1].alias, "");
    assert!(received(&server).await[0].url.query().is_none());
}

#[tokio::test]
async fn list_extensions_of_the_authenticated_user() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/authorization/userinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"sub": "w7"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/w7/sms"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": []})))
        .expect(1)
        .mount(&server)
        .await;
    assert!(
        client(&server)
            .sms()
            .list_extensions()
            .await
            .expect("ok")
            .is_empty()
    );
}

#[tokio::test]
async fn extension_errors_are_mapped() {
    let server = MockServer::start().await;
    failing(&server, "GET", "/v2/w1/sms", 403).await;
    failing(&server, "GET", "/v2/w2/sms", 404).await;
    let sms = client(&server).sms();
    let error = sms.list_extensions_of(&w("w1")).await.expect_err("403");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("not allowed to read this web user's SMS extensions")
    );
    let error = sms.list_extensions_of(&w("w2")).await.expect_err("404");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("web user not found"));
}

#[tokio::test]
async fn ids_are_encoded_into_paths_and_empty_ids_send_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/w%2F..%3F/sms"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": []})))
        .expect(1)
        .mount(&server)
        .await;
    let sms = client(&server).sms();
    sms.list_extensions_of(&w("w/..?")).await.expect("encoded");
    for bad in ["", ".", ".."] {
        let error = sms.list_extensions_of(&w(bad)).await.expect_err("empty");
        assert_eq!(error.invalid_field(), Some("webuser_id"));
        let error = sms
            .list_caller_ids_of(&w(bad), &s("s0"))
            .await
            .expect_err("empty");
        assert_eq!(error.invalid_field(), Some("webuser_id"));
    }
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn set_extension_alias_puts_the_alias() {
    let server = MockServer::start().await;
    expect_once(
        &server,
        "PUT",
        "/v2/w0/sms/s1".into(),
        json!({"alias": "Support"}),
        204,
    )
    .await;
    failing(&server, "PUT", "/v2/w0/sms/s2", 404).await;
    let sms = client(&server).sms();
    sms.set_extension_alias_of(&w("w0"), &s("s1"), "Support")
        .await
        .expect("ok");
    let error = sms
        .set_extension_alias_of(&w("w0"), &s("s2"), "x")
        .await
        .expect_err("404");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(
        error.to_string().contains("SMS extension not found"),
        "{error}"
    );
    let error = sms
        .set_extension_alias_of(&w("w0"), &s("f0"), "x")
        .await
        .expect_err("not sms");
    assert_eq!(error.invalid_field(), Some("sms_id"));
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn list_caller_ids_of_an_extension() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(CALLER_IDS))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [
            {"id": 1, "phonenumber": "+4915700000001", "verified": true, "defaultNumber": true},
            {"id": 2, "phonenumber": "+4915799912345", "verified": false, "defaultNumber": false}
        ]})))
        .expect(1)
        .mount(&server)
        .await;
    let ids = client(&server)
        .sms()
        .list_caller_ids_of(&w("w0"), &s("s0"))
        .await
        .expect("ok");
    assert_eq!(ids.len(), 2);
    assert_eq!(
        (ids[0].id, ids[0].verified, ids[0].default_number),
        (c(1), true, true)
    );
    assert_eq!(ids[1].phonenumber, "+4915799912345");
    assert!(!ids[1].verified && !ids[1].default_number);
}

#[tokio::test]
async fn set_default_sends_a_json_boolean() {
    let server = MockServer::start().await;
    expect_once(
        &server,
        "PUT",
        format!("{CALLER_IDS}/7"),
        json!({"defaultNumber": true}),
        204,
    )
    .await;
    client(&server)
        .sms()
        .set_default_caller_id_of(&w("w0"), &s("s0"), &c(7))
        .await
        .expect("ok");
}

#[tokio::test]
async fn create_caller_id_posts_the_number() {
    let server = MockServer::start().await;
    expect_once(
        &server,
        "POST",
        CALLER_IDS.into(),
        json!({"phonenumber": "+4915799912345"}),
        200,
    )
    .await;
    client(&server)
        .sms()
        .create_caller_id_of(&w("w0"), &s("s0"), "+4915799912345")
        .await
        .expect("ok");
}

#[tokio::test]
async fn verify_caller_id_posts_the_code() {
    let server = MockServer::start().await;
    expect_once(
        &server,
        "POST",
        format!("{CALLER_IDS}/7/verification"),
        json!({"verificationCode": "123456"}),
        204,
    )
    .await;
    client(&server)
        .sms()
        .verify_caller_id_of(&w("w0"), &s("s0"), &c(7), "123456")
        .await
        .expect("ok");
}

#[tokio::test]
async fn delete_caller_id() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(format!("{CALLER_IDS}/7")))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .sms()
        .delete_caller_id_of(&w("w0"), &s("s0"), &c(7))
        .await
        .expect("ok");
    assert!(received(&server).await[0].body.is_empty());
}

#[tokio::test]
async fn caller_id_validation_sends_nothing() {
    let server = MockServer::start().await;
    let sms = client(&server).sms();
    let field = |result: Result<_, Error>| {
        result
            .err()
            .and_then(|e| e.invalid_field().map(str::to_owned))
    };
    assert_eq!(
        field(sms.list_caller_ids_of(&w("w0"), &s("p0")).await.map(drop)).as_deref(),
        Some("sms_id")
    );
    assert_eq!(
        field(sms.set_default_caller_id_of(&w("w0"), &s("s"), &c(1)).await).as_deref(),
        Some("sms_id")
    );
    assert_eq!(
        field(sms.delete_caller_id_of(&w("w0"), &s("f0"), &c(1)).await).as_deref(),
        Some("sms_id")
    );
    assert_eq!(
        field(
            sms.create_caller_id_of(&w("w0"), &s("s01"), "+4915799912345")
                .await
        )
        .as_deref(),
        Some("sms_id")
    );
    assert_eq!(
        field(
            sms.create_caller_id_of(&w("w0"), &s("s0"), "015799912345")
                .await
        )
        .as_deref(),
        Some("phone_number")
    );
    assert_eq!(
        field(sms.create_caller_id_of(&w("w0"), &s("s0"), "").await).as_deref(),
        Some("phone_number")
    );
    assert_eq!(
        field(sms.verify_caller_id_of(&w("w0"), &s("s0"), &c(1), "").await).as_deref(),
        Some("verification_code")
    );
    assert_eq!(
        field(
            sms.verify_caller_id_of(&w("w0"), &s("s0"), &c(1), " ")
                .await
        )
        .as_deref(),
        Some("verification_code")
    );
    assert_eq!(
        field(
            sms.verify_caller_id_of(&w("w0"), &s("x0"), &c(1), "123")
                .await
        )
        .as_deref(),
        Some("sms_id")
    );
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn caller_id_errors_are_mapped() {
    let server = MockServer::start().await;
    failing(&server, "GET", "/v2/w0/sms/s1/callerids", 403).await;
    failing(&server, "PUT", "/v2/w0/sms/s0/callerids/9", 404).await;
    failing(&server, "POST", CALLER_IDS, 402).await;
    failing(
        &server,
        "POST",
        "/v2/w0/sms/s0/callerids/7/verification",
        400,
    )
    .await;
    failing(&server, "DELETE", "/v2/w0/sms/s0/callerids/9", 404).await;
    let sms = client(&server).sms();

    let error = sms
        .list_caller_ids_of(&w("w0"), &s("s1"))
        .await
        .expect_err("403");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert!(
        error.to_string().contains("invalid SMS extension"),
        "{error}"
    );

    let error = sms
        .set_default_caller_id_of(&w("w0"), &s("s0"), &c(9))
        .await
        .expect_err("404");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("caller id not found"), "{error}");

    let error = sms
        .create_caller_id_of(&w("w0"), &s("s0"), "+4915799912345")
        .await
        .expect_err("402");
    assert!(matches!(error, Error::PaymentRequired(_)), "{error:?}");
    assert!(error.to_string().contains("insufficient funds"), "{error}");

    let error = sms
        .verify_caller_id_of(&w("w0"), &s("s0"), &c(7), "000000")
        .await
        .expect_err("400");
    assert!(
        matches!(error, Error::Api(ref e) if e.status() == 400),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("verification code was not accepted"),
        "{error}"
    );

    let error = sms
        .delete_caller_id_of(&w("w0"), &s("s0"), &c(9))
        .await
        .expect_err("404");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
}

type ForMe =
    fn(sipgateio_sms::SmsClient) -> Pin<Box<dyn Future<Output = Result<(), Error>> + Send>>;

/// Every "for me" function: the request it must send for the authenticated user `w0` after
/// resolving it with `GET /authorization/userinfo`.
fn for_me_cases() -> Vec<(&'static str, &'static str, String, serde_json::Value, ForMe)> {
    vec![
        (
            "set_extension_alias",
            "PUT",
            "/v2/w0/sms/s1".into(),
            json!({"alias": "Support"}),
            |sms| Box::pin(async move { sms.set_extension_alias(&s("s1"), "Support").await }),
        ),
        (
            "list_caller_ids",
            "GET",
            CALLER_IDS.into(),
            serde_json::Value::Null,
            |sms| Box::pin(async move { sms.list_caller_ids(&s("s0")).await.map(drop) }),
        ),
        (
            "set_default_caller_id",
            "PUT",
            format!("{CALLER_IDS}/7"),
            json!({"defaultNumber": true}),
            |sms| Box::pin(async move { sms.set_default_caller_id(&s("s0"), &c(7)).await }),
        ),
        (
            "create_caller_id",
            "POST",
            CALLER_IDS.into(),
            json!({"phonenumber": "+4915799912345"}),
            |sms| Box::pin(async move { sms.create_caller_id(&s("s0"), "+4915799912345").await }),
        ),
        (
            "verify_caller_id",
            "POST",
            format!("{CALLER_IDS}/7/verification"),
            json!({"verificationCode": "123456"}),
            |sms| Box::pin(async move { sms.verify_caller_id(&s("s0"), &c(7), "123456").await }),
        ),
        (
            "delete_caller_id",
            "DELETE",
            format!("{CALLER_IDS}/7"),
            serde_json::Value::Null,
            |sms| Box::pin(async move { sms.delete_caller_id(&s("s0"), &c(7)).await }),
        ),
    ]
}

#[tokio::test]
async fn for_me_functions_resolve_the_user_then_send_the_same_request() {
    for (name, verb, at, body, action) in for_me_cases() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/v2/authorization/userinfo"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"sub": "w0"})))
            .expect(1)
            .mount(&server)
            .await;
        let answer = if verb == "GET" {
            ResponseTemplate::new(200).set_body_json(json!({"items": []}))
        } else {
            ResponseTemplate::new(204)
        };
        Mock::given(method(verb))
            .and(path(at.as_str()))
            .respond_with(answer)
            .expect(1)
            .mount(&server)
            .await;
        action(client(&server).sms())
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let seen = received(&server).await;
        let lines: Vec<String> = seen
            .iter()
            .map(|r| format!("{} {}", r.method, r.url.path()))
            .collect();
        assert_eq!(
            lines,
            [
                "GET /v2/authorization/userinfo".to_owned(),
                format!("{verb} {at}")
            ],
            "{name}"
        );
        assert!(seen[1].url.query().is_none(), "{name}");
        assert_eq!(json_body(&seen[1]), body, "{name}");
        server.verify().await;
    }
}

#[tokio::test]
async fn for_me_functions_check_their_input_before_looking_up_the_user() {
    let server = MockServer::start().await;
    let sms = client(&server).sms();
    let field = |result: Result<(), Error>| {
        result
            .err()
            .and_then(|e| e.invalid_field().map(str::to_owned))
    };
    let bad = s("p0");
    assert_eq!(
        field(sms.set_extension_alias(&bad, "x").await).as_deref(),
        Some("sms_id")
    );
    assert_eq!(
        field(sms.list_caller_ids(&bad).await.map(drop)).as_deref(),
        Some("sms_id")
    );
    assert_eq!(
        field(sms.set_default_caller_id(&bad, &c(1)).await).as_deref(),
        Some("sms_id")
    );
    assert_eq!(
        field(sms.create_caller_id(&bad, "+4915799912345").await).as_deref(),
        Some("sms_id")
    );
    assert_eq!(
        field(sms.create_caller_id(&s("s0"), "0157 999").await).as_deref(),
        Some("phone_number")
    );
    assert_eq!(
        field(sms.verify_caller_id(&bad, &c(1), "123").await).as_deref(),
        Some("sms_id")
    );
    assert_eq!(
        field(sms.verify_caller_id(&s("s0"), &c(1), " ").await).as_deref(),
        Some("verification_code")
    );
    assert_eq!(
        field(sms.delete_caller_id(&bad, &c(1)).await).as_deref(),
        Some("sms_id")
    );
    assert!(received(&server).await.is_empty());
}
