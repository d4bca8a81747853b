//! `sipgateio simulate call`: play sipgate's part in a call against a webhook URL, using the
//! sandbox's call-flow simulator.

use std::time::Duration;

use clap::Subcommand;
use sipgateio::core::transport::Request;
use sipgateio::sandbox::{Action, CallScenario, SimulationError, Transcript};

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{fields, or_dash, table};
use crate::parse;

/// `simulate` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum SimulateCommand {
    /// Post signed newCall/answer/dtmf/hangup webhooks to your app and follow its XML
    /// answers (JSON: the sandbox's transcript `{callId, steps, answeredBy, voicemail, played,
    /// rejected, hangupCause, pushed}`). Runs on the embedded sandbox with `--sandbox`, else
    /// on the `sipgateio sandbox` at `--base-url`. Exits 6 when your app failed a push (not
    /// reachable, a status outside 200-299, an unusable XML answer), after printing the
    /// transcript.
    Call {
        /// The caller, E.164.
        #[arg(long)]
        from: String,
        /// The called number, E.164 (for incoming calls one of the account's, e.g.
        /// +4921100000000).
        #[arg(long)]
        to: String,
        /// The webhook URL (default: the account's incoming/outgoing URL in the sandbox).
        #[arg(long)]
        webhook_url: Option<String>,
        /// An outgoing call instead of an incoming one.
        #[arg(long)]
        outgoing: bool,
        /// DTMF digits the caller types when asked (repeatable: one per Gather).
        #[arg(long)]
        dtmf: Vec<String>,
        /// Nobody answers.
        #[arg(long, conflicts_with_all = ["busy", "answered_by"])]
        no_answer: bool,
        /// The line is busy.
        #[arg(long, conflicts_with = "answered_by")]
        busy: bool,
        /// The number that answers a Dial.
        #[arg(long)]
        answered_by: Option<String>,
        /// How long the answered call lasts.
        #[arg(long, default_value = "0s", value_parser = parse::duration)]
        talk_time: Duration,
        /// The number the call was diverted from.
        #[arg(long)]
        diversion: Option<String>,
    },
}

/// Runs a `simulate` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: SimulateCommand) -> Result<(), Failure> {
    let SimulateCommand::Call {
        from,
        to,
        webhook_url,
        outgoing,
        dtmf,
        no_answer,
        busy,
        answered_by,
        talk_time,
        diversion,
    } = command;
    sipgateio::validate::phone_number("from", &from)?;
    sipgateio::validate::phone_number("to", &to)?;
    if let Some(url) = &webhook_url
        && !(url.starts_with("http://") || url.starts_with("https://"))
    {
        return Err(Failure::invalid(format!(
            "invalid --webhook-url: must be an http(s) URL, got {url:?}"
        )));
    }
    let has_url = webhook_url.is_some();
    let mut scenario = if outgoing {
        CallScenario::outgoing(from, to)
    } else {
        CallScenario::incoming(from, to)
    }
    .digits(dtmf)
    .talk_time(talk_time);
    if let Some(url) = webhook_url {
        scenario = scenario.webhook_url(url);
    }
    if let Some(number) = answered_by {
        scenario = scenario.answered_by(number);
    }
    if let Some(number) = diversion {
        scenario = scenario.diversion(number);
    }
    if no_answer {
        scenario = scenario.not_answered();
    }
    if busy {
        scenario = scenario.busy();
    }
    let bar = ctx.out.progress(None, "simulating the call");
    let simulated = simulate(ctx, scenario).await;
    bar.finish_and_clear();
    let Simulated {
        transcript,
        failure,
    } = simulated.map_err(|f| no_url_hint(f, has_url))?;
    ctx.out.show(&transcript, || human(&transcript))?;
    match failure {
        Some(failure) => Err(failure),
        None => Ok(()),
    }
}

/// A simulated call, and the app's failure if it failed a push (exit 6 after the transcript
/// is printed).
struct Simulated {
    transcript: Transcript,
    failure: Option<Failure>,
}

/// The message the sandbox gives without a webhook URL, in either way of running it.
const NO_WEBHOOK_URL: &str = "no webhook URL";

