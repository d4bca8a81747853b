//! The sandbox's OAuth 2 server over real sockets, with a plain reqwest client that follows
//! no redirects: the authorization endpoint (redirects, errors, the consent page), the token
//! endpoint (PKCE S256, rotation, `invalid_grant`, `invalid_client`), Bearer tokens on the REST
//! API next to the personal access token, expiry, the state file and the inspector's feed.
//!
//! The PKCE pair is RFC 7636's own example (appendix B), so the sandbox's S256 is checked
//! against the RFC rather than against itself.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use reqwest::Url;
use reqwest::header::HeaderMap;
use reqwest::redirect::Policy;
use serde_json::Value;
use sipgateio_sandbox::{RegisteredClient, Sandbox, SandboxConfig, StartError};

/// RFC 7636 appendix B: this verifier's S256 challenge is [`CHALLENGE`].
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
/// Another well-formed verifier (its challenge is not [`CHALLENGE`]).
const OTHER_VERIFIER: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
/// A loopback redirect URI on a port nothing listens on: the redirect is read, not followed.
const REDIRECT: &str = "http://127.0.0.1:9/callback?app=crm";

/// A sandbox and a client of its login server that follows no redirects.
struct Login {
    sandbox: Sandbox,
    http: reqwest::Client,
}

/// What the token endpoint answered.
struct TokenAnswer {
    status: u16,
    headers: HeaderMap,
    json: Value,
}

impl TokenAnswer {
    fn error(&self) -> (&str, &str) {
        (
            self.json["error"].as_str().unwrap_or_default(),
            self.json["error_description"].as_str().unwrap_or_default(),
        )
    }

    fn access_token(&self) -> String {
        self.json["access_token"]
            .as_str()
            .unwrap_or_else(|| panic!("an access token: {}", self.json))
            .to_owned()
    }

    fn refresh_token(&self) -> String {
        self.json["refresh_token"]
            .as_str()
            .unwrap_or_else(|| panic!("a refresh token: {}", self.json))
            .to_owned()
    }
}

impl Login {
    async fn start() -> Self {
        Self::with(SandboxConfig::default()).await
    }

    async fn with(config: SandboxConfig) -> Self {
        let sandbox = Sandbox::start_with(config).await.expect("sandbox starts");
        Self {
            sandbox,
            http: reqwest::Client::builder()
                .redirect(Policy::none())
                .build()
                .expect("client"),
        }
    }

    /// The authorization request's parameters: a valid request, with `changes` applied
    /// (`None` removes a parameter).
    fn parameters(&self, changes: &[(&str, Option<&str>)]) -> Vec<(String, String)> {
        let mut parameters: Vec<(String, String)> = [
            ("response_type", "code"),
            ("client_id", self.sandbox.oauth_client().client_id()),
            ("redirect_uri", REDIRECT),
            ("scope", "numbers:read  history:read"),
            ("state", "st-1 2"),
            ("code_challenge", CHALLENGE),
            ("code_challenge_method", "S256"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        for (name, value) in changes {
            parameters.retain(|(k, _)| k != name);
            if let Some(value) = value {
                parameters.push(((*name).to_owned(), (*value).to_owned()));
            }
        }
        parameters
    }

    async fn authorize(&self, changes: &[(&str, Option<&str>)]) -> reqwest::Response {
        self.http
            .get(self.sandbox.oauth_authorization_url())
            .query(&self.parameters(changes))
            .send()
            .await
            .expect("the authorization endpoint answers")
    }

    /// A code for the default request (approved at once).
    async fn code(&self) -> String {
        let response = self.authorize(&[]).await;
        let query = redirect_query(&response);
        assert_eq!(query.get("state"), Some(&"st-1 2".to_owned()));
        query.get("code").expect("a code").clone()
    }

    /// A token request with the client's id and secret in the form.
    async fn token(&self, form: &[(&str, &str)]) -> TokenAnswer {
        let client = self.sandbox.oauth_client();
        let mut form: Vec<(&str, &str)> = form.to_vec();
        form.push(("client_id", client.client_id()));
        form.push(("client_secret", client.client_secret()));
        self.post_token(self.http.post(self.sandbox.oauth_token_url()).form(&form))
            .await
    }

    async fn post_token(&self, request: reqwest::RequestBuilder) -> TokenAnswer {
        let response = request.send().await.expect("the token endpoint answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let json = response.json().await.unwrap_or(Value::Null);
        TokenAnswer {
            status,
            headers,
            json,
        }
    }

    async fn exchange(&self, code: &str) -> TokenAnswer {
        self.token(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ])
        .await
    }

    async fn refresh(&self, refresh_token: &str) -> TokenAnswer {
        self.token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ])
        .await
    }

