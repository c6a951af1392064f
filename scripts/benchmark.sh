#!/usr/bin/env bash
# The performance benchmark (see Benchmarks/run.py); not part of the tests.
#   bash scripts/benchmark.sh              # N = 1000, 10000, 50000
#   bash scripts/benchmark.sh 10000        # one size
# Installs Hugo from Debian's packages to compare when DOSSIER_BENCH_HUGO=1, and the `cmark`
# program (issue 6's reference figure) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
if ! command -v cmark >/dev/null; then
    apt-get install -y -qq cmark >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq cmark >/dev/null) \
        || echo "cmark could not be installed: the benchmark prints no cmark program figure" >&2
fi
if [ "${DOSSIER_BENCH_HUGO:-0}" = 1 ] && ! command -v hugo >/dev/null; then
    apt-get install -y -qq hugo >/dev/null
fi
swift build -c release --product dossier
python3 Benchmarks/run.py "$@"
