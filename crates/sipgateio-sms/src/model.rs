//! The SMS extension and caller-id models of the API.

use serde::{Deserialize, Serialize};

use crate::{SmsCallerIdId, SmsExtensionId};

/// An SMS extension of a web user (`GET /{userId}/sms`), e.g. `s0`.
///
/// An SMS extension is what sends the text messages; the sender shown to the recipient is its
/// default caller id (see [`SmsCallerId`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SmsExtension {
    /// The extension id, e.g. `s0`.
    pub id: SmsExtensionId,
    /// The display name, e.g. `SMS von Douglas Engelbart`.
    #[serde(default)]
    pub alias: String,
    /// The sender currently shown to recipients: a phone number or a text such as `sipgate`.
    #[serde(default)]
    pub caller_id: String,
}

/// A sender (caller id) registered for an SMS extension
/// (`GET /{userId}/sms/{smsId}/callerids`).
///
/// A phone number can be used as sender once it is [`verified`](Self::verified); the one marked
/// [`default_number`](Self::default_number) is the sender of every SMS the extension sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SmsCallerId {
    /// The caller id's numeric id, used in the caller-id paths.
    pub id: SmsCallerIdId,
    /// The phone number, e.g. `+4915799912345`.
    #[serde(default)]
    pub phonenumber: String,
    /// Whether the number has been verified with the code sipgate sent to it.
    #[serde(default)]
    pub verified: bool,
    /// Whether this is the extension's default sender.
    #[serde(default)]
    pub default_number: bool,
}

impl SmsCallerId {
    /// Whether this caller id is the phone number `number`, ignoring formatting (spaces,
    /// dashes, parentheses, a `tel:` prefix).
    pub fn matches_number(&self, number: &str) -> bool {
        self.phonenumber == number || normalise(&self.phonenumber) == normalise(number)
    }
}

/// `+` and digits only, so `+49 157 123-45` and `+4915712345` compare equal.
fn normalise(number: &str) -> String {
    let number = number.trim();
    let number = number.strip_prefix("tel:").unwrap_or(number);
    number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller_id(number: &str) -> SmsCallerId {
        SmsCallerId {
            id: SmsCallerIdId::new(1),
            phonenumber: number.into(),
            verified: true,
            default_number: false,
        }
    }

    #[test]
    fn numbers_match_regardless_of_formatting() {
        let id = caller_id("+4915799912345");
        assert!(id.matches_number("+4915799912345"));
        assert!(id.matches_number("+49 157 999-12345"));
        assert!(id.matches_number("tel:+4915799912345"));
        assert!(!id.matches_number("+4915799912346"));
        assert!(!id.matches_number("4915799912345"));
    }

    #[test]
    fn decodes_the_api_shape_and_tolerates_missing_fields() {
        let id: SmsCallerId = serde_json::from_str(
            r#"{"id":7,"phonenumber":"+4915799912345","verified":true,"defaultNumber":false,"new":1}"#,
        )
        .expect("valid");
        assert_eq!(id.id, 7);
        assert!(id.verified && !id.default_number);
        let bare: SmsCallerId = serde_json::from_str(r#"{"id":8}"#).expect("valid");
        assert!(!bare.verified && bare.phonenumber.is_empty());
        let ext: SmsExtension = serde_json::from_str(r#"{"id":"s0"}"#).expect("valid");
        assert_eq!(ext.id, "s0");
    }
}
