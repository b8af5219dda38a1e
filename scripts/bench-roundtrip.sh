#!/usr/bin/env bash
# Round trip of a 100-code voucher lookup (`make bench-roundtrip`): the app's invoke → command →
# client → in-process sandbox path against the same request made directly with reqwest, p50/p99
# (src-tauri/examples/roundtrip.rs), then the time the page takes to render that voucher's
# detail (tests/e2e/bench_render.py, the debug app under WebDriver; printed, not asserted).
#
#   scripts/bench-roundtrip.sh            # both
#   scripts/bench-roundtrip.sh --ipc      # only the round trip
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
cargo run --release -p ninjapay-desk --example roundtrip -- "${ROUNDS:-300}"
[[ "${1:-}" == "--ipc" ]] && exit 0
echo
E2E_DARK=0 tests/e2e/run.sh -- -s tests/e2e/bench_render.py
