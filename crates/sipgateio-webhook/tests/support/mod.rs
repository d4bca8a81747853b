//! Webhook-typed helpers over `sipgateio_test_support`: a server builder that trusts the
//! test key, and servers on 127.0.0.1 that stop when dropped. Signing, signed posts and
//! sipgate's signature vector come from `sipgateio_test_support::webhook`.

#![allow(dead_code)]

use sipgateio_test_support::serve::{self, Served};
use sipgateio_test_support::webhook::TEST_PUBLIC_KEY_PEM;
use sipgateio_webhook::{PublicKey, WebhookServer, WebhookServerBuilder};

/// The public key of the test key pair, which `sipgateio_test_support::webhook::sign` signs
/// with.
pub(crate) fn test_public_key() -> PublicKey {
    PublicKey::from_pem(TEST_PUBLIC_KEY_PEM).expect("test public key")
}

/// A builder that verifies with the test key.
pub(crate) fn builder() -> WebhookServerBuilder {
    WebhookServer::builder().public_key(test_public_key())
}

/// `server` on 127.0.0.1:0 until the returned [`Served`] is dropped or shut down.
pub(crate) async fn start(server: WebhookServer) -> Served {
    Served::spawn(serve::listener().await, |listener, shutdown| {
        server.serve_with_shutdown(listener, shutdown)
    })
}

/// Any axum app (without connect info) on 127.0.0.1:0 until the returned [`Served`] is
/// dropped; `served.url("")` is its base URL.
pub(crate) async fn serve_app(app: axum::Router) -> Served {
    Served::spawn(serve::listener().await, |listener, shutdown| async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
    })
}

/// An HTTP client for the requests a test builds by hand.
pub(crate) fn http() -> reqwest::Client {
    reqwest::Client::new()
}
