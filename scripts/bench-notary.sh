#!/usr/bin/env bash
# Benchmarks notarization and the auditor's light client on a local network that it starts
# (scripts/start-local.sh, in a temporary data directory; the usual ports must be free):
#   - documents per second notarized and finalized (`tender notarize` of N files);
#   - the light client's cold start until the first verified record (`tender verify`, from the
#     raw chain spec alone);
#   - the time per further verification in the same light-client session;
#   - the same through a node's RPC (trusting the node), for comparison.
# Results: printed and written to target/benchmarks/notary.txt.
# Environment: N (files, default 2000), SAMPLE (files verified, default 20).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$TENDERCHAIN_ROOT"

n="${N:-2000}"
sample="${SAMPLE:-20}"
tender="$TENDERCHAIN_BIN/tender"
out_dir="$TENDERCHAIN_ROOT/target/benchmarks"
result="$out_dir/notary.txt"
work=$(mktemp -d)
mkdir -p "$out_dir" "$work/files"

net_pid=""
cleanup() {
  if [ -n "$net_pid" ]; then kill "$net_pid" 2>/dev/null || true; wait "$net_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

stage "starting the local network (data in $work/net)"
start_local_network "$work/net" "$work/network.log"

stage "writing $n files"
for i in $(seq -w 1 "$n"); do echo "archive record $i of the Baiyin trading centre" >"$work/files/record-$i.txt"; done

stage "notarizing $n files"
start=$(date +%s.%N)
"$tender" --signer //Alice notarize "$work/files" --type archive | tee "$work/notarize.log"
end=$(date +%s.%N)
notarize_s=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')
docs_per_s=$(awk -v n="$n" -v s="$notarize_s" 'BEGIN {printf "%.1f", n / s}')

mapfile -t picks < <(ls "$work/files"/record-*.txt | awk -v n="$n" -v k="$sample" 'NR % int(n / k) == 1' | head -n "$sample")

stage "verifying ${#picks[@]} files with the light client (cold start)"
"$tender" verify "${picks[@]}" --chain-spec chain-spec/local-raw.json >"$work/light.log"
cold=$(grep -m1 'checked in' "$work/light.log" | sed -n 's/.*(\([0-9.]*\) s since start).*/\1/p')
sync=$(sed -n 's/^finalized block #[0-9]* reached in \([0-9.]*\) s.*/\1/p' "$work/light.log")
further=$(grep 'checked in' "$work/light.log" | tail -n +2 | sed -n 's/.*checked in \([0-9]*\) ms.*/\1/p' | sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : "n/a")}')

stage "verifying the same files through RPC (trusting the node)"
"$tender" verify "${picks[@]}" --rpc ws://127.0.0.1:9948 >"$work/rpc.log"
rpc_each=$(grep 'checked in' "$work/rpc.log" | sed -n 's/.*checked in \([0-9]*\) ms.*/\1/p' | sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : "n/a")}')

{
  echo "tenderchain notary benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(uname -m)"
  echo "local network: 4 validators + public full node on 127.0.0.1, 3 s blocks"
  echo "notarize: $n files in $(grep -o '[0-9]* batches' "$work/notarize.log" | head -1), ${notarize_s} s => ${docs_per_s} documents/s notarized and finalized"
  echo "light client: finalized block reached after ${sync} s; first verified record after ${cold} s (cold start)"
  echo "light client: further verifications, median ${further} ms each (${#picks[@]} files)"
  echo "rpc (trusts the node): median ${rpc_each} ms per verification"
} | tee "$result"
stage "results written to $result"
