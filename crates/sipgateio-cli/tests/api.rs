//! `sipgateio api` and the account commands (account, users, phonelines, groups, the webhook
//! log): the built binary against a sandbox started in the test process, and against a mock
//! server where a test asserts the exact request or needs an answer the sandbox does not give
//! (a binary body, an error status).

use std::path::PathBuf;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};
use sipgateio::sandbox::{Sandbox, SandboxConfig};
use sipgateio_test_support::mock;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const BIN: &str = env!("CARGO_BIN_EXE_sipgateio");

/// The variables that name credentials, a profile or a running sandbox: never taken from the
/// environment of the test.
const ENVIRONMENT: [&str; 8] = [
    "SIPGATE_TOKEN_ID",
    "SIPGATE_TOKEN",
    "SIPGATE_OAUTH_TOKEN",
    "SIPGATE_BASE_URL",
    "SIPGATEIO_SANDBOX_URL",
    "SIPGATEIO_SANDBOX_TOKEN_ID",
    "SIPGATEIO_SANDBOX_TOKEN",
    "SIPGATEIO_PROFILE",
];

/// This test binary's temporary folder.
fn temp_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sipgateio-cli-api");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A file in [`temp_dir`], named for this process.
fn temp_path(name: &str) -> PathBuf {
    temp_dir().join(format!("{}-{name}", std::process::id()))
}

/// The binary without credentials, SIPGATE_* variables, profiles or a registered sandbox.
fn bare(args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    for var in ENVIRONMENT {
        cmd.env_remove(var);
    }
    // Neither a registered sandbox nor stored profiles of the user who runs the tests.
    cmd.env("SIPGATEIO_SANDBOX_FILE", temp_path("no-sandbox.json"));
    cmd.env("XDG_CONFIG_HOME", temp_dir().join("no-profiles"));
    cmd.args(args).timeout(Duration::from_secs(60));
    cmd
}

/// `sipgateio --base-url {base} --token-id … --token … <args>` with the mock's credentials.
fn at(base: &str, token_id: &str, token: &str, args: &[&str]) -> Command {
    let mut cmd = bare(args);
    cmd.args(["--base-url", base, "--token-id", token_id, "--token", token]);
    cmd
}

/// A command against the mock server (base URL `{server}/v2`).
fn mocked(server: &MockServer, args: &[&str]) -> Command {
    at(
        &format!("{}/v2", server.uri()),
        mock::TOKEN_ID,
        mock::TOKEN,
        args,
    )
}

/// A sandbox that checks every request against the API description (unknown fields, wrong
/// types, missing required fields are a 400): what the CLI sends is what sipgate documents.
async fn strict_sandbox() -> Sandbox {
    Sandbox::start_with(SandboxConfig::default().strict(true))
        .await
        .expect("sandbox starts")
}

/// A command against the sandbox.
fn sandboxed(sandbox: &Sandbox, args: &[&str]) -> Command {
    at(
        &sandbox.base_url(),
        sandbox.token_id(),
        sandbox.token(),
        args,
    )
}

