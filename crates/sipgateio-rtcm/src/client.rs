//! [`RtcmClient`]: the calls endpoints of the sipgate REST API.

use serde::Serialize;
use sipgateio_core::{Client, Error, Request, Result, path_segment, validate};

use crate::dtmf::dtmf_sequence;
use crate::model::{Call, CallList};

/// The meaning of a 404 on any call endpoint: the call ended or never existed.
pub const CALL_NOT_FOUND: &str = "the requested call could not be found (it may have ended)";

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
struct Recording {
    announcement: bool,
    value: bool,
}

#[derive(Serialize)]
struct Announcement<'a> {
    url: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Transfer<'a> {
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

    /// The calls of the account that are established right now (`GET /calls`).
    #[doc(alias = "getEstablishedCalls")]
    pub async fn calls(&self) -> Result<Vec<Call>> {
        let list: CallList = self.client.send(Request::get("calls")).await?;
        Ok(list.data)
    }

    /// Mutes (`true`) or unmutes (`false`) a call (`PUT /calls/{id}/muted`).
    pub async fn mute(&self, call_id: &str, mute: bool) -> Result<()> {
        let request = Request::put(call_path(call_id, "/muted")?).json(&Flag { value: mute })?;
        self.send(request).await
    }

    /// Starts (`true`) or stops (`false`) recording a call (`PUT /calls/{id}/recording`).
    /// With `announcement`, the parties hear that the call is being recorded.
    ///
    /// The recording appears in the call's history entry.
    pub async fn record(&self, call_id: &str, record: bool, announcement: bool) -> Result<()> {
        let body = Recording {
            announcement,
            value: record,
        };
        let request = Request::put(call_path(call_id, "/recording")?).json(&body)?;
        self.send(request).await
    }

    /// Plays an audio file into a call (`POST /calls/{id}/announcements`).
    ///
    /// `url` must be an absolute `http://` or `https://` URL that sipgate can fetch; the file
    /// must be a WAV file (mono, 16-bit PCM, 8 kHz). Only the URL's shape is checked here.
    pub async fn announce(&self, call_id: &str, url: &str) -> Result<()> {
        check_url(url)?;
        let request =
            Request::post(call_path(call_id, "/announcements")?).json(&Announcement { url })?;
        self.send(request).await
    }

    /// Transfers a call to `phone_number` (E.164, e.g. `+4921100000`) (`POST
    /// /calls/{id}/transfer`). An attended transfer first connects the transferring party
    /// with the target; a blind one hands the call over directly.
    pub async fn transfer(&self, call_id: &str, phone_number: &str, attended: bool) -> Result<()> {
        validate::phone_number("phone_number", phone_number)?;
        let body = Transfer {
            attended,
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
    pub async fn send_dtmf(&self, call_id: &str, sequence: &str) -> Result<()> {
        let sequence = dtmf_sequence(sequence)?;
        let request = Request::post(call_path(call_id, "/dtmf")?).json(&Dtmf { sequence })?;
        self.send(request).await
    }

    /// Puts a call on hold (`true`) or resumes it (`false`) (`PUT /calls/{id}/hold`).
    pub async fn hold(&self, call_id: &str, hold: bool) -> Result<()> {
        let request = Request::put(call_path(call_id, "/hold")?)
            .json(&Flag { value: hold })?
            .on_status(409, "the call cannot be held yet (it is not established)");
        self.send(request).await
    }

    /// Ends a call for every party (`DELETE /calls/{id}`).
    #[doc(alias = "hangUp")]
    pub async fn hang_up(&self, call_id: &str) -> Result<()> {
        self.send(Request::delete(call_path(call_id, "")?)).await
    }

    async fn send(&self, request: Request) -> Result<()> {
        self.client
            .send_no_content(request.on_status(404, CALL_NOT_FOUND))
            .await
    }
}

/// `calls/{call_id}{suffix}` with the id percent-encoded.
fn call_path(call_id: &str, suffix: &str) -> Result<String> {
    Ok(format!(
        "calls/{}{suffix}",
        path_segment("call_id", call_id)?
    ))
}

fn check_url(url: &str) -> Result<()> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') && url.trim() == url => Ok(()),
        _ => Err(Error::invalid_input(
            "url",
            format!("must be an absolute http:// or https:// URL of a WAV file, got {url:?}"),
        )),
    }
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
        assert_eq!(
            call_path("abc", "/hold").ok().as_deref(),
            Some("calls/abc/hold")
        );
        assert_eq!(call_path("a/b", "").ok().as_deref(), Some("calls/a%2Fb"));
        assert!(call_path("", "").is_err());
    }
}
