//! Fax-line administration: exact requests, answers, error meanings, and bad input that sends
//! nothing.

use serde_json::{Value, json};
use sipgateio_core::Error;
use sipgateio_fax::{FaxExt, FaxlineId, FaxlineNumber, WebuserId};
use sipgateio_test_support::mock::{
    answer, assert_no_request, authenticated_as, client, json_body, received,
};
use wiremock::{MockServer, ResponseTemplate};

/// `METHOD /path?query body` of every request the server received.
async fn seen(server: &MockServer) -> Vec<(String, String, Option<String>, Value)> {
    received(server)
        .await
        .iter()
        .map(|r| {
            (
                r.method.to_string(),
                r.url.path().to_owned(),
                r.url.query().map(str::to_owned),
                json_body(r),
            )
        })
        .collect()
}

fn row(method: &str, path: &str, body: Value) -> (String, String, Option<String>, Value) {
    (method.to_owned(), path.to_owned(), None, body)
}

fn w(id: &str) -> WebuserId {
    WebuserId::new(id)
}

fn f(id: &str) -> FaxlineId {
    FaxlineId::new(id)
}

#[tokio::test]
async fn create_posts_without_a_body_and_returns_the_line() {
    let server = MockServer::start().await;
    answer(
        &server,
        "POST",
        "/v2/w1/faxlines",
        ResponseTemplate::new(200).set_body_json(
            json!({"id": "f3", "alias": "Fax 3", "tagline": "", "canSend": true, "canReceive": true}),
        ),
    )
    .await;
    authenticated_as(&server, "w1").await;
    let fax = client(&server).fax();
    let line = fax.create_faxline_of(&w("w1")).await.expect("created");
    assert_eq!(line.id, f("f3"));
    assert_eq!(line.alias, "Fax 3");
    assert!(line.can_send && line.can_receive);
    let line = fax.create_faxline().await.expect("created for me");
    assert_eq!(line.id, "f3");
    assert_eq!(
        seen(&server).await,
        [
            row("POST", "/v2/w1/faxlines", Value::Null),
            row("GET", "/v2/authorization/userinfo", Value::Null),
            row("POST", "/v2/w1/faxlines", Value::Null),
        ]
    );
}

#[tokio::test]
async fn delete_sends_delete_and_takes_an_empty_answer() {
    let server = MockServer::start().await;
    answer(
        &server,
        "DELETE",
        "/v2/w1/faxlines/f2",
        ResponseTemplate::new(204),
    )
    .await;
    answer(
        &server,
        "DELETE",
        "/v2/w7/faxlines/f2",
        ResponseTemplate::new(200),
    )
    .await;
    authenticated_as(&server, "w7").await;
    let fax = client(&server).fax();
    fax.delete_faxline_of(&w("w1"), &f("f2"))
        .await
        .expect("204");
    fax.delete_faxline(&f("f2")).await.expect("200, empty");
    assert_eq!(
        seen(&server).await,
        [
            row("DELETE", "/v2/w1/faxlines/f2", Value::Null),
            row("GET", "/v2/authorization/userinfo", Value::Null),
            row("DELETE", "/v2/w7/faxlines/f2", Value::Null),
        ]
    );
}

