#!/usr/bin/env bash
# The performance benchmark (see Benchmarks/run.py); not part of the tests.
#   bash scripts/benchmark.sh              # N = 1000, 10000, 50000
#   bash scripts/benchmark.sh 10000        # one size
# Installs Hugo from Debian's packages to compare when DOSSIER_BENCH_HUGO=1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
if [ "${DOSSIER_BENCH_HUGO:-0}" = 1 ] && ! command -v hugo >/dev/null; then
    apt-get install -y -qq hugo >/dev/null
fi
swift build -c release --product dossier
python3 Benchmarks/run.py "$@"
