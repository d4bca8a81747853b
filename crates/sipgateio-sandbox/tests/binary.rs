//! The `sipgateio-sandbox` binary: banner with the base URL and credentials, serving until
//! killed, usage errors with exit code 2.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_sipgateio-sandbox");

/// Kills the child when dropped (a failing assertion must not leave a server running).
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The value after `label` on a banner line.
fn value<'a>(banner: &'a [String], label: &str) -> &'a str {
    banner
        .iter()
        .find_map(|line| line.trim().strip_prefix(label))
        .map(str::trim)
        .unwrap_or_else(|| panic!("{label} in the banner: {banner:#?}"))
}

#[tokio::test]
async fn the_binary_prints_what_to_point_the_sdk_at_and_serves_it() {
    let mut child = Running(
        Command::new(BIN)
            // Not registered: a test never writes the user's discovery file.
            .args(["--port", "0", "--no-register", "--token-id", "token-BIN123"])
            .args(["--token", "3b1c4a5e-8f2d-4c6b-9a7e-1d2f3a4b5c6d"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts"),
    );
    let stdout = child.0.stdout.take().expect("piped stdout");
    let banner: Vec<String> = BufReader::new(stdout)
        .lines()
        .map(|line| line.expect("utf-8 line"))
        .take_while(|line| !line.contains("Ctrl-C"))
        .collect();

    let base = value(&banner, "base URL:").to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    assert!(base.ends_with("/v2"), "{base}");
    assert_eq!(value(&banner, "token id:"), "token-BIN123");
    assert_eq!(
        value(&banner, "token:"),
        "3b1c4a5e-8f2d-4c6b-9a7e-1d2f3a4b5c6d"
    );

    let http = reqwest::Client::new();
    let numbers = http
        .get(format!("{base}/numbers"))
        .basic_auth("token-BIN123", Some("3b1c4a5e-8f2d-4c6b-9a7e-1d2f3a4b5c6d"))
        .send()
        .await
        .expect("the sandbox answers");
    assert_eq!(numbers.status(), 200);
    let unauthenticated = http
        .get(format!("{base}/numbers"))
        .send()
        .await
        .expect("the sandbox answers");
    assert_eq!(unauthenticated.status(), 401);
}

#[test]
fn usage_errors_exit_with_2_and_help_succeeds() {
    for args in [
        &["--bogus"][..],
        &["--port", "eighty"],
        &["--token-id", "token-ABC123"],
    ] {
        let output = Command::new(BIN).args(args).output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    }
    let help = Command::new(BIN).arg("--help").output().expect("runs");
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--port"));
}

/// `operations --json`: what `cargo xtask coverage` reads — every operation of the description
/// once, with how it is served.
#[test]
fn the_binary_lists_the_operations_it_serves() {
    let output = Command::new(BIN)
        .args(["operations", "--json"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let listed: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let listed = listed.as_array().expect("an array");
    let description: serde_json::Value =
        serde_json::from_str(include_str!("../api/sipgate-api.json")).expect("JSON");
    let count = description["paths"].as_object().map(|paths| {
        paths
            .values()
            .filter_map(|p| p.as_object())
            .map(|p| p.len())
            .sum::<usize>()
    });
    assert_eq!(Some(listed.len()), count);
    for entry in listed {
        let keys: Vec<&String> = entry.as_object().expect("an object").keys().collect();
        assert_eq!(keys, ["operationId", "served"], "{entry}");
    }
    let served = |id: &str| {
        listed
            .iter()
            .find(|o| o["operationId"] == id)
            .map(|o| o["served"].clone())
    };
    assert_eq!(served("sendWebSms"), Some("stateful".into()));
    assert_eq!(served("createDevice"), Some("described".into()));

    let text = Command::new(BIN).arg("operations").output().expect("runs");
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).contains("GET    /devices/{deviceId}"));
    let bad = Command::new(BIN)
        .args(["operations", "--yaml"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
}

/// `sipgateio-sandbox --help | head -1`: a closed stdout is no panic, the exit is quiet.
#[test]
fn help_into_a_closed_pipe_exits_quietly() {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let output = Command::new(BIN)
        .arg("--help")
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// With `--state` and a discovery file: the registration holds the credentials while the
/// sandbox runs, the log shows a caller id's verification code, and SIGTERM saves the state
/// and removes the registration.
#[cfg(unix)]
#[tokio::test]
async fn state_file_registration_and_log_of_the_binary() {
    use std::sync::mpsc;
    use std::time::Duration;

    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("sandbox-binary-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let state = dir.join("state.json");
    let registration = dir.join("sandbox.json");
    let mut child = Running(
        Command::new(BIN)
            .args(["--port", "0", "--state"])
            .arg(&state)
            .env("SIPGATEIO_SANDBOX_FILE", &registration)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts"),
    );
    let stdout = child.0.stdout.take().expect("piped stdout");
    let banner: Vec<String> = BufReader::new(stdout)
        .lines()
        .map(|line| line.expect("utf-8 line"))
        .take_while(|line| !line.contains("Ctrl-C"))
        .collect();
    let text = banner.join("\n");
    assert!(
        text.contains(&format!("State: kept in {}", state.display())),
        "{text}"
    );
    assert!(text.contains("sipgateio --sandbox"), "{text}");
    let (lines, log) = mpsc::channel();
    let stderr = child.0.stderr.take().expect("piped stderr");
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });

    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&registration).expect("registered"))
            .expect("JSON");
    let base = record["baseUrl"].as_str().expect("base URL").to_owned();
    assert_eq!(base, value(&banner, "base URL:"));
    let (id, token) = (
        record["tokenId"].as_str().expect("token id").to_owned(),
        record["token"].as_str().expect("token").to_owned(),
    );
    let added = reqwest::Client::new()
        .post(format!("{base}/w0/sms/s0/callerids"))
        .basic_auth(&id, Some(&token))
        .json(&serde_json::json!({"phonenumber": "+4915799912345"}))
        .send()
        .await
        .expect("the sandbox answers");
    assert_eq!(added.status(), 204);
    let logged = (0..100)
        .find_map(|_| {
            log.recv_timeout(Duration::from_millis(100))
                .ok()
                .filter(|line| {
                    line.contains("verification code") && line.contains("+4915799912345")
                })
        })
        .expect("the code is in the log");
    assert!(logged.contains("code="), "{logged}");

    let pid = child.0.id().to_string();
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let status = (0..100)
        .find_map(|_| {
            std::thread::sleep(Duration::from_millis(50));
            child.0.try_wait().ok().flatten()
        })
        .expect("the sandbox stops on SIGTERM");
    assert!(status.success(), "{status:?}");
    assert!(
        !registration.exists(),
        "the registration is removed on exit"
    );
    let saved = std::fs::read_to_string(&state).expect("state saved");
    assert!(
        saved.contains("+4915799912345"),
        "the new caller id is kept"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
