//! The typed webhook events sipgate.io posts.

use serde::Serialize;
use sipgateio_types::{CallId, WebuserId};

use crate::error::Result;
use crate::parse;

sipgateio_types::wire_enum! {
    /// The direction of a call (`direction`: `in` or `out`).
    ///
    /// Any other value is kept in `Unknown` as sipgate sent it; a missing field is
    /// `Unknown("")`.
    ///
    /// ```
    /// use sipgateio_webhook::CallDirection;
    ///
    /// assert_eq!(CallDirection::from("in"), CallDirection::In);
    /// assert_eq!(CallDirection::Out.as_str(), "out");
    /// assert_eq!(CallDirection::from("sideways"), CallDirection::Unknown("sideways".into()));
    /// ```
    #[doc(alias = "WebhookDirection")]
    pub enum CallDirection {
        /// An incoming call (`in`).
        In = "in",
        /// An outgoing call (`out`).
        Out = "out",
    }
}

sipgateio_types::wire_enum! {
    /// Why a call ended (`cause` of a `hangup` event).
    ///
    /// Any other value is kept in `Unknown` as sipgate sent it; a missing field is
    /// `Unknown("")`.
    ///
    /// ```
    /// use sipgateio_webhook::HangupCause;
    ///
    /// assert_eq!(HangupCause::from("busy"), HangupCause::Busy);
    /// assert_eq!(HangupCause::NormalClearing.to_string(), "normalClearing");
    /// assert_eq!(HangupCause::from("meteorStrike").as_str(), "meteorStrike");
    /// ```
    #[doc(alias = "HangUpCause")]
    pub enum HangupCause {
        /// One of the participants hung up after the call was established (`normalClearing`).
        NormalClearing = "normalClearing",
        /// The called party was busy (`busy`).
        Busy = "busy",
        /// The caller hung up before the called party picked up (`cancel`).
        Cancel = "cancel",
        /// The called party rejected the call, e.g. through a DND setting (`noAnswer`).
        NoAnswer = "noAnswer",
        /// The called party could not be reached (`congestion`).
        Congestion = "congestion",
        /// The called number does not exist or the called party is offline (`notFound`).
        NotFound = "notFound",
        /// The call was forwarded to a different party (`forwarded`).
        Forwarded = "forwarded",
    }
}

/// `newCall`: a call rings (the only event sent to the URLs configured at sipgate).
///
/// Numbers carry a leading `+` (sipgate sends them without) unless they are `anonymous` or
/// empty. Text fields sipgate left out are empty, lists empty, optional fields `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct NewCallEvent {
    /// `in` or `out`.
    pub direction: CallDirection,
    /// The calling number, or `anonymous`.
    pub from: String,
    /// The called number.
    pub to: String,
    /// The call's id, as the RTCM endpoints take it (`client.rtcm().hang_up(&call.call_id)`);
    /// empty only if sipgate left it out.
    pub call_id: CallId,
    /// The id of the call this one continues after a transfer or diversion (`origCallId`,
    /// also read as `originalCallId`); `None` when sipgate sent none or an empty one.
    pub original_call_id: Option<CallId>,
    /// Another id of the call (sipgate's call correlation id); no API endpoint takes it.
    pub xcid: String,
    /// The users involved: the caller for outgoing calls, every receiving user for incoming
    /// ones (`user[]`).
    pub users: Vec<String>,
    /// Their web user ids, e.g. `w0` (`userId[]`), in the order of [`users`](Self::users).
    pub user_ids: Vec<WebuserId>,
    /// Their account-qualified ids, e.g. `1234567w0` (`fullUserId[]`): the account's id
    /// followed by the web user id. Plain strings: no API endpoint takes them; use
    /// [`user_ids`](Self::user_ids) with the REST API.
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
    pub direction: CallDirection,
    /// The calling number, or `anonymous`.
    pub from: String,
    /// The called number.
    pub to: String,
    /// The call's id (empty only if sipgate left it out).
    pub call_id: CallId,
    /// The id of the call this one continues after a transfer or diversion, if any.
    pub original_call_id: Option<CallId>,
    /// Another id of the call (sipgate's call correlation id).
    pub xcid: String,
    /// The number of the destination that answered.
    pub answering_number: String,
    /// The user who answered (incoming calls only; absent when voicemail or a queue answered).
    pub user: Option<String>,
    /// That user's web user id, e.g. `w0`.
    pub user_id: Option<WebuserId>,
    /// That user's account-qualified id, e.g. `1234567w0` (a plain string, see
    /// [`NewCallEvent::full_user_ids`]).
    pub full_user_id: Option<String>,
    /// The originally dialled number when the call was diverted before it reached sipgate.io.
    pub diversion: Option<String>,
}

