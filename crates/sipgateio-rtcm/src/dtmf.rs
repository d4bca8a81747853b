//! Validation of DTMF sequences.

use sipgateio_core::{Error, Result};

/// Normalises and checks a DTMF sequence the way the API expects it: the sequence is
/// upper-cased first and must then consist only of the digits `0`–`9`, the letters `A`–`D`,
/// `#` and `*`. Empty sequences and spaces are rejected.
///
/// Returns the upper-cased sequence that is sent.
///
/// ```
/// use sipgateio_rtcm::dtmf_sequence;
///
/// assert_eq!(dtmf_sequence("12ab#*")?, "12AB#*");
/// assert!(dtmf_sequence("").is_err());
/// assert!(dtmf_sequence("1 2").is_err());
/// assert!(dtmf_sequence("E").is_err());
/// # Ok::<(), sipgateio_core::Error>(())
/// ```
pub fn dtmf_sequence(sequence: &str) -> Result<String> {
    let upper = sequence.to_ascii_uppercase();
    let valid = !upper.is_empty()
        && upper
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'A'..=b'D').contains(&b) || b == b'#' || b == b'*');
    if valid {
        Ok(upper)
    } else {
        Err(Error::invalid_input(
            "sequence",
            format!(
                "must be a non-empty DTMF sequence of 0-9, A-D, # and * (lower-case a-d allowed), got {sequence:?}"
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_node_valid_sequences_upper_cased() {
        for (input, sent) in [
            ("0123456789", "0123456789"),
            ("ABCD", "ABCD"),
            ("abcd", "ABCD"),
            ("*AaBb#", "*AABB#"),
            ("aa", "AA"),
            ("#", "#"),
            ("12ab#*", "12AB#*"),
        ] {
            assert_eq!(dtmf_sequence(input).ok().as_deref(), Some(sent), "{input}");
        }
    }

    #[test]
    fn rejects_everything_else() {
        for bad in ["", " ", "1 2", "E", "e", "1-2", "+", "½", "ａ", "\n1"] {
            let error = dtmf_sequence(bad).expect_err(bad);
            assert_eq!(error.invalid_field(), Some("sequence"), "{bad:?}");
        }
    }
}
