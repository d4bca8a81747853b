//! Global options: credentials, base URL, the embedded sandbox, output mode.
//!
//! Credentials follow one precedence, documented in `--help` and the READMEs: a credential
//! given on the command line, then one in the environment, then the chosen (or default)
//! profile that `sipgateio login` stored.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use clap::parser::ValueSource;
use clap::{ArgMatches, Args};
use sipgateio::oauth::{OauthClient, TokenSession};
use sipgateio::sandbox::Sandbox;
use sipgateio::sandbox::discovery::{self, RunningSandbox, Source};
use sipgateio::{Client, OauthClientId, Secret};

use crate::exit::Failure;
use crate::output::Output;
use crate::profile::{self, DEFAULT_PROFILE, OauthSettings, Profile, ProfileName, ProfileStore};

/// Options every command accepts.
///
/// `Debug` shows the tokens as `***`.
#[derive(Args, Debug, Clone, Default)]
#[command(next_help_heading = "Global options")]
pub(crate) struct GlobalArgs {
    /// Personal access token id (`token-XXXXXX`).
    #[arg(long, env = "SIPGATE_TOKEN_ID", global = true, hide_env_values = true)]
    pub token_id: Option<String>,

    /// Personal access token (a UUID). Never printed.
    #[arg(long, env = "SIPGATE_TOKEN", global = true, hide_env_values = true, value_parser = secret)]
    pub token: Option<Secret>,

    /// OAuth access token (instead of a personal access token; wins over one given the same way:
    /// both as flags, or both as variables).
    /// Never printed.
    #[arg(
        long,
        env = "SIPGATE_OAUTH_TOKEN",
        global = true,
        hide_env_values = true,
        value_parser = secret
    )]
    pub oauth_token: Option<Secret>,

    /// API base URL [default: `https://api.sipgate.com/v2`].
    #[arg(
        long,
        env = "SIPGATE_BASE_URL",
        global = true,
        value_name = "URL",
        hide_env_values = true
    )]
    pub base_url: Option<String>,

    /// Run against the sandbox instead of sipgate (no credentials needed): the running one
    /// (`sipgateio sandbox` or `sipgateio-sandbox` registers itself; SIPGATEIO_SANDBOX_URL with
    /// SIPGATEIO_SANDBOX_TOKEN_ID/SIPGATEIO_SANDBOX_TOKEN names one), else an ephemeral one
    /// whose state lasts this one command. Which one is said on stderr.
    #[arg(long, global = true)]
    pub sandbox: bool,

    /// Machine-readable JSON on stdout (no tables, no progress bars).
    #[arg(long, global = true)]
    pub json: bool,

    /// Log requests (method, path, status, timing) to stderr; credentials are never logged.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Timeout of each HTTP request, e.g. `30s`.
    #[arg(long, global = true, value_name = "DURATION", value_parser = crate::parse::duration)]
    pub timeout: Option<Duration>,

    /// The profile `sipgateio login` stores into and commands read from [default: `default`]
    /// (`sandbox` for `sipgateio --sandbox login`). Used when neither flags nor environment
    /// variables give credentials.
    #[arg(
        long,
        env = "SIPGATEIO_PROFILE",
        global = true,
        value_name = "NAME",
        hide_env_values = true
    )]
    pub profile: Option<String>,

    /// Where the values above came from: the command line or the environment.
    #[arg(skip)]
    pub origins: Origins,
}

/// Where a value came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Not given.
    #[default]
    Unset,
    /// A flag on the command line.
    Flag,
    /// An environment variable.
    Env,
}

impl Origin {
    fn of(matches: &ArgMatches, id: &str) -> Self {
        match matches.value_source(id) {
            Some(ValueSource::CommandLine) => Self::Flag,
            Some(ValueSource::EnvVariable) => Self::Env,
            _ => Self::Unset,
        }
    }
}

/// The origins of the credential options, read from clap's matches after parsing.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Origins {
    token_id: Origin,
    token: Origin,
    oauth_token: Origin,
    profile: Origin,
}

