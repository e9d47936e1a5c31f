#!/usr/bin/env bash
# Create .venv/ in the repository root and install Fazhi with its pinned dependencies.
# Usage: scripts/setup.sh [--dev]   (--dev adds the test tools)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] < (3, 14) else 1)'; then
      PYTHON="$candidate"; break
    fi
  done
fi
if [ -z "$PYTHON" ]; then
  echo "Fazhi needs Python 3.11–3.13 (需要 Python 3.11–3.13)." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv with $PYTHON"
  if ! "$PYTHON" -m venv .venv; then
    echo "Could not create a virtual environment. On Debian/Ubuntu: apt-get install python3-venv" >&2
    exit 1
  fi
fi

lock=requirements.lock
[ "${1:-}" = "--dev" ] && lock=requirements-dev.lock
stamp=".venv/.installed-$(sha256sum "$lock" pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "==> installing dependencies from $lock"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
  touch "$stamp"
fi

# PDF copies of 文书 and reports are made by LibreOffice, each GB/T 9704 role in a free CJK face
# (docs/operators/pdf.md). As root with apt-get, install what is missing (FAZHI_NO_APT=1 skips
# this); otherwise say what to install. Without them everything works but the PDF copies.
pdf_packages="libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai"
missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for package in $pdf_packages; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing="$missing $package"
  done
fi
if [ -n "$missing" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1 && [ -z "${FAZHI_NO_APT:-}" ]; then
    echo "==> installing LibreOffice and CJK fonts for PDF documents:$missing"
    # shellcheck disable=SC2086  # one word per package
    if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends $missing) >/dev/null; then
      echo "warning: could not install$missing; documents will have no PDF copy" >&2
    fi
  else
    echo "note: PDF copies of documents need:$missing" \
      "(apt-get install --no-install-recommends$missing; see docs/operators/pdf.md)" >&2
  fi
fi
