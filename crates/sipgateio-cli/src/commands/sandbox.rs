//! `sandbox` (stub).

use clap::Args;

use crate::context::Ctx;
use crate::exit::Failure;

/// Subcommands.
#[derive(Args, Debug)]
pub struct SandboxArgs {}

/// Runs it.
pub async fn run(_ctx: &Ctx, _command: SandboxArgs) -> Result<(), Failure> {
    Err(Failure::Other("not yet implemented".into()))
}