impl Origins {
    /// Reads the origins of the global options from the parsed command line.
    pub(crate) fn of(matches: &ArgMatches) -> Self {
        Self {
            token_id: Origin::of(matches, "token_id"),
            token: Origin::of(matches, "token"),
            oauth_token: Origin::of(matches, "oauth_token"),
            profile: Origin::of(matches, "profile"),
        }
    }
}

impl GlobalArgs {
    /// The profile named by `--profile` or `SIPGATEIO_PROFILE` (checked), if any.
    pub(crate) fn named_profile(&self) -> Result<Option<ProfileName>, Failure> {
        self.profile
            .as_deref()
            .filter(|name| !name.is_empty())
            .map(ProfileName::new)
            .transpose()
    }

    /// The profile to use: the named one, else [`DEFAULT_PROFILE`].
    pub(crate) fn profile_or(&self, default: &str) -> Result<ProfileName, Failure> {
        match self.named_profile()? {
            Some(name) => Ok(name),
            None => ProfileName::new(default),
        }
    }

    /// `--base-url` or `SIPGATE_BASE_URL`, if given.
    pub(crate) fn given_base_url(&self) -> Option<&str> {
        self.base_url.as_deref().filter(|url| !url.is_empty())
    }
}

/// The credentials a command uses, chosen by the precedence.
enum Credentials {
    Oauth(Secret),
    Pat(String, Secret),
    Profile {
        name: ProfileName,
        profile: Box<Profile>,
        path: PathBuf,
    },
}

/// Where the credentials of a command came from, for the hint of a 401.
#[derive(Debug, Clone)]
pub(crate) enum CredentialsFrom {
    /// Flags or environment variables.
    Given,
    /// A stored profile.
    Profile(ProfileName),
}

/// The credentials once chosen: a stored profile's session is built once per command, so
/// that every client of the command shares its one refresh.
struct Resolved {
    from: CredentialsFrom,
    base_url: Option<String>,
    auth: Auth,
}

#[derive(Clone)]
enum Auth {
    Oauth(Secret),
    Pat(String, Secret),
    Session(TokenSession),
}

/// The sandbox a `--sandbox` command runs against.
pub(crate) enum SandboxUse {
    /// One that another process runs (registered, or named by the environment): state lasts.
    Running(RunningSandbox),
    /// One started for this command only.
    Ephemeral(Sandbox),
}

/// What a running command has: the output mode, the client (built on demand) and the sandbox
/// when `--sandbox` was given.
pub(crate) struct Ctx {
    /// The global options.
    pub args: GlobalArgs,
    /// How to print.
    pub out: Output,
    sandbox: Option<SandboxUse>,
    resolved: OnceLock<Resolved>,
}

impl Ctx {
    /// Finds (or starts) the sandbox if `--sandbox` was given and the command talks to the API.
    pub(crate) async fn new(args: GlobalArgs, talks_to_the_api: bool) -> Result<Self, Failure> {
        let sandbox = if args.sandbox && talks_to_the_api {
            Some(use_sandbox().await?)
        } else {
            None
        };
        Ok(Self {
            out: Output::new(args.json),
            args,
            sandbox,
            resolved: OnceLock::new(),
        })
    }

    /// The sandbox started for this command, if `--sandbox` found none running.
    pub(crate) fn ephemeral_sandbox(&self) -> Option<&Sandbox> {
        match &self.sandbox {
            Some(SandboxUse::Ephemeral(sandbox)) => Some(sandbox),
            _ => None,
        }
    }

    /// The running sandbox `--sandbox` found, if any.
    pub(crate) fn running_sandbox(&self) -> Option<&RunningSandbox> {
        match &self.sandbox {
            Some(SandboxUse::Running(running)) => Some(running),
            _ => None,
        }
    }

    /// A client for the API: the embedded sandbox, or the credentials and base URL given.
    pub(crate) fn client(&self) -> Result<Client, Failure> {
        self.client_at(None)
    }

