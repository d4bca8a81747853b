//! `sipgateio fax send|resend|status|lines …`.

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
    /// Send an earlier fax again (JSON: `{sessionId, status}`; `sessionId` is the new
    /// fax's when the server names one, else the one given).
    Resend {
        /// The session id `fax send` printed.
        session_id: String,
        /// Send from this fax line instead of the original one, e.g. `f1`.
        #[arg(long)]
        from: Option<String>,
    },
    /// List fax lines (JSON: `[{id, alias, tagline, canSend, canReceive}]`), or administer
    /// them with a subcommand.
    #[command(args_conflicts_with_subcommands = true)]
    Lines {
        /// The web user (default: the authenticated one).
        #[arg(long, global = true)]
        user: Option<String>,
        /// What to do with the fax lines (default: list them).
        #[command(subcommand)]
        action: Option<LinesCommand>,
    },
}

/// `fax lines` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum LinesCommand {
    /// List fax lines (the default; JSON: `[{id, alias, tagline, canSend, canReceive}]`).
    List,
    /// Create a fax line (JSON: the new line `{id, alias, tagline, canSend, canReceive}`).
    Create,
    /// Delete a fax line (JSON: `{deleted: id}`).
    Delete {
        /// The fax line, e.g. `f1`.
        faxline_id: String,
    },
    /// Rename a fax line (JSON: `{id, alias}`).
    Rename {
        /// The fax line, e.g. `f1`.
        faxline_id: String,
        /// The new name.
        alias: String,
    },
    /// Set the header line printed on the faxes a line sends (JSON: `{id, tagline}`).
    Tagline {
        /// The fax line, e.g. `f1`.
        faxline_id: String,
        /// The header line.
        tagline: String,
    },
    /// Show a fax line's caller id, or set it to NUMBER (JSON: `{id, callerId}`).
    CallerId {
        /// The fax line, e.g. `f1`.
        faxline_id: String,
        /// The number to send as caller id, E.164.
        number: Option<String>,
    },
    /// List the phone numbers routed to a fax line (JSON: `[{number, type}]`).
    Numbers {
        /// The fax line, e.g. `f1`.
        faxline_id: String,
    },
}

/// The SDK's input names → the arguments of `fax lines …` and `fax resend`.
const LINES_FLAGS: &[(&str, &str)] = &[
    ("faxline_id", "FAXLINE_ID"),
    ("webuser_id", "--user"),
    ("alias", "ALIAS"),
    ("tagline", "TAGLINE"),
    ("caller_id", "NUMBER"),
];

/// The JSON of `fax lines delete`.
#[derive(Serialize)]
struct DeletedLine {
    deleted: FaxlineId,
}

/// The JSON of `fax lines rename|tagline|caller-id`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LineSetting {
    id: FaxlineId,
    #[serde(skip_serializing_if = "Option::is_none")]
    alias: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tagline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    caller_id: Option<String>,
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
        FaxCommand::Resend { session_id, from } => {
            let fax_id = HistoryEntryId::new(session_id);
            let from = from.map(FaxlineId::new);
            let client = ctx.client()?;
            let resent = client
                .fax()
                .resend(&fax_id, from.as_ref())
                .await
                .map_err(|e| {
                    Failure::from(e).flags(&[("fax_id", "SESSION_ID"), ("faxline_id", "--from")])
                })?;
            let result = FaxResult {
                session_id: resent.map_or(fax_id, |session| session.session_id),
                status: None,
            };
            ctx.out.show(&result, || {
                format!("fax resent, session id {}", result.session_id)
            })
        }
        FaxCommand::Lines { user, action } => {
            lines(ctx, user, action.unwrap_or(LinesCommand::List))
                .await
                .map_err(|failure| failure.flags(LINES_FLAGS))
        }
    }
}

