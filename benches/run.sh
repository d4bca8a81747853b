#!/usr/bin/env bash
# Benchmarks sipgateio-rs against sipgateio-node on this machine, in one run.
# Usage: benches/run.sh [client]   (default: all available benchmarks)
# Installs sipgateio@2.15.1 into .node-bench/ (ignored by git) and prints the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
node_dir="$root/.node-bench"
port=18089
requests=${REQUESTS:-10000}

install_node_library() {
  command -v node >/dev/null || { echo "node is required for the side-by-side runs" >&2; exit 1; }
  if [ ! -d "$node_dir/node_modules/sipgateio" ]; then
    mkdir -p "$node_dir"
    (cd "$node_dir" && printf '{"name":"node-bench","private":true}\n' > package.json \
      && npm install --silent --no-audit --no-fund sipgateio@2.15.1)
  fi
  # sipgateio-node hard-codes its base URL; point the installed copy at the local stub.
  sed -i "s#https://api.sipgate.com/v2#http://127.0.0.1:$port/v2#" \
    "$node_dir/node_modules/sipgateio/dist/core/sipgateIOClient/sipgateIOClient.js"
}

# The /stats request itself opens one connection, subtracted below.
connections() { curl -s "http://127.0.0.1:$port/stats" | sed -E 's/.*"connections":([0-9]+).*/\1/'; }

bench_client() {
  cargo build --release -q -p sipgateio-benchmarks --bins
  "$root/target/release/stub-api" "$port" 2>/dev/null &
  local stub=$!
  trap 'kill $stub 2>/dev/null || true' RETURN
  for _ in $(seq 50); do curl -s "http://127.0.0.1:$port/stats" >/dev/null && break; sleep 0.1; done

  local before after rust node
  before=$(connections)
  rust=$("$root/target/release/client-bench" "http://127.0.0.1:$port/v2" "$requests")
  after=$(connections)
  echo "rust:  $rust (TCP connections: $((after - before - 1)))"
  before=$after
  node=$(cd "$node_dir" && NODE_PATH="$node_dir/node_modules" node "$root/benches/node/client-bench.js" "$requests")
  after=$(connections)
  echo "node:  $node (TCP connections: $((after - before - 1)))"
  python3 - "$rust" "$node" <<'PY'
import json, sys
rust, node = (json.loads(a) for a in sys.argv[1:3])
print(f"client: {rust['per_second']:.0f} req/s (Rust) vs {node['per_second']:.0f} req/s (Node) -> {rust['per_second']/node['per_second']:.1f}x")
PY
}

install_node_library
case "${1:-all}" in
  client|all) bench_client ;;
  *) echo "unknown benchmark $1" >&2; exit 2 ;;
esac
