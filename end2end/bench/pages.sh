#!/usr/bin/env bash
# Page weight and availability render time, for BENCHMARKS.md.
#
#   end2end/bench/pages.sh                      # page weights on a fresh demo database
#   REGION_DB=/path/region.db end2end/bench/pages.sh   # also: availability on region-scale data
#
# Page weight = what a first visit downloads compressed (brotli, as browsers ask): the HTML plus
# the stylesheet (the pages load no JavaScript). Render time = the server's time to answer the
# availability page (curl time_total on loopback, median of 21 requests after 3 warm-ups).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --locked -q
BIN="$PWD/target/release/cupola"
WORK="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

start() { # db_url port
  DATABASE_URL="$1" CUPOLA_ADDR="127.0.0.1:$2" RUST_LOG=warn "$BIN" > "$WORK/out.$2" 2>&1 &
  PIDS+=($!)
  until grep -q "Cupola listening" "$WORK/out.$2" 2>/dev/null; do sleep 0.2; done
}
br_bytes() { curl -s -H 'Accept-Encoding: br' -b "$WORK/jar" -c "$WORK/jar" -o "$WORK/body" "$1"; stat -c %s "$WORK/body"; }
raw_bytes() { curl -s -b "$WORK/jar" -c "$WORK/jar" -o "$WORK/body" "$1"; stat -c %s "$WORK/body"; }
median_ms() { sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]*1000}'; }

DEMO="sqlite://$WORK/demo.db"
start "$DEMO" 3301
B=http://127.0.0.1:3301
css=$(curl -s "$B/" | grep -o '/static/style\.[0-9a-f]*\.css')
css_br=$(br_bytes "$B$css")
IFS=, read -r cf nre _ _ < <("$BIN" --database-url "$DEMO" demo prescriptions --count 1 --service 89.7A.3 --priority P 2>/dev/null | tail -1)

echo "Page weights — $(date -u +%Y-%m-%d), demo data, stylesheet $css_br B brotli"
echo
echo "| page | HTML (brotli) | HTML (raw) | first visit: HTML + CSS (brotli) | target |"
echo "|---|---|---|---|---|"
row() { printf '| %s | %s B | %s B | %s B | ≤ 14,336 B |\n' "$1" "$2" "$3" "$(( $2 + css_br ))"; }
rm -f "$WORK/jar"
for path in / /prestazioni "/prestazioni?q=ecografia" /tempi-di-attesa /tempi-di-attesa/89.7A.3 /prenota /le-mie-prenotazioni; do
  row "\`$path\`" "$(br_bytes "$B$path")" "$(raw_bytes "$B$path")"
done
curl -s -b "$WORK/jar" -c "$WORK/jar" -o /dev/null -d "codice_fiscale=$cf&nre=$nre" -H "Origin: $B" "$B/prenota"
row '`/prenota/disponibilita` (20 slots)' "$(br_bytes "$B/prenota/disponibilita")" "$(raw_bytes "$B/prenota/disponibilita")"
slot=$(grep -o 'name="slot" value="[0-9]*"' "$WORK/body" | head -1 | grep -o '[0-9]*')
curl -s -b "$WORK/jar" -c "$WORK/jar" -o /dev/null -d "slot=$slot" -H "Origin: $B" "$B/prenota/scegli"
row '`/prenota/conferma`' "$(br_bytes "$B/prenota/conferma")" "$(raw_bytes "$B/prenota/conferma")"
receipt=$(curl -s -b "$WORK/jar" -c "$WORK/jar" -o /dev/null -w '%{redirect_url}' -d "telefono=&email=" -H "Origin: $B" "$B/prenota/conferma")
row '`/prenotazioni/{code}` (receipt)' "$(br_bytes "$receipt")" "$(raw_bytes "$receipt")"
qr=$(br_bytes "${receipt%%\?*}/qr.svg")
echo
echo "The receipt also loads its QR code image: $qr B."

if [ -n "${REGION_DB:-}" ]; then
  REGION="sqlite://$REGION_DB"
  start "$REGION" 3302
  R=http://127.0.0.1:3302
  echo
  echo "Availability page on region-scale data ($(basename "$REGION_DB")), median of 21, ms"
  echo
  echo "| service | filter | median render |"
  echo "|---|---|---|"
  for service in 89.7A.3 88.91.1 95.02 91.49.2; do
    IFS=, read -r cf nre _ _ < <("$BIN" --database-url "$REGION" demo prescriptions --count 1 --service "$service" --priority P 2>/dev/null | tail -1)
    rm -f "$WORK/jar"
    curl -s -b "$WORK/jar" -c "$WORK/jar" -o /dev/null -d "codice_fiscale=$cf&nre=$nre" -H "Origin: $R" "$R/prenota"
    for filter in "" "?zona=1" "?dal=$(date -d '+90 days' +%d/%m/%Y)"; do
      for _ in 1 2 3; do curl -s -b "$WORK/jar" -o /dev/null "$R/prenota/disponibilita$filter"; done
      ms=$(for _ in $(seq 21); do curl -s -b "$WORK/jar" -o /dev/null -w '%{time_total}\n' "$R/prenota/disponibilita$filter"; done | median_ms)
      echo "| $service | \`${filter:-none}\` | $ms |"
    done
  done
fi