    /// `GET /v2/{path}` with a Bearer token: the status, the `WWW-Authenticate` header and
    /// the body.
    async fn api(&self, path: &str, access_token: &str) -> (u16, String, Value) {
        let response = self
            .http
            .get(format!("{}{path}", self.sandbox.base_url()))
            .bearer_auth(access_token)
            .send()
            .await
            .expect("the API answers");
        let status = response.status().as_u16();
        let challenge = response
            .headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (
            status,
            challenge,
            response.json().await.unwrap_or(Value::Null),
        )
    }
}

/// The query of a 302 to [`REDIRECT`] (which keeps its own `app=crm`).
fn redirect_query(response: &reqwest::Response) -> std::collections::HashMap<String, String> {
    assert_eq!(response.status(), 302, "a redirect");
    let location = response.headers()["location"].to_str().expect("ASCII");
    let url = Url::parse(location).expect("an absolute URL");
    assert_eq!(
        url.as_str().split('?').next(),
        Some("http://127.0.0.1:9/callback")
    );
    let query: std::collections::HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(query.get("app").map(String::as_str), Some("crm"));
    query
}

#[tokio::test]
async fn a_sign_in_with_pkce_gives_tokens_the_api_accepts_and_refresh_rotates_them() {
    let login = Login::start().await;
    let code = login.code().await;

    let tokens = login.exchange(&code).await;
    assert_eq!(tokens.status, 200, "{}", tokens.json);
    assert_eq!(tokens.headers["cache-control"], "no-store");
    assert_eq!(tokens.headers["pragma"], "no-cache");
    assert_eq!(tokens.json["token_type"], "Bearer");
    assert_eq!(tokens.json["expires_in"], 300);
    assert_eq!(tokens.json["refresh_expires_in"], 2_592_000);
    assert_eq!(tokens.json["scope"], "numbers:read history:read");
    let (access, refresh) = (tokens.access_token(), tokens.refresh_token());
    assert_ne!(access, refresh);
    assert!(access.len() >= 43, "{access}");

    // The REST API takes the access token as Bearer, on every endpoint.
    let (status, _, me) = login.api("/authorization/userinfo", &access).await;
    assert_eq!((status, me["sub"].as_str()), (200, Some("w0")));
    assert_eq!(login.api("/numbers", &access).await.0, 200);
    let sent = login
        .http
        .post(format!("{}/sessions/sms", login.sandbox.base_url()))
        .bearer_auth(&access)
        .json(&serde_json::json!({"smsId": "s0", "recipient": "+4915739777777", "message": "hi"}))
        .send()
        .await
        .expect("the API answers");
    assert_eq!(sent.status(), 204);
    // ... and the personal access token still works beside it.
    let basic = login
        .http
        .get(format!("{}/numbers", login.sandbox.base_url()))
        .basic_auth(login.sandbox.token_id(), Some(login.sandbox.token()))
        .send()
        .await
        .expect("the API answers");
    assert_eq!(basic.status(), 200);

    // A refresh (client authenticated with HTTP Basic this time) rotates both tokens.
    let client = login.sandbox.oauth_client().clone();
    let renewed = login
        .post_token(
            login
                .http
                .post(login.sandbox.oauth_token_url())
                .basic_auth(client.client_id(), Some(client.client_secret()))
                .form(&[("grant_type", "refresh_token"), ("refresh_token", &refresh)]),
        )
        .await;
    assert_eq!(renewed.status, 200, "{}", renewed.json);
    let (access_2, refresh_2) = (renewed.access_token(), renewed.refresh_token());
    assert_ne!(access_2, access);
    assert_ne!(refresh_2, refresh);
    assert_eq!(renewed.json["scope"], "numbers:read history:read");
    assert_eq!(login.api("/numbers", &access_2).await.0, 200);

    // A narrower scope may be asked for; a wider one not.
    let narrowed = login
        .token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh_2),
            ("scope", "numbers:read"),
        ])
        .await;
    assert_eq!(narrowed.json["scope"], "numbers:read", "{}", narrowed.json);
    let refresh_3 = narrowed.refresh_token();
    let widened = login
        .token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh_3),
            ("scope", "numbers:read all"),
        ])
        .await;
    assert_eq!(
        (widened.status, widened.error().0),
        (400, "invalid_scope"),
        "{}",
        widened.json
    );

    // The first refresh token is used up: using it again means it leaked, and the whole
    // sign-in ends — the newest refresh token and every access token too.
    let reused = login.refresh(&refresh).await;
    assert_eq!((reused.status, reused.error().0), (400, "invalid_grant"));
    assert!(reused.error().1.contains("used before"), "{}", reused.json);
    let after = login.refresh(&refresh_3).await;
    assert_eq!((after.status, after.error().0), (400, "invalid_grant"));
    let (status, challenge, body) = login.api("/numbers", &access_2).await;
    assert_eq!(status, 401);
    assert!(challenge.starts_with("Bearer "), "{challenge}");
    assert!(challenge.contains("error=\"invalid_token\""), "{challenge}");
    assert!(
        body["errors"][0]["detail"]
            .as_str()
            .is_some_and(|d| d.contains("not valid")),
        "{body}"
    );
}

