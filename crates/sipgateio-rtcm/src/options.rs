//! The small enums that replace boolean arguments of [`RtcmClient`](crate::RtcmClient).

/// Whether the parties hear an announcement that the call is being recorded, for
/// [`RtcmClient::start_recording`](crate::RtcmClient::start_recording) (the API's
/// `announcement` flag).
///
/// ```no_run
/// use sipgateio_rtcm::{CallId, RecordingAnnouncement, RtcmExt};
///
/// # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
/// let call = CallId::new("a1b2c3d4e5f6");
/// client.rtcm().start_recording(&call, RecordingAnnouncement::Play).await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordingAnnouncement {
    /// The parties hear that the call is being recorded (`"announcement": true`).
    Play,
    /// The recording starts without an announcement (`"announcement": false`).
    Skip,
}

/// How [`RtcmClient::transfer`](crate::RtcmClient::transfer) hands a call over (the API's
/// `attended` flag).
///
/// ```no_run
/// use sipgateio_rtcm::{CallId, RtcmExt, Transfer};
///
/// # async fn run(client: sipgateio_core::Client) -> sipgateio_core::Result<()> {
/// let call = CallId::new("a1b2c3d4e5f6");
/// client.rtcm().transfer(&call, "+4921100000", Transfer::Blind).await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Transfer {
    /// The transferring party is first connected with the target and can announce the call
    /// (`"attended": true`).
    Attended,
    /// The call is handed over to the target directly (`"attended": false`).
    Blind,
}
