//! create, update, delete, delete all private, delete all shared against a mock API.

mod common;

use common::{Directory, directory};
use serde_json::json;
use sipgateio_contacts::{
    Address, Contact, ContactId, ContactsClient, ContactsExt, CreateScope, Email, NewContact,
    PhoneNumber, Scope,
};
use sipgateio_core::Error;
use sipgateio_test_support::mock::{assert_no_request, client, received};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn ada() -> NewContact {
    let mut address = Address::new("Gladbacher Str. 74", "40219", "Düsseldorf", "Germany");
    address.po_box = "PB 1".into();
    NewContact::new("Ada", "Lovelace")
        .number(PhoneNumber::new("+49211").types(["work"]))
        .email(Email::new("a@b.de"))
        .address(address)
        .organization(["Org", "Dept"])
        .picture("base64pic")
}

#[tokio::test]
async fn create_posts_the_node_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/contacts"))
        .and(body_json(json!({
            "name": "Ada Lovelace", "family": "Lovelace", "given": "Ada",
            "organization": [["Org", "Dept"]], "picture": "base64pic", "scope": "SHARED",
            "addresses": [{"poBox": "PB 1", "extendedAddress": "", "streetAddress": "Gladbacher Str. 74",
                "locality": "Düsseldorf", "region": "", "postalCode": "40219", "country": "Germany"}],
            "emails": [{"email": "a@b.de", "type": []}],
            "numbers": [{"number": "+49211", "type": ["work"]}]
        })))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .contacts()
        .create(&ada(), CreateScope::Shared)
        .await
        .expect("created");
}

#[tokio::test]
async fn create_sends_no_stray_space_and_empty_lists() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/contacts"))
        .and(body_json(json!({
            "name": "Cher", "family": "", "given": "Cher", "organization": [], "picture": null,
            "scope": "PRIVATE", "addresses": [], "emails": [], "numbers": []
        })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    ContactsClient::new(&client(&server))
        .create(&NewContact::new("Cher", ""), CreateScope::Private)
        .await
        .expect("created");
}

#[tokio::test]
async fn create_validates_before_sending() {
    let server = MockServer::start().await;
    let contacts = client(&server).contacts();
    // A scope other than PRIVATE or SHARED does not compile (see the `CreateScope` docs).
    let cases = [
        (NewContact::new("", ""), CreateScope::Private, "name"),
        (NewContact::new(" ", "  "), CreateScope::Shared, "name"),
        (
            ada().number(PhoneNumber::new(" ")),
            CreateScope::Private,
            "numbers",
        ),
        (ada().email(Email::new("")), CreateScope::Private, "emails"),
    ];
    for (contact, scope, field) in cases {
        let error = contacts.create(&contact, scope).await.expect_err(field);
        assert_eq!(error.invalid_field(), Some(field), "{error}");
    }
    assert_no_request(&server).await;
}

async fn failing(status: u16, http_method: &str, at: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(http_method))
        .and(path(at))
        .respond_with(ResponseTemplate::new(status).set_body_json(json!({"message": "nope"})))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn create_errors_carry_their_meaning_and_500_is_not_invalid_csv() {
    let server = failing(400, "POST", "/v2/contacts").await;
    let error = client(&server)
        .contacts()
        .create(&ada(), CreateScope::Private)
        .await
        .expect_err("400");
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("rejected the contact as invalid"),
        "{error}"
    );

    let server = failing(403, "POST", "/v2/contacts").await;
    let error = client(&server)
        .contacts()
        .create(&ada(), CreateScope::Private)
        .await
        .expect_err("403");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert!(error.to_string().contains("contacts:write"), "{error}");

    let server = failing(401, "POST", "/v2/contacts").await;
    let error = client(&server)
        .contacts()
        .create(&ada(), CreateScope::Private)
        .await
        .expect_err("401");
    assert!(matches!(error, Error::Unauthorized(_)), "{error:?}");

    let server = failing(500, "POST", "/v2/contacts").await;
    let error = client(&server)
        .contacts()
        .create(&ada(), CreateScope::Private)
        .await
        .expect_err("500");
    assert!(
        matches!(error, Error::Api(ref api) if api.status() == 500),
        "{error:?}"
    );
    assert!(!error.to_string().to_lowercase().contains("csv"), "{error}");
    assert!(error.to_string().contains("nope"), "{error}");
}

