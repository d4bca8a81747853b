//! `sipgateio devices list`.

use clap::Subcommand;
use sipgateio::devices::{DevicesExt as _, WebuserId};

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{or_dash, wire, yes_no};

/// `devices` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum DevicesCommand {
    /// List a web user's devices (JSON: the API's device objects).
    List {
        /// The web user (default: the authenticated one), e.g. `w0`.
        #[arg(long)]
        user: Option<String>,
    },
}

/// Runs a `devices` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: DevicesCommand) -> Result<(), Failure> {
    let client = ctx.client()?;
    let DevicesCommand::List { user } = command;
    let devices = match user {
        Some(user) => client.devices().list_of(&WebuserId::new(user)).await?,
        None => client.devices().list().await?,
    };
    ctx.out.list(
        &devices,
        &["id", "alias", "type", "online", "dnd", "phonelines"],
        |d| {
            vec![
                d.id.to_string(),
                d.alias.clone(),
                wire(&d.device_type),
                yes_no(d.online),
                yes_no(d.dnd),
                or_dash(Some(
                    &d.active_phonelines
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )),
            ]
        },
    )
}
