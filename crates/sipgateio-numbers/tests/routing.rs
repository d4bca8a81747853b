//! Routing numbers, a web user's numbers and quick dials against a mock sipgate API: exact
//! requests, empty answers, error meanings, bad input that sends nothing.

use serde_json::{Value, json};
use sipgateio_core::Error;
use sipgateio_numbers::{ExtensionId, NumberId, NumberSettings, NumberType, NumbersExt, WebuserId};
use sipgateio_test_support::mock::{
    answer, assert_no_request, authenticated_as, client, json_body, received,
};
use wiremock::{MockServer, ResponseTemplate};

/// `METHOD /path?query body` of every request the server received.
async fn seen(server: &MockServer) -> Vec<String> {
    received(server)
        .await
        .iter()
        .map(|r| {
            format!(
                "{} {} {:?} {}",
                r.method,
                r.url.path(),
                r.url.query(),
                canonical(json_body(r))
            )
        })
        .collect()
}

/// `value` with its object keys in sorted order, however serde_json keeps maps.
fn canonical(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, canonical(v)))
                    .collect(),
            )
        }
        other => other,
    }
}

fn id(value: &str) -> NumberId {
    NumberId::new(value)
}

#[tokio::test]
async fn update_puts_the_settings_that_were_set() {
    let server = MockServer::start().await;
    answer(
        &server,
        "PUT",
        "/v2/numbers/1234",
        ResponseTemplate::new(204),
    )
    .await;
    answer(
        &server,
        "PUT",
        "/v2/numbers/a%2Fb",
        ResponseTemplate::new(200),
    )
    .await;
    let numbers = client(&server).numbers();
    numbers
        .update(&id("1234"), &NumberSettings::new(ExtensionId::new("g1")))
        .await
        .expect("routed");
    numbers
        .update(
            &id("1234"),
            &NumberSettings::new(ExtensionId::new("p0"))
                .quick_dial(false)
                .release_for_mnp(true),
        )
        .await
        .expect("with switches");
    numbers
        .update(&id("a/b"), &NumberSettings::new(ExtensionId::new("f0")))
        .await
        .expect("encoded id, empty 200");
    assert_eq!(
        seen(&server).await,
        [
            r#"PUT /v2/numbers/1234 None {"endpointId":"g1"}"#,
            r#"PUT /v2/numbers/1234 None {"endpointId":"p0","quickDial":false,"releaseForMnp":true}"#,
            r#"PUT /v2/numbers/a%2Fb None {"endpointId":"f0"}"#,
        ]
    );
}

#[tokio::test]
async fn update_of_an_unknown_number_is_not_found() {
    let server = MockServer::start().await;
    answer(&server, "PUT", "/v2/numbers/9", ResponseTemplate::new(404)).await;
    let error = client(&server)
        .numbers()
        .update(&id("9"), &NumberSettings::new(ExtensionId::new("p0")))
        .await
        .expect_err("404");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(
        error.to_string().contains("the number was not found"),
        "{error}"
    );
}

#[tokio::test]
async fn user_numbers_are_listed_for_me_and_for_a_user() {
    let server = MockServer::start().await;
    authenticated_as(&server, "w2").await;
    answer(
        &server,
        "GET",
        "/v2/w2/numbers",
        ResponseTemplate::new(200).set_body_json(json!({"items": [
            {"id": "7", "number": "+4921112345678", "localized": "0211 12345678", "type": "LANDLINE",
             "endpointId": "p0", "endpointAlias": "Ada", "endpointUrl": "/w2/phonelines/p0"},
            {"id": "8", "number": "10", "type": "QUICKDIAL", "endpointId": ""}
        ]})),
    )
    .await;
    let numbers = client(&server).numbers();
    let mine = numbers.list_user_numbers().await.expect("mine");
    let theirs = numbers
        .list_user_numbers_of(&WebuserId::new("w2"))
        .await
        .expect("theirs");
    assert_eq!(mine, theirs);
    assert_eq!(mine.len(), 2);
    assert_eq!(mine[0].endpoint_id, Some(ExtensionId::new("p0")));
    assert_eq!(mine[1].number_type, NumberType::Quickdial);
    assert_eq!(mine[1].endpoint_id, None);
    assert_eq!(
        seen(&server).await,
        [
            "GET /v2/authorization/userinfo None null",
            "GET /v2/w2/numbers None null",
            "GET /v2/w2/numbers None null",
        ]
    );
}

