//! Fixtures of the contacts tests (the client and the request log come from
//! `sipgateio_test_support::mock`).
#![allow(dead_code)]

use serde_json::{Value, json};
use sipgateio_test_support::mock::received;
use wiremock::{MockServer, Request, Respond, ResponseTemplate};

/// The query strings of every request the server saw, in order.
pub(crate) async fn queries(server: &MockServer) -> Vec<String> {
    received(server)
        .await
        .iter()
        .map(|r| {
            format!(
                "{} {}?{}",
                r.method,
                r.url.path(),
                r.url.query().unwrap_or("")
            )
        })
        .collect()
}

pub(crate) fn contact(id: &str, name: &str, scope: &str) -> Value {
    json!({
        "id": id, "name": name, "picture": null,
        "emails": [{"email": format!("{id}@example.com"), "type": ["work"]}],
        "numbers": [{"number": format!("+49211{id:0>6}"), "type": ["cell"]}],
        "addresses": [], "organization": [], "scope": scope
    })
}

/// `n` contacts whose scope cycles PRIVATE, SHARED, INTERNAL.
pub(crate) fn directory(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            let scope = ["PRIVATE", "SHARED", "INTERNAL"][i % 3];
            contact(&i.to_string(), &format!("Person {i}"), scope)
        })
        .collect()
}

/// Serves `GET /contacts` from a list, honouring `offset` and `limit` like the API.
pub(crate) struct Directory(pub(crate) Vec<Value>);

impl Respond for Directory {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let param = |key: &str| {
            request
                .url
                .query_pairs()
                .find(|(k, _)| k == key)
                .and_then(|(_, v)| v.parse::<usize>().ok())
        };
        let offset = param("offset").unwrap_or(0);
        let limit = param("limit").unwrap_or(5000);
        let items: Vec<Value> = self.0.iter().skip(offset).take(limit).cloned().collect();
        ResponseTemplate::new(200)
            .set_body_json(json!({"items": items, "totalCount": self.0.len()}))
    }
}
