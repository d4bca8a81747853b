//! The authorization-code flow against a wiremock token endpoint on 127.0.0.1: the
//! authorization URL, the exact code-exchange and refresh requests, the checks made before any
//! request, and every kind of failure of the token endpoint.

use std::time::Duration;

use base64::Engine as _;
use chrono::{TimeDelta, Utc};
use sipgateio_core::{OauthClientId, Secret};
use sipgateio_oauth::{
    Callback, ClientAuth, Error, ErrorKind, OauthClient, OauthErrorCode, PendingSignIn, TokenSet,
};
use sipgateio_test_support::mock::{assert_no_request, received};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const CLIENT_ID: &str = "2556404-0-dc848ec0-7e9e-11e9-b4ce-d38e0b3fa8a5";
const CLIENT_SECRET: &str = "client-secret-7d1f";
const REDIRECT_URI: &str = "http://127.0.0.1:3000/sipgate/callback";
const ACCESS: &str = "eyJ.access-token-1";
const REFRESH: &str = "eyJ.refresh-token-1";

fn oauth(server: &MockServer) -> OauthClient {
    builder(server).build().expect("valid configuration")
}

fn builder(server: &MockServer) -> sipgateio_oauth::OauthClientBuilder {
    OauthClient::builder(OauthClientId::new(CLIENT_ID), REDIRECT_URI)
        .client_secret(CLIENT_SECRET)
        .authorization_url(format!("{}/realms/test/auth", server.uri()))
        .token_url(format!("{}/realms/test/token", server.uri()))
}

/// What sipgate's Keycloak answers to a code exchange or a refresh.
fn keycloak_tokens(access: &str, refresh: Option<&str>) -> serde_json::Value {
    let mut body = serde_json::json!({
        "access_token": access,
        "expires_in": 300,
        "refresh_expires_in": 2_592_000,
        "token_type": "Bearer",
        "id_token": "eyJ.id-token",
        "not-before-policy": 0,
        "session_state": "0d5c2f9a",
        "scope": "numbers:read history:read"
    });
    if let Some(refresh) = refresh {
        body["refresh_token"] = refresh.into();
    }
    body
}

async fn mount_token(server: &MockServer, response: ResponseTemplate, expected: u64) {
    Mock::given(method("POST"))
        .and(path("/realms/test/token"))
        .respond_with(response)
        .expect(expected)
        .mount(server)
        .await;
}

/// The form body of a request, sorted: the exact set of parameters.
fn form(request: &Request) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = reqwest::Url::parse(&format!(
        "http://x/?{}",
        String::from_utf8_lossy(&request.body)
    ))
    .expect("a form body")
    .query_pairs()
    .into_owned()
    .collect();
    pairs.sort();
    pairs
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = expected
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect();
    pairs.sort();
    pairs
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

/// RFC 7636 S256, computed independently of the oauth2 crate.
fn s256(verifier: &str) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, verifier.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest.as_ref())
}

/// A sign-in started against `server`, and the callback that belongs to it.
fn sign_in(oauth: &OauthClient) -> (PendingSignIn, Callback) {
    let sign_in = oauth
        .start_sign_in(["numbers:read", "history:read"])
        .expect("valid scopes");
    let callback = Callback::from_query(&format!("code=the-code&state={}", sign_in.state()))
        .expect("a callback");
    (sign_in, callback)
}

#[tokio::test]
async fn the_authorization_url_carries_state_pkce_s256_scopes_and_the_redirect_uri() {
    let server = MockServer::start().await;
    let oauth = oauth(&server);
    let sign_in = oauth
        .start_sign_in(["numbers:read", "sessions:sms:write"])
        .expect("valid scopes");
    let url = reqwest::Url::parse(sign_in.url()).expect("a URL");
    assert_eq!(
        sign_in.url().split('?').next(),
        Some(format!("{}/realms/test/auth", server.uri()).as_str())
    );
    let mut query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    query.sort();
    let challenge = s256(sign_in.code_verifier().expose());
    assert_eq!(
        query,
        pairs(&[
            ("response_type", "code"),
            ("client_id", CLIENT_ID),
            ("state", sign_in.state()),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
            ("redirect_uri", REDIRECT_URI),
            ("scope", "numbers:read sessions:sms:write"),
        ])
    );
    // The state is random and long enough not to be guessed (16 random bytes, base64url).
    assert!(sign_in.state().len() >= 22, "{}", sign_in.state());
    assert!(!sign_in.url().contains(sign_in.code_verifier().expose()));
    assert_no_request(&server).await;
}

