//! The typed webhook events sipgate.io posts.

use serde::{Serialize, Serializer};

use crate::error::Result;
use crate::parse;

/// The direction of a call.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Direction {
    /// An incoming call (`in`).
    In,
    /// An outgoing call (`out`).
    Out,
    /// Any other value, kept as sent (empty when the field was missing).
    Unknown(String),
}

impl Direction {
    pub(crate) fn parse(value: String) -> Self {
        match value.as_str() {
            "in" => Self::In,
            "out" => Self::Out,
            _ => Self::Unknown(value),
        }
    }

    /// The wire value (`in`, `out`, or the unknown value as sent).
    pub fn as_str(&self) -> &str {
        match self {
            Self::In => "in",
            Self::Out => "out",
            Self::Unknown(value) => value,
        }
    }
}

impl Serialize for Direction {
    /// Serialized as its wire value.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Why a call ended (`cause` of a `hangup` event).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HangupCause {
    /// One of the participants hung up after the call was established (`normalClearing`).
    NormalClearing,
    /// The called party was busy (`busy`).
    Busy,
    /// The caller hung up before the called party picked up (`cancel`).
    Cancel,
    /// The called party rejected the call, e.g. through a DND setting (`noAnswer`).
    NoAnswer,
    /// The called party could not be reached (`congestion`).
    Congestion,
    /// The called number does not exist or the called party is offline (`notFound`).
    NotFound,
    /// The call was forwarded to a different party (`forwarded`).
    Forwarded,
    /// Any other value, kept as sent (empty when the field was missing).
    Unknown(String),
}

impl HangupCause {
    pub(crate) fn parse(value: String) -> Self {
        match value.as_str() {
            "normalClearing" => Self::NormalClearing,
            "busy" => Self::Busy,
            "cancel" => Self::Cancel,
            "noAnswer" => Self::NoAnswer,
            "congestion" => Self::Congestion,
            "notFound" => Self::NotFound,
            "forwarded" => Self::Forwarded,
            _ => Self::Unknown(value),
        }
    }

    /// The wire value (`normalClearing`, `busy`, …, or the unknown value as sent).
    pub fn as_str(&self) -> &str {
        match self {
            Self::NormalClearing => "normalClearing",
            Self::Busy => "busy",
            Self::Cancel => "cancel",
            Self::NoAnswer => "noAnswer",
            Self::Congestion => "congestion",
            Self::NotFound => "notFound",
            Self::Forwarded => "forwarded",
            Self::Unknown(value) => value,
        }
    }
}

impl Serialize for HangupCause {
    /// Serialized as its wire value.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// `newCall`: a call rings (the only event sent to the URLs configured at sipgate).
///
/// Numbers carry a leading `+` (sipgate sends them without) unless they are `anonymous` or
/// empty. Fields sipgate left out are empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct NewCallEvent {
    /// `in` or `out`.
    pub direction: Direction,
    /// The calling number, or `anonymous`.
    pub from: String,
    /// The called number.
    pub to: String,
    /// The call's id (usable with the RTCM endpoints).
    pub call_id: String,
    /// The id that stays the same across transfers (`origCallId`, also read as
    /// `originalCallId`).
    pub original_call_id: String,
    /// Another id of the call.
    pub xcid: String,
    /// The users involved: the caller for outgoing calls, every receiving user for incoming
    /// ones (`user[]`).
    pub users: Vec<String>,
    /// Their ids, e.g. `w0` (`userId[]`).
    pub user_ids: Vec<String>,
    /// Their full ids, e.g. `1234567w0` (`fullUserId[]`).
    pub full_user_ids: Vec<String>,
    /// The originally dialled number when the call was diverted before it reached sipgate.io.
    pub diversion: Option<String>,
}

/// `answer`: the call was answered (sent when the `newCall` answer asked for it with
/// `onAnswer`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AnswerEvent {
    /// `in` or `out`.
    pub direction: Direction,
    /// The calling number, or `anonymous`.
    pub from: String,
    /// The called number.
    pub to: String,
    /// The call's id.
    pub call_id: String,
    /// The id that stays the same across transfers.
    pub original_call_id: String,
    /// Another id of the call.
    pub xcid: String,
    /// The number of the destination that answered.
    pub answering_number: String,
    /// The user who answered (incoming calls only; absent when voicemail or a queue answered).
    pub user: Option<String>,
    /// That user's id.
    pub user_id: Option<String>,
    /// That user's full id.
    pub full_user_id: Option<String>,
    /// The originally dialled number when the call was diverted before it reached sipgate.io.
    pub diversion: Option<String>,
}

