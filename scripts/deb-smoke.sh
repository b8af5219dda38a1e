#!/usr/bin/env bash
# Smoke test of the installable package: build the .deb, check it carries a desktop entry and an
# icon, `apt install ./file.deb`, launch the installed binary under Xvfb until its window shows,
# then remove the package again. Needs root or sudo (apt).
#
#   scripts/deb-smoke.sh              # build (tauri build --bundles deb) then test
#   scripts/deb-smoke.sh --no-build   # test the newest .deb already in target/release/bundle/deb
#   DEB_SMOKE_TIMEOUT=30 scripts/deb-smoke.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

build=1
[[ "${1:-}" == "--no-build" ]] && build=0
timeout="${DEB_SMOKE_TIMEOUT:-20}"
target_dir="${CARGO_TARGET_DIR:-$ROOT/target}"
SUDO=()
[[ $(id -u) -eq 0 ]] || SUDO=(sudo)

step() { printf '\n== deb-smoke: %s ==\n' "$*"; }
fail() { echo "deb-smoke: FAIL: $*" >&2; exit 1; }

if ((build)); then
  step "build the .deb"
  make --no-print-directory deb
fi
deb=$(ls -t "$target_dir"/release/bundle/deb/*.deb 2>/dev/null | head -n1 || true)
[[ -n $deb ]] || fail "no .deb under $target_dir/release/bundle/deb"
deb=$(realpath "$deb")
echo "package: $deb ($(du -h "$deb" | cut -f1))"

step "contents"
pkg=$(dpkg-deb -f "$deb" Package)
dpkg-deb -f "$deb" Package Version Architecture Depends
# Paths as absolute ones (dpkg-deb prints "./usr/..." or "usr/..."; names may hold spaces).
contents=$(dpkg-deb -c "$deb" | sed -E 's/^([^ ]+ +){5}//; s|^\./|/|; s|^([^/])|/\1|')
desktop=$(grep -E '^/usr/share/applications/[^/]+\.desktop$' <<<"$contents" | head -n1) \
  || fail "no desktop entry in the package"
icons=$(grep -E '^/usr/share/icons/hicolor/[^/]+/apps/[^/]+\.png$' <<<"$contents") \
  || fail "no hicolor PNG icon in the package"
bin=$(grep -E '^/usr/bin/[^/]+$' <<<"$contents" | head -n1) || fail "no binary in /usr/bin"
echo "desktop entry: $desktop"
echo "binary:        $bin"
echo "icons:"; sed 's/^/  /' <<<"$icons"
dpkg-deb -f "$deb" Depends | grep -q 'libwebkit2gtk-4.1-0' || fail "Depends lacks libwebkit2gtk-4.1-0"
dpkg-deb -f "$deb" Depends | grep -q 'libdbus-1-3' || fail "Depends lacks libdbus-1-3 (keyring)"
# The one version: the workspace's (Cargo.toml), which tauri.conf.json does not repeat.
version=$(scripts/app-version.sh)
[[ $(dpkg-deb -f "$deb" Version) == "$version" ]] \
  || fail "package version $(dpkg-deb -f "$deb" Version) is not the workspace version $version"
[[ $(basename "$deb") == *"_${version}_"* ]] || fail "file name $(basename "$deb") lacks version $version"
echo "version:       $version (the workspace's)"

was_installed=0
dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' && was_installed=1
cleanup() {
  if ((was_installed == 0)); then
    step "remove $pkg"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$pkg" </dev/null >/dev/null \
      && echo "removed"
  fi
}
trap cleanup EXIT

step "apt install ./$(basename "$deb")"
t0=$SECONDS
apt_log=$(mktemp)
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" </dev/null >"$apt_log" 2>&1 \
  || { cat "$apt_log"; rm -f "$apt_log"; fail "apt install"; }
rm -f "$apt_log"
echo "installed in $((SECONDS - t0)) s"

step "installed desktop entry"
entry="$desktop"
[[ -f $entry ]] || fail "$entry not installed"
exec_line=$(grep -m1 '^Exec=' "$entry" | cut -d= -f2-)
icon_name=$(grep -m1 '^Icon=' "$entry" | cut -d= -f2-)
echo "Exec=$exec_line"; echo "Icon=$icon_name"
exe=${exec_line%% *}
command -v "$exe" >/dev/null || fail "Exec binary $exe is not on PATH"
ls /usr/share/icons/hicolor/*/apps/"$icon_name".png >/dev/null 2>&1 \
  || fail "icon $icon_name not installed under /usr/share/icons/hicolor"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$entry"; fi

step "launch $exe under Xvfb (window within ${timeout} s)"
mkdir -p "$ROOT/.e2e-out"
export DEB_SMOKE_EXE="$exe" DEB_SMOKE_TIMEOUT="$timeout" DEB_SMOKE_SHOT="$ROOT/.e2e-out/deb-smoke.png"
export NINJAPAY_DESK_KEYRING_SERVICE="ninjapay-desk-deb-smoke"
# shellcheck disable=SC2016
"$ROOT/scripts/with-keyring.sh" xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" bash -c '
  set -u
  "$(command -v "$DEB_SMOKE_EXE")" >"$HOME/app.log" 2>&1 &
  app=$!
  t0=$EPOCHREALTIME
  win=""
  for _ in $(seq 1 $((DEB_SMOKE_TIMEOUT * 10))); do
    kill -0 $app 2>/dev/null || { echo "the app exited early:"; cat "$HOME/app.log"; exit 1; }
    win=$(xdotool search --onlyvisible --name "Ninjapay Desk" 2>/dev/null | head -n1 || true)
    [[ -n $win ]] && break
    sleep 0.1
  done
  [[ -n $win ]] || { echo "no window within ${DEB_SMOKE_TIMEOUT} s"; cat "$HOME/app.log"; kill $app; exit 1; }
  printf "window \"%s\" shown after %.2f s\n" "$(xdotool getwindowname "$win")" \
    "$(awk -v a="$t0" -v b="$EPOCHREALTIME" "BEGIN{print b-a}")"
  sleep 2   # let the page paint for the screenshot
  kill -0 $app 2>/dev/null || { echo "the app died after showing its window"; cat "$HOME/app.log"; exit 1; }
  # /usr/bin/import is ImageMagick (a /usr/local stand-in may shadow it on some machines).
  if [[ -x /usr/bin/import ]]; then /usr/bin/import -window root "$DEB_SMOKE_SHOT" && echo "screenshot: $DEB_SMOKE_SHOT"; fi
  kill $app; wait $app 2>/dev/null || true
'
step "PASS"
