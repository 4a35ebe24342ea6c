#!/usr/bin/env bash
# Message delivery (issue 13), for BENCHMARKS.md:
#
#   end2end/bench/delivery.sh                      # SQLite; builds the release binary
#   CUPOLA_BIN=/path/to/cupola BACKENDS="sqlite postgres" end2end/bench/delivery.sh
#
# For each backend: a database with the demo region and QUEUED (default 10,000) e-mails queued
# in the outbox; Cupola started with the local sink (end2end/tools/mail-sink.mjs: a real SMTP
# server) as its SMTP server; then
#   throughput  messages handed over per second, from the first to the last arrival at the
#               sink (and from the start of the process);
#   latency     with the queue empty, BOOKINGS (default 200) bookings through the API,
#               SPACING_MS (default 100) apart, each with an e-mail address: the time from the
#               booking's answer (its commit, in ms, on the client) to the confirmation's
#               arrival at the sink, p50 and p99.
# Targets (issue 13): ≥ 500 messages/s; p99 ≤ 2 s. Writes end2end/bench/results/delivery-<date>.txt.
# Needs: node and `npm ci` in end2end/, curl, jq, sqlite3 (and psql for PostgreSQL, at $PG_ADMIN).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
BACKENDS="${BACKENDS:-sqlite}"
QUEUED="${QUEUED:-10000}"
BOOKINGS="${BOOKINGS:-200}"
SPACING_MS="${SPACING_MS:-100}"
PG_ADMIN="${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}"
PORT="${PORT:-18441}"
CONCURRENCY="${CUPOLA_DELIVERY_CONCURRENCY:-64}"
# Recall reminders are off by default here: on a fresh demo database the first recall pass
# queues a reminder for every booking 7 and 2 working days ahead, which would be counted as
# throughput and sit ahead of the latency phase's confirmations (REMINDERS=7,2 to see that).
REMINDERS="${REMINDERS:-none}"

[ -d end2end/node_modules/smtp-server ] || (cd end2end && npm ci --no-audit --no-fund)
if [ -z "${CUPOLA_BIN:-}" ]; then
  cargo build --release --locked -q --bin cupola
  CUPOLA_BIN="$ROOT/target/release/cupola"
fi
WORK="$(mktemp -d /tmp/cupola-delivery.XXXXXX)"
cp "$CUPOLA_BIN" "$WORK/cupola"
BIN="$WORK/cupola"
SERVER=""
SINK=""
PG_DB=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2> /dev/null && wait "$SERVER" 2> /dev/null
  [ -n "$SINK" ] && kill "$SINK" 2> /dev/null && wait "$SINK" 2> /dev/null
  [ -n "$PG_DB" ] && psql -q "$PG_ADMIN" -c "drop database if exists $PG_DB with (force)" > /dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "# $*" >&2; }
ms() { date +%s%3N; }

# SQL on the bench database.
sql() {
  case "$BACKEND" in
    sqlite) sqlite3 "$WORK/cupola.db" "$1" ;;
    postgres) psql -qtA "$DATABASE_URL" -c "$1" ;;
  esac
}

RESULTS="end2end/bench/results/delivery-$(date -u +%Y-%m-%dT%H%M).txt"
{
  echo "delivery benchmark $(date -u +%FT%TZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "queued=$QUEUED bookings=$BOOKINGS spacing_ms=$SPACING_MS concurrency=$CONCURRENCY reminders=$REMINDERS"
} > "$WORK/results.txt"

