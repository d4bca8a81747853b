//! The oauth2 crate's requests, sent by the workspace's reqwest 0.13 client.
//!
//! oauth2 builds the token request (`http::Request`) and reads a 200 answer; everything else —
//! sending, timeouts, a bounded body, and turning a non-200 answer into an OAuth error or a
//! status error — happens here, so that no error ever holds the body of a token response.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use oauth2::{AsyncHttpClient, HttpRequest, HttpResponse, RequestTokenError};
use serde::Deserialize;

use crate::error::{Error, OauthError, StatusError, TimeoutError, TransportError, server_text};

/// The largest answer read from the token endpoint. A token response is a few KiB.
const MAX_BODY: usize = 64 * 1024;

/// The HTTP client of an [`OauthClient`](crate::OauthClient).
#[derive(Clone, Debug)]
pub(crate) struct Http {
    pub(crate) client: reqwest::Client,
    pub(crate) timeout: Duration,
}

/// Why an exchange with the token endpoint did not produce a token response: the error the
/// HTTP glue hands to oauth2, which passes it back in `RequestTokenError::Request`.
#[derive(Debug)]
pub(crate) struct Failure(Error);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Failure {}

/// The body of an OAuth error response (RFC 6749 section 5.2).
#[derive(Deserialize)]
struct ErrorBody {
    error: String,
    error_description: Option<String>,
    error_uri: Option<String>,
}

/// oauth2's asynchronous HTTP-client interface, served by reqwest 0.13.
impl<'c> AsyncHttpClient<'c> for Http {
    type Error = Failure;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, Failure>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        // wasm32: reqwest's futures hold JavaScript values and are not Send; a browser runs
        // the module on one thread, so a SendWrapper (it panics if used from a second
        // thread) makes them Send.
        #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
        return Box::pin(send_wrapper::SendWrapper::new(self.send(request)));
        #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
        Box::pin(self.send(request))
    }
}

impl Http {
    /// Sends one request of oauth2's and returns the answer if it is a 200; any other answer
    /// becomes the matching [`Error`].
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Failure> {
        let (parts, body) = request.into_parts();
        #[cfg_attr(
            all(target_arch = "wasm32", target_os = "unknown"),
            expect(unused_mut, reason = "read whole on wasm32")
        )]
        let mut response = self
            .client
            .request(parts.method, parts.uri.to_string())
            .headers(parts.headers)
            .body(body)
            .timeout(self.timeout)
            .send()
            .await
            .map_err(|e| Failure(self.transport(e)))?;
        let status = response.status();
        let headers = response.headers().clone();
        // fetch gives the body whole (no chunk reads): checked after it arrived.
        #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
        let body = {
            let body = response
                .bytes()
                .await
                .map_err(|e| Failure(self.transport(e)))?;
            if body.len() > MAX_BODY {
                return Err(Failure(Error::decode(
                    ".",
                    format!("the answer is larger than {MAX_BODY} bytes"),
                )));
            }
            body.to_vec()
        };
        #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
        let mut body = Vec::new();
        #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| Failure(self.transport(e)))?
        {
            if body.len() + chunk.len() > MAX_BODY {
                return Err(Failure(Error::decode(
                    ".",
                    format!("the answer is larger than {MAX_BODY} bytes"),
                )));
            }
            body.extend_from_slice(&chunk);
        }
        if status != reqwest::StatusCode::OK {
            return Err(Failure(error_answer(status.as_u16(), &body)));
        }
        let mut answer = HttpResponse::new(body);
        *answer.status_mut() = status;
        *answer.headers_mut() = headers;
        Ok(answer)
    }

    fn transport(&self, error: reqwest::Error) -> Error {
        if error.is_timeout() {
            Error::Timeout(TimeoutError {
                timeout: self.timeout,
            })
        } else {
            Error::Transport(TransportError {
                // fetch does not tell a refused connection from a broken one.
                #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
                connect: error.is_connect(),
                #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
                connect: false,
                source: Arc::new(error.without_url()),
            })
        }
    }
}

/// A non-200 answer: an OAuth error response if the body is one, a status error otherwise.
/// (`invalid_grant` is told apart by the caller, which knows whether a code or a refresh
/// token was refused.)
fn error_answer(status: u16, body: &[u8]) -> Error {
    if let Ok(error) = serde_json::from_slice::<ErrorBody>(body) {
        return Error::Refused(OauthError::new(
            &error.error,
            error.error_description.as_deref(),
            error.error_uri.as_deref(),
            Some(status),
        ));
    }
    let text = String::from_utf8_lossy(body);
    let message = if text.trim_start().starts_with('<') {
        None // an HTML error page is not worth showing
    } else {
        text.lines().next().and_then(server_text)
    };
    Error::Status(StatusError { status, message })
}

/// What a request of oauth2's ended with, as this crate's error. `refusal` words an
/// `invalid_grant` (what was refused, and what to do).
pub(crate) fn request_error<TE: oauth2::ErrorResponse>(
    error: RequestTokenError<Failure, TE>,
    refusal: &'static str,
) -> Error {
    match error {
        RequestTokenError::Request(Failure(Error::Refused(oauth)))
            if oauth.code == crate::OauthErrorCode::InvalidGrant =>
        {
            Error::sign_in_required(refusal, Some(oauth))
        }
        RequestTokenError::Request(Failure(error)) => error,
        // The glue passes only 200 answers on, so oauth2 never reads an error response itself.
        RequestTokenError::ServerResponse(_) => {
            Error::decode(".", "an error response with status 200")
        }
        // The body of a 200 answer carries tokens: the error names where decoding failed and
        // repeats serde's message only when it names a missing field, never a value.
        RequestTokenError::Parse(error, _body) => {
            let path = error.path().to_string();
            let message = error.inner().to_string();
            let message = if message.starts_with("missing field") {
                message
                    .split(" at line")
                    .next()
                    .unwrap_or("a field is missing")
                    .to_owned()
            } else {
                "is not a valid token response (a value has the wrong type or format)".to_owned()
            };
            Error::decode(path, message)
        }
        RequestTokenError::Other(message) => Error::decode(".", message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn error_answers_are_oauth_errors_or_statuses() {
        let error = error_answer(
            400,
            br#"{"error":"invalid_grant","error_description":"Token is not active"}"#,
        );
        assert_eq!(error.kind(), ErrorKind::Refused);
        assert_eq!(
            error.oauth_error().map(|e| (e.code().as_str(), e.status())),
            Some(("invalid_grant", Some(400)))
        );

        let error = error_answer(503, b"<html><body>Service Unavailable</body></html>");
        assert_eq!(error.kind(), ErrorKind::Server);
        assert_eq!(
            error.to_string(),
            "the authorization server answered HTTP 503"
        );

        let error = error_answer(404, b"Realm does not exist\nmore");
        assert_eq!(error.kind(), ErrorKind::Status);
        assert_eq!(
            error.to_string(),
            "the authorization server answered HTTP 404 (server: Realm does not exist)"
        );
    }
}
