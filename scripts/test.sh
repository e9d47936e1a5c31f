#!/usr/bin/env bash
# Set everything up and run the whole test suite (lint, Django checks, migrations, pytest).
# SQLite by default; DATABASE_URL=postgres://... runs the same suite on PostgreSQL.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev

# The browser tests drive Debian's Chromium through Playwright (no browser download).
if [ -z "${FAZHI_CHROMIUM:-}" ]; then
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    if [ -x "$candidate" ]; then export FAZHI_CHROMIUM="$candidate"; break; fi
  done
fi
if { [ -z "${FAZHI_CHROMIUM:-}" ] || ! command -v pdffonts >/dev/null 2>&1; } \
  && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> installing Debian's chromium for the browser tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk poppler-utils) >/dev/null \
    && export FAZHI_CHROMIUM=/usr/bin/chromium
fi
if [ -z "${FAZHI_CHROMIUM:-}" ]; then
  echo "warning: no Chromium found (apt-get install chromium); browser tests will be skipped" >&2
fi

export FAZHI_DATA_DIR="${FAZHI_DATA_DIR:-$PWD/var/test}"
echo "==> database: ${DATABASE_URL:-SQLite (embedded default)}"
.venv/bin/ruff check --quiet .
.venv/bin/ruff format --check --quiet .
.venv/bin/fazhi check --fail-level WARNING
.venv/bin/fazhi makemigrations --check --dry-run >/dev/null
# In parallel, one process per CPU (pytest-xdist; each gets its own test database);
# FAZHI_TEST_WORKERS=0 runs in this process, e.g. to debug with a breakpoint.
.venv/bin/python -m pytest -n "${FAZHI_TEST_WORKERS:-auto}" "$@"
