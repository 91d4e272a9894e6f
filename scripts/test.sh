#!/usr/bin/env bash
# Runs every test of tenderchain:
#   1. the formatting check (`cargo fmt --check`, rustfmt.toml as polkadot-sdk's);
#   2. the shared test vectors recomputed independently (tests/vectors/generate.py --check);
#   3. the unit tests of every crate and the end-to-end tests, which start real
#      tenderchain-node processes on loopback and drive them with the real `tender` client;
#   4. the pallets' unit tests again with their benchmark test suites (feature runtime-benchmarks:
#      each benchmark run once against the pallet's mock).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$TENDERCHAIN_ROOT"

stage "formatting (cargo fmt --check)"
if ! cargo fmt --all --check >/dev/null; then
  cargo fmt --all --check | head -n 40 >&2 || true
  echo "the code is not formatted: run \`cargo fmt --all\` and commit the result" >&2
  exit 1
fi

stage "shared test vectors (tests/vectors/generate.py --check)"
python3 tests/vectors/generate.py --check

stage "build (release, the binaries the end-to-end tests start)"
cargo build --release --workspace --locked

stage "tests (unit and end-to-end)"
# One test at a time: each end-to-end test runs its own network, which is what two cores hold.
cargo test --release --workspace --locked -- --test-threads=1

stage "benchmark test suites of the pallets (feature runtime-benchmarks)"
pallets=()
for dir in pallets/*/; do
  pallets+=(-p "pallet-$(basename "$dir")")
done
cargo test --release --locked "${pallets[@]}" --features runtime-benchmarks --lib
stage "all tests passed"
