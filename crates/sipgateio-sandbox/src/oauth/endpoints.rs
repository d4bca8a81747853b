//! The OAuth endpoints, on the paths of sipgate's login server (a Keycloak) under
//! `/auth/realms/sipgate-apps`:
//!
//! | method and path | what |
//! |---|---|
//! | `GET`/`POST …/protocol/openid-connect/auth` | authorization endpoint: approves at once and redirects with `code` and `state`; `prompt=consent` shows an Allow/Deny page first |
//! | `POST …/protocol/openid-connect/token` | token endpoint: `authorization_code` (with PKCE S256) and `refresh_token` |
//! | `GET …/.well-known/openid-configuration` | the server's metadata (RFC 8414 / OpenID Connect Discovery) |
//!
//! Errors follow RFC 6749: before the redirect URI is known to be the client's, the
//! authorization endpoint shows an error page (it never redirects to an unchecked URI);
//! after, it redirects with `error`, `error_description` and `state`. The token endpoint
//! answers `{"error", "error_description"}` with 400, or 401 for `invalid_client`.

use std::collections::HashMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::{
    AUTHORIZATION, CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, HOST, LOCATION, PRAGMA,
    WWW_AUTHENTICATE, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::Utc;
use reqwest::Url;
use serde_json::json;

use super::{Approval, Issued, REALM, Refusal, canonical_scope, is_s256_challenge};
use crate::events::Event;
use crate::state::{AppState, Shared};

/// The path of the authorization endpoint.
pub(crate) const AUTHORIZATION_PATH: &str =
    "/auth/realms/sipgate-apps/protocol/openid-connect/auth";
/// The path of the token endpoint.
pub(crate) const TOKEN_PATH: &str = "/auth/realms/sipgate-apps/protocol/openid-connect/token";

/// The pages: no scripts, no outside resources, never in a frame (a framed Allow button could
/// be clicked by a page the user cannot see).
const PAGE_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

/// The OAuth routes (merged beside the REST API, in the request log).
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/auth/realms/{realm}/protocol/openid-connect/auth",
            get(authorize_get).post(authorize_post),
        )
        .route(
            "/auth/realms/{realm}/protocol/openid-connect/token",
            post(token),
        )
        .route(
            "/auth/realms/{realm}/.well-known/openid-configuration",
            get(metadata),
        )
}

/// The parameters of a query or form. RFC 6749 section 3.1: a parameter appears at most once
/// (`Err` names the one that does not), and one sent without a value counts as omitted.
fn parameters(raw: &[u8]) -> Result<HashMap<String, String>, String> {
    let mut parameters = HashMap::new();
    for (name, value) in form_urlencoded::parse(raw) {
        if value.is_empty() {
            continue;
        }
        if parameters
            .insert(name.clone().into_owned(), value.into_owned())
            .is_some()
        {
            return Err(name.into_owned());
        }
    }
    Ok(parameters)
}

