//! `sipgateio calls list|mute|hold|record|announce|dtmf|transfer|hangup` (real-time call
//! manipulation).

use clap::Subcommand;
use serde::Serialize;
use sipgateio::rtcm::RtcmExt as _;

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::yes_no;

/// `calls` subcommands.
#[derive(Subcommand, Debug)]
pub enum CallsCommand {
    /// List established calls (JSON: the API's call objects with `participants`).
    List,
    /// Mute a call (`--off` to unmute).
    Mute {
        /// The call id.
        call_id: String,
        /// Unmute instead.
        #[arg(long)]
        off: bool,
    },
    /// Put a call on hold (`--off` to resume).
    Hold {
        /// The call id.
        call_id: String,
        /// Resume instead.
        #[arg(long)]
        off: bool,
    },
    /// Record a call (`--off` to stop).
    Record {
        /// The call id.
        call_id: String,
        /// Stop recording instead.
        #[arg(long)]
        off: bool,
        /// Play an announcement that the call is recorded.
        #[arg(long)]
        announcement: bool,
    },
    /// Play an audio file (WAV URL) into a call.
    Announce {
        /// The call id.
        call_id: String,
        /// The audio URL.
        url: String,
    },
    /// Send DTMF tones (`0-9`, `*`, `#`, `A-D`).
    Dtmf {
        /// The call id.
        call_id: String,
        /// The tones.
        sequence: String,
    },
    /// Transfer a call to another number.
    Transfer {
        /// The call id.
        call_id: String,
        /// The target number, E.164.
        number: String,
        /// Attended transfer (talk to the target first).
        #[arg(long)]
        attended: bool,
    },
    /// Hang up a call.
    Hangup {
        /// The call id.
        call_id: String,
    },
}

/// The JSON of every call action: `{callId, action, value}`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Done {
    call_id: String,
    action: &'static str,
    value: serde_json::Value,
}

/// Runs a `calls` subcommand.
pub async fn run(ctx: &Ctx, command: CallsCommand) -> Result<(), Failure> {
    let rtcm = ctx.client()?.rtcm();
    let (call_id, action, value) = match command {
        CallsCommand::List => {
            let calls = rtcm.calls().await?;
            return ctx.out.list(
                &calls,
                &["call id", "participants", "muted", "hold", "recording"],
                |c| {
                    vec![
                        c.call_id.clone(),
                        c.participants
                            .iter()
                            .map(|p| p.phone_number.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                        yes_no(c.muted),
                        yes_no(c.hold),
                        yes_no(c.recording),
                    ]
                },
            );
        }
        CallsCommand::Mute { call_id, off } => {
            rtcm.mute(&call_id, !off).await?;
            (call_id, "mute", (!off).into())
        }
        CallsCommand::Hold { call_id, off } => {
            rtcm.hold(&call_id, !off).await?;
            (call_id, "hold", (!off).into())
        }
        CallsCommand::Record {
            call_id,
            off,
            announcement,
        } => {
            rtcm.record(&call_id, !off, announcement).await?;
            (call_id, "record", (!off).into())
        }
        CallsCommand::Announce { call_id, url } => {
            rtcm.announce(&call_id, &url).await?;
            (call_id, "announce", url.into())
        }
        CallsCommand::Dtmf { call_id, sequence } => {
            rtcm.send_dtmf(&call_id, &sequence).await?;
            (call_id, "dtmf", sequence.into())
        }
        CallsCommand::Transfer {
            call_id,
            number,
            attended,
        } => {
            rtcm.transfer(&call_id, &number, attended).await?;
            (call_id, "transfer", number.into())
        }
        CallsCommand::Hangup { call_id } => {
            rtcm.hang_up(&call_id).await?;
            (call_id, "hangup", serde_json::Value::Null)
        }
    };
    let done = Done {
        call_id,
        action,
        value,
    };
    ctx.out.show(&done, || {
        let value = match &done.value {
            serde_json::Value::Bool(true) => " on".to_owned(),
            serde_json::Value::Bool(false) => " off".to_owned(),
            serde_json::Value::String(s) => format!(" {s}"),
            _ => String::new(),
        };
        format!("call {}: {}{value}", done.call_id, done.action)
    })
}
