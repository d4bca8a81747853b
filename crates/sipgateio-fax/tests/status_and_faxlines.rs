//! Fax status from the history entry, and fax lines.

use serde_json::json;
use sipgateio_core::Error;
use sipgateio_fax::{FaxExt, FaxStatus, FaxlineId, HistoryEntryId, WebuserId};
use sipgateio_test_support::mock::{received, retrying_client as client};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn entry(id: &str) -> HistoryEntryId {
    HistoryEntryId::new(id)
}

async fn history_entry(server: &MockServer, id: &str, entry: serde_json::Value) {
    Mock::given(method("GET"))
        .and(path(format!("/v2/history/{id}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(entry))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn get_status_reads_fax_status_type() {
    let server = MockServer::start().await;
    let cases = [
        ("PENDING", FaxStatus::Pending),
        ("SENDING", FaxStatus::Sending),
        ("FAILED", FaxStatus::Failed),
        ("SENT", FaxStatus::Sent),
        ("SCHEDULED", FaxStatus::Scheduled),
        ("RETRYING", FaxStatus::Unknown("RETRYING".into())),
    ];
    for (i, (wire, _)) in cases.iter().enumerate() {
        history_entry(
            &server,
            &format!("F{i}"),
            json!({"id": format!("F{i}"), "type": "FAX", "faxStatusType": wire, "pageCount": 2}),
        )
        .await;
    }
    let fax = client(&server).fax();
    for (i, (_, expected)) in cases.into_iter().enumerate() {
        let id = HistoryEntryId::new(format!("F{i}"));
        assert_eq!(fax.get_status(&id).await.expect("ok"), expected);
    }
}

#[tokio::test]
async fn get_status_of_other_entries_is_refused() {
    let server = MockServer::start().await;
    history_entry(&server, "S1", json!({"id": "S1", "type": "SMS"})).await;
    history_entry(&server, "X1", json!({"id": "X1"})).await;
    history_entry(&server, "F1", json!({"id": "F1", "type": "FAX"})).await;
    let fax = client(&server).fax();
    let error = fax.get_status(&entry("S1")).await.expect_err("sms");
    assert!(matches!(error, Error::Precondition(_)), "{error:?}");
    assert!(
        error.to_string().contains("not a fax (type SMS)"),
        "{error}"
    );
    let error = fax.get_status(&entry("X1")).await.expect_err("untyped");
    assert!(matches!(error, Error::Precondition(_)), "{error:?}");
    let error = fax.get_status(&entry("F1")).await.expect_err("no status");
    assert!(
        matches!(error, Error::Decode(ref d) if d.path() == "faxStatusType"),
        "{error:?}"
    );
}

#[tokio::test]
async fn get_status_errors_carry_the_fax_meaning() {
    let server = MockServer::start().await;
    for (id, status) in [("gone", 404), ("secret", 403), ("who", 401)] {
        Mock::given(method("GET"))
            .and(path(format!("/v2/history/{id}")))
            .respond_with(ResponseTemplate::new(status))
            .mount(&server)
            .await;
    }
    let fax = client(&server).fax();
    let error = fax.get_status(&entry("gone")).await.expect_err("404");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("fax was not found"), "{error}");
    let error = fax.get_status(&entry("secret")).await.expect_err("403");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    let error = fax.get_status(&entry("who")).await.expect_err("401");
    assert!(matches!(error, Error::Unauthorized(_)), "{error:?}");
}

#[tokio::test]
async fn get_status_ids_are_path_encoded_and_empty_ones_send_nothing() {
    let server = MockServer::start().await;
    history_entry(
        &server,
        "a%2Fb",
        json!({"type": "FAX", "faxStatusType": "SENT"}),
    )
    .await;
    let fax = client(&server).fax();
    assert_eq!(
        fax.get_status(&entry("a/b")).await.expect("ok"),
        FaxStatus::Sent
    );
    for bad in ["", ".."] {
        let error = fax.get_status(&entry(bad)).await.expect_err("empty");
        assert_eq!(error.invalid_field(), Some("session_id"));
    }
    assert_eq!(received(&server).await.len(), 1);
}

fn faxlines() -> serde_json::Value {
    json!({"items": [
        {"id": "f0", "alias": "Alexander Bain's fax", "tagline": "Example Ltd.", "canSend": true, "canReceive": false},
        {"id": "f1"}
    ]})
}

#[tokio::test]
async fn list_faxlines_of_the_authenticated_user() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/authorization/userinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"sub": "w3"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/w3/faxlines"))
        .respond_with(ResponseTemplate::new(200).set_body_json(faxlines()))
        .expect(1)
        .mount(&server)
        .await;
    let lines = client(&server).fax().list_faxlines().await.expect("ok");
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].id, FaxlineId::new("f0"));
    assert_eq!(lines[1].id, "f1");
    let seen: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| {
            format!(
                "{} {} {:?} {}",
                r.method,
                r.url.path(),
                r.url.query(),
                r.body.len()
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            "GET /v2/authorization/userinfo None 0",
            "GET /v2/w3/faxlines None 0"
        ]
    );
    assert_eq!(lines[0].alias, "Alexander Bain's fax");
    assert_eq!(lines[0].tagline, "Example Ltd.");
    assert!(lines[0].can_send && !lines[0].can_receive);
    assert!(!lines[1].can_send && lines[1].tagline.is_empty());
}

#[tokio::test]
async fn list_faxlines_of_a_web_user() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/w1/faxlines"))
        .respond_with(ResponseTemplate::new(200).set_body_json(faxlines()))
        .expect(1)
        .mount(&server)
        .await;
    let lines = client(&server)
        .fax()
        .list_faxlines_of(&WebuserId::new("w1"))
        .await
        .expect("ok");
    assert_eq!(lines.len(), 2);
    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(
        (requests[0].url.query(), requests[0].body.is_empty()),
        (None, true)
    );
    // A bad id is refused before any request.
    for bad in ["", ".", ".."] {
        let error = client(&server)
            .fax()
            .list_faxlines_of(&WebuserId::new(bad))
            .await
            .expect_err("bad id");
        assert_eq!(error.invalid_field(), Some("webuser_id"), "{bad:?}");
    }
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn faxline_errors_are_mapped() {
    let server = MockServer::start().await;
    for (user, status) in [("w1", 403), ("w2", 404)] {
        Mock::given(method("GET"))
            .and(path(format!("/v2/{user}/faxlines")))
            .respond_with(ResponseTemplate::new(status))
            .mount(&server)
            .await;
    }
    let fax = client(&server).fax();
    let error = fax
        .list_faxlines_of(&WebuserId::new("w1"))
        .await
        .expect_err("403");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert!(
        error.to_string().contains("fax feature not booked"),
        "{error}"
    );
    let error = fax
        .list_faxlines_of(&WebuserId::new("w2"))
        .await
        .expect_err("404");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("web user not found"), "{error}");
}
