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
