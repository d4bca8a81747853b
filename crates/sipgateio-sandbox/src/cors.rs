//! CORS for the REST API: a page on any origin (a wasm build of the SDK in a browser, a front
//! end in development) may call the sandbox like a local test double.
//!
//! Preflights (`OPTIONS` with `Access-Control-Request-Method`) are answered before the
//! credentials are checked, as browsers send them without credentials; every answer under
//! `/v2` — errors included — carries `Access-Control-Allow-Origin: *`.

use std::time::Duration;

use axum::http::Method;
use axum::http::header::{CONTENT_DISPOSITION, LOCATION, RETRY_AFTER, WWW_AUTHENTICATE};
use tower_http::cors::{AllowHeaders, AllowOrigin, CorsLayer};

/// How long a browser may cache a preflight answer.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(600);

/// The layer: any origin, the API's methods (sipgate's API uses no others), every request header the page asks for (the SDK
/// sends `Authorization`, `Content-Type`, `Accept` and its `X-Sipgate-*` headers, and a client
/// may add its own), and the response headers a client reads (`Retry-After` of a 429,
/// `Content-Disposition` of a download, `Location`, `WWW-Authenticate` of a 401).
///
/// `Access-Control-Allow-Headers: *` would not cover `Authorization` (the Fetch standard
/// excludes it from the wildcard), so the requested headers are echoed instead. No cookies
/// are involved: credentials travel in `Authorization`, so `Allow-Credentials` stays off and
/// the origin may be `*`.
pub(crate) fn layer() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::any())
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers(AllowHeaders::mirror_request())
        .expose_headers([RETRY_AFTER, CONTENT_DISPOSITION, LOCATION, WWW_AUTHENTICATE])
        .max_age(PREFLIGHT_MAX_AGE)
}
