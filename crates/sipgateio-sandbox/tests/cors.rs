//! CORS over real HTTP: a browser's preflight (no credentials) and an authenticated request
//! from a page on another origin.

mod common;

use common::Api;
use reqwest::Method;

const ORIGIN: &str = "http://127.0.0.1:8080";

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn preflights_are_answered_without_credentials() {
    let api = Api::new().await;
    let response = api
        .http
        .request(Method::OPTIONS, api.url("/sessions/sms"))
        .header("origin", ORIGIN)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type, x-sipgate-client",
        )
        .send()
        .await
        .expect("sent");
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(header(&response, "access-control-allow-origin"), "*");
    let methods = header(&response, "access-control-allow-methods");
    for method in ["GET", "POST", "PUT", "DELETE"] {
        assert!(methods.contains(method), "{methods}");
    }
    let headers = header(&response, "access-control-allow-headers").to_ascii_lowercase();
    for name in ["authorization", "content-type", "x-sipgate-client"] {
        assert!(headers.contains(name), "{headers}");
    }
    assert!(
        api.sandbox.sent_sms().is_empty(),
        "a preflight sends nothing"
    );
}

#[tokio::test]
async fn answers_carry_cors_headers_errors_included() {
    let api = Api::new().await;
    let ok = api
        .http
        .get(api.url("/authorization/userinfo"))
        .basic_auth(api.sandbox.token_id(), Some(api.sandbox.token()))
        .header("origin", ORIGIN)
        .send()
        .await
        .expect("sent");
    assert_eq!(ok.status(), 200);
    assert_eq!(header(&ok, "access-control-allow-origin"), "*");
    let exposed = header(&ok, "access-control-expose-headers").to_ascii_lowercase();
    assert!(exposed.contains("retry-after"), "{exposed}");

    // A 401 must be readable by the page too, or it could not tell why it failed.
    let refused = api
        .http
        .get(api.url("/authorization/userinfo"))
        .header("origin", ORIGIN)
        .send()
        .await
        .expect("sent");
    assert_eq!(refused.status(), 401);
    assert_eq!(header(&refused, "access-control-allow-origin"), "*");
}
