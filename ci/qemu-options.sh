#!/usr/bin/env bash
# What QEMU does with the CPU options the seed article 000_6c41a5674ca8000b.txt (4.2) names:
#   qemu-aarch64 -cpu cortex-a72,pmu=on          ("enables the weakly-ordered model")
#   qemu-aarch64 -cpu cortex-a57,weakly-ordered=on
#   qemu-aarch64 -cpu qemu64,+tso                (qemu64 is an x86 CPU model)
#   qemu-x86_64  -cpu qemu64,+tso
# For each: the exit status and QEMU's message, and for an accepted option the histograms of
# the ARM-only tests (MP+rlx, LB+rlx, S+rlx) and SB+rlx next to a run without the option.
# User mode only (qemu-system-* is not run here). Results: target/qemu-options/ (one JSON
# run file per accepted option, summary.txt).
#
#   ci/qemu-options.sh            the four tests, 0.5 s each
#   ci/qemu-options.sh --all      the whole catalog, 0.05 s per test
#
# Needs the aarch64 build (ci/aarch64.sh builds it) and qemu-user.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=aarch64-unknown-linux-gnu
A64=target/$TARGET/release/orderlab
X86=target/release/orderlab
OUT=target/qemu-options
LD=${QEMU_LD_PREFIX:-/usr/aarch64-linux-gnu}

tests=(MP+rlx LB+rlx S+rlx SB+rlx)
time_s=0.5
if [[ "${1:-}" == "--all" ]]; then
    tests=()
    time_s=0.05
fi

command -v qemu-aarch64 >/dev/null || { echo "qemu-aarch64 missing: install qemu-user (ci/aarch64.sh)"; exit 2; }
[[ -x "$A64" ]] || cargo build --release --target "$TARGET" --bin orderlab
[[ -x "$X86" ]] || cargo build --release --bin orderlab
mkdir -p "$OUT"
summary="$OUT/summary.txt"
: >"$summary"

# run NAME QEMU [OPTIONS...] -- GUEST: try the option, then run the tests if it is accepted.
run() {
    local name=$1 qemu=$2
    shift 2
    local opts=()
    while [[ $1 != -- ]]; do opts+=("$1"); shift; done
    shift
    local guest=$1 ld=()
    [[ $qemu == qemu-aarch64 ]] && ld=(-L "$LD")
    local msg rc=0
    msg=$("$qemu" "${opts[@]}" "${ld[@]}" "$guest" --version 2>&1 >/dev/null) || rc=$?
    {
        echo "== $qemu ${opts[*]}"
        echo "   exit $rc${msg:+: $msg}"
    } | tee -a "$summary"
    if [[ $rc -eq 0 ]]; then
        "$qemu" "${opts[@]}" "${ld[@]}" "$guest" run "${tests[@]}" --time "$time_s" \
            --json "$OUT/$name.json" >"$OUT/$name.txt" 2>&1 || true
        grep -E '^(MP|LB|S|SB)\+rlx ' "$OUT/$name.txt" | sed 's/^/   /' | tee -a "$summary"
    fi
}

run default       qemu-aarch64 -- "$A64"
run a72-pmu       qemu-aarch64 -cpu cortex-a72,pmu=on -- "$A64"
run a57-weakly    qemu-aarch64 -cpu cortex-a57,weakly-ordered=on -- "$A64"
run a64-qemu64tso qemu-aarch64 -cpu qemu64,+tso -- "$A64"
run x86-qemu64    qemu-x86_64 -cpu qemu64 -- "$X86"
run x86-qemu64tso qemu-x86_64 -cpu qemu64,+tso -- "$X86"
echo
echo "wrote $summary and the run files beside it"
