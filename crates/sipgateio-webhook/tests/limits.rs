//! The server's limits over real sockets with real time (limits of tens to hundreds of
//! milliseconds; tokio's paused clock does not mix with real sockets): slow request heads,
//! stalled bodies, idle keep-alive, the connection cap, hung handlers, shutdown with a
//! deadline, refusal before buffering, and the same per-request limits through `router()` in
//! your own app. Every test runs under a `tokio::time::timeout` and ends by itself.

mod support;

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sipgateio_test_support::serve::Served;
use sipgateio_test_support::webhook::{post_signed, sign};
use sipgateio_webhook::xml::Response;
use sipgateio_webhook::{RejectionKind, WebhookServer, WebhookServerBuilder};
use support::{builder, serve_app};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, oneshot};

/// Every test ends within this, whatever the server does: a hang guard, not a speed assertion
/// (a test fails here only if something hangs).
const TEST_DEADLINE: Duration = Duration::from_secs(20);

const BODY: &str = "event=newCall&from=4921&to=4922&callId=c1";

async fn bounded<F: Future<Output = ()>>(test: F) {
    tokio::time::timeout(TEST_DEADLINE, test)
        .await
        .expect("the test finished within its deadline");
}

/// The server `builder` builds, on 127.0.0.1:0 until shut down or dropped.
async fn serve(builder: WebhookServerBuilder) -> Served {
    support::start(builder.build().expect("valid configuration")).await
}

/// A raw request head for `BODY`-like requests.
fn head(content_length: usize, signature: Option<&str>) -> String {
    let mut head = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {content_length}\r\n"
    );
    if let Some(signature) = signature {
        head.push_str(&format!("X-Sipgate-Signature: {signature}\r\n"));
    }
    head.push_str("\r\n");
    head
}

/// Base64 of a signature of the test key's length (RSA-2048: 256 bytes) that signs nothing.
fn well_formed_fake_signature() -> String {
    STANDARD.encode([7u8; 256])
}

/// Reads until the server closes the connection (or 64 KiB); what was answered.
async fn read_to_close(stream: &mut (impl AsyncReadExt + Unpin)) -> String {
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    while answer.len() < 64 * 1024 {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&buffer[..n]),
        }
    }
    String::from_utf8_lossy(&answer).into_owned()
}

