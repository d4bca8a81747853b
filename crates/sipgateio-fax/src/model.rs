//! Faxline and session models.

use serde::{Deserialize, Serialize};

/// A fax line of a web user (`GET /{userId}/faxlines`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Faxline {
    /// The extension id, e.g. `f0`.
    pub id: String,
    /// The display name.
    #[serde(default)]
    pub alias: String,
    /// The header line printed on sent faxes.
    #[serde(default)]
    pub tagline: String,
    /// Whether the line can send faxes.
    #[serde(default)]
    pub can_send: bool,
    /// Whether the line can receive faxes.
    #[serde(default)]
    pub can_receive: bool,
}

/// The answer to sending a fax: the session id, which is also the id of the fax's history
/// entry (use it with [`FaxClient::status`](crate::FaxClient::status)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FaxSession {
    /// The session id.
    pub session_id: String,
}
