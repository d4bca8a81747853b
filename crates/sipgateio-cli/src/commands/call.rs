//! `sipgateio call start`.

use clap::Subcommand;
use serde::Serialize;
use sipgateio::call::{CallExt as _, DeviceId, NewCall};

use crate::context::Ctx;
use crate::exit::Failure;

/// `call` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum CallCommand {
    /// Ring `--from` (a device or number), then connect it to `--to`
    /// (JSON: `{sessionId}`).
    Start {
        /// The calling device (`e0`, `p0`, `x0`, `y0`) or phone number (then `--device` is
        /// required).
        #[arg(long)]
        from: String,
        /// The number to call, E.164.
        #[arg(long)]
        to: String,
        /// The caller id the callee sees, E.164.
        #[arg(long)]
        caller_id: Option<String>,
        /// The device that rings first (required when `--from` is a number).
        #[arg(long)]
        device: Option<String>,
    },
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Started {
    session_id: String,
}

/// Runs a `call` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: CallCommand) -> Result<(), Failure> {
    let CallCommand::Start {
        from,
        to,
        caller_id,
        device,
    } = command;
    let mut call = NewCall::new(from, to);
    if let Some(caller_id) = caller_id {
        call = call.caller_id(caller_id);
    }
    if let Some(device) = device {
        call = call.device_id(DeviceId::new(device));
    }
    call.validate()?;
    let session = ctx.client()?.call().initiate(&call).await?;
    let started = Started {
        session_id: session.session_id.into_string(),
    };
    ctx.out.show(&started, || {
        format!("call started, session id {}", started.session_id)
    })
}
