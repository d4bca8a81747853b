//! [`SmsClient`] and the [`SmsExt`] accessor.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sipgateio_core::validate::{self, ExtensionType};
use sipgateio_core::{Client, Error, Page, Request, Result, path_segment};

use crate::{Sender, ShortMessage, SmsCallerId, SmsExtension, meaning, send_at_seconds, swap};

/// Sends SMS and manages SMS extensions and their sender caller ids.
///
/// Get one with [`SmsExt::sms`] (`client.sms()`) or [`SmsClient::new`]. It holds a clone of
/// the core [`Client`] and nothing else, so it is cheap to create and to clone.
#[derive(Clone, Debug)]
pub struct SmsClient {
    client: Client,
}

/// Adds [`sms`](SmsExt::sms) to the core [`Client`].
pub trait SmsExt {
    /// The SMS part of the API.
    fn sms(&self) -> SmsClient;
}

impl SmsExt for Client {
    fn sms(&self) -> SmsClient {
        SmsClient::new(self)
    }
}

/// The body of `POST /sessions/sms` (`SendWebSmsRequest`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendSmsBody {
    pub(crate) sms_id: String,
    pub(crate) message: String,
    pub(crate) recipient: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) send_at: Option<i64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SetDefault {
    default_number: bool,
}

#[derive(Serialize)]
struct SetAlias<'a> {
    alias: &'a str,
}

#[derive(Serialize)]
struct AddCallerId<'a> {
    phonenumber: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Verify<'a> {
    verification_code: &'a str,
}

impl SmsClient {
    /// An SMS client using `client`'s credentials, base URL, timeouts and retries.
    pub fn new(client: &Client) -> Self {
        Self {
            client: client.clone(),
        }
    }

    /// Sends a text message now.
    ///
    /// The message is [validated](ShortMessage::validate) first; nothing is sent if it is
    /// invalid.
    ///
    /// * [`Sender::SmsExtension`]: one request, `POST /sessions/sms`.
    /// * [`Sender::PhoneNumber`]: sipgate has no "send from this number" request, so the SDK
    ///   does what the Node library does, made safe: it finds the authenticated user's SMS
    ///   extension whose caller ids contain the (verified) number, makes that number the
    ///   default sender, sends, and then **always** restores the previous default, whether the
    ///   send succeeded or failed, and even if the returned future is dropped half-way (the
    ///   swap runs to its end in a task of its own). Such sends for the same SMS extension are
    ///   serialized within this process — across every `SmsClient` and every clone of the core
    ///   client — so two concurrent sends can never restore each other's temporary default.
    ///   Other processes (or the web app) changing the default at the same time are not
    ///   covered.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a bad message, [`Error::Precondition`] when the account has
    /// no SMS extension, the number is not a (verified) caller id, no default sender exists to
    /// restore, or the SMS was sent but the previous default could not be restored (do not
    /// resend in that case). API errors carry the SMS meaning of their status: 402 insufficient
    /// funds, 403 invalid SMS extension / sender not allowed / not booked.
    pub async fn send(&self, sms: &ShortMessage) -> Result<()> {
        self.dispatch(sms, None).await
    }

    /// Schedules a text message for `send_at`, which must lie between now and 30 days ahead
    /// (checked before anything is sent; it is sent to the API as whole Unix seconds).
    /// Otherwise like [`send`](Self::send).
    pub async fn schedule(&self, sms: &ShortMessage, send_at: DateTime<Utc>) -> Result<()> {
        let send_at = send_at_seconds(send_at, Utc::now())?;
        self.dispatch(sms, Some(send_at)).await
    }

    async fn dispatch(&self, sms: &ShortMessage, send_at: Option<i64>) -> Result<()> {
        sms.validate()?;
        let body = |sms_id: &str| SendSmsBody {
            sms_id: sms_id.to_owned(),
            message: sms.message().to_owned(),
            recipient: sms.to().to_owned(),
            send_at,
        };
        match sms.sender() {
            Sender::SmsExtension(sms_id) => post_sms(&self.client, &body(sms_id)).await,
            Sender::PhoneNumber(from) => swap::send_from_number(&self.client, from, body("")).await,
        }
    }

    /// The SMS extensions of a web user (`GET /{userId}/sms`). Named like
    /// `FaxClient::faxlines_of`: `…_of(user)` for a given user, no suffix for yourself.
    #[doc(alias = "getSmsExtensions")]
    pub async fn extensions_of(&self, webuser_id: &str) -> Result<Vec<SmsExtension>> {
        extensions(&self.client, webuser_id).await
    }

    /// The SMS extensions of the authenticated web user.
    pub async fn extensions(&self) -> Result<Vec<SmsExtension>> {
        let me = self.client.get_authenticated_webuser_id().await?;
        self.extensions_of(&me).await
    }

