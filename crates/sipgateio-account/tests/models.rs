//! Decoding and encoding of the generated models with realistic server JSON.

use sipgateio_account::models::{
    AccountHistoryLifeTime, AccountResponse, DeviceResponse, DeviceType, IncomingEntries,
    SetUserRoleRequest, UserResponse,
};
use sipgateio_account::{DeviceId, WebuserId};

#[test]
fn account_decodes_every_field_and_keeps_unknown_enum_values() {
    let account: AccountResponse = serde_json::from_value(serde_json::json!({
        "company": "Love sipgate",
        "mainProductType": "TEAM",
        "logoUrl": "https://example.com/logo.png",
        "verified": true,
        "historyLifeTime": "FOREVER_AND_A_DAY"
    }))
    .expect("decodes");
    assert_eq!(account.company.as_deref(), Some("Love sipgate"));
    assert_eq!(
        account.main_product_type.as_ref().map(|t| t.as_str()),
        Some("TEAM")
    );
    assert_eq!(account.verified, Some(true));
    assert_eq!(
        account.history_life_time,
        Some(AccountHistoryLifeTime::Unknown("FOREVER_AND_A_DAY".into()))
    );
    // unknown values survive a round trip unchanged
    let back = serde_json::to_value(&account).expect("encodes");
    assert_eq!(back["historyLifeTime"], "FOREVER_AND_A_DAY");
    assert_eq!(back["mainProductType"], "TEAM");
}

#[test]
fn missing_optional_fields_are_none_and_not_serialized() {
    let account: AccountResponse = serde_json::from_str("{}").expect("decodes");
    assert_eq!(account.company, None);
    assert_eq!(serde_json::to_string(&account).expect("encodes"), "{}");
}

#[test]
fn a_user_decodes_with_typed_ids() {
    let user: UserResponse = serde_json::from_value(serde_json::json!({
        "id": "w0", "firstname": "Grace", "lastname": "Hopper", "email": "grace@example.com",
        "defaultDevice": "e0", "busyOnBusy": false, "addressId": "1", "directDialIds": ["d1"],
        "timezone": "Europe/Berlin", "admin": true
    }))
    .expect("decodes");
    assert_eq!(user.id, Some(WebuserId::new("w0")));
    assert_eq!(user.default_device, Some(DeviceId::new("e0")));
    assert_eq!(user.firstname.as_deref(), Some("Grace"));
    assert_eq!(user.admin, Some(true));
    assert_eq!(user.direct_dial_ids, Some(vec!["d1".to_owned()]));
}

#[test]
fn device_type_is_a_typed_enum() {
    let device: DeviceResponse =
        serde_json::from_str(r#"{"id": "e0", "type": "MOBILE"}"#).expect("decodes");
    assert_eq!(device.r#type, Some(DeviceType::Mobile));
    assert_eq!(DeviceType::from("REGISTER"), DeviceType::Register);
    assert_eq!(DeviceType::Register.to_string(), "REGISTER");
}

#[test]
fn blacklist_entries_decode() {
    let entries: IncomingEntries =
        serde_json::from_str(r#"{"items": [{"phoneNumber": "+4921154321", "isBlock": true}]}"#)
            .expect("decodes");
    let items = entries.items.expect("items");
    assert_eq!(items[0].phone_number, "+4921154321");
    assert_eq!(items[0].is_block, Some(true));
}

#[test]
fn requests_are_constructible_and_encode_camel_case() {
    let body = SetUserRoleRequest { admin: Some(true) };
    assert_eq!(
        serde_json::to_value(&body).expect("encodes"),
        serde_json::json!({"admin": true})
    );
}
