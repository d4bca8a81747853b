//! The built-in server: a hyper accept loop with the connection-level limits (header read
//! timeout, which also bounds idle keep-alive, header size, a connection cap, graceful
//! shutdown with a deadline). The per-request limits live in the router (see `server.rs`).

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::{Service as _, service_fn};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// hyper refuses a read buffer smaller than this (`http1::Builder::max_buf_size`).
const MIN_BUFFER: usize = 8 * 1024;

/// How long to wait before accepting again after an error that is not about one connection
/// (e.g. too many open files).
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// The default header read timeout (also the idle keep-alive timeout).
pub(crate) const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// The default header size limit.
pub(crate) const DEFAULT_HEADER_LIMIT: usize = 16 * 1024;
/// The default connection cap.
pub(crate) const DEFAULT_MAX_CONNECTIONS: usize = 512;
/// The default shutdown deadline.
pub(crate) const DEFAULT_SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(10);

/// The limits only the built-in server applies (they need the connection, not a request).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConnectionLimits {
    pub(crate) header_read_timeout: Duration,
    pub(crate) header_limit: usize,
    pub(crate) max_connections: usize,
    pub(crate) shutdown_timeout: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            header_limit: DEFAULT_HEADER_LIMIT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            shutdown_timeout: DEFAULT_SHUTDOWN_TIMEOUT,
        }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then stops accepting, lets the
/// connections in flight finish for up to the shutdown timeout and closes what remains.
pub(crate) async fn serve(
    app: Router,
    listener: TcpListener,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true)
        .max_header_size(limits.header_limit)
        .max_buf_size(limits.header_limit.max(MIN_BUFFER));
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();
    let mut shutdown = pin!(shutdown);

    loop {
        while connections.try_join_next().is_some() {}
        // The cap: take a permit before accepting, so that past the cap new connections wait
        // in the listen backlog instead of being read.
        let permit = tokio::select! {
            biased;
            () = &mut shutdown => break,
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                // The semaphore is never closed.
                Err(_) => break,
            },
        };
        if permits.available_permits() == 0 {
            tracing::debug!(
                max_connections = limits.max_connections,
                "connection cap reached: new connections wait in the listen backlog"
            );
        }
        let Some((stream, peer)) = accept(&listener, &mut shutdown, &mut connections).await else {
            break;
        };
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%peer, %error, "cannot set TCP_NODELAY");
        }
        let router = TowerToHyperService::new(app.clone());
        let service = service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            router.call(request)
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        connections.spawn(async move {
            if let Err(error) = connection.await {
                if error.is_timeout() {
                    tracing::debug!(%peer, "closed a connection that sent no complete request head within the header read timeout");
                } else {
                    tracing::debug!(%peer, %error, "connection ended with an error");
                }
            }
            drop(permit);
        });
    }

    drop(listener);
    let deadline = limits.shutdown_timeout;
    tracing::info!(
        open = connections.len(),
        ?deadline,
        "webhook server stopping: no new connections; finishing requests in flight"
    );
    let finished = tokio::time::timeout(deadline, async {
        graceful.shutdown().await;
        while connections.join_next().await.is_some() {}
    })
    .await;
    if finished.is_err() {
        tracing::warn!(
            open = connections.len(),
            ?deadline,
            "closing the connections still open after the shutdown timeout"
        );
        connections.shutdown().await;
    }
    tracing::info!("webhook server stopped");
}

/// Accepts one connection; `None` once `shutdown` completes. Meanwhile reaps the finished
/// connection tasks, so that a quiet server after a burst does not keep their task cells.
async fn accept(
    listener: &TcpListener,
    shutdown: &mut (impl Future<Output = ()> + Unpin),
    connections: &mut JoinSet<()>,
) -> Option<(TcpStream, SocketAddr)> {
    loop {
        tokio::select! {
            biased;
            () = &mut *shutdown => return None,
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            accepted = listener.accept() => match accepted {
                Ok(accepted) => return Some(accepted),
                Err(error) if is_connection_error(&error) => {
                    tracing::debug!(%error, "a connection failed before it was accepted");
                }
                Err(error) => {
                    tracing::error!(%error, "cannot accept connections; retrying in 100 ms");
                    tokio::select! {
                        biased;
                        () = &mut *shutdown => return None,
                        () = tokio::time::sleep(ACCEPT_BACKOFF) => {}
                    }
                }
            },
        }
    }
}

/// Errors about one connection (the client went away); accepting continues at once.
fn is_connection_error(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}
