//! Let users sign in with their sipgate account (OAuth 2) and show them their numbers: a
//! minimal web application (axum), in one command:
//!
//! ```sh
//! cargo run --example oauth
//! ```
//!
//! Then open <http://127.0.0.1:3030/> and sign in.
//!
//! Without `SIPGATE_OAUTH_CLIENT_ID` it starts the embedded sandbox, whose login server plays
//! sipgate's: it signs the sandbox account's user in at once, and its access tokens live 20
//! seconds, so reloading the page a little later shows the session renewing them.
//!
//! With `SIPGATE_OAUTH_CLIENT_ID` and `SIPGATE_OAUTH_CLIENT_SECRET` — an OAuth client registered in the
//! sipgate console (or through the API's `/authorization/oauth2/clients`) with
//! `http://127.0.0.1:3030/callback` as its redirect URI, or `SIPGATE_OAUTH_REDIRECT_URI` set to the
//! one you registered — the same app signs you in at sipgate and shows your account's numbers.
//!
//! What a real application adds: persistent sessions and tokens (this one keeps them in memory;
//! a [`TokenStore`] hands every renewed token set to your database), HTTPS (then mark the
//! cookie `Secure`), and expiry of abandoned sign-ins.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "an example program: it shows what it does on the terminal"
)]

use std::collections::HashMap;
use std::fmt::Write as _;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use sipgateio::oauth::{
    Callback, OauthClient, PendingSignIn, StoreFuture, TokenSession, TokenSet, TokenStore,
};
use sipgateio::prelude::*;
use sipgateio::sandbox::{Sandbox, SandboxConfig};
use tokio::net::TcpListener;

/// Whatever the example failed with.
pub(crate) type ExampleError = Box<dyn std::error::Error + Send + Sync>;

/// Where the app listens (apart from the webhook example's 3000 and the sandbox's 8090).
const ADDR: &str = "127.0.0.1:3030";
/// The scope the app asks for: reading the account's numbers.
const SCOPES: [&str; 1] = ["numbers:read"];
/// The cookie that ties a browser to its sign-in and then to its session.
const COOKIE_NAME: &str = "sipgate_example";
/// At most this many sign-ins wait for their redirect back (a bound on the memory a flood of
/// `/login` requests can take).
const MAX_PENDING: usize = 1000;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), ExampleError> {
    let listener = TcpListener::bind(ADDR)
        .await
        .map_err(|e| format!("cannot listen on {ADDR}: {e} (does another copy run?)"))?;
    let client_id = std::env::var("SIPGATE_OAUTH_CLIENT_ID").unwrap_or_default();
    // The sandbox must live as long as the app: it is dropped (stopped) at the end.
    let (app, _sandbox) = if client_id.is_empty() {
        let sandbox = start_sandbox().await?;
        let app = App::for_sandbox(&sandbox, &format!("http://{ADDR}/callback"))?;
        println!("No SIPGATE_OAUTH_CLIENT_ID: signing in at the embedded sandbox.");
        println!("  its login server: {}", sandbox.oauth_authorization_url());
        println!("  its inspector:    {}", sandbox.inspector_url());
        (app, Some(sandbox))
    } else {
        let secret = std::env::var("SIPGATE_OAUTH_CLIENT_SECRET")
            .map_err(|_| "SIPGATE_OAUTH_CLIENT_ID is set: set SIPGATE_OAUTH_CLIENT_SECRET too")?;
        let redirect_uri = std::env::var("SIPGATE_OAUTH_REDIRECT_URI")
            .unwrap_or_else(|_| format!("http://{ADDR}/callback"));
        println!("Signing in at sipgate with the OAuth client {client_id}.");
        (App::for_sipgate(client_id, secret, &redirect_uri)?, None)
    };
    println!("\nOpen http://{ADDR}/ in your browser. Ctrl-C stops.");
    axum::serve(listener, router(app))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// The embedded sandbox, with access tokens that live 20 seconds (sipgate's live 300).
pub(crate) async fn start_sandbox() -> Result<Sandbox, ExampleError> {
    let config = SandboxConfig::default().access_token_lifetime(Duration::from_secs(20));
    Ok(Sandbox::start_with(config).await?)
}

/// The web application: the OAuth client, and the browsers it knows.
#[derive(Clone)]
pub(crate) struct App(Arc<Inner>);

struct Inner {
    oauth: OauthClient,
    /// The API's base URL: the sandbox's, or `None` for sipgate's.
    api_base_url: Option<String>,
    browsers: Mutex<Browsers>,
}

#[derive(Default)]
struct Browsers {
    /// Sign-ins waiting for the redirect back, by the browser's cookie.
    pending: HashMap<String, PendingSignIn>,
    /// Signed-in browsers, by their cookie.
    signed_in: HashMap<String, SignedIn>,
}

/// A signed-in browser: a client whose tokens renew themselves, and how often they did.
#[derive(Clone)]
struct SignedIn {
    client: Client,
    renewals: Arc<Renewals>,
}

/// Counts the renewals of a session. A real application saves the tokens here (the refresh
/// token changes on every refresh), for example in its database.
#[derive(Debug, Default)]
struct Renewals(AtomicU32);

impl TokenStore for Renewals {
    fn save<'a>(&'a self, _tokens: &'a TokenSet) -> StoreFuture<'a> {
        self.0.fetch_add(1, Ordering::Relaxed);
        Box::pin(async { Ok(()) })
    }
}

impl App {
    /// The app signing users in at sipgate with your OAuth client.
    pub(crate) fn for_sipgate(
        client_id: String,
        client_secret: String,
        redirect_uri: &str,
    ) -> Result<Self, ExampleError> {
        let oauth = OauthClient::builder(OauthClientId::new(client_id), redirect_uri)
            .client_secret(client_secret)
            .build()?;
        Ok(Self::new(oauth, None))
    }

    /// The app signing users in at the sandbox with its registered client.
    pub(crate) fn for_sandbox(sandbox: &Sandbox, redirect_uri: &str) -> Result<Self, ExampleError> {
        let client = sandbox.oauth_client();
        let oauth = OauthClient::builder(OauthClientId::new(client.client_id()), redirect_uri)
            .client_secret(client.client_secret())
            .authorization_url(sandbox.oauth_authorization_url())
            .token_url(sandbox.oauth_token_url())
            .build()?;
        Ok(Self::new(oauth, Some(sandbox.base_url())))
    }

    fn new(oauth: OauthClient, api_base_url: Option<String>) -> Self {
        Self(Arc::new(Inner {
            oauth,
            api_base_url,
            browsers: Mutex::new(Browsers::default()),
        }))
    }

    fn browsers(&self) -> MutexGuard<'_, Browsers> {
        self.0
            .browsers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// The routes: `/` (the numbers, or a link to sign in), `/login`, `/callback`, `/logout`.
pub(crate) fn router(app: App) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login))
        .route("/callback", get(callback))
        .route("/logout", get(logout))
        .with_state(app)
}

