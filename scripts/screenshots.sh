#!/usr/bin/env bash
# Screenshots for README and docs/: the customers list, a customer card, the invoice and payment dialogs.
# Runs the real app under Xvfb with the xcb platform. Usage: scripts/screenshots.sh [--db PATH] [--language es|en]
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
export QT_QPA_PLATFORM=xcb
unset QT_SCALE_FACTOR
exec xvfb-run -a -s "-screen 0 1400x900x24" "$PY" scripts/screenshots.py "$@"
