//! Failures and their exit codes.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success |
//! | 1 | anything else (a local I/O error, a port that cannot be bound, …) |
//! | 2 | usage: unknown flag, missing argument, no credentials (clap's default code) |
//! | 3 | the API answered with an error (401, 402, 403, 404, 429, 4xx, 5xx), an unreadable answer, a failed precondition or a refused sign-in |
//! | 4 | network: cannot connect, connection lost, timeout (also `login --wait` running out) |
//! | 5 | validation: bad input found before any request was sent (phone number, file, CSV, …) |
//! | 6 | `simulate call`: your webhook app failed (not reachable, a status outside 200–299, an unusable XML answer) |

use std::fmt;

use sipgateio::{Error, ErrorKind};

use crate::context::CredentialsFrom;

/// What to check when credentials given as flags or variables are refused.
const GIVEN_CREDENTIALS_HINT: &str = "check --token-id/--token, SIPGATE_TOKEN_ID/SIPGATE_TOKEN or --oauth-token, or sign in with `sipgateio login`";

/// The text of the exit-code table, for `--help` and the README.
pub(crate) const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  anything else (local I/O error, port in use, ...)
  2  usage: unknown flag, missing argument, no credentials
  3  the API answered with an error (401/402/403/404/429/4xx/5xx), an unreadable answer,
     a failed precondition, a fax that FAILED, or a sign-in refused (login, a stored profile)
  4  network: cannot connect, connection lost, timeout (also login's --wait)
  5  validation: bad input found before any request was sent (phone number, file, CSV, ...)
  6  simulate call: your webhook app failed (not reachable, a status outside 200-299,
     an unusable XML answer); the transcript is printed all the same";

/// Why a command failed; decides the exit code and the one-line message on stderr.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Exit 2: the command line is incomplete.
    Usage(String),
    /// Exit 3: the API answered with an error.
    Api(String),
    /// Exit 3: the credentials were refused (a 401, or a stored sign-in that cannot be
    /// renewed); `hint` says what to check, see [`Failure::credentials_hint`].
    Unauthorized {
        /// What failed.
        message: String,
        /// Where the credentials came from and what to do.
        hint: String,
    },
    /// Exit 4: the network failed or timed out.
    Network(String),
    /// Exit 5: bad input, nothing was sent.
    Invalid(String),
    /// Exit 5: an input check of the SDK failed on `field`; [`Failure::flags`] turns it into
    /// the flag the user typed.
    InvalidField {
        /// The SDK's name of the input.
        field: String,
        /// The rule it broke.
        rule: String,
    },
    /// Exit 6: the webhook app under test failed a simulated call's push.
    App(String),
    /// Exit 1: anything else.
    Other(String),
    /// Exit 0 without a message: stdout was closed (e.g. `| head`).
    BrokenPipe,
}

impl Failure {
    /// The process exit code.
    pub(crate) fn code(&self) -> u8 {
        match self {
            Self::BrokenPipe => 0,
            Self::Other(_) => 1,
            Self::Usage(_) => 2,
            Self::Api(_) | Self::Unauthorized { .. } => 3,
            Self::Network(_) => 4,
            Self::Invalid(_) | Self::InvalidField { .. } => 5,
            Self::App(_) => 6,
        }
    }

    /// A bad-input failure.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::Invalid(message.into())
    }

    /// Maps a failed write to stdout or a file.
    pub(crate) fn io(what: &str, error: &std::io::Error) -> Self {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            Self::BrokenPipe
        } else {
            Self::Other(format!("{what}: {error}"))
        }
    }

    /// Names the flag (or argument) the user typed instead of the SDK's name of an input:
    /// `table` maps field names to flags, e.g. `("send_at", "--at")` turns
    /// ``invalid input `send_at`: …`` into `invalid --at: …`. Other failures pass unchanged.
    #[must_use]
    pub(crate) fn flags(self, table: &[(&str, &str)]) -> Self {
        match self {
            Self::InvalidField { field, rule } => {
                match table.iter().find(|(name, _)| *name == field) {
                    Some((_, flag)) => Self::Invalid(format!("invalid {flag}: {rule}")),
                    None => Self::InvalidField { field, rule },
                }
            }
            other => other,
        }
    }

    /// A refused-credentials failure whose hint names where the credentials came from: a
    /// stored profile is signed in again with `sipgateio login`. Other failures pass unchanged.
    #[must_use]
    pub(crate) fn credentials_hint(self, from: Option<&crate::context::CredentialsFrom>) -> Self {
        match (self, from) {
            (Self::Unauthorized { message, .. }, Some(CredentialsFrom::Profile(name))) => {
                Self::Unauthorized {
                    message,
                    hint: format!(
                        "the sign-in stored in profile `{name}` was refused: run `sipgateio \
                         login --profile {name}` to sign in again"
                    ),
                }
            }
            (other, _) => other,
        }
    }

    /// The same failure with `context` before its message.
    #[must_use]
    pub(crate) fn prefix(self, context: &str) -> Self {
        let with = |m: String| format!("{context}: {m}");
        match self {
            Self::Usage(m) => Self::Usage(with(m)),
            Self::Api(m) => Self::Api(with(m)),
            Self::Unauthorized { message, hint } => Self::Unauthorized {
                message: with(message),
                hint,
            },
            Self::Network(m) => Self::Network(with(m)),
            Self::Invalid(m) => Self::Invalid(with(m)),
            Self::InvalidField { field, rule } => {
                Self::Invalid(with(format!("invalid input `{field}`: {rule}")))
            }
            Self::App(m) => Self::App(with(m)),
            Self::Other(m) => Self::Other(with(m)),
            Self::BrokenPipe => Self::BrokenPipe,
        }
    }

    /// The message, on one line.
    pub(crate) fn message(&self) -> Option<String> {
        let text = match self {
            Self::BrokenPipe => return None,
            Self::InvalidField { field, rule } => {
                return Some(one_line(&format!("invalid input `{field}`: {rule}")));
            }
            Self::Unauthorized { message, hint } => {
                return Some(one_line(&format!("{message} ({hint})")));
            }
            Self::Usage(m)
            | Self::Api(m)
            | Self::Network(m)
            | Self::Invalid(m)
            | Self::App(m)
            | Self::Other(m) => m,
        };
        Some(one_line(text))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().unwrap_or_default())
    }
}

