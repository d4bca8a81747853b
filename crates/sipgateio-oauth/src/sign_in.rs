//! The two halves of a sign-in: [`PendingSignIn`] (sent out) and [`Callback`] (come back).

use std::fmt;

use sipgateio_core::Secret;

use crate::error::{Error, OauthError, Result};

/// A sign-in in progress: the URL to send the user to, and what checks and completes the
/// answer — the `state` and the PKCE code verifier. Made by
/// [`OauthClient::start_sign_in`](crate::OauthClient::start_sign_in), consumed by
/// [`OauthClient::finish_sign_in`](crate::OauthClient::finish_sign_in).
///
/// Keep it on the server, tied to the user's browser session, until the redirect comes back;
/// to store it elsewhere in between, save [`state`](Self::state) and
/// [`code_verifier`](Self::code_verifier) and [`resume`](Self::resume) it. `Debug` hides the
/// verifier.
#[derive(Clone)]
pub struct PendingSignIn {
    url: String,
    state: String,
    code_verifier: Secret,
}

impl fmt::Debug for PendingSignIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingSignIn")
            .field("url", &self.url)
            .field("state", &self.state)
            .field("code_verifier", &self.code_verifier)
            .finish()
    }
}

impl PendingSignIn {
    pub(crate) fn new(url: String, state: String, code_verifier: Secret) -> Self {
        Self {
            url,
            state,
            code_verifier,
        }
    }

    /// Restores a sign-in from its stored `state` and `code_verifier` (its URL is not needed
    /// any more: [`url`](Self::url) is then empty).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming `state` (empty) or `code_verifier` (not 43 to 128
    /// characters of letters, digits, `-`, `.`, `_` and `~`, as RFC 7636 requires).
    pub fn resume(state: impl Into<String>, code_verifier: impl Into<Secret>) -> Result<Self> {
        let state = state.into();
        let code_verifier = code_verifier.into();
        if state.is_empty() {
            return Err(Error::invalid_input("state", "must not be empty"));
        }
        let verifier = code_verifier.expose();
        let unreserved = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~');
        if !(43..=128).contains(&verifier.len()) || !verifier.chars().all(unreserved) {
            return Err(Error::invalid_input(
                "code_verifier",
                "must be 43 to 128 characters of letters, digits, `-`, `.`, `_` and `~`",
            ));
        }
        Ok(Self::new(String::new(), state, code_verifier))
    }

    /// The URL of sipgate's login page to send (redirect) the user to.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The random `state` of this sign-in (it is in the URL, and the redirect must bring it
    /// back).
    pub fn state(&self) -> &str {
        &self.state
    }

    /// The PKCE code verifier (RFC 7636, S256): the secret half of the challenge in the URL.
    pub fn code_verifier(&self) -> &Secret {
        &self.code_verifier
    }

    /// Whether `state` is this sign-in's, compared in constant time.
    pub(crate) fn state_matches(&self, state: &str) -> bool {
        let (ours, theirs) = (self.state.as_bytes(), state.as_bytes());
        !ours.is_empty()
            && ours.len() == theirs.len()
            && ours
                .iter()
                .zip(theirs)
                .fold(0u8, |difference, (a, b)| difference | (a ^ b))
                == 0
    }
}

/// What sipgate's login sends back to the redirect URI: the authorization `code` and the
/// `state`. The code is a credential (it buys tokens once): `Debug` hides it.
///
/// ```
/// use sipgateio_oauth::{Callback, ErrorKind};
///
/// // The query string of the request to your redirect URI:
/// let callback = Callback::from_query("?state=af0ifjsldkj&code=SplxlOBeZQQYbYS6WxSbIA")?;
/// assert_eq!(callback.state(), "af0ifjsldkj");
/// assert!(!format!("{callback:?}").contains("SplxlOBeZQQYbYS6WxSbIA"));
///
/// // The user declined:
/// let error = Callback::from_query("error=access_denied&error_description=User%20declined")
///     .unwrap_err();
/// assert_eq!(error.kind(), ErrorKind::Denied);
/// assert_eq!(error.to_string(), "the sign-in was not granted: access_denied: User declined");
/// # Ok::<(), sipgateio_oauth::Error>(())
/// ```
#[derive(Clone)]
pub struct Callback {
    code: Secret,
    state: String,
}

