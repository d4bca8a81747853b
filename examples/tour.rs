//! A tour of the sipgate.io Rust SDK, offline, in one command:
//!
//! ```sh
//! cargo run --example tour
//! ```
//!
//! Without credentials it starts the embedded sandbox (`sipgateio::sandbox`, an offline
//! sipgate.io look-alike) and walks through the whole SDK: authenticate, list numbers and
//! devices, send and schedule an SMS, send a fax and wait until it is sent, start a call and
//! hang it up, import contacts from CSV and export them as vCard, serve an IVR webhook, point
//! the account's webhook settings at it, let the sandbox place two simulated calls through it,
//! and read the history of it all.
//!
//! With `SIPGATE_TOKEN_ID` and `SIPGATE_TOKEN` set (a personal access token from the sipgate
//! web app) it runs only the read-only parts against your account, or against
//! `SIPGATE_BASE_URL` if that is set: nothing is sent and nothing is changed.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "an example program: it shows what it does on the terminal"
)]

use std::error::Error;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{TimeDelta, Utc};
use futures_util::TryStreamExt as _;
use sipgateio::call::NewCall;
use sipgateio::contacts::{ListOptions, ScopeFilter};
use sipgateio::devices::Device;
use sipgateio::fax::{Fax, PollOptions};
use sipgateio::history::{HistoryEntry, HistoryFilter};
use sipgateio::prelude::*;
use sipgateio::sandbox::{CallScenario, Sandbox, SandboxConfig, Transcript};
use sipgateio::sms::ShortMessage;
use sipgateio::webhook::{Announcement, PublicKey, play_audio_and_hang_up};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// Whatever a step of the tour failed with.
pub type TourError = Box<dyn Error + Send + Sync>;

/// Who calls the hotline in the simulated calls.
const CALLER: &str = "+4915790000001";
/// The number the IVR answers (the sandbox routes it to Ada's phoneline `p0`).
const HOTLINE: &str = "+4921100000000";
/// Where "press 1" redirects the call (Alan's phoneline `p1`).
const COLLEAGUE: &str = "+4921100000001";
/// The menu prompt played while the IVR waits for a digit.
const MENU_URL: &str = "https://example.com/sounds/menu.wav";
/// The announcement before the IVR hangs up.
const GOODBYE_URL: &str = "https://example.com/sounds/goodbye.wav";
/// Who gets the SMS and the call of the tour.
const FRIEND: &str = "+4915739777777";

/// CSV as exported from a spreadsheet: columns in any order, one row per number.
const TEAM_CSV: &str = "lastname,firstname,number
Johnson,Katherine,+4930111222333
Hamilton,Margaret,+4930444555666
Dijkstra,Edsger,+4930777888999
";

/// A one-page PDF letter ("Hello from the sipgate.io Rust SDK tour"), small enough to embed.
pub const LETTER_PDF: &[u8] = b"%PDF-1.4\n\
1 0 obj\n\
<< /Type /Catalog /Pages 2 0 R >>\n\
endobj\n\
2 0 obj\n\
<< /Type /Pages /Kids [3 0 R] /Count 1 >>\n\
endobj\n\
3 0 obj\n\
<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>\n\
endobj\n\
4 0 obj\n\
<< /Length 70 >>\n\
stream\n\
BT /F1 18 Tf 72 720 Td (Hello from the sipgate.io Rust SDK tour) Tj ET\n\
endstream\n\
endobj\n\
5 0 obj\n\
<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\n\
endobj\n\
xref\n\
0 6\n\
0000000000 65535 f \n\
0000000009 00000 n \n\
0000000058 00000 n \n\
0000000115 00000 n \n\
0000000241 00000 n \n\
0000000361 00000 n \n\
trailer\n\
<< /Size 6 /Root 1 0 R >>\n\
startxref\n\
431\n\
%%EOF\n";

