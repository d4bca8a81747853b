//! Finding a running sandbox from another process: an environment variable, or a discovery
//! file the running sandbox writes.
//!
//! A long-running sandbox (`sipgateio-sandbox`, `sipgateio sandbox`) registers itself with
//! [`Sandbox::register`](crate::Sandbox::register): it writes a small JSON file with its base
//! URL and credentials to [`discovery_file`] — readable by its owner only, since it holds the
//! credentials — and removes it when it stops. Tools such as `sipgateio --sandbox` then call
//! [`find_running`] and use that sandbox, so state lasts across commands.
//!
//! Where [`find_running`] looks, in order:
//!
//! 1. `SIPGATEIO_SANDBOX_URL` (the base URL, e.g. `http://127.0.0.1:8090/v2`) with
//!    `SIPGATEIO_SANDBOX_TOKEN_ID` and `SIPGATEIO_SANDBOX_TOKEN`: a sandbox anywhere, for
//!    example in a container or on another machine of a test setup;
//! 2. the discovery file: `SIPGATEIO_SANDBOX_FILE` if set, else `sipgateio/sandbox.json` in
//!    the user's runtime directory (`$XDG_RUNTIME_DIR`), else in the configuration directory
//!    (`$XDG_CONFIG_HOME` or `~/.config`; `%APPDATA%` on Windows).
//!
//! The file is plain JSON, so tests in any language can read it:
//!
//! ```json
//! {"baseUrl": "http://127.0.0.1:8090/v2", "tokenId": "token-ABC123", "token": "…",
//!  "publicKeyUrl": "…", "simulateUrl": "…", "pid": 4242, "stateFile": null,
//!  "oauth": {"clientId": "…", "clientSecret": "…", "authorizationUrl": "…", "tokenUrl": "…",
//!            "redirectUris": ["http://127.0.0.1/*", "http://localhost/*", "http://[::1]/*"]}}
//! ```
//!
//! `oauth` is the sandbox's OAuth client and login endpoints ([`RunningSandbox::oauth`]);
//! a sandbox named by the environment variables has none.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use sipgateio_sandbox::discovery;
//!
//! match discovery::find_running()? {
//!     Some(running) if running.is_listening().await => {
//!         println!("a sandbox runs at {} ({})", running.base_url(), running.source());
//!     }
//!     _ => println!("no sandbox is running"),
//! }
//! # Ok(()) }
//! ```

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::sandbox::Sandbox;

/// The base URL of a running sandbox (with [`ENV_TOKEN_ID`] and [`ENV_TOKEN`]).
pub const ENV_URL: &str = "SIPGATEIO_SANDBOX_URL";
/// The token id of the sandbox at [`ENV_URL`].
pub const ENV_TOKEN_ID: &str = "SIPGATEIO_SANDBOX_TOKEN_ID";
/// The token of the sandbox at [`ENV_URL`].
pub const ENV_TOKEN: &str = "SIPGATEIO_SANDBOX_TOKEN";
/// Where the discovery file is, instead of the default place.
pub const ENV_FILE: &str = "SIPGATEIO_SANDBOX_FILE";

/// How long [`RunningSandbox::is_listening`] waits for a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_millis(500);

/// Why a running sandbox could not be looked up.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DiscoveryError {
    /// [`ENV_URL`] is set without the credentials, or the other way round.
    #[error("{0}")]
    IncompleteEnvironment(String),
    /// The discovery file exists but cannot be read or is not a sandbox registration.
    #[error("the sandbox discovery file {}: {reason}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
}

/// Where a running sandbox was found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Source {
    /// [`ENV_URL`], [`ENV_TOKEN_ID`] and [`ENV_TOKEN`].
    Environment,
    /// A discovery file written by the running sandbox.
    File(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Environment => write!(f, "from {ENV_URL}"),
            Self::File(path) => write!(f, "registered in {}", path.display()),
        }
    }
}

/// A sandbox that another process runs: where it is and its credentials.
///
/// `Debug` never shows the token.
#[derive(Clone)]
pub struct RunningSandbox {
    base_url: String,
    token_id: String,
    token: String,
    source: Source,
    oauth: Option<RunningOauth>,
}

/// The OAuth side of a running sandbox: its registered client and its login endpoints, for
/// a tool that signs in against it (`sipgateio login --sandbox`).
///
/// `Debug` never shows the client secret.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunningOauth {
    client_id: String,
    client_secret: String,
    authorization_url: String,
    token_url: String,
    #[serde(default)]
    redirect_uris: Vec<String>,
}

