//! The established call as `GET /calls` describes it.

use serde::{Deserialize, Serialize};

use crate::CallId;

/// An established call of the account (one element of `GET /calls` → `data`).
///
/// Missing flags decode as `false` and a missing participant list as empty, so a sparse
/// answer never fails to decode.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Call {
    /// The call id, usable with every other method of [`RtcmClient`](crate::RtcmClient) and
    /// identical to the `callId` of the webhook events.
    pub call_id: CallId,
    /// Whether the call is muted.
    #[serde(default)]
    pub muted: bool,
    /// Whether the call is being recorded.
    #[serde(default)]
    pub recording: bool,
    /// Whether the call is on hold.
    #[serde(default)]
    pub hold: bool,
    /// The parties of the call.
    #[serde(default)]
    pub participants: Vec<Participant>,
}

/// One party of an established [`Call`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Participant {
    /// The participant's id within the call.
    #[serde(default)]
    pub participant_id: String,
    /// The participant's phone number.
    #[serde(default)]
    pub phone_number: String,
    /// Whether this participant is muted.
    #[serde(default)]
    pub muted: bool,
    /// Whether this participant is on hold.
    #[serde(default)]
    pub hold: bool,
    /// Whether this participant belongs to the account that owns the API credentials.
    #[serde(default)]
    pub owner: bool,
}

/// The body of `GET /calls`: the calls are under `data`, not `items`.
#[derive(Deserialize)]
pub(crate) struct CallList {
    #[serde(default)]
    pub(crate) data: Vec<Call>,
}
