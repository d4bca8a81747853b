//! The voicemail models of `GET /voicemails` and `GET /voicemails/{id}`.

use serde::{Deserialize, Serialize};
use sipgateio_types::{GreetingId, VoicemailId};

/// A voicemail box, as `GET /voicemails` lists it.
///
/// ```
/// use sipgateio_voicemails::{EndpointType, ExtensionId, Voicemail, VoicemailId};
///
/// let voicemail: Voicemail = serde_json::from_str(
///     r#"{"id":"v0","alias":"Voicemail of Grace","belongsToEndpoint":{"extension":"p0","type":"PHONELINE"}}"#,
/// )?;
/// assert_eq!(voicemail.id, VoicemailId::new("v0"));
/// assert_eq!(voicemail.belongs_to_endpoint.extension, ExtensionId::new("p0"));
/// assert_eq!(voicemail.belongs_to_endpoint.endpoint_type, EndpointType::Phoneline);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Voicemail {
    /// The voicemail id, e.g. `v0`.
    pub id: VoicemailId,
    /// The voicemail's display name.
    #[serde(default)]
    pub alias: String,
    /// The extension the voicemail box belongs to.
    pub belongs_to_endpoint: Endpoint,
}

/// One voicemail box with its settings, as `GET /voicemails/{voicemailId}` returns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VoicemailDetails {
    /// The voicemail id, e.g. `v0`.
    pub id: VoicemailId,
    /// The voicemail's display name.
    #[serde(default)]
    pub alias: String,
    /// The extension the voicemail box belongs to.
    pub belongs_to_endpoint: Endpoint,
    /// Whether messages are transcribed to text.
    #[serde(default)]
    pub transcription: bool,
    /// Whether the account can transcribe messages at all.
    #[serde(default)]
    pub can_transcribe: bool,
    /// The name of the greeting callers hear.
    #[serde(default)]
    pub active_greeting_alias: Option<String>,
    /// The id of the greeting callers hear.
    #[serde(default)]
    pub active_greeting_id: Option<GreetingId>,
    /// The number to dial to listen to the messages, e.g. `50000`.
    #[serde(default)]
    pub access_number: Option<String>,
}

/// The extension a voicemail box belongs to ([`Voicemail::belongs_to_endpoint`]): the
/// `{extension, type}` object that history entries name their endpoints with too, so it is one
/// type, [`sipgateio_types::Endpoint`].
pub use sipgateio_types::Endpoint;

pub use sipgateio_types::EndpointType;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_endpoint_type_round_trips() {
        let wire = r#"["SMS","REGISTER","EXTERNAL","FAX","MOBILE","GROUP","VOICEMAIL","PHONELINE","USER","CHANNEL"]"#;
        let kinds: Vec<EndpointType> = serde_json::from_str(wire).expect("valid");
        assert_eq!(
            kinds,
            [
                EndpointType::Sms,
                EndpointType::Register,
                EndpointType::External,
                EndpointType::Fax,
                EndpointType::Mobile,
                EndpointType::Group,
                EndpointType::Voicemail,
                EndpointType::Phoneline,
                EndpointType::User,
                EndpointType::Unknown("CHANNEL".into()),
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
    fn details_tolerate_missing_optional_fields() {
        let details: VoicemailDetails = serde_json::from_str(
            r#"{"id":"v1","belongsToEndpoint":{"extension":"w0","type":"USER"}}"#,
        )
        .expect("valid");
        assert_eq!(details.alias, "");
        assert!(!details.transcription);
        assert_eq!(details.access_number, None);
    }

    #[test]
    fn the_endpoint_is_the_shared_one_and_tolerates_a_missing_extension() {
        let voicemail: Voicemail =
            serde_json::from_str(r#"{"id":"v2","belongsToEndpoint":{"type":"GROUP"}}"#)
                .expect("valid");
        let endpoint: sipgateio_types::Endpoint = voicemail.belongs_to_endpoint;
        assert_eq!(endpoint.extension, "");
        assert_eq!(endpoint.endpoint_type, EndpointType::Group);
        assert!(
            serde_json::from_str::<Voicemail>(
                r#"{"id":"v2","belongsToEndpoint":{"extension":"g1"}}"#
            )
            .is_err(),
            "the type is required"
        );
    }
}
