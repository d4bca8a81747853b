//! [`NewCall`]: who calls whom, from which device, showing which number.

use serde::Serialize;
use sipgateio_core::validate::{self, ExtensionType};
use sipgateio_core::{Error, Result};

use crate::DeviceId;

/// The extension types a call can start from or ring: `e` (VoIP phone), `p` (user
/// phoneline), `x` (external phone) and `y` (mobile phone).
pub const CALLER_EXTENSION_TYPES: &[ExtensionType] = &[
    ExtensionType::Register,
    ExtensionType::Phoneline,
    ExtensionType::External,
    ExtensionType::Mobile,
];

/// A call to start: sipgate first rings `from` (or `device_id`), and once it is picked up,
/// calls `to`.
///
/// Valid combinations:
///
/// | to | from | caller_id | device_id |
/// |---|---|---|---|
/// | number | extension | – | – |
/// | number | extension | number | – |
/// | number | extension | number | extension |
/// | number | number | – | extension |
/// | number | extension | – | extension |
/// | number | number | number | extension |
///
/// The number shown to the callee is `caller_id` if set, else the number of `device_id`,
/// else that of `from`. Extensions are of type `e`, `p`, `x` or `y`
/// ([`CALLER_EXTENSION_TYPES`]).
///
/// ```
/// use sipgateio_call::{DeviceId, NewCall};
///
/// assert!(NewCall::new("e14", "+4921165432").validate().is_ok());
/// let from_a_number = NewCall::new("+4921123456", "+4921165432").device_id(DeviceId::new("e14"));
/// assert!(from_a_number.validate().is_ok());
///
/// let missing_device = NewCall::new("+4921123456", "+4921165432");
/// assert_eq!(missing_device.validate().unwrap_err().invalid_field(), Some("device_id"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct NewCall {
    #[serde(rename = "callee")]
    to: String,
    #[serde(rename = "caller")]
    from: String,
    #[serde(rename = "callerId", skip_serializing_if = "Option::is_none")]
    caller_id: Option<String>,
    #[serde(rename = "deviceId", skip_serializing_if = "Option::is_none")]
    device_id: Option<DeviceId>,
}

impl NewCall {
    /// A call from `from` (an extension such as `e14`, or a phone number, which then needs a
    /// [`device_id`](Self::device_id)) to the phone number `to`.
    pub fn new(from: impl Into<String>, to: impl Into<String>) -> Self {
        Self {
            to: to.into(),
            from: from.into(),
            caller_id: None,
            device_id: None,
        }
    }

    /// The number shown to the callee (a phone number). An empty value means "not set".
    #[must_use]
    pub fn caller_id(mut self, caller_id: impl Into<String>) -> Self {
        self.caller_id = Some(caller_id.into()).filter(|id| !id.is_empty());
        self
    }

    /// The device that rings first (an `e`, `p`, `x` or `y` extension, e.g.
    /// `DeviceId::new("e14")`); required when `from` is a phone number. An empty id means
    /// "not set".
    #[must_use]
    pub fn device_id(mut self, device_id: DeviceId) -> Self {
        self.device_id = Some(device_id).filter(|id| !id.as_str().is_empty());
        self
    }

    /// The callee.
    pub fn to(&self) -> &str {
        &self.to
    }

    /// The caller: an extension or a phone number.
    pub fn from(&self) -> &str {
        &self.from
    }

    /// The caller id shown to the callee, if set.
    pub fn caller_id_value(&self) -> Option<&str> {
        self.caller_id.as_deref()
    }

    /// The device that rings first, if set.
    pub fn device_id_value(&self) -> Option<&DeviceId> {
        self.device_id.as_ref()
    }

    /// Checks the call before anything is sent, in this order:
    ///
    /// 1. `to` is a phone number (E.164);
    /// 2. `from` is a phone number or an `e`/`p`/`x`/`y` extension;
    /// 3. `device_id`, if set, is an `e`/`p`/`x`/`y` extension; if not set, `from` must be
    ///    such an extension;
    /// 4. `caller_id`, if set, is a phone number.
    pub fn validate(&self) -> Result<()> {
        validate::phone_number("to", &self.to)?;
        let from_is_extension =
            validate::extension("from", &self.from, CALLER_EXTENSION_TYPES).is_ok();
        if !from_is_extension && validate::phone_number("from", &self.from).is_err() {
            return Err(Error::invalid_input(
                "from",
                format!(
                    "must be a phone number in E.164 format or an extension of type e/p/x/y (e.g. e0), got {:?}",
                    self.from
                ),
            ));
        }
        match &self.device_id {
            Some(device_id) => {
                validate::extension("device_id", device_id.as_str(), CALLER_EXTENSION_TYPES)?;
            }
            None if !from_is_extension => {
                return Err(Error::invalid_input(
                    "device_id",
                    "is required when `from` is a phone number and not an extension",
                ));
            }
            None => {}
        }
        if let Some(caller_id) = &self.caller_id {
            validate::phone_number("caller_id", caller_id)?;
        }
        Ok(())
    }
}
