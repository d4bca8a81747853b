//! What the API sent, shown on a terminal: the binary runs under `script` (util-linux), so its
//! stdout is a pseudo-terminal, against a sandbox holding a contact and an SMS whose text carries
//! escape sequences, a one-byte CSI, a bare carriage return and bidi overrides. Tables, `--json`,
//! exports and the streamed history export show them escaped; piped, the same commands write
//! them as they came.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use sipgateio::sandbox::Sandbox;

const BIN: &str = env!("CARGO_BIN_EXE_sipgateio");

/// Clears the screen, retitles the window, rings the bell.
const HOSTILE_GIVEN: &str = "Ada\u{1b}[2J\u{1b}]0;pwned\u{7}";
/// A right-to-left override and a bare carriage return that would overwrite the line.
const HOSTILE_FAMILY: &str = "\u{202e}gnp.exe\rX";
/// The one-byte CSI of C1 and DEL.
const HOSTILE_SMS: &str = "pay now \u{9b}31mred\u{7f}";

/// Characters a terminal acts on, none of which may reach it.
fn acts_on_the_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\r' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `sipgateio <args>` with stdout on a pseudo-terminal (stderr to /dev/null: no progress bars),
/// pointed at `sandbox`; what the terminal received, its `\r\n` line ends back to `\n`.
fn on_a_terminal(sandbox: &Sandbox, args: &[&str]) -> String {
    let mut words = vec![BIN.to_owned()];
    words.extend(args.iter().map(|a| (*a).to_owned()));
    words.extend([
        "--base-url".to_owned(),
        sandbox.base_url(),
        "--token-id".to_owned(),
        sandbox.token_id().to_owned(),
        "--token".to_owned(),
        sandbox.token().to_owned(),
    ]);
    let line: Vec<String> = words.iter().map(|w| quoted(w)).collect();
    let output = Command::new("script")
        .args(["--quiet", "--return", "--command"])
        .arg(format!("{} 2>/dev/null", line.join(" ")))
        .arg("/dev/null")
        .env("XDG_CONFIG_HOME", config_dir())
        .env(
            "SIPGATEIO_SANDBOX_FILE",
            config_dir().join("no-sandbox.json"),
        )
        .env("COLUMNS", "400")
        .env_remove("SIPGATEIO_PROFILE")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("`script` (util-linux) runs the binary on a pseudo-terminal");
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .replace("\r\n", "\n")
}

/// `sipgateio <args>` with stdout a pipe.
fn piped(sandbox: &Sandbox, args: &[&str]) -> String {
    let output = Command::new(BIN)
        .args(args)
        .args(["--base-url", &sandbox.base_url(), "--token-id"])
        .args([sandbox.token_id(), "--token", sandbox.token()])
        .env("XDG_CONFIG_HOME", config_dir())
        .env(
            "SIPGATEIO_SANDBOX_FILE",
            config_dir().join("no-sandbox.json"),
        )
        .env_remove("SIPGATEIO_PROFILE")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn config_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sipgateio-cli-terminal")
}

/// One word for `sh -c`.
fn quoted(word: &str) -> String {
    format!("'{}'", word.replace('\'', "'\\''"))
}

