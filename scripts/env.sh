# Shared settings of tenderchain's scripts; sourced, not run.
#
# The build directory lives outside the checkout, so that every clone on this machine (CI's
# fresh clones included) reuses the compiled dependencies.
: "${TENDERCHAIN_CACHE:=$HOME/.cache/tenderchain}"
: "${CARGO_TARGET_DIR:=$TENDERCHAIN_CACHE/target}"
export TENDERCHAIN_CACHE CARGO_TARGET_DIR
export PATH="$HOME/.cargo/bin:$PATH"

# The toolchain that builds the wasm runtime (written by install-wasm-toolchain.sh).
if [ -z "${WASM_BUILD_TOOLCHAIN+x}" ] && [ -f "$TENDERCHAIN_CACHE/wasm-toolchain.env" ]; then
  WASM_BUILD_TOOLCHAIN=$(sed -n 's/^WASM_BUILD_TOOLCHAIN=//p' "$TENDERCHAIN_CACHE/wasm-toolchain.env")
fi
if [ -n "${WASM_BUILD_TOOLCHAIN:-}" ]; then
  export WASM_BUILD_TOOLCHAIN
  # Debian's compiler no longer passes --allow-undefined to the wasm linker; the host
  # functions are undefined imports by design.
  export WASM_BUILD_RUSTFLAGS="${WASM_BUILD_RUSTFLAGS:--C link-arg=--allow-undefined}"
else
  unset WASM_BUILD_TOOLCHAIN
fi

TENDERCHAIN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The build directory is outside the workspace: tell substrate-wasm-builder where the
# workspace (and its Cargo.lock) is, so the runtime's wasm is built with the locked versions.
export WASM_BUILD_WORKSPACE_HINT="$TENDERCHAIN_ROOT"
TENDERCHAIN_BIN="$CARGO_TARGET_DIR/release"
export TENDERCHAIN_ROOT TENDERCHAIN_BIN

# Prints a stage heading with the time since the script started.
stage() {
  printf '[%s +%ss] %s\n' "$(basename "$0")" "$SECONDS" "$*"
}

# Starts scripts/start-local.sh in the background with its data in "$1" (wiped first) and its
# output in "$2", sets `net_pid`, and waits until it reports the network up (or fails, showing
# its output). Further environment (TENDERCHAIN_NODE_ARGS, …) passes through.
start_local_network() {
  local data=$1 log=$2
  TENDERCHAIN_DATA="$data" "$TENDERCHAIN_ROOT/scripts/start-local.sh" --reset >"$log" 2>&1 &
  net_pid=$!
  for _ in $(seq 1 240); do
    grep -q "The network is up" "$log" && return 0
    kill -0 "$net_pid" 2>/dev/null || { cat "$log" >&2; return 1; }
    sleep 1
  done
  echo "$(basename "$0"): the local network did not start within 240 s; its output: $log" >&2
  return 1
}
