#!/usr/bin/env bash
# Two Cupola instances behind nginx (round robin) on one PostgreSQL database, against one instance
# behind the same nginx, for BENCHMARKS.md: durable bookings per second (POST /api/v1/bookings,
# 128 closed-loop clients) and public reads per second (wrk on the availability API and the home
# page), alternating one and two instances in rounds of one run.
#
#   end2end/bench/scaleout.sh [ROUNDS]
#
# On this machine everything shares 2 cores: a second instance adds no CPU, only a second
# process competing for the same two. The figure says what two instances cost or give here, not
# what they give on two machines. Each instance may serve 512 booking requests at once (as in
# load.sh), so that neither sheds the 128 clients. Needs nginx, wrk, psql (installed if missing).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
ROUNDS="${1:-3}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-10}"
need=()
command -v wrk > /dev/null || need+=(wrk)
command -v nginx > /dev/null || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then apt-get install -y -q "${need[@]}" > /dev/null; fi

cargo build --release --locked -q --bin cupola --example load
BIN="$ROOT/target/release/cupola"
LOAD="$ROOT/target/release/examples/load"
WORK="$(mktemp -d /tmp/cupola-scaleout.XXXXXX)"
PG_ADMIN="postgres://postgres@127.0.0.1:5432/postgres"
DB="cupola_scaleout_$$"
URL="postgres://postgres@127.0.0.1:5432/$DB"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2> /dev/null || true; done
  psql -q "$PG_ADMIN" -c "drop database if exists $DB with (force)" > /dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
val() { grep "^@ $2=" "$1" | tail -1 | cut -d= -f2-; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

psql -q "$PG_ADMIN" -c "create database $DB"
DATABASE_URL="$URL" "$BIN" seed > /dev/null
DATABASE_URL="$URL" "$BIN" demo prescriptions --count "${JOBS:-40000}" > "$WORK/rx.csv" 2> /dev/null
for port in 3701 3702; do
  DATABASE_URL="$URL" CUPOLA_ADDR="127.0.0.1:$port" RUST_LOG=warn "$BIN" \
    --booking-capacity 512 --admission-rate 100000 --admission-burst 100000 > "$WORK/cupola.$port.log" 2>&1 &
  PIDS+=($!)
  until grep -q "Cupola listening" "$WORK/cupola.$port.log" 2> /dev/null; do sleep 0.2; done
done
mkdir -p "$WORK/nginx"
cat > "$WORK/nginx/nginx.conf" <<EOF
worker_processes 2;
error_log $WORK/nginx/error.log warn;
pid $WORK/nginx/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  upstream two { server 127.0.0.1:3701; server 127.0.0.1:3702; keepalive 256; }
  upstream one { server 127.0.0.1:3701; keepalive 256; }
  server {
    listen 127.0.0.1:3711;
    location / { proxy_pass http://two; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
  server {
    listen 127.0.0.1:3710;
    location / { proxy_pass http://one; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
EOF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
until curl -s -o /dev/null http://127.0.0.1:3711/healthz; do sleep 0.2; done
"$LOAD" --base http://127.0.0.1:3711 slots --prescriptions "$WORK/rx.csv" --out "$WORK/jobs.csv" > /dev/null
total=$(($(wc -l < "$WORK/jobs.csv") - 1))
per=$((total / (2 * ROUNDS)))

echo "Scale-out — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores (shared by nginx, both instances, PostgreSQL and the load), commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'), demo data on PostgreSQL"
echo
: > "$WORK/b1"; : > "$WORK/b2"; : > "$WORK/r1"; : > "$WORK/r2"; : > "$WORK/h1"; : > "$WORK/h2"
offset=2
for _ in $(seq 1 "$ROUNDS"); do
  for n in 1 2; do
    port=$((3709 + n))
    { head -1 "$WORK/jobs.csv"; sed -n "${offset},$((offset + per - 1))p" "$WORK/jobs.csv"; } > "$WORK/part.csv"
    offset=$((offset + per))
    "$LOAD" --base "http://127.0.0.1:$port" book --jobs "$WORK/part.csv" --clients 128 \
      --seconds "$SECONDS_PER_RUN" > "$WORK/book.out"
    val "$WORK/book.out" book.total_per_s >> "$WORK/b$n"
    wrk -t2 -c64 -d5s -H 'Accept-Encoding: br' "http://127.0.0.1:$port/api/v1/availability?service=89.7A.3" \
      | awk '/Requests\/sec/ {print $2}' >> "$WORK/r$n"
    wrk -t2 -c64 -d5s -H 'Accept-Encoding: br' "http://127.0.0.1:$port/" \
      | awk '/Requests\/sec/ {print $2}' >> "$WORK/h$n"
  done
done
echo "| through nginx | bookings/s (median of $ROUNDS) | /api/v1/availability req/s | / req/s |"
echo "|---|---|---|---|"
echo "| one instance | $(median < "$WORK/b1") | $(median < "$WORK/r1") | $(median < "$WORK/h1") |"
echo "| two instances | $(median < "$WORK/b2") | $(median < "$WORK/r2") | $(median < "$WORK/h2") |"
echo
doubles=$(psql -tA "$URL" -c "select count(*) from (select slot_id from bookings where status <> 'cancelled' group by slot_id having count(*) > 1) d")
echo "Double bookings after all runs: $doubles"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
