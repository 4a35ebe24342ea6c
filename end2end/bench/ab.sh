#!/usr/bin/env bash
# Two builds of Cupola side by side: requests per second of each on the same paths, measured in
# alternating rounds in one run, and the ratio B/A (median of the rounds). For checking that a
# change of the code's shape costs nothing where the crowd goes.
#
#   end2end/bench/ab.sh OLD_BINARY NEW_BINARY [ROUNDS]
#
# Each binary serves its own freshly seeded demo database (SQLite). wrk from Debian's packages
# makes the load (one thread, 32 connections, 5 s a round, after a 2 s warm-up per path).
set -euo pipefail
A="$(realpath "$1")"
B="$(realpath "$2")"
ROUNDS="${3:-5}"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
WORK="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

start() { # binary port
  local db="sqlite://$WORK/$2.db"
  "$1" --database-url "$db" seed > /dev/null 2>&1
  DATABASE_URL="$db" CUPOLA_ADDR="127.0.0.1:$2" RUST_LOG=warn "$1" > "$WORK/out.$2" 2>&1 &
  PIDS+=($!)
  until grep -q "Cupola listening" "$WORK/out.$2" 2>/dev/null; do sleep 0.2; done
}
rate() { # url seconds
  wrk -t1 -c32 -d"$2"s -H 'Accept-Encoding: br' "$1" | awk '/Requests\/sec/ {print $2}'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

start "$A" 3401
start "$B" 3402
PATHS=(/ /prestazioni "/prestazioni?q=ecografia" /tempi-di-attesa /api/v1/services
  "/api/v1/availability?service=89.7A.3" /prenota /operatore/accesso)

echo "A: $A ($(date -u -r "$A" +%Y-%m-%dT%H:%MZ))"
echo "B: $B ($(date -u -r "$B" +%Y-%m-%dT%H:%MZ))"
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $ROUNDS rounds of 5 s each, A and B alternating"
echo
echo "| path | A req/s (median) | B req/s (median) | B/A |"
echo "|---|---|---|---|"
for path in "${PATHS[@]}"; do
  rate "http://127.0.0.1:3401$path" 2 > /dev/null
  rate "http://127.0.0.1:3402$path" 2 > /dev/null
  : > "$WORK/a"; : > "$WORK/b"
  for _ in $(seq 1 "$ROUNDS"); do
    rate "http://127.0.0.1:3401$path" 5 >> "$WORK/a"
    rate "http://127.0.0.1:3402$path" 5 >> "$WORK/b"
  done
  a=$(median < "$WORK/a"); b=$(median < "$WORK/b")
  printf '| `%s` | %.0f | %.0f | %.2f |\n' "$path" "$a" "$b" "$(echo "$b / $a" | bc -l)"
done
echo
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