impl fmt::Debug for RunningOauth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RunningOauth")
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .field("authorization_url", &self.authorization_url)
            .field("token_url", &self.token_url)
            .field("redirect_uris", &self.redirect_uris)
            .finish()
    }
}

impl RunningOauth {
    /// The registered client's id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The registered client's secret.
    pub fn client_secret(&self) -> &str {
        &self.client_secret
    }

    /// The authorization endpoint (`…/auth/realms/sipgate-apps/protocol/openid-connect/auth`).
    pub fn authorization_url(&self) -> &str {
        &self.authorization_url
    }

    /// The token endpoint (`…/auth/realms/sipgate-apps/protocol/openid-connect/token`).
    pub fn token_url(&self) -> &str {
        &self.token_url
    }

    /// The redirect URIs the client may use (see
    /// [`SandboxConfig::redirect_uris`](crate::SandboxConfig::redirect_uris)).
    pub fn redirect_uris(&self) -> &[String] {
        &self.redirect_uris
    }
}

impl fmt::Debug for RunningSandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RunningSandbox")
            .field("base_url", &self.base_url)
            .field("token_id", &self.token_id)
            .field("token", &"***")
            .field("source", &self.source)
            .field("oauth", &self.oauth)
            .finish()
    }
}

impl RunningSandbox {
    /// The API base URL, ending with `/v2`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The accepted token id.
    pub fn token_id(&self) -> &str {
        &self.token_id
    }

    /// The accepted token.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// Where it was found.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// Its OAuth client and login endpoints, when its registration names them (`None` for a
    /// sandbox named by the environment variables).
    pub fn oauth(&self) -> Option<&RunningOauth> {
        self.oauth.as_ref()
    }

    /// The sandbox's origin (the base URL without `/v2`), where `/sandbox/…` lives.
    pub fn origin(&self) -> &str {
        self.base_url.strip_suffix("/v2").unwrap_or(&self.base_url)
    }

    /// URL of the call-simulation endpoint (`POST`, JSON [`CallScenario`](crate::CallScenario)).
    pub fn simulate_url(&self) -> String {
        format!("{}/sandbox/simulate-call", self.origin())
    }

    /// Whether something accepts connections at the base URL's address (within half a
    /// second): a discovery file left behind by a sandbox that was killed points nowhere.
    pub async fn is_listening(&self) -> bool {
        let Ok(url) = reqwest::Url::parse(&self.base_url) else {
            return false;
        };
        let (Some(host), Some(port)) = (url.host_str(), url.port_or_known_default()) else {
            return false;
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        matches!(
            tokio::time::timeout(
                CONNECT_TIMEOUT,
                tokio::net::TcpStream::connect((host, port))
            )
            .await,
            Ok(Ok(_))
        )
    }
}

/// The discovery file's content.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Record {
    base_url: String,
    token_id: String,
    token: String,
    #[serde(default)]
    public_key_url: String,
    #[serde(default)]
    simulate_url: String,
    #[serde(default)]
    pid: u32,
    #[serde(default)]
    state_file: Option<PathBuf>,
    #[serde(default)]
    oauth: Option<RunningOauth>,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Where a running sandbox registers itself (see the module docs); `None` when the
/// environment names no directory for it (no `HOME`).
pub fn discovery_file() -> Option<PathBuf> {
    if let Some(path) = env(ENV_FILE) {
        return Some(PathBuf::from(path));
    }
    let dir = if cfg!(windows) {
        env("APPDATA").map(PathBuf::from)
    } else {
        env("XDG_RUNTIME_DIR")
            .or_else(|| env("XDG_CONFIG_HOME"))
            .map(PathBuf::from)
            .or_else(|| env("HOME").map(|home| Path::new(&home).join(".config")))
    }?;
    Some(dir.join("sipgateio").join("sandbox.json"))
}

/// The API base URL for a URL given with or without `/v2`.
fn base_url(url: &str) -> String {
    let url = url.trim().trim_end_matches('/');
    if url.ends_with("/v2") {
        url.to_owned()
    } else {
        format!("{url}/v2")
    }
}

/// The running sandbox named by the environment or the discovery file, if any (see the
/// module docs). Whether it still runs is not checked: ask
/// [`RunningSandbox::is_listening`].
///
/// # Errors
/// [`DiscoveryError::IncompleteEnvironment`] when [`ENV_URL`] is set without both
/// credentials (or they are set without it); [`DiscoveryError::File`] when the discovery file
/// exists but is not a sandbox registration.
pub fn find_running() -> Result<Option<RunningSandbox>, DiscoveryError> {
    match (env(ENV_URL), env(ENV_TOKEN_ID), env(ENV_TOKEN)) {
        (Some(url), Some(token_id), Some(token)) => {
            return Ok(Some(RunningSandbox {
                base_url: base_url(&url),
                token_id,
                token,
                source: Source::Environment,
                oauth: None,
            }));
        }
        (Some(_), _, _) => {
            return Err(DiscoveryError::IncompleteEnvironment(format!(
                "{ENV_URL} is set: set {ENV_TOKEN_ID} and {ENV_TOKEN} to its credentials too"
            )));
        }
        (None, Some(_), _) | (None, _, Some(_)) => {
            return Err(DiscoveryError::IncompleteEnvironment(format!(
                "{ENV_TOKEN_ID}/{ENV_TOKEN} are set without {ENV_URL}, the sandbox's base URL"
            )));
        }
        (None, None, None) => {}
    }
    let Some(path) = discovery_file() else {
        return Ok(None);
    };
    read_record(&path).map(|record| {
        record.map(|record| RunningSandbox {
            base_url: base_url(&record.base_url),
            token_id: record.token_id,
            token: record.token,
            source: Source::File(path),
            oauth: record.oauth,
        })
    })
}

fn read_record(path: &Path) -> Result<Option<Record>, DiscoveryError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(DiscoveryError::File {
                path: path.to_path_buf(),
                reason: e.to_string(),
            });
        }
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| DiscoveryError::File {
            path: path.to_path_buf(),
            reason: format!("not a sandbox registration ({e})"),
        })
}

