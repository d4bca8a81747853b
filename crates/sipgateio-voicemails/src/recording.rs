//! Recording sessions: calls that ring one of your devices to record a voicemail greeting or an
//! IVR message, or to play a stored recording back (`POST /sessions/voicemail/recording`,
//! `/sessions/ivr/recording`, `/sessions/voicemail/play`).

use serde::{Deserialize, Serialize};
use sipgateio_core::transport::Request;
use sipgateio_core::validate::{self, ExtensionType};
use sipgateio_core::{Error, Result};
use sipgateio_types::{CallId, DeviceId, IvrId, RecordingId, VoicemailId};

use crate::VoicemailsClient;

/// The devices a recording call can ring: a VoIP phone (`e`), an external phone (`x`) or a
/// mobile phone (`y`).
const DEVICE_TYPES: &[ExtensionType] = &[
    ExtensionType::Register,
    ExtensionType::External,
    ExtensionType::Mobile,
];

/// The answer to starting a recording or playback call (`InitiateNewCallSessionResponse`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RecordingSession {
    /// The id of the call that rings your device; the call-control API (`sipgateio-rtcm`)
    /// takes it as its call id, e.g. to hang up.
    pub session_id: CallId,
}

/// A call that records a new greeting for a voicemail box, for
/// [`VoicemailsClient::record_greeting`] (`NewVoicemailRecordingRecordingRequest`).
///
/// ```
/// use sipgateio_voicemails::{DeviceId, GreetingRecording, VoicemailId};
///
/// let recording = GreetingRecording::new(DeviceId::new("e0"), VoicemailId::new("v0"));
/// assert!(recording.validate().is_ok());
/// let wrong = GreetingRecording::new(DeviceId::new("e0"), VoicemailId::new("p0"));
/// assert_eq!(wrong.validate().unwrap_err().invalid_field(), Some("voicemail_id"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GreetingRecording {
    device_id: DeviceId,
    voicemail_id: VoicemailId,
    endpoint: Option<String>,
}

impl GreetingRecording {
    /// Ring `device_id` and record what is said there as a greeting of `voicemail_id`.
    pub fn new(device_id: DeviceId, voicemail_id: VoicemailId) -> Self {
        Self {
            device_id,
            voicemail_id,
            endpoint: None,
        }
    }

    /// The API's `endpoint` field: which greeting slot to record. sipgate documents only its
    /// example values (`MAIN`, `a0`, `a1`, `a2`); left out when unset.
    #[must_use]
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// The device that rings.
    pub fn device_id(&self) -> &DeviceId {
        &self.device_id
    }

    /// The voicemail box whose greeting is recorded.
    pub fn voicemail_id(&self) -> &VoicemailId {
        &self.voicemail_id
    }

    /// Checks the call without sending anything: the device must be a device extension
    /// (`e<n>`, `x<n>`, `y<n>`), the box a voicemail extension (`v<n>`), an endpoint (if set)
    /// one non-blank word.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming `device_id`, `voicemail_id` or `endpoint`.
    pub fn validate(&self) -> Result<()> {
        validate::extension("device_id", self.device_id.as_str(), DEVICE_TYPES)?;
        validate::extension(
            "voicemail_id",
            self.voicemail_id.as_str(),
            &[ExtensionType::Voicemail],
        )?;
        check_endpoint(self.endpoint.as_deref())
    }
}

/// A call that records a message of an IVR (the voice menu), for
/// [`VoicemailsClient::record_ivr_message`] (`NewIvrRecordingRequest`).
///
/// ```
/// use sipgateio_voicemails::{DeviceId, IvrId, IvrRecording};
///
/// let recording = IvrRecording::new(DeviceId::new("y1"), IvrId::new("h0")).endpoint("MAIN");
/// assert!(recording.validate().is_ok());
/// let wrong = IvrRecording::new(DeviceId::new("p0"), IvrId::new("h0"));
/// assert_eq!(wrong.validate().unwrap_err().invalid_field(), Some("device_id"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IvrRecording {
    device_id: DeviceId,
    ivr_id: IvrId,
    endpoint: Option<String>,
}

impl IvrRecording {
    /// Ring `device_id` and record what is said there as a message of the IVR `ivr_id`.
    pub fn new(device_id: DeviceId, ivr_id: IvrId) -> Self {
        Self {
            device_id,
            ivr_id,
            endpoint: None,
        }
    }

    /// The API's `endpoint` field: which message of the IVR to record. sipgate documents only
    /// its example values (`MAIN`, `a0`, `a1`, `a2`); left out when unset.
    #[must_use]
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// The device that rings.
    pub fn device_id(&self) -> &DeviceId {
        &self.device_id
    }

    /// The IVR whose message is recorded.
    pub fn ivr_id(&self) -> &IvrId {
        &self.ivr_id
    }

