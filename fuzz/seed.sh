#!/usr/bin/env bash
# Seed fuzz/corpus/<target>/ from the catalog, the test fixtures and the regressions.
set -euo pipefail
cd "$(dirname "$0")"
for t in parse model; do
    mkdir -p corpus/$t
    find ../litmus ../tests/data/good ../tests/data/bad -name '*.litmus' -exec cp {} corpus/$t/ \;
    cp regressions/$t/* corpus/$t/ 2>/dev/null || true
done
mkdir -p corpus/report
cp ../tests/data/report/*.json corpus/report/
cp regressions/report/* corpus/report/ 2>/dev/null || true
