#!/usr/bin/env bash
# Benchmarks sipgateio-rs against sipgateio-node (sipgateio@2.15.1) on this machine, in one run.
#
# Usage: benches/run.sh [all|webhook|pinned|client|history|contacts|cli|soak|micro|build|probe]
#   all       every row of the summary (webhook, pinned, client, history, contacts, cli,
#             soak, micro), then the summary table and the chart (default)
#   webhook   wrk against our server (signed, unsigned), Node's, and a bare-handler ceiling
#             served with our server's settings; server CPU time per request
#   pinned    the same with each server pinned to core 0 and wrk to core 1 (one worker
#             thread), signed servers and the ceiling, and the cost of one verification
#   client    10,000 sequential GETs and 1,000 SMS sends with 50 in flight, ours vs Node's:
#             CPU per request (user/kernel), TCP connections, requests the stub received
#   history   a history CSV export of 1,000,000 entries from the stub: time and peak memory
#   contacts  100,000-row CSV -> import payload, 100,000 contacts -> vCards (and 10k rows)
#   cli       a CLI command that fails validation (no request): process time, release build
#   soak      60 s of load on our signed server, RSS sampled every 5 s
#   micro     criterion micro-benchmarks (XML, form parsing, signature)
#   build     clean build time, crates compiled and binary size: sms-only vs the full facade
#   probe     instruction counts (callgrind) of the hot paths: repeatable on a busy machine
#
# Knobs: DURATION (wrk seconds, 10), CONNECTIONS (64), REQUESTS (client, 10000),
#        MESSAGES (SMS, 1000), IN_FLIGHT (50), HISTORY_ROWS (1000000),
#        ROWS (contacts, 100000), SOAK (seconds, 60), SERVER_THREADS (Rust server workers).
# Needs node/npm (installs the Node library into .node-bench/, ignored by git), wrk
# (apt-get install wrk), curl, python3 and taskset; valgrind for `probe`. Output: one line
# per figure; `all` ends with the summary table (also benches/results/summary.md) and the
# chart benches/results/chart.svg; its whole output is benches/results/run.log.
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
messages=${MESSAGES:-1000}
in_flight=${IN_FLIGHT:-50}
history_rows=${HISTORY_ROWS:-1000000}
api_port=18089
results="$root/benches/results"
# One of sipgate's webhook addresses: Node's signed server checks X-Forwarded-For against them.
sipgate_address=217.116.118.254

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
build_cli() { cargo build --release -q -p sipgateio-cli; }

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

# wrk_server NAME PORT SIGNATURE CMD...: start a server, load it, print one JSON line with
# the server's CPU time per request. With PIN set, the server runs on core 0, wrk on core 1.
wrk_server() {
  local name=$1 port=$2 signature=$3; shift 3
  local server_cpu="" load_cpu=""
  if [ -n "${PIN:-}" ]; then server_cpu="taskset -c 0"; load_cpu="taskset -c 1"; fi
  $server_cpu "$@" >"$work/$name.log" 2>&1 &
  local pid=$!
  wait_for_port "$port"
  # Every server must answer 200 with the gather XML before it is loaded.
  local answer
  answer=$(curl -s -w ' HTTP %{http_code}' -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
    -H "X-Forwarded-For: $sipgate_address" \
    ${signature:+-H "X-Sipgate-Signature: $signature"} --data "$body" "http://127.0.0.1:$port/")
  case "$answer" in
    *'<Gather'*'HTTP 200') echo "webhook $name answers: $(echo "$answer" | tr -s ' \n' ' ')" ;;
    *) echo "webhook $name gave an unexpected answer: $answer" >&2; kill "$pid"; return 1 ;;
  esac
  # Warm up (JIT, allocator, connection setup), then measure.
  BODY="$body" SIGNATURE="$signature" FORWARDED_FOR="$sipgate_address" $load_cpu wrk -t1 -c"$connections" -d2s \
    -s "$root/benches/node/post.lua" "http://127.0.0.1:$port/" >/dev/null
  local figures before after
  before=$(cpu_ticks "$pid")
  figures=$(BODY="$body" SIGNATURE="$signature" FORWARDED_FOR="$sipgate_address" $load_cpu wrk -t1 -c"$connections" \
    -d"${duration}s" --latency -s "$root/benches/node/post.lua" "http://127.0.0.1:$port/" | tail -n1)
  after=$(cpu_ticks "$pid")
  local peak
  peak=$(peak_rss "$pid" 2>/dev/null) || { echo "webhook $name: the server died under load:" >&2; cat "$work/$name.log" >&2; return 1; }
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "{\"server\":\"$name\",\"peak_rss_kib\":$peak,\"cpu_seconds\":$(python3 -c "print(($after - $before) / 100)"),${figures#\{}" \
    | tee -a "$work/webhook.jsonl"
}

