//! OAuth 2 for the sipgate.io Rust SDK: let users of your application sign in with their
//! sipgate account, and call the API for them with access tokens that renew themselves.
//!
//! Personal access tokens are for scripts that act for their owner. An application that acts
//! for other people's sipgate accounts — a CRM integration, a call-center dashboard — registers
//! an OAuth client at sipgate (in the sipgate console, or through the API's
//! `/authorization/oauth2/clients`) and runs the **authorization-code flow** against sipgate's
//! login server (a Keycloak, realm `sipgate-apps` by default):
//!
//! 1. [`OauthClient::start_sign_in`] gives the URL of sipgate's login page, with a random
//!    `state` against forged redirects and a PKCE challenge (RFC 7636, S256) whose verifier
//!    never leaves your server.
//! 2. sipgate sends the user back to your redirect URI. [`OauthClient::finish_sign_in`] checks
//!    the `state` before anything is sent, then trades the code and the verifier for a
//!    [`TokenSet`]: an access token (five minutes), a refresh token (30 days) and their
//!    expiries.
//! 3. A [`TokenSession`] holds the tokens and is the
//!    [`TokenSource`](sipgateio_core::TokenSource) of a [`sipgateio_core::Client`]: it
//!    refreshes the access token before it expires and after a 401, one refresh at a time
//!    however many requests run at once, and hands every new token set to your
//!    [`TokenStore`] (the refresh token changes on every refresh). When the refresh token is
//!    gone for good, requests fail with an error that says the user must sign in again.
//!
//! # Example
//!
//! The sign-in's first half, and a redirect that does not belong to it — refused before any
//! request is sent:
//!
//! ```
//! use sipgateio_core::OauthClientId;
//! use sipgateio_oauth::{Callback, OauthClient};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), sipgateio_oauth::Error> {
//! let oauth = OauthClient::builder(
//!     OauthClientId::new("2556404-0-dc848ec0-7e9e-11e9-b4ce-d38e0b3fa8a5"),
//!     "https://crm.example.com/sipgate/callback",
//! )
//! .client_secret("the-client-secret")
//! .build()?;
//!
//! // Send the user to this URL; keep `sign_in` in their server-side session.
//! let sign_in = oauth.start_sign_in(["numbers:read", "history:read"])?;
//! let url = sign_in.url();
//! assert!(url.starts_with(
//!     "https://login.sipgate.com/auth/realms/sipgate-apps/protocol/openid-connect/auth?"
//! ));
//! for parameter in ["response_type=code", "code_challenge_method=S256", "scope=numbers%3Aread+history%3Aread"] {
//!     assert!(url.contains(parameter), "{parameter}");
//! }
//!
//! // A redirect whose state is not this sign-in's is refused without a request.
//! let forged = Callback::from_query("code=stolen-code&state=not-the-state")?;
//! let error = oauth.finish_sign_in(&sign_in, &forged).await.unwrap_err();
//! assert_eq!(error.invalid_field(), Some("state"));
//! # Ok(()) }
//! ```
//!
//! The whole flow in a web application (the web framework's part is left out):
//!
//! ```no_run
//! use sipgateio_core::{Client, OauthClientId};
//! use sipgateio_oauth::{Callback, OauthClient, PendingSignIn, TokenSession, TokenSet};
//!
//! # struct Db;
//! # impl Db { async fn save(&self, _: &TokenSet) {} }
//! # async fn run(db: Db, query: &str, sign_in: PendingSignIn) -> Result<(), Box<dyn std::error::Error>> {
//! let oauth = OauthClient::builder(
//!     OauthClientId::new(std::env::var("SIPGATE_OAUTH_CLIENT_ID")?),
//!     "https://crm.example.com/sipgate/callback",
//! )
//! .client_secret(std::env::var("SIPGATE_OAUTH_CLIENT_SECRET")?)
//! .build()?;
//!
//! // GET /sipgate/callback?code=…&state=… — `sign_in` is what start_sign_in returned for
//! // this browser.
//! let tokens = oauth.finish_sign_in(&sign_in, &Callback::from_query(query)?).await?;
//! db.save(&tokens).await;
//!
//! // From now on: a client whose tokens renew themselves.
//! let session = TokenSession::new(&oauth, tokens);
//! let client = Client::builder().token_source(session.clone()).build()?;
//! let me = client.get_authenticated_webuser_id().await?;
//! println!("signed in as {me}");
//! db.save(&session.tokens().await).await; // or give the session a TokenStore
//! # Ok(()) }
//! ```
//!
//! # Endpoints
//!
//! By default the client talks to `https://login.sipgate.com/auth/realms/sipgate-apps/…`;
//! [`OauthClientBuilder::realm`] picks another realm of sipgate's (older clients live in
//! `third-party`), and [`OauthClientBuilder::authorization_url`] and
//! [`OauthClientBuilder::token_url`] point it anywhere else — a sandbox, a test server. Token
//! endpoints must be `https://` (plain `http://` only on a loopback address): the client
//! secret and the tokens travel there. The client follows no redirects.
//!
//! # Errors
//!
//! The flow returns this crate's [`Error`]: [`ErrorKind::InvalidInput`] names the setting or
//! redirect parameter (a wrong `state` included), [`ErrorKind::Denied`] is a user who said
//! no, [`ErrorKind::SignInRequired`] a code or refresh token the server refused
//! (`invalid_grant`). Requests of a client whose [`TokenSession`] fails return
//! [`sipgateio_core::Error`] — see the [`From`](Error#impl-From<Error>-for-Error) conversion
//! for how the kinds map; "sign in again" is [`sipgateio_core::ErrorKind::Unauthorized`],
//! like a 401 of the API. No token, code, verifier or client secret appears in any `Display`,
//! `Debug` or log line.
//!
//! # HTTP
//!
//! The flow is the [`oauth2`](https://docs.rs/oauth2) crate's, without its HTTP clients: its
//! requests go through the same reqwest 0.13 (rustls) the rest of the SDK uses, so no second
//! HTTP or TLS stack is compiled. Token answers are read up to 64 KiB.

mod client;
mod error;
mod http;
mod session;
mod sign_in;
mod tokens;

pub use client::{ClientAuth, DEFAULT_REALM, OauthClient, OauthClientBuilder, SIPGATE_LOGIN_URL};
pub use error::{
    ConfigError, DecodeError, Error, ErrorKind, InvalidInput, OauthError, OauthErrorCode, Result,
    SignInRequired, StatusError, TimeoutError, TransportError,
};
pub use session::{StoreError, StoreFuture, TokenSession, TokenSessionBuilder, TokenStore};
pub use sign_in::{Callback, PendingSignIn};
pub use tokens::TokenSet;

/// The README's example, compiled as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
