//! Named profiles: the OAuth sign-in `sipgateio login` stores, one file per profile.
//!
//! A profile is `sipgateio/profiles/<name>.json` in the configuration directory
//! (`$XDG_CONFIG_HOME`, else `~/.config`; `%APPDATA%` on Windows). It holds what a later
//! command needs to call the API and to renew the tokens by itself: the OAuth client (id,
//! secret, endpoints), the API base URL and the tokens. On Unix the file is created with mode
//! 0600 and its directories with 0700; it is written to a temporary file next to it and renamed
//! over the old one, so a reader never sees half a file.

use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use sipgateio::Secret;
use sipgateio::oauth::{StoreFuture, TokenSet, TokenStore};

use crate::exit::Failure;

/// The profile used when neither `--profile` nor `SIPGATEIO_PROFILE` names one.
pub(crate) const DEFAULT_PROFILE: &str = "default";

/// The profile `sipgateio --sandbox login` stores into unless `--profile` names another.
pub(crate) const SANDBOX_PROFILE: &str = "sandbox";

/// The format version written into each file.
const VERSION: u32 = 1;

/// A checked profile name: 1 to 64 letters, digits, `-`, `_` and `.`, not starting with `.`
/// (so it is a plain file name on every system).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProfileName(String);

impl ProfileName {
    /// Checks `name`.
    pub(crate) fn new(name: &str) -> Result<Self, Failure> {
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
        if name.is_empty() || name.len() > 64 || name.starts_with('.') || !name.chars().all(allowed)
        {
            return Err(Failure::invalid(
                "invalid --profile: a profile name is 1 to 64 letters, digits, `-`, `_` and `.` \
                 and does not start with `.`",
            ));
        }
        Ok(Self(name.to_owned()))
    }

    /// The name.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ProfileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The OAuth client a profile's tokens belong to: what renews them.
#[derive(Clone)]
pub(crate) struct OauthSettings {
    /// The client id registered at sipgate (or the sandbox's).
    pub client_id: String,
    /// The client secret, if the client has one (every refresh sends it).
    pub client_secret: Option<Secret>,
    /// The authorization endpoint (for the next `login`).
    pub authorization_url: String,
    /// The token endpoint (every refresh goes there).
    pub token_url: String,
    /// The port of the redirect URI `http://127.0.0.1:<port>/callback`.
    pub redirect_port: u16,
}

impl fmt::Debug for OauthSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OauthSettings")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("authorization_url", &self.authorization_url)
            .field("token_url", &self.token_url)
            .field("redirect_port", &self.redirect_port)
            .finish()
    }
}

/// One stored sign-in. `Debug` shows no secret.
#[derive(Clone, Debug)]
pub(crate) struct Profile {
    /// The API base URL the tokens are for (`None`: sipgate's).
    pub base_url: Option<String>,
    /// The OAuth client.
    pub oauth: OauthSettings,
    /// The tokens.
    pub tokens: TokenSet,
}

/// The file's JSON: camelCase, the tokens in `TokenSet`'s own form.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct File {
    version: u32,
    base_url: Option<String>,
    client_id: String,
    client_secret: Option<String>,
    authorization_url: String,
    token_url: String,
    redirect_port: u16,
    tokens: TokenSet,
}

impl Profile {
    fn to_file(&self) -> File {
        File {
            version: VERSION,
            base_url: self.base_url.clone(),
            client_id: self.oauth.client_id.clone(),
            client_secret: self
                .oauth
                .client_secret
                .as_ref()
                .map(|s| s.expose().to_owned()),
            authorization_url: self.oauth.authorization_url.clone(),
            token_url: self.oauth.token_url.clone(),
            redirect_port: self.oauth.redirect_port,
            tokens: self.tokens.clone(),
        }
    }

    fn from_file(file: File) -> Self {
        Self {
            base_url: file.base_url,
            oauth: OauthSettings {
                client_id: file.client_id,
                client_secret: file.client_secret.map(Secret::new),
                authorization_url: file.authorization_url,
                token_url: file.token_url,
                redirect_port: file.redirect_port,
            },
            tokens: file.tokens,
        }
    }
}

