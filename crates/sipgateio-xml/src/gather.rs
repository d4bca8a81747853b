//! `<Gather>`: collect DTMF digits.

use crate::error::{Error, Result};
use crate::play::Play;
use crate::validate;

/// sipgate's default for `maxDigits`.
pub const DEFAULT_MAX_DIGITS: u32 = 1;
/// sipgate's default for `timeout`, in milliseconds.
pub const DEFAULT_TIMEOUT_MS: u64 = 2000;

/// `<Gather>`: collect up to `maxDigits` DTMF digits, optionally after playing an announcement;
/// sipgate then posts a `dtmf` event to the `onData` URL.
///
/// `maxDigits` must be at least 1 and `timeout` (milliseconds, after the announcement ends) at
/// most `u32::MAX`. The webhook server fills in `onData` from its public address when it has a
/// `dtmf` handler.
///
/// ```
/// use sipgateio_xml::{Gather, Response};
///
/// let xml = Response::gather(
///     Gather::new().max_digits(3).timeout_ms(2000).play("https://example.com/menu.wav"),
/// )?
/// .to_xml();
/// assert!(xml.contains(r#"<Gather maxDigits="3" timeout="2000">"#));
/// # Ok::<(), sipgateio_xml::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gather {
    pub(crate) max_digits: u32,
    pub(crate) timeout_ms: u64,
    pub(crate) play: Option<Play>,
    pub(crate) on_data: Option<String>,
}

impl Default for Gather {
    fn default() -> Self {
        Self::new()
    }
}

impl Gather {
    /// A gather with sipgate's defaults: one digit, 2000 ms timeout, no announcement.
    pub fn new() -> Self {
        Self {
            max_digits: DEFAULT_MAX_DIGITS,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            play: None,
            on_data: None,
        }
    }

    /// The most digits to collect (at least 1).
    #[must_use]
    pub fn max_digits(mut self, max_digits: u32) -> Self {
        self.max_digits = max_digits;
        self
    }

    /// How long to wait for input, in milliseconds.
    #[must_use]
    pub fn timeout_ms(mut self, timeout_ms: u64) -> Self {
        self.timeout_ms = timeout_ms;
        self
    }

    /// Play this announcement (an absolute http(s) URL) before collecting digits.
    #[must_use]
    #[doc(alias = "announcement")]
    pub fn play(mut self, url: impl Into<String>) -> Self {
        self.play = Some(Play::new(url));
        self
    }

    /// Post the collected digits to this URL. The webhook server sets it for you.
    #[must_use]
    pub fn on_data(mut self, url: impl Into<String>) -> Self {
        self.on_data = Some(url.into());
        self
    }

    /// The `onData` URL, if set.
    pub fn on_data_url(&self) -> Option<&str> {
        self.on_data.as_deref()
    }

    /// The announcement, if any.
    pub fn announcement(&self) -> Option<&Play> {
        self.play.as_ref()
    }

    /// Check this gather on its own, as [`Response::gather`](crate::Response::gather) does:
    /// `maxDigits` at least 1, `timeout` at most `u32::MAX` ms, the announcement's and the
    /// `onData` URL.
    pub fn validate(&self) -> Result<()> {
        if self.max_digits < 1 {
            return Err(Error::invalid_input(
                "maxDigits",
                format!("must be at least 1 (was {})", self.max_digits),
            ));
        }
        if self.timeout_ms > u64::from(u32::MAX) {
            return Err(Error::invalid_input(
                "timeout",
                format!("must be at most {} ms (was {})", u32::MAX, self.timeout_ms),
            ));
        }
        if let Some(play) = &self.play {
            play.validate()?;
        }
        if let Some(on_data) = &self.on_data {
            validate::url("onData", on_data)?;
        }
        Ok(())
    }
}
