//! The phone number model of `GET /numbers`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use sipgateio_types::{ExtensionId, NumberId};

/// One phone number of the account, as `GET /numbers` lists it.
///
/// Not to be confused with a contact's phone number (`sipgateio_contacts::PhoneNumber`): this
/// is a number sipgate routes to the account, with its [`NumberId`] and the extension it rings.
///
/// ```
/// use sipgateio_numbers::{ExtensionId, Number, NumberId, NumberType};
///
/// let number: Number = serde_json::from_str(r#"{
///     "id": "1234", "number": "+4915799912345", "localized": "01579-9912345",
///     "type": "MOBILE", "endpointId": "p0", "endpointAlias": "Grace", "endpointUrl": "/w0/phonelines/p0",
///     "mnpState": {"isReleased": true, "releasedUntil": "2026-12-31T23:59:59Z"}
/// }"#)?;
/// assert_eq!(number.id, NumberId::new("1234"));
/// assert_eq!(number.number_type, NumberType::Mobile);
/// assert_eq!(number.endpoint_id, Some(ExtensionId::new("p0")));
/// assert!(number.mnp_state.is_some_and(|mnp| mnp.is_released));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Number {
    /// The number's id (not the number itself).
    pub id: NumberId,
    /// The number in E.164 format, e.g. `+4915799912345`.
    pub number: String,
    /// The number in national format, e.g. `01579-9912345`.
    #[serde(default)]
    pub localized: String,
    /// What kind of number this is.
    #[serde(rename = "type")]
    pub number_type: NumberType,
    /// The extension the number routes to, e.g. a phoneline `p0`, a fax line `f0` or a group
    /// `g1`; `None` for an unrouted number (the API may leave the field out or send `""`).
    #[serde(default, deserialize_with = "empty_as_none_id")]
    pub endpoint_id: Option<ExtensionId>,
    /// The name of the extension the number routes to (`None` when absent or empty).
    #[serde(default, deserialize_with = "empty_as_none")]
    pub endpoint_alias: Option<String>,
    /// The API path of the extension the number routes to (`None` when absent or empty).
    #[serde(default, deserialize_with = "empty_as_none")]
    pub endpoint_url: Option<String>,
    /// The number-portability state; only mobile numbers carry one.
    #[serde(default)]
    pub mnp_state: Option<MnpState>,
    /// The id of the porting process, if the number is being ported.
    #[serde(default)]
    pub port_id: Option<i64>,
}

pub use sipgateio_types::NumberType;

/// The mobile-number-portability state of a mobile number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MnpState {
    /// Whether the number has been released for porting to another operator.
    #[serde(default)]
    pub is_released: bool,
    /// Until when the release is valid. Zone-less times are read as UTC, a bare date as
    /// midnight UTC, and `null` or `""` as `None` (the rule of `sipgateio_types::time`).
    #[serde(default, with = "sipgateio_types::time::option")]
    pub released_until: Option<DateTime<Utc>>,
}

/// Reads an optional string, taking `""` as absent.
fn empty_as_none<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.filter(|text| !text.is_empty()))
}

/// Reads an optional extension id, taking `""` as absent.
fn empty_as_none_id<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<ExtensionId>, D::Error> {
    Ok(empty_as_none(deserializer)?.map(ExtensionId::new))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s)
            .single()
            .expect("valid date")
    }

    #[test]
    fn number_types_show_their_wire_value() {
        let wire = r#"["MOBILE","LANDLINE","QUICKDIAL","INTERNATIONAL","SATELLITE"]"#;
        let kinds: Vec<NumberType> = serde_json::from_str(wire).expect("valid");
        assert_eq!(kinds[2], NumberType::Quickdial);
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
    fn released_until_reads_every_time_shape_the_api_may_send() {
        let read = |text: &str| {
            serde_json::from_str::<MnpState>(&format!(r#"{{"releasedUntil":"{text}"}}"#))
                .map(|state| state.released_until)
                .ok()
        };
        let expected = Some(Some(utc(2026, 3, 4, 5, 6, 7)));
        assert_eq!(read("2026-03-04T05:06:07Z"), expected);
        assert_eq!(read("2026-03-04T07:06:07+02:00"), expected);
        assert_eq!(
            read("2026-03-04T05:06:07.250"),
            Some(Some(
                utc(2026, 3, 4, 5, 6, 7) + chrono::Duration::milliseconds(250)
            ))
        );
        assert_eq!(read("2026-03-04"), Some(Some(utc(2026, 3, 4, 0, 0, 0))));
        assert_eq!(read(""), Some(None));
        assert_eq!(read("soon"), None);
    }

    #[test]
    fn mnp_state_tolerates_missing_and_null_times() {
        let state: MnpState = serde_json::from_str(r#"{"isReleased":false}"#).expect("valid");
        assert_eq!(state.released_until, None);
        let state: MnpState =
            serde_json::from_str(r#"{"isReleased":true,"releasedUntil":null}"#).expect("valid");
        assert!(state.is_released);
        assert_eq!(state.released_until, None);
        let error = serde_json::from_str::<MnpState>(r#"{"releasedUntil":"soon"}"#)
            .expect_err("not a time");
        assert!(error.to_string().contains("soon"));
    }

    #[test]
    fn minimal_numbers_decode() {
        let number: Number =
            serde_json::from_str(r#"{"id":"1","number":"+492111234567","type":"LANDLINE"}"#)
                .expect("valid");
        assert_eq!(number.number_type, NumberType::Landline);
        assert_eq!(number.endpoint_id, None);
        assert_eq!(number.mnp_state, None);
    }

    #[test]
    fn empty_endpoint_fields_are_absent() {
        let number: Number = serde_json::from_str(
            r#"{"id":"1","number":"+492111234567","type":"LANDLINE","endpointId":"","endpointAlias":"","endpointUrl":null}"#,
        )
        .expect("valid");
        assert_eq!(number.endpoint_id, None);
        assert_eq!(number.endpoint_alias, None);
        assert_eq!(number.endpoint_url, None);
    }
}
