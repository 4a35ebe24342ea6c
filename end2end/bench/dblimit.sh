#!/usr/bin/env bash
# Bookings against the database's own capacity on this machine, in one run, for BENCHMARKS.md:
#   PostgreSQL: durable bookings/s ÷ `pgbench -b simple-update` tps (64 clients, 2 threads);
#   SQLite:     durable bookings/s ÷ a plain insert loop in the same file, committed in groups of
#               128 with the same settings (`server/examples/sqlite_loop.rs`).
# Bookings: POST /api/v1/bookings from 128 closed-loop clients (the load tool's `book`), distinct
# prescriptions and slots, then the double bookings counted in the database.
#
#   end2end/bench/dblimit.sh                      # demo scale (fast)
#   SCALE=region end2end/bench/dblimit.sh        # region scale (seeds ~10 min)
#   BACKENDS=sqlite end2end/bench/dblimit.sh    # one backend only (sqlite or postgres)
#   CUPOLA_BIN=/tmp/old/cupola end2end/bench/dblimit.sh   # another build (e.g. before a change)
#   PG_CONF=production end2end/bench/dblimit.sh  # PostgreSQL with the machine's settings, then
#       with server/postgresql.production.conf (ALTER SYSTEM and a restart of this machine's
#       PostgreSQL; its settings are reset and it is restarted again at the end, even on failure)
#
# Needs psql, pgbench, sqlite3 (installed if missing).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SCALE="${SCALE:-demo}"
RUN="${RUN_SECONDS:-10}"
command -v sqlite3 > /dev/null || apt-get install -y -q sqlite3 > /dev/null
cargo build --release --locked -q --bin cupola --example load --example sqlite_loop
BIN="${CUPOLA_BIN:-$ROOT/target/release/cupola}"
BACKENDS="${BACKENDS:-postgres sqlite}"
LOAD="$ROOT/target/release/examples/load"
LOOP="$ROOT/target/release/examples/sqlite_loop"
PGBENCH="$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | head -1)"
WORK="$(mktemp -d /tmp/cupola-dblimit.XXXXXX)"
PG_ADMIN="postgres://postgres@127.0.0.1:5432/postgres"
DB="cupola_dblimit_$$"
PB="cupola_pgbench_$$"
PID=""
PG_VERSION="$(ls /etc/postgresql 2> /dev/null | head -1)"
restart_pg() {
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main restart
  until psql -q "$PG_ADMIN" -c 'select 1' > /dev/null 2>&1; do sleep 0.2; done
}
CONF_CHANGED=""
cleanup() {
  [ -z "$PID" ] || kill "$PID" 2> /dev/null || true
  if [ -n "$CONF_CHANGED" ]; then
    psql -q "$PG_ADMIN" -c "alter system reset all" > /dev/null 2>&1 || true
    restart_pg || true
  fi
  psql -q "$PG_ADMIN" -c "drop database if exists $DB with (force)" > /dev/null 2>&1 || true
  psql -q "$PG_ADMIN" -c "drop database if exists $PB with (force)" > /dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
val() { grep "^@ $2=" "$1" | tail -1 | cut -d= -f2-; }
log() { echo "# $*" >&2; }
P=3801

bookings() { # url -> prints bookings/s (whole run); leaves $WORK/book.out
  local url="$1"
  DATABASE_URL="$url" "$BIN" demo prescriptions --count "${JOBS:-30000}" > "$WORK/rx.csv" 2> /dev/null
  DATABASE_URL="$url" CUPOLA_ADDR="127.0.0.1:$P" RUST_LOG="warn,server::snapshots=info" "$BIN" \
    --booking-capacity 512 --admission-rate 100000 --admission-burst 100000 > "$WORK/cupola.log" 2>&1 &
  PID=$!
  # Steady state: the start's own work (the first pass of snapshots) is done before the run.
  until grep -q "availability snapshots published" "$WORK/cupola.log" 2> /dev/null; do sleep 0.2; done
  "$LOAD" --base "http://127.0.0.1:$P" slots --prescriptions "$WORK/rx.csv" --out "$WORK/jobs.csv" > /dev/null
  "$LOAD" --base "http://127.0.0.1:$P" book --jobs "$WORK/jobs.csv" --clients 128 --seconds "$RUN" > "$WORK/book.out"
  # On SQLite: how busy the writer was over the run, and its bookings per commit.
  curl -s "http://127.0.0.1:$P/metrics" | awk -v run="$RUN" '
    /^cupola_sqlite_writer_busy_microseconds_total / { busy = $2 }
    /^cupola_sqlite_commit_batch_size_sum / { jobs = $2 }
    /^cupola_sqlite_commit_batch_size_count / { commits = $2 }
    END { if (commits > 0) printf "SQLite writer: busy %.0f%% of the run (%.1f s of %d s, start included), %d jobs in %d commits (%.0f per commit)\n", busy / 1e4 / run, busy / 1e6, run, jobs, commits, jobs / commits }' >&2 || true
  kill "$PID"; wait "$PID" 2> /dev/null || true; PID=""
  val "$WORK/book.out" book.total_per_s
}
doubles_sql="select count(*) from (select slot_id from bookings where status <> 'cancelled' group by slot_id having count(*) > 1) d"

log "seeding ($SCALE) on SQLite and PostgreSQL…"
FILE="$WORK/cupola.db"
DATABASE_URL="sqlite://$FILE" "$BIN" seed --scale "$SCALE" > /dev/null
PG_URL="postgres://postgres@127.0.0.1:5432/$DB"
if [[ " $BACKENDS " == *" postgres "* ]]; then
  psql -q "$PG_ADMIN" -c "create database $DB"
  DATABASE_URL="$PG_URL" "$BIN" seed --scale "$SCALE" > /dev/null
  psql -q "$PG_ADMIN" -c "create database $PB"
  "$PGBENCH" -q -i -s 10 "postgres://postgres@127.0.0.1:5432/$PB" > /dev/null 2>&1
fi

echo "Bookings against the database's own limit — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'), $SCALE scale, runs of $RUN s$([ -z "${CUPOLA_BIN:-}" ] || echo ", binary $CUPOLA_BIN")"
pg_settings() {
  echo "shared_buffers=$(psql -tA "$PG_ADMIN" -c 'show shared_buffers'), wal_buffers=$(psql -tA "$PG_ADMIN" -c 'show wal_buffers'), commit_delay=$(psql -tA "$PG_ADMIN" -c 'show commit_delay'), max_wal_size=$(psql -tA "$PG_ADMIN" -c 'show max_wal_size'), synchronous_commit=$(psql -tA "$PG_ADMIN" -c 'show synchronous_commit')"
}
echo "PostgreSQL $(psql -tA "$PG_ADMIN" -c 'show server_version')."
echo
echo "| database | Cupola bookings/s (128 clients) | the database's own (same run) | ratio | double bookings | target |"
echo "|---|---|---|---|---|---|"
pg_round() { # label
  local settings; settings="$(pg_settings)"
  pg_tps=$("$PGBENCH" -b simple-update -c 64 -j 2 -T "$RUN" "postgres://postgres@127.0.0.1:5432/$PB" 2> /dev/null \
    | awk '/^tps/ {print $3; exit}')
  pg=$(bookings "$PG_URL")
  pg_doubles=$(psql -tA "$PG_URL" -c "$doubles_sql")
  echo "| PostgreSQL, $1 ($settings) | $pg | pgbench simple-update: $pg_tps tps | $(awk -v a="$pg" -v b="$pg_tps" 'BEGIN {printf "%.2f", a / b}') | $pg_doubles | ≥ 0.5, ≥ 2,000/s |"
}
[[ " $BACKENDS " != *" postgres "* ]] || pg_round "the machine's settings"
if [[ " $BACKENDS " == *" postgres "* ]] && [ "${PG_CONF:-}" = production ]; then
  CONF_CHANGED=1
  while IFS= read -r line; do
    line="${line%%#*}"
    [[ "$line" =~ ^[[:space:]]*([a-z_]+)[[:space:]]*=[[:space:]]*([^[:space:]]+) ]] || continue
    psql -q "$PG_ADMIN" -c "alter system set ${BASH_REMATCH[1]} = '${BASH_REMATCH[2]}'" > /dev/null
  done < "$ROOT/server/postgresql.production.conf"
  restart_pg
  pg_round "server/postgresql.production.conf"
  psql -q "$PG_ADMIN" -c "alter system reset all" > /dev/null
  restart_pg
  CONF_CHANGED=""
fi
if [[ " $BACKENDS " == *" sqlite "* ]]; then
  loop=$("$LOOP" "$FILE" 128 "$RUN" | awk -F= '/sqlite_loop.per_s/ {print $2}')
  sq=$(bookings "sqlite://$FILE")
  sq_doubles=$(sqlite3 "$FILE" "$doubles_sql")
  echo "| SQLite | $sq | insert loop, groups of 128: $loop rows/s | $(awk -v a="$sq" -v b="$loop" 'BEGIN {printf "%.2f", a / b}') | $sq_doubles | ≥ 0.5, ≥ 2,000/s |"
fi
echo
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
