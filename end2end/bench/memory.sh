#!/usr/bin/env bash
# Memory at the peak and the time from start to ready, on region data, on each backend, for
# BENCHMARKS.md. For each backend: Cupola is started on a seeded database and timed until
# `/readyz` answers 200 and until its first pass of availability snapshots is published; then a
# peak for 20 s (128 closed-loop booking clients, and wrk -t1 -c32 on the home page, the
# catalogue and the availability API, asking for brotli or gzip as browsers do), while the
# resident memory is sampled every 0.2 s from /proc: the whole process (VmRSS, and VmHWM at the
# end) and, on SQLite, the part that is the database file's memory map (SQLite maps up to 16 GB
# of it: those pages are the kernel's page cache, shared and reclaimable, not Cupola's heap),
# reported apart.
#
#   end2end/bench/memory.sh                    # region scale, SQLite and PostgreSQL (~15 min)
#   SCALE=demo end2end/bench/memory.sh         # the demo region, for a quick look
#   BACKENDS=sqlite end2end/bench/memory.sh
#   REGION_DB=/path/region.db BACKENDS=sqlite end2end/bench/memory.sh   # an already seeded file
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SCALE="${SCALE:-region}"
BACKENDS="${BACKENDS:-sqlite postgres}"
command -v wrk > /dev/null || apt-get install -y -q wrk > /dev/null
cargo build --release --locked -q --bin cupola --example load
BIN="$ROOT/target/release/cupola"
LOAD="$ROOT/target/release/examples/load"
WORK="$(mktemp -d /tmp/cupola-memory.XXXXXX)"
PG_ADMIN="postgres://postgres@127.0.0.1:5432/postgres"
DB="cupola_memory_$$"
PID=""
cleanup() {
  [ -z "$PID" ] || kill "$PID" 2> /dev/null || true
  jobs -p | xargs -r kill 2> /dev/null || true
  psql -q "$PG_ADMIN" -c "drop database if exists $DB with (force)" > /dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "# $*" >&2; }
P=3821

# Prints "rss_kb map_kb" of process $1 (map: resident pages of the mapped database file), both
# from one read of smaps: SQLite remaps the file as it grows, and two reads (VmRSS, then smaps)
# taken either side of a remap counted the map in one and not in the other.
sample() {
  awk -v f="$2" '
    /^[0-9a-f]+-[0-9a-f]+ / { inmap = (f != "" && index($0, f) > 0) }
    /^Rss:/ { rss += $2; if (inmap) map += $2 }
    END { print rss + 0, map + 0 }' "/proc/$1/smaps" 2> /dev/null || echo "0 0"
}

echo "Memory at the peak and start to ready — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'), $SCALE scale"
echo
echo "| backend | slots | start to /readyz 200 | start to first snapshot pass | RSS at the peak (max sampled) | of which the SQLite map | RSS without the map | VmHWM | bookings/s during the peak |"
echo "|---|---|---|---|---|---|---|---|---|"
for backend in $BACKENDS; do
  if [ "$backend" = sqlite ]; then
    FILE="$WORK/region.db"
    URL="sqlite://$FILE"
    MAPPED="$FILE"
  else
    psql -q "$PG_ADMIN" -c "create database $DB"
    URL="postgres://postgres@127.0.0.1:5432/$DB"
    MAPPED=""
  fi
  if [ "$backend" = sqlite ] && [ -n "${REGION_DB:-}" ]; then
    cp "$REGION_DB" "$FILE"
  else
    log "seeding $SCALE on $backend…"
    DATABASE_URL="$URL" "$BIN" seed --scale "$SCALE" > /dev/null 2>&1
  fi
  DATABASE_URL="$URL" "$BIN" demo prescriptions --count 40000 > "$WORK/rx.csv" 2> /dev/null
  slots=$(if [ "$backend" = sqlite ]; then sqlite3 "$FILE" 'select count(*) from slots'; else psql -tA "$URL" -c 'select count(*) from slots'; fi)
  # Start to ready: the clock starts when the process is started.
  t0=$(date +%s.%N)
  DATABASE_URL="$URL" CUPOLA_ADDR="127.0.0.1:$P" RUST_LOG=info "$BIN" \
    --booking-capacity 512 --admission-rate 100000 --admission-burst 100000 > "$WORK/cupola.log" 2>&1 &
  PID=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$P/readyz"; do sleep 0.05; done
  ready=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f s", b - a}')
  until grep -q "availability snapshots published" "$WORK/cupola.log"; do sleep 0.1; done
  snapshots=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f s", b - a}')
  "$LOAD" --base "http://127.0.0.1:$P" slots --prescriptions "$WORK/rx.csv" --out "$WORK/jobs.csv" > /dev/null
  # The peak: bookings and the public reads at once, resident memory sampled meanwhile.
  (while kill -0 "$PID" 2> /dev/null; do sample "$PID" "$MAPPED"; sleep 0.2; done) > "$WORK/samples" &
  SAMPLER=$!
  READERS=()
  for path in / /prestazioni "/api/v1/availability?service=89.7A.3"; do
    wrk -t1 -c32 -d20s -H "Accept-Encoding: br, gzip" "http://127.0.0.1:$P$path" > /dev/null 2>&1 &
    READERS+=($!)
  done
  "$LOAD" --base "http://127.0.0.1:$P" book --jobs "$WORK/jobs.csv" --clients 128 --seconds 20 > "$WORK/book.out"
  wait "${READERS[@]}" || true
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$PID/status")
  kill "$SAMPLER" 2> /dev/null || true
  kill "$PID"; wait "$PID" 2> /dev/null || true; PID=""
  read -r rss map nomap < <(awk 'BEGIN { r = 0; m = 0; n = 0 } { if ($1 > r) r = $1; if ($2 > m) m = $2; if ($1 - $2 > n) n = $1 - $2 } END {print r, m, n}' "$WORK/samples")
  mb() { awk -v k="$1" 'BEGIN {printf "%.0f MB", k / 1024}'; }
  per_s=$(grep '^@ book.total_per_s=' "$WORK/book.out" | cut -d= -f2)
  echo "| $backend | $slots | $ready | $snapshots | $(mb "$rss") | $(if [ "$backend" = sqlite ]; then mb "$map"; else echo "—"; fi) | $(mb "$nomap") | $(mb "$hwm") | $per_s |"
done
echo
echo "Target: RSS at the peak ≤ 200 MB without the SQLite map. Load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
