#!/usr/bin/env bash
# Measures tenderchain's throughput and latency on a fresh local network (scripts/start-local.sh:
# four validators and the public node, on this machine; the usual ports must be free):
#   1. `tender load prepare`: certifies BIDDERS bidders and opens TENDERS tenders, so that no
#      bidder exceeds the admission gate's rate and no tender its bidder bound;
#   2. `tender load run`, pre-signed transactions at a steady rate for DURATION seconds:
#      - remarks:          trading centres' remarks at REMARK_RATE, all to Baiyin's node;
#      - commits-spread:   bid commitments at RATE, round robin over the four validators;
#      - commits-one-node: bid commitments at RATE, all to Baiyin's node (propagation);
#      - commits-half:     bid commitments at RATE/2 over the four validators (latency);
#   each followed to finality on the public node: finalized per second in the steady state,
#   submit→in-block and submit→finalized p50/p95/p99, blocks and transactions by author, CPU
#   and memory of every node.
# Each configuration gets its own fresh network: `substrate-defaults` (the nodes started with
# --substrate-defaults: Substrate's stock GRANDPA voting rule and gossip period, every ready
# transaction rebroadcast at once — the figures before issue 18) and `tenderchain` (the node's
# own settings).
# Results: target/benchmarks/throughput.json (every run of every configuration, with the machine
# and the commit) and target/benchmarks/throughput-<configuration>-<run>.png (throughput and
# latency over time).
# Environment: RATE (default 300), REMARK_RATE (default 600), DURATION (default 60), RUNS (the
# runs to make, default all four), CONFIGS (default "substrate-defaults tenderchain"),
# TENDERCHAIN_NETWORK_BACKEND (passed to start-local.sh).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$TENDERCHAIN_ROOT"

rate="${RATE:-300}"
remark_rate="${REMARK_RATE:-600}"
duration="${DURATION:-60}"
runs="${RUNS:-remarks commits-spread commits-one-node commits-half}"
configs="${CONFIGS:-substrate-defaults tenderchain}"
tender="$TENDERCHAIN_BIN/tender"
out_dir="$TENDERCHAIN_ROOT/target/benchmarks"
work=$(mktemp -d)
mkdir -p "$out_dir"
[ -x "$tender" ] || { echo "bench-throughput.sh: $tender is missing: run scripts/setup.sh first" >&2; exit 1; }

net_pid=""
stop_network() {
  if [ -n "$net_pid" ]; then kill "$net_pid" 2>/dev/null || true; wait "$net_pid" 2>/dev/null || true; fi
  net_pid=""
}
cleanup() {
  stop_network
  rm -rf "$work"
}
trap cleanup EXIT

