//! list, stream, internal contacts and the exports against a mock API.

mod common;

use common::{Directory, contact, directory, queries};
use futures_util::TryStreamExt as _;
use serde_json::json;
use sipgateio_contacts::{ContactId, ContactsExt, ListOptions, Scope, ScopeFilter};
use sipgateio_core::Error;
use sipgateio_test_support::mock::{assert_no_request, client};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serving(contacts: Vec<serde_json::Value>) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/contacts"))
        .respond_with(Directory(contacts))
        .mount(&server)
        .await;
    server
}

fn ids(contacts: &[sipgateio_contacts::Contact]) -> Vec<&str> {
    contacts.iter().map(|c| c.id.as_str()).collect()
}

#[tokio::test]
async fn all_uses_the_servers_paging_and_filter() {
    let server = serving(directory(10)).await;
    let options = ListOptions::new()
        .offset(4)
        .limit(2)
        .phone_number("+4915799912345")
        .phone_number("+4921100000");
    let page = client(&server)
        .contacts()
        .list(ScopeFilter::All, &options)
        .await
        .expect("listed");
    assert_eq!(
        queries(&server).await,
        [
            "GET /v2/contacts?offset=4&limit=2&phonenumbers=%2B4915799912345&phonenumbers=%2B4921100000"
        ]
    );
    assert_eq!(ids(&page.items), ["4", "5"]);
    assert_eq!(page.total_count, Some(10));
    assert!(page.has_more);
    let contact = &page.items[0];
    assert_eq!(contact.scope, Scope::Shared);
    assert_eq!(contact.numbers[0].types, ["cell"]);
}

#[tokio::test]
async fn all_defaults_to_the_api_limit_and_knows_the_last_page() {
    let server = serving(directory(3)).await;
    let page = client(&server)
        .contacts()
        .list(ScopeFilter::All, &ListOptions::new())
        .await
        .expect("listed");
    assert_eq!(
        queries(&server).await,
        ["GET /v2/contacts?offset=0&limit=5000"]
    );
    assert_eq!(page.items.len(), 3);
    assert!(!page.has_more);
}

#[tokio::test]
async fn private_pages_count_private_contacts_only() {
    // 3000 contacts, a third of them private (ids 0, 3, 6, …).
    let server = serving(directory(3000)).await;
    let page = client(&server)
        .contacts()
        .list(ScopeFilter::Private, &ListOptions::new().offset(2).limit(3))
        .await
        .expect("listed");
    assert_eq!(ids(&page.items), ["6", "9", "12"]);
    assert!(page.items.iter().all(|c| c.scope == Scope::Private));
    assert!(page.has_more);
    assert_eq!(page.total_count, None);
    assert_eq!(
        queries(&server).await,
        ["GET /v2/contacts?offset=0&limit=1000"]
    );

    // Beyond the first server page: private contact #400 is contact 1200.
    let page = client(&server)
        .contacts()
        .list(
            ScopeFilter::Private,
            &ListOptions::new().offset(400).limit(2),
        )
        .await
        .expect("listed");
    assert_eq!(ids(&page.items), ["1200", "1203"]);
}

#[tokio::test]
async fn shared_pages_are_full_up_to_the_end_and_count_exactly() {
    let server = serving(directory(2500)).await;
    let page = client(&server)
        .contacts()
        .list(
            ScopeFilter::Shared,
            &ListOptions::new().offset(830).limit(10),
        )
        .await
        .expect("listed");
    // 833 shared contacts: the last page has the last 3, and the total is known.
    assert_eq!(ids(&page.items), ["2491", "2494", "2497"]);
    assert!(!page.has_more);
    assert_eq!(page.total_count, Some(833));
    assert_eq!(
        queries(&server).await,
        [
            "GET /v2/contacts?offset=0&limit=1000",
            "GET /v2/contacts?offset=1000&limit=1000",
            "GET /v2/contacts?offset=2000&limit=1000",
        ]
    );
}

