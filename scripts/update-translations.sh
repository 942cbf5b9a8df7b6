#!/usr/bin/env bash
# Refresh resources/translations/cobranza_es.ts from the source (pyside6-lupdate), then compile the .qm.
# Fill new strings with pyside6-linguist (or by editing the .ts), then run this again.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV_BIN:-.venv/bin}"
[ -x "$BIN/pyside6-lupdate" ] || BIN="$(dirname "$(command -v python3)")"
mapfile -t SOURCES < <(find app/ui -name '*.py' | sort)
"$BIN/pyside6-lupdate" -no-obsolete -locations relative "${SOURCES[@]}" -ts resources/translations/cobranza_es.ts
"$BIN/pyside6-lrelease" resources/translations/cobranza_es.ts -qm resources/translations/cobranza_es.qm
