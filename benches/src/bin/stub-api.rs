//! A local stand-in for the sipgate REST API used by the client benchmark.
//!
//! `stub-api <port>` serves `GET /v2/numbers` with a fixed page of five numbers and
//! `GET /stats` with the number of TCP connections accepted so far.

#![allow(
    clippy::print_stderr,
    reason = "a command-line benchmark tool: it reports on the terminal"
)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::routing::get;
use sipgateio_benchmarks::CountingListener;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::args()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let accepted = Arc::new(AtomicUsize::new(0));
    let numbers = serde_json::json!({"items": (0..5).map(|i| serde_json::json!({
        "id": format!("{i}"), "number": format!("+49211000000{i}"), "localized": format!("0211 000000{i}"),
        "type": "LANDLINE", "endpointId": "p0", "endpointAlias": "Ada", "endpointUrl": "/w0/phonelines/p0",
        "mnpState": null
    })).collect::<Vec<_>>()});
    let counter = accepted.clone();
    let app = Router::new()
        .route(
            "/v2/numbers",
            get(move || async move { axum::Json(numbers.clone()) }),
        )
        .route(
            "/stats",
            get(move || async move {
                axum::Json(serde_json::json!({"connections": counter.load(Ordering::Relaxed)}))
            }),
        );
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    eprintln!("stub-api listening on http://{}", listener.local_addr()?);
    axum::serve(CountingListener::new(listener, accepted), app).await
}
