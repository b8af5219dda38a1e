#!/usr/bin/env bash
# `make bench`: Ninjapay Desk against a bare Tauri app (benches/minimal-tauri), side by side in
# one run — launch → interactive, page boot, idle PSS, binary and .deb sizes — with ratios.
#
#   scripts/bench-compare.sh               # build both releases and .debs, then 5 rounds
#   scripts/bench-compare.sh --no-build    # use what is in target/release
#   BENCH_RUNS=9 BENCH_IDLE=10 scripts/bench-compare.sh --no-build
#
# Both are built as `tauri build` builds the .deb (`custom-protocol` on: ui/ embedded; the same
# [profile.release] and Tauri), and both turn WebKit's compositing off the same way. The launches run with a
# throw-away HOME and Secret Service (scripts/with-keyring.sh), the app in Sandbox mode.
# scripts/bench-startup.sh measures the app alone, in more detail.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

build=1
[[ "${1:-}" == "--no-build" ]] && build=0
target_dir="${CARGO_TARGET_DIR:-$ROOT/target}"
if ((build)); then
  # One cargo run for both, with the flags `tauri build` uses: the features of shared crates are
  # then the app's for both (building the minimal app alone would resolve them differently and
  # build Tauri a second time); then the CLI packages each without building again.
  echo "bench: building the minimal app and Ninjapay Desk (release), then their .deb packages"
  cargo build --release --bins -p ninjapay-desk -p minimal-tauri --features tauri/custom-protocol
  node scripts/tauri.mjs bundle --bundles deb
  TAURI_APP_PATH=benches/minimal-tauri npx --no-install tauri bundle --bundles deb
  scripts/deb-xz.sh "$target_dir"/release/bundle/deb/*.deb # as `make deb` ships it, both alike
fi
export CARGO_TARGET_DIR="$target_dir"
export NINJAPAY_DESK_KEYRING_SERVICE="ninjapay-desk-bench"
# The real interpreter (a pyenv shim would look for its root under the temp HOME).
py="$(python3 -c 'import sys; print(sys.executable)')"
exec "$ROOT/scripts/with-keyring.sh" "$py" "$ROOT/scripts/bench_compare.py"
