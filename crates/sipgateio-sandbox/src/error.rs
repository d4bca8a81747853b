//! The sandbox's API error responses.
//!
//! sipgate's OpenAPI snapshot describes error bodies as `{"errors":[{"status","title","detail"}]}`
//! (`ErrorResponse`/`DetailedError`); the sandbox answers every error in that shape.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An error answer of the sandbox's REST API.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    status: StatusCode,
    detail: String,
}

/// The result type of every route handler.
pub(crate) type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub(crate) fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        Self {
            status,
            detail: detail.into(),
        }
    }

    pub(crate) fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, detail)
    }

    pub(crate) fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "invalid or missing credentials: use HTTP Basic with the sandbox's token id and \
             token, or Bearer with an access token of its OAuth server",
        )
    }

    pub(crate) fn payment_required() -> Self {
        Self::new(StatusCode::PAYMENT_REQUIRED, "Insufficient funds")
    }

    pub(crate) fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, detail)
    }

    pub(crate) fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, detail)
    }

    pub(crate) fn unsupported_media_type() -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the request body must be sent as application/json",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let title = self.status.canonical_reason().unwrap_or("Error");
        let body = json!({
            "errors": [{
                "status": self.status.as_u16(),
                "title": title,
                "detail": self.detail,
            }]
        });
        (self.status, Json(body)).into_response()
    }
}
