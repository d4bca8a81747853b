//! `sipgateio login` and `sipgateio logout`: sign in with OAuth 2 (authorization code with
//! state and PKCE) through a one-shot redirect listener on 127.0.0.1, and keep the tokens in
//! a profile.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use clap::Args;
use serde::Serialize;
use sipgateio::oauth::{self, Callback, OauthClient, TokenSession};
use sipgateio::{Client, OauthClientId, Secret};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::context::{Ctx, oauth_client};
use crate::exit::Failure;
use crate::profile::{
    self, DEFAULT_PROFILE, OauthSettings, Profile, ProfileStore, SANDBOX_PROFILE,
};

/// The default port of the redirect listener: apart from the sandbox (8090), `webhook
/// listen` (8080) and the examples (3000).
pub(crate) const DEFAULT_REDIRECT_PORT: u16 = 8091;

/// The path of the redirect URI.
const CALLBACK_PATH: &str = "/callback";

/// The scope asked for when `--scope` is not given: everything the client may do.
const DEFAULT_SCOPE: &str = "all";

/// How long one connection to the listener may take to send its request.
const REQUEST_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest request head the listener reads (the redirect's URL is well below).
const MAX_REQUEST_HEAD: usize = 16 * 1024;

/// The redirect URI of a login whose listener runs on `port`.
pub(crate) fn redirect_uri(port: u16) -> String {
    format!("http://127.0.0.1:{port}{CALLBACK_PATH}")
}

/// Options of `sipgateio login`.
#[derive(Args, Debug)]
#[command(after_help = LOGIN_AFTER_HELP)]
pub(crate) struct LoginArgs {
    /// Your OAuth client's id (registered in the sipgate console or through the API's
    /// /authorization/oauth2/clients) [default: the profile's, when signing in again].
    #[arg(
        long,
        env = "SIPGATE_OAUTH_CLIENT_ID",
        value_name = "ID",
        hide_env_values = true
    )]
    client_id: Option<String>,

    /// Your OAuth client's secret; prefer the environment variable (a flag shows in the
    /// process list). Stored in the profile: every refresh needs it. Never printed.
    #[arg(
        long,
        env = "SIPGATE_OAUTH_CLIENT_SECRET",
        value_name = "SECRET",
        hide_env_values = true,
        value_parser = secret
    )]
    client_secret: Option<Secret>,

    /// Port of the redirect listener on 127.0.0.1: register
    /// http://127.0.0.1:PORT/callback as your client's redirect URI [default: the profile's,
    /// else 8091].
    #[arg(long, value_name = "PORT", value_parser = clap::value_parser!(u16).range(1..))]
    redirect_port: Option<u16>,

    /// A scope to ask for (repeat for several), e.g. `numbers:read` [default: `all`].
    #[arg(long = "scope", value_name = "SCOPE")]
    scopes: Vec<String>,

    /// The realm of sipgate's login server [default: `sipgate-apps`; `third-party` for older
    /// clients].
    #[arg(long, value_name = "REALM", conflicts_with_all = ["authorization_url", "token_url"])]
    realm: Option<String>,

    /// Another authorization endpoint (a test server); with --token-url.
    #[arg(long, value_name = "URL", requires = "token_url")]
    authorization_url: Option<String>,

    /// Another token endpoint (a test server); with --authorization-url.
    #[arg(long, value_name = "URL", requires = "authorization_url")]
    token_url: Option<String>,

    /// How long to wait for the redirect, e.g. `2m`.
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = crate::parse::duration)]
    wait: Duration,
}

const LOGIN_AFTER_HELP: &str = "\
Prints the URL of sipgate's login page and waits (one request, --wait) for the browser's
redirect to http://127.0.0.1:<--redirect-port>/callback, which must be registered exactly as
your OAuth client's redirect URI. The state is checked, the code is exchanged with its PKCE
verifier, and the tokens are stored in the profile (--profile, SIPGATEIO_PROFILE, else
`default`): $XDG_CONFIG_HOME/sipgateio/profiles/<name>.json (~/.config when XDG_CONFIG_HOME
is not set), readable by you only. Later commands use it when no credentials are given as
flags or environment variables, and store each refresh back into it.

With --sandbox: the sandbox's pre-registered client; tokens of a running sandbox are stored in
profile `sandbox` (use them with --profile sandbox); an ephemeral sandbox's are not stored.";

/// Options of `sipgateio logout`.
#[derive(Args, Debug)]
pub(crate) struct LogoutArgs {}

