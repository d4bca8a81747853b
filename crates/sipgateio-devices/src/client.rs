//! The devices client and its extension trait.

use serde::{Deserialize, Serialize};
use sipgateio_core::transport::{Request, path_segment};
use sipgateio_core::{Client, Page, Result};

use crate::input::{self, UpdateBody};
use crate::{
    AddressId, Contingent, Device, DeviceId, DeviceUpdate, DisplayNumber, ExternalDevice,
    LocalPrefix, MobileDevice, NewDeviceType, RegisterDevice, SimId, WebuserId,
};

/// The meaning of a 403 answer of `GET /{userId}/devices`.
const FORBIDDEN: &str = "the credentials may not read this web user's devices (scope devices:read)";
/// The meaning of a 404 answer of `GET /{userId}/devices`.
const NOT_FOUND: &str = "the web user was not found";
/// The meaning of a 404 answer of `/devices/{deviceId}…`.
const DEVICE_NOT_FOUND: &str = "the device was not found";
/// The meaning of a 404 answer of `/{userId}/devices/{deviceId}…`.
const USER_OR_DEVICE_NOT_FOUND: &str = "the web user or the device was not found";
/// The meaning of a 403 answer of a reading `/devices/{deviceId}…` request.
const READ_FORBIDDEN: &str = "the credentials may not read this device (scope devices:read)";
/// The meaning of a 403 answer of a changing `/devices/{deviceId}…` request.
const WRITE_FORBIDDEN: &str = "the credentials may not change this device (scope devices:write)";
/// The meaning of a 403 answer of `POST /{userId}/devices…`.
const CREATE_FORBIDDEN: &str = "the web user may not have this kind of device, or the \
     credentials may not create devices (scope devices:write)";
/// sipgate's meaning of a 403 answer of `PUT /devices/{deviceId}/alias`.
const ALIAS_FORBIDDEN: &str = "the device was not found";
/// sipgate's meaning of a 403 answer of the caller id and tariff announcement endpoints.
const NOT_BOOKED: &str = "the feature is not booked";
/// sipgate's meaning of a 403 answer of `POST /{userId}/devices/{deviceId}/sim/orders`.
const ORDER_FORBIDDEN: &str = "the web user or the device was not found";
/// The meaning of a 403 answer of the SIM endpoints.
const SIM_FORBIDDEN: &str =
    "the credentials may not manage this device's SIM card (scope devices:sim:write)";

/// `{"value": …}`, the body and answer of the alias, caller id and local prefix endpoints.
#[derive(Serialize, Deserialize)]
struct Value<T> {
    #[serde(default)]
    value: Option<T>,
}

/// `{"enabled": …}`, the body and answer of the single-row display and tariff announcement
/// endpoints.
#[derive(Serialize, Deserialize)]
struct Enabled {
    #[serde(default)]
    enabled: bool,
}

/// The body of the `POST /{userId}/devices…` endpoints.
#[derive(Serialize)]
struct NewDeviceBody<'a> {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<NewDeviceType>,
    alias: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<&'a str>,
}

/// The body of `PUT /devices/{deviceId}/localprefix`.
#[derive(Serialize)]
struct LocalPrefixBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a str>,
    active: bool,
}

/// The answer of `GET /{userId}/devices/{deviceId}/contingents`.
#[derive(Deserialize)]
struct Contingents {
    #[serde(default)]
    contingents: Vec<Contingent>,
}

/// `devices/{deviceId}{tail}`, the id percent-encoded.
fn device_path(device_id: &DeviceId, tail: &str) -> Result<String> {
    let device = path_segment("device_id", device_id.as_str())?;
    Ok(format!("devices/{device}{tail}"))
}

/// `{userId}/devices/{deviceId}{tail}`, both ids percent-encoded.
fn user_device_path(webuser_id: &WebuserId, device_id: &DeviceId, tail: &str) -> Result<String> {
    let user = path_segment("webuser_id", webuser_id.as_str())?;
    let device = path_segment("device_id", device_id.as_str())?;
    Ok(format!("{user}/devices/{device}{tail}"))
}

