//! What the devices endpoints answer: [`Device`] and the created devices with their
//! credentials, and the settings of one device.

use serde::{Deserialize, Serialize};
use sipgateio_core::Secret;
use sipgateio_core::chrono::{DateTime, Utc};
use sipgateio_types::{AddressId, DeviceId, GroupId, PhonelineId, SimId, WebuserId};

/// A device of a web user, as `GET /{userId}/devices` lists it and `GET /devices/{deviceId}`
/// returns it.
///
/// ```
/// use sipgateio_devices::{Device, DeviceId, DeviceType, PhonelineId};
///
/// let device: Device = serde_json::from_str(r#"{
///     "id": "e0", "alias": "VoIP phone of Grace", "type": "REGISTER", "online": true, "dnd": false,
///     "activePhonelines": [{"id": "p0", "alias": "Grace"}], "activeGroups": []
/// }"#)?;
/// assert_eq!(device.id, DeviceId::new("e0"));
/// assert_eq!(device.device_type, DeviceType::Register);
/// assert_eq!(device.active_phonelines[0].id, PhonelineId::new("p0"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Device {
    /// The device's extension, e.g. `e0`, `y0` or `x0`.
    pub id: DeviceId,
    /// The device's display name.
    #[serde(default)]
    pub alias: String,
    /// What kind of device this is.
    #[serde(rename = "type")]
    pub device_type: DeviceType,
    /// Whether "do not disturb" is on.
    #[serde(default)]
    pub dnd: bool,
    /// Whether the device is registered (online) right now.
    #[serde(default)]
    pub online: bool,
    /// The number the device shows as caller id, if one is set.
    #[serde(default)]
    pub caller_id: Option<String>,
    /// The web user who owns the device, if the API names one.
    #[serde(default)]
    pub owner: Option<WebuserId>,
    /// The phonelines whose calls ring on this device.
    #[serde(default)]
    pub active_phonelines: Vec<ActiveRouting<PhonelineId>>,
    /// The groups whose calls ring on this device.
    #[serde(default)]
    pub active_groups: Vec<ActiveRouting<GroupId>>,
}

/// A phoneline or group that routes calls to a device: `Id` is [`PhonelineId`] in
/// [`Device::active_phonelines`] and [`GroupId`] in [`Device::active_groups`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ActiveRouting<Id> {
    /// The phoneline or group, e.g. `p0` or `g1`.
    pub id: Id,
    /// Its display name.
    #[serde(default)]
    pub alias: String,
}

pub use sipgateio_types::DeviceType;

/// A VoIP phone just created with
/// [`create_register`](crate::DevicesClient::create_register): the device and the SIP
/// credentials to configure the phone with.
///
/// The password is a [`Secret`]: `Debug` shows `***`.
///
/// ```
/// use sipgateio_devices::RegisterDevice;
///
/// let phone: RegisterDevice = serde_json::from_str(r#"{
///     "id": "e3", "alias": "Desk", "type": "REGISTER",
///     "credentials": {"username": "1234567e3", "password": "s3cr3t", "sipServer": "sipgate.de"},
///     "emergencyAddressId": "1234"
/// }"#)?;
/// assert_eq!(phone.device.id, "e3");
/// let credentials = phone.credentials.as_ref().expect("credentials");
/// assert_eq!(credentials.password.as_ref().map(|p| p.expose()), Some("s3cr3t"));
/// assert!(!format!("{phone:?}").contains("s3cr3t"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RegisterDevice {
    /// The device, as [`DevicesClient::get`](crate::DevicesClient::get) returns it.
    #[serde(flatten)]
    pub device: Device,
    /// What a SIP phone needs to register, if the API sends it.
    #[serde(default)]
    pub credentials: Option<SipCredentials>,
    /// Where the device is registered right now (user agent, IP address, port).
    #[serde(default)]
    pub registered: Vec<Registration>,
    /// The emergency address of the device, if one is set.
    #[serde(default)]
    pub emergency_address_id: Option<AddressId>,
    /// The API path of that address, e.g. `/addresses/1234`.
    #[serde(default)]
    pub address_url: Option<String>,
}

/// The SIP credentials of a VoIP phone (`credentials` of a created register device).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SipCredentials {
    /// The SIP user name, e.g. `1234567e3`.
    #[serde(default)]
    pub username: Option<String>,
    /// The SIP password; `Debug` and `Display` show `***`, [`Secret::expose`] the value.
    #[serde(default, with = "secret")]
    pub password: Option<Secret>,
    /// The SIP registrar, e.g. `sipgate.de`.
    #[serde(default)]
    pub sip_server: Option<String>,
    /// The outbound proxy, if the phone needs one.
    #[serde(default)]
    pub outbound_proxy: Option<String>,
    /// The SIP-over-WebSocket URL, for browser phones.
    #[serde(default)]
    pub sip_server_websocket_url: Option<String>,
}

