//! `sipgateio login`, `logout` and the profiles they keep: the built binary signs in at a
//! sandbox started in the test process (its OAuth 2 server), and the test plays the browser —
//! it requests the authorization URL the binary prints and follows the sandbox's redirect to
//! the binary's listener. Each test has its own HOME and XDG_CONFIG_HOME.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as StdCommand, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;
use sipgateio::sandbox::Sandbox;

const BIN: &str = env!("CARGO_BIN_EXE_sipgateio");

/// The variables that name credentials, a profile, an OAuth client or a running sandbox: never
/// taken from the environment of the test.
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

/// A home directory of one test: its configuration directory (the profiles) and its sandbox
/// discovery file.
struct Home {
    dir: PathBuf,
}

impl Home {
    fn new(test: &str) -> Self {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("sipgateio-cli-login")
            .join(format!("{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("test home");
        Self { dir }
    }

    fn config(&self) -> PathBuf {
        self.dir.join("config")
    }

    fn discovery_file(&self) -> PathBuf {
        self.dir.join("sandbox.json")
    }

    fn profile(&self, name: &str) -> PathBuf {
        self.config()
            .join("sipgateio")
            .join("profiles")
            .join(format!("{name}.json"))
    }

    fn environment(&self, command: &mut StdCommand) {
        for var in ENVIRONMENT {
            command.env_remove(var);
        }
        command
            .env("HOME", &self.dir)
            .env("XDG_CONFIG_HOME", self.config())
            .env("SIPGATEIO_SANDBOX_FILE", self.discovery_file());
    }

    /// The binary in this home (nothing else from the environment of the test).
    fn cmd(&self, args: &[&str]) -> Command {
        let mut command = StdCommand::new(BIN);
        self.environment(&mut command);
        command.args(args);
        let mut command = Command::from_std(command);
        command.timeout(Duration::from_secs(60));
        command
    }

    /// Starts `sipgateio <args>` (a login) in this home, with `env` added.
    fn spawn(&self, args: &[&str], env: &[(&str, &str)]) -> Login {
        let mut command = StdCommand::new(BIN);
        self.environment(&mut command);
        command.args(args).envs(env.iter().copied());
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        let stdout = collect(child.stdout.take().expect("stdout"));
        let stderr = lines(child.stderr.take().expect("stderr"));
        Login {
            child,
            stdout,
            stderr,
            seen: Vec::new(),
        }
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A running `sipgateio login`.
struct Login {
    child: Child,
    stdout: mpsc::Receiver<String>,
    stderr: mpsc::Receiver<String>,
    /// The stderr lines read so far.
    seen: Vec<String>,
}

/// What a finished command printed.
struct Finished {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl Login {
    /// Reads stderr up to the authorization URL the login prints (a line of its own).
    fn url(&mut self) -> String {
        loop {
            let line = self
                .stderr
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| panic!("no URL within 30 s; stderr: {:?}", self.seen));
            self.seen.push(line.clone());
            if let Some(url) = line.trim().strip_prefix("http") {
                return format!("http{url}");
            }
        }
    }

    /// Reads stderr up to a line containing `text`.
    fn stderr_until(&mut self, text: &str) -> String {
        loop {
            let line = self
                .stderr
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| panic!("no `{text}` within 30 s; stderr: {:?}", self.seen));
            self.seen.push(line.clone());
            if line.contains(text) {
                return line;
            }
        }
    }

    /// Waits (at most 60 s) for the process to exit and returns what it printed.
    fn finish(mut self) -> Finished {
        let started = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("waits") {
                break status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "login did not exit; stderr: {:?}",
                self.seen
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        let stdout = self
            .stdout
            .recv_timeout(Duration::from_secs(10))
            .expect("stdout");
        while let Ok(line) = self.stderr.recv_timeout(Duration::from_secs(10)) {
            self.seen.push(line);
        }
        Finished {
            status,
            stdout,
            stderr: self.seen.join("\n"),
        }
    }
}

impl Drop for Login {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The lines of a stream on a channel (ends when the stream closes).
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

/// The whole of a stream, once it closes.
fn collect(mut stream: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stream.read_to_string(&mut text);
        let _ = tx.send(text);
    });
    rx
}

/// A port that was free a moment ago.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

/// The browser: requests `url` and follows the redirects (the sandbox's, to the listener).
async fn browse(url: &str) -> (u16, String) {
    let response = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
        .get(url)
        .send()
        .await
        .expect("the listener answers");
    let status = response.status().as_u16();
    (status, response.text().await.expect("a page"))
}

/// Runs a finished command's output through `check` and returns it.
fn output(command: &mut Command) -> Finished {
    let output = command.output().expect("runs");
    Finished {
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Asserts that none of `secrets` appears in what a command printed.
fn assert_hides(finished: &Finished, secrets: &[String]) {
    for secret in secrets {
        assert!(
            !finished.stdout.contains(secret.as_str())
                && !finished.stderr.contains(secret.as_str()),
            "a secret was printed:\nstdout: {}\nstderr: {}",
            finished.stdout,
            finished.stderr
        );
    }
}

/// The Unix permission bits of `path`.
#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .expect("exists")
        .permissions()
        .mode()
        & 0o777
}

/// The stored profile file's JSON.
fn stored(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("the profile file")).expect("JSON")
}

/// The two tokens of a stored profile.
fn tokens_of(profile: &Value) -> (String, String) {
    let token = |name: &str| {
        profile["tokens"][name]
            .as_str()
            .unwrap_or_else(|| panic!("no {name} in {profile}"))
            .to_owned()
    };
    (token("access_token"), token("refresh_token"))
}

/// `login` with the sandbox's client as the user's own (flags and the secret in the
/// environment), driven to the end through the browser; returns what it printed.
async fn sign_in(home: &Home, sandbox: &Sandbox, extra: &[&str]) -> Finished {
    let port = free_port().to_string();
    let client = sandbox.oauth_client();
    let authorization_url = sandbox.oauth_authorization_url();
    let token_url = sandbox.oauth_token_url();
    let base_url = sandbox.base_url();
    let mut args = vec![
        "--json",
        "login",
        "--client-id",
        client.client_id(),
        "--redirect-port",
        &port,
        "--authorization-url",
        &authorization_url,
        "--token-url",
        &token_url,
        "--base-url",
        &base_url,
    ];
    args.extend_from_slice(extra);
    let mut login = home.spawn(
        &args,
        &[("SIPGATE_OAUTH_CLIENT_SECRET", client.client_secret())],
    );
    let url = login.url();
    assert!(url.starts_with(&authorization_url), "{url}");
    login.stderr_until(&format!("http://127.0.0.1:{port}/callback"));
    let (status, page) = browse(&url).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("signed in"), "{page}");
    let finished = login.finish();
    assert!(
        finished.status.success(),
        "login failed: {}",
        finished.stderr
    );
    finished
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_stores_tokens_that_commands_use_renew_and_logout_deletes() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let home = Home::new("flow");
    let login = sign_in(&home, &sandbox, &[]).await;

    // What login says: who signed in and where the tokens are.
    let said: Value = serde_json::from_str(&login.stdout).expect("JSON on stdout");
    let path = home.profile("default");
    assert_eq!(said["profile"], "default");
    assert_eq!(said["user"], "w0");
    assert_eq!(said["file"].as_str(), path.to_str());
    assert!(said["expiresAt"].is_string(), "{said}");

    // Owner-only, and the secrets never printed.
    #[cfg(unix)]
    {
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().expect("profiles dir")), 0o700);
    }
    let profile = stored(&path);
    let (access, refresh) = tokens_of(&profile);
    assert_eq!(profile["clientId"], sandbox.oauth_client().client_id());
    let mut secrets = vec![
        access.clone(),
        refresh.clone(),
        sandbox.oauth_client().client_secret().to_owned(),
    ];
    assert_hides(&login, &secrets);

