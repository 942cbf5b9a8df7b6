#!/usr/bin/env bash
# Every screenshot in README, docs/ and the user guide (docs/guide/*/img), from the real app under Xvfb (xcb
# platform), on a demo book made here the way `make run` makes it: `make screenshots` (or scripts/screenshots.sh [--language es|en]).
# The 1M-invoice dashboard (docs/screenshot-dashboard-1m.png) is retaken only when DB_1M names such a book.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
COBRANZA="$(dirname "$PY")/cobranza"
export QT_QPA_PLATFORM=xcb
unset QT_SCALE_FACTOR
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
book() {  # a fresh demo book per script: each one changes what it photographs
  "$COBRANZA" --db "$WORK/$1.sqlite" init --company "Distribuidora Andina S.A.C." --currency PEN --locale es_PE >/dev/null
  "$COBRANZA" --db "$WORK/$1.sqlite" demo --customers 300 --invoices 4000 --seed 7 >/dev/null
  echo "$WORK/$1.sqlite"
}
shot() { echo "== $*" >&2; xvfb-run -a -s "-screen 0 1400x900x24" "$PY" "$@"; }
shot scripts/screenshots.py --db "$(book main)" "$@"
shot scripts/screenshot_reminders.py --db "$(book reminders)" --run "$@"
shot scripts/screenshot_corrections.py --db "$(book corrections)" "$@"
shot scripts/screenshot_terms.py --db "$(book terms)" "$@"
shot scripts/screenshot_first_run.py
shot scripts/screenshot_bank.py --db "$(book bank)"
# the user guide's shots, each language in its own chapter folder (docs/guide/<lang>/img), and README's
# empty-state and 1366×768 shots (from the Spanish pass)
for lang in es en; do shot scripts/screenshot_guide.py --db "$(book "guide-$lang")" --language "$lang"; done
shot scripts/screenshot_import.py --db "$(book import)" --language es  # the import wizard, in each language
shot scripts/screenshot_import.py --db "$(book import-en)" --language en
if [ -n "${DB_1M:-}" ]; then shot scripts/screenshot_dashboard.py --db "$DB_1M" "$@"; fi
