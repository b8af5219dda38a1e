#!/usr/bin/env bash
# Fuzz the client's number rewriter and response decoders (`make fuzz`; not part of `make test`:
# it needs the nightly toolchain). Each target runs FUZZ_SECONDS (default 60) from a corpus
# seeded with the docs' example answers. A crash is saved under fuzz/artifacts/<target>/; copy it
# into crates/ninjapay/tests/fixtures/ and add a regression test before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: the nightly toolchain is needed (rustup toolchain install nightly)" >&2
  exit 2
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
for target in lossless decode; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  cp crates/ninjapay/tests/fixtures/*.json "$corpus/"
  echo "== fuzz $target for ${seconds}s =="
  (cd fuzz && cargo +nightly fuzz run "$target" "corpus/$target" -- \
      -max_total_time="$seconds" -print_final_stats=1 2>&1 | tail -n 25)
done
echo "fuzz: no crash in ${seconds}s per target"
