#!/usr/bin/env bash
# Fault soak (`make soak`; not part of `make test`): the client and the watcher against the
# sandbox binary at ×240 for a simulated day (about 6 minutes) with random faults. Fails if a
# write was sent twice, a watch was lost or anything panicked; prints the figures.
#
#   scripts/soak.sh                       # 24 simulated hours, ×240, seed 11
#   scripts/soak.sh --hours 2 --seed 5    # a shorter run
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p ninjapay-sandbox
cargo build --release --quiet -p ninjapay-watch --example soak
target="${CARGO_TARGET_DIR:-target}"
exec "$target/release/examples/soak" --sandbox "$target/release/ninjapay-sandbox" "$@"