/// `hangup`: the call ended (sent when the `newCall` answer asked for it with `onHangup`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HangupEvent {
    /// `in` or `out`.
    pub direction: Direction,
    /// The calling number, or `anonymous`.
    pub from: String,
    /// The called number.
    pub to: String,
    /// The call's id.
    pub call_id: String,
    /// The id that stays the same across transfers.
    pub original_call_id: String,
    /// Another id of the call.
    pub xcid: String,
    /// Why the call ended.
    pub cause: HangupCause,
    /// The number of the destination that answered, if any.
    pub answering_number: String,
    /// The originally dialled number when the call was diverted before it reached sipgate.io.
    pub diversion: Option<String>,
}

/// `dtmf`: the digits collected by a `<Gather>` (sent to its `onData` URL, also when nothing
/// was entered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DtmfEvent {
    /// The call's id.
    pub call_id: String,
    /// The id that stays the same across transfers.
    pub original_call_id: String,
    /// The digits entered (wire field `dtmf`); may start with `0`, empty when nothing was
    /// entered.
    pub digits: String,
}

/// An event this SDK does not know (yet); answered with an empty `<Response/>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UnknownEvent {
    /// The `event` value as sent.
    pub event: String,
    /// The call's id, if sent.
    pub call_id: String,
}

/// One webhook from sipgate.io.
///
/// Serializes (e.g. to JSON for logs or queues) as one object: `event` holds the wire name
/// (`newCall`, `answer`, `hangup`, `dtmf`, or the unknown value), the other fields are the
/// Rust field names in camelCase (`callId`, `originalCallId`, `users`, `digits`, …);
/// [`Direction`] and [`HangupCause`] are their wire values.
///
/// ```
/// use sipgateio_webhook::{Direction, Event};
///
/// let body = b"event=newCall&direction=in&from=4921100000&to=4915700000&callId=c1\
///     &origCallId=o1&user%5B%5D=Alice&user%5B%5D=Bob&userId%5B%5D=w0&userId%5B%5D=w1";
/// let Event::NewCall(call) = Event::from_form(body)? else { panic!("a newCall") };
/// assert_eq!(call.direction, Direction::In);
/// assert_eq!(call.from, "+4921100000");
/// assert_eq!(call.original_call_id, "o1");
/// assert_eq!(call.users, ["Alice", "Bob"]);
/// # Ok::<(), sipgateio_webhook::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "camelCase")]
#[non_exhaustive]
pub enum Event {
    /// `newCall`
    NewCall(NewCallEvent),
    /// `answer`
    Answer(AnswerEvent),
    /// `hangup`
    Hangup(HangupEvent),
    /// `dtmf`
    Dtmf(DtmfEvent),
    /// Any other `event` value.
    #[serde(untagged)]
    Unknown(UnknownEvent),
}

impl Event {
    /// Parse a webhook body (`application/x-www-form-urlencoded`) without checking its
    /// signature (the server and [`VerifiedEvent`](crate::VerifiedEvent) check it first).
    ///
    /// `user[]`, `user[][N]`, `user[N]` and plain `user` keys (likewise `userId`,
    /// `fullUserId`) become one list in body order; `origCallId` and `originalCallId` both name
    /// the original call id; only `event` is required; unknown fields are ignored.
    pub fn from_form(body: &[u8]) -> Result<Self> {
        parse::event(body)
    }

    /// The wire name of the event (`newCall`, `answer`, `hangup`, `dtmf` or the unknown value).
    pub fn name(&self) -> &str {
        match self {
            Self::NewCall(_) => "newCall",
            Self::Answer(_) => "answer",
            Self::Hangup(_) => "hangup",
            Self::Dtmf(_) => "dtmf",
            Self::Unknown(unknown) => &unknown.event,
        }
    }

    /// The call's id.
    pub fn call_id(&self) -> &str {
        match self {
            Self::NewCall(event) => &event.call_id,
            Self::Answer(event) => &event.call_id,
            Self::Hangup(event) => &event.call_id,
            Self::Dtmf(event) => &event.call_id,
            Self::Unknown(event) => &event.call_id,
        }
    }
}
