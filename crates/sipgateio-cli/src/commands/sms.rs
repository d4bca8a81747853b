//! `sipgateio sms send|schedule|extensions|caller-ids`.

use std::time::Duration;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use serde::Serialize;
use sipgateio::Client;
use sipgateio::sms::{ShortMessage, SmsCallerIdId, SmsExt as _, SmsExtensionId, WebuserId};

use crate::commands::user_or_me;
use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{or_dash, yes_no};
use crate::parse;

/// `sms` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum SmsCommand {
    /// Send an SMS now (JSON: `{status: "sent", from, to}`).
    Send(SendArgs),
    /// Schedule an SMS up to 30 days ahead (JSON: `{status: "scheduled", from, to, sendAt}`).
    Schedule {
        #[command(flatten)]
        message: SendArgs,
        /// When to send: RFC 3339 (`2026-12-01T10:00:00Z`) or a date.
        #[arg(long, value_parser = parse::time, required_unless_present = "in_", conflicts_with = "in_")]
        at: Option<DateTime<Utc>>,
        /// When to send, from now: `90s`, `15m`, `2h`, `1d`.
        #[arg(long = "in", id = "in_", value_name = "DURATION", value_parser = parse::duration)]
        in_: Option<Duration>,
    },
    /// List the SMS extensions of a web user (JSON: `[{id, alias, callerId}]`).
    Extensions {
        /// The web user (default: the authenticated one), e.g. `w0`.
        #[arg(long)]
        user: Option<String>,
    },
    /// List or manage the sender caller ids of an SMS extension
    /// (JSON: `[{id, phonenumber, verified, defaultNumber}]`).
    CallerIds(CallerIdsArgs),
}

/// What to send to whom.
#[derive(Args, Debug)]
pub(crate) struct SendArgs {
    /// Recipient phone number in E.164 form, e.g. `+4915739777777`.
    #[arg(long)]
    to: String,
    /// Sender: an SMS extension (`s0`) or a verified sender number (`+49…`); default: the
    /// first SMS extension of the authenticated user.
    #[arg(long)]
    from: Option<String>,
    /// The text (`-`: read it from stdin).
    message: String,
}

/// `sms caller-ids`: the extension and an optional action (default: list).
#[derive(Args, Debug)]
pub(crate) struct CallerIdsArgs {
    /// The SMS extension.
    #[arg(long, default_value = "s0", global = true)]
    sms_id: String,
    /// The web user (default: the authenticated one).
    #[arg(long, global = true)]
    user: Option<String>,
    /// What to do (default: list).
    #[command(subcommand)]
    action: Option<CallerIdAction>,
}

/// Caller-id actions.
#[derive(Subcommand, Debug)]
pub(crate) enum CallerIdAction {
    /// List the caller ids (the default).
    List,
    /// Register a phone number as sender; sipgate sends it a verification code.
    Add {
        /// The number, E.164.
        number: String,
    },
    /// Verify a registered number with the code sipgate sent to it.
    Verify {
        /// The caller id (from `list`).
        id: i64,
        /// The verification code.
        code: String,
    },
    /// Make a verified number the default sender.
    SetDefault {
        /// The caller id (from `list`).
        id: i64,
    },
    /// Remove a caller id.
    Delete {
        /// The caller id (from `list`).
        id: i64,
    },
}

/// The JSON of `sms send` / `sms schedule`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SmsResult<'a> {
    status: &'static str,
    from: &'a str,
    to: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    send_at: Option<DateTime<Utc>>,
}

/// The JSON of caller-id changes.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CallerIdChange<'a> {
    sms_id: &'a str,
    action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phonenumber: Option<&'a str>,
}

/// The SDK's input names → the flags of `sms send|schedule`.
const SEND_FLAGS: &[(&str, &str)] = &[
    ("to", "--to"),
    ("recipient", "--to"),
    ("message", "MESSAGE"),
    ("sms_id", "--from"),
    ("from", "--from"),
];

/// The SDK's input names → the flags of `sms caller-ids …`.
const CALLER_ID_FLAGS: &[(&str, &str)] = &[
    ("sms_id", "--sms-id"),
    ("phone_number", "NUMBER"),
    ("verification_code", "CODE"),
];