/// Runs `cmd`, expects success, and parses stdout as JSON.
fn json_of(mut cmd: Command) -> Value {
    let output = cmd.output().expect("runs");
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// Runs `cmd`, expects exit `code`, nothing on stdout and one `error:` line on stderr, and
/// returns that line.
fn fails(mut cmd: Command, code: i32) -> String {
    let output = cmd.output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "{stderr}");
    assert!(output.stdout.is_empty(), "printed to stdout: {stderr}");
    let error: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(error.len(), 1, "one error line: {stderr}");
    error[0].to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_sends_the_exact_request() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/v2/w0/phonelines/p0/forwardings"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let body = temp_path("forwardings.json");
    std::fs::write(
        &body,
        r#"{"forwardings":[{"destination":"+4915799912345","timeout":20,"active":true}]}"#,
    )
    .expect("write the body");
    let output = mocked(
        &server,
        &[
            "api",
            "put",
            "/w0/phonelines/p0/forwardings",
            "--data",
            &format!("@{}", body.display()),
            "--query",
            "id=1",
            "--query",
            "id=2",
            "--query",
            "note=a b&c",
        ],
    )
    .output()
    .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // A 204 prints nothing; the request is in the description, so there is no note.
    assert!(output.stdout.is_empty());
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let received = mock::received(&server).await;
    assert_eq!(received.len(), 1);
    let request = &received[0];
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(request.url.path(), "/v2/w0/phonelines/p0/forwardings");
    assert_eq!(request.url.query(), Some("id=1&id=2&note=a+b%26c"));
    let header = |name: &str| {
        request
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(
        header("authorization").as_deref(),
        Some(mock::BASIC_AUTHORIZATION)
    );
    assert_eq!(header("content-type").as_deref(), Some("application/json"));
    assert_eq!(
        mock::json_body(request),
        json!({"forwardings":[{"destination":"+4915799912345","timeout":20,"active":true}]})
    );

    // Inline JSON, a DELETE without a body.
    mocked(
        &server,
        &[
            "api",
            "POST",
            "/w0/phonelines",
            "--data",
            r#"{"alias":"Desk"}"#,
        ],
    )
    .assert()
    .failure()
    .code(3);
    mocked(&server, &["api", "DELETE", "/w0/phonelines/p9"])
        .assert()
        .code(3);
    let received = mock::received(&server).await;
    assert_eq!(received.len(), 3);
    assert_eq!(mock::json_body(&received[1]), json!({"alias": "Desk"}));
    assert_eq!(received[2].method.as_str(), "DELETE");
    assert_eq!(received[2].url.path(), "/v2/w0/phonelines/p9");
    assert!(received[2].body.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_prints_bodies_and_saves_binary_ones() {
    let server = MockServer::start().await;
    let json_answer = r#"{"amount":100000,"currency":"EUR"}"#;
    Mock::given(method("GET"))
        .and(path("/v2/balance"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(json_answer, "application/json"))
        .mount(&server)
        .await;
    let recording: Vec<u8> = b"ID3\x04\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x00"
        .iter()
        .copied()
        .cycle()
        .take(70_000)
        .collect();
    Mock::given(method("GET"))
        .and(path("/v2/recordings/r1"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(recording.clone(), "audio/mpeg"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/history/export"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("id,type\n1,SMS\n", "text/csv"))
        .mount(&server)
        .await;

    // Not a terminal: the body as the API sent it.
    let out = mocked(&server, &["api", "GET", "/balance"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(out.stdout, json_answer.as_bytes());
    let out = mocked(&server, &["--json", "api", "GET", "/history/export"])
        .output()
        .expect("runs");
    assert_eq!(out.stdout, b"id,type\n1,SMS\n");

    // A binary body: piped as-is, or into --output (and a note on stderr: not in the
    // description).
    let out = mocked(&server, &["api", "GET", "/recordings/r1"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(out.stdout, recording);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("note: GET /recordings/r1 is not in sipgate's API description"),
        "{stderr}"
    );
    let file = temp_path("recording.mp3");
    let out = mocked(
        &server,
        &[
            "api",
            "GET",
            "/recordings/r1",
            "--output",
            file.to_str().expect("utf-8"),
        ],
    )
    .output()
    .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read(&file).expect("written"), recording);
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote 70000 bytes to"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_errors_exit_with_the_apis_message() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/log/webhooks"))
        .respond_with(ResponseTemplate::new(403).set_body_raw(
            r#"{"errors":[{"status":"403","title":"Forbidden","detail":"sipgate.io is not booked"}]}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let error = fails(mocked(&server, &["api", "GET", "/log/webhooks"]), 3);
    assert!(error.contains("403"), "{error}");
    assert!(error.contains("sipgate.io is not booked"), "{error}");
    // With --output, an error status leaves no file.
    let file = temp_path("log.json");
    let _ = std::fs::remove_file(&file);
    let error = fails(
        mocked(
            &server,
            &[
                "api",
                "GET",
                "/log/webhooks",
                "--output",
                file.to_str().expect("utf-8"),
            ],
        ),
        3,
    );
    assert!(error.contains("sipgate.io is not booked"), "{error}");
    assert!(!file.exists());
    assert!(!file.with_extension("json.part").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_refuses_bad_input_naming_it_and_sends_nothing() {
    let server = MockServer::start().await;
    let missing = temp_dir().join("no-such-body.json");
    let not_json = temp_path("not-json.txt");
    std::fs::write(&not_json, "alias=Desk").expect("write");
    let at_missing = format!("@{}", missing.display());
    let at_not_json = format!("@{}", not_json.display());
    let no_folder = temp_dir().join("no-such-folder").join("out.bin");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["FETCH", "/account"],
            "invalid METHOD: `FETCH` is not one of",
        ),
        (
            vec!["GET", "account"],
            "invalid PATH: `account` must start with `/`",
        ),
        (
            vec!["GET", "/history?limit=5"],
            "invalid PATH: must not hold a query",
        ),
        (
            vec!["GET", "/{userId}/phonelines"],
            "invalid PATH: fill in the path parameter `{userId}`",
        ),
        (
            vec!["POST", "/w0/phonelines", "--data", "{alias:1}"],
            "invalid --data: not JSON",
        ),
        (
            vec!["POST", "/w0/phonelines", "--data", &at_missing],
            "cannot read the file",
        ),
        (
            vec!["POST", "/w0/phonelines", "--data", &at_not_json],
            "not JSON",
        ),
        (
            vec!["GET", "/account", "--data", "{}"],
            "invalid --data: a GET request has no body",
        ),
        (
            vec!["GET", "/history", "--query", "limit"],
            "invalid --query `limit`: expected KEY=VALUE",
        ),
        (
            vec!["GET", "/history", "--query", "=5"],
            "invalid --query `=5`",
        ),
        (
            vec![
                "GET",
                "/account",
                "--output",
                no_folder.to_str().expect("utf-8"),
            ],
            "invalid --output: the folder",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["api"];
        all.extend(&args);
        let error = fails(mocked(&server, &all), 5);
        assert!(error.contains(expected), "{args:?}: {error}");
        if let Some(file) = args.iter().find(|a| a.starts_with('@')) {
            assert!(error.contains(&format!("--data {file}")), "{error}");
        }
    }
    // clap's usage errors: a missing PATH, --list with a request.
    mocked(&server, &["api", "GET"]).assert().code(2);
    mocked(&server, &["api", "--list", "GET", "/account"])
        .assert()
        .code(2);
    mock::assert_no_request(&server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_runs_against_the_sandbox() {
    let sandbox = strict_sandbox().await;
    let account = json_of(sandboxed(&sandbox, &["api", "GET", "/account"]));
    assert!(account.is_object(), "{account}");
    sandboxed(
        &sandbox,
        &[
            "api",
            "POST",
            "/sessions/sms",
            "--data",
            r#"{"smsId":"s0","recipient":"+4915799912345","message":"from the api command"}"#,
        ],
    )
    .assert()
    .success();
    // The body from stdin.
    sandboxed(&sandbox, &["api", "POST", "/sessions/sms", "--data", "@-"])
        .write_stdin(r#"{"smsId":"s0","recipient":"+4915799912345","message":"from stdin"}"#)
        .assert()
        .success();
    let sms = sandbox.sent_sms();
    assert_eq!(sms.len(), 2, "{sms:?}");
    assert_eq!(sms[0].message, "from the api command");
    assert_eq!(sms[1].message, "from stdin");
    assert_eq!(sms[1].recipient, "+4915799912345");
    // A body the description does not allow is the API's 400, exit 3, naming the field.
    let error = fails(
        sandboxed(
            &sandbox,
            &[
                "api",
                "POST",
                "/sessions/sms",
                "--data",
                r#"{"smsId":"s0","recipient":"+4915799912345","message":"x","colour":"red"}"#,
            ],
        ),
        3,
    );
    assert!(error.contains("400") && error.contains("colour"), "{error}");
    assert_eq!(sandbox.sent_sms().len(), 2);
    // The sandbox's 404 is exit 3 with its message.
    let error = fails(sandboxed(&sandbox, &["api", "GET", "/users/nobody"]), 3);
    assert!(error.contains("404"), "{error}");

    // --sandbox needs no credentials.
    let users = json_of(bare(&["--sandbox", "api", "GET", "/users"]));
    assert_eq!(users["items"][0]["id"], "w0", "{users}");
}

#[test]
fn api_list_names_operations_and_their_commands_without_credentials() {
    let listed = json_of(bare(&["--json", "api", "--list"]));
    let rows = listed.as_array().expect("an array");
    assert!(rows.len() > 150, "{} operations", rows.len());
    let sms = rows
        .iter()
        .find(|r| r["operationId"] == "sendWebSms")
        .expect("sendWebSms");
    assert_eq!(sms["method"], "POST");
    assert_eq!(sms["path"], "/sessions/sms");
    let commands = sms["commands"].as_array().expect("commands");
    assert!(
        commands.contains(&json!("sipgateio sms send")),
        "{commands:?}"
    );
    // Not a terminal: one tab-separated line per operation.
    let out = bare(&["api", "--list"]).output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.lines()
            .any(|l| l == "GET\t/log/webhooks\tgetWebhooksLog\tsipgateio webhook log"),
        "{text}"
    );
    assert_eq!(text.lines().count(), rows.len());
}

/// Mounts `GET {path}` answering `body` as JSON.
async fn answer_get(server: &MockServer, at: &str, body: Value) {
    Mock::given(method("GET"))
        .and(path(at))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

/// `METHOD /path?query` of every request `server` received, in order.
async fn lines_with_query(server: &MockServer) -> Vec<String> {
    mock::received(server)
        .await
        .iter()
        .map(|r| match r.url.query() {
            Some(query) => format!("{} {}?{query}", r.method, r.url.path()),
            None => format!("{} {}", r.method, r.url.path()),
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_users_and_phonelines_against_the_sandbox() {
    let sandbox = strict_sandbox().await;
    let json = |args: &[&str]| {
        let mut all = vec!["--json"];
        all.extend(args);
        json_of(sandboxed(&sandbox, &all))
    };
    let account = json(&["account", "get"]);
    assert!(account["company"].is_string(), "{account}");
    let balance = json(&["account", "balance"]);
    assert!(
        balance["amount"].is_i64() && balance["currency"].is_string(),
        "{balance}"
    );
    assert_eq!(json(&["users", "get", "w0"])["firstname"], "Ada");
    let lines = json(&["phonelines", "list"]);
    assert_eq!(lines[0]["id"], "p0", "{lines}");
    assert_eq!(json(&["phonelines", "get", "p0"])["id"], "p0");
    // Tables for people.
    let out = sandboxed(&sandbox, &["account", "balance"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("amount") && text.contains("currency"),
        "{text}"
    );
    // An unknown user is the API's 404: exit 3.
    let error = fails(sandboxed(&sandbox, &["users", "get", "nobody"]), 3);
    assert!(error.contains("404"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phoneline_forwardings_send_the_exact_requests() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/v2/w1/phonelines/p0/forwardings"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    answer_get(
        &server,
        "/v2/w1/phonelines/p0/forwardings",
        json!({"items": [{"destination": "+4915799912345", "timeout": 15, "active": true, "alias": "Mobile"}]}),
    )
    .await;
    answer_get(&server, "/v2/authorization/userinfo", json!({"sub": "w1"})).await;

    let set = json_of(mocked(
        &server,
        &[
            "--json",
            "phonelines",
            "set-forwardings",
            "p0",
            "--user",
            "w1",
            "--to",
            "+4915799912345",
            "--to",
            "+49 211 123456",
            "--after",
            "15",
        ],
    ));
    let sent = json!({"forwardings": [
        {"destination": "+4915799912345", "timeout": 15, "active": true},
        {"destination": "+49 211 123456", "timeout": 15, "active": true},
    ]});
    assert_eq!(
        set,
        json!({"phoneline": "p0", "forwardings": sent["forwardings"]})
    );
    // For me: the web user comes from userinfo; --inactive, no --after (not sent).
    mocked(
        &server,
        &[
            "phonelines",
            "set-forwardings",
            "p0",
            "--to",
            "+4915799912345",
            "--inactive",
        ],
    )
    .assert()
    .success()
    .stdout("p0 now forwards to +4915799912345\n");
    mocked(
        &server,
        &["phonelines", "clear-forwardings", "p0", "--user", "w1"],
    )
    .assert()
    .success();
    let listed = json_of(mocked(
        &server,
        &["--json", "phonelines", "forwardings", "p0", "--user", "w1"],
    ));
    assert_eq!(listed[0]["alias"], "Mobile", "{listed}");

    assert_eq!(
        lines_with_query(&server).await,
        [
            "PUT /v2/w1/phonelines/p0/forwardings",
            "GET /v2/authorization/userinfo",
            "PUT /v2/w1/phonelines/p0/forwardings",
            "PUT /v2/w1/phonelines/p0/forwardings",
            "GET /v2/w1/phonelines/p0/forwardings",
        ]
    );
    let received = mock::received(&server).await;
    assert_eq!(mock::json_body(&received[0]), sent);
    assert_eq!(
        mock::json_body(&received[2]),
        json!({"forwardings": [{"destination": "+4915799912345", "active": false}]})
    );
    assert_eq!(mock::json_body(&received[3]), json!({"forwardings": []}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn groups_users_and_the_webhook_log_send_the_exact_requests() {
    let server = MockServer::start().await;
    answer_get(
        &server,
        "/v2/groups",
        json!({"items": [{"id": "g1", "alias": "Support"}]}),
    )
    .await;
    answer_get(
        &server,
        "/v2/groups/g1/users",
        json!({"items": [{"id": "w0", "firstname": "Ada", "lastname": "Lovelace"}]}),
    )
    .await;
    answer_get(
        &server,
        "/v2/groups/g1/numbers",
        json!({"items": [{"number": "+4921100000001", "type": ["LANDLINE"]}]}),
    )
    .await;
    let entry = json!({
        "created": "2026-12-01T10:00:00Z",
        "url": "https://example.com/hook",
        "request": "event=newCall",
        "response": "<Response/>",
        "xmlError": "bad \u{1b}[31mXML",
        "status": "200",
    });
    answer_get(&server, "/v2/log/webhooks", json!({"items": [entry]})).await;
    answer_get(
        &server,
        "/v2/w1/phonelines/p0/sipgateio/log",
        json!({"items": []}),
    )
    .await;
    Mock::given(method("PUT"))
        .and(path("/v2/users/w1/defaultdevice"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;

    let groups = json_of(mocked(
        &server,
        &["--json", "groups", "list", "--user", "w0"],
    ));
    assert_eq!(groups, json!([{"id": "g1", "alias": "Support"}]));
    let members = json_of(mocked(&server, &["--json", "groups", "users", "g1"]));
    assert_eq!(members[0]["firstname"], "Ada");
    mocked(&server, &["groups", "numbers", "g1"])
        .assert()
        .success()
        .stdout(
            predicates::str::contains("+4921100000001").and(predicates::str::contains("LANDLINE")),
        );
    let log = json_of(mocked(&server, &["--json", "webhook", "log"]));
    assert_eq!(log, json!([entry]));
    // For people, a received control character is shown escaped, never sent to the terminal.
    let out = mocked(&server, &["webhook", "log"]).output().expect("runs");
    let table = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!table.contains('\u{1b}'), "{table}");
    assert!(table.contains("https://example.com/hook"), "{table}");
    let empty = json_of(mocked(
        &server,
        &[
            "--json",
            "webhook",
            "log",
            "--phoneline",
            "p0",
            "--user",
            "w1",
        ],
    ));
    assert_eq!(empty, json!([]));
    let done = json_of(mocked(
        &server,
        &["--json", "users", "set-default-device", "w1", "e5"],
    ));
    assert_eq!(done, json!({"user": "w1", "defaultDevice": "e5"}));

    assert_eq!(
        lines_with_query(&server).await,
        [
            "GET /v2/groups?userId=w0",
            "GET /v2/groups/g1/users",
            "GET /v2/groups/g1/numbers",
            "GET /v2/log/webhooks",
            "GET /v2/log/webhooks",
            "GET /v2/w1/phonelines/p0/sipgateio/log",
            "PUT /v2/users/w1/defaultdevice",
        ]
    );
    let received = mock::received(&server).await;
    assert_eq!(mock::json_body(&received[6]), json!({"deviceId": "e5"}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_commands_refuse_bad_input_and_report_api_errors() {
    let server = MockServer::start().await;
    let error = fails(
        mocked(
            &server,
            &[
                "phonelines",
                "set-forwardings",
                "p0",
                "--user",
                "w1",
                "--to",
                "0211 123",
            ],
        ),
        5,
    );
    assert!(
        error.starts_with("error: invalid --to: must be a phone number"),
        "{error}"
    );
    let error = fails(
        mocked(&server, &["phonelines", "forwardings", "", "--user", "w1"]),
        5,
    );
    assert!(error.contains("PHONELINE"), "{error}");
    // clap: --user needs --phoneline, set-forwardings needs --to.
    mocked(&server, &["webhook", "log", "--user", "w1"])
        .assert()
        .code(2);
    mocked(&server, &["phonelines", "set-forwardings", "p0"])
        .assert()
        .code(2);
    mock::assert_no_request(&server).await;

    Mock::given(method("GET"))
        .and(path("/v2/groups/g9"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let error = fails(mocked(&server, &["groups", "get", "g9"]), 3);
    assert!(error.contains("404"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_forwardings_send_the_exact_requests() {
    let server = MockServer::start().await;
    let collection = "/v2/w1/phonelines/p0/parallelforwardings";
    Mock::given(method("POST"))
        .and(path(collection))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(format!("{collection}/pf7")))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    answer_get(
        &server,
        collection,
        json!({"items": [{"id": "pf7", "destination": "+4915799912345", "alias": "Mobile", "active": true}]}),
    )
    .await;
    let user = ["--user", "w1"];
    let run = |args: &[&str]| {
        let mut all = vec!["--json", "phonelines"];
        all.extend(args);
        all.extend(user);
        json_of(mocked(&server, &all))
    };
    assert_eq!(
        run(&[
            "add-parallel-forwarding",
            "p0",
            "--to",
            "+4915799912345",
            "--alias",
            "Mobile"
        ]),
        json!({"phoneline": "p0", "destination": "+4915799912345", "alias": "Mobile", "active": true})
    );
    assert_eq!(run(&["parallel-forwardings", "p0"])[0]["id"], "pf7");
    assert_eq!(
        run(&["delete-parallel-forwarding", "p0", "pf7"]),
        json!({"phoneline": "p0", "deleted": "pf7"})
    );
    let error = fails(
        mocked(
            &server,
            &[
                "phonelines",
                "add-parallel-forwarding",
                "p0",
                "--to",
                "mobile",
                "--user",
                "w1",
            ],
        ),
        5,
    );
    assert!(error.starts_with("error: invalid --to:"), "{error}");
    assert_eq!(
        lines_with_query(&server).await,
        [
            format!("POST {collection}"),
            format!("GET {collection}"),
            format!("DELETE {collection}/pf7"),
        ]
    );
    let received = mock::received(&server).await;
    assert_eq!(
        mock::json_body(&received[0]),
        json!({"destination": "+4915799912345", "alias": "Mobile", "active": true})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_role_and_busy_on_busy_send_the_exact_requests() {
    let server = MockServer::start().await;
    for at in ["/v2/users/w1/role", "/v2/users/w1/busyonbusy"] {
        Mock::given(method("PUT"))
            .and(path(at))
            .respond_with(ResponseTemplate::new(204))
            .mount(&server)
            .await;
    }
    let run = |args: &[&str]| {
        let mut all = vec!["--json", "users"];
        all.extend(args);
        json_of(mocked(&server, &all))
    };
    assert_eq!(
        run(&["set-role", "w1", "admin"]),
        json!({"user": "w1", "admin": true})
    );
    assert_eq!(
        run(&["set-role", "w1", "user"]),
        json!({"user": "w1", "admin": false})
    );
    assert_eq!(
        run(&["busy-on-busy", "w1", "on"]),
        json!({"user": "w1", "busyOnBusy": true})
    );
    mocked(&server, &["users", "busy-on-busy", "w1", "off"])
        .assert()
        .success()
        .stdout("busy-on-busy is off for w1\n");
    // A role clap does not know is a usage error, nothing sent.
    mocked(&server, &["users", "set-role", "w1", "owner"])
        .assert()
        .code(2);
    let received = mock::received(&server).await;
    let sent: Vec<(String, Value)> = received
        .iter()
        .map(|r| (format!("{} {}", r.method, r.url.path()), mock::json_body(r)))
        .collect();
    assert_eq!(
        sent,
        [
            ("PUT /v2/users/w1/role".to_owned(), json!({"admin": true})),
            ("PUT /v2/users/w1/role".to_owned(), json!({"admin": false})),
            (
                "PUT /v2/users/w1/busyonbusy".to_owned(),
                json!({"enabled": true})
            ),
            (
                "PUT /v2/users/w1/busyonbusy".to_owned(),
                json!({"enabled": false})
            ),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn devices_join_and_leave_groups_and_phonelines_with_the_exact_requests() {
    let server = MockServer::start().await;
    for (verb, at) in [
        ("POST", "/v2/groups/g1/devices"),
        ("DELETE", "/v2/groups/g1/devices/e5"),
        ("POST", "/v2/w1/phonelines/p0/devices"),
        ("DELETE", "/v2/w1/phonelines/p0/devices/e5"),
    ] {
        Mock::given(method(verb))
            .and(path(at))
            .respond_with(ResponseTemplate::new(204))
            .mount(&server)
            .await;
    }
    let run = |args: &[&str]| {
        let mut all = vec!["--json"];
        all.extend(args);
        json_of(mocked(&server, &all))
    };
    assert_eq!(
        run(&["groups", "add-device", "g1", "e5"]),
        json!({"group": "g1", "device": "e5", "action": "added"})
    );
    assert_eq!(
        run(&["groups", "remove-device", "g1", "e5"]),
        json!({"group": "g1", "device": "e5", "action": "removed"})
    );
    assert_eq!(
        run(&["phonelines", "add-device", "p0", "e5", "--user", "w1"]),
        json!({"phoneline": "p0", "device": "e5", "action": "added"})
    );
    mocked(
        &server,
        &["phonelines", "remove-device", "p0", "e5", "--user", "w1"],
    )
    .assert()
    .success()
    .stdout("calls to p0 no longer ring e5\n");
    // An empty id is named by its argument; nothing is sent for it.
    let error = fails(mocked(&server, &["groups", "remove-device", "g1", ""]), 5);
    assert!(error.contains("DEVICE"), "{error}");

    let received = mock::received(&server).await;
    let sent: Vec<(String, Value)> = received
        .iter()
        .map(|r| (format!("{} {}", r.method, r.url.path()), mock::json_body(r)))
        .collect();
    assert_eq!(
        sent,
        [
            (
                "POST /v2/groups/g1/devices".to_owned(),
                json!({"deviceId": "e5"})
            ),
            ("DELETE /v2/groups/g1/devices/e5".to_owned(), Value::Null),
            (
                "POST /v2/w1/phonelines/p0/devices".to_owned(),
                json!({"deviceId": "e5"})
            ),
            (
                "DELETE /v2/w1/phonelines/p0/devices/e5".to_owned(),
                Value::Null
            ),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phoneline_webhooks_change_only_what_is_given() {
    let server = MockServer::start().await;
    let at = "/v2/w1/phonelines/p0/sipgateio";
    let now = json!({
        "incomingActive": true,
        "outgoingActive": false,
        "incomingUrl": "https://old.example/in",
        "outgoingUrl": "",
        "log": false,
        "certificate": "CERT",
        "allowSelfSigned": true,
    });
    answer_get(&server, at, now.clone()).await;
    Mock::given(method("PUT"))
        .and(path(at))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let shown = json_of(mocked(
        &server,
        &["--json", "phonelines", "webhooks", "p0", "--user", "w1"],
    ));
    assert_eq!(shown, now);
    let set = json_of(mocked(
        &server,
        &[
            "--json",
            "phonelines",
            "set-webhooks",
            "p0",
            "--user",
            "w1",
            "--outgoing",
            "https://new.example/out",
            "--log",
            "on",
        ],
    ));
    let sent = json!({
        "incomingActive": true,
        "outgoingActive": true,
        "incomingUrl": "https://old.example/in",
        "outgoingUrl": "https://new.example/out",
        "log": true,
        "certificate": "CERT",
        "allowSelfSigned": true,
    });
    let mut expected = sent.clone();
    expected["phoneline"] = json!("p0");
    assert_eq!(set, expected);
    mocked(
        &server,
        &[
            "phonelines",
            "set-webhooks",
            "p0",
            "--user",
            "w1",
            "--incoming",
            "",
        ],
    )
    .assert()
    .success();

    // Bad input: named, nothing sent.
    let before = mock::received(&server).await.len();
    let error = fails(
        mocked(
            &server,
            &[
                "phonelines",
                "set-webhooks",
                "p0",
                "--incoming",
                "ftp://example.com",
            ],
        ),
        5,
    );
    assert!(error.starts_with("error: invalid --incoming: "), "{error}");
    let error = fails(mocked(&server, &["phonelines", "set-webhooks", "p0"]), 2);
    assert!(error.contains("--incoming, --outgoing or --log"), "{error}");

    let received = mock::received(&server).await;
    assert_eq!(received.len(), before);
    let lines: Vec<String> = received
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    assert_eq!(
        lines,
        [
            format!("GET {at}"),
            format!("GET {at}"),
            format!("PUT {at}"),
            format!("GET {at}"),
            format!("PUT {at}"),
        ]
    );
    assert_eq!(mock::json_body(&received[2]), sent);
    let cleared = mock::json_body(&received[4]);
    assert_eq!(cleared["incomingActive"], false);
    assert_eq!(cleared["incomingUrl"], "");
    assert_eq!(
        cleared["outgoingUrl"], "",
        "unchanged from the server's answer"
    );
    assert_eq!(cleared["log"], false);
}
