//! `sipgateio-webhook-settings` against a mock sipgate API.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use sipgateio_core::{Error, Result};
use sipgateio_test_support::mock::{client, received};
use sipgateio_webhook_settings::{
    ExtensionId, WebhookSettings, WebhookSettingsClient, WebhookSettingsExt,
};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const SETTINGS_PATH: &str = "/v2/settings/sipgateio";

/// Settings with every field set (and one the SDK does not know), so a test sees whether a
/// setter keeps the fields it must not touch.
fn current() -> Value {
    json!({
        "incomingUrl": "https://example.com/in",
        "outgoingUrl": "https://example.com/out",
        "log": true,
        "whitelist": ["p0", "g1"],
        "futureField": {"kept": true}
    })
}

/// `current()` with one field replaced.
fn current_with(field: &str, value: Value) -> Value {
    let mut settings = current();
    settings[field] = value;
    settings
}

fn methods(requests: &[Request]) -> Vec<String> {
    requests.iter().map(|r| r.method.to_string()).collect()
}

/// Mounts `GET` answering `current()` and `PUT` expecting exactly `expected_put`.
async fn read_modify_write_server(expected_put: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(SETTINGS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(current()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(SETTINGS_PATH))
        .and(body_json(expected_put))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    server
}

type Setter = for<'a> fn(
    &'a WebhookSettingsClient,
) -> Pin<Box<dyn Future<Output = Result<WebhookSettings>> + Send + 'a>>;

/// Runs one setter against a server that expects `expected_put`, checks GET came before PUT
/// and that the setter returns what it wrote.
async fn assert_setter_writes(setter: Setter, expected_put: Value) {
    let server = read_modify_write_server(expected_put.clone()).await;
    let settings = WebhookSettingsClient::new(&client(&server));
    let written = setter(&settings).await.expect("written");
    assert_eq!(methods(&received(&server).await), ["GET", "PUT"]);
    assert_eq!(
        serde_json::to_value(&written).expect("serializes"),
        expected_put
    );
    server.verify().await;
}

#[tokio::test]
async fn get_reads_the_settings() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(SETTINGS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(current()))
        .expect(1)
        .mount(&server)
        .await;
    let settings = client(&server)
        .webhook_settings()
        .get()
        .await
        .expect("read");
    assert_eq!(settings.incoming_url, "https://example.com/in");
    assert_eq!(settings.outgoing_url, "https://example.com/out");
    assert!(settings.log);
    assert_eq!(
        settings.whitelist,
        Some(vec![ExtensionId::new("p0"), ExtensionId::new("g1")])
    );
    assert_eq!(
        settings.other_fields().get("futureField"),
        Some(&json!({"kept": true}))
    );
    let seen = received(&server).await;
    assert_eq!(methods(&seen), ["GET"]);
    assert!(seen[0].body.is_empty());
}

#[tokio::test]
async fn get_reads_a_disabled_whitelist_as_none() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(SETTINGS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "incomingUrl": "", "outgoingUrl": "", "log": false, "whitelist": null
        })))
        .mount(&server)
        .await;
    let settings = client(&server)
        .webhook_settings()
        .get()
        .await
        .expect("read");
    assert_eq!(settings, WebhookSettings::default());
}

/// Every setter, with the whole object its `PUT` must carry: `current()` with one field changed.
fn setter_cases() -> Vec<(&'static str, Setter, Value)> {
    vec![
        (
            "set_incoming_url",
            |s| Box::pin(s.set_incoming_url("https://new.example.com/hook?a=1&b=2")),
            current_with("incomingUrl", json!("https://new.example.com/hook?a=1&b=2")),
        ),
        (
            "clear_incoming_url",
            |s| Box::pin(s.clear_incoming_url()),
            current_with("incomingUrl", json!("")),
        ),
        (
            "set_outgoing_url",
            |s| Box::pin(s.set_outgoing_url("HTTP://plain.example.com")),
            current_with("outgoingUrl", json!("HTTP://plain.example.com")),
        ),
        (
            "clear_outgoing_url",
            |s| Box::pin(s.clear_outgoing_url()),
            current_with("outgoingUrl", json!("")),
        ),
        (
            "set_whitelist",
            |s| Box::pin(s.set_whitelist(["p3", "g0", "p10"].map(ExtensionId::new))),
            current_with("whitelist", json!(["p3", "g0", "p10"])),
        ),
        (
            "set_whitelist (a Vec)",
            |s| Box::pin(s.set_whitelist(vec![ExtensionId::new("g7")])),
            current_with("whitelist", json!(["g7"])),
        ),
        (
            "set_whitelist (empty)",
            |s| Box::pin(s.set_whitelist(Vec::new())),
            current_with("whitelist", json!([])),
        ),
        (
            "clear_whitelist",
            |s| Box::pin(s.clear_whitelist()),
            current_with("whitelist", json!([])),
        ),
        (
            "disable_whitelist",
            |s| Box::pin(s.disable_whitelist()),
            current_with("whitelist", Value::Null),
        ),
        (
            "disable_log",
            |s| Box::pin(s.disable_log()),
            current_with("log", json!(false)),
        ),
    ]
}

