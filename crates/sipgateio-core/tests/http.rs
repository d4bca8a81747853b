//! The core client against a real HTTP server (wiremock).

use std::time::Duration;

use futures_util::TryStreamExt as _;
use sipgateio_core::transport::{Query, Request, paginate};
use sipgateio_core::{
    Client, DeviceId, Error, ErrorKind, Page, Pagination, RetryPolicy, UserInfo, WebuserId,
};
use sipgateio_test_support::mock::{
    TOKEN, TOKEN_ID, fast_retries, received, retrying_client as client,
};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A stream over `GET /things`, two items per page.
fn things(client: Client) -> sipgateio_core::ItemStream<u32> {
    paginate(2, 0, move |page: Pagination| {
        let client = client.clone();
        async move {
            client
                .send::<Page<u32>>(Request::get("things").query(page.append_to(Query::new())))
                .await
        }
    })
}

#[tokio::test]
async fn personal_access_token_is_basic_auth() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/authorization/userinfo"))
        .and(header(
            "authorization",
            "Basic dG9rZW4tNkhFRjVLOjE5NWQ1YTdjLTU1OWYtNDQ0ZC05YTYxLTA2YWRhZjcwZmYyNw==",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "sub": "w0", "domain": "sipgate.de", "masterSipId": "0000000", "locale": "de_DE"
        })))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(
        client(&server)
            .get_authenticated_webuser_id()
            .await
            .expect("ok"),
        "w0"
    );
}

#[tokio::test]
async fn oauth_token_is_bearer_and_password_is_basic() {
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Bearer eyJ.abc.def"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"sub": "w1"})))
        .expect(1)
        .mount(&server)
        .await;
    // base64("ada@example.com:s3cret")
    Mock::given(header(
        "authorization",
        "Basic YWRhQGV4YW1wbGUuY29tOnMzY3JldA==",
    ))
    .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"sub": "w2"})))
    .expect(1)
    .mount(&server)
    .await;
    let oauth = Client::builder()
        .oauth_token("eyJ.abc.def")
        .base_url(server.uri())
        .build()
        .expect("valid");
    assert_eq!(
        oauth.get_authenticated_webuser_id().await.expect("ok"),
        "w1"
    );
    let legacy = Client::builder()
        .basic_auth("ada@example.com", "s3cret")
        .base_url(server.uri())
        .build()
        .expect("valid");
    assert_eq!(
        legacy.get_authenticated_webuser_id().await.expect("ok"),
        "w2"
    );
}

#[tokio::test]
async fn every_request_carries_the_tracking_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/users"))
        .and(header("accept", "application/json"))
        .and(header("x-sipgate-version", env!("CARGO_PKG_VERSION")))
        .and(header("x-custom", "yes"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"items": [
                {"id": "w0", "firstname": "Ada", "lastname": "Lovelace", "email": "ada@example.com",
                 "defaultDevice": "e0", "busyOnBusy": true, "addressId": "13",
                 "directDialIds": ["101"], "timezone": "Europe/Berlin", "admin": true}
            ]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .personal_access_token(TOKEN_ID, TOKEN)
        .base_url(format!("{}/v2/", server.uri()))
        .header("X-Custom", "yes")
        .build()
        .expect("valid");
    let users = client.list_web_users().await.expect("ok");
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].id, "w0");
    assert!(users[0].busy_on_busy && users[0].admin);
    assert_eq!(users[0].direct_dial_ids, vec!["101".to_owned()]);

    let request = &received(&server).await[0];
    let info = request
        .headers
        .get("x-sipgate-client")
        .expect("sent")
        .to_str()
        .expect("ascii");
    let info: serde_json::Value = serde_json::from_str(info).expect("JSON");
    assert_eq!(info["name"], "sipgateio-rs");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["os"], std::env::consts::OS);
    assert!(
        request.headers.get("content-type").is_none(),
        "no body, no content type"
    );
}

