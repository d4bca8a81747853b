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
