//! The REST routes, one module per API area, all under `/v2` and behind the token check
//! (a personal access token, or an OAuth access token of the sandbox's login server).

mod account;
mod blacklist;
pub(crate) mod calls;
mod contacts;
mod fax;
mod history;
mod phonelines;
mod settings;
mod sms;

pub(crate) use blacklist::IncomingEntry;

use axum::Router;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::from_fn_with_state;
use axum::response::IntoResponse;
use axum::routing::{get, post, put};

use crate::error::{ApiError, ApiResult};
use crate::state::{AppState, State as Data};

/// The whole HTTP surface: `/v2/...` (authenticated), `/sandbox/...` (sandbox extras) and
/// `/auth/realms/sipgate-apps/...` (the OAuth server).
pub(crate) fn router(state: AppState) -> Router {
    let api = Router::new()
        // `GET /v2/` (getUrls) is answered from the description; the route lets it reach the
        // layers below.
        .route("/", axum::routing::any(unknown_endpoint))
        .route("/authorization/userinfo", get(account::userinfo))
        .route("/users", get(account::users))
        .route("/users/{user_id}", get(account::user))
        .route("/balance", get(account::balance))
        .route("/numbers", get(account::numbers))
        .route("/voicemails", get(account::voicemails))
        .route("/voicemails/{voicemail_id}", get(account::voicemail))
        .route("/{user_id}/devices", get(account::devices))
        .route("/account", get(account::account))
        .route("/{user_id}/phonelines", get(phonelines::list))
        .route(
            "/{user_id}/phonelines/{phoneline_id}",
            get(phonelines::get_one).put(phonelines::set_alias),
        )
        .route(
            "/{user_id}/phonelines/{phoneline_id}/numbers",
            get(phonelines::numbers),
        )
        .route(
            "/{user_id}/phonelines/{phoneline_id}/devices",
            get(phonelines::devices),
        )
        .route(
            "/{user_id}/phonelines/{phoneline_id}/voicemails",
            get(phonelines::voicemails),
        )
        .route("/{user_id}/faxlines", get(fax::faxlines))
        .route("/{user_id}/sms", get(sms::extensions))
        .route("/{user_id}/sms/{sms_id}", put(sms::set_alias))
        .route(
            "/{user_id}/sms/{sms_id}/callerids",
            get(sms::caller_ids).post(sms::add_caller_id),
        )
        .route(
            "/{user_id}/sms/{sms_id}/callerids/{caller_id}",
            put(sms::set_caller_id).delete(sms::delete_caller_id),
        )
        .route(
            "/{user_id}/sms/{sms_id}/callerids/{caller_id}/verification",
            post(sms::verify_caller_id),
        )
        .route("/sessions/sms", post(sms::send))
        .route("/sessions/fax", post(fax::send))
        .route("/sessions/fax/resend", post(fax::resend))
        .route("/sessions/calls", post(calls::initiate))
        .route("/calls", get(calls::list))
        .route("/calls/{call_id}", axum::routing::delete(calls::hang_up))
        .route("/calls/{call_id}/muted", put(calls::mute))
        .route("/calls/{call_id}/hold", put(calls::hold))
        .route("/calls/{call_id}/recording", put(calls::record))
        .route("/calls/{call_id}/announcements", post(calls::announce))
        .route("/calls/{call_id}/dtmf", post(calls::dtmf))
        .route("/calls/{call_id}/transfer", post(calls::transfer))
        .route(
            "/history",
            get(history::list)
                .put(history::batch_update)
                .delete(history::delete_many),
        )
        .route("/history/export", get(history::export))
        .route(
            "/history/{entry_id}",
            get(history::get_one)
                .put(history::update_one)
                .delete(history::delete_one),
        )
        .route("/log/webhooks", get(settings::webhook_log))
        .route(
            "/blacklist/incoming",
            get(blacklist::list).post(blacklist::add),
        )
        .route(
            "/blacklist/incoming/{phone_number}",
            axum::routing::delete(blacklist::remove),
        )
        .route("/settings/sipgateio", get(settings::get).put(settings::put))
        .route(
            "/contacts",
            get(contacts::list)
                .post(contacts::create)
                .delete(contacts::delete_all),
        )
        .route("/contacts/internal", get(contacts::internal))
        .route("/contacts/import/csv", post(contacts::import_csv))
        .route(
            "/contacts/{contact_id}",
            put(contacts::update).delete(contacts::delete),
        )
        .fallback(unknown_endpoint)
        // Every operation of the API description: the long tail is answered from it, and
        // strict mode checks the routes above against it too.
        .layer(from_fn_with_state(
            state.clone(),
            crate::described::dispatch,
        ))
        // Reserved test numbers fail on demand; only requests with valid credentials.
        .layer(from_fn_with_state(state.clone(), crate::failures::inject))
        .layer(from_fn_with_state(state.clone(), crate::auth::require_auth))
        // Outermost: preflights are answered before the credentials are checked, and every
        // answer (errors, unknown endpoints) carries the CORS headers.
        .layer(crate::cors::layer());

    Router::new()
        // A service, not a nested router: `/v2/` (getUrls) then reaches it as `/` too.
        .nest_service("/v2", api.with_state(state.clone()))
        .route("/sandbox/public-key.pem", get(public_key))
        .route(
            "/sandbox/simulate-call",
            post(crate::simulator::http_simulate),
        )
        .merge(crate::oauth::endpoints::router())
        .layer(from_fn_with_state(
            state.clone(),
            crate::events::log_requests,
        ))
        .with_state(state)
}

async fn unknown_endpoint() -> ApiError {
    ApiError::not_found("no such endpoint in the sandbox")
}

async fn public_key() -> impl IntoResponse {
    (
        [(CONTENT_TYPE, "application/x-pem-file")],
        crate::signing::PUBLIC_KEY_PEM,
    )
}

/// Answers 402 while the sandbox is in "no credit" mode.
pub(crate) fn require_credit(data: &Data) -> ApiResult<()> {
    if data.no_credit {
        Err(ApiError::payment_required())
    } else {
        Ok(())
    }
}

/// Answers 404 for an unknown web user.
pub(crate) fn require_user(data: &Data, user_id: &str) -> ApiResult<()> {
    if data.has_user(user_id) {
        Ok(())
    } else {
        Err(ApiError::not_found(format!("User not found: {user_id}")))
    }
}

/// `{items}` of what a web user owns (404 for an unknown user).
pub(crate) fn items_of_user<'a, T: serde::Serialize + 'a>(
    data: &Data,
    user_id: &str,
    items: impl Iterator<Item = (&'a str, &'a T)>,
) -> ApiResult<axum::Json<serde_json::Value>> {
    require_user(data, user_id)?;
    let items: Vec<&T> = items
        .filter(|(owner, _)| *owner == user_id)
        .map(|(_, item)| item)
        .collect();
    Ok(axum::Json(serde_json::json!({ "items": items })))
}

/// `204 No Content`, sipgate's answer to mutations without a response body.
pub(crate) fn no_content() -> axum::http::StatusCode {
    axum::http::StatusCode::NO_CONTENT
}

/// Shorthand for handlers.
pub(crate) type St = State<AppState>;
