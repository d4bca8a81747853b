//! `sipgateio-sandbox`: run the offline sipgate.io look-alike.
//!
//! ```text
//! sipgateio-sandbox [--port 8090] [--host 127.0.0.1] [--token-id token-ABC123 --token UUID]
//!                   [--state FILE] [--no-register] [--no-credit] [--not-booked]
//!                   [--client-id ID --client-secret SECRET] [--redirect-uri URI]…
//!                   [--access-token-lifetime SECS] [--refresh-token-lifetime SECS]
//!                   [--strict]
//! sipgateio-sandbox operations [--json]
//! ```

#![allow(
    clippy::print_stderr,
    reason = "a command-line server: it reports errors on the terminal"
)]

use std::io::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use std::time::Duration;

use sipgateio_sandbox::{Credentials, RegisteredClient, Sandbox, SandboxConfig};

/// The default port: apart from `sipgateio webhook listen` (8080) and `examples/webhook.rs`
/// (3000), so the sandbox and a webhook app run side by side.
const DEFAULT_PORT: u16 = 8090;

const USAGE: &str = "usage: sipgateio-sandbox [--port PORT] [--host IP] [--token-id ID --token TOKEN] [--state FILE] [--no-register] [--no-credit] [--not-booked] [--strict] [OAuth options]
       sipgateio-sandbox operations [--json]

