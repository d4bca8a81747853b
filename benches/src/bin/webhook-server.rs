//! `webhook-server <signed|unsigned|ceiling> <port> [worker-threads]`: the servers of the
//! webhook benchmark, on 127.0.0.1 until killed.
//!
//! * `signed`: our `WebhookServer` on its built-in server (`serve_on`), checking
//!   `X-Sipgate-Signature` against sipgate's key.
//! * `unsigned`: the same with signature checking off.
//! * `ceiling`: a bare axum handler returning the same XML as a constant, served with the
//!   built-in server's settings (`serve_like_webhook_server`).
//!
//! `webhook-server verify-cost [iterations]` prints the CPU time of one RSA-4096 signature
//! check of sipgate's test vector (mean over the iterations, default 2,000) as one JSON line.

#![allow(
    clippy::print_stderr,
    clippy::print_stdout,
    reason = "a command-line benchmark tool: it reports on the terminal"
)]

/// The CPU time of this (main) thread in seconds, to the nanosecond: the first field of
/// `/proc/thread-self/schedstat`.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: f64 = stat.split(' ').next()?.parse().ok()?;
    Some(nanoseconds / 1e9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "signed".into());
    if mode == "verify-cost" {
        let iterations: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(2000);
        let key = sipgateio_webhook::PublicKey::sipgate();
        let body = sipgateio_benchmarks::signed_new_call_body().as_bytes();
        let signature = sipgateio_benchmarks::signed_new_call_signature();
        let before = thread_cpu_seconds().unwrap_or_default();
        let started = std::time::Instant::now();
        let mut valid = 0;
        for _ in 0..iterations {
            valid += u32::from(key.verify(std::hint::black_box(body), signature));
        }
        let wall = started.elapsed().as_secs_f64() / f64::from(iterations);
        let cpu = (thread_cpu_seconds().unwrap_or_default() - before) / f64::from(iterations);
        println!(
            "{}",
            serde_json::json!({"verify_cpu_seconds": cpu, "verify_wall_seconds": wall,
                "iterations": iterations, "valid": valid})
        );
        return Ok(());
    }
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
        match mode.as_str() {
            "signed" => {
                sipgateio_benchmarks::webhook_server(true)?
                    .serve_on(listener)
                    .await?
            }
            "unsigned" => {
                sipgateio_benchmarks::webhook_server(false)?
                    .serve_on(listener)
                    .await?
            }
            "ceiling" => {
                sipgateio_benchmarks::serve_like_webhook_server(
                    sipgateio_benchmarks::ceiling_router(),
                    listener,
                )
                .await;
            }
            other => return Err(format!("unknown mode {other}").into()),
        }
        Ok(())
    })
}
