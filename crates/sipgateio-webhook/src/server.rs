//! The webhook server: a builder, an axum `Router`, and a standalone `serve`.

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

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
use crate::signature::PublicKey;
use crate::verify::{WebhookVerifier, Xml};

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

/// Builds a [`WebhookServer`]: the Rust form of Node's `createServer` options and its fluent
/// `FluentWebhookServer`.
///
/// Registering an `answer`, `hangup` or `dtmf` handler needs the public
/// [`server_address`](Self::server_address): sipgate posts those follow-up events to the URLs
/// in the XML answer, and [`build`](Self::build) fails without one. Registering a handler twice
/// replaces the first.
#[must_use]
#[derive(Default)]
pub struct WebhookServerBuilder {
    server_address: Option<String>,
    /// Why [`local_server_address`](Self::local_server_address) could not read the address
    /// (reported by `build`).
    address_error: Option<String>,
    verifier: WebhookVerifier,
    handlers: Handlers,
}

impl fmt::Debug for WebhookServerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookServerBuilder")
            .field("server_address", &self.server_address)
            .field("verifier", &self.verifier)
            .finish_non_exhaustive()
    }
}

impl WebhookServerBuilder {
    /// The public URL where sipgate reaches this server (with the port when it is not the
    /// scheme's default), e.g. `https://example.com/hook`. Used for `onAnswer`, `onHangup`
    /// and `onData`.
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
    pub fn skip_signature_verification(mut self) -> Self {
        self.verifier = self.verifier.skip_signature_verification();
        self
    }

    /// Refuse larger bodies with 413 (default 64 KiB).
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.verifier = self.verifier.body_limit(bytes);
        self
    }

    /// Refuse requests from other source addresses with 403 (off by default).
    pub fn ip_allow_list(mut self, list: IpAllowList) -> Self {
        self.verifier = self.verifier.ip_allow_list(list);
        self
    }

    /// Handle `newCall`. Without a handler, `newCall` gets an empty `<Response/>`.
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
    pub fn on_hangup<F, Fut, R>(mut self, handler: F) -> Self
    where
        F: Fn(HangupEvent) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoWebhookResponse,
    {
        self.handlers.hangup = Some(boxed(handler));
        self
    }

    /// Handle `dtmf` (the digits of a `<Gather>`); every `<Gather>` answer then carries
    /// `onData`.
    pub fn on_data<F, Fut, R>(mut self, handler: F) -> Self
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
            return Err(Error::config("server_address", error));
        }
        if let Some(address) = &self.server_address {
            Response::empty()
                .on_answer(address.as_str())
                .map_err(|error| Error::config("server_address", format!("{error}")))?;
        } else {
            let needs = [
                (self.handlers.answer.is_some(), "answer"),
                (self.handlers.hangup.is_some(), "hangup"),
                (self.handlers.dtmf.is_some(), "dtmf"),
            ];
            if let Some((_, event)) = needs.iter().find(|(registered, _)| *registered) {
                return Err(Error::config(
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
///     .on_data(|dtmf| async move {
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
            .finish_non_exhaustive()
    }
}

impl WebhookServer {
    /// Start configuring a server.
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
    pub fn router(&self) -> Router {
        Router::new()
            .route("/", any(handle))
            .route("/{*path}", any(handle))
            .with_state(self.clone())
    }

    /// Bind `address` and serve until Ctrl-C, then finish the requests in flight.
    pub async fn serve(self, address: impl ToSocketAddrs + fmt::Display) -> Result<()> {
        let listener = TcpListener::bind(&address)
            .await
            .map_err(|source| Error::Bind {
                address: address.to_string(),
                source,
            })?;
        self.serve_on(listener).await
    }

    /// Serve on an already bound `listener` (e.g. port 0, see
    /// [`WebhookServerBuilder::local_server_address`]) until Ctrl-C, then finish the requests
    /// in flight.
    pub async fn serve_on(self, listener: TcpListener) -> Result<()> {
        self.serve_with_shutdown(listener, async {
            if let Err(error) = tokio::signal::ctrl_c().await {
                tracing::error!(%error, "cannot listen for Ctrl-C; serving until the process ends");
                std::future::pending::<()>().await;
            }
        })
        .await
    }

    /// Serve on `listener` until `shutdown` completes, then finish the requests in flight.
    pub async fn serve_with_shutdown(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<()> {
        if let Ok(address) = listener.local_addr() {
            tracing::info!(%address, "sipgate.io webhook server listening");
        }
        let app = self
            .router()
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(Error::Serve)
    }

    /// Run the handler for `event` and add the follow-up URLs, as for a request (without the
    /// request checks). Useful to test your handlers.
    pub async fn dispatch(&self, event: Event) -> Result<Response, HandlerError> {
        let handlers = &self.inner.handlers;
        let name = event.name().to_owned();
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
        Err(rejection) => return rejection.into_response(),
    };
    match server.dispatch(event).await {
        Ok(response) => Xml(response).into_response(),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the webhook handler failed",
        )
            .into_response(),
    }
}
