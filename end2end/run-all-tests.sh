#!/usr/bin/env bash
# Every test of Cupola, as README.md promises: the Rust tests (unit and integration; each
# integration test on SQLite and, when CUPOLA_TEST_POSTGRES_URL is set, on PostgreSQL too), then
# the browser tests in Chromium (end2end/tests: the journey with and without JavaScript and by
# keyboard, axe-core, offline, kiosk, low-end phone, Lighthouse).
#
# Sets itself up first, so a fresh machine needs only Rust, Node.js 20 and Debian:
# - Debian's Chromium, when /usr/bin/chromium (or CHROMIUM=…) is missing: apt-get as root, or
#   through `sudo -n` when not root; otherwise it stops and says what to run.
# - the npm packages of end2end/ (`npm ci`), when they are missing or older than the lock file.
# Nothing is skipped: a browser that is missing and cannot be installed is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "== Chromium not found at $chromium: installing Debian's chromium package"
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "The browser tests need Chromium at $chromium and this user cannot install it." >&2
    echo "Run as root: apt-get update && apt-get install -y chromium" >&2
    echo "(or point CHROMIUM=… at an installed Chromium), then run $0 again." >&2
    exit 1
  fi
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  if [ ! -x "$chromium" ]; then
    if [ "$chromium" = /usr/bin/chromium ]; then
      echo "apt-get install chromium finished but there is no /usr/bin/chromium." >&2
    else
      echo "Debian's chromium is at /usr/bin/chromium, but CHROMIUM=$chromium is still missing:" >&2
      echo "unset CHROMIUM or point it at /usr/bin/chromium." >&2
    fi
    exit 1
  fi
fi
echo "== browser: $("$chromium" --version)"

# npm writes node_modules/.package-lock.json when an install has finished: an install that was
# interrupted, or a lock file changed since, means installing again.
if [ ! -f end2end/node_modules/.package-lock.json ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  echo "== npm packages of end2end/ missing or stale: npm ci"
  (cd end2end && npm ci --no-audit --no-fund)
fi

cargo test --workspace --locked
# The binary the browser tests start (cargo test has built it already; this makes sure).
cargo build --locked -p server --bin cupola

cd end2end
node run.mjs

# Chaos (issue 12), on the same debug binary: kill -9 durability (clients booking, the server
# killed with SIGKILL at a random moment and restarted; every acknowledged booking there, no slot
# or prescription booked twice), 2 trials on SQLite and, with CUPOLA_TEST_POSTGRES_URL, 2 on
# PostgreSQL; then the HTTP fuzz run of every route and form (zero 5xx, zero panics). They read
# the databases with the sqlite3 and psql clients. Longer runs: `node chaos/kill9.mjs --trials
# 10`, `node chaos/fuzz.mjs --requests 200000` (see the scripts' headers).
if ! command -v sqlite3 > /dev/null; then
  echo "== the sqlite3 client is missing: installing Debian's sqlite3 package"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get install -y -qq sqlite3 || { apt-get update -qq && apt-get install -y -qq sqlite3; }
  else
    sudo -n apt-get install -y -qq sqlite3 || { echo "Run as root: apt-get install -y sqlite3" >&2; exit 1; }
  fi
fi
chaos_backends=sqlite
if [ -n "${CUPOLA_TEST_POSTGRES_URL:-}" ]; then
  chaos_backends=sqlite,postgres
fi
node chaos/kill9.mjs --trials 2 --backends "$chaos_backends"
node chaos/fuzz.mjs --requests 20000
if [ -n "${CUPOLA_TEST_POSTGRES_URL:-}" ]; then
  node chaos/fuzz.mjs --requests 5000 --backend postgres
fi
