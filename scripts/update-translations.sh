#!/usr/bin/env bash
# Refresh resources/translations/cobranza_es.ts (every string) and cobranza_en.ts (plural forms only:
# English is the source language) from the source with pyside6-lupdate, then compile the .qm files.
# Translate new strings with pyside6-linguist (or by editing the .ts), then run this again.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV_BIN:-.venv/bin}"
[ -x "$BIN/pyside6-lupdate" ] || BIN="$(dirname "$(command -v python3)")"
DIR=resources/translations
mapfile -t SOURCES < <(find app/ui -name '*.py' | sort)
"$BIN/pyside6-lupdate" -no-obsolete -locations relative "${SOURCES[@]}" -ts "$DIR/cobranza_es.ts"
"$BIN/pyside6-lupdate" -no-obsolete -pluralonly -locations relative -target-language en "${SOURCES[@]}" \
  -ts "$DIR/cobranza_en.ts"
for lang in es en; do
  "$BIN/pyside6-lrelease" "$DIR/cobranza_$lang.ts" -qm "$DIR/cobranza_$lang.qm"
done
