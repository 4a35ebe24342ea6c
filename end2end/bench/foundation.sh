#!/usr/bin/env bash
# Foundation figures for BENCHMARKS.md: clean release build, first start, seeding of both scales
# on SQLite and PostgreSQL, database sizes. Prints a Markdown table.
#
#   end2end/bench/foundation.sh            # everything (the clean build alone takes minutes)
#   SKIP_CLEAN_BUILD=1 end2end/bench/foundation.sh
#
# Needs: a PostgreSQL server at $PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/../.."
PG_ADMIN_URL="${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PG_BASE="${PG_ADMIN_URL%/*}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
mib() { awk -v b="$1" 'BEGIN { printf "%.0f MiB", b / 1048576 }'; }

echo "Foundation figures — $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "| what | result |"
echo "|---|---|"
row() { echo "$1"; }
if [ -z "${SKIP_CLEAN_BUILD:-}" ]; then
  t0=$(now)
  CARGO_TARGET_DIR="$WORK/target" cargo build --release --locked -q
  row "| clean release build (\`cargo build --release\`, empty target dir) | $(secs "$t0" "$(now)") s |"
  BIN="$WORK/target/release/cupola"
else
  cargo build --release --locked -q
  BIN="$PWD/target/release/cupola"
fi

# First start: empty SQLite file → migrated, demo region seeded, listening.
t0=$(now)
DATABASE_URL="sqlite://$WORK/first.db" CUPOLA_ADDR=127.0.0.1:0 RUST_LOG=warn "$BIN" > "$WORK/first.out" 2>&1 &
pid=$!
until grep -q "Cupola listening" "$WORK/first.out" 2>/dev/null; do
  kill -0 "$pid" 2>/dev/null || { cat "$WORK/first.out"; exit 1; }
  sleep 0.05
done
row "| first start on an empty SQLite file (migrate + seed demo + listen) | $(secs "$t0" "$(now)") s |"
kill -TERM "$pid"; wait "$pid" || true

seed_sqlite() {
  local scale=$1 db="$WORK/$1.db"
  local t0; t0=$(now)
  DATABASE_URL="sqlite://$db" RUST_LOG=info "$BIN" seed --scale "$scale" 2> "$WORK/seed-$scale-sqlite.log"
  local t; t=$(secs "$t0" "$(now)")
  "$BIN" --database-url "sqlite://$db" migrate 2>/dev/null # checkpoints the WAL on close
  local size; size=$(du -cb "$db"* | tail -1 | cut -f1)
  local counts; counts=$(grep -o 'slots=[0-9]* bookings=[0-9]*' "$WORK/seed-$scale-sqlite.log" | tr ' ' ',' || true)
  row "| seed \`$scale\` on SQLite ($counts) | $t s, file $(mib "$size") |"
}
seed_postgres() {
  local scale=$1 name="cupola_bench_${1}_$$"
  psql -q "$PG_ADMIN_URL" -c "drop database if exists $name" -c "create database $name"
  "$BIN" --database-url "$PG_BASE/$name" migrate 2>/dev/null
  local t0; t0=$(now)
  RUST_LOG=info "$BIN" --database-url "$PG_BASE/$name" seed --scale "$scale" 2> "$WORK/seed-$scale-pg.log"
  local t; t=$(secs "$t0" "$(now)")
  local size; size=$(psql -tA "$PG_ADMIN_URL" -c "select pg_database_size('$name')")
  local counts; counts=$(grep -o 'slots=[0-9]* bookings=[0-9]*' "$WORK/seed-$scale-pg.log" | tr ' ' ',' || true)
  row "| seed \`$scale\` on PostgreSQL ($counts) | $t s, database $(mib "$size") |"
  psql -q "$PG_ADMIN_URL" -c "drop database $name"
}

seed_sqlite demo
seed_postgres demo
seed_sqlite region
seed_postgres region

