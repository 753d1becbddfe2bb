#!/usr/bin/env bash
# Emitted-asm check: builds the library's asm for each target (x86_64, aarch64, and the
# aarch64 +rcpc / +lse variants), extracts every catalog thread function and compares its
# ordering signature (barriers, acquire/release/locked instructions, plain accesses, in order)
# with the compile mapping. A mismatch prints expected vs emitted per function and exits 1.
# The checked-in snapshots (asm/emitted/<target>/<test>.s) are checked too (tests/asm.rs).
#
#   ci/asm.sh            check (fresh asm and snapshots)
#   ci/asm.sh --bless    rewrite asm/emitted/<target>/*.s from fresh asm
#
# ORDERLAB_ASM_TARGETS overrides the targets (comma-separated keys).
set -euo pipefail
cd "$(dirname "$0")/.."

targets="${ORDERLAB_ASM_TARGETS:-x86_64,aarch64,aarch64+rcpc,aarch64+lse}"

# The asm of a target's library needs only that target's standard library (no linker, no C
# cross compiler: the kernels are skipped for that build), on x86_64 and arm64 hosts alike.
if command -v rustup >/dev/null; then
  installed="$(rustup target list --installed)"
  for triple in x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu; do
    case "$triple" in
      x86_64*) wanted=$([[ ",$targets," == *",x86_64,"* ]] && echo yes || echo no) ;;
      aarch64*) wanted=$([[ "$targets" == *aarch64* ]] && echo yes || echo no) ;;
    esac
    if [[ $wanted == yes ]] && ! grep -qx "$triple" <<<"$installed"; then
      rustup target add "$triple"
    fi
  done
fi

orderlab() { cargo run --release --quiet --bin orderlab -- "$@"; }

if [[ "${1:-}" == "--bless" ]]; then
  orderlab asm --bless --targets "$targets"
  exit 0
fi

# 1. The checked-in snapshots against the mapping (also part of `cargo test`).
cargo test --release --quiet --test asm snapshots
# 2. Freshly emitted asm against the mapping.
orderlab asm --check --targets "$targets"
