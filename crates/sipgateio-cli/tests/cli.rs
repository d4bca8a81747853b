//! Runs the built `sipgateio` binary against a sandbox started in the test process and checks
//! its JSON output, exit codes and the sandbox's state (what reached the "server").

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command as StdCommand, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use sipgateio::sandbox::Sandbox;
use sipgateio_test_support::webhook;

const BIN: &str = env!("CARGO_BIN_EXE_sipgateio");

/// A sandbox and commands pointed at it.
struct Env {
    sandbox: Sandbox,
}

impl Env {
    async fn start() -> Self {
        Self {
            sandbox: Sandbox::start().await.expect("sandbox starts"),
        }
    }

    /// `sipgateio --base-url … --token-id … --token … <args>`, with no SIPGATE_* variables
    /// from the environment of the test.
    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = bare(args);
        cmd.args([
            "--base-url",
            &self.sandbox.base_url(),
            "--token-id",
            self.sandbox.token_id(),
            "--token",
            self.sandbox.token(),
        ]);
        cmd
    }

    /// Runs `--json <args>`, expects success and parses stdout.
    fn json(&self, args: &[&str]) -> Value {
        let output = self.cmd(args).arg("--json").output().expect("runs");
        assert!(
            output.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: stdout is not JSON ({e}): {}",
                String::from_utf8_lossy(&output.stdout)
            )
        })
    }

    /// Runs `<args>`, expects exit `code` and returns stderr.
    fn fails(&self, args: &[&str], code: i32) -> String {
        let output = self.cmd(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?} printed to stdout");
        assert!(stderr.starts_with("error: "), "{stderr}");
        if code != 2 {
            // Our own errors are one line (clap's usage errors add a hint line).
            assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
        }
        stderr
    }
}

/// The variables that name credentials, a profile or a running sandbox: never taken from the
/// environment of the test.
const ENVIRONMENT: [&str; 10] = [
    "SIPGATE_TOKEN_ID",
    "SIPGATE_TOKEN",
    "SIPGATE_OAUTH_TOKEN",
    "SIPGATE_BASE_URL",
    "SIPGATEIO_SANDBOX_URL",
    "SIPGATEIO_SANDBOX_TOKEN_ID",
    "SIPGATEIO_SANDBOX_TOKEN",
    "SIPGATEIO_PROFILE",
    "SIPGATE_OAUTH_CLIENT_ID",
    "SIPGATE_OAUTH_CLIENT_SECRET",
];

/// A configuration directory without profiles (never created: these tests do not sign in),
/// so no test reads the profiles of the user who runs it.
fn no_profiles() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("sipgateio-cli")
        .join("no-profiles")
}

/// A sandbox discovery file of its own for each command (never created unless a test runs a
/// sandbox with it), so no test sees the user's registered sandbox or another test's.
fn discovery_file() -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("sipgateio-cli")
        .join(format!("discovery-{}-{n}.json", std::process::id()))
}

/// The binary without credentials, SIPGATE_* variables or a registered sandbox.
fn bare(args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    for var in ENVIRONMENT {
        cmd.env_remove(var);
    }
    cmd.env("SIPGATEIO_SANDBOX_FILE", discovery_file());
    cmd.env("XDG_CONFIG_HOME", no_profiles());
    cmd.args(args).timeout(Duration::from_secs(60));
    cmd
}

/// A file in this test binary's temporary directory.
fn temp_file(name: &str, content: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sipgateio-cli");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{}-{name}", std::process::id()));
    std::fs::write(&path, content).expect("write temp file");
    path
}

