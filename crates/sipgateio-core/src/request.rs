//! The transport-neutral request and response types that domain crates use.

use std::borrow::Cow;
use std::time::Duration;

use bytes::Bytes;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::truncate_body;
use crate::transport::Query;
use crate::{Error, Result, RetryPolicy};

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// Whether repeating the request has the same effect as sending it once.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Self::Get | Self::Put | Self::Delete)
    }

    /// The method's name as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

/// One API request: method, path relative to the base URL, query, optional JSON body, and
/// per-request settings.
///
/// ```
/// use sipgateio_core::transport::{Method, Query, Request};
///
/// let request = Request::get("history")
///     .query(Query::new().push_all("types", ["SMS", "FAX"]))
///     .on_status(404, "history entry not found");
/// assert_eq!(request.method(), Method::Get);
/// assert_eq!(request.path(), "history");
/// ```
///
/// `Debug` shows the path logs show ([`path_for_logs`](Self::path_for_logs)) and the size of
/// the body, never its content: a body may carry a password.
#[derive(Clone)]
pub struct Request {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) query: Query,
    pub(crate) body: Option<Bytes>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) contexts: Vec<(u16, Cow<'static, str>)>,
    pub(crate) log_path: Option<String>,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path_for_logs())
            .field("query", &self.query)
            .field(
                "body",
                &self
                    .body
                    .as_ref()
                    .map(|body| format!("{} bytes", body.len())),
            )
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("contexts", &self.contexts)
            .finish()
    }
}

impl Request {
    /// A request with the given method and path (relative to the client's base URL).
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            query: Query::new(),
            body: None,
            timeout: None,
            retry: None,
            contexts: Vec::new(),
            log_path: None,
        }
    }

    /// A `GET` request.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::Get, path)
    }

    /// A `POST` request.
    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::Post, path)
    }

    /// A `PUT` request.
    pub fn put(path: impl Into<String>) -> Self {
        Self::new(Method::Put, path)
    }

    /// A `PATCH` request.
    pub fn patch(path: impl Into<String>) -> Self {
        Self::new(Method::Patch, path)
    }

    /// A `DELETE` request.
    pub fn delete(path: impl Into<String>) -> Self {
        Self::new(Method::Delete, path)
    }

    /// Sets the query parameters.
    #[must_use]
    pub fn query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }

    /// Sets a JSON body.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Result<Self> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| Error::invalid_input("body", format!("cannot be serialized: {e}")))?;
        self.body = Some(Bytes::from(bytes));
        Ok(self)
    }

    /// Overrides the client's request timeout for this request.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Overrides the client's retry policy for this request.
    #[must_use]
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Gives an error status a domain meaning for this request; it shows up in the error's
    /// `Display` and in [`ApiError::context`](crate::ApiError::context).
    #[must_use]
    pub fn on_status(mut self, status: u16, meaning: impl Into<Cow<'static, str>>) -> Self {
        self.contexts.push((status, meaning.into()));
        self
    }

    /// The path the request's log span (`sipgate.request`, field `path`) shows instead of the
    /// real one: for a path that holds a secret, such as the nonce of a password reset
    /// (`POST /passwordreset/{nonce}`), give its template.
    ///
    /// ```
    /// use sipgateio_core::transport::Request;
    ///
    /// let request = Request::post("/passwordreset/n0nce").log_path("/passwordreset/{nonce}");
    /// assert_eq!(request.path(), "/passwordreset/n0nce");
    /// assert_eq!(request.path_for_logs(), "/passwordreset/{nonce}");
    /// ```
    #[must_use]
    pub fn log_path(mut self, path: impl Into<String>) -> Self {
        self.log_path = Some(path.into());
        self
    }

    /// The path logs show: the one given to [`log_path`](Self::log_path), else the real one.
    pub fn path_for_logs(&self) -> &str {
        self.log_path.as_deref().unwrap_or(&self.path)
    }

    /// The method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The path relative to the base URL.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The JSON body, if any.
    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// Applies this request's status meanings to an error.
    pub(crate) fn contextualise(&self, mut error: Error) -> Error {
        for (status, meaning) in &self.contexts {
            error = error.with_status_context(*status, meaning.clone());
        }
        error
    }
}

/// A successful (2xx) response, fully read.
#[derive(Clone, Debug)]
pub struct Response {
    pub(crate) status: u16,
    pub(crate) headers: reqwest::header::HeaderMap,
    pub(crate) body: Bytes,
}

impl Response {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `Content-Type` header, if any.
    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    /// A response header as text (e.g. `Location`), if present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The raw body.
    pub fn bytes(&self) -> &Bytes {
        &self.body
    }

    /// The body as UTF-8 text (invalid sequences replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Decodes the JSON body; a mismatch is an [`Error::Decode`] naming the JSON path.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        decode_json(&self.body)
    }
}

/// Decodes JSON, reporting the path of the first mismatch.
pub fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T> {
    // Tracking the path costs more than the decoding itself (a map of every key on the way);
    // only a body that does not decode is decoded again to find where.
    if let Ok(value) = serde_json::from_slice(body) {
        return Ok(value);
    }
    let deserializer = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        Error::decode(
            path,
            error.into_inner().to_string(),
            truncate_body(String::from_utf8_lossy(body).into_owned()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_neither_a_secret_path_nor_the_body() {
        #[derive(Serialize)]
        struct Reset<'a> {
            password: &'a str,
        }
        let request = Request::post("passwordreset/n0nce-4711")
            .log_path("passwordreset/{nonce}")
            .json(&Reset {
                password: "hunter22",
            })
            .expect("serialises");
        let debug = format!("{request:?}");
        assert!(debug.contains("passwordreset/{nonce}"), "{debug}");
        assert!(debug.contains("\"23 bytes\""), "{debug}");
        assert!(!debug.contains("n0nce-4711"), "{debug}");
        assert!(!debug.contains("hunter22"), "{debug}");
        let plain = format!("{:?}", Request::get("history"));
        assert!(plain.contains("path: \"history\""), "{plain}");
        assert!(plain.contains("body: None"), "{plain}");
    }

    #[derive(Debug, serde::Deserialize)]
    struct Outer {
        #[allow(dead_code)]
        items: Vec<Inner>,
    }
    #[derive(Debug, serde::Deserialize)]
    struct Inner {
        #[allow(dead_code)]
        id: String,
    }

    #[test]
    fn decode_errors_name_the_json_path() {
        let error = decode_json::<Outer>(br#"{"items":[{"id":"a"},{"id":7}]}"#)
            .expect_err("7 is no string");
        match error {
            Error::Decode(decode) => assert_eq!(decode.path(), "items[1].id"),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn idempotency() {
        assert!(Method::Get.is_idempotent());
        assert!(!Method::Post.is_idempotent());
        assert!(!Method::Patch.is_idempotent());
    }
}
