//! Faxline and session models.

use serde::{Deserialize, Serialize};
use sipgateio_types::{FaxlineId, HistoryEntryId};

/// A fax line of a web user (`GET /{userId}/faxlines`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Faxline {
    /// The fax line's id, e.g. `f0`: what [`Fax::new`](crate::Fax::new) takes.
    pub id: FaxlineId,
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
/// entry (use it with [`FaxClient::get_status`](crate::FaxClient::get_status),
/// [`FaxClient::wait_until_done`](crate::FaxClient::wait_until_done) and
/// [`FaxClient::resend`](crate::FaxClient::resend), or with the history API).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FaxSession {
    /// The session id: the id of the fax's history entry.
    pub session_id: HistoryEntryId,
}

/// A phone number routed to a fax line (`GET /{userId}/faxlines/{faxlineId}/numbers`): a fax
/// sent to it arrives on the line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FaxlineNumber {
    /// The phone number, e.g. `+4921112345678`.
    pub number: String,
    /// The kinds of number the API names (its `type` array, e.g. `LANDLINE`); the API
    /// description declares no list of values, so they are kept as sent.
    #[serde(rename = "type", default)]
    pub types: Vec<String>,
}
