//! Benchmark harnesses comparing sipgateio-rs with the official Node library.
//!
//! Run everything with `benches/run.sh` (it installs sipgateio-node into an ignored folder and
//! writes the figures to `BENCHMARKS.md`). The binaries:
//!
//! * `stub-api`: a local stand-in for the sipgate REST API that counts TCP connections.
//! * `client-bench`: sequential GETs with the Rust client.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

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
