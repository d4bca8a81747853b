//! The three ways to authenticate against the sipgate REST API.

use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::error::Result;
use crate::validate;
use crate::{Secret, TokenSource};

/// Credentials for the sipgate REST API.
///
/// * [`Credentials::PersonalAccessToken`]: HTTP Basic `token_id:token` (recommended for scripts).
/// * [`Credentials::OAuth`]: a Bearer access token from sipgate's OAuth 2 flow, fixed for the
///   client's life (sipgate's access tokens expire after five minutes).
/// * [`Credentials::TokenSource`]: Bearer tokens that renew themselves, asked from a
///   [`TokenSource`] for every request (the `sipgateio-oauth` crate's `TokenSession`).
/// * [`Credentials::Password`]: legacy HTTP Basic with the account's e-mail and password
///   (deprecated by sipgate, still accepted).
///
/// `Debug` never shows the token or password.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Credentials {
    /// A personal access token created in the sipgate web app.
    PersonalAccessToken {
        /// The token id, `token-` followed by six letters or digits.
        token_id: String,
        /// The token itself, a UUID.
        token: Secret,
    },
    /// An OAuth 2 access token (sent as `Bearer`).
    ///
    /// The token is not inspected client-side: sipgate decides whether it is valid.
    OAuth {
        /// The access token.
        access_token: Secret,
    },
    /// Legacy username (e-mail) and password.
    Password {
        /// The account's e-mail address.
        username: String,
        /// The account's password.
        password: Secret,
    },
    /// Bearer tokens from a [`TokenSource`], asked for before every request and told about
    /// every 401 (see the trait for the protocol).
    TokenSource(Arc<dyn TokenSource>),
}

impl Credentials {
    /// Checks the shape of the credentials where sipgate documents it
    /// (token id, token UUID, e-mail, non-empty password without spaces). A token source's
    /// tokens are checked when they are used.
    ///
    /// The error names the field but never contains a secret value.
    pub fn validate(&self) -> Result<()> {
        match self {
            Self::PersonalAccessToken { token_id, token } => {
                validate::token_id("token_id", token_id)?;
                validate::personal_access_token("token", token.expose())
            }
            Self::OAuth { access_token } => {
                if access_token.is_empty() || access_token.expose().chars().any(char::is_whitespace)
                {
                    return Err(crate::Error::invalid_input(
                        "access_token",
                        "must be a non-empty token without whitespace",
                    ));
                }
                Ok(())
            }
            Self::Password { username, password } => {
                validate::email("username", username)?;
                validate::password("password", password.expose())
            }
            Self::TokenSource(_) => Ok(()),
        }
    }

    /// The value of the `Authorization` header for fixed credentials; `None` for a token
    /// source, whose header changes.
    pub(crate) fn authorization_value(&self) -> Option<String> {
        match self {
            Self::PersonalAccessToken { token_id, token } => {
                Some(basic(&format!("{token_id}:{}", token.expose())))
            }
            Self::OAuth { access_token } => Some(bearer(access_token)),
            Self::Password { username, password } => {
                Some(basic(&format!("{username}:{}", password.expose())))
            }
            Self::TokenSource(_) => None,
        }
    }
}

fn basic(user_and_password: &str) -> String {
    format!("Basic {}", STANDARD.encode(user_and_password.as_bytes()))
}

/// The `Authorization` value of an OAuth access token.
pub(crate) fn bearer(access_token: &Secret) -> String {
    format!("Bearer {}", access_token.expose())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_access_token_header_matches_node_vector() {
        let credentials = Credentials::PersonalAccessToken {
            token_id: "token-6HEF5K".into(),
            token: Secret::new("195d5a7c-559f-444d-9a61-06adaf70ff27"),
        };
        assert_eq!(
            credentials.authorization_value().as_deref(),
            Some("Basic dG9rZW4tNkhFRjVLOjE5NWQ1YTdjLTU1OWYtNDQ0ZC05YTYxLTA2YWRhZjcwZmYyNw==")
        );
    }

    #[test]
    fn debug_hides_secrets() {
        let credentials = Credentials::Password {
            username: "ada@example.com".into(),
            password: Secret::new("hunter2"),
        };
        assert!(!format!("{credentials:?}").contains("hunter2"));
    }

    #[test]
    fn invalid_token_error_does_not_echo_the_token() {
        let credentials = Credentials::PersonalAccessToken {
            token_id: "token-6HEF5K".into(),
            token: Secret::new("not-a-uuid-secret"),
        };
        let error = credentials.validate().expect_err("token is not a UUID");
        assert!(!error.to_string().contains("not-a-uuid-secret"));
        assert!(!format!("{error:?}").contains("not-a-uuid-secret"));
    }
}