/// `GET /`: the signed-in user's numbers.
async fn home(State(app): State<App>, headers: HeaderMap) -> Response {
    let browser = browser_id(&headers);
    let signed_in = browser
        .as_ref()
        .and_then(|id| app.browsers().signed_in.get(id).cloned());
    let Some(SignedIn { client, renewals }) = signed_in else {
        return page(
            StatusCode::OK,
            "Not signed in",
            "<p><a href=\"/login\">Sign in with sipgate</a> to see your numbers.</p>",
        );
    };
    let shown = async {
        let user = client.get_authenticated_webuser_id().await?;
        let numbers = client.numbers().list(Pagination::default()).await?;
        Ok::<_, sipgateio::Error>((user, numbers.items))
    };
    match shown.await {
        Ok((user, numbers)) => {
            let mut body = format!(
                "<p>Signed in as <code>{}</code>. The access token was renewed {} time(s).</p><ul>",
                escape(user.as_str()),
                renewals.0.load(Ordering::Relaxed)
            );
            for number in numbers {
                let _ = write!(
                    body,
                    "<li>{} <small>({}, {})</small></li>",
                    escape(&number.localized),
                    escape(&number.number),
                    escape(number.number_type.as_str())
                );
            }
            body.push_str("</ul><p><a href=\"/logout\">Sign out</a></p>");
            page(StatusCode::OK, "Your numbers", &body)
        }
        // The refresh token expired or was revoked: this session is over.
        Err(error) if error.kind() == sipgateio::ErrorKind::Unauthorized => {
            if let Some(id) = browser {
                app.browsers().signed_in.remove(&id);
            }
            let body = format!(
                "<p>{}</p><p><a href=\"/login\">Sign in again</a></p>",
                escape(&error.to_string())
            );
            page(StatusCode::UNAUTHORIZED, "Your sign-in has ended", &body)
        }
        Err(error) => page(
            StatusCode::BAD_GATEWAY,
            "sipgate did not answer as expected",
            &format!("<p>{}</p>", escape(&error.to_string())),
        ),
    }
}

