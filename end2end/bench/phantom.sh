#!/usr/bin/env bash
# Phantom visitors against the waiting room (issue 12), for BENCHMARKS.md:
#
#   end2end/bench/phantom.sh                       # SQLite; builds the release binary
#   CUPOLA_BIN=target/debug/cupola end2end/bench/phantom.sh
#   BACKENDS="sqlite postgres" end2end/bench/phantom.sh
#
# For each backend it starts Cupola with the demo region and its default waiting room (20 people
# a second, 200 at once), then, for each kind of flood, `wrk -t2 -c200` on /prenota for
# FLOOD_SECONDS (default 15) without cookies:
#   one-address   every request from one address (as the issue reproduced it);
#   many-address  every request from a new address (X-Forwarded-For; loopback is a trusted
#                 proxy), so that the per-client limit is not what protects the line.
# A real newcomer (curl with a cookie jar, its own address, sleeping what each page's
# <meta refresh> says, as a browser does) arrives FLOOD_SECONDS/3 into the flood, and another
# one right after its end. For each it prints the places in line it was shown and how long it
# took to be let in. Before issue 12 the newcomer after such a flood was 392,303 places back
# ("about 327 minutes").
# Needs: wrk, curl (and psql for PostgreSQL, at $PG_ADMIN).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
FLOOD_SECONDS="${FLOOD_SECONDS:-15}"
BACKENDS="${BACKENDS:-sqlite}"
PG_ADMIN="${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}"
PORT="${PORT:-18431}"

command -v wrk > /dev/null || apt-get install -y -q wrk > /dev/null
if [ -z "${CUPOLA_BIN:-}" ]; then
  cargo build --release --locked -q --bin cupola
  CUPOLA_BIN="$ROOT/target/release/cupola"
fi
WORK="$(mktemp -d /tmp/cupola-phantom.XXXXXX)"
# The binary is copied: a build running meanwhile may replace the one in target/.
cp "$CUPOLA_BIN" "$WORK/cupola"
BIN="$WORK/cupola"
SERVER=""
PG_DB=""
SEED_DB=""
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2> /dev/null && wait "$SERVER" 2> /dev/null
  for db in $PG_DB $SEED_DB; do
    psql -q "$PG_ADMIN" -c "drop database if exists $db with (force)" > /dev/null 2>&1
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "# $*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# Every request from a new address (each wrk thread counts from its own offset).
cat > "$WORK/many.lua" << 'EOF'
local threads = 0
function setup(thread)
  thread:set("offset", threads * 8388608)
  threads = threads + 1
end
local n = 0
function request()
  n = n + 1
  local a = (offset + n) % 16777216
  local ip = string.format("10.%d.%d.%d", math.floor(a / 65536) % 256, math.floor(a / 256) % 256, a % 256)
  return wrk.format("GET", "/prenota", { ["X-Forwarded-For"] = ip })
end
EOF

start() {
  local url="$1"
  DATABASE_URL="$url" CUPOLA_ADDR="127.0.0.1:$PORT" RUST_LOG=warn \
    "$BIN" serve > "$WORK/cupola.log" 2>&1 &
  SERVER=$!
  until grep -q "Cupola listening" "$WORK/cupola.log" 2> /dev/null; do
    kill -0 "$SERVER" 2> /dev/null || { cat "$WORK/cupola.log" >&2; exit 1; }
    sleep 0.5
  done
  sleep 2
}
stop() {
  kill "$SERVER" 2> /dev/null || true
  wait "$SERVER" 2> /dev/null || true
  SERVER=""
}

