//! What the user sends: [`NewDeviceType`], [`DisplayNumber`], [`DeviceUpdate`], and the checks
//! every input passes before a request is sent.

use serde::Serialize;
use sipgateio_core::{Error, Result, validate};
use sipgateio_types::{AddressId, DeviceType};

/// The kind of device [`create`](crate::DevicesClient::create) makes: the values of
/// [`DeviceType`] the API takes (`type` of `POST /{userId}/devices`).
///
/// ```
/// use sipgateio_devices::{DeviceType, NewDeviceType};
///
/// assert_eq!(NewDeviceType::Mobile.as_str(), "MOBILE");
/// assert_eq!(DeviceType::from(NewDeviceType::External), DeviceType::External);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NewDeviceType {
    /// A VoIP phone or softphone that registers over SIP (`REGISTER`).
    Register,
    /// A mobile phone with a sipgate SIM card (`MOBILE`).
    Mobile,
    /// An external phone reached by its number (`EXTERNAL`); to give its number in the same
    /// request use [`create_external`](crate::DevicesClient::create_external).
    External,
}

impl NewDeviceType {
    /// The value on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Register => "REGISTER",
            Self::Mobile => "MOBILE",
            Self::External => "EXTERNAL",
        }
    }
}

impl From<NewDeviceType> for DeviceType {
    fn from(kind: NewDeviceType) -> Self {
        match kind {
            NewDeviceType::Register => Self::Register,
            NewDeviceType::Mobile => Self::Mobile,
            NewDeviceType::External => Self::External,
        }
    }
}

impl Serialize for NewDeviceType {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Which number an external phone shows for an incoming call, as
/// [`set_incoming_call_display`](crate::DevicesClient::set_incoming_call_display) sets it: the
/// values of [`IncomingCallDisplay`](crate::IncomingCallDisplay) the API takes.
///
/// ```
/// use sipgateio_devices::DisplayNumber;
///
/// assert_eq!(DisplayNumber::Caller.as_str(), "CALLER_NUMBER");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DisplayNumber {
    /// Show the sipgate number that was called (`CALLED_NUMBER`).
    Called,
    /// Show the number of the caller (`CALLER_NUMBER`).
    Caller,
}

impl DisplayNumber {
    /// The value on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Called => "CALLED_NUMBER",
            Self::Caller => "CALLER_NUMBER",
        }
    }
}

/// Changes to a device's settings for [`update`](crate::DevicesClient::update)
/// (`PUT /devices/{deviceId}`). Fields left `None` are not sent; an update with no field set
/// is refused before any request.
///
/// ```
/// use sipgateio_devices::{AddressId, DeviceUpdate};
///
/// let update = DeviceUpdate::new().dnd(true).emergency_address(AddressId::new("1234"));
/// assert!(update.validate().is_ok());
///
/// // The API takes the emergency address as a number.
/// let error = DeviceUpdate::new().emergency_address(AddressId::new("home")).validate().unwrap_err();
/// assert_eq!(error.invalid_field(), Some("emergency_address_id"));
/// assert!(DeviceUpdate::new().validate().is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeviceUpdate {
    /// Switch "do not disturb" on (`true`) or off (`false`).
    pub dnd: Option<bool>,
    /// The device's emergency address (an address of the account).
    pub emergency_address: Option<AddressId>,
}

impl DeviceUpdate {
    /// An update that changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Switch "do not disturb" on (`true`) or off (`false`).
    #[must_use]
    pub fn dnd(mut self, dnd: bool) -> Self {
        self.dnd = Some(dnd);
        self
    }

    /// Set the device's emergency address.
    #[must_use]
    pub fn emergency_address(mut self, address: AddressId) -> Self {
        self.emergency_address = Some(address);
        self
    }

    /// Whether the update changes nothing.
    pub fn is_empty(&self) -> bool {
        self.dnd.is_none() && self.emergency_address.is_none()
    }

    /// Checks the update without sending anything.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming `update` when no field is set, and
    /// `emergency_address_id` when the address id is not a number (the API takes it as a
    /// 32-bit integer).
    pub fn validate(&self) -> Result<()> {
        self.body().map(drop)
    }

    /// The request body, checked.
    pub(crate) fn body(&self) -> Result<UpdateBody> {
        if self.is_empty() {
            return Err(Error::invalid_input(
                "update",
                "must change at least one setting (dnd or emergency_address)",
            ));
        }
        let emergency_address_id = match &self.emergency_address {
            None => None,
            Some(address) => Some(address.as_str().parse::<i32>().map_err(|_| {
                Error::invalid_input(
                    "emergency_address_id",
                    "must be the numeric id of an address (e.g. 1234)",
                )
            })?),
        };
        Ok(UpdateBody {
            dnd: self.dnd,
            emergency_address_id,
        })
    }
}

/// The body of `PUT /devices/{deviceId}`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UpdateBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    dnd: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    emergency_address_id: Option<i32>,
}

/// A device's display name: not blank, no control characters.
pub(crate) fn alias(value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_input("alias", "must not be empty"));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::invalid_input(
            "alias",
            "must not contain control characters",
        ));
    }
    Ok(())
}

/// A local prefix: the digits of an area code, e.g. `030`.
pub(crate) fn local_prefix(value: &str) -> Result<()> {
    const MAX: usize = 10;
    if value.is_empty() || value.len() > MAX || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid_input(
            "local_prefix",
            format!("must be an area code of 1 to {MAX} digits (e.g. 030)"),
        ));
    }
    Ok(())
}

/// An id sent in a body: not empty (a path id is checked by `path_segment`).
pub(crate) fn body_id(field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_input(field, "must be a non-empty id"));
    }
    Ok(())
}

/// A phone number in E.164 form (the shared validator).
pub(crate) fn phone_number(field: &'static str, value: &str) -> Result<()> {
    validate::phone_number(field, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_bodies_carry_only_what_is_set() {
        let body = DeviceUpdate::new().dnd(false).body().expect("valid");
        assert_eq!(
            serde_json::to_value(&body).expect("serializes"),
            serde_json::json!({"dnd": false})
        );
        let body = DeviceUpdate::new()
            .emergency_address(AddressId::new("42"))
            .body()
            .expect("valid");
        assert_eq!(
            serde_json::to_value(&body).expect("serializes"),
            serde_json::json!({"emergencyAddressId": 42})
        );
    }

    #[test]
    fn an_address_beyond_int32_is_refused() {
        let error = DeviceUpdate::new()
            .emergency_address(AddressId::new("2147483648"))
            .validate()
            .expect_err("too large");
        assert_eq!(error.invalid_field(), Some("emergency_address_id"));
    }

    #[test]
    fn aliases_and_prefixes() {
        assert!(alias("Desk phone").is_ok());
        for bad in ["", "   ", "line\nbreak"] {
            assert_eq!(
                alias(bad).expect_err("bad").invalid_field(),
                Some("alias"),
                "{bad:?}"
            );
        }
        assert!(local_prefix("030").is_ok());
        for bad in ["", "03a", "+4930", "01234567890"] {
            assert!(local_prefix(bad).is_err(), "{bad:?}");
        }
    }
}
