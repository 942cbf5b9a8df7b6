#!/usr/bin/env bash
# Install the one-folder bundle (dist/cobranza) for the current user, or system-wide with PREFIX=/usr/local
# (run as root): the program in PREFIX/lib/cobranza, `cobranza` on the PATH, the menu entry, the icon, the
# AppStream metadata and the .cobranza backup file type. Uninstall with `install.sh --uninstall`.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BUNDLE="${BUNDLE:-$HERE/cobranza}"
[ -d "$BUNDLE" ] || BUNDLE="$HERE/../../dist/cobranza"
PREFIX="${PREFIX:-$HOME/.local}"
SHARE="$PREFIX/share"
ID=com.cobranza.Cobranza
if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$PREFIX/lib/cobranza" "$PREFIX/bin/cobranza" "$SHARE/applications/$ID.desktop" \
    "$SHARE/metainfo/$ID.metainfo.xml" "$SHARE/icons/hicolor/256x256/apps/$ID.png" \
    "$SHARE/icons/hicolor/scalable/apps/$ID.svg" "$SHARE/mime/packages/cobranza-backup.xml"
  command -v update-mime-database >/dev/null && update-mime-database "$SHARE/mime" || true
  echo "Cobranza removed from $PREFIX (your databases and backups are kept)"
  exit 0
fi
mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$SHARE/applications" "$SHARE/metainfo" \
  "$SHARE/icons/hicolor/256x256/apps" "$SHARE/icons/hicolor/scalable/apps" "$SHARE/mime/packages"
rm -rf "$PREFIX/lib/cobranza"
cp -a "$BUNDLE" "$PREFIX/lib/cobranza"
ln -sf "$PREFIX/lib/cobranza/cobranza" "$PREFIX/bin/cobranza"
RES="$PREFIX/lib/cobranza/_internal/resources/icons"
sed "s|^Exec=cobranza|Exec=$PREFIX/bin/cobranza|" "$HERE/$ID.desktop" > "$SHARE/applications/$ID.desktop"
cp "$HERE/$ID.metainfo.xml" "$SHARE/metainfo/"
cp "$RES/cobranza-256.png" "$SHARE/icons/hicolor/256x256/apps/$ID.png"
cp "$RES/cobranza.svg" "$SHARE/icons/hicolor/scalable/apps/$ID.svg"
cp "$HERE/cobranza-backup.xml" "$SHARE/mime/packages/"
command -v update-mime-database >/dev/null && update-mime-database "$SHARE/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$SHARE/applications" || true
echo "Cobranza installed in $PREFIX/lib/cobranza; run 'cobranza' or find it in the Office menu"
