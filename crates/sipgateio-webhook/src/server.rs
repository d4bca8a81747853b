//! The webhook server: a builder, an axum `Router`, and a standalone `serve`.

use std::any::Any;
use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response as HttpResponse};
use axum::routing::any;
use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use sipgateio_xml::{Action, Response};
use tokio::net::{TcpListener, ToSocketAddrs};

use crate::error::{Error, Result};
use crate::event::{AnswerEvent, DtmfEvent, Event, HangupEvent, NewCallEvent};
use crate::ip::IpAllowList;
use crate::reply::{HandlerError, IntoWebhookResponse};
use crate::serve::{self, ConnectionLimits};
use crate::signature::PublicKey;
use crate::verify::{WebhookRejection, WebhookVerifier, Xml};

/// The default handler timeout.
const DEFAULT_HANDLER_TIMEOUT: Duration = Duration::from_secs(30);

type RefusedObserver = Arc<dyn Fn(&WebhookRejection) + Send + Sync>;

type Handler<E> =
    Arc<dyn Fn(E) -> BoxFuture<'static, Result<Response, HandlerError>> + Send + Sync>;

fn boxed<E, F, Fut, R>(handler: F) -> Handler<E>
where
    F: Fn(E) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = R> + Send + 'static,
    R: IntoWebhookResponse,
{
    Arc::new(move |event| {
        let future = handler(event);
        Box::pin(async move { future.await.into_webhook_response() })
    })
}

#[derive(Default, Clone)]
struct Handlers {
    new_call: Option<Handler<NewCallEvent>>,
    answer: Option<Handler<AnswerEvent>>,
    hangup: Option<Handler<HangupEvent>>,
    dtmf: Option<Handler<DtmfEvent>>,
}

/// Builds a [`WebhookServer`]: where sipgate reaches it, how requests are checked, the
/// handlers per event and the limits.
///
/// Registering an `answer`, `hangup` or `dtmf` handler needs the public
/// [`server_address`](Self::server_address): sipgate posts those follow-up events to the URLs
/// in the XML answer, and [`build`](Self::build) fails without one. Registering a handler twice
/// replaces the first.
///
/// # Limits
///
/// The server faces the internet, and anyone can reach it before a signature is checked, so
/// every phase of a request has a time or size limit. sipgate documents no webhook timeout;
/// the defaults are what a careful operator would choose for a client that sends a few hundred
/// bytes in one packet, and each has a setting:
///
/// | limit | default | applies in |
/// |---|---|---|
/// | [`body_limit`](Self::body_limit) | 64 KiB | every request ([`router`](WebhookServer::router) too) |
/// | [`body_read_timeout`](Self::body_read_timeout) | 10 s | every request |
/// | [`handler_timeout`](Self::handler_timeout) | 30 s | every request |
/// | refusal before buffering (missing or malformed `X-Sipgate-Signature`: 401 without reading the body) | on while signatures are checked | every request |
/// | [`header_read_timeout`](Self::header_read_timeout) (also the idle keep-alive timeout) | 10 s | the built-in [`serve`](WebhookServer::serve) only |
/// | [`header_limit`](Self::header_limit) | 16 KiB | `serve` only |
/// | [`max_connections`](Self::max_connections) | 512 | `serve` only |
/// | [`shutdown_timeout`](Self::shutdown_timeout) | 10 s | `serve` only |
///
/// A connection therefore lives at most about header read timeout + body read timeout +
/// handler timeout per request, and no longer than the header read timeout while idle.
///
/// ```
/// use std::time::Duration;
/// use sipgateio_webhook::WebhookServer;
///
/// let server = WebhookServer::builder()
///     .server_address("https://example.com/hook")
///     .header_read_timeout(Duration::from_secs(5))
///     .body_read_timeout(Duration::from_secs(5))
///     .handler_timeout(Duration::from_secs(8))
///     .max_connections(256)
///     .shutdown_timeout(Duration::from_secs(3))
///     .on_refused(|refused| tracing::warn!(status = %refused.status(), reason = refused.message(), "refused"))
///     .build()?;
/// # let _ = server;
/// # Ok::<(), sipgateio_webhook::Error>(())
/// ```
#[doc(alias = "createServer")]
#[must_use]
pub struct WebhookServerBuilder {
    server_address: Option<String>,
    /// Why [`local_server_address`](Self::local_server_address) could not read the address
    /// (reported by `build`).
    address_error: Option<String>,
    verifier: WebhookVerifier,
    handlers: Handlers,
    handler_timeout: Duration,
    body_read_timeout: Duration,
    limits: ConnectionLimits,
    on_refused: Option<RefusedObserver>,
}

