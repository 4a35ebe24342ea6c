#!/usr/bin/env bash
# The memory a response's compression takes, for BENCHMARKS.md: Cupola is started on the demo
# region, a few of its pages are saved uncompressed, and `server/examples/compression.rs`
# compresses each as Cupola does and as it did, printing the compressed size and the heap's
# peak during the compression (dhat's allocator).
#
#   end2end/bench/compression.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
cargo build --release --locked -q --bin cupola --example compression
BIN="${CUPOLA_BIN:-$ROOT/target/release/cupola}"
WORK="$(mktemp -d /tmp/cupola-compression.XXXXXX)"
PID=""
cleanup() {
  [ -z "$PID" ] || kill "$PID" 2> /dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
P=3823
DATABASE_URL="sqlite://$WORK/demo.db" "$BIN" seed --scale demo > /dev/null 2>&1
DATABASE_URL="sqlite://$WORK/demo.db" CUPOLA_ADDR="127.0.0.1:$P" "$BIN" > "$WORK/cupola.log" 2>&1 &
PID=$!
until curl -fs -o /dev/null "http://127.0.0.1:$P/readyz"; do sleep 0.1; done
files=()
for page in home:/ form:/prenota catalogue:/prestazioni waiting-times:/tempi-di-attesa \
  snapshot:/tempi-di-attesa/89.7A.3 services.json:/api/v1/services; do
  name="${page%%:*}"
  curl -fs -o "$WORK/$name" "http://127.0.0.1:$P${page#*:}"
  files+=("$WORK/$name")
done
echo "Compression's memory — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
echo
"$ROOT/target/release/examples/compression" "${files[@]}"
