//! `sipgateio webhook listen`: a webhook server that prints each call event and answers
//! `newCall` with a canned XML action; `webhook log` (in `webhook_log`) shows sipgate's log of
//! its pushes.
//!
//! Everything printed comes from the network: in the human output every received value is
//! escaped (control, escape and bidi characters shown as `\u{…}`), so a webhook cannot move
//! the cursor, recolour or retitle the terminal. `--json` output is escaped by JSON itself.

use std::borrow::Cow;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use clap::{Args, Subcommand};
use serde::Serialize;
use sipgateio::webhook::PublicKey;
use sipgateio::webhook::{
    AnswerEvent, DtmfEvent, HangupEvent, NewCallEvent, RejectionKind, WebhookRejection,
    WebhookServer,
};
use sipgateio::xml::{Dial, Gather, RejectReason, Response};
use tokio::net::TcpListener;
use tokio::sync::Notify;

use crate::context::Ctx;
use crate::exit::Failure;
use crate::output::{Output, write_stdout, write_stdout_json};
use crate::terminal::escape_value as escape;

/// `webhook` subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum WebhookCommand {
    /// Serve webhooks until Ctrl-C, printing one line per event (with `--json`: one JSON
    /// object per line, `{event, callId, …}`) and one line on stderr per refused request
    /// (status, reason, a hint). Received values are printed escaped. On Ctrl-C or after
    /// `--max-events`, requests in flight may finish for up to 2 s, then the command exits.
    Listen(ListenArgs),
    /// Show sipgate's log of the webhooks it pushed (switch it on with `webhook-settings log
    /// on`): time, status, URL and XML error per push (JSON: the API's entries `[{created,
    /// url, request, response, xmlError, status}]`).
    Log(super::webhook_log::LogArgs),
}

/// `webhook listen`.
#[derive(Args, Debug)]
pub(crate) struct ListenArgs {
    /// Port to listen on (0: a free one; the address is printed on stderr).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// The URL sipgate reaches this server at, used for the follow-up events (answer,
    /// hangup, dtmf) [default: http://HOST:PORT/, an unspecified HOST as 127.0.0.1].
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// How to answer new calls: `hangup`, `reject`, `busy`, `voicemail`, `play:URL`,
    /// `dial:+49…[,+49…]` or `gather:DIGITS[:URL]` [default: no action, the call rings
    /// normally].
    #[arg(long, value_name = "ACTION")]
    answer: Option<String>,
    /// Accept the signatures of the sipgate.io sandbox instead of sipgate's (implied by
    /// the global `--sandbox`).
    #[arg(long, conflicts_with_all = ["public_key", "no_verify"])]
    trust_sandbox: bool,
    /// Check signatures against this public key (PEM file) instead of sipgate's.
    #[arg(long, value_name = "PEM")]
    public_key: Option<PathBuf>,
    /// Accept unsigned requests (for local experiments only).
    #[arg(long)]
    no_verify: bool,
    /// Stop after this many events (a further event that arrives while stopping is
    /// answered 500, not printed).
    #[arg(long, value_name = "N")]
    max_events: Option<usize>,
}

/// One printed event (`--json`): the event's fields in camelCase, empty ones left out.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct EventLine {
    event: String,
    call_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    direction: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    users: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    answering_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cause: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    digits: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diversion: Option<String>,
}

/// How long requests in flight may finish after Ctrl-C or `--max-events`: the listener's
/// handlers only print, so anything still open after this is a stalled client.
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(2);

impl EventLine {
    fn human(&self) -> String {
        let mut parts = vec![format!(
            "{:<8} call {}",
            escape(&self.event),
            escape(&self.call_id)
        )];
        let mut push = |name: &str, value: &Option<String>| {
            if let Some(value) = value {
                parts.push(format!("{name} {}", escape(value)));
            }
        };
        push("direction", &self.direction);
        push("from", &self.from);
        push("to", &self.to);
        push("answered by", &self.answering_number);
        push("cause", &self.cause);
        push("digits", &self.digits);
        push("diverted from", &self.diversion);
        if !self.users.is_empty() {
            let users: Vec<Cow<'_, str>> = self.users.iter().map(|user| escape(user)).collect();
            parts.push(format!("users {}", users.join(", ")));
        }
        parts.join("  ")
    }
}