/// Access to the devices of the account's web users: list, read and create them, change
/// their settings, delete them, and manage the SIM cards of mobile devices.
///
/// Get one with [`DevicesClient::new`] or, with [`DevicesExt`] in scope, `client.devices()`.
#[derive(Clone, Debug)]
pub struct DevicesClient {
    client: Client,
}

impl DevicesClient {
    /// A devices client that uses `client`'s credentials and settings.
    pub fn new(client: &Client) -> Self {
        Self {
            client: client.clone(),
        }
    }

    /// Every device of the authenticated web user, with the phonelines and groups that ring
    /// on it.
    ///
    /// Resolves the user with
    /// [`Client::get_authenticated_webuser_id`](sipgateio_core::Client::get_authenticated_webuser_id)
    /// (`GET /authorization/userinfo`), then reads `GET /{userId}/devices` like
    /// [`list_of`](Self::list_of).
    ///
    /// # Errors
    /// The errors of the userinfo request and those of [`list_of`](Self::list_of).
    #[doc(alias = "getDevices")]
    pub async fn list(&self) -> Result<Vec<Device>> {
        let me = self.client.get_authenticated_webuser_id().await?;
        self.list_of(&me).await
    }

    /// Every device of the web user `webuser_id` (`GET /{userId}/devices`; the id is
    /// percent-encoded into the path), with the phonelines and groups that ring on it.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) for an empty id (no request
    /// sent), [`Error::Unauthorized`](sipgateio_core::Error::Unauthorized) for rejected
    /// credentials, [`Error::Forbidden`](sipgateio_core::Error::Forbidden) when the credentials
    /// may not read that user's devices, [`Error::NotFound`](sipgateio_core::Error::NotFound)
    /// for an unknown web user, and the other core errors.
    #[doc(alias = "getDevices")]
    pub async fn list_of(&self, webuser_id: &WebuserId) -> Result<Vec<Device>> {
        let user = path_segment("webuser_id", webuser_id.as_str())?;
        let page: Page<Device> = self
            .client
            .send(
                Request::get(format!("{user}/devices"))
                    .on_status(403, FORBIDDEN)
                    .on_status(404, NOT_FOUND),
            )
            .await?;
        Ok(page.items)
    }

    /// The authenticated web user (`GET /authorization/userinfo`), for the for-me functions.
    async fn me(&self) -> Result<WebuserId> {
        self.client.get_authenticated_webuser_id().await
    }

    /// One device (`GET /devices/{deviceId}`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `device_id` for an
    /// empty id (no request sent), [`Error::Forbidden`](sipgateio_core::Error::Forbidden) when
    /// the credentials may not read the device, [`Error::NotFound`](sipgateio_core::Error::NotFound)
    /// for an unknown device, and the other core errors.
    #[doc(alias = "getDevice")]
    pub async fn get(&self, device_id: &DeviceId) -> Result<Device> {
        let path = device_path(device_id, "")?;
        self.client
            .send(
                Request::get(path)
                    .on_status(403, READ_FORBIDDEN)
                    .on_status(404, DEVICE_NOT_FOUND),
            )
            .await
    }

    /// Creates a device of the given kind named `alias` for the authenticated web user
    /// (`POST /{userId}/devices` with `{"type", "alias"}`), like [`create_of`](Self::create_of).
    ///
    /// # Errors
    /// The errors of the userinfo request and those of [`create_of`](Self::create_of).
    #[doc(alias = "createDevice")]
    pub async fn create(&self, kind: NewDeviceType, alias: &str) -> Result<Device> {
        input::alias(alias)?;
        let me = self.me().await?;
        self.create_of(&me, kind, alias).await
    }

