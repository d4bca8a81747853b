//! `sipgateio sandbox`: run the offline sipgate.io look-alike until Ctrl-C.

use std::net::{IpAddr, SocketAddr};

use clap::Args;
use serde::Serialize;
use sipgateio::sandbox::{Sandbox, SandboxConfig};

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::write_stdout;

/// Options of the sandbox.
#[derive(Args, Debug)]
pub struct SandboxArgs {
    /// Port to listen on (0: a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Paid endpoints (SMS, fax, calls) answer 402.
    #[arg(long)]
    no_credit: bool,
    /// sipgate.io not booked: the webhook settings answer 403.
    #[arg(long)]
    not_booked: bool,
}

/// With `--json`: one line that scripts can read.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Started<'a> {
    base_url: String,
    token_id: &'a str,
    token: &'a str,
    public_key_url: String,
    simulate_url: String,
}

/// Runs the sandbox until Ctrl-C.
pub async fn run(ctx: &Ctx, args: SandboxArgs) -> Result<(), Failure> {
    let config = SandboxConfig::default()
        .addr(SocketAddr::new(args.host, args.port))
        .no_credit(args.no_credit)
        .sipgateio_booked(!args.not_booked);
    let sandbox = Sandbox::start_with(config)
        .await
        .map_err(|e| Failure::Other(format!("cannot start the sandbox: {e}")))?;
    // The sandbox's own generated token is printed on purpose: it is what you point the SDK
    // at, and it is accepted only by this process.
    if ctx.out.is_json() {
        let started = Started {
            base_url: sandbox.base_url(),
            token_id: sandbox.token_id(),
            token: sandbox.token(),
            public_key_url: sandbox.public_key_url(),
            simulate_url: sandbox.simulate_url(),
        };
        let line = serde_json::to_string(&started)
            .map_err(|e| Failure::Other(format!("cannot write JSON: {e}")))?;
        write_stdout(&line)?;
    } else {
        write_stdout(&format!(
            "{}\n\nOr use this command: sipgateio --base-url {} --token-id {} --token {} numbers list\nPress Ctrl-C to stop.",
            sandbox.banner(),
            sandbox.base_url(),
            sandbox.token_id(),
            sandbox.token()
        ))?;
    }
    tokio::signal::ctrl_c()
        .await
        .map_err(|e| Failure::Other(format!("cannot wait for Ctrl-C: {e}")))?;
    drop(sandbox);
    Ok(())
}
