//! [`RtcmClient`]: the calls endpoints of the sipgate REST API.

use serde::Serialize;
use sipgateio_core::transport::{Request, path_segment};
use sipgateio_core::{Client, Error, Result, validate};
use sipgateio_types::url::check_http_url;

use crate::dtmf::dtmf_sequence;
use crate::model::{Call, CallList};
use crate::{CallId, RecordingAnnouncement, Transfer};

/// The meaning of a 404 on any call endpoint: the call ended or never existed.
const CALL_NOT_FOUND: &str = "the requested call could not be found (it may have ended)";

/// Real-time manipulation of established calls (`/calls`).
///
/// Build it with [`RtcmClient::new`] or, with [`RtcmExt`] in scope, `client.rtcm()`.
/// Every method that names a call answers [`Error::NotFound`] (its text says the call was not
/// found) when the call has ended or never existed.
#[derive(Clone, Debug)]
pub struct RtcmClient {
    client: Client,
}

/// Adds [`rtcm()`](RtcmExt::rtcm) to [`sipgateio_core::Client`].
pub trait RtcmExt {
    /// The real-time call manipulation API.
    fn rtcm(&self) -> RtcmClient;
}

impl RtcmExt for Client {
    fn rtcm(&self) -> RtcmClient {
        RtcmClient::new(self)
    }
}

#[derive(Serialize)]
struct Flag {
    value: bool,
}

#[derive(Serialize)]
struct RecordingBody {
    announcement: bool,
    value: bool,
}

#[derive(Serialize)]
struct AnnouncementBody<'a> {
    url: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TransferBody<'a> {
    attended: bool,
    phone_number: &'a str,
}

#[derive(Serialize)]
struct Dtmf {
    sequence: String,
}

impl RtcmClient {
    /// An RTCM client sharing `client`'s connection pool and settings.
    pub fn new(client: &Client) -> Self {
        Self {
            client: client.clone(),
        }
    }

    /// The calls of the account that are established right now (`GET /calls`), all of them
    /// in one answer.
    #[doc(alias = "getEstablishedCalls")]
    #[doc(alias = "getCalls")]
    pub async fn list(&self) -> Result<Vec<Call>> {
        let list: CallList = self.client.send(Request::get("calls")).await?;
        Ok(list.data)
    }

    /// Mutes a call: the other parties no longer hear the account's side
    /// (`PUT /calls/{id}/muted` with `{"value":true}`). [`unmute`](Self::unmute) undoes it.
    #[doc(alias = "setCallMuted")]
    pub async fn mute(&self, call_id: &CallId) -> Result<()> {
        self.set_flag(call_id, "/muted", true).await
    }

    /// Unmutes a muted call (`PUT /calls/{id}/muted` with `{"value":false}`).
    #[doc(alias = "mute")]
    #[doc(alias = "setCallMuted")]
    pub async fn unmute(&self, call_id: &CallId) -> Result<()> {
        self.set_flag(call_id, "/muted", false).await
    }

    /// Starts recording a call (`PUT /calls/{id}/recording` with `{"announcement":…,
    /// "value":true}`). With [`RecordingAnnouncement::Play`] the parties first hear that the
    /// call is being recorded.
    ///
    /// The recording appears in the call's history entry.
    #[doc(alias = "record")]
    #[doc(alias = "setCallRecording")]
    pub async fn start_recording(
        &self,
        call_id: &CallId,
        announcement: RecordingAnnouncement,
    ) -> Result<()> {
        let body = RecordingBody {
            announcement: announcement == RecordingAnnouncement::Play,
            value: true,
        };
        self.put_recording(call_id, &body).await
    }

    /// Stops recording a call (`PUT /calls/{id}/recording` with `{"announcement":false,
    /// "value":false}`).
    #[doc(alias = "record")]
    #[doc(alias = "setCallRecording")]
    pub async fn stop_recording(&self, call_id: &CallId) -> Result<()> {
        let body = RecordingBody {
            announcement: false,
            value: false,
        };
        self.put_recording(call_id, &body).await
    }

    /// Plays an audio file into a call (`POST /calls/{id}/announcements`).
    ///
    /// `url` must be an absolute `http://` or `https://` URL with a host and without
    /// whitespace (the rule of `sipgateio_types::url::check_http_url`) that sipgate can fetch;
    /// the file must be a WAV file (mono, 16-bit PCM, 8 kHz). Only the URL's shape is checked
    /// here.
    #[doc(alias = "startCallAnnouncement")]
    pub async fn announce(&self, call_id: &CallId, url: &str) -> Result<()> {
        check_url(url)?;
        let request =
            Request::post(call_path(call_id, "/announcements")?).json(&AnnouncementBody { url })?;
        self.send(request).await
    }