    /// Creates a device of the given kind named `alias` for the web user `webuser_id`
    /// (`POST /{userId}/devices` with `{"type", "alias"}`) and returns it.
    ///
    /// sipgate creates a device only where the user's restrictions allow it
    /// (`CAN_CREATE_REGISTER_DEVICE`, `CAN_CREATE_MOBILE_DEVICE`, `CAN_CREATE_EXTERNAL_DEVICE`).
    /// The specific endpoints answer more: [`create_register_of`](Self::create_register_of)
    /// the SIP credentials, [`create_mobile_of`](Self::create_mobile_of) the SIM card,
    /// [`create_external_of`](Self::create_external_of) takes the number.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `alias` (empty or with
    /// control characters) or `webuser_id` (empty), no request sent;
    /// [`Error::Forbidden`](sipgateio_core::Error::Forbidden) when the user may not have this
    /// kind of device, [`Error::NotFound`](sipgateio_core::Error::NotFound) for an unknown
    /// web user, and the other core errors.
    #[doc(alias = "createDevice")]
    pub async fn create_of(
        &self,
        webuser_id: &WebuserId,
        kind: NewDeviceType,
        alias: &str,
    ) -> Result<Device> {
        self.post_device(webuser_id, "", Some(kind), alias, None)
            .await
    }

    /// Creates a VoIP phone named `alias` for the authenticated web user, like
    /// [`create_register_of`](Self::create_register_of).
    ///
    /// # Errors
    /// The errors of the userinfo request and those of
    /// [`create_register_of`](Self::create_register_of).
    #[doc(alias = "createRegisterDevice")]
    pub async fn create_register(&self, alias: &str) -> Result<RegisterDevice> {
        input::alias(alias)?;
        let me = self.me().await?;
        self.create_register_of(&me, alias).await
    }

    /// Creates a VoIP phone (a SIP device, `e…`) named `alias` for the web user `webuser_id`
    /// (`POST /{userId}/devices/register` with `{"alias"}`) and returns it with the SIP
    /// credentials to configure the phone with.
    ///
    /// # Errors
    /// As [`create_of`](Self::create_of).
    #[doc(alias = "createRegisterDevice")]
    pub async fn create_register_of(
        &self,
        webuser_id: &WebuserId,
        alias: &str,
    ) -> Result<RegisterDevice> {
        self.post_device(webuser_id, "/register", None, alias, None)
            .await
    }

    /// Creates a mobile device named `alias` for the authenticated web user, like
    /// [`create_mobile_of`](Self::create_mobile_of).
    ///
    /// # Errors
    /// The errors of the userinfo request and those of
    /// [`create_mobile_of`](Self::create_mobile_of).
    #[doc(alias = "createMobileDevice")]
    pub async fn create_mobile(&self, alias: &str) -> Result<MobileDevice> {
        input::alias(alias)?;
        let me = self.me().await?;
        self.create_mobile_of(&me, alias).await
    }

    /// Creates a mobile device (`y…`) named `alias` for the web user `webuser_id`
    /// (`POST /{userId}/devices/mobile` with `{"alias"}`) and returns it with its SIM state
    /// and, where the API sends them, the SIM card's id and PUKs.
    ///
    /// # Errors
    /// As [`create_of`](Self::create_of).
    #[doc(alias = "createMobileDevice")]
    pub async fn create_mobile_of(
        &self,
        webuser_id: &WebuserId,
        alias: &str,
    ) -> Result<MobileDevice> {
        self.post_device(webuser_id, "/mobile", None, alias, None)
            .await
    }

    /// Creates an external phone for the authenticated web user, like
    /// [`create_external_of`](Self::create_external_of).
    ///
    /// # Errors
    /// The errors of the userinfo request and those of
    /// [`create_external_of`](Self::create_external_of).
    #[doc(alias = "createExternalDevice")]
    pub async fn create_external(&self, alias: &str, number: &str) -> Result<ExternalDevice> {
        input::alias(alias)?;
        input::phone_number("number", number)?;
        let me = self.me().await?;
        self.create_external_of(&me, alias, number).await
    }

    /// Creates an external phone (`x…`: calls ring at `number`, e.g. a home phone) named
    /// `alias` for the web user `webuser_id` (`POST /{userId}/devices/external` with
    /// `{"alias", "number"}`) and returns it.
    ///
    /// # Errors
    /// As [`create_of`](Self::create_of), and
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `number` when it is
    /// not a phone number in E.164 form.
    #[doc(alias = "createExternalDevice")]
    pub async fn create_external_of(
        &self,
        webuser_id: &WebuserId,
        alias: &str,
        number: &str,
    ) -> Result<ExternalDevice> {
        input::phone_number("number", number)?;
        self.post_device(webuser_id, "/external", None, alias, Some(number))
            .await
    }

