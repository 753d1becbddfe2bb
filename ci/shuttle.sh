#!/usr/bin/env bash
# shuttle suite of the production map: random and PCT schedulers, 3-4 threads, maps that grow
# from one bucket, SHUTTLE_ITERS iterations per test (default 2000; about 20 s in release).
set -euo pipefail
cd "$(dirname "$0")/.."
export SHUTTLE_ITERS="${SHUTTLE_ITERS:-2000}"
cmd=(cargo test --release --features shuttle --test map_shuttle --test std_shuttle)
echo "+ SHUTTLE_ITERS=$SHUTTLE_ITERS ${cmd[*]}"
"${cmd[@]}"