#[tokio::test]
async fn users_and_userinfo_carry_typed_ids_with_the_same_json() {
    let server = MockServer::start().await;
    let user = serde_json::json!({
        "id": "w1", "firstname": "Alan", "lastname": "Turing", "email": "alan@example.com",
        "defaultDevice": "e1", "busyOnBusy": false, "addressId": "14",
        "directDialIds": [], "timezone": "Europe/London", "admin": false
    });
    Mock::given(method("GET"))
        .and(path("/v2/users"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"items": [user.clone()]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let info = serde_json::json!({"sub": "w1", "domain": "sipgate.de", "masterSipId": "1234567",
                                  "locale": "en_GB"});
    Mock::given(method("GET"))
        .and(path("/v2/authorization/userinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(info.clone()))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);

    let users = client.list_web_users().await.expect("users");
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].id, WebuserId::new("w1"));
    assert_eq!(users[0].default_device, Some(DeviceId::new("e1")));
    // Serialized back, the typed ids are the same strings as on the wire.
    assert_eq!(serde_json::to_value(&users[0]).expect("serializes"), user);

    let me: WebuserId = client.get_authenticated_webuser_id().await.expect("me");
    assert_eq!(me, users[0].id);
    let userinfo: UserInfo = client.get_userinfo().await.expect("userinfo");
    assert_eq!(userinfo.sub, me);
    assert_eq!(serde_json::to_value(&userinfo).expect("serializes"), info);

    let seen = received(&server).await;
    let requests: Vec<_> = seen
        .iter()
        .map(|r| (r.method.as_str(), r.url.path(), r.url.query()))
        .collect();
    assert_eq!(
        requests,
        [
            ("GET", "/v2/users", None),
            ("GET", "/v2/authorization/userinfo", None),
            ("GET", "/v2/authorization/userinfo", None),
        ]
    );
    assert!(seen.iter().all(|r| r.body.is_empty()));
}

#[tokio::test]
async fn json_bodies_have_a_content_type() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/sessions/sms"))
        .and(header("content-type", "application/json"))
        .and(body_json(serde_json::json!({"smsId": "s0"})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let request = Request::post("sessions/sms")
        .json(&serde_json::json!({"smsId": "s0"}))
        .expect("serializable");
    client(&server).send_no_content(request).await.expect("ok");
}

#[tokio::test]
async fn response_headers_are_readable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("location", "/contacts/abc")
                .insert_header("content-type", "text/csv"),
        )
        .mount(&server)
        .await;
    let response = client(&server)
        .execute(Request::post("contacts"))
        .await
        .expect("created");
    assert_eq!(response.status(), 201);
    assert_eq!(response.header("Location"), Some("/contacts/abc"));
    assert_eq!(response.header("x-missing"), None);
    assert_eq!(response.content_type(), Some("text/csv"));
}

#[tokio::test]
async fn query_arrays_repeat_the_key() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/history"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"items": []})))
        .mount(&server)
        .await;
    let query = Query::new()
        .push_all("types", ["CALL", "SMS"])
        .push("phonenumber", "+4921100000");
    let _: Page<serde_json::Value> = client(&server)
        .send(Request::get("history").query(query))
        .await
        .expect("ok");
    let url = &received(&server).await[0].url;
    assert_eq!(
        url.query(),
        Some("types=CALL&types=SMS&phonenumber=%2B4921100000")
    );
}

#[tokio::test]
async fn every_error_status_is_mapped_with_the_server_message() {
    type IsExpected = fn(&Error) -> bool;
    let cases: &[(u16, IsExpected, ErrorKind)] = &[
        (
            400,
            |e| matches!(e, Error::Api(a) if a.status() == 400),
            ErrorKind::Api,
        ),
        (
            401,
            |e| matches!(e, Error::Unauthorized(_)),
            ErrorKind::Unauthorized,
        ),
        (
            402,
            |e| matches!(e, Error::PaymentRequired(_)),
            ErrorKind::PaymentRequired,
        ),
        (
            403,
            |e| matches!(e, Error::Forbidden(_)),
            ErrorKind::Forbidden,
        ),
        (
            404,
            |e| matches!(e, Error::NotFound(_)),
            ErrorKind::NotFound,
        ),
        (
            409,
            |e| matches!(e, Error::Api(a) if a.status() == 409),
            ErrorKind::Api,
        ),
        (
            429,
            |e| matches!(e, Error::RateLimited(_)),
            ErrorKind::RateLimited,
        ),
        (
            500,
            |e| matches!(e, Error::Api(a) if a.status() == 500),
            ErrorKind::Server,
        ),
    ];
    for (status, is_expected, kind) in cases {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(*status).set_body_json(serde_json::json!({
                "errors": [{"status": status, "title": "Problem", "detail": format!("detail {status}")}]
            })))
            .mount(&server)
            .await;
        let error = client(&server)
            .with_retry_policy(RetryPolicy::disabled())
            .list_web_users()
            .await
            .expect_err("error status");
        assert!(is_expected(&error), "{status}: {error:?}");
        assert_eq!(error.kind(), *kind, "{status}");
        assert_eq!(error.status(), Some(*status));
        let text = error.to_string();
        assert!(text.contains(&status.to_string()), "{text}");
        assert!(
            text.contains(&format!("Problem: detail {status}")),
            "{text}"
        );
        assert!(error.api_error().expect("api").body().contains("detail"));
    }
}

