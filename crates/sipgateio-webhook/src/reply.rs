//! What handlers may return: anything that implements [`IntoWebhookResponse`].

use std::fmt::Display;

use sipgateio_xml::Response;

/// A handler's failure: answered with HTTP 500 and logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandlerError {
    message: String,
}

impl HandlerError {
    /// A failure with this message (logged, never sent to sipgate).
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl Display for HandlerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HandlerError {}

/// The return value of a webhook handler.
///
/// * a [`Response`] is sent as XML;
/// * `()` sends an empty `<Response/>` (the call proceeds normally);
/// * `Option<T>`: `None` is `()`;
/// * `Result<T, E>` with `E: Display`: `Err` is answered with HTTP 500 and logged (sipgate then
///   ignores the answer and the call proceeds normally).
///
/// ```
/// use sipgateio_webhook::IntoWebhookResponse;
/// use sipgateio_webhook::xml::Response;
///
/// assert_eq!(().into_webhook_response(), Ok(Response::empty()));
/// assert!(Err::<Response, _>("database down").into_webhook_response().is_err());
/// // Building a response can fail; the `?`-free form is fine to return as it is.
/// assert!(Response::redirect(["+4921100000"]).into_webhook_response().is_ok());
/// ```
pub trait IntoWebhookResponse {
    /// Turn this value into the XML answer, or a failure.
    fn into_webhook_response(self) -> Result<Response, HandlerError>;
}

impl IntoWebhookResponse for Response {
    fn into_webhook_response(self) -> Result<Response, HandlerError> {
        Ok(self)
    }
}

impl IntoWebhookResponse for () {
    fn into_webhook_response(self) -> Result<Response, HandlerError> {
        Ok(Response::empty())
    }
}

impl<T: IntoWebhookResponse> IntoWebhookResponse for Option<T> {
    fn into_webhook_response(self) -> Result<Response, HandlerError> {
        self.map_or_else(|| Ok(Response::empty()), T::into_webhook_response)
    }
}

impl<T: IntoWebhookResponse, E: Display> IntoWebhookResponse for Result<T, E> {
    fn into_webhook_response(self) -> Result<Response, HandlerError> {
        match self {
            Ok(value) => value.into_webhook_response(),
            Err(error) => Err(HandlerError::new(error.to_string())),
        }
    }
}