#[tokio::test]
async fn a_code_is_good_once_and_its_second_use_revokes_its_tokens() {
    let login = Login::start().await;
    let code = login.code().await;
    let tokens = login.exchange(&code).await;
    assert_eq!(tokens.status, 200);
    let again = login.exchange(&code).await;
    assert_eq!((again.status, again.error().0), (400, "invalid_grant"));
    assert!(again.error().1.contains("used before"), "{}", again.json);
    // RFC 6749 section 4.1.2: the tokens issued for a code used twice are revoked.
    assert_eq!(login.api("/numbers", &tokens.access_token()).await.0, 401);
    let refreshed = login.refresh(&tokens.refresh_token()).await;
    assert_eq!(refreshed.error().0, "invalid_grant");

    let unknown = login.exchange("not-a-code").await;
    assert_eq!((unknown.status, unknown.error().0), (400, "invalid_grant"));
}

#[tokio::test]
async fn the_code_verifier_and_the_redirect_uri_must_match_the_authorization_request() {
    let login = Login::start().await;

    // A verifier of another challenge: PKCE fails, and the code is used up.
    let code = login.code().await;
    let exchange = |verifier: &'static str, code: String| {
        let login = &login;
        async move {
            login
                .token(&[
                    ("grant_type", "authorization_code"),
                    ("code", &code),
                    ("redirect_uri", REDIRECT),
                    ("code_verifier", verifier),
                ])
                .await
        }
    };
    let mismatch = exchange(OTHER_VERIFIER, code.clone()).await;
    assert_eq!(
        (mismatch.status, mismatch.error().0),
        (400, "invalid_grant")
    );
    assert!(mismatch.error().1.contains("PKCE"), "{}", mismatch.json);
    let retried = exchange(VERIFIER, code).await;
    assert_eq!(retried.error().0, "invalid_grant", "a code is tried once");

    // No verifier, or one that is not RFC 7636-shaped.
    let missing = login
        .token(&[
            ("grant_type", "authorization_code"),
            ("code", &login.code().await),
            ("redirect_uri", REDIRECT),
        ])
        .await;
    assert_eq!(missing.error().0, "invalid_grant");
    assert!(
        missing.error().1.contains("code_verifier"),
        "{}",
        missing.json
    );
    let short = exchange("too-short", login.code().await).await;
    assert_eq!(short.error().0, "invalid_grant");

    // Another redirect URI than the authorization request's, or none.
    for redirect in [Some("http://127.0.0.1:9/callback"), None] {
        let code = login.code().await;
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("code_verifier", VERIFIER),
        ];
        if let Some(redirect) = redirect {
            form.push(("redirect_uri", redirect));
        }
        let answer = login.token(&form).await;
        assert_eq!(answer.error().0, "invalid_grant", "{redirect:?}");
        assert!(answer.error().1.contains("redirect_uri"), "{}", answer.json);
    }
}

