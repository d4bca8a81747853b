//! The SDK on wasm32-unknown-unknown in headless Chromium, against a sandbox on 127.0.0.1.
//!
//! `.ci/wasm` starts the sandbox binary (`--no-register`, a free port, fixed credentials) and
//! builds these tests with its address in `SIPGATEIO_SANDBOX_URL`, `SIPGATEIO_SANDBOX_TOKEN_ID`
//! and `SIPGATEIO_SANDBOX_TOKEN`; the page's `fetch` reaches it because the sandbox answers CORS.
//! Every request here is a real `fetch` from the page; retries and timeouts run on the
//! browser's timers (no tokio runtime in a browser).
#![cfg(all(target_arch = "wasm32", target_os = "unknown"))]

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::TryStreamExt as _;
use sipgateio::history::{EntryType, HistoryEntry, HistoryFilter, StreamOptions};
use sipgateio::prelude::*;
use sipgateio::sms::{Sender, ShortMessage};
use sipgateio::{Client, ErrorKind, HistoryEntryId, Pagination, RetryPolicy, SmsExtensionId};
use tracing::field::{Field, Visit};
use tracing::instrument::WithSubscriber as _;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The sandbox's test numbers (sipgateio-sandbox's README, "Failures on demand").
const ANSWERS_503: &str = "4915700000503";
const ANSWERS_402: &str = "+4915700000402";
const ANSWERS_AFTER_5_S: &str = "4915700000408";

/// The sandbox's base URL, token id and token, given to the build by the test script.
fn sandbox() -> (&'static str, &'static str, &'static str) {
    let (Some(url), Some(token_id), Some(token)) = (
        option_env!("SIPGATEIO_SANDBOX_URL"),
        option_env!("SIPGATEIO_SANDBOX_TOKEN_ID"),
        option_env!("SIPGATEIO_SANDBOX_TOKEN"),
    ) else {
        panic!(
            "build these tests with SIPGATEIO_SANDBOX_URL, SIPGATEIO_SANDBOX_TOKEN_ID and \
             SIPGATEIO_SANDBOX_TOKEN set (.ci/wasm does)"
        );
    };
    (url, token_id, token)
}

/// A client for the sandbox the test script started. Retries are quick (a few milliseconds
/// apart) so that the retry test does not wait for the default backoff.
fn client() -> Client {
    let (url, token_id, token) = sandbox();
    Client::builder()
        .base_url(url)
        .personal_access_token(token_id, token)
        .retry_policy(
            RetryPolicy::default()
                .max_attempts(3)
                .initial_delay(Duration::from_millis(10))
                .max_delay(Duration::from_millis(20)),
        )
        .build()
        .expect("the sandbox's credentials are valid")
}

#[wasm_bindgen_test]
async fn sends_an_sms() {
    let client = client();
    let sms = ShortMessage::new(
        Sender::SmsExtension(SmsExtensionId::new("s0")),
        "+4915790000002",
        "Hello from a browser",
    );
    client.sms().send(&sms).await.expect("the sandbox takes it");
    // The sandbox keeps what it received: the message is in the history, as sent.
    let sent = client
        .history()
        .list(
            &HistoryFilter::new().types([EntryType::Sms]),
            Pagination::first(50),
        )
        .await
        .expect("history")
        .items
        .into_iter()
        .find_map(|entry| match entry {
            HistoryEntry::Sms(sms) if sms.sms_content == "Hello from a browser" => Some(sms),
            _ => None,
        })
        .expect("the sent SMS in the history");
    assert_eq!(sent.base.target, "+4915790000002");
}

#[wasm_bindgen_test]
async fn an_api_error_keeps_the_servers_message() {
    let sms = ShortMessage::new(
        Sender::SmsExtension(SmsExtensionId::new("s0")),
        ANSWERS_402,
        "no credit",
    );
    let error = client().sms().send(&sms).await.expect_err("402");
    assert_eq!(error.kind(), ErrorKind::PaymentRequired);
    assert_eq!(error.status(), Some(402));
    assert!(
        error.to_string().contains("Insufficient funds"),
        "the sandbox's detail is kept: {error}"
    );
}

#[wasm_bindgen_test]
async fn lists_numbers() {
    let page = client()
        .numbers()
        .list(Pagination::first(50))
        .await
        .expect("numbers");
    assert!(!page.items.is_empty(), "the sandbox's account has numbers");
    assert!(page.items.iter().all(|number| !number.number.is_empty()));
}

/// The example page's `listNumbers` (examples/wasm-numbers), with what a user would type in.
#[wasm_bindgen_test]
async fn the_example_page_lists_numbers() {
    let (url, token_id, token) = sandbox();
    let lines = sipgateio_example_wasm_numbers::list_numbers(
        url.to_owned(),
        token_id.to_owned(),
        token.to_owned(),
    )
    .await
    .unwrap_or_else(|_| panic!("listNumbers failed"));
    let numbers = client()
        .numbers()
        .list(Pagination::first(100))
        .await
        .expect("numbers");
    assert_eq!(lines.len(), numbers.items.len());
    for (line, number) in lines.iter().zip(&numbers.items) {
        assert!(line.starts_with(&number.localized), "{line}");
    }
    // A wrong token is the SDK's message, not a panic and never the token.
    let refused = sipgateio_example_wasm_numbers::list_numbers(
        url.to_owned(),
        token_id.to_owned(),
        "00000000-0000-4000-8000-000000000000".to_owned(),
    )
    .await;
    assert!(refused.is_err(), "the sandbox refuses a wrong token");
}

