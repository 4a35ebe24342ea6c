#!/usr/bin/env bash
# The FHIR figures of BENCHMARKS.md (issue 15). One command:
#
#   end2end/bench/fhir.sh
#
# Builds the release binary, starts Cupola on a fresh demo database (SQLite) with admission
# limits out of the way, and drives it with wrk from a separate process. Side by side in one run:
#   1. `GET /fhir/r4/Slot?service-type=…` beside `GET /api/v1/availability?service=…` (every
#      service in turn, 20 slots a page): req/s, runs alternated ×3, median ratio;
#   2. `POST /fhir/r4/Appointment/$find` (50 prescriptions in turn) beside the same two reads:
#      req/s (a $find proves the prescription, so it asks the database once per request);
#   3. database queries per 1,000 FHIR Slot searches and directory searches, from Cupola's
#      /metrics, net of what the same time idle cost (target ≤ 1).
# Needs wrk and jq (installed from Debian if missing). SECONDS_PER_RUN (default 10).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
RUN_SECONDS="${SECONDS_PER_RUN:-10}"

need=()
command -v wrk > /dev/null || need+=(wrk)
command -v jq > /dev/null || need+=(jq)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  apt-get install -y -q "${need[@]}" > /dev/null
fi

cargo build --release --locked -q --bin cupola
BIN="$ROOT/target/release/cupola"
WORK="$(mktemp -d /tmp/cupola-fhir-bench.XXXXXX)"
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2> /dev/null; rm -rf "$WORK"' EXIT

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.3f", a / b }'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
queries() { curl -s "http://127.0.0.1:$P/metrics" | awk '$1 == "cupola_db_queries_total" {print $2}'; }

P=3500
B="http://127.0.0.1:$P"
DB="sqlite://$WORK/demo.db"
DATABASE_URL="$DB" CUPOLA_ADDR="127.0.0.1:$P" RUST_LOG=warn,server::snapshots=info \
  "$BIN" --snapshot-dir "$WORK/snapshots" --booking-capacity 512 --admission-rate 100000 \
  --admission-burst 100000 > "$WORK/cupola.log" 2>&1 &
PID=$!
until grep -q "Cupola listening" "$WORK/cupola.log" 2> /dev/null; do sleep 0.2; done
until grep -q "availability snapshots published" "$WORK/cupola.log"; do sleep 0.5; done
sleep 2

curl -s "$B/api/v1/services?q=" | jq -r '.services[].code' > "$WORK/services"
nservices=$(wc -l < "$WORK/services")
rotate() { # name prefix suffix: a wrk script rotating GETs over every service
  {
    echo "local paths = {"
    while read -r code; do echo "  \"$2$code$3\","; done < "$WORK/services"
    echo "}"
    echo 'local i = 0'
    echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'
  } > "$WORK/$1.lua"
}
rotate api "/api/v1/availability?service=" "&limit=20"
rotate slot "/fhir/r4/Slot?service-type=" "&_count=20"
{
  echo "local paths = {"
  for kind in Organization Location HealthcareService Schedule; do
    echo "  \"/fhir/r4/$kind?_count=20\","
  done
  while read -r code; do echo "  \"/fhir/r4/HealthcareService?service-type=$code\","; done < "$WORK/services"
  echo "}"
  echo 'local i = 0'
  echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'
} > "$WORK/directory.lua"

# $find: 50 demo prescriptions in turn (distinct people; right answers are not throttled).
"$BIN" --database-url "$DB" demo prescriptions --count 50 --service 89.7A.3 --priority P 2> /dev/null \
  | grep -E '^[A-Z0-9]{16},' > "$WORK/prescriptions"
{
  echo "local bodies = {"
  while IFS=, read -r cf nre _; do
    printf '  [[{"resourceType":"Parameters","parameter":[{"name":"patient-resource","resource":{"resourceType":"Patient","identifier":[{"system":"http://hl7.it/sid/codiceFiscale","value":"%s"}]}},{"name":"referral-identifier","valueIdentifier":{"system":"urn:oid:2.16.840.1.113883.2.9.4.3.8","value":"%s"}}]}]],\n' "$cf" "$nre"
  done < "$WORK/prescriptions"
  echo "}"
  echo 'local i = 0'
  echo 'request = function() i = i % #bodies + 1; return wrk.format("POST", "/fhir/r4/Appointment/$find", {["Content-Type"] = "application/fhir+json"}, bodies[i]) end'
} > "$WORK/find.lua"
nprescriptions=$(wc -l < "$WORK/prescriptions")
# Every script must answer 200: a benchmark of errors measures nothing.
for script in api slot directory find; do
  cat > "$WORK/check-$script.lua" <<EOF