#[tokio::test]
async fn the_authorization_endpoint_redirects_errors_only_to_a_registered_redirect_uri() {
    let login = Login::start().await;

    // Unknown client, unregistered or missing redirect URI: an error page, no redirect.
    for changes in [
        vec![("client_id", Some("someone-else"))],
        vec![("client_id", None)],
        vec![("redirect_uri", Some("https://evil.example/callback"))],
        vec![(
            "redirect_uri",
            Some("http://127.0.0.1:9@evil.example/callback"),
        )],
        vec![("redirect_uri", Some("http://127.0.0.1:9/callback#fragment"))],
        vec![("redirect_uri", None)],
    ] {
        let response = login.authorize(&changes).await;
        assert_eq!(response.status(), 400, "{changes:?}");
        assert!(response.headers().get("location").is_none(), "{changes:?}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .is_ok_and(|t| t.starts_with("text/html")),
            "{changes:?}"
        );
    }

    // With a registered redirect URI, errors go back there with the state.
    for (changes, error) in [
        (vec![("code_challenge", None)], "invalid_request"),
        (vec![("code_challenge_method", None)], "invalid_request"),
        (
            vec![("code_challenge_method", Some("plain"))],
            "invalid_request",
        ),
        (vec![("code_challenge", Some("short"))], "invalid_request"),
        (
            vec![("response_type", Some("token"))],
            "unsupported_response_type",
        ),
        (vec![("response_type", None)], "invalid_request"),
        (vec![("scope", Some("numbers\"read"))], "invalid_scope"),
    ] {
        let response = login.authorize(&changes).await;
        let query = redirect_query(&response);
        assert_eq!(
            query.get("error").map(String::as_str),
            Some(error),
            "{changes:?}"
        );
        assert!(query.contains_key("error_description"), "{changes:?}");
        assert_eq!(query.get("state").map(String::as_str), Some("st-1 2"));
        assert!(!query.contains_key("code"), "{changes:?}");
    }

    // Any port on the loopback addresses, by default.
    for redirect in [
        "http://localhost:51234/cb",
        "http://[::1]:1/",
        "http://127.0.0.1/x",
    ] {
        let response = login.authorize(&[("redirect_uri", Some(redirect))]).await;
        assert_eq!(response.status(), 302, "{redirect}");
        let location = response.headers()["location"].to_str().expect("ASCII");
        assert!(location.starts_with(redirect), "{location}");
        assert!(location.contains("code="), "{location}");
    }

    // A parameter twice is refused; another realm does not exist.
    let twice = login
        .http
        .get(format!(
            "{}?state=a&state=b",
            login.sandbox.oauth_authorization_url()
        ))
        .send()
        .await
        .expect("answers");
    assert_eq!(twice.status(), 400);
    let other_realm = login
        .sandbox
        .oauth_authorization_url()
        .replace("sipgate-apps", "third-party");
    let response = login
        .http
        .get(other_realm)
        .query(&login.parameters(&[]))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn prompt_consent_shows_a_page_whose_answer_is_a_code_or_access_denied() {
    let login = Login::start().await;
    let page = login.authorize(&[("prompt", Some("consent"))]).await;
    assert_eq!(page.status(), 200);
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .expect("ASCII")
        .to_owned();
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    let html = page.text().await.expect("HTML");
    assert!(html.contains("name=\"decision\" value=\"allow\""), "{html}");
    assert!(html.contains("<code>numbers:read</code>"), "{html}");
    // The state is carried in the form, escaped.
    assert!(html.contains("name=\"state\" value=\"st-1 2\""), "{html}");

    let answer = |decision: &'static str| {
        let mut form = login.parameters(&[("prompt", Some("consent"))]);
        form.push(("decision".to_owned(), decision.to_owned()));
        login
            .http
            .post(login.sandbox.oauth_authorization_url())
            .form(&form)
            .send()
    };
    let denied = answer("deny").await.expect("answers");
    let query = redirect_query(&denied);
    assert_eq!(
        query.get("error").map(String::as_str),
        Some("access_denied")
    );
    assert_eq!(query.get("state").map(String::as_str), Some("st-1 2"));
    let allowed = answer("allow").await.expect("answers");
    let code = redirect_query(&allowed)["code"].clone();
    assert_eq!(login.exchange(&code).await.status, 200);
}