    /// `POST /{userId}/devices{tail}`, the inputs checked first.
    async fn post_device<T: serde::de::DeserializeOwned>(
        &self,
        webuser_id: &WebuserId,
        tail: &str,
        kind: Option<NewDeviceType>,
        alias: &str,
        number: Option<&str>,
    ) -> Result<T> {
        input::alias(alias)?;
        let user = path_segment("webuser_id", webuser_id.as_str())?;
        let body = NewDeviceBody {
            kind,
            alias,
            number,
        };
        self.client
            .send(
                Request::post(format!("{user}/devices{tail}"))
                    .json(&body)?
                    .on_status(403, CREATE_FORBIDDEN)
                    .on_status(404, NOT_FOUND),
            )
            .await
    }

    /// Changes a device's settings (`PUT /devices/{deviceId}` with the fields the update
    /// sets: `dnd`, `emergencyAddressId`).
    ///
    /// Only the fields set are sent; sipgate's description gives `dnd` a default of `false`,
    /// so set it whenever it matters.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) as
    /// [`DeviceUpdate::validate`] says, or naming `device_id` (empty), no request sent;
    /// [`Error::Forbidden`](sipgateio_core::Error::Forbidden),
    /// [`Error::NotFound`](sipgateio_core::Error::NotFound) for an unknown device, and the
    /// other core errors.
    #[doc(alias = "changeDeviceSettings")]
    pub async fn update(&self, device_id: &DeviceId, update: &DeviceUpdate) -> Result<()> {
        let body: UpdateBody = update.body()?;
        self.put(device_id, "", &body, WRITE_FORBIDDEN).await
    }

    /// Deletes a device (`DELETE /devices/{deviceId}`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `device_id` (empty),
    /// no request sent; [`Error::Forbidden`](sipgateio_core::Error::Forbidden),
    /// [`Error::NotFound`](sipgateio_core::Error::NotFound) for an unknown device, and the
    /// other core errors.
    #[doc(alias = "deleteDevice")]
    pub async fn delete(&self, device_id: &DeviceId) -> Result<()> {
        let path = device_path(device_id, "")?;
        self.client
            .send_no_content(
                Request::delete(path)
                    .on_status(403, WRITE_FORBIDDEN)
                    .on_status(404, DEVICE_NOT_FOUND),
            )
            .await
    }

    /// Renames a device (`PUT /devices/{deviceId}/alias` with `{"value": alias}`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `alias` (empty or
    /// with control characters) or `device_id`, no request sent;
    /// [`Error::Forbidden`](sipgateio_core::Error::Forbidden) for a device that was not found
    /// (sipgate answers 403 here), and the other core errors.
    #[doc(alias = "changeDeviceAlias")]
    pub async fn set_alias(&self, device_id: &DeviceId, alias: &str) -> Result<()> {
        input::alias(alias)?;
        self.put(
            device_id,
            "/alias",
            &Value { value: Some(alias) },
            ALIAS_FORBIDDEN,
        )
        .await
    }

    /// The number a device shows as caller id (`GET /devices/{deviceId}/callerid`), `None`
    /// when none is set.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `device_id`, no
    /// request sent; [`Error::Forbidden`](sipgateio_core::Error::Forbidden) when the feature
    /// is not booked, [`Error::NotFound`](sipgateio_core::Error::NotFound), and the other core
    /// errors.
    #[doc(alias = "getCallerId")]
    pub async fn get_caller_id(&self, device_id: &DeviceId) -> Result<Option<String>> {
        let answer: Value<String> = self.get_json(device_id, "/callerid", NOT_BOOKED).await?;
        Ok(answer.value)
    }

    /// Sets the number a device shows as caller id (`PUT /devices/{deviceId}/callerid` with
    /// `{"value": number}`): a number of the account, in E.164 form.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `caller_id` (not a
    /// phone number in E.164 form) or `device_id`, no request sent;
    /// [`Error::Forbidden`](sipgateio_core::Error::Forbidden) when the feature is not booked,
    /// and the other core errors.
    #[doc(alias = "changeCallerIdSettings")]
    pub async fn set_caller_id(&self, device_id: &DeviceId, number: &str) -> Result<()> {
        input::phone_number("caller_id", number)?;
        self.put(
            device_id,
            "/callerid",
            &Value {
                value: Some(number),
            },
            NOT_BOOKED,
        )
        .await
    }

