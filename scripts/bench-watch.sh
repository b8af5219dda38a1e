#!/usr/bin/env bash
# Benchmark of crates/ninjapay-watch: N concurrent payment watches against an in-process
# ninjapay-sandbox over a simulated 10 minutes (sandbox and watcher clocks sped up together),
# payments turning paid at random times. Loopback only; stops by itself (~40 s at ×20).
#
#   scripts/bench-watch.sh                      # 500 watches, ×20, seed 7
#   scripts/bench-watch.sh --watches 100 --speed 20 --seed 7
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p ninjapay-watch --example bench
exec ./target/release/examples/bench "$@"