/// Names the flag when the sandbox had no webhook URL to push to.
fn no_url_hint(failure: Failure, has_url: bool) -> Failure {
    match failure {
        Failure::Invalid(m) | Failure::Api(m) if !has_url && m.contains(NO_WEBHOOK_URL) => {
            Failure::invalid(
                "no webhook URL: pass --webhook-url URL (your app's address), or set the \
                 account's with `sipgateio --sandbox webhook-settings set-incoming URL` \
                 (set-outgoing for --outgoing)",
            )
        }
        other => other,
    }
}

async fn simulate(ctx: &Ctx, scenario: CallScenario) -> Result<Simulated, Failure> {
    if let Some(sandbox) = ctx.ephemeral_sandbox() {
        return match sandbox.simulate_call(scenario).await {
            Ok(transcript) => Ok(Simulated {
                transcript,
                failure: None,
            }),
            Err(error) => {
                let message = error.to_string();
                match error {
                    SimulationError::AppFailed(transcript) => Ok(Simulated {
                        transcript: *transcript,
                        failure: Some(Failure::App(message)),
                    }),
                    _ => Err(Failure::invalid(message)),
                }
            }
        };
    }
    // The simulator lives outside `/v2`, at the sandbox's origin.
    let origin = match (ctx.running_sandbox(), ctx.args.base_url.as_deref()) {
        (Some(running), _) => running.origin().to_owned(),
        (None, Some(base)) => {
            let base = base.trim_end_matches('/');
            base.strip_suffix("/v2").unwrap_or(base).to_owned()
        }
        (None, None) => {
            return Err(Failure::Usage(
                "simulating a call needs a sandbox: add --sandbox, or --base-url (and the token) of a running `sipgateio sandbox`".into(),
            ));
        }
    };
    let client = ctx.client_at(Some(&origin))?;
    let request = Request::post("sandbox/simulate-call").json(&scenario)?;
    match client.send::<Transcript>(request).await {
        Ok(transcript) => Ok(Simulated {
            transcript,
            failure: None,
        }),
        // 502: the app failed a push; the body is the transcript plus sipgate's `errors`.
        Err(error) if error.status() == Some(502) => {
            let body = error
                .api_error()
                .and_then(|api| serde_json::from_str::<serde_json::Value>(api.body()).ok())
                .unwrap_or_default();
            let message = body["errors"][0]["detail"]
                .as_str()
                .map_or_else(|| error.to_string(), str::to_owned);
            let transcript = serde_json::from_value::<Transcript>(body).ok();
            match transcript {
                Some(transcript) => Ok(Simulated {
                    transcript,
                    failure: Some(Failure::App(message)),
                }),
                None => Err(Failure::App(message)),
            }
        }
        Err(error) => Err(error.into()),
    }
}

fn human(transcript: &Transcript) -> String {
    let steps = table(
        &["event", "url", "status", "answer"],
        transcript.steps.iter().map(|step| {
            vec![
                step.event.clone(),
                step.url.clone(),
                step.status
                    .map_or_else(|| or_dash(step.error.as_deref()), |s| s.to_string()),
                step.action().map_or_else(|| "-".to_owned(), describe),
            ]
        }),
    );
    let summary = fields(&[
        ("call id", transcript.call_id.clone()),
        ("answered by", or_dash(transcript.answered_by.as_deref())),
        ("voicemail", crate::output::yes_no(transcript.voicemail)),
        ("played", or_dash(Some(&transcript.played.join(", ")))),
        ("rejected", or_dash(transcript.rejected.as_deref())),
        ("hangup cause", transcript.hangup_cause.clone()),
    ]);
    format!("{steps}\n{summary}")
}

fn describe(action: &Action) -> String {
    match action {
        Action::Dial {
            numbers, voicemail, ..
        } => {
            if *voicemail {
                "dial voicemail".to_owned()
            } else {
                format!("dial {}", numbers.join(", "))
            }
        }
        Action::Play { url } => format!("play {url}"),
        Action::Gather { max_digits, .. } => format!("gather {max_digits} digit(s)"),
        Action::Reject { reason } => format!("reject ({reason})"),
        Action::Hangup => "hang up".to_owned(),
        _ => "other".to_owned(),
    }
}