/// Keeps a secret in a [`Secret`], whose `Debug` prints `***`.
fn secret(value: &str) -> Result<Secret, std::convert::Infallible> {
    Ok(Secret::from(value))
}

/// With `--json`: what `login` did.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SignedIn {
    /// The profile the tokens are stored in (`null`: not stored, an ephemeral sandbox).
    profile: Option<String>,
    file: Option<PathBuf>,
    user: Option<String>,
    expires_at: Option<DateTime<Utc>>,
    refresh_expires_at: Option<DateTime<Utc>>,
    scopes: Vec<String>,
}

/// With `--json`: what `logout` did.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SignedOut {
    profile: String,
    file: PathBuf,
    deleted: bool,
}

/// Where the tokens of a login go.
enum Target {
    /// A profile file.
    Profile(profile::ProfileName),
    /// Nowhere: an ephemeral sandbox's tokens end with it.
    Nowhere,
}

/// The client, base URL and redirect port of one login.
struct Plan {
    settings: OauthSettings,
    realm: Option<String>,
    base_url: Option<String>,
    target: Target,
}

/// `sipgateio login`.
pub(crate) async fn login(ctx: &Ctx, args: LoginArgs) -> Result<(), Failure> {
    let mut plan = if ctx.args.sandbox {
        sandbox_plan(ctx, &args)?
    } else {
        own_client_plan(ctx, &args)?
    };
    let scopes = if args.scopes.is_empty() {
        vec![DEFAULT_SCOPE.to_owned()]
    } else {
        args.scopes.clone()
    };
    let oauth = build_client(&plan, ctx.args.timeout)?;
    // The profile keeps the endpoints as resolved (a realm becomes its two URLs).
    plan.settings.authorization_url = oauth.authorization_url().to_owned();
    plan.settings.token_url = oauth.token_url().to_owned();
    // Bad scopes are found before the port is taken.
    let sign_in = oauth.start_sign_in(&scopes).map_err(settings_failure)?;
    let port = plan.settings.redirect_port;
    let listener = TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| {
        Failure::Other(format!(
            "cannot listen for the sign-in's redirect on 127.0.0.1:{port} (--redirect-port \
                 {port}): {e}; stop what uses the port or pass another --redirect-port (and \
                 register http://127.0.0.1:<port>/callback for your OAuth client)"
        ))
    })?;
    eprintln!(
        "Sign in with sipgate: open this URL in your browser\n\n  {}\n\nWaiting for the redirect \
         to {} (the redirect URI registered for OAuth client {}; gives up after {}, Ctrl-C \
         cancels) ...",
        sign_in.url(),
        oauth.redirect_uri(),
        oauth.client_id(),
        humantime(args.wait),
    );

    let (query, mut browser) = wait_for_redirect(listener, args.wait).await?;
    let finished = match Callback::from_query(&query) {
        Ok(callback) => oauth.finish_sign_in(&sign_in, &callback).await,
        Err(e) => Err(e),
    };
    let tokens = match finished {
        Ok(tokens) => tokens,
        Err(error) => {
            let failure = sign_in_failure(&error);
            let status = match error.kind() {
                oauth::ErrorKind::InvalidInput | oauth::ErrorKind::Denied => "400 Bad Request",
                _ => "502 Bad Gateway",
            };
            let text = failure.message().unwrap_or_default();
            respond(&mut browser, status, "Sign-in failed", &text).await;
            return Err(failure);
        }
    };

    let profile = Profile {
        base_url: plan.base_url.clone(),
        oauth: plan.settings.clone(),
        tokens,
    };
    let stored = match &plan.target {
        Target::Profile(name) => {
            let path = profile::path_of(name)?;
            let saved = {
                let (path, profile) = (path.clone(), profile.clone());
                tokio::task::spawn_blocking(move || profile::save(&path, &profile))
                    .await
                    .map_err(std::io::Error::other)
                    .and_then(|result| result)
            };
            if let Err(e) = saved {
                let failure = Failure::Other(format!(
                    "signed in, but the tokens could not be stored in {}: {e}",
                    path.display()
                ));
                let text = failure.message().unwrap_or_default();
                respond(
                    &mut browser,
                    "500 Internal Server Error",
                    "Sign-in failed",
                    &text,
                )
                .await;
                return Err(failure);
            }
            Some((name.clone(), path))
        }
        Target::Nowhere => None,
    };
    respond(
        &mut browser,
        "200 OK",
        "Signed in",
        "You are signed in. You can close this tab and return to the terminal.",
    )
    .await;
    drop(browser);

    // Who signed in: the first request with the new tokens (a refresh is stored as usual).
    let session = match &stored {
        Some((_, path)) => TokenSession::builder(&oauth, profile.tokens.clone())
            .store(ProfileStore::new(path.clone(), profile.clone()))
            .build(),
        None => TokenSession::new(&oauth, profile.tokens.clone()),
    };
    let mut builder = Client::builder().token_source(session.clone());
    if let Some(url) = &plan.base_url {
        builder = builder.base_url(url);
    }
    if let Some(timeout) = ctx.args.timeout {
        builder = builder.request_timeout(timeout);
    }
    let user = match builder.build()?.get_authenticated_webuser_id().await {
        Ok(user) => Some(user.into_string()),
        Err(e) => {
            eprintln!("warning: signed in, but asking who you are failed: {e}");
            None
        }
    };
    let tokens = session.tokens().await;
    let shown = SignedIn {
        profile: stored.as_ref().map(|(name, _)| name.to_string()),
        file: stored.as_ref().map(|(_, path)| path.clone()),
        user: user.clone(),
        expires_at: tokens.expires_at,
        refresh_expires_at: tokens.refresh_expires_at,
        scopes: tokens.scopes.clone(),
    };
    ctx.out.show(&shown, || {
        let who = user.map_or_else(String::new, |user| format!(" as {user}"));
        match &stored {
            Some((name, path)) => format!(
                "Signed in{who}. The tokens are stored in profile `{name}` ({}).",
                path.display()
            ),
            None => format!(
                "Signed in{who}. The tokens are not stored: the ephemeral sandbox ends with this \
                 command (run `sipgateio sandbox` in another terminal to keep one)."
            ),
        }
    })
}

