//! What handlers may return: anything that implements [`IntoWebhookResponse`].

use std::fmt::Display;

use sipgateio_xml::Response;

/// A handler's failure: answered with HTTP 500 and logged.
///
/// Every error a handler typically meets converts into it with `?`: XML-building errors
/// ([`sipgateio_xml::Error`]), this crate's [`Error`](crate::Error) (audio checks, the
/// play-then-hang-up helpers) and the REST client's [`sipgateio_core::Error`] (RTCM calls). So
/// a handler that mixes them returns `Result<Response, HandlerError>`:
///
/// ```
/// use sipgateio_webhook::{AudioValidator, HandlerError, NewCallEvent, WebhookServer};
/// use sipgateio_webhook::xml::{Gather, Response};
///
/// async fn menu(call: NewCallEvent, audio: AudioValidator) -> Result<Response, HandlerError> {
///     if call.from == "anonymous" {
///         return Err(HandlerError::new("anonymous callers are not served"));
///     }
///     let prompt = audio.check("https://example.com/menu.wav").await?; // sipgateio_webhook::Error
///     let gather = Gather::new().max_digits(1).timeout_ms(3000).play(prompt.url);
///     Ok(Response::gather(gather)?) // sipgateio_xml::Error
/// }
///
/// # fn main() -> Result<(), sipgateio_webhook::Error> {
/// let audio = AudioValidator::new()?;
/// let server = WebhookServer::builder()
///     .on_new_call(move |call| menu(call, audio.clone()))
///     .build()?;
/// # let _ = server;
/// # Ok(()) }
/// ```
///
/// In a closure's `async` block, name the error type once where the block returns:
///
/// ```
/// use sipgateio_webhook::{HandlerError, WebhookServer};
/// use sipgateio_webhook::xml::Response;
///
/// # fn main() -> Result<(), sipgateio_webhook::Error> {
/// let server = WebhookServer::builder()
///     .on_new_call(|call| async move {
///         let target = if call.to.ends_with('0') { "+4921100000001" } else { "+4921100000002" };
///         let response = Response::redirect([target])?;
///         Ok::<_, HandlerError>(response)
///     })
///     .build()?;
/// # let _ = server;
/// # Ok(()) }
/// ```
///
/// Any other `Result<_, E>` with `E: Display` (e.g. `Box<dyn std::error::Error + Send + Sync>`)
/// works as a handler's return value too (see [`IntoWebhookResponse`]).
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

impl From<sipgateio_xml::Error> for HandlerError {
    fn from(error: sipgateio_xml::Error) -> Self {
        Self::new(error.to_string())
    }
}

impl From<crate::Error> for HandlerError {
    fn from(error: crate::Error) -> Self {
        Self::new(error.to_string())
    }
}

impl From<sipgateio_core::Error> for HandlerError {
    fn from(error: sipgateio_core::Error) -> Self {
        Self::new(error.to_string())
    }
}

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