#[tokio::test]
async fn the_token_endpoint_wants_the_clients_secret_once_and_a_proper_form() {
    let login = Login::start().await;
    let url = login.sandbox.oauth_token_url();
    let client = login.sandbox.oauth_client().clone();
    let refresh = [("grant_type", "refresh_token"), ("refresh_token", "x")];

    // A wrong secret with HTTP Basic: 401 and a Basic challenge (RFC 6749 section 5.2).
    let basic = login
        .post_token(
            login
                .http
                .post(&url)
                .basic_auth(client.client_id(), Some("wrong"))
                .form(&refresh),
        )
        .await;
    assert_eq!((basic.status, basic.error().0), (401, "invalid_client"));
    assert!(
        basic.headers["www-authenticate"]
            .to_str()
            .is_ok_and(|c| c.starts_with("Basic ")),
        "{:?}",
        basic.headers
    );
    // In the form, or no authentication at all: 401.
    for form in [
        vec![
            ("client_id", client.client_id()),
            ("client_secret", "wrong"),
        ],
        vec![("client_id", client.client_id())],
        vec![],
    ] {
        let mut form = form;
        form.extend(refresh);
        let answer = login.post_token(login.http.post(&url).form(&form)).await;
        assert_eq!((answer.status, answer.error().0), (401, "invalid_client"));
    }
    // Both methods at once: refused.
    let mut both = vec![("client_secret", client.client_secret())];
    both.extend(refresh);
    let answer = login
        .post_token(
            login
                .http
                .post(&url)
                .basic_auth(client.client_id(), Some(client.client_secret()))
                .form(&both),
        )
        .await;
    assert_eq!((answer.status, answer.error().0), (400, "invalid_request"));
    // HTTP Basic form-encodes id and secret (RFC 6749 section 2.3.1): a secret with `+`,
    // `%` and `:` works once encoded.
    let odd = Login::with(
        SandboxConfig::default().oauth_client(RegisteredClient::new("app one", "s+e%c:r/t")),
    )
    .await;
    let answer = odd
        .post_token(
            odd.http
                .post(odd.sandbox.oauth_token_url())
                .basic_auth("app+one", Some("s%2Be%25c%3Ar%2Ft"))
                .form(&refresh),
        )
        .await;
    assert_eq!(answer.error().0, "invalid_grant", "{}", answer.json);

    // Grant types, parameters and the body's type.
    for (form, error) in [
        (vec![("grant_type", "password")], "unsupported_grant_type"),
        (
            vec![("grant_type", "client_credentials")],
            "unsupported_grant_type",
        ),
        (vec![], "invalid_request"),
        (
            vec![("grant_type", "authorization_code")],
            "invalid_request",
        ),
        (vec![("grant_type", "refresh_token")], "invalid_request"),
    ] {
        let answer = login.token(&form).await;
        assert_eq!((answer.status, answer.error().0), (400, error), "{form:?}");
    }
    let twice = login
        .token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", "a"),
            ("refresh_token", "b"),
        ])
        .await;
    assert_eq!(twice.error().0, "invalid_request");
    let json = login
        .post_token(
            login
                .http
                .post(&url)
                .json(&serde_json::json!({"grant_type": "refresh_token"})),
        )
        .await;
    assert_eq!((json.status, json.error().0), (400, "invalid_request"));
    let other_realm = login
        .post_token(
            login
                .http
                .post(url.replace("sipgate-apps", "nope"))
                .form(&refresh),
        )
        .await;
    assert_eq!(other_realm.status, 404);
}

