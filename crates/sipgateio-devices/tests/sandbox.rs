//! `sipgateio-devices` against the sandbox, an independent look-alike of the sipgate API.

use sipgateio_core::Error;
use sipgateio_devices::{DeviceType, DevicesExt, WebuserId};
use sipgateio_test_support::sandbox::start;

#[tokio::test]
async fn lists_the_devices_of_the_authenticated_user() {
    let (_sandbox, client) = start().await;
    let devices = client.devices().list().await.expect("listed");
    let mine = client
        .devices()
        .list_of(&WebuserId::new("w0"))
        .await
        .expect("listed");
    assert_eq!(devices, mine, "the authenticated user is w0");
    let kinds: Vec<(&str, &DeviceType)> = devices
        .iter()
        .map(|d| (d.id.as_str(), &d.device_type))
        .collect();
    assert_eq!(
        kinds,
        [
            ("e0", &DeviceType::Register),
            ("x0", &DeviceType::External),
            ("y0", &DeviceType::Mobile)
        ]
    );
    for device in &devices {
        let lines: Vec<&str> = device
            .active_phonelines
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(lines, ["p0"], "{}", device.id);
    }
}

#[tokio::test]
async fn another_users_devices_and_an_unknown_user() {
    let (_sandbox, client) = start().await;
    let devices = client
        .devices()
        .list_of(&WebuserId::new("w1"))
        .await
        .expect("listed");
    assert_eq!(devices.len(), 1);
    assert_eq!(devices[0].id, "e1");

    let error = client
        .devices()
        .list_of(&WebuserId::new("w9"))
        .await
        .expect_err("no w9");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(error.to_string().contains("web user was not found"));
}

/// Every device operation against a strict sandbox: each request passes its check against
/// sipgate's API description (no unknown field, the right types), and the sandbox answers
/// each one.
#[tokio::test]
async fn every_device_operation_passes_the_strict_sandbox() {
    use sipgateio_devices::{
        AddressId, DeviceId, DeviceUpdate, DisplayNumber, NewDeviceType, SimId,
    };
    use sipgateio_test_support::sandbox::{SandboxConfig, start_with};

    let (sandbox, client) = start_with(SandboxConfig::default().strict(true)).await;
    let devices = client.devices();
    let me = WebuserId::new("w0");
    let phone = DeviceId::new("e0");
    let mobile = DeviceId::new("y0");
    let home = DeviceId::new("x0");

    let created = devices
        .create_of(&me, NewDeviceType::Register, "Desk")
        .await
        .expect("createDevice");
    assert_eq!(created.alias, "Desk");
    let register = devices
        .create_register("Desk 2")
        .await
        .expect("createRegisterDevice");
    assert_eq!(register.device.alias, "Desk 2");
    devices
        .create_mobile_of(&me, "Mobile")
        .await
        .expect("createMobileDevice");
    let external = devices
        .create_external("Home", "+4921112345")
        .await
        .expect("createExternalDevice");
    assert_eq!(external.device.alias, "Home");

    devices.get(&phone).await.expect("getDevice");
    devices
        .update(
            &phone,
            &DeviceUpdate::new()
                .dnd(true)
                .emergency_address(AddressId::new("1")),
        )
        .await
        .expect("changeDeviceSettings");
    devices
        .set_alias(&phone, "Desk")
        .await
        .expect("changeDeviceAlias");
    devices.get_caller_id(&phone).await.expect("getCallerId");
    devices
        .set_caller_id(&phone, "+4921100000000")
        .await
        .expect("changeCallerIdSettings");
    devices
        .reset_password(&phone)
        .await
        .expect("changeDevicePassword");
    devices
        .set_incoming_call_display(&home, DisplayNumber::Caller)
        .await
        .expect("changeCallerDisplayOfDevice");
    devices
        .set_target_number(&home, "+4921112345")
        .await
        .expect("changeTargetNumberOfDevice");
    devices
        .get_local_prefix(&phone)
        .await
        .expect("getLocalprefix");
    devices
        .enable_local_prefix(&phone, "0211")
        .await
        .expect("changeLocalprefixSettings");
    devices
        .disable_local_prefix(&phone)
        .await
        .expect("changeLocalprefixSettings");
    devices
        .get_single_row_display(&phone)
        .await
        .expect("getSingleRowDisplay");
    devices
        .enable_single_row_display(&phone)
        .await
        .expect("changeSingleRowDisplay");
    devices
        .get_tariff_announcement(&phone)
        .await
        .expect("getTariffAnnouncement");
    devices
        .disable_tariff_announcement(&phone)
        .await
        .expect("changeTariffAnnouncement");
    devices
        .list_contingents(&mobile)
        .await
        .expect("getDeviceContingents");
    devices
        .activate_sim_of(&me, &mobile, &SimId::new("1234567"))
        .await
        .expect("activateSim");
    devices
        .deactivate_sim(&mobile)
        .await
        .expect("deactivateSim");
    devices
        .order_sim(&mobile, &AddressId::new("1"))
        .await
        .expect("orderSim");
    devices.delete(&home).await.expect("deleteDevice");

    let answered = sandbox.answered_operations();
    for operation in [
        "createDevice",
        "createRegisterDevice",
        "createMobileDevice",
        "createExternalDevice",
        "getDevice",
        "changeDeviceSettings",
        "changeDeviceAlias",
        "getCallerId",
        "changeCallerIdSettings",
        "changeDevicePassword",
        "changeCallerDisplayOfDevice",
        "changeTargetNumberOfDevice",
        "getLocalprefix",
        "changeLocalprefixSettings",
        "getSingleRowDisplay",
        "changeSingleRowDisplay",
        "getTariffAnnouncement",
        "changeTariffAnnouncement",
        "getDeviceContingents",
        "activateSim",
        "deactivateSim",
        "orderSim",
        "deleteDevice",
    ] {
        assert!(
            answered.contains(operation),
            "{operation} not answered: {answered:?}"
        );
    }
}
