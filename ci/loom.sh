#!/usr/bin/env bash
# loom suite of the production map: exhaustive C11 exploration (bounded preemptions) of small
# maps, 2 threads. Passes with the SeqCst policy; the AcqRel/Relaxed tests expect loom to find
# the bug. Takes seconds once built; LOOM_MAX_PREEMPTIONS (default 3) raises the bound.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTFLAGS="--cfg orderlab_loom"
export CARGO_TARGET_DIR=target/loom
cmd=(cargo test --release --test map_loom --test std_loom -- --test-threads=1 --nocapture)
echo "+ RUSTFLAGS=\"$RUSTFLAGS\" CARGO_TARGET_DIR=$CARGO_TARGET_DIR LOOM_MAX_PREEMPTIONS=${LOOM_MAX_PREEMPTIONS:-3} ${cmd[*]}"
"${cmd[@]}"