#[tokio::test]
async fn domain_meaning_rides_along() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(403).set_body_json(serde_json::json!({
            "name": "FORBIDDEN", "message": "sender not verified"
        })))
        .mount(&server)
        .await;
    let error = client(&server)
        .send_no_content(Request::post("sessions/sms").on_status(403, "SMS sender not allowed"))
        .await
        .expect_err("403");
    assert!(matches!(error, Error::Forbidden(_)));
    assert_eq!(
        error.to_string(),
        "forbidden: HTTP 403: SMS sender not allowed (server: FORBIDDEN: sender not verified)"
    );
}

#[tokio::test]
async fn get_is_retried_after_503_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"sub": "w0"})))
        .mount(&server)
        .await;
    let id = client(&server)
        .get_authenticated_webuser_id()
        .await
        .expect("third attempt works");
    assert_eq!(id, "w0");
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn get_gives_up_after_the_configured_attempts() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let error = client(&server)
        .list_web_users()
        .await
        .expect_err("always 502");
    assert_eq!(error.status(), Some(502));
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn post_answered_503_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let error = client(&server)
        .send_no_content(Request::post("sessions/sms"))
        .await
        .expect_err("503");
    assert_eq!(error.status(), Some(503));
    assert_eq!(
        received(&server).await.len(),
        1,
        "exactly one request reached the server"
    );
}

/// How long the client waits before the retry is `tracing.rs`'s
/// `a_429_waits_what_retry_after_asks`: a wall-clock bound here would be a timed assertion.
#[tokio::test]
async fn post_is_retried_on_429_with_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    client(&server)
        .send_no_content(Request::post("sessions/sms"))
        .await
        .expect("second attempt works");
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn retry_after_beyond_the_cap_fails_at_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3600"))
        .mount(&server)
        .await;
    let error = client(&server).list_web_users().await.expect_err("429");
    match error {
        Error::RateLimited(api) => {
            assert_eq!(api.retry_after(), Some(Duration::from_secs(3600)));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn disabled_retries_send_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let _ = client(&server)
        .with_retry_policy(RetryPolicy::disabled())
        .list_web_users()
        .await;
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn connection_refused_post_is_retried_and_typed() {
    // Bind and drop a listener to get a port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let client = Client::builder()
        .oauth_token("abc")
        .base_url(format!("http://127.0.0.1:{port}/v2"))
        .retry_policy(fast_retries())
        .build()
        .expect("valid");
    let error = client
        .send_no_content(Request::post("sessions/sms"))
        .await
        .expect_err("nobody listens");
    assert!(
        matches!(&error, Error::Transport(t) if t.is_connect()),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    // Without the timeout the server's answer (a 200 after 30 s) would make this no error.
    let error = client(&server)
        .with_timeout(Duration::from_millis(300))
        .list_web_users()
        .await
        .expect_err("times out");
    assert!(matches!(&error, Error::Timeout(t) if t.timeout() == Duration::from_millis(300)));
    assert_eq!(received(&server).await.len(), 1, "timeouts are not retried");
}

#[tokio::test]
async fn per_request_timeout_overrides_the_client() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let error = client(&server)
        .execute(Request::get("users").timeout(Duration::from_millis(200)))
        .await
        .expect_err("times out");
    assert_eq!(error.kind(), ErrorKind::Timeout);
}

#[tokio::test]
async fn decode_errors_name_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"items": [{"id": 5}]})),
        )
        .mount(&server)
        .await;
    let error = client(&server)
        .list_web_users()
        .await
        .expect_err("id is a number");
    assert!(
        matches!(&error, Error::Decode(d) if d.path() == "items[0].id"),
        "{error:?}"
    );
}

#[tokio::test]
async fn html_error_pages_and_invalid_json_are_typed_errors() {
    let server = MockServer::start().await;
    Mock::given(path("/v2/users"))
        .respond_with(
            ResponseTemplate::new(500).set_body_string("<html><body>Internal</body></html>"),
        )
        .mount(&server)
        .await;
    Mock::given(path("/v2/authorization/userinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{not json"))
        .mount(&server)
        .await;
    let error = client(&server).list_web_users().await.expect_err("500");
    assert_eq!(error.to_string(), "API error: HTTP 500");
    let error = client(&server)
        .get_authenticated_webuser_id()
        .await
        .expect_err("bad JSON");
    assert_eq!(error.kind(), ErrorKind::Decode);
}

