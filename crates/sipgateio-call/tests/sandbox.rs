//! End to end against `sipgateio-sandbox`, an independent implementation of the API.

use sipgateio_call::{CallExt, DeviceId, NewCall};
use sipgateio_core::Error;
use sipgateio_test_support::sandbox::start;

#[tokio::test]
async fn initiated_calls_arrive_as_sent() {
    let (sandbox, client) = start().await;
    let first = client
        .call()
        .initiate(&NewCall::new("e0", "+4921165432"))
        .await
        .expect("started");
    let second = client
        .call()
        .initiate(
            &NewCall::new("+4921100000000", "+4921165432")
                .device_id(DeviceId::new("y0"))
                .caller_id("+4921100000001"),
        )
        .await
        .expect("started");
    assert_ne!(first.session_id, second.session_id);

    let calls = sandbox.initiated_calls();
    assert_eq!(calls.len(), 2);
    assert_eq!(
        (calls[0].caller.as_str(), calls[0].callee.as_str()),
        ("e0", "+4921165432")
    );
    assert_eq!(calls[0].device_id, None);
    assert_eq!(calls[1].device_id.as_deref(), Some("y0"));
    assert_eq!(calls[1].caller_id.as_deref(), Some("+4921100000001"));
    assert_eq!(first.session_id, calls[0].session_id.as_str());
}

#[tokio::test]
async fn a_foreign_device_is_forbidden_and_no_credit_is_payment_required() {
    let (sandbox, client) = start().await;
    let error = client
        .call()
        .initiate(&NewCall::new("e9", "+4921165432"))
        .await
        .expect_err("not ours");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert!(
        error.to_string().contains("cannot access extension"),
        "{error}"
    );

    sandbox.set_no_credit(true);
    let error = client
        .call()
        .initiate(&NewCall::new("e0", "+4921165432"))
        .await
        .expect_err("no credit");
    assert!(matches!(error, Error::PaymentRequired(_)), "{error:?}");
    assert!(sandbox.initiated_calls().is_empty());
}
