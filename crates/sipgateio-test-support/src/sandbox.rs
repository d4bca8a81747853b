//! A started sandbox and a client with its credentials.
//!
//! The sandbox (`sipgateio-sandbox`) is an in-memory look-alike of sipgate.io on a random
//! port of 127.0.0.1, written from the API documentation rather than from the SDK's models: a
//! test that passes against it checks the SDK against an independent reading of the API. Each
//! call starts a fresh sandbox with a fresh token pair; it stops when the [`Sandbox`] is
//! dropped. The sandbox runs **strict** ([`SandboxConfig::strict`]): every request the SDK
//! sends is checked against sipgate's API description, so an unknown field, a wrong type or a
//! missing required field fails the test with a 400 naming the field.
//!
//! ```
//! use sipgateio_test_support::sandbox;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let (sandbox, client) = sandbox::start().await;
//! let me = client.get_authenticated_webuser_id().await.expect("the sandbox answers");
//! assert_eq!(me.as_str(), "w0");
//! assert!(client.base_url().starts_with(&sandbox.base_url()));
//! # }
//! ```

use sipgateio_core::{Client, ClientBuilder};
pub use sipgateio_sandbox::{Sandbox, SandboxConfig};

/// A fresh strict sandbox with the default configuration and a client for it.
pub async fn start() -> (Sandbox, Client) {
    start_with(SandboxConfig::default()).await
}

/// A fresh sandbox with `config`, made strict, and a client for it (a test of the lenient
/// sandbox starts `Sandbox::start_with` itself).
pub async fn start_with(config: SandboxConfig) -> (Sandbox, Client) {
    let sandbox = Sandbox::start_with(config.strict(true))
        .await
        .expect("the sandbox starts on 127.0.0.1");
    let client = client_for(&sandbox);
    (sandbox, client)
}

/// A client with the sandbox's credentials and base URL (default timeout and retries, as a
/// user's client has).
pub fn client_for(sandbox: &Sandbox) -> Client {
    builder_for(sandbox)
        .build()
        .expect("the sandbox's credentials are well formed")
}

/// A client builder with the sandbox's credentials and base URL, for a test that changes a
/// setting (no retries, a short timeout) before `build()`.
pub fn builder_for(sandbox: &Sandbox) -> ClientBuilder {
    Client::builder()
        .personal_access_token(sandbox.token_id(), sandbox.token())
        .base_url(sandbox.base_url())
}
