#!/usr/bin/env bash
# The README's cross path (`cross +1.95.0 test --target aarch64-unknown-linux-gnu`, the same with
# --release, and a short `cross run`), on a machine that cannot pull cross's image: builds a
# local stand-in for cross 0.2.5's aarch64 image from distribution packages, without any
# container registry, and points cross at it. Not part of .ci/run (it needs a container engine
# and root for debootstrap); the hosted CI job `cross-aarch64` runs the same commands with the
# real image.
#
#   bash ci/cross-local.sh [--base bookworm|xenial] [--image-only] [--rebuild] [--skip-debug]
#
# --base bookworm (default): Debian 12 packages (gcc-aarch64-linux-gnu, libc6-dev-arm64-cross,
#   qemu-user 7.2, binutils 2.40).
# --base xenial: Ubuntu 16.04, the real image's base, with its cross toolchain (gcc 5.4,
#   binutils 2.26.1, glibc 2.23) from archive.ubuntu.com, and qemu-user-static 5.2 from Debian
#   11 in place of the qemu 5.1 the real image builds from source. Its assembler cannot
#   assemble asm/aarch64/mp_rcpc.S (ldapr): the build skips that kernel with a warning.
#
# Needs: docker (a running engine) or podman (CROSS_CONTAINER_ENGINE=podman), debootstrap,
# root (or sudo) for debootstrap, network access to the distribution mirror while the image is
# built, and cross 0.2.5 (`cargo install cross --version 0.2.5 --locked`). The container runs
# with `--network none`, as cross needs no network once the toolchain is installed.
# The image's tag is orderlab-cross-standin:<base>; it is reused unless --rebuild is given.
# Builds go to target/cross-<base> so that the container's build scripts (linked against the
# image's glibc) never mix with native builds.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TARGET=aarch64-unknown-linux-gnu
TOOLCHAIN=1.95.0
BASE=bookworm
IMAGE_ONLY=0
REBUILD=0
SKIP_DEBUG=0
while [ $# -gt 0 ]; do
    case "$1" in
        --base) BASE="$2"; shift 2 ;;
        --image-only) IMAGE_ONLY=1; shift ;;
        --rebuild) REBUILD=1; shift ;;
        --skip-debug) SKIP_DEBUG=1; shift ;;
        *) echo "usage: $0 [--base bookworm|xenial] [--image-only] [--rebuild] [--skip-debug]" >&2; exit 2 ;;
    esac
done
ENGINE=${CROSS_CONTAINER_ENGINE:-docker}
IMAGE=orderlab-cross-standin:$BASE
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

case "$BASE" in
    bookworm)
        SUITE=bookworm
        MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
        COMPONENTS=main
        # The real image's common.sh and Dockerfile install the host compiler (gcc, g++,
        # libc6-dev), make, file, pkg-config, the cross compiler and libc; its qemu.sh adds
        # qemu-user.
        PACKAGES=gcc,g++,libc6-dev,make,file,pkg-config,gcc-aarch64-linux-gnu,g++-aarch64-linux-gnu,libc6-dev-arm64-cross,qemu-user
        ;;
    xenial)
        SUITE=xenial
        MIRROR=${UBUNTU_MIRROR:-http://archive.ubuntu.com/ubuntu}
        COMPONENTS=main,universe
        PACKAGES=gcc,g++,libc6-dev,make,file,pkg-config,gcc-aarch64-linux-gnu,g++-aarch64-linux-gnu,libc6-dev-arm64-cross
        ;;
    *) echo "unknown base $BASE (bookworm or xenial)" >&2; exit 2 ;;
esac

