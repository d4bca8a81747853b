//! Shared helpers of the history tests.
#![allow(dead_code)]

use serde_json::{Value, json};
use sipgateio_core::{Client, RetryPolicy};
use wiremock::{Match, MockServer, Request};

pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
        .base_url(format!("{}/v2", server.uri()))
        .retry_policy(RetryPolicy::default().max_attempts(1))
        .build()
        .expect("valid configuration")
}

pub async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

/// Matches the raw query string exactly (order, repeated keys and encoding included);
/// `""` means no query at all.
pub struct ExactQuery(pub &'static str);

impl Match for ExactQuery {
    fn matches(&self, request: &Request) -> bool {
        request.url.query().unwrap_or_default() == self.0
    }
}

/// A history entry of `kind` with id `id` as the API sends it.
pub fn entry(id: &str, kind: &str) -> Value {
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