#[tokio::main]
async fn main() -> ExitCode {
    let outcome = match client_from_env() {
        Ok(Some(client)) => read_only(&client).await,
        Ok(None) => match start_sandbox().await {
            Ok(sandbox) => offline(&sandbox).await.map(drop),
            Err(error) => Err(error),
        },
        Err(error) => Err(error),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// A client for your account when credentials are in the environment (`SIPGATE_TOKEN_ID` and
/// `SIPGATE_TOKEN`, or `SIPGATE_OAUTH_TOKEN`; against `SIPGATE_BASE_URL` if set — see
/// [`Client::from_env`]), `None` when none of them is set.
pub fn client_from_env() -> Result<Option<Client>, TourError> {
    let set = |name| std::env::var(name).is_ok_and(|value| !value.is_empty());
    if !["SIPGATE_TOKEN_ID", "SIPGATE_TOKEN", "SIPGATE_OAUTH_TOKEN"]
        .into_iter()
        .any(set)
    {
        return Ok(None);
    }
    Ok(Some(Client::from_env()?))
}

/// Starts the embedded sandbox on a random local port.
pub async fn start_sandbox() -> Result<Sandbox, TourError> {
    // sipgate takes minutes to send a fax; the sandbox moves it one step every 200 ms.
    let config = SandboxConfig::default().fax_step(Some(Duration::from_millis(200)));
    Ok(Sandbox::start_with(config).await?)
}

/// The whole tour against a sandbox; returns the transcripts of the simulated calls.
pub async fn offline(sandbox: &Sandbox) -> Result<Vec<Transcript>, TourError> {
    println!("sipgate.io Rust SDK tour, offline: the embedded sandbox plays sipgate.io.");
    println!(
        "(Set SIPGATE_TOKEN_ID and SIPGATE_TOKEN to run the read-only parts against your account.)"
    );
    // The same builder call as for the real API, pointed at the sandbox.
    let client = Client::builder()
        .personal_access_token(sandbox.token_id(), sandbox.token())
        .base_url(sandbox.base_url())
        .build()?;
    println!(
        "sandbox: {} (token id {})",
        sandbox.base_url(),
        sandbox.token_id()
    );

    let me = authenticate(&client).await?;
    let devices = numbers_and_devices(&client, &me).await?;
    send_sms(&client).await?;
    send_fax(&client).await?;
    if let Some(device) = devices.first() {
        start_call(&client, device.id.as_str()).await?;
    }
    contacts(&client).await?;
    let transcripts = ivr(sandbox, &client).await?;
    history(&client).await?;
    println!(
        "\nThat was the whole SDK. Next: cargo test --workspace, or point it at your account."
    );
    Ok(transcripts)
}

/// The read-only parts, e.g. against your account: nothing is sent or changed.
pub async fn read_only(client: &Client) -> Result<(), TourError> {
    println!(
        "sipgate.io Rust SDK tour, read-only, against {}",
        client.base_url()
    );
    let me = authenticate(client).await?;
    numbers_and_devices(client, &me).await?;

    section("SMS, fax and voicemail");
    for extension in client.sms().list_extensions().await? {
        println!(
            "  SMS {:<4} {} (sender {})",
            extension.id, extension.alias, extension.caller_id
        );
    }
    for line in client.fax().list_faxlines().await? {
        println!(
            "  fax {:<4} {} (can send: {})",
            line.id, line.alias, line.can_send
        );
    }
    for voicemail in client.voicemails().list().await? {
        println!("  voicemail {:<4} {}", voicemail.id, voicemail.alias);
    }

    section("Webhook settings");
    let settings = client.webhook_settings().get().await?;
    println!("  incoming calls → {}", or_none(&settings.incoming_url));
    println!("  outgoing calls → {}", or_none(&settings.outgoing_url));

    section("Contacts");
    let page = client
        .contacts()
        .list(ScopeFilter::All, &ListOptions::new().limit(5))
        .await?;
    for contact in &page.items {
        let number = contact.numbers.first().map_or("", |n| n.number.as_str());
        println!("  {:<24} {number}", contact.name);
    }

    section("Calls in progress");
    let calls = client.rtcm().list().await?;
    println!("  {} established call(s)", calls.len());

    history(client).await
}

fn section(title: &str) {
    println!("\n== {title}");
}

fn or_none(value: &str) -> &str {
    if value.is_empty() { "(not set)" } else { value }
}

/// Who am I, and who else is in the account.
async fn authenticate(client: &Client) -> Result<WebuserId, TourError> {
    section("Authenticate");
    let me = client.get_authenticated_webuser_id().await?;
    println!("  authenticated as web user {me}");
    for user in client.list_web_users().await? {
        let admin = if user.admin { " (admin)" } else { "" };
        println!(
            "  {:<4} {} {} <{}>{admin}",
            user.id, user.firstname, user.lastname, user.email
        );
    }
    Ok(me)
}

/// The account's numbers (a lazy, paged stream) and my devices.
async fn numbers_and_devices(client: &Client, me: &WebuserId) -> Result<Vec<Device>, TourError> {
    section("Numbers and devices");
    let mut numbers = client.numbers().stream(100);
    while let Some(number) = numbers.try_next().await? {
        let routed_to = number.endpoint_alias.as_deref().unwrap_or("(not routed)");
        println!(
            "  {:<16} {:<10} → {routed_to}",
            number.number,
            format!("{:?}", number.number_type)
        );
    }
    let devices = client.devices().list_of(me).await?;
    for device in &devices {
        let state = if device.online { "online" } else { "offline" };
        println!(
            "  device {:<4} {:<20} {:?}, {state}",
            device.id, device.alias, device.device_type
        );
    }
    Ok(devices)
}

/// One SMS now, one in an hour.
async fn send_sms(client: &Client) -> Result<(), TourError> {
    section("SMS");
    let sms = client.sms();
    let Some(extension) = sms.list_extensions().await?.into_iter().next() else {
        println!("  this account has no SMS extension");
        return Ok(());
    };
    let hello = ShortMessage::via_extension(
        extension.id.clone(),
        FRIEND,
        "Hello from the sipgate.io Rust SDK!",
    );
    sms.send(&hello).await?;
    println!(
        "  sent via {} ({}) to {FRIEND}: {:?}",
        extension.id,
        extension.alias,
        hello.message()
    );

    let at = Utc::now() + TimeDelta::hours(1);
    let reminder =
        ShortMessage::via_extension(extension.id.clone(), FRIEND, "A reminder, one hour later.");
    sms.schedule(&reminder, at).await?;
    println!(
        "  scheduled for {}: {:?}",
        at.format("%H:%M UTC"),
        reminder.message()
    );
    Ok(())
}

/// A PDF letter, and waiting until it is sent.
async fn send_fax(client: &Client) -> Result<(), TourError> {
    section("Fax");
    let fax = client.fax();
    let Some(line) = fax
        .list_faxlines()
        .await?
        .into_iter()
        .find(|line| line.can_send)
    else {
        println!("  this account has no fax line that can send");
        return Ok(());
    };
    let letter = Fax::new(line.id.clone(), "+4921100000123", LETTER_PDF).filename("hello.pdf");
    let session = fax.send(&letter).await?;
    println!(
        "  sending hello.pdf ({} bytes) from {} to {}",
        LETTER_PDF.len(),
        line.id,
        letter.to()
    );
    // Poll the status until it is final; quickly here, the default suits real faxes.
    let polling = PollOptions::default()
        .initial_interval(Duration::from_millis(200))
        .max_interval(Duration::from_secs(1));
    let status = fax
        .wait_until_done_with(&session.session_id, Duration::from_secs(30), polling)
        .await?;
    println!("  fax {}: {status}", session.session_id);
    Ok(())
}

/// Click-to-dial: ring my device, then the callee; then hang up through RTCM.
async fn start_call(client: &Client, device: &str) -> Result<(), TourError> {
    section("Call");
    let session = client
        .call()
        .initiate(&NewCall::new(device, FRIEND))
        .await?;
    println!(
        "  ringing your device {device}, then {FRIEND}: session {}",
        session.session_id
    );
    let rtcm = client.rtcm();
    for call in rtcm.list().await? {
        let with: Vec<_> = call
            .participants
            .iter()
            .map(|p| p.phone_number.as_str())
            .collect();
        println!(
            "  established call {} with {}",
            call.call_id,
            with.join(" and ")
        );
    }
    rtcm.hang_up(&session.session_id).await?;
    println!("  hung up through the real-time call API");
    Ok(())
}

/// CSV in, vCard out.
async fn contacts(client: &Client) -> Result<(), TourError> {
    section("Contacts");
    let contacts = client.contacts();
    let imported = contacts.import_csv(TEAM_CSV).await?;
    println!("  imported {imported} contacts from CSV");
    let cards = contacts
        .export_vcards(ScopeFilter::Private, &ListOptions::new())
        .await?
        .document;
    println!(
        "  your private contacts as vCard 4.0 ({} cards), the first one:",
        cards.len()
    );
    for line in cards
        .first()
        .map(String::as_str)
        .unwrap_or_default()
        .lines()
    {
        println!("    {line}");
    }
    Ok(())
}

/// An IVR webhook server, the webhook settings pointing at it, and two simulated calls.
async fn ivr(sandbox: &Sandbox, client: &Client) -> Result<Vec<Transcript>, TourError> {
    section("Webhooks: your IVR");
    // Port 0: any free port. sipgate would need a public https URL here.
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/", listener.local_addr()?);
    // What the app's handlers saw, printed after the call they belong to.
    let heard = Heard::default();
    let server = ivr_server(&url, client, sandbox.public_key_pem(), &heard)?;
    let (stop, stopped) = oneshot::channel::<()>();
    let serving = tokio::spawn(server.serve_with_shutdown(listener, async {
        let _ = stopped.await;
    }));
    println!("  serving on {url}, checking every signature with the sandbox's public key");
    let settings = client.webhook_settings().set_incoming_url(&url).await?;
    println!(
        "  webhook settings: incoming calls → {}",
        settings.incoming_url
    );

    let mut transcripts = Vec::new();
    section("A simulated call: the caller presses 1 and a colleague answers");
    let press_1 = CallScenario::incoming(CALLER, HOTLINE)
        .digits(["1"])
        .answered_by(COLLEAGUE)
        .talk_time(Duration::from_millis(200));
    transcripts.push(print_transcript(sandbox.simulate_call(press_1).await?));
    print_heard(&heard);

    section("A simulated call: the caller presses 2, hears goodbye, and the IVR hangs up");
    let press_2 = CallScenario::incoming(CALLER, HOTLINE)
        .digits(["2"])
        .talk_time(Duration::from_secs(10));
    transcripts.push(print_transcript(sandbox.simulate_call(press_2).await?));
    print_heard(&heard);

    let _ = stop.send(());
    serving.await??;
    Ok(transcripts)
}

/// Lines the IVR's handlers noted during a call.
type Heard = Arc<Mutex<Vec<String>>>;

/// Prints (and forgets) what the app noted during the call just printed.
fn print_heard(heard: &Heard) {
    let lines = std::mem::take(&mut *heard.lock().unwrap_or_else(PoisonError::into_inner));
    for line in lines {
        println!("  your app got: {line}");
    }
}

/// The IVR: a menu; 1 redirects to a colleague, anything else plays goodbye and hangs up.
fn ivr_server(
    url: &str,
    client: &Client,
    public_key_pem: &str,
    heard: &Heard,
) -> Result<WebhookServer, TourError> {
    let client = client.clone();
    let (answered, ended) = (heard.clone(), heard.clone());
    let goodbye = Announcement::with_known_duration(GOODBYE_URL, Duration::from_millis(300));
    let server = WebhookServer::builder()
        // Follow-up events (dtmf, answer, hangup) come back to this address.
        .server_address(url)
        // The sandbox signs like sipgate, with its own key.
        .public_key(PublicKey::from_pem(public_key_pem)?)
        .on_new_call(|_call: NewCallEvent| async move {
            Response::gather(Gather::new().max_digits(1).timeout_ms(5000).play(MENU_URL))
        })
        .on_dtmf(move |dtmf: DtmfEvent| {
            let (client, goodbye) = (client.clone(), goodbye.clone());
            async move {
                if dtmf.digits == "1" {
                    Ok(Response::redirect([COLLEAGUE])?)
                } else {
                    // <Play>, then DELETE /calls/{id} once the announcement is over.
                    play_audio_and_hang_up(&client, &dtmf.call_id, &goodbye, Duration::ZERO)
                }
            }
        })
        .on_answer(move |answer: AnswerEvent| {
            let heard = answered.clone();
            async move {
                let who = answer.user.unwrap_or_default();
                heard
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(format!("answered by {who} at {}", answer.answering_number));
            }
        })
        .on_hangup(move |hangup: HangupEvent| {
            let heard = ended.clone();
            async move {
                heard
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(format!("call ended, {:?}", hangup.cause));
            }
        })
        .build()?;
    Ok(server)
}

/// Prints what sipgate (the sandbox) sent and what the app answered.
fn print_transcript(transcript: Transcript) -> Transcript {
    for step in &transcript.steps {
        let field = |name: &str| step.field(name).unwrap_or_default();
        let detail = match step.event.as_str() {
            "newCall" => format!("from +{} to +{}", field("from"), field("to")),
            "dtmf" => format!("digits {:?}", field("dtmf")),
            "answer" => format!("by +{}", field("answeringNumber")),
            "hangup" => format!("cause {}", field("cause")),
            _ => String::new(),
        };
        println!("  sipgate → app  {:<8} {detail}", step.event);
        if matches!(step.event.as_str(), "newCall" | "dtmf") {
            // sipgate follows the answers to newCall and dtmf (and ignores the others).
            let status = step
                .status
                .map_or_else(|| "-".to_owned(), |s| s.to_string());
            println!("  app → sipgate  {status}");
            let body = step.response_body.as_str();
            let xml = body.split_once("?>").map_or(body, |(_, rest)| rest).trim();
            for line in xml.lines() {
                println!("                 {line}");
            }
        }
    }
    let answered = transcript.answered_by.as_deref().unwrap_or("nobody");
    println!(
        "  result: answered by {answered}, played {:?}, hangup cause {}",
        transcript.played, transcript.hangup_cause
    );
    transcript
}

/// The newest entries of the history, read as a lazy stream.
async fn history(client: &Client) -> Result<(), TourError> {
    section("History (newest first)");
    let mut entries = client.history().stream(&HistoryFilter::new());
    let mut shown = 0;
    while let Some(entry) = entries.try_next().await? {
        let Some(base) = entry.base() else { continue };
        let what = match &entry {
            HistoryEntry::Sms(sms) => format!("{:?}", sms.sms_content),
            HistoryEntry::Fax(fax) => fax
                .fax_status
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            _ => base
                .status
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        };
        println!(
            "  {:<9} {:<16} {:>16} → {:<16} {what}",
            entry.kind().to_string(),
            base.direction.to_string(),
            base.source,
            base.target
        );
        shown += 1;
        if shown == 10 {
            break;
        }
    }
    Ok(())
}
