//! `<Play>`: play an announcement.

use crate::error::Result;
use crate::validate;

/// `<Play><Url>…</Url></Play>`: play a WAV file (16 bit PCM, 8 kHz, mono) to the caller.
///
/// Building it does no I/O; `sipgateio-webhook` has an explicit helper that checks the file's
/// format and duration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Play {
    pub(crate) url: String,
}

impl Play {
    /// Play the audio file at `url` (an absolute http(s) URL, checked when the
    /// [`Response`](crate::Response) is built).
    pub fn new(url: impl Into<String>) -> Self {
        Self { url: url.into() }
    }

    /// The announcement's URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Check this announcement on its own, as [`Response::play`](crate::Response::play) does:
    /// an absolute http(s) URL of characters XML can carry.
    pub fn validate(&self) -> Result<()> {
        validate::url("Url", &self.url)
    }
}
