#!/usr/bin/env bash
# Benchmarks sipgateio-rs against sipgateio-node (sipgateio@2.15.1) on this machine, in one run.
#
# Usage: benches/run.sh [webhook|client|contacts|soak|micro|build|all]   (default: all but build)
#   webhook   wrk against our server (signed, unsigned), Node's, and a bare axum ceiling
#   client    10,000 sequential GETs, ours vs Node's, counting TCP connections
#   contacts  100,000-row CSV -> import payload, 100,000 contacts -> vCards (and 10k for memory)
#   soak      60 s of load on our signed server, RSS sampled every 5 s
#   micro     criterion micro-benchmarks (XML, form parsing, signature)
#   build     clean build time, crates compiled and binary size: sms-only vs the full facade
#
# Knobs: DURATION (wrk seconds, 10), CONNECTIONS (64), REQUESTS (client, 10000),
#        ROWS (contacts, 100000), SOAK (seconds, 60), SERVER_THREADS (Rust server workers).
# Needs node/npm (installs the Node library into .node-bench/, ignored by git), wrk
# (apt-get install wrk), curl and python3. Output: one line per figure, summaries at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
node_dir="$root/.node-bench"
target="${CARGO_TARGET_DIR:-$root/target}"
bin="$target/release"
work=$(mktemp -d /tmp/sipgateio-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
duration=${DURATION:-10}
connections=${CONNECTIONS:-64}
requests=${REQUESTS:-10000}
rows=${ROWS:-100000}
soak=${SOAK:-60}
api_port=18089

install_node_library() {
  command -v node >/dev/null || { echo "node is required for the side-by-side runs" >&2; exit 1; }
  if [ ! -d "$node_dir/node_modules/sipgateio" ]; then
    mkdir -p "$node_dir"
    (cd "$node_dir" && printf '{"name":"node-bench","private":true}\n' > package.json \
      && npm install --silent --no-audit --no-fund sipgateio@2.15.1)
  fi
  # sipgateio-node hard-codes its base URL; point the installed copy at the local stub.
  sed -i "s#https://api.sipgate.com/v2#http://127.0.0.1:$api_port/v2#" \
    "$node_dir/node_modules/sipgateio/dist/core/sipgateIOClient/sipgateIOClient.js"
}

build_rust() { cargo build --release -q -p sipgateio-benchmarks --bins; }

# No subshell: the webhook benchmark needs node's own pid (kill, peak RSS).
node_run() { NODE_PATH="$node_dir/node_modules" node "$@"; }

wait_for_port() {
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2; return 1
}

peak_rss() { sed -n 's/^VmHWM:\s*\([0-9]*\) kB/\1/p' "/proc/$1/status"; }
rss() { sed -n 's/^VmRSS:\s*\([0-9]*\) kB/\1/p' "/proc/$1/status"; }

# wrk_server NAME PORT SIGNATURE CMD...: start a server, load it, print one JSON line.
wrk_server() {
  local name=$1 port=$2 signature=$3; shift 3
  "$@" >"$work/$name.log" 2>&1 &
  local pid=$!
  wait_for_port "$port"
  # Every server must answer 200 with the gather XML before it is loaded.
  local answer
  answer=$(curl -s -w ' HTTP %{http_code}' -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
    ${signature:+-H "X-Sipgate-Signature: $signature"} --data "$body" "http://127.0.0.1:$port/")
  case "$answer" in
    *'<Gather'*'HTTP 200') echo "webhook $name answers: $(echo "$answer" | tr -s ' \n' ' ')" ;;
    *) echo "webhook $name gave an unexpected answer: $answer" >&2; kill "$pid"; return 1 ;;
  esac
  # Warm up (JIT, allocator, connection setup), then measure.
  BODY="$body" SIGNATURE="$signature" wrk -t1 -c"$connections" -d2s -s "$root/benches/node/post.lua" \
    "http://127.0.0.1:$port/" >/dev/null
  local figures
  figures=$(BODY="$body" SIGNATURE="$signature" wrk -t1 -c"$connections" -d"${duration}s" --latency \
    -s "$root/benches/node/post.lua" "http://127.0.0.1:$port/" | tail -n1)
  local peak
  peak=$(peak_rss "$pid" 2>/dev/null) || { echo "webhook $name: the server died under load:" >&2; cat "$work/$name.log" >&2; return 1; }
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "{\"server\":\"$name\",\"peak_rss_kib\":$peak,${figures#\{}" | tee -a "$work/webhook.jsonl"
}