impl fmt::Debug for Callback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Callback")
            .field("code", &self.code)
            .field("state", &self.state)
            .finish()
    }
}

impl Callback {
    /// A callback from its `code` and `state` parameters, as your web framework parsed them.
    pub fn new(code: impl Into<Secret>, state: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            state: state.into(),
        }
    }

    /// Reads the query string of the redirect (with or without the leading `?`).
    ///
    /// # Errors
    ///
    /// [`Error::Denied`] when the redirect carries an OAuth `error` (the user declined, or
    /// the sign-in request was refused); [`Error::InvalidInput`] naming `code` or `state` when
    /// one is missing or appears twice.
    pub fn from_query(query: &str) -> Result<Self> {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut code = None;
        let mut state = None;
        let mut error = None;
        let mut description = None;
        let mut uri = None;
        for (name, value) in oauth2::url::form_urlencoded::parse(query.as_bytes()) {
            let (slot, field) = match &*name {
                "code" => (&mut code, "code"),
                "state" => (&mut state, "state"),
                "error" => (&mut error, "error"),
                "error_description" => (&mut description, "error_description"),
                "error_uri" => (&mut uri, "error_uri"),
                _ => continue,
            };
            if slot.replace(value.into_owned()).is_some() {
                return Err(Error::invalid_input(
                    field,
                    "appears more than once in the redirect",
                ));
            }
        }
        if let Some(error) = error {
            return Err(Error::Denied(OauthError::new(
                &error,
                description.as_deref(),
                uri.as_deref(),
                None,
            )));
        }
        let code =
            code.ok_or_else(|| Error::invalid_input("code", "is missing from the redirect"))?;
        let state =
            state.ok_or_else(|| Error::invalid_input("state", "is missing from the redirect"))?;
        Ok(Self::new(code, state))
    }

    /// The authorization code.
    pub fn code(&self) -> &Secret {
        &self.code
    }

    /// The state the redirect brought back.
    pub fn state(&self) -> &str {
        &self.state
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    #[test]
    fn states_compare_exactly() {
        let sign_in = PendingSignIn::resume("abc", VERIFIER).expect("valid");
        assert!(sign_in.state_matches("abc"));
        for other in ["abd", "ab", "abcd", ""] {
            assert!(!sign_in.state_matches(other), "{other}");
        }
    }

    #[test]
    fn resume_checks_what_it_restores() {
        assert_eq!(
            PendingSignIn::resume("", VERIFIER)
                .expect_err("refused")
                .invalid_field(),
            Some("state")
        );
        for bad in ["short", &"a".repeat(129), &format!("{VERIFIER}!")] {
            assert_eq!(
                PendingSignIn::resume("s", bad)
                    .expect_err("refused")
                    .invalid_field(),
                Some("code_verifier")
            );
        }
        let sign_in = PendingSignIn::resume("s", VERIFIER).expect("valid");
        assert_eq!(sign_in.url(), "");
        assert!(!format!("{sign_in:?}").contains(VERIFIER));
    }

    #[test]
    fn callbacks_are_read_from_the_query() {
        let callback = Callback::from_query("code=c%2F1&state=s+1&session_state=x").expect("ok");
        assert_eq!(callback.code().expose(), "c/1");
        assert_eq!(callback.state(), "s 1");

        let error = Callback::from_query("code=a&code=b&state=s").expect_err("refused");
        assert_eq!(error.invalid_field(), Some("code"));
        let error = Callback::from_query("code=a").expect_err("refused");
        assert_eq!(error.invalid_field(), Some("state"));
        let error = Callback::from_query("error=invalid_scope&state=s").expect_err("refused");
        assert_eq!(error.kind(), ErrorKind::Denied);
        assert_eq!(
            error.oauth_error().map(|e| e.code().as_str()),
            Some("invalid_scope")
        );
    }
}