/// `hangup`: the call ended (sent when the `newCall` answer asked for it with `onHangup`).
#[doc(alias = "HangUpEvent")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HangupEvent {
    /// `in` or `out`.
    pub direction: CallDirection,
    /// The calling number, or `anonymous`.
    pub from: String,
    /// The called number.
    pub to: String,
    /// The call's id (empty only if sipgate left it out).
    pub call_id: CallId,
    /// The id of the call this one continues after a transfer or diversion, if any.
    pub original_call_id: Option<CallId>,
    /// Another id of the call (sipgate's call correlation id).
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
#[doc(alias = "DataEvent")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DtmfEvent {
    /// The call's id (empty only if sipgate left it out).
    pub call_id: CallId,
    /// The id of the call this one continues after a transfer or diversion, if any.
    pub original_call_id: Option<CallId>,
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
    /// The call's id (empty if sipgate sent none).
    pub call_id: CallId,
}

/// One webhook from sipgate.io.
///
/// Serializes (e.g. to JSON for logs or queues) as one object: `event` holds the wire name
/// (`newCall`, `answer`, `hangup`, `dtmf`, or the unknown value), the other fields are the
/// Rust field names in camelCase (`callId`, `originalCallId`, `users`, `digits`, …);
/// ids, [`CallDirection`] and [`HangupCause`] are their wire strings, a field that is `None` is
/// `null`.
///
/// ```
/// use sipgateio_webhook::{CallId, CallDirection, Event, WebuserId};
///
/// let body = b"event=newCall&direction=in&from=4921100000&to=4915700000&callId=c1\
///     &origCallId=o1&user%5B%5D=Alice&user%5B%5D=Bob&userId%5B%5D=w0&userId%5B%5D=w1";
/// let Event::NewCall(call) = Event::from_form(body)? else { panic!("a newCall") };
/// assert_eq!(call.direction, CallDirection::In);
/// assert_eq!(call.from, "+4921100000");
/// assert_eq!(call.call_id, "c1");
/// assert_eq!(call.original_call_id, Some(CallId::new("o1")));
/// assert_eq!(call.user_ids, [WebuserId::new("w0"), WebuserId::new("w1")]);
/// assert_eq!(call.users, ["Alice", "Bob"]);
/// # Ok::<(), sipgateio_webhook::Error>(())
/// ```
#[doc(alias = "CallEvent")]
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
    /// the original call id; only `event` is required; unknown fields are ignored. Values are
    /// kept as sent (ids are not validated), except that numbers get their `+`.
    pub fn from_form(body: &[u8]) -> Result<Self> {
        parse::event(body)
    }

    /// The wire name of the event (`newCall`, `answer`, `hangup`, `dtmf` or the unknown value).
    #[doc(alias = "EventType")]
    pub fn name(&self) -> &str {
        match self {
            Self::NewCall(_) => "newCall",
            Self::Answer(_) => "answer",
            Self::Hangup(_) => "hangup",
            Self::Dtmf(_) => "dtmf",
            Self::Unknown(unknown) => &unknown.event,
        }
    }

    /// The call's id, whatever the event (empty only if sipgate left it out).
    pub fn call_id(&self) -> &CallId {
        match self {
            Self::NewCall(event) => &event.call_id,
            Self::Answer(event) => &event.call_id,
            Self::Hangup(event) => &event.call_id,
            Self::Dtmf(event) => &event.call_id,
            Self::Unknown(event) => &event.call_id,
        }
    }
}
