//! Starting the sandbox, its configuration and the inspection helpers.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::auth::Credentials;
use crate::model::{
    Call, Contact, Device, Faxline, HistoryEntry, InitiatedCall, Number, SentFax, SentSms,
    SmsCallerId, User, WebhookSettings,
};
use crate::oauth::RegisteredClient;
use crate::signing::WebhookSigner;
use crate::simulator::{CallScenario, SimulationError, Transcript};
use crate::state::{AppState, Shared};

/// Why the sandbox could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// Binding the listener failed.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The embedded signing key could not be loaded.
    #[error("signing key: {0}")]
    Key(String),
    /// The state file ([`SandboxConfig::state_file`]) could not be read.
    #[error("state file {}: {reason}", path.display())]
    StateFile {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// A setting of the [`SandboxConfig`] is out of range.
    #[error("invalid setting `{setting}`: {reason}")]
    Config {
        /// The setting (the [`SandboxConfig`] field).
        setting: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}

/// How to start a sandbox. `SandboxConfig::default()` listens on a random port of 127.0.0.1.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SandboxConfig {
    /// Listen address (default `127.0.0.1:0`, a random port).
    pub addr: SocketAddr,
    /// Credentials to accept (default: a fresh random pair).
    pub credentials: Option<Credentials>,
    /// Start in "no credit" mode: paid endpoints answer 402.
    pub no_credit: bool,
    /// Whether sipgate.io is booked (default true); when false `/settings/sipgateio` answers 403
    /// and simulated calls push no webhooks.
    pub sipgateio_booked: bool,
    /// Faxes to this number end FAILED instead of SENT (default `+4921100000666`).
    pub failing_fax_recipient: Option<String>,
    /// A sent fax moves one status step per this much time (default 1 s), besides one step per
    /// status poll. `None`: only polls move it.
    pub fax_step: Option<Duration>,
    /// Keep the account in this JSON file: loaded on start (when it exists), saved a moment
    /// after each change and when the sandbox stops (default `None`: in memory only).
    pub state_file: Option<PathBuf>,
    /// How long a request naming the slow test number
    /// ([`failures::SLOW`](crate::failures::SLOW)) waits before it is answered (default
    /// [`failures::SLOW_ANSWER_DELAY`](crate::failures::SLOW_ANSWER_DELAY), 5 s).
    pub slow_answer: Duration,
    /// The OAuth client registered at the sandbox's login server (default: the state file's,
    /// else a fresh random one). See [`Sandbox::oauth_client`].
    pub oauth_client: Option<RegisteredClient>,
    /// Where the OAuth client may have codes sent: absolute http(s) URLs, matched exactly or,
    /// ending in `*`, as a prefix; on a loopback host any port matches. Default
    /// `http://127.0.0.1/*`, `http://localhost/*` and `http://[::1]/*`: any path and port on
    /// the local machine.
    pub redirect_uris: Vec<String>,
    /// How long an OAuth access token lives (default 300 s, as sipgate's; at least 1 s).
    pub access_token_lifetime: Duration,
    /// How long an OAuth refresh token lives (default 30 days, as sipgate's; at least 1 s).
    /// Each refresh hands out a new one with the full lifetime.
    pub refresh_token_lifetime: Duration,
    /// How long an authorization code may wait for its exchange (default 60 s; at least 1 s).
    pub authorization_code_lifetime: Duration,
    /// Strict mode (default off): every `/v2` request — the hand-written routes' too — is
    /// checked against sipgate's API description and refused with a 400 naming the field for
    /// unknown fields, unknown query parameters, wrong types and missing required fields.
    /// Without it, the long tail is still checked for wrong types and missing fields.
    pub strict: bool,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            credentials: None,
            no_credit: false,
            sipgateio_booked: true,
            failing_fax_recipient: Some("+4921100000666".to_owned()),
            fax_step: Some(Duration::from_secs(1)),
            state_file: None,
            slow_answer: crate::failures::SLOW_ANSWER_DELAY,
            oauth_client: None,
            redirect_uris: crate::oauth::DEFAULT_REDIRECT_URIS
                .iter()
                .map(|uri| (*uri).to_owned())
                .collect(),
            access_token_lifetime: crate::oauth::DEFAULT_ACCESS_TOKEN_LIFETIME,
            refresh_token_lifetime: crate::oauth::DEFAULT_REFRESH_TOKEN_LIFETIME,
            authorization_code_lifetime: crate::oauth::DEFAULT_AUTHORIZATION_CODE_LIFETIME,
            strict: false,
        }
    }
}