fn text(path: &std::path::Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// A child process whose output lines arrive on a channel.
struct Running {
    child: Child,
    stdout: mpsc::Receiver<String>,
    stderr: mpsc::Receiver<String>,
}

impl Running {
    fn spawn(args: &[String]) -> Self {
        Self::spawn_with(args, &discovery_file())
    }

    /// With this sandbox discovery file.
    fn spawn_with(args: &[String], discovery: &std::path::Path) -> Self {
        let mut command = StdCommand::new(BIN);
        for var in ENVIRONMENT {
            command.env_remove(var);
        }
        let mut child = command
            .args(args)
            .env("SIPGATEIO_SANDBOX_FILE", discovery)
            .env("XDG_CONFIG_HOME", no_profiles())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        let stdout = lines(child.stdout.take().expect("stdout"));
        let stderr = lines(child.stderr.take().expect("stderr"));
        Self {
            child,
            stdout,
            stderr,
        }
    }

    fn next(channel: &mpsc::Receiver<String>) -> String {
        channel
            .recv_timeout(Duration::from_secs(30))
            .expect("a line within 30s")
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `webhook listen --port 0 --trust-sandbox <args>` and returns it with its address.
fn listen(args: &[&str]) -> (Running, String) {
    let mut all: Vec<String> = ["webhook", "listen", "--port", "0", "--trust-sandbox"]
        .iter()
        .map(|a| (*a).to_owned())
        .collect();
    all.extend(args.iter().map(|a| (*a).to_owned()));
    let listener = Running::spawn(&all);
    let banner = Running::next(&listener.stderr);
    let address = banner
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .expect("the listening address")
        .to_owned();
    (listener, address)
}

fn lines(stream: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

#[test]
fn help_version_and_completions() {
    let secret = "9f1c3a2e-1111-4aaa-8bbb-0123456789ab";
    let help = bare(&["--help"])
        .env("SIPGATE_TOKEN", secret)
        .env("SIPGATE_OAUTH_TOKEN", secret)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let help = String::from_utf8(help).expect("utf-8");
    assert!(!help.contains(secret), "--help shows a secret");
    for expected in [
        "Exit codes:",
        "3  the API answered with an error",
        "4  network",
        "5  validation",
        "sms",
        "fax",
        "calls",
        "contacts",
        "history",
        "webhook-settings",
        "simulate",
        "completions",
        "--sandbox",
        "--json",
    ] {
        assert!(
            help.contains(expected),
            "--help lacks {expected:?}:\n{help}"
        );
    }
    bare(&["sms", "send", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--to"));
    bare(&["--version"])
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
    bare(&["completions", "bash"]).assert().success().stdout(
        predicate::str::contains("_sipgateio").and(predicate::str::contains("webhook-settings")),
    );
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        bare(&["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::is_empty().not());
    }
    // Usage errors are clap's exit code 2.
    bare(&["frobnicate"]).assert().code(2);
    bare(&["sms", "send", "--to", "+4915739777777"])
        .assert()
        .code(2);
    bare(&["completions", "tcsh"]).assert().code(2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_and_exit_codes() {
    let env = Env::start().await;
    // No credentials: a usage error, nothing sent.
    let stderr = String::from_utf8(
        bare(&["users", "list"])
            .assert()
            .code(2)
            .get_output()
            .stderr
            .clone(),
    )
    .expect("utf-8");
    assert!(stderr.contains("--token-id"), "{stderr}");
    bare(&["--token-id", "token-ABC123", "users", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--token"));

    // A wrong (well-formed) token: the API's 401 with exit 3; the token is never echoed.
    let wrong = "195d5a7c-559f-444d-9a61-06adaf70ff27";
    let output = bare(&[
        "--base-url",
        &env.sandbox.base_url(),
        "--token-id",
        env.sandbox.token_id(),
        "--token",
        wrong,
        "--verbose",
        "users",
        "list",
    ])
    .output()
    .expect("runs");
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("401"), "{stderr}");
    assert!(!stderr.contains(wrong), "the token was echoed: {stderr}");

    // A malformed token: validation (5), not echoed, nothing sent.
    let output = bare(&[
        "--base-url",
        &env.sandbox.base_url(),
        "--token-id",
        env.sandbox.token_id(),
        "--token",
        "not-a-uuid-secret",
        "users",
        "list",
    ])
    .output()
    .expect("runs");
    assert_eq!(output.status.code(), Some(5));
    assert!(!String::from_utf8_lossy(&output.stderr).contains("not-a-uuid-secret"));

    // --verbose logs requests but never the token.
    let output = env
        .cmd(&["--verbose", "users", "whoami"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains(env.sandbox.token()), "token in --verbose");

    // Credentials from the environment work too.
    bare(&["--json", "users", "whoami"])
        .env("SIPGATE_BASE_URL", env.sandbox.base_url())
        .env("SIPGATE_TOKEN_ID", env.sandbox.token_id())
        .env("SIPGATE_TOKEN", env.sandbox.token())
        .assert()
        .success()
        .stdout(predicate::str::contains(r#""sub": "w0""#));

    // Nothing listens on port 1: a network error (4).
    bare(&[
        "--base-url",
        "http://127.0.0.1:1/v2",
        "--token-id",
        "token-ABC123",
        "--token",
        wrong,
        "numbers",
        "list",
    ])
    .assert()
    .code(4);

    // An API error keeps the server's message.
    let stderr = env.fails(&["history", "get", "no-such-entry"], 3);
    assert!(stderr.contains("404"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_listings() {
    let env = Env::start().await;
    let users = env.json(&["users", "list"]);
    assert_eq!(users[0]["id"], "w0");
    assert_eq!(users[0]["firstname"], "Ada");
    assert_eq!(env.json(&["users", "whoami"])["sub"], "w0");

    let numbers = env.json(&["numbers", "list"]);
    let all = numbers.as_array().expect("array");
    assert!(all.iter().any(|n| n["number"] == "+4921100000000"));
    assert!(all.iter().all(|n| n["type"].is_string()));
    let page = env.json(&["numbers", "list", "--limit", "2"]);
    assert_eq!(page.as_array().map(Vec::len), Some(2));

    let devices = env.json(&["devices", "list"]);
    assert!(
        devices
            .as_array()
            .expect("array")
            .iter()
            .any(|d| d["id"] == "e0")
    );
    let devices = env.json(&["devices", "list", "--user", "w1"]);
    assert!(devices.as_array().is_some());

    let voicemails = env.json(&["voicemails", "list"]);
    assert_eq!(voicemails[0]["id"], "v0");
    assert_eq!(voicemails[0]["belongsToEndpoint"]["extension"], "p0");

    // Tables for people.
    env.cmd(&["numbers", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("+4921100000000").and(predicate::str::contains("number")));
    // `--sandbox` needs no credentials at all.
    bare(&["--sandbox", "--json", "users", "whoami"])
        .assert()
        .success()
        .stdout(predicate::str::contains(r#""sub": "w0""#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sms() {
    let env = Env::start().await;
    let sent = env.json(&[
        "sms",
        "send",
        "--to",
        "+4915739777777",
        "Hello from the CLI",
    ]);
    assert_eq!(
        sent,
        serde_json::json!({"status": "sent", "from": "s0", "to": "+4915739777777"})
    );
    let on_server = env.sandbox.sent_sms();
    assert_eq!(on_server.len(), 1);
    assert_eq!(on_server[0].message, "Hello from the CLI");
    assert_eq!(on_server[0].sms_id, "s0");

    let scheduled = env.json(&[
        "sms",
        "schedule",
        "--in",
        "2h",
        "--from",
        "s0",
        "--to",
        "+4915739777777",
        "Later",
    ]);
    assert_eq!(scheduled["status"], "scheduled");
    let send_at =
        chrono::DateTime::parse_from_rfc3339(scheduled["sendAt"].as_str().expect("sendAt"))
            .expect("RFC 3339");
    assert_eq!(
        env.sandbox.sent_sms()[1].send_at.map(|t| t.timestamp()),
        Some(send_at.timestamp())
    );

    // From a verified sender number.
    let from_number = env.json(&[
        "sms",
        "send",
        "--from",
        "+4915700000000",
        "--to",
        "+4915739777777",
        "Hi",
    ]);
    assert_eq!(from_number["from"], "+4915700000000");
    assert_eq!(env.sandbox.sent_sms().len(), 3);

    // The text from stdin.
    let piped = env
        .cmd(&["--json", "sms", "send", "--to", "+4915739777777", "-"])
        .write_stdin("From a pipe\n")
        .output()
        .expect("runs");
    assert!(piped.status.success());
    assert_eq!(env.sandbox.sent_sms()[3].message, "From a pipe");

    // Bad input: nothing is sent.
    let stderr = env.fails(&["sms", "send", "--to", "0157 39777777", "x"], 5);
    assert!(stderr.starts_with("error: invalid --to: "), "{stderr}");
    env.fails(&["sms", "send", "--to", "+4915739777777", "  "], 5);
    env.fails(
        &["sms", "send", "--from", "q9", "--to", "+4915739777777", "x"],
        5,
    );
    env.fails(
        &[
            "sms",
            "schedule",
            "--in",
            "40d",
            "--to",
            "+4915739777777",
            "x",
        ],
        5,
    );
    env.fails(
        &[
            "sms",
            "schedule",
            "--in",
            "soon",
            "--to",
            "+4915739777777",
            "x",
        ],
        2,
    );
    assert_eq!(
        env.sandbox.sent_sms().len(),
        4,
        "a bad SMS reached the server"
    );

    // The API's 402 is an API error (3) with its meaning.
    env.sandbox.set_no_credit(true);
    let stderr = env.fails(&["sms", "send", "--to", "+4915739777777", "x"], 3);
    assert!(stderr.contains("402"), "{stderr}");
    env.sandbox.set_no_credit(false);

    let extensions = env.json(&["sms", "extensions"]);
    assert_eq!(extensions[0]["id"], "s0");
    let ids = env.json(&["sms", "caller-ids"]);
    assert!(
        ids.as_array()
            .expect("array")
            .iter()
            .any(|c| c["defaultNumber"] == true)
    );

    // Register, verify and remove a sender number.
    let added = env.json(&["sms", "caller-ids", "add", "+4915711112222"]);
    assert_eq!(added["action"], "added");
    let code = env
        .sandbox
        .verification_code("s0", "+4915711112222")
        .expect("a code was sent");
    let id = env
        .sandbox
        .sms_caller_ids("s0")
        .into_iter()
        .find(|c| c.phonenumber.ends_with("15711112222"))
        .map(|c| c.id.to_string())
        .expect("registered");
    let verified = env.json(&["sms", "caller-ids", "verify", &id, &code]);
    assert_eq!(verified["action"], "verified");
    let listed = env.json(&["sms", "caller-ids", "list"]);
    assert!(listed.as_array().expect("array").iter().any(|c| {
        c["phonenumber"]
            .as_str()
            .is_some_and(|n| n.ends_with("15711112222"))
            && c["verified"] == true
    }));
    env.json(&["sms", "caller-ids", "delete", &id]);
    assert!(
        !env.sandbox
            .sms_caller_ids("s0")
            .iter()
            .any(|c| c.phonenumber.ends_with("15711112222"))
    );
    env.fails(&["sms", "caller-ids", "add", "12345"], 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fax() {
    let env = Env::start().await;
    let pdf = temp_file("letter.pdf", PDF);
    let sent = env.json(&[
        "fax",
        "send",
        "--to",
        "+4921100000123",
        "--filename",
        "letter",
        "--wait",
        "--poll-every",
        "50ms",
        text(&pdf),
    ]);
    assert_eq!(sent["status"], "SENT");
    let faxes = env.sandbox.faxes();
    assert_eq!(faxes.len(), 1);
    assert_eq!(faxes[0].faxline_id, "f0");
    assert_eq!(faxes[0].filename, "letter");
    assert_eq!(faxes[0].content, PDF);
    assert_eq!(sent["sessionId"], faxes[0].session_id.as_str());

    let status = env.json(&["fax", "status", &faxes[0].session_id]);
    assert_eq!(status["status"], "SENT");
    let lines = env.json(&["fax", "lines"]);
    assert_eq!(lines[0]["id"], "f0");
    assert_eq!(lines[0]["canSend"], true);

    let accepted = env.json(&[
        "fax",
        "send",
        "--from",
        "f0",
        "--to",
        "+4921100000123",
        text(&pdf),
    ]);
    assert!(accepted["sessionId"].is_string());
    assert!(accepted["status"].is_null());

    // Bad input: nothing is sent.
    let not_pdf = temp_file("letter.txt", b"Dear Sir");
    let stderr = env.fails(
        &["fax", "send", "--to", "+4921100000123", text(&not_pdf)],
        5,
    );
    assert!(stderr.contains("PDF"), "{stderr}");
    let stderr = env.fails(
        &["fax", "send", "--to", "+4921100000123", "/no/such/file.pdf"],
        5,
    );
    assert!(stderr.contains("/no/such/file.pdf"), "{stderr}");
    env.fails(&["fax", "send", "--to", "0211", text(&pdf)], 5);
    env.fails(
        &[
            "fax",
            "send",
            "--from",
            "p0",
            "--to",
            "+4921100000123",
            text(&pdf),
        ],
        5,
    );
    assert_eq!(env.sandbox.faxes().len(), 2, "a bad fax reached the server");

    env.fails(&["fax", "status", "no-such-fax"], 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls() {
    let env = Env::start().await;
    let started = env.json(&["call", "start", "--from", "e0", "--to", "+4921100000123"]);
    let call_id = started["sessionId"]
        .as_str()
        .expect("session id")
        .to_owned();
    assert_eq!(env.sandbox.initiated_calls()[0].callee, "+4921100000123");

    let listed = env.json(&["calls", "list"]);
    assert!(
        listed
            .as_array()
            .expect("array")
            .iter()
            .any(|c| c["callId"] == call_id.as_str())
    );

    let call = || {
        env.sandbox
            .calls()
            .into_iter()
            .find(|c| c.call_id == call_id)
            .expect("the call")
    };
    assert_eq!(
        env.json(&["calls", "mute", &call_id]),
        serde_json::json!({"callId": call_id, "action": "mute", "value": true})
    );
    assert!(call().muted);
    env.json(&["calls", "mute", &call_id, "--off"]);
    assert!(!call().muted);
    env.json(&["calls", "hold", &call_id]);
    assert!(call().hold);
    env.json(&["calls", "record", &call_id, "--announcement"]);
    assert!(call().recording);
    assert!(call().recording_announcement);
    env.json(&[
        "calls",
        "announce",
        &call_id,
        "https://example.com/hello.wav",
    ]);
    assert_eq!(call().announcements, ["https://example.com/hello.wav"]);
    env.json(&["calls", "dtmf", &call_id, "12#"]);
    assert_eq!(call().dtmf.concat(), "12#");
    env.json(&[
        "calls",
        "transfer",
        &call_id,
        "+4921100000456",
        "--attended",
    ]);
    assert_eq!(
        call().transferred_to,
        Some(("+4921100000456".to_owned(), true))
    );

    // Bad input: nothing changes.
    env.fails(&["calls", "transfer", &call_id, "0211"], 5);
    env.fails(&["calls", "dtmf", &call_id, "12x"], 5);
    env.fails(&["call", "start", "--from", "e0", "--to", "12345"], 5);
    env.fails(
        &[
            "call",
            "start",
            "--from",
            "+4921100000000",
            "--to",
            "+4921100000123",
        ],
        5,
    );
    assert_eq!(
        env.sandbox.initiated_calls().len(),
        1,
        "a bad call reached the server"
    );

    let second = env.json(&["call", "start", "--from", "e0", "--to", "+4921100000124"]);
    let second = second["sessionId"].as_str().expect("session id").to_owned();
    env.json(&["calls", "hangup", &second]);
    let ended = env
        .sandbox
        .calls()
        .into_iter()
        .find(|c| c.call_id == second);
    assert!(ended.expect("the second call").ended.is_some());
    env.fails(&["calls", "hangup", "no-such-call"], 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contacts() {
    let env = Env::start().await;
    // Start without the seeded private and shared contacts. (Their addresses carry
    // `"extendedAddress": null`, which sipgateio-contacts-format does not decode yet.)
    let seeded: Vec<String> = env
        .sandbox
        .contacts()
        .into_iter()
        .filter(|c| c.scope != "INTERNAL")
        .map(|c| c.id)
        .collect();
    let mut args = vec!["contacts", "delete"];
    args.extend(seeded.iter().map(String::as_str));
    let deleted = env.json(&args);
    assert_eq!(
        deleted["deleted"].as_array().map(Vec::len),
        Some(seeded.len())
    );
    let internal = env.json(&["contacts", "list", "--scope", "internal"]);
    assert!(
        internal
            .as_array()
            .expect("array")
            .iter()
            .all(|c| c["scope"] == "INTERNAL")
    );
    let before = env.sandbox.contacts().len();
    let created = env.json(&[
        "contacts",
        "create",
        "--given",
        "Grace",
        "--family",
        "Hopper",
        "--number",
        "+4921100000777",
        "--email",
        "grace@example.com",
        "--scope",
        "shared",
    ]);
    assert_eq!(created["name"], "Grace Hopper");
    assert_eq!(created["scope"], "SHARED");
    let contacts = env.sandbox.contacts();
    assert_eq!(contacts.len(), before + 1);
    let grace = contacts
        .iter()
        .find(|c| c.name == "Grace Hopper")
        .expect("created");
    assert_eq!(grace.scope, "SHARED");

    let listed = env.json(&["contacts", "list", "--scope", "shared"]);
    assert!(
        listed
            .as_array()
            .expect("array")
            .iter()
            .any(|c| c["name"] == "Grace Hopper")
    );

    let deleted = env.json(&["contacts", "delete", &grace.id]);
    assert_eq!(deleted["deleted"][0], grace.id.as_str());
    assert_eq!(env.sandbox.contacts().len(), before);

    // Import a CSV and a vCard file.
    let csv = temp_file(
        "contacts.csv",
        b"firstname,lastname,number\nAlan,Kay,+4921100000801\nBarbara,Liskov,+4921100000802\n",
    );
    assert_eq!(env.json(&["contacts", "import", text(&csv)])["imported"], 2);
    let vcf = temp_file(
        "contacts.vcf",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hamilton;Margaret;;;\r\nFN:Margaret Hamilton\r\nTEL;TYPE=WORK:+4921100000803\r\nEND:VCARD\r\n",
    );
    assert_eq!(env.json(&["contacts", "import", text(&vcf)])["imported"], 1);
    let names: Vec<String> = env.sandbox.contacts().into_iter().map(|c| c.name).collect();
    for name in ["Alan Kay", "Barbara Liskov", "Margaret Hamilton"] {
        assert!(
            names.iter().any(|n| n == name),
            "{name} missing in {names:?}"
        );
    }
    let count = env.sandbox.contacts().len();

    // Bad input: nothing is uploaded.
    let bad_csv = temp_file(
        "bad.csv",
        b"firstname,lastname,number\nAda,Byron,+4921100000804\nNo,Number,0211\n",
    );
    let stderr = env.fails(&["contacts", "import", text(&bad_csv)], 5);
    assert!(stderr.contains("line 3"), "{stderr}");
    let malformed = temp_file(
        "malformed.csv",
        b"firstname,lastname,number\n\"Ada,Byron,+49211\n",
    );
    env.fails(&["contacts", "import", text(&malformed)], 5);
    let no_columns = temp_file("columns.csv", b"name,phone\nAda,+4921100000805\n");
    env.fails(&["contacts", "import", text(&no_columns)], 5);
    let bad_vcf = temp_file(
        "bad.vcf",
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Local Number\r\nTEL:0211 1234\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:Fine\r\nTEL:+4921100000807\r\nEND:VCARD\r\n",
    );
    let stderr = env.fails(&["contacts", "import", text(&bad_vcf)], 5);
    assert!(stderr.contains("card 1 (Local Number)"), "{stderr}");
    let unknown = temp_file("contacts.xlsx", b"PK");
    env.fails(&["contacts", "import", text(&unknown)], 5);
    env.fails(&["contacts", "import", "/no/such/contacts.csv"], 5);
    env.fails(
        &["contacts", "create", "--given", "X", "--number", "12345"],
        5,
    );
    env.fails(&["contacts", "create", "--number", "+4921100000806"], 5);
    assert_eq!(
        env.sandbox.contacts().len(),
        count,
        "bad input reached the server"
    );

    // Exports: CSV (importable, and every field), JSON and vCard, to stdout or a file.
    env.cmd(&[
        "contacts", "export", "--format", "csv", "--scope", "private",
    ])
    .assert()
    .success()
    .stdout(predicate::str::starts_with("firstname,lastname,number\r\n"))
    .stdout(predicate::str::contains("Alan,Kay,+4921100000801\r\n"));
    env.cmd(&[
        "contacts",
        "export",
        "--format",
        "csv-full",
        "--delimiter",
        ";",
        "--scope",
        "private",
    ])
    .assert()
    .success()
    .stdout(predicate::str::starts_with(
        "\"id\";\"name\";\"emails\";\"numbers\"",
    ));
    env.cmd(&["contacts", "export", "--delimiter", ";"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--format csv-full"));
    let output = env
        .cmd(&[
            "contacts", "export", "--format", "json", "--scope", "private",
        ])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let export: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let exported = export["contacts"].as_array().expect("contacts");
    let private = env
        .sandbox
        .contacts()
        .into_iter()
        .filter(|c| c.scope == "PRIVATE")
        .count();
    assert_eq!(exported.len(), private);
    assert_eq!(export["totalCount"], private);
    let alan = exported
        .iter()
        .find(|c| c["name"] == "Alan Kay")
        .expect("Alan Kay exported");
    assert_eq!(alan["numbers"], serde_json::json!(["+4921100000801"]));
    assert_eq!(alan["scope"], "PRIVATE");
    let out =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{}-book.vcf", std::process::id()));
    env.cmd(&[
        "contacts",
        "export",
        "--format",
        "vcard",
        "--output",
        text(&out),
    ])
    .assert()
    .success()
    .stdout(predicate::str::is_empty());
    let book = std::fs::read_to_string(&out).expect("written");
    assert!(book.starts_with("BEGIN:VCARD"), "{book}");
    assert!(book.contains("Margaret Hamilton"), "{book}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history() {
    let env = Env::start().await;
    // Listing leaves out archived entries unless `--archived` is given.
    let total = env.sandbox.history().iter().filter(|e| !e.archived).count();
    let archived = env.sandbox.history().len() - total;
    assert!(total >= 3, "the sandbox seeds a history");
    let two = env.json(&["history", "list", "--limit", "2"]);
    assert_eq!(two.as_array().map(Vec::len), Some(2));
    let all = env.json(&["history", "list", "--all"]);
    assert_eq!(all.as_array().map(Vec::len), Some(total));
    let skipped = env.json(&["history", "list", "--all", "--offset", "1"]);
    assert_eq!(skipped.as_array().map(Vec::len), Some(total - 1));
    let only_archived = env.json(&["history", "list", "--archived", "--all"]);
    assert_eq!(only_archived.as_array().map(Vec::len), Some(archived));
    let sms = env.json(&["history", "list", "--type", "sms", "--all"]);
    assert!(
        sms.as_array()
            .expect("array")
            .iter()
            .all(|e| e["type"] == "SMS")
    );

    let id = all[0]["id"].as_str().expect("id").to_owned();
    let entry = env.json(&["history", "get", &id]);
    assert_eq!(entry["id"], id.as_str());

    env.cmd(&["history", "export"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("id,"));
    // Into a file: streamed under a `.part` name, renamed when complete.
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("{}-history.csv", std::process::id()));
    env.cmd(&["history", "export", "--output", text(&out)])
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let csv = std::fs::read_to_string(&out).expect("written");
    assert!(csv.starts_with("id,"), "{csv}");
    assert_eq!(csv.lines().count(), total + 1, "{csv}");
    let part = PathBuf::from(format!("{}.part", out.display()));
    assert!(
        !part.exists(),
        "no .part file is left after a complete export"
    );
    // An export the server refuses leaves neither the file nor a `.part` behind.
    let refused = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("{}-refused.csv", std::process::id()));
    bare(&["history", "export", "--output", text(&refused)])
        .args(["--base-url", &env.sandbox.base_url(), "--token-id"])
        .args([env.sandbox.token_id(), "--token"])
        .arg("00000000-0000-4000-8000-000000000000")
        .assert()
        .code(3)
        .stderr(predicate::str::contains("401"));
    assert!(!refused.exists());
    assert!(!PathBuf::from(format!("{}.part", refused.display())).exists());

    let updated = env.json(&[
        "history",
        "update",
        &id,
        "--starred",
        "true",
        "--note",
        "call back",
    ]);
    assert_eq!(updated["updated"], 1);
    let entry = env.json(&["history", "get", &id]);
    assert_eq!(entry["note"], "call back");
    let changed = env
        .sandbox
        .history()
        .into_iter()
        .find(|e| e.id == id)
        .expect("entry");
    assert!(changed.starred);
    env.fails(&["history", "update", &id], 2);

    let deleted = env.json(&["history", "delete", &id]);
    assert_eq!(deleted["deleted"][0], id.as_str());
    assert!(!env.sandbox.history().iter().any(|e| e.id == id));

    // Bad filters: nothing sent (the history is unchanged, the command fails first).
    env.fails(&["history", "list", "--connection-id", "nonsense"], 5);
    env.fails(
        &[
            "history",
            "list",
            "--since",
            "2026-02-01",
            "--until",
            "2026-01-01",
        ],
        5,
    );
    env.fails(&["history", "list", "--phone-number", "0211"], 5);
    env.fails(&["history", "list", "--since", "yesterday"], 2);
    env.fails(&["history", "get", &id], 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_settings() {
    let env = Env::start().await;
    let got = env.json(&["webhook-settings", "get"]);
    assert!(got["log"].is_boolean());
    let set = env.json(&["webhook-settings", "set-incoming", "https://example.com/in"]);
    assert_eq!(set["incomingUrl"], "https://example.com/in");
    env.json(&[
        "webhook-settings",
        "set-outgoing",
        "https://example.com/out",
    ]);
    env.json(&["webhook-settings", "whitelist", "set", "p0", "g1"]);
    env.json(&["webhook-settings", "log", "on"]);
    let now = env.sandbox.webhook_settings();
    assert_eq!(now.incoming_url, "https://example.com/in");
    assert_eq!(now.outgoing_url, "https://example.com/out");
    assert_eq!(now.whitelist, Some(vec!["p0".to_owned(), "g1".to_owned()]));
    assert!(now.log);

    env.json(&["webhook-settings", "whitelist", "clear"]);
    assert_eq!(env.sandbox.webhook_settings().whitelist, Some(vec![]));
    env.json(&["webhook-settings", "whitelist", "disable"]);
    assert_eq!(env.sandbox.webhook_settings().whitelist, None);
    env.json(&["webhook-settings", "clear-incoming"]);
    env.json(&["webhook-settings", "clear-outgoing"]);
    env.json(&["webhook-settings", "log", "off"]);
    let now = env.sandbox.webhook_settings();
    assert_eq!(
        (
            now.incoming_url.as_str(),
            now.outgoing_url.as_str(),
            now.log
        ),
        ("", "", false)
    );

    // Bad input: the settings stay as they are.
    env.fails(
        &["webhook-settings", "set-incoming", "ftp://example.com"],
        5,
    );
    env.fails(&["webhook-settings", "whitelist", "set", "e0"], 5);
    env.fails(&["webhook-settings", "log", "maybe"], 2);
    assert_eq!(env.sandbox.webhook_settings().incoming_url, "");
}

/// `http://127.0.0.1:port/` → `127.0.0.1:port`.
fn authority(address: &str) -> &str {
    address.trim_start_matches("http://").trim_end_matches('/')
}

/// A raw HTTP/1.1 form POST (`extra` headers end in CRLF); returns the answer's status line.
fn raw_post(address: &str, extra: &str, body: &str) -> String {
    use std::io::Write as _;
    let authority = authority(address);
    let mut stream = std::net::TcpStream::connect(authority).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("read timeout");
    write!(
        stream,
        "POST / HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n{extra}\r\n{body}",
        body.len()
    )
    .expect("request written");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.lines().next().unwrap_or_default().to_owned()
}

/// Waits (bounded) for the listener to exit on its own; its exit status. The listener is
/// another process, so this polls its status in real time, 50 ms apart, until `limit`.
fn exits_within(running: &mut Running, limit: Duration) -> std::process::ExitStatus {
    let step = Duration::from_millis(50);
    let mut waited = Duration::ZERO;
    while waited < limit {
        if let Some(status) = running.child.try_wait().expect("try_wait") {
            return status;
        }
        std::thread::sleep(step);
        waited += step;
    }
    panic!("the listener did not exit within {limit:?}");
}

/// A connection that sent part of a request line and stalls.
fn partial_request(address: &str) -> std::net::TcpStream {
    use std::io::Write as _;
    let mut stream = std::net::TcpStream::connect(authority(address)).expect("connect");
    stream.write_all(b"POS").expect("written");
    stream
}

fn spawn_listen(args: &[&str]) -> (Running, String) {
    let all: Vec<String> = ["webhook", "listen", "--port", "0"]
        .iter()
        .chain(args)
        .map(|a| (*a).to_owned())
        .collect();
    let listener = Running::spawn(&all);
    let banner = Running::next(&listener.stderr);
    let address = banner
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .expect("the listening address")
        .to_owned();
    (listener, address)
}

#[test]
fn webhook_listen_prints_received_values_escaped() {
    let (listener, address) = spawn_listen(&["--no-verify"]);
    let status = raw_post(
        &address,
        "",
        "event=newCall&callId=c%1B%5B2J&from=4921&to=4922&user%5B%5D=A%1B%5D0%3Bpwned%07&user%5B%5D=B%0AC%E2%80%AE",
    );
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    let line = Running::next(&listener.stdout);
    assert!(!line.chars().any(char::is_control), "{line:?}");
    assert!(line.contains("call c\\u{1b}[2J"), "{line}");
    assert!(
        line.contains("users A\\u{1b}]0;pwned\\u{7}, B\\nC\\u{202e}"),
        "{line}"
    );
}

#[test]
fn webhook_listen_prints_refused_requests_with_a_hint() {
    let (listener, address) = listen(&[]);
    let body = "event=newCall&callId=c1";

    assert!(raw_post(&address, "", body).starts_with("HTTP/1.1 401"));
    let line = Running::next(&listener.stderr);
    assert!(
        line.starts_with("refused  401 Unauthorized from 127.0.0.1:"),
        "{line}"
    );
    assert!(line.contains("X-Sipgate-Signature is missing"), "{line}");
    assert!(line.contains("--no-verify"), "{line}");

    let garbage = "X-Sipgate-Signature: AAAA\r\n";
    assert!(raw_post(&address, garbage, body).starts_with("HTTP/1.1 401"));
    let line = Running::next(&listener.stderr);
    assert!(line.contains("X-Sipgate-Signature is not base64"), "{line}");
    assert!(line.contains("signed by sipgate?"), "{line}");
}

#[test]
fn webhook_listen_verifies_with_the_public_key_given() {
    let key = temp_file(
        "test-public-key.pem",
        webhook::TEST_PUBLIC_KEY_PEM.as_bytes(),
    );
    let (listener, address) = spawn_listen(&["--public-key", text(&key)]);
    let body = "event=hangup&callId=c1&cause=normalClearing";

    let signed = format!(
        "X-Sipgate-Signature: {}\r\n",
        webhook::sign(body.as_bytes())
    );
    let status = raw_post(&address, &signed, body);
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    let line = Running::next(&listener.stdout);
    assert!(line.starts_with("hangup"), "{line}");

    // A valid signature of another body: refused, with the hint for a given key.
    let other = format!(
        "X-Sipgate-Signature: {}\r\n",
        webhook::sign(b"event=hangup&callId=c2")
    );
    let status = raw_post(&address, &other, body);
    assert!(status.starts_with("HTTP/1.1 401"), "{status}");
    let line = Running::next(&listener.stderr);
    assert!(line.starts_with("refused  401 Unauthorized"), "{line}");
    assert!(
        line.contains("signed with another key than the one in --public-key?"),
        "{line}"
    );
}

#[test]
fn webhook_listen_with_sipgates_key_hints_at_trust_sandbox_for_sandbox_signatures() {
    let (listener, address) = spawn_listen(&[]);
    // The embedded sandbox's simulator signs with the sandbox key; the listener checks
    // sipgate's.
    let _ = bare(&[
        "--sandbox",
        "--json",
        "simulate",
        "call",
        "--from",
        "+4915790000001",
        "--to",
        "+4921100000000",
        "--webhook-url",
        &address,
    ])
    .output()
    .expect("runs");
    let line = Running::next(&listener.stderr);
    assert!(line.starts_with("refused  401 Unauthorized"), "{line}");
    assert!(
        line.contains("signed by the sandbox? use --trust-sandbox"),
        "{line}"
    );
}

#[test]
fn webhook_listen_exits_after_max_events_despite_a_stalled_connection() {
    let (mut listener, address) = spawn_listen(&["--no-verify", "--max-events", "1"]);
    // Would hold the server for the 10 s header read timeout without a shutdown deadline.
    let _stalled = partial_request(&address);
    assert!(
        raw_post(&address, "", "event=hangup&callId=c1&cause=normalClearing")
            .starts_with("HTTP/1.1 200")
    );
    assert!(Running::next(&listener.stdout).starts_with("hangup"));
    // The CLI's shutdown deadline is 2 s; well under the header read timeout.
    let status = exits_within(&mut listener, Duration::from_secs(8));
    assert!(status.success(), "{status}");
}

#[cfg(unix)]
#[test]
fn webhook_listen_exits_on_ctrl_c_despite_a_stalled_connection() {
    let (mut listener, address) = spawn_listen(&["--no-verify"]);
    let _stalled = partial_request(&address);
    // Let the server take the connection before the signal. The listener is another process
    // on a real socket, so there is no clock to pause: one bounded 100 ms wait.
    std::thread::sleep(Duration::from_millis(100));
    let sent = StdCommand::new("kill")
        .args(["-INT", &listener.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let status = exits_within(&mut listener, Duration::from_secs(8));
    assert!(status.success(), "{status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_listen_and_simulate_call() {
    let env = Env::start().await;
    let (listener, address) = listen(&["--json", "--answer", "gather:1", "--max-events", "4"]);

    // The simulator of the sandbox (over HTTP, as with a separate `sipgateio sandbox`).
    let transcript = env.json(&[
        "simulate",
        "call",
        "--from",
        "+4915790000001",
        "--to",
        "+4921100000000",
        "--webhook-url",
        &address,
        "--dtmf",
        "7",
    ]);
    let events: Vec<&str> = transcript["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["event"].as_str())
        .collect();
    assert_eq!(events[..2], ["newCall", "dtmf"], "{transcript}");
    assert_eq!(transcript["steps"][0]["status"], 200);
    assert_eq!(transcript["steps"][0]["answer"]["action"]["verb"], "gather");

    let mut printed = Vec::new();
    for _ in 0..4 {
        let line = Running::next(&listener.stdout);
        printed.push(serde_json::from_str::<Value>(&line).expect("one JSON object per line"));
    }
    assert_eq!(printed[0]["event"], "newCall");
    assert_eq!(printed[0]["from"], "+4915790000001");
    assert_eq!(printed[0]["callId"], transcript["callId"]);
    assert_eq!(printed[1]["event"], "dtmf");
    assert_eq!(printed[1]["digits"], "7");
    assert!(
        printed
            .iter()
            .any(|e| e["event"] == "hangup" && e["cause"].is_string())
    );

    // The embedded sandbox: a call that is rejected by the app, which stops listening after
    // that one event — the hangup push then cannot reach it: exit 6, transcript printed.
    let (listener, address) = listen(&["--answer", "busy", "--max-events", "1"]);
    let transcript = bare(&[
        "--sandbox",
        "--json",
        "simulate",
        "call",
        "--from",
        "+4915790000001",
        "--to",
        "+4921100000000",
        "--webhook-url",
        &address,
    ])
    .output()
    .expect("runs");
    let stderr = String::from_utf8_lossy(&transcript.stderr).into_owned();
    assert_eq!(transcript.status.code(), Some(6), "{stderr}");
    // Which sandbox (an ephemeral one: none is registered), then the one-line error.
    let lines: Vec<&str> = stderr.trim().lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with("sandbox: no sandbox is running: using an ephemeral one"),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with("error: your app failed 1 of 2 webhook(s): hangup to "),
        "{stderr}"
    );
    let transcript: Value = serde_json::from_slice(&transcript.stdout).expect("JSON");
    assert_eq!(transcript["rejected"], "busy");
    assert_eq!(transcript["steps"][1]["failed"], true);
    assert!(Running::next(&listener.stdout).starts_with("newCall"));

    // An app that is not there, through the sandbox's HTTP endpoint (502) and embedded.
    let nowhere = "http://127.0.0.1:9/hook";
    let args = [
        "simulate",
        "call",
        "--from",
        "+4915790000001",
        "--to",
        "+4921100000000",
        "--webhook-url",
        nowhere,
    ];
    let over_http = env.cmd(&args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&over_http.stderr).into_owned();
    assert_eq!(over_http.status.code(), Some(6), "{stderr}");
    assert!(
        stderr.starts_with(
            "error: your app failed 1 of 1 webhook(s): newCall to http://127.0.0.1:9/hook"
        ),
        "{stderr}"
    );
    let table = String::from_utf8_lossy(&over_http.stdout);
    assert!(
        table.contains("newCall") && table.contains(nowhere),
        "{table}"
    );
    let mut embedded = vec!["--sandbox", "--json"];
    embedded.extend(args);
    let output = bare(&embedded).output().expect("runs");
    assert_eq!(output.status.code(), Some(6));
    let transcript: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(transcript["steps"][0]["failed"], true);

    // Bad input.
    env.fails(
        &[
            "simulate",
            "call",
            "--from",
            "0157",
            "--to",
            "+4921100000000",
        ],
        5,
    );
    bare(&[
        "--sandbox",
        "simulate",
        "call",
        "--from",
        "+4915790000001",
        "--to",
        "+4921100000000",
    ])
    .assert()
    .code(5)
    .stderr(predicate::str::contains(
        "no webhook URL: pass --webhook-url",
    ));
    // The same hint when a running sandbox (HTTP) has no URL to push to.
    env.cmd(&[
        "simulate",
        "call",
        "--from",
        "+4915790000001",
        "--to",
        "+4921100000000",
    ])
    .assert()
    .code(5)
    .stderr(predicate::str::contains(
        "no webhook URL: pass --webhook-url",
    ));
    bare(&["webhook", "listen", "--answer", "dial:0211"])
        .assert()
        .code(5);
    bare(&["webhook", "listen", "--answer", "sing"])
        .assert()
        .code(5);
    bare(&["webhook", "listen", "--public-key", "/no/such/key.pem"])
        .assert()
        .code(5);
}

#[test]
fn sandbox_command_serves_until_stopped() {
    let sandbox = Running::spawn(&[
        "--json".into(),
        "sandbox".into(),
        "--port".into(),
        "0".into(),
    ]);
    let started: Value = serde_json::from_str(&Running::next(&sandbox.stdout)).expect("JSON line");
    let base_url = started["baseUrl"].as_str().expect("baseUrl");
    assert!(
        started["simulateUrl"]
            .as_str()
            .is_some_and(|u| u.ends_with("/sandbox/simulate-call"))
    );
    let numbers = bare(&[
        "--json",
        "--base-url",
        base_url,
        "--token-id",
        started["tokenId"].as_str().expect("tokenId"),
        "--token",
        started["token"].as_str().expect("token"),
        "numbers",
        "list",
    ])
    .output()
    .expect("runs");
    assert!(numbers.status.success());
    let numbers: Value = serde_json::from_slice(&numbers.stdout).expect("JSON");
    assert!(!numbers.as_array().expect("array").is_empty());

    let human = Running::spawn(&["sandbox".into(), "--port".into(), "0".into()]);
    let first = Running::next(&human.stdout);
    assert!(first.contains("sandbox"), "{first}");
}

/// The parsed JSON of a successful command, and its stderr.
fn json_and_stderr(mut cmd: Command) -> (Value, String) {
    let output = cmd.arg("--json").output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (json, stderr)
}

/// `sipgateio sandbox` registers itself; `--sandbox` commands in other processes use it, so
/// state lasts across commands (a caller id verified with the code from the sandbox's log, a
/// call muted after it was started), and `--state` keeps it across restarts.
#[cfg(unix)]
#[test]
fn a_running_sandbox_keeps_state_across_commands_and_restarts() {
    let discovery = discovery_file();
    let state = temp_file("state.json", b"");
    std::fs::remove_file(&state).expect("no state yet");
    let args = |extra: &[&str]| -> Vec<String> {
        let mut all: Vec<String> = ["--json", "sandbox", "--port", "0", "--state", text(&state)]
            .iter()
            .map(|a| (*a).to_owned())
            .collect();
        all.extend(extra.iter().map(|a| (*a).to_owned()));
        all
    };
    let sandbox = Running::spawn_with(&args(&[]), &discovery);
    let started: Value = serde_json::from_str(&Running::next(&sandbox.stdout)).expect("JSON line");
    assert_eq!(started["registeredIn"], text(&discovery));
    assert_eq!(started["stateFile"], text(&state));
    assert!(
        started["oauth"]["tokenUrl"].as_str().is_some_and(
            |url| url.ends_with("/auth/realms/sipgate-apps/protocol/openid-connect/token")
        ),
        "{started}"
    );
    let base_url = started["baseUrl"].as_str().expect("baseUrl").to_owned();
    let with_sandbox = |args: &[&str]| {
        let mut all = vec!["--sandbox"];
        all.extend(args);
        let mut cmd = bare(&all);
        cmd.env("SIPGATEIO_SANDBOX_FILE", &discovery);
        cmd
    };

    let (_, said) = json_and_stderr(with_sandbox(&[
        "sms",
        "caller-ids",
        "add",
        "+4915799912345",
    ]));
    assert_eq!(
        said.trim(),
        format!(
            "sandbox: using the running sandbox at {base_url} (registered in {})",
            discovery.display()
        )
    );
    // The sandbox's log shows the code it "sent".
    let logged = (0..50)
        .map(|_| Running::next(&sandbox.stderr))
        .find(|line| line.contains("verification code") && line.contains("+4915799912345"))
        .expect("the code in the sandbox's log");
    let code: String = logged
        .split("code=")
        .nth(1)
        .expect("code=")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert_eq!(code.len(), 6, "{logged}");
    let (ids, _) = json_and_stderr(with_sandbox(&["sms", "caller-ids", "list"]));
    let id = ids
        .as_array()
        .expect("array")
        .iter()
        .find(|c| c["phonenumber"] == "+4915799912345")
        .map(|c| c["id"].to_string())
        .expect("the new caller id");
    json_and_stderr(with_sandbox(&["sms", "caller-ids", "verify", &id, &code]));

    let (call, _) = json_and_stderr(with_sandbox(&[
        "call",
        "start",
        "--from",
        "e0",
        "--to",
        "+4915739777777",
    ]));
    let session = call["sessionId"].as_str().expect("sessionId").to_owned();
    let (muted, _) = json_and_stderr(with_sandbox(&["calls", "mute", &session]));
    assert_eq!(muted["action"], "mute");

    // SIGTERM: the state is saved and the registration removed.
    let killed = StdCommand::new("kill")
        .args(["-TERM", &sandbox.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let mut sandbox = sandbox;
    let status = (0..100)
        .find_map(|_| {
            std::thread::sleep(Duration::from_millis(50));
            sandbox.child.try_wait().ok().flatten()
        })
        .expect("the sandbox stops on SIGTERM");
    assert!(status.success(), "{status:?}");
    assert!(!discovery.exists(), "the registration is removed");

    // A restart with the state file: same credentials, the verified caller id is still there.
    let again = Running::spawn_with(&args(&["--no-register"]), &discovery);
    let restarted: Value = serde_json::from_str(&Running::next(&again.stdout)).expect("JSON line");
    assert_eq!(restarted["tokenId"], started["tokenId"]);
    // The OAuth client is kept in the state file too.
    assert_eq!(restarted["oauth"]["clientId"], started["oauth"]["clientId"]);
    assert_eq!(
        restarted["oauth"]["clientSecret"],
        started["oauth"]["clientSecret"]
    );
    assert_eq!(restarted["registeredIn"], Value::Null);
    assert!(!discovery.exists(), "--no-register");
    let (ids, _) = json_and_stderr(bare(&[
        "--base-url",
        restarted["baseUrl"].as_str().expect("baseUrl"),
        "--token-id",
        restarted["tokenId"].as_str().expect("tokenId"),
        "--token",
        restarted["token"].as_str().expect("token"),
        "sms",
        "caller-ids",
        "list",
    ]));
    assert!(
        ids.as_array()
            .expect("array")
            .iter()
            .any(|c| c["phonenumber"] == "+4915799912345" && c["verified"] == true),
        "{ids}"
    );
    let _ = std::fs::remove_file(&state);
}

/// `SIPGATEIO_SANDBOX_URL` with its credentials names a sandbox; a half-set environment is a
/// usage error naming the variables; a stale registration is ignored, and said so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_from_the_environment_and_stale_registrations() {
    let env = Env::start().await;
    let mut cmd = bare(&[
        "--sandbox",
        "contacts",
        "create",
        "--given",
        "Katherine",
        "--family",
        "Johnson",
    ]);
    cmd.env("SIPGATEIO_SANDBOX_URL", env.sandbox.base_url())
        .env("SIPGATEIO_SANDBOX_TOKEN_ID", env.sandbox.token_id())
        .env("SIPGATEIO_SANDBOX_TOKEN", env.sandbox.token());
    let (_, said) = json_and_stderr(cmd);
    assert!(
        said.contains(&format!(
            "using the running sandbox at {} (from SIPGATEIO_SANDBOX_URL)",
            env.sandbox.base_url()
        )),
        "{said}"
    );
    assert!(
        env.sandbox
            .contacts()
            .iter()
            .any(|c| c.name == "Katherine Johnson")
    );

    let mut half = bare(&["--sandbox", "numbers", "list"]);
    half.env("SIPGATEIO_SANDBOX_URL", env.sandbox.base_url());
    half.assert()
        .code(2)
        .stderr(predicate::str::contains("SIPGATEIO_SANDBOX_TOKEN_ID"));

    let stale = temp_file(
        "stale-discovery.json",
        br#"{"baseUrl": "http://127.0.0.1:9/v2", "tokenId": "token-STALE1", "token": "t"}"#,
    );
    let mut cmd = bare(&["--sandbox", "numbers", "list"]);
    cmd.env("SIPGATEIO_SANDBOX_FILE", &stale);
    let (numbers, said) = json_and_stderr(cmd);
    assert!(!numbers.as_array().expect("array").is_empty());
    assert!(said.contains("ignoring the stale registration"), "{said}");
    assert!(said.contains("using an ephemeral one"), "{said}");
}

/// A bad input is reported under the flag or argument the user typed, never under the SDK's
/// name for it; nothing is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_name_the_flag_typed() {
    let env = Env::start().await;
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "sms",
                "schedule",
                "--to",
                "+4915739777777",
                "--at",
                "2020-01-01T00:00:00Z",
                "x",
            ],
            "invalid --at: must not be in the past",
        ),
        (
            &[
                "sms",
                "schedule",
                "--to",
                "+4915739777777",
                "--in",
                "40d",
                "x",
            ],
            "invalid --in: must be at most 30 days in the future",
        ),
        (
            &["sms", "send", "--from", "x0", "--to", "+4915739777777", "x"],
            "invalid --from: must be an extension of type s",
        ),
        (
            &[
                "sms",
                "send",
                "--from",
                "+49211abc",
                "--to",
                "+4915739777777",
                "x",
            ],
            "invalid --from: must be a phone number",
        ),
        (
            &["sms", "send", "--to", "+4915739777777", " "],
            "invalid MESSAGE: must not be empty",
        ),
        (
            &["sms", "caller-ids", "--sms-id", "x0"],
            "invalid --sms-id: must be an extension of type s",
        ),
        (
            &["sms", "caller-ids", "add", "tel:+4915799912345"],
            "invalid NUMBER: must be a phone number in E.164 format (e.g. +4915739777777): leave out the `tel:` prefix",
        ),
        (
            &["call", "start", "--from", "e0", "--to", "++4915739777777"],
            "invalid --to: must be a phone number in E.164 format (e.g. +4915739777777): only one `+`",
        ),
        (&["calls", "dtmf", "C1", "XYZ"], "invalid SEQUENCE: "),
        (
            &["contacts", "create", "--given", "Ada", "--number", "0211"],
            "invalid --number: ",
        ),
        (
            &["webhook-settings", "set-incoming", "ftp://example.com/"],
            "invalid URL: ",
        ),
        (
            &[
                "simulate",
                "call",
                "--from",
                "0157",
                "--to",
                "+4921100000000",
            ],
            "invalid --from: ",
        ),
        (
            &[
                "simulate",
                "call",
                "--from",
                "+4915790000001",
                "--to",
                "+4921100000000",
                "--webhook-url",
                "hook",
            ],
            "invalid --webhook-url: must be an http(s) URL",
        ),
    ];
    for (args, expected) in cases {
        let stderr = env.fails(args, 5);
        assert!(
            stderr.starts_with(&format!("error: {expected}")),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("invalid input"), "{args:?}: {stderr}");
    }
    bare(&["webhook", "listen", "--answer", "dial:0211"])
        .assert()
        .code(5)
        .stderr(predicate::str::starts_with("error: invalid --answer: "));
    assert!(env.sandbox.sent_sms().is_empty());
    assert!(env.sandbox.initiated_calls().is_empty());
}

/// `--help` names the value of `--in`, and help into a closed pipe exits quietly.
#[test]
fn help_reads_well_and_survives_a_closed_pipe() {
    let help = bare(&["sms", "schedule", "--help"]).output().expect("runs");
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("--in <DURATION>"), "{text}");
    assert!(!text.contains("<in_>"), "{text}");
    for args in [
        &["--help"][..],
        &["sms", "--help"],
        &["completions", "bash"],
    ] {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let output = StdCommand::new(BIN)
            .args(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(
            output.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// `contacts export --format csv` writes what `contacts import` reads back: the names and every
/// number of the exported contacts come back (a contact with two numbers as two rows, which
/// sipgate's CSV import makes two contacts).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csv_export_imports_back() {
    let env = Env::start().await;
    env.json(&[
        "contacts",
        "create",
        "--given",
        "Grace",
        "--family",
        "Brewster Murray Hopper",
        "--number",
        "+4930123450001",
        "--number",
        "+4915712340002",
    ]);
    env.json(&[
        "contacts",
        "create",
        "--name",
        "O'Neil, \"Ted\"",
        "--given",
        "Ted",
        "--number",
        "+4930123450003",
    ]);
    let exported = temp_file("roundtrip.csv", b"");
    env.cmd(&[
        "contacts",
        "export",
        "--format",
        "csv",
        "--scope",
        "private",
        "--output",
        text(&exported),
    ])
    .assert()
    .success();
    let private = |env: &Env| -> Vec<(String, String)> {
        let mut rows: Vec<(String, String)> = env
            .sandbox
            .contacts()
            .into_iter()
            .filter(|c| c.scope == "PRIVATE")
            .flat_map(|c| {
                c.numbers
                    .into_iter()
                    .map(move |n| (c.name.clone(), n.number))
            })
            .collect();
        rows.sort();
        rows
    };
    let before = private(&env);
    assert!(before.len() >= 3, "{before:?}");

    // Into a fresh account: the same names and numbers.
    let fresh = Env::start().await;
    for contact in fresh.sandbox.contacts() {
        if contact.scope == "PRIVATE" {
            fresh.json(&["contacts", "delete", &contact.id]);
        }
    }
    let imported = fresh.json(&["contacts", "import", text(&exported)]);
    assert_eq!(imported["imported"], before.len());
    assert_eq!(private(&fresh), before);
}

/// `devices …`: bad input is named by the flag or argument typed, exit 5, and nothing is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn devices_errors_name_the_flag_typed() {
    let env = Env::start().await;
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "devices", "create", "external", "--alias", "Home", "--number", "0211",
            ],
            "invalid --number: must be a phone number in E.164 format",
        ),
        (
            &["devices", "create", "register", "--alias", " "],
            "invalid --alias: must not be empty",
        ),
        (
            &["devices", "create", "mobile", "--alias", "M", "--user", ""],
            "invalid --user: must be a non-empty id",
        ),
        (
            &["devices", "rename", "e0", " "],
            "invalid ALIAS: must not be empty",
        ),
        (
            &["devices", "get", ".."],
            "invalid DEVICE: must be a non-empty id",
        ),
        (
            &["devices", "caller-id", "set", "e0", "12"],
            "invalid NUMBER: ",
        ),
        (
            &["devices", "target-number", "x0", "0211"],
            "invalid NUMBER: must be a phone number",
        ),
        (
            &["devices", "local-prefix", "set", "e0", "+4930"],
            "invalid PREFIX: must be an area code",
        ),
        (
            &["devices", "sim", "activate", "y0", ""],
            "invalid SIM_ID: must be a non-empty id",
        ),
        (
            &["devices", "sim", "order", "y0", "--address", " "],
            "invalid --address: must be a non-empty id",
        ),
    ];
    for (args, expected) in cases {
        let stderr = env.fails(args, 5);
        assert!(
            stderr.starts_with(&format!("error: {expected}")),
            "{args:?}: {stderr}"
        );
    }
}

/// `devices …` against the sandbox: each command reaches its operation and prints JSON.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn devices_administration() {
    let env = Env::start().await;
    let device = env.json(&["devices", "get", "e0"]);
    assert_eq!(device["id"], "e0");
    assert!(device["type"].is_string());

    let phone = env.json(&["devices", "create", "register", "--alias", "Desk"]);
    assert_eq!(phone["alias"], "Desk");
    assert!(phone["credentials"].is_object(), "{phone}");
    let mobile = env.json(&[
        "devices", "create", "mobile", "--alias", "M", "--user", "w0",
    ]);
    assert_eq!(mobile["alias"], "M");
    let home = env.json(&[
        "devices",
        "create",
        "external",
        "--alias",
        "Home",
        "--number",
        "+4921112345",
    ]);
    assert_eq!(home["number"], "+4921112345");

    let settings = env.json(&["devices", "settings", "e0"]);
    assert_eq!(settings["device"], "e0");
    assert!(settings["singleRowDisplay"].is_boolean(), "{settings}");
    assert_eq!(
        env.json(&["devices", "rename", "e0", "Front desk"]),
        serde_json::json!({"device": "e0", "alias": "Front desk"})
    );
    assert_eq!(
        env.json(&["devices", "dnd", "e0", "on"]),
        serde_json::json!({"device": "e0", "dnd": true})
    );
    assert_eq!(
        env.json(&["devices", "caller-id", "set", "e0", "+4921100000000"]),
        serde_json::json!({"device": "e0", "callerId": "+4921100000000"})
    );
    assert_eq!(
        env.json(&["devices", "caller-id", "get", "e0"])["device"],
        "e0"
    );
    assert_eq!(
        env.json(&["devices", "local-prefix", "set", "e0", "0211"])["localPrefix"]["value"],
        "0211"
    );
    env.json(&["devices", "local-prefix", "off", "e0"]);
    env.json(&["devices", "reset-password", "e0"]);
    assert_eq!(
        env.json(&["devices", "single-row-display", "e0", "on"]),
        serde_json::json!({"device": "e0", "singleRowDisplay": true})
    );
    assert_eq!(
        env.json(&["devices", "tariff-announcement", "e0", "off"]),
        serde_json::json!({"device": "e0", "tariffAnnouncement": false})
    );
    assert_eq!(
        env.json(&["devices", "target-number", "x0", "+4921112345"]),
        serde_json::json!({"device": "x0", "number": "+4921112345"})
    );
    assert_eq!(
        env.json(&["devices", "incoming-call-display", "x0", "caller"]),
        serde_json::json!({"device": "x0", "incomingCallDisplay": "CALLER_NUMBER"})
    );
    assert!(env.json(&["devices", "contingents", "y0"]).is_array());
    assert_eq!(
        env.json(&["devices", "sim", "order", "y0", "--address", "1"]),
        serde_json::json!({"device": "y0", "simOrdered": {"addressId": "1"}})
    );
    env.json(&[
        "devices", "sim", "activate", "y0", "1234567", "--user", "w0",
    ]);
    env.json(&["devices", "sim", "deactivate", "y0"]);
    assert_eq!(
        env.json(&["devices", "delete", "x0"]),
        serde_json::json!({"device": "x0", "deleted": true})
    );

    // People get lines and tables, with the SIP credentials of a new phone.
    env.cmd(&["devices", "create", "register", "--alias", "Desk 2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("SIP password").and(predicate::str::contains("Desk 2")));
    env.cmd(&["devices", "rename", "e0", "Desk"])
        .assert()
        .success()
        .stdout(predicate::str::contains("renamed e0 to Desk"));

    let answered = env.sandbox.answered_operations();
    for operation in [
        "getDevice",
        "createRegisterDevice",
        "createMobileDevice",
        "createExternalDevice",
        "getCallerId",
        "getLocalprefix",
        "getSingleRowDisplay",
        "getTariffAnnouncement",
        "changeDeviceAlias",
        "changeDeviceSettings",
        "changeCallerIdSettings",
        "changeLocalprefixSettings",
        "changeDevicePassword",
        "changeSingleRowDisplay",
        "changeTariffAnnouncement",
        "changeTargetNumberOfDevice",
        "changeCallerDisplayOfDevice",
        "getDeviceContingents",
        "orderSim",
        "activateSim",
        "deactivateSim",
        "deleteDevice",
    ] {
        assert!(answered.contains(operation), "{operation}: {answered:?}");
    }
}

/// Fax lines, `fax resend`, number routing, quick dials, `contacts update` and the voicemail
/// commands against the sandbox: each command reaches its operation and prints JSON; bad
/// arguments are refused under their own names before anything is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn domain_administration() {
    let env = Env::start().await;

    // Fax lines.
    let created = env.json(&["fax", "lines", "create"]);
    assert!(created["id"].is_string(), "{created}");
    assert_eq!(
        env.json(&["fax", "lines", "rename", "f0", "Accounting"]),
        serde_json::json!({"id": "f0", "alias": "Accounting"})
    );
    assert_eq!(
        env.json(&["fax", "lines", "tagline", "f0", "Example Ltd."]),
        serde_json::json!({"id": "f0", "tagline": "Example Ltd."})
    );
    assert_eq!(
        env.json(&["fax", "lines", "caller-id", "f0", "+4921100000000"]),
        serde_json::json!({"id": "f0", "callerId": "+4921100000000"})
    );
    assert!(env.json(&["fax", "lines", "caller-id", "f0"])["callerId"].is_string());
    assert!(
        env.json(&["fax", "lines", "numbers", "f0", "--user", "w0"])
            .is_array()
    );
    assert_eq!(env.json(&["fax", "lines", "list"])[0]["id"], "f0");
    assert_eq!(
        env.json(&["fax", "lines", "delete", "f1"]),
        serde_json::json!({"deleted": "f1"})
    );

    // Resending a sent fax.
    let pdf = temp_file("resend.pdf", PDF);
    let sent = env.json(&["fax", "send", "--to", "+4921100000123", text(&pdf)]);
    let session = sent["sessionId"].as_str().expect("a session id");
    let resent = env.json(&["fax", "resend", session, "--from", "f0"]);
    assert!(resent["sessionId"].is_string(), "{resent}");

    // Numbers: a user's, routing, quick dials.
    assert!(env.json(&["numbers", "list", "--user", "w0"]).is_array());
    assert_eq!(
        env.json(&["numbers", "route", "n0", "g1"]),
        serde_json::json!({"id": "n0", "endpointId": "g1"})
    );
    assert_eq!(
        env.json(&["numbers", "quick-dial", "check", "10"]),
        serde_json::json!({"number": "10", "free": true})
    );
    assert_eq!(
        env.json(&["numbers", "quick-dial", "add", "10", "--user", "w1"]),
        serde_json::json!({"number": "10", "userId": "w1"})
    );
    env.json(&["numbers", "quick-dial", "change", "q1", "11"]);
    assert_eq!(
        env.json(&["numbers", "quick-dial", "delete", "q1"]),
        serde_json::json!({"deleted": "q1"})
    );

    // Contacts: the fields given replace the contact's, the rest stays.
    let contacts = env.json(&["contacts", "list", "--scope", "private"]);
    let first = &contacts[0];
    let id = first["id"].as_str().expect("a contact id");
    let updated = env.json(&[
        "contacts",
        "update",
        id,
        "--name",
        "Grace B. Hopper",
        "--number",
        "+4930111111",
    ]);
    assert_eq!(updated["name"], "Grace B. Hopper");
    assert_eq!(updated["numbers"][0]["number"], "+4930111111");
    assert_eq!(updated["emails"], first["emails"]);
    let listed = env.json(&["contacts", "list", "--scope", "private"]);
    assert_eq!(listed[0]["name"], "Grace B. Hopper");

    // Google import: the token comes from stdin.
    let output = env
        .cmd(&["--json", "contacts", "import-google"])
        .write_stdin("ya29.a-google-token\n")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let answer: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(answer, serde_json::json!({"status": "requested"}));
    let output = env
        .cmd(&["contacts", "import-google"])
        .write_stdin("\n")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(5), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("invalid token on stdin: "), "{stderr}");

    // Voicemails.
    let voicemail = env.json(&["voicemails", "get", "v0"]);
    assert_eq!(voicemail["id"], "v0");
    for args in [
        &["voicemails", "record-greeting", "v0", "--device", "e0"][..],
        &[
            "voicemails",
            "record-ivr",
            "h0",
            "--device",
            "e0",
            "--endpoint",
            "MAIN",
        ],
        &["voicemails", "play", "1000171", "--device", "e0"],
    ] {
        assert!(env.json(args)["sessionId"].is_string(), "{args:?}");
    }

    let answered = env.sandbox.answered_operations();
    for operation in [
        "createFaxline",
        "changeFaxlineAlias",
        "changeTagline",
        "changeFaxlineCallerIdSettings",
        "getFaxlineCallerId",
        "getFaxlineNumbers",
        "deleteFaxline",
        "resendFax",
        "getUserNumbers",
        "changeNumberSettings",
        "validateQuickDialNumber",
        "addQuickDialNumber",
        "changeQuickDialNumber",
        "deleteQuickDialNumber",
        "updateContact",
        "importFromGoogle",
        "getVoicemail",
        "newRecording",
        "newIvrRecording",
        "playRecording",
    ] {
        assert!(answered.contains(operation), "{operation}: {answered:?}");
    }

    // Bad arguments: named as typed, exit 5, nothing sent.
    for (args, expected) in [
        (
            &["fax", "lines", "delete", "p0"][..],
            "invalid FAXLINE_ID: ",
        ),
        (&["fax", "lines", "rename", "f0", " "], "invalid ALIAS: "),
        (
            &["fax", "lines", "caller-id", "f0", "0211"],
            "invalid NUMBER: ",
        ),
        (&["fax", "resend", "1", "--from", "p0"], "invalid --from: "),
        (
            &["numbers", "route", "n0", "reception"],
            "invalid EXTENSION: ",
        ),
        (&["numbers", "quick-dial", "add", "1a"], "invalid NUMBER: "),
        (
            &["numbers", "quick-dial", "check", "+49"],
            "invalid NUMBER: ",
        ),
        (
            &["voicemails", "record-greeting", "v0", "--device", "p0"],
            "invalid --device: ",
        ),
        (
            &["voicemails", "record-ivr", "v0", "--device", "e0"],
            "invalid IVR_ID: ",
        ),
        (
            &["contacts", "update", "c0", "--number", "0211"],
            "invalid --number: ",
        ),
    ] {
        let stderr = env.fails(args, 5);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    env.fails(&["contacts", "update", "no-such-contact", "--name", "X"], 3);
}
