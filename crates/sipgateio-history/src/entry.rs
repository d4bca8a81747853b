//! Typed history entries: one enum over calls, faxes, SMS and voicemails.

use chrono::{DateTime, Utc};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use sipgateio_types::{CallId, ExtensionId, HistoryEntryId};

use crate::kinds::{CallStatus, Direction, EntryStatus, EntryType, FaxStatus, RoutingType};
use crate::serde_util::{empty_id, nullable, nullable_id, seconds, starred};

/// One entry of the history, typed by its `type`.
///
/// Every typed variant carries the common fields in [`EntryBase`] (`entry.base()`); entries
/// of a type this SDK does not know yet decode as [`HistoryEntry::Unknown`] with the raw JSON.
///
/// ```
/// use sipgateio_history::{FaxStatus, HistoryEntry};
///
/// let entry: HistoryEntry = serde_json::from_str(r#"{
///     "id": "42", "type": "FAX", "created": "2024-05-01T10:00:00Z",
///     "lastModified": "2024-05-01T10:01:00Z", "direction": "OUTGOING",
///     "faxStatusType": "SENT", "pageCount": 2
/// }"#)?;
/// match &entry {
///     HistoryEntry::Fax(fax) => {
///         assert_eq!(fax.fax_status, Some(FaxStatus::Sent));
///         assert_eq!(fax.page_count, Some(2));
///     }
///     other => panic!("not a fax: {other:?}"),
/// }
/// assert_eq!(entry.id().as_str(), "42");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum HistoryEntry {
    /// A phone call.
    Call(CallEntry),
    /// A fax.
    Fax(FaxEntry),
    /// A text message.
    Sms(SmsEntry),
    /// A voicemail message.
    Voicemail(VoicemailEntry),
    /// An entry of a type this SDK does not know.
    Unknown(UnknownEntry),
}

/// The fields every history entry has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EntryBase {
    /// The entry's id.
    pub id: HistoryEntryId,
    /// Who started it: a phone number, an extension or `anonymous`.
    #[serde(default, deserialize_with = "nullable")]
    pub source: String,
    /// Who it went to.
    #[serde(default, deserialize_with = "nullable")]
    pub target: String,
    /// The display name of the source, if known.
    #[serde(default, deserialize_with = "nullable")]
    pub source_alias: String,
    /// The display name of the target, if known.
    #[serde(default, deserialize_with = "nullable")]
    pub target_alias: String,
    /// The kind of entry.
    #[serde(rename = "type")]
    pub kind: EntryType,
    /// When it happened.
    #[serde(with = "sipgateio_types::time")]
    pub created: DateTime<Utc>,
    /// When it was last changed.
    #[serde(with = "sipgateio_types::time")]
    pub last_modified: DateTime<Utc>,
    /// Incoming, outgoing or missed.
    pub direction: Direction,
    /// Whether it was incoming.
    #[serde(default, deserialize_with = "nullable")]
    pub incoming: bool,
    /// How it ended.
    #[serde(default)]
    pub status: Option<EntryStatus>,
    /// The extensions involved (`p0`, `f1`, …).
    #[serde(default, deserialize_with = "nullable")]
    pub connection_ids: Vec<ExtensionId>,
    /// Whether it was marked read.
    #[serde(default, deserialize_with = "nullable")]
    pub read: bool,
    /// Whether it is archived.
    #[serde(default, deserialize_with = "nullable")]
    pub archived: bool,
    /// The user's note, if any.
    #[serde(default)]
    pub note: Option<String>,
    /// The endpoints the entry was routed through.
    #[serde(default, deserialize_with = "nullable")]
    pub endpoints: Vec<RoutedEndpoint>,
    /// Whether it is starred (the API sends `true`/`false` or `STARRED`/`UNSTARRED`).
    #[serde(default, deserialize_with = "starred")]
    pub starred: bool,
    /// Labels attached to the entry.
    #[serde(default, deserialize_with = "nullable")]
    pub labels: Vec<String>,
}

/// An endpoint an entry was routed through.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoutedEndpoint {
    /// How the endpoint took part.
    #[serde(rename = "type")]
    pub kind: RoutingType,
    /// The endpoint.
    pub endpoint: Endpoint,
}

/// The extension taking part in an entry ([`RoutedEndpoint::endpoint`]): the
/// `{extension, type}` object that voicemails name as their owner too, so it is one type,
/// [`sipgateio_types::Endpoint`] (the extension is empty if the API sent none).
pub use sipgateio_types::Endpoint;