fn assert_safe(shown: &str, what: &str) {
    let bad: Vec<char> = shown.chars().filter(|&c| acts_on_the_terminal(c)).collect();
    assert!(
        bad.is_empty(),
        "{what}: {bad:?} reached the terminal:\n{shown}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_the_api_sent_cannot_act_on_the_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        panic!("this test needs `script` from util-linux (Debian: bsdutils)");
    }
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    piped(
        &sandbox,
        &[
            "contacts",
            "create",
            "--given",
            HOSTILE_GIVEN,
            "--family",
            HOSTILE_FAMILY,
            "--number",
            "+4921100000777",
            "--scope",
            "private",
        ],
    );
    let id = sandbox
        .contacts()
        .into_iter()
        .find(|c| c.name.starts_with("Ada"))
        .expect("created")
        .id;
    piped(
        &sandbox,
        &["sms", "send", "--to", "+4915739777777", HOSTILE_SMS],
    );
    let sms: Value = serde_json::from_str(&piped(
        &sandbox,
        &["history", "list", "--type", "sms", "--all", "--json"],
    ))
    .expect("JSON");
    let entry = sms[0]["id"]
        .as_str()
        .expect("the SMS in the history")
        .to_owned();
    piped(
        &sandbox,
        &["history", "update", &entry, "--note", HOSTILE_SMS],
    );

    // A table: the cells escaped, shown as `\u{…}`.
    let table = on_a_terminal(&sandbox, &["contacts", "list", "--scope", "private"]);
    assert_safe(&table, "contacts list");
    assert!(
        table.contains("Ada\\u{1b}[2J\\u{1b}]0;pwned\\u{7}"),
        "{table}"
    );
    assert!(table.contains("\\u{202e}gnp.exe\\u{d}X"), "{table}");

    // One record as fields.
    let shown = on_a_terminal(&sandbox, &["history", "get", &entry]);
    assert_safe(&shown, "history get");
    assert!(shown.contains("pay now \\u{9b}31mred\\u{7f}"), "{shown}");

    // `--json` on a terminal: escaped as JSON escapes, so it is still JSON, with the same value
    // as the piped output, which carries the characters as they came.
    let json_args = ["contacts", "list", "--scope", "private", "--json"];
    let shown = on_a_terminal(&sandbox, &json_args);
    assert_safe(&shown, "contacts list --json");
    let raw = piped(&sandbox, &json_args);
    assert!(
        raw.contains('\u{202e}'),
        "piped output is as it came: {raw}"
    );
    let shown_value: Value = serde_json::from_str(&shown).expect("still JSON");
    let raw_value: Value = serde_json::from_str(&raw).expect("JSON");
    assert_eq!(shown_value, raw_value);
    let ada = shown_value
        .as_array()
        .and_then(|all| all.iter().find(|c| c["id"] == id.as_str()))
        .expect("the contact");
    assert_eq!(
        ada["name"].as_str().map(|n| n.contains(HOSTILE_FAMILY)),
        Some(true)
    );

    // Exports to a terminal: vCard and CSV as text, JSON as JSON.
    for format in ["vcard", "csv", "csv-full"] {
        let args = [
            "contacts", "export", "--format", format, "--scope", "private",
        ];
        let shown = on_a_terminal(&sandbox, &args);
        assert_safe(&shown, format);
        assert!(shown.contains("Ada\\u{1b}[2J"), "{format}: {shown}");
        // The export's own line ends (vCard's CRLF, to its last) are line ends, not escapes.
        assert!(!shown.trim_end().ends_with("\\u{d}"), "{format}: {shown}");
        // Piped: as the export wrote it (vCard escapes the `;`, CSV may quote).
        let raw = piped(&sandbox, &args);
        assert!(raw.contains("Ada\u{1b}[2J\u{1b}]0"), "{format}: {raw}");
    }
    let args = [
        "contacts", "export", "--format", "json", "--scope", "private",
    ];
    let shown = on_a_terminal(&sandbox, &args);
    assert_safe(&shown, "json export");
    let shown_value: Value = serde_json::from_str(&shown).expect("still JSON");
    let raw_value: Value = serde_json::from_str(&piped(&sandbox, &args)).expect("JSON");
    assert_eq!(shown_value, raw_value);

    // The history: listed, and its CSV export streamed to the terminal line by line.
    let listed = on_a_terminal(&sandbox, &["history", "list", "--type", "sms", "--all"]);
    assert_safe(&listed, "history list");
    let exported = on_a_terminal(&sandbox, &["history", "export"]);
    assert_safe(&exported, "history export");
    assert!(exported.starts_with("id,"), "{exported}");
    let piped_export = piped(&sandbox, &["history", "export"]);
    assert_eq!(
        exported.lines().count(),
        piped_export.lines().count(),
        "every line shown:\n{exported}"
    );
    assert!(piped_export.contains(HOSTILE_SMS), "{piped_export}");
    assert!(
        exported.contains("pay now \\u{9b}31mred\\u{7f}"),
        "{exported}"
    );
}
