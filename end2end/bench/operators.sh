#!/usr/bin/env bash
# Operators beside a citizen flood (issue 12), for BENCHMARKS.md. One command:
#
#   end2end/bench/operators.sh
#
# Builds the release binary and the load tool, starts Cupola on the demo region (SQLite, then
# PostgreSQL), floods it with `wrk -t2 -c2000` on /prenota and then on the availability API, and
# meanwhile measures 4 operators paging through /operatore/disponibilita (the load tool, a
# separate process, one request every 100 ms each). Each flood is run twice: with one address,
# and with the staff area on its own address (CUPOLA_OPERATOR_ADDR). It prints the operators'
# p50/p99 and success rate. FLOOD_SECONDS (default 15) sets each flood's length.
# Needs wrk, psql (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
FLOOD_SECONDS="${FLOOD_SECONDS:-15}"
PG_ADMIN="postgres://postgres@127.0.0.1:5432/postgres"
command -v wrk > /dev/null || apt-get install -y -q wrk > /dev/null
# wrk -c2000 and Cupola each need a descriptor per connection.
ulimit -n "$(ulimit -Hn)"

cargo build --release --locked -q --bin cupola --example load
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/cupola"
LOAD="${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/load"
WORK="$(mktemp -d /tmp/cupola-ops.XXXXXX)"
PG_DB="cupola_ops_$$"
PIDS=()
stop_all() {
  for p in "${PIDS[@]}"; do kill "$p" 2> /dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2> /dev/null || true; done
  PIDS=()
}
trap 'stop_all; rm -rf "$WORK"; psql -q "$PG_ADMIN" -c "drop database if exists $PG_DB with (force)" 2>/dev/null || true' EXIT
val() { grep "^@ $2=" "$1" | tail -1 | cut -d= -f2-; }

# start DB_URL [cupola flags…]: a release Cupola on port 3500 (staff on 3501 if asked for).
start() {
  local url="$1"
  shift
  DATABASE_URL="$url" CUPOLA_ADDR="127.0.0.1:3500" RUST_LOG=warn \
    "$BIN" "$@" > "$WORK/cupola.log" 2>&1 &
  PIDS+=($!)
  until grep -q "Cupola listening" "$WORK/cupola.log" 2> /dev/null; do sleep 0.2; done
  sleep 2
}

psql -q "$PG_ADMIN" -c "create database $PG_DB"
echo "Operators beside a citizen flood — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(git rev-parse --short HEAD)"
echo "wrk -t2 -c2000 for ${FLOOD_SECONDS} s; 4 operators, one page every 100 ms each, measured from the 3rd second for $((FLOOD_SECONDS - 5)) s"
echo
echo "| backend | flood on | staff address | operator pages | success | p50 ms | p99 ms |"
echo "|---|---|---|---|---|---|---|"
for backend in sqlite postgres; do
  if [ $backend = sqlite ]; then url="sqlite://$WORK/demo.db"; else url="postgres://postgres@127.0.0.1:5432/$PG_DB"; fi
  # First start creates the demo region.
  start "$url"
  stop_all
  # The load tool wants prescriptions even with no citizens.
  DATABASE_URL="$url" "$BIN" demo prescriptions --count 10 > "$WORK/rx.csv" 2> /dev/null
  for flood in /prenota "/api/v1/availability?service=89.7A.3"; do
    for mode in shared own; do
      if [ $mode = own ]; then
        start "$url" --operator-addr 127.0.0.1:3501
        staff=http://127.0.0.1:3501
      else
        start "$url"
        staff=http://127.0.0.1:3500
      fi
      wrk -t2 -c2000 -d"${FLOOD_SECONDS}s" "http://127.0.0.1:3500$flood" > "$WORK/wrk.out" 2>&1 &
      wrk_pid=$!
      sleep 3
      "$LOAD" --base "$staff" citizens --prescriptions "$WORK/rx.csv" --clients 0 \
        --seconds $((FLOOD_SECONDS - 5)) --operators 4 --operator-pause-ms 100 > "$WORK/ops.out"
      wait $wrk_pid || true
      stop_all
      rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out")
      echo "| $backend | \`$flood\` ($rps req/s) | $mode | $(val "$WORK/ops.out" operators.requests) | $(val "$WORK/ops.out" operators.success_pct) % | $(val "$WORK/ops.out" operators.all.p50_ms) | $(val "$WORK/ops.out" operators.all.p99_ms) |"
    done
  done
done
