#!/usr/bin/env bash
# Benchmark of crates/ninjapay-ledger (not a test): fills a temporary SQLite ledger through
# Ledger::observe with 100,000 records (10,000 voucher batches x 100 codes = 1,000,000 codes,
# Lightning payments, bridge quotes, orders, widget tokens; three accounts), then prints one
# table: search p50/p95 (aim < 50 ms), liability over everything (aim < 300 ms), redemptions
# per day over a year, exports of 100,000 rows to CSV and xlsx, and the database's size.
# Release build; about a minute on two cores. Nothing leaves this computer.
#
#   scripts/bench-ledger.sh                                   # 100,000 records, seed 7
#   scripts/bench-ledger.sh --records 20000 --batches 2000    # a quicker, smaller run
#   scripts/bench-ledger.sh --out /tmp/ledger.sqlite3         # keep the database
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet -p ninjapay-ledger --example bench
exec "$target_dir/release/examples/bench" "$@"
