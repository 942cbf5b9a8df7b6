#!/usr/bin/env bash
# Check a built bundle the way a user's machine meets it: no virtualenv, no source tree on the path, an
# empty HOME, no display. Usage: installer/dist_test.sh dist/cobranza   (make dist-test)
# Prints the bundle's size and its start times (for docs/benchmarks.md) and exits non-zero on any failure.
# A second argument (make dist-test passes .venv/bin/cobranza) is timed the same way in the same run, as
# the baseline: the same commands from the developer's virtualenv.
set -euo pipefail
BUNDLE="$(cd "${1:-dist/cobranza}" && pwd)"
BASELINE="${2:+$(cd "$(dirname "$2")" && pwd)/$(basename "$2")}"
EXE="$BUNDLE/cobranza"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"  # not the repository: nothing may be imported from the source tree
run() { env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
  PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring "$EXE" "$@"; }
mkdir -p "$WORK/home"
DB="$WORK/book.sqlite"
step() { printf '%-34s' "$1"; }
step "version";       run --version
step "init";          run --db "$DB" init --company "Comercial Prueba S.A.C." --currency PEN --locale es_PE | head -1
step "demo";          run --db "$DB" demo --customers 300 --invoices 3000 --seed 7 | tail -1
TODAY="$(date +%F)"
step "aging (json)"
run --db "$DB" aging --as-of "$TODAY" --format json > "$WORK/aging.json"
CODE="$(python3 -c 'import json,sys; print(next(c["code"] for c in json.load(open(sys.argv[1]))["customers"] if c["total"] not in ("0", "0.00")))' "$WORK/aging.json")"
echo "ok (first debtor $CODE)"
step "statement PDF"
run --db "$DB" statement "$CODE" --as-of "$TODAY" -o "$WORK/statement.pdf" >/dev/null
pdftotext "$WORK/statement.pdf" - | grep -q "$CODE" && echo ok
step "gui --self-check";
run --db "$DB" gui --self-check > "$WORK/self-check.txt" || { cat "$WORK/self-check.txt"; exit 1; }
tail -1 "$WORK/self-check.txt"
# start times: the first run after the build (files maybe cached by the build) and the median of three
seconds() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
  printf '%d.%02d' $(( (t1 - t0) / 1000000000 )) $(( (t1 - t0) / 10000000 % 100 )); }
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
timings() {  # median of three: --version, and the self-check (window open, every page loaded, closed)
  local v=() g=()
  for _ in 1 2 3; do v+=("$(seconds "$@" --version)"); g+=("$(seconds "$@" --db "$DB" gui --self-check)"); done
  echo "--version $(median "${v[@]}") s, gui --self-check $(median "${g[@]}") s"
}
echo "size: $(du -sm "$BUNDLE" | cut -f1) MB ($(find "$BUNDLE" -type f | wc -l) files)"
echo "bundle:     $(timings run)"
if [ -n "$BASELINE" ]; then
  echo "virtualenv: $(timings env QT_QPA_PLATFORM=offscreen PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring "$BASELINE")"
fi
echo "dist-test: ok"
