#!/usr/bin/env bash
# Coverage-guided fuzzing of the parser, parse → interpret → model check, and the report
# renderer (fuzz/, cargo-fuzz + libFuzzer). cargo-fuzz needs a nightly toolchain; it is used
# for fuzzing only (`cargo +nightly`), never made the default.
#
#   bash ci/fuzz.sh            a smoke: every target from its seeds, 50,000 inputs each
#   bash ci/fuzz.sh N [T...]   a campaign: N inputs per target (all, or the targets T),
#                              with libFuzzer's final statistics (inputs, execs/s)
#
# Without nightly the libFuzzer runs are skipped (said so); the same target bodies replay
# the seeds and every regression on stable in `cargo test` (tests/fuzz_replay.rs). A crash
# stops the run with its input in fuzz/artifacts/<target>/: add it to
# fuzz/regressions/<target>/ and fix the cause.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50000}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse model report)

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz: no nightly toolchain here; libFuzzer runs skipped (tests/fuzz_replay.rs replayed the seeds and regressions on stable)"
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "+ cargo install cargo-fuzz --locked"
    cargo install cargo-fuzz --locked
fi
bash fuzz/seed.sh
cd fuzz
# No sanitizer: the fuzzed code (litmus, model, interpreter, report) has no `unsafe`; debug
# assertions and overflow checks on (-a), so an arithmetic overflow is a crash.
cargo +nightly fuzz build -a -s none
mkdir -p artifacts
for t in "${targets[@]}"; do
    echo "+ cargo +nightly fuzz run -a -s none $t corpus/$t -- -runs=$runs"
    status=0
    dict=()
    [ "$t" = report ] || dict=(-dict=litmus.dict)
    cargo +nightly fuzz run -a -s none "$t" "corpus/$t" -- \
        -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        "${dict[@]}" > "artifacts/$t.log" 2>&1 || status=$?
    # libFuzzer's progress lines stay in the log; its statistics and any crash are shown.
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added)|panicked|SUMMARY|Test unit written|^Done' "artifacts/$t.log" || true
    if [ "$status" -ne 0 ]; then
        tail -40 "artifacts/$t.log"
        echo "fuzz: $t failed (exit $status)"
        exit 1
    fi
done