#[tokio::test]
async fn the_code_exchange_is_exact_and_sends_the_pkce_verifier() {
    let server = MockServer::start().await;
    mount_token(
        &server,
        ResponseTemplate::new(200).set_body_json(keycloak_tokens(ACCESS, Some(REFRESH))),
        1,
    )
    .await;
    let oauth = oauth(&server);
    let (sign_in, callback) = sign_in(&oauth);
    let before = Utc::now();
    let tokens = oauth
        .finish_sign_in(&sign_in, &callback)
        .await
        .expect("tokens");
    let after = Utc::now();

    let seen = received(&server).await;
    assert_eq!(seen.len(), 1);
    let request = &seen[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/realms/test/token");
    assert_eq!(request.url.query(), None);
    assert_eq!(
        header(request, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(header(request, "accept"), Some("application/json"));
    assert_eq!(
        header(request, "authorization"),
        None,
        "the secret is in the body"
    );
    assert_eq!(
        form(request),
        pairs(&[
            ("grant_type", "authorization_code"),
            ("code", "the-code"),
            ("code_verifier", sign_in.code_verifier().expose()),
            ("redirect_uri", REDIRECT_URI),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
        ])
    );
    // The verifier sent is the one whose S256 challenge was in the authorization URL.
    let url = reqwest::Url::parse(sign_in.url()).expect("a URL");
    let challenge = url
        .query_pairs()
        .find(|(name, _)| name == "code_challenge")
        .map(|(_, value)| value.into_owned());
    assert_eq!(challenge, Some(s256(sign_in.code_verifier().expose())));

    assert_eq!(tokens.access_token.expose(), ACCESS);
    assert_eq!(
        tokens.refresh_token.as_ref().map(Secret::expose),
        Some(REFRESH)
    );
    assert_eq!(tokens.scopes, ["numbers:read", "history:read"]);
    let expires_at = tokens.expires_at.expect("an expiry");
    assert!(
        expires_at >= before + TimeDelta::seconds(300)
            && expires_at <= after + TimeDelta::seconds(300)
    );
    let refresh_expires_at = tokens.refresh_expires_at.expect("a refresh expiry");
    assert!(refresh_expires_at >= before + TimeDelta::days(30));
    assert!(refresh_expires_at <= after + TimeDelta::days(30));
}

#[tokio::test]
async fn basic_client_authentication_puts_the_secret_in_the_header() {
    let server = MockServer::start().await;
    mount_token(
        &server,
        ResponseTemplate::new(200).set_body_json(keycloak_tokens(ACCESS, Some(REFRESH))),
        1,
    )
    .await;
    let oauth = builder(&server)
        .client_auth(ClientAuth::BasicAuth)
        .build()
        .expect("valid");
    let (sign_in, callback) = sign_in(&oauth);
    oauth
        .finish_sign_in(&sign_in, &callback)
        .await
        .expect("tokens");
    let seen = received(&server).await;
    let expected =
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    assert_eq!(
        header(&seen[0], "authorization"),
        Some(format!("Basic {expected}").as_str())
    );
    assert_eq!(
        form(&seen[0]),
        pairs(&[
            ("grant_type", "authorization_code"),
            ("code", "the-code"),
            ("code_verifier", sign_in.code_verifier().expose()),
            ("redirect_uri", REDIRECT_URI),
        ])
    );
}

#[tokio::test]
async fn a_redirect_with_another_state_is_refused_before_any_request() {
    let server = MockServer::start().await;
    mount_token(&server, ResponseTemplate::new(200), 0).await;
    let oauth = oauth(&server);
    let sign_in = oauth.start_sign_in(["all"]).expect("valid");
    let other = oauth.start_sign_in(["all"]).expect("valid");
    for state in [other.state(), "", &sign_in.state()[1..]] {
        let callback = Callback::new("the-code", state);
        let error = oauth
            .finish_sign_in(&sign_in, &callback)
            .await
            .expect_err("not this sign-in's state");
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert_eq!(error.invalid_field(), Some("state"));
        assert!(
            error.to_string().contains("start the sign-in again"),
            "{error}"
        );
    }
    let empty_code = Callback::new("", sign_in.state());
    let error = oauth
        .finish_sign_in(&sign_in, &empty_code)
        .await
        .expect_err("no code");
    assert_eq!(error.invalid_field(), Some("code"));
    assert_no_request(&server).await;
}

#[tokio::test]
async fn a_resumed_sign_in_sends_the_stored_verifier() {
    let server = MockServer::start().await;
    mount_token(
        &server,
        ResponseTemplate::new(200).set_body_json(keycloak_tokens(ACCESS, Some(REFRESH))),
        1,
    )
    .await;
    let oauth = oauth(&server);
    let (started, callback) = sign_in(&oauth);
    let resumed = PendingSignIn::resume(
        started.state().to_owned(),
        started.code_verifier().expose().to_owned(),
    )
    .expect("valid");
    oauth
        .finish_sign_in(&resumed, &callback)
        .await
        .expect("tokens");
    let sent = form(&received(&server).await[0]);
    assert!(sent.contains(&(
        "code_verifier".to_owned(),
        started.code_verifier().expose().to_owned()
    )));
}

#[tokio::test]
async fn a_refused_code_means_signing_in_again() {
    let server = MockServer::start().await;
    mount_token(
        &server,
        ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error": "invalid_grant",
            "error_description": "PKCE verification failed: Invalid code verifier"
        })),
        1,
    )
    .await;
    let oauth = oauth(&server);
    let (sign_in, callback) = sign_in(&oauth);
    let error = oauth
        .finish_sign_in(&sign_in, &callback)
        .await
        .expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::SignInRequired);
    let oauth_error = error.oauth_error().expect("the server's answer");
    assert_eq!(oauth_error.code(), &OauthErrorCode::InvalidGrant);
    assert_eq!(oauth_error.status(), Some(400));
    assert_eq!(
        error.to_string(),
        "sign-in required: the authorization code was refused (used, expired, or the PKCE \
         verifier does not match): start the sign-in again (invalid_grant: PKCE verification \
         failed: Invalid code verifier)"
    );
}