/// Whether a request body is declared as a form.
fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| {
            media
                .trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// `text` with HTML's special characters escaped.
fn escape(text: &str) -> String {
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

/// A small HTML page (`body` is HTML, escaped by the caller).
fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · sipgate.io sandbox</title><style>\
         body{{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#222}}\
         h1{{font-size:1.4rem}}code{{background:#f2f2f2;padding:0 .2rem;word-break:break-all}}\
         .buttons{{display:flex;gap:1rem;margin-top:1.5rem}}\
         button{{font:inherit;padding:.5rem 1.5rem;border-radius:.3rem;border:1px solid #888;cursor:pointer}}\
         button.allow{{background:#1b6ac9;color:#fff;border-color:#1b6ac9}}.muted{{color:#666;font-size:.9rem}}\
         </style></head><body><h1>{title}</h1>{body}\
         <p class=\"muted\">sipgate.io sandbox · an offline stand-in for sipgate's login</p></body></html>\n",
        title = escape(title),
    );
    (
        status,
        [
            (CONTENT_TYPE, "text/html; charset=utf-8"),
            (CONTENT_SECURITY_POLICY, PAGE_POLICY),
            (X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

/// An error page of the authorization endpoint, for requests it cannot redirect back.
fn error_page(status: StatusCode, title: &str, detail: &str) -> Response {
    page(status, title, &format!("<p>{}</p>", escape(detail)))
}

/// A redirect to the client's redirect URI with `parameters` added to its query.
fn redirect_to(redirect_uri: &Url, parameters: &[(&str, Option<&str>)]) -> Response {
    let mut target = redirect_uri.clone();
    {
        let mut query = target.query_pairs_mut();
        for (name, value) in parameters {
            if let Some(value) = value {
                query.append_pair(name, value);
            }
        }
    }
    (
        StatusCode::FOUND,
        [(LOCATION, target.as_str()), (CACHE_CONTROL, "no-store")],
    )
        .into_response()
}

async fn authorize_get(
    State(shared): State<AppState>,
    Path(realm): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    match parameters(query.unwrap_or_default().as_bytes()) {
        Ok(parameters) => authorize(&shared, &realm, &parameters, Via::Get),
        Err(name) => duplicate_page(&name),
    }
}

/// A form posted to the authorization endpoint: the consent page's answer (with `decision`),
/// or an authorization request sent as a form (OpenID Connect allows both methods).
async fn authorize_post(
    State(shared): State<AppState>,
    Path(realm): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !is_form(&headers) {
        return error_page(
            StatusCode::BAD_REQUEST,
            "Invalid request",
            "a form posted to the authorization endpoint must be \
             application/x-www-form-urlencoded",
        );
    }
    match parameters(&body) {
        Ok(mut parameters) => {
            let decision = parameters.remove("decision");
            authorize(&shared, &realm, &parameters, Via::Post { decision })
        }
        Err(name) => duplicate_page(&name),
    }
}

fn duplicate_page(name: &str) -> Response {
    error_page(
        StatusCode::BAD_REQUEST,
        "Invalid request",
        &format!("the parameter `{name}` appears more than once"),
    )
}

/// How an authorization request reached the authorization endpoint.
enum Via {
    /// A `GET`: no decision yet.
    Get,
    /// A posted form, with the consent page's `allow` or `deny` if it came from there.
    Post { decision: Option<String> },
}

/// The authorization endpoint.
fn authorize(
    shared: &Shared,
    realm: &str,
    parameters: &HashMap<String, String>,
    via: Via,
) -> Response {
    if realm != REALM {
        return error_page(
            StatusCode::NOT_FOUND,
            "Realm does not exist",
            &format!("the sandbox's realm is `{REALM}`, not `{realm}`"),
        );
    }
    let oauth = &shared.oauth;
    let get = |name: &str| parameters.get(name).map(String::as_str);
    // Until the client and its redirect URI are known, errors are shown, never redirected
    // (RFC 6749 section 4.1.2.1).
    let Some(client_id) = get("client_id") else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "Missing parameter: client_id",
            "the authorization request needs the client_id of the sandbox's registered client",
        );
    };
    if !oauth.knows_client(client_id) {
        return error_page(
            StatusCode::BAD_REQUEST,
            "Client not found",
            &format!(
                "`{client_id}` is not the sandbox's client; its banner (or \
                 Sandbox::oauth_client) shows the registered client id"
            ),
        );
    }
    let Some(raw_redirect) = get("redirect_uri") else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "Missing parameter: redirect_uri",
            "the authorization request needs the redirect_uri to send the code to",
        );
    };
    let Some(redirect) = oauth.redirect_uris().check(raw_redirect) else {
        return error_page(
            StatusCode::BAD_REQUEST,
            "Invalid parameter: redirect_uri",
            &format!(
                "`{raw_redirect}` is not a redirect URI of the client; allowed: {}",
                oauth.redirect_uris().as_slice().join(", ")
            ),
        );
    };
    let state = get("state");
    let refuse = |error: &str, description: &str| {
        tracing::info!(error, description, "authorization request refused");
        redirect_to(
            &redirect,
            &[
                ("error", Some(error)),
                ("error_description", Some(description)),
                ("state", state),
            ],
        )
    };
    match get("response_type") {
        Some("code") => {}
        None => return refuse("invalid_request", "Missing parameter: response_type"),
        Some(_) => {
            return refuse(
                "unsupported_response_type",
                "the sandbox supports the authorization-code flow only (response_type=code)",
            );
        }
    }
    let Some(challenge) = get("code_challenge") else {
        return refuse(
            "invalid_request",
            "Missing parameter: code_challenge (the sandbox requires PKCE with S256)",
        );
    };
    if get("code_challenge_method") != Some("S256") {
        return refuse(
            "invalid_request",
            "code_challenge_method must be S256 (the sandbox does not accept plain)",
        );
    }
    if !is_s256_challenge(challenge) {
        return refuse(
            "invalid_request",
            "code_challenge must be 43 base64url characters: BASE64URL(SHA256(code_verifier))",
        );
    }
    let Some(scope) = canonical_scope(get("scope").unwrap_or_default()) else {
        return refuse(
            "invalid_scope",
            "scope has characters RFC 6749 does not allow",
        );
    };
    match &via {
        Via::Get if get("prompt").is_some_and(|p| p.split(' ').any(|p| p == "consent")) => {
            return consent_page(client_id, &scope, &redirect, parameters);
        }
        Via::Get | Via::Post { decision: None } => {}
        Via::Post {
            decision: Some(decision),
        } => match decision.as_str() {
            "allow" => {}
            "deny" => return refuse("access_denied", "the user declined"),
            other => {
                return error_page(
                    StatusCode::BAD_REQUEST,
                    "Invalid request",
                    &format!("decision must be `allow` or `deny`, not `{other}`"),
                );
            }
        },
    }
    let user = shared.lock().account.authenticated_user.clone();
    let approval = Approval {
        redirect_uri: raw_redirect.to_owned(),
        code_challenge: challenge.to_owned(),
        scope,
        user,
    };
    match oauth.issue_code(approval, Utc::now()) {
        Some(code) => redirect_to(&redirect, &[("state", state), ("code", Some(&code))]),
        None => refuse(
            "temporarily_unavailable",
            "too many sign-ins are waiting for their code exchange; try again in a minute",
        ),
    }
}

/// The Allow/Deny page of `prompt=consent`: a form that posts the request back with the
/// decision.
fn consent_page(
    client_id: &str,
    scope: &str,
    redirect: &Url,
    parameters: &HashMap<String, String>,
) -> Response {
    let mut hidden: Vec<(&String, &String)> = parameters.iter().collect();
    hidden.sort();
    let hidden: String = hidden
        .into_iter()
        .map(|(name, value)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                escape(name),
                escape(value)
            )
        })
        .collect();
    let scopes = if scope.is_empty() {
        "<li>(no scope)</li>".to_owned()
    } else {
        scope
            .split(' ')
            .map(|s| format!("<li><code>{}</code></li>", escape(s)))
            .collect()
    };
    let body = format!(
        "<p>The application <code>{client}</code> asks to act for the sandbox account's user \
         (Ada Lovelace, <code>w0</code>) with these scopes:</p><ul>{scopes}</ul>\
         <p>After your answer the browser goes back to <code>{redirect}</code>.</p>\
         <form method=\"post\" action=\"{AUTHORIZATION_PATH}\">{hidden}\
         <div class=\"buttons\"><button class=\"allow\" name=\"decision\" value=\"allow\">Allow</button>\
         <button name=\"decision\" value=\"deny\">Deny</button></div></form>",
        client = escape(client_id),
        redirect = escape(redirect.as_str()),
    );
    page(StatusCode::OK, "Sign in to the sipgate.io sandbox", &body)
}

/// An OAuth error answer of the token endpoint.
fn token_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        [(CACHE_CONTROL, "no-store"), (PRAGMA, "no-cache")],
        axum::Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

/// How the client authenticated at the token endpoint.
enum ClientAuthentication {
    /// HTTP Basic with the form-encoded id and secret (RFC 6749 section 2.3.1).
    Basic(String, String),
    /// `client_id` and `client_secret` in the form.
    Body(String, String),
}

/// The `Authorization: Basic` pair, form-decoded; `Some(Err)` for a malformed header.
fn basic_credentials(headers: &HeaderMap) -> Option<Result<(String, String), ()>> {
    let header = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = header.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decode = || {
        let text = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
        let (id, secret) = text.split_once(':')?;
        let form_decode = |part: &str| -> String {
            form_urlencoded::parse(format!("v={part}").as_bytes())
                .map(|(_, v)| v.into_owned())
                .next()
                .unwrap_or_default()
        };
        Some((form_decode(id), form_decode(secret)))
    };
    Some(decode().ok_or(()))
}

/// The token endpoint.
async fn token(
    State(shared): State<AppState>,
    Path(realm): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if realm != REALM {
        // Keycloak's answer for a realm it does not have.
        return (
            StatusCode::NOT_FOUND,
            axum::Json(json!({ "error": "Realm does not exist" })),
        )
            .into_response();
    }
    if !is_form(&headers) {
        return token_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "the token request must be a form (application/x-www-form-urlencoded)",
        );
    }
    let parameters = match parameters(&body) {
        Ok(parameters) => parameters,
        Err(name) => {
            return token_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                &format!("the parameter `{name}` appears more than once"),
            );
        }
    };
    let get = |name: &str| parameters.get(name).map(String::as_str);
    let grant_type = get("grant_type").unwrap_or_default().to_owned();
    let refused = |status: StatusCode, error: &str, description: &str| {
        tracing::info!(grant_type = %grant_type, error, description, "token request refused");
        shared.events.publish(Event::Oauth {
            action: "refused",
            grant_type: grant_type.clone(),
            user: None,
            scope: None,
            session: None,
            error: Some(format!("{error}: {description}")),
        });
        token_error(status, error, description)
    };

    // The client: one method, and the registered client's secret (RFC 6749 section 2.3).
    let authentication = match (basic_credentials(&headers), get("client_secret")) {
        (Some(_), Some(_)) => {
            return refused(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "the client authenticated twice (HTTP Basic and client_secret): use one method",
            );
        }
        (Some(Err(())), None) => None,
        (Some(Ok((id, secret))), None) => Some(ClientAuthentication::Basic(id, secret)),
        (None, Some(secret)) => {
            get("client_id").map(|id| ClientAuthentication::Body(id.to_owned(), secret.to_owned()))
        }
        (None, None) => None,
    };
    let (authenticated, basic) = match &authentication {
        Some(ClientAuthentication::Basic(id, secret)) => (
            get("client_id").is_none_or(|body_id| body_id == id)
                && shared.oauth.authenticates(id, secret),
            true,
        ),
        Some(ClientAuthentication::Body(id, secret)) => {
            (shared.oauth.authenticates(id, secret), false)
        }
        None => (false, headers.contains_key(AUTHORIZATION)),
    };
    if !authenticated {
        let mut response = refused(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Invalid client or Invalid client credentials (the sandbox's client is \
             confidential: send its id and secret with HTTP Basic or in the form)",
        );
        if basic {
            response.headers_mut().insert(
                WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Basic realm=\"sipgate-apps\""),
            );
        }
        return response;
    }

    let now = Utc::now();
    let (action, issued) = match grant_type.as_str() {
        "authorization_code" => {
            let Some(code) = get("code") else {
                return refused(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "Missing parameter: code",
                );
            };
            (
                "signIn",
                shared
                    .oauth
                    .exchange_code(code, get("redirect_uri"), get("code_verifier"), now),
            )
        }
        "refresh_token" => {
            let Some(refresh_token) = get("refresh_token") else {
                return refused(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "Missing parameter: refresh_token",
                );
            };
            (
                "refresh",
                shared.oauth.refresh(refresh_token, get("scope"), now),
            )
        }
        "" => {
            return refused(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "Missing parameter: grant_type",
            );
        }
        _ => {
            return refused(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "the sandbox supports authorization_code and refresh_token",
            );
        }
    };
    match issued {
        Ok(issued) => {
            tracing::info!(
                grant_type = %grant_type,
                session = issued.session,
                scope = %issued.scope,
                "tokens issued"
            );
            shared.events.publish(Event::Oauth {
                action,
                grant_type: grant_type.clone(),
                user: Some(issued.user.clone()),
                scope: Some(issued.scope.clone()),
                session: Some(issued.session),
                error: None,
            });
            tokens_answer(&issued)
        }
        Err(Refusal::InvalidGrant(description)) => {
            refused(StatusCode::BAD_REQUEST, "invalid_grant", &description)
        }
        Err(Refusal::InvalidScope(description)) => {
            refused(StatusCode::BAD_REQUEST, "invalid_scope", &description)
        }
        Err(Refusal::ServerError(description)) => refused(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            &description,
        ),
    }
}

/// A successful token response, shaped like Keycloak's (RFC 6749 section 5.1 plus
/// `refresh_expires_in`, `not-before-policy` and `session_state`).
fn tokens_answer(issued: &Issued) -> Response {
    let body = json!({
        "access_token": issued.access_token,
        "expires_in": issued.expires_in,
        "refresh_expires_in": issued.refresh_expires_in,
        "refresh_token": issued.refresh_token,
        "token_type": "Bearer",
        "not-before-policy": 0,
        "session_state": issued.session.to_string(),
        "scope": issued.scope,
    });
    (
        StatusCode::OK,
        [(CACHE_CONTROL, "no-store"), (PRAGMA, "no-cache")],
        axum::Json(body),
    )
        .into_response()
}

/// `GET /auth/realms/sipgate-apps/.well-known/openid-configuration`: where the endpoints are
/// and what they support, for clients that discover them. The origin is the one the request
/// named.
async fn metadata(Path(realm): Path<String>, headers: HeaderMap) -> Response {
    if realm != REALM {
        return (
            StatusCode::NOT_FOUND,
            axum::Json(json!({ "error": "Realm does not exist" })),
        )
            .into_response();
    }
    let Some(host) = headers.get(HOST).and_then(|h| h.to_str().ok()) else {
        return token_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "the request names no Host",
        );
    };
    let origin = format!("http://{host}");
    axum::Json(json!({
        "issuer": format!("{origin}/auth/realms/{REALM}"),
        "authorization_endpoint": format!("{origin}{AUTHORIZATION_PATH}"),
        "token_endpoint": format!("{origin}{TOKEN_PATH}"),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "prompt_values_supported": ["none", "consent"],
    }))
    .into_response()
}