    /// Like [`client`](Self::client) with another base URL (the sandbox's simulator lives
    /// outside `/v2`).
    pub(crate) fn client_at(&self, base_url: Option<&str>) -> Result<Client, Failure> {
        let mut builder = Client::builder();
        if let Some(sandbox) = &self.sandbox {
            let (token_id, token, sandbox_url) = match sandbox {
                SandboxUse::Ephemeral(sandbox) => {
                    (sandbox.token_id(), sandbox.token(), sandbox.base_url())
                }
                SandboxUse::Running(running) => (
                    running.token_id(),
                    running.token(),
                    running.base_url().to_owned(),
                ),
            };
            builder = builder
                .personal_access_token(token_id, token.to_owned())
                .base_url(base_url.map_or(sandbox_url, str::to_owned));
        } else {
            let resolved = self.resolved()?;
            builder = match &resolved.auth {
                Auth::Oauth(token) => builder.oauth_token(token.clone()),
                Auth::Pat(id, token) => builder.personal_access_token(id.clone(), token.clone()),
                Auth::Session(session) => builder.token_source(session.clone()),
            };
            if let Some(url) = base_url.or(resolved.base_url.as_deref()) {
                builder = builder.base_url(url);
            }
        }
        if let Some(timeout) = self.args.timeout {
            builder = builder.request_timeout(timeout);
        }
        Ok(builder.build()?)
    }
}

impl Ctx {
    /// Where the credentials came from (`None` before a client was built, or with
    /// `--sandbox`).
    pub(crate) fn credentials_from(&self) -> Option<&CredentialsFrom> {
        self.resolved.get().map(|resolved| &resolved.from)
    }

    /// The credentials and base URL, chosen once per command.
    fn resolved(&self) -> Result<&Resolved, Failure> {
        if let Some(resolved) = self.resolved.get() {
            return Ok(resolved);
        }
        let resolved = self.resolve()?;
        Ok(self.resolved.get_or_init(|| resolved))
    }

    fn resolve(&self) -> Result<Resolved, Failure> {
        let credentials = choose_credentials(&self.args)?;
        let given_url = self.args.given_base_url().map(str::to_owned);
        let typed_profile = self
            .args
            .named_profile()?
            .filter(|_| self.args.origins.profile == Origin::Flag);
        if let Some(name) = typed_profile
            && !matches!(credentials, Credentials::Profile { .. })
        {
            eprintln!(
                "note: profile `{name}` is not used: credentials given as flags or environment \
                 variables come first"
            );
        }
        Ok(match credentials {
            Credentials::Oauth(token) => Resolved {
                from: CredentialsFrom::Given,
                base_url: given_url,
                auth: Auth::Oauth(token),
            },
            Credentials::Pat(id, token) => Resolved {
                from: CredentialsFrom::Given,
                base_url: given_url,
                auth: Auth::Pat(id, token),
            },
            Credentials::Profile {
                name,
                profile,
                path,
            } => {
                let session = session_of(&name, &profile, path, self.args.timeout)?;
                Resolved {
                    from: CredentialsFrom::Profile(name),
                    base_url: given_url.or_else(|| profile.base_url.clone()),
                    auth: Auth::Session(session),
                }
            }
        })
    }
}

