//! The server over real HTTP on port 0: events, statuses, follow-ups, panics, concurrency.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use sipgateio_test_support::webhook::{answer, post_signed, sign, sipgate_vector};
use sipgateio_webhook::xml::{Gather, RejectReason, Response};
use sipgateio_webhook::{CallDirection, Error, HangupCause, WebhookServer};
use support::{builder, http, start};
use tokio::sync::mpsc;

const HOOK: &str = "https://example.com/hook?a=1&b=2";
const EMPTY: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response/>";

#[tokio::test]
async fn every_event_type_reaches_its_handler_typed() {
    let (seen, mut events) = mpsc::unbounded_channel::<String>();
    let (a, b, c, d) = (seen.clone(), seen.clone(), seen.clone(), seen);
    let server = builder()
        .server_address(HOOK)
        .on_new_call(move |call| {
            let seen = a.clone();
            async move {
                seen.send(format!(
                    "newCall {} {} {:?}",
                    call.from, call.to, call.users
                ))
                .ok();
                Response::reject(RejectReason::Busy)
            }
        })
        .on_answer(move |answer| {
            let seen = b.clone();
            async move {
                seen.send(format!(
                    "answer {} {:?}",
                    answer.answering_number, answer.user
                ))
                .ok();
            }
        })
        .on_hangup(move |hangup| {
            let seen = c.clone();
            async move {
                assert_eq!(hangup.direction, CallDirection::Out);
                seen.send(format!("hangup {:?}", hangup.cause)).ok();
            }
        })
        .on_dtmf(move |dtmf| {
            let seen = d.clone();
            async move {
                seen.send(format!("dtmf {}", dtmf.digits)).ok();
                Response::redirect(["+4921100000"])
            }
        })
        .build()
        .expect("valid configuration");
    let running = start(server).await;

    let (status, content_type, body) = answer(
        post_signed(
            &running.url("/"),
            "event=newCall&from=4921&to=4922&user%5B%5D=A&user%5B%5D=B&callId=c",
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, content_type.as_deref()),
        (200, Some("application/xml"))
    );
    assert!(body.contains("<Reject reason=\"busy\"/>"), "{body}");
    assert_eq!(
        events.recv().await.as_deref(),
        Some("newCall +4921 +4922 [\"A\", \"B\"]")
    );

    let (status, _, body) = answer(
        post_signed(
            &running.url("/"),
            "event=answer&answeringNumber=4923&user=Bob&callId=c",
        )
        .await,
    )
    .await;
    assert_eq!(status, 200);
    assert!(body.contains("<Response onAnswer="), "{body}");
    assert_eq!(
        events.recv().await.as_deref(),
        Some("answer +4923 Some(\"Bob\")")
    );

    let (status, _, _) = answer(
        post_signed(
            &running.url("/"),
            "event=hangup&cause=normalClearing&direction=out&callId=c",
        )
        .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        events.recv().await,
        Some(format!("hangup {:?}", HangupCause::NormalClearing))
    );

    let (status, _, body) =
        answer(post_signed(&running.url("/"), "event=dtmf&dtmf=01&callId=c").await).await;
    assert_eq!(status, 200);
    assert!(body.contains("<Number>+4921100000</Number>"), "{body}");
    assert_eq!(events.recv().await.as_deref(), Some("dtmf 01"));

    // An unknown event: 200 with an empty answer (plus the follow-ups), no handler runs.
    let (status, _, body) =
        answer(post_signed(&running.url("/"), "event=toString&callId=c").await).await;
    assert_eq!(status, 200);
    assert!(
        body.contains("<Response onAnswer=") && body.ends_with("/>"),
        "{body}"
    );
    assert!(events.try_recv().is_err());
}