    /// Checks the call without sending anything: the device must be a device extension
    /// (`e<n>`, `x<n>`, `y<n>`), the IVR an IVR extension (`h<n>`), an endpoint (if set) one
    /// non-blank word.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming `device_id`, `ivr_id` or `endpoint`.
    pub fn validate(&self) -> Result<()> {
        validate::extension("device_id", self.device_id.as_str(), DEVICE_TYPES)?;
        validate::extension("ivr_id", self.ivr_id.as_str(), &[ExtensionType::Ivr])?;
        check_endpoint(self.endpoint.as_deref())
    }
}

/// An endpoint, if set: not blank, no whitespace inside or control characters.
fn check_endpoint(endpoint: Option<&str>) -> Result<()> {
    match endpoint {
        Some(value)
            if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            Err(Error::invalid_input(
                "endpoint",
                format!("must be one word such as MAIN or a0, got {value:?}"),
            ))
        }
        _ => Ok(()),
    }
}

/// The body of the two recording calls.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RecordBody<'a> {
    device_id: &'a DeviceId,
    target_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    endpoint: Option<&'a str>,
}

/// The body of the playback call (`PlayRecordingRequest`; `datadId` is sipgate's spelling).
#[derive(Serialize)]
struct PlayBody<'a> {
    #[serde(rename = "deviceId")]
    device_id: &'a DeviceId,
    #[serde(rename = "datadId")]
    recording_id: &'a RecordingId,
}

/// The documented error statuses of the three session calls.
fn session_meaning(request: Request) -> Request {
    request
        .on_status(
            400,
            "the call was rejected: invalid device or target (a device id is required)",
        )
        .on_status(402, "insufficient funds to start the call")
        .on_status(403, "not allowed to start a call with these parameters")
}

impl VoicemailsClient {
    /// Rings a device to record a new greeting of a voicemail box
    /// (`POST /sessions/voicemail/recording` with `{"deviceId", "targetId", "endpoint"}`):
    /// pick up and speak the greeting.
    ///
    /// ```no_run
    /// use sipgateio_voicemails::{DeviceId, GreetingRecording, VoicemailId, VoicemailsExt};
    ///
    /// # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
    /// let call = GreetingRecording::new(DeviceId::new("e0"), VoicemailId::new("v0"));
    /// let session = client.voicemails().record_greeting(&call).await?;
    /// println!("pick up e0 (call {})", session.session_id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for a call that does not [validate](GreetingRecording::validate)
    /// (nothing sent); an API error for 400 (invalid device or target), 402 (insufficient
    /// funds), [`Error::Forbidden`] for 403 (not allowed), and the core errors.
    #[doc(alias = "newRecording")]
    pub async fn record_greeting(&self, recording: &GreetingRecording) -> Result<RecordingSession> {
        recording.validate()?;
        let body = RecordBody {
            device_id: &recording.device_id,
            target_id: recording.voicemail_id.as_str(),
            endpoint: recording.endpoint.as_deref(),
        };
        let request = Request::post("sessions/voicemail/recording").json(&body)?;
        self.client.send(session_meaning(request)).await
    }

    /// Rings a device to record a message of an IVR, the account's voice menu
    /// (`POST /sessions/ivr/recording` with `{"deviceId", "targetId", "endpoint"}`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for a call that does not [validate](IvrRecording::validate)
    /// (nothing sent); then as [`record_greeting`](Self::record_greeting).
    #[doc(alias = "newIvrRecording")]
    pub async fn record_ivr_message(&self, recording: &IvrRecording) -> Result<RecordingSession> {
        recording.validate()?;
        let body = RecordBody {
            device_id: &recording.device_id,
            target_id: recording.ivr_id.as_str(),
            endpoint: recording.endpoint.as_deref(),
        };
        let request = Request::post("sessions/ivr/recording").json(&body)?;
        self.client.send(session_meaning(request)).await
    }

    /// Rings a device and plays a stored voicemail recording there
    /// (`POST /sessions/voicemail/play` with `{"deviceId", "datadId"}`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming `device_id` for a device that is no device extension
    /// (`e<n>`, `x<n>`, `y<n>`) or `recording_id` for an empty id (nothing sent); then as
    /// [`record_greeting`](Self::record_greeting).
    #[doc(alias = "playRecording")]
    pub async fn play_recording(
        &self,
        device_id: &DeviceId,
        recording_id: &RecordingId,
    ) -> Result<RecordingSession> {
        validate::extension("device_id", device_id.as_str(), DEVICE_TYPES)?;
        if recording_id.as_str().trim().is_empty() {
            return Err(Error::invalid_input("recording_id", "must not be empty"));
        }
        let request = Request::post("sessions/voicemail/play").json(&PlayBody {
            device_id,
            recording_id,
        })?;
        self.client.send(session_meaning(request)).await
    }
}
