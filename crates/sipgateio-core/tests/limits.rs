//! How much of a response the client reads: error bodies up to 64 KiB (4 KiB kept),
//! success bodies up to `max_response_bytes`, streams without a limit.

use std::net::SocketAddr;
use std::time::Duration;

use futures_util::TryStreamExt as _;
use sipgateio_core::transport::Request;
use sipgateio_core::{Error, ErrorKind};
use sipgateio_test_support::{mock, serve};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A hang guard, not a speed assertion: a request to a server that stalls is ended by the limit
/// under test as soon as the limit is read; a client that reads on instead would wait for its
/// request timeout (60 s), and the guard fails the test long before that.
const HANG_GUARD: Duration = Duration::from_secs(30);

/// A client without retries whose request timeout (60 s) is far beyond [`HANG_GUARD`].
fn client(base_url: &str) -> sipgateio_core::ClientBuilder {
    mock::builder_for(base_url).request_timeout(Duration::from_secs(60))
}

/// `GET users` within [`HANG_GUARD`].
async fn get_users(
    client: &sipgateio_core::Client,
) -> sipgateio_core::Result<sipgateio_core::transport::Response> {
    tokio::time::timeout(HANG_GUARD, client.execute(Request::get("users")))
        .await
        .expect("the limit ended the request; the client did not wait for its timeout")
}

/// A server that answers every connection with `head`, then `body_len` bytes of `x`, then
/// keeps the connection open without sending anything more: a client that reads to the end
/// of the body waits for its timeout.
async fn stalling_server(head: String, body_len: usize) -> SocketAddr {
    let listener = serve::listener().await;
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let head = head.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buffer = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buffer[..n]),
                    }
                }
                let body = vec![b'x'; body_len];
                if socket.write_all(head.as_bytes()).await.is_err()
                    || socket.write_all(&body).await.is_err()
                {
                    return;
                }
                // Keep the connection open, silent, until the test's runtime ends.
                let _open = socket;
                std::future::pending::<()>().await;
            });
        }
    });
    address
}

#[tokio::test]
async fn a_one_mib_error_body_is_cut_to_4_kib() {
    let server = MockServer::start().await;
    let body = format!(r#"{{"message":"{}"}}"#, "e".repeat(1024 * 1024));
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500).set_body_string(body))
        .mount(&server)
        .await;
    let client = client(&format!("{}/v2", server.uri()))
        .build()
        .expect("valid");
    let error = client
        .execute(Request::get("users"))
        .await
        .expect_err("500");
    assert_eq!(error.kind(), ErrorKind::Server);
    let api = error.api_error().expect("an API error");
    assert_eq!(api.body().len(), 4096 + '…'.len_utf8());
    assert!(api.body().starts_with(r#"{"message":"eee"#));
    // The cut body is no JSON any more: the message falls back to its first line, ≤ 300 chars.
    assert!(error.to_string().len() < 400, "{}", error.to_string().len());
}

#[tokio::test]
async fn an_error_body_that_never_ends_is_not_waited_for() {
    // 1 MiB announced and 128 KiB sent, then silence: reading it all would hang for the
    // request timeout (60 s).
    let address = stalling_server(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 1048576\r\n\r\n".to_owned(),
        128 * 1024,
    )
    .await;
    let client = client(&format!("http://{address}/v2"))
        .build()
        .expect("valid");
    let error = get_users(&client).await.expect_err("503");
    assert_eq!(error.status(), Some(503));
    let body = error.api_error().map(|api| api.body().to_owned());
    assert_eq!(body, Some(format!("{}…", "x".repeat(4096))));
}

#[tokio::test]
async fn a_success_body_over_the_limit_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("y".repeat(2048)))
        .mount(&server)
        .await;
    let client = client(&format!("{}/v2", server.uri()))
        .max_response_bytes(1024)
        .build()
        .expect("valid");
    assert_eq!(client.max_response_bytes(), 1024);
    let error = client
        .execute(Request::get("users"))
        .await
        .expect_err("too large");
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert!(!error.is_transient());
    assert_eq!(
        error.to_string(),
        "could not decode the response at `.`: the response body is larger than the client's \
         limit of 1024 bytes (raise it with ClientBuilder::max_response_bytes)"
    );
}

#[tokio::test]
async fn a_success_body_at_the_limit_is_read() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("y".repeat(1024)))
        .mount(&server)
        .await;
    let client = client(&format!("{}/v2", server.uri()))
        .max_response_bytes(1024)
        .build()
        .expect("valid");
    let response = client.execute(Request::get("users")).await.expect("fits");
    assert_eq!(response.bytes().len(), 1024);
}

#[tokio::test]
async fn an_endless_success_body_without_length_stops_at_the_limit() {
    // No Content-Length: the body runs until the connection closes, which it never does.
    let address = stalling_server(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n".to_owned(),
        128 * 1024,
    )
    .await;
    let client = client(&format!("http://{address}/v2"))
        .max_response_bytes(64 * 1024)
        .build()
        .expect("valid");
    let error = get_users(&client).await.expect_err("too large");
    let Error::Decode(decode) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(decode.path(), ".");
    assert!(
        decode.message().contains("65536 bytes"),
        "{}",
        decode.message()
    );
    // What arrived before the limit is kept like any decode error's body: cut to 4 KiB.
    assert_eq!(decode.body(), format!("{}…", "x".repeat(4096)));
}

#[tokio::test]
async fn streams_are_not_limited() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("z".repeat(8192)))
        .mount(&server)
        .await;
    let client = client(&format!("{}/v2", server.uri()))
        .max_response_bytes(1024)
        .build()
        .expect("valid");
    let chunks: Vec<bytes::Bytes> = client
        .execute_stream(Request::get("history/export"))
        .await
        .expect("headers")
        .try_collect()
        .await
        .expect("body");
    assert_eq!(chunks.iter().map(bytes::Bytes::len).sum::<usize>(), 8192);
}