impl Default for WebhookServerBuilder {
    fn default() -> Self {
        Self {
            server_address: None,
            address_error: None,
            verifier: WebhookVerifier::default(),
            handlers: Handlers::default(),
            handler_timeout: DEFAULT_HANDLER_TIMEOUT,
            body_read_timeout: crate::verify::DEFAULT_BODY_READ_TIMEOUT,
            limits: ConnectionLimits::default(),
            on_refused: None,
        }
    }
}

impl fmt::Debug for WebhookServerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookServerBuilder")
            .field("server_address", &self.server_address)
            .field("verifier", &self.verifier)
            .field("handler_timeout", &self.handler_timeout)
            .field("limits", &self.limits)
            .field("on_refused", &self.on_refused.is_some())
            .finish_non_exhaustive()
    }
}

impl WebhookServerBuilder {
    /// The public URL where sipgate reaches this server (with the port when it is not the
    /// scheme's default), e.g. `https://example.com/hook`. Used for `onAnswer`, `onHangup`
    /// and `onData`; [`build`](Self::build) checks that it is an absolute http(s) URL.
    #[doc(alias = "serverAddress")]
    pub fn server_address(mut self, url: impl Into<String>) -> Self {
        self.server_address = Some(url.into());
        self.address_error = None;
        self
    }

    /// Use the address `listener` is bound to as the server address: `http://<ip>:<port>/`,
    /// with an unspecified IP (`0.0.0.0`, `::`) replaced by the loopback address.
    ///
    /// For local development, tests and the sandbox, where the address is only known after
    /// binding (port 0). Behind a proxy or tunnel sipgate needs the public URL: use
    /// [`server_address`](Self::server_address) then. Serve on the same listener with
    /// [`WebhookServer::serve_on`] or [`WebhookServer::serve_with_shutdown`].
    ///
    /// ```
    /// use sipgateio_webhook::WebhookServer;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    /// let port = listener.local_addr()?.port();
    /// let server = WebhookServer::builder()
    ///     .local_server_address(&listener)
    ///     .on_hangup(|hangup| async move { tracing::info!(call = %hangup.call_id, "ended") })
    ///     .build()?;
    /// assert_eq!(server.server_address(), Some(format!("http://127.0.0.1:{port}/").as_str()));
    /// # if false {
    /// server.serve_on(listener).await?;
    /// # }
    /// # Ok(()) }
    /// ```
    pub fn local_server_address(mut self, listener: &TcpListener) -> Self {
        match listener.local_addr() {
            Ok(address) => {
                self.server_address = Some(local_url(address));
                self.address_error = None;
            }
            Err(error) => {
                self.address_error = Some(format!("cannot read the listener's address: {error}"));
            }
        }
        self
    }

    /// Verify signatures with this key instead of sipgate's (e.g. the sandbox's).
    pub fn public_key(mut self, key: PublicKey) -> Self {
        self.verifier = self.verifier.public_key(key);
        self
    }

    /// Accept unsigned requests (see [`WebhookVerifier::skip_signature_verification`]).
    #[doc(alias = "skipSignatureVerification")]
    pub fn skip_signature_verification(mut self) -> Self {
        self.verifier = self.verifier.skip_signature_verification();
        self
    }

