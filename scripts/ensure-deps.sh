#!/usr/bin/env bash
# Installs what building dossier needs beyond Swift: libcmark-dev (and pkg-config), when missing.
set -euo pipefail

if pkg-config --exists libcmark 2>/dev/null && [ -f /usr/include/cmark.h ]; then
    exit 0
fi

echo "dossier: installing libcmark-dev and pkg-config…" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends libcmark-dev pkg-config >/dev/null
