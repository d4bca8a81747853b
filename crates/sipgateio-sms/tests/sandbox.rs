//! End to end against `sipgateio-sandbox`, an independent implementation of the API: the
//! sender really is the requested number, and the account's default sender is restored.

use chrono::{TimeDelta, Utc};
use sipgateio_core::Error;
use sipgateio_sms::{ShortMessage, SmsCallerIdId, SmsExt, SmsExtensionId};
use sipgateio_test_support::sandbox::{Sandbox, start};

const DEFAULT: &str = "+4921100000000";
const MOBILE: &str = "+4915700000000";
const UNVERIFIED: &str = "+4917600000000";
const TO: &str = "+4915739777777";

fn default_sender(sandbox: &Sandbox) -> Option<String> {
    sandbox
        .sms_caller_ids("s0")
        .into_iter()
        .find(|c| c.default_number)
        .map(|c| c.phonenumber)
}

#[tokio::test]
async fn by_extension_and_by_number() {
    let (sandbox, client) = start().await;
    let sms = client.sms();
    sms.send(&ShortMessage::via_extension(
        SmsExtensionId::new("s0"),
        TO,
        "one",
    ))
    .await
    .expect("sent");
    sms.send(&ShortMessage::from_number(MOBILE, TO, "two"))
        .await
        .expect("sent");
    let at = Utc::now() + TimeDelta::days(2);
    sms.schedule(&ShortMessage::from_number(MOBILE, TO, "three"), at)
        .await
        .expect("scheduled");

    let sent = sandbox.sent_sms();
    let senders: Vec<_> = sent
        .iter()
        .map(|s| (s.sender.as_str(), s.message.as_str()))
        .collect();
    assert_eq!(
        senders,
        [(DEFAULT, "one"), (MOBILE, "two"), (MOBILE, "three")]
    );
    assert_eq!(sent[2].send_at.map(|t| t.timestamp()), Some(at.timestamp()));
    assert_eq!(default_sender(&sandbox).as_deref(), Some(DEFAULT));
}

#[tokio::test]
async fn concurrent_sends_go_out_with_the_requested_sender() {
    let (sandbox, client) = start().await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let from = if i % 2 == 0 { MOBILE } else { DEFAULT };
        let sms = client.clone().sms();
        tasks.push(tokio::spawn(async move {
            sms.send(&ShortMessage::from_number(from, TO, format!("{from} #{i}")))
                .await
        }));
    }
    for task in tasks {
        task.await.expect("task ran").expect("sent");
    }
    let sent = sandbox.sent_sms();
    assert_eq!(sent.len(), 8);
    for sms in &sent {
        assert!(sms.message.starts_with(&sms.sender), "{sms:?}");
    }
    assert_eq!(default_sender(&sandbox).as_deref(), Some(DEFAULT));
}

#[tokio::test]
async fn a_failed_send_leaves_the_default_alone() {
    let (sandbox, client) = start().await;
    sandbox.set_no_credit(true);
    let error = client
        .sms()
        .send(&ShortMessage::from_number(MOBILE, TO, "hi"))
        .await
        .expect_err("no credit");
    assert!(matches!(error, Error::PaymentRequired(_)), "{error:?}");
    assert!(sandbox.sent_sms().is_empty());
    assert_eq!(default_sender(&sandbox).as_deref(), Some(DEFAULT));
}

#[tokio::test]
async fn register_verify_and_send_from_a_new_number() {
    let (sandbox, client) = start().await;
    let sms = client.sms();
    let me = client
        .get_authenticated_webuser_id()
        .await
        .expect("userinfo");
    let mine = sms.list_extensions().await.expect("extensions");
    assert_eq!(mine[0].id, "s0");
    assert_eq!(
        sms.list_extensions_of(&me).await.expect("extensions of"),
        mine
    );
    let s0 = &mine[0].id;

    let error = sms
        .send(&ShortMessage::from_number(UNVERIFIED, TO, "hi"))
        .await
        .expect_err("unverified");
    assert!(error.to_string().contains("not verified"), "{error}");

    let new = "+4916012345678";
    sms.create_caller_id(s0, new).await.expect("added");
    let id = sms
        .list_caller_ids(s0)
        .await
        .expect("listed")
        .into_iter()
        .find(|c| c.phonenumber == new)
        .expect("registered");
    assert!(!id.verified);
    let error = sms
        .verify_caller_id(s0, &id.id, "000000x")
        .await
        .expect_err("wrong code");
    assert!(
        matches!(error, Error::Api(ref e) if e.status() == 400),
        "{error:?}"
    );
    let code = sandbox
        .verification_code("s0", new)
        .expect("a code was sent");
    sms.verify_caller_id(s0, &id.id, &code)
        .await
        .expect("verified");

    sms.send(&ShortMessage::from_number(new, TO, "from the new number"))
        .await
        .expect("sent");
    assert_eq!(sandbox.sent_sms()[0].sender, new);
    assert_eq!(default_sender(&sandbox).as_deref(), Some(DEFAULT));

    sms.set_default_caller_id(s0, &id.id)
        .await
        .expect("default");
    assert_eq!(default_sender(&sandbox).as_deref(), Some(new));
    sms.delete_caller_id(s0, &SmsCallerIdId::new(2))
        .await
        .expect("deleted");
    assert!(sandbox.sms_caller_ids("s0").iter().all(|c| c.id != 2));
}

#[tokio::test]
async fn a_foreign_sms_extension_is_forbidden() {
    let (_sandbox, client) = start().await;
    let error = client
        .sms()
        .send(&ShortMessage::via_extension(
            SmsExtensionId::new("s9"),
            TO,
            "hi",
        ))
        .await
        .expect_err("not ours");
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
    assert!(
        error.to_string().contains("invalid SMS extension"),
        "{error}"
    );
}