impl From<&NewCallEvent> for EventLine {
    fn from(e: &NewCallEvent) -> Self {
        Self {
            event: "newCall".into(),
            call_id: e.call_id.as_str().to_owned(),
            direction: Some(e.direction.as_str().to_owned()),
            from: Some(e.from.clone()),
            to: Some(e.to.clone()),
            users: e.users.clone(),
            diversion: e.diversion.clone(),
            ..Self::default()
        }
    }
}

impl From<&AnswerEvent> for EventLine {
    fn from(e: &AnswerEvent) -> Self {
        Self {
            event: "answer".into(),
            call_id: e.call_id.as_str().to_owned(),
            direction: Some(e.direction.as_str().to_owned()),
            from: Some(e.from.clone()),
            to: Some(e.to.clone()),
            users: e.user.iter().cloned().collect(),
            answering_number: Some(e.answering_number.clone()).filter(|n| !n.is_empty()),
            diversion: e.diversion.clone(),
            ..Self::default()
        }
    }
}

impl From<&HangupEvent> for EventLine {
    fn from(e: &HangupEvent) -> Self {
        Self {
            event: "hangup".into(),
            call_id: e.call_id.as_str().to_owned(),
            direction: Some(e.direction.as_str().to_owned()),
            from: Some(e.from.clone()),
            to: Some(e.to.clone()),
            answering_number: Some(e.answering_number.clone()).filter(|n| !n.is_empty()),
            cause: Some(e.cause.as_str().to_owned()),
            diversion: e.diversion.clone(),
            ..Self::default()
        }
    }
}

impl From<&DtmfEvent> for EventLine {
    fn from(e: &DtmfEvent) -> Self {
        Self {
            event: "dtmf".into(),
            call_id: e.call_id.as_str().to_owned(),
            digits: Some(e.digits.clone()),
            ..Self::default()
        }
    }
}

/// Prints events and counts them towards `--max-events`.
struct Printer {
    out: Output,
    seen: AtomicUsize,
    max: Option<usize>,
    done: Notify,
}

impl Printer {
    /// Prints an event and counts it; once `--max-events` events were taken, a further event
    /// (one that raced the shutdown, e.g. on a kept-alive connection) is refused with an error,
    /// which the server answers 500, instead of being printed: the listener takes exactly N.
    fn take(&self, line: &EventLine) -> Result<(), String> {
        let index = self.seen.fetch_add(1, Ordering::SeqCst);
        if self.max.is_some_and(|max| index >= max) {
            return Err(format!(
                "{} refused: --max-events was reached, the listener is stopping",
                line.event
            ));
        }
        self.print(line);
        if self.max.is_some_and(|max| index + 1 >= max) {
            self.done.notify_one();
        }
        Ok(())
    }

    fn print(&self, line: &EventLine) {
        let printed = if self.out.is_json() {
            write_stdout_json(&serde_json::to_string(line).unwrap_or_default())
        } else {
            write_stdout(&line.human())
        };
        if let Err(error) = printed {
            tracing::warn!(%error, "cannot print an event");
        }
    }
}

/// Which key `webhook listen` checks signatures with (for the hints of refused requests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Signatures {
    Sipgate,
    Sandbox,
    GivenKey,
    Unchecked,
}

impl Signatures {
    fn describe(self) -> &'static str {
        match self {
            Self::Sipgate => "sipgate's key",
            Self::Sandbox => "sandbox key",
            Self::GivenKey => "given key",
            Self::Unchecked => "not checked",
        }
    }
}

/// The line printed on stderr for a refused request: status, peer, reason and a hint.
fn refused_line(rejection: &WebhookRejection, signatures: Signatures) -> String {
    let from = rejection
        .peer()
        .map(|peer| format!(" from {peer}"))
        .unwrap_or_default();
    let mut line = format!(
        "refused  {}{from}: {}",
        rejection.status(),
        escape(rejection.message())
    );
    if let Some(hint) = hint(rejection.kind(), signatures) {
        line.push_str(" (");
        line.push_str(hint);
        line.push(')');
    }
    line
}

