//! `sipgateio-numbers` against a mock sipgate API.

use chrono::{TimeZone, Utc};
use futures_util::TryStreamExt as _;
use serde_json::json;
use sipgateio_core::{Error, Pagination};
use sipgateio_numbers::{ExtensionId, NumberId, NumberType, NumbersClient, NumbersExt};
use sipgateio_test_support::mock::{assert_no_request, client, received};
use sipgateio_test_support::secrets;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn number(id: u32) -> serde_json::Value {
    json!({
        "id": id.to_string(), "number": format!("+49211{id:07}"), "localized": format!("0211 {id:07}"),
        "type": "LANDLINE", "endpointId": "p0", "endpointAlias": "Ada", "endpointUrl": "/w0/phonelines/p0"
    })
}

#[tokio::test]
async fn list_sends_offset_and_limit_and_maps_every_field() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .and(query_param("offset", "20"))
        .and(query_param("limit", "10"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [
            {
                "id": "4711", "number": "+4915799912345", "localized": "01579-9912345",
                "type": "MOBILE", "endpointId": "y0", "endpointAlias": "Grace's phone",
                "endpointUrl": "/w0/devices/y0",
                "mnpState": {"isReleased": true, "releasedUntil": "2026-12-31T23:00:00Z"},
                "portId": 42
            },
            {"id": "4712", "number": "+4921100000", "localized": "0211 00000", "type": "QUICKDIAL",
             "endpointId": "g1", "endpointAlias": "Support", "endpointUrl": "/groups/g1"},
            {"id": "4713", "number": "+12125550100", "localized": "+1 212-555-0100", "type": "INTERNATIONAL",
             "endpointId": "p1", "endpointAlias": "Ada", "endpointUrl": "/w1/phonelines/p1"},
            {"id": "4714", "number": "+4930123456", "localized": "030 123456", "type": "SATELLITE"}
        ]})))
        .expect(1)
        .mount(&server)
        .await;

    let page = client(&server)
        .numbers()
        .list(Pagination::new(20, 10))
        .await
        .expect("listed");

    assert_eq!(page.total_count, None);
    assert_eq!(page.items.len(), 4);
    let mobile = &page.items[0];
    assert_eq!(mobile.id, NumberId::new("4711"));
    assert_eq!(mobile.number, "+4915799912345");
    assert_eq!(mobile.localized, "01579-9912345");
    assert_eq!(mobile.number_type, NumberType::Mobile);
    assert_eq!(mobile.endpoint_id, Some(ExtensionId::new("y0")));
    assert_eq!(mobile.endpoint_alias.as_deref(), Some("Grace's phone"));
    assert_eq!(mobile.endpoint_url.as_deref(), Some("/w0/devices/y0"));
    assert_eq!(mobile.port_id, Some(42));
    let mnp = mobile
        .mnp_state
        .as_ref()
        .expect("mobile numbers carry an MNP state");
    assert!(mnp.is_released);
    assert_eq!(
        mnp.released_until,
        Utc.with_ymd_and_hms(2026, 12, 31, 23, 0, 0).single()
    );
    assert_eq!(page.items[1].number_type, NumberType::Quickdial);
    assert_eq!(page.items[1].mnp_state, None);
    assert_eq!(page.items[2].number_type, NumberType::International);
    assert_eq!(
        page.items[3].number_type,
        NumberType::Unknown("SATELLITE".into())
    );
    assert_eq!(page.items[3].endpoint_id, None);
}

#[tokio::test]
async fn list_without_pagination_sends_no_query() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .and(query_param_is_missing("offset"))
        .and(query_param_is_missing("limit"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [number(1)]})))
        .expect(1)
        .mount(&server)
        .await;

    let page = NumbersClient::new(&client(&server))
        .list(Pagination::default())
        .await
        .expect("listed");
    assert_eq!(page.items.len(), 1);
    let seen = received(&server).await;
    assert_eq!(seen[0].url.query(), None);
}