# Benchmarks one configuration ($1) on a fresh network; appends its reports to `reports`.
bench_config() {
  local config=$1 node_args=""
  [ "$config" = substrate-defaults ] && node_args="--substrate-defaults"
  stage "$config: starting a fresh local network (backend ${TENDERCHAIN_NETWORK_BACKEND:-libp2p}${node_args:+, node args: $node_args})"
  export TENDERCHAIN_NODE_ARGS="$node_args"
  start_local_network "$work/net" "$work/network.log"

  # The node processes, by city, for CPU and memory samples.
  processes=()
  for city in baiyin lanzhou tianshui jiuquan public; do
    pid=$(pgrep -f -- "--base-path $work/net/$city( |$)" | head -n 1 || true)
    [ -n "$pid" ] && processes+=(--process "$city=$pid")
  done

  # Room for every commitment of every run: a bidder sends one commitment every 4 s (well
  # below the admission gate's rate, and no more than 8 waiting for a block even when
  # inclusion lags 30 s: the gate refuses nonces further ahead), a tender takes 64.
  bidders=$((rate * 4))
  commits=$((rate * duration * 3))
  tenders=$(((commits + 63) / 64 + 1))
  stage "$config: preparing $bidders bidders and $tenders tenders"
  "$tender" load prepare --bidders "$bidders" --tenders "$tenders" --open-minutes 60 --out "$work/plan-$config.json"

  validators=(--submit ws://127.0.0.1:9944 --submit ws://127.0.0.1:9945 --submit ws://127.0.0.1:9946 --submit ws://127.0.0.1:9947)
  for run in $runs; do
    case "$run" in
      remarks) args=(--kind remark --rate "$remark_rate" --submit ws://127.0.0.1:9944) ;;
      commits-spread) args=(--kind commit --plan "$work/plan-$config.json" --rate "$rate" "${validators[@]}") ;;
      commits-one-node) args=(--kind commit --plan "$work/plan-$config.json" --rate "$rate" --submit ws://127.0.0.1:9944) ;;
      commits-half) args=(--kind commit --plan "$work/plan-$config.json" --rate "$((rate / 2))" "${validators[@]}") ;;
      *) echo "bench-throughput.sh: unknown run '$run'" >&2; exit 2 ;;
    esac
    stage "$config: run $run"
    "$tender" --url ws://127.0.0.1:9948 load run "${args[@]}" --duration "$duration" \
      --label "$config/$run" "${processes[@]}" --out "$work/$config-$run.json" --plot "$out_dir/throughput-$config-$run.png"
    # Each node's transaction and notification counters from Prometheus, after the run.
    for entry in baiyin:9615 lanzhou:9616 tianshui:9617 jiuquan:9618 public:9619; do
      curl -s "http://127.0.0.1:${entry##*:}/metrics" \
        | grep -E '^substrate_(sync_propagated_transactions|sub_libp2p_notifications_(streams_opened|streams_closed)_total|sub_libp2p_notifications_sizes_count|sub_txpool_validations_(scheduled|finished)|ready_transactions_number|block_height)' \
        | jq -R --arg node "${entry%%:*}" 'capture("^(?<k>[^ ]+) (?<v>[^ ]+)$") | {node: $node, metric: .k, value: (.v | tonumber)}' \
        >>"$work/$config-$run.metrics.jsonl" || true
    done
    jq --slurpfile m "$work/$config-$run.metrics.jsonl" \
      '. + {prometheus_after: ($m | group_by(.node) | map({key: .[0].node, value: (map({key: .metric, value: .value}) | from_entries)}) | from_entries)}' \
      "$work/$config-$run.json" >"$work/$config-$run.with-metrics.json"
    reports+=("$work/$config-$run.with-metrics.json")
    # Let the pools empty before the next run.
    sleep 10
  done
  stop_network
}

reports=()
for config in $configs; do
  case "$config" in
    substrate-defaults|tenderchain) bench_config "$config" ;;
    *) echo "bench-throughput.sh: unknown configuration '$config'" >&2; exit 2 ;;
  esac
done

stage "writing $out_dir/throughput.json"
cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
jq -n \
  --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  --arg commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo '+changes')" \
  --arg machine "$(nproc) cores ($cpu), $mem" \
  --arg backend "${TENDERCHAIN_NETWORK_BACKEND:-libp2p}" \
  --slurpfile runs <(jq -s '.' "${reports[@]}") \
  '{date: $date, commit: $commit, machine: $machine, network: "4 validators + 1 public node on 127.0.0.1",
    network_backend: $backend, runs: $runs[0]}' >"$out_dir/throughput.json"

stage "summary"
jq -r '.runs[] | "\(.label): offered \(.rate_per_s)/s for \(.duration_s) s; finalized \(.finalized)/\(.submitted) (refused \(.submitted - .accepted)); steady \(.finalized_per_s.steady)/s; finality p50 \(.latency_ms.submit_to_finalized.p50) ms p99 \(.latency_ms.submit_to_finalized.p99) ms; by author: \(.blocks.by_author | to_entries | map("\(.key) \(.value.transactions)") | join(", "))"' "$out_dir/throughput.json"
