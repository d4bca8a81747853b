//! The device model of `GET /{userId}/devices`.

use serde::{Deserialize, Serialize};
use sipgateio_types::{DeviceId, GroupId, PhonelineId, WebuserId};

/// A device of a web user, as `GET /{userId}/devices` lists it.
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