    /// Refuse larger bodies with 413. While a body is read, at most this much of it is held in
    /// memory per request. Applies to every request, also through [`WebhookServer::router`].
    ///
    /// Default: **64 KiB** (65,536 bytes; see [`WebhookVerifier::body_limit`]).
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.verifier = self.verifier.body_limit(bytes);
        self
    }

    /// The total time a request's body may take to arrive once its head is read; past it the
    /// request is answered 408 and the connection closed. Applies to every request, also
    /// through [`WebhookServer::router`].
    ///
    /// Default: **10 seconds** (see [`WebhookVerifier::body_read_timeout`] for why).
    pub fn body_read_timeout(mut self, timeout: Duration) -> Self {
        self.body_read_timeout = timeout;
        self.verifier = self.verifier.body_read_timeout(timeout);
        self
    }

    /// How long a handler may run; past it the request is answered 503, the handler's future
    /// is dropped (cancelled) and the timeout is logged as an error with `tracing`. Applies to
    /// every request, also through [`WebhookServer::router`], and to
    /// [`WebhookServer::dispatch`] only through a request.
    ///
    /// Default: **30 seconds**. sipgate documents no webhook timeout; while a `newCall` handler
    /// runs, the caller hears it ring. The limit is a backstop for handlers that never finish
    /// (a lost lock, a peer that never answers), not a latency target: 30 s is the REST
    /// client's default request timeout (`sipgateio_core`), so a handler waiting for one REST
    /// call is not cut off before that call's own timeout can report. Keep handlers fast.
    pub fn handler_timeout(mut self, timeout: Duration) -> Self {
        self.handler_timeout = timeout;
        self
    }

    /// How long a connection may take to send a complete request head, **and** how long an
    /// idle keep-alive connection is kept open waiting for the next request (hyper bounds
    /// both with this one setting); past it the connection is closed without an answer.
    /// Applies only in the built-in [`serve`](WebhookServer::serve) family.
    ///
    /// Default: **10 seconds**. A webhook's head is a few hundred bytes in one packet; 10 s
    /// covers TCP retransmissions on a bad path and is twice the 5 s keep-alive idle timeout
    /// of Node's HTTP server, which sipgate's webhook clients already meet at sipgateio-node
    /// servers. A client that sends its head byte by byte (slowloris) or opens connections
    /// and sends nothing is closed after it.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.limits.header_read_timeout = timeout;
        self
    }

    /// The largest request head (request line and headers) in bytes; a larger one is answered
    /// 431 and the connection closed. This is also the connection's read buffer size (at
    /// least 8 KiB), which bounds the memory of a request head. Applies only in the built-in
    /// [`serve`](WebhookServer::serve) family.
    ///
    /// Default: **16 KiB** (sipgate's heads are under 1 KiB; 16 KiB is what common reverse
    /// proxies allow).
    pub fn header_limit(mut self, bytes: usize) -> Self {
        self.limits.header_limit = bytes;
        self
    }

    /// The most connections served at once. Past it, new connections wait in the operating
    /// system's listen backlog until one closes (they are not refused); requests already
    /// being served finish normally. Applies only in the built-in
    /// [`serve`](WebhookServer::serve) family.
    ///
    /// Default: **512**. Each connection costs a file descriptor, and 512 stays below the
    /// usual Linux limit of 1,024 open files with room for the rest of the process (on macOS,
    /// whose default limit is 256, lower it or raise `ulimit -n`; should accepting fail for
    /// want of descriptors anyway, the server retries every 100 ms). Memory grows linearly
    /// with the cap: while every connection holds a partial body, each costs its buffered body
    /// (up to [`body_limit`](Self::body_limit)) plus hyper's read buffer and bookkeeping,
    /// measured at 85–120 KiB per connection with the default 64 KiB body limit: about
    /// 60 MiB at the default cap, 330 MiB at 4,096 (see `BENCHMARKS.md`), held for no longer
    /// than the body read timeout. The allocator may keep the freed pages, so the process's
    /// resident size stays near that peak and is reused by the next burst. Requests without a
    /// well-formed signature are refused before their body is read and cost almost nothing.
    /// sipgate sends one request per event, so even a busy account needs a few dozen
    /// connections at once.
    pub fn max_connections(mut self, connections: usize) -> Self {
        self.limits.max_connections = connections;
        self
    }

    /// How long a shutdown waits for requests in flight: when the shutdown signal comes (e.g.
    /// Ctrl-C), the server stops accepting, idle connections are closed, requests in flight
    /// may finish for this long, then the remaining connections are dropped and `serve`
    /// returns. Applies only in the built-in [`serve`](WebhookServer::serve) family.
    ///
    /// Default: **10 seconds**: enough for any normal handler, well below the stop timeouts
    /// of service managers (systemd 90 s, Kubernetes 30 s), and short enough for a person
    /// pressing Ctrl-C.
    pub fn shutdown_timeout(mut self, timeout: Duration) -> Self {
        self.limits.shutdown_timeout = timeout;
        self
    }

    /// Call `observer` for every request the [`WebhookVerifier`] refuses (status 4xx, or 500
    /// without the peer address for the allow-list), before the refusal is sent: e.g. to print
    /// or count them. The [`WebhookRejection`] names the check ([`kind`](WebhookRejection::kind)),
    /// the status, the reason and, under [`serve`](WebhookServer::serve), the peer.
    ///
    /// Keep it quick: it runs on the request's task. A panicking observer is logged and
    /// ignored. Connections that the server closes without a request (the header read
    /// timeout, an oversized head, a malformed request line) are not requests and are not
    /// reported; they are logged at `debug` level.
    pub fn on_refused<F>(mut self, observer: F) -> Self
    where
        F: Fn(&WebhookRejection) + Send + Sync + 'static,
    {
        self.on_refused = Some(Arc::new(observer));
        self
    }

    /// Refuse requests from other source addresses with 403 (off by default).
    pub fn ip_allow_list(mut self, list: IpAllowList) -> Self {
        self.verifier = self.verifier.ip_allow_list(list);
        self
    }

    /// Handle `newCall`. Without a handler, `newCall` gets an empty `<Response/>`.
    #[doc(alias = "onNewCall")]
    pub fn on_new_call<F, Fut, R>(mut self, handler: F) -> Self
    where
        F: Fn(NewCallEvent) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoWebhookResponse,
    {
        self.handlers.new_call = Some(boxed(handler));
        self
    }

    /// Handle `answer`; every answer then carries `onAnswer`. sipgate discards the XML
    /// returned to this event.
    #[doc(alias = "onAnswer")]
    pub fn on_answer<F, Fut, R>(mut self, handler: F) -> Self
    where
        F: Fn(AnswerEvent) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoWebhookResponse,
    {
        self.handlers.answer = Some(boxed(handler));
        self
    }

    /// Handle `hangup`; every answer then carries `onHangup`. sipgate discards the XML
    /// returned to this event.
    #[doc(alias = "onHangUp")]
    pub fn on_hangup<F, Fut, R>(mut self, handler: F) -> Self
    where
        F: Fn(HangupEvent) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoWebhookResponse,
    {
        self.handlers.hangup = Some(boxed(handler));
        self
    }

    /// Handle `dtmf` (the digits of a `<Gather>`, posted to its `onData` URL); every
    /// `<Gather>` answer then carries `onData`.
    #[doc(alias = "onData")]
    pub fn on_dtmf<F, Fut, R>(mut self, handler: F) -> Self
    where
        F: Fn(DtmfEvent) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoWebhookResponse,
    {
        self.handlers.dtmf = Some(boxed(handler));
        self
    }

    /// Check the configuration and build the server.
    pub fn build(self) -> Result<WebhookServer> {
        if let Some(error) = self.address_error {
            return Err(Error::invalid_input("server_address", error));
        }
        for (field, timeout) in [
            ("header_read_timeout", self.limits.header_read_timeout),
            ("body_read_timeout", self.body_read_timeout),
            ("handler_timeout", self.handler_timeout),
        ] {
            if timeout.is_zero() {
                return Err(Error::invalid_input(field, "must be longer than zero"));
            }
        }
        if !(1..=tokio::sync::Semaphore::MAX_PERMITS).contains(&self.limits.max_connections) {
            return Err(Error::invalid_input(
                "max_connections",
                format!(
                    "must be between 1 and {} (was {})",
                    tokio::sync::Semaphore::MAX_PERMITS,
                    self.limits.max_connections
                ),
            ));
        }
        if self.limits.header_limit < 1024 {
            return Err(Error::invalid_input(
                "header_limit",
                format!(
                    "must be at least 1024 bytes (was {})",
                    self.limits.header_limit
                ),
            ));
        }
        if let Some(address) = &self.server_address {
            Response::empty()
                .on_answer(address.as_str())
                .map_err(|error| Error::invalid_input("server_address", format!("{error}")))?;
        } else {
            let needs = [
                (self.handlers.answer.is_some(), "answer"),
                (self.handlers.hangup.is_some(), "hangup"),
                (self.handlers.dtmf.is_some(), "dtmf"),
            ];
            if let Some((_, event)) = needs.iter().find(|(registered, _)| *registered) {
                return Err(Error::invalid_input(
                    "server_address",
                    format!(
                        "required with a {event} handler: sipgate posts {event} events to the server address named in the XML answer"
                    ),
                ));
            }
        }
        Ok(WebhookServer {
            inner: Arc::new(Inner {
                server_address: self.server_address,
                verifier: self.verifier,
                handlers: self.handlers,
                handler_timeout: self.handler_timeout,
                limits: self.limits,
                on_refused: self.on_refused,
            }),
        })
    }

    /// Build and [`serve`](WebhookServer::serve) on `address` until Ctrl-C.
    pub async fn serve(self, address: impl ToSocketAddrs + fmt::Display) -> Result<()> {
        self.build()?.serve(address).await
    }

    /// Build and [`serve_on`](WebhookServer::serve_on) `listener` until Ctrl-C.
    pub async fn serve_on(self, listener: TcpListener) -> Result<()> {
        self.build()?.serve_on(listener).await
    }
}

