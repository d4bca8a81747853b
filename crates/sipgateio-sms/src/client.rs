//! [`SmsClient`] and the [`SmsExt`] accessor.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sipgateio_core::transport::{Request, path_segment};
use sipgateio_core::validate::{self, ExtensionType};
use sipgateio_core::{Client, Error, Page, Result};

use crate::{
    Sender, ShortMessage, SmsCallerId, SmsCallerIdId, SmsExtension, SmsExtensionId, WebuserId,
    meaning, send_at_seconds, swap,
};

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
    #[doc(alias = "sendWebSms")]
    pub async fn send(&self, sms: &ShortMessage) -> Result<()> {
        self.dispatch(sms, None).await
    }

    /// Schedules a text message for `send_at`, which must lie between now and 30 days ahead
    /// (checked before anything is sent; it is sent to the API as whole Unix seconds).
    /// Otherwise like [`send`](Self::send).
    #[doc(alias = "sendWebSms")]
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
            Sender::SmsExtension(sms_id) => post_sms(&self.client, &body(sms_id.as_str())).await,
            Sender::PhoneNumber(from) => swap::send_from_number(&self.client, from, body("")).await,
        }
    }

    /// The SMS extensions of the authenticated web user (`GET /{userId}/sms`, the user
    /// resolved with `GET /authorization/userinfo`). [`list_extensions_of`] lists another
    /// user's.
    ///
    /// [`list_extensions_of`]: Self::list_extensions_of
    #[doc(alias = "getSmsExtensions")]
    pub async fn list_extensions(&self) -> Result<Vec<SmsExtension>> {
        let me = self.me().await?;
        self.list_extensions_of(&me).await
    }

    /// The SMS extensions of the web user `webuser_id` (`GET /{userId}/sms`), all of them in
    /// one answer.
    #[doc(alias = "getSmsExtensions")]
    pub async fn list_extensions_of(&self, webuser_id: &WebuserId) -> Result<Vec<SmsExtension>> {
        list_extensions(&self.client, webuser_id).await
    }

    /// Renames an SMS extension of the authenticated web user; see
    /// [`set_extension_alias_of`](Self::set_extension_alias_of).
    #[doc(alias = "setSmsAlias")]
    pub async fn set_extension_alias(&self, sms_id: &SmsExtensionId, alias: &str) -> Result<()> {
        check_sms_id(sms_id)?;
        let me = self.me().await?;
        self.set_extension_alias_of(&me, sms_id, alias).await
    }

    /// Renames an SMS extension of the web user `webuser_id`
    /// (`PUT /{userId}/sms/{smsId}` with `{"alias":…}`).
    #[doc(alias = "setSmsAlias")]
    pub async fn set_extension_alias_of(
        &self,
        webuser_id: &WebuserId,
        sms_id: &SmsExtensionId,
        alias: &str,
    ) -> Result<()> {
        check_sms_id(sms_id)?;
        let path = format!(
            "{}/sms/{}",
            path_segment("webuser_id", webuser_id.as_str())?,
            path_segment("sms_id", sms_id.as_str())?
        );
        let request = Request::put(path).json(&SetAlias { alias })?;
        self.client
            .send_no_content(meaning::extension(request))
            .await
    }

    /// The sender caller ids of an SMS extension of the authenticated web user; see
    /// [`list_caller_ids_of`](Self::list_caller_ids_of).
    #[doc(alias = "getSmsCallerIds")]
    pub async fn list_caller_ids(&self, sms_id: &SmsExtensionId) -> Result<Vec<SmsCallerId>> {
        check_sms_id(sms_id)?;
        let me = self.me().await?;
        self.list_caller_ids_of(&me, sms_id).await
    }

    /// The sender caller ids of an SMS extension of the web user `webuser_id`
    /// (`GET /{userId}/sms/{smsId}/callerids`), all of them in one answer.
    #[doc(alias = "getSmsCallerIds")]
    pub async fn list_caller_ids_of(
        &self,
        webuser_id: &WebuserId,
        sms_id: &SmsExtensionId,
    ) -> Result<Vec<SmsCallerId>> {
        list_caller_ids(&self.client, webuser_id, sms_id).await
    }

    /// Makes a verified caller id the default sender of an SMS extension of the authenticated
    /// web user; see [`set_default_caller_id_of`](Self::set_default_caller_id_of).
    #[doc(alias = "editCallerId")]
    pub async fn set_default_caller_id(
        &self,
        sms_id: &SmsExtensionId,
        caller_id: &SmsCallerIdId,
    ) -> Result<()> {
        check_sms_id(sms_id)?;
        let me = self.me().await?;
        self.set_default_caller_id_of(&me, sms_id, caller_id).await
    }

    /// Makes a verified caller id the default sender of an SMS extension of the web user
    /// `webuser_id` (`PUT /{userId}/sms/{smsId}/callerids/{callerId}` with
    /// `{"defaultNumber":true}`): every SMS the extension sends shows this number.
    #[doc(alias = "editCallerId")]
    pub async fn set_default_caller_id_of(
        &self,
        webuser_id: &WebuserId,
        sms_id: &SmsExtensionId,
        caller_id: &SmsCallerIdId,
    ) -> Result<()> {
        set_default_caller_id(&self.client, webuser_id, sms_id, *caller_id).await
    }

    /// Registers a phone number as a new sender of an SMS extension of the authenticated web
    /// user; see [`create_caller_id_of`](Self::create_caller_id_of).
    #[doc(alias = "addCallerId")]
    pub async fn create_caller_id(
        &self,
        sms_id: &SmsExtensionId,
        phone_number: &str,
    ) -> Result<()> {
        check_sms_id(sms_id)?;
        validate::phone_number("phone_number", phone_number)?;
        let me = self.me().await?;
        self.create_caller_id_of(&me, sms_id, phone_number).await
    }

    /// Registers a phone number (E.164) as a new sender of an SMS extension of the web user
    /// `webuser_id` (`POST /{userId}/sms/{smsId}/callerids` with `{"phonenumber":…}`).
    /// sipgate then sends a verification code to that number; pass it to
    /// [`verify_caller_id_of`](Self::verify_caller_id_of) with the new caller id's id (from
    /// [`list_caller_ids_of`](Self::list_caller_ids_of)).
    #[doc(alias = "addCallerId")]
    pub async fn create_caller_id_of(
        &self,
        webuser_id: &WebuserId,
        sms_id: &SmsExtensionId,
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

    /// Verifies a registered sender number of an SMS extension of the authenticated web user;
    /// see [`verify_caller_id_of`](Self::verify_caller_id_of).
    #[doc(alias = "verifyCallerId")]
    pub async fn verify_caller_id(
        &self,
        sms_id: &SmsExtensionId,
        caller_id: &SmsCallerIdId,
        verification_code: &str,
    ) -> Result<()> {
        check_sms_id(sms_id)?;
        check_verification_code(verification_code)?;
        let me = self.me().await?;
        self.verify_caller_id_of(&me, sms_id, caller_id, verification_code)
            .await
    }

    /// Verifies a registered sender number of an SMS extension of the web user `webuser_id`
    /// with the code sipgate sent to it
    /// (`POST /{userId}/sms/{smsId}/callerids/{callerId}/verification` with
    /// `{"verificationCode":…}`).
    #[doc(alias = "verifyCallerId")]
    pub async fn verify_caller_id_of(
        &self,
        webuser_id: &WebuserId,
        sms_id: &SmsExtensionId,
        caller_id: &SmsCallerIdId,
        verification_code: &str,
    ) -> Result<()> {
        check_verification_code(verification_code)?;
        let path = format!(
            "{}/verification",
            caller_id_path(webuser_id, sms_id, *caller_id)?
        );
        let request = Request::post(path).json(&Verify { verification_code })?;
        self.client
            .send_no_content(meaning::verify_caller_id(request))
            .await
    }

    /// Removes a sender caller id from an SMS extension of the authenticated web user; see
    /// [`delete_caller_id_of`](Self::delete_caller_id_of).
    #[doc(alias = "deleteSmsCallerId")]
    pub async fn delete_caller_id(
        &self,
        sms_id: &SmsExtensionId,
        caller_id: &SmsCallerIdId,
    ) -> Result<()> {
        check_sms_id(sms_id)?;
        let me = self.me().await?;
        self.delete_caller_id_of(&me, sms_id, caller_id).await
    }

    /// Removes a sender caller id from an SMS extension of the web user `webuser_id`
    /// (`DELETE /{userId}/sms/{smsId}/callerids/{callerId}`).
    #[doc(alias = "deleteSmsCallerId")]
    pub async fn delete_caller_id_of(
        &self,
        webuser_id: &WebuserId,
        sms_id: &SmsExtensionId,
        caller_id: &SmsCallerIdId,
    ) -> Result<()> {
        let request = Request::delete(caller_id_path(webuser_id, sms_id, *caller_id)?);
        self.client
            .send_no_content(meaning::caller_ids(request))
            .await
    }

    /// The authenticated web user (`GET /authorization/userinfo`).
    async fn me(&self) -> Result<WebuserId> {
        self.client.get_authenticated_webuser_id().await
    }
}