    /// Renames an SMS extension (`PUT /{userId}/sms/{smsId}` with `{"alias":…}`).
    pub async fn set_extension_alias(
        &self,
        webuser_id: &str,
        sms_id: &str,
        alias: &str,
    ) -> Result<()> {
        validate::extension("sms_id", sms_id, &[ExtensionType::Sms])?;
        let path = format!(
            "{}/sms/{}",
            path_segment("webuser_id", webuser_id)?,
            path_segment("sms_id", sms_id)?
        );
        let request = Request::put(path).json(&SetAlias { alias })?;
        self.client
            .send_no_content(meaning::extension(request))
            .await
    }

    /// The sender caller ids of an SMS extension (`GET /{userId}/sms/{smsId}/callerids`).
    pub async fn caller_ids(&self, webuser_id: &str, sms_id: &str) -> Result<Vec<SmsCallerId>> {
        caller_ids(&self.client, webuser_id, sms_id).await
    }

    /// Makes a verified caller id the default sender of an SMS extension
    /// (`PUT /{userId}/sms/{smsId}/callerids/{callerId}` with `{"defaultNumber":true}`).
    pub async fn set_default_caller_id(
        &self,
        webuser_id: &str,
        sms_id: &str,
        caller_id: i64,
    ) -> Result<()> {
        set_default_caller_id(&self.client, webuser_id, sms_id, caller_id).await
    }

    /// Registers a phone number as a new sender of an SMS extension
    /// (`POST /{userId}/sms/{smsId}/callerids` with `{"phonenumber":…}`). sipgate then sends a
    /// verification code to that number; pass it to [`verify_caller_id`](Self::verify_caller_id).
    pub async fn add_caller_id(
        &self,
        webuser_id: &str,
        sms_id: &str,
        phone_number: &str,
    ) -> Result<()> {
        validate::phone_number("phone_number", phone_number)?;
        let request = Request::post(caller_ids_path(webuser_id, sms_id)?).json(&AddCallerId {
            phonenumber: phone_number,
        })?;
        self.client
            .send_no_content(meaning::add_caller_id(request))
            .await
    }

    /// Verifies a registered sender number with the code sipgate sent to it
    /// (`POST /{userId}/sms/{smsId}/callerids/{callerId}/verification` with
    /// `{"verificationCode":…}`).
    pub async fn verify_caller_id(
        &self,
        webuser_id: &str,
        sms_id: &str,
        caller_id: i64,
        verification_code: &str,
    ) -> Result<()> {
        if verification_code.trim().is_empty() {
            return Err(Error::invalid_input(
                "verification_code",
                "must not be empty",
            ));
        }
        let path = format!(
            "{}/verification",
            caller_id_path(webuser_id, sms_id, caller_id)?
        );
        let request = Request::post(path).json(&Verify { verification_code })?;
        self.client
            .send_no_content(meaning::verify_caller_id(request))
            .await
    }

    /// Removes a sender caller id from an SMS extension
    /// (`DELETE /{userId}/sms/{smsId}/callerids/{callerId}`).
    pub async fn delete_caller_id(
        &self,
        webuser_id: &str,
        sms_id: &str,
        caller_id: i64,
    ) -> Result<()> {
        let request = Request::delete(caller_id_path(webuser_id, sms_id, caller_id)?);
        self.client
            .send_no_content(meaning::caller_ids(request))
            .await
    }
}

pub(crate) async fn post_sms(client: &Client, body: &SendSmsBody) -> Result<()> {
    let request = Request::post("sessions/sms").json(body)?;
    client.send_no_content(meaning::send(request)).await
}

pub(crate) async fn extensions(client: &Client, webuser_id: &str) -> Result<Vec<SmsExtension>> {
    let path = format!("{}/sms", path_segment("webuser_id", webuser_id)?);
    let page: Page<SmsExtension> = client.send(meaning::extensions(Request::get(path))).await?;
    Ok(page.items)
}

pub(crate) async fn caller_ids(
    client: &Client,
    webuser_id: &str,
    sms_id: &str,
) -> Result<Vec<SmsCallerId>> {
    let request = Request::get(caller_ids_path(webuser_id, sms_id)?);
    let page: Page<SmsCallerId> = client.send(meaning::caller_ids(request)).await?;
    Ok(page.items)
}

pub(crate) async fn set_default_caller_id(
    client: &Client,
    webuser_id: &str,
    sms_id: &str,
    caller_id: i64,
) -> Result<()> {
    let request =
        Request::put(caller_id_path(webuser_id, sms_id, caller_id)?).json(&SetDefault {
            default_number: true,
        })?;
    client.send_no_content(meaning::caller_ids(request)).await
}

fn caller_ids_path(webuser_id: &str, sms_id: &str) -> Result<String> {
    validate::extension("sms_id", sms_id, &[ExtensionType::Sms])?;
    Ok(format!(
        "{}/sms/{}/callerids",
        path_segment("webuser_id", webuser_id)?,
        path_segment("sms_id", sms_id)?
    ))
}

fn caller_id_path(webuser_id: &str, sms_id: &str, caller_id: i64) -> Result<String> {
    Ok(format!(
        "{}/{caller_id}",
        caller_ids_path(webuser_id, sms_id)?
    ))
}