    // A command without credentials uses the profile (its base URL included) — also with
    // --verbose, which logs every request and no token.
    let numbers = output(&mut home.cmd(&["--json", "--verbose", "numbers", "list"]));
    assert!(numbers.status.success(), "{}", numbers.stderr);
    let listed: Value = serde_json::from_str(&numbers.stdout).expect("JSON");
    assert!(!listed.as_array().expect("a list").is_empty());
    assert_hides(&numbers, &secrets);

    // An access token past its expiry is renewed before the request, and the renewal is
    // written back to the file (the refresh token rotates), still owner-only.
    let mut expired = profile.clone();
    expired["tokens"]["expires_at"] = Value::from("2001-01-01T00:00:00Z");
    std::fs::write(&path, serde_json::to_vec(&expired).expect("JSON")).expect("rewrite");
    let whoami = output(&mut home.cmd(&["--json", "users", "whoami"]));
    assert!(whoami.status.success(), "{}", whoami.stderr);
    assert!(
        whoami.stdout.contains(r#""sub": "w0""#),
        "{}",
        whoami.stdout
    );
    let renewed = stored(&path);
    let (new_access, new_refresh) = tokens_of(&renewed);
    assert_ne!(new_access, access);
    assert_ne!(new_refresh, refresh);
    assert_ne!(
        renewed["tokens"]["expires_at"],
        expired["tokens"]["expires_at"]
    );
    assert_eq!(renewed["clientId"], profile["clientId"]);
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);
    secrets.extend([new_access, new_refresh]);
    assert_hides(&whoami, &secrets);
    // The renewed tokens work for the next command.
    let again = output(&mut home.cmd(&["users", "whoami"]));
    assert!(again.status.success(), "{}", again.stderr);