#[tokio::test]
async fn the_refresh_request_is_exact_and_keeps_the_refresh_token_if_none_comes_back() {
    let server = MockServer::start().await;
    mount_token(
        &server,
        ResponseTemplate::new(200).set_body_json(keycloak_tokens("eyJ.access-token-2", None)),
        1,
    )
    .await;
    let tokens = oauth(&server)
        .refresh(&Secret::new(REFRESH))
        .await
        .expect("refreshed");
    let seen = received(&server).await;
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].url.path(), "/realms/test/token");
    assert_eq!(
        header(&seen[0], "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        form(&seen[0]),
        pairs(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", REFRESH),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
        ])
    );
    assert_eq!(tokens.access_token.expose(), "eyJ.access-token-2");
    assert_eq!(
        tokens.refresh_token.as_ref().map(Secret::expose),
        Some(REFRESH)
    );

    let error = oauth(&server)
        .refresh(&Secret::new(""))
        .await
        .expect_err("empty");
    assert_eq!(error.invalid_field(), Some("refresh_token"));
    assert_eq!(received(&server).await.len(), 1, "nothing more was sent");
}

#[tokio::test]
async fn an_expired_refresh_token_means_signing_in_again() {
    let server = MockServer::start().await;
    mount_token(
        &server,
        ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error": "invalid_grant",
            "error_description": "Token is not active"
        })),
        1,
    )
    .await;
    let error = oauth(&server)
        .refresh(&Secret::new(REFRESH))
        .await
        .expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::SignInRequired);
    assert_eq!(
        error.to_string(),
        "sign-in required: the refresh token is no longer valid (expired or revoked): the user \
         must sign in again (invalid_grant: Token is not active)"
    );
}