/// Runs `fax lines [SUBCOMMAND]` for `--user` or the authenticated user.
async fn lines(ctx: &Ctx, user: Option<String>, action: LinesCommand) -> Result<(), Failure> {
    // Each administration call checks its arguments before the user lookup's request.
    let line = |id: &str| FaxlineId::new(id);
    match &action {
        LinesCommand::Rename { faxline_id, alias } => {
            precheck(faxline_id)?;
            check_line_text("alias", alias)?;
        }
        LinesCommand::Tagline {
            faxline_id,
            tagline,
        } => {
            precheck(faxline_id)?;
            check_line_text("tagline", tagline)?;
        }
        LinesCommand::CallerId { faxline_id, number } => {
            precheck(faxline_id)?;
            if let Some(number) = number {
                sipgateio::validate::phone_number("caller_id", number)?;
            }
        }
        LinesCommand::Delete { faxline_id } | LinesCommand::Numbers { faxline_id } => {
            precheck(faxline_id)?;
        }
        LinesCommand::List | LinesCommand::Create => {}
    }
    let client = ctx.client()?;
    let user = user_or_me(&client, user).await?;
    let fax = client.fax();
    match action {
        LinesCommand::List => {
            let lines = fax.list_faxlines_of(&user).await?;
            show_lines(ctx, &lines)
        }
        LinesCommand::Create => {
            let created = fax.create_faxline_of(&user).await?;
            ctx.out.show(&created, || {
                format!("fax line {} created ({})", created.id, created.alias)
            })
        }
        LinesCommand::Delete { faxline_id } => {
            let deleted = line(&faxline_id);
            fax.delete_faxline_of(&user, &deleted).await?;
            let result = DeletedLine { deleted };
            ctx.out
                .show(&result, || format!("fax line {} deleted", result.deleted))
        }
        LinesCommand::Rename { faxline_id, alias } => {
            let id = line(&faxline_id);
            fax.set_faxline_alias_of(&user, &id, &alias).await?;
            let result = LineSetting {
                id,
                alias: Some(alias),
                tagline: None,
                caller_id: None,
            };
            ctx.out.show(&result, || {
                format!(
                    "fax line {} is now {:?}",
                    result.id,
                    result.alias.as_deref().unwrap_or_default()
                )
            })
        }
        LinesCommand::Tagline {
            faxline_id,
            tagline,
        } => {
            let id = line(&faxline_id);
            fax.set_faxline_tagline_of(&user, &id, &tagline).await?;
            let result = LineSetting {
                id,
                alias: None,
                tagline: Some(tagline),
                caller_id: None,
            };
            ctx.out.show(&result, || {
                format!(
                    "fax line {} tagline: {}",
                    result.id,
                    result.tagline.as_deref().unwrap_or_default()
                )
            })
        }
        LinesCommand::CallerId { faxline_id, number } => {
            let id = line(&faxline_id);
            let caller_id = match number {
                Some(number) => {
                    fax.set_faxline_caller_id_of(&user, &id, &number).await?;
                    number
                }
                None => fax.get_faxline_caller_id_of(&user, &id).await?,
            };
            let result = LineSetting {
                id,
                alias: None,
                tagline: None,
                caller_id: Some(caller_id),
            };
            ctx.out.show(&result, || {
                format!(
                    "fax line {} caller id: {}",
                    result.id,
                    result.caller_id.as_deref().unwrap_or_default()
                )
            })
        }
        LinesCommand::Numbers { faxline_id } => {
            let numbers = fax
                .list_faxline_numbers_of(&user, &line(&faxline_id))
                .await?;
            ctx.out.list(&numbers, &["number", "type"], |n| {
                vec![n.number.clone(), n.types.join(", ")]
            })
        }
    }
}

/// A fax line argument must be a fax extension (`f<n>`), checked before any request.
fn precheck(faxline_id: &str) -> Result<(), Failure> {
    sipgateio::validate::extension(
        "faxline_id",
        faxline_id,
        &[sipgateio::validate::ExtensionType::Fax],
    )?;
    Ok(())
}

/// An alias or tagline: one non-blank line (the SDK checks the length too).
fn check_line_text(field: &'static str, value: &str) -> Result<(), Failure> {
    if value.trim().is_empty() || value.chars().any(char::is_control) {
        return Err(Failure::from(sipgateio::Error::invalid_input(
            field,
            "must be one non-blank line",
        )));
    }
    Ok(())
}

fn show_lines(ctx: &Ctx, lines: &[sipgateio::fax::Faxline]) -> Result<(), Failure> {
    ctx.out.list(
        lines,
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
