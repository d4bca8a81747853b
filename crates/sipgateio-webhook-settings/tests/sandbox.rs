//! `sipgateio-webhook-settings` against the sandbox, an independent look-alike of the sipgate
//! API that keeps the settings in memory.

use sipgateio_core::Error;
use sipgateio_test_support::sandbox::start;
use sipgateio_webhook_settings::{ExtensionId, WebhookSettingsExt};

#[tokio::test]
async fn every_setter_lands_and_keeps_the_other_fields() {
    let (sandbox, client) = start().await;
    let settings = client.webhook_settings();

    settings
        .set_incoming_url("https://example.com/in")
        .await
        .expect("incoming");
    settings
        .set_outgoing_url("https://example.com/out")
        .await
        .expect("outgoing");
    settings
        .set_whitelist(["p0", "g1"].map(ExtensionId::new))
        .await
        .expect("whitelist");
    settings.enable_log().await.expect("log");

    let stored = sandbox.webhook_settings();
    assert_eq!(stored.incoming_url, "https://example.com/in");
    assert_eq!(stored.outgoing_url, "https://example.com/out");
    assert_eq!(
        stored.whitelist,
        Some(vec!["p0".to_owned(), "g1".to_owned()])
    );
    assert!(stored.log);

    let read = settings.get().await.expect("read");
    assert_eq!(read.incoming_url, stored.incoming_url);
    let read_whitelist = read
        .whitelist
        .map(|list| list.into_iter().map(ExtensionId::into_string).collect());
    assert_eq!(read_whitelist, stored.whitelist);

    settings.clear_whitelist().await.expect("cleared");
    assert_eq!(sandbox.webhook_settings().whitelist, Some(Vec::new()));
    settings.disable_whitelist().await.expect("disabled");
    assert_eq!(sandbox.webhook_settings().whitelist, None);
    settings.clear_incoming_url().await.expect("cleared");
    settings.clear_outgoing_url().await.expect("cleared");
    let stored = sandbox.webhook_settings();
    assert_eq!(
        (stored.incoming_url.as_str(), stored.outgoing_url.as_str()),
        ("", "")
    );
    assert!(stored.log, "clearing URLs keeps the log switch");
}

#[tokio::test]
async fn not_booked_is_forbidden_with_its_meaning() {
    let (sandbox, client) = start().await;
    sandbox.set_sipgateio_booked(false);
    let error = client
        .webhook_settings()
        .enable_log()
        .await
        .expect_err("not booked");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert!(error.to_string().contains("sipgate.io is not booked"));
}