    // Signing in again reuses the profile's client, port and endpoints: no flag needed.
    let port = profile["redirectPort"]
        .as_u64()
        .expect("a port")
        .to_string();
    let mut relogin = home.spawn(&["login"], &[]);
    let url = relogin.url();
    assert!(
        url.contains(&format!("client_id={}", sandbox.oauth_client().client_id())),
        "{url}"
    );
    assert!(
        url.contains(&format!("127.0.0.1%3A{port}%2Fcallback")),
        "{url}"
    );
    drop(relogin);

    // A sign-in withdrawn at the server: the command says to sign in again.
    assert!(sandbox.revoke_oauth_sign_ins() > 0);
    let refused = output(&mut home.cmd(&["numbers", "list"]));
    assert_eq!(refused.status.code(), Some(3), "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("run `sipgateio login --profile default`"),
        "{}",
        refused.stderr
    );
    assert_hides(&refused, &secrets);

    // logout deletes the file; then there are no credentials at all.
    let logout = output(&mut home.cmd(&["--json", "logout"]));
    assert!(logout.status.success(), "{}", logout.stderr);
    let said: Value = serde_json::from_str(&logout.stdout).expect("JSON");
    assert_eq!(said["deleted"], true);
    assert!(!path.exists());
    let none = output(&mut home.cmd(&["numbers", "list"]));
    assert_eq!(none.status.code(), Some(2));
    assert!(none.stderr.contains("sipgateio login"), "{}", none.stderr);
    // A second logout has nothing to do and says so.
    let logout = output(&mut home.cmd(&["logout"]));
    assert!(logout.status.success());
    assert!(
        logout.stderr.contains("no stored sign-in"),
        "{}",
        logout.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flags_beat_variables_beat_the_profile() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let home = Home::new("precedence");
    sign_in(&home, &sandbox, &["--profile", "work"]).await;
    let base_url = sandbox.base_url();
    let wrong = "195d5a7c-559f-444d-9a61-06adaf70ff27";
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut command = home.cmd(args);
        command.envs(env.iter().copied());
        let finished = output(command.args(["users", "whoami"]));
        finished.status.code()
    };
    let wrong_env = [
        ("SIPGATE_BASE_URL", base_url.as_str()),
        ("SIPGATE_TOKEN_ID", sandbox.token_id()),
        ("SIPGATE_TOKEN", wrong),
    ];
    let right_flags = ["--token-id", sandbox.token_id(), "--token", sandbox.token()];
    let wrong_flags = ["--token-id", sandbox.token_id(), "--token", wrong];