/// The login of the user's own OAuth client: each setting from its flag, then its variable,
/// then the profile signed in before, then the default.
fn own_client_plan(ctx: &Ctx, args: &LoginArgs) -> Result<Plan, Failure> {
    let name = ctx.args.profile_or(DEFAULT_PROFILE)?;
    let previous = match profile::load(&name) {
        Ok(previous) => previous.map(|(profile, _)| profile),
        Err(failure) => {
            eprintln!("note: signing in again replaces it: {failure}");
            None
        }
    };
    let client_id = args
        .client_id
        .clone()
        .filter(|id| !id.is_empty())
        .or_else(|| previous.as_ref().map(|p| p.oauth.client_id.clone()))
        .ok_or_else(|| {
            Failure::Usage(format!(
                "login needs your OAuth client: pass --client-id (or set SIPGATE_OAUTH_CLIENT_ID) \
                 and --client-secret (SIPGATE_OAUTH_CLIENT_SECRET) of a client registered in the \
                 sipgate console with the redirect URI {}",
                redirect_uri(args.redirect_port.unwrap_or(DEFAULT_REDIRECT_PORT))
            ))
        })?;
    // The profile's secret belongs to the profile's client only.
    let same_client = previous
        .as_ref()
        .filter(|previous| previous.oauth.client_id == client_id);
    let client_secret = args
        .client_secret
        .clone()
        .filter(|secret| !secret.is_empty())
        .or_else(|| same_client.and_then(|p| p.oauth.client_secret.clone()));
    let flags_name_endpoints = args.realm.is_some() || args.authorization_url.is_some();
    let (authorization_url, token_url) = match (&args.authorization_url, &args.token_url) {
        (Some(auth), Some(token)) => (auth.clone(), token.clone()),
        _ => match same_client.filter(|_| !flags_name_endpoints) {
            Some(previous) => (
                previous.oauth.authorization_url.clone(),
                previous.oauth.token_url.clone(),
            ),
            // Filled in from the realm by the OAuth client.
            None => (String::new(), String::new()),
        },
    };
    Ok(Plan {
        settings: OauthSettings {
            client_id,
            client_secret,
            authorization_url,
            token_url,
            redirect_port: args
                .redirect_port
                .or_else(|| previous.as_ref().map(|p| p.oauth.redirect_port))
                .unwrap_or(DEFAULT_REDIRECT_PORT),
        },
        realm: args.realm.clone(),
        base_url: ctx
            .args
            .given_base_url()
            .map(str::to_owned)
            .or_else(|| previous.and_then(|p| p.base_url)),
        target: Target::Profile(name),
    })
}

