#!/usr/bin/env bash
# Set everything up from a fresh clone and start the demo on http://127.0.0.1:8000/
# (SQLite in var/, demo data, printed logins). Extra arguments go to `fazhi demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export FAZHI_DEBUG=1
exec .venv/bin/fazhi demo "$@"
