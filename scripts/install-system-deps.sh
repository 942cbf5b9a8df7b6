#!/usr/bin/env bash
# Installs the Debian packages the app and its tests need (Qt under Xvfb, fonts,
# PDF and spreadsheet checks, PostgreSQL for the shared-database tests).
# Only acts as root on a Debian-like system and only when something is missing,
# so `make test` stays quick on a machine that already has them.
set -euo pipefail
PKGS=(xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0
      libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
      libxcb-xkb1 libegl1 libgl1 libfontconfig1 libdbus-1-3
      fonts-dejavu-core poppler-utils libreoffice-calc-nogui postgresql locales)
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-system-deps: not root on Debian; make sure these are installed: ${PKGS[*]}"
  exit 0
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
