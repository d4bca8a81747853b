//! `sipgateio fax send|status|lines`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use serde::Serialize;
use sipgateio::fax::{Fax, FaxExt as _, FaxStatus, FaxlineId, HistoryEntryId, PollOptions};
use sipgateio::{Client, Error};

use crate::commands::user_or_me;
use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::yes_no;
use crate::parse;

/// `fax` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum FaxCommand {
    /// Send a PDF (JSON: `{sessionId, status}`; `status` is the final one with `--wait`,
    /// else `null`).
    Send {
        /// Recipient fax number, E.164.
        #[arg(long)]
        to: String,
        /// Sending fax line (default: the authenticated user's first one), e.g. `f0`.
        #[arg(long)]
        from: Option<String>,
        /// File name shown in the history (default: `Fax_<date>_<time>`).
        #[arg(long)]
        filename: Option<String>,
        /// The PDF file.
        file: PathBuf,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Show a sent fax's status (JSON: `{sessionId, status}`).
    Status {
        /// The session id `fax send` printed.
        session_id: String,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// List fax lines (JSON: `[{id, alias, tagline, canSend, canReceive}]`).
    Lines {
        /// The web user (default: the authenticated one).
        #[arg(long)]
        user: Option<String>,
    },
}

/// Waiting until a fax is done.
#[derive(Args, Debug)]
pub(crate) struct WaitArgs {
    /// Wait until the fax is sent or failed (a spinner on stderr).
    #[arg(long)]
    wait: bool,
    /// Give up waiting after this long.
    #[arg(long, default_value = "10m", value_parser = parse::duration)]
    wait_timeout: Duration,
    /// First pause between status polls (then doubling up to 30s).
    #[arg(long, default_value = "2s", value_parser = parse::duration)]
    poll_every: Duration,
}

/// The JSON of `fax send` / `fax status`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FaxResult {
    session_id: HistoryEntryId,
    status: Option<String>,
}

/// Runs a `fax` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: FaxCommand) -> Result<(), Failure> {
    match command {
        FaxCommand::Send {
            to,
            from,
            filename,
            file,
            wait,
        } => {
            let content = std::fs::read(&file)
                .map_err(|e| Failure::invalid(format!("cannot read {}: {e}", file.display())))?;
            // Check everything before the first request (the fax line lookup is one).
            let fax = |faxline: FaxlineId| {
                let fax = Fax::new(faxline, to.as_str(), content.clone());
                match &filename {
                    Some(name) => fax.filename(name.as_str()),
                    None => fax,
                }
            };
            let from = from.map(FaxlineId::new);
            fax(from.clone().unwrap_or_else(|| FaxlineId::new("f0")))
                .validate()
                .map_err(|e| with_file(e, &file))?;
            let client = ctx.client()?;
            let from = match from {
                Some(from) => from,
                None => default_faxline(&client).await?,
            };
            let session = client.fax().send(&fax(from)).await?;
            report(ctx, &client, session.session_id, &wait).await
        }
        FaxCommand::Status { session_id, wait } => {
            let client = ctx.client()?;
            let session_id = HistoryEntryId::new(session_id);
            if wait.wait {
                return report(ctx, &client, session_id, &wait).await;
            }
            let status = client.fax().get_status(&session_id).await?;
            show(ctx, session_id, Some(status))
        }
        FaxCommand::Lines { user } => {
            let client = ctx.client()?;
            let user = user_or_me(&client, user).await?;
            let lines = client.fax().list_faxlines_of(&user).await?;
            ctx.out.list(
                &lines,
                &["id", "alias", "tagline", "can send", "can receive"],
                |l| {
                    vec![
                        l.id.to_string(),
                        l.alias.clone(),
                        l.tagline.clone(),
                        yes_no(l.can_send),
                        yes_no(l.can_receive),
                    ]
                },
            )
        }
    }
}

fn with_file(error: Error, file: &std::path::Path) -> Failure {
    match error {
        ref input if input.invalid_field() == Some("content") => {
            Failure::invalid(format!("{}: {error}", file.display()))
        }
        other => other.into(),
    }
}

async fn default_faxline(client: &Client) -> Result<FaxlineId, Failure> {
    let lines = client.fax().list_faxlines().await?;
    lines
        .into_iter()
        .find(|l| l.can_send)
        .map(|l| l.id)
        .ok_or_else(|| {
            Failure::Api("the authenticated user has no fax line that can send; pass --from".into())
        })
}

async fn report(
    ctx: &Ctx,
    client: &Client,
    session_id: HistoryEntryId,
    wait: &WaitArgs,
) -> Result<(), Failure> {
    let status = if wait.wait {
        Some(wait_until_done(ctx, client, &session_id, wait).await?)
    } else {
        None
    };
    show(ctx, session_id, status)
}

fn show(ctx: &Ctx, session_id: HistoryEntryId, status: Option<FaxStatus>) -> Result<(), Failure> {
    let result = FaxResult {
        session_id,
        status: status.as_ref().map(|s| s.as_str().to_owned()),
    };
    ctx.out.show(&result, || match &result.status {
        Some(status) => format!("fax {}: {status}", result.session_id),
        None => format!("fax accepted, session id {}", result.session_id),
    })?;
    if status == Some(FaxStatus::Failed) {
        return Err(Failure::Api(format!(
            "fax {} failed to send",
            result.session_id
        )));
    }
    Ok(())
}

/// Polls the status with backoff, showing it in a spinner, until the fax is done.
async fn wait_until_done(
    ctx: &Ctx,
    client: &Client,
    session_id: &HistoryEntryId,
    wait: &WaitArgs,
) -> Result<FaxStatus, Failure> {
    let bar = ctx
        .out
        .progress(None, &format!("fax {session_id}: waiting"));
    let options = PollOptions::default()
        .initial_interval(wait.poll_every)
        .max_interval(wait.poll_every.max(Duration::from_secs(30)));
    let deadline = Instant::now() + wait.wait_timeout;
    let mut poll = 0;
    loop {
        match client.fax().get_status(session_id).await {
            Ok(status) if status.is_final() => {
                bar.finish_and_clear();
                return Ok(status);
            }
            Ok(status) => bar.set_message(format!("fax {session_id}: {status}")),
            Err(Error::NotFound(_)) => bar.set_message(format!("fax {session_id}: not yet known")),
            Err(error) if error.is_transient() => {
                bar.set_message(format!("fax {session_id}: {error}"));
            }
            Err(error) => {
                bar.finish_and_clear();
                return Err(error.into());
            }
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            bar.finish_and_clear();
            return Err(Failure::Network(format!(
                "fax {session_id} not done after {}s (--wait-timeout)",
                wait.wait_timeout.as_secs()
            )));
        }
        tokio::time::sleep(options.interval(poll).min(left)).await;
        poll += 1;
    }
}
