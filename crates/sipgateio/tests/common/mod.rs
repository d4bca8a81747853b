//! A sandbox and an SDK client pointed at it.

use std::time::Duration;

use sipgateio::Client;
use sipgateio::sandbox::{Sandbox, SandboxConfig};

/// A fresh sandbox (fax steps every 20 ms) and a client with its credentials.
pub async fn start() -> (Sandbox, Client) {
    let config = SandboxConfig::default().fax_step(Some(Duration::from_millis(20)));
    let sandbox = Sandbox::start_with(config).await.expect("sandbox starts");
    let client = client_for(&sandbox);
    (sandbox, client)
}

/// A client with the sandbox's credentials and base URL.
pub fn client_for(sandbox: &Sandbox) -> Client {
    Client::builder()
        .personal_access_token(sandbox.token_id(), sandbox.token())
        .base_url(sandbox.base_url())
        .build()
        .expect("valid configuration")
}
