//! Any server on 127.0.0.1 in the background, until the test drops it or shuts it down.
//!
//! [`Served::spawn`] takes a bound listener (bind it with [`listener`] first when the server
//! needs to know its own address, as a webhook server does for its follow-up URLs) and a
//! function that serves on it until a [`Shutdown`] future completes: a
//! `WebhookServer::serve_with_shutdown`, or `axum::serve(…).with_graceful_shutdown(…)`.
//!
//! ```
//! use sipgateio_test_support::serve::{self, Served};
//! use tokio::io::{AsyncReadExt, AsyncWriteExt};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! // A tiny server that answers each connection with "hi" until it is shut down.
//! let served = Served::spawn(serve::listener().await, |listener, shutdown| async move {
//!     tokio::select! {
//!         () = shutdown => Ok::<(), std::io::Error>(()),
//!         () = async {
//!             while let Ok((mut stream, _)) = listener.accept().await {
//!                 let _ = stream.write_all(b"hi").await;
//!             }
//!         } => Ok(()),
//!     }
//! });
//! let mut stream = tokio::net::TcpStream::connect(served.address()).await.expect("connects");
//! let mut answer = String::new();
//! stream.read_to_string(&mut answer).await.expect("reads");
//! assert_eq!(answer, "hi");
//! let address = served.address();
//! served.shut_down().await;
//! assert!(tokio::net::TcpStream::connect(address).await.is_err());
//! # }
//! ```

use std::fmt::Debug;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A listener on a free port of 127.0.0.1.
pub async fn listener() -> TcpListener {
    TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port on 127.0.0.1")
}

/// Completes when the test shuts the server down (or drops its [`Served`]).
#[derive(Debug)]
pub struct Shutdown(oneshot::Receiver<()>);

impl Future for Shutdown {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // A dropped sender (the `Served` is gone) also means: stop.
        Pin::new(&mut self.0).poll(cx).map(|_| ())
    }
}

/// A server running in the background on 127.0.0.1.
///
/// Dropping it asks the server to stop and aborts its task, so no test leaves a server behind;
/// [`shut_down`](Served::shut_down) stops it gracefully and waits until it has returned.
#[derive(Debug)]
pub struct Served {
    address: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl Served {
    /// Runs `serve(listener, shutdown)` on a task of the current runtime. The server must
    /// return once `shutdown` completes; an error it returns fails [`shut_down`](Self::shut_down).
    pub fn spawn<F, Fut, E>(listener: TcpListener, serve: F) -> Self
    where
        F: FnOnce(TcpListener, Shutdown) -> Fut,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Debug + Send + 'static,
    {
        let address = listener
            .local_addr()
            .expect("a bound listener has an address");
        let (stop, stopped) = oneshot::channel();
        let serving = serve(listener, Shutdown(stopped));
        let task = tokio::spawn(async move {
            if let Err(error) = serving.await {
                panic!("the server on {address} failed: {error:?}");
            }
        });
        Self {
            address,
            stop: Some(stop),
            task,
        }
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// `http://{address}{path}`; `path` starts with `/` (`url("/")` is the root).
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Asks the server to stop and waits until it has returned (a graceful shutdown finishes
    /// the requests in flight first). Panics if the server failed or panicked.
    pub async fn shut_down(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Err(error) = (&mut self.task).await {
            match error.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(error) => panic!("the server task on {} ended: {error}", self.address),
            }
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.task.abort();
    }
}
