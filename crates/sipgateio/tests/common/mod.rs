//! The sandbox the facade's end-to-end tests share: strict (every request the SDK sends is
//! checked against sipgate's API description), and faxes move on quickly.

use std::time::Duration;

use sipgateio::Client;
use sipgateio::sandbox::{Sandbox, SandboxConfig};

/// A fresh strict sandbox (fax steps every 20 ms) and a client with its credentials.
pub(crate) async fn start() -> (Sandbox, Client) {
    let config = SandboxConfig::default()
        .strict(true)
        .fax_step(Some(Duration::from_millis(20)));
    sipgateio_test_support::sandbox::start_with(config).await
}
