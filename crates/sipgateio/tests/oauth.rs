//! OAuth 2 end to end: `sipgateio-oauth` against the sandbox's login server over real sockets —
//! the sign-in (the authorization redirect followed by a plain reqwest client that follows no
//! redirects, as a browser would), API calls with a `TokenSession`, renewal before expiry and
//! after a 401, a reused refresh token ending the session with "sign in again", and the
//! checks on each side (the sandbox refuses a wrong PKCE verifier, the client a wrong state).
//!
//! The sandbox keeps OAuth time by the wall clock (a paused tokio clock does not move it) and
//! the requests go over real sockets, so the expiry tests wait for real: their access tokens
//! live one second and each test waits once, 1.2 s, a bound rather than a timing assertion.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use sipgateio::chrono::{TimeDelta, Utc};
use sipgateio::oauth::{
    Callback, ErrorKind, OauthClient, OauthErrorCode, PendingSignIn, StoreFuture, TokenSession,
    TokenSet, TokenStore,
};
use sipgateio::prelude::*;
use sipgateio::sandbox::{Sandbox, SandboxConfig};

/// Where the sandbox sends the browser back: a loopback URI on a port nothing listens on (the
/// redirect is read, not followed).
const REDIRECT_URI: &str = "http://127.0.0.1:9/sipgate/callback";
/// Past a one-second access token's expiry.
const PAST_EXPIRY: Duration = Duration::from_millis(1200);

/// A strict sandbox (the requests the SDK sends are checked against the API description).
async fn sandbox(access_token_lifetime: Duration) -> Sandbox {
    Sandbox::start_with(
        SandboxConfig::default()
            .strict(true)
            .access_token_lifetime(access_token_lifetime),
    )
    .await
    .expect("the sandbox starts")
}

