#!/usr/bin/env bash
# Generate a corpus into a temporary directory, then run the parse and start-up benchmarks.
# Figures are printed, never asserted. Override with COUNT, SEED, PYTHON, e.g.
#   COUNT=200 benchmarks/run_all.sh
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
echo "== bench_parse =="
"$python" "$here/bench_parse.py" --corpus "$corpus"
echo
echo "== bench_startup =="
"$python" "$here/bench_startup.py" --corpus "$corpus"
echo
echo "== bench_check =="
"$python" "$here/bench_check.py" --corpus "$corpus"