#[tokio::test]
async fn secrets_never_appear_in_debug_or_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_string("bad credentials"))
        .mount(&server)
        .await;
    let client = client(&server);
    assert!(!format!("{client:?}").contains(TOKEN));
    let error = client.list_web_users().await.expect_err("401");
    assert!(matches!(error, Error::Unauthorized(_)));
    for text in [
        format!("{error}"),
        format!("{error:?}"),
        format!("{client:?}"),
    ] {
        assert!(!text.contains(TOKEN), "{text}");
        assert!(!text.contains("dG9rZW4t"), "{text}");
    }
    let oauth = Client::builder()
        .oauth_token("super-secret-oauth")
        .build()
        .expect("valid");
    assert!(!format!("{oauth:?}").contains("super-secret-oauth"));
    let bad = Client::builder()
        .personal_access_token(TOKEN_ID, "my-secret-not-uuid")
        .build()
        .expect_err("invalid token");
    assert!(!format!("{bad} {bad:?}").contains("my-secret-not-uuid"));
}

#[tokio::test]
async fn builder_rejects_bad_configuration_before_any_request() {
    let missing = Client::builder().build().expect_err("no credentials");
    assert_eq!(missing.invalid_field(), Some("credentials"));
    let bad_id = Client::builder()
        .personal_access_token("token-93426892", TOKEN)
        .build();
    assert_eq!(
        bad_id.expect_err("bad id").invalid_field(),
        Some("token_id")
    );
    let bad_url = Client::builder()
        .oauth_token("abc")
        .base_url("not a url")
        .build();
    assert_eq!(
        bad_url.expect_err("bad url").invalid_field(),
        Some("base_url")
    );
    let bad_email = Client::builder().basic_auth("nobody", "pw").build();
    assert_eq!(
        bad_email.expect_err("bad email").invalid_field(),
        Some("username")
    );
    let bad_header = Client::builder()
        .oauth_token("abc")
        .header("bad header", "x")
        .build();
    assert_eq!(
        bad_header.expect_err("bad header").invalid_field(),
        Some("header")
    );
}

#[tokio::test]
async fn a_three_page_stream_yields_every_item_once_and_stops() {
    let server = MockServer::start().await;
    for (offset, items) in [("0", vec![1, 2]), ("2", vec![3, 4]), ("4", vec![5])] {
        Mock::given(method("GET"))
            .and(path("/v2/things"))
            .and(query_param("offset", offset))
            .and(query_param("limit", "2"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(serde_json::json!({"items": items, "totalCount": 5})),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    let stream = things(client(&server));
    let items: Vec<u32> = stream.try_collect().await.expect("all pages");
    assert_eq!(items, vec![1, 2, 3, 4, 5]);
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn a_stream_without_total_stops_on_a_short_page_and_is_lazy() {
    let server = MockServer::start().await;
    Mock::given(query_param("offset", "0"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"items": [1, 2]})),
        )
        .mount(&server)
        .await;
    Mock::given(query_param("offset", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"items": [3]})))
        .mount(&server)
        .await;
    let mut stream = things(client(&server));
    assert_eq!(stream.try_next().await.expect("ok"), Some(1));
    assert_eq!(
        received(&server).await.len(),
        1,
        "second page not fetched yet"
    );
    let rest: Vec<u32> = stream.try_collect().await.expect("ok");
    assert_eq!(rest, vec![2, 3]);
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_failing_page_ends_the_stream_with_the_error() {
    let server = MockServer::start().await;
    Mock::given(query_param("offset", "0"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"items": [1, 2]})),
        )
        .mount(&server)
        .await;
    Mock::given(query_param("offset", "2"))
        .respond_with(ResponseTemplate::new(403))
        .mount(&server)
        .await;
    let stream = things(client(&server));
    let error = stream
        .try_collect::<Vec<u32>>()
        .await
        .expect_err("403 on page 2");
    assert!(matches!(error, Error::Forbidden(_)));
}

#[tokio::test]
async fn a_server_ignoring_the_limit_does_not_loop() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"items": [1, 2, 3, 4, 5]})),
        )
        .mount(&server)
        .await;
    let stream = things(client(&server));
    let items: Vec<u32> = stream.try_collect().await.expect("ok");
    assert_eq!(items, vec![1, 2, 3, 4, 5]);
    assert_eq!(received(&server).await.len(), 1);
}
