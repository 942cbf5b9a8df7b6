#!/usr/bin/env bash
# macOS: Cobranza.app from the same spec, run on a Mac (PyInstaller cannot cross-build):
#   make install && installer/macos/build-app.sh [--sign "Developer ID Application: NAME (TEAMID)"]
# Makes dist/Cobranza.app (the bundle's executable runs the GUI when opened from Finder and every
# `cobranza` subcommand from a terminal: dist/Cobranza.app/Contents/MacOS/cobranza aging) and
# dist/Cobranza-VERSION.dmg. With --sign the app is signed with the hardened runtime; notarize it with
#   xcrun notarytool submit dist/Cobranza-VERSION.dmg --keychain-profile PROFILE --wait
set -euo pipefail
cd "$(dirname "$0")/../.."
SIGN=""
[ "${1:-}" = "--sign" ] && SIGN="$2"
VERSION="$(.venv/bin/python -c 'import app; print(app.__version__)')"
ICONSET="build/cobranza.iconset"
rm -rf "$ICONSET" && mkdir -p "$ICONSET"
for size in 16 32 128 256; do
  sips -z $size $size resources/icons/cobranza-256.png --out "$ICONSET/icon_${size}x${size}.png" >/dev/null
  double=$((size * 2)); [ $double -le 256 ] && \
    sips -z $double $double resources/icons/cobranza-256.png --out "$ICONSET/icon_${size}x${size}@2x.png" >/dev/null
done
iconutil -c icns "$ICONSET" -o build/cobranza.icns
COBRANZA_MACOS_APP=1 COBRANZA_ICNS=build/cobranza.icns COBRANZA_VERSION="$VERSION" \
  .venv/bin/pyinstaller --noconfirm --distpath dist --workpath build/pyinstaller installer/cobranza.spec
if [ -n "$SIGN" ]; then
  codesign --deep --force --options runtime --timestamp --sign "$SIGN" dist/Cobranza.app
  codesign --verify --deep --strict dist/Cobranza.app
fi
hdiutil create -volname Cobranza -srcfolder dist/Cobranza.app -ov -format UDZO "dist/Cobranza-$VERSION.dmg"
echo "dist/Cobranza.app and dist/Cobranza-$VERSION.dmg"
