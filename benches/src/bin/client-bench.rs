//! `client-bench <base-url> <requests>`: sequential `client.numbers().list(..)` calls with the
//! Rust client; prints one JSON line with the figures.

#![allow(
    clippy::print_stdout,
    reason = "a command-line benchmark tool: it reports on the terminal"
)]

use std::time::Instant;

use sipgateio_core::{Client, Pagination};
use sipgateio_numbers::NumbersExt;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let base_url = args
        .next()
        .unwrap_or_else(|| "http://127.0.0.1:8089/v2".into());
    let requests: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let client = Client::builder()
        .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
        .base_url(base_url)
        .build()?;
    let numbers = client.numbers();
    let started = Instant::now();
    let mut items = 0;
    for _ in 0..requests {
        let page = numbers.list(Pagination::default()).await?;
        items += page.items.len();
    }
    let seconds = started.elapsed().as_secs_f64();
    let rss = sipgateio_benchmarks::peak_rss_kib("self");
    println!(
        "{}",
        serde_json::json!({"impl": "rust", "requests": requests, "items": items, "seconds": seconds,
            "per_second": f64::from(requests) / seconds, "peak_rss_kib": rss})
    );
    Ok(())
}