bench_webhook() {
  command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
  build_rust
  body=$(sed -n 's/^VALID_BODY=//p' "$root/benches/data/webhook-signature-vector.txt")
  local signature
  signature=$(sed -n 's/^SIGNATURE=//p' "$root/benches/data/webhook-signature-vector.txt")
  : > "$work/webhook.jsonl"
  local threads=${SERVER_THREADS:-}
  wrk_server ceiling 18090 "" "$bin/webhook-server" ceiling 18090 $threads
  wrk_server rust-unsigned 18090 "" "$bin/webhook-server" unsigned 18090 $threads
  wrk_server rust-signed 18090 "$signature" "$bin/webhook-server" signed 18090 $threads
  wrk_server node-unsigned 18091 "" env NODE_PATH="$node_dir/node_modules" node "$root/benches/node/webhook-server.js" 18091
  python3 - "$work/webhook.jsonl" <<'PY'
import json, sys
r = {x["server"]: x for x in map(json.loads, open(sys.argv[1]))}
node, ceil = r["node-unsigned"]["per_second"], r["ceiling"]["per_second"]
for name, x in r.items():
    print(f"webhook {name:14} {x['per_second']:9.0f} req/s  p50 {x['p50_ms']:.2f} ms  p99 {x['p99_ms']:.2f} ms  "
          f"errors {x['errors']}  non-2xx {x['non_2xx']}  peak RSS {x['peak_rss_kib']/1024:.1f} MiB")
uns, sig = r["rust-unsigned"]["per_second"], r["rust-signed"]["per_second"]
print(f"webhook ratios: unsigned/node {uns/node:.1f}x (target >=10x), unsigned/ceiling {100*uns/ceil:.0f}% (target >=70%), "
      f"signed/node {sig/node:.1f}x (target >=3x)")
PY
}

# The /stats request itself opens one connection, subtracted below.
api_connections() { curl -s "http://127.0.0.1:$api_port/stats" | sed -E 's/.*"connections":([0-9]+).*/\1/'; }

bench_client() {
  build_rust
  "$bin/stub-api" "$api_port" 2>/dev/null &
  local stub=$!
  wait_for_port "$api_port"
  local before after rust node
  before=$(api_connections)
  rust=$("$bin/client-bench" "http://127.0.0.1:$api_port/v2" "$requests")
  after=$(api_connections)
  echo "client rust: $rust (TCP connections: $((after - before - 1)))"
  before=$after
  node=$(node_run "$root/benches/node/client-bench.js" "$requests")
  after=$(api_connections)
  echo "client node: $node (TCP connections: $((after - before - 1)))"
  kill "$stub"; wait "$stub" 2>/dev/null || true
  python3 - "$rust" "$node" <<'PY'
import json, sys
rust, node = (json.loads(a) for a in sys.argv[1:3])
print(f"client: {rust['per_second']:.0f} req/s (Rust) vs {node['per_second']:.0f} req/s (Node) -> {rust['per_second']/node['per_second']:.1f}x (target >=3x)")
PY
}

bench_contacts() {
  build_rust
  local small=$((rows / 10))
  "$bin/contacts-bench" gen "$rows" "$work"
  "$bin/contacts-bench" gen "$small" "$work"
  : > "$work/contacts.jsonl"
  for kind in csv-import vcard-export; do
    local ext=csv; [ "$kind" = vcard-export ] && ext=json
    for n in "$small" "$rows"; do
      "$bin/contacts-bench" "$kind" "$work/contacts-$n.$ext" | tee -a "$work/contacts.jsonl"
      node_run "$root/benches/node/contacts-bench.js" "$kind" "$work/contacts-$n.$ext" | tee -a "$work/contacts.jsonl"
    done
  done
  for n in "$small" "$rows"; do
    "$bin/contacts-bench" vcard-export-stream "$work/contacts-$n.jsonl" | tee -a "$work/contacts.jsonl"
  done
  python3 - "$work/contacts.jsonl" <<'PY'
import json, sys
r = {(x["impl"], x["kind"], x["rows"]): x for x in map(json.loads, open(sys.argv[1]))}
for (impl, kind, rows), x in sorted(r.items(), key=lambda k: (k[0][1], k[0][2], k[0][0])):
    print(f"contacts {kind:20} {impl:4} {rows:7} rows  {x['seconds']*1000:9.1f} ms  out {x['bytes']/1e6:6.1f} MB  peak RSS {x['peak_rss_kib']/1024:7.1f} MiB")
for kind in ("csv-import", "vcard-export"):
    rows = max(k[2] for k in r if k[1] == kind)
    rust, node = r[("rust", kind, rows)], r[("node", kind, rows)]
    print(f"contacts {kind} {rows} rows: {node['seconds']/rust['seconds']:.1f}x faster than Node (target >=20x)")
PY
}