#[tokio::test]
#[allow(
    clippy::print_stderr,
    reason = "names the case in the test's captured output, shown when it fails"
)]
async fn every_setter_puts_back_the_whole_object_with_only_its_field_changed() {
    for (name, setter, expected_put) in setter_cases() {
        eprintln!("case: {name}");
        assert_setter_writes(setter, expected_put).await;
    }
}

#[tokio::test]
async fn enable_log_switches_a_disabled_log_on_and_keeps_the_rest() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(SETTINGS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(current_with("log", json!(false))))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(SETTINGS_PATH))
        .and(body_json(current()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let written = client(&server)
        .webhook_settings()
        .enable_log()
        .await
        .expect("written");
    assert!(written.log);
    assert_eq!(methods(&received(&server).await), ["GET", "PUT"]);
    server.verify().await;
}

#[tokio::test]
async fn disable_whitelist_matches_the_node_wire_vector() {
    // Observed from sipgateio-node: PUT {"incomingUrl":"","outgoingUrl":"","log":false,"whitelist":null}
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(SETTINGS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "incomingUrl": "", "outgoingUrl": "", "log": false, "whitelist": ["p0"]
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(SETTINGS_PATH))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .webhook_settings()
        .disable_whitelist()
        .await
        .expect("written");
    let seen = received(&server).await;
    assert_eq!(
        String::from_utf8_lossy(&seen[1].body),
        r#"{"incomingUrl":"","outgoingUrl":"","log":false,"whitelist":null}"#
    );
    let content_type = seen[1].headers.get("content-type").expect("a content type");
    assert_eq!(content_type, "application/json");
}

#[tokio::test]
async fn invalid_urls_send_no_request() {
    let server = MockServer::start().await;
    let settings = client(&server).webhook_settings();
    for url in [
        "",
        "example.com/hook",
        "ftp://example.com",
        "http:/x",
        " https://x",
        "http://",
        "https://exa mple.com/in",
    ] {
        let error = settings.set_incoming_url(url).await.expect_err(url);
        assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
        assert_eq!(error.invalid_field(), Some("incoming_url"));
        let error = settings.set_outgoing_url(url).await.expect_err(url);
        assert_eq!(error.invalid_field(), Some("outgoing_url"));
    }
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn whitelist_entries_other_than_p_and_g_send_no_request() {
    let server = MockServer::start().await;
    let settings = client(&server).webhook_settings();
    for (list, field, bad) in [
        (vec!["e0"], "whitelist[0]", "e0"),
        (vec!["p0", "w0"], "whitelist[1]", "w0"),
        (vec!["g1", "p0", "p01"], "whitelist[2]", "p01"),
        (vec!["p0", "g"], "whitelist[1]", "g"),
        (vec!["x7", "y9"], "whitelist[0]", "x7"),
    ] {
        let error = settings
            .set_whitelist(list.into_iter().map(ExtensionId::new))
            .await
            .expect_err(bad);
        assert_eq!(error.invalid_field(), Some(field));
        let text = error.to_string();
        // Node bug 2: its message names the extension twice.
        assert_eq!(text.matches(&format!("{bad:?}")).count(), 1, "{text}");
        assert!(!text.contains(&format!("{bad}: {bad}")), "{text}");
        assert!(
            text.contains("phoneline") && text.contains("group"),
            "{text}"
        );
    }
    assert!(received(&server).await.is_empty());
}

async fn server_failing(failing_method: &str, status: u16) -> MockServer {
    let server = MockServer::start().await;
    let get = if failing_method == "GET" {
        ResponseTemplate::new(status).set_body_json(json!({"message": "server says no"}))
    } else {
        ResponseTemplate::new(200).set_body_json(current())
    };
    Mock::given(method("GET"))
        .and(path(SETTINGS_PATH))
        .respond_with(get)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(SETTINGS_PATH))
        .respond_with(
            ResponseTemplate::new(status).set_body_json(json!({"message": "server says no"})),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn status_403_means_sipgate_io_not_booked_on_get_and_put() {
    let server = server_failing("GET", 403).await;
    let error = client(&server)
        .webhook_settings()
        .get()
        .await
        .expect_err("forbidden");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("sipgate.io is not booked for your account (or insufficient scopes)"),
        "{error}"
    );

    // A failing GET of a setter sends no PUT.
    let error = client(&server)
        .webhook_settings()
        .enable_log()
        .await
        .expect_err("forbidden");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert_eq!(methods(&received(&server).await), ["GET", "GET"]);

    let server = server_failing("PUT", 403).await;
    let error = client(&server)
        .webhook_settings()
        .set_whitelist([ExtensionId::new("p0")])
        .await
        .expect_err("forbidden");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    let text = error.to_string();
    assert!(text.contains("sipgate.io is not booked"), "{text}");
    assert!(text.contains("server says no"), "{text}");
    assert_eq!(methods(&received(&server).await), ["GET", "PUT"]);
}

#[tokio::test]
async fn status_401_is_unauthorized_on_get_and_put() {
    for failing in ["GET", "PUT"] {
        let server = server_failing(failing, 401).await;
        let error = client(&server)
            .webhook_settings()
            .clear_incoming_url()
            .await
            .expect_err("unauthorized");
        assert!(
            matches!(error, Error::Unauthorized(_)),
            "{failing}: {error:?}"
        );
    }
}

#[tokio::test]
async fn other_statuses_are_generic() {
    for (failing, status) in [
        ("GET", 400),
        ("PUT", 400),
        ("GET", 404),
        ("PUT", 402),
        ("PUT", 500),
    ] {
        let server = server_failing(failing, status).await;
        let error = client(&server)
            .webhook_settings()
            .disable_log()
            .await
            .expect_err("error status");
        assert_eq!(error.status(), Some(status), "{failing}");
        let api = error.api_error().expect("an API error");
        assert_eq!(api.context(), None, "{error}");
    }
}

/// A stateful settings endpoint: `GET` answers the stored settings after a delay (to widen
/// the race window), `PUT` stores the body.
#[derive(Clone)]
struct Stateful {
    settings: Arc<Mutex<Value>>,
}

impl Respond for Stateful {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut settings = self.settings.lock().expect("not poisoned");
        if request.method.as_str() == "PUT" {
            *settings = serde_json::from_slice(&request.body).expect("JSON body");
            ResponseTemplate::new(204)
        } else {
            ResponseTemplate::new(200)
                .set_body_json(settings.clone())
                .set_delay(Duration::from_millis(50))
        }
    }
}

#[tokio::test]
async fn concurrent_setters_do_not_lose_each_others_change() {
    let server = MockServer::start().await;
    let state = Stateful {
        settings: Arc::new(Mutex::new(json!({
            "incomingUrl": "", "outgoingUrl": "", "log": false, "whitelist": null
        }))),
    };
    Mock::given(path(SETTINGS_PATH))
        .respond_with(state.clone())
        .mount(&server)
        .await;
    // Two clients (and three settings clients) of one process.
    let (one, two) = (client(&server), client(&server));
    let (first, second, third) = (
        one.webhook_settings(),
        two.webhook_settings(),
        WebhookSettingsClient::new(&one),
    );

    let (a, b, c) = tokio::join!(
        first.set_incoming_url("https://example.com/in"),
        second.enable_log(),
        third.set_whitelist([ExtensionId::new("g2")]),
    );
    a.expect("incoming set");
    b.expect("log set");
    c.expect("whitelist set");

    assert_eq!(
        *state.settings.lock().expect("not poisoned"),
        json!({"incomingUrl": "https://example.com/in", "outgoingUrl": "", "log": true, "whitelist": ["g2"]})
    );
    assert_eq!(
        methods(&received(&server).await),
        ["GET", "PUT", "GET", "PUT", "GET", "PUT"]
    );
}
