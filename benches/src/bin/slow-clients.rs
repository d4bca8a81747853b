//! `slow-clients [scenario…]`: slow and stalling clients against our built-in webhook server
//! (`WebhookServer::serve_with_shutdown`, default limits), all on 127.0.0.1. Each scenario
//! starts the server as a child process (`slow-clients server <cap> <signed|unsigned>`), runs
//! its clients and prints one line: how long the clients' connections lived and how they
//! ended, and the server's resident memory before, at peak and after.
//!
//! Scenarios (default: all):
//!
//! * `flood-unsigned-sig`: 4,000 connections each announce a 64 KiB body without
//!   `X-Sipgate-Signature`, send all but its last byte and stall (refused before buffering).
//! * `flood-cap-512`: the same with a well-formed fake signature (base64 of 512 bytes, so the
//!   body is read), default cap 512.
//! * `flood-cap-4096`: the same with the cap raised to 4,096 (memory grows with the cap).
//! * `slow-head`: 300 connections sending their request head one byte a second.
//! * `idle`: 250 connections that connect and send nothing, plus 250 that are answered once
//!   and then stay idle on keep-alive (500, under the cap of 512).
//! * `probe`: while 250 slow-head and 250 silent connections (under the cap) are open, how
//!   long a complete request (unsigned server) takes to be answered.
//!
//! Needs `ulimit -n` above the number of connections (the defaults need 4,100 + the server's).

#![allow(
    clippy::print_stdout,
    reason = "a command-line benchmark tool: it reports on the terminal"
)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const BODY_BYTES: usize = 64 * 1024;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("server") {
        let cap: usize = args.get(1).and_then(|c| c.parse().ok()).unwrap_or(512);
        let signed = args.get(2).map(String::as_str) != Some("unsigned");
        return server(cap, signed);
    }
    let all = [
        "flood-unsigned-sig",
        "flood-cap-512",
        "flood-cap-4096",
        "slow-head",
        "idle",
        "probe",
    ];
    let chosen: Vec<&str> = if args.is_empty() {
        all.to_vec()
    } else {
        args.iter().map(String::as_str).collect()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    for scenario in chosen {
        runtime.block_on(run(scenario))?;
    }
    Ok(())
}

/// The server process: default limits except the cap; prints its port, serves until killed.
fn server(cap: usize, signed: bool) -> Result<(), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        println!("{}", listener.local_addr()?.port());
        let mut builder = sipgateio_webhook::WebhookServer::builder()
            .max_connections(cap)
            .on_new_call(|_call| async { sipgateio_benchmarks::gather_answer() });
        if !signed {
            builder = builder.skip_signature_verification();
        }
        builder
            .build()?
            .serve_with_shutdown(listener, std::future::pending())
            .await?;
        Ok(())
    })
}

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(cap: usize, signed: bool) -> Result<Self, Box<dyn std::error::Error>> {
        let mut child = Command::new(std::env::current_exe()?)
            .args([
                "server",
                &cap.to_string(),
                if signed { "signed" } else { "unsigned" },
            ])
            .stdout(Stdio::piped())
            .spawn()?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line)?;
        let port = line.trim().parse()?;
        Ok(Self { child, port })
    }

    fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }
}

impl Server {
    fn open_fds(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/fd", self.child.id())).map_or(0, Iterator::count)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How one client connection ended.
struct Ended {
    /// From when the client finished sending to when the server closed the connection.
    lived: Duration,
    /// The answer's status line, or "closed without an answer".
    outcome: String,
}

fn head(port: u16, content_length: usize, signature: Option<&str>) -> String {
    let mut head = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {content_length}\r\n"
    );
    if let Some(signature) = signature {
        head.push_str(&format!("X-Sipgate-Signature: {signature}\r\n"));
    }
    head.push_str("\r\n");
    head
}

/// Base64 of 512 bytes (the length of sipgate's RSA-4096 signatures) that signs nothing.
fn fake_signature() -> String {
    // 512 bytes of 0x41 in base64: "QUFB" repeated (3 bytes → 4 characters), then "QUE=".
    let mut signature = "QUFB".repeat(170);
    signature.push_str("QUE=");
    signature
}

async fn read_until_closed(stream: &mut TcpStream) -> String {
    let mut answer = Vec::new();
    let mut buffer = [0u8; 1024];
    loop {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(n) if answer.len() < 4096 => answer.extend_from_slice(&buffer[..n]),
            Ok(_) => {}
        }
    }
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .filter(|line| !line.is_empty())
        .unwrap_or("closed without an answer")
        .to_owned()
}

