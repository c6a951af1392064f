#!/usr/bin/env bash
# Builds the dossier in Content/ into Public/ with a release build of the generator.
# Extra arguments go to `dossier build` (e.g. --drafts, --base-url URL).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
swift build -c release --product dossier
.build/release/dossier build "$@"