fn hint(kind: RejectionKind, signatures: Signatures) -> Option<&'static str> {
    Some(match kind {
        RejectionKind::SignatureInvalid | RejectionKind::SignatureMalformed => match signatures {
            Signatures::Sipgate => "signed by the sandbox? use --trust-sandbox",
            Signatures::Sandbox => {
                "signed by sipgate? leave out --trust-sandbox and --sandbox to check with sipgate's key"
            }
            Signatures::GivenKey => "signed with another key than the one in --public-key?",
            Signatures::Unchecked => return None,
        },
        RejectionKind::SignatureMissing => {
            "not signed: sipgate signs every webhook; --no-verify accepts unsigned requests (local experiments only)"
        }
        RejectionKind::MethodNotAllowed => "sipgate sends webhooks as POST",
        RejectionKind::UnsupportedMediaType => {
            "sipgate sends application/x-www-form-urlencoded bodies"
        }
        RejectionKind::BodyTimeout => "the client stopped sending its body",
        RejectionKind::Malformed => "not a sipgate.io webhook",
        _ => return None,
    })
}

/// Parses `--answer`.
pub(crate) fn answer(spec: &str) -> Result<Response, Failure> {
    let bad = |rule: String| Failure::invalid(format!("invalid --answer: {rule}"));
    let xml = |e: sipgateio::xml::Error| bad(e.to_string());
    let (verb, rest) = spec.split_once(':').unwrap_or((spec, ""));
    match (verb, rest) {
        ("hangup", "") => Ok(Response::hang_up()),
        ("reject", "") => Ok(Response::reject(RejectReason::Rejected)),
        ("busy", "") => Ok(Response::reject(RejectReason::Busy)),
        ("voicemail", "") => Ok(Response::voicemail()),
        ("play", url) if !url.is_empty() => Response::play(url).map_err(xml),
        ("dial", numbers) if !numbers.is_empty() => {
            let numbers: Vec<&str> = numbers.split(',').map(str::trim).collect();
            for number in &numbers {
                sipgateio::validate::phone_number("dial", number)?;
            }
            Response::dial(Dial::numbers(numbers)).map_err(xml)
        }
        ("gather", rest) if !rest.is_empty() => {
            let (digits, url) = rest.split_once(':').unwrap_or((rest, ""));
            let digits: u32 = digits
                .parse()
                .map_err(|_| bad(format!("gather needs a number of digits, got {digits:?}")))?;
            let mut gather = Gather::new().max_digits(digits).timeout_ms(5000);
            if !url.is_empty() {
                gather = gather.play(url);
            }
            Response::gather(gather).map_err(xml)
        }
        _ => Err(bad(format!(
            "unknown action {spec:?}; use hangup, reject, busy, voicemail, play:URL, dial:+49…[,+49…] or gather:DIGITS[:URL]"
        ))),
    }
}

/// Runs a `webhook` subcommand.
pub(crate) async fn run(ctx: &Ctx, command: WebhookCommand) -> Result<(), Failure> {
    match command {
        WebhookCommand::Listen(args) => listen(ctx, args).await,
        WebhookCommand::Log(args) => super::webhook_log::run(ctx, args).await,
    }
}