fn stored() -> Contact {
    let mut contact = Contact::new(ContactId::new("a/b 1"), "Ada Lovelace", Scope::Private);
    contact
        .numbers
        .push(PhoneNumber::new("+49211").types(["cell"]));
    contact
}

#[tokio::test]
async fn update_puts_the_whole_contact_to_its_encoded_id() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/v2/contacts/a%2Fb%201"))
        .and(body_json(json!({
            "id": "a/b 1", "name": "Ada Lovelace", "picture": null, "emails": [],
            "numbers": [{"number": "+49211", "type": ["cell"]}], "addresses": [],
            "organization": [], "scope": "PRIVATE"
        })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .contacts()
        .update(&stored())
        .await
        .expect("updated");
}

#[tokio::test]
async fn update_sends_known_given_and_family() {
    let server = MockServer::start().await;
    let mut contact = Contact::new(ContactId::new("7"), "Dr. Ada Lovelace", Scope::Shared);
    contact.given = Some("Ada".into());
    contact.family = Some("Lovelace".into());
    Mock::given(method("PUT"))
        .and(path("/v2/contacts/7"))
        .and(body_json(json!({
            "id": "7", "name": "Dr. Ada Lovelace", "given": "Ada", "family": "Lovelace",
            "picture": null, "emails": [], "numbers": [], "addresses": [], "organization": [],
            "scope": "SHARED"
        })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .contacts()
        .update(&contact)
        .await
        .expect("updated");
}

#[tokio::test]
async fn update_validates_before_sending() {
    let server = MockServer::start().await;
    let contacts = client(&server).contacts();
    let mut cases = Vec::new();
    for id in ["", ".", ".."] {
        let mut c = stored();
        c.id = ContactId::new(id);
        cases.push((c, "id"));
    }
    let mut c = stored();
    c.name = "  ".into();
    cases.push((c, "name"));
    for scope in [Scope::Internal, Scope::Unknown("X".into())] {
        let mut c = stored();
        c.scope = scope;
        cases.push((c, "scope"));
    }
    let mut c = stored();
    c.numbers.push(PhoneNumber::new(""));
    cases.push((c, "numbers"));
    let mut c = stored();
    c.emails.push(Email::new(" "));
    cases.push((c, "emails"));
    for (contact, field) in cases {
        let error = contacts.update(&contact).await.expect_err(field);
        assert_eq!(error.invalid_field(), Some(field), "{error}");
    }
    assert_no_request(&server).await;
}

#[tokio::test]
async fn update_errors() {
    for (status, check) in [
        (404, "contact not found"),
        (400, "rejected the contact as invalid"),
        (403, "contacts:write"),
    ] {
        let server = failing(status, "PUT", "/v2/contacts/a%2Fb%201").await;
        let error = client(&server)
            .contacts()
            .update(&stored())
            .await
            .expect_err("fails");
        assert_eq!(error.status(), Some(status));
        assert!(error.to_string().contains(check), "{error}");
        if status == 404 {
            assert!(matches!(error, Error::NotFound(_)));
        }
    }
}

#[tokio::test]
async fn delete_one_contact() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/v2/contacts/abc%3F"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .contacts()
        .delete(&ContactId::new("abc?"))
        .await
        .expect("deleted");
}

#[tokio::test]
async fn delete_validates_and_maps_errors() {
    let server = MockServer::start().await;
    for id in ["", "..", "."] {
        let error = client(&server)
            .contacts()
            .delete(&ContactId::new(id))
            .await
            .expect_err("invalid");
        assert_eq!(error.invalid_field(), Some("id"));
    }
    assert_no_request(&server).await;

    let server = failing(404, "DELETE", "/v2/contacts/x").await;
    let error = client(&server)
        .contacts()
        .delete(&ContactId::new("x"))
        .await
        .expect_err("404");
    assert!(matches!(error, Error::NotFound(_)));
    assert!(error.to_string().contains("contact not found"), "{error}");
    let server = failing(403, "DELETE", "/v2/contacts/x").await;
    let error = client(&server)
        .contacts()
        .delete(&ContactId::new("x"))
        .await
        .expect_err("403");
    assert!(matches!(error, Error::Forbidden(_)));
    let server = failing(500, "DELETE", "/v2/contacts/x").await;
    let error = client(&server)
        .contacts()
        .delete(&ContactId::new("x"))
        .await
        .expect_err("500");
    assert!(!error.to_string().to_lowercase().contains("csv"), "{error}");
}

#[tokio::test]
async fn delete_all_private() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/v2/contacts"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .contacts()
        .delete_all_private()
        .await
        .expect("deleted");
    let requests = received(&server).await;
    assert_eq!(requests[0].url.query(), None);

    let server = failing(403, "DELETE", "/v2/contacts").await;
    let error = client(&server)
        .contacts()
        .delete_all_private()
        .await
        .expect_err("403");
    assert!(matches!(error, Error::Forbidden(_)));
    assert!(error.to_string().contains("contacts:write"), "{error}");
}

#[tokio::test]
async fn delete_all_shared_reads_every_page_then_awaits_every_delete() {
    let server = MockServer::start().await;
    // 2500 contacts over three server pages; every third one is shared (ids 1, 4, 7, …).
    let all = directory(2500);
    let shared: Vec<String> = (0..2500)
        .filter(|i| i % 3 == 1)
        .map(|i| i.to_string())
        .collect();
    Mock::given(method("GET"))
        .and(path("/v2/contacts"))
        .respond_with(Directory(all))
        .expect(3)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/v2/contacts/4"))
        .respond_with(ResponseTemplate::new(500))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/v2/contacts/7"))
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .expect(shared.len() as u64 - 2)
        .mount(&server)
        .await;

    let report = client(&server)
        .contacts()
        .delete_all_shared()
        .await
        .expect("listed");

    assert!(!report.is_complete());
    assert_eq!(report.failed.len(), 1);
    assert_eq!(report.failed[0].id, "4");
    assert_eq!(report.failed[0].error.status(), Some(500));
    let mut deleted = report.deleted.clone();
    deleted.sort_by_key(|id| id.as_str().parse::<u32>().unwrap_or(u32::MAX));
    let total_shared = shared.len();
    assert_eq!(total_shared, 833);
    let expected: Vec<ContactId> = shared
        .into_iter()
        .filter(|id| id != "4")
        .map(ContactId::new)
        .collect();
    assert_eq!(deleted, expected);
    // Every delete was awaited: all of them reached the server before the call returned.
    let requests = received(&server).await;
    let deletes = requests
        .iter()
        .filter(|r| r.method.as_str() == "DELETE")
        .count();
    assert_eq!(deletes, total_shared);
    // The list was read completely before the first delete.
    let first_delete = requests
        .iter()
        .position(|r| r.method.as_str() == "DELETE")
        .expect("deletes");
    assert_eq!(first_delete, 3);
}

#[tokio::test]
async fn delete_all_shared_deletes_nothing_when_the_list_fails() {
    let server = failing(403, "GET", "/v2/contacts").await;
    let error = client(&server)
        .contacts()
        .delete_all_shared()
        .await
        .expect_err("403");
    assert!(matches!(error, Error::Forbidden(_)));
    assert!(error.to_string().contains("contacts:read"), "{error}");
    let requests = received(&server).await;
    assert!(requests.iter().all(|r| r.method.as_str() == "GET"));
}
