//! `simulate` (stub).

use clap::Subcommand;

use crate::context::Ctx;
use crate::exit::Failure;

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum SimulateCommand {
    /// Placeholder.
    Todo,
}

/// Runs it.
pub async fn run(_ctx: &Ctx, _command: SimulateCommand) -> Result<(), Failure> {
    Err(Failure::Other("not yet implemented".into()))
}
