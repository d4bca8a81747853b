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
    PublicKey(Cow<'static, str>),
    /// The listener could not be bound.
    #[error("could not listen on {address}: {source}")]
    Bind {
        /// The address that was asked for.
        address: String,
        /// Why binding failed.
        #[source]
        source: std::io::Error,
    },
    /// A webhook body is not a valid sipgate.io event.
    #[error("malformed webhook body: {0}")]
    Malformed(Cow<'static, str>),
    /// The announcement could not be fetched.
    #[error("could not fetch the announcement {url}: {message}")]
    AudioFetch {
        /// The announcement's URL.
        url: String,
        /// What went wrong.
        message: String,
    },
    /// The announcement is not a WAV file sipgate can play.
    #[error(
        "the announcement {url} cannot be played by sipgate: {problem}; use 16 bit PCM WAVE mono audio at 8 kHz"
    )]
    AudioFormat {
        /// The announcement's URL.
        url: String,
        /// What is wrong, with the actual format where it could be read.
        problem: String,
    },
    /// An XML answer could not be built.
    #[error(transparent)]
    Xml(#[from] sipgateio_xml::Error),
}

impl Error {
    pub(crate) fn invalid_input(field: &'static str, rule: impl Into<Cow<'static, str>>) -> Self {
        Self::InvalidInput(InvalidInput {
            field,
            rule: rule.into(),
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

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