# User + system CPU time of a process in clock ticks (1/100 s).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

bench_webhook() {
  command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
  build_rust
  body=$(sed -n 's/^VALID_BODY=//p' "$root/benches/data/webhook-signature-vector.txt")
  local signature
  signature=$(sed -n 's/^SIGNATURE=//p' "$root/benches/data/webhook-signature-vector.txt")
  local threads=${SERVER_THREADS:-}
  wrk_server ceiling 18090 "" "$bin/webhook-server" ceiling 18090 $threads
  wrk_server rust-unsigned 18090 "" "$bin/webhook-server" unsigned 18090 $threads
  wrk_server rust-signed 18090 "$signature" "$bin/webhook-server" signed 18090 $threads
  wrk_server node-unsigned 18091 "" env NODE_PATH="$node_dir/node_modules" node "$root/benches/node/webhook-server.js" 18091
  python3 - "$work/webhook.jsonl" <<'PY'
import json, sys
for x in map(json.loads, open(sys.argv[1])):
    print(f"webhook {x['server']:20} {x['per_second']:9.0f} req/s  p50 {x['p50_ms']:.2f} ms  p99 {x['p99_ms']:.2f} ms  "
          f"errors {x['errors']}  non-2xx {x['non_2xx']}  server CPU {1e6*x['cpu_seconds']/x['requests']:.1f} µs/req  "
          f"peak RSS {x['peak_rss_kib']/1024:.1f} MiB")
PY
}

# Pinned: each server on core 0 with one worker thread, wrk on core 1; signed servers.
bench_pinned() {
  command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
  command -v taskset >/dev/null || { echo "taskset is required (util-linux)" >&2; exit 1; }
  build_rust
  body=$(sed -n 's/^VALID_BODY=//p' "$root/benches/data/webhook-signature-vector.txt")
  local signature
  signature=$(sed -n 's/^SIGNATURE=//p' "$root/benches/data/webhook-signature-vector.txt")
  taskset -c 0 "$bin/webhook-server" verify-cost 2000 | tee "$work/verify.json"
  PIN=1 wrk_server pinned-ceiling 18090 "" "$bin/webhook-server" ceiling 18090 1
  PIN=1 wrk_server pinned-rust-signed 18090 "$signature" "$bin/webhook-server" signed 18090 1
  PIN=1 wrk_server pinned-node-signed 18091 "$signature" env NODE_PATH="$node_dir/node_modules" node \
    "$root/benches/node/webhook-server.js" 18091 signed
}

