#!/usr/bin/env bash
# Builds the shipped dossier under valgrind and fails on any definitely or indirectly lost block.
# Swift's runtime keeps its type metadata caches for the life of the process; valgrind counts
# those as "possibly lost", so only definite and indirect leaks fail the check.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
command -v valgrind >/dev/null || apt-get install -y -qq valgrind >/dev/null
swift build --product dossier
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r Content Templates "$work/"
# `dossier build` leaves its model to the process's exit instead of freeing it; here it frees
# everything, so whatever is left is a leak.
(cd "$work" && DOSSIER_FREE_AT_EXIT=1 valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
    "$OLDPWD/.build/debug/dossier" build 2>"$work/valgrind.log")
grep -E "definitely lost|indirectly lost|possibly lost|ERROR SUMMARY" "$work/valgrind.log"