/// `http://ip:port/` for a bound address; an unspecified IP becomes the loopback address.
fn local_url(mut address: SocketAddr) -> String {
    if address.ip().is_unspecified() {
        let loopback = match address {
            SocketAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
            SocketAddr::V6(_) => IpAddr::V6(Ipv6Addr::LOCALHOST),
        };
        address.set_ip(loopback);
    }
    format!("http://{address}/")
}

struct Inner {
    server_address: Option<String>,
    verifier: WebhookVerifier,
    handlers: Handlers,
    handler_timeout: Duration,
    limits: ConnectionLimits,
    on_refused: Option<RefusedObserver>,
}

/// A sipgate.io webhook server: checks each request (see [`WebhookVerifier`]), parses it into
/// an [`Event`], runs your handler and answers with its XML.
///
/// Every request is answered: 200 with `application/xml` for every handled event (an event
/// without a handler gets `<Response/>`), 400/401/403/405/413/415 for refused requests, 500
/// when a handler fails or panics. A panicking handler never takes the server down.
///
/// ```no_run
/// use sipgateio_webhook::WebhookServer;
/// use sipgateio_webhook::xml::{Gather, Response};
///
/// # async fn run() -> Result<(), sipgateio_webhook::Error> {
/// WebhookServer::builder()
///     .server_address("https://example.com/hook")
///     .on_new_call(|call| async move {
///         tracing::info!(from = %call.from, "new call");
///         Response::gather(Gather::new().max_digits(1).timeout_ms(3000).play("https://example.com/menu.wav"))
///     })
///     .on_dtmf(|dtmf| async move {
///         match dtmf.digits.as_str() {
///             "1" => Response::redirect(["+4921100000"]),
///             _ => Ok(Response::hang_up()),
///         }
///     })
///     .on_hangup(|hangup| async move { tracing::info!(cause = ?hangup.cause, "call ended") })
///     .serve("0.0.0.0:8080")
///     .await
/// # }
/// ```
#[derive(Clone)]
pub struct WebhookServer {
    inner: Arc<Inner>,
}

