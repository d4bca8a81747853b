//! Benchmark harnesses comparing sipgateio-rs with the official Node library, and the shared
//! pieces of the load tests in `benches/tests/`.
//!
//! Run everything with `benches/run.sh` (it installs sipgateio-node into an ignored folder);
//! the figures and how they were taken are in `BENCHMARKS.md`. The binaries:
//!
//! * `stub-api`: a local stand-in for the sipgate REST API that counts TCP connections.
//! * `client-bench`: sequential `client.numbers().list(..)` calls with the Rust client.
//! * `webhook-server`: our webhook server (signed or unsigned) or a bare axum ceiling.
//! * `contacts-bench`: CSV import payload and vCard export, generated inputs.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use sipgateio_webhook::WebhookServer;
use sipgateio_webhook::xml::{Gather, Response};

/// The announcement URL every benchmarked webhook answer plays.
pub const PROMPT_URL: &str = "https://example.com/menu.wav";

/// sipgate's signed `newCall` test vector (a public fact, copied from the webhook crate).
const VECTOR: &str = include_str!("../data/webhook-signature-vector.txt");

fn vector(key: &str) -> &'static str {
    VECTOR
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
        .unwrap_or_default()
}

/// A real `newCall` body that sipgate signed with its 4096-bit key.
pub fn signed_new_call_body() -> &'static str {
    vector("VALID_BODY")
}

/// The `X-Sipgate-Signature` of [`signed_new_call_body`].
pub fn signed_new_call_signature() -> &'static str {
    vector("SIGNATURE")
}

/// The answer every benchmarked server gives to `newCall`: a one-digit gather with a prompt.
pub fn gather_answer() -> Response {
    Response::gather(
        Gather::new()
            .max_digits(1)
            .timeout_ms(3000)
            .play(PROMPT_URL),
    )
    .unwrap_or_else(|_| Response::hang_up())
}

/// Our webhook server answering `newCall` with [`gather_answer`]; `signed` checks the
/// signature against sipgate's own key.
pub fn webhook_server(signed: bool) -> Result<WebhookServer, sipgateio_webhook::Error> {
    let builder = WebhookServer::builder()
        .server_address("http://127.0.0.1/")
        .on_new_call(|_call| async move { gather_answer() });
    if signed {
        builder.build()
    } else {
        builder.skip_signature_verification().build()
    }
}

/// A bare axum router answering every `POST /` with the same XML as a constant: the ceiling.
pub fn ceiling_router() -> axum::Router {
    let xml: &'static str = Box::leak(gather_answer().to_xml().into_boxed_str());
    axum::Router::new().route(
        "/",
        axum::routing::post(move || async move {
            ([(axum::http::header::CONTENT_TYPE, "application/xml")], xml)
        }),
    )
}

/// The peak resident set size (`VmHWM`) of a process in KiB, from `/proc/<pid>/status`.
pub fn peak_rss_kib(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// A TCP listener that counts accepted connections, to verify connection reuse.
#[derive(Debug)]
pub struct CountingListener {
    inner: tokio::net::TcpListener,
    accepted: Arc<AtomicUsize>,
}

impl CountingListener {
    /// Wraps a bound listener; `accepted` is incremented per connection.
    pub fn new(inner: tokio::net::TcpListener, accepted: Arc<AtomicUsize>) -> Self {
        Self { inner, accepted }
    }
}

impl axum::serve::Listener for CountingListener {
    type Io = tokio::net::TcpStream;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (io, addr) = axum::serve::Listener::accept(&mut self.inner).await;
        self.accepted.fetch_add(1, Ordering::Relaxed);
        (io, addr)
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}