/// The login of `--sandbox`: the sandbox's pre-registered client and endpoints (the client
/// flags and variables are not used: they name a client registered at sipgate). A running
/// sandbox's tokens go to a profile (`sandbox` unless `--profile` names another); an
/// ephemeral sandbox's end with the command and are not stored.
fn sandbox_plan(ctx: &Ctx, args: &LoginArgs) -> Result<Plan, Failure> {
    let redirect_port = args.redirect_port.unwrap_or(DEFAULT_REDIRECT_PORT);
    if let Some(sandbox) = ctx.ephemeral_sandbox() {
        let client = sandbox.oauth_client();
        return Ok(Plan {
            settings: OauthSettings {
                client_id: client.client_id().to_owned(),
                client_secret: Some(Secret::new(client.client_secret())),
                authorization_url: sandbox.oauth_authorization_url(),
                token_url: sandbox.oauth_token_url(),
                redirect_port,
            },
            realm: None,
            base_url: Some(sandbox.base_url()),
            target: Target::Nowhere,
        });
    }
    let running = ctx
        .running_sandbox()
        .ok_or_else(|| Failure::Other("--sandbox found no sandbox to sign in to".into()))?;
    let oauth = running.oauth().ok_or_else(|| {
        Failure::Usage(format!(
            "the sandbox at {} ({}) names no OAuth client: sign in without --sandbox, with the \
             client id and secret and the URLs its banner shows (--client-id, --client-secret, \
             --authorization-url, --token-url, --base-url)",
            running.base_url(),
            running.source()
        ))
    })?;
    Ok(Plan {
        settings: OauthSettings {
            client_id: oauth.client_id().to_owned(),
            client_secret: Some(Secret::new(oauth.client_secret())),
            authorization_url: oauth.authorization_url().to_owned(),
            token_url: oauth.token_url().to_owned(),
            redirect_port,
        },
        realm: None,
        base_url: Some(running.base_url().to_owned()),
        target: Target::Profile(ctx.args.profile_or(SANDBOX_PROFILE)?),
    })
}

/// Builds the OAuth client of `plan` (its endpoints filled in from the realm when not set).
fn build_client(plan: &Plan, timeout: Option<Duration>) -> Result<OauthClient, Failure> {
    let settings = &plan.settings;
    if !settings.authorization_url.is_empty() {
        return oauth_client(settings, timeout).map_err(settings_failure);
    }
    let mut builder = OauthClient::builder(
        OauthClientId::new(settings.client_id.clone()),
        redirect_uri(settings.redirect_port),
    );
    if let Some(realm) = &plan.realm {
        builder = builder.realm(realm.clone());
    }
    if let Some(secret) = &settings.client_secret {
        builder = builder.client_secret(secret.clone());
    }
    if let Some(timeout) = timeout {
        builder = builder.request_timeout(timeout);
    }
    builder.build().map_err(settings_failure)
}

/// A bad setting of the login, named by its flag; nothing was sent.
fn settings_failure(error: oauth::Error) -> Failure {
    if let oauth::Error::InvalidInput(input) = &error {
        let flag = match input.field() {
            "client_id" => "--client-id",
            "client_secret" => "--client-secret",
            "redirect_uri" => "--redirect-port",
            "realm" => "--realm",
            "authorization_url" => "--authorization-url",
            "token_url" => "--token-url",
            "request_timeout" => "--timeout",
            "scopes" => "--scope",
            other => return Failure::invalid(format!("invalid {other}: {}", input.rule())),
        };
        return Failure::invalid(format!("invalid {flag}: {}", input.rule()));
    }
    Failure::Other(error.to_string())
}

/// A sign-in that failed after the redirect arrived.
fn sign_in_failure(error: &oauth::Error) -> Failure {
    let message = format!("sign-in failed: {error}");
    match error.kind() {
        oauth::ErrorKind::Timeout | oauth::ErrorKind::Connect | oauth::ErrorKind::Transport => {
            Failure::Network(message)
        }
        oauth::ErrorKind::Config => Failure::Other(message),
        _ => Failure::Api(message),
    }
}

