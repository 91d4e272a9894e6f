#!/usr/bin/env bash
# Regenerates what is derived from the runtime and committed with it:
#   chain-spec/local.json        the plain spec of the local four-city consortium,
#   chain-spec/local-raw.json    its raw spec (genesis storage), which nodes and light clients
#                                start from, with Baiyin (127.0.0.1:30333) as bootnode,
#   chain-spec/dev-raw.json      the raw spec of the one-validator dev chain,
#   chain-spec/shaanxi-raw.json  the raw spec of the second province (start-two-provinces.sh),
#   client/metadata/tenderchain.scale   the runtime metadata the `tender` client is generated from.
# Run it after every runtime change, then rebuild (`cargo build --release --workspace`).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$TENDERCHAIN_ROOT"
node_bin="$TENDERCHAIN_BIN/tenderchain-node"
[ -x "$node_bin" ] || { echo "export-chain-spec.sh: build the node first (scripts/setup.sh)" >&2; exit 1; }

mkdir -p chain-spec client/metadata
# Baiyin's development node key (see start-local.sh) makes its peer id the spec's bootnode.
baiyin_key=$(printf '%064x' 1)
"$node_bin" build-spec --chain local --node-key "$baiyin_key" 2>/dev/null >chain-spec/local.json
"$node_bin" build-spec --chain chain-spec/local.json --raw --node-key "$baiyin_key" 2>/dev/null >chain-spec/local-raw.json
"$node_bin" build-spec --chain dev --raw --node-key "$baiyin_key" 2>/dev/null >chain-spec/dev-raw.json
# The second province's network (start-two-provinces.sh), with Xi'an (node key 0x…06) as bootnode.
"$node_bin" build-spec --chain shaanxi --raw --node-key "$(printf '%064x' 6)" 2>/dev/null >chain-spec/shaanxi-raw.json
python3 - chain-spec/shaanxi-raw.json <<'PY'
import json, sys
path = sys.argv[1]
spec = json.load(open(path))
# Xi'an listens on 30343 (start-two-provinces.sh), not the Gansu port build-spec assumes.
spec["bootNodes"] = [b.replace("/tcp/30333/", "/tcp/30343/") for b in spec.get("bootNodes", [])]
json.dump(spec, open(path, "w"), indent=2)
PY
# Bootnodes of the local spec: Baiyin's validator (for the other validators) and Baiyin's public
# full node (127.0.0.1:30337, node key 0x…05), the only one that accepts light clients and
# nodes that are not admitted.
public_peer=$(printf '%064x' 5 | "$node_bin" key inspect-node-key 2>/dev/null || true)
if [ -z "$public_peer" ]; then
  keyfile=$(mktemp); printf '%064x' 5 >"$keyfile"
  public_peer=$("$node_bin" key inspect-node-key --file "$keyfile"); rm -f "$keyfile"
fi
for spec in chain-spec/local.json chain-spec/local-raw.json; do
  python3 - "$spec" "/ip4/127.0.0.1/tcp/30337/p2p/$public_peer" <<'PY'
import json, sys
path, public = sys.argv[1], sys.argv[2]
spec = json.load(open(path))
spec["bootNodes"] = spec.get("bootNodes", []) + [public]
json.dump(spec, open(path, "w"), indent=2)
PY
done
echo "wrote chain-spec/local.json, chain-spec/local-raw.json, chain-spec/dev-raw.json, chain-spec/shaanxi-raw.json"

# The metadata, read from a throw-away dev node.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
tmp=$(mktemp -d)
"$node_bin" --dev --base-path "$tmp" --rpc-port "$port" --port 0 --no-prometheus --no-mdns >"$tmp/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 60); do
  if curl -s -o "$tmp/meta.json" -H 'Content-Type: application/json' \
      -d '{"jsonrpc":"2.0","id":1,"method":"state_getMetadata","params":[]}' "http://127.0.0.1:$port"; then
    break
  fi
  sleep 1
done
python3 - "$tmp/meta.json" client/metadata/tenderchain.scale <<'PY'
import json, sys
hexstr = json.load(open(sys.argv[1]))["result"]
open(sys.argv[2], "wb").write(bytes.fromhex(hexstr[2:]))
PY
echo "wrote client/metadata/tenderchain.scale"