/// Every way the token endpoint can fail, with the kind and message each one gets.
#[tokio::test]
async fn token_endpoint_failures_are_classified() {
    let cases: Vec<(ResponseTemplate, ErrorKind, &str)> = vec![
        (
            ResponseTemplate::new(401).set_body_json(serde_json::json!({
                "error": "invalid_client", "error_description": "Invalid client credentials"
            })),
            ErrorKind::Refused,
            "the authorization server refused the request: invalid_client: Invalid client \
             credentials (HTTP 401)",
        ),
        (
            ResponseTemplate::new(503).set_body_string("<html>maintenance</html>"),
            ErrorKind::Server,
            "the authorization server answered HTTP 503",
        ),
        (
            ResponseTemplate::new(404).set_body_string("Realm does not exist"),
            ErrorKind::Status,
            "the authorization server answered HTTP 404 (server: Realm does not exist)",
        ),
        (
            ResponseTemplate::new(200).set_body_raw(format!("access_token={ACCESS}"), "text/plain"),
            ErrorKind::Decode,
            "could not read the authorization server's answer at `.`: unexpected response \
             Content-Type: \"text/plain\", should be `application/json`",
        ),
        (
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"token_type": "Bearer"})),
            ErrorKind::Decode,
            "could not read the authorization server's answer at `.`: missing field \
             `access_token`",
        ),
        (
            ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "access_token": ACCESS, "token_type": "Bearer", "expires_in": ACCESS
            })),
            ErrorKind::Decode,
            "could not read the authorization server's answer at `expires_in`: is not a valid \
             token response (a value has the wrong type or format)",
        ),
        (
            ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "access_token": ACCESS, "token_type": "mac"
            })),
            ErrorKind::Decode,
            "could not read the authorization server's answer at `token_type`: must be Bearer, \
             not \"mac\"",
        ),
        (
            ResponseTemplate::new(200).set_body_raw(
                format!("{{\"access_token\":\"{}\"}}", "x".repeat(70_000)),
                "application/json",
            ),
            ErrorKind::Decode,
            "could not read the authorization server's answer at `.`: the answer is larger \
             than 65536 bytes",
        ),
    ];
    for (response, kind, display) in cases {
        let server = MockServer::start().await;
        mount_token(&server, response, 1).await;
        let error = oauth(&server)
            .refresh(&Secret::new(REFRESH))
            .await
            .expect_err("fails");
        assert_eq!(error.kind(), kind, "{error:?}");
        assert_eq!(error.to_string(), display);
        let shown = format!("{error} {error:?}");
        assert!(
            !shown.contains(ACCESS) && !shown.contains(REFRESH),
            "{shown}"
        );
    }
}

#[tokio::test]
async fn a_slow_or_absent_token_endpoint_is_a_timeout_or_a_connect_error() {
    let server = MockServer::start().await;
    mount_token(
        &server,
        ResponseTemplate::new(200)
            .set_body_json(keycloak_tokens(ACCESS, Some(REFRESH)))
            .set_delay(Duration::from_secs(5)),
        1,
    )
    .await;
    let error = builder(&server)
        .request_timeout(Duration::from_millis(100))
        .build()
        .expect("valid")
        .refresh(&Secret::new(REFRESH))
        .await
        .expect_err("too slow");
    assert_eq!(error.kind(), ErrorKind::Timeout);
    assert_eq!(
        error.to_string(),
        "the authorization server did not answer within 100ms"
    );

    // A port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = closed.local_addr().expect("an address").port();
    drop(closed);
    let error = OauthClient::builder(OauthClientId::new(CLIENT_ID), REDIRECT_URI)
        .token_url(format!("http://127.0.0.1:{port}/token"))
        .build()
        .expect("valid")
        .refresh(&Secret::new(REFRESH))
        .await
        .expect_err("nobody listens");
    assert_eq!(error.kind(), ErrorKind::Connect);
    assert!(
        error
            .to_string()
            .starts_with("could not connect to the authorization server: "),
        "{error}"
    );
    let core = sipgateio_core::Error::from(error);
    assert_eq!(core.kind(), sipgateio_core::ErrorKind::Connect);
}

#[tokio::test]
async fn no_type_shows_a_token_code_verifier_or_secret() {
    let server = MockServer::start().await;
    mount_token(
        &server,
        ResponseTemplate::new(200).set_body_json(keycloak_tokens(ACCESS, Some(REFRESH))),
        1,
    )
    .await;
    let oauth = oauth(&server);
    let (sign_in, callback) = sign_in(&oauth);
    let tokens: TokenSet = oauth
        .finish_sign_in(&sign_in, &callback)
        .await
        .expect("tokens");
    let session = sipgateio_oauth::TokenSession::new(&oauth, tokens.clone());
    let client = sipgateio_core::Client::builder()
        .token_source(session.clone())
        .build()
        .expect("valid");
    let shown = [
        format!("{oauth:?}"),
        format!("{sign_in:?}"),
        format!("{callback:?}"),
        format!("{tokens:?}"),
        format!("{session:?}"),
        format!("{client:?}"),
        format!("{:?}", session.tokens().await),
    ]
    .join("\n");
    for secret in [
        ACCESS,
        REFRESH,
        CLIENT_SECRET,
        "the-code",
        sign_in.code_verifier().expose(),
    ] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(shown.contains("***"));
}

#[test]
fn errors_of_the_callback_never_show_the_code() {
    let error: Error = Callback::from_query("code=a-code&code=b-code&state=s").expect_err("twice");
    let shown = format!("{error} {error:?}");
    assert!(
        !shown.contains("a-code") && !shown.contains("b-code"),
        "{shown}"
    );
}
