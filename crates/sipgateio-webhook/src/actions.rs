//! Play an announcement, then hang up or transfer the call through RTCM.

use std::time::Duration;

use sipgateio_core::Client;
use sipgateio_rtcm::{CallId, RtcmClient, Transfer};
use sipgateio_xml::Response;

use crate::audio::Announcement;
use crate::error::{Error, Result};

/// Answer with `<Play>` and hang the call up (`DELETE /calls/{callId}`) once the announcement
/// has played, plus `extra_delay`.
///
/// The duration comes from the [`Announcement`] (from
/// [`AudioValidator::check`](crate::AudioValidator::check), or
/// [`Announcement::with_known_duration`]). The hang-up runs on a spawned task; its failure is
/// logged (`tracing` warning), as is the call having ended already. Must be called inside a
/// tokio runtime (a webhook handler is).
///
/// An empty `call_id` (sipgate left the field out), an announcement URL that is not an
/// absolute http(s) URL, or a call outside a tokio runtime is an error
/// ([`Error::InvalidInput`] naming `call_id` or `runtime`, or [`Error::Xml`]), and nothing is
/// scheduled.
///
/// ```no_run
/// use std::time::Duration;
/// use sipgateio_webhook::{Announcement, WebhookServer, play_audio_and_hang_up};
///
/// # fn setup(client: sipgateio_core::Client) -> Result<(), sipgateio_webhook::Error> {
/// let goodbye = Announcement::with_known_duration("https://example.com/bye.wav", Duration::from_secs(4));
/// let server = WebhookServer::builder()
///     .on_new_call(move |call| {
///         let (client, goodbye) = (client.clone(), goodbye.clone());
///         async move { play_audio_and_hang_up(&client, &call.call_id, &goodbye, Duration::ZERO) }
///     })
///     .build()?;
/// # Ok(()) }
/// ```
#[doc(alias = "playAudioAndHangUp")]
pub fn play_audio_and_hang_up(
    client: &Client,
    call_id: &CallId,
    announcement: &Announcement,
    extra_delay: Duration,
) -> Result<Response> {
    let response = prepare(call_id, announcement)?;
    let rtcm = RtcmClient::new(client);
    let call_id = call_id.clone();
    schedule(announcement.duration + extra_delay, async move {
        match rtcm.hang_up(&call_id).await {
            Ok(()) => tracing::debug!(%call_id, "hung up after the announcement"),
            Err(error) => {
                tracing::warn!(%call_id, %error, "could not hang up after the announcement");
            }
        }
    })?;
    Ok(response)
}

/// Answer with `<Play>` and transfer the call to `phone_number` (`POST
/// /calls/{callId}/transfer`, `attended` as `transfer` says) once the announcement has
/// played, plus `extra_delay`. `phone_number` is checked now (E.164), before anything is
/// scheduled; otherwise as [`play_audio_and_hang_up`].
///
/// ```no_run
/// use std::time::Duration;
/// use sipgateio_webhook::{Announcement, Transfer, WebhookServer, play_audio_and_transfer};
///
/// # fn setup(client: sipgateio_core::Client) -> Result<(), sipgateio_webhook::Error> {
/// let hold_on = Announcement::with_known_duration("https://example.com/connecting.wav", Duration::from_secs(3));
/// let server = WebhookServer::builder()
///     .on_new_call(move |call| {
///         let (client, hold_on) = (client.clone(), hold_on.clone());
///         async move {
///             play_audio_and_transfer(&client, &call.call_id, &hold_on, "+4921100000", Transfer::Blind, Duration::ZERO)
///         }
///     })
///     .build()?;
/// # Ok(()) }
/// ```
#[doc(alias = "playAudioAndTransfer")]
pub fn play_audio_and_transfer(
    client: &Client,
    call_id: &CallId,
    announcement: &Announcement,
    phone_number: &str,
    transfer: Transfer,
    extra_delay: Duration,
) -> Result<Response> {
    sipgateio_core::validate::phone_number("phone_number", phone_number)
        .map_err(|error| Error::invalid_input("phone_number", error.to_string()))?;
    let response = prepare(call_id, announcement)?;
    let rtcm = RtcmClient::new(client);
    let (call_id, phone_number) = (call_id.clone(), phone_number.to_owned());
    schedule(announcement.duration + extra_delay, async move {
        match rtcm.transfer(&call_id, &phone_number, transfer).await {
            Ok(()) => tracing::debug!(%call_id, "transferred after the announcement"),
            Err(error) => {
                tracing::warn!(%call_id, %error, "could not transfer after the announcement");
            }
        }
    })?;
    Ok(response)
}

fn prepare(call_id: &CallId, announcement: &Announcement) -> Result<Response> {
    if call_id.as_str().trim().is_empty() {
        return Err(Error::invalid_input("call_id", "must not be empty"));
    }
    Ok(Response::play(announcement.url.as_str())?)
}

fn schedule(
    delay: Duration,
    action: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let runtime = tokio::runtime::Handle::try_current()
        .map_err(|_| Error::invalid_input("runtime", "must be called inside a tokio runtime"))?;
    // The deadline counts from now, not from when the task first runs.
    let deadline = tokio::time::Instant::now() + delay;
    runtime.spawn(async move {
        tokio::time::sleep_until(deadline).await;
        action.await;
    });
    Ok(())
}
