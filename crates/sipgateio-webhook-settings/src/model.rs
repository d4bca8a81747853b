//! The settings object of `GET/PUT /settings/sipgateio`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::ExtensionId;

/// The account-wide sipgate.io webhook settings (`GET /settings/sipgateio`).
///
/// Fields the API sends that this version of the SDK does not know are kept and written back
/// unchanged by every setter.
///
/// ```
/// use sipgateio_webhook_settings::WebhookSettings;
///
/// let settings: WebhookSettings = serde_json::from_str(
///     r#"{"incomingUrl":"https://example.com/in","outgoingUrl":"","log":true,"whitelist":null}"#,
/// )?;
/// assert_eq!(settings.incoming_url, "https://example.com/in");
/// assert!(settings.log);
/// assert_eq!(settings.whitelist, None); // every phoneline and group triggers webhooks
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WebhookSettings {
    /// The URL sipgate posts incoming-call events to; empty when none is set.
    #[serde(default)]
    pub incoming_url: String,
    /// The URL sipgate posts outgoing-call events to; empty when none is set.
    #[serde(default)]
    pub outgoing_url: String,
    /// Whether sipgate keeps a log of the webhooks it sent (shown in the web console).
    #[serde(default)]
    pub log: bool,
    /// The phoneline (`p…`) and group (`g…`) extensions whose calls trigger webhooks.
    /// `None` (no whitelist) means all of them do; an empty list means none does.
    #[serde(default)]
    pub whitelist: Option<Vec<ExtensionId>>,
    /// Fields this SDK version does not know, written back as they came.
    #[serde(flatten)]
    other: Map<String, Value>,
}

impl WebhookSettings {
    /// Fields of the settings that this version of the SDK does not know, as the API sent
    /// them; the setters write them back unchanged.
    pub fn other_fields(&self) -> &Map<String, Value> {
        &self.other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let wire = json!({
            "incomingUrl": "https://a", "outgoingUrl": "", "log": false,
            "whitelist": ["p0", "g1"], "futureFlag": {"x": 1}
        });
        let settings: WebhookSettings = serde_json::from_value(wire.clone()).expect("valid");
        assert_eq!(
            settings.whitelist,
            Some(vec![ExtensionId::new("p0"), ExtensionId::new("g1")])
        );
        assert_eq!(
            settings.other_fields().get("futureFlag"),
            Some(&json!({"x": 1}))
        );
        assert_eq!(serde_json::to_value(&settings).expect("serializes"), wire);
    }

    #[test]
    fn a_missing_whitelist_is_written_as_null() {
        let settings: WebhookSettings =
            serde_json::from_value(json!({"incomingUrl": "", "outgoingUrl": ""})).expect("valid");
        assert_eq!(settings.whitelist, None);
        assert!(!settings.log);
        assert_eq!(
            serde_json::to_value(&settings).expect("serializes"),
            json!({"incomingUrl": "", "outgoingUrl": "", "log": false, "whitelist": null})
        );
    }
}