#[tokio::test]
async fn the_signed_vector_end_to_end_with_sipgates_default_key() {
    let (seen, mut received) = mpsc::unbounded_channel();
    let server = WebhookServer::builder()
        .on_new_call(move |call| {
            let seen = seen.clone();
            async move {
                seen.send((call.users, call.user_ids, call.full_user_ids, call.from))
                    .ok();
            }
        })
        .build()
        .expect("valid");
    let running = start(server).await;
    let send = |body: &'static str| {
        http()
            .post(running.url("/"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("x-sipgate-signature", sipgate_vector().signature)
            .body(body)
            .send()
    };
    let (status, _, body) =
        answer(send(sipgate_vector().valid_body).await.expect("answered")).await;
    assert_eq!((status, body.as_str()), (200, EMPTY));
    let (users, user_ids, full_user_ids, from) = received.recv().await.expect("handler ran");
    assert_eq!(users, ["TestUser"]);
    assert_eq!(user_ids, ["123456789"]);
    assert_eq!(full_user_ids, ["123456789"]);
    assert_eq!(from, "+4912354678");

    let (status, _, _) = answer(
        send(sipgate_vector().tampered_body)
            .await
            .expect("answered"),
    )
    .await;
    assert_eq!(status, 401);
    assert!(
        received.try_recv().is_err(),
        "the handler must not run for a forged body"
    );
}

#[tokio::test]
async fn follow_up_urls_come_from_the_server_address() {
    let server = builder()
        .server_address(HOOK)
        .on_new_call(|_| async {
            Response::gather(
                Gather::new()
                    .max_digits(2)
                    .timeout_ms(1500)
                    .play("https://e.com/a.wav"),
            )
        })
        .on_answer(|_| async {})
        .on_hangup(|_| async {})
        .on_dtmf(|_| async { Response::hang_up() })
        .build()
        .expect("valid");
    let running = start(server).await;
    let (_, _, body) = answer(post_signed(&running.url("/"), "event=newCall").await).await;
    assert_eq!(
        body,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<Response onAnswer=\"https://example.com/hook?a=1&amp;b=2\" onHangup=\"https://example.com/hook?a=1&amp;b=2\">\n    \
<Gather maxDigits=\"2\" timeout=\"1500\" onData=\"https://example.com/hook?a=1&amp;b=2\">\n        \
<Play>\n            <Url>https://e.com/a.wav</Url>\n        </Play>\n    </Gather>\n</Response>"
    );
}

#[tokio::test]
async fn follow_ups_only_for_registered_handlers_and_never_overriding_the_handler() {
    let server = builder()
        .server_address(HOOK)
        .on_new_call(|_| async { Response::hang_up().on_hangup("https://other.example/h") })
        .on_hangup(|_| async {})
        .build()
        .expect("valid");
    let running = start(server).await;
    let (_, _, body) = answer(post_signed(&running.url("/"), "event=newCall").await).await;
    assert!(
        body.contains("<Response onHangup=\"https://other.example/h\">"),
        "{body}"
    );
    assert!(!body.contains("onAnswer"), "{body}");

    // No handlers at all: `<Response/>` exactly.
    let running = start(builder().build().expect("valid")).await;
    let (status, _, body) = answer(post_signed(&running.url("/"), "event=newCall").await).await;
    assert_eq!((status, body.as_str()), (200, EMPTY));
}

#[tokio::test]
async fn follow_up_handlers_need_a_server_address_at_build_time() {
    let cases: [(&str, sipgateio_webhook::WebhookServerBuilder); 3] = [
        ("answer", WebhookServer::builder().on_answer(|_| async {})),
        ("hangup", WebhookServer::builder().on_hangup(|_| async {})),
        ("dtmf", WebhookServer::builder().on_dtmf(|_| async {})),
    ];
    for (event, builder) in cases {
        match builder.build() {
            Err(Error::InvalidInput(invalid)) => {
                assert_eq!(invalid.field(), "server_address");
                assert!(invalid.rule().contains(event), "{invalid}");
            }
            other => panic!("{event}: {other:?}"),
        }
    }
    assert!(
        WebhookServer::builder()
            .on_new_call(|_| async {})
            .build()
            .is_ok()
    );
    for bad in [
        "",
        "example.com/hook",
        "ftp://example.com",
        "https://exa mple.com",
    ] {
        let result = WebhookServer::builder().server_address(bad).build();
        assert!(
            matches!(result, Err(ref error) if error.invalid_field() == Some("server_address")),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn refused_requests_get_real_statuses_and_never_reach_the_handler() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let server = builder()
        .body_limit(1024)
        .on_new_call(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
            async {}
        })
        .build()
        .expect("valid");
    let running = start(server).await;
    let url = running.url("/");
    let url = url.as_str();
    let form = "application/x-www-form-urlencoded";
    let body = "event=newCall&callId=1";
    let client = http();

    // 405: not POST.
    let response = client.get(url).send().await.expect("answered");
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "POST");

    // 401: no signature, forged signature, signature of another body, garbage.
    let unsigned = client
        .post(url)
        .header("content-type", form)
        .body(body)
        .send()
        .await;
    assert_eq!(unsigned.expect("answered").status(), 401);
    for signature in [
        sign(b"event=newCall&callId=2"),
        "garbage".to_owned(),
        sipgate_vector().signature.to_owned(),
    ] {
        let response = client
            .post(url)
            .header("content-type", form)
            .header("x-sipgate-signature", signature)
            .body(body)
            .send()
            .await
            .expect("answered");
        assert_eq!(response.status(), 401);
    }

    // 415: wrong content type (Node never answered these).
    for content_type in [
        "application/json",
        "text/plain",
        "multipart/form-data; boundary=x",
    ] {
        let response = client
            .post(url)
            .header("content-type", content_type)
            .header("x-sipgate-signature", sign(body.as_bytes()))
            .body(body)
            .send()
            .await
            .expect("answered");
        assert_eq!(response.status(), 415, "{content_type}");
    }

    // 413: over the limit, with Content-Length and streamed without it.
    let big = format!("event=newCall&callId={}", "x".repeat(2000));
    let response = post_signed(url, &big).await;
    assert_eq!(response.status(), 413);
    let chunks: Vec<Result<String, std::io::Error>> =
        vec![Ok("event=newCall&x=".to_owned()), Ok("y".repeat(2000))];
    let response = client
        .post(url)
        .header("content-type", form)
        .header("x-sipgate-signature", sign(big.as_bytes()))
        .body(sipgate_body_stream(chunks))
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status(), 413);

    // 400: signed but malformed (no event).
    let response = post_signed(url, "callId=1&from=4921").await;
    assert_eq!(response.status(), 400);

    assert_eq!(
        calls.load(Ordering::SeqCst),
        0,
        "no refused request reached the handler"
    );

    // A missing content type is accepted, like Node.
    let response = client
        .post(url)
        .header("x-sipgate-signature", sign(body.as_bytes()))
        .body(body)
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status(), 200);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

