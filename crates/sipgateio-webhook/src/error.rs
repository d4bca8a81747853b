//! The error type of this crate (configuration, serving, body parsing, audio checks).

use std::borrow::Cow;

/// Everything that can go wrong when configuring or running the webhook server, parsing a
/// webhook body or checking an announcement.
///
/// Failures of single requests are answered with an HTTP status (see
/// [`WebhookRejection`](crate::WebhookRejection)), not returned as this error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server configuration is invalid (found by
    /// [`WebhookServerBuilder::build`](crate::WebhookServerBuilder::build)).
    #[error("invalid webhook configuration `{field}`: {rule}")]
    Config {
        /// The builder setting at fault.
        field: &'static str,
        /// What is wrong.
        rule: Cow<'static, str>,
    },
    /// A public key could not be read.
    #[error("invalid public key: {0}")]
    PublicKey(Cow<'static, str>),
    /// An argument is invalid; nothing was scheduled.
    #[error("invalid `{field}`: {rule}")]
    InvalidArgument {
        /// The argument at fault.
        field: &'static str,
        /// What is wrong.
        rule: Cow<'static, str>,
    },
    /// The listener could not be bound.
    #[error("could not listen on {address}: {source}")]
    Bind {
        /// The address that was asked for.
        address: String,
        /// Why binding failed.
        #[source]
        source: std::io::Error,
    },
    /// The server stopped with an I/O error.
    #[error("webhook server failed: {0}")]
    Serve(#[source] std::io::Error),
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
    pub(crate) fn config(field: &'static str, rule: impl Into<Cow<'static, str>>) -> Self {
        Self::Config {
            field,
            rule: rule.into(),
        }
    }
}

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