/// The configuration directory of `sipgateio`: `$XDG_CONFIG_HOME/sipgateio`, else
/// `~/.config/sipgateio` (`%APPDATA%\sipgateio` on Windows).
pub(crate) fn config_dir() -> Result<PathBuf, Failure> {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let base = if cfg!(windows) {
        env("APPDATA").map(PathBuf::from)
    } else {
        env("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            // The XDG spec: a relative path is invalid and ignored.
            .filter(|path| path.is_absolute())
            .or_else(|| env("HOME").map(|home| PathBuf::from(home).join(".config")))
    };
    base.map(|dir| dir.join("sipgateio")).ok_or_else(|| {
        Failure::Other(
            "cannot find the configuration directory for profiles: set HOME or XDG_CONFIG_HOME"
                .into(),
        )
    })
}

/// The file of profile `name`.
pub(crate) fn path_of(name: &ProfileName) -> Result<PathBuf, Failure> {
    Ok(config_dir()?
        .join("profiles")
        .join(format!("{}.json", name.as_str())))
}

/// Reads profile `name`: `None` if it has no file.
pub(crate) fn load(name: &ProfileName) -> Result<Option<(Profile, PathBuf)>, Failure> {
    let path = path_of(name)?;
    let text = match std::fs::read(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Failure::Other(format!(
                "cannot read the profile {}: {e}",
                path.display()
            )));
        }
    };
    warn_if_shared(&path);
    // serde's message may quote a value of the file (a token): only its position is shown.
    let file: File = serde_json::from_slice(&text).map_err(|e| {
        Failure::Other(format!(
            "the profile {} is not a sign-in stored by this version of sipgateio (line {}, \
             column {}): run `sipgateio login --profile {name}` again",
            path.display(),
            e.line(),
            e.column()
        ))
    })?;
    if file.version != VERSION {
        return Err(Failure::Other(format!(
            "the profile {} has format version {} (this sipgateio reads version {VERSION}): run \
             `sipgateio login --profile {name}` again",
            path.display(),
            file.version
        )));
    }
    Ok(Some((Profile::from_file(file), path)))
}

