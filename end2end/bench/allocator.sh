#!/usr/bin/env bash
# Resident memory at a booking peak with mimalloc's defaults and with MIMALLOC_PURGE_DELAY=0
# (freed memory given back at once), alternating, on SQLite at demo scale. For each run: the
# anonymous resident memory (RssAnon: the heap, the stacks; neither the executable's pages nor
# SQLite's memory map) at its highest while 128 clients book and wrk reads three public URLs
# for 20 s (asking for brotli or gzip, as browsers and apps do), and the bookings per second of
# that run.
#
#   end2end/bench/allocator.sh            # 3 pairs
#   PAIRS=5 end2end/bench/allocator.sh
#   BEFORE_BIN=/tmp/old/cupola end2end/bench/allocator.sh   # instead: another build (e.g. before
#       a change) against this tree's, both with mimalloc's defaults
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PAIRS="${PAIRS:-3}"
# The readers run in the background and their failures are not waited for: without wrk the
# peak would silently be bookings alone.
command -v wrk > /dev/null || apt-get install -y -q wrk > /dev/null
cargo build --release --locked -q --bin cupola --example load
BIN="$ROOT/target/release/cupola"
LOAD="$ROOT/target/release/examples/load"
WORK="$(mktemp -d /tmp/cupola-allocator.XXXXXX)"
P=18778
PID=""
cleanup() { [ -z "$PID" ] || kill "$PID" 2> /dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

run() { # label binary env... -> one table row
  local label=$1 bin=$2; shift 2
  rm -f "$WORK"/cupola.db*
  DATABASE_URL="sqlite://$WORK/cupola.db" "$BIN" seed --scale demo > /dev/null 2>&1
  DATABASE_URL="sqlite://$WORK/cupola.db" "$BIN" demo prescriptions --count 40000 > "$WORK/rx.csv" 2> /dev/null
  env "$@" DATABASE_URL="sqlite://$WORK/cupola.db" CUPOLA_ADDR="127.0.0.1:$P" RUST_LOG=info "$bin" \
    --booking-capacity 512 --admission-rate 100000 --admission-burst 100000 > "$WORK/cupola.log" 2>&1 &
  PID=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$P/readyz"; do sleep 0.1; done
  until grep -q "availability snapshots published" "$WORK/cupola.log"; do sleep 0.2; done
  local idle
  idle=$(awk '/^RssAnon/ {printf "%d", $2 / 1024}' "/proc/$PID/status")
  "$LOAD" --base "http://127.0.0.1:$P" slots --prescriptions "$WORK/rx.csv" --out "$WORK/jobs.csv" > /dev/null
  (while kill -0 "$PID" 2> /dev/null; do awk '/^RssAnon/ {print $2}' "/proc/$PID/status" 2> /dev/null; sleep 0.2; done) > "$WORK/anon" &
  local sampler=$! readers=()
  for path in / /prestazioni "/api/v1/availability?service=89.7A.3"; do
    wrk -t1 -c32 -d20s -H "Accept-Encoding: br, gzip" "http://127.0.0.1:$P$path" > /dev/null 2>&1 &
    readers+=($!)
  done
  "$LOAD" --base "http://127.0.0.1:$P" book --jobs "$WORK/jobs.csv" --clients 128 --seconds 20 > "$WORK/book.out"
  wait "${readers[@]}" || true
  kill "$sampler" 2> /dev/null || true
  kill "$PID"; wait "$PID" 2> /dev/null || true; PID=""
  echo "| $label | $idle MB | $(sort -n "$WORK/anon" | tail -1 | awk '{printf "%d", $1 / 1024}') MB | $(grep '^@ book.total_per_s=' "$WORK/book.out" | cut -d= -f2) |"
}

echo "$([ -n "${BEFORE_BIN:-}" ] && echo "Another build against this tree's" || echo "mimalloc's purge delay") — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'), SQLite, demo scale"
echo
echo "| build or allocator setting | RssAnon idle (after the first snapshot pass) | RssAnon at the peak | bookings/s |"
echo "|---|---|---|---|"
for _ in $(seq 1 "$PAIRS"); do
  if [ -n "${BEFORE_BIN:-}" ]; then
    run "before ($BEFORE_BIN)" "$BEFORE_BIN" X=1
    run "this tree" "$BIN" X=1
  else
    run "default (purge delay 1000 ms)" "$BIN" X=1
    run "MIMALLOC_PURGE_DELAY=0" "$BIN" MIMALLOC_PURGE_DELAY=0
  fi
done
echo
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
