//! Sending and resending faxes: wire format, validation and error meanings.

use chrono::Utc;
use serde_json::json;
use sipgateio_core::Error;
use sipgateio_fax::{
    Fax, FaxClient, FaxExt, FaxSession, FaxlineId, HistoryEntryId, default_filename,
};
use sipgateio_test_support::mock::{received, retrying_client as client};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PDF: &[u8] = b"%PDF-1.4\nhello\n%%EOF";
/// base64 of [`PDF`], as observed from the Node library.
const PDF_BASE64: &str = "JVBERi0xLjQKaGVsbG8KJSVFT0Y=";

fn line(id: &str) -> FaxlineId {
    FaxlineId::new(id)
}

fn session(id: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"sessionId": id}))
}

#[tokio::test]
async fn send_posts_the_base64_document() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions/fax"))
        .and(body_json(json!({
            "base64Content": PDF_BASE64,
            "faxlineId": "f0",
            "filename": "invoice.pdf",
            "recipient": "+4921100000"
        })))
        .respond_with(session("F123"))
        .expect(1)
        .mount(&server)
        .await;
    let fax = Fax::new(line("f0"), "+4921100000", PDF).filename("invoice.pdf");
    let sent = client(&server).fax().send(&fax).await.expect("sent");
    assert_eq!(sent.session_id, HistoryEntryId::new("F123"));
}

#[tokio::test]
async fn a_missing_filename_is_defaulted_in_the_request_only() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions/fax"))
        .respond_with(session("F1"))
        .expect(2)
        .mount(&server)
        .await;
    let fax = FaxClient::new(&client(&server));
    for unnamed in [
        Fax::new(line("f0"), "+4921100000", PDF),
        Fax::new(line("f0"), "+4921100000", PDF).filename(""),
    ] {
        let before = Utc::now();
        fax.send(&unnamed).await.expect("sent");
        let after = Utc::now();
        assert!(
            unnamed.file_name().is_none_or(str::is_empty),
            "caller's value unchanged"
        );
        let requests = received(&server).await;
        let body: serde_json::Value =
            serde_json::from_slice(&requests[requests.len() - 1].body).expect("json");
        let name = body["filename"].as_str().expect("a name");
        assert!(
            name == default_filename(before) || name == default_filename(after),
            "{name}"
        );
        assert!(name.starts_with("Fax_2") && name.len() == "Fax_20240123_1033".len());
    }
}

#[tokio::test]
async fn pdfs_with_a_second_pdf_marker_are_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions/fax"))
        .respond_with(session("F2"))
        .expect(1)
        .mount(&server)
        .await;
    let incremental = b"%PDF-1.7\n1 0 obj\n%%EOF\n%PDF-1.7 update\n%%EOF\n".to_vec();
    client(&server)
        .fax()
        .send(&Fax::new(line("f3"), "+4921100000", incremental))
        .await
        .expect("sent");
}

#[tokio::test]
async fn invalid_faxes_send_nothing() {
    let server = MockServer::start().await;
    let fax = client(&server).fax();
    let cases = [
        (
            Fax::new(line("f0"), "+4921100000", b"hello".to_vec()),
            "content",
        ),
        (Fax::new(line("f0"), "+4921100000", Vec::new()), "content"),
        (
            Fax::new(line("f0"), "+4921100000", b" %PDF-1.4 %%EOF".to_vec()),
            "content",
        ),
        (
            Fax::new(line("f0"), "+4921100000", b"%PDF-1.4 no end".to_vec()),
            "content",
        ),
        (Fax::new(line("p0"), "+4921100000", PDF), "faxline_id"),
        (Fax::new(line("f01"), "+4921100000", PDF), "faxline_id"),
        (Fax::new(line(""), "+4921100000", PDF), "faxline_id"),
        (Fax::new(line("f0"), "021100000", PDF), "to"),
        (Fax::new(line("f0"), "", PDF), "to"),
    ];
    for (bad, field) in cases {
        let error = fax.send(&bad).await.expect_err("invalid");
        assert_eq!(error.invalid_field(), Some(field), "{bad:?}: {error}");
    }
    assert!(received(&server).await.is_empty());
}

async fn send_failing_with(status: u16) -> Error {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions/fax"))
        .respond_with(ResponseTemplate::new(status).set_body_string("nope"))
        .mount(&server)
        .await;
    client(&server)
        .fax()
        .send(&Fax::new(line("f0"), "+4921100000", PDF))
        .await
        .expect_err("fails")
}

#[tokio::test]
async fn send_errors_carry_the_fax_meaning() {
    for (status, variant, meaning) in [
        (400, "Api", "fax was rejected"),
        (401, "Unauthorized", "nope"),
        (402, "PaymentRequired", "insufficient funds"),
        (403, "Forbidden", "not booked"),
        (404, "NotFound", "fax was not found"),
        (500, "Api", "nope"),
    ] {
        let error = send_failing_with(status).await;
        assert_eq!(error.status(), Some(status));
        assert!(format!("{error:?}").starts_with(variant), "{error:?}");
        let text = error.to_string();
        assert!(text.contains(meaning) && text.contains("nope"), "{text}");
    }
}

#[tokio::test]
async fn resend_with_and_without_faxline() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions/fax/resend"))
        .and(body_json(json!({"faxId": "100018428", "faxlineId": "f1"})))
        .respond_with(session("F9"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions/fax/resend"))
        .and(body_json(json!({"faxId": "100018429"})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let fax = client(&server).fax();
    let again = fax
        .resend(&HistoryEntryId::new("100018428"), Some(&line("f1")))
        .await
        .expect("resent");
    assert_eq!(
        again.map(|s: FaxSession| s.session_id),
        Some(HistoryEntryId::new("F9"))
    );
    assert_eq!(
        fax.resend(&HistoryEntryId::new("100018429"), None)
            .await
            .expect("resent"),
        None
    );
}

#[tokio::test]
async fn invalid_resends_send_nothing() {
    let server = MockServer::start().await;
    let fax = client(&server).fax();
    for (id, line, field) in [
        ("", None, "fax_id"),
        (" ", Some("f0"), "fax_id"),
        ("1", Some("e0"), "faxline_id"),
        ("1", Some(""), "faxline_id"),
    ] {
        let error = fax
            .resend(&HistoryEntryId::new(id), line.map(FaxlineId::new).as_ref())
            .await
            .expect_err("invalid");
        assert_eq!(error.invalid_field(), Some(field), "{id:?} {line:?}");
    }
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn resend_errors_carry_the_fax_meaning() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions/fax/resend"))
        .and(body_json(json!({"faxId": "gone"})))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions/fax/resend"))
        .and(body_json(json!({"faxId": "poor"})))
        .respond_with(ResponseTemplate::new(402))
        .mount(&server)
        .await;
    let fax = client(&server).fax();
    let error = fax
        .resend(&HistoryEntryId::new("gone"), None)
        .await
        .expect_err("404");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("fax was not found"), "{error}");
    let error = fax
        .resend(&HistoryEntryId::new("poor"), None)
        .await
        .expect_err("402");
    assert!(matches!(error, Error::PaymentRequired(_)), "{error:?}");
    assert!(error.to_string().contains("insufficient funds"), "{error}");
}