/// A complete signed request on a raw connection; returns the status line of its answer.
async fn signed_request(stream: &mut TcpStream, body: &str) -> String {
    let signature = sign(body.as_bytes());
    stream
        .write_all(format!("{}{body}", head(body.len(), Some(&signature))).as_bytes())
        .await
        .expect("request written");
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    // Read the head and the (small) body of the answer.
    while !String::from_utf8_lossy(&answer).contains("</Response>")
        && !String::from_utf8_lossy(&answer).contains("<Response/>")
    {
        let n = stream.read(&mut buffer).await.expect("answer");
        assert!(n > 0, "closed before answering");
        answer.extend_from_slice(&buffer[..n]);
    }
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn quick_limits(builder: WebhookServerBuilder, limit: Duration) -> WebhookServerBuilder {
    builder
        .header_read_timeout(limit)
        .body_read_timeout(limit)
        .handler_timeout(limit)
        .shutdown_timeout(limit)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_heads_stalled_bodies_and_idle_keep_alive_are_closed_after_a_valid_webhook_is_answered()
 {
    bounded(async {
        let limit = Duration::from_millis(400);
        let served = serve(quick_limits(
            builder().on_new_call(|_| async { Response::hang_up() }),
            limit,
        ))
        .await;
        let address = served.address();
        let (events, mut order) = mpsc::unbounded_channel::<String>();
        let signed = sign(BODY.as_bytes());

        // 1. A head sent one byte every 20 ms: it would take seconds, the limit is 400 ms.
        let slow_head = TcpStream::connect(address).await.expect("connect");
        let (mut reader, mut writer) = slow_head.into_split();
        let record = events.clone();
        tokio::spawn(async move {
            read_to_close(&mut reader).await;
            record.send("closed slow head".into()).ok();
        });
        let bytes = head(BODY.len(), Some(&signed)).into_bytes();
        tokio::spawn(async move {
            for byte in bytes {
                if writer.write_all(&[byte]).await.is_err() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        });

        // 2. A body announced with 42 bytes, 10 sent, then nothing (signature well formed, so
        //    the body is read).
        let mut stalled = TcpStream::connect(address).await.expect("connect");
        stalled
            .write_all(
                format!(
                    "{}event=new",
                    head(BODY.len(), Some(&well_formed_fake_signature()))
                )
                .as_bytes(),
            )
            .await
            .expect("written");
        let record = events.clone();
        tokio::spawn(async move {
            let answer = read_to_close(&mut stalled).await;
            record
                .send(format!(
                    "closed stalled body: {}",
                    answer.lines().next().unwrap_or_default()
                ))
                .ok();
        });

        // 3. A keep-alive connection that is answered, then stays idle.
        let mut idle = TcpStream::connect(address).await.expect("connect");
        let status = signed_request(&mut idle, BODY).await;
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        let record = events.clone();
        tokio::spawn(async move {
            read_to_close(&mut idle).await;
            record.send("closed idle keep-alive".into()).ok();
        });

        // While all three are open: a valid signed webhook on a new connection.
        let response = post_signed(&served.url("/"), BODY).await;
        events
            .send(format!(
                "valid webhook answered {}",
                response.status().as_u16()
            ))
            .ok();

        let mut seen = Vec::new();
        while seen.len() < 4 {
            seen.push(order.recv().await.expect("an event"));
        }
        assert_eq!(seen[0], "valid webhook answered 200", "{seen:?}");
        assert!(seen.contains(&"closed slow head".to_owned()), "{seen:?}");
        assert!(
            seen.contains(&"closed idle keep-alive".to_owned()),
            "{seen:?}"
        );
        assert!(
            seen.contains(&"closed stalled body: HTTP/1.1 408 Request Timeout".to_owned()),
            "{seen:?}"
        );
        served.shut_down().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_connection_cap_connections_wait_and_the_server_recovers() {
    bounded(async {
        let served = serve(
            builder()
                .max_connections(3)
                .header_read_timeout(Duration::from_secs(30))
                .on_new_call(|_| async { Response::hang_up() }),
        )
        .await;
        let address = served.address();

        // Three silent connections take the three slots (the header read timeout is long).
        let mut holders = Vec::new();
        for _ in 0..3 {
            holders.push(TcpStream::connect(address).await.expect("connect"));
        }
        // Twelve more wait in the listen backlog; the kernel completes their handshakes.
        let mut waiting = Vec::new();
        for _ in 0..12 {
            waiting.push(TcpStream::connect(address).await.expect("connect"));
        }
        // A valid request past the cap is not read while the slots are held …
        let mut request = TcpStream::connect(address).await.expect("connect");
        let answer = tokio::spawn(async move { signed_request(&mut request, BODY).await });
        // Real sockets, so real time: give a (wrongly) serving server 300 ms to answer. Only
        // a server that breaks the cap can fail this; the wait is bounded.
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(
            !answer.is_finished(),
            "a connection past the cap was served"
        );

        // … and is answered once the others go.
        drop(holders);
        drop(waiting);
        let status = answer.await.expect("answered");
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");

        // Recovered: more requests than the cap, one after the other, all answered.
        for _ in 0..6 {
            let response = post_signed(&served.url("/"), BODY).await;
            assert_eq!(response.status(), 200);
        }
        served.shut_down().await;
    })
    .await;
}

#[tokio::test]
async fn a_hung_handler_is_answered_503_after_its_limit_and_the_server_keeps_serving() {
    bounded(async {
        let served = serve(
            builder()
                .handler_timeout(Duration::from_millis(150))
                .on_new_call(|call| async move {
                    if call.call_id == "hang" {
                        std::future::pending::<()>().await;
                    }
                    Response::hang_up()
                }),
        )
        .await;
        let hung = post_signed(&served.url("/"), "event=newCall&callId=hang").await;
        assert_eq!(hung.status(), 503);
        let fine = post_signed(&served.url("/"), "event=newCall&callId=ok").await;
        assert_eq!(fine.status(), 200);
        served.shut_down().await;
    })
    .await;
}

#[tokio::test]
async fn shutdown_with_a_partial_request_pending_returns_within_its_deadline() {
    bounded(async {
        // The header read timeout (30 s) would never close the partial request in time: the
        // shutdown deadline (200 ms) must.
        let served = serve(
            builder()
                .header_read_timeout(Duration::from_secs(30))
                .shutdown_timeout(Duration::from_millis(200)),
        )
        .await;
        let mut partial = TcpStream::connect(served.address()).await.expect("connect");
        partial.write_all(b"POS").await.expect("written");
        let (closed, was_closed) = oneshot::channel();
        tokio::spawn(async move {
            read_to_close(&mut partial).await;
            closed.send(()).ok();
        });
        // Give the server the partial request before shutting down (real sockets, so real
        // time; bounded, and the test passes either way only if serve returns in time).
        tokio::time::sleep(Duration::from_millis(50)).await;
        tokio::time::timeout(Duration::from_secs(5), served.shut_down())
            .await
            .expect("serve returned after the shutdown deadline, not after the header timeout");
        tokio::time::timeout(Duration::from_secs(5), was_closed)
            .await
            .expect("the partial connection was closed")
            .ok();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_lets_a_request_in_flight_finish_and_refuses_new_connections() {
    bounded(async {
        let (started, mut handler_started) = mpsc::unbounded_channel::<()>();
        let served = serve(
            builder()
                .shutdown_timeout(Duration::from_secs(5))
                .on_new_call(move |_| {
                    let started = started.clone();
                    async move {
                        started.send(()).ok();
                        // Hold the request in flight (real sockets, so real time) while the
                        // test triggers the shutdown, which takes far less than 200 ms.
                        tokio::time::sleep(Duration::from_millis(200)).await;
                        Response::hang_up()
                    }
                }),
        )
        .await;
        let url = served.url("/");
        let address = served.address();
        let in_flight = tokio::spawn(async move { post_signed(&url, BODY).await });
        handler_started.recv().await.expect("the handler runs");
        served.shut_down().await;
        assert_eq!(in_flight.await.expect("answered").status(), 200);
        assert!(
            TcpStream::connect(address).await.is_err(),
            "the listener is closed after shutdown"
        );
    })
    .await;
}

#[tokio::test]
async fn missing_or_malformed_signatures_are_refused_before_the_body_is_read() {
    bounded(async {
        let refused = Arc::new(Mutex::new(Vec::new()));
        let seen = refused.clone();
        let served = serve(
            builder()
                // A long body deadline: a 401 must not wait for a body that never comes.
                .body_read_timeout(Duration::from_secs(30))
                .on_refused(move |rejection| {
                    seen.lock().expect("lock").push((
                        rejection.kind(),
                        rejection.status().as_u16(),
                        rejection.peer(),
                    ));
                }),
        )
        .await;
        let garbage = [
            None,
            Some("not base64!".to_owned()),
            Some(STANDARD.encode([1u8; 255])),
            Some(format!("{}AAAA", well_formed_fake_signature())),
        ];
        for signature in &garbage {
            // Headers only: 1000 body bytes announced, none sent.
            let mut stream = TcpStream::connect(served.address()).await.expect("connect");
            stream
                .write_all(head(1000, signature.as_deref()).as_bytes())
                .await
                .expect("written");
            let answer = read_to_close(&mut stream).await;
            assert!(
                answer.starts_with("HTTP/1.1 401 Unauthorized"),
                "{signature:?}: {answer}"
            );
        }
        let refused = refused.lock().expect("lock").clone();
        assert_eq!(refused.len(), garbage.len(), "{refused:?}");
        assert_eq!(refused[0].0, RejectionKind::SignatureMissing);
        for (kind, status, peer) in &refused[1..] {
            assert_eq!((*kind, *status), (RejectionKind::SignatureMalformed, 401));
            assert!(peer.is_some_and(|peer| peer.ip().is_loopback()), "{peer:?}");
        }
        served.shut_down().await;
    })
    .await;
}

#[tokio::test]
async fn a_well_formed_but_wrong_signature_is_refused_after_reading_the_body() {
    bounded(async {
        let refused = Arc::new(Mutex::new(Vec::new()));
        let seen = refused.clone();
        let served = serve(builder().on_refused(move |rejection| {
            seen.lock().expect("lock").push(rejection.kind());
        }))
        .await;
        let mut stream = TcpStream::connect(served.address()).await.expect("connect");
        let request = format!(
            "{}{BODY}",
            head(BODY.len(), Some(&well_formed_fake_signature()))
        )
        .replacen("\r\n", "\r\nConnection: close\r\n", 1);
        stream.write_all(request.as_bytes()).await.expect("written");
        let answer = read_to_close(&mut stream).await;
        assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
        assert_eq!(
            *refused.lock().expect("lock"),
            [RejectionKind::SignatureInvalid]
        );
        served.shut_down().await;
    })
    .await;
}

#[tokio::test]
async fn an_oversized_head_is_refused() {
    bounded(async {
        let served = serve(builder().header_limit(2048)).await;
        let mut stream = TcpStream::connect(served.address()).await.expect("connect");
        let request = format!(
            "POST / HTTP/1.1\r\nHost: x\r\nX-Padding: {}\r\n\r\n",
            "p".repeat(4096)
        );
        // The server may close before reading all of it.
        let _ = stream.write_all(request.as_bytes()).await;
        let answer = read_to_close(&mut stream).await;
        assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
        served.shut_down().await;
    })
    .await;
}

#[tokio::test]
async fn limits_must_be_usable() {
    for (builder, field) in [
        (
            WebhookServer::builder().max_connections(0),
            "max_connections",
        ),
        (
            WebhookServer::builder().header_read_timeout(Duration::ZERO),
            "header_read_timeout",
        ),
        (
            WebhookServer::builder().body_read_timeout(Duration::ZERO),
            "body_read_timeout",
        ),
        (
            WebhookServer::builder().handler_timeout(Duration::ZERO),
            "handler_timeout",
        ),
        (WebhookServer::builder().header_limit(100), "header_limit"),
    ] {
        let error = builder.build().expect_err(field);
        assert_eq!(error.invalid_field(), Some(field), "{error}");
        assert!(
            error
                .to_string()
                .starts_with(&format!("invalid `{field}`: ")),
            "{error}"
        );
    }
}

/// `router()` in your own app served with plain `axum::serve` (no connect info, no
/// connection limits) keeps the per-request protections.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_router_in_your_own_app_keeps_the_per_request_limits() {
    bounded(async {
        let server = builder()
            .body_read_timeout(Duration::from_millis(200))
            .handler_timeout(Duration::from_millis(200))
            .on_new_call(|call| async move {
                if call.call_id == "hang" {
                    std::future::pending::<()>().await;
                }
                Response::hang_up()
            })
            .build()
            .expect("valid configuration");
        let app = axum::Router::new().nest("/hook", server.router());
        let served = serve_app(app).await;
        let base = served.url("");
        let address = served.address();
        let raw = move |head: String| async move {
            let mut stream = TcpStream::connect(address).await.expect("connect");
            stream.write_all(head.as_bytes()).await.expect("written");
            read_to_close(&mut stream).await
        };
        let on_hook = |head: String| head.replacen("POST / ", "POST /hook ", 1);

        // Refused before buffering: unsigned, headers only.
        let answer = raw(on_hook(head(1000, None))).await;
        assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");

        // The body deadline: a stalled body is answered 408.
        let stalled = format!(
            "{}event=new",
            head(BODY.len(), Some(&well_formed_fake_signature()))
        );
        let answer = raw(on_hook(stalled)).await;
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");

        // The body limit.
        let answer = raw(on_hook(head(1 << 20, Some(&well_formed_fake_signature())))).await;
        assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");

        // The handler deadline.
        let hung = post_signed(&format!("{base}/hook"), "event=newCall&callId=hang").await;
        assert_eq!(hung.status(), 503);
    })
    .await;
}
