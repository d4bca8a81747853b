//! CSV and vCard import against a mock API.

use base64::Engine as _;
use serde_json::json;
use sipgateio_contacts::{ContactsExt, CreateScope, CsvImport, ImportRow, parse_csv};
use sipgateio_core::Error;
use sipgateio_test_support::mock::{assert_no_request, client, received};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

#[tokio::test]
async fn import_csv_uploads_the_normalised_csv_as_base64_of_utf8() {
    let server = MockServer::start().await;
    let expected = "firstname,lastname,number\nAlan,Turing,+4921163553355\n\"Ada, Countess\",Lovelace-Łukasz,+4921163553356\n";
    Mock::given(method("POST"))
        .and(path("/v2/contacts/import/csv"))
        .and(body_json(json!({"base64Content": b64(expected)})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let input = "Number, LastName ,firstname,city\n+4921163553355,Turing,Alan,London\n\n,,,\n\
                 +4921163553356,Lovelace-Łukasz,\"Ada, Countess\",\n";
    let imported = client(&server)
        .contacts()
        .import_csv(input)
        .await
        .expect("imported");
    assert_eq!(imported, 2);
}

#[tokio::test]
async fn import_csv_reports_every_bad_row_and_uploads_nothing() {
    let server = MockServer::start().await;
    let input = "firstname,lastname,number\nAda,Lovelace,+4921163553355\n,,+4921163553355\n\
                 Alan,Turing,\nGrace,Hopper,0211 123456\nX,Y,+49\n";
    let error = client(&server)
        .contacts()
        .import_csv(input)
        .await
        .expect_err("bad rows");
    assert_eq!(error.invalid_field(), Some("csv"));
    let text = error.to_string();
    for expected in [
        "4 invalid CSV row(s)",
        "line 3: firstname and lastname are both empty",
        "line 4: number is empty",
        "line 5: invalid number \"0211 123456\"",
        "line 6: invalid number \"+49\"",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in {text}");
    }
    assert_no_request(&server).await;
}

#[tokio::test]
async fn import_csv_rejects_missing_columns_and_empty_input() {
    let server = MockServer::start().await;
    for (input, expected) in [
        (
            "firstname,lastname\nAda,Lovelace\n",
            "lacks the column(s) number",
        ),
        ("", "empty"),
    ] {
        let error = client(&server)
            .contacts()
            .import_csv(input)
            .await
            .expect_err(input);
        assert_eq!(error.invalid_field(), Some("csv"));
        assert!(error.to_string().contains(expected), "{error}");
    }
    assert_no_request(&server).await;
}

#[tokio::test]
async fn header_only_is_an_empty_import_without_a_request() {
    let server = MockServer::start().await;
    let imported = client(&server)
        .contacts()
        .import_csv("lastname,firstname,number\n\n")
        .await
        .expect("valid");
    assert_eq!(imported, 0);
    assert_no_request(&server).await;
}

#[tokio::test]
async fn import_csv_rows_uploads_a_prepared_import() {
    let server = MockServer::start().await;
    let import = CsvImport::from_rows([ImportRow::new("Ada", "", "+4921163553355")]);
    Mock::given(method("POST"))
        .and(path("/v2/contacts/import/csv"))
        .and(body_json(
            json!({"base64Content": b64("firstname,lastname,number\nAda,,+4921163553355\n")}),
        ))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(
        client(&server)
            .contacts()
            .import_csv_rows(&import)
            .await
            .expect("ok"),
        1
    );
}

#[tokio::test]
async fn import_csv_errors() {
    for status in [400, 403, 500] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/v2/contacts/import/csv"))
            .respond_with(ResponseTemplate::new(status))
            .mount(&server)
            .await;
        let error = client(&server)
            .contacts()
            .import_csv("firstname,lastname,number\nAda,Lovelace,+4921163553355\n")
            .await
            .expect_err("fails");
        assert_eq!(error.status(), Some(status));
        match status {
            400 => assert!(
                error.to_string().contains("rejected the CSV import"),
                "{error}"
            ),
            403 => assert!(matches!(error, Error::Forbidden(_))),
            _ => assert!(matches!(error, Error::Api(_))),
        }
    }
}

#[test]
fn parse_csv_uses_the_core_phone_rule() {
    assert!(parse_csv("firstname,lastname,number\nAda,L,+4921163553355\n").is_ok());
    assert!(parse_csv("firstname,lastname,number\nAda,L,+1 202 555 1212\n").is_ok());
    for bad in ["0211123456", "+49", "text", "+999123456"] {
        let input = format!("firstname,lastname,number\nAda,L,{bad}\n");
        assert!(parse_csv(&input).is_err(), "{bad}");
    }
}

const TWO_CARDS: &str = "BEGIN:VCARD\nVERSION:3.0\nN:Lovelace;Ada;;;\nFN:Ada Lovelace\n\
TEL;TYPE=WORK,VOICE:+4921163553355\nTEL;TYPE=CELL:+4915799912345\nEMAIL;TYPE=INTERNET:ada@example.com\n\
ADR;TYPE=HOME:;;Gladbacher Str. 74;Düsseldorf;;40219;Germany\nEND:VCARD\n\
BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Alan Turing\r\nORG:Bletchley Park;Hut 8\r\nEND:VCARD\r\n";

#[tokio::test]
async fn import_vcard_creates_one_contact_per_card_with_every_field() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/contacts"))
        .and(body_json(json!({
            "name": "Ada Lovelace", "family": "Lovelace", "given": "Ada", "organization": [],
            "picture": null, "scope": "SHARED",
            "addresses": [{"poBox": "", "extendedAddress": "", "streetAddress": "Gladbacher Str. 74",
                "locality": "Düsseldorf", "region": "", "postalCode": "40219", "country": "Germany"}],
            "emails": [{"email": "ada@example.com", "type": ["internet"]}],
            "numbers": [{"number": "+4921163553355", "type": ["work", "voice"]},
                        {"number": "+4915799912345", "type": ["cell"]}]
        })))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/contacts"))
        .and(body_json(json!({
            "name": "Alan Turing", "family": "Turing", "given": "Alan",
            "organization": [["Bletchley Park", "Hut 8"]], "picture": null, "scope": "SHARED",
            "addresses": [], "emails": [], "numbers": []
        })))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    let created = client(&server)
        .contacts()
        .import_vcard(TWO_CARDS, CreateScope::Shared)
        .await
        .expect("imported");
    assert_eq!(created, 2);
    let requests = received(&server).await;
    assert!(
        String::from_utf8_lossy(&requests[0].body).contains("Ada"),
        "cards in order"
    );
}

#[tokio::test]
async fn import_vcard_validates_everything_before_the_first_request() {
    let server = MockServer::start().await;
    let contacts = client(&server).contacts();
    let bad = format!("{TWO_CARDS}BEGIN:VCARD\nVERSION:4.0\nTEL:+49211\nEND:VCARD\n");
    let error = contacts
        .import_vcard(&bad, CreateScope::Private)
        .await
        .expect_err("no name");
    assert_eq!(error.invalid_field(), Some("vcard"));
    assert!(error.to_string().contains("card 3: no name"), "{error}");
    for garbage in ["", "not a vcard"] {
        let error = contacts
            .import_vcard(garbage, CreateScope::Private)
            .await
            .expect_err(garbage);
        assert_eq!(error.invalid_field(), Some("vcard"));
    }
    assert_no_request(&server).await;
}

#[tokio::test]
async fn import_vcard_stops_at_the_first_failed_create() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server)
        .contacts()
        .import_vcard(TWO_CARDS, CreateScope::Private)
        .await
        .expect_err("500");
    assert!(matches!(error, Error::Api(ref api) if api.status() == 500));
    assert!(!error.to_string().to_lowercase().contains("csv"), "{error}");
}
