#!/usr/bin/env bash
# Installs the Debian packages Lotse needs when they are missing:
#   runtime: Qt's libraries (xcb, EGL/GL, fontconfig, dbus, xkbcommon)
#   tests:   fonts for every script, poppler-utils (pdftotext/pdftoppm), PostgreSQL server,
#            nginx (the README's web-server configuration is tested with it)
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -euo pipefail
what="${1:-runtime}"

runtime=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
         libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0
         libxcb-image0 libxcb-xinerama0 libxcb-xkb1 libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1)
tests=(postgresql poppler-utils fonts-noto-core fonts-dejavu-core xvfb xauth nginx time)

packages=("${runtime[@]}")
if [ "$what" = "test" ]; then packages+=("${tests[@]}"); fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-packages: not a Debian-like system; install Qt 6's runtime libraries by hand" >&2
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in *"install ok installed"*) ;; *) missing+=("$p");; esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Lotse needs these Debian packages. Please run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "system-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
