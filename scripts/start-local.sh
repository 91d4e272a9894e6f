#!/usr/bin/env bash
# Starts the local four-city consortium (Baiyin, Lanzhou, Tianshui, Jiuquan) on 127.0.0.1 from
# chain-spec/local-raw.json, and Baiyin's public full node (not a validator), which auditors'
# light clients and RPC users connect to; waits until block 3 is finalized and prints the
# endpoints. Validators accept only the nodes on the chain's allow-list (the cities' peer ids);
# the public full node is on it and accepts anyone. RPC listens on 127.0.0.1 only; the public
# node serves the safe methods only (--rpc-methods safe), the validators keep the unsafe ones
# for their own key management; CORS admits localhost origins only.
# Ctrl-C stops every node. Options:
#   --reset   wipe the network's data (databases, keystores, logs) first.
# Environment:
#   TENDERCHAIN_DATA       the data directory (default ~/.local/share/tenderchain/local).
#   TENDERCHAIN_RPC_CORS   the browser origins the RPC admits (default: localhost:3000 only).
#   TENDERCHAIN_NETWORK_BACKEND  libp2p (default) or litep2p.
#   TENDERCHAIN_NODE_ARGS  further arguments for every node (benchmarks' settings).
set -euo pipefail
source "$(dirname "$0")/env.sh"

data="${TENDERCHAIN_DATA:-$HOME/.local/share/tenderchain/local}"
spec="$TENDERCHAIN_ROOT/chain-spec/local-raw.json"
node_bin="$TENDERCHAIN_BIN/tenderchain-node"

reset=0
for arg in "$@"; do
  case "$arg" in
    --reset) reset=1 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "start-local.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

[ -x "$node_bin" ] || { echo "start-local.sh: $node_bin is missing: run scripts/setup.sh first" >&2; exit 1; }
[ -f "$spec" ] || { echo "start-local.sh: chain spec $spec is missing: run scripts/export-chain-spec.sh" >&2; exit 1; }

# node  development seed (- for the full node)  p2p port  RPC port  Prometheus port
# Node i runs with the fixed node key 0x…0i, whose peer id the local chain spec admits.
cities=(
  "Baiyin   //Alice   30333 9944 9615"
  "Lanzhou  //Bob     30334 9945 9616"
  "Tianshui //Charlie 30335 9946 9617"
  "Jiuquan  //Dave    30336 9947 9618"
  "Public   -         30337 9948 9619"
)

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for line in "${cities[@]}"; do
  read -r city _ p2p rpc prom <<<"$line"
  for port in "$p2p" "$rpc" "$prom"; do
    if port_busy "$port"; then
      echo "start-local.sh: port $port (for $city) is already in use on 127.0.0.1 — is a local network already running? Stop it first." >&2
      exit 1
    fi
  done
done

if [ "$reset" = 1 ]; then
  stage "wiping $data"
  rm -rf "$data"
fi
mkdir -p "$data/logs"

# The browser origins allowed to call the nodes' RPC: pages served from this machine only (a
# local polkadot.js apps on port 3000). Origins are matched exactly, port included. The `tender`
# client sends no origin and is not affected.
rpc_cors="${TENDERCHAIN_RPC_CORS:-http://localhost:3000,http://127.0.0.1:3000}"

pids=()
stop_all() {
  trap - INT TERM EXIT
  if [ "${#pids[@]}" -gt 0 ]; then
    echo
    stage "stopping ${#pids[@]} nodes"
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop_all INT TERM EXIT

i=0
for line in "${cities[@]}"; do
  read -r city seed p2p rpc prom <<<"$line"
  i=$((i + 1))
  base="$data/$(echo "$city" | tr 'A-Z' 'a-z')"
  # Keys: each city's Aura (block authoring) and GRANDPA (finality) key, inserted once.
  role=(--validator)
  if [ "$seed" = "-" ]; then
    role=()
  elif [ ! -d "$base/chains" ] || [ -z "$(ls "$base"/chains/*/keystore 2>/dev/null)" ]; then
    "$node_bin" key insert --base-path "$base" --chain "$spec" --key-type aura --scheme sr25519 --suri "$seed"
    "$node_bin" key insert --base-path "$base" --chain "$spec" --key-type gran --scheme ed25519 --suri "$seed"
  fi
  # A fixed development node key per city, so that Baiyin's peer id matches the spec's bootnode.
  node_key=$(printf '%064x' "$i")
  # RPC: the public node, which others reach, serves only the safe methods (no key insertion,
  # no author_rotateKeys, no system_addReservedPeer…); a validator keeps the unsafe ones (its
  # city makes its session keys through them) on 127.0.0.1 only. Browsers may call either only
  # from pages served by this machine (CORS: localhost origins, e.g. a local polkadot.js apps).
  if [ "$seed" = "-" ]; then
    rpc_methods=safe
  else
    rpc_methods=unsafe
  fi
  "$node_bin" \
    --chain "$spec" --base-path "$base" --name "$city" "${role[@]}" \
    --node-key "$node_key" --network-backend "${TENDERCHAIN_NETWORK_BACKEND:-libp2p}" --no-mdns \
    --listen-addr "/ip4/127.0.0.1/tcp/$p2p" \
    --rpc-port "$rpc" --rpc-methods "$rpc_methods" --rpc-cors "$rpc_cors" \
    --prometheus-port "$prom" ${TENDERCHAIN_NODE_ARGS:-} \
    >"$data/logs/$city.log" 2>&1 &
  pids+=($!)
  stage "$city started (pid $!), log $data/logs/$city.log"
done

finalized_number() {
  local hash
  hash=$(curl -s -H 'Content-Type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"chain_getFinalizedHead","params":[]}' \
    http://127.0.0.1:9944 | sed -n 's/.*"result":"\(0x[0-9a-f]*\)".*/\1/p')
  [ -n "$hash" ] || { echo -1; return; }
  curl -s -H 'Content-Type: application/json' \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"chain_getHeader\",\"params\":[\"$hash\"]}" \
    http://127.0.0.1:9944 | sed -n 's/.*"number":"0x\([0-9a-f]*\)".*/\1/p' | { read -r h; echo $((16#${h:-0})); }
}

stage "waiting until block 3 is finalized"
deadline=$((SECONDS + 180))
while :; do
  for idx in "${!pids[@]}"; do
    if ! kill -0 "${pids[$idx]}" 2>/dev/null; then
      read -r city _ <<<"${cities[$idx]}"
      echo "start-local.sh: the $city node stopped; the end of its log:" >&2
      tail -n 20 "$data/logs/$city.log" >&2
      exit 1
    fi
  done
  n=$(finalized_number 2>/dev/null || echo -1)
  [ "$n" -ge 3 ] 2>/dev/null && break
  if [ "$SECONDS" -gt "$deadline" ]; then
    echo "start-local.sh: block 3 not finalized after 180 s; see the logs in $data/logs" >&2
    exit 1
  fi
  sleep 1
done

stage "block #$n finalized. The network is up:"
for line in "${cities[@]}"; do
  read -r city _ p2p rpc prom <<<"$line"
  printf '  %-9s RPC ws://127.0.0.1:%s  p2p 127.0.0.1:%s  metrics http://127.0.0.1:%s/metrics\n' "$city" "$rpc" "$p2p" "$prom"
done
echo "  (Public is Baiyin's full node for auditors and light clients; the others are validators.)"
echo "  data:     $data   (--reset wipes it)"
echo "  client:   $TENDERCHAIN_BIN/tender status"
echo "  browser:  a locally served polkadot.js apps (CORS admits localhost origins only)"
echo "Ctrl-C stops every node."
wait
