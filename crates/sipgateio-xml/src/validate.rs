//! Checks shared by the verbs. Every value that ends up in the XML passes one of them.

use crate::error::{Error, Result};

/// The most numbers one `<Dial>` may ring at once (sipgate's limit for redirects).
pub const MAX_DIAL_TARGETS: usize = 5;

/// Characters that XML 1.0 cannot carry at all, not even escaped, plus the ones that
/// attribute-value normalisation would silently turn into spaces.
fn has_control_characters(value: &str) -> bool {
    value.chars().any(char::is_control)
}

/// An absolute `http://` or `https://` URL without whitespace or control characters.
pub(crate) fn url(field: &'static str, value: &str) -> Result<()> {
    let lower = value.get(..8).unwrap_or(value).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &value[8..]
    } else if lower.starts_with("http://") {
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
    if has_control_characters(value) || value.chars().any(char::is_whitespace) {
        return Err(Error::invalid_input(
            field,
            "must not contain whitespace or control characters",
        ));
    }
    Ok(())
}

/// A phone number as sipgate takes it in `<Number>` and `callerId`: an optional `+`, then
/// 1 to 20 digits.
pub(crate) fn number(field: &'static str, value: &str) -> Result<()> {
    let digits = value.strip_prefix('+').unwrap_or(value);
    if digits.is_empty() || digits.len() > 20 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid_input(
            field,
            format!("must be a phone number: an optional `+` and 1 to 20 digits (was {value:?})"),
        ));
    }
    Ok(())
}
