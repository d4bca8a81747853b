use crate::{Error, Result};

/// Checks that `value` is a phone number in international (E.164) form: a leading `+`, a known
/// country calling code and a national number of plausible length.
///
/// Parsing uses `phonenumber`, a port of Google's libphonenumber, with no default region — the
/// same rule as the Node library, so spaces, dashes, parentheses and a `tel:` prefix are
/// accepted while numbers without `+` are rejected.
pub fn phone_number(field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_input(
            field,
            "must be a phone number in E.164 format (e.g. +4915739777777), got an empty value",
        ));
    }
    match phonenumber::parse(None, value) {
        Ok(_) => Ok(()),
        Err(_) => Err(Error::invalid_input(
            field,
            format!("must be a phone number in E.164 format (e.g. +4915739777777), got {value:?}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The conformance table of node-behaviour.md 2.6.
    const SAMPLES: &[(&str, bool)] = &[
        ("+4915739777777", true),
        ("+4912", true),
        ("+1 202 555 1212", true),
        ("+49 (211) 123-456", true),
        ("tel:+4921112345", true),
        ("+49211abc", true),
        ("+49 211 123456 ext. 12", true),
        ("++4921", true),
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

    #[test]
    fn matches_the_node_library_on_every_sample() {
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