    // The profile alone works (named by the variable or the flag).
    assert_eq!(run(&[], &[("SIPGATEIO_PROFILE", "work")]), Some(0));
    assert_eq!(run(&["--profile", "work"], &[]), Some(0));
    // A variable beats the profile: the wrong token is used (401, exit 3) …
    let mut env = wrong_env.to_vec();
    env.push(("SIPGATEIO_PROFILE", "work"));
    assert_eq!(run(&[], &env), Some(3));
    // … and a profile named on the command line is not used either, with a note.
    let mut command = home.cmd(&["--profile", "work", "users", "whoami"]);
    let shadowed = output(command.envs(wrong_env.iter().copied()));
    assert_eq!(shadowed.status.code(), Some(3));
    assert!(
        shadowed.stderr.contains("profile `work` is not used"),
        "{}",
        shadowed.stderr
    );
    // A flag beats the variable: right flags with wrong variables work, wrong flags with
    // right variables do not.
    assert_eq!(run(&right_flags, &env), Some(0));
    let right_env = [
        ("SIPGATE_BASE_URL", base_url.as_str()),
        ("SIPGATE_TOKEN_ID", sandbox.token_id()),
        ("SIPGATE_TOKEN", sandbox.token()),
        ("SIPGATEIO_PROFILE", "work"),
    ];
    assert_eq!(run(&wrong_flags, &right_env), Some(3));
    // An OAuth token in a variable does not beat a personal access token given as flags.
    let oauth_env = [
        ("SIPGATE_BASE_URL", base_url.as_str()),
        ("SIPGATE_OAUTH_TOKEN", wrong),
    ];
    assert_eq!(run(&right_flags, &oauth_env), Some(0));
    assert_eq!(run(&[], &oauth_env), Some(3));
    // A profile that was never signed in is named in the error.
    let mut command = home.cmd(&["--profile", "missing", "users", "whoami"]);
    let missing = output(&mut command);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        missing
            .stderr
            .contains("profile `missing` has no stored sign-in"),
        "{}",
        missing.stderr
    );
    // The default profile is not the one signed in.
    assert_eq!(run(&[], &[]), Some(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_listener_refuses_a_foreign_state_and_ignores_other_requests() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let home = Home::new("state");
    let port = free_port();
    let client = sandbox.oauth_client();
    let (authorization_url, token_url) =
        (sandbox.oauth_authorization_url(), sandbox.oauth_token_url());
    let port_text = port.to_string();
    let mut login = home.spawn(
        &[
            "login",
            "--client-id",
            client.client_id(),
            "--redirect-port",
            &port_text,
            "--authorization-url",
            &authorization_url,
            "--token-url",
            &token_url,
        ],
        &[("SIPGATE_OAUTH_CLIENT_SECRET", client.client_secret())],
    );
    let url = login.url();
    let listener = format!("http://127.0.0.1:{port}");
    login.stderr_until(&listener);

    // Another path is not the redirect: answered 404, the login waits on.
    let (status, _) = browse(&format!("{listener}/favicon.ico")).await;
    assert_eq!(status, 404);

    // A redirect with another state (a forged one): refused before any exchange.
    let (status, page) = browse(&format!(
        "{listener}/callback?code=stolen-code&state=forged-state"
    ))
    .await;
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("state"), "{page}");
    let finished = login.finish();
    assert_eq!(finished.status.code(), Some(3), "{}", finished.stderr);
    assert!(
        finished
            .stderr
            .contains("error: sign-in failed: invalid input `state`"),
        "{}",
        finished.stderr
    );
    assert!(finished.stdout.is_empty());
    assert!(!home.profile("default").exists());

    // Exactly one redirect was taken: the real one finds no listener any more.
    let refused = reqwest::Client::new()
        .get(&url)
        .timeout(Duration::from_secs(30))
        .send()
        .await;
    assert!(refused.is_err_and(|e| e.is_connect()));
}

#[test]
fn a_busy_redirect_port_is_named() {
    let home = Home::new("busy");
    let busy = TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = busy.local_addr().expect("address").port().to_string();
    let finished = output(&mut home.cmd(&[
        "login",
        "--client-id",
        "my-client",
        "--redirect-port",
        &port,
    ]));
    assert_eq!(finished.status.code(), Some(1), "{}", finished.stderr);
    assert!(finished.stdout.is_empty());
    let stderr = finished.stderr.trim();
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("error: cannot listen"), "{stderr}");
    assert!(
        stderr.contains(&format!("--redirect-port {port}")),
        "{stderr}"
    );
    // Nothing was started: no URL printed.
    assert!(!stderr.contains("login.sipgate.com"), "{stderr}");
    drop(busy);
}

#[test]
fn login_without_a_client_and_bad_settings_say_what_to_pass() {
    let home = Home::new("usage");
    let finished = output(&mut home.cmd(&["login"]));
    assert_eq!(finished.status.code(), Some(2));
    for needed in [
        "--client-id",
        "SIPGATE_OAUTH_CLIENT_ID",
        "http://127.0.0.1:8091/callback",
    ] {
        assert!(finished.stderr.contains(needed), "{}", finished.stderr);
    }
    let finished = output(&mut home.cmd(&["login", "--profile", "../etc", "--client-id", "c"]));
    assert_eq!(finished.status.code(), Some(5));
    assert!(
        finished.stderr.contains("invalid --profile"),
        "{}",
        finished.stderr
    );
    let finished = output(&mut home.cmd(&[
        "login",
        "--client-id",
        "c",
        "--authorization-url",
        "http://login.example.com/auth",
        "--token-url",
        "http://login.example.com/token",
    ]));
    assert_eq!(finished.status.code(), Some(5));
    assert!(
        finished.stderr.contains("invalid --authorization-url"),
        "{}",
        finished.stderr
    );
    let finished = output(&mut home.cmd(&["login", "--client-id", "c", "--scope", "two words"]));
    assert_eq!(finished.status.code(), Some(5));
    assert!(
        finished.stderr.contains("invalid --scope"),
        "{}",
        finished.stderr
    );
    let finished = output(&mut home.cmd(&["login", "--client-id", "c", "--redirect-port", "0"]));
    assert_eq!(finished.status.code(), Some(2));
    // Nothing was stored.
    assert!(!home.config().exists());
}

