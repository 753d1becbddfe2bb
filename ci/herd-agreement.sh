#!/usr/bin/env bash
# The lab's RC11 and C11 verdicts and data-race findings against herd7's, on the catalog, the
# diy7-generated tests of tests/data/diy, and the two herdtools7 folders
# catalogue/c11popl15/tests/illustrative and herd/tests/instructions/C of a herdtools7 checkout
# (not in this repository). herd7's verdicts are the fixtures tests/data/herd7/*.tsv; herd7
# itself is not needed. Prints the agreement table and exits non-zero on a disagreement that
# tests/herd_agreement.rs does not list with its reason.
#
#   bash ci/herd-agreement.sh PATH/TO/herdtools7
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -ne 1 || ! -d "$1/catalogue/c11popl15/tests/illustrative" ]]; then
  echo "usage: bash ci/herd-agreement.sh PATH/TO/herdtools7 (a checkout with catalogue/c11popl15/tests/illustrative)" >&2
  exit 2
fi
ORDERLAB_HERDTOOLS="$(cd "$1" && pwd)" cargo test --release --test herd_agreement -- --nocapture --test-threads 1 2>&1 \
  | grep -oE '(catalog|diy|illustrative|instructions/C) +(rc11|c11) .*|test result.*|.*disagreements.*|.*panicked.*|.*FAILED.*'
