#!/usr/bin/env bash
# Stress suite of the production map: 2 writers and 2 readers insert, get, remove and grow
# concurrently under each ordering policy; nothing may be lost or read torn. Natively with
# STRESS_OPS operations per writer (default 300000), then under qemu-user (aarch64) with a
# tenth of that.
set -euo pipefail
cd "$(dirname "$0")/.."
ops="${STRESS_OPS:-300000}"
echo "+ STRESS_OPS=$ops cargo test --release --test map_stress -- --nocapture"
STRESS_OPS="$ops" cargo test --release --test map_stress -- --nocapture
TARGET=aarch64-unknown-linux-gnu
if rustup target list --installed | grep -qx "$TARGET" && command -v qemu-aarch64 >/dev/null; then
    echo "+ STRESS_OPS=$((ops / 10)) cargo test --release --target $TARGET --test map_stress -- --nocapture"
    STRESS_OPS="$((ops / 10))" cargo test --release --target "$TARGET" --test map_stress -- --nocapture
else
    echo "(skipping the qemu-user pass: run ci/aarch64.sh first to install $TARGET and qemu-user)"
fi