/// `GET /login`: a new sign-in, tied to this browser by a fresh cookie, and off to the login
/// page.
async fn login(State(app): State<App>) -> Response {
    let sign_in = match app.0.oauth.start_sign_in(SCOPES) {
        Ok(sign_in) => sign_in,
        Err(error) => return internal_error(&error),
    };
    let browser = match random_id() {
        Ok(id) => id,
        Err(error) => return internal_error(&error),
    };
    let url = sign_in.url().to_owned();
    {
        let mut browsers = app.browsers();
        if browsers.pending.len() >= MAX_PENDING {
            return page(
                StatusCode::SERVICE_UNAVAILABLE,
                "Too many sign-ins",
                "<p>Too many sign-ins are under way; try again later.</p>",
            );
        }
        browsers.pending.insert(browser.clone(), sign_in);
    }
    redirect(&url, Some(&browser))
}

/// `GET /callback?code=…&state=…`: the login server sends the browser back. The sign-in of
/// this browser checks the state (a redirect of someone else's sign-in is refused before any
/// request), then trades the code for tokens.
async fn callback(
    State(app): State<App>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let pending = browser_id(&headers).and_then(|id| app.browsers().pending.remove(&id));
    let Some(sign_in) = pending else {
        return page(
            StatusCode::BAD_REQUEST,
            "No sign-in under way",
            "<p>This browser has not started a sign-in here (or it finished already). \
             <a href=\"/login\">Sign in</a></p>",
        );
    };
    let tokens = match Callback::from_query(query.as_deref().unwrap_or_default()) {
        Ok(callback) => app.0.oauth.finish_sign_in(&sign_in, &callback).await,
        Err(error) => Err(error),
    };
    let tokens = match tokens {
        Ok(tokens) => tokens,
        Err(error) => {
            let status = match error.kind() {
                sipgateio::oauth::ErrorKind::InvalidInput => StatusCode::BAD_REQUEST,
                sipgateio::oauth::ErrorKind::Denied
                | sipgateio::oauth::ErrorKind::SignInRequired => StatusCode::FORBIDDEN,
                _ => StatusCode::BAD_GATEWAY,
            };
            let body = format!(
                "<p>{}</p><p><a href=\"/login\">Try again</a></p>",
                escape(&error.to_string())
            );
            return page(status, "The sign-in did not succeed", &body);
        }
    };
    let renewals = Arc::new(Renewals::default());
    let session = TokenSession::builder(&app.0.oauth, tokens)
        .store(renewals.clone())
        .build();
    let mut builder = Client::builder().token_source(session);
    if let Some(base_url) = &app.0.api_base_url {
        builder = builder.base_url(base_url);
    }
    let client = match builder.build() {
        Ok(client) => client,
        Err(error) => return internal_error(&error),
    };
    // A new cookie for the signed-in session (the sign-in's one is used up).
    let browser = match random_id() {
        Ok(id) => id,
        Err(error) => return internal_error(&error),
    };
    app.browsers()
        .signed_in
        .insert(browser.clone(), SignedIn { client, renewals });
    redirect("/", Some(&browser))
}

/// `GET /logout`: forgets this browser's session.
async fn logout(State(app): State<App>, headers: HeaderMap) -> Response {
    if let Some(id) = browser_id(&headers) {
        app.browsers().signed_in.remove(&id);
    }
    redirect("/", None)
}

/// The browser's id from its cookie.
fn browser_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == COOKIE_NAME).then(|| value.to_owned())
        })
}

/// 32 random bytes from the operating system, hex: a browser id no one can guess.
fn random_id() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().fold(String::new(), |mut hex, byte| {
        let _ = write!(hex, "{byte:02x}");
        hex
    }))
}

/// A `303 See Other` to `location`; with `cookie`, the browser gets it as its id (`None`
/// clears it). `HttpOnly`: scripts never see it; `SameSite=Lax`: it comes along when the
/// login server sends the browser back, not with other sites' requests.
fn redirect(location: &str, cookie: Option<&str>) -> Response {
    let cookie = match cookie {
        Some(id) => format!("{COOKIE_NAME}={id}; Path=/; HttpOnly; SameSite=Lax"),
        None => format!("{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
    };
    (
        StatusCode::SEE_OTHER,
        [(LOCATION, location.to_owned()), (SET_COOKIE, cookie)],
    )
        .into_response()
}

fn internal_error(error: &dyn std::fmt::Display) -> Response {
    page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong",
        &format!("<p>{}</p>", escape(&error.to_string())),
    )
}

/// A small HTML page; `body` is HTML, its text escaped by the caller.
fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         </head><body style=\"font-family:sans-serif;max-width:40rem;margin:2rem auto\">\
         <h1>{title}</h1>{body}</body></html>",
        title = escape(title)
    );
    (status, Html(html)).into_response()
}

/// `text` with HTML's special characters escaped.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
