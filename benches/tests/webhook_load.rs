//! The webhook server under concurrent load: a fixed number of requests from concurrent
//! clients, every answer checked (the 60 s soak is `benches/run.sh soak`). How fast it answers
//! is the benchmarks' business, not a test's: nothing here measures time.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use sipgateio_benchmarks::{gather_answer, signed_new_call_body, signed_new_call_signature};
use sipgateio_webhook::{SIGNATURE_HEADER, WebhookServer};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

const CONCURRENCY: usize = 32;
/// Requests each of the `CONCURRENCY` clients sends, one after the other.
const REQUESTS_PER_TASK: usize = 40;
/// Every request of a load run.
const REQUESTS: usize = CONCURRENCY * REQUESTS_PER_TASK;

async fn start(server: WebhookServer) -> (SocketAddr, oneshot::Sender<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(server.serve_with_shutdown(listener, async {
        let _ = stopped.await;
    }));
    (address, stop)
}

/// A client whose requests give up after 30 s: a hang guard, not a speed assertion (a server
/// that stops answering fails the test as failed requests instead of hanging it).
fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("HTTP client")
}

fn post(http: &reqwest::Client, address: SocketAddr, body: String) -> reqwest::RequestBuilder {
    http.post(format!("http://{address}/"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
}

#[derive(Default)]
struct Tally {
    ok: AtomicUsize,
    failed: AtomicUsize,
}

/// `CONCURRENCY` tasks send `REQUESTS_PER_TASK` requests each, made by `request(task, n)`;
/// `check` judges each (status, body) answer.
async fn load<R, C>(request: R, check: C) -> Arc<Tally>
where
    R: Fn(usize, usize) -> reqwest::RequestBuilder + Send + Sync + 'static,
    C: Fn(usize, usize, u16, &str) -> bool + Send + Sync + 'static,
{
    let (request, check) = (Arc::new(request), Arc::new(check));
    let tally = Arc::new(Tally::default());
    let tasks: Vec<_> = (0..CONCURRENCY)
        .map(|task| {
            let (request, check, tally) = (request.clone(), check.clone(), tally.clone());
            tokio::spawn(async move {
                for n in 0..REQUESTS_PER_TASK {
                    let good = match request(task, n).send().await {
                        Ok(answer) => {
                            let status = answer.status().as_u16();
                            let text = answer.text().await.unwrap_or_default();
                            check(task, n, status, &text)
                        }
                        Err(_) => false,
                    };
                    let counter = if good { &tally.ok } else { &tally.failed };
                    counter.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("load task");
    }
    tally
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_requests_under_concurrent_load_all_succeed() {
    let server = sipgateio_benchmarks::webhook_server(true).expect("server");
    let (address, _stop) = start(server).await;
    let http = http_client();
    // The answer plus the follow-up URL the server adds from its address.
    let expected = gather_answer().to_xml().replace(
        "timeout=\"3000\">",
        "timeout=\"3000\" onData=\"http://127.0.0.1/\">",
    );
    let tally = load(
        move |_, _| {
            post(&http, address, signed_new_call_body().to_owned())
                .header(SIGNATURE_HEADER, signed_new_call_signature())
        },
        move |_, _, status, text| {
            status == 200 && text.contains("<Gather") && {
                // The server adds nothing here (no follow-up handlers): the answer is exact.
                text == expected
            }
        },
    )
    .await;
    let (ok, failed) = (
        tally.ok.load(Ordering::Relaxed),
        tally.failed.load(Ordering::Relaxed),
    );
    assert_eq!(
        (ok, failed),
        (REQUESTS, 0),
        "{failed} of {REQUESTS} requests failed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_signatures_under_load_are_all_refused() {
    let server = sipgateio_benchmarks::webhook_server(true).expect("server");
    let (address, _stop) = start(server).await;
    let http = http_client();
    let tally = load(
        move |task, n| {
            // Every other request carries a body that does not match its signature.
            let body = if (task + n) % 2 == 0 {
                signed_new_call_body().to_owned()
            } else {
                signed_new_call_body().replace("123456789", "123456779")
            };
            post(&http, address, body).header(SIGNATURE_HEADER, signed_new_call_signature())
        },
        |task, n, status, text| {
            if (task + n) % 2 == 0 {
                status == 200 && text.contains("<Gather")
            } else {
                status == 401 && !text.contains("<Gather")
            }
        },
    )
    .await;
    assert_eq!(
        (
            tally.ok.load(Ordering::Relaxed),
            tally.failed.load(Ordering::Relaxed)
        ),
        (REQUESTS, 0)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_handler_under_load_leaves_every_other_request_answered() {
    let server = WebhookServer::builder()
        .skip_signature_verification()
        .on_new_call(|call| async move {
            assert!(
                !call.call_id.as_str().starts_with("panic"),
                "handler panics on purpose"
            );
            gather_answer()
        })
        .build()
        .expect("server");
    let (address, _stop) = start(server).await;
    let http = http_client();
    let panics = Arc::new(AtomicUsize::new(0));
    let seen = panics.clone();
    let tally = load(
        move |task, n| {
            let id = if n % 3 == 0 { "panic" } else { "call" };
            post(
                &http,
                address,
                format!("event=newCall&from=49211&to=49212&callId={id}-{task}-{n}"),
            )
        },
        move |_, n, status, text| {
            if n % 3 == 0 {
                seen.fetch_add(1, Ordering::Relaxed);
                status == 500
            } else {
                status == 200 && text.contains("<Gather")
            }
        },
    )
    .await;
    let (ok, failed) = (
        tally.ok.load(Ordering::Relaxed),
        tally.failed.load(Ordering::Relaxed),
    );
    assert_eq!(
        (ok, failed),
        (REQUESTS, 0),
        "{failed} of {REQUESTS} requests failed"
    );
    // Every third request of each task (n = 0, 3, …, 39) made the handler panic.
    assert_eq!(
        panics.load(Ordering::Relaxed),
        CONCURRENCY * REQUESTS_PER_TASK.div_ceil(3)
    );
    // And the server still serves afterwards.
    let after = post(&http_client(), address, "event=newCall&callId=after".into())
        .send()
        .await
        .expect("server alive");
    assert_eq!(after.status().as_u16(), 200);
}