dofile("$WORK/$script.lua")
local bad = 0
response = function(status) if status ~= 200 then bad = bad + 1 end end
done = function() if bad > 0 then io.stderr:write("NON-200 answers: " .. bad .. "\n") end end
EOF
  out=$(wrk -t1 -c8 -d2s -s "$WORK/check-$script.lua" "$B" 2>&1)
  if echo "$out" | grep -q "NON-200"; then echo "$script: $out" >&2; exit 1; fi
done

echo "Cupola FHIR benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(git rev-parse --short HEAD), release build, demo data (SQLite)"
echo
echo "## 1–2. Throughput side by side (wrk, 1 thread, 64 connections, $RUN_SECONDS s per run, alternated ×3)"
echo
echo "$nservices services in turn for the reads; $nprescriptions prescriptions in turn for \$find."
echo
echo "| run | /api/v1/availability req/s | FHIR Slot search req/s | ratio | FHIR \$find req/s | ratio to /api/v1 | Slot p99 ms | \$find p99 ms |"
echo "|---|---|---|---|---|---|---|---|"
slot_ratios=()
find_ratios=()
run() { wrk -t1 -c64 -d"${RUN_SECONDS}s" --latency -s "$WORK/$1.lua" "$B"; }
rps() { awk '/Requests\/sec/ {print $2}'; }
p99() { awk '$1 == "99%" {print $2}'; }
for i in 1 2 3; do
  api=$(run api)
  slot=$(run slot)
  find=$(run find)
  a=$(echo "$api" | rps)
  s=$(echo "$slot" | rps)
  f=$(echo "$find" | rps)
  slot_ratios+=("$(ratio "$s" "$a")")
  find_ratios+=("$(ratio "$f" "$a")")
  echo "| $i | $a | $s | ${slot_ratios[-1]} | $f | ${find_ratios[-1]} | $(echo "$slot" | p99) | $(echo "$find" | p99) |"
done
echo
echo "Median ratios: Slot search / API $(printf '%s\n' "${slot_ratios[@]}" | median), \$find / API $(printf '%s\n' "${find_ratios[@]}" | median)"
echo "@ fhir.slot_ratio_median=$(printf '%s\n' "${slot_ratios[@]}" | median)"
echo "@ fhir.find_ratio_median=$(printf '%s\n' "${find_ratios[@]}" | median)"
echo
echo "## 3. Database queries per 1,000 FHIR searches"
echo
echo "Each row: $((RUN_SECONDS * 2)) s idle, then $((RUN_SECONDS * 2)) s of searches (after a 3 s warm-up); \"caused by the searches\" subtracts what the same time idle cost."
echo
echo "| searches | requests | req/s | queries idle | queries under load | caused by the searches, per 1,000 | all, per 1,000 | target |"
echo "|---|---|---|---|---|---|---|---|"
W2=$((RUN_SECONDS * 2))
for kind in slot directory find; do
  wrk -t1 -c64 -d3s -s "$WORK/$kind.lua" "$B" > /dev/null
  q0=$(queries)
  sleep "$W2"
  q1=$(queries)
  out=$(wrk -t1 -c64 -d"${W2}s" -s "$WORK/$kind.lua" "$B")
  q2=$(queries)
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  r=$(echo "$out" | rps)
  idle=$((q1 - q0))
  load=$((q2 - q1))
  net=$(awk -v l=$load -v i=$idle -v v="$n" 'BEGIN {d = l - i; if (d < 0) d = 0; printf "%.3f", 1000 * d / v}')
  per=$(awk -v q=$load -v v="$n" 'BEGIN {printf "%.3f", 1000 * q / v}')
  case $kind in
    slot) label="\`Slot?service-type={service}\` ($nservices services)"; target="≤ 1" ;;
    directory) label="directory searches (every type, and \`HealthcareService?service-type=\` per service)"; target="≤ 1" ;;
    find) label="\`\$find\` ($nprescriptions prescriptions)"; target="(proves a prescription: ≥ 1,000 expected)" ;;
  esac
  echo "| $label | $n | $r | $idle | $load | $net | $per | $target |"
  echo "@ fhir.queries.$kind.net_per_1000=$net"
done
