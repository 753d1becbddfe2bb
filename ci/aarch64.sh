#!/usr/bin/env bash
# Build and test orderlab for aarch64 under qemu-user, then run a short catalog pass.
# Installs what is missing: the rustup target and the Debian packages gcc-aarch64-linux-gnu,
# libc6-dev-arm64-cross, qemu-user. The runner and linker come from .cargo/config.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=aarch64-unknown-linux-gnu

if ! rustup target list --installed | grep -qx "$TARGET"; then
    echo "+ rustup target add $TARGET"
    rustup target add "$TARGET"
fi
need=()
command -v aarch64-linux-gnu-gcc >/dev/null || need+=(gcc-aarch64-linux-gnu)
[ -e /usr/aarch64-linux-gnu/lib/libc.so.6 ] || need+=(libc6-dev-arm64-cross)
command -v qemu-aarch64 >/dev/null || need+=(qemu-user)
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    echo "+ apt-get install ${need[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "+ cargo test --release --target $TARGET"
cargo test --release --target "$TARGET"

echo "+ cargo run --release --target $TARGET -- run --time 0.05 (short catalog pass under qemu-user)"
cargo run --release --target "$TARGET" -- run --time 0.05