Runs an offline, in-memory sipgate.io REST API (base URL http://HOST:PORT/v2) and call simulator.
  --port PORT        listen port (default 8090; 0 = random)
  --host IP          listen address (default 127.0.0.1)
  --token-id ID      accept this token id instead of a random one (needs --token)
  --token TOKEN      accept this token
  --state FILE       keep the account in FILE: loaded on start, saved on change and on exit
                     (with the credentials, unless --token-id/--token give others)
  --no-register      do not write the discovery file that `sipgateio --sandbox` reads
                     (SIPGATEIO_SANDBOX_FILE, else sipgateio/sandbox.json in the runtime dir)
  --no-credit        paid endpoints answer 402
  --not-booked       sipgate.io not booked: /settings/sipgateio answers 403
  --strict           check every request against sipgate's API description: unknown fields
                     and query parameters, wrong types, missing fields answer 400

  operations         list every operation of the API description and how it is served
                     (stateful: a hand-written route; described: from the description);
                     --json: [{\"operationId\": …, \"served\": \"stateful\"|\"described\"}]

OAuth 2 (the login server at http://HOST:PORT/auth/realms/sipgate-apps/…):
  --client-id ID                 register this OAuth client id instead of a random one
                                 (needs --client-secret; kept in --state FILE otherwise)
  --client-secret SECRET         the client's secret
  --redirect-uri URI             allow this redirect URI (repeat for more; a trailing * matches
                                 a prefix; default: any port and path on 127.0.0.1, localhost, [::1])
  --access-token-lifetime SECS   access tokens live SECS seconds (default 300)
  --refresh-token-lifetime SECS  refresh tokens live SECS seconds (default 2592000, 30 days)

Reserved test numbers fail on demand (e.g. an SMS to +4915700000402 answers 402): see the README.";

/// What the command line asks for.
struct Options {
    config: SandboxConfig,
    register: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut port: u16 = DEFAULT_PORT;
    let mut host: IpAddr = IpAddr::from([127, 0, 0, 1]);
    let mut token_id = None;
    let mut token = None;
    let mut client_id = None;
    let mut client_secret = None;
    let mut redirect_uris: Vec<String> = Vec::new();
    let mut register = true;
    let mut config = SandboxConfig::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--port" => {
                port = value("--port")?
                    .parse()
                    .map_err(|_| "--port must be a number 0-65535".to_owned())?;
            }
            "--host" => {
                host = value("--host")?
                    .parse()
                    .map_err(|_| "--host must be an IP address".to_owned())?;
            }
            "--token-id" => token_id = Some(value("--token-id")?),
            "--token" => token = Some(value("--token")?),
            "--state" => {
                let path = value("--state")?;
                if path.trim().is_empty() {
                    return Err("--state needs a file name".to_owned());
                }
                config = config.state_file(PathBuf::from(path));
            }
            "--client-id" => client_id = Some(value("--client-id")?),
            "--client-secret" => client_secret = Some(value("--client-secret")?),
            "--redirect-uri" => redirect_uris.push(value("--redirect-uri")?),
            "--access-token-lifetime" => {
                let seconds = seconds(
                    "--access-token-lifetime",
                    &value("--access-token-lifetime")?,
                )?;
                config = config.access_token_lifetime(seconds);
            }
            "--refresh-token-lifetime" => {
                let seconds = seconds(
                    "--refresh-token-lifetime",
                    &value("--refresh-token-lifetime")?,
                )?;
                config = config.refresh_token_lifetime(seconds);
            }
            "--no-register" => register = false,
            "--no-credit" => config = config.no_credit(true),
            "--not-booked" => config = config.sipgateio_booked(false),
            "--strict" => config = config.strict(true),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    match (token_id, token) {
        (Some(id), Some(token)) => config = config.credentials(Credentials::new(id, token)),
        (None, None) => {}
        _ => return Err("--token-id and --token go together".to_owned()),
    }
    match (client_id, client_secret) {
        (Some(id), Some(secret)) => {
            if id.trim().is_empty() || secret.trim().is_empty() {
                return Err("--client-id and --client-secret must not be empty".to_owned());
            }
            config = config.oauth_client(RegisteredClient::new(id, secret));
        }
        (None, None) => {}
        _ => return Err("--client-id and --client-secret go together".to_owned()),
    }
    if !redirect_uris.is_empty() {
        config = config.redirect_uris(redirect_uris);
    }
    Ok(Options {
        config: config.addr(SocketAddr::new(host, port)),
        register,
    })
}

/// `operations [--json]`: every operation of the description and how it is served.
fn list_operations(args: &[String]) -> Result<String, String> {
    let json = match args {
        [] => false,
        [flag] if flag == "--json" => true,
        [other, ..] => return Err(format!("unknown argument `{other}` for operations")),
    };
    let operations = sipgateio_sandbox::operations();
    if json {
        return serde_json::to_string_pretty(&operations)
            .map_err(|e| format!("cannot write JSON: {e}"));
    }
    let width = operations
        .iter()
        .map(|o| o.operation_id.len())
        .max()
        .unwrap_or(0);
    Ok(operations
        .iter()
        .map(|o| {
            format!(
                "{:width$}  {:9}  {:6} {}",
                o.operation_id,
                o.served.as_str(),
                o.method,
                o.path
            )
        })
        .collect::<Vec<_>>()
        .join("\n"))
}

/// A lifetime flag's value: whole seconds, at least 1.
fn seconds(flag: &str, value: &str) -> Result<Duration, String> {
    match value.parse::<u64>() {
        Ok(seconds) if seconds >= 1 => Ok(Duration::from_secs(seconds)),
        _ => Err(format!(
            "{flag} must be a whole number of seconds, at least 1"
        )),
    }
}

/// Writes to stdout; a closed stdout (`| head`) is not an error worth a panic.
fn say(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{text}").and_then(|()| stdout.flush());
}

/// Waits for Ctrl-C, or on Unix for SIGTERM (`kill`), so the state is saved and the
/// registration removed either way.
async fn stopped() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            interrupted = tokio::signal::ctrl_c() => interrupted,
            _ = terminate.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        say(USAGE);
        return ExitCode::SUCCESS;
    }
    if args.first().map(String::as_str) == Some("operations") {
        return match list_operations(&args[1..]) {
            Ok(text) => {
                say(&text);
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}\n\n{USAGE}");
                ExitCode::from(2)
            }
        };
    }
    let options = match parse(&args) {
        Ok(options) => options,
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // The sandbox's log (requests failed on demand, verification codes "sent", …) on stderr.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(tracing::Level::INFO)
        .with_target(false)
        .init();
    let sandbox = match Sandbox::start_with(options.config).await {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let registration = if options.register {
        match sandbox.register() {
            Ok(registration) => Some(registration),
            Err(e) => {
                eprintln!("warning: not registered for `sipgateio --sandbox`: {e}");
                None
            }
        }
    } else {
        None
    };
    let mut notes = String::new();
    if let Some(path) = sandbox.state_file() {
        notes.push_str(&format!(
            "\nState: kept in {} (saved on change and on exit).",
            path.display()
        ));
    }
    if let Some(registration) = &registration {
        notes.push_str(&format!(
            "\nRegistered in {}: `sipgateio --sandbox …` uses this sandbox.",
            registration.path().display()
        ));
    }
    say(&format!(
        "{}\n{notes}\n\nPress Ctrl-C to stop.",
        sandbox.banner()
    ));
    let waited = stopped().await;
    // Dropping saves the state file; dropping the registration removes the discovery file.
    drop(registration);
    drop(sandbox);
    match waited {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: waiting for Ctrl-C: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses_flags() {
        let options = parse(&args(&["--port", "9090", "--no-credit"])).expect("valid");
        assert_eq!(options.config.addr.port(), 9090);
        assert!(options.config.no_credit);
        assert!(options.register);
        assert_eq!(
            parse(&args(&[])).expect("valid").config.addr.port(),
            super::DEFAULT_PORT
        );
        assert!(parse(&args(&["--port", "x"])).is_err());
        assert!(parse(&args(&["--token", "t"])).is_err());
        assert!(parse(&args(&["--bogus"])).is_err());
        assert!(parse(&args(&["--state"])).is_err());
        let fixed = parse(&args(&["--token-id", "token-ABC123", "--token", "t"])).expect("valid");
        assert_eq!(
            fixed
                .config
                .credentials
                .map(|c| c.token_id().to_owned())
                .as_deref(),
            Some("token-ABC123")
        );
        let oauth = parse(&args(&[
            "--client-id",
            "app",
            "--client-secret",
            "s3cr3t",
            "--redirect-uri",
            "https://app.example.com/cb",
            "--redirect-uri",
            "http://127.0.0.1/*",
            "--access-token-lifetime",
            "2",
            "--refresh-token-lifetime",
            "60",
        ]))
        .expect("valid");
        assert_eq!(
            oauth.config.oauth_client.as_ref().map(|c| c.client_id()),
            Some("app")
        );
        assert_eq!(
            oauth.config.redirect_uris,
            ["https://app.example.com/cb", "http://127.0.0.1/*"]
        );
        assert_eq!(
            oauth.config.access_token_lifetime,
            std::time::Duration::from_secs(2)
        );
        assert_eq!(
            oauth.config.refresh_token_lifetime,
            std::time::Duration::from_secs(60)
        );
        assert!(parse(&args(&["--client-id", "app"])).is_err());
        assert!(parse(&args(&["--client-id", "", "--client-secret", "s"])).is_err());
        assert!(parse(&args(&["--access-token-lifetime", "0"])).is_err());
        assert!(parse(&args(&["--refresh-token-lifetime", "1.5"])).is_err());
        let kept = parse(&args(&["--state", "s.json", "--no-register"])).expect("valid");
        assert_eq!(
            kept.config.state_file.as_deref(),
            Some(std::path::Path::new("s.json"))
        );
        assert!(!kept.register);
        assert!(parse(&args(&["--strict"])).expect("valid").config.strict);
    }

    #[test]
    fn lists_operations() {
        let json = super::list_operations(&args(&["--json"])).expect("listed");
        let listed: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        let listed = listed.as_array().expect("an array");
        assert_eq!(listed.len(), sipgateio_sandbox::operations().len());
        assert!(listed.iter().all(|o| o["operationId"].is_string()
            && matches!(o["served"].as_str(), Some("stateful" | "described"))));
        let text = super::list_operations(&args(&[])).expect("listed");
        assert!(
            text.contains("sendWebSms") && text.contains("stateful"),
            "{text}"
        );
        assert!(super::list_operations(&args(&["--yaml"])).is_err());
    }
}
