#!/usr/bin/env bash
# Public reads side by side, for BENCHMARKS.md: each anonymous, cacheable GET the crowd sends,
# answered by Cupola (release build, demo data, SQLite), by nginx serving the very same bytes
# from files (brotli_static/gzip_static: the same encoding negotiated, Cupola's own headers), and
# by a bare axum handler returning the same bytes from memory (`server/examples/bare.rs`, the
# limit of the stack). Requests per second of each in alternating rounds in one run, medians,
# and Cupola's ratio to each.
#
#   end2end/bench/reads.sh [ROUNDS] [ENCODING]      # defaults: 3 rounds of 5 s, br
#
# wrk -t2 -c64 (as in issue 17), 5 s a round after a 2 s warm-up per server and path. Needs nginx
# with the brotli_static module, wrk, curl (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-3}"
ENCODING="${2:-br}"

need=()
command -v wrk > /dev/null || need+=(wrk)
command -v nginx > /dev/null || need+=(nginx-light)
[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || need+=(libnginx-mod-http-brotli-static)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  apt-get install -y -q "${need[@]}" > /dev/null
fi

cargo build --release --locked -q --bin cupola --example bare
BIN="$PWD/target/release/cupola"
BARE="$PWD/target/release/examples/bare"
WORK="$(mktemp -d)"
# nginx's workers run as another user: they must read the files.
chmod 755 "$WORK"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

C=127.0.0.1:3501 N=127.0.0.1:3502 B=127.0.0.1:3503
DB="sqlite://$WORK/demo.db"
"$BIN" --database-url "$DB" seed > /dev/null 2>&1
DATABASE_URL="$DB" CUPOLA_ADDR="$C" RUST_LOG=warn "$BIN" > "$WORK/cupola.out" 2>&1 &
PIDS+=($!)
until grep -q "Cupola listening" "$WORK/cupola.out" 2>/dev/null; do sleep 0.2; done
css=$(curl -s "http://$C/" | grep -o '/static/style\.[0-9a-f]*\.css' | head -1)

PATHS=(/ /prestazioni "/prestazioni?q=ecografia" /tempi-di-attesa /tempi-di-attesa/89.7A.3
  /api/v1/services "/api/v1/availability?service=89.7A.3" /trasparenza/tempi-di-attesa.csv
  /fhir/r4/Location "$css")

# The same bytes as files (identity, .br, .gz) and Cupola's headers, for nginx and for bare.
mkdir -p "$WORK/www/f" "$WORK/nginx"
SKIP='^(date|content-length|content-encoding|etag|last-modified|connection|transfer-encoding|keep-alive|vary|content-type):'
locations=""
for i in "${!PATHS[@]}"; do
  url="http://$C${PATHS[$i]}"
  f="$WORK/www/f/$i"
  curl -s -o "$f" "$url"
  curl -s -D "$f.hdr" -o "$f.br" -H 'Accept-Encoding: br' "$url"
  curl -s -o "$f.gz" -H 'Accept-Encoding: gzip' "$url"
  grep -qi '^content-encoding: br' "$f.hdr" || rm -f "$f.br"
  [ "$(stat -c %s "$f.gz")" != "$(stat -c %s "$f")" ] || rm -f "$f.gz"
  tr -d '\r' < "$f.hdr" | tail -n +2 | grep -v '^$' > "$f.all"
  grep -viE "$SKIP" "$f.all" > "$f.h" || true
  type=$(grep -i '^content-type:' "$f.all" | cut -d' ' -f2-)
  vary=$(grep -i '^vary:' "$f.all" | cut -d' ' -f2- || true)
  printf 'content-type: %s\n' "$type" >> "$f.h"
  [ -z "$vary" ] || printf 'vary: %s\n' "$vary" >> "$f.h"
  adds=""
  while IFS= read -r line; do
    name="${line%%:*}"; value="${line#*: }"
    case "${name,,}" in content-type) continue ;; esac
    adds+="      add_header $name \"${value//\"/\\\"}\" always;"$'\n'
  done < "$f.h"
  locations+="    location = /f/$i {
      default_type \"$type\";
      brotli_static on;
      gzip_static on;
      etag on;
$adds    }
"
  rm -f "$f.hdr" "$f.all"
done
cat > "$WORK/nginx/nginx.conf" <<EOF
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
worker_processes 2;
error_log $WORK/nginx/error.log warn;
pid $WORK/nginx/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  open_file_cache max=10000 inactive=60s;
  open_file_cache_valid 60s;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  types { }
  server {
    listen $N reuseport;
    root $WORK/www;
$locations  }
}
EOF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
"$BARE" "$WORK/www/f" "$B" > "$WORK/bare.out" 2>&1 &
PIDS+=($!)
until grep -q "bare listening" "$WORK/bare.out" 2>/dev/null; do sleep 0.2; done
until curl -s -o /dev/null "http://$N/f/0"; do sleep 0.2; done
# The same bytes from all three, or the comparison means nothing.
for i in "${!PATHS[@]}"; do
  for enc in identity gzip br; do
    n=$(curl -s -H "Accept-Encoding: $enc" "http://$N/f/$i" | sha256sum)
    b=$(curl -s -H "Accept-Encoding: $enc" "http://$B/f/$i" | sha256sum)
    a=$(curl -s -H "Accept-Encoding: $enc" "http://$C${PATHS[$i]}" | sha256sum)
    if [ "$n" != "$b" ]; then
      echo "nginx and bare differ for ${PATHS[$i]} ($enc)" >&2
      exit 1
    fi
    # Availability may have changed since the files were taken (slots pass, holds expire):
    # said, not hidden; the sizes in the table show how far apart.
    [ "$a" = "$n" ] || echo "note: Cupola's answer to ${PATHS[$i]} ($enc) changed since the files were taken" >&2
  done
done

rate() { # url seconds
  wrk -t2 -c64 -d"$2"s -H "Accept-Encoding: $ENCODING" "$1" | awk '/Requests\/sec/ {print $2}'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
size() { curl -s -H "Accept-Encoding: $ENCODING" -o /dev/null -w '%{size_download}' "$1"; }

echo "Public reads — $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t2 -c64, Accept-Encoding: $ENCODING, $ROUNDS rounds of 5 s, Cupola / nginx / bare axum alternating; medians"
echo
echo "| path | bytes (Cupola / nginx / bare) | Cupola req/s | nginx req/s | bare axum req/s | Cupola ÷ nginx | Cupola ÷ bare |"
echo "|---|---|---|---|---|---|---|"
for i in "${!PATHS[@]}"; do
  cu="http://$C${PATHS[$i]}" ng="http://$N/f/$i" ba="http://$B/f/$i"
  sizes="$(size "$cu") / $(size "$ng") / $(size "$ba")"
  for u in "$cu" "$ng" "$ba"; do rate "$u" 2 > /dev/null; done
  : > "$WORK/c"; : > "$WORK/n"; : > "$WORK/b"
  for _ in $(seq 1 "$ROUNDS"); do
    rate "$cu" 5 >> "$WORK/c"
    rate "$ng" 5 >> "$WORK/n"
    rate "$ba" 5 >> "$WORK/b"
  done
  c=$(median < "$WORK/c"); n=$(median < "$WORK/n"); b=$(median < "$WORK/b")
  printf '| `%s` | %s | %.0f | %.0f | %.0f | %.2f | %.2f |\n' "${PATHS[$i]}" "$sizes" "$c" "$n" "$b" \
    "$(echo "$c / $n" | bc -l)" "$(echo "$c / $b" | bc -l)"
done
echo
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
