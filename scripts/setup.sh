#!/usr/bin/env bash
# Sets up a fresh Debian machine for tenderchain and builds it, idempotently:
#   1. system packages the node build needs (protoc, clang, cmake, …);
#   2. the wasm toolchain for the runtime (rustup target, or the Debian fallback);
#   3. `cargo build --release --workspace`: tenderchain-node and tender.
# Run it again at any time: what is done is skipped.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$TENDERCHAIN_ROOT"

stage "system packages"
pkgs=(build-essential pkg-config git curl protobuf-compiler clang libclang-dev cmake libssl-dev jq fonts-dejavu-core)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q "${missing[@]}"
fi

stage "Rust"
if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo is not installed: install Rust with rustup (https://rustup.rs), then run this again" >&2
  exit 1
fi

stage "wasm toolchain"
eval "$("$TENDERCHAIN_ROOT/scripts/install-wasm-toolchain.sh" | tail -n 1 | sed 's/^/export /')"
source "$TENDERCHAIN_ROOT/scripts/env.sh"

stage "build (release; the first build takes a long time on a small machine)"
cargo build --release --workspace --locked
stage "built: $TENDERCHAIN_BIN/tenderchain-node and $TENDERCHAIN_BIN/tender"
