#!/usr/bin/env bash
# Startup time (launch → UI interactive) and idle memory (PSS of all the app's processes) of the
# release build under Xvfb; median of N launches, printed in a form the README quotes.
#
#   scripts/bench-startup.sh               # build the release app (tauri build --no-bundle), 5 runs
#   scripts/bench-startup.sh --no-build    # use the existing target/release/ninjapay-desk
#   BENCH_RUNS=10 BENCH_IDLE=10 scripts/bench-startup.sh
#
# The release build comes from the Tauri CLI so that `custom-protocol` is on (ui/ is embedded), as
# in the .deb. The app runs with a throw-away HOME and Secret Service (scripts/with-keyring.sh),
# in Sandbox mode. "Interactive" = ui/js/main.js finished booting (every view mounted, state
# read, listeners wired, first screen shown) and called `ui_ready`, which makes the app write the
# time to $NINJAPAY_DESK_READY_FILE (src-tauri/src/commands/bench.rs; a no-op when unset).
# Memory: PSS (and USS) summed over the app and every process it started, after BENCH_IDLE s.
# PSS splits shared library pages among all processes mapping them, so other WebKit apps running
# at the same time (e.g. an e2e run) lower it: the script says so when it sees any.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

build=1
[[ "${1:-}" == "--no-build" ]] && build=0
target_dir="${CARGO_TARGET_DIR:-$ROOT/target}"
if ((build)); then
  echo "bench: building the release app (tauri build --no-bundle)"
  node scripts/tauri.mjs build --no-bundle
fi
export BENCH_APP="${BENCH_APP:-$target_dir/release/ninjapay-desk}"
export NINJAPAY_DESK_KEYRING_SERVICE="ninjapay-desk-bench"
# The real interpreter (a pyenv shim would look for its root under the temp HOME).
py="$(python3 -c 'import sys; print(sys.executable)')"
exec "$ROOT/scripts/with-keyring.sh" "$py" "$ROOT/scripts/bench_startup.py"
