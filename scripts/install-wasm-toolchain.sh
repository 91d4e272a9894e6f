#!/usr/bin/env bash
# Makes a Rust toolchain that can compile the tenderchain runtime to wasm32v1-none.
#
# 1. Where rustup can download, `rustup target add wasm32v1-none` is all it takes.
# 2. Otherwise (these build machines), Debian's rustc-web compiler is linked as the rustup
#    toolchain `tenderchain-wasm`, and core/alloc/compiler_builtins for wasm32v1-none are
#    compiled once from Debian's std sources (see ../shared/design/BUILD.md).
#
# Prints the line `WASM_BUILD_TOOLCHAIN=<name>` (empty name: the default toolchain works) on
# its last line of output, and writes the same to $TENDERCHAIN_CACHE/wasm-toolchain.env.
# Idempotent: a second run finds the work done and returns at once.
set -euo pipefail

cache="${TENDERCHAIN_CACHE:-$HOME/.cache/tenderchain}"
mkdir -p "$cache"
envfile="$cache/wasm-toolchain.env"
linked=tenderchain-wasm
target=wasm32v1-none

say() { echo "[wasm-toolchain] $*" >&2; }

# The default toolchain already has the target (a previous run, or an ordinary rustup machine).
if rustup target list --installed 2>/dev/null | grep -qx "$target"; then
  say "default toolchain has $target"
  echo "WASM_BUILD_TOOLCHAIN=" | tee "$envfile"
  exit 0
fi
if rustup target add "$target" >/dev/null 2>&1; then
  say "installed $target with rustup"
  echo "WASM_BUILD_TOOLCHAIN=" | tee "$envfile"
  exit 0
fi

say "rustup cannot download $target here; using Debian's rustc-web with std built from source"
need_pkgs=()
for p in rustc-web cargo-web rust-web-src rust-web-llvm lld-22; do
  dpkg -s "$p" >/dev/null 2>&1 || need_pkgs+=("$p")
done
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  say "installing ${need_pkgs[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_pkgs[@]}" >/dev/null
fi

if ! rustup toolchain list | grep -q "^$linked"; then
  rustup toolchain link "$linked" /usr
fi

libdir=/usr/lib/rustlib/$target/lib
if ! ls "$libdir"/libcore-*.rlib >/dev/null 2>&1; then
  say "compiling core, alloc and compiler_builtins for $target (about half a minute)"
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/src"
  cat > "$scratch/Cargo.toml" <<'TOML'
[package]
name = "wasm-std-seed"
version = "0.0.0"
edition = "2021"

[lib]
crate-type = ["rlib"]

[profile.release]
panic = "abort"
TOML
  printf '#![no_std]\nextern crate alloc;\n' > "$scratch/src/lib.rs"
  (cd "$scratch" && RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Cembed-bitcode=yes" \
     cargo +"$linked" build -q --release -Zbuild-std=core,alloc --target "$target")
  mkdir -p "$libdir"
  cp "$scratch"/target/$target/release/deps/lib{core,alloc,compiler_builtins}-*.rlib "$libdir/"
  # Cargo does not notice new std rlibs: drop wasm builds made against the old ones.
  rm -rf "${CARGO_TARGET_DIR:-$cache/target}"/release/wbuild/*/target 2>/dev/null || true
fi
say "toolchain $linked ready"
echo "WASM_BUILD_TOOLCHAIN=$linked" | tee "$envfile"
