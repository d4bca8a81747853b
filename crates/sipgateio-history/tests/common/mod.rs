//! Fixtures and expectations of the history tests (the client and the request log come from
//! `sipgateio_test_support::mock`).
#![allow(dead_code)]

use serde_json::{Value, json};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

/// Matches the raw query string exactly (order, repeated keys and encoding included);
/// `""` means no query at all.
pub(crate) struct ExactQuery(pub(crate) &'static str);

impl Match for ExactQuery {
    fn matches(&self, request: &Request) -> bool {
        request.url.query().unwrap_or_default() == self.0
    }
}

/// A history entry of `kind` with id `id` as the API sends it.
pub(crate) fn entry(id: &str, kind: &str) -> Value {
    let mut value = json!({
        "id": id, "source": "+4921100000", "target": "+4915739777777",
        "sourceAlias": "", "targetAlias": "", "type": kind,
        "created": "2024-05-01T10:00:00Z", "lastModified": "2024-05-01T10:00:00Z",
        "direction": "OUTGOING", "incoming": false, "status": "PICKUP",
        "connectionIds": ["p0"], "read": false, "archived": false, "note": null,
        "endpoints": [], "starred": false, "labels": []
    });
    let extra = match kind {
        "CALL" => {
            json!({"callId": "c1", "recordings": [], "duration": 42, "callStatus": "SUCCESS"})
        }
        "FAX" => json!({"faxStatusType": "SENT", "pageCount": 1, "documentUrl": "https://d"}),
        "SMS" => json!({"smsContent": "hello"}),
        "VOICEMAIL" => json!({"transcription": "hi", "recordingUrl": "https://r", "duration": 3}),
        _ => json!({}),
    };
    if let (Some(map), Value::Object(extra)) = (value.as_object_mut(), extra) {
        map.extend(extra);
    }
    value
}

/// Expects `times` requests with this method and path (and, if given, exactly this query
/// string), answering each with `response`.
pub(crate) async fn expect(
    server: &MockServer,
    verb: &str,
    at: &str,
    query: Option<&'static str>,
    response: ResponseTemplate,
    times: u64,
) {
    let mock = Mock::given(method(verb)).and(path(at));
    let mock = match query {
        Some(query) => mock.and(ExactQuery(query)),
        None => mock,
    };
    mock.respond_with(response)
        .expect(times)
        .mount(server)
        .await;
}

/// Expects `times` requests with this method, path and JSON body, answering 204.
pub(crate) async fn expect_json(
    server: &MockServer,
    verb: &str,
    at: &str,
    body: Value,
    times: u64,
) {
    Mock::given(method(verb))
        .and(path(at))
        .and(body_json(body))
        .respond_with(ResponseTemplate::new(204))
        .expect(times)
        .mount(server)
        .await;
}
