//! A string that never shows its value in `Debug`, `Display` or logs.

use std::fmt;

/// A secret string such as a personal access token, an OAuth access token or a password.
///
/// `Debug` and `Display` print `***`; the value is reachable only through
/// [`Secret::expose`], which makes every use greppable. On the wire (serde) it is the plain
/// string, so a model that sends or receives a secret (a password, an OAuth client's secret)
/// holds it as a `Secret`.
///
/// ```
/// use sipgateio_core::Secret;
///
/// let token = Secret::new("195d5a7c-559f-444d-9a61-06adaf70ff27");
/// assert_eq!(format!("{token:?}"), "Secret(***)");
/// assert_eq!(token.to_string(), "***");
/// assert_eq!(token.expose(), "195d5a7c-559f-444d-9a61-06adaf70ff27");
///
/// let sent = serde_json::to_string(&Secret::new("s3cret")).unwrap();
/// assert_eq!(sent, r#""s3cret""#);
/// let read: Secret = serde_json::from_str(&sent).unwrap();
/// assert_eq!(read.expose(), "s3cret");
/// ```
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// Returns the secret value. Use it only to build an `Authorization` header or similar.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}