# The stub's counters: TCP connections accepted and SMS received. The /stats request itself
# opens one connection, subtracted below.
api_stat() { curl -s "http://127.0.0.1:$api_port/stats" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

start_stub() {
  HISTORY_ROWS=$history_rows "$bin/stub-api" "$api_port" 2>/dev/null &
  stub=$!
  wait_for_port "$api_port"
}

# run_client NAME CMD...: run one client against the stub; adds the connections it opened
# and the SMS the stub received to its JSON line.
run_client() {
  local name=$1; shift
  local connections_before sms_before line
  connections_before=$(api_stat connections); sms_before=$(api_stat sms)
  line=$("$@")
  # Each /stats request is a connection of its own: the one before the sms count and this one.
  local connections=$(( $(api_stat connections) - connections_before - 2 ))
  local sms=$(( $(api_stat sms) - sms_before ))
  echo "${line%\}},\"connections\":$connections,\"stub_sms\":$sms}" | tee -a "$work/client.jsonl"
}

bench_client() {
  build_rust
  start_stub
  local base="http://127.0.0.1:$api_port/v2"
  run_client rust "$bin/client-bench" "$base" "$requests"
  run_client node node_run "$root/benches/node/client-bench.js" "$requests"
  run_client rust "$bin/client-bench" sms "$base" "$messages" "$in_flight"
  run_client node node_run "$root/benches/node/client-bench.js" sms "$messages" "$in_flight"
  kill "$stub"; wait "$stub" 2>/dev/null || true
}

bench_history() {
  build_rust
  start_stub
  run_client rust "$bin/client-bench" history "http://127.0.0.1:$api_port/v2"
  run_client node node_run "$root/benches/node/client-bench.js" history
  kill "$stub"; wait "$stub" 2>/dev/null || true
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
  node_run "$root/benches/node/contacts-bench.js" parse-lines "$work/contacts-$rows.jsonl" | tee -a "$work/contacts.jsonl"
  # The whole streaming run as a process: its peak memory includes reading the JSON lines.
  python3 - "$work/contacts.jsonl" <<'PY'
import json, sys
r = {(x["impl"], x["kind"], x["rows"]): x for x in map(json.loads, open(sys.argv[1]))}
for (impl, kind, rows), x in sorted(r.items(), key=lambda k: (k[0][1], k[0][2], k[0][0])):
    print(f"contacts {kind:20} {impl:4} {rows:7} rows  {x['seconds']*1000:9.1f} ms  out {x['bytes']/1e6:6.1f} MB  peak RSS {x['peak_rss_kib']/1024:7.1f} MiB")
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

# A CLI command that fails validation before any request (an empty SMS text to a valid
# number): wall and CPU time of the whole process, median of 21 runs.
bench_cli() {
  build_cli
  python3 - "$bin/sipgateio" <<'PY' | tee "$work/cli.json"
import json, os, resource, statistics, subprocess, sys, time
env = dict(os.environ, SIPGATE_TOKEN_ID="token-ABC123", SIPGATE_TOKEN="195d5a7c-559f-444d-9a61-06adaf70ff27",
           SIPGATE_BASE_URL="http://127.0.0.1:9/v2")
command = [sys.argv[1], "sms", "send", "--to", "+4915739777777", "--from", "s0", ""]
walls, cpus = [], []
for _ in range(21):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True)
    walls.append(time.perf_counter() - started)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    assert done.returncode != 0 and b"message" in done.stderr.lower(), done
print(json.dumps({"command": " ".join(command[1:]), "wall_ms": 1000 * statistics.median(walls),
                  "cpu_ms": 1000 * statistics.median(cpus), "exit": done.returncode,
                  "stderr": done.stderr.decode().strip()}))
PY
}

# Instruction counts of the hot paths (callgrind): N iterations minus 0, divided by N.
bench_probe() {
  command -v valgrind >/dev/null || { echo "valgrind is required: apt-get install -y valgrind" >&2; exit 1; }
  build_rust
  for case in webhook-parse:2000 vcard:2000 csv-import:20 csv-upload:20 phone-number:200; do
    local name=${case%%:*} n=${case##*:} zero full
    zero=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin/probe" "$name" 0 2>&1 | sed -n 's/.*Collected : //p')
    full=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin/probe" "$name" "$n" 2>&1 | sed -n 's/.*Collected : //p')
    echo "probe $name: $(( (full - zero) / n )) instructions per iteration (first call included: $(( full - zero )) over $n)"
  done
}

# The summary of `all`: one row per benchmark with the figure, the goal and the ratio to Node.
summary() {
  mkdir -p "$results"
  for file in webhook.jsonl client.jsonl contacts.jsonl verify.json cli.json; do
    if [ -f "$work/$file" ]; then cp "$work/$file" "$results/"; fi
  done
  python3 - "$work" <<'PY' | tee "$results/summary.md"
import json, os, sys
w = sys.argv[1]
def jl(name):
    path = os.path.join(w, name)
    return [json.loads(l) for l in open(path)] if os.path.exists(path) else []
web = {x["server"]: x for x in jl("webhook.jsonl")}
cli = {(x["impl"], x["kind"]): x for x in jl("client.jsonl")}
con = {(x["impl"], x["kind"], x["rows"]): x for x in jl("contacts.jsonl")}
verify = json.load(open(os.path.join(w, "verify.json"))) if os.path.exists(os.path.join(w, "verify.json")) else None
clirun = json.load(open(os.path.join(w, "cli.json"))) if os.path.exists(os.path.join(w, "cli.json")) else None
rows = []
def row(name, figure, goal, node, met):
    rows.append((name, figure, goal, node, "yes" if met else "**no**"))
def us(x): return 1e6 * x["cpu_seconds"] / x["requests"]
if web:
    c, u, n = web["ceiling"], web["rust-unsigned"], web["node-unsigned"]
    row("webhook newCall → XML, unsigned (2 cores shared with wrk)",
        f"{u['per_second']:,.0f} req/s = **{100*u['per_second']/c['per_second']:.0f} %** of the ceiling ({c['per_second']:,.0f}); "
        f"CPU {us(u):.1f} µs/req vs the ceiling's {us(c):.1f} ({100*us(c)/us(u):.0f} %)",
        "≥ 85 % of the ceiling", f"{u['per_second']/n['per_second']:.1f}× ({n['per_second']:,.0f} req/s; {us(n):.0f} µs CPU/req)",
        u['per_second'] >= 0.85*c['per_second'])
if "pinned-rust-signed" in web and verify:
    c, s, n = web["pinned-ceiling"], web["pinned-rust-signed"], web["pinned-node-signed"]
    v = verify["verify_cpu_seconds"]
    bound = 1 / (v + us(c) / 1e6)
    alone = 1e6 / us(s)
    row("webhook signed (RSA-4096), server pinned to core 0, wrk to core 1",
        f"{s['per_second']:,.0f} req/s; CPU {us(s):.1f} µs/req = 1/{alone:,.0f} s → **{100*alone/bound:.0f} %** of 1/(verification {1e6*v:.1f} µs + ceiling {us(c):.1f} µs CPU) = {bound:,.0f} req/s "
        f"(by throughput: {100*s['per_second']/(1/(v + 1/c['per_second'])):.0f} % of 1/(verification + 1/{c['per_second']:,.0f}))",
        "≥ 80 % of that bound", f"{s['per_second']/n['per_second']:.1f}× Node with its checks on ({n['per_second']:,.0f} req/s; {us(n):.0f} µs CPU/req)",
        alone >= 0.8*bound)
def big(kind):
    r = max((k[2] for k in con if k[1] == kind), default=None)
    return r, con.get(("rust", kind, r)), con.get(("node", kind, r))
r, rust, node = big("csv-import")
if rust and node:
    ratio = node["seconds"]/rust["seconds"]
    small = con.get(("rust", "csv-import", min(k[2] for k in con if k[1] == "csv-import")))
    row(f"{r:,}-row CSV → import payload (from an io::Read)", f"{1000*rust['seconds']:.1f} ms, peak {rust['peak_rss_kib']/1024:.1f} MiB (payload {rust['bytes']/2**20:.1f} MiB; {small['rows']:,} rows: {small['peak_rss_kib']/1024:.1f} MiB)",
        "≥ 5× Node; memory = payload + O(1)/row", f"{ratio:.1f}× ({1000*node['seconds']:.0f} ms, {node['peak_rss_kib']/1024:.0f} MiB)", ratio >= 5)
def like_for_like(stream, export):
    # The Rust stream decodes every line; Node's export starts from parsed contacts.
    parse = con.get(("node", "parse-lines", stream["rows"]))
    if not parse:
        return ""
    both = parse["seconds"] + export["seconds"]
    return f"; {both/stream['seconds']:.1f}× Node's parse + export ({1000*parse['seconds']:.0f} + {1000*export['seconds']:.0f} ms)"
r, rust, node = big("vcard-export")
if rust and node:
    ratio = node["seconds"]/rust["seconds"]
    row(f"{r:,} contacts → one vCard file (in memory)", f"{1000*rust['seconds']:.1f} ms", "≥ 20× Node", f"{ratio:.1f}× ({1000*node['seconds']:.0f} ms)", ratio >= 20)
    streams = sorted((k[2], v) for k, v in con.items() if k[1] == "vcard-export-stream")
    if streams:
        s = streams[-1][1]
        ratio = node["seconds"]/s["seconds"]
        mems = " → ".join(f"{v['peak_rss_kib']/1024:.1f}" for _, v in streams)
        row(f"{r:,} contacts as JSON lines → vCard into a writer", f"{1000*s['seconds']:.1f} ms, peak {mems} MiB ({', '.join(f'{k:,}' for k, _ in streams)} contacts)",
            "≥ 10× Node's export, memory flat", f"{ratio:.1f}× Node's export" + like_for_like(s, node),
            ratio >= 10 and streams[-1][1]['peak_rss_kib'] <= 1.2*streams[0][1]['peak_rss_kib'])
rg, ng = cli.get(("rust", "get")), cli.get(("node", "get"))
if rg and ng:
    row(f"client, {rg['requests']:,} sequential GETs", f"{rg['per_second']:,.0f} req/s; CPU {rg['cpu_us_per_request']:.0f} µs/req (user {rg['user_us_per_request']:.0f}, kernel {rg['kernel_us_per_request']:.0f}); {rg['connections']} connection(s)",
        "report CPU/req, user/kernel", f"{rg['per_second']/ng['per_second']:.1f}× (Node {ng['per_second']:,.0f} req/s; CPU {ng['cpu_us_per_request']:.0f} µs/req: user {ng['user_us_per_request']:.0f}, kernel {ng['kernel_us_per_request']:.0f})", True)
rs, ns = cli.get(("rust", "sms")), cli.get(("node", "sms"))
if rs and ns:
    ratio = rs['per_second']/ns['per_second']
    row(f"client, {rs['requests']:,} SMS sends, {os.environ.get('IN_FLIGHT', '50')} in flight", f"{rs['per_second']:,.0f} sends/s; {rs['connections']} connections; the stub got {rs['stub_sms']} (failed {rs['failed']}); CPU {rs['cpu_us_per_request']:.0f} µs/send",
        "≥ 3× Node, one pool, no retries", f"{ratio:.1f}× ({ns['per_second']:,.0f} sends/s, {ns['connections']} connections, stub got {ns['stub_sms']})", ratio >= 3 and rs['stub_sms'] == rs['requests'])
rh, nh = cli.get(("rust", "history-export")), cli.get(("node", "history-export"))
if rh and nh:
    row(f"history CSV export, {int(os.environ.get('HISTORY_ROWS', '1000000')):,} entries ({rh['bytes']/2**20:.0f} MiB)", f"{1000*rh['seconds']:.0f} ms, peak {rh['peak_rss_kib']/1024:.1f} MiB (streamed into a writer)",
        "memory flat; time vs Node", f"{nh['seconds']/rh['seconds']:.1f}× ({1000*nh['seconds']:.0f} ms, peak {nh['peak_rss_kib']/1024:.0f} MiB)", rh['peak_rss_kib'] < 64*1024)
if clirun:
    row("CLI command failing validation (no request), release", f"{clirun['wall_ms']:.1f} ms wall, {clirun['cpu_ms']:.1f} ms CPU (median of 21)", "≤ 20 ms", "–", clirun['wall_ms'] <= 20)
print("| benchmark | figure | goal | ratio to Node | met? |")
print("|---|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
PY
  "$bin/chart" "$work/webhook.jsonl" "$work/contacts.jsonl" "$results/chart.svg" \
    && echo "chart: $results/chart.svg"
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
  pinned) install_node_library; bench_pinned ;;
  client) install_node_library; bench_client ;;
  history) install_node_library; bench_history ;;
  contacts) install_node_library; bench_contacts ;;
  cli) bench_cli ;;
  soak) bench_soak ;;
  micro) bench_micro ;;
  build) bench_build ;;
  probe) bench_probe ;;
  all)
    mkdir -p "$results"
    exec > >(tee "$results/run.log") 2>&1
    echo "run: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    install_node_library; bench_webhook; bench_pinned; bench_client; bench_history; bench_contacts; bench_cli
    bench_soak; bench_micro; summary
    echo "run: ended $(date -u '+%H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)" ;;
  *) echo "unknown benchmark $1 (all|webhook|pinned|client|history|contacts|cli|soak|micro|build|probe)" >&2; exit 2 ;;
esac
