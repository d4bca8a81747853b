//! The Rust side of the client benchmarks against the local stub API; each prints one JSON
//! line with the figures (CPU time from `/proc/self/stat`, split into user and kernel).
//!
//! * `client-bench <base-url> <requests>`: sequential `client.numbers().list(..)` calls.
//! * `client-bench sms <base-url> <messages> <in-flight>`: `client.sms().send(..)` of
//!   `messages` SMS with at most `in-flight` at once, through one client (one pool).
//! * `client-bench history <base-url>`: `client.history().export_csv_to(..)` into a sink.

#![allow(
    clippy::print_stdout,
    reason = "a command-line benchmark tool: it reports on the terminal"
)]

use std::time::Instant;

use futures_util::StreamExt as _;
use sipgateio_core::{Client, Pagination};
use sipgateio_history::{HistoryExt, HistoryFilter};
use sipgateio_numbers::NumbersExt;
use sipgateio_sms::{ShortMessage, SmsExt, SmsExtensionId};

fn client(base_url: String) -> sipgateio_core::Result<Client> {
    Client::builder()
        .personal_access_token("token-6HEF5K", "195d5a7c-559f-444d-9a61-06adaf70ff27")
        .base_url(base_url)
        .build()
}

/// CPU time so far: the main thread's on-CPU time in nanoseconds (`/proc/thread-self/
/// schedstat`; the current-thread runtime runs every task on it) and the process's user and
/// system clock ticks (1/100 s), which only give the split.
#[derive(Clone, Copy, Default)]
struct Cpu {
    seconds: f64,
    user_ticks: f64,
    system_ticks: f64,
}

fn cpu() -> Cpu {
    let seconds = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|stat| stat.split(' ').next()?.parse::<f64>().ok())
        .map_or(0.0, |nanoseconds| nanoseconds / 1e9);
    let (user_ticks, system_ticks) = sipgateio_benchmarks::cpu_split("self").unwrap_or_default();
    Cpu {
        seconds,
        user_ticks,
        system_ticks,
    }
}

/// Prints the figures of a run: `operations` in `seconds`, CPU since `start`.
fn report(kind: &str, operations: u32, seconds: f64, start: Cpu, extra: serde_json::Value) {
    let end = cpu();
    let total = end.seconds - start.seconds;
    let (user, system) = (
        end.user_ticks - start.user_ticks,
        end.system_ticks - start.system_ticks,
    );
    let user_share = if user + system > 0.0 {
        user / (user + system)
    } else {
        1.0
    };
    let per = |value: f64| value * 1e6 / f64::from(operations);
    let mut line = serde_json::json!({"impl": "rust", "kind": kind, "requests": operations,
        "seconds": seconds, "per_second": f64::from(operations) / seconds,
        "cpu_us_per_request": per(total), "user_us_per_request": per(total * user_share),
        "kernel_us_per_request": per(total * (1.0 - user_share)),
        "peak_rss_kib": sipgateio_benchmarks::peak_rss_kib("self")});
    if let (Some(line), serde_json::Value::Object(extra)) = (line.as_object_mut(), extra) {
        line.extend(extra);
    }
    println!("{line}");
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    match arg(0).as_str() {
        "sms" => {
            let client = client(arg(1))?;
            let messages: u32 = arg(2).parse().unwrap_or(1000);
            let in_flight: usize = arg(3).parse().unwrap_or(50);
            let sms = client.sms();
            let message = ShortMessage::via_extension(
                SmsExtensionId::new("s0"),
                "+4915739777777",
                "Hello from the benchmark",
            );
            let start = cpu();
            let started = Instant::now();
            let results: Vec<_> = futures_util::stream::iter(0..messages)
                .map(|_| sms.send(&message))
                .buffer_unordered(in_flight)
                .collect()
                .await;
            let seconds = started.elapsed().as_secs_f64();
            let failed = results.iter().filter(|r| r.is_err()).count();
            report(
                "sms",
                messages,
                seconds,
                start,
                serde_json::json!({"failed": failed}),
            );
        }
        "history" => {
            let client = client(arg(1))?.with_timeout(std::time::Duration::from_secs(600));
            let start = cpu();
            let started = Instant::now();
            let mut sink = tokio::io::sink();
            let bytes = client
                .history()
                .export_csv_to(&HistoryFilter::new(), Pagination::default(), &mut sink)
                .await?;
            let seconds = started.elapsed().as_secs_f64();
            report(
                "history-export",
                1,
                seconds,
                start,
                serde_json::json!({"bytes": bytes}),
            );
        }
        _ => {
            let base_url = if args.is_empty() {
                "http://127.0.0.1:8089/v2".to_owned()
            } else {
                arg(0)
            };
            let requests: u32 = arg(1).parse().unwrap_or(10_000);
            let client = client(base_url)?;
            let numbers = client.numbers();
            let start = cpu();
            let started = Instant::now();
            let mut items = 0;
            for _ in 0..requests {
                let page = numbers.list(Pagination::default()).await?;
                items += page.items.len();
            }
            let seconds = started.elapsed().as_secs_f64();
            report(
                "get",
                requests,
                seconds,
                start,
                serde_json::json!({"items": items}),
            );
        }
    }
    Ok(())
}
