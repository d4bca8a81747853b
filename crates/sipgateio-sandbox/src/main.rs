//! `sipgateio-sandbox`: run the offline sipgate.io look-alike.
//!
//! ```text
//! sipgateio-sandbox [--port 8080] [--host 127.0.0.1] [--token-id token-ABC123 --token UUID]
//!                   [--no-credit] [--not-booked]
//! ```

use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;

use sipgateio_sandbox::{Credentials, Sandbox, SandboxConfig};

const USAGE: &str = "usage: sipgateio-sandbox [--port PORT] [--host IP] [--token-id ID --token TOKEN] [--no-credit] [--not-booked]

Runs an offline, in-memory sipgate.io REST API (base URL http://HOST:PORT/v2) and call simulator.
  --port PORT        listen port (default 8080; 0 = random)
  --host IP          listen address (default 127.0.0.1)
  --token-id ID      accept this token id instead of a random one (needs --token)
  --token TOKEN      accept this token
  --no-credit        paid endpoints answer 402
  --not-booked       sipgate.io not booked: /settings/sipgateio answers 403";

fn parse(args: &[String]) -> Result<SandboxConfig, String> {
    let mut port: u16 = 8080;
    let mut host: IpAddr = IpAddr::from([127, 0, 0, 1]);
    let mut token_id = None;
    let mut token = None;
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
            "--no-credit" => config = config.no_credit(true),
            "--not-booked" => config = config.sipgateio_booked(false),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    match (token_id, token) {
        (Some(id), Some(token)) => config = config.credentials(Credentials::new(id, token)),
        (None, None) => {}
        _ => return Err("--token-id and --token go together".to_owned()),
    }
    Ok(config.addr(SocketAddr::new(host, port)))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let config = match parse(&args) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match Sandbox::start_with(config).await {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("{}\n\nPress Ctrl-C to stop.", sandbox.banner());
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("error: waiting for Ctrl-C: {e}");
        return ExitCode::FAILURE;
    }
    drop(sandbox);
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses_flags() {
        let config = parse(&args(&["--port", "9090", "--no-credit"])).expect("valid");
        assert_eq!(config.addr.port(), 9090);
        assert!(config.no_credit);
        assert!(parse(&args(&["--port", "x"])).is_err());
        assert!(parse(&args(&["--token", "t"])).is_err());
        assert!(parse(&args(&["--bogus"])).is_err());
        let fixed = parse(&args(&["--token-id", "token-ABC123", "--token", "t"])).expect("valid");
        assert_eq!(
            fixed
                .credentials
                .map(|c| c.token_id().to_owned())
                .as_deref(),
            Some("token-ABC123")
        );
    }
}