/// Announces a 64 KiB body, sends all but its last byte, waits until the server closes.
async fn stalled_body(port: u16, signature: Option<String>) -> Option<Ended> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
    let mut request = head(port, BODY_BYTES, signature.as_deref()).into_bytes();
    request.extend(std::iter::repeat_n(b'a', BODY_BYTES - 1));
    // A server that refuses before reading may close while this is still being written.
    let _ = stream.write_all(&request).await;
    let sent = Instant::now();
    let outcome = read_until_closed(&mut stream).await;
    Some(Ended {
        lived: sent.elapsed(),
        outcome,
    })
}

/// Sends a request head one byte a second.
async fn slow_head(port: u16) -> Option<Ended> {
    let stream = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
    let started = Instant::now();
    let (mut reader, mut writer) = stream.into_split();
    let bytes = head(port, 10, None).into_bytes();
    let writing = tokio::spawn(async move {
        for byte in bytes {
            if writer.write_all(&[byte]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
    let mut buffer = [0u8; 1024];
    let mut answer = Vec::new();
    loop {
        match reader.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&buffer[..n.min(1024)]),
        }
    }
    writing.abort();
    let outcome = String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .filter(|line| !line.is_empty())
        .unwrap_or("closed without an answer")
        .to_owned();
    Some(Ended {
        lived: started.elapsed(),
        outcome,
    })
}

/// Connects and sends nothing.
async fn silent(port: u16) -> Option<Ended> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
    let started = Instant::now();
    let outcome = read_until_closed(&mut stream).await;
    Some(Ended {
        lived: started.elapsed(),
        outcome,
    })
}

/// One complete unsigned request with keep-alive, then idle.
async fn idle_keep_alive(port: u16) -> Option<Ended> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
    let body = "event=hangup&callId=c1&cause=normalClearing";
    let request = format!("{}{body}", head(port, body.len(), None));
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut buffer = [0u8; 4096];
    let n = stream.read(&mut buffer).await.ok()?;
    let first = String::from_utf8_lossy(&buffer[..n])
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    let answered = Instant::now();
    let rest = read_until_closed(&mut stream).await;
    Some(Ended {
        lived: answered.elapsed(),
        outcome: format!("{first}, then {rest}"),
    })
}

/// Runs `clients` concurrently while sampling the server's memory; one summary line.
async fn measure<F>(name: &str, server: &Server, clients: Vec<F>)
where
    F: std::future::Future<Output = Option<Ended>> + Send + 'static,
{
    let before = server.rss_kib();
    let count = clients.len();
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for (n, client) in clients.into_iter().enumerate() {
        // A client waits at most 120 s for the server to close (connections whose handshake
        // the kernel completed but the server never accepted are never closed).
        tasks.spawn(async move {
            tokio::time::timeout(Duration::from_secs(120), client)
                .await
                .unwrap_or_else(|_| {
                    Some(Ended {
                        lived: Duration::from_secs(120),
                        outcome: "still open after 120 s".into(),
                    })
                })
        });
        // Pace the handshakes (10 per ms) so that the kernel's SYN queue does not overflow.
        if n % 10 == 9 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }
    let mut peak = before;
    let mut ended = Vec::new();
    let bound = Duration::from_secs(400);
    while !tasks.is_empty() && started.elapsed() < bound {
        tokio::select! {
            joined = tasks.join_next() => {
                if let Some(Ok(Some(end))) = joined {
                    ended.push(end);
                }
            }
            () = tokio::time::sleep(Duration::from_millis(200)) => {}
        }
        peak = peak.max(server.rss_kib());
    }
    let all_done = started.elapsed();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let after = server.rss_kib();
    let fds = server.open_fds();
    let mut lived: Vec<Duration> = ended.iter().map(|end| end.lived).collect();
    lived.sort();
    let pick = |q: f64| {
        lived
            .get(((lived.len().saturating_sub(1)) as f64 * q) as usize)
            .map_or(0.0, Duration::as_secs_f64)
    };
    let mut outcomes: Vec<(String, usize)> = Vec::new();
    for end in &ended {
        match outcomes
            .iter_mut()
            .find(|(outcome, _)| *outcome == end.outcome)
        {
            Some((_, n)) => *n += 1,
            None => outcomes.push((end.outcome.clone(), 1)),
        }
    }
    println!(
        "{name}: {count} clients, {} ended in {:.1} s; lived min {:.2} s, median {:.2} s, max {:.2} s; {}; server RSS before {:.1} MiB, peak {:.1} MiB, 1 s after the last close {:.1} MiB; server file descriptors then {fds}",
        ended.len(),
        all_done.as_secs_f64(),
        pick(0.0),
        pick(0.5),
        pick(1.0),
        outcomes
            .iter()
            .map(|(outcome, n)| format!("{n}× {outcome}"))
            .collect::<Vec<_>>()
            .join(", "),
        before as f64 / 1024.0,
        peak as f64 / 1024.0,
        after as f64 / 1024.0,
    );
}