#[tokio::test]
async fn internal_comes_from_the_internal_endpoint() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/contacts/internal"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [
            {"id": "i0", "name": "Ada Lovelace", "emails": ["ada@example.com"], "mobile": ["+4915799912345"],
             "landline": ["+4921100001"], "fax": ["+4921100002"], "directdial": ["+4921100003"]},
            {"id": "i1", "name": "Alan Turing"},
            {"id": "i2", "name": "Grace Hopper"}
        ]})))
        .expect(1)
        .mount(&server)
        .await;
    let page = client(&server)
        .contacts()
        .list(ScopeFilter::Internal, &ListOptions::new().limit(2))
        .await
        .expect("listed");
    assert_eq!(ids(&page.items), ["i0", "i1"]);
    assert!(page.has_more);
    let ada = &page.items[0];
    assert_eq!(ada.scope, Scope::Internal);
    assert_eq!(ada.emails[0].email, "ada@example.com");
    let numbers: Vec<(&str, &str)> = ada
        .numbers
        .iter()
        .map(|n| (n.number.as_str(), n.types[0].as_str()))
        .collect();
    assert_eq!(
        numbers,
        [
            ("+4915799912345", "cell"),
            ("+4921100001", "voice"),
            ("+4921100002", "fax"),
            ("+4921100003", "work")
        ]
    );
}

#[tokio::test]
async fn internal_falls_back_to_filtering_when_the_endpoint_is_missing() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/contacts/internal"))
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/contacts"))
        .respond_with(Directory(directory(9)))
        .mount(&server)
        .await;
    let page = client(&server)
        .contacts()
        .list(ScopeFilter::Internal, &ListOptions::new())
        .await
        .expect("listed");
    assert_eq!(ids(&page.items), ["2", "5", "8"]);
    assert_eq!(page.total_count, Some(3));
}

#[tokio::test]
async fn internal_with_a_phone_filter_filters_the_server_list() {
    let server = serving(directory(6)).await;
    let page = client(&server)
        .contacts()
        .list(
            ScopeFilter::Internal,
            &ListOptions::new().phone_number("+4921100002"),
        )
        .await
        .expect("listed");
    assert_eq!(ids(&page.items), ["2", "5"]);
    assert_eq!(
        queries(&server).await,
        ["GET /v2/contacts?offset=0&limit=1000&phonenumbers=%2B4921100002"]
    );
}

#[tokio::test]
async fn listing_options_are_validated_before_sending() {
    let server = MockServer::start().await;
    let contacts = client(&server).contacts();
    let cases = [
        (ListOptions::new().limit(0), "limit"),
        (ListOptions::new().limit(u32::MAX), "limit"),
        (ListOptions::new().offset(u32::MAX), "offset"),
        (
            ListOptions::new().phone_number("0211123456"),
            "phone_numbers",
        ),
        (ListOptions::new().phone_number(""), "phone_numbers"),
    ];
    for (options, field) in cases {
        for scope in [
            ScopeFilter::All,
            ScopeFilter::Private,
            ScopeFilter::Internal,
        ] {
            let error = contacts.list(scope, &options).await.expect_err(field);
            assert_eq!(error.invalid_field(), Some(field), "{error}");
            let error = contacts
                .stream(scope, &options)
                .try_collect::<Vec<_>>()
                .await
                .expect_err(field);
            assert_eq!(error.invalid_field(), Some(field), "{error}");
            let error = contacts
                .export_csv(scope, ',', &options)
                .await
                .expect_err(field);
            assert_eq!(error.invalid_field(), Some(field), "{error}");
            let error = contacts
                .export_json(scope, &options)
                .await
                .expect_err(field);
            assert_eq!(error.invalid_field(), Some(field), "{error}");
        }
    }
    assert_no_request(&server).await;
}

#[tokio::test]
async fn listing_errors_carry_their_meaning() {
    for (status, check) in [
        (400, "invalid pagination or phone-number filter"),
        (403, "contacts:read"),
        (401, "HTTP 401"),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status))
            .mount(&server)
            .await;
        for scope in [ScopeFilter::All, ScopeFilter::Shared, ScopeFilter::Internal] {
            if status == 400 && scope == ScopeFilter::Internal {
                // `GET /contacts/internal` takes no parameters, so a 400 has no meaning there.
                continue;
            }
            let error = client(&server)
                .contacts()
                .list(scope, &ListOptions::new())
                .await
                .expect_err("fails");
            assert_eq!(error.status(), Some(status), "{scope}");
            assert!(error.to_string().contains(check), "{error}");
        }
    }
}

