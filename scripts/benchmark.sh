#!/usr/bin/env bash
# Measures the weight of every call of tenderchain's pallets and writes each pallet's
# weights.rs (FRAME benchmarking v2, run by frame-omni-bencher on the runtime's wasm built with
# the `runtime-benchmarks` feature). Results: pallets/<name>/src/weights.rs, and the raw
# figures in target/benchmarks/<pallet>.json. PALLETS="tendering expert_draw" measures only those.
#
# The benchmark build uses its own target directory, so that the node's build is untouched.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$TENDERCHAIN_ROOT"

steps="${STEPS:-20}"
repeat="${REPEAT:-10}"
bench_target="$TENDERCHAIN_CACHE/bench-target"
tools="$TENDERCHAIN_CACHE/tools"
bencher="$tools/bin/frame-omni-bencher"

if [ ! -x "$bencher" ]; then
  stage "installing frame-omni-bencher (once; a long build)"
  # The bencher's own test runtime must not look for its package in our workspace, and its wasm
  # is needed only for storage benchmarks, which we do not run.
  env -u WASM_BUILD_WORKSPACE_HINT SKIP_WASM_BUILD=1 \
    cargo install frame-omni-bencher --version 0.28.0 --locked --root "$tools" \
      --target-dir "$TENDERCHAIN_CACHE/tools-target"
fi

stage "building the runtime with runtime-benchmarks"
CARGO_TARGET_DIR="$bench_target" cargo build --release --locked -p tenderchain-runtime --features runtime-benchmarks
wasm="$bench_target/release/wbuild/tenderchain-runtime/tenderchain_runtime.compact.compressed.wasm"

mkdir -p "$TENDERCHAIN_ROOT/target/benchmarks"
for pallet in ${PALLETS:-consortium certificates tendering notary expert_draw recognition award}; do
  stage "benchmarking pallet_$pallet ($steps steps, $repeat repeats)"
  "$bencher" v1 benchmark pallet \
    --runtime "$wasm" \
    --genesis-builder-preset dev \
    --pallet "pallet_$pallet" --extrinsic '*' \
    --steps "$steps" --repeat "$repeat" \
    --template scripts/weights.hbs \
    --output "pallets/${pallet//_/-}/src/weights.rs" \
    --json-file "$TENDERCHAIN_ROOT/target/benchmarks/pallet_$pallet.json"
done
stage "weights written: pallets/*/src/weights.rs"