    /// Transfers a call to `phone_number` (E.164, e.g. `+4921100000`) (`POST
    /// /calls/{id}/transfer`): [`Transfer::Attended`] first connects the transferring party
    /// with the target, [`Transfer::Blind`] hands the call over directly.
    #[doc(alias = "transferCall")]
    pub async fn transfer(
        &self,
        call_id: &CallId,
        phone_number: &str,
        transfer: Transfer,
    ) -> Result<()> {
        validate::phone_number("phone_number", phone_number)?;
        let body = TransferBody {
            attended: transfer == Transfer::Attended,
            phone_number,
        };
        let request = Request::post(call_path(call_id, "/transfer")?).json(&body)?;
        self.send(request).await
    }

    /// Sends DTMF tones into a call (`POST /calls/{id}/dtmf`).
    ///
    /// The sequence is upper-cased and must then consist of `0`–`9`, `A`–`D`, `#` and `*`
    /// (see [`dtmf_sequence`](crate::dtmf_sequence)); otherwise nothing is sent.
    #[doc(alias = "sendDTMF")]
    #[doc(alias = "sendCallDtmf")]
    pub async fn send_dtmf(&self, call_id: &CallId, sequence: &str) -> Result<()> {
        let sequence = dtmf_sequence(sequence)?;
        let request = Request::post(call_path(call_id, "/dtmf")?).json(&Dtmf { sequence })?;
        self.send(request).await
    }

    /// Puts a call on hold (`PUT /calls/{id}/hold` with `{"value":true}`).
    /// [`resume`](Self::resume) takes it off hold.
    ///
    /// A call that is not established yet cannot be held: the API answers 409, an
    /// [`Error::Api`] whose text says so.
    #[doc(alias = "setCallHold")]
    pub async fn hold(&self, call_id: &CallId) -> Result<()> {
        self.put_hold(call_id, true).await
    }

    /// Takes a held call off hold (`PUT /calls/{id}/hold` with `{"value":false}`).
    #[doc(alias = "hold")]
    #[doc(alias = "setCallHold")]
    pub async fn resume(&self, call_id: &CallId) -> Result<()> {
        self.put_hold(call_id, false).await
    }

    /// Ends a call for every party (`DELETE /calls/{id}`).
    #[doc(alias = "hangUp")]
    #[doc(alias = "hangupCall")]
    pub async fn hang_up(&self, call_id: &CallId) -> Result<()> {
        self.send(Request::delete(call_path(call_id, "")?)).await
    }

    async fn set_flag(&self, call_id: &CallId, suffix: &str, value: bool) -> Result<()> {
        let request = Request::put(call_path(call_id, suffix)?).json(&Flag { value })?;
        self.send(request).await
    }

    async fn put_recording(&self, call_id: &CallId, body: &RecordingBody) -> Result<()> {
        let request = Request::put(call_path(call_id, "/recording")?).json(body)?;
        self.send(request).await
    }

    async fn put_hold(&self, call_id: &CallId, value: bool) -> Result<()> {
        let request = Request::put(call_path(call_id, "/hold")?)
            .json(&Flag { value })?
            .on_status(409, "the call cannot be held yet (it is not established)");
        self.send(request).await
    }

    async fn send(&self, request: Request) -> Result<()> {
        self.client
            .send_no_content(request.on_status(404, CALL_NOT_FOUND))
            .await
    }
}

/// `calls/{call_id}{suffix}` with the id percent-encoded.
fn call_path(call_id: &CallId, suffix: &str) -> Result<String> {
    Ok(format!(
        "calls/{}{suffix}",
        path_segment("call_id", call_id.as_str())?
    ))
}

/// The announcement must be an absolute `http(s)` URL with a host: the shared rule of
/// [`check_http_url`].
fn check_url(url: &str) -> Result<()> {
    check_http_url(url).map_err(|invalid| {
        Error::invalid_input(
            "url",
            format!("{invalid} (the WAV file sipgate fetches), got {url:?}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        for good in [
            "https://example.com/a.wav",
            "http://example.com",
            "HTTPS://x/y",
            "https://10.0.0.1:8080/a.wav?x=1&y=2",
        ] {
            assert!(check_url(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "example.com/a.wav",
            "ftp://x/a.wav",
            "https://",
            "https:///a.wav",
            " https://x/a.wav",
            "https://x/a b.wav",
            "https://x:99999/a.wav",
        ] {
            assert_eq!(
                check_url(bad).expect_err(bad).invalid_field(),
                Some("url"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn call_paths_are_encoded() {
        let path = |id: &str, suffix| call_path(&CallId::new(id), suffix).ok();
        assert_eq!(path("abc", "/hold").as_deref(), Some("calls/abc/hold"));
        assert_eq!(path("a/b", "").as_deref(), Some("calls/a%2Fb"));
        assert!(path("", "").is_none());
    }
}
