//! `webhook-server <signed|unsigned|ceiling> <port> [worker-threads]`: the servers of the
//! webhook benchmark, on 127.0.0.1 until killed.
//!
//! * `signed`: our `WebhookServer`, checking `X-Sipgate-Signature` against sipgate's key.
//! * `unsigned`: the same with signature checking off.
//! * `ceiling`: a bare axum handler returning the same XML as a constant.

#![allow(
    clippy::print_stderr,
    reason = "a command-line benchmark tool: it reports on the terminal"
)]

use std::net::SocketAddr;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "signed".into());
    let port: u16 = args.next().and_then(|p| p.parse().ok()).unwrap_or(18090);
    let threads: Option<usize> = args.next().and_then(|t| t.parse().ok());
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    runtime.enable_all();
    if let Some(threads) = threads {
        runtime.worker_threads(threads);
    }
    runtime.build()?.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        eprintln!(
            "webhook-server ({mode}) on http://{}",
            listener.local_addr()?
        );
        let app = match mode.as_str() {
            "signed" => sipgateio_benchmarks::webhook_server(true)?.router(),
            "unsigned" => sipgateio_benchmarks::webhook_server(false)?.router(),
            "ceiling" => sipgateio_benchmarks::ceiling_router(),
            other => return Err(format!("unknown mode {other}").into()),
        };
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await?;
        Ok(())
    })
}