impl SandboxConfig {
    /// Listen on this address.
    #[must_use]
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Accept these credentials instead of a random pair.
    #[must_use]
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Start in "no credit" mode (402 on paid endpoints).
    #[must_use]
    pub fn no_credit(mut self, no_credit: bool) -> Self {
        self.no_credit = no_credit;
        self
    }

    /// Whether sipgate.io is booked.
    #[must_use]
    pub fn sipgateio_booked(mut self, booked: bool) -> Self {
        self.sipgateio_booked = booked;
        self
    }

    /// Faxes to this number fail (`None`: none fail).
    #[must_use]
    pub fn failing_fax_recipient(mut self, number: Option<String>) -> Self {
        self.failing_fax_recipient = number;
        self
    }

    /// Time per fax status step (`None`: only status polls advance a fax).
    #[must_use]
    pub fn fax_step(mut self, step: Option<Duration>) -> Self {
        self.fax_step = step;
        self
    }

    /// Keeps the account in `path` across restarts.
    ///
    /// On start the sandbox loads the file if it exists (a file that is not a sandbox state
    /// file is a [`StartError::StateFile`], never overwritten) and otherwise starts from the
    /// seeded account. It saves the account a moment after each change (debounced: a burst
    /// of requests is one write) and when it stops, atomically (a temporary file, then a
    /// rename) and readable by its owner only. The file holds the account — users, numbers,
    /// contacts, SMS and caller ids with their verification codes, faxes, calls, history,
    /// webhook settings — and the credentials, which are kept unless
    /// [`credentials`](Self::credentials) sets others. It also holds the OAuth client (kept
    /// unless [`oauth_client`](Self::oauth_client) sets another) and its sign-ins, so that
    /// refresh tokens handed out before a restart still work after it: for each, the SHA-256
    /// digests of its tokens with their expiry — never a token itself. The switches (no
    /// credit, booked, the failing fax number, the fax step, the redirect URIs and the token
    /// lifetimes) come from the configuration at each start.
    ///
    /// ```no_run
    /// use sipgateio_sandbox::{Sandbox, SandboxConfig};
    ///
    /// # async fn demo() -> Result<(), sipgateio_sandbox::StartError> {
    /// let config = SandboxConfig::default().state_file("sandbox-state.json");
    /// let sandbox = Sandbox::start_with(config).await?;
    /// // … the contacts created now are there on the next start with the same file.
    /// # drop(sandbox); Ok(()) }
    /// ```
    #[must_use]
    pub fn state_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.state_file = Some(path.into());
        self
    }

    /// Checks every request against sipgate's API description (see [`SandboxConfig::strict`]
    /// the field): a contract check for an SDK's end-to-end tests.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use sipgateio_sandbox::{Sandbox, SandboxConfig};
    ///
    /// let sandbox = Sandbox::start_with(SandboxConfig::default().strict(true)).await?;
    /// let answer = reqwest::Client::new()
    ///     .get(format!("{}/balance?unknown=1", sandbox.base_url()))
    ///     .basic_auth(sandbox.token_id(), Some(sandbox.token()))
    ///     .send()
    ///     .await?;
    /// assert_eq!(answer.status(), 400); // `unknown` is no parameter of getBalance
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// How long a request naming the slow test number waits before it is answered.
    #[must_use]
    pub fn slow_answer(mut self, delay: Duration) -> Self {
        self.slow_answer = delay;
        self
    }

    /// Registers this OAuth client at the sandbox's login server instead of a random one
    /// (kept across restarts in the state file otherwise, like the credentials).
    #[must_use]
    pub fn oauth_client(mut self, client: RegisteredClient) -> Self {
        self.oauth_client = Some(client);
        self
    }

    /// Allows the OAuth client these redirect URIs instead of the local machine's (see
    /// [`redirect_uris`](Self#structfield.redirect_uris) for the matching rules).
    ///
    /// ```
    /// use sipgateio_sandbox::SandboxConfig;
    ///
    /// let config = SandboxConfig::default().redirect_uris([
    ///     "https://crm.example.com/sipgate/callback", // exactly this URI
    ///     "http://127.0.0.1/*",                       // any port and path on 127.0.0.1
    /// ]);
    /// assert_eq!(config.redirect_uris.len(), 2);
    /// ```
    #[must_use]
    pub fn redirect_uris(mut self, uris: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.redirect_uris = uris.into_iter().map(Into::into).collect();
        self
    }

    /// How long OAuth access tokens live (default 300 s). A second or two lets a test see a
    /// token expire and renew.
    #[must_use]
    pub fn access_token_lifetime(mut self, lifetime: Duration) -> Self {
        self.access_token_lifetime = lifetime;
        self
    }

    /// How long OAuth refresh tokens live (default 30 days).
    #[must_use]
    pub fn refresh_token_lifetime(mut self, lifetime: Duration) -> Self {
        self.refresh_token_lifetime = lifetime;
        self
    }

    /// How long an authorization code may wait for its exchange (default 60 s).
    #[must_use]
    pub fn authorization_code_lifetime(mut self, lifetime: Duration) -> Self {
        self.authorization_code_lifetime = lifetime;
        self
    }
}

