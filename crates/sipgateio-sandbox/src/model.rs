//! The sandbox's account data, shaped like sipgate's JSON (field names from the OpenAPI
//! snapshot's schemas). These types are the sandbox's own: they are not shared with the SDK.
//!
//! Values are also handed out by the inspection helpers of [`Sandbox`](crate::Sandbox).

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize, Serializer};

/// Serializes a time as sipgate does: ISO-8601 in UTC with milliseconds.
fn iso<S: Serializer>(time: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&time.to_rfc3339_opts(SecondsFormat::Millis, true))
}

fn iso_opt<S: Serializer>(time: &Option<DateTime<Utc>>, serializer: S) -> Result<S::Ok, S::Error> {
    match time {
        Some(t) => iso(t, serializer),
        None => serializer.serialize_none(),
    }
}

/// A web user (`UserResponse`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct User {
    /// Web-user id, e.g. `w0`.
    pub id: String,
    /// First name.
    pub firstname: String,
    /// Last name.
    pub lastname: String,
    /// E-mail address.
    pub email: String,
    /// The device that rings by default.
    pub default_device: String,
    /// Busy-on-busy setting.
    pub busy_on_busy: bool,
    /// Address id.
    pub address_id: String,
    /// Direct-dial extensions.
    pub direct_dial_ids: Vec<String>,
    /// Time zone.
    pub timezone: String,
    /// Whether the user is an account admin.
    pub admin: bool,
}

/// An `{id, alias}` pair (`ActiveRouting`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Routing {
    /// Extension id.
    pub id: String,
    /// Display name.
    pub alias: String,
}

/// A device (`DeviceResponse`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Device {
    /// Device id, e.g. `e0`.
    pub id: String,
    /// Display name.
    pub alias: String,
    /// `REGISTER`, `MOBILE` or `EXTERNAL`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Whether the device is registered.
    pub online: bool,
    /// Do-not-disturb.
    pub dnd: bool,
    /// Phonelines the device rings for.
    pub active_phonelines: Vec<Routing>,
    /// Groups the device rings for.
    pub active_groups: Vec<Routing>,
    /// The web user owning the device.
    #[serde(skip)]
    pub owner: String,
}

/// A caller id (sender number) of an SMS extension (`SmsCallerIdResponse`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SmsCallerId {
    /// Numeric id.
    pub id: i32,
    /// The number.
    pub phonenumber: String,
    /// Whether the number has been verified.
    pub verified: bool,
    /// Whether this is the default sender.
    pub default_number: bool,
    /// The code the sandbox "sent" to the number for verification.
    #[serde(skip)]
    pub verification_code: String,
}

/// An SMS extension (`SmsExtensionResponse`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SmsExtension {
    /// Extension id, e.g. `s0`.
    pub id: String,
    /// Display name.
    pub alias: String,
    /// The default sender number.
    pub caller_id: String,
    /// The owning web user.
    #[serde(skip)]
    pub owner: String,
    /// The registered sender numbers.
    #[serde(skip)]
    pub caller_ids: Vec<SmsCallerId>,
}

/// A fax line (`FaxlineResponse`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Faxline {
    /// Extension id, e.g. `f0`.
    pub id: String,
    /// Display name.
    pub alias: String,
    /// Header line printed on sent faxes.
    pub tagline: String,
    /// Can send faxes.
    pub can_send: bool,
    /// Can receive faxes.
    pub can_receive: bool,
    /// The owning web user.
    #[serde(skip)]
    pub owner: String,
}

/// A phone number of the account (`NumberResponseWithEndpoint`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Number {
    /// Number id.
    pub id: String,
    /// E.164 number.
    pub number: String,
    /// Human-readable form.
    pub localized: String,
    /// `MOBILE`, `LANDLINE`, `QUICKDIAL` or `INTERNATIONAL`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The extension the number routes to (empty when unrouted).
    pub endpoint_id: String,
    /// That extension's name.
    pub endpoint_alias: String,
    /// That extension's API path.
    pub endpoint_url: String,
}

/// An extension reference (`EndpointResponse`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Endpoint {
    /// Extension id.
    pub extension: String,
    /// Extension type, e.g. `PHONELINE`.
    #[serde(rename = "type")]
    pub kind: String,
}

/// A voicemail box (`SimpleVoicemailResponse`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Voicemail {
    /// Voicemail id, e.g. `v0`.
    pub id: String,
    /// Display name.
    pub alias: String,
    /// The phoneline the box belongs to.
    pub belongs_to_endpoint: Endpoint,
}

