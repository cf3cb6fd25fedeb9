#!/usr/bin/env bash
# Generate a corpus into a temporary directory, then print every speed figure in one table.
# Figures are printed, never asserted. Override with COUNT, SEED, PYTHON; BEFORE=<python of
# another install> adds its column, e.g.
#   COUNT=200 benchmarks/run_all.sh
#   BEFORE=/tmp/base/.venv/bin/python benchmarks/run_all.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${PYTHON:-python}"
count="${COUNT:-1000}"
seed="${SEED:-7}"
corpus="$(mktemp -d "${TMPDIR:-/tmp}/ispec-corpus-XXXXXX")"
trap 'rm -rf "$corpus"' EXIT

echo "== generate_corpus (count=$count seed=$seed) =="
"$python" "$here/generate_corpus.py" --out "$corpus" --count "$count" --seed "$seed" --verify \
  || echo "warning: --verify found problems (listed above); benchmarking anyway" >&2
echo
echo "== bench_figures =="
"$python" "$here/bench_figures.py" --corpus "$corpus" ${BEFORE:+--before "$BEFORE"}
