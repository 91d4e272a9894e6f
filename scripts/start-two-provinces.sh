#!/usr/bin/env bash
# Starts two provinces' tenderchain networks side by side on 127.0.0.1, for cross-province
# recognition (`tender relay`): Gansu (the `local` chain: Baiyin, Lanzhou, Tianshui, Jiuquan,
# and Baiyin's public node; RPC 9944–9948) and Shaanxi (the `shaanxi` chain: Xi'an, Baoji,
# Xianyang, and Xi'an's public node; RPC 9954–9957). Each has its own genesis, validators, CA
# and trading centres, and the same runtime. Waits until both finalize block 3, prints the
# endpoints and the commands that connect them; Ctrl-C stops every node. Options:
#   --reset   wipe both networks' data first.
# Environment:
#   TENDERCHAIN_DATA       the data directory (default ~/.local/share/tenderchain/two-provinces).
set -euo pipefail
source "$(dirname "$0")/env.sh"

data="${TENDERCHAIN_DATA:-$HOME/.local/share/tenderchain/two-provinces}"
node_bin="$TENDERCHAIN_BIN/tenderchain-node"

reset=0
for arg in "$@"; do
  case "$arg" in
    --reset) reset=1 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "start-two-provinces.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done
[ -x "$node_bin" ] || { echo "start-two-provinces.sh: $node_bin is missing: run scripts/setup.sh first" >&2; exit 1; }
for spec in local-raw shaanxi-raw; do
  [ -f "$TENDERCHAIN_ROOT/chain-spec/$spec.json" ] || {
    echo "start-two-provinces.sh: chain-spec/$spec.json is missing: run scripts/export-chain-spec.sh" >&2; exit 1; }
done

# province  node  seed (- for the public node)  node key  p2p  RPC  Prometheus
nodes=(
  "gansu   Baiyin   //Alice   1 30333 9944 9615"
  "gansu   Lanzhou  //Bob     2 30334 9945 9616"
  "gansu   Tianshui //Charlie 3 30335 9946 9617"
  "gansu   Jiuquan  //Dave    4 30336 9947 9618"
  "gansu   Public   -         5 30337 9948 9619"
  "shaanxi Xian     //Eve     6 30343 9954 9625"
  "shaanxi Baoji    //One     7 30344 9955 9626"
  "shaanxi Xianyang //Two     8 30345 9956 9627"
  "shaanxi Public   -         9 30346 9957 9628"
)
spec_of() { case "$1" in gansu) echo "$TENDERCHAIN_ROOT/chain-spec/local-raw.json" ;; *) echo "$TENDERCHAIN_ROOT/chain-spec/shaanxi-raw.json" ;; esac; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for line in "${nodes[@]}"; do
  read -r province city _ _ p2p rpc prom <<<"$line"
  for port in "$p2p" "$rpc" "$prom"; do
    if port_busy "$port"; then
      echo "start-two-provinces.sh: port $port (for $province $city) is already in use on 127.0.0.1 — is a network already running? Stop it first." >&2
      exit 1
    fi
  done
done

[ "$reset" = 1 ] && { stage "wiping $data"; rm -rf "$data"; }
mkdir -p "$data/logs"

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

for line in "${nodes[@]}"; do
  read -r province city seed key p2p rpc prom <<<"$line"
  spec=$(spec_of "$province")
  base="$data/$province/$(echo "$city" | tr 'A-Z' 'a-z')"
  role=(--validator)
  rpc_methods=unsafe
  if [ "$seed" = "-" ]; then
    role=()
    rpc_methods=safe
  elif [ ! -d "$base/chains" ] || [ -z "$(ls "$base"/chains/*/keystore 2>/dev/null)" ]; then
    "$node_bin" key insert --base-path "$base" --chain "$spec" --key-type aura --scheme sr25519 --suri "$seed"
    "$node_bin" key insert --base-path "$base" --chain "$spec" --key-type gran --scheme ed25519 --suri "$seed"
  fi
  "$node_bin" \
    --chain "$spec" --base-path "$base" --name "$province-$city" "${role[@]}" \
    --node-key "$(printf '%064x' "$key")" --network-backend libp2p --no-mdns \
    --listen-addr "/ip4/127.0.0.1/tcp/$p2p" \
    --rpc-port "$rpc" --rpc-methods "$rpc_methods" \
    --rpc-cors "http://localhost:3000,http://127.0.0.1:3000" \
    --prometheus-port "$prom" \
    >"$data/logs/$province-$city.log" 2>&1 &
  pids+=($!)
  stage "$province $city started (pid $!), log $data/logs/$province-$city.log"
done

# The finalized block number of the node at RPC port $1 (-1 if it does not answer).
finalized_number() {
  local hash
  hash=$(curl -s -H 'Content-Type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"chain_getFinalizedHead","params":[]}' \
    "http://127.0.0.1:$1" | sed -n 's/.*"result":"\(0x[0-9a-f]*\)".*/\1/p')
  [ -n "$hash" ] || { echo -1; return; }
  curl -s -H 'Content-Type: application/json' \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"chain_getHeader\",\"params\":[\"$hash\"]}" \
    "http://127.0.0.1:$1" | sed -n 's/.*"number":"0x\([0-9a-f]*\)".*/\1/p' | { read -r h; echo $((16#${h:-0})); }
}

stage "waiting until both networks finalize block 3"
deadline=$((SECONDS + 240))
while :; do
  for idx in "${!pids[@]}"; do
    if ! kill -0 "${pids[$idx]}" 2>/dev/null; then
      read -r province city _ <<<"${nodes[$idx]}"
      echo "start-two-provinces.sh: the $province $city node stopped; the end of its log:" >&2
      tail -n 20 "$data/logs/$province-$city.log" >&2
      exit 1
    fi
  done
  g=$(finalized_number 9944 2>/dev/null || echo -1)
  s=$(finalized_number 9954 2>/dev/null || echo -1)
  [ "$g" -ge 3 ] 2>/dev/null && [ "$s" -ge 3 ] 2>/dev/null && break
  if [ "$SECONDS" -gt "$deadline" ]; then
    echo "start-two-provinces.sh: block 3 not finalized on both after 240 s (Gansu #$g, Shaanxi #$s); see $data/logs" >&2
    exit 1
  fi
  sleep 1
done

stage "both networks finalize (Gansu #$g, Shaanxi #$s):"
for line in "${nodes[@]}"; do
  read -r province city _ _ p2p rpc _ <<<"$line"
  printf '  %-8s %-9s RPC ws://127.0.0.1:%s  p2p 127.0.0.1:%s\n' "$province" "$city" "$rpc" "$p2p"
done
tender="$TENDERCHAIN_BIN/tender"
cat <<TXT
Connect them (each chain recognises the other; council motions need 3 of Gansu's 4 and 2 of
Shaanxi's 3 trading centres):
  $tender --url ws://127.0.0.1:9954 --signer //Eve peer-propose --from ws://127.0.0.1:9944 --slot 0 --name Gansu
  $tender --url ws://127.0.0.1:9954 --signer //One consortium vote <motion> --aye    (each motion)
  $tender --url ws://127.0.0.1:9954 --signer //Eve consortium close <motion>
  $tender --url ws://127.0.0.1:9954 --signer <certified relayer> relay --from ws://127.0.0.1:9944 --slot 0 --bar <credit code>
Ctrl-C stops every node.
TXT
wait