async fn run(scenario: &str) -> Result<(), Box<dyn std::error::Error>> {
    match scenario {
        "flood-unsigned-sig" => {
            let server = Server::start(512, true)?;
            let port = server.port;
            let clients = (0..4000).map(|_| stalled_body(port, None)).collect();
            measure(scenario, &server, clients).await;
        }
        "flood-cap-512" | "flood-cap-4096" => {
            let cap = if scenario == "flood-cap-512" {
                512
            } else {
                4096
            };
            let server = Server::start(cap, true)?;
            let port = server.port;
            let clients = (0..4000)
                .map(|_| stalled_body(port, Some(fake_signature())))
                .collect();
            measure(scenario, &server, clients).await;
        }
        "slow-head" => {
            let server = Server::start(512, true)?;
            let port = server.port;
            let clients = (0..300).map(|_| slow_head(port)).collect();
            measure(scenario, &server, clients).await;
        }
        "idle" => {
            let server = Server::start(512, false)?;
            let port = server.port;
            let mut clients: Vec<
                std::pin::Pin<Box<dyn std::future::Future<Output = Option<Ended>> + Send>>,
            > = Vec::new();
            for _ in 0..250 {
                clients.push(Box::pin(silent(port)));
                clients.push(Box::pin(idle_keep_alive(port)));
            }
            measure(scenario, &server, clients).await;
        }
        "probe" => {
            let server = Server::start(512, false)?;
            let port = server.port;
            let mut slow = tokio::task::JoinSet::new();
            for _ in 0..250 {
                slow.spawn(slow_head(port));
                slow.spawn(silent(port));
            }
            tokio::time::sleep(Duration::from_secs(2)).await;
            let mut latencies = Vec::new();
            for _ in 0..20 {
                let started = Instant::now();
                if let Some(end) = idle_keep_alive_once(port).await {
                    latencies.push((started.elapsed(), end));
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let open = slow.len() - slow.try_join_next().map_or(0, |_| 1);
            let worst = latencies
                .iter()
                .map(|(latency, _)| *latency)
                .max()
                .unwrap_or_default();
            let statuses: Vec<&str> = latencies
                .iter()
                .map(|(_, status)| status.as_str())
                .collect();
            println!(
                "probe: 20 complete requests while 500 slow/silent connections were open ({open} still open after): worst answer {:.1} ms, statuses {:?}",
                worst.as_secs_f64() * 1000.0,
                statuses.iter().collect::<std::collections::BTreeSet<_>>()
            );
            slow.abort_all();
        }
        other => return Err(format!("unknown scenario {other}").into()),
    }
    Ok(())
}

/// One complete unsigned request with `Connection: close`; its status line.
async fn idle_keep_alive_once(port: u16) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
    let body = "event=hangup&callId=c1&cause=normalClearing";
    let request = format!("{}{body}", head(port, body.len(), None)).replacen(
        "\r\n",
        "\r\nConnection: close\r\n",
        1,
    );
    stream.write_all(request.as_bytes()).await.ok()?;
    Some(read_until_closed(&mut stream).await)
}
