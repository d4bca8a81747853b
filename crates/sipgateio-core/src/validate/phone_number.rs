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
    if plainly_valid(trimmed) {
        return Ok(());
    }
    match phonenumber::parse(None, trimmed) {
        Ok(_) => Ok(()),
        Err(_) => Err(Error::invalid_input(
            field,
            format!("{RULE}, got {value:?}"),
        )),
    }
}

/// The country calling codes of libphonenumber's metadata as the `phonenumber` crate ships
/// it (a test checks that they are the same).
const COUNTRY_CODES: [u16; 207] = [
    1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54,
    55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98, 211,
    212, 213, 216, 218, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234,
    235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253,
    254, 255, 256, 257, 258, 260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 290, 291, 297, 298,
    299, 350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 370, 371, 372, 373, 374, 375, 376, 377,
    378, 380, 381, 382, 383, 385, 386, 387, 389, 420, 421, 423, 500, 501, 502, 503, 504, 505, 506,
    507, 508, 509, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 670, 672, 673, 674, 675, 676,
    677, 678, 679, 680, 681, 682, 683, 685, 686, 687, 688, 689, 690, 691, 692, 850, 852, 853, 855,
    856, 880, 886, 960, 961, 962, 963, 964, 965, 966, 967, 968, 970, 971, 972, 973, 974, 975, 976,
    977, 979, 992, 993, 994, 995, 996, 998,
];

/// Whether `value` (which passed [`not_dialable`]) is an everyday number: `+`, a known
/// country calling code and 8 to 14 more digits, single spaces at most between them.
/// libphonenumber accepts every such number (a test checks samples of every code and
/// length), so the answer is given without it: its first use loads
/// and compiles the metadata of every region (about 600 million instructions, 40–50 ms of
/// CPU), which a command-line call would pay on every run. Any other number is left to it.
fn plainly_valid(value: &str) -> bool {
    let Some(rest) = value.strip_prefix('+') else {
        return false;
    };
    // Digits with single spaces between them; hyphens, parentheses and slashes are left to
    // libphonenumber's reading of them.
    let bytes = rest.as_bytes();
    let separated = |i: usize| {
        i > 0 && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) && bytes[i - 1].is_ascii_digit()
    };
    if !bytes
        .iter()
        .enumerate()
        .all(|(i, b)| b.is_ascii_digit() || (*b == b' ' && separated(i)))
    {
        return false;
    }
    let mut digits = [0u8; 20];
    let mut count = 0;
    for byte in rest.bytes().filter(u8::is_ascii_digit) {
        if count == digits.len() {
            return false;
        }
        digits[count] = byte - b'0';
        count += 1;
    }
    if count == 0 || digits[0] == 0 {
        return false;
    }
    let mut code = 0u16;
    for (length, digit) in digits[..count.min(3)].iter().enumerate() {
        code = code * 10 + u16::from(*digit);
        if COUNTRY_CODES.binary_search(&code).is_ok() {
            return (8..=14).contains(&(count - length - 1));
        }
    }
    false
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

    #[test]
    fn the_country_codes_are_libphonenumbers() {
        let mut codes: Vec<u16> = phonenumber::metadata::DATABASE
            .iter()
            .map(|meta| meta.country_code())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes, COUNTRY_CODES);
    }

    /// The shortcut never says "valid" where libphonenumber would not: every code, every
    /// length it takes, with separators, and the lengths just outside left to it.
    #[test]
    fn plainly_valid_numbers_are_valid_to_libphonenumber() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut failures = Vec::new();
        for code in COUNTRY_CODES {
            for national in 1..=16 {
                for _ in 0..8 {
                    let mut number = format!("+{code}");
                    for i in 0..national {
                        if i > 0 && next() % 5 == 0 {
                            number.push(' ');
                        }
                        // A leading 0 or 1 (national prefixes) as often as any digit.
                        let digit = if i == 0 { next() % 2 } else { next() % 10 };
                        number.push(char::from(b'0' + digit as u8));
                    }
                    let shortcut = plainly_valid(&number);
                    assert_eq!(shortcut, (8..=14).contains(&national), "{number}");
                    if shortcut && phonenumber::parse(None, &number).is_err() {
                        failures.push(number);
                    }
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} {:?}",
            failures.len(),
            &failures[..failures.len().min(40)]
        );
        for left_to_libphonenumber in [
            "+999123456",
            "+0123456",
            "+4912",
            "+",
            "+49 1234 5678 9012 3456",
            "+49 (211) 123456",
            "+49 211/123456",
            "+49  211",
            "+49-",
        ] {
            assert!(
                !plainly_valid(left_to_libphonenumber),
                "{left_to_libphonenumber}"
            );
        }
    }

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