#[tokio::test]
async fn quick_dials_are_created_changed_checked_and_deleted() {
    let server = MockServer::start().await;
    authenticated_as(&server, "w0").await;
    answer(
        &server,
        "POST",
        "/v2/numbers/quickdial",
        ResponseTemplate::new(200),
    )
    .await;
    answer(
        &server,
        "PUT",
        "/v2/numbers/quickdial/55",
        ResponseTemplate::new(204),
    )
    .await;
    answer(
        &server,
        "DELETE",
        "/v2/numbers/quickdial/55",
        ResponseTemplate::new(204),
    )
    .await;
    answer(
        &server,
        "GET",
        "/v2/numbers/quickdial/validation/12",
        ResponseTemplate::new(200),
    )
    .await;
    let numbers = client(&server).numbers();
    numbers
        .create_quick_dial_of(&WebuserId::new("w3"), "10")
        .await
        .expect("created");
    numbers
        .create_quick_dial("11")
        .await
        .expect("created for me");
    numbers
        .update_quick_dial_of(&WebuserId::new("w3"), &id("55"), "12")
        .await
        .expect("changed");
    numbers
        .update_quick_dial(&id("55"), "13")
        .await
        .expect("changed for me");
    numbers.check_quick_dial("12").await.expect("free");
    numbers.delete_quick_dial(&id("55")).await.expect("deleted");
    assert_eq!(
        seen(&server).await,
        [
            r#"POST /v2/numbers/quickdial None {"number":"10","userId":"w3"}"#,
            "GET /v2/authorization/userinfo None null",
            r#"POST /v2/numbers/quickdial None {"number":"11","userId":"w0"}"#,
            r#"PUT /v2/numbers/quickdial/55 None {"number":"12","userId":"w3"}"#,
            "GET /v2/authorization/userinfo None null",
            r#"PUT /v2/numbers/quickdial/55 None {"number":"13","userId":"w0"}"#,
            "GET /v2/numbers/quickdial/validation/12 None null",
            "DELETE /v2/numbers/quickdial/55 None null",
        ]
    );
}

#[tokio::test]
async fn a_taken_quick_dial_is_an_error_with_its_meaning() {
    let server = MockServer::start().await;
    answer(
        &server,
        "GET",
        "/v2/numbers/quickdial/validation/10",
        ResponseTemplate::new(409).set_body_string("taken"),
    )
    .await;
    answer(
        &server,
        "DELETE",
        "/v2/numbers/quickdial/77",
        ResponseTemplate::new(404),
    )
    .await;
    let numbers = client(&server).numbers();
    let error = numbers.check_quick_dial("10").await.expect_err("409");
    assert_eq!(error.status(), Some(409));
    assert!(
        error.to_string().contains("the quick dial number is taken"),
        "{error}"
    );
    let error = numbers.delete_quick_dial(&id("77")).await.expect_err("404");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
}

#[tokio::test]
async fn bad_input_is_refused_before_any_request() {
    let server = MockServer::start().await;
    let numbers = client(&server).numbers();
    let cases: Vec<(&str, Error)> = vec![
        (
            "endpoint_id",
            numbers
                .update(&id("1"), &NumberSettings::new(ExtensionId::new("")))
                .await
                .expect_err("empty endpoint"),
        ),
        (
            "endpoint_id",
            numbers
                .update(&id("1"), &NumberSettings::new(ExtensionId::new("p01")))
                .await
                .expect_err("leading zero"),
        ),
        (
            "number_id",
            numbers
                .update(&id(""), &NumberSettings::new(ExtensionId::new("p0")))
                .await
                .expect_err("empty id"),
        ),
        (
            "webuser_id",
            numbers
                .list_user_numbers_of(&WebuserId::new(".."))
                .await
                .expect_err("dots"),
        ),
        (
            "quick_dial_number",
            numbers.create_quick_dial("").await.expect_err("empty"),
        ),
        (
            "quick_dial_number",
            numbers
                .create_quick_dial_of(&WebuserId::new("w0"), "1 0")
                .await
                .expect_err("space"),
        ),
        (
            "quick_dial_number",
            numbers
                .update_quick_dial(&id("5"), "+49")
                .await
                .expect_err("plus"),
        ),
        (
            "quick_dial_id",
            numbers
                .update_quick_dial(&id(""), "10")
                .await
                .expect_err("no id"),
        ),
        (
            "quick_dial_id",
            numbers
                .delete_quick_dial(&id(".."))
                .await
                .expect_err("dots"),
        ),
        (
            "quick_dial_number",
            numbers.check_quick_dial("ten").await.expect_err("letters"),
        ),
    ];
    for (field, error) in cases {
        assert_eq!(error.invalid_field(), Some(field), "{error}");
    }
    assert_no_request(&server).await;
}

#[test]
fn settings_serialize_only_what_was_set() {
    let body = |s: &NumberSettings| serde_json::to_value(s).expect("serializes");
    assert_eq!(
        body(&NumberSettings::new(ExtensionId::new("v0"))),
        json!({"endpointId": "v0"})
    );
    assert_eq!(
        body(&NumberSettings::new(ExtensionId::new("v0")).quick_dial(true)),
        json!({"endpointId": "v0", "quickDial": true})
    );
    assert_eq!(
        body(&NumberSettings::new(ExtensionId::new("v0")).release_for_mnp(false))["releaseForMnp"],
        Value::Bool(false)
    );
}
