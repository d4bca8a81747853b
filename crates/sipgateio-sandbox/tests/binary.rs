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
            .args(["--port", "0", "--token-id", "token-BIN123"])
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