# newcomer ADDRESS OUT: a person with a cookie jar following the refresh until let in (at most
# 10 minutes). Writes "seconds pages places" to OUT.
newcomer() {
  local address="$1" out="$2" jar
  jar="$(mktemp "$WORK/jar.XXXXXX")"
  local t0 places="" pages=0 body refresh place
  t0=$(now)
  while [ "$pages" -lt 200 ]; do
    pages=$((pages + 1))
    body="$(curl -s -m 10 -b "$jar" -c "$jar" -H "X-Forwarded-For: $address" "http://127.0.0.1:$PORT/prenota" || true)"
    if grep -q 'Codice fiscale' <<< "$body"; then
      echo "$(secs "$t0" "$(now)") $pages ${places:--}" > "$out"
      return
    fi
    place="$(grep -o '<p class="big">[^<]*' <<< "$body" | head -1 | sed 's/<p class="big">//; s/&#x27;/'"'"'/g')"
    case "$place" in
      "Sei il prossimo.") places="$places,1" ;;
      "Davanti a te c'è 1 persona.") places="$places,2" ;;
      Davanti*) places="$places,$(($(grep -o '[0-9]*' <<< "$place" | head -1) + 1))" ;;
      *) places="$places,j" ;;
    esac
    refresh="$(grep -o 'http-equiv="refresh" content="[0-9]*"' <<< "$body" | grep -o '[0-9]*' | head -1)"
    sleep "${refresh:-5}"
  done
  echo "never ${pages} ${places}" > "$out"
}

report() {
  local what="$1" file="$2" seconds pages places
  read -r seconds pages places < "$file"
  places="${places#,}"
  echo "| $BACKEND | $KIND: $FLOOD | $what | $seconds s | $pages | $places |"
}

echo "Phantom flood (wrk -t2 -c200, ${FLOOD_SECONDS} s on /prenota, no cookies) — $(date -u +%Y-%m-%d), $(nproc) cores, binary $(basename "$(dirname "$CUPOLA_BIN")")"
echo
echo "| backend | flood: requests (429s) | newcomer | let in after | pages | places shown (j = joining) |"
echo "|---|---|---|---|---|---|"
for BACKEND in $BACKENDS; do
  # The demo region, seeded once per backend and copied for each flood.
  log "$BACKEND: seeding the demo region…"
  case "$BACKEND" in
    sqlite) DATABASE_URL="sqlite://$WORK/seed.db" "$BIN" seed > /dev/null ;;
    postgres)
      SEED_DB="cupola_phantom_$$_seed"
      psql -q "$PG_ADMIN" -c "create database $SEED_DB" > /dev/null
      DATABASE_URL="${PG_ADMIN%/*}/$SEED_DB" "$BIN" seed > /dev/null
      ;;
  esac
  for KIND in one-address many-address; do
    case "$BACKEND" in
      sqlite)
        cp "$WORK/seed.db" "$WORK/$KIND.db"
        url="sqlite://$WORK/$KIND.db"
        ;;
      postgres)
        PG_DB="cupola_phantom_$$_${KIND//-/_}"
        psql -q "$PG_ADMIN" -c "create database $PG_DB template $SEED_DB" > /dev/null
        url="${PG_ADMIN%/*}/$PG_DB"
        ;;
    esac
    log "$BACKEND, $KIND: flood of ${FLOOD_SECONDS} s…"
    start "$url"
    script=()
    [ "$KIND" = many-address ] && script=(-s "$WORK/many.lua")
    wrk -t2 -c200 -d"${FLOOD_SECONDS}s" "${script[@]}" "http://127.0.0.1:$PORT/prenota" > "$WORK/wrk.txt" &
    flood=$!
    sleep "$((FLOOD_SECONDS / 3))"
    newcomer 198.51.100.10 "$WORK/during" &
    during=$!
    wait "$flood"
    newcomer 198.51.100.11 "$WORK/after"
    wait "$during"
    refused="$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.txt")"
    FLOOD="$(awk '/requests in/ {print $1}' "$WORK/wrk.txt") (${refused:-0})"
    report "arrives during the flood" "$WORK/during"
    report "arrives at its end" "$WORK/after"
    stop
    if [ "$BACKEND" = postgres ]; then
      psql -q "$PG_ADMIN" -c "drop database if exists $PG_DB with (force)" > /dev/null
      PG_DB=""
    fi
  done
  if [ "$BACKEND" = postgres ]; then
    psql -q "$PG_ADMIN" -c "drop database if exists $SEED_DB with (force)" > /dev/null
    SEED_DB=""
  fi
done