fn sipgate_body_stream(chunks: Vec<Result<String, std::io::Error>>) -> reqwest::Body {
    reqwest::Body::wrap_stream(futures_util::stream::iter(chunks))
}

#[tokio::test]
async fn skipping_verification_is_explicit() {
    let running = start(
        WebhookServer::builder()
            .skip_signature_verification()
            .build()
            .expect("valid"),
    )
    .await;
    let response = http()
        .post(running.url("/"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("event=newCall")
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn failing_and_panicking_handlers_get_500_and_the_server_keeps_serving() {
    let server = builder()
        .server_address(HOOK)
        .on_new_call(|call| async move {
            match call.call_id.as_str() {
                "panic" => panic!("handler bug"),
                "fail" => Err("database down"),
                _ => Ok(Response::hang_up()),
            }
        })
        .on_dtmf(|dtmf| {
            // Panics before returning its future.
            assert_ne!(dtmf.digits, "9", "synchronous handler bug");
            async { Response::hang_up() }
        })
        .build()
        .expect("valid");
    let running = start(server).await;
    for body in [
        "event=newCall&callId=panic",
        "event=newCall&callId=fail",
        "event=dtmf&dtmf=9",
    ] {
        let (status, _, _) = answer(post_signed(&running.url("/"), body).await).await;
        assert_eq!(status, 500, "{body}");
    }
    let (status, _, body) =
        answer(post_signed(&running.url("/"), "event=newCall&callId=ok").await).await;
    assert_eq!(status, 200);
    assert!(body.contains("<Hangup/>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_requests_all_answered_correctly() {
    let server = builder()
        .on_new_call(|call| async move { Response::redirect([call.call_id]) })
        .build()
        .expect("valid");
    let running = start(server).await;
    let url = Arc::new(running.url("/"));
    let client = http();
    let mut tasks = Vec::new();
    for task in 0..50 {
        let (url, client) = (url.clone(), client.clone());
        tasks.push(tokio::spawn(async move {
            for request in 0..20 {
                let id = format!("{}", 1000 + task * 20 + request);
                let body = format!("event=newCall&callId={id}");
                let response = client
                    .post(url.as_str())
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("x-sipgate-signature", sign(body.as_bytes()))
                    .body(body)
                    .send()
                    .await
                    .expect("answered");
                assert_eq!(response.status(), 200);
                let text = response.text().await.expect("body");
                assert!(text.contains(&format!("<Number>{id}</Number>")), "{text}");
            }
        }));
    }
    for task in tasks {
        task.await.expect("task ok");
    }
}

#[tokio::test]
async fn the_router_mounts_inside_another_app() {
    use axum::routing::get;
    let server = builder()
        .on_new_call(|_| async { Response::hang_up() })
        .build()
        .expect("valid");
    let app = axum::Router::new()
        .route("/health", get(|| async { "ok" }))
        .nest("/hook", server.router());
    let served = support::serve_app(app).await;
    let base = served.url("");

    assert_eq!(
        http()
            .get(format!("{base}/health"))
            .send()
            .await
            .expect("ok")
            .text()
            .await
            .expect("text"),
        "ok"
    );
    for path in ["/hook", "/hook/incoming"] {
        let (status, _, body) =
            answer(post_signed(&format!("{base}{path}"), "event=newCall").await).await;
        assert_eq!(status, 200, "{path}");
        assert!(body.contains("<Hangup/>"), "{path}");
    }
    let response = post_signed(&format!("{base}/elsewhere"), "event=newCall").await;
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn the_extractor_runs_the_same_checks_on_your_own_routes() {
    use axum::routing::post;
    use sipgateio_webhook::{Event, VerifiedEvent, WebhookVerifier, Xml};

    async fn hook(VerifiedEvent(event): VerifiedEvent) -> Xml {
        match event {
            Event::NewCall(call) => Xml(Response::redirect([call.to]).expect("valid number")),
            _ => Xml(Response::empty()),
        }
    }
    let verifier = WebhookVerifier::new(support::test_public_key());
    let app = axum::Router::new()
        .route("/custom", post(hook))
        .with_state(verifier);
    let served = support::serve_app(app).await;
    let url = served.url("/custom");

    let (status, content_type, body) =
        answer(post_signed(&url, "event=newCall&to=4921100000").await).await;
    assert_eq!(
        (status, content_type.as_deref()),
        (200, Some("application/xml"))
    );
    assert!(body.contains("<Number>+4921100000</Number>"), "{body}");
    let forged = http()
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("x-sipgate-signature", sign(b"other"))
        .body("event=newCall")
        .send()
        .await
        .expect("answered");
    assert_eq!(forged.status(), 401);
    let malformed = post_signed(&url, "no=event").await;
    assert_eq!(malformed.status(), 400);
}

#[tokio::test]
async fn dispatch_runs_handlers_without_http() {
    let server = builder()
        .server_address("https://example.com/hook")
        .on_new_call(|call| async move { Some(Response::redirect([call.from])) })
        .on_answer(|_| async {})
        .build()
        .expect("valid");
    let event = sipgateio_webhook::Event::from_form(b"event=newCall&from=4921").expect("event");
    let response = server.dispatch(event).await.expect("handled");
    assert_eq!(response.on_answer_url(), Some("https://example.com/hook"));
    assert!(response.to_xml().contains("<Number>+4921</Number>"));
}

#[tokio::test]
async fn graceful_shutdown_finishes_requests_in_flight() {
    let (started, mut handler_started) = mpsc::unbounded_channel::<()>();
    let server = builder()
        .on_new_call(move |_| {
            let started = started.clone();
            async move {
                started.send(()).ok();
                // Hold the request in flight (real sockets, so real time) while the test
                // triggers the shutdown, which takes far less than 300 ms.
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                Response::hang_up()
            }
        })
        .build()
        .expect("valid");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/", listener.local_addr().expect("address"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server.serve_with_shutdown(listener, async {
        let _ = stopped.await;
    }));

    let in_flight = tokio::spawn({
        let url = url.clone();
        async move { answer(post_signed(&url, "event=newCall").await).await }
    });
    handler_started.recv().await.expect("handler started");
    stop.send(()).expect("server still running");

    let (status, _, body) = in_flight.await.expect("request task");
    assert_eq!(status, 200);
    assert!(body.contains("<Hangup/>"));
    serving.await.expect("serve task").expect("clean shutdown");
    assert!(
        http()
            .post(&url)
            .body("event=newCall")
            .send()
            .await
            .is_err(),
        "no longer listening"
    );
}

/// The documented default body limit: 64 KiB (65,536 bytes) pass, one byte more is 413 —
/// declared by `Content-Length` or counted while streaming.
#[tokio::test]
async fn the_default_body_limit_is_64_kib() {
    use axum::body::Body;
    use axum::http::Request;
    use sipgateio_webhook::{Event, RejectionKind, WebhookVerifier};

    let verifier = WebhookVerifier::default().skip_signature_verification();
    let body_of = |len: usize| {
        let mut body = String::from("event=newCall&xcid=");
        body.push_str(&"x".repeat(len - body.len()));
        body
    };
    let request = |body: String, declared: bool| {
        let builder =
            Request::post("/").header("content-type", "application/x-www-form-urlencoded");
        let builder = if declared {
            builder.header("content-length", body.len())
        } else {
            builder
        };
        builder.body(Body::from(body)).expect("request")
    };
    for declared in [true, false] {
        let event = verifier
            .verify(request(body_of(65_536), declared))
            .await
            .expect("64 KiB are accepted");
        let Event::NewCall(call) = event else {
            panic!("a newCall")
        };
        assert_eq!(call.xcid.len(), 65_536 - "event=newCall&xcid=".len());

        let refused = verifier
            .verify(request(body_of(65_537), declared))
            .await
            .expect_err("one byte more is refused");
        assert_eq!(
            refused.kind(),
            RejectionKind::TooLarge,
            "declared: {declared}"
        );
        assert_eq!(refused.status(), 413);
    }
}
