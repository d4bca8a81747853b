//! The one-field shortcuts (`PUT /history/{id}/archive|read|note`): exact requests, empty and
//! entry answers, error meanings, bad ids sending nothing.

mod common;

use common::{entry, expect, expect_json};
use serde_json::json;
use sipgateio_core::Error;
use sipgateio_history::{HistoryEntry, HistoryEntryId, HistoryExt};
use sipgateio_test_support::mock::{assert_no_request, client, json_body, received};
use wiremock::{MockServer, ResponseTemplate};

fn id(id: &str) -> HistoryEntryId {
    HistoryEntryId::new(id)
}

#[tokio::test]
async fn archive_and_read_put_one_value_each() {
    let server = MockServer::start().await;
    expect_json(
        &server,
        "PUT",
        "/v2/history/E1/archive",
        json!({"value": true}),
        1,
    )
    .await;
    expect_json(
        &server,
        "PUT",
        "/v2/history/E1/archive",
        json!({"value": false}),
        1,
    )
    .await;
    expect_json(
        &server,
        "PUT",
        "/v2/history/E1/read",
        json!({"value": true}),
        1,
    )
    .await;
    expect_json(
        &server,
        "PUT",
        "/v2/history/E1/read",
        json!({"value": false}),
        1,
    )
    .await;
    let history = client(&server).history();
    history.archive(&id("E1")).await.expect("archived");
    history.unarchive(&id("E1")).await.expect("unarchived");
    history.mark_read(&id("E1")).await.expect("read");
    history.mark_unread(&id("E1")).await.expect("unread");
    let seen: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| {
            format!(
                "{} {} {:?} {}",
                r.method,
                r.url.path(),
                r.url.query(),
                json_body(r)
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            r#"PUT /v2/history/E1/archive None {"value":true}"#,
            r#"PUT /v2/history/E1/archive None {"value":false}"#,
            r#"PUT /v2/history/E1/read None {"value":true}"#,
            r#"PUT /v2/history/E1/read None {"value":false}"#,
        ]
    );
}

#[tokio::test]
async fn set_note_returns_the_changed_entry_or_none_for_an_empty_answer() {
    let server = MockServer::start().await;
    let mut changed = entry("S1", "SMS");
    changed["note"] = json!("called back");
    expect(
        &server,
        "PUT",
        "/v2/history/S1/note",
        Some(""),
        ResponseTemplate::new(200).set_body_json(changed),
        1,
    )
    .await;
    expect(
        &server,
        "PUT",
        "/v2/history/S2/note",
        Some(""),
        ResponseTemplate::new(204),
        1,
    )
    .await;
    let history = client(&server).history();
    let entry = history
        .set_note(&id("S1"), "called back")
        .await
        .expect("noted")
        .expect("the answer holds the entry");
    assert!(matches!(entry, HistoryEntry::Sms(_)), "{entry:?}");
    assert_eq!(
        entry.base().and_then(|b| b.note.as_deref()),
        Some("called back")
    );
    assert_eq!(history.set_note(&id("S2"), "").await.expect("noted"), None);
    let bodies: Vec<_> = received(&server).await.iter().map(json_body).collect();
    assert_eq!(
        bodies,
        [json!({"note": "called back"}), json!({"note": ""})]
    );
}

#[tokio::test]
async fn errors_carry_the_history_meaning() {
    let server = MockServer::start().await;
    expect(
        &server,
        "PUT",
        "/v2/history/gone/archive",
        None,
        ResponseTemplate::new(404),
        1,
    )
    .await;
    expect(
        &server,
        "PUT",
        "/v2/history/bad/read",
        None,
        ResponseTemplate::new(400),
        1,
    )
    .await;
    expect(
        &server,
        "PUT",
        "/v2/history/odd/note",
        None,
        ResponseTemplate::new(200).set_body_string("<html>"),
        1,
    )
    .await;
    let history = client(&server).history();
    let error = history.archive(&id("gone")).await.expect_err("404");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("history entry could not be found"),
        "{error}"
    );
    let error = history.mark_unread(&id("bad")).await.expect_err("400");
    assert_eq!(error.status(), Some(400));
    assert!(
        error.to_string().contains("invalid history update"),
        "{error}"
    );
    let error = history.set_note(&id("odd"), "x").await.expect_err("html");
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
}

#[tokio::test]
async fn empty_or_dot_ids_send_nothing() {
    let server = MockServer::start().await;
    let history = client(&server).history();
    for bad in ["", ".", ".."] {
        let errors = [
            history.archive(&id(bad)).await.expect_err("archive"),
            history.unarchive(&id(bad)).await.expect_err("unarchive"),
            history.mark_read(&id(bad)).await.expect_err("read"),
            history.mark_unread(&id(bad)).await.expect_err("unread"),
            history.set_note(&id(bad), "x").await.expect_err("note"),
        ];
        for error in errors {
            assert_eq!(error.invalid_field(), Some("id"), "{bad:?}: {error}");
        }
    }
    assert_no_request(&server).await;
}
