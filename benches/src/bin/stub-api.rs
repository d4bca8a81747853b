//! A local stand-in for the sipgate REST API used by the client benchmark.
//!
//! `stub-api <port>` serves `GET /v2/numbers` with a fixed page of five numbers and
//! `GET /stats` with the number of TCP connections accepted so far and of SMS received;
//! `POST /v2/sessions/sms` answers 204 (and counts), `GET /v2/history/export` a CSV of
//! `HISTORY_ROWS` entries (default 1,000,000; made at start, sent as one body).

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
    let sms = Arc::new(AtomicUsize::new(0));
    let (sms_in, sms_out) = (sms.clone(), sms);
    let rows: usize = std::env::var("HISTORY_ROWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let history = bytes::Bytes::from(history_csv(rows));
    let app = Router::new()
        .route(
            "/v2/sessions/sms",
            axum::routing::post(move || async move {
                sms_in.fetch_add(1, Ordering::Relaxed);
                axum::http::StatusCode::NO_CONTENT
            }),
        )
        .route(
            "/v2/history/export",
            get(move || async move {
                (
                    [(axum::http::header::CONTENT_TYPE, "text/csv")],
                    history.clone(),
                )
            }),
        )
        .route(
            "/v2/numbers",
            get(move || async move { axum::Json(numbers.clone()) }),
        )
        .route(
            "/stats",
            get(move || async move {
                axum::Json(
                    serde_json::json!({"connections": counter.load(Ordering::Relaxed),
                    "sms": sms_out.load(Ordering::Relaxed)}),
                )
            }),
        );
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    eprintln!("stub-api listening on http://{}", listener.local_addr()?);
    axum::serve(CountingListener::new(listener, accepted), app).await
}

/// A history export as the API sends it: a header and one line per call, fax or SMS.
fn history_csv(rows: usize) -> Vec<u8> {
    use std::io::Write as _;
    let mut csv = Vec::with_capacity(rows * 96 + 64);
    csv.extend_from_slice(b"id,source,target,created,direction,type,status,duration\n");
    for i in 0..rows {
        let _ = writeln!(
            csv,
            "h{i},+4921100{:06},+4915700{:06},2026-11-{:02}T{:02}:{:02}:00Z,{},{},PICKUP,{}",
            i % 1_000_000,
            (i * 7) % 1_000_000,
            1 + i % 28,
            i % 24,
            i % 60,
            if i % 2 == 0 { "INCOMING" } else { "OUTGOING" },
            ["CALL", "SMS", "FAX"][i % 3],
            i % 600
        );
    }
    csv
}