/// Runs an `sms` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: SmsCommand) -> Result<(), Failure> {
    match command {
        SmsCommand::Send(args) => send(ctx, args, None).await.map_err(|f| f.flags(SEND_FLAGS)),
        SmsCommand::Schedule { message, at, in_ } => {
            // The time came from the flag the user typed.
            let when = if at.is_some() { "--at" } else { "--in" };
            let now = Utc::now();
            let at = match (at, in_) {
                (Some(at), _) => at,
                (None, Some(delay)) => parse::after(now, delay)
                    .ok_or_else(|| Failure::invalid("--in is too far in the future"))?,
                (None, None) => return Err(Failure::Usage("give --at or --in".into())),
            };
            send(ctx, message, Some(at))
                .await
                .map_err(|f| f.flags(SEND_FLAGS).flags(&[("send_at", when)]))
        }
        SmsCommand::Extensions { user } => {
            let client = ctx.client()?;
            let extensions = match user {
                Some(user) => {
                    client
                        .sms()
                        .list_extensions_of(&WebuserId::new(user))
                        .await?
                }
                None => client.sms().list_extensions().await?,
            };
            ctx.out
                .list(&extensions, &["id", "alias", "caller id"], |e| {
                    vec![
                        e.id.to_string(),
                        e.alias.clone(),
                        or_dash(Some(&e.caller_id)),
                    ]
                })
        }
        SmsCommand::CallerIds(args) => caller_ids(ctx, args)
            .await
            .map_err(|f| f.flags(CALLER_ID_FLAGS)),
    }
}

async fn send(ctx: &Ctx, mut args: SendArgs, at: Option<DateTime<Utc>>) -> Result<(), Failure> {
    if args.message == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| Failure::invalid(format!("cannot read the message from stdin: {e}")))?;
        args.message = text.trim_end_matches(['\r', '\n']).to_owned();
    }
    // Check the message before any request (the sender lookup is one).
    let message = |from: &str| {
        if from.starts_with('+') || from.starts_with(|c: char| c.is_ascii_digit()) {
            ShortMessage::from_number(from, &args.to, &args.message)
        } else {
            ShortMessage::via_extension(SmsExtensionId::new(from), &args.to, &args.message)
        }
    };
    message(args.from.as_deref().unwrap_or("s0")).validate()?;
    // The API takes whole seconds.
    let at = match at {
        Some(at) => {
            let seconds = sipgateio::sms::send_at_seconds(at, Utc::now())?;
            DateTime::from_timestamp(seconds, 0)
        }
        None => None,
    };
    let client = ctx.client()?;
    let from = match args.from {
        Some(from) => from,
        None => default_extension(&client).await?,
    };
    let sms = message(&from);
    match at {
        None => client.sms().send(&sms).await?,
        Some(at) => client.sms().schedule(&sms, at).await?,
    }
    let result = SmsResult {
        status: if at.is_some() { "scheduled" } else { "sent" },
        from: &from,
        to: &args.to,
        send_at: at,
    };
    ctx.out.show(&result, || match at {
        None => format!("SMS sent from {from} to {}", args.to),
        Some(at) => format!(
            "SMS from {from} to {} scheduled for {}",
            args.to,
            at.format("%Y-%m-%d %H:%M:%S UTC")
        ),
    })
}

async fn default_extension(client: &Client) -> Result<String, Failure> {
    let extensions = client.sms().list_extensions().await?;
    extensions
        .into_iter()
        .next()
        .map(|e| e.id.into_string())
        .ok_or_else(|| {
            Failure::Api("the authenticated user has no SMS extension; pass --from".into())
        })
}

async fn caller_ids(ctx: &Ctx, args: CallerIdsArgs) -> Result<(), Failure> {
    let client = ctx.client()?;
    let user = user_or_me(&client, args.user).await?;
    let sms = client.sms();
    let sms_id = args.sms_id.as_str();
    let extension = SmsExtensionId::new(sms_id);
    let change = |action, id, phonenumber| CallerIdChange {
        sms_id,
        action,
        id,
        phonenumber,
    };
    let (done, text) = match args.action.unwrap_or(CallerIdAction::List) {
        CallerIdAction::List => {
            let ids = sms.list_caller_ids_of(&user, &extension).await?;
            return ctx
                .out
                .list(&ids, &["id", "number", "verified", "default"], |c| {
                    vec![
                        c.id.to_string(),
                        c.phonenumber.clone(),
                        yes_no(c.verified),
                        yes_no(c.default_number),
                    ]
                });
        }
        CallerIdAction::Add { number } => {
            sms.create_caller_id_of(&user, &extension, &number).await?;
            let text = format!("{number} added to {sms_id}; verify it with the code sipgate sent");
            return ctx.out.show(&change("added", None, Some(&number)), || text);
        }
        CallerIdAction::Verify { id, code } => {
            sms.verify_caller_id_of(&user, &extension, &SmsCallerIdId::new(id), &code)
                .await?;
            (
                change("verified", Some(id), None),
                format!("caller id {id} verified"),
            )
        }
        CallerIdAction::SetDefault { id } => {
            sms.set_default_caller_id_of(&user, &extension, &SmsCallerIdId::new(id))
                .await?;
            (
                change("defaultSet", Some(id), None),
                format!("caller id {id} is now the default sender of {sms_id}"),
            )
        }
        CallerIdAction::Delete { id } => {
            sms.delete_caller_id_of(&user, &extension, &SmsCallerIdId::new(id))
                .await?;
            (
                change("deleted", Some(id), None),
                format!("caller id {id} deleted"),
            )
        }
    };
    ctx.out.show(&done, || text)
}
