//! `<Dial>`: redirect the call to numbers or to the voicemail.

use crate::error::{Error, Result};
use crate::validate::{self, MAX_DIAL_TARGETS};

/// Where a [`Dial`] sends the call.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DialTarget {
    /// Ring these numbers at once (1 to 5); the first to answer wins.
    Numbers(Vec<String>),
    /// Send the call to the voicemail (which must be booked).
    Voicemail,
}

/// `<Dial>`: redirect the call to 1–5 numbers, or send it to the voicemail.
///
/// `callerId` and `anonymous` are written only when set.
///
/// ```
/// use sipgateio_xml::{Dial, Response};
///
/// let xml = Response::dial(Dial::numbers(["+4921100000"]).caller_id("+4921199999"))?.to_xml();
/// assert!(xml.contains(r#"<Dial callerId="+4921199999">"#));
/// assert!(!xml.contains("anonymous"));
/// # Ok::<(), sipgateio_xml::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dial {
    pub(crate) target: DialTarget,
    pub(crate) caller_id: Option<String>,
    pub(crate) anonymous: Option<bool>,
}

impl Dial {
    /// Ring these numbers (1 to 5, each an optional `+` and digits). Checked when the
    /// [`Response`](crate::Response) is built.
    pub fn numbers<I, S>(numbers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self::new(DialTarget::Numbers(
            numbers.into_iter().map(Into::into).collect(),
        ))
    }

    /// Ring one number.
    pub fn number(number: impl Into<String>) -> Self {
        Self::numbers([number])
    }

    /// Send the call to the voicemail.
    pub fn voicemail() -> Self {
        Self::new(DialTarget::Voicemail)
    }

    fn new(target: DialTarget) -> Self {
        Self {
            target,
            caller_id: None,
            anonymous: None,
        }
    }

    /// Show this number to the called party (default: the account's setting).
    #[must_use]
    pub fn caller_id(mut self, caller_id: impl Into<String>) -> Self {
        self.caller_id = Some(caller_id.into());
        self
    }

    /// Suppress (`true`) or show (`false`) the caller's number (default: the account's setting;
    /// nothing is written unless this is called).
    #[must_use]
    pub fn anonymous(mut self, anonymous: bool) -> Self {
        self.anonymous = Some(anonymous);
        self
    }

    /// Where this dial sends the call.
    pub fn target(&self) -> &DialTarget {
        &self.target
    }

    /// Check this dial on its own, as [`Response::dial`](crate::Response::dial) does: 1 to 5
    /// numbers, each number and the `callerId` an optional `+` and 1 to 20 digits.
    pub fn validate(&self) -> Result<()> {
        if let DialTarget::Numbers(numbers) = &self.target {
            if numbers.is_empty() {
                return Err(Error::invalid_input(
                    "Number",
                    "a Dial needs at least one number",
                ));
            }
            if numbers.len() > MAX_DIAL_TARGETS {
                return Err(Error::invalid_input(
                    "Number",
                    format!(
                        "a Dial rings at most {MAX_DIAL_TARGETS} numbers (was {})",
                        numbers.len()
                    ),
                ));
            }
            for number in numbers {
                validate::number("Number", number)?;
            }
        }
        if let Some(caller_id) = &self.caller_id {
            validate::number("callerId", caller_id)?;
        }
        Ok(())
    }
}