/// Chooses the credentials: the first level that names any — the command line, then the
/// environment, then the profile. At one level an OAuth token wins over a personal access
/// token; the two halves of a personal access token may come from a flag and a variable.
fn choose_credentials(args: &GlobalArgs) -> Result<Credentials, Failure> {
    // An empty variable (`SIPGATE_TOKEN=`) counts as not set.
    let origins = &args.origins;
    let oauth = args
        .oauth_token
        .clone()
        .filter(|v| !v.is_empty())
        .map(|v| (v, origins.oauth_token));
    let token_id = args
        .token_id
        .clone()
        .filter(|v| !v.is_empty())
        .map(|v| (v, origins.token_id));
    let token = args
        .token
        .clone()
        .filter(|v| !v.is_empty())
        .map(|v| (v, origins.token));
    for level in [Origin::Flag, Origin::Env] {
        if let Some((oauth, _)) = oauth.as_ref().filter(|(_, origin)| *origin == level) {
            return Ok(Credentials::Oauth(oauth.clone()));
        }
        let id_here = token_id.as_ref().is_some_and(|(_, o)| *o == level);
        let token_here = token.as_ref().is_some_and(|(_, o)| *o == level);
        if !(id_here || token_here) {
            continue;
        }
        return match (&token_id, &token) {
            (Some((id, _)), Some((token, _))) => Ok(Credentials::Pat(id.clone(), token.clone())),
            (Some(_), None) => Err(Failure::Usage(
                "--token-id needs --token (or SIPGATE_TOKEN)".into(),
            )),
            _ => Err(Failure::Usage(
                "--token needs --token-id (or SIPGATE_TOKEN_ID)".into(),
            )),
        };
    }
    let named = args.named_profile()?;
    let name = match &named {
        Some(name) => name.clone(),
        None => ProfileName::new(DEFAULT_PROFILE)?,
    };
    match profile::load(&name)? {
        Some((profile, path)) => Ok(Credentials::Profile {
            name,
            profile: Box::new(profile),
            path,
        }),
        None if named.is_some() => Err(Failure::Usage(format!(
            "profile `{name}` has no stored sign-in: run `sipgateio login --profile {name}`, or \
             pass --token-id and --token"
        ))),
        None => Err(Failure::Usage(NO_CREDENTIALS.into())),
    }
}

/// A session for a profile's tokens whose refreshes are written back to its file.
fn session_of(
    name: &ProfileName,
    profile: &Profile,
    path: PathBuf,
    timeout: Option<Duration>,
) -> Result<TokenSession, Failure> {
    let oauth = oauth_client(&profile.oauth, timeout).map_err(|e| {
        Failure::Other(format!(
            "the profile {} holds unusable OAuth settings ({e}): run `sipgateio login --profile \
             {name}` again",
            path.display()
        ))
    })?;
    Ok(TokenSession::builder(&oauth, profile.tokens.clone())
        .store(ProfileStore::new(path, profile.clone()))
        .build())
}

/// The OAuth client of a profile (what renews its tokens).
pub(crate) fn oauth_client(
    settings: &OauthSettings,
    timeout: Option<Duration>,
) -> Result<OauthClient, sipgateio::oauth::Error> {
    let mut builder = OauthClient::builder(
        OauthClientId::new(settings.client_id.clone()),
        crate::commands::login::redirect_uri(settings.redirect_port),
    )
    .authorization_url(settings.authorization_url.clone())
    .token_url(settings.token_url.clone());
    if let Some(secret) = &settings.client_secret {
        builder = builder.client_secret(secret.clone());
    }
    if let Some(timeout) = timeout {
        builder = builder.request_timeout(timeout);
    }
    builder.build()
}

/// The running sandbox if one is registered and listening (or named by the environment),
/// else an ephemeral one; says which on stderr.
async fn use_sandbox() -> Result<SandboxUse, Failure> {
    let found = discovery::find_running().map_err(|e| Failure::Usage(e.to_string()))?;
    if let Some(running) = found {
        let listening = match running.source() {
            // Named explicitly: used as it is (a wrong URL is a network error, exit 4).
            Source::Environment => true,
            _ => running.is_listening().await,
        };
        if listening {
            note(&format!(
                "using the running sandbox at {} ({})",
                running.base_url(),
                running.source()
            ));
            return Ok(SandboxUse::Running(running));
        }
        note(&format!(
            "ignoring the stale registration of a sandbox at {} ({}: nothing listens there)",
            running.base_url(),
            running.source()
        ));
    }
    let sandbox = Sandbox::start()
        .await
        .map_err(|e| Failure::Other(format!("cannot start the embedded sandbox: {e}")))?;
    tracing::debug!(base_url = %sandbox.base_url(), "ephemeral sandbox started");
    note(
        "no sandbox is running: using an ephemeral one whose state ends with this command \
         (`sipgateio sandbox` in another terminal keeps one running)",
    );
    Ok(SandboxUse::Ephemeral(sandbox))
}

