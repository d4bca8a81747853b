//! `sipgateio calls list|mute|hold|record|announce|dtmf|transfer|hangup` (real-time call
//! manipulation).

use clap::Subcommand;
use serde::Serialize;
use sipgateio::rtcm::{CallId, RecordingAnnouncement, RtcmExt as _, Transfer};

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::yes_no;

/// `calls` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum CallsCommand {
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
        #[arg(long, conflicts_with = "off")]
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
pub(crate) async fn run(ctx: &Ctx, command: CallsCommand) -> Result<(), Failure> {
    let rtcm = ctx.client()?.rtcm();
    let (call_id, action, value) = match command {
        CallsCommand::List => {
            let calls = rtcm.list().await?;
            return ctx.out.list(
                &calls,
                &["call id", "participants", "muted", "hold", "recording"],
                |c| {
                    vec![
                        c.call_id.to_string(),
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
            let id = CallId::new(&call_id);
            if off {
                rtcm.unmute(&id).await?;
            } else {
                rtcm.mute(&id).await?;
            }
            (call_id, "mute", (!off).into())
        }
        CallsCommand::Hold { call_id, off } => {
            let id = CallId::new(&call_id);
            if off {
                rtcm.resume(&id).await?;
            } else {
                rtcm.hold(&id).await?;
            }
            (call_id, "hold", (!off).into())
        }
        CallsCommand::Record {
            call_id,
            off,
            announcement,
        } => {
            let id = CallId::new(&call_id);
            if off {
                rtcm.stop_recording(&id).await?;
            } else if announcement {
                rtcm.start_recording(&id, RecordingAnnouncement::Play)
                    .await?;
            } else {
                rtcm.start_recording(&id, RecordingAnnouncement::Skip)
                    .await?;
            }
            (call_id, "record", (!off).into())
        }
        CallsCommand::Announce { call_id, url } => {
            rtcm.announce(&CallId::new(&call_id), &url).await?;
            (call_id, "announce", url.into())
        }
        CallsCommand::Dtmf { call_id, sequence } => {
            rtcm.send_dtmf(&CallId::new(&call_id), &sequence).await?;
            (call_id, "dtmf", sequence.into())
        }
        CallsCommand::Transfer {
            call_id,
            number,
            attended,
        } => {
            let how = if attended {
                Transfer::Attended
            } else {
                Transfer::Blind
            };
            rtcm.transfer(&CallId::new(&call_id), &number, how).await?;
            (call_id, "transfer", number.into())
        }
        CallsCommand::Hangup { call_id } => {
            rtcm.hang_up(&CallId::new(&call_id)).await?;
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
