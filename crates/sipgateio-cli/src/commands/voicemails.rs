//! `sipgateio voicemails list|get|record-greeting|record-ivr|play`.

use clap::Subcommand;
use sipgateio::voicemails::{
    DeviceId, GreetingRecording, IvrId, IvrRecording, RecordingId, RecordingSession, VoicemailId,
    VoicemailsExt as _,
};

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{fields, or_dash, wire, yes_no};

/// `voicemails` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum VoicemailsCommand {
    /// List the account's voicemail boxes (JSON: the API's voicemail objects).
    List,
    /// Show one voicemail box with its greeting and transcription settings (JSON: the API's
    /// voicemail object).
    Get {
        /// The box, e.g. `v0`.
        voicemail_id: String,
    },
    /// Ring a device to record a new greeting of a box: pick up and speak (JSON:
    /// `{sessionId}`).
    RecordGreeting {
        /// The box, e.g. `v0`.
        voicemail_id: String,
        /// The device that rings, e.g. `e0`.
        #[arg(long)]
        device: String,
        /// Which greeting to record (sipgate's examples: MAIN, a0).
        #[arg(long)]
        endpoint: Option<String>,
    },
    /// Ring a device to record a message of the IVR (JSON: `{sessionId}`).
    RecordIvr {
        /// The IVR, e.g. `h0`.
        ivr_id: String,
        /// The device that rings, e.g. `e0`.
        #[arg(long)]
        device: String,
        /// Which message to record (sipgate's examples: MAIN, a0).
        #[arg(long)]
        endpoint: Option<String>,
    },
    /// Ring a device and play a stored recording there (JSON: `{sessionId}`).
    Play {
        /// The recording's id.
        recording_id: String,
        /// The device that rings, e.g. `e0`.
        #[arg(long)]
        device: String,
    },
}

/// The SDK's input names → the arguments of `voicemails …`.
const FLAGS: &[(&str, &str)] = &[
    ("voicemail_id", "VOICEMAIL_ID"),
    ("device_id", "--device"),
    ("endpoint", "--endpoint"),
    ("ivr_id", "IVR_ID"),
    ("recording_id", "RECORDING_ID"),
];

/// Runs a `voicemails` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: VoicemailsCommand) -> Result<(), Failure> {
    run_inner(ctx, command)
        .await
        .map_err(|failure| failure.flags(FLAGS))
}

async fn run_inner(ctx: &Ctx, command: VoicemailsCommand) -> Result<(), Failure> {
    let client = ctx.client()?;
    match command {
        VoicemailsCommand::List => {
            let voicemails = client.voicemails().list().await?;
            ctx.out
                .list(&voicemails, &["id", "alias", "belongs to", "type"], |v| {
                    vec![
                        v.id.to_string(),
                        v.alias.clone(),
                        v.belongs_to_endpoint.extension.to_string(),
                        wire(&v.belongs_to_endpoint.endpoint_type),
                    ]
                })
        }
        VoicemailsCommand::Get { voicemail_id } => {
            let details = client
                .voicemails()
                .get(&VoicemailId::new(voicemail_id))
                .await?;
            ctx.out.show(&details, || {
                fields(&[
                    ("id", details.id.to_string()),
                    ("alias", details.alias.clone()),
                    (
                        "belongs to",
                        details.belongs_to_endpoint.extension.to_string(),
                    ),
                    ("type", wire(&details.belongs_to_endpoint.endpoint_type)),
                    ("transcription", yes_no(details.transcription)),
                    ("can transcribe", yes_no(details.can_transcribe)),
                    (
                        "greeting",
                        or_dash(details.active_greeting_alias.as_deref()),
                    ),
                    ("access number", or_dash(details.access_number.as_deref())),
                ])
            })
        }
        VoicemailsCommand::RecordGreeting {
            voicemail_id,
            device,
            endpoint,
        } => {
            let mut call =
                GreetingRecording::new(DeviceId::new(device), VoicemailId::new(voicemail_id));
            if let Some(endpoint) = endpoint {
                call = call.endpoint(endpoint);
            }
            let session = client.voicemails().record_greeting(&call).await?;
            show_session(ctx, &session, call.device_id())
        }
        VoicemailsCommand::RecordIvr {
            ivr_id,
            device,
            endpoint,
        } => {
            let mut call = IvrRecording::new(DeviceId::new(device), IvrId::new(ivr_id));
            if let Some(endpoint) = endpoint {
                call = call.endpoint(endpoint);
            }
            let session = client.voicemails().record_ivr_message(&call).await?;
            show_session(ctx, &session, call.device_id())
        }
        VoicemailsCommand::Play {
            recording_id,
            device,
        } => {
            let device = DeviceId::new(device);
            let session = client
                .voicemails()
                .play_recording(&device, &RecordingId::new(recording_id))
                .await?;
            show_session(ctx, &session, &device)
        }
    }
}

fn show_session(ctx: &Ctx, session: &RecordingSession, device: &DeviceId) -> Result<(), Failure> {
    ctx.out.show(session, || {
        format!("pick up {device} (call {})", session.session_id)
    })
}