#[tokio::test]
async fn a_malformed_answer_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"items": [{"id": 7, "scope": "PRIVATE"}]})),
        )
        .mount(&server)
        .await;
    let error = client(&server)
        .contacts()
        .list(ScopeFilter::All, &ListOptions::new())
        .await
        .expect_err("bad body");
    assert!(
        matches!(error, Error::Decode(ref d) if d.path() == "items[0].id"),
        "{error:?}"
    );
}

#[tokio::test]
async fn stream_pages_lazily_through_everything() {
    let server = serving(directory(2001)).await;
    let contacts = client(&server).contacts();
    let mut stream = contacts.stream(ScopeFilter::All, &ListOptions::new());
    let first = stream.try_next().await.expect("ok").expect("a contact");
    assert_eq!(first.id, "0");
    assert_eq!(queries(&server).await.len(), 1, "one page so far");
    let rest: Vec<_> = stream.try_collect().await.expect("ok");
    assert_eq!(rest.len(), 2000);
    assert_eq!(
        queries(&server).await,
        [
            "GET /v2/contacts?offset=0&limit=1000",
            "GET /v2/contacts?offset=1000&limit=1000",
            "GET /v2/contacts?offset=2000&limit=1000",
        ]
    );
    let shared: Vec<_> = contacts
        .stream(ScopeFilter::Shared, &ListOptions::new())
        .try_collect()
        .await
        .expect("ok");
    assert_eq!(shared.len(), 667);
    assert!(shared.iter().all(|c| c.scope == Scope::Shared));
}

#[tokio::test]
async fn stream_with_skips_and_takes_in_scope_terms() {
    let server = serving(directory(30)).await;
    let contacts = client(&server).contacts();
    let shared: Vec<_> = contacts
        .stream(ScopeFilter::Shared, &ListOptions::new().offset(1).limit(2))
        .try_collect()
        .await
        .expect("ok");
    assert_eq!(ids(&shared), ["4", "7"]);
    let all: Vec<_> = contacts
        .stream(ScopeFilter::All, &ListOptions::new().offset(28))
        .try_collect()
        .await
        .expect("ok");
    assert_eq!(ids(&all), ["28", "29"]);
    assert!(
        queries(&server)
            .await
            .contains(&"GET /v2/contacts?offset=28&limit=1000".to_owned())
    );
    let few: Vec<_> = contacts
        .stream(ScopeFilter::All, &ListOptions::new().offset(2).limit(3))
        .try_collect()
        .await
        .expect("ok");
    assert_eq!(ids(&few), ["2", "3", "4"]);
    assert_eq!(
        queries(&server).await.last().map(String::as_str),
        Some("GET /v2/contacts?offset=2&limit=3"),
        "a small limit asks for a small page"
    );
}

fn export_server_contacts() -> Vec<serde_json::Value> {
    let mut ada = contact("1", "Ada King Lovelace", "PRIVATE");
    ada["addresses"] = json!([{"poBox": "", "extendedAddress": "", "streetAddress": "Gladbacher Str. 74",
        "locality": "Düsseldorf", "region": "", "postalCode": "40219", "country": "Germany"}]);
    ada["organization"] = json!([["sipgate", "Support"]]);
    vec![ada, contact("2", "Alan Turing", "SHARED")]
}