for BACKEND in $BACKENDS; do
  log "backend $BACKEND"
  case "$BACKEND" in
    sqlite)
      rm -f "$WORK"/cupola.db*
      export DATABASE_URL="sqlite://$WORK/cupola.db"
      ;;
    postgres)
      PG_DB="cupola_bench_delivery_$$"
      psql -q "$PG_ADMIN" -c "drop database if exists $PG_DB with (force)" -c "create database $PG_DB" > /dev/null
      export DATABASE_URL="${PG_ADMIN%/*}/$PG_DB"
      ;;
  esac
  "$BIN" migrate > /dev/null 2>&1
  "$BIN" seed --scale demo > /dev/null 2>&1
  "$BIN" demo prescriptions --count "$((BOOKINGS * 2))" --priority P > "$WORK/prescriptions.csv" 2> /dev/null
  NOW="$(date +%s)"
  # One confirmation per active booking still ahead (as many as QUEUED): each message is
  # written from its own booking, as after a burst of bookings.
  sql "insert into notification_outbox (created_at, kind, booking_id, channel, recipient, payload, status)
       select $NOW, 'booking_confirmed', b.id, 'email', 'queued' || b.id || '@bench.example.it', '{}', 'pending'
         from bookings b join slots s on s.id = b.slot_id
        where b.status = 'confirmed' and s.starts_at > $NOW + 86400
        order by b.id limit $QUEUED" > /dev/null
  log "queued $(sql "select count(*) from notification_outbox where status = 'pending' and channel = 'email'") e-mails"

  # The sink: a real SMTP server.
  MAIL_SINK_DETACHED=1 node end2end/tools/mail-sink.mjs < /dev/null > "$WORK/sink.out" 2> "$WORK/sink.err" &
  SINK=$!
  for _ in $(seq 100); do [ -s "$WORK/sink.out" ] && break; sleep 0.1; done
  SMTP_PORT="$(head -1 "$WORK/sink.out" | jq .smtp)"
  HTTP_PORT="$(head -1 "$WORK/sink.out" | jq .http)"
  SINK_URL="http://127.0.0.1:$HTTP_PORT"

  STARTED="$(ms)"
  CUPOLA_ADDR="127.0.0.1:$PORT" CUPOLA_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" \
    CUPOLA_MAIL_FROM="CUP Bench <cup@bench.example.it>" CUPOLA_ADMISSION_RATE=1000 \
    CUPOLA_DELIVERY_CONCURRENCY="$CONCURRENCY" RUST_LOG=warn CUPOLA_REMINDER_DAYS="$REMINDERS" \
    "$BIN" serve > "$WORK/server.log" 2>&1 &
  SERVER=$!
  while [ "$(curl -s "$SINK_URL/counters" | jq .messages)" -lt "$QUEUED" ]; do
    kill -0 "$SERVER" || { cat "$WORK/server.log"; exit 1; }
    sleep 0.1
  done
  DONE="$(ms)"
  read -r FIRST LAST COUNT < <(curl -s "$SINK_URL/messages?summary=1" | jq -r '[.[].arrivedAt] | "\(min) \(max) \(length)"')
  RATE="$(awk -v n="$COUNT" -v a="$FIRST" -v b="$LAST" 'BEGIN { printf "%.0f", n / ((b - a) / 1000) }')"
  RATE_ALL="$(awk -v n="$COUNT" -v a="$STARTED" -v b="$DONE" 'BEGIN { printf "%.0f", n / ((b - a) / 1000) }')"
  DUPES="$(curl -s "$SINK_URL/messages?summary=1" | jq '[.[].messageId] | length - (unique | length)')"
  log "throughput: $COUNT messages, $RATE/s first→last arrival, $RATE_ALL/s from process start; duplicates $DUPES"

  # "When the queue is empty": wait until no e-mail is pending (reminders queued at start, if on).
  for _ in $(seq 600); do
    [ "$(sql "select count(*) from notification_outbox where status = 'pending' and channel = 'email'")" = 0 ] && break
    sleep 0.2
  done
  LAT="$(node end2end/bench/delivery-latency.mjs "http://127.0.0.1:$PORT" "$SINK_URL" "$WORK/prescriptions.csv" "$BOOKINGS" "$SPACING_MS")"
  log "latency: $LAT"
  {
    echo "[$BACKEND] throughput: $COUNT e-mails queued before start, delivered at $RATE msg/s (first→last arrival; $RATE_ALL msg/s from process start incl. startup), duplicate Message-IDs: $DUPES"
    echo "[$BACKEND] commit→hand-over, empty queue: $(echo "$LAT" | jq -r '"\(.arrived)/\(.booked) bookings, p50 \(.p50_ms) ms, p99 \(.p99_ms) ms, max \(.max_ms) ms"')"
  } >> "$WORK/results.txt"

  kill "$SERVER"; wait "$SERVER" 2> /dev/null || true; SERVER=""
  kill "$SINK" 2> /dev/null; wait "$SINK" 2> /dev/null || true; SINK=""
  if [ -n "$PG_DB" ]; then
    psql -q "$PG_ADMIN" -c "drop database if exists $PG_DB with (force)" > /dev/null; PG_DB=""
  fi
done
mkdir -p end2end/bench/results
cp "$WORK/results.txt" "$RESULTS"
cat "$RESULTS"
echo "written to $RESULTS" >&2
