//! [`Endpoint`]: an extension of the account together with its kind.

use serde::{Deserialize, Deserializer, Serialize};

use crate::{EndpointType, ExtensionId};

/// An extension of the account together with its kind: the API's `{extension, type}` object,
/// which a voicemail box names as the extension it belongs to (`belongsToEndpoint`) and a
/// history entry as an endpoint it was routed through (`endpoints[].endpoint`).
///
/// ```
/// use sipgateio_types::{Endpoint, EndpointType, ExtensionId};
///
/// let endpoint: Endpoint = serde_json::from_str(r#"{"extension":"p0","type":"PHONELINE"}"#)?;
/// assert_eq!(endpoint.extension, ExtensionId::new("p0"));
/// assert_eq!(endpoint.endpoint_type, EndpointType::Phoneline);
/// assert_eq!(serde_json::to_string(&endpoint)?, r#"{"extension":"p0","type":"PHONELINE"}"#);
///
/// // An extension the API leaves out or sends as `null` is the empty id.
/// let endpoint: Endpoint = serde_json::from_str(r#"{"extension":null,"type":"USER"}"#)?;
/// assert_eq!(endpoint.extension, "");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Endpoint {
    /// The extension, e.g. a phoneline `p0`, a group `g1` or a web user `w0` (empty if the API
    /// sent none).
    #[serde(default = "empty_extension", deserialize_with = "nullable_extension")]
    pub extension: ExtensionId,
    /// The kind of extension.
    #[serde(rename = "type")]
    pub endpoint_type: EndpointType,
}

/// The empty extension, for a missing `extension`.
fn empty_extension() -> ExtensionId {
    ExtensionId::new("")
}

/// An `extension` whose `null` means the empty extension.
fn nullable_extension<'de, D: Deserializer<'de>>(deserializer: D) -> Result<ExtensionId, D::Error> {
    Ok(Option::<ExtensionId>::deserialize(deserializer)?.unwrap_or_else(empty_extension))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_or_null_extension_is_empty_and_the_type_is_required() {
        let missing: Endpoint = serde_json::from_str(r#"{"type":"PHONELINE"}"#).expect("valid");
        assert_eq!(missing.extension, ExtensionId::new(""));
        assert_eq!(missing.endpoint_type, EndpointType::Phoneline);
        let null: Endpoint =
            serde_json::from_str(r#"{"extension":null,"type":"USER"}"#).expect("valid");
        assert_eq!(null.extension, "");
        assert!(serde_json::from_str::<Endpoint>(r#"{"extension":"p0"}"#).is_err());
        assert!(serde_json::from_str::<Endpoint>(r#"{"extension":7,"type":"USER"}"#).is_err());
    }

    #[test]
    fn unknown_types_survive_a_round_trip() {
        let wire = r#"{"extension":"c0","type":"CONFERENCEROOM"}"#;
        let endpoint: Endpoint = serde_json::from_str(wire).expect("valid");
        assert_eq!(
            endpoint.endpoint_type,
            EndpointType::Unknown("CONFERENCEROOM".into())
        );
        assert_eq!(serde_json::to_string(&endpoint).expect("serializes"), wire);
    }
}
