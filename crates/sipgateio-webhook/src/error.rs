//! The error type of this crate (configuration, serving, body parsing, audio checks).

use std::borrow::Cow;
use std::fmt;

/// Everything that can go wrong when configuring or running the webhook server, parsing a
/// webhook body or checking an announcement.
///
/// Failures of single requests are answered with an HTTP status (see
/// [`WebhookRejection`](crate::WebhookRejection)), not returned as this error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A setting or argument is invalid: a builder setting found by
    /// [`WebhookServerBuilder::build`](crate::WebhookServerBuilder::build), an IP network of
    /// the allow-list, or an argument of [`play_audio_and_hang_up`](crate::play_audio_and_hang_up)
    /// and [`play_audio_and_transfer`](crate::play_audio_and_transfer) (nothing was
    /// scheduled).
    ///
    /// ```
    /// use sipgateio_webhook::{Error, WebhookServer};
    ///
    /// let error = WebhookServer::builder().server_address("ftp://x").build().unwrap_err();
    /// let Error::InvalidInput(invalid) = &error else { unreachable!() };
    /// assert_eq!(invalid.field(), "server_address");
    /// assert!(error.to_string().starts_with("invalid `server_address`: "));
    /// ```
    #[error(transparent)]
    InvalidInput(InvalidInput),
    /// A public key could not be read.
    #[error("invalid public key: {0}")]
    PublicKey(Reason),
    /// The listener could not be bound.
    #[error(transparent)]
    Bind(BindError),
    /// A webhook body is not a valid sipgate.io event.
    #[error("malformed webhook body: {0}")]
    Malformed(Reason),
    /// The announcement could not be fetched.
    #[error("could not fetch the announcement {}: {}", .0.url(), .0.problem())]
    AudioFetch(AudioError),
    /// The announcement is not a WAV file sipgate can play.
    #[error(
        "the announcement {} cannot be played by sipgate: {}; use 16 bit PCM WAVE mono audio at 8 kHz",
        .0.url(),
        .0.problem()
    )]
    AudioFormat(AudioError),
    /// An XML answer could not be built.
    #[error(transparent)]
    Xml(#[from] sipgateio_xml::Error),
}

// Without the server only the key and body errors are made here.
#[cfg_attr(not(feature = "server"), allow(dead_code))]
impl Error {
    pub(crate) fn invalid_input(field: &'static str, rule: impl Into<Cow<'static, str>>) -> Self {
        Self::InvalidInput(InvalidInput {
            field,
            rule: rule.into(),
        })
    }

    pub(crate) fn public_key(reason: impl Into<Cow<'static, str>>) -> Self {
        Self::PublicKey(Reason(reason.into()))
    }

    pub(crate) fn malformed(reason: impl Into<Cow<'static, str>>) -> Self {
        Self::Malformed(Reason(reason.into()))
    }

    pub(crate) fn bind(address: impl Into<String>, source: std::io::Error) -> Self {
        Self::Bind(BindError {
            address: address.into(),
            source,
        })
    }

    pub(crate) fn audio_fetch(url: impl Into<String>, problem: impl Into<String>) -> Self {
        Self::AudioFetch(AudioError {
            url: url.into(),
            problem: problem.into(),
        })
    }

    pub(crate) fn audio_format(url: impl Into<String>, problem: impl Into<String>) -> Self {
        Self::AudioFormat(AudioError {
            url: url.into(),
            problem: problem.into(),
        })
    }

    /// Whether this is an [`Error::InvalidInput`].
    pub fn is_invalid_input(&self) -> bool {
        matches!(self, Self::InvalidInput(_))
    }

    /// The setting or argument named by an [`Error::InvalidInput`].
    pub fn invalid_field(&self) -> Option<&'static str> {
        match self {
            Self::InvalidInput(invalid) => Some(invalid.field()),
            _ => None,
        }
    }
}

/// What an [`Error::InvalidInput`] found: the setting or argument and the rule its value
/// broke.
///
/// `Display` is one line: ``invalid `max_connections`: must be at least 1``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidInput {
    field: &'static str,
    rule: Cow<'static, str>,
}

impl InvalidInput {
    /// The builder setting (`server_address`, `max_connections`, `ip_allow_list`, …) or the
    /// argument (`call_id`, `phone_number`, `runtime`) at fault.
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// What the value must look like, and what it was where that helps.
    pub fn rule(&self) -> &str {
        &self.rule
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid `{}`: {}", self.field, self.rule)
    }
}

impl std::error::Error for InvalidInput {}

/// Why a public key or a webhook body was refused ([`Error::PublicKey`], [`Error::Malformed`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(Cow<'static, str>);

impl Reason {
    /// The reason, one line.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The listener could not be bound ([`Error::Bind`]); the I/O error is its
/// [`source`](std::error::Error::source).
///
/// `Display`: `could not listen on 127.0.0.1:80: Permission denied (os error 13)`.
#[derive(Debug)]
pub struct BindError {
    address: String,
    source: std::io::Error,
}

impl BindError {
    /// The address that was asked for.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The I/O error's kind (`AddrInUse`, `PermissionDenied`, …).
    pub fn io_kind(&self) -> std::io::ErrorKind {
        self.source.kind()
    }
}

impl fmt::Display for BindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not listen on {}: {}", self.address, self.source)
    }
}

impl std::error::Error for BindError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// An announcement that could not be fetched ([`Error::AudioFetch`]) or cannot be played
/// ([`Error::AudioFormat`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudioError {
    url: String,
    problem: String,
}

impl AudioError {
    /// The announcement's URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// What went wrong, with the actual format where it could be read.
    pub fn problem(&self) -> &str {
        &self.problem
    }
}

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