/// Where a VoIP phone is registered (`registered` of a register device).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Registration {
    /// The phone's SIP user agent.
    #[serde(default)]
    pub user_agent: Option<String>,
    /// The IP address it registered from.
    #[serde(default)]
    pub ip: Option<String>,
    /// The port it registered from (a string on the wire).
    #[serde(default)]
    pub port: Option<String>,
}

/// A mobile device just created with
/// [`create_mobile`](crate::DevicesClient::create_mobile): the device, its SIM card and the
/// card's PUKs.
///
/// The PUKs are [`Secret`]s: `Debug` shows `***`.
///
/// ```
/// use sipgateio_devices::{MobileDevice, SimState};
///
/// let mobile: MobileDevice = serde_json::from_str(r#"{
///     "id": "y3", "alias": "Mobile", "type": "MOBILE", "simState": "PENDING", "esim": false,
///     "credentials": {"simId": "1234567", "puk1": "81726", "puk2": "93847"}
/// }"#)?;
/// assert_eq!(mobile.sim_state, Some(SimState::Pending));
/// let sim = mobile.credentials.as_ref().expect("credentials");
/// assert_eq!(sim.sim_id.as_ref().map(|id| id.as_str()), Some("1234567"));
/// assert!(!format!("{mobile:?}").contains("81726"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MobileDevice {
    /// The device, as [`DevicesClient::get`](crate::DevicesClient::get) returns it.
    #[serde(flatten)]
    pub device: Device,
    /// The SIM card and its PUKs, if the API sends them.
    #[serde(default)]
    pub credentials: Option<SimCredentials>,
    /// Whether the SIM card is active, if the API says.
    #[serde(default)]
    pub sim_state: Option<SimState>,
    /// Whether the SIM is an eSIM.
    #[serde(default)]
    pub esim: bool,
}

/// The SIM card of a mobile device and its PUKs (`credentials` of a created mobile device).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SimCredentials {
    /// The SIM card, as [`activate_sim`](crate::DevicesClient::activate_sim) takes it.
    #[serde(default)]
    pub sim_id: Option<SimId>,
    /// The first PUK; `Debug` and `Display` show `***`.
    #[serde(default, with = "secret")]
    pub puk1: Option<Secret>,
    /// The second PUK; `Debug` and `Display` show `***`.
    #[serde(default, with = "secret")]
    pub puk2: Option<Secret>,
}

sipgateio_types::wire_enum! {
    /// The state of a mobile device's SIM card (`simState`).
    ///
    /// ```
    /// use sipgateio_devices::SimState;
    ///
    /// let states: Vec<SimState> = serde_json::from_str(r#"["ACTIVE", "BLOCKED"]"#)?;
    /// assert_eq!(states, [SimState::Active, SimState::Unknown("BLOCKED".into())]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub enum SimState {
        /// No SIM card is active for the device.
        Inactive = "INACTIVE",
        /// A SIM card is being activated (or is on its way).
        Pending = "PENDING",
        /// The SIM card is active.
        Active = "ACTIVE",
    }
}

/// An external phone just created with
/// [`create_external`](crate::DevicesClient::create_external): the device, the number it
/// forwards to and which number it shows for incoming calls.
///
/// ```
/// use sipgateio_devices::{ExternalDevice, IncomingCallDisplay};
///
/// let home: ExternalDevice = serde_json::from_str(r#"{
///     "id": "x3", "alias": "Home", "type": "EXTERNAL", "number": "+4921100000",
///     "incomingCallDisplayState": "CALLER_NUMBER"
/// }"#)?;
/// assert_eq!(home.number.as_deref(), Some("+4921100000"));
/// assert_eq!(home.incoming_call_display, Some(IncomingCallDisplay::CallerNumber));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ExternalDevice {
    /// The device, as [`DevicesClient::get`](crate::DevicesClient::get) returns it.
    #[serde(flatten)]
    pub device: Device,
    /// The phone number calls are forwarded to.
    #[serde(default)]
    pub number: Option<String>,
    /// Which number the external phone shows for an incoming call.
    #[serde(default, rename = "incomingCallDisplayState")]
    pub incoming_call_display: Option<IncomingCallDisplay>,
}

