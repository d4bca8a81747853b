use crate::{Error, Result};

/// Characters that may stand between the digits of a number: formatting that sipgate reads
/// through.
const SEPARATORS: [char; 5] = [' ', '-', '(', ')', '/'];

/// Checks that `value` is a phone number the API takes as E.164: one leading `+`, a known
/// country calling code and a national number of plausible length, written with the digits
/// 0-9 and the separators space, `-`, `(`, `)` and `/` only.
///
/// The country code and the length are checked by `phonenumber` (a port of Google's
/// libphonenumber) with no default region, as the Node library does: numbers without `+` are
/// refused. What the Node library lets through although sipgate cannot dial it as written is
/// refused here, and the error says why: letters (`+49211abc`, an extension such as
/// `+49 211 123456 ext. 12`), a doubled or inner `+` (`++4921`), other characters, and a
/// `tel:` prefix (`tel:+4921112345`: pass the number without it — nothing is stripped, so the
/// value checked is the value sent).
///
/// ```
/// use sipgateio_core::validate::phone_number;
///
/// assert!(phone_number("to", "+49 (211) 123-456").is_ok());
/// let error = phone_number("to", "tel:+4921112345").unwrap_err();
/// assert_eq!(error.invalid_field(), Some("to"));
/// assert!(error.to_string().contains("tel:"));
/// assert!(phone_number("to", "+49211abc").is_err());
/// assert!(phone_number("to", "++4921").is_err());
/// ```
pub fn phone_number(field: &'static str, value: &str) -> Result<()> {
    const RULE: &str = "must be a phone number in E.164 format (e.g. +4915739777777)";
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid_input(
            field,
            format!("{RULE}, got an empty value"),
        ));
    }
    if let Some(problem) = not_dialable(trimmed) {
        return Err(Error::invalid_input(
            field,
            format!("{RULE}: {problem}, got {value:?}"),
        ));
    }
    match phonenumber::parse(None, trimmed) {
        Ok(_) => Ok(()),
        Err(_) => Err(Error::invalid_input(
            field,
            format!("{RULE}, got {value:?}"),
        )),
    }
}

/// Why a number that libphonenumber would read leniently cannot be sent as written.
fn not_dialable(value: &str) -> Option<&'static str> {
    if value
        .get(..4)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case("tel:"))
    {
        return Some("leave out the `tel:` prefix");
    }
    // Without a leading `+` the parser refuses the number (no default region).
    let rest = value.strip_prefix('+')?;
    if rest.contains('+') {
        return Some("only one `+`, at the start");
    }
    if rest.chars().any(char::is_alphabetic) {
        return Some("letters cannot be dialled (no extensions, no vanity numbers)");
    }
    if rest
        .chars()
        .any(|c| !c.is_ascii_digit() && !SEPARATORS.contains(&c))
    {
        return Some("only the digits 0-9, spaces, `-`, `(`, `)` and `/` may follow the `+`");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The conformance table of node-behaviour.md 2.6 (Node's results), without the four
    /// samples refused on purpose (`REFUSED_ON_PURPOSE`).
    const SAMPLES: &[(&str, bool)] = &[
        ("+4915739777777", true),
        ("+4912", true),
        ("+1 202 555 1212", true),
        ("+49 (211) 123-456", true),
        ("+492111234567890123", true),
        ("+49++", false),
        ("+4", false),
        ("+49", false),
        ("+491", false),
        ("+49 1", false),
        ("+12", false),
        ("+999123456", false),
        ("+0211", false),
        ("0211123456", false),
        ("004921112345", false),
        ("49211123456", false),
        ("+4921112345678901234567", false),
        ("text", false),
        (" ", false),
        ("", false),
    ];

    /// Node samples that Node accepts but sipgate cannot dial as written: refused on purpose
    /// (MIGRATING-FROM-NODE.md), each with its reason in the message.
    const REFUSED_ON_PURPOSE: &[(&str, &str)] = &[
        ("tel:+4921112345", "`tel:` prefix"),
        ("+49211abc", "letters"),
        ("+49 211 123456 ext. 12", "letters"),
        ("++4921", "one `+`"),
    ];

    #[test]
    fn refuses_what_cannot_be_sent_as_e164_and_says_why() {
        for (input, reason) in REFUSED_ON_PURPOSE {
            let error = phone_number("to", input).expect_err(input);
            assert_eq!(error.invalid_field(), Some("to"));
            let message = error.to_string();
            assert!(message.contains(reason), "{input:?}: {message}");
            assert!(message.contains(&format!("{input:?}")), "{message}");
        }
        for input in [
            "TEL:+4921112345",
            "+49 211 12+3456",
            "+4921112345x",
            "+49.211.123456",
            "+49\t211123456",
            "+\u{0664}\u{0669}\u{0662}\u{0661}\u{0661}\u{0661}\u{0662}\u{0663}\u{0664}\u{0665}",
        ] {
            assert!(phone_number("to", input).is_err(), "{input:?}");
        }
        for input in [
            " +4921112345 ",
            "+49 211 123/456",
            "+49-211-123456",
            "+1 (202) 555-1212",
        ] {
            assert!(phone_number("to", input).is_ok(), "{input:?}");
        }
    }

    #[test]
    fn matches_the_node_library_on_every_other_sample() {
        assert_eq!(SAMPLES.len() + REFUSED_ON_PURPOSE.len(), 24);
        for (input, valid) in SAMPLES {
            assert_eq!(
                phone_number("to", input).is_ok(),
                *valid,
                "sample {input:?}"
            );
        }
    }

    #[test]
    fn error_names_the_field_and_value() {
        let error = phone_number("recipient", "0211").expect_err("no plus");
        assert_eq!(error.invalid_field(), Some("recipient"));
        assert!(error.to_string().contains("\"0211\""));
    }

    #[test]
    fn never_panics_on_garbage() {
        for input in [
            "+",
            "+\u{0}",
            "+٤٩٢١١١٢٣٤٥",
            "+49\u{202e}211",
            &"9".repeat(10_000),
        ] {
            let _ = phone_number("to", input);
        }
    }
}