/// One line on stderr about which sandbox a command uses.
fn note(text: &str) {
    eprintln!("sandbox: {text}");
}

/// Keeps a token in a [`Secret`], whose `Debug` prints `***`.
fn secret(value: &str) -> Result<Secret, std::convert::Infallible> {
    Ok(Secret::from(value))
}

const NO_CREDENTIALS: &str = "no credentials: pass --token-id and --token (or set SIPGATE_TOKEN_ID and SIPGATE_TOKEN), --oauth-token (SIPGATE_OAUTH_TOKEN), sign in with `sipgateio login`, or use --sandbox";

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Test {
        #[command(flatten)]
        global: GlobalArgs,
    }

    #[test]
    fn origins_of_global_flags_after_the_subcommand() {
        use clap::CommandFactory;
        let matches = crate::cli::Cli::command()
            .try_get_matches_from([
                "sipgateio",
                "numbers",
                "list",
                "--oauth-token",
                "t",
                "--profile",
                "work",
            ])
            .expect("parses");
        let origins = Origins::of(&matches);
        assert_eq!(origins.oauth_token, Origin::Flag);
        assert_eq!(origins.profile, Origin::Flag);
        assert_eq!(origins.token_id, Origin::Unset);
    }

    #[test]
    fn the_first_level_that_names_a_credential_wins() {
        let args = |origins: Origins| GlobalArgs {
            token_id: Some("token-ABC123".into()),
            token: Some(Secret::from("pat")),
            oauth_token: Some(Secret::from("bearer")),
            origins,
            ..GlobalArgs::default()
        };
        let chosen = |origins| match choose_credentials(&args(origins)) {
            Ok(Credentials::Oauth(token)) => format!("oauth {}", token.expose()),
            Ok(Credentials::Pat(id, _)) => format!("pat {id}"),
            Ok(Credentials::Profile { .. }) => "profile".into(),
            Err(failure) => failure.to_string(),
        };
        let (flag, env) = (Origin::Flag, Origin::Env);
        // A personal access token on the command line beats an OAuth token in the
        // environment; at one level the OAuth token wins.
        let pat_flags = Origins {
            token_id: flag,
            token: flag,
            oauth_token: env,
            profile: Origin::Unset,
        };
        assert_eq!(chosen(pat_flags), "pat token-ABC123");
        let all_env = Origins {
            token_id: env,
            token: env,
            oauth_token: env,
            profile: Origin::Unset,
        };
        assert_eq!(chosen(all_env), "oauth bearer");
        // The halves of a personal access token may come from a flag and a variable.
        let halves = Origins {
            token_id: flag,
            token: env,
            oauth_token: env,
            profile: Origin::Unset,
        };
        assert_eq!(chosen(halves), "pat token-ABC123");
        // A half alone is a usage error, not a fall-through to the next level.
        let lonely = GlobalArgs {
            token_id: Some("token-ABC123".into()),
            oauth_token: Some(Secret::from("bearer")),
            origins: Origins {
                token_id: flag,
                oauth_token: env,
                ..Origins::default()
            },
            ..GlobalArgs::default()
        };
        let failure = choose_credentials(&lonely).err().expect("incomplete");
        assert_eq!(failure.code(), 2);
        assert!(failure.to_string().contains("--token-id needs --token"));
    }

    #[test]
    fn tokens_never_show_in_debug_output() {
        let secret = "195d5a7c-559f-444d-9a61-06adaf70ff27";
        let parsed = Test::try_parse_from(["t", "--token", secret, "--oauth-token", secret])
            .expect("parses");
        let debug = format!("{:?}", parsed.global);
        assert!(!debug.contains(secret), "{debug}");
        assert_eq!(
            parsed.global.token.as_ref().map(Secret::expose),
            Some(secret)
        );
    }
}
