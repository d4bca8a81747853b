//! [`TokenSource`]: bearer tokens that change while a [`Client`](crate::Client) lives.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::{Result, Secret};

/// The future a [`TokenSource`] method returns. It is boxed so that the client can hold any
/// source as `dyn TokenSource`; write the body as `Box::pin(async move { … })`.
pub type TokenFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

/// Where a [`Client`](crate::Client) gets its `Bearer` token from when the token changes over
/// time — for example OAuth access tokens, which sipgate lets live five minutes.
///
/// The `sipgateio-oauth` crate implements it (its `TokenSession` refreshes before expiry and
/// after a 401, one refresh at a time); implement it yourself to take tokens from elsewhere.
/// Plug a source in with [`ClientBuilder::token_source`](crate::ClientBuilder::token_source).
///
/// How the client uses it, for every request:
///
/// 1. Before each attempt it awaits [`access_token`](Self::access_token) and sends the token as
///    `Authorization: Bearer …`. Called for every request, so answer from memory while the
///    token is fresh. An error is the request's error: nothing is sent, and the client's
///    [`RetryPolicy`](crate::RetryPolicy) decides from the error's
///    [`kind`](crate::Error::kind) whether to try again.
/// 2. When the API answers 401, it calls [`unauthorized`](Self::unauthorized) with the token it
///    sent. If the source answers `Ok(true)` (it has a different token now), the client sends
///    the same request once more with the new token — once per request, whatever the method:
///    a 401 means the server refused the request before acting on it, so even a `POST` (an
///    SMS, a fax) is not done twice. Otherwise the 401 is returned as
///    [`Error::Unauthorized`](crate::Error::Unauthorized).
///
/// Build errors with [`Error::credentials`](crate::Error::credentials) (choosing the
/// [`ErrorKind`](crate::ErrorKind) that says what to do: `Unauthorized` when the user must sign
/// in again, `Connect` or `Timeout` when the token service could not be reached, …) or
/// [`Error::invalid_input`](crate::Error::invalid_input). A token never belongs in an error
/// message or in `Debug`.
///
/// ```
/// use std::sync::Mutex;
/// use sipgateio_core::{Client, Secret, TokenFuture, TokenSource};
///
/// /// A token that another part of the application replaces from time to time.
/// #[derive(Debug)]
/// struct Shared(Mutex<Secret>);
///
/// impl TokenSource for Shared {
///     fn access_token(&self) -> TokenFuture<'_, Secret> {
///         let token = match self.0.lock() {
///             Ok(token) => Ok(token.clone()),
///             Err(_) => Err(sipgateio_core::Error::precondition("the token lock is poisoned")),
///         };
///         Box::pin(async move { token })
///     }
/// }
///
/// let client = Client::builder()
///     .token_source(Shared(Mutex::new(Secret::new("an-access-token"))))
///     .build()?;
/// assert!(format!("{client:?}").contains("token source"));
/// # Ok::<(), sipgateio_core::Error>(())
/// ```
pub trait TokenSource: fmt::Debug + Send + Sync {
    /// The access token to send with the next attempt of a request.
    fn access_token(&self) -> TokenFuture<'_, Secret>;

    /// The API answered 401 to a request sent with `rejected`. Returns `Ok(true)` when a
    /// different token is available now (renewed here, or by another request meanwhile): the
    /// client then sends the request once more. The default answers `Ok(false)`: the 401
    /// stands.
    fn unauthorized<'a>(&'a self, rejected: &'a Secret) -> TokenFuture<'a, bool> {
        let _ = rejected;
        Box::pin(async { Ok(false) })
    }
}

/// A shared source is a source: keep an `Arc` to read the source's state while the client
/// uses it.
impl<T: TokenSource + ?Sized> TokenSource for Arc<T> {
    fn access_token(&self) -> TokenFuture<'_, Secret> {
        (**self).access_token()
    }

    fn unauthorized<'a>(&'a self, rejected: &'a Secret) -> TokenFuture<'a, bool> {
        (**self).unauthorized(rejected)
    }
}