/// The sandbox's registered client, as an application configures it.
fn oauth_for(sandbox: &Sandbox) -> OauthClient {
    OauthClient::builder(
        OauthClientId::new(sandbox.oauth_client().client_id()),
        REDIRECT_URI,
    )
    .client_secret(sandbox.oauth_client().client_secret())
    .authorization_url(sandbox.oauth_authorization_url())
    .token_url(sandbox.oauth_token_url())
    .build()
    .expect("the sandbox's client is well formed")
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// Opens the sign-in URL as a browser would and returns what the redirect back brings.
async fn sign_in_at_the_sandbox(sign_in: &PendingSignIn) -> Callback {
    let response = browser()
        .get(sign_in.url())
        .send()
        .await
        .expect("the login server answers");
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"]
        .to_str()
        .expect("an ASCII location");
    let (target, query) = location.split_once('?').expect("a query");
    assert_eq!(target, REDIRECT_URI);
    Callback::from_query(query).expect("a code and the state")
}

/// A store that keeps every token set it is given.
#[derive(Debug, Default)]
struct Saved(Mutex<Vec<TokenSet>>);

impl Saved {
    fn all(&self) -> Vec<TokenSet> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl TokenStore for Saved {
    fn save<'a>(&'a self, tokens: &'a TokenSet) -> StoreFuture<'a> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(tokens.clone());
        Box::pin(async { Ok(()) })
    }
}

fn client_with(sandbox: &Sandbox, session: &TokenSession) -> Client {
    Client::builder()
        .base_url(sandbox.base_url())
        .token_source(session.clone())
        .build()
        .expect("a client")
}

#[tokio::test]
async fn sign_in_call_the_api_renew_and_sign_in_again_after_a_reused_refresh_token() {
    let sandbox = sandbox(Duration::from_secs(1)).await;
    let oauth = oauth_for(&sandbox);

    let sign_in = oauth
        .start_sign_in(["numbers:read", "history:read"])
        .expect("valid scopes");
    assert!(
        sign_in
            .url()
            .starts_with(&sandbox.oauth_authorization_url())
    );
    let callback = sign_in_at_the_sandbox(&sign_in).await;
    assert_eq!(callback.state(), sign_in.state());
    let tokens = oauth
        .finish_sign_in(&sign_in, &callback)
        .await
        .expect("the code buys tokens");
    assert_eq!(tokens.scopes, ["numbers:read", "history:read"]);
    let first_refresh_token = tokens.refresh_token.clone().expect("a refresh token");
    assert!(
        tokens
            .expires_at
            .is_some_and(|at| at <= Utc::now() + TimeDelta::seconds(1))
    );

    // Renewal before expiry: the session refreshes 200 ms before the token expires.
    let saved = Arc::new(Saved::default());
    let session = TokenSession::builder(&oauth, tokens.clone())
        .refresh_margin(Duration::from_millis(200))
        .store(saved.clone())
        .build();
    let client = client_with(&sandbox, &session);
    let me = client
        .get_authenticated_webuser_id()
        .await
        .expect("the sandbox takes the access token");
    assert_eq!(me.as_str(), "w0");
    let numbers = client
        .numbers()
        .list(Pagination::default())
        .await
        .expect("numbers");
    assert!(!numbers.items.is_empty());

    // Renewal after a 401: tokens whose stored expiry is wrong (an hour) are used until the
    // API refuses them; then the session refreshes and the client repeats the request.
    let sign_in_2 = oauth.start_sign_in(["numbers:read"]).expect("valid");
    let callback_2 = sign_in_at_the_sandbox(&sign_in_2).await;
    let optimistic = oauth
        .finish_sign_in(&sign_in_2, &callback_2)
        .await
        .expect("tokens")
        .expires_at(Utc::now() + TimeDelta::hours(1));
    let saved_2 = Arc::new(Saved::default());
    let session_2 = TokenSession::builder(&oauth, optimistic.clone())
        .store(saved_2.clone())
        .build();
    let client_2 = client_with(&sandbox, &session_2);

    tokio::time::sleep(PAST_EXPIRY).await;

    client
        .numbers()
        .list(Pagination::default())
        .await
        .expect("the session renewed the expired token");
    let renewed = session.tokens().await;
    assert_ne!(renewed.access_token, tokens.access_token);
    assert_ne!(renewed.refresh_token.as_ref(), Some(&first_refresh_token));
    assert_eq!(
        saved.all().last(),
        Some(&renewed),
        "the store got the new tokens"
    );

    client_2
        .numbers()
        .list(Pagination::default())
        .await
        .expect("refreshed after the 401 and repeated");
    assert!(!saved_2.all().is_empty(), "refreshed after the 401");
    assert_ne!(
        session_2.tokens().await.access_token,
        optimistic.access_token
    );

    // The first refresh token was rotated away. Using it again is invalid_grant — and, since
    // a reused refresh token has leaked, the sandbox revokes the whole sign-in.
    let error = oauth
        .refresh(&first_refresh_token)
        .await
        .expect_err("a used refresh token");
    assert_eq!(error.kind(), ErrorKind::SignInRequired);
    assert_eq!(
        error.oauth_error().map(|e| e.code().clone()),
        Some(OauthErrorCode::InvalidGrant)
    );
    // The session's next request is refused (401), its refresh too: "sign in again".
    let error = client
        .numbers()
        .list(Pagination::default())
        .await
        .expect_err("the sign-in is over");
    assert_eq!(error.kind(), sipgateio::ErrorKind::Unauthorized);
    assert!(error.to_string().contains("sign in again"), "{error}");
    // It stays over, without another refresh.
    assert!(session.refresh().await.is_err());
    let again = client
        .get_authenticated_webuser_id()
        .await
        .expect_err("still over");
    assert_eq!(again.kind(), sipgateio::ErrorKind::Unauthorized);
    // The other sign-in is not affected.
    client_2
        .get_authenticated_webuser_id()
        .await
        .expect("another sign-in goes on");
}

#[tokio::test]
async fn an_expired_access_token_is_answered_401() {
    let sandbox = sandbox(Duration::from_secs(1)).await;
    let oauth = oauth_for(&sandbox);
    let sign_in = oauth.start_sign_in(["all"]).expect("valid");
    let tokens = oauth
        .finish_sign_in(&sign_in, &sign_in_at_the_sandbox(&sign_in).await)
        .await
        .expect("tokens");
    // A fixed token, without a session to renew it (that a fresh one works is the test
    // above's business: here only the direction "after expiry: refused" is certain).
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .oauth_token(tokens.access_token.clone())
        .build()
        .expect("client");

    tokio::time::sleep(PAST_EXPIRY).await;

    let error = client
        .get_authenticated_webuser_id()
        .await
        .expect_err("expired");
    assert_eq!(error.kind(), sipgateio::ErrorKind::Unauthorized);
    assert_eq!(error.status(), Some(401));
    assert!(error.to_string().contains("expired"), "{error}");
}

#[tokio::test]
async fn the_sandbox_refuses_a_code_verifier_that_does_not_match() {
    let sandbox = sandbox(Duration::from_secs(300)).await;
    let oauth = oauth_for(&sandbox);
    let sign_in = oauth.start_sign_in(["all"]).expect("valid");
    let callback = sign_in_at_the_sandbox(&sign_in).await;

    // The same state, another sign-in's verifier: the client sends it, the sandbox refuses.
    let other_verifier = oauth.start_sign_in(["all"]).expect("valid");
    let forged = PendingSignIn::resume(sign_in.state(), other_verifier.code_verifier().clone())
        .expect("well formed");
    let error = oauth
        .finish_sign_in(&forged, &callback)
        .await
        .expect_err("PKCE fails");
    assert_eq!(error.kind(), ErrorKind::SignInRequired);
    let refusal = error.oauth_error().expect("the server's answer");
    assert_eq!(refusal.code(), &OauthErrorCode::InvalidGrant);
    assert!(
        refusal.description().is_some_and(|d| d.contains("PKCE")),
        "{refusal:?}"
    );
    // The code was used up by the attempt: the right verifier comes too late.
    let error = oauth
        .finish_sign_in(&sign_in, &callback)
        .await
        .expect_err("codes are good once");
    assert_eq!(error.kind(), ErrorKind::SignInRequired);
}

#[tokio::test]
async fn the_client_refuses_a_redirect_of_another_sign_in_before_sending_anything() {
    let sandbox = sandbox(Duration::from_secs(300)).await;
    let oauth = oauth_for(&sandbox);
    let mine = oauth.start_sign_in(["all"]).expect("valid");
    let theirs = oauth.start_sign_in(["all"]).expect("valid");
    let callback = sign_in_at_the_sandbox(&theirs).await;

    let error = oauth
        .finish_sign_in(&mine, &callback)
        .await
        .expect_err("the state is not mine");
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert_eq!(error.invalid_field(), Some("state"));
    // Nothing was sent: the sandbox uses a code up at its first exchange, and this one is
    // still good for the sign-in it belongs to.
    oauth
        .finish_sign_in(&theirs, &callback)
        .await
        .expect("the code was never sent");
}

#[tokio::test]
async fn a_declined_sign_in_comes_back_as_denied() {
    let sandbox = sandbox(Duration::from_secs(300)).await;
    let oauth = oauth_for(&sandbox);
    let sign_in = oauth.start_sign_in(["all"]).expect("valid");
    // The consent page's Deny button posts the request back with `decision=deny`.
    let url = reqwest::Url::parse(sign_in.url()).expect("a URL");
    let mut form: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    form.push(("decision".to_owned(), "deny".to_owned()));
    let response = browser()
        .post(sandbox.oauth_authorization_url())
        .form(&form)
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().expect("ASCII");
    let query = location.split_once('?').map(|(_, q)| q).expect("a query");
    let error = Callback::from_query(query).expect_err("declined");
    assert_eq!(error.kind(), ErrorKind::Denied);
    assert_eq!(
        error.oauth_error().map(|e| e.code().clone()),
        Some(OauthErrorCode::AccessDenied)
    );
}

/// `cargo run --example oauth`: the example's own code (the file is included as a module),
/// served on a free port and driven by a browser that follows no redirects by itself.
#[allow(dead_code)] // the example's `main` is not called here
#[path = "../../../examples/oauth.rs"]
mod example;

/// A browser: a request with this browser's cookie, answered without following redirects.
async fn visit(url: &str, cookie: Option<&str>) -> reqwest::Response {
    let mut request = browser().get(url);
    if let Some(cookie) = cookie {
        request = request.header("cookie", format!("sipgate_example={cookie}"));
    }
    request.send().await.expect("the app answers")
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"]
        .to_str()
        .expect("ASCII")
        .to_owned()
}

/// The id the app set in its cookie.
fn cookie(response: &reqwest::Response) -> String {
    let header = response.headers()["set-cookie"].to_str().expect("ASCII");
    assert!(header.contains("HttpOnly"), "{header}");
    assert!(header.contains("SameSite=Lax"), "{header}");
    let (_, rest) = header
        .split_once("sipgate_example=")
        .expect("the app's cookie");
    rest.split(';').next().expect("a value").to_owned()
}

#[tokio::test]
async fn the_example_signs_a_browser_in_and_shows_its_numbers() {
    use sipgateio_test_support::serve::{self, Served};

    let sandbox = example::start_sandbox().await.expect("the sandbox starts");
    let listener = serve::listener().await;
    let origin = format!("http://{}", listener.local_addr().expect("bound"));
    let app = example::App::for_sandbox(&sandbox, &format!("{origin}/callback")).expect("app");
    let served = Served::spawn(listener, |listener, shutdown| async move {
        axum::serve(listener, example::router(app))
            .with_graceful_shutdown(shutdown)
            .await
    });
    let url = |path: &str| served.url(path);

    let home = visit(&url("/"), None).await;
    assert_eq!(home.status(), 200);
    assert!(home.text().await.expect("HTML").contains("href=\"/login\""));

    // Two browsers start a sign-in; the first one's goes through the login server.
    let login = visit(&url("/login"), None).await;
    assert_eq!(login.status(), 303);
    assert!(location(&login).starts_with(&sandbox.oauth_authorization_url()));
    let first = cookie(&login);
    let other = cookie(&visit(&url("/login"), None).await);
    assert_ne!(first, other);
    let back = visit(&location(&login), None).await;
    assert_eq!(back.status(), 302);
    let callback = location(&back);
    assert!(
        callback.starts_with(&format!("{origin}/callback?")),
        "{callback}"
    );

    // The redirect back in another browser: refused — without a sign-in, or with another one
    // (its state does not match, and nothing is sent to the token endpoint).
    let stranger = visit(&callback, None).await;
    assert_eq!(stranger.status(), 400);
    let forged = visit(&callback, Some(&other)).await;
    assert_eq!(forged.status(), 400);
    assert!(forged.text().await.expect("HTML").contains("state"));

    // In the browser that started it: signed in, with a new cookie.
    let signed_in = visit(&callback, Some(&first)).await;
    assert_eq!(signed_in.status(), 303);
    assert_eq!(location(&signed_in), "/");
    let session = cookie(&signed_in);
    assert_ne!(session, first);
    let numbers = visit(&url("/"), Some(&session)).await;
    assert_eq!(numbers.status(), 200);
    let html = numbers.text().await.expect("HTML");
    assert!(html.contains("Signed in as <code>w0</code>"), "{html}");
    assert!(html.contains("+4921100000000"), "{html}");

    // The sign-in's cookie is used up; signing out forgets the session.
    assert_eq!(visit(&callback, Some(&first)).await.status(), 400);
    assert_eq!(visit(&url("/logout"), Some(&session)).await.status(), 303);
    let after = visit(&url("/"), Some(&session)).await;
    assert!(after.text().await.expect("HTML").contains("Not signed in"));

    // When the sign-in is revoked at the login server, the page says to sign in again.
    let login = visit(&url("/login"), None).await;
    let browser_id = cookie(&login);
    let back = visit(&location(&login), None).await;
    let session = cookie(&visit(&location(&back), Some(&browser_id)).await);
    assert_eq!(visit(&url("/"), Some(&session)).await.status(), 200);
    sandbox.revoke_oauth_sign_ins();
    let ended = visit(&url("/"), Some(&session)).await;
    assert_eq!(ended.status(), 401);
    assert!(ended.text().await.expect("HTML").contains("Sign in again"));
    served.shut_down().await;
}