/// A contact e-mail (`EMailResponse`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[non_exhaustive]
pub struct ContactEmail {
    /// The address.
    pub email: String,
    /// Types such as `work`.
    #[serde(rename = "type", default)]
    pub kind: Vec<String>,
}

/// A contact number (`NumberResponse`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[non_exhaustive]
pub struct ContactNumber {
    /// The number.
    pub number: String,
    /// Types such as `cell`.
    #[serde(rename = "type", default)]
    pub kind: Vec<String>,
}

/// A postal address (`AddressResponse`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
#[non_exhaustive]
pub struct Address {
    /// Post-office box.
    pub po_box: Option<String>,
    /// Extended address.
    pub extended_address: Option<String>,
    /// Street and number.
    pub street_address: Option<String>,
    /// City.
    pub locality: Option<String>,
    /// Region or state.
    pub region: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Country.
    pub country: Option<String>,
}

/// A contact (`ContactResponse`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Contact {
    /// Contact id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Picture (base64) or null.
    pub picture: Option<String>,
    /// E-mail addresses.
    pub emails: Vec<ContactEmail>,
    /// Phone numbers.
    pub numbers: Vec<ContactNumber>,
    /// Postal addresses.
    pub addresses: Vec<Address>,
    /// Organisation paths, e.g. `[["Company", "Department"]]`.
    pub organization: Vec<Vec<String>>,
    /// `PRIVATE`, `SHARED` or `INTERNAL`.
    pub scope: String,
}

/// A routed endpoint of a history entry (`RoutedEndpointResponse`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoutedEndpoint {
    /// `FORWARDED`, `ROUTED` or `PICKUP`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The extension.
    pub endpoint: Endpoint,
}

/// A call recording.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Recording {
    /// Recording id.
    pub id: String,
    /// Download URL.
    pub url: String,
}

/// A history entry (`HistoryEntryResponse` plus the per-type fields sipgate sends for calls,
/// faxes, SMS and voicemails).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HistoryEntry {
    /// Entry id (for a sent fax: its session id).
    pub id: String,
    /// The calling or sending number.
    pub source: String,
    /// The called or receiving number.
    pub target: String,
    /// Name of the source.
    pub source_alias: String,
    /// Name of the target.
    pub target_alias: String,
    /// `CALL`, `VOICEMAIL`, `SMS` or `FAX`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Creation time.
    #[serde(serialize_with = "iso")]
    pub created: DateTime<Utc>,
    /// Last change.
    #[serde(serialize_with = "iso")]
    pub last_modified: DateTime<Utc>,
    /// `INCOMING`, `OUTGOING`, `MISSED_INCOMING` or `MISSED_OUTGOING`.
    pub direction: String,
    /// Whether the entry is incoming.
    pub incoming: bool,
    /// `NOPICKUP`, `BUSY`, `PICKUP` or `FORWARD`.
    pub status: String,
    /// Extensions involved.
    pub connection_ids: Vec<String>,
    /// Read flag.
    pub read: bool,
    /// Archived flag.
    pub archived: bool,
    /// Free-text note.
    pub note: String,
    /// Routing of the entry.
    pub endpoints: Vec<RoutedEndpoint>,
    /// Starred flag.
    pub starred: bool,
    /// Labels.
    pub labels: Vec<String>,
    /// CALL: the call id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_id: Option<String>,
    /// CALL: recordings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recordings: Option<Vec<Recording>>,
    /// CALL and VOICEMAIL: duration in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    /// CALL: `SUCCESS`, `FAILURE`, `REJECTED`, `BUSY`, `MISSED`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_status: Option<String>,
    /// FAX: `PENDING`, `SENDING`, `FAILED`, `SENT` or `SCHEDULED`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fax_status_type: Option<String>,
    /// FAX and SMS: scheduled send time.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "iso_opt")]
    pub scheduled: Option<DateTime<Utc>>,
    /// FAX: document URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_url: Option<String>,
    /// FAX: transmission report URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_url: Option<String>,
    /// FAX: preview URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preview_url: Option<String>,
    /// FAX: page count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_count: Option<u32>,
    /// SMS: the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms_content: Option<String>,
    /// VOICEMAIL: transcription.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transcription: Option<String>,
    /// VOICEMAIL: recording URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording_url: Option<String>,
    /// Sandbox bookkeeping of a sent fax's progress.
    #[serde(skip)]
    pub(crate) fax_progress: Option<FaxProgress>,
}