#[tokio::test]
async fn alias_tagline_and_caller_id_are_put_as_json() {
    let server = MockServer::start().await;
    for at in [
        "/v2/w1/faxlines/f0",
        "/v2/w1/faxlines/f0/tagline",
        "/v2/w1/faxlines/f0/callerid",
    ] {
        answer(&server, "PUT", at, ResponseTemplate::new(204)).await;
    }
    authenticated_as(&server, "w1").await;
    let fax = client(&server).fax();
    fax.set_faxline_alias_of(&w("w1"), &f("f0"), "Accounting")
        .await
        .expect("alias");
    fax.set_faxline_tagline_of(&w("w1"), &f("f0"), "Example Ltd.")
        .await
        .expect("tagline");
    fax.set_faxline_caller_id_of(&w("w1"), &f("f0"), "+4921112345678")
        .await
        .expect("caller id");
    fax.set_faxline_alias(&f("f0"), "Büro")
        .await
        .expect("alias for me");
    let userinfo = row("GET", "/v2/authorization/userinfo", Value::Null);
    assert_eq!(
        seen(&server).await,
        [
            row("PUT", "/v2/w1/faxlines/f0", json!({"alias": "Accounting"})),
            row(
                "PUT",
                "/v2/w1/faxlines/f0/tagline",
                json!({"value": "Example Ltd."})
            ),
            row(
                "PUT",
                "/v2/w1/faxlines/f0/callerid",
                json!({"value": "+4921112345678"})
            ),
            userinfo,
            row("PUT", "/v2/w1/faxlines/f0", json!({"alias": "Büro"})),
        ]
    );
    let requests = received(&server).await;
    assert_eq!(
        requests[0]
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
}

#[tokio::test]
async fn the_for_me_setters_ask_who_i_am_first() {
    let server = MockServer::start().await;
    authenticated_as(&server, "w4").await;
    for at in ["/v2/w4/faxlines/f1/tagline", "/v2/w4/faxlines/f1/callerid"] {
        answer(&server, "PUT", at, ResponseTemplate::new(204)).await;
    }
    let fax = client(&server).fax();
    fax.set_faxline_tagline(&f("f1"), "Example")
        .await
        .expect("tagline");
    fax.set_faxline_caller_id(&f("f1"), "+4921112345678")
        .await
        .expect("caller id");
    let lines: Vec<String> = seen(&server)
        .await
        .into_iter()
        .map(|(m, p, _, _)| format!("{m} {p}"))
        .collect();
    assert_eq!(
        lines,
        [
            "GET /v2/authorization/userinfo",
            "PUT /v2/w4/faxlines/f1/tagline",
            "GET /v2/authorization/userinfo",
            "PUT /v2/w4/faxlines/f1/callerid",
        ]
    );
}

#[tokio::test]
async fn caller_id_and_numbers_are_read() {
    let server = MockServer::start().await;
    answer(
        &server,
        "GET",
        "/v2/w1/faxlines/f0/callerid",
        ResponseTemplate::new(200).set_body_json(json!({"value": "+4921112345678"})),
    )
    .await;
    answer(
        &server,
        "GET",
        "/v2/w1/faxlines/f1/callerid",
        ResponseTemplate::new(200).set_body_json(json!({})),
    )
    .await;
    answer(
        &server,
        "GET",
        "/v2/w1/faxlines/f0/numbers",
        ResponseTemplate::new(200).set_body_json(json!({"items": [
            {"number": "+4921112345678", "type": ["LANDLINE"]},
            {"number": "+4921187654321"}
        ]})),
    )
    .await;
    authenticated_as(&server, "w1").await;
    let fax = client(&server).fax();
    assert_eq!(
        fax.get_faxline_caller_id_of(&w("w1"), &f("f0"))
            .await
            .expect("caller id"),
        "+4921112345678"
    );
    assert_eq!(fax.get_faxline_caller_id(&f("f1")).await.expect("none"), "");
    let numbers: Vec<FaxlineNumber> = fax.list_faxline_numbers(&f("f0")).await.expect("numbers");
    assert_eq!(numbers.len(), 2);
    assert_eq!(numbers[0].number, "+4921112345678");
    assert_eq!(numbers[0].types, ["LANDLINE"]);
    assert!(numbers[1].types.is_empty());
    let lines: Vec<String> = seen(&server)
        .await
        .into_iter()
        .map(|(m, p, q, b)| format!("{m} {p} {q:?} {b}"))
        .collect();
    assert_eq!(
        lines,
        [
            "GET /v2/w1/faxlines/f0/callerid None null",
            "GET /v2/authorization/userinfo None null",
            "GET /v2/w1/faxlines/f1/callerid None null",
            "GET /v2/authorization/userinfo None null",
            "GET /v2/w1/faxlines/f0/numbers None null",
        ]
    );
}

#[tokio::test]
async fn documented_error_statuses_carry_the_fax_line_meaning() {
    let server = MockServer::start().await;
    answer(
        &server,
        "PUT",
        "/v2/w1/faxlines/f9",
        ResponseTemplate::new(404),
    )
    .await;
    answer(
        &server,
        "PUT",
        "/v2/w1/faxlines/f0/tagline",
        ResponseTemplate::new(403),
    )
    .await;
    answer(
        &server,
        "GET",
        "/v2/w1/faxlines/f0/callerid",
        ResponseTemplate::new(403),
    )
    .await;
    answer(
        &server,
        "GET",
        "/v2/w1/faxlines/f0/numbers",
        ResponseTemplate::new(200).set_body_string("not json"),
    )
    .await;
    let fax = client(&server).fax();
    let error = fax
        .set_faxline_alias_of(&w("w1"), &f("f9"), "x")
        .await
        .expect_err("404");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("faxline not found"), "{error}");
    let error = fax
        .set_faxline_tagline_of(&w("w1"), &f("f0"), "x")
        .await
        .expect_err("403");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert!(
        error.to_string().contains("fax feature not booked"),
        "{error}"
    );
    let error = fax
        .get_faxline_caller_id_of(&w("w1"), &f("f0"))
        .await
        .expect_err("403");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    let error = fax
        .list_faxline_numbers_of(&w("w1"), &f("f0"))
        .await
        .expect_err("not json");
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
}

#[tokio::test]
async fn bad_input_is_refused_before_any_request() {
    let server = MockServer::start().await;
    let fax = client(&server).fax();
    let cases: Vec<(&str, Error)> = vec![
        (
            "faxline_id",
            fax.delete_faxline(&f("p0")).await.expect_err("phoneline"),
        ),
        (
            "faxline_id",
            fax.delete_faxline_of(&w("w0"), &f("f01"))
                .await
                .expect_err("leading zero"),
        ),
        (
            "webuser_id",
            fax.create_faxline_of(&w("..")).await.expect_err("dots"),
        ),
        (
            "alias",
            fax.set_faxline_alias(&f("f0"), " ")
                .await
                .expect_err("blank"),
        ),
        (
            "alias",
            fax.set_faxline_alias_of(&w("w0"), &f("f0"), "a\nb")
                .await
                .expect_err("two lines"),
        ),
        (
            "tagline",
            fax.set_faxline_tagline(&f("f0"), &"x".repeat(256))
                .await
                .expect_err("too long"),
        ),
        (
            "caller_id",
            fax.set_faxline_caller_id(&f("f0"), "0211 12345")
                .await
                .expect_err("not E.164"),
        ),
        (
            "faxline_id",
            fax.get_faxline_caller_id(&f("")).await.expect_err("empty"),
        ),
        (
            "faxline_id",
            fax.list_faxline_numbers(&f("e0"))
                .await
                .expect_err("device"),
        ),
        (
            "webuser_id",
            fax.list_faxline_numbers_of(&w(""), &f("f0"))
                .await
                .expect_err("no user"),
        ),
    ];
    for (field, error) in cases {
        assert_eq!(error.invalid_field(), Some(field), "{error}");
    }
    assert_no_request(&server).await;
}