sipgateio_types::wire_enum! {
    /// Which number an external phone shows for an incoming call
    /// (`incomingCallDisplayState`); set it with
    /// [`set_incoming_call_display`](crate::DevicesClient::set_incoming_call_display) and a
    /// [`DisplayNumber`](crate::DisplayNumber).
    ///
    /// ```
    /// use sipgateio_devices::IncomingCallDisplay;
    ///
    /// let shown: IncomingCallDisplay = serde_json::from_str(r#""CALLED_NUMBER""#)?;
    /// assert_eq!(shown, IncomingCallDisplay::CalledNumber);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub enum IncomingCallDisplay {
        /// The sipgate number that was called.
        CalledNumber = "CALLED_NUMBER",
        /// The number of the caller.
        CallerNumber = "CALLER_NUMBER",
    }
}

/// The local prefix of a device (`GET /devices/{deviceId}/localprefix`): the area code
/// sipgate puts in front of numbers dialled without one.
///
/// ```
/// use sipgateio_devices::LocalPrefix;
///
/// let prefix: LocalPrefix = serde_json::from_str(r#"{"value": "030", "active": true}"#)?;
/// assert_eq!(prefix.value.as_deref(), Some("030"));
/// assert!(prefix.active);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LocalPrefix {
    /// The prefix, e.g. `030`, if one is set.
    #[serde(default)]
    pub value: Option<String>,
    /// Whether the prefix is used.
    #[serde(default)]
    pub active: bool,
}

/// A contingent of a device, e.g. the fast mobile data of a month
/// (`GET /{userId}/devices/{deviceId}/contingents`).
///
/// ```
/// use sipgateio_devices::Contingent;
///
/// let data: Contingent = serde_json::from_str(r#"{
///     "type": "DATA_FAST", "amount": 2500, "used": 1000, "left": 1500, "unit": "KILOBYTE",
///     "expires": "2016-02-10T14:19:39Z"
/// }"#)?;
/// assert_eq!(data.kind.as_deref(), Some("DATA_FAST"));
/// assert_eq!(data.left, Some(1500));
/// assert_eq!(data.expires.map(|t| t.to_rfc3339()).as_deref(), Some("2016-02-10T14:19:39+00:00"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Contingent {
    /// What the contingent is of, e.g. `DATA_FAST` (the API documents no list of kinds).
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// How much the contingent holds, in [`unit`](Self::unit)s.
    #[serde(default)]
    pub amount: Option<i64>,
    /// How much of it is used.
    #[serde(default)]
    pub used: Option<i64>,
    /// How much of it is left.
    #[serde(default)]
    pub left: Option<i64>,
    /// The unit of the amounts, e.g. `KILOBYTE`.
    #[serde(default)]
    pub unit: Option<String>,
    /// When the contingent expires.
    #[serde(default, with = "sipgateio_types::time::option")]
    pub expires: Option<DateTime<Utc>>,
}

/// serde for an optional [`Secret`]: the plain string on the wire, `null` or a missing field
/// for `None`.
mod secret {
    use serde::{Deserialize, Deserializer, Serializer};
    use sipgateio_core::Secret;

    pub(super) fn serialize<S: Serializer>(
        value: &Option<Secret>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(secret) => serializer.serialize_some(secret.expose()),
            None => serializer.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Secret>, D::Error> {
        Ok(Option::<String>::deserialize(deserializer)?.map(Secret::new))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_types_round_trip() {
        let wire = r#"["REGISTER","MOBILE","EXTERNAL","TRUNK"]"#;
        let kinds: Vec<DeviceType> = serde_json::from_str(wire).expect("valid");
        assert_eq!(
            kinds,
            [
                DeviceType::Register,
                DeviceType::Mobile,
                DeviceType::External,
                DeviceType::Unknown("TRUNK".into())
            ]
        );
        assert_eq!(serde_json::to_string(&kinds).expect("serializes"), wire);
        for kind in &kinds {
            let quoted = serde_json::to_string(kind).expect("serializes");
            assert_eq!(
                format!("\"{}\"", kind.as_str()),
                quoted,
                "as_str is the wire value"
            );
            assert_eq!(kind.to_string(), kind.as_str());
        }
    }

    #[test]
    fn a_device_without_optional_fields_decodes() {
        let device: Device =
            serde_json::from_str(r#"{"id":"x0","type":"EXTERNAL"}"#).expect("valid");
        assert!(device.active_phonelines.is_empty());
        assert!(device.active_groups.is_empty());
        assert!(!device.online);
        assert_eq!(device.caller_id, None);
    }
}
