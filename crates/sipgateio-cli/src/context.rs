//! Global options: credentials, base URL, the embedded sandbox, output mode.

use std::time::Duration;

use clap::Args;
use sipgateio::sandbox::Sandbox;
use sipgateio::sandbox::discovery::{self, RunningSandbox, Source};
use sipgateio::{Client, Secret};

use crate::exit::Failure;
use crate::output::Output;

/// Options every command accepts.
///
/// `Debug` shows the tokens as `***`.
#[derive(Args, Debug, Clone, Default)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Personal access token id (`token-XXXXXX`).
    #[arg(long, env = "SIPGATE_TOKEN_ID", global = true, hide_env_values = true)]
    pub token_id: Option<String>,

    /// Personal access token (a UUID). Never printed.
    #[arg(long, env = "SIPGATE_TOKEN", global = true, hide_env_values = true, value_parser = secret)]
    pub token: Option<Secret>,

    /// OAuth access token (instead of a personal access token; wins when both are given).
    /// Never printed.
    #[arg(
        long,
        env = "SIPGATE_OAUTH_TOKEN",
        global = true,
        hide_env_values = true,
        value_parser = secret
    )]
    pub oauth_token: Option<Secret>,

    /// API base URL [default: `https://api.sipgate.com/v2`].
    #[arg(
        long,
        env = "SIPGATE_BASE_URL",
        global = true,
        value_name = "URL",
        hide_env_values = true
    )]
    pub base_url: Option<String>,

    /// Run against the sandbox instead of sipgate (no credentials needed): the running one
    /// (`sipgateio sandbox` or `sipgateio-sandbox` registers itself; SIPGATEIO_SANDBOX_URL with
    /// SIPGATEIO_SANDBOX_TOKEN_ID/SIPGATEIO_SANDBOX_TOKEN names one), else an ephemeral one
    /// whose state lasts this one command. Which one is said on stderr.
    #[arg(long, global = true)]
    pub sandbox: bool,

    /// Machine-readable JSON on stdout (no tables, no progress bars).
    #[arg(long, global = true)]
    pub json: bool,

    /// Log requests (method, path, status, timing) to stderr; credentials are never logged.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Timeout of each HTTP request, e.g. `30s`.
    #[arg(long, global = true, value_name = "DURATION", value_parser = crate::parse::duration)]
    pub timeout: Option<Duration>,
}

/// The sandbox a `--sandbox` command runs against.
pub enum SandboxUse {
    /// One that another process runs (registered, or named by the environment): state lasts.
    Running(RunningSandbox),
    /// One started for this command only.
    Ephemeral(Sandbox),
}

/// What a running command has: the output mode, the client (built on demand) and the sandbox
/// when `--sandbox` was given.
pub struct Ctx {
    /// The global options.
    pub args: GlobalArgs,
    /// How to print.
    pub out: Output,
    sandbox: Option<SandboxUse>,
}

impl Ctx {
    /// Finds (or starts) the sandbox if `--sandbox` was given and the command talks to the API.
    pub async fn new(args: GlobalArgs, talks_to_the_api: bool) -> Result<Self, Failure> {
        let sandbox = if args.sandbox && talks_to_the_api {
            Some(use_sandbox().await?)
        } else {
            None
        };
        Ok(Self {
            out: Output::new(args.json),
            args,
            sandbox,
        })
    }

    /// The sandbox started for this command, if `--sandbox` found none running.
    pub fn ephemeral_sandbox(&self) -> Option<&Sandbox> {
        match &self.sandbox {
            Some(SandboxUse::Ephemeral(sandbox)) => Some(sandbox),
            _ => None,
        }
    }

    /// The running sandbox `--sandbox` found, if any.
    pub fn running_sandbox(&self) -> Option<&RunningSandbox> {
        match &self.sandbox {
            Some(SandboxUse::Running(running)) => Some(running),
            _ => None,
        }
    }

    /// A client for the API: the embedded sandbox, or the credentials and base URL given.
    pub fn client(&self) -> Result<Client, Failure> {
        self.client_at(None)
    }

