#!/usr/bin/env bash
# Every test of Cupola, as README.md promises: the Rust tests (unit and integration; each
# integration test on SQLite and, when CUPOLA_TEST_POSTGRES_URL is set, on PostgreSQL too), then
# the browser tests in Chromium (end2end/tests: the journey with and without JavaScript and by
# keyboard, axe-core, offline, kiosk, low-end phone, Lighthouse).
#
# Needs Debian's Chromium at /usr/bin/chromium (or CHROMIUM=…) and Node.js 20; installs the npm
# packages of end2end/ when they are missing. Nothing is skipped: a missing browser is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --workspace --locked
# The binary the browser tests start (cargo test has built it already; this makes sure).
cargo build --locked -p server --bin cupola

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "The browser tests need Chromium at $chromium (apt-get install chromium)." >&2
  exit 1
fi
cd end2end
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund
fi
node run.mjs
