#!/usr/bin/env bash
# Figures of cross-province recognition (issue 16, item 7), measured on this machine with
# frame-omni-bencher on this runtime's wasm (built with `runtime-benchmarks`), written to
# target/benchmarks/crosschain.txt:
#   1. importing a peer header with its GRANDPA justification (pallet-bridge-grandpa's own
#      `submit_finality_proof` benchmark, on the runtime's PeerBridge0): a peer of 4
#      authorities (3 precommits) and of 64, the most a peer may have (43 precommits);
#   2. checking a recognition proof: `recognise_bar`, `recognise_anchor` and
#      `recognise_certificate` with proofs of 8 and of 60 trie nodes;
#   3. the lag from finality on the source to recognition on the target, as the cross-province
#      e2e test measured it (target/benchmarks/crosschain-lag.txt), if it ran.
# Needs jq. REPEAT (default 20) repeats each measurement.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$TENDERCHAIN_ROOT"

repeat="${REPEAT:-20}"
bench_target="$TENDERCHAIN_CACHE/bench-target"
bencher="$TENDERCHAIN_CACHE/tools/bin/frame-omni-bencher"
out_dir="$TENDERCHAIN_ROOT/target/benchmarks"
report="$out_dir/crosschain.txt"
mkdir -p "$out_dir"
command -v jq >/dev/null || { echo "bench-crosschain.sh needs jq (apt-get install jq)" >&2; exit 1; }

if [ ! -x "$bencher" ]; then
  stage "installing frame-omni-bencher (once; a long build)"
  env -u WASM_BUILD_WORKSPACE_HINT SKIP_WASM_BUILD=1 \
    cargo install frame-omni-bencher --version 0.28.0 --locked --root "$TENDERCHAIN_CACHE/tools" \
      --target-dir "$TENDERCHAIN_CACHE/tools-target"
fi

stage "building the runtime with runtime-benchmarks"
CARGO_TARGET_DIR="$bench_target" cargo build --release --locked -p tenderchain-runtime --features runtime-benchmarks
wasm="$bench_target/release/wbuild/tenderchain-runtime/tenderchain_runtime.compact.compressed.wasm"

# Runs one benchmark at fixed component values: $1 pallet, $2 extrinsic, $3 low, $4 high.
run() {
  local json="$out_dir/crosschain-$1-$2.json"
  "$bencher" v1 benchmark pallet --runtime "$wasm" --genesis-builder-preset dev \
    --pallet "$1" --extrinsic "$2" --steps 2 --repeat "$repeat" \
    --low "$3" --high "$4" --json-file "$json" >/dev/null
  echo "$json"
}

# The median extrinsic time (µs) of the results of $1 whose first component is $2, and their
# database reads, writes and proof size (which the benchmark records in its db_results).
median() {
  jq -r --argjson c "$2" '
    [.[0].time_results[] | select(.components[0][1] == $c)] as $r
    | ([.[0].db_results[] | select(.components[0][1] == $c)][0]) as $d
    | ($r | map(.extrinsic_time) | sort | .[(length / 2 | floor)]) as $t
    | "\($t / 1000 | floor) µs (\($d.reads) reads, \($d.writes) writes, proof \($d.proof_size) bytes)"' "$1"
}

{
  echo "Cross-province recognition: figures measured on $(hostname) ($(nproc) cores,"
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d))"
  echo "by scripts/bench-crosschain.sh: frame-omni-bencher on the runtime's wasm, median of $repeat."
  echo
  echo "1. Importing a peer header with its GRANDPA justification (PeerBridge0::submit_finality_proof;"
  echo "   50 vote-ancestry headers, the benchmark's least: a relayed LAN justification has few)"
} > "$report"

stage "benchmarking header import: 3 and 43 precommits"
json=$(run pallet_bridge_grandpa submit_finality_proof 3,50 43,50)
echo "   peer of  4 authorities (3 precommits):  $(median "$json" 3)" >> "$report"
echo "   peer of 64 authorities (43 precommits): $(median "$json" 43)" >> "$report"

echo >> "$report"
echo "2. Checking a recognition proof (storage proof of n trie nodes against an imported header)" >> "$report"
for call in recognise_bar recognise_anchor recognise_certificate; do
  stage "benchmarking $call: 8 and 60 proof nodes"
  json=$(run pallet_recognition "$call" 8 60)
  echo "   $call, n = 8:  $(median "$json" 8)" >> "$report"
  echo "   $call, n = 60: $(median "$json" 60)" >> "$report"
done

echo >> "$report"
echo "3. Lag from finality on the source to recognition on the target" >> "$report"
if [ -f "$out_dir/crosschain-lag.txt" ]; then
  sed 's/^/   /' "$out_dir/crosschain-lag.txt" >> "$report"
else
  echo "   (run the cross-province e2e test first: cargo test --release -p tenderchain-e2e --test crosschain)" >> "$report"
fi
stage "written: $report"
cat "$report"
