//! [`ShortMessage`]: what to send, to whom, and from which sender.

use sipgateio_core::validate::{self, ExtensionType};
use sipgateio_core::{Error, Result};

use crate::SmsExtensionId;

/// Who sends a [`ShortMessage`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Sender {
    /// An SMS extension of the account (`s0`, `s1`, …). The recipient sees the extension's
    /// current default caller id.
    SmsExtension(SmsExtensionId),
    /// A verified sender phone number registered as caller id of the authenticated user's SMS
    /// extension. The SDK makes it the default sender for this one message and restores the
    /// previous default afterwards (see [`SmsClient::send`](crate::SmsClient::send)).
    PhoneNumber(String),
}

/// A text message: sender, recipient and text.
///
/// ```
/// use sipgateio_sms::{Sender, ShortMessage, SmsExtensionId};
///
/// let s0 = SmsExtensionId::new("s0");
/// let sms = ShortMessage::via_extension(s0.clone(), "+4915739777777", "Hello");
/// assert_eq!(sms.sender(), &Sender::SmsExtension(s0));
/// assert!(sms.validate().is_ok());
///
/// let bad = ShortMessage::from_number("+4915799912345", "0157 39777777", "Hello");
/// assert_eq!(bad.validate().unwrap_err().invalid_field(), Some("to"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ShortMessage {
    sender: Sender,
    to: String,
    message: String,
}

impl ShortMessage {
    /// A message sent by the SMS extension `sms_id` (e.g. `SmsExtensionId::new("s0")`) to the
    /// phone number `to`.
    pub fn via_extension(
        sms_id: SmsExtensionId,
        to: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Sender::SmsExtension(sms_id), to, message)
    }

    /// A message whose sender is the verified phone number `from` (a caller id of the
    /// authenticated user's SMS extension).
    pub fn from_number(
        from: impl Into<String>,
        to: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Sender::PhoneNumber(from.into()), to, message)
    }

    /// A message from any [`Sender`].
    pub fn new(sender: Sender, to: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            sender,
            to: to.into(),
            message: message.into(),
        }
    }

    /// The sender.
    pub fn sender(&self) -> &Sender {
        &self.sender
    }

    /// The recipient's phone number.
    pub fn to(&self) -> &str {
        &self.to
    }

    /// The text.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Checks the message the way [`SmsClient::send`](crate::SmsClient::send) does before
    /// sending anything: the sender (`sms_id` must be an SMS extension `s<n>`, `from` a phone
    /// number), `to` (a phone number in E.164 form) and `message` (not blank).
    ///
    /// A message with a sender number is checked as thoroughly as one with an SMS extension.
    pub fn validate(&self) -> Result<()> {
        match &self.sender {
            Sender::SmsExtension(sms_id) => {
                validate::extension("sms_id", sms_id.as_str(), &[ExtensionType::Sms])?;
            }
            Sender::PhoneNumber(from) => validate::phone_number("from", from)?,
        }
        validate::phone_number("to", &self.to)?;
        if self.message.trim().is_empty() {
            return Err(Error::invalid_input("message", "must not be empty"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_sender_recipient_and_text_in_order() {
        let field = |sms: ShortMessage| {
            sms.validate()
                .err()
                .and_then(|e| e.invalid_field().map(str::to_owned))
        };
        assert_eq!(
            field(ShortMessage::via_extension(
                SmsExtensionId::new("s0"),
                "+4915739777777",
                "hi"
            )),
            None
        );
        assert_eq!(
            field(ShortMessage::from_number(
                "+4915799912345",
                "+4915739777777",
                "hi"
            )),
            None
        );
        assert_eq!(
            field(ShortMessage::via_extension(
                SmsExtensionId::new("p0"),
                "x",
                ""
            ))
            .as_deref(),
            Some("sms_id")
        );
        assert_eq!(
            field(ShortMessage::via_extension(
                SmsExtensionId::new("s01"),
                "+4915739777777",
                "hi"
            ))
            .as_deref(),
            Some("sms_id")
        );
        assert_eq!(
            field(ShortMessage::via_extension(
                SmsExtensionId::new(""),
                "+4915739777777",
                "hi"
            ))
            .as_deref(),
            Some("sms_id")
        );
        assert_eq!(
            field(ShortMessage::from_number("sipgate", "x", "")).as_deref(),
            Some("from")
        );
        assert_eq!(
            field(ShortMessage::via_extension(
                SmsExtensionId::new("s0"),
                "0157",
                ""
            ))
            .as_deref(),
            Some("to")
        );
        assert_eq!(
            field(ShortMessage::via_extension(
                SmsExtensionId::new("s0"),
                "+4915739777777",
                ""
            ))
            .as_deref(),
            Some("message")
        );
        assert_eq!(
            field(ShortMessage::from_number(
                "+4915799912345",
                "+4915739777777",
                " \n"
            ))
            .as_deref(),
            Some("message")
        );
    }
}