/// Runs `webhook listen`.
async fn listen(ctx: &Ctx, args: ListenArgs) -> Result<(), Failure> {
    let ListenArgs {
        port,
        host,
        public_url,
        answer: answer_spec,
        trust_sandbox,
        public_key,
        no_verify,
        max_events,
    } = args;
    let reply = answer_spec.as_deref().map(answer).transpose()?;
    let trust_sandbox = trust_sandbox || (ctx.args.sandbox && public_key.is_none() && !no_verify);
    let key = match (&public_key, trust_sandbox) {
        (Some(path), _) => {
            let pem = std::fs::read_to_string(path)
                .map_err(|e| Failure::invalid(format!("cannot read {}: {e}", path.display())))?;
            Some(
                PublicKey::from_pem(&pem)
                    .map_err(|e| Failure::invalid(format!("{}: {e}", path.display())))?,
            )
        }
        (None, true) => Some(
            PublicKey::from_pem(sipgateio::sandbox::PUBLIC_KEY_PEM)
                .map_err(|e| Failure::Other(format!("the sandbox key: {e}")))?,
        ),
        (None, false) => None,
    };
    let listener = TcpListener::bind(SocketAddr::new(host, port))
        .await
        .map_err(|e| Failure::Other(format!("cannot listen on {host}:{port}: {e}")))?;
    let local = listener
        .local_addr()
        .map_err(|e| Failure::Other(format!("cannot read the listening address: {e}")))?;
    let printer = Arc::new(Printer {
        out: ctx.out,
        seen: AtomicUsize::new(0),
        max: max_events,
        done: Notify::new(),
    });
    let signatures = if no_verify {
        Signatures::Unchecked
    } else if public_key.is_some() {
        Signatures::GivenKey
    } else if trust_sandbox {
        Signatures::Sandbox
    } else {
        Signatures::Sipgate
    };
    let mut builder = match public_url {
        Some(url) => WebhookServer::builder().server_address(url),
        None => WebhookServer::builder().local_server_address(&listener),
    }
    .shutdown_timeout(SHUTDOWN_TIMEOUT)
    .on_refused(move |rejection| eprintln!("{}", refused_line(rejection, signatures)));
    if let Some(key) = key {
        builder = builder.public_key(key);
    }
    if no_verify {
        builder = builder.skip_signature_verification();
    }
    let p = printer.clone();
    let server = builder
        .on_new_call(move |event| {
            let taken = p.take(&EventLine::from(&event));
            let reply = reply.clone();
            async move { taken.map(|()| reply) }
        })
        .on_answer({
            let p = printer.clone();
            move |event| {
                let taken = p.take(&EventLine::from(&event));
                async move { taken }
            }
        })
        .on_hangup({
            let p = printer.clone();
            move |event| {
                let taken = p.take(&EventLine::from(&event));
                async move { taken }
            }
        })
        .on_dtmf({
            let p = printer.clone();
            move |event| {
                let taken = p.take(&EventLine::from(&event));
                async move { taken }
            }
        })
        .build()
        .map_err(|e| Failure::invalid(e.to_string()))?;
    let public_url = server.server_address().unwrap_or_default();
    eprintln!(
        "listening on http://{local}/ (public URL {public_url}); signatures: {}; Ctrl-C to stop",
        signatures.describe()
    );
    let stop = printer.clone();
    server
        .serve_with_shutdown(listener, async move {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                () = stop.done.notified() => {}
            }
        })
        .await
        .map_err(|e| Failure::Other(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xml(spec: &str) -> String {
        answer(spec).expect(spec).to_xml()
    }

    #[tokio::test]
    async fn max_events_takes_exactly_n_and_refuses_the_rest() {
        let printer = Printer {
            out: Output::new(true),
            seen: AtomicUsize::new(0),
            max: Some(2),
            done: Notify::new(),
        };
        let line = |event: &str| EventLine {
            event: event.into(),
            ..EventLine::default()
        };
        assert_eq!(printer.take(&line("newCall")), Ok(()));
        assert_eq!(printer.take(&line("dtmf")), Ok(()));
        // The second event signalled the stop (a permit is stored for the waiter).
        tokio::time::timeout(Duration::from_secs(5), printer.done.notified())
            .await
            .expect("the stop is signalled");
        let refused = printer
            .take(&line("hangup"))
            .expect_err("past --max-events");
        assert!(
            refused.starts_with("hangup refused: --max-events"),
            "{refused}"
        );
    }

    #[test]
    fn canned_answers() {
        assert!(xml("hangup").contains("<Hangup"));
        assert!(xml("reject").contains(r#"<Reject reason="rejected""#));
        assert!(xml("busy").contains(r#"<Reject reason="busy""#));
        assert!(xml("voicemail").contains("<Voicemail"));
        assert!(xml("play:https://example.com/a.wav").contains("https://example.com/a.wav"));
        let dial = xml("dial:+4921100000001, +4921100000002");
        assert!(dial.contains("<Number>+4921100000001</Number>"), "{dial}");
        assert!(dial.contains("<Number>+4921100000002</Number>"), "{dial}");
        let gather = xml("gather:2:https://example.com/menu.wav");
        assert!(gather.contains(r#"maxDigits="2""#), "{gather}");
        assert!(gather.contains("https://example.com/menu.wav"), "{gather}");
    }

    #[test]
    fn received_values_are_escaped_for_the_terminal() {
        let line = EventLine {
            event: "newCall".into(),
            call_id: "c\u{1b}[31m".into(),
            from: Some("\u{1b}]0;x\u{7}".into()),
            users: vec!["A\nB".into()],
            ..EventLine::default()
        }
        .human();
        assert!(!line.chars().any(char::is_control), "{line:?}");
        assert!(line.contains("call c\\u{1b}[31m"), "{line}");
        assert!(line.contains("users A\\nB"), "{line}");
    }

    #[test]
    fn bad_answers_are_validation_errors() {
        for spec in [
            "",
            "sing",
            "play:",
            "play:ftp://x",
            "dial:0211",
            "gather:x",
            "gather:0",
            "hangup:now",
        ] {
            let failure = answer(spec).expect_err(spec);
            assert_eq!(failure.code(), 5, "{spec}: {failure}");
        }
    }
}