/// A sandbox's entry in the discovery file: removed when dropped (unless another sandbox has
/// registered in the same file since).
#[derive(Debug)]
pub struct Registration {
    path: PathBuf,
    base_url: String,
}

impl Registration {
    /// The discovery file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        if let Ok(Some(record)) = read_record(&self.path)
            && record.base_url == self.base_url
            && let Err(e) = std::fs::remove_file(&self.path)
        {
            tracing::warn!(path = %self.path.display(), error = %e, "cannot remove the sandbox registration");
        }
    }
}

/// Writes `sandbox`'s registration to `path` (owner-only, atomically).
pub(crate) fn register(sandbox: &Sandbox, path: &Path) -> std::io::Result<Registration> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir)?;
    }
    let record = Record {
        base_url: sandbox.base_url(),
        token_id: sandbox.token_id().to_owned(),
        token: sandbox.token().to_owned(),
        public_key_url: sandbox.public_key_url(),
        simulate_url: sandbox.simulate_url(),
        pid: std::process::id(),
        state_file: sandbox.state_file().map(Path::to_path_buf),
        oauth: Some(RunningOauth {
            client_id: sandbox.oauth_client().client_id().to_owned(),
            client_secret: sandbox.oauth_client().client_secret().to_owned(),
            authorization_url: sandbox.oauth_authorization_url(),
            token_url: sandbox.oauth_token_url(),
            redirect_uris: sandbox.redirect_uris().to_vec(),
        }),
    };
    let json = serde_json::to_vec_pretty(&record).map_err(std::io::Error::other)?;
    crate::persist::write_atomically(path, &json)?;
    tracing::info!(path = %path.display(), "sandbox registered for `sipgateio --sandbox`");
    Ok(Registration {
        path: path.to_path_buf(),
        base_url: record.base_url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_end_with_v2() {
        assert_eq!(
            base_url("http://127.0.0.1:8090"),
            "http://127.0.0.1:8090/v2"
        );
        assert_eq!(
            base_url("http://127.0.0.1:8090/v2/"),
            "http://127.0.0.1:8090/v2"
        );
    }

    #[test]
    fn debug_hides_the_token() {
        let running = RunningSandbox {
            base_url: "http://127.0.0.1:1/v2".into(),
            token_id: "token-ABC123".into(),
            token: "s3cr3t".into(),
            source: Source::Environment,
            oauth: Some(RunningOauth {
                client_id: "app".into(),
                client_secret: "client-s3cr3t".into(),
                authorization_url: "http://127.0.0.1:1/auth".into(),
                token_url: "http://127.0.0.1:1/token".into(),
                redirect_uris: Vec::new(),
            }),
        };
        assert!(!format!("{running:?}").contains("s3cr3t"));
        assert_eq!(
            running.simulate_url(),
            "http://127.0.0.1:1/sandbox/simulate-call"
        );
    }
}