impl fmt::Debug for WebhookServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookServer")
            .field("server_address", &self.inner.server_address)
            .field("verifier", &self.inner.verifier)
            .field("handler_timeout", &self.inner.handler_timeout)
            .field("limits", &self.inner.limits)
            .finish_non_exhaustive()
    }
}

impl WebhookServer {
    /// Start configuring a server.
    #[doc(alias = "createServer")]
    pub fn builder() -> WebhookServerBuilder {
        WebhookServerBuilder::default()
    }

    /// The configured public address, if any.
    pub fn server_address(&self) -> Option<&str> {
        self.inner.server_address.as_deref()
    }

    /// The server as an axum [`Router`] answering every path (mount it with
    /// `Router::nest("/hook", server.router())`). For the IP allow-list, serve the app with
    /// `into_make_service_with_connect_info::<SocketAddr>()`.
    ///
    /// The router applies every per-request protection itself, wherever it is mounted: the
    /// refusal before buffering (401 for a missing or malformed signature without reading
    /// the body), the body read timeout (408) and body limit (413), the handler timeout (503)
    /// and the [`on_refused`](WebhookServerBuilder::on_refused) observer.
    ///
    /// The connection-level limits — [`header_read_timeout`](WebhookServerBuilder::header_read_timeout)
    /// (slow request heads and idle keep-alive), [`header_limit`](WebhookServerBuilder::header_limit),
    /// [`max_connections`](WebhookServerBuilder::max_connections) and the graceful shutdown
    /// with [`shutdown_timeout`](WebhookServerBuilder::shutdown_timeout) — belong to the
    /// server that owns the connections, and only the built-in [`serve`](Self::serve) family
    /// applies them. Serving the router yourself, set them there: `axum::serve` sets none of
    /// them (it gives hyper no timer), so serve with hyper-util instead, as `serve` does:
    /// `hyper::server::conn::http1::Builder` with `.timer(hyper_util::rt::TokioTimer::new())`,
    /// `.header_read_timeout(…)` and `.max_header_size(…)`, a `tokio::sync::Semaphore` permit
    /// taken before each `accept` and held by the connection's task, and
    /// `hyper_util::server::graceful::GracefulShutdown` raced against a deadline. Behind a
    /// reverse proxy (nginx, a cloud load balancer) the proxy usually applies them.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/", any(handle))
            .route("/{*path}", any(handle))
            .with_state(self.clone())
    }

    /// Bind `address` and serve until Ctrl-C, then finish the requests in flight (for at most
    /// the [`shutdown_timeout`](WebhookServerBuilder::shutdown_timeout)).
    ///
    /// The built-in server applies every limit of the builder (see
    /// [`WebhookServerBuilder`]'s "Limits"): the per-request ones of the
    /// [`router`](Self::router) and the connection-level ones.
    pub async fn serve(self, address: impl ToSocketAddrs + fmt::Display) -> Result<()> {
        let listener = TcpListener::bind(&address)
            .await
            .map_err(|source| Error::bind(address.to_string(), source))?;
        self.serve_on(listener).await
    }

    /// Serve on an already bound `listener` (e.g. port 0, see
    /// [`WebhookServerBuilder::local_server_address`]) until Ctrl-C, then finish the requests
    /// in flight (for at most the [`shutdown_timeout`](WebhookServerBuilder::shutdown_timeout)).
    pub async fn serve_on(self, listener: TcpListener) -> Result<()> {
        self.serve_with_shutdown(listener, async {
            if let Err(error) = tokio::signal::ctrl_c().await {
                tracing::error!(%error, "cannot listen for Ctrl-C; serving until the process ends");
                std::future::pending::<()>().await;
            }
        })
        .await
    }

    /// Serve on `listener` until `shutdown` completes. Then the server stops accepting,
    /// closes idle connections, lets requests in flight finish for up to the
    /// [`shutdown_timeout`](WebhookServerBuilder::shutdown_timeout), drops the connections
    /// still open (e.g. a client that sent half a request) and returns.
    ///
    /// Errors of single connections (resets, timeouts, malformed requests) are logged at
    /// `debug` level and never end the server; a failing `accept` (e.g. too many open files)
    /// is logged and retried every 100 ms.
    pub async fn serve_with_shutdown(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<()> {
        if let Ok(address) = listener.local_addr() {
            tracing::info!(%address, "sipgate.io webhook server listening");
        }
        let limits = self.inner.limits;
        serve::serve(self.router(), listener, limits, shutdown).await;
        Ok(())
    }

    /// Run the handler for `event` and add the follow-up URLs, as for a request (without the
    /// request checks). Useful to test your handlers.
    pub async fn dispatch(&self, event: Event) -> Result<Response, HandlerError> {
        let handlers = &self.inner.handlers;
        let name = event_name(&event);
        let outcome = match event {
            Event::NewCall(event) => run(handlers.new_call.as_ref(), event).await,
            Event::Answer(event) => run(handlers.answer.as_ref(), event).await,
            Event::Hangup(event) => run(handlers.hangup.as_ref(), event).await,
            Event::Dtmf(event) => run(handlers.dtmf.as_ref(), event).await,
            Event::Unknown(unknown) => {
                tracing::debug!(event = %unknown.event, "webhook with an unknown event answered with <Response/>");
                Ok(Response::empty())
            }
        };
        let response = outcome.map_err(|error| {
            tracing::error!(event = %name, %error, "webhook handler failed");
            error
        })?;
        self.add_follow_ups(response).map_err(|error| {
            tracing::error!(event = %name, %error, "could not add the follow-up URLs");
            HandlerError::new(error.to_string())
        })
    }

    fn add_follow_ups(&self, mut response: Response) -> Result<Response, sipgateio_xml::Error> {
        let handlers = &self.inner.handlers;
        let Some(address) = self.inner.server_address.as_deref() else {
            if matches!(response.action(), Some(Action::Gather(gather)) if gather.on_data_url().is_none())
            {
                tracing::warn!(
                    "a <Gather> without onData: set a server address and a dtmf handler to receive the digits"
                );
            }
            return Ok(response);
        };
        if handlers.answer.is_some() && response.on_answer_url().is_none() {
            response = response.on_answer(address)?;
        }
        if handlers.hangup.is_some() && response.on_hangup_url().is_none() {
            response = response.on_hangup(address)?;
        }
        if let Some(Action::Gather(gather)) = response.action()
            && gather.on_data_url().is_none()
        {
            if handlers.dtmf.is_none() {
                tracing::warn!(
                    "a <Gather> answer without a dtmf handler: its digits get an empty answer"
                );
            }
            response = response.on_data(address)?;
        }
        Ok(response)
    }
}

