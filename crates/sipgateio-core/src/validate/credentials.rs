use crate::{Error, Result};

/// Checks a personal access token id: `token-` followed by exactly six ASCII letters or digits.
pub fn token_id(field: &'static str, value: &str) -> Result<()> {
    let valid = value
        .strip_prefix("token-")
        .is_some_and(|rest| rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric()));
    if valid {
        Ok(())
    } else {
        Err(Error::invalid_input(
            field,
            "must be `token-` followed by six letters or digits (e.g. token-6HEF5K)",
        ))
    }
}

/// Checks a personal access token: a UUID version 4 (case-insensitive).
///
/// The error never contains the token.
pub fn personal_access_token(field: &'static str, value: &str) -> Result<()> {
    let groups: Vec<&str> = value.split('-').collect();
    let hex = |s: &str| s.bytes().all(|b| b.is_ascii_hexdigit());
    let valid = matches!(groups.as_slice(), [a, b, c, d, e]
        if a.len() == 8 && b.len() == 4 && c.len() == 4 && d.len() == 4 && e.len() == 12
            && groups.iter().all(|g| hex(g))
            && c.starts_with('4')
            && d.starts_with(['8', '9', 'a', 'b', 'A', 'B']));
    if valid {
        Ok(())
    } else {
        Err(Error::invalid_input(
            field,
            "must be a personal access token (a version-4 UUID); the value is not shown",
        ))
    }
}

/// Checks an e-mail address as the Node library does: a local part of the usual characters,
/// `@`, and one or more dot-separated domain labels (no top-level domain required).
pub fn email(field: &'static str, value: &str) -> Result<()> {
    const LOCAL_SPECIALS: &str = ".!#$%&'*+/=?^_`{|}~-";
    let valid = value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c))
            && domain.split('.').all(|label| {
                let bytes = label.as_bytes();
                (1..=63).contains(&bytes.len())
                    && bytes
                        .iter()
                        .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
                    && bytes.first() != Some(&b'-')
                    && bytes.last() != Some(&b'-')
            })
    });
    if valid {
        Ok(())
    } else {
        Err(Error::invalid_input(
            field,
            format!("must be an e-mail address, got {value:?}"),
        ))
    }
}

/// Checks a legacy password: not empty and without spaces. The error never contains it.
pub fn password(field: &'static str, value: &str) -> Result<()> {
    if value.is_empty() || value.contains(' ') {
        Err(Error::invalid_input(
            field,
            "must be non-empty and contain no spaces; the value is not shown",
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_ids() {
        assert!(token_id("token_id", "token-6DSA7A").is_ok());
        assert!(token_id("token_id", "token-abc123").is_ok());
        for bad in [
            "token-93426892",
            "token-12345",
            "",
            "TOKEN-ABCDEF",
            "token-ABCDE!",
            "token-ÄBCDEF",
        ] {
            assert!(token_id("token_id", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn personal_access_tokens() {
        for good in [
            "195d5a7c-559f-444d-9a61-06adaf70ff27",
            "195D5A7C-559F-444D-BA61-06ADAF70FF27",
        ] {
            assert!(personal_access_token("token", good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "195d5a7c-559f-344d-9a61-06adaf70ff27",
            "195d5a7c-559f-444d-ca61-06adaf70ff27",
            "195d5a7c559f444d9a6106adaf70ff27",
            "195d5a7c-559f-444d-9a61-06adaf70ff2g",
            "195d5a7c-559f-444d-9a61-06adaf70ff27-",
        ] {
            let error = personal_access_token("token", bad).expect_err(bad);
            if !bad.is_empty() {
                assert!(!error.to_string().contains(bad));
            }
        }
    }

    #[test]
    fn emails() {
        for good in [
            "a@b",
            "x@test.d",
            "ada.lovelace+x@sipgate.love",
            "o'neil@ex-ample.com",
        ] {
            assert!(email("username", good).is_ok(), "{good}");
        }
        for bad in [
            "", "a", "@b", "a@", "a@-b.de", "a@b-.de", "a@b..de", "a b@c.de", "a@b@c",
        ] {
            assert!(email("username", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn passwords() {
        assert!(password("password", "s3cret!").is_ok());
        assert!(password("password", "").is_err());
        let error = password("password", "has space").expect_err("space");
        assert!(!error.to_string().contains("has space"));
    }
}
