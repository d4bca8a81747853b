//! Checks shared by the verbs. Every value that ends up in the XML passes one of them.

use crate::error::{Error, Result};

/// The most numbers one `<Dial>` may ring at once (sipgate's limit for redirects).
pub const MAX_DIAL_TARGETS: usize = 5;

/// Whether XML 1.0 can carry `c` at all (its `Char` production): tab, LF, CR and everything
/// from U+0020 on except the surrogates (which a `char` never is), U+FFFE and U+FFFF. Nothing
/// else can be written, not even as a character reference.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..
    )
}

/// Every character of `value` is one XML 1.0 can carry; the error names the first one that is
/// not, as `U+XXXX` with its byte offset (never the raw character, which may be a terminal
/// control).
pub(crate) fn xml_chars(field: &'static str, value: &str) -> Result<()> {
    match value.char_indices().find(|&(_, c)| !is_xml_char(c)) {
        None => Ok(()),
        Some((at, c)) => Err(Error::invalid_input(
            field,
            format!(
                "must not contain U+{:04X} (at byte {at}): XML 1.0 cannot carry that character",
                u32::from(c)
            ),
        )),
    }
}

/// Characters a URL must not contain: controls (C0, DEL, C1), which XML either cannot carry
/// or attribute-value normalisation would silently turn into spaces, and whitespace.
fn has_control_characters_or_whitespace(value: &str) -> bool {
    value.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// An absolute `http://` or `https://` URL of characters XML can carry, without whitespace or
/// control characters.
///
/// The everyday URL is printable ASCII (`!` to `~`): then it carries no character XML cannot
/// and no control or whitespace, and only the scheme and the host are left to check, without
/// walking its characters twice.
pub(crate) fn url(field: &'static str, value: &str) -> Result<()> {
    let printable_ascii = value.bytes().all(|b| matches!(b, b'!'..=b'~'));
    if !printable_ascii {
        xml_chars(field, value)?;
    }
    let bytes = value.as_bytes();
    let rest = if starts_with_ignoring_case(bytes, b"https://") {
        &value[8..]
    } else if starts_with_ignoring_case(bytes, b"http://") {
        &value[7..]
    } else {
        return Err(Error::invalid_input(
            field,
            "must be an absolute http:// or https:// URL",
        ));
    };
    if rest.is_empty() || rest.starts_with('/') {
        return Err(Error::invalid_input(
            field,
            "must name a host after the scheme",
        ));
    }
    if !printable_ascii && has_control_characters_or_whitespace(value) {
        return Err(Error::invalid_input(
            field,
            "must not contain whitespace or control characters",
        ));
    }
    Ok(())
}

/// Whether `value` starts with the ASCII `prefix`, ignoring ASCII case.
fn starts_with_ignoring_case(value: &[u8], prefix: &[u8]) -> bool {
    value
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// A phone number as sipgate takes it in `<Number>` and `callerId`: an optional `+`, then
/// 1 to 20 digits.
pub(crate) fn number(field: &'static str, value: &str) -> Result<()> {
    xml_chars(field, value)?;
    let digits = value.strip_prefix('+').unwrap_or(value);
    if digits.is_empty() || digits.len() > 20 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid_input(
            field,
            format!("must be a phone number: an optional `+` and 1 to 20 digits (was {value:?})"),
        ));
    }
    Ok(())
}