/// The event's name for the logs, kept while the event moves into its handler: borrowed for
/// the four known events (no allocation per request), a copy for an unknown one.
fn event_name(event: &Event) -> Cow<'static, str> {
    match event {
        Event::NewCall(_) => Cow::Borrowed("newCall"),
        Event::Answer(_) => Cow::Borrowed("answer"),
        Event::Hangup(_) => Cow::Borrowed("hangup"),
        Event::Dtmf(_) => Cow::Borrowed("dtmf"),
        Event::Unknown(unknown) => Cow::Owned(unknown.event.clone()),
    }
}

async fn run<E>(handler: Option<&Handler<E>>, event: E) -> Result<Response, HandlerError> {
    let Some(handler) = handler else {
        return Ok(Response::empty());
    };
    let future = std::panic::catch_unwind(AssertUnwindSafe(|| handler(event)))
        .map_err(|panic| panicked(&*panic))?;
    AssertUnwindSafe(future)
        .catch_unwind()
        .await
        .map_err(|panic| panicked(&*panic))?
}

fn panicked(payload: &(dyn Any + Send)) -> HandlerError {
    let message = payload
        .downcast_ref::<&str>()
        .map(|message| (*message).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a non-string panic payload".to_owned());
    HandlerError::new(format!("the handler panicked: {message}"))
}

async fn handle(State(server): State<WebhookServer>, request: Request) -> HttpResponse {
    let event = match server.inner.verifier.verify(request).await {
        Ok(event) => event,
        Err(rejection) => {
            if let Some(observer) = &server.inner.on_refused
                && std::panic::catch_unwind(AssertUnwindSafe(|| observer(&rejection))).is_err()
            {
                tracing::error!("the on_refused observer panicked");
            }
            return rejection.into_response();
        }
    };
    let name = event_name(&event);
    let timeout = server.inner.handler_timeout;
    match tokio::time::timeout(timeout, server.dispatch(event)).await {
        Ok(Ok(response)) => Xml(response).into_response(),
        Ok(Err(_)) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the webhook handler failed",
        )
            .into_response(),
        Err(_) => {
            tracing::error!(
                event = %name,
                ?timeout,
                "the webhook handler did not finish within the handler timeout; answered 503"
            );
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "the webhook handler did not answer in time",
            )
                .into_response()
        }
    }
}
