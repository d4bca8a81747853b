//! `history` (stub).

use clap::Subcommand;

use crate::context::Ctx;
use crate::exit::Failure;

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum HistoryCommand {
    /// Placeholder.
    Todo,
}

/// Runs it.
pub async fn run(_ctx: &Ctx, _command: HistoryCommand) -> Result<(), Failure> {
    Err(Failure::Other("not yet implemented".into()))
}