/// Accepts connections on `listener` until one brings a `GET /callback` (or `wait` runs
/// out): returns its query string and the connection, to answer after the code exchange.
/// Other requests are answered 404 or 405; each connection has [`REQUEST_READ_TIMEOUT`] to
/// send its request, and a stalled one holds up no other. The listener closes on return, so
/// exactly one redirect is accepted.
async fn wait_for_redirect(
    listener: TcpListener,
    wait: Duration,
) -> Result<(String, TcpStream), Failure> {
    let (found, mut callbacks) = mpsc::channel::<(String, TcpStream)>(1);
    let mut connections = JoinSet::new();
    let deadline = tokio::time::sleep(wait);
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            () = &mut deadline => {
                return Err(Failure::Network(format!(
                    "no redirect arrived within {} (--wait): sign in at the URL above, or run \
                     `sipgateio login` again",
                    humantime(wait)
                )));
            }
            Some(callback) = callbacks.recv() => return Ok(callback),
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(serve(stream, found.clone()));
                }
                Err(e) => tracing::debug!(error = %e, "accepting a connection failed"),
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// Reads one request; sends a `GET /callback` on to the login, answers anything else.
async fn serve(mut stream: TcpStream, found: mpsc::Sender<(String, TcpStream)>) {
    let Ok(Some(head)) = tokio::time::timeout(REQUEST_READ_TIMEOUT, read_head(&mut stream)).await
    else {
        return;
    };
    let mut words = head.split(' ');
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path != CALLBACK_PATH {
        let text = "This is the redirect listener of `sipgateio login`: it waits for /callback.";
        respond(&mut stream, "404 Not Found", "Not found", text).await;
    } else if method != "GET" {
        respond(
            &mut stream,
            "405 Method Not Allowed",
            "Not allowed",
            "The redirect is a GET.",
        )
        .await;
    } else {
        let _ = found.send((query.to_owned(), stream)).await;
    }
}

/// The request line of the request on `stream`, once its whole head arrived; `None` for a
/// connection that closes early or sends more than [`MAX_REQUEST_HEAD`] bytes.
async fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut chunk = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || head.len() + n > MAX_REQUEST_HEAD {
            return None;
        }
        head.extend_from_slice(&chunk[..n]);
    }
    let line = head.split(|b| *b == b'\r').next()?;
    String::from_utf8(line.to_vec()).ok()
}

/// Writes a small HTML page and closes the connection. The page is not cached, sends no
/// referrer (the URL held the code) and runs nothing.
async fn respond(stream: &mut TcpStream, status: &str, title: &str, text: &str) {
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>sipgateio login: {title}\
         </title></head><body><h1>{title}</h1><p>{}</p></body></html>",
        html_escape(text)
    );
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nX-Content-Type-Options: \
         nosniff\r\nContent-Security-Policy: default-src 'none'\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let written = tokio::time::timeout(REQUEST_READ_TIMEOUT, async {
        stream.write_all(response.as_bytes()).await?;
        stream.shutdown().await
    })
    .await;
    if !matches!(written, Ok(Ok(()))) {
        tracing::debug!("the browser did not take the answer page");
    }
}

/// `text` safe inside HTML (it may hold the redirect's `error_description`).
fn html_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A duration as people write it: `5m`, `90s`.
fn humantime(duration: Duration) -> String {
    let seconds = duration.as_secs();
    if seconds >= 60 && seconds.is_multiple_of(60) {
        format!("{}m", seconds / 60)
    } else if seconds > 0 {
        format!("{seconds}s")
    } else {
        format!("{}ms", duration.as_millis())
    }
}

/// `sipgateio logout`: deletes the profile's stored sign-in.
pub(crate) async fn logout(ctx: &Ctx, _args: LogoutArgs) -> Result<(), Failure> {
    let default = if ctx.args.sandbox {
        SANDBOX_PROFILE
    } else {
        DEFAULT_PROFILE
    };
    let name = ctx.args.profile_or(default)?;
    let (deleted, file) = profile::delete(&name)?;
    if !deleted {
        eprintln!(
            "note: profile `{name}` has no stored sign-in ({})",
            file.display()
        );
    }
    let shown = SignedOut {
        profile: name.to_string(),
        file,
        deleted,
    };
    ctx.out.show(&shown, || {
        if shown.deleted {
            format!(
                "Signed out: the tokens of profile `{}` are deleted ({}).",
                shown.profile,
                shown.file.display()
            )
        } else {
            format!(
                "Nothing to do: profile `{}` was not signed in.",
                shown.profile
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_escape_what_the_redirect_sent() {
        assert_eq!(
            html_escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn durations_read_as_typed() {
        assert_eq!(humantime(Duration::from_secs(300)), "5m");
        assert_eq!(humantime(Duration::from_secs(90)), "90s");
        assert_eq!(humantime(Duration::from_millis(500)), "500ms");
    }

    #[test]
    fn the_redirect_uri_names_the_port() {
        assert_eq!(redirect_uri(8091), "http://127.0.0.1:8091/callback");
    }
}
