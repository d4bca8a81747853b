//! Secrets never show: every Debug/Display path and every tracing event of a client holding a
//! known token (through successes, API errors, retries, timeouts and transport errors).
//!
//! The requests are built with core's own request API (`sipgateio_core::transport`), as a
//! domain crate builds them; each domain crate's tests check that its client's `Debug` hides
//! the credentials too.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use sipgateio_core::transport::Request;
use sipgateio_core::{Client, Credentials, Page, RetryPolicy, Secret};
use sipgateio_test_support::serve;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const TOKEN_ID: &str = "token-XQ7Z9K";
const TOKEN: &str = "5e1c0f7a-0d1b-4d4e-9a51-7f0c2b9e4d11";
const OAUTH: &str = "eyJhbGciOiJSUzI1NiJ9.secret-oauth-payload.signature";
const PASSWORD: &str = "correct-horse-battery-staple";

/// Every form a secret could leak in: itself, the Basic header value, the base64 of it.
fn forbidden() -> Vec<String> {
    vec![
        TOKEN.to_owned(),
        OAUTH.to_owned(),
        PASSWORD.to_owned(),
        STANDARD.encode(format!("{TOKEN_ID}:{TOKEN}")),
        STANDARD.encode(format!("ada@example.com:{PASSWORD}")),
    ]
}

fn assert_clean(what: &str, text: &str) {
    for secret in forbidden() {
        assert!(!text.contains(&secret), "{what} shows a secret: {text}");
    }
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("buffer").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Answers requests in turn with 401 (echoing nothing), 503, 200, then hangs.
async fn server() -> String {
    let listener = serve::listener().await;
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        let answers = [
            "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 27\r\nConnection: close\r\n\r\n{\"message\":\"bad token\"}   ",
            "HTTP/1.1 503 Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\nConnection: close\r\n\r\n{\"items\":[]}",
        ];
        let mut n = 0;
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buffer = vec![0; 16 * 1024];
            let _ = stream.read(&mut buffer).await;
            match answers.get(n) {
                Some(answer) => {
                    let _ = stream.write_all(answer.as_bytes()).await;
                }
                // Never answer: the client's 300 ms timeout ends the wait.
                None => std::future::pending::<()>().await,
            }
            n += 1;
        }
    });
    format!("http://{address}/v2")
}

#[test]
fn debug_and_display_of_secrets_credentials_and_builders_hide_the_values() {
    let secret = Secret::new(TOKEN);
    assert_clean("Secret Debug", &format!("{secret:?}"));
    assert_clean("Secret Display", &format!("{secret}"));
    assert_clean("Secret alternate Debug", &format!("{secret:#?}"));
    let credentials = [
        Credentials::PersonalAccessToken {
            token_id: TOKEN_ID.into(),
            token: Secret::new(TOKEN),
        },
        Credentials::OAuth {
            access_token: Secret::new(OAUTH),
        },
        Credentials::Password {
            username: "ada@example.com".into(),
            password: Secret::new(PASSWORD),
        },
    ];
    for credentials in &credentials {
        assert_clean(
            "Credentials Debug",
            &format!("{credentials:?} {credentials:#?}"),
        );
    }
    let builders = [
        Client::builder().personal_access_token(TOKEN_ID, TOKEN),
        Client::builder().oauth_token(OAUTH),
        Client::builder().basic_auth("ada@example.com", PASSWORD),
    ];
    for builder in builders {
        assert_clean("ClientBuilder Debug", &format!("{builder:?}"));
        let client = builder.build().expect("client");
        assert_clean("Client Debug", &format!("{client:?} {client:#?}"));
        // A domain crate's client holds a clone of this one; the sipgateio-numbers and
        // sipgateio-sms tests check that their clients' Debug hides the secrets too.
    }
}

#[test]
fn invalid_credentials_errors_do_not_echo_the_token() {
    let bad = format!("{TOKEN}-not-a-uuid");
    let error = Client::builder()
        .personal_access_token(TOKEN_ID, bad.as_str())
        .build()
        .expect_err("a token that is not a UUID is refused");
    let text = format!("{error} {error:?}");
    assert!(!text.contains(&bad), "the rejected token is shown: {text}");
}

#[tokio::test]
async fn tracing_debug_and_errors_never_show_the_token() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let base_url = server().await;
    let client = Client::builder()
        .personal_access_token(TOKEN_ID, TOKEN)
        .base_url(base_url)
        .request_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::default().initial_delay(Duration::from_millis(5)))
        .build()
        .expect("client");
    let mut shown = Vec::new();
    // 401 (typed error), then 503 → retried → 200, then a hang (timeout).
    let unauthorized = client.send::<Page<Value>>(Request::get("numbers")).await;
    let retried = client.send::<Page<Value>>(Request::get("numbers")).await;
    let timed_out = client
        .send_no_content(
            Request::post("sessions/sms")
                .json(&json!({"smsId": "s0", "recipient": "+4915739777777", "message": "hi"}))
                .expect("a JSON body"),
        )
        .await;
    assert!(
        matches!(unauthorized, Err(sipgateio_core::Error::Unauthorized(_))),
        "{unauthorized:?}"
    );
    assert!(retried.is_ok(), "{retried:?}");
    assert!(
        matches!(timed_out, Err(sipgateio_core::Error::Timeout(_))),
        "{timed_out:?}"
    );
    for result in [unauthorized.map(|_| ()), retried.map(|_| ()), timed_out] {
        if let Err(error) = result {
            shown.push(format!("{error} {error:?} {error:#?}"));
        }
    }
    // A connection that cannot be made at all.
    let refused = Client::builder()
        .personal_access_token(TOKEN_ID, TOKEN)
        .base_url("http://127.0.0.1:1/v2")
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client")
        .send::<Page<Value>>(Request::get("numbers"))
        .await
        .expect_err("nothing listens on port 1");
    shown.push(format!("{refused} {refused:?}"));

    let log = String::from_utf8(captured.0.lock().expect("buffer").clone()).expect("utf-8");
    assert!(
        !log.is_empty(),
        "the client logged nothing at TRACE; the test would prove nothing"
    );
    assert_clean("tracing output", &log);
    for text in shown {
        assert_clean("error", &text);
    }
}