    /// Gives a VoIP phone a new SIP password chosen by sipgate
    /// (`POST /devices/{deviceId}/credentials/password`, no body). The phone must then be
    /// configured with it; sipgate's description declares no answer body.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `device_id`, no
    /// request sent; [`Error::Forbidden`](sipgateio_core::Error::Forbidden),
    /// [`Error::NotFound`](sipgateio_core::Error::NotFound), and the other core errors.
    #[doc(alias = "changeDevicePassword")]
    pub async fn reset_password(&self, device_id: &DeviceId) -> Result<()> {
        let path = device_path(device_id, "/credentials/password")?;
        self.client
            .send_no_content(
                Request::post(path)
                    .on_status(403, WRITE_FORBIDDEN)
                    .on_status(404, DEVICE_NOT_FOUND),
            )
            .await
    }

    /// Sets which number an external phone shows for an incoming call
    /// (`PUT /devices/{deviceId}/external/incomingcalldisplay` with
    /// `{"incomingCallDisplay": "CALLED_NUMBER" | "CALLER_NUMBER"}`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `device_id`, no
    /// request sent; [`Error::Forbidden`](sipgateio_core::Error::Forbidden),
    /// [`Error::NotFound`](sipgateio_core::Error::NotFound), and the other core errors.
    #[doc(alias = "changeCallerDisplayOfDevice")]
    pub async fn set_incoming_call_display(
        &self,
        device_id: &DeviceId,
        display: DisplayNumber,
    ) -> Result<()> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body {
            incoming_call_display: &'static str,
        }
        let body = Body {
            incoming_call_display: display.as_str(),
        };
        self.put(
            device_id,
            "/external/incomingcalldisplay",
            &body,
            WRITE_FORBIDDEN,
        )
        .await
    }

    /// Sets the number an external phone forwards to
    /// (`PUT /devices/{deviceId}/external/targetnumber` with `{"number"}`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `number` (not a
    /// phone number in E.164 form) or `device_id`, no request sent;
    /// [`Error::Forbidden`](sipgateio_core::Error::Forbidden),
    /// [`Error::NotFound`](sipgateio_core::Error::NotFound), and the other core errors.
    #[doc(alias = "changeTargetNumberOfDevice")]
    pub async fn set_target_number(&self, device_id: &DeviceId, number: &str) -> Result<()> {
        #[derive(Serialize)]
        struct Body<'a> {
            number: &'a str,
        }
        input::phone_number("number", number)?;
        self.put(
            device_id,
            "/external/targetnumber",
            &Body { number },
            WRITE_FORBIDDEN,
        )
        .await
    }

    /// A device's local prefix (`GET /devices/{deviceId}/localprefix`): the area code put in
    /// front of numbers dialled without one, and whether it is used.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `device_id`, no
    /// request sent; [`Error::Forbidden`](sipgateio_core::Error::Forbidden),
    /// [`Error::NotFound`](sipgateio_core::Error::NotFound), and the other core errors.
    #[doc(alias = "getLocalprefix")]
    pub async fn get_local_prefix(&self, device_id: &DeviceId) -> Result<LocalPrefix> {
        self.get_json(device_id, "/localprefix", READ_FORBIDDEN)
            .await
    }

    /// Uses `prefix` (an area code such as `030`) as the device's local prefix
    /// (`PUT /devices/{deviceId}/localprefix` with `{"value": prefix, "active": true}`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `local_prefix` (not
    /// 1 to 10 digits) or `device_id`, no request sent;
    /// [`Error::Forbidden`](sipgateio_core::Error::Forbidden),
    /// [`Error::NotFound`](sipgateio_core::Error::NotFound), and the other core errors.
    #[doc(alias = "changeLocalprefixSettings")]
    pub async fn enable_local_prefix(&self, device_id: &DeviceId, prefix: &str) -> Result<()> {
        input::local_prefix(prefix)?;
        let body = LocalPrefixBody {
            value: Some(prefix),
            active: true,
        };
        self.put(device_id, "/localprefix", &body, WRITE_FORBIDDEN)
            .await
    }

    /// Stops using the device's local prefix
    /// (`PUT /devices/{deviceId}/localprefix` with `{"active": false}`).
    ///
    /// # Errors
    /// As [`enable_local_prefix`](Self::enable_local_prefix), without the prefix check.
    #[doc(alias = "changeLocalprefixSettings")]
    pub async fn disable_local_prefix(&self, device_id: &DeviceId) -> Result<()> {
        let body = LocalPrefixBody {
            value: None,
            active: false,
        };
        self.put(device_id, "/localprefix", &body, WRITE_FORBIDDEN)
            .await
    }

    /// Whether a desk phone shows calls on a single display row
    /// (`GET /devices/{deviceId}/singlerowdisplay`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `device_id`, no
    /// request sent; [`Error::Forbidden`](sipgateio_core::Error::Forbidden),
    /// [`Error::NotFound`](sipgateio_core::Error::NotFound), and the other core errors.
    #[doc(alias = "getSingleRowDisplay")]
    pub async fn get_single_row_display(&self, device_id: &DeviceId) -> Result<bool> {
        let answer: Enabled = self
            .get_json(device_id, "/singlerowdisplay", READ_FORBIDDEN)
            .await?;
        Ok(answer.enabled)
    }

    /// Switches the single-row display on
    /// (`PUT /devices/{deviceId}/singlerowdisplay` with `{"enabled": true}`).
    ///
    /// # Errors
    /// As [`get_single_row_display`](Self::get_single_row_display).
    #[doc(alias = "changeSingleRowDisplay")]
    pub async fn enable_single_row_display(&self, device_id: &DeviceId) -> Result<()> {
        self.put_enabled(device_id, "/singlerowdisplay", true, WRITE_FORBIDDEN)
            .await
    }

    /// Switches the single-row display off
    /// (`PUT /devices/{deviceId}/singlerowdisplay` with `{"enabled": false}`).
    ///
    /// # Errors
    /// As [`get_single_row_display`](Self::get_single_row_display).
    #[doc(alias = "changeSingleRowDisplay")]
    pub async fn disable_single_row_display(&self, device_id: &DeviceId) -> Result<()> {
        self.put_enabled(device_id, "/singlerowdisplay", false, WRITE_FORBIDDEN)
            .await
    }

    /// Whether the device announces the tariff before a call
    /// (`GET /devices/{deviceId}/tariffannouncement`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `device_id`, no
    /// request sent; [`Error::Forbidden`](sipgateio_core::Error::Forbidden) when the feature is
    /// not booked, [`Error::NotFound`](sipgateio_core::Error::NotFound), and the other core
    /// errors.
    #[doc(alias = "getTariffAnnouncement")]
    pub async fn get_tariff_announcement(&self, device_id: &DeviceId) -> Result<bool> {
        let answer: Enabled = self
            .get_json(device_id, "/tariffannouncement", NOT_BOOKED)
            .await?;
        Ok(answer.enabled)
    }

    /// Switches the tariff announcement on
    /// (`PUT /devices/{deviceId}/tariffannouncement` with `{"enabled": true}`).
    ///
    /// # Errors
    /// As [`get_tariff_announcement`](Self::get_tariff_announcement).
    #[doc(alias = "changeTariffAnnouncement")]
    pub async fn enable_tariff_announcement(&self, device_id: &DeviceId) -> Result<()> {
        self.put_enabled(device_id, "/tariffannouncement", true, NOT_BOOKED)
            .await
    }

    /// Switches the tariff announcement off
    /// (`PUT /devices/{deviceId}/tariffannouncement` with `{"enabled": false}`).
    ///
    /// # Errors
    /// As [`get_tariff_announcement`](Self::get_tariff_announcement).
    #[doc(alias = "changeTariffAnnouncement")]
    pub async fn disable_tariff_announcement(&self, device_id: &DeviceId) -> Result<()> {
        self.put_enabled(device_id, "/tariffannouncement", false, NOT_BOOKED)
            .await
    }

    /// The contingents of one of the authenticated web user's devices, like
    /// [`list_contingents_of`](Self::list_contingents_of).
    ///
    /// # Errors
    /// The errors of the userinfo request and those of
    /// [`list_contingents_of`](Self::list_contingents_of).
    #[doc(alias = "getDeviceContingents")]
    pub async fn list_contingents(&self, device_id: &DeviceId) -> Result<Vec<Contingent>> {
        path_segment("device_id", device_id.as_str())?;
        let me = self.me().await?;
        self.list_contingents_of(&me, device_id).await
    }

    /// The contingents of a device of the web user `webuser_id`, e.g. the mobile data left
    /// this month (`GET /{userId}/devices/{deviceId}/contingents`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `webuser_id` or
    /// `device_id` (empty), no request sent;
    /// [`Error::Forbidden`](sipgateio_core::Error::Forbidden),
    /// [`Error::NotFound`](sipgateio_core::Error::NotFound), and the other core errors.
    #[doc(alias = "getDeviceContingents")]
    pub async fn list_contingents_of(
        &self,
        webuser_id: &WebuserId,
        device_id: &DeviceId,
    ) -> Result<Vec<Contingent>> {
        let path = user_device_path(webuser_id, device_id, "/contingents")?;
        let answer: Contingents = self
            .client
            .send(
                Request::get(path)
                    .on_status(403, READ_FORBIDDEN)
                    .on_status(404, USER_OR_DEVICE_NOT_FOUND),
            )
            .await?;
        Ok(answer.contingents)
    }

    /// Activates a SIM card for one of the authenticated web user's mobile devices, like
    /// [`activate_sim_of`](Self::activate_sim_of).
    ///
    /// # Errors
    /// The errors of the userinfo request and those of
    /// [`activate_sim_of`](Self::activate_sim_of).
    #[doc(alias = "activateSim")]
    pub async fn activate_sim(&self, device_id: &DeviceId, sim_id: &SimId) -> Result<()> {
        path_segment("device_id", device_id.as_str())?;
        input::body_id("sim_id", sim_id.as_str())?;
        let me = self.me().await?;
        self.activate_sim_of(&me, device_id, sim_id).await
    }

    /// Activates the SIM card `sim_id` (the number printed on it) for a mobile device of the
    /// web user `webuser_id` (`POST /{userId}/devices/{deviceId}/sim` with `{"simId"}`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `webuser_id`,
    /// `device_id` or `sim_id` (empty), no request sent;
    /// [`Error::Forbidden`](sipgateio_core::Error::Forbidden),
    /// [`Error::NotFound`](sipgateio_core::Error::NotFound), and the other core errors.
    #[doc(alias = "activateSim")]
    pub async fn activate_sim_of(
        &self,
        webuser_id: &WebuserId,
        device_id: &DeviceId,
        sim_id: &SimId,
    ) -> Result<()> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'a> {
            sim_id: &'a SimId,
        }
        input::body_id("sim_id", sim_id.as_str())?;
        let path = user_device_path(webuser_id, device_id, "/sim")?;
        self.client
            .send_no_content(
                Request::post(path)
                    .json(&Body { sim_id })?
                    .on_status(403, SIM_FORBIDDEN)
                    .on_status(404, USER_OR_DEVICE_NOT_FOUND),
            )
            .await
    }

    /// Deactivates the SIM card of one of the authenticated web user's mobile devices, like
    /// [`deactivate_sim_of`](Self::deactivate_sim_of).
    ///
    /// # Errors
    /// The errors of the userinfo request and those of
    /// [`deactivate_sim_of`](Self::deactivate_sim_of).
    #[doc(alias = "deactivateSim")]
    pub async fn deactivate_sim(&self, device_id: &DeviceId) -> Result<()> {
        path_segment("device_id", device_id.as_str())?;
        let me = self.me().await?;
        self.deactivate_sim_of(&me, device_id).await
    }

    /// Deactivates the SIM card of a mobile device of the web user `webuser_id`
    /// (`DELETE /{userId}/devices/{deviceId}/sim`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `webuser_id` or
    /// `device_id` (empty), no request sent;
    /// [`Error::Forbidden`](sipgateio_core::Error::Forbidden),
    /// [`Error::NotFound`](sipgateio_core::Error::NotFound), and the other core errors.
    #[doc(alias = "deactivateSim")]
    pub async fn deactivate_sim_of(
        &self,
        webuser_id: &WebuserId,
        device_id: &DeviceId,
    ) -> Result<()> {
        let path = user_device_path(webuser_id, device_id, "/sim")?;
        self.client
            .send_no_content(
                Request::delete(path)
                    .on_status(403, SIM_FORBIDDEN)
                    .on_status(404, USER_OR_DEVICE_NOT_FOUND),
            )
            .await
    }

    /// Orders a new SIM card for one of the authenticated web user's mobile devices, like
    /// [`order_sim_of`](Self::order_sim_of).
    ///
    /// # Errors
    /// The errors of the userinfo request and those of [`order_sim_of`](Self::order_sim_of).
    #[doc(alias = "orderSim")]
    pub async fn order_sim(&self, device_id: &DeviceId, address_id: &AddressId) -> Result<()> {
        path_segment("device_id", device_id.as_str())?;
        input::body_id("address_id", address_id.as_str())?;
        let me = self.me().await?;
        self.order_sim_of(&me, device_id, address_id).await
    }

    /// Orders a new SIM card for a mobile device of the web user `webuser_id`, sent to the
    /// account's address `address_id` (`POST /{userId}/devices/{deviceId}/sim/orders` with
    /// `{"addressId"}`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](sipgateio_core::Error::InvalidInput) naming `webuser_id`,
    /// `device_id` or `address_id` (empty), no request sent;
    /// [`Error::Forbidden`](sipgateio_core::Error::Forbidden) when the web user or the device
    /// was not found (sipgate answers 403 here), and the other core errors.
    #[doc(alias = "orderSim")]
    pub async fn order_sim_of(
        &self,
        webuser_id: &WebuserId,
        device_id: &DeviceId,
        address_id: &AddressId,
    ) -> Result<()> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Body<'a> {
            address_id: &'a AddressId,
        }
        input::body_id("address_id", address_id.as_str())?;
        let path = user_device_path(webuser_id, device_id, "/sim/orders")?;
        self.client
            .send_no_content(
                Request::post(path)
                    .json(&Body { address_id })?
                    .on_status(403, ORDER_FORBIDDEN)
                    .on_status(404, USER_OR_DEVICE_NOT_FOUND),
            )
            .await
    }

    /// `GET /devices/{deviceId}{tail}` decoded as `T`.
    async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        device_id: &DeviceId,
        tail: &str,
        forbidden: &'static str,
    ) -> Result<T> {
        let path = device_path(device_id, tail)?;
        self.client
            .send(
                Request::get(path)
                    .on_status(403, forbidden)
                    .on_status(404, DEVICE_NOT_FOUND),
            )
            .await
    }

    /// `PUT /devices/{deviceId}{tail}` with `body`, no answer body.
    async fn put<B: Serialize + ?Sized>(
        &self,
        device_id: &DeviceId,
        tail: &str,
        body: &B,
        forbidden: &'static str,
    ) -> Result<()> {
        let path = device_path(device_id, tail)?;
        self.client
            .send_no_content(
                Request::put(path)
                    .json(body)?
                    .on_status(403, forbidden)
                    .on_status(404, DEVICE_NOT_FOUND),
            )
            .await
    }

    /// `PUT /devices/{deviceId}{tail}` with `{"enabled": enabled}`.
    async fn put_enabled(
        &self,
        device_id: &DeviceId,
        tail: &str,
        enabled: bool,
        forbidden: &'static str,
    ) -> Result<()> {
        self.put(device_id, tail, &Enabled { enabled }, forbidden)
            .await
    }
}

/// Adds [`devices`](DevicesExt::devices) to the core [`Client`].
pub trait DevicesExt {
    /// The devices API of this client.
    fn devices(&self) -> DevicesClient;
}

impl DevicesExt for Client {
    fn devices(&self) -> DevicesClient {
        DevicesClient::new(self)
    }
}