    /// Like [`client`](Self::client) with another base URL (the sandbox's simulator lives
    /// outside `/v2`).
    pub fn client_at(&self, base_url: Option<&str>) -> Result<Client, Failure> {
        let mut builder = Client::builder();
        if let Some(sandbox) = &self.sandbox {
            let (token_id, token, sandbox_url) = match sandbox {
                SandboxUse::Ephemeral(sandbox) => {
                    (sandbox.token_id(), sandbox.token(), sandbox.base_url())
                }
                SandboxUse::Running(running) => (
                    running.token_id(),
                    running.token(),
                    running.base_url().to_owned(),
                ),
            };
            builder = builder
                .personal_access_token(token_id, token.to_owned())
                .base_url(base_url.map_or(sandbox_url, str::to_owned));
        } else {
            // An empty variable (`SIPGATE_TOKEN=`) counts as not set.
            let given = |value: &Option<Secret>| value.clone().filter(|v| !v.is_empty());
            let credentials = (
                given(&self.args.oauth_token),
                self.args.token_id.clone().filter(|v| !v.is_empty()),
                given(&self.args.token),
            );
            builder = match credentials {
                (Some(oauth), _, _) => builder.oauth_token(oauth),
                (None, Some(id), Some(token)) => builder.personal_access_token(id, token),
                (None, Some(_), None) => {
                    return Err(Failure::Usage(
                        "--token-id needs --token (or SIPGATE_TOKEN)".into(),
                    ));
                }
                (None, None, Some(_)) => {
                    return Err(Failure::Usage(
                        "--token needs --token-id (or SIPGATE_TOKEN_ID)".into(),
                    ));
                }
                (None, None, None) => return Err(Failure::Usage(NO_CREDENTIALS.into())),
            };
            let configured = self.args.base_url.as_deref().filter(|u| !u.is_empty());
            if let Some(url) = base_url.or(configured) {
                builder = builder.base_url(url);
            }
        }
        if let Some(timeout) = self.args.timeout {
            builder = builder.request_timeout(timeout);
        }
        Ok(builder.build()?)
    }
}

/// The running sandbox if one is registered and listening (or named by the environment),
/// else an ephemeral one; says which on stderr.
async fn use_sandbox() -> Result<SandboxUse, Failure> {
    let found = discovery::find_running().map_err(|e| Failure::Usage(e.to_string()))?;
    if let Some(running) = found {
        let listening = match running.source() {
            // Named explicitly: used as it is (a wrong URL is a network error, exit 4).
            Source::Environment => true,
            _ => running.is_listening().await,
        };
        if listening {
            note(&format!(
                "using the running sandbox at {} ({})",
                running.base_url(),
                running.source()
            ));
            return Ok(SandboxUse::Running(running));
        }
        note(&format!(
            "ignoring the stale registration of a sandbox at {} ({}: nothing listens there)",
            running.base_url(),
            running.source()
        ));
    }
    let sandbox = Sandbox::start()
        .await
        .map_err(|e| Failure::Other(format!("cannot start the embedded sandbox: {e}")))?;
    tracing::debug!(base_url = %sandbox.base_url(), "ephemeral sandbox started");
    note(
        "no sandbox is running: using an ephemeral one whose state ends with this command \
         (`sipgateio sandbox` in another terminal keeps one running)",
    );
    Ok(SandboxUse::Ephemeral(sandbox))
}

/// One line on stderr about which sandbox a command uses.
fn note(text: &str) {
    eprintln!("sandbox: {text}");
}

/// Keeps a token in a [`Secret`], whose `Debug` prints `***`.
fn secret(value: &str) -> Result<Secret, std::convert::Infallible> {
    Ok(Secret::from(value))
}

const NO_CREDENTIALS: &str = "no credentials: pass --token-id and --token (or set SIPGATE_TOKEN_ID and SIPGATE_TOKEN), --oauth-token (SIPGATE_OAUTH_TOKEN), or use --sandbox";

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Test {
        #[command(flatten)]
        global: GlobalArgs,
    }

    #[test]
    fn tokens_never_show_in_debug_output() {
        let secret = "195d5a7c-559f-444d-9a61-06adaf70ff27";
        let parsed = Test::try_parse_from(["t", "--token", secret, "--oauth-token", secret])
            .expect("parses");
        let debug = format!("{:?}", parsed.global);
        assert!(!debug.contains(secret), "{debug}");
        assert_eq!(
            parsed.global.token.as_ref().map(Secret::expose),
            Some(secret)
        );
    }
}
