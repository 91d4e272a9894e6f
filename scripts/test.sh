#!/usr/bin/env bash
# Runs every test of tenderchain: the pallets' unit tests and the end-to-end tests, which start
# real tenderchain-node processes on loopback and drive them with the real `tender` client.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$TENDERCHAIN_ROOT"

stage "build (release, the binaries the end-to-end tests start)"
cargo build --release --workspace --locked

stage "tests (unit and end-to-end)"
# One test at a time: each end-to-end test runs four validators, which is what two cores hold.
cargo test --release --workspace --locked -- --test-threads=1
stage "all tests passed"