#[tokio::test]
async fn export_csv_with_any_delimiter() {
    let server = serving(export_server_contacts()).await;
    let csv = client(&server)
        .contacts()
        .export_csv(ScopeFilter::Private, ';', &ListOptions::new())
        .await
        .expect("exported");
    assert!(!csv.has_more);
    assert_eq!(
        csv.document,
        "\"id\";\"name\";\"emails\";\"numbers\";\"addresses\";\"organization\";\"scope\"\r\n\
         \"1\";\"Ada King Lovelace\";\"[\"\"1@example.com\"\"]\";\"[\"\"+49211000001\"\"]\";\
         \"[{\"\"poBox\"\":\"\"\"\",\"\"extendedAddress\"\":\"\"\"\",\"\"streetAddress\"\":\"\"Gladbacher Str. 74\"\",\
         \"\"locality\"\":\"\"Düsseldorf\"\",\"\"region\"\":\"\"\"\",\"\"postalCode\"\":\"\"40219\"\",\"\"country\"\":\"\"Germany\"\"}]\";\
         \"[[\"\"sipgate\"\",\"\"Support\"\"]]\";\"PRIVATE\"\r\n"
    );
}

#[tokio::test]
async fn export_csv_rejects_bad_delimiters_before_sending() {
    let server = MockServer::start().await;
    for delimiter in ['"', '\n', 'ä'] {
        let error = client(&server)
            .contacts()
            .export_csv(ScopeFilter::All, delimiter, &ListOptions::new())
            .await
            .expect_err("bad delimiter");
        assert_eq!(error.invalid_field(), Some("delimiter"));
    }
    assert_no_request(&server).await;
}

#[tokio::test]
async fn export_vcards_and_address_book() {
    let server = serving(export_server_contacts()).await;
    let contacts = client(&server).contacts();
    let cards = contacts
        .export_vcards(ScopeFilter::All, &ListOptions::new())
        .await
        .expect("exported")
        .into_document();
    assert_eq!(
        cards,
        [
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada King Lovelace\r\nN:Lovelace;Ada King;;;\r\n\
             TEL;TYPE=cell:+49211000001\r\nEMAIL;TYPE=work:1@example.com\r\n\
             ADR:;;Gladbacher Str. 74;Düsseldorf;;40219;Germany\r\nORG:sipgate;Support\r\nEND:VCARD\r\n",
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Alan Turing\r\nN:Turing;Alan;;;\r\n\
             TEL;TYPE=cell:+49211000002\r\nEMAIL;TYPE=work:2@example.com\r\nEND:VCARD\r\n",
        ]
    );
    let book = contacts
        .export_address_book(ScopeFilter::Shared, &ListOptions::new())
        .await
        .expect("exported");
    assert!(!book.has_more);
    assert_eq!(book.document, cards[1]);
}

#[tokio::test]
async fn export_import_csv_is_re_importable() {
    let server = serving(export_server_contacts()).await;
    let csv = client(&server)
        .contacts()
        .export_import_csv(ScopeFilter::All, &ListOptions::new())
        .await
        .expect("exported")
        .into_document();
    assert_eq!(
        csv,
        "firstname,lastname,number\r\nAda King,Lovelace,+49211000001\r\nAlan,Turing,+49211000002\r\n"
    );
    assert_eq!(
        sipgateio_contacts::parse_csv(&csv)
            .expect("valid")
            .rows()
            .len(),
        2
    );
}

#[tokio::test]
async fn exports_without_limit_cover_every_contact_of_the_scope() {
    let server = serving(directory(2100)).await;
    let cards = client(&server)
        .contacts()
        .export_vcards(ScopeFilter::Private, &ListOptions::new())
        .await
        .expect("exported");
    assert_eq!(cards.document.len(), 700);
    assert!(!cards.has_more);
}

#[tokio::test]
async fn list_internal_returns_the_api_objects_with_typed_ids() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/contacts/internal"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [
            {"id": "i0", "name": "Ada Lovelace", "mobile": ["+4915799912345"]},
            {"id": "i1"}
        ]})))
        .expect(1)
        .mount(&server)
        .await;
    let internal = client(&server)
        .contacts()
        .list_internal()
        .await
        .expect("listed");
    assert_eq!(
        queries(&server).await,
        ["GET /v2/contacts/internal?"],
        "no query"
    );
    assert_eq!(internal.len(), 2);
    assert_eq!(internal[0].id, ContactId::new("i0"));
    assert_eq!(internal[0].mobile, ["+4915799912345"]);
    assert_eq!(
        (internal[1].name.as_str(), internal[1].emails.len()),
        ("", 0)
    );
    let contact = internal[0].to_contact();
    assert_eq!(contact.id, ContactId::new("i0"));
    assert_eq!(contact.scope, Scope::Internal);
}

