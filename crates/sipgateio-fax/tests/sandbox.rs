//! End to end against `sipgateio-sandbox`, an independent implementation of the API: a fax
//! goes PENDING → SENDING → SENT (or FAILED) while it is polled.

use std::time::Duration;

use sipgateio_core::{Client, Error};
use sipgateio_fax::{Fax, FaxExt, FaxStatus, FaxlineId, HistoryEntryId, PollOptions, WebuserId};
use sipgateio_test_support::sandbox::{self, Sandbox, SandboxConfig};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n%%EOF\n%PDF-1.4 incremental update\n%%EOF\n";
const FAILING: &str = "+4921199999999";

/// A sandbox whose faxes to [`FAILING`] fail, and a client for it.
async fn start() -> (Sandbox, Client) {
    let config = SandboxConfig::default().failing_fax_recipient(Some(FAILING.to_owned()));
    sandbox::start_with(config).await
}

fn quick() -> PollOptions {
    PollOptions::default()
        .initial_interval(Duration::from_millis(5))
        .max_interval(Duration::from_millis(20))
}

#[tokio::test]
async fn send_and_wait_until_sent() {
    let (sandbox, client) = start().await;
    let fax = client.fax();
    let line = fax.list_faxlines().await.expect("faxlines").remove(0);
    assert!(line.can_send);
    let session = fax
        .send(&Fax::new(line.id.clone(), "+4921100000", PDF))
        .await
        .expect("sent");
    let status = fax
        .wait_until_done_with(&session.session_id, Duration::from_secs(10), quick())
        .await
        .expect("done");
    assert_eq!(status, FaxStatus::Sent);

    let faxes = sandbox.faxes();
    assert_eq!(faxes.len(), 1);
    assert_eq!(faxes[0].content, PDF, "the document arrives byte for byte");
    assert!(
        faxes[0].filename.starts_with("Fax_"),
        "{}",
        faxes[0].filename
    );
    assert_eq!(faxes[0].faxline_id, "f0");
}

#[tokio::test]
async fn a_failed_fax_can_be_resent() {
    let (sandbox, client) = start().await;
    let fax = client.fax();
    let document = Fax::new(FaxlineId::new("f0"), FAILING, PDF).filename("contract.pdf");
    let session = fax.send(&document).await.expect("sent");
    let status = fax
        .wait_until_done_with(&session.session_id, Duration::from_secs(10), quick())
        .await
        .expect("done");
    assert_eq!(status, FaxStatus::Failed);

    let again = fax
        .resend(&session.session_id, Some(&FaxlineId::new("f0")))
        .await
        .expect("resent")
        .expect("the sandbox answers a session id");
    assert_ne!(again.session_id, session.session_id);
    assert_eq!(sandbox.faxes().len(), 2);
    assert_eq!(sandbox.faxes()[1].filename, "contract.pdf");
}

#[tokio::test]
async fn unknown_faxes_and_lines_are_not_found() {
    let (_sandbox, client) = start().await;
    let fax = client.fax();
    let error = fax
        .get_status(&HistoryEntryId::new("no-such-fax"))
        .await
        .expect_err("unknown");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    let error = fax
        .send(&Fax::new(FaxlineId::new("f7"), "+4921100000", PDF))
        .await
        .expect_err("unknown line");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    let error = fax
        .list_faxlines_of(&WebuserId::new("w9"))
        .await
        .expect_err("unknown user");
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
}