/// A call in the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CallEntry {
    /// The common fields.
    #[serde(flatten)]
    pub base: EntryBase,
    /// The call id (as in webhook events; empty if the API sent none).
    #[serde(default = "empty_id", deserialize_with = "nullable_id")]
    pub call_id: CallId,
    /// Recordings of the call.
    #[serde(default, deserialize_with = "nullable")]
    pub recordings: Vec<Recording>,
    /// The duration in seconds.
    #[serde(default, deserialize_with = "seconds")]
    pub duration: Option<u64>,
    /// The outcome of the call.
    #[serde(default)]
    pub call_status: Option<CallStatus>,
}

/// A recording of a call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Recording {
    /// The recording's id.
    #[serde(default, deserialize_with = "nullable")]
    pub id: String,
    /// Where to download it.
    #[serde(default, deserialize_with = "nullable")]
    pub url: String,
}

/// A fax in the history.
///
/// The fax state is `fax_status` whether it came from a list or a single entry; on the wire
/// it is `faxStatusType` (`faxStatus` is accepted too).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FaxEntry {
    /// The common fields.
    #[serde(flatten)]
    pub base: EntryBase,
    /// The state of the fax.
    #[serde(default, rename = "faxStatusType", alias = "faxStatus")]
    pub fax_status: Option<FaxStatus>,
    /// When a scheduled fax will be sent.
    #[serde(default, with = "sipgateio_types::time::option")]
    pub scheduled: Option<DateTime<Utc>>,
    /// Where to download the sent document.
    #[serde(default)]
    pub document_url: Option<String>,
    /// Where to download the transmission report.
    #[serde(default)]
    pub report_url: Option<String>,
    /// Where to download a preview image.
    #[serde(default)]
    pub preview_url: Option<String>,
    /// The number of pages.
    #[serde(default)]
    pub page_count: Option<u32>,
}

/// A text message in the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SmsEntry {
    /// The common fields.
    #[serde(flatten)]
    pub base: EntryBase,
    /// The message text.
    #[serde(default, deserialize_with = "nullable")]
    pub sms_content: String,
    /// When a scheduled message will be sent.
    #[serde(default, with = "sipgateio_types::time::option")]
    pub scheduled: Option<DateTime<Utc>>,
}

/// A voicemail message in the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VoicemailEntry {
    /// The common fields.
    #[serde(flatten)]
    pub base: EntryBase,
    /// The transcription, if available.
    #[serde(default)]
    pub transcription: Option<String>,
    /// Where to download the recording.
    #[serde(default)]
    pub recording_url: Option<String>,
    /// The duration in seconds.
    #[serde(default, deserialize_with = "seconds")]
    pub duration: Option<u64>,
}

/// An entry whose `type` this SDK does not know; nothing of it is lost.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct UnknownEntry {
    /// The `id` as sent (empty if missing or not a string).
    pub id: HistoryEntryId,
    /// The `type` as sent (empty if missing).
    pub kind: String,
    /// The common fields, if they could be read.
    pub base: Option<EntryBase>,
    /// The entry exactly as received.
    pub raw: Value,
}

impl HistoryEntry {
    /// The common fields (for an unknown entry: if they could be read).
    pub fn base(&self) -> Option<&EntryBase> {
        match self {
            Self::Call(e) => Some(&e.base),
            Self::Fax(e) => Some(&e.base),
            Self::Sms(e) => Some(&e.base),
            Self::Voicemail(e) => Some(&e.base),
            Self::Unknown(e) => e.base.as_ref(),
        }
    }

    /// The entry's id, to pass to [`get`](crate::HistoryClient::get),
    /// [`update`](crate::HistoryClient::update) or [`delete`](crate::HistoryClient::delete)
    /// (empty only for an unknown entry without one; such an id is refused before any
    /// request).
    pub fn id(&self) -> &HistoryEntryId {
        match self {
            Self::Call(e) => &e.base.id,
            Self::Fax(e) => &e.base.id,
            Self::Sms(e) => &e.base.id,
            Self::Voicemail(e) => &e.base.id,
            Self::Unknown(e) => &e.id,
        }
    }

    /// The entry's type.
    pub fn kind(&self) -> EntryType {
        match self {
            Self::Call(_) => EntryType::Call,
            Self::Fax(_) => EntryType::Fax,
            Self::Sms(_) => EntryType::Sms,
            Self::Voicemail(_) => EntryType::Voicemail,
            Self::Unknown(e) => EntryType::from(e.kind.as_str()),
        }
    }
}

