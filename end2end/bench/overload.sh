#!/usr/bin/env bash
# Overload measured open-loop, for BENCHMARKS.md: bookings (POST /api/v1/bookings) offered at a
# constant arrival rate of 1×, 3×, 10× and 30× the booking capacity measured just before (the
# load tool's `open`: each request sent at its scheduled moment whatever the answers, latency
# counted from that moment), with operators at work beside. For each: goodput against capacity,
# the server's own time to shed (the `cupola_shed_seconds` histogram of /metrics, the difference
# over the run) beside the client's view of the shed answers, and the operators' p99.
#
#   end2end/bench/overload.sh                       # seeds the region (SQLite) first, ~4 min
#   REGION_DB=/path/region.db end2end/bench/overload.sh
#   SCALE=demo end2end/bench/overload.sh           # the small demo region, for a quick look
#
# Cupola runs with its shipped capacity (64 booking requests at once, operators 32) and, as in
# load.sh, the waiting room's pace lifted (the API does not wait in it; pages would). Needs curl,
# sqlite3 (installed if missing).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-10}"
MULTIPLES="${MULTIPLES:-1 3 10 30}"
OPERATORS="${OPERATORS:-8}"
command -v sqlite3 > /dev/null || apt-get install -y -q sqlite3 > /dev/null

cargo build --release --locked -q --bin cupola --example load
BIN="$ROOT/target/release/cupola"
LOAD="$ROOT/target/release/examples/load"
WORK="$(mktemp -d /tmp/cupola-overload.XXXXXX)"
PID=""
trap '[ -z "$PID" ] || kill "$PID" 2> /dev/null || true; rm -rf "$WORK"' EXIT
log() { echo "# $*" >&2; }
val() { grep "^@ $2=" "$1" | tail -1 | cut -d= -f2-; }

if [ -n "${REGION_DB:-}" ]; then
  FILE="$REGION_DB"
else
  FILE="$WORK/region.db"
  log "seeding the ${SCALE:-region} scale…"
  DATABASE_URL="sqlite://$FILE" "$BIN" seed --scale "${SCALE:-region}" > /dev/null
fi
URL="sqlite://$FILE"
P=3601
B="http://127.0.0.1:$P"

# Shed-time histogram of /metrics: "bucket count" lines (le, cumulative count), all places.
shed_buckets() {
  curl -s "$B/metrics" | awk -F'[{}]' '/^cupola_shed_seconds_bucket/ {
      n = split($2, labels, ","); le = "";
      for (i = 1; i <= n; i++) if (labels[i] ~ /^le=/) { le = labels[i]; gsub(/le=|"/, "", le) }
      split($3, v, " "); sum[le] += v[1] }
    END { for (le in sum) print le, sum[le] }' | sort -g
}
# p99 of the difference of two histograms (the upper bound of the bucket holding it).
shed_p99() {
  join <(sort "$1") <(sort "$2") | sort -g | awk '{d = $3 - $2; le[NR] = $1; c[NR] = d; total = d}
    END { if (total == 0) { print "none"; exit } for (i = 1; i <= NR; i++) if (c[i] >= 0.99 * total) {
      printf "≤ %.3f ms (%d shed)", le[i] * 1000, total; exit } }'
}

log "preparing the jobs…"
DATABASE_URL="$URL" "$BIN" demo prescriptions --count "${JOBS:-60000}" > "$WORK/rx.csv" 2> /dev/null
DATABASE_URL="$URL" CUPOLA_ADDR="127.0.0.1:$P" RUST_LOG="warn,server::snapshots=info" "$BIN" \
  --admission-rate 100000 --admission-burst 100000 > "$WORK/cupola.log" 2>&1 &
PID=$!
# Steady state: the start's own work (the first pass of snapshots) is done before the runs.
until grep -q "availability snapshots published" "$WORK/cupola.log" 2> /dev/null; do sleep 0.2; done
"$LOAD" --base "$B" slots --prescriptions "$WORK/rx.csv" --out "$WORK/jobs.csv" > "$WORK/slots.out"
log "$(val "$WORK/slots.out" slots.jobs) jobs"

echo "Overload, open loop — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'), SQLite, ${SCALE:-region} scale ($(sqlite3 "$FILE" 'select count(*) from slots') slots)"
echo "Each run $SECONDS_PER_RUN s; $OPERATORS operators asking for free slots beside (a page every 100 ms each)."
echo

# Capacity: closed loop, as many clients as the booking capacity (64 by default: none shed).
"$LOAD" --base "$B" book --jobs "$WORK/jobs.csv" --clients 64 --seconds "$SECONDS_PER_RUN" > "$WORK/capacity.out"
CAP=$(val "$WORK/capacity.out" book.total_per_s)
# The jobs the capacity run did not try are the pool of the next runs.
{ head -1 "$WORK/jobs.csv"; tail -n "$(val "$WORK/capacity.out" book.jobs_left)" "$WORK/jobs.csv"; } > "$WORK/pool.csv"
echo "Capacity (closed loop, 64 clients: the booking capacity, none shed): **$CAP bookings/s**"
echo
echo "| offered | requests/s | goodput (201/s) | goodput ÷ capacity | shed answers | server's time to shed, p99 (histogram) | client's view of shed answers, p99 | bookings p99 (from schedule) | operators p99 | sender late at most | sent again (no untried job left) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for m in $MULTIPLES; do
  rate=$(awk -v c="$CAP" -v m="$m" 'BEGIN {printf "%.0f", c * m}')
  shed_buckets > "$WORK/before"
  # The operators from a process of their own (in the generator's process they would wait
  # behind its tens of thousands of tasks).
  "$LOAD" --base "$B" citizens --prescriptions "$WORK/rx.csv" --clients 0 --operators "$OPERATORS" \
    --operator-pause-ms 100 --seconds "$SECONDS_PER_RUN" > "$WORK/operators.$m.out" &
  ops=$!
  "$LOAD" --base "$B" open --jobs "$WORK/pool.csv" --rate "$rate" --seconds "$SECONDS_PER_RUN" \
    --left "$WORK/left.csv" > "$WORK/open.$m.out"
  wait "$ops"
  mv "$WORK/left.csv" "$WORK/pool.csv"
  shed_buckets > "$WORK/after"
  f="$WORK/open.$m.out"
  good=$(val "$f" open.goodput_per_s)
  echo "| ${m}× | $rate | $good | $(awk -v g="$good" -v c="$CAP" 'BEGIN {printf "%.1f %%", 100 * g / c}') | $(val "$f" bookings.503.count || echo 0) | $(shed_p99 "$WORK/before" "$WORK/after") | $(val "$f" bookings.503.p99_ms || echo —) ms | $(val "$f" bookings.2xx.p99_ms || echo —) ms | $(val "$WORK/operators.$m.out" operators.all.p99_ms || echo —) ms | $(val "$f" open.sender_late_max_ms) ms | $(val "$f" open.sent_again) |"
  grep -v '^@' "$f" "$WORK/operators.$m.out" | grep -v '^$' | sed 's/^/    /' >&2 || true
done
echo
doubles=$(sqlite3 "$FILE" "select count(*) from (select slot_id from bookings where status <> 'cancelled' group by slot_id having count(*) > 1) d")
echo "Double bookings after all runs: $doubles"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
