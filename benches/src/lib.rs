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

/// Serves `app` on `listener` as `WebhookServer`'s built-in server serves its router: hyper's
/// HTTP/1 with the same settings (keep-alive, a 10 s header read timeout on tokio's timer, a
/// 16 KiB header and read-buffer limit, `TCP_NODELAY`, a cap of 512 connections, graceful
/// connection watching), so that the ceiling differs from our server only in the handler.
pub async fn serve_like_webhook_server(app: axum::Router, listener: tokio::net::TcpListener) {
    use hyper::service::Service as _;
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;

    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(std::time::Duration::from_secs(10))
        .keep_alive(true)
        .max_header_size(16 * 1024)
        .max_buf_size(16 * 1024);
    let permits = Arc::new(tokio::sync::Semaphore::new(512));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut connections = tokio::task::JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        let Ok(permit) = permits.clone().acquire_owned().await else {
            return;
        };
        let Ok((stream, peer)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = TowerToHyperService::new(app.clone());
        let service = hyper::service::service_fn(
            move |mut request: hyper::Request<hyper::body::Incoming>| {
                request
                    .extensions_mut()
                    .insert(axum::extract::ConnectInfo(peer));
                router.call(request)
            },
        );
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        connections.spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
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

/// Contact number `i` of the contacts benchmark as one line of JSON, as the API returns
/// contacts: one e-mail, one number, one address, an organisation, and the fields in the
/// order of `ContactResponse` in sipgate's API description (`id`, `name`, `picture`,
/// `emails`, `numbers`, `addresses`, `organization`, `scope`). The order matters to a fair
/// export benchmark: decoding allocates in key order, and with the keys sorted (as
/// `serde_json::json!` sorts them) every contact's address lies before its name in memory,
/// which the export reads against the grain (45 instead of 24 ms for 100,000 contacts).
pub fn contact_json(i: usize) -> String {
    use sipgateio_contacts_format::{Address, Contact, ContactId, Email, PhoneNumber, Scope};
    let mut contact = Contact::new(
        ContactId::new(format!("c{i}")),
        format!("Given{i} Family{i}"),
        Scope::Private,
    );
    contact.emails = vec![Email::new(format!("person{i}@example.com")).types(["work"])];
    contact.numbers = vec![PhoneNumber::new(format!("+49211{i:08}")).types(["cell"])];
    let mut address = Address::new(
        format!("Gladbacher Str. {i}"),
        "40219",
        "Düsseldorf",
        "Germany",
    );
    address.region = "NRW".into();
    contact.addresses = vec![address];
    contact.organization = vec![vec!["sipgate".into(), "Support".into()]];
    serde_json::to_string(&contact).unwrap_or_default()
}

/// The CSV of the import benchmark: `firstname,lastname,number,notes` and `rows` rows.
pub fn contacts_csv(rows: usize) -> String {
    use std::fmt::Write as _;
    let mut csv = String::from("firstname,lastname,number,notes\n");
    for i in 0..rows {
        let _ = writeln!(
            csv,
            "Given{i},Family{i},+49211{i:08},customer since {}",
            2000 + i % 25
        );
    }
    csv
}

/// The peak resident set size (`VmHWM`) of a process in KiB, from `/proc/<pid>/status`.
pub fn peak_rss_kib(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The CPU time (user + system) of a process in seconds, from `/proc/<pid>/stat`.
pub fn cpu_seconds(pid: &str) -> Option<f64> {
    cpu_split(pid).map(|(user, system)| user + system)
}

/// The user and system CPU time of a process in seconds, from `/proc/<pid>/stat` (in clock
/// ticks of 1/100 s, as Linux reports them to user space).
pub fn cpu_split(pid: &str) -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces; the fields after it are plain.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    Some((user / 100.0, system / 100.0))
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