/// Joins the lines of a message with `; ` so every error is one line.
pub(crate) fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Classifies an SDK error by [`Error::kind`], the SDK's one classifier: bad input is exit 5,
/// the network exit 4, an answer of the API (any status, an unreadable body, a failed
/// precondition) exit 3, and a local failure (a file or stream, the HTTP client's set-up)
/// exit 1.
impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let message = error.to_string();
        if let Error::InvalidInput(input) = &error {
            return Self::InvalidField {
                field: input.field().to_owned(),
                rule: input.rule().to_owned(),
            };
        }
        match error.kind() {
            ErrorKind::InvalidInput => Self::Invalid(message),
            ErrorKind::Timeout | ErrorKind::Connect | ErrorKind::Transport => {
                Self::Network(message)
            }
            ErrorKind::Unauthorized => Self::Unauthorized {
                message,
                hint: GIVEN_CREDENTIALS_HINT.into(),
            },
            ErrorKind::PaymentRequired
            | ErrorKind::Forbidden
            | ErrorKind::NotFound
            | ErrorKind::RateLimited
            | ErrorKind::Server
            | ErrorKind::Api
            | ErrorKind::Decode
            | ErrorKind::Precondition => Self::Api(message),
            // `Io`, `Config` and kinds a later SDK adds: nothing the API said.
            _ => Self::Other(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_every_error_kind_to_its_code() {
        let code = |e: Error| Failure::from(e).code();
        assert_eq!(code(Error::invalid_input("to", "must be E.164")), 5);
        assert_eq!(code(Error::timeout(std::time::Duration::from_secs(1))), 4);
        for status in [401, 402, 403, 404, 409, 429, 500, 503] {
            assert_eq!(
                code(Error::from_status(status, "", None)),
                3,
                "HTTP {status}"
            );
        }
        assert_eq!(code(Error::decode("items", "expected a list", "{}")), 3);
        assert_eq!(code(Error::precondition("no SMS extension")), 3);
        let local = Error::Io(std::io::Error::other("disk full"));
        assert_eq!(code(local), 1);
        let unauthorized = Failure::from(Error::from_status(401, "", None));
        assert!(unauthorized.to_string().contains("--token-id"));
        let forbidden = Failure::from(Error::from_status(403, "", None));
        assert!(!forbidden.to_string().contains("--token-id"));
        let profile = crate::profile::ProfileName::new("work").expect("valid");
        let from_profile = Failure::from(Error::from_status(401, "", None))
            .credentials_hint(Some(&CredentialsFrom::Profile(profile)));
        assert_eq!(from_profile.code(), 3);
        let text = from_profile.to_string();
        assert!(text.contains("sipgateio login --profile work"), "{text}");
        assert!(!text.contains("--token-id"), "{text}");
    }

    #[tokio::test]
    async fn a_refused_connection_is_a_network_failure() {
        // A port that was just free: nothing listens, so the connect fails (ErrorKind::Connect).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let client = sipgateio::Client::builder()
            .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
            .base_url(format!("http://127.0.0.1:{port}/v2"))
            .retry_policy(sipgateio::RetryPolicy::disabled())
            .build()
            .expect("valid settings");
        let error = client.get_userinfo().await.expect_err("nothing listens");
        assert_eq!(error.kind(), ErrorKind::Connect);
        assert_eq!(Failure::from(error).code(), 4);
    }

    #[test]
    fn messages_are_one_line() {
        let failure = Failure::Api("first\n  second\n\nthird".into());
        assert_eq!(failure.to_string(), "first; second; third");
        assert_eq!(Failure::BrokenPipe.message(), None);
        assert_eq!(Failure::BrokenPipe.code(), 0);
        assert_eq!(Failure::App("your app failed".into()).code(), 6);
    }

    #[test]
    fn sdk_fields_become_the_flags_typed() {
        let failure = || Failure::from(Error::invalid_input("send_at", "must not be in the past"));
        assert_eq!(
            failure().to_string(),
            "invalid input `send_at`: must not be in the past"
        );
        let named = failure().flags(&[("to", "--to"), ("send_at", "--at")]);
        assert_eq!(named.to_string(), "invalid --at: must not be in the past");
        assert_eq!(named.code(), 5);
        // Unknown fields and other failures pass unchanged.
        assert_eq!(
            failure().flags(&[("to", "--to")]).to_string(),
            "invalid input `send_at`: must not be in the past"
        );
        let api = Failure::Api("HTTP 500".into()).flags(&[("send_at", "--at")]);
        assert_eq!(api.to_string(), "HTTP 500");
    }
}