#[tokio::test]
async fn tokens_and_codes_expire_and_expired_access_tokens_are_answered_401() {
    // The sandbox's OAuth clock is the wall clock (chrono::Utc): a paused tokio clock does
    // not move it, so this test waits for real — once, 1.2 s, for three sandboxes, each with
    // one short lifetime (so no step depends on being quick before an expiry).
    let short_access =
        Login::with(SandboxConfig::default().access_token_lifetime(Duration::from_secs(1))).await;
    let short_code =
        Login::with(SandboxConfig::default().authorization_code_lifetime(Duration::from_secs(1)))
            .await;
    let short_refresh =
        Login::with(SandboxConfig::default().refresh_token_lifetime(Duration::from_secs(1))).await;
    let tokens = short_access.exchange(&short_access.code().await).await;
    assert_eq!(tokens.json["expires_in"], 1);
    let waiting_code = short_code.code().await;
    let refresh_tokens = short_refresh.exchange(&short_refresh.code().await).await;
    assert_eq!(refresh_tokens.json["refresh_expires_in"], 1);

    tokio::time::sleep(Duration::from_millis(1200)).await;

    let (status, challenge, body) = short_access.api("/numbers", &tokens.access_token()).await;
    assert_eq!(status, 401);
    assert!(challenge.contains("error=\"invalid_token\""), "{challenge}");
    assert!(
        body["errors"][0]["detail"]
            .as_str()
            .is_some_and(|d| d.contains("expired")),
        "{body}"
    );
    // The refresh token outlives the access token: the sign-in goes on.
    let renewed = short_access.refresh(&tokens.refresh_token()).await;
    assert_eq!(renewed.status, 200, "{}", renewed.json);
    // A code that waited too long, and an expired refresh token: invalid_grant.
    let late = short_code.exchange(&waiting_code).await;
    assert_eq!((late.status, late.error().0), (400, "invalid_grant"));
    let ended = short_refresh.refresh(&refresh_tokens.refresh_token()).await;
    assert_eq!((ended.status, ended.error().0), (400, "invalid_grant"));
}

#[tokio::test]
async fn revoking_the_sign_ins_ends_every_token() {
    let login = Login::start().await;
    let tokens = login.exchange(&login.code().await).await;
    assert_eq!(login.api("/numbers", &tokens.access_token()).await.0, 200);
    assert_eq!(login.sandbox.revoke_oauth_sign_ins(), 1);
    assert_eq!(login.api("/numbers", &tokens.access_token()).await.0, 401);
    assert_eq!(
        login.refresh(&tokens.refresh_token()).await.error().0,
        "invalid_grant"
    );
    // Tokens the sandbox never issued, and other schemes, are refused too.
    assert_eq!(login.api("/numbers", "made-up").await.0, 401);
    let unknown_scheme = login
        .http
        .get(format!("{}/numbers", login.sandbox.base_url()))
        .header("authorization", "Token abc")
        .send()
        .await
        .expect("answers");
    assert_eq!(unknown_scheme.status(), 401);
}

