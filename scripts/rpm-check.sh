#!/usr/bin/env bash
# Check the installable .rpm: build it (the Tauri bundler writes it itself, offline, no rpmbuild),
# then read it back with `rpm` (apt package "rpm"): name, version (the workspace's), the shared
# libraries it requires and the files it installs. It is not installed here: this machine is
# Debian; installing and launching it is left to a Fedora/openSUSE machine.
#
#   scripts/rpm-check.sh              # build (tauri build --bundles rpm) then check
#   scripts/rpm-check.sh --no-build   # check the newest .rpm already in target/release/bundle/rpm
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

build=1
[[ "${1:-}" == "--no-build" ]] && build=0
target_dir="${CARGO_TARGET_DIR:-$ROOT/target}"

step() { printf '\n== rpm-check: %s ==\n' "$*"; }
fail() { echo "rpm-check: FAIL: $*" >&2; exit 1; }

command -v rpm >/dev/null || fail "the rpm tool is missing (scripts/install-deps.sh installs it; or: sudo apt-get install rpm)"

if ((build)); then
  step "build the .rpm"
  node scripts/tauri.mjs build --bundles rpm
fi
pkg=$(ls -t "$target_dir"/release/bundle/rpm/*.rpm 2>/dev/null | head -n1 || true)
[[ -n $pkg ]] || fail "no .rpm under $target_dir/release/bundle/rpm"
echo "package: $pkg ($(du -h "$pkg" | cut -f1))"

step "metadata (rpm -qpi)"
rpm -qpi "$pkg"
version=$(scripts/app-version.sh)
[[ $(rpm -qp --qf '%{VERSION}' "$pkg") == "$version" ]] \
  || fail "package version $(rpm -qp --qf '%{VERSION}' "$pkg") is not the workspace version $version"
[[ $(basename "$pkg") == *"-${version}-"* ]] || fail "file name $(basename "$pkg") lacks version $version"

step "requires (rpm -qpR)"
requires=$(rpm -qpR "$pkg")
echo "$requires"
for lib in 'libwebkit2gtk-4.1.so.0' 'libgtk-3.so.0' 'libdbus-1.so.3'; do
  grep -qF "$lib" <<<"$requires" || fail "Requires lacks $lib"
done

step "files (rpm -qpl)"
files=$(rpm -qpl "$pkg")
echo "$files"
grep -qE '^/usr/bin/ninjapay-desk$' <<<"$files" || fail "no /usr/bin/ninjapay-desk"
grep -qE '^/usr/share/applications/[^/]+\.desktop$' <<<"$files" || fail "no desktop entry"
grep -qE '^/usr/share/icons/hicolor/[^/]+/apps/[^/]+\.png$' <<<"$files" || fail "no hicolor PNG icon"

step "PASS ($(basename "$pkg"))"