/// Decodes a typed entry from JSON, keeping the path of a mismatch in the message.
fn typed<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, String> {
    fn describe(error: serde_path_to_error::Error<serde_json::Error>) -> String {
        let path = error.path().to_string();
        format!("{path}: {}", error.into_inner())
    }
    serde_path_to_error::deserialize(value).map_err(|error| {
        // Flattened common fields lose their path; decoding them alone finds it.
        match serde_path_to_error::deserialize::<_, EntryBase>(value) {
            Err(base_error) => describe(base_error),
            Ok(_) => describe(error),
        }
    })
}

impl<'de> Deserialize<'de> for HistoryEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        if !value.is_object() {
            return Err(D::Error::custom("a history entry must be a JSON object"));
        }
        let kind = value
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let entry = match EntryType::from(kind.as_str()) {
            EntryType::Call => typed(&value).map(Self::Call),
            EntryType::Fax => typed(&value).map(Self::Fax),
            EntryType::Sms => typed(&value).map(Self::Sms),
            EntryType::Voicemail => typed(&value).map(Self::Voicemail),
            EntryType::Unknown(_) => Ok(Self::Unknown(UnknownEntry {
                id: HistoryEntryId::new(
                    value.get("id").and_then(Value::as_str).unwrap_or_default(),
                ),
                base: serde_json::from_value(value.clone()).ok(),
                kind,
                raw: value,
            })),
        };
        entry.map_err(D::Error::custom)
    }
}

impl Serialize for HistoryEntry {
    /// Serializes in the API's wire format (`faxStatusType` for faxes); unknown entries as
    /// they were received.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Call(e) => e.serialize(serializer),
            Self::Fax(e) => e.serialize(serializer),
            Self::Sms(e) => e.serialize(serializer),
            Self::Voicemail(e) => e.serialize(serializer),
            Self::Unknown(e) => e.raw.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::EndpointType;
    use serde_json::json;

    fn base(kind: &str) -> Value {
        json!({
            "id": "1", "source": "+4921100000", "target": "p0", "sourceAlias": "Ada",
            "targetAlias": null, "type": kind, "created": "2024-05-01T10:00:00Z",
            "lastModified": "2024-05-01T10:00:05.123+02:00", "direction": "INCOMING",
            "incoming": true, "status": "PICKUP", "connectionIds": ["p0"], "read": false,
            "archived": true, "note": "n", "starred": "STARRED", "labels": ["x"],
            "endpoints": [{"type": "ROUTED", "endpoint": {"extension": "p0", "type": "PHONELINE"}}]
        })
    }

    fn with(kind: &str, extra: Value) -> Value {
        let mut value = base(kind);
        if let (Some(map), Value::Object(extra)) = (value.as_object_mut(), extra) {
            map.extend(extra);
        }
        value
    }

    #[test]
    fn decodes_the_common_fields() {
        let entry: HistoryEntry = serde_json::from_value(with("SMS", json!({}))).expect("sms");
        let b = entry.base().expect("typed");
        assert_eq!(b.id, "1");
        assert_eq!(b.target_alias, "");
        assert_eq!(b.kind, EntryType::Sms);
        assert_eq!(b.direction, Direction::Incoming);
        assert_eq!(b.status, Some(EntryStatus::Pickup));
        assert!(b.starred && b.archived && b.incoming && !b.read);
        assert_eq!(b.note.as_deref(), Some("n"));
        assert_eq!(b.endpoints[0].kind, RoutingType::Routed);
        assert_eq!(
            b.endpoints[0].endpoint.endpoint_type,
            EndpointType::Phoneline
        );
        assert_eq!(
            b.last_modified.to_rfc3339(),
            "2024-05-01T08:00:05.123+00:00"
        );
    }

