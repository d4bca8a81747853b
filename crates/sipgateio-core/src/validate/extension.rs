use crate::{Error, Result};

/// The kinds of sipgate extensions, each identified by one letter (`e0`, `p3`, `s0`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ExtensionType {
    /// `a`: application.
    Application,
    /// `c`: conference room.
    ConferenceRoom,
    /// `e`: registered VoIP device.
    Register,
    /// `f`: fax line.
    Fax,
    /// `g`: group.
    Group,
    /// `h`: IVR.
    Ivr,
    /// `i`: SIM card.
    Sim,
    /// `s`: SMS extension.
    Sms,
    /// `p`: phoneline ("person").
    Phoneline,
    /// `q`: queue.
    Queue,
    /// `r`: callthrough.
    Callthrough,
    /// `t`: trunking.
    Trunking,
    /// `v`: voicemail.
    Voicemail,
    /// `w`: web user.
    Webuser,
    /// `x`: external device.
    External,
    /// `y`: mobile device.
    Mobile,
}

impl ExtensionType {
    /// Every extension type.
    pub const ALL: &'static [ExtensionType] = &[
        Self::Application,
        Self::ConferenceRoom,
        Self::Register,
        Self::Fax,
        Self::Group,
        Self::Ivr,
        Self::Sim,
        Self::Sms,
        Self::Phoneline,
        Self::Queue,
        Self::Callthrough,
        Self::Trunking,
        Self::Voicemail,
        Self::Webuser,
        Self::External,
        Self::Mobile,
    ];

    /// The letter that starts extensions of this type.
    pub const fn letter(self) -> char {
        match self {
            Self::Application => 'a',
            Self::ConferenceRoom => 'c',
            Self::Register => 'e',
            Self::Fax => 'f',
            Self::Group => 'g',
            Self::Ivr => 'h',
            Self::Sim => 'i',
            Self::Sms => 's',
            Self::Phoneline => 'p',
            Self::Queue => 'q',
            Self::Callthrough => 'r',
            Self::Trunking => 't',
            Self::Voicemail => 'v',
            Self::Webuser => 'w',
            Self::External => 'x',
            Self::Mobile => 'y',
        }
    }

    /// The type whose letter is `letter`, if any.
    pub fn from_letter(letter: char) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.letter() == letter)
    }
}

/// The type of a well-formed extension id (`e0` → [`ExtensionType::Register`]), or `None` if
/// `value` is not a letter followed by a number without leading zeros.
pub fn extension_type(value: &str) -> Option<ExtensionType> {
    let mut chars = value.chars();
    let kind = ExtensionType::from_letter(chars.next()?)?;
    let number = chars.as_str();
    let well_formed = match number.as_bytes() {
        [] => false,
        [b'0'] => true,
        [first, rest @ ..] => (b'1'..=b'9').contains(first) && rest.iter().all(u8::is_ascii_digit),
    };
    well_formed.then_some(kind)
}

/// Checks that `value` is an extension id (a type letter and a number without leading zeros,
/// like `p0` or `e12`) of one of the `allowed` types.
pub fn extension(field: &'static str, value: &str, allowed: &[ExtensionType]) -> Result<()> {
    match extension_type(value) {
        Some(kind) if allowed.contains(&kind) => Ok(()),
        _ => {
            let letters: Vec<String> = allowed.iter().map(|t| t.letter().to_string()).collect();
            Err(Error::invalid_input(
                field,
                format!(
                    "must be an extension of type {} followed by a number without leading zeros (e.g. {}0), got {value:?}",
                    letters.join("/"),
                    letters.first().map_or("e", String::as_str),
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_well_formed_extensions_of_allowed_types() {
        for value in ["f0", "e1", "p12", "s0", "w100", "y9"] {
            assert!(
                extension("ext", value, ExtensionType::ALL).is_ok(),
                "{value}"
            );
        }
    }

    #[test]
    fn rejects_malformed_extensions() {
        for value in [
            "f01", "e-18", "", "e", "0", "z0", "E0", " e0", "e0 ", "e1a", "ee1", "e+1", "é1",
        ] {
            assert!(
                extension("ext", value, ExtensionType::ALL).is_err(),
                "{value:?}"
            );
        }
    }

    #[test]
    fn rejects_types_that_are_not_allowed() {
        let error = extension(
            "deviceId",
            "s0",
            &[ExtensionType::Register, ExtensionType::Phoneline],
        )
        .expect_err("s is not allowed");
        assert_eq!(error.invalid_field(), Some("deviceId"));
        assert!(error.to_string().contains("e/p"));
    }

    #[test]
    fn letters_round_trip() {
        for kind in ExtensionType::ALL {
            assert_eq!(ExtensionType::from_letter(kind.letter()), Some(*kind));
        }
        assert_eq!(extension_type("v3"), Some(ExtensionType::Voicemail));
    }
}