#[wasm_bindgen_test]
async fn pages_through_the_history() {
    let client = client();
    // Not SMS: the SMS test adds one while this one counts.
    let filter =
        HistoryFilter::new().types([EntryType::Call, EntryType::Voicemail, EntryType::Fax]);
    let first = client
        .history()
        .list(&filter, Pagination::first(2))
        .await
        .expect("first page");
    let total = first.total_count.expect("the sandbox counts");
    assert!(total > 2, "more than one page of history: {total}");
    // The lazy stream, two entries per request, reads every page.
    let all: Vec<_> = client
        .history()
        .stream_with(&filter, StreamOptions::new().page_size(2))
        .try_collect()
        .await
        .expect("every page");
    assert_eq!(all.len() as u64, total);
    assert_eq!(all[..2], first.items[..]);
}

#[wasm_bindgen_test]
async fn a_503_is_retried_on_the_browsers_timer() {
    let retries = Arc::new(AtomicUsize::new(0));
    let error = client()
        .history()
        .get(&HistoryEntryId::new(ANSWERS_503))
        .with_subscriber(CountRetries(retries.clone()))
        .await
        .expect_err("503 every time");
    assert_eq!(error.status(), Some(503));
    assert_eq!(error.kind(), ErrorKind::Server);
    // Three attempts: two waits in between, each a setTimeout of the page.
    assert_eq!(retries.load(Ordering::SeqCst), 2);
}

#[wasm_bindgen_test]
async fn a_slow_answer_is_a_timeout() {
    let error = client()
        .with_timeout(Duration::from_millis(500))
        .history()
        .get(&HistoryEntryId::new(ANSWERS_AFTER_5_S))
        .await
        .expect_err("the sandbox answers after 5 s");
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert!(!error.is_transient(), "a timeout is not retried");
}

#[wasm_bindgen_test]
fn bad_input_is_refused_before_any_request() {
    let error = Client::builder()
        .base_url("http://127.0.0.1:9/v2")
        .personal_access_token("token-1", "x")
        .build()
        .expect_err("a malformed token id");
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert_eq!(error.invalid_field(), Some("token_id"));
}

/// sipgate's signed webhook (the vector the native tests use) checked by the pure-Rust verifier,
/// through the facade: `browser` brings `sipgateio::webhook` without its server
/// (`webhook-verify`), and the prelude its event types.
#[wasm_bindgen_test]
fn webhook_signatures_verify_in_the_browser() {
    use sipgateio::webhook::{Event, PublicKey};

    let vector = Vector::sipgate();
    let key = PublicKey::sipgate();
    assert_eq!(key.signature_len(), 512);
    assert!(key.verify(vector.valid_body.as_bytes(), vector.signature));
    assert!(!key.verify(vector.tampered_body.as_bytes(), vector.signature));
    // Lenient base64 like the native check; garbage is a failed check, not a panic.
    assert!(key.verify(
        vector.valid_body.as_bytes(),
        vector.signature.trim_end_matches('=')
    ));
    for bad in ["", "%%%", "AAAA", &vector.signature[..100]] {
        assert!(!key.verify(vector.valid_body.as_bytes(), bad), "{bad}");
    }
    let event = Event::from_form(vector.valid_body.as_bytes()).expect("a newCall event");
    assert_eq!(event.name(), "newCall");
    let Event::NewCall(call) = event else {
        panic!("a newCall event, got {event:?}");
    };
    let call: NewCallEvent = call; // the prelude's, from `webhook-verify`
    // sipgate sends the numbers without their `+`; the event has it.
    assert_eq!(
        (call.from.as_str(), call.to.as_str()),
        ("+4912354678", "+49999999")
    );
    assert_eq!(call.users, ["TestUser"]);
}

/// The signed vector of `sipgateio-test-support` (that crate does not build for wasm32).
struct Vector {
    valid_body: &'static str,
    tampered_body: &'static str,
    signature: &'static str,
}

impl Vector {
    fn sipgate() -> Self {
        const FILE: &str =
            include_str!("../../sipgateio-test-support/data/sipgate-signature-vector.txt");
        let field = |name: &str| {
            FILE.lines()
                .find_map(|line| line.strip_prefix(name)?.strip_prefix('='))
                .unwrap_or_else(|| panic!("{name} in the vector file"))
        };
        Self {
            valid_body: field("VALID_BODY"),
            tampered_body: field("TAMPERED_BODY"),
            signature: field("SIGNATURE"),
        }
    }
}

/// Counts the client's "retrying" events (a tracing subscriber for one future).
struct CountRetries(Arc<AtomicUsize>);

impl tracing::Subscriber for CountRetries {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }

    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        struct IsRetrying(bool);
        impl Visit for IsRetrying {
            fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
                if field.name() == "message" && format!("{value:?}") == "retrying" {
                    self.0 = true;
                }
            }
        }
        let mut visit = IsRetrying(false);
        event.record(&mut visit);
        if visit.0 {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}