#[tokio::test]
async fn list_with_only_a_limit_sends_only_the_limit() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .and(query_param("limit", "5"))
        .and(query_param_is_missing("offset"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": []})))
        .expect(1)
        .mount(&server)
        .await;
    let pagination = Pagination {
        offset: None,
        limit: Some(5),
    };
    let page = client(&server)
        .numbers()
        .list(pagination)
        .await
        .expect("listed");
    assert!(page.items.is_empty());
}

#[tokio::test]
async fn invalid_paging_values_send_no_request() {
    let server = MockServer::start().await;
    let numbers = client(&server).numbers();
    let too_big = i32::MAX as u32 + 1;
    for (pagination, field) in [
        (Pagination::new(0, 0), "limit"),
        (Pagination::new(0, too_big), "limit"),
        (Pagination::new(too_big, 10), "offset"),
        (
            Pagination {
                offset: Some(u32::MAX),
                limit: None,
            },
            "offset",
        ),
    ] {
        let error = numbers.list(pagination).await.expect_err("invalid paging");
        assert!(error.is_invalid_input(), "{error:?}");
        assert_eq!(error.invalid_field(), Some(field), "{pagination:?}");
    }
    // The largest values the API's int32 accepts pass.
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .and(query_param("offset", "2147483647"))
        .and(query_param("limit", "2147483647"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": []})))
        .expect(1)
        .mount(&server)
        .await;
    numbers
        .list(Pagination::new(i32::MAX as u32, i32::MAX as u32))
        .await
        .expect("int32 max is fine");
}

#[tokio::test]
async fn invalid_paging_is_checked_before_any_request() {
    let server = MockServer::start().await;
    let error = client(&server)
        .numbers()
        .list(Pagination::new(0, 0))
        .await
        .expect_err("limit 0");
    assert!(matches!(error, Error::InvalidInput(_)));
    assert_no_request(&server).await;
}

async fn error_for(status: u16) -> Error {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .respond_with(
            ResponseTemplate::new(status).set_body_json(json!({"message": "server says no"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .numbers()
        .list(Pagination::first(10))
        .await
        .expect_err("error status")
}

#[tokio::test]
async fn status_400_means_invalid_pagination_input() {
    let error = error_for(400).await;
    assert!(
        matches!(error, Error::Api(ref api) if api.status() == 400),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(text.contains("invalid pagination input"), "{text}");
    assert!(text.contains("server says no"), "{text}");
}

#[tokio::test]
async fn status_401_is_unauthorized() {
    let error = error_for(401).await;
    assert!(matches!(error, Error::Unauthorized(_)), "{error:?}");
}

#[tokio::test]
async fn status_403_is_forbidden_with_the_scope_named() {
    let error = error_for(403).await;
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert!(error.to_string().contains("numbers:read"), "{error}");
}

#[tokio::test]
async fn other_statuses_are_generic() {
    for (status, expected) in [
        (402, "payment required"),
        (404, "not found"),
        (500, "API error"),
    ] {
        let error = error_for(status).await;
        assert_eq!(error.status(), Some(status));
        let text = error.to_string();
        assert!(text.starts_with(expected), "{text}");
        assert!(!text.contains("pagination"), "{text}");
    }
}

#[tokio::test]
async fn a_malformed_number_is_a_decode_error_naming_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [
            number(1), {"id": "2", "number": 7, "type": "MOBILE"}
        ]})))
        .mount(&server)
        .await;
    let error = client(&server)
        .numbers()
        .list(Pagination::default())
        .await
        .expect_err("number 7 is no string");
    assert!(
        matches!(error, Error::Decode(ref d) if d.path() == "items[1].number"),
        "{error:?}"
    );
}

/// Serves `total` numbers honouring offset and limit, as sipgate does.
async fn paging_server(total: u32) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .respond_with(move |request: &wiremock::Request| {
            let param = |name: &str| {
                request
                    .url
                    .query_pairs()
                    .find(|(k, _)| k == name)
                    .and_then(|(_, v)| v.parse::<u32>().ok())
            };
            let offset = param("offset").unwrap_or(0);
            let limit = param("limit").unwrap_or(total);
            let items: Vec<_> = (offset..total.min(offset.saturating_add(limit)))
                .map(number)
                .collect();
            ResponseTemplate::new(200).set_body_json(json!({ "items": items }))
        })
        .mount(&server)
        .await;
    server
}

fn offsets_and_limits(requests: &[wiremock::Request]) -> Vec<String> {
    requests
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn stream_fetches_page_by_page_until_a_short_page() {
    let server = paging_server(25).await;
    let ids: Vec<String> = client(&server)
        .numbers()
        .stream(10)
        .map_ok(|n| n.id.into_string())
        .try_collect()
        .await
        .expect("streamed");
    assert_eq!(ids, (0..25).map(|i| i.to_string()).collect::<Vec<_>>());
    let seen = received(&server).await;
    assert_eq!(
        offsets_and_limits(&seen),
        [
            "offset=0&limit=10",
            "offset=10&limit=10",
            "offset=20&limit=10"
        ]
    );
}

#[tokio::test]
async fn stream_of_an_exact_multiple_stops_after_an_empty_page() {
    let server = paging_server(20).await;
    let count = client(&server)
        .numbers()
        .stream(10)
        .try_fold(0, |n, _| async move { Ok(n + 1) })
        .await
        .expect("streamed");
    assert_eq!(count, 20);
    let seen = received(&server).await;
    assert_eq!(
        offsets_and_limits(&seen),
        [
            "offset=0&limit=10",
            "offset=10&limit=10",
            "offset=20&limit=10"
        ]
    );
}

#[tokio::test]
async fn stream_is_lazy() {
    let server = paging_server(25).await;
    let mut numbers = client(&server).numbers().stream(10);
    assert_no_request(&server).await;
    let first = numbers.try_next().await.expect("ok").expect("a number");
    assert_eq!(first.id, "0");
    drop(numbers);
    let seen = received(&server).await;
    assert_eq!(offsets_and_limits(&seen), ["offset=0&limit=10"]);
}

#[tokio::test]
async fn stream_stops_when_the_server_ignores_the_page_size() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"items": [number(0), number(1), number(2)]})),
        )
        .mount(&server)
        .await;
    let numbers: Vec<_> = client(&server)
        .numbers()
        .stream(2)
        .try_collect()
        .await
        .expect("streamed");
    assert_eq!(numbers.len(), 3);
    let seen = received(&server).await;
    assert_eq!(
        seen.len(),
        1,
        "one answer with more than asked is the whole list"
    );
}