pub(crate) async fn post_sms(client: &Client, body: &SendSmsBody) -> Result<()> {
    let request = Request::post("sessions/sms").json(body)?;
    client.send_no_content(meaning::send(request)).await
}

pub(crate) async fn list_extensions(
    client: &Client,
    webuser_id: &WebuserId,
) -> Result<Vec<SmsExtension>> {
    let path = format!("{}/sms", path_segment("webuser_id", webuser_id.as_str())?);
    let page: Page<SmsExtension> = client.send(meaning::extensions(Request::get(path))).await?;
    Ok(page.items)
}

pub(crate) async fn list_caller_ids(
    client: &Client,
    webuser_id: &WebuserId,
    sms_id: &SmsExtensionId,
) -> Result<Vec<SmsCallerId>> {
    let request = Request::get(caller_ids_path(webuser_id, sms_id)?);
    let page: Page<SmsCallerId> = client.send(meaning::caller_ids(request)).await?;
    Ok(page.items)
}

pub(crate) async fn set_default_caller_id(
    client: &Client,
    webuser_id: &WebuserId,
    sms_id: &SmsExtensionId,
    caller_id: SmsCallerIdId,
) -> Result<()> {
    let request =
        Request::put(caller_id_path(webuser_id, sms_id, caller_id)?).json(&SetDefault {
            default_number: true,
        })?;
    client.send_no_content(meaning::caller_ids(request)).await
}

/// An SMS extension id has the documented shape `s<n>`.
fn check_sms_id(sms_id: &SmsExtensionId) -> Result<()> {
    validate::extension("sms_id", sms_id.as_str(), &[ExtensionType::Sms])
}

fn check_verification_code(verification_code: &str) -> Result<()> {
    if verification_code.trim().is_empty() {
        return Err(Error::invalid_input(
            "verification_code",
            "must not be empty",
        ));
    }
    Ok(())
}

fn caller_ids_path(webuser_id: &WebuserId, sms_id: &SmsExtensionId) -> Result<String> {
    check_sms_id(sms_id)?;
    Ok(format!(
        "{}/sms/{}/callerids",
        path_segment("webuser_id", webuser_id.as_str())?,
        path_segment("sms_id", sms_id.as_str())?
    ))
}

fn caller_id_path(
    webuser_id: &WebuserId,
    sms_id: &SmsExtensionId,
    caller_id: SmsCallerIdId,
) -> Result<String> {
    Ok(format!(
        "{}/{caller_id}",
        caller_ids_path(webuser_id, sms_id)?
    ))
}