#[test]
fn a_login_without_a_redirect_gives_up() {
    let home = Home::new("wait");
    let port = free_port().to_string();
    let finished = output(&mut home.cmd(&[
        "login",
        "--client-id",
        "my-client",
        "--redirect-port",
        &port,
        "--wait",
        "200ms",
    ]));
    assert_eq!(finished.status.code(), Some(4), "{}", finished.stderr);
    assert!(finished.stderr.contains("--wait"), "{}", finished.stderr);
    // The URL to open and the redirect URI to register were printed first.
    assert!(
        finished.stderr.contains(
            "https://login.sipgate.com/auth/realms/sipgate-apps/protocol/openid-connect/auth?"
        ),
        "{}",
        finished.stderr
    );
    assert!(
        finished
            .stderr
            .contains(&format!("http://127.0.0.1:{port}/callback")),
        "{}",
        finished.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_login_stores_a_running_sandboxs_tokens_in_profile_sandbox() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let home = Home::new("sandbox-running");
    let _registration = sandbox
        .register_at(home.discovery_file())
        .expect("registered");
    let port = free_port().to_string();
    // The user's own client in the environment is not what --sandbox signs in with.
    let mut login = home.spawn(
        &["--sandbox", "--json", "login", "--redirect-port", &port],
        &[
            ("SIPGATE_OAUTH_CLIENT_ID", "a-client-at-sipgate"),
            ("SIPGATE_OAUTH_CLIENT_SECRET", "its-secret-stays-home"),
        ],
    );
    let url = login.url();
    assert!(url.starts_with(&sandbox.oauth_authorization_url()), "{url}");
    assert!(
        url.contains(&format!("client_id={}", sandbox.oauth_client().client_id())),
        "{url}"
    );
    let (status, page) = browse(&url).await;
    assert_eq!(status, 200, "{page}");
    let finished = login.finish();
    assert!(finished.status.success(), "{}", finished.stderr);
    assert!(
        finished.stderr.contains("using the running sandbox"),
        "{}",
        finished.stderr
    );
    let said: Value = serde_json::from_str(&finished.stdout).expect("JSON");
    assert_eq!(said["profile"], "sandbox");
    assert_eq!(said["user"], "w0");
    let path = home.profile("sandbox");
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);
    let profile = stored(&path);
    assert_eq!(
        profile["baseUrl"].as_str(),
        Some(sandbox.base_url().as_str())
    );
    let (access, refresh) = tokens_of(&profile);
    let secrets = [
        access,
        refresh,
        sandbox.oauth_client().client_secret().to_owned(),
    ];
    assert_hides(&finished, &secrets);

    // Without --sandbox, the profile's OAuth tokens reach the sandbox.
    let whoami = output(&mut home.cmd(&["--profile", "sandbox", "--json", "users", "whoami"]));
    assert!(whoami.status.success(), "{}", whoami.stderr);
    assert!(!whoami.stderr.contains("sandbox:"), "{}", whoami.stderr);
    assert_hides(&whoami, &secrets);

    // --sandbox logout deletes profile `sandbox`.
    let logout = output(&mut home.cmd(&["--sandbox", "logout"]));
    assert!(logout.status.success(), "{}", logout.stderr);
    assert!(!path.exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_login_with_an_ephemeral_sandbox_stores_nothing() {
    let home = Home::new("sandbox-ephemeral");
    let port = free_port().to_string();
    let mut login = home.spawn(
        &["--sandbox", "--json", "login", "--redirect-port", &port],
        &[],
    );
    let url = login.url();
    let (status, page) = browse(&url).await;
    assert_eq!(status, 200, "{page}");
    let finished = login.finish();
    assert!(finished.status.success(), "{}", finished.stderr);
    let said: Value = serde_json::from_str(&finished.stdout).expect("JSON");
    assert_eq!(said["profile"], Value::Null);
    assert_eq!(said["file"], Value::Null);
    assert_eq!(said["user"], "w0");
    assert!(!home.config().exists(), "nothing is stored");
}