/// On Unix, a note on stderr when others may read a profile file.
fn warn_if_shared(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        if let Ok(meta) = std::fs::metadata(path)
            && meta.permissions().mode() & 0o077 != 0
        {
            eprintln!(
                "warning: {} can be read by other users (mode {:o}): `chmod 600` it",
                path.display(),
                meta.permissions().mode() & 0o777
            );
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Writes `profile` to `path` atomically, owner-only.
pub(crate) fn save(path: &Path, profile: &Profile) -> std::io::Result<()> {
    let json = serde_json::to_vec_pretty(&profile.to_file()).map_err(std::io::Error::other)?;
    write_private(path, &json)
}

/// Deletes the file of profile `name`; `false` if there was none.
pub(crate) fn delete(name: &ProfileName) -> Result<(bool, PathBuf), Failure> {
    let path = path_of(name)?;
    match std::fs::remove_file(&path) {
        Ok(()) => Ok((true, path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((false, path)),
        Err(e) => Err(Failure::Other(format!(
            "cannot delete the profile {}: {e}",
            path.display()
        ))),
    }
}

/// Creates `dir` and its missing parents; on Unix the directories this creates get mode
/// 0700, and `dir` itself is set to 0700 (it holds only our profiles).
fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt as _, PermissionsExt as _};
        builder.mode(0o700);
        builder.create(dir)?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
    }
    #[cfg(not(unix))]
    builder.create(dir)
}

/// Writes `content` to a new owner-only file next to `path`, flushes it to disk and renames
/// it over `path`.
fn write_private(path: &Path, content: &[u8]) -> std::io::Result<()> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = path
        .parent()
        .ok_or_else(|| std::io::Error::other("the profile path has no directory"))?;
    private_dir(dir)?;
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .ok_or_else(|| std::io::Error::other("the profile path has no file name"))?;
    let temporary = dir.join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let written = options.open(&temporary).and_then(|mut file| {
        file.write_all(content)?;
        file.sync_all()
    });
    let renamed = written.and_then(|()| std::fs::rename(&temporary, path));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    renamed?;
    // The rename itself lasts once the directory is on disk too (best effort).
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// The [`TokenStore`] of a command that uses a profile: every refresh is written back to the
/// profile's file (the refresh token changes on every refresh; the old one stops working).
#[derive(Debug)]
pub(crate) struct ProfileStore {
    path: PathBuf,
    profile: Profile,
}

impl ProfileStore {
    /// A store that writes renewed tokens into `profile`'s file at `path`.
    pub(crate) fn new(path: PathBuf, profile: Profile) -> Self {
        Self { path, profile }
    }
}

impl TokenStore for ProfileStore {
    fn save<'a>(&'a self, tokens: &'a TokenSet) -> StoreFuture<'a> {
        let mut profile = self.profile.clone();
        profile.tokens = tokens.clone();
        let path = self.path.clone();
        Box::pin(async move {
            let shown = path.display().to_string();
            let written = tokio::task::spawn_blocking(move || save(&path, &profile))
                .await
                .map_err(std::io::Error::other)
                .and_then(|result| result);
            written.map_err(|e| {
                // The session logs this only with -v: a lost refresh token must be seen.
                eprintln!(
                    "warning: the renewed tokens could not be stored in {shown}: {e} (the next \
                     command may need `sipgateio login` again)"
                );
                format!("cannot write {shown}: {e}").into()
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        Profile {
            base_url: Some("http://127.0.0.1:8090/v2".into()),
            oauth: OauthSettings {
                client_id: "client-1".into(),
                client_secret: Some(Secret::new("client-secret-value")),
                authorization_url: "http://127.0.0.1:8090/auth".into(),
                token_url: "http://127.0.0.1:8090/token".into(),
                redirect_port: 8091,
            },
            tokens: TokenSet::new("access-token-value").refresh_token("refresh-token-value"),
        }
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "sipgateio-cli-profile-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn names_are_plain_file_names() {
        for good in ["default", "work", "sandbox", "a.b-c_d", "X1"] {
            assert_eq!(ProfileName::new(good).expect(good).as_str(), good);
        }
        let long = "a".repeat(65);
        for bad in [
            "",
            ".hidden",
            "a/b",
            "..",
            "a b",
            "ü",
            "a\\b",
            long.as_str(),
        ] {
            let failure = ProfileName::new(bad).expect_err(bad);
            assert!(
                failure.to_string().starts_with("invalid --profile"),
                "{bad}"
            );
            assert_eq!(failure.code(), 5);
        }
    }

    #[test]
    fn debug_shows_no_secret() {
        let debug = format!("{:?}", profile());
        for secret in [
            "client-secret-value",
            "access-token-value",
            "refresh-token-value",
        ] {
            assert!(!debug.contains(secret), "{debug}");
        }
    }

    #[test]
    fn saved_files_round_trip_and_replace_atomically() {
        let dir = temp_dir("round-trip");
        let path = dir.join("profiles").join("work.json");
        save(&path, &profile()).expect("saved");
        let mut changed = profile();
        changed.tokens = TokenSet::new("access-2").refresh_token("refresh-2");
        save(&path, &changed).expect("replaced");
        let file: File =
            serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("valid");
        let read = Profile::from_file(file);
        assert_eq!(read.tokens, changed.tokens);
        assert_eq!(read.oauth.client_id, "client-1");
        assert_eq!(
            read.oauth.client_secret.as_ref().map(Secret::expose),
            Some("client-secret-value")
        );
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(path.parent().expect("dir"))
            .expect("list")
            .map(|entry| entry.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["work.json"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(path.parent().expect("dir")), 0o700);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn unknown_fields_and_versions_are_refused() {
        let mut value = serde_json::to_value(profile().to_file()).expect("json");
        value["surprise"] = serde_json::Value::Bool(true);
        assert!(serde_json::from_value::<File>(value).is_err());
    }
}