/// How far a sent fax has got.
#[derive(Debug, Clone)]
pub(crate) struct FaxProgress {
    pub(crate) polls: u32,
    pub(crate) started: std::time::Instant,
    pub(crate) fails: bool,
}

impl HistoryEntry {
    /// A blank entry of a type; the seed and the routes fill in the rest.
    pub(crate) fn new(id: String, kind: &str, direction: &str, created: DateTime<Utc>) -> Self {
        Self {
            id,
            source: String::new(),
            target: String::new(),
            source_alias: String::new(),
            target_alias: String::new(),
            kind: kind.to_owned(),
            created,
            last_modified: created,
            direction: direction.to_owned(),
            incoming: direction.contains("INCOMING"),
            status: "PICKUP".to_owned(),
            connection_ids: Vec::new(),
            read: false,
            archived: false,
            note: String::new(),
            endpoints: Vec::new(),
            starred: false,
            labels: Vec::new(),
            call_id: None,
            recordings: None,
            duration: None,
            call_status: None,
            fax_status_type: None,
            scheduled: None,
            document_url: None,
            report_url: None,
            preview_url: None,
            page_count: None,
            sms_content: None,
            transcription: None,
            recording_url: None,
            fax_progress: None,
        }
    }
}

/// A call participant (`Participant`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Participant {
    /// Participant id.
    pub participant_id: String,
    /// The participant's number.
    pub phone_number: String,
    /// Muted.
    pub muted: bool,
    /// On hold.
    pub hold: bool,
    /// Whether this participant belongs to the account.
    pub owner: bool,
}

/// A call known to the real-time call manipulation API (`Call`), plus what RTCM did to it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Call {
    /// Call id (for an initiated call: its session id).
    pub call_id: String,
    /// Muted.
    pub muted: bool,
    /// Being recorded.
    pub recording: bool,
    /// On hold.
    pub hold: bool,
    /// Participants.
    pub participants: Vec<Participant>,
    /// Announcement URLs played into the call via RTCM.
    #[serde(skip)]
    pub announcements: Vec<String>,
    /// DTMF sequences sent into the call via RTCM.
    #[serde(skip)]
    pub dtmf: Vec<String>,
    /// Whether the recording was started with an announcement.
    #[serde(skip)]
    pub recording_announcement: bool,
    /// `(phone number, attended)` if the call was transferred via RTCM.
    #[serde(skip)]
    pub transferred_to: Option<(String, bool)>,
    /// `None` while established; the hangup cause once ended (`normalClearing` for an RTCM
    /// hangup, `forwarded` for a transfer).
    #[serde(skip)]
    pub ended: Option<String>,
}

/// The account-wide sipgate.io webhook settings (`SipgateIoUrlResponse`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WebhookSettings {
    /// URL that receives `newCall` for incoming calls.
    pub incoming_url: String,
    /// URL that receives `newCall` for outgoing calls.
    pub outgoing_url: String,
    /// Whether pushes are logged.
    pub log: bool,
    /// `None`: every phoneline/group triggers pushes; `Some(list)`: only these.
    pub whitelist: Option<Vec<String>>,
}

/// An SMS accepted by `POST /sessions/sms`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SentSms {
    /// The SMS extension it was sent from.
    pub sms_id: String,
    /// The recipient as sent.
    pub recipient: String,
    /// The text.
    pub message: String,
    /// The scheduled send time, if any.
    pub send_at: Option<DateTime<Utc>>,
    /// The sender number (the extension's default caller id at send time).
    pub sender: String,
    /// The history entry created for it.
    pub history_id: String,
}

/// A fax accepted by `POST /sessions/fax` (or a resend).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SentFax {
    /// The session id (also the history entry id).
    pub session_id: String,
    /// The fax line.
    pub faxline_id: String,
    /// The recipient.
    pub recipient: String,
    /// The file name.
    pub filename: String,
    /// The decoded PDF bytes.
    pub content: Vec<u8>,
    /// The current `faxStatusType` (`PENDING`, `SENDING`, `SENT` or `FAILED`).
    pub status: String,
}

/// A call started by `POST /sessions/calls`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct InitiatedCall {
    /// The session id (also the RTCM call id).
    pub session_id: String,
    /// `caller` as sent (device extension or number).
    pub caller: String,
    /// `callee` as sent.
    pub callee: String,
    /// `deviceId` as sent.
    pub device_id: Option<String>,
    /// `callerId` as sent.
    pub caller_id: Option<String>,
}