/// A lifetime as the banner shows it: `300 s`, `30 days`.
fn lifetime(duration: Duration) -> String {
    let seconds = duration.as_secs();
    if seconds >= 86_400 && seconds.is_multiple_of(86_400) {
        format!("{} days", seconds / 86_400)
    } else {
        format!("{seconds} s")
    }
}

/// A running sandbox. Dropping it stops the server.
#[derive(Debug)]
pub struct Sandbox {
    shared: AppState,
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    /// The debounced saver of the state file, if any.
    saver: Option<tokio::task::JoinHandle<()>>,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(saver) = self.saver.take() {
            saver.abort();
        }
        if let Err(e) = self.save_state() {
            tracing::error!(error = %e, "the sandbox state was not saved");
        }
        // Ends the inspector's live feeds and dialpad calls, which would hold the server open.
        self.shared.events.close();
    }
}

impl Sandbox {
    /// The operationIds of sipgate's API description this sandbox has answered with a success
    /// status so far (hand-written and described alike): what a test reached.
    pub fn answered_operations(&self) -> std::collections::BTreeSet<String> {
        self.shared.described.answered()
    }

    /// Starts a sandbox on a random port of 127.0.0.1 with a fresh token pair.
    pub async fn start() -> Result<Self, StartError> {
        Self::start_with(SandboxConfig::default()).await
    }