#[tokio::test]
async fn an_internal_contact_without_an_id_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/contacts/internal"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"items": [{"name": "No Id"}]})),
        )
        .mount(&server)
        .await;
    let error = client(&server)
        .contacts()
        .list_internal()
        .await
        .expect_err("no id");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn export_json_of_all_is_one_request_with_the_servers_total() {
    let server = serving(directory(10)).await;
    let contacts = client(&server).contacts();
    let options = ListOptions::new()
        .offset(4)
        .limit(2)
        .phone_number("+4915799912345");
    let export = contacts
        .export_json(ScopeFilter::All, &options)
        .await
        .expect("exported");
    assert_eq!(
        queries(&server).await,
        ["GET /v2/contacts?offset=4&limit=2&phonenumbers=%2B4915799912345"]
    );
    assert!(export.has_more);
    assert_eq!(export.document.total_count, 10);
    assert_eq!(
        serde_json::to_string(&export.document).expect("serializes"),
        r#"{"contacts":[{"id":"4","name":"Person 4","emails":["4@example.com"],"numbers":["+49211000004"],"addresses":[],"organizations":[],"scope":"SHARED"},{"id":"5","name":"Person 5","emails":["5@example.com"],"numbers":["+49211000005"],"addresses":[],"organizations":[],"scope":"INTERNAL"}],"totalCount":10}"#
    );

    let last = contacts
        .export_json(ScopeFilter::All, &ListOptions::new().offset(8).limit(2))
        .await
        .expect("exported");
    assert!(!last.has_more);
    assert_eq!(ids_of(&last.document), ["8", "9"]);
    assert_eq!(last.document.total_count, 10);
    assert_eq!(
        queries(&server).await.last().map(String::as_str),
        Some("GET /v2/contacts?offset=8&limit=2")
    );
}

fn ids_of(export: &sipgateio_contacts::ContactsJson) -> Vec<&str> {
    export.contacts.iter().map(|c| c.id.as_str()).collect()
}

#[tokio::test]
async fn export_json_counts_the_contacts_of_the_scope() {
    // 2500 contacts, every third one private (ids 0, 3, 6, …): 834 private contacts.
    let server = serving(directory(2500)).await;
    let contacts = client(&server).contacts();
    let export = contacts
        .export_json(ScopeFilter::Private, &ListOptions::new().offset(2).limit(3))
        .await
        .expect("exported");
    assert_eq!(ids_of(&export.document), ["6", "9", "12"]);
    assert!(export.has_more);
    assert_eq!(
        export.document.total_count, 834,
        "the private contacts, not the server's 2500"
    );
    assert_eq!(
        queries(&server).await,
        [
            "GET /v2/contacts?offset=0&limit=1000",
            "GET /v2/contacts?offset=1000&limit=1000",
            "GET /v2/contacts?offset=2000&limit=1000",
        ],
        "counting reads the list to its end"
    );

    let everything = contacts
        .export_json(ScopeFilter::Shared, &ListOptions::new().offset(830))
        .await
        .expect("exported");
    assert_eq!(ids_of(&everything.document), ["2491", "2494", "2497"]);
    assert!(!everything.has_more);
    assert_eq!(everything.document.total_count, 833);
    assert!(
        everything
            .document
            .contacts
            .iter()
            .all(|c| c.scope == Scope::Shared)
    );
}

