//! `sipgateio numbers list|route|quick-dial …`.

use clap::Subcommand;
use futures_util::TryStreamExt as _;
use serde::Serialize;
use sipgateio::Pagination;
use sipgateio::numbers::{ExtensionId, NumberId, NumberSettings, NumbersExt as _};

use crate::commands::user_or_me;
use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{or_dash, wire};

/// `numbers` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum NumbersCommand {
    /// List the account's phone numbers, or one web user's with `--user` (JSON: the API's
    /// number objects).
    List {
        /// Skip this many numbers.
        #[arg(long, conflicts_with = "user")]
        offset: Option<u32>,
        /// Return at most this many numbers (default: all, fetched page by page).
        #[arg(long, conflicts_with = "user")]
        limit: Option<u32>,
        /// Only the numbers of this web user (`me` for the authenticated one).
        #[arg(long)]
        user: Option<String>,
    },
    /// Route a number to an extension: its calls then ring EXTENSION, e.g. a phoneline `p0`,
    /// a group `g1`, a fax line `f0` or a voicemail `v0` (JSON: `{id, endpointId}`).
    Route {
        /// The number's id (`numbers list` shows it), not the number itself.
        number_id: String,
        /// The extension to route to.
        extension: String,
    },
    /// Quick dials: short internal numbers (`10`) that ring a web user.
    #[command(subcommand)]
    QuickDial(QuickDialCommand),
}

/// `numbers quick-dial` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum QuickDialCommand {
    /// Add a quick dial (JSON: `{number, userId}`).
    Add {
        /// The quick dial number, digits only.
        number: String,
        /// The web user it rings (default: the authenticated one).
        #[arg(long)]
        user: Option<String>,
    },
    /// Change a quick dial's number, and the web user it rings (JSON: `{id, number, userId}`).
    Change {
        /// The quick dial's id (`numbers list` shows it).
        id: String,
        /// The new quick dial number, digits only.
        number: String,
        /// The web user it rings (default: the authenticated one).
        #[arg(long)]
        user: Option<String>,
    },
    /// Delete a quick dial (JSON: `{deleted: id}`).
    Delete {
        /// The quick dial's id.
        id: String,
    },
    /// Check that a quick dial number is free (JSON: `{number, free: true}`; a taken number
    /// is an error).
    Check {
        /// The quick dial number, digits only.
        number: String,
    },
}

/// The SDK's input names → the arguments of `numbers …`.
const FLAGS: &[(&str, &str)] = &[
    ("endpoint_id", "EXTENSION"),
    ("number_id", "NUMBER_ID"),
    ("quick_dial_number", "NUMBER"),
    ("quick_dial_id", "ID"),
    ("webuser_id", "--user"),
    ("limit", "--limit"),
    ("offset", "--offset"),
];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Routed {
    id: NumberId,
    endpoint_id: ExtensionId,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QuickDial {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<NumberId>,
    number: String,
    user_id: sipgateio::WebuserId,
}

#[derive(Serialize)]
struct Deleted {
    deleted: NumberId,
}

#[derive(Serialize)]
struct Free {
    number: String,
    free: bool,
}

/// Runs a `numbers` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: NumbersCommand) -> Result<(), Failure> {
    run_inner(ctx, command)
        .await
        .map_err(|failure| failure.flags(FLAGS))
}

async fn run_inner(ctx: &Ctx, command: NumbersCommand) -> Result<(), Failure> {
    match command {
        NumbersCommand::List {
            offset,
            limit,
            user,
        } => list(ctx, offset, limit, user).await,
        NumbersCommand::Route {
            number_id,
            extension,
        } => {
            let settings = NumberSettings::new(ExtensionId::new(extension));
            settings.validate()?;
            let id = NumberId::new(number_id);
            ctx.client()?.numbers().update(&id, &settings).await?;
            let routed = Routed {
                id,
                endpoint_id: settings.endpoint_id().clone(),
            };
            ctx.out.show(&routed, || {
                format!("number {} now rings {}", routed.id, routed.endpoint_id)
            })
        }
        NumbersCommand::QuickDial(command) => quick_dial(ctx, command).await,
    }
}

async fn list(
    ctx: &Ctx,
    offset: Option<u32>,
    limit: Option<u32>,
    user: Option<String>,
) -> Result<(), Failure> {
    let client = ctx.client()?;
    let numbers = match (user, offset, limit) {
        (Some(user), _, _) => {
            let user = user_or_me(&client, (user != "me").then_some(user)).await?;
            client.numbers().list_user_numbers_of(&user).await?
        }
        (None, None, None) => client.numbers().stream(100).try_collect::<Vec<_>>().await?,
        (None, offset, limit) => {
            let pagination = Pagination::new(offset.unwrap_or(0), limit.unwrap_or(100));
            client.numbers().list(pagination).await?.items
        }
    };
    ctx.out.list(
        &numbers,
        &["id", "number", "type", "endpoint", "alias"],
        |n| {
            vec![
                n.id.to_string(),
                n.number.clone(),
                wire(&n.number_type),
                or_dash(n.endpoint_id.as_ref().map(ExtensionId::as_str)),
                or_dash(n.endpoint_alias.as_deref()),
            ]
        },
    )
}

/// Digits only: checked before the user lookup's request (the SDK checks again).
fn check_digits(number: &str) -> Result<(), Failure> {
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Failure::invalid(format!(
            "invalid NUMBER: a quick dial is digits only (e.g. 10), got {number:?}"
        )));
    }
    Ok(())
}

async fn quick_dial(ctx: &Ctx, command: QuickDialCommand) -> Result<(), Failure> {
    let client = ctx.client()?;
    let numbers = client.numbers();
    match command {
        QuickDialCommand::Add { number, user } => {
            check_digits(&number)?;
            let user = user_or_me(&client, user).await?;
            numbers.create_quick_dial_of(&user, &number).await?;
            let added = QuickDial {
                id: None,
                number,
                user_id: user,
            };
            ctx.out.show(&added, || {
                format!("quick dial {} rings {}", added.number, added.user_id)
            })
        }
        QuickDialCommand::Change { id, number, user } => {
            check_digits(&number)?;
            let id = NumberId::new(id);
            let user = user_or_me(&client, user).await?;
            numbers.update_quick_dial_of(&user, &id, &number).await?;
            let changed = QuickDial {
                id: Some(id),
                number,
                user_id: user,
            };
            ctx.out.show(&changed, || {
                format!("quick dial {} rings {}", changed.number, changed.user_id)
            })
        }
        QuickDialCommand::Delete { id } => {
            let id = NumberId::new(id);
            numbers.delete_quick_dial(&id).await?;
            let deleted = Deleted { deleted: id };
            ctx.out.show(&deleted, || {
                format!("quick dial {} deleted", deleted.deleted)
            })
        }
        QuickDialCommand::Check { number } => {
            numbers.check_quick_dial(&number).await?;
            let free = Free { number, free: true };
            ctx.out
                .show(&free, || format!("quick dial {} is free", free.number))
        }
    }
}