#[tokio::test]
async fn the_metadata_names_the_endpoints() {
    let login = Login::start().await;
    let url = login.sandbox.oauth_authorization_url().replace(
        "protocol/openid-connect/auth",
        ".well-known/openid-configuration",
    );
    let metadata: Value = login
        .http
        .get(url)
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        metadata["authorization_endpoint"],
        login.sandbox.oauth_authorization_url()
    );
    assert_eq!(metadata["token_endpoint"], login.sandbox.oauth_token_url());
    assert_eq!(
        metadata["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
}

/// A fresh directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("sandbox-oauth")
        .join(format!("{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[tokio::test]
async fn the_state_file_keeps_the_client_and_the_sign_ins_but_no_token_in_clear() {
    let dir = temp_dir("state");
    let path = dir.join("state.json");
    let config = || SandboxConfig::default().fax_step(None).state_file(&path);
    let (client, tokens) = {
        let login = Login::with(config()).await;
        let tokens = login.exchange(&login.code().await).await;
        assert_eq!(tokens.status, 200);
        (login.sandbox.oauth_client().clone(), tokens)
        // Dropped here: the state is saved.
    };
    let text = std::fs::read_to_string(&path).expect("state file");
    assert!(!text.contains(&tokens.access_token()));
    assert!(!text.contains(&tokens.refresh_token()));
    let json: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(json["oauth"]["clientId"], client.client_id());
    assert_eq!(
        json["oauth"]["grants"][0]["refreshTokens"][0]["sha256"]
            .as_str()
            .map(str::len),
        Some(64)
    );

    // Restarted: the same client, and the tokens go on working.
    let login = Login::with(config()).await;
    assert_eq!(login.sandbox.oauth_client(), &client);
    assert_eq!(login.api("/numbers", &tokens.access_token()).await.0, 200);
    let renewed = login.refresh(&tokens.refresh_token()).await;
    assert_eq!(renewed.status, 200, "{}", renewed.json);
    drop(login);

    // With another client the old sign-ins are not restored.
    let other = Login::with(config().oauth_client(RegisteredClient::new("other", "secret"))).await;
    assert_eq!(other.sandbox.oauth_client().client_id(), "other");
    assert_eq!(other.api("/numbers", &renewed.access_token()).await.0, 401);
}

#[tokio::test]
async fn bad_settings_stop_the_start() {
    for (config, setting) in [
        (
            SandboxConfig::default().access_token_lifetime(Duration::ZERO),
            "access_token_lifetime",
        ),
        (
            SandboxConfig::default().refresh_token_lifetime(Duration::from_millis(500)),
            "refresh_token_lifetime",
        ),
        (
            SandboxConfig::default().redirect_uris(["/relative"]),
            "redirect_uris",
        ),
        (
            SandboxConfig::default().redirect_uris(Vec::<String>::new()),
            "redirect_uris",
        ),
        (
            SandboxConfig::default().redirect_uris(["ftp://127.0.0.1/x"]),
            "redirect_uris",
        ),
        (
            SandboxConfig::default().oauth_client(RegisteredClient::new("", "secret")),
            "oauth_client",
        ),
        (
            SandboxConfig::default().oauth_client(RegisteredClient::new("app", "line\nbreak")),
            "oauth_client",
        ),
    ] {
        match Sandbox::start_with(config).await {
            Err(StartError::Config { setting: named, .. }) => assert_eq!(named, setting),
            other => panic!("{setting}: expected a config error, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn an_exact_redirect_uri_must_match_scheme_host_port_and_path() {
    let login = Login::with(SandboxConfig::default().redirect_uris([
        "https://crm.example.com/sipgate/callback",
        "http://127.0.0.1:9/callback*",
    ]))
    .await;
    for (redirect, allowed) in [
        ("https://crm.example.com/sipgate/callback", true),
        ("https://crm.example.com:8443/sipgate/callback", false),
        ("http://crm.example.com/sipgate/callback", false),
        ("https://crm.example.com/sipgate/callback/more", false),
        ("https://crm.example.com/sipgate/callback?x=1", false),
        ("https://CRM.example.com/sipgate/callback", true),
        ("http://127.0.0.1:9/callback?app=crm", true),
        ("http://127.0.0.1:1234/callbacks", true),
        ("http://127.0.0.1:9/other", false),
        ("http://localhost:9/callback", false),
    ] {
        let status = login
            .authorize(&[("redirect_uri", Some(redirect))])
            .await
            .status();
        assert_eq!(status == 302, allowed, "{redirect}: {status}");
    }
}

#[tokio::test]
async fn the_inspector_shows_sign_ins_refreshes_and_refusals_without_a_token() {
    let login = Login::start().await;
    let tokens = login.exchange(&login.code().await).await;
    let renewed = login.refresh(&tokens.refresh_token()).await;
    assert_eq!(renewed.status, 200);
    let refused = login.refresh("not-a-refresh-token").await;
    assert_eq!(refused.status, 400);

    // The feed replays what happened before it was opened; read until the refusal is in.
    let mut feed = reqwest::Client::new()
        .get(format!(
            "{}sandbox/inspector/events",
            login.sandbox.inspector_url()
        ))
        .send()
        .await
        .expect("the feed answers");
    let mut text = String::new();
    while !text.contains("\"action\":\"refused\"") {
        let chunk = tokio::time::timeout(Duration::from_secs(20), feed.chunk())
            .await
            .expect("the feed delivers (a hang guard, not a speed assertion)")
            .expect("the feed reads")
            .expect("the feed goes on");
        text.push_str(std::str::from_utf8(&chunk).expect("UTF-8"));
    }
    let events: Vec<Value> = text
        .lines()
        .filter_map(|line| line.strip_prefix("data:"))
        .filter_map(|data| serde_json::from_str(data.trim()).ok())
        .filter(|event: &Value| event["type"] == "oauth")
        .collect();
    let actions: Vec<&str> = events
        .iter()
        .filter_map(|event| event["action"].as_str())
        .collect();
    assert_eq!(actions, ["signIn", "refresh", "refused"]);
    assert_eq!(events[0]["user"], "w0");
    assert_eq!(events[0]["grantType"], "authorization_code");
    assert_eq!(events[0]["scope"], "numbers:read history:read");
    assert_eq!(events[0]["session"], events[1]["session"]);
    assert!(
        events[2]["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("invalid_grant")),
        "{}",
        events[2]
    );
    for secret in [
        tokens.access_token(),
        tokens.refresh_token(),
        renewed.access_token(),
        renewed.refresh_token(),
        login.sandbox.oauth_client().client_secret().to_owned(),
    ] {
        assert!(!text.contains(&secret), "a secret in the feed");
    }
}

/// Kills the binary when dropped (a failing assertion must not leave a server running).
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_binary_takes_the_oauth_flags_and_names_the_client_in_banner_and_registration() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let registration = temp_dir("binary").join("sandbox.json");
    let mut child = Running(
        Command::new(env!("CARGO_BIN_EXE_sipgateio-sandbox"))
            .args(["--port", "0", "--client-id", "my-app", "--client-secret"])
            .args(["s3cr3t", "--redirect-uri", "https://app.example.com/cb"])
            .args(["--access-token-lifetime", "2"])
            .env("SIPGATEIO_SANDBOX_FILE", &registration)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts"),
    );
    let stdout = child.0.stdout.take().expect("piped stdout");
    let banner: Vec<String> = BufReader::new(stdout)
        .lines()
        .map(|line| line.expect("utf-8 line"))
        .take_while(|line| !line.contains("Ctrl-C"))
        .collect();
    let value = |label: &str| -> String {
        banner
            .iter()
            .find_map(|line| line.trim().strip_prefix(label))
            .map(|value| value.trim().to_owned())
            .unwrap_or_else(|| panic!("{label} in the banner: {banner:#?}"))
    };
    assert_eq!(value("client id:"), "my-app");
    assert_eq!(value("client secret:"), "s3cr3t");
    assert_eq!(value("redirect URIs:"), "https://app.example.com/cb");
    assert_eq!(
        value("lifetimes:"),
        "access tokens 2 s, refresh tokens 30 days"
    );
    let token_url = value("token URL:");
    assert!(
        token_url.ends_with("/auth/realms/sipgate-apps/protocol/openid-connect/token"),
        "{token_url}"
    );

    let record: Value =
        serde_json::from_str(&std::fs::read_to_string(&registration).expect("registered"))
            .expect("JSON");
    assert_eq!(record["oauth"]["clientId"], "my-app");
    assert_eq!(record["oauth"]["tokenUrl"], token_url.as_str());
    assert_eq!(
        record["oauth"]["authorizationUrl"],
        value("authorize URL:").as_str()
    );

    // The flags are what the server uses.
    let answer = reqwest::Client::new()
        .post(&token_url)
        .basic_auth("my-app", Some("s3cr3t"))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", "x")])
        .send()
        .await
        .expect("the token endpoint answers");
    assert_eq!(answer.status(), 400, "authenticated: the grant is refused");
    let json: Value = answer.json().await.expect("JSON");
    assert_eq!(json["error"], "invalid_grant");
}