    /// Starts a sandbox with a configuration.
    pub async fn start_with(config: SandboxConfig) -> Result<Self, StartError> {
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|source| StartError::Bind {
                addr: config.addr,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            addr: config.addr,
            source,
        })?;
        let mut state = crate::seed::account();
        let loaded = match &config.state_file {
            Some(path) => {
                crate::persist::load(path, &mut state).map_err(|reason| StartError::StateFile {
                    path: path.clone(),
                    reason,
                })?
            }
            None => None,
        };
        if let (Some(path), Some(_)) = (&config.state_file, &loaded) {
            tracing::info!(path = %path.display(), "sandbox state loaded");
        }
        state.no_credit = config.no_credit;
        state.sipgateio_booked = config.sipgateio_booked;
        state.failing_fax_recipient = config.failing_fax_recipient;
        state.fax_step = config.fax_step;
        let lifetimes = crate::oauth::Lifetimes {
            access: config.access_token_lifetime,
            refresh: config.refresh_token_lifetime,
            code: config.authorization_code_lifetime,
        };
        lifetimes
            .check()
            .map_err(|(setting, reason)| StartError::Config { setting, reason })?;
        let redirect_uris =
            crate::oauth::RedirectUris::parse(&config.redirect_uris).map_err(|reason| {
                StartError::Config {
                    setting: "redirect_uris",
                    reason,
                }
            })?;
        let (loaded_credentials, stored_oauth, long_tail) = match loaded {
            Some(loaded) => (Some(loaded.credentials), loaded.oauth, loaded.long_tail),
            None => (None, None, None),
        };
        let credentials = config
            .credentials
            .or(loaded_credentials)
            .unwrap_or_else(Credentials::generate);
        let oauth_client = config
            .oauth_client
            .or_else(|| stored_oauth.as_ref().map(crate::oauth::StoredOauth::client))
            .unwrap_or_else(RegisteredClient::generate);
        oauth_client.check().map_err(|reason| StartError::Config {
            setting: "oauth_client",
            reason,
        })?;
        let oauth =
            crate::oauth::OauthServer::new(oauth_client, redirect_uris, lifetimes, stored_oauth);
        let shared = Arc::new(Shared {
            state: Mutex::new(state),
            credentials,
            oauth,
            signer: WebhookSigner::new()?,
            events: crate::events::EventBus::default(),
            http: std::sync::OnceLock::new(),
            persist: config.state_file.map(crate::persist::Persistence::new),
            slow_answer: config.slow_answer,
            described: crate::described::Described::new(config.strict, long_tail),
        });
        let saver = shared.persist.is_some().then(|| {
            let shared = shared.clone();
            tokio::spawn(async move {
                let Some(persist) = &shared.persist else {
                    return;
                };
                loop {
                    persist.next_change().await;
                    tokio::time::sleep(crate::persist::DEBOUNCE).await;
                    if let Err(e) = persist.save(&shared) {
                        tracing::error!(error = %e, "the sandbox state was not saved");
                    }
                }
            })
        });
        // Saves the state file now, so a new file exists from the start.
        if let Some(persist) = &shared.persist {
            persist
                .save(&shared)
                .map_err(|reason| StartError::StateFile {
                    path: persist.path().to_path_buf(),
                    reason,
                })?;
        }
        let app = crate::routes::router(shared.clone())
            .merge(crate::inspector::router(&shared))
            .layer(axum::middleware::from_fn_with_state(
                shared.clone(),
                crate::persist::track_changes,
            ));
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
            if let Err(e) = served {
                tracing::error!(error = %e, "sandbox server stopped");
            }
        });
        tracing::info!(%addr, "sipgate.io sandbox listening");
        Ok(Self {
            shared,
            addr,
            shutdown: Some(tx),
            saver,
        })
    }

    /// Registers this sandbox in the discovery file ([`discovery_file`](crate::discovery::discovery_file))
    /// so that other processes find it — `sipgateio --sandbox` then uses it instead of an
    /// ephemeral sandbox of its own. The file holds the base URL and the credentials and is
    /// readable by its owner only; the returned guard removes it when dropped.
    ///
    /// # Errors
    /// No directory for the file is known (no `HOME`; set `SIPGATEIO_SANDBOX_FILE`), or it
    /// cannot be written.
    pub fn register(&self) -> std::io::Result<crate::discovery::Registration> {
        let path = crate::discovery::discovery_file().ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no directory for the sandbox discovery file: set SIPGATEIO_SANDBOX_FILE",
            )
        })?;
        self.register_at(&path)
    }

    /// Like [`register`](Self::register), in the file `path`.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn register_at(
        &self,
        path: impl AsRef<Path>,
    ) -> std::io::Result<crate::discovery::Registration> {
        crate::discovery::register(self, path.as_ref())
    }

    /// The state file, if the account is kept in one ([`SandboxConfig::state_file`]).
    pub fn state_file(&self) -> Option<&Path> {
        self.shared.persist.as_ref().map(|p| p.path())
    }

    /// Saves the account to the state file now (the sandbox also does so a moment after each
    /// change and when it is dropped); does nothing without a state file.
    ///
    /// # Errors
    /// The file could not be written (the message names it).
    pub fn save_state(&self) -> std::io::Result<()> {
        match &self.shared.persist {
            Some(persist) => persist.save(&self.shared).map_err(std::io::Error::other),
            None => Ok(()),
        }
    }

    /// The listening address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The API base URL to give the SDK, e.g. `http://127.0.0.1:41234/v2`.
    pub fn base_url(&self) -> String {
        format!("http://{}/v2", self.addr)
    }

    /// URL of the webhook signing public key (PEM).
    pub fn public_key_url(&self) -> String {
        format!("http://{}/sandbox/public-key.pem", self.addr)
    }

    /// The inspector: a web page that shows live what the sandbox received and sent, with a
    /// dialpad for interactive calls (`http://127.0.0.1:41234/`, the root of the server).
    pub fn inspector_url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The accepted token id (`token-XXXXXX`).
    pub fn token_id(&self) -> &str {
        self.shared.credentials.token_id()
    }

    /// The accepted token (a UUID).
    pub fn token(&self) -> &str {
        self.shared.credentials.token()
    }

    /// The accepted credentials.
    pub fn credentials(&self) -> &Credentials {
        &self.shared.credentials
    }

    /// The OAuth client registered at the sandbox's login server: the client id and secret
    /// an application signs users in with (the authorization-code flow with PKCE; see
    /// [`oauth_authorization_url`](Self::oauth_authorization_url)).
    pub fn oauth_client(&self) -> &RegisteredClient {
        self.shared.oauth.client()
    }

    /// The redirect URIs the OAuth client may use ([`SandboxConfig::redirect_uris`]).
    pub fn redirect_uris(&self) -> &[String] {
        self.shared.oauth.redirect_uris().as_slice()
    }

    /// The OAuth authorization endpoint, on the path of sipgate's login server:
    /// `http://127.0.0.1:41234/auth/realms/sipgate-apps/protocol/openid-connect/auth`. It
    /// signs the sandbox account's user (`w0`) in at once and redirects back with `code` and
    /// `state`; with `prompt=consent` it shows an Allow/Deny page first.
    pub fn oauth_authorization_url(&self) -> String {
        format!(
            "http://{}{}",
            self.addr,
            crate::oauth::endpoints::AUTHORIZATION_PATH
        )
    }

    /// The OAuth token endpoint
    /// (`http://127.0.0.1:41234/auth/realms/sipgate-apps/protocol/openid-connect/token`): codes
    /// (with their PKCE verifier) and refresh tokens for access tokens that the REST API
    /// accepts as `Bearer`.
    pub fn oauth_token_url(&self) -> String {
        format!(
            "http://{}{}",
            self.addr,
            crate::oauth::endpoints::TOKEN_PATH
        )
    }

    /// Revokes every OAuth sign-in, as a user who withdraws an app's access: every access
    /// and refresh token stops working at once (the API answers 401, a refresh
    /// `invalid_grant`). Returns how many sign-ins there were.
    pub fn revoke_oauth_sign_ins(&self) -> usize {
        let count = self.shared.oauth.revoke_all();
        self.shared.mark_changed();
        count
    }

    /// The webhook signing public key (PEM); same as [`PUBLIC_KEY_PEM`](crate::PUBLIC_KEY_PEM).
    pub fn public_key_pem(&self) -> &'static str {
        crate::signing::PUBLIC_KEY_PEM
    }

    /// URL of the sandbox's call-simulation endpoint (`POST`, JSON [`CallScenario`]).
    pub fn simulate_url(&self) -> String {
        format!("http://{}/sandbox/simulate-call", self.addr)
    }

    /// A human-readable startup banner: what to point the SDK at.
    pub fn banner(&self) -> String {
        format!(
            "sipgate.io sandbox running (offline, in-memory)\n\
             \n  base URL:   {base}\n  token id:   {id}\n  token:      {token}\n  public key: {key}\n  inspector:  {inspector}\n\
             \nPoint the SDK at it:\n  \
             Client::builder().base_url(\"{base}\").personal_access_token(\"{id}\", \"{token}\")\n\
             or, for tools that read the environment:\n  \
             export SIPGATE_BASE_URL={base}\n  export SIPGATE_TOKEN_ID={id}\n  export SIPGATE_TOKEN={token}\n\
             \nOAuth 2 sign-in (authorization code with PKCE S256, on sipgate's login paths):\n  \
             client id:     {client_id}\n  client secret: {client_secret}\n  \
             redirect URIs: {redirect_uris}\n  \
             authorize URL: {authorize}\n  token URL:     {token_url}\n  \
             lifetimes:     access tokens {access}, refresh tokens {refresh}\n\
             \nAccount: users w0 (Ada Lovelace, you) and w1, devices e0/x0/y0, phonelines p0/p1,\n\
             SMS s0, fax f0, numbers +4921100000000 (p0) +4921100000001 (p1) +4921100000009 (f0).\n\
             Simulate a call: POST {sim} with JSON {{\"from\":\"+4915790000001\",\"to\":\"+4921100000000\"}}\n\
             (same Basic credentials; the webhook URL comes from PUT /v2/settings/sipgateio).",
            base = self.base_url(),
            id = self.token_id(),
            token = self.token(),
            key = self.public_key_url(),
            sim = self.simulate_url(),
            inspector = self.inspector_url(),
            client_id = self.oauth_client().client_id(),
            client_secret = self.oauth_client().client_secret(),
            redirect_uris = self.redirect_uris_shown(),
            authorize = self.oauth_authorization_url(),
            token_url = self.oauth_token_url(),
            access = lifetime(self.shared.oauth.lifetimes().access),
            refresh = lifetime(self.shared.oauth.lifetimes().refresh),
        )
    }

    /// The redirect URIs as the banner shows them: the loopback wildcards say "any port".
    fn redirect_uris_shown(&self) -> String {
        self.redirect_uris()
            .iter()
            .map(|uri| match uri.strip_suffix("/*") {
                Some(origin)
                    if ["http://127.0.0.1", "http://localhost", "http://[::1]"]
                        .contains(&origin) =>
                {
                    format!("{origin}:<any port>/…")
                }
                _ => uri.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Runs a simulated call against your webhook app and returns what happened.
    pub async fn simulate_call(
        &self,
        scenario: CallScenario,
    ) -> Result<Transcript, SimulationError> {
        crate::simulator::simulate(&self.shared, scenario).await
    }

    /// Switches "no credit" mode (402 on SMS, fax, calls, caller-id registration).
    pub fn set_no_credit(&self, no_credit: bool) {
        self.shared.lock().no_credit = no_credit;
    }

    /// Switches whether sipgate.io is booked.
    pub fn set_sipgateio_booked(&self, booked: bool) {
        self.shared.lock().sipgateio_booked = booked;
    }

    /// Replaces the webhook settings (as `PUT /settings/sipgateio` would).
    pub fn set_webhook_settings(&self, settings: WebhookSettings) {
        self.shared.lock().settings = settings;
    }

    /// SMS accepted so far.
    pub fn sent_sms(&self) -> Vec<SentSms> {
        self.shared.lock().sent_sms.clone()
    }

    /// Faxes accepted so far, with their current status (time steps applied).
    pub fn faxes(&self) -> Vec<SentFax> {
        let mut data = self.shared.lock();
        data.advance_all_faxes();
        data.faxes.clone()
    }

    /// All contacts (private, shared and internal).
    pub fn contacts(&self) -> Vec<Contact> {
        self.shared.lock().contacts.clone()
    }

    /// Calls known to RTCM, including ended ones (see [`Call::ended`]).
    pub fn calls(&self) -> Vec<Call> {
        self.shared.lock().calls.clone()
    }

    /// Calls started with `POST /sessions/calls`.
    pub fn initiated_calls(&self) -> Vec<InitiatedCall> {
        self.shared.lock().initiated_calls.clone()
    }

    /// The account's web users (seeded `w0`, `w1`; a deleted one is gone).
    pub fn users(&self) -> Vec<User> {
        self.shared.lock().users.clone()
    }

    /// Every device of the account, seeded and created, with what was written to them
    /// (alias, do-not-disturb, the phonelines they ring for); [`Device::owner`] is the web user.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let sandbox = sipgateio_sandbox::Sandbox::start().await?;
    /// let kinds: Vec<(String, String)> =
    ///     sandbox.devices().into_iter().map(|d| (d.id, d.kind)).collect();
    /// assert_eq!(kinds[2], ("y0".to_owned(), "MOBILE".to_owned()));
    /// # Ok(())
    /// # }
    /// ```
    pub fn devices(&self) -> Vec<Device> {
        self.shared.lock().devices.clone()
    }

    /// Every fax line of the account, seeded and created.
    pub fn faxlines(&self) -> Vec<Faxline> {
        self.shared.lock().faxlines.clone()
    }

    /// The account's numbers as `GET /numbers` lists them: with their routing and the quick
    /// dials (`QUICKDIAL`).
    pub fn numbers(&self) -> Vec<Number> {
        self.shared.lock().numbers.clone()
    }

    /// The whole history, in insertion order.
    pub fn history(&self) -> Vec<HistoryEntry> {
        self.shared.lock().history.clone()
    }

    /// The current webhook settings.
    pub fn webhook_settings(&self) -> WebhookSettings {
        self.shared.lock().settings.clone()
    }

    /// The caller ids of an SMS extension.
    pub fn sms_caller_ids(&self, sms_id: &str) -> Vec<SmsCallerId> {
        self.shared
            .lock()
            .sms_extensions
            .iter()
            .find(|e| e.id == sms_id)
            .map(|e| e.caller_ids.clone())
            .unwrap_or_default()
    }

    /// The verification code "sent" to a caller-id number of an SMS extension.
    pub fn verification_code(&self, sms_id: &str, phonenumber: &str) -> Option<String> {
        let wanted = crate::http::digits(phonenumber);
        self.sms_caller_ids(sms_id)
            .into_iter()
            .find(|c| crate::http::digits(&c.phonenumber) == wanted)
            .map(|c| c.verification_code)
    }
}
