//! The shared helpers of the sipgateio-rs integration tests (not published).
//!
//! Every crate of the workspace tests against real sockets on 127.0.0.1: a wiremock server
//! that asserts the exact request, an embedded sandbox of sipgate.io, or a webhook server that
//! receives signed requests. The pieces every one of those tests needs live here once:
//!
//! | module | what it gives a test | feature |
//! |---|---|---|
//! | [`mock`] | a `sipgateio_core::Client` for a wiremock server (one attempt or quick retries, 5 s timeout) and the server's request log | `client` |
//! | [`sandbox`] | a started sandbox with its credentials and a client for it | `sandbox` |
//! | [`secrets`] | a check that a client type's `Debug` shows no credentials | `client` |
//! | [`serve`] | any server (webhook server, axum app) on 127.0.0.1:0 that stops when dropped | — |
//! | [`webhook`] | webhook bodies signed with a committed test key, sipgate's published signature vector, signed POSTs | — |
//!
//! A crate adds it as a dev-dependency with the features its tests use (the workspace line
//! turns the default features off):
//!
//! ```toml
//! [dev-dependencies]
//! sipgateio-test-support = { workspace = true, features = ["sandbox"] }
//! ```
//!
//! `serve` and `webhook` need no feature: the sandbox's own tests use only those, so the
//! sandbox stays independent of the SDK crates whose API it imitates, even in its tests.
//!
//! # Example
//!
//! An exact request, asserted by wiremock, from a client that does not retry:
//!
//! ```
//! use sipgateio_test_support::mock;
//! use wiremock::matchers::{header, method, path};
//! use wiremock::{Mock, MockServer, ResponseTemplate};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let server = MockServer::start().await;
//! Mock::given(method("GET"))
//!     .and(path("/v2/authorization/userinfo"))
//!     .and(header("authorization", mock::BASIC_AUTHORIZATION))
//!     .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
//!         "sub": "w0", "domain": "sipgate.de", "masterSipId": "0000000", "locale": "de_DE"
//!     })))
//!     .expect(1)
//!     .mount(&server)
//!     .await;
//!
//! let user = mock::client(&server)
//!     .get_authenticated_webuser_id()
//!     .await
//!     .expect("the user info");
//! assert_eq!(user.as_str(), "w0");
//! assert_eq!(mock::request_lines(&server).await, ["GET /v2/authorization/userinfo"]);
//! # }
//! ```
//!
//! Helpers panic with a message that says what failed: they are for tests, where a panic is
//! the failure report.

#[cfg(feature = "client")]
pub mod mock;
#[cfg(feature = "sandbox")]
pub mod sandbox;
#[cfg(feature = "client")]
pub mod secrets;
pub mod serve;
pub mod webhook;