#[tokio::test]
async fn stream_yields_the_error_of_a_failing_page_and_ends() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .and(query_param("offset", "0"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"items": [number(0), number(1)]})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/numbers"))
        .and(query_param("offset", "2"))
        .respond_with(ResponseTemplate::new(400))
        .mount(&server)
        .await;
    let mut numbers = client(&server).numbers().stream(2);
    assert!(numbers.try_next().await.expect("first").is_some());
    assert!(numbers.try_next().await.expect("second").is_some());
    let error = numbers.try_next().await.expect_err("third page fails");
    assert!(error.to_string().contains("invalid pagination input"));
    assert!(numbers.try_next().await.expect("ended").is_none());
}

#[tokio::test]
async fn stream_page_size_zero_counts_as_one() {
    let server = paging_server(2).await;
    let numbers: Vec<_> = client(&server)
        .numbers()
        .stream(0)
        .try_collect()
        .await
        .expect("streamed");
    assert_eq!(numbers.len(), 2);
    let seen = received(&server).await;
    assert_eq!(
        offsets_and_limits(&seen),
        ["offset=0&limit=1", "offset=1&limit=1", "offset=2&limit=1"]
    );
}

#[test]
fn the_numbers_client_debug_hides_the_credentials() {
    secrets::assert_debug_hides_credentials(|client| client.numbers());
}
