#!/usr/bin/env bash
# Regenerate every icon size in icons/ from icons/icon.svg.
# Needs rsvg-convert (librsvg2-bin) and the Tauri CLI (npm ci). Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
rsvg-convert -w 1024 -h 1024 icons/icon.svg -o "$tmp/icon-1024.png"
npx --no-install tauri icon "$tmp/icon-1024.png" -o icons
# Only the desktop sizes are kept; mobile (android/, ios/) and Windows Store logos are not used.
rm -rf icons/android icons/ios icons/Square*Logo.png icons/StoreLogo.png
ls icons