bench_soak() {
  command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
  build_rust
  body=$(sed -n 's/^VALID_BODY=//p' "$root/benches/data/webhook-signature-vector.txt")
  local signature
  signature=$(sed -n 's/^SIGNATURE=//p' "$root/benches/data/webhook-signature-vector.txt")
  "$bin/webhook-server" signed 18092 2>/dev/null &
  local pid=$!
  wait_for_port 18092
  BODY="$body" SIGNATURE="$signature" wrk -t1 -c256 -d"${soak}s" --timeout 10s -s "$root/benches/node/post.lua" \
    "http://127.0.0.1:18092/" > "$work/soak.txt" &
  local load=$! samples=""
  for _ in $(seq $((soak / 5))); do sleep 5; samples="$samples $(rss "$pid")"; done
  wait "$load"
  echo "soak: ${soak}s, 256 connections, signed: $(tail -n1 "$work/soak.txt")"
  echo "soak: RSS every 5 s (KiB):$samples; peak $(peak_rss "$pid") KiB"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

bench_micro() {
  cargo bench -q -p sipgateio-benchmarks --bench micro -- --noplot 2>/dev/null | grep -E "^[a-z].*|time:"
}

# build: two tiny programs outside the workspace with path dependencies, own target dirs.
bench_build() {
  local crates="$root/crates"
  for variant in sms full; do
    local dir="$work/build-$variant"
    mkdir -p "$dir/src"
    if [ "$variant" = sms ]; then
      dep="sipgateio-sms = { path = \"$crates/sipgateio-sms\" }
sipgateio-core = { path = \"$crates/sipgateio-core\" }"
      code='use sipgateio_sms::{ShortMessage, SmsExt};
fn main() {
    let client = sipgateio_core::Client::builder()
        .personal_access_token("token-ABC123", "00000000-0000-0000-0000-000000000000")
        .build()
        .expect("client");
    let sms = ShortMessage::via_extension("s0", "+4915739777777", "Hello");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("rt");
    if std::env::args().count() > 1 {
        println!("{:?}", runtime.block_on(client.sms().send(&sms)).is_ok());
    }
}'
    else
      dep="sipgateio = { path = \"$crates/sipgateio\", features = [\"full\"] }"
      code='use sipgateio::prelude::*;
fn main() {
    let client = sipgateio::Client::builder()
        .personal_access_token("token-ABC123", "00000000-0000-0000-0000-000000000000")
        .build()
        .expect("client");
    let sms = sipgateio::sms::ShortMessage::via_extension("s0", "+4915739777777", "Hello");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("rt");
    if std::env::args().count() > 1 {
        println!("{:?}", runtime.block_on(client.sms().send(&sms)).is_ok());
    }
}'
    fi
    cat > "$dir/Cargo.toml" <<TOML
[package]
name = "tiny-$variant"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$dep
tokio = { version = "1", features = ["rt"] }

[workspace]
TOML
    printf '%s\n' "$code" > "$dir/src/main.rs"
    cp "$root/Cargo.lock" "$dir/Cargo.lock" 2>/dev/null || true
    (cd "$dir" && cargo fetch -q)
    local started ended count
    started=$(date +%s.%N)
    count=$(cd "$dir" && CARGO_TARGET_DIR="$dir/target" cargo build --release 2>&1 | grep -c '^ *Compiling ' || true)
    ended=$(date +%s.%N)
    local size
    size=$(stat -c %s "$dir/target/release/tiny-$variant")
    echo "build $variant: $(python3 -c "print(f'{$ended-$started:.0f}')") s clean release build, $count crates compiled, binary $((size / 1024)) KiB"
  done
}

case "${1:-all}" in
  webhook) install_node_library; bench_webhook ;;
  client) install_node_library; bench_client ;;
  contacts) install_node_library; bench_contacts ;;
  soak) bench_soak ;;
  micro) bench_micro ;;
  build) bench_build ;;
  all) install_node_library; bench_webhook; bench_client; bench_contacts; bench_soak; bench_micro ;;
  *) echo "unknown benchmark $1 (webhook|client|contacts|soak|micro|build|all)" >&2; exit 2 ;;
esac