    #[test]
    fn decodes_each_type() {
        let call: HistoryEntry = serde_json::from_value(with(
            "CALL",
            json!({"callId": "c1", "duration": 61.6, "callStatus": "BUSY_ON_BUSY",
                   "recordings": [{"id": "r1", "url": "https://x/r1"}]}),
        ))
        .expect("call");
        let HistoryEntry::Call(call) = call else {
            panic!("not a call")
        };
        assert_eq!(call.call_id, "c1");
        assert_eq!(call.base.connection_ids, [ExtensionId::new("p0")]);
        assert_eq!(call.duration, Some(62));
        assert_eq!(call.call_status, Some(CallStatus::BusyOnBusy));
        assert_eq!(call.recordings[0].url, "https://x/r1");

        let fax: HistoryEntry = serde_json::from_value(with(
            "FAX",
            json!({"faxStatusType": "FAILED", "scheduled": "", "documentUrl": "d",
                   "reportUrl": "r", "previewUrl": "p", "pageCount": 3}),
        ))
        .expect("fax");
        let HistoryEntry::Fax(fax) = fax else {
            panic!("not a fax")
        };
        assert_eq!(fax.fax_status, Some(FaxStatus::Failed));
        assert_eq!(fax.scheduled, None);
        assert_eq!(
            (fax.document_url.as_deref(), fax.page_count),
            (Some("d"), Some(3))
        );

        // The name Node's list function uses is accepted too (bug #18: one name in Rust).
        let renamed: HistoryEntry =
            serde_json::from_value(with("FAX", json!({"faxStatus": "SENT"}))).expect("fax");
        assert!(matches!(renamed, HistoryEntry::Fax(f) if f.fax_status == Some(FaxStatus::Sent)));

        let sms: HistoryEntry = serde_json::from_value(with(
            "SMS",
            json!({"smsContent": "hi", "scheduled": "2024-06-01T00:00:00Z"}),
        ))
        .expect("sms");
        assert!(
            matches!(&sms, HistoryEntry::Sms(s) if s.sms_content == "hi" && s.scheduled.is_some())
        );

        let voicemail: HistoryEntry = serde_json::from_value(with(
            "VOICEMAIL",
            json!({"transcription": "call me", "recordingUrl": "u", "duration": 12}),
        ))
        .expect("voicemail");
        let HistoryEntry::Voicemail(v) = voicemail else {
            panic!("not a voicemail")
        };
        assert_eq!(v.transcription.as_deref(), Some("call me"));
        assert_eq!(v.duration, Some(12));
    }

    #[test]
    fn missing_or_null_ids_decode_as_empty_ids() {
        let mut call = with("CALL", json!({"callId": null}));
        call["endpoints"] = json!([{"type": "ROUTED", "endpoint": {"type": "PHONELINE"}},
                                   {"type": "PICKUP", "endpoint": {"extension": null, "type": "USER"}}]);
        let HistoryEntry::Call(call) = serde_json::from_value(call).expect("call") else {
            panic!("not a call")
        };
        assert_eq!(call.call_id, CallId::new(""));
        let extensions: Vec<&str> = call
            .base
            .endpoints
            .iter()
            .map(|e| e.endpoint.extension.as_str())
            .collect();
        assert_eq!(extensions, ["", ""]);
        let mut without = with("CALL", json!({}));
        if let Some(map) = without.as_object_mut() {
            map.remove("callId");
        }
        let HistoryEntry::Call(call) = serde_json::from_value(without).expect("call") else {
            panic!("not a call")
        };
        assert_eq!(call.call_id, "");
        // Ids stay plain strings on the wire.
        let wire = serde_json::to_value(HistoryEntry::Call(call)).expect("serializes");
        assert_eq!((&wire["id"], &wire["callId"]), (&json!("1"), &json!("")));
        assert_eq!(wire["connectionIds"], json!(["p0"]));
    }

    #[test]
    fn unknown_types_keep_the_raw_json() {
        let raw = with("CHAT", json!({"chatText": "hello"}));
        let entry: HistoryEntry = serde_json::from_value(raw.clone()).expect("unknown");
        assert_eq!(entry.kind(), EntryType::Unknown("CHAT".into()));
        assert_eq!(entry.id(), "1");
        assert_eq!(entry.id(), &HistoryEntryId::new("1"));
        let HistoryEntry::Unknown(unknown) = &entry else {
            panic!("not unknown")
        };
        assert_eq!(unknown.raw, raw);
        assert!(unknown.base.is_some());
        assert_eq!(serde_json::to_value(&entry).expect("serializes"), raw);

        let sparse: HistoryEntry = serde_json::from_value(json!({"id": 5})).expect("unknown");
        assert_eq!(sparse.id(), "");
        assert!(sparse.base().is_none());
    }

    #[test]
    fn typed_entries_serialize_in_wire_format_and_back() {
        let entry: HistoryEntry =
            serde_json::from_value(with("FAX", json!({"faxStatus": "SENT"}))).expect("fax");
        let wire = serde_json::to_value(&entry).expect("serializes");
        assert_eq!(wire["faxStatusType"], "SENT");
        assert_eq!(wire["type"], "FAX");
        let back: HistoryEntry = serde_json::from_value(wire).expect("round trip");
        assert_eq!(back, entry);
    }

    #[test]
    fn bad_typed_entries_name_the_field() {
        let error = serde_json::from_value::<HistoryEntry>(with("CALL", json!({"duration": -1})))
            .expect_err("negative duration");
        assert!(error.to_string().contains("duration"), "{error}");
        let error =
            serde_json::from_value::<HistoryEntry>(with("SMS", json!({"created": "yesterday"})))
                .expect_err("bad time");
        assert!(error.to_string().contains("created"), "{error}");
        assert!(serde_json::from_value::<HistoryEntry>(json!([1])).is_err());
    }
}
