//! `sipgateio sandbox`: run the offline sipgate.io look-alike until Ctrl-C.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;
use sipgateio::sandbox::{Sandbox, SandboxConfig};

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::write_stdout;

/// The default port: apart from `webhook listen` (8080) and `examples/webhook.rs` (3000), so
/// the sandbox and a webhook app run side by side.
const DEFAULT_PORT: u16 = 8090;

/// Options of the sandbox.
#[derive(Args, Debug)]
pub(crate) struct SandboxArgs {
    /// Port to listen on (0: a free one).
    #[arg(long, default_value_t = DEFAULT_PORT)]
    port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Keep the account in this file: loaded on start, saved on change and on exit (with the
    /// credentials, so clients keep working across restarts).
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Do not register this sandbox for `sipgateio --sandbox` (the discovery file,
    /// SIPGATEIO_SANDBOX_FILE or sipgateio/sandbox.json in the runtime directory).
    #[arg(long)]
    no_register: bool,
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
    state_file: Option<&'a std::path::Path>,
    registered_in: Option<&'a std::path::Path>,
    oauth: StartedOauth<'a>,
}

/// The sandbox's OAuth client and login endpoints, for `--json`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StartedOauth<'a> {
    client_id: &'a str,
    client_secret: &'a str,
    authorization_url: String,
    token_url: String,
    redirect_uris: &'a [String],
}

/// Runs the sandbox until Ctrl-C (or SIGTERM): then saves the state file and removes the
/// registration.
pub(crate) async fn run(ctx: &Ctx, args: SandboxArgs) -> Result<(), Failure> {
    let mut config = SandboxConfig::default()
        .addr(SocketAddr::new(args.host, args.port))
        .no_credit(args.no_credit)
        .sipgateio_booked(!args.not_booked);
    if let Some(path) = args.state {
        config = config.state_file(path);
    }
    let sandbox = Sandbox::start_with(config)
        .await
        .map_err(|e| Failure::Other(format!("cannot start the sandbox: {e}")))?;
    let registration = if args.no_register {
        None
    } else {
        match sandbox.register() {
            Ok(registration) => Some(registration),
            Err(e) => {
                eprintln!("warning: not registered for `sipgateio --sandbox`: {e}");
                None
            }
        }
    };
    // The sandbox's own generated token is printed on purpose: it is what you point the SDK
    // at, and it is accepted only by this process.
    let shown = if ctx.out.is_json() {
        let started = Started {
            base_url: sandbox.base_url(),
            token_id: sandbox.token_id(),
            token: sandbox.token(),
            public_key_url: sandbox.public_key_url(),
            simulate_url: sandbox.simulate_url(),
            state_file: sandbox.state_file(),
            registered_in: registration.as_ref().map(|r| r.path()),
            oauth: StartedOauth {
                client_id: sandbox.oauth_client().client_id(),
                client_secret: sandbox.oauth_client().client_secret(),
                authorization_url: sandbox.oauth_authorization_url(),
                token_url: sandbox.oauth_token_url(),
                redirect_uris: sandbox.redirect_uris(),
            },
        };
        let line = serde_json::to_string(&started)
            .map_err(|e| Failure::Other(format!("cannot write JSON: {e}")))?;
        crate::output::write_stdout_json(&line)
    } else {
        let mut notes = String::new();
        if let Some(path) = sandbox.state_file() {
            notes.push_str(&format!(
                "\nState: kept in {} (saved on change and on exit).",
                path.display()
            ));
        }
        match &registration {
            Some(registration) => notes.push_str(&format!(
                "\nRegistered in {}: `sipgateio --sandbox …` in another terminal uses this sandbox.",
                registration.path().display()
            )),
            None => notes.push_str(&format!(
                "\nOr use this command: sipgateio --base-url {} --token-id {} --token {} numbers list",
                sandbox.base_url(),
                sandbox.token_id(),
                sandbox.token()
            )),
        }
        write_stdout(&format!(
            "{}\n{notes}\nPress Ctrl-C to stop.",
            sandbox.banner()
        ))
    };
    // A closed stdout (`| head`) does not stop the sandbox.
    match shown {
        Ok(()) | Err(Failure::BrokenPipe) => {}
        Err(other) => return Err(other),
    }
    let stopped = stopped().await;
    drop(registration);
    drop(sandbox);
    stopped.map_err(|e| Failure::Other(format!("cannot wait for Ctrl-C: {e}")))
}

/// Ctrl-C, or on Unix SIGTERM too.
async fn stopped() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            interrupted = tokio::signal::ctrl_c() => interrupted,
            _ = terminate.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
    }
}