build_image() {
    command -v debootstrap >/dev/null || {
        echo "+ apt-get install debootstrap"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq debootstrap >/dev/null
    }
    local work
    work=$(mktemp -d /var/tmp/orderlab-standin.XXXXXX)
    trap '$SUDO rm -rf "$work"' RETURN
    local gpg=()
    if [ "$BASE" = xenial ]; then
        # Debian 12 ships no Ubuntu archive keyring: the Release file is not verified.
        gpg=(--no-check-gpg)
    fi
    echo "+ debootstrap $SUITE ($MIRROR) with $PACKAGES"
    $SUDO debootstrap --variant=minbase "${gpg[@]}" --components="$COMPONENTS" \
        --include="$PACKAGES" "$SUITE" "$work/rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 || {
        tail -30 "$work/debootstrap.log"
        exit 1
    }
    if [ "$BASE" = xenial ]; then
        # As in the real image (ubuntu:16.04 + apt-get update): the current xenial-updates
        # toolchain (binutils 2.26.1, gcc 5.4).
        echo "deb $MIRROR xenial-updates main universe" | $SUDO tee -a "$work/rootfs/etc/apt/sources.list" >/dev/null
        $SUDO chroot "$work/rootfs" sh -c \
            'apt-get -qq -o Acquire::AllowInsecureRepositories=true update && DEBIAN_FRONTEND=noninteractive apt-get -qq -y --allow-unauthenticated dist-upgrade' \
            >"$work/upgrade.log" 2>&1 || { tail -30 "$work/upgrade.log"; exit 1; }
        # qemu: the real image builds qemu 5.1 from source; take Debian 11's static 5.2.
        local deb
        deb=$(curl -fsS "${DEBIAN_MIRROR:-http://deb.debian.org/debian}/dists/bullseye/main/binary-amd64/Packages.gz" |
            gzip -dc | awk '/^Package: qemu-user-static$/{p=1} p&&/^Filename:/&&!f{print $2; f=1}')
        curl -fsS -o "$work/qemu.deb" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}/$deb"
        dpkg-deb -x "$work/qemu.deb" "$work/qemu"
        $SUDO install -m 755 "$work/qemu/usr/bin/qemu-aarch64-static" "$work/rootfs/usr/local/bin/qemu-aarch64"
    fi
    $SUDO chroot "$work/rootfs" sh -c 'apt-get clean; rm -rf /var/lib/apt/lists/*'
    echo "+ $ENGINE import (base) and $ENGINE build -t $IMAGE"
    $SUDO tar -C "$work/rootfs" -c . | $ENGINE import - "orderlab-cross-standin-base:$BASE" >/dev/null
    $ENGINE build -q --network none --build-arg "BASE_IMAGE=orderlab-cross-standin-base:$BASE" \
        -t "$IMAGE" ci/cross-standin >/dev/null
    $ENGINE run --rm --network none "$IMAGE" sh -c \
        'echo "image: $(. /etc/os-release; echo "$PRETTY_NAME"); $(aarch64-linux-gnu-as --version | head -1); $(qemu-aarch64 --version | head -1)"'
}

if [ "$REBUILD" = 1 ] || ! $ENGINE image inspect "$IMAGE" >/dev/null 2>&1; then
    build_image
fi
[ "$IMAGE_ONLY" = 1 ] && exit 0

command -v cross >/dev/null || {
    echo "cross is not installed: cargo install cross --version 0.2.5 --locked" >&2
    exit 1
}
cross --version 2>/dev/null | sed -n 1p

# Point cross at the stand-in (this environment variable, never the committed Cross.toml), run
# the container offline, and keep its builds apart from native ones.
export CROSS_TARGET_AARCH64_UNKNOWN_LINUX_GNU_IMAGE=$IMAGE
export CROSS_CONTAINER_OPTS="--network none ${CROSS_CONTAINER_OPTS:-}"
export CARGO_TARGET_DIR=$ROOT/target/cross-$BASE
LOG=$CARGO_TARGET_DIR/cross-local.log
mkdir -p "$CARGO_TARGET_DIR"
: >"$LOG"
summary=()

# Run one README command; record its wall time, cargo's build time and, for tests, the summed
# libtest counts. (A test that skips part of itself prints "skipped: ..." on stderr, which
# libtest shows with `-- --nocapture`.)
step() {
    echo
    echo "+ $*" | tee -a "$LOG"
    local t0 rc
    t0=$(date +%s)
    set +e
    "$@" 2>&1 | tee "$CARGO_TARGET_DIR/step.log"
    rc=${PIPESTATUS[0]}
    set -e
    cat "$CARGO_TARGET_DIR/step.log" >>"$LOG"
    local secs=$(($(date +%s) - t0))
    local counts build
    counts=$(awk '/^test result:/{for(i=1;i<=NF;i++){if($(i+1)~/^passed/)p+=$i; if($(i+1)~/^failed/)f+=$i; if($(i+1)~/^ignored/)g+=$i}} END{if(p+f+g)printf "%d passed, %d failed, %d ignored", p, f, g}' "$CARGO_TARGET_DIR/step.log")
    build=$(awk '/^ *Finished /&&!f{sub(/.* in /, ""); print; f=1}' "$CARGO_TARGET_DIR/step.log")
    local line="exit $rc, $((secs / 60)) min $((secs % 60)) s${build:+ (build $build)}${counts:+, $counts}"
    grep -q '^warning: orderlab@.*asm kernel' "$CARGO_TARGET_DIR/step.log" && line+=", asm kernel warning"
    summary+=("$*: $line")
    return 0
}

# The README's sequence (release first), then the kernel listing.
step cross +$TOOLCHAIN test --release --target $TARGET
[ "$SKIP_DEBUG" = 1 ] || step cross +$TOOLCHAIN test --target $TARGET
step cross +$TOOLCHAIN run --release --target $TARGET -- run --time 0.05
step cross +$TOOLCHAIN run --release --target $TARGET -- asm --kernels

echo
echo "=== stand-in $IMAGE (log: $LOG)"
for s in "${summary[@]}"; do echo "  $s"; done
if printf '%s\n' "${summary[@]}" | grep -qv ': exit 0,'; then
    exit 1
fi