/// `has_more` of every export for one selection, checking that they agree.
async fn has_more_of_every_export(
    contacts: &sipgateio_contacts::ContactsClient,
    scope: ScopeFilter,
    options: &ListOptions,
) -> bool {
    let csv = contacts.export_csv(scope, ',', options).await.expect("csv");
    let import_csv = contacts
        .export_import_csv(scope, options)
        .await
        .expect("import csv");
    let json = contacts.export_json(scope, options).await.expect("json");
    let cards = contacts
        .export_vcards(scope, options)
        .await
        .expect("vcards");
    let book = contacts
        .export_address_book(scope, options)
        .await
        .expect("book");
    let all = [
        csv.has_more,
        import_csv.has_more,
        json.has_more,
        cards.has_more,
        book.has_more,
    ];
    assert!(
        all.iter().all(|more| *more == all[0]),
        "{scope} {options:?}: {all:?}"
    );
    assert_eq!(cards.document.len(), json.document.contacts.len());
    all[0]
}

#[tokio::test]
async fn paged_exports_tell_whether_more_follow() {
    // 30 contacts; 10 shared ones (ids 1, 4, …, 28).
    let server = serving(directory(30)).await;
    let contacts = client(&server).contacts();
    for (scope, offset, limit, more) in [
        (ScopeFilter::All, 0, 2, true),
        (ScopeFilter::All, 28, 2, false),
        (ScopeFilter::All, 27, 2, true),
        (ScopeFilter::All, 40, 2, false),
        (ScopeFilter::Shared, 0, 3, true),
        (ScopeFilter::Shared, 6, 3, true),
        (ScopeFilter::Shared, 7, 3, false),
        (ScopeFilter::Shared, 8, 5, false),
        (ScopeFilter::Private, 0, 10, false),
        (ScopeFilter::Private, 0, 9, true),
    ] {
        let options = ListOptions::new().offset(offset).limit(limit);
        assert_eq!(
            has_more_of_every_export(&contacts, scope, &options).await,
            more,
            "{scope} offset {offset} limit {limit}"
        );
    }
    // Without a limit an export is the whole rest of the scope.
    for scope in [ScopeFilter::All, ScopeFilter::Shared] {
        assert!(!has_more_of_every_export(&contacts, scope, &ListOptions::new().offset(1)).await);
    }
}

#[tokio::test]
async fn a_paged_export_of_all_asks_for_its_page_only() {
    let server = serving(directory(30)).await;
    let page = client(&server)
        .contacts()
        .export_vcards(ScopeFilter::All, &ListOptions::new().offset(27).limit(2))
        .await
        .expect("exported");
    assert!(page.has_more);
    assert_eq!(page.document.len(), 2);
    assert_eq!(
        queries(&server).await,
        ["GET /v2/contacts?offset=27&limit=2"],
        "the server's totalCount answers has_more without another request"
    );
}

/// Serves `GET /contacts` like [`Directory`], without `totalCount`.
struct WithoutTotal(Vec<serde_json::Value>);

impl wiremock::Respond for WithoutTotal {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let param = |key: &str| {
            request
                .url
                .query_pairs()
                .find(|(k, _)| k == key)
                .and_then(|(_, v)| v.parse::<usize>().ok())
        };
        let (offset, limit) = (param("offset").unwrap_or(0), param("limit").unwrap_or(5000));
        let items: Vec<_> = self.0.iter().skip(offset).take(limit).cloned().collect();
        ResponseTemplate::new(200).set_body_json(json!({ "items": items }))
    }
}

#[tokio::test]
async fn without_a_server_total_a_paged_export_looks_one_contact_ahead() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/contacts"))
        .respond_with(WithoutTotal(directory(3)))
        .mount(&server)
        .await;
    let contacts = client(&server).contacts();
    let first = contacts
        .export_csv(ScopeFilter::All, ',', &ListOptions::new().limit(2))
        .await
        .expect("exported");
    assert!(first.has_more);
    assert_eq!(first.document.lines().count(), 3, "header and two contacts");
    assert_eq!(
        queries(&server).await,
        [
            "GET /v2/contacts?offset=0&limit=2",
            "GET /v2/contacts?offset=2&limit=2",
        ]
    );
    let json = contacts
        .export_json(ScopeFilter::All, &ListOptions::new().limit(3))
        .await
        .expect("exported");
    assert!(!json.has_more);
    assert_eq!(json.document.total_count, 3, "counted");
}
