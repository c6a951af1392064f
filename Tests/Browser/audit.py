#!/usr/bin/env python3
"""Browser checks of a built dossier, in headless Chromium (run by scripts/browser-test.sh).

    audit.py SITE_FOLDER SCREENSHOT_FOLDER

For every HTML page, opened from disk as a reader would: an axe-core audit (WCAG 2.0, 2.1 and 2.2 A and AA
rules and best practices) that fails on any serious or critical violation. Then screenshots of
the home page, an article, an actor, a topic and the timeline at 390 px and 1280 px widths.
"""
import json
import os
import sys

import importlib.util

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def driver_for(width):
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--allow-file-access-from-files", f"--window-size={width},1000", "--hide-scrollbars"]:
        options.add_argument(argument)
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


def axe_source():
    """axe-core's script, as shipped inside the axe-playwright-python wheel (installed without its
    Playwright dependency: only the JavaScript file is used, with Selenium)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    with open(os.path.join(spec.submodule_search_locations[0], "axe.min.js"), encoding="utf-8") as f:
        return f.read()


def pages(site):
    for folder, _, files in os.walk(site):
        for name in sorted(files):
            if name.endswith(".html"):
                yield os.path.relpath(os.path.join(folder, name), site)


def audit(site, scheme):
    """Audits every page with `prefers-color-scheme` set to `scheme`, so dark mode's contrast is
    checked too."""
    driver = driver_for(1280)
    driver.set_script_timeout(120)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    source = axe_source()
    failures = []
    minor = {}
    checked = 0
    try:
        for page in sorted(pages(site)):
            driver.get("file://" + os.path.abspath(os.path.join(site, page)))
            driver.execute_script(source)
            options = {"runOnly": {"type": "tag",
                                   "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                              "best-practice"]}}
            results = driver.execute_async_script(
                "var done = arguments[arguments.length - 1];"
                f"axe.run(document, {json.dumps(options)}).then(done, function (e) {{ done({{error: String(e)}}); }});")
            if "error" in results:
                failures.append(f"{page}: axe failed: {results['error']}")
                continue
            checked += 1
            for violation in results["violations"]:
                if violation.get("impact") in ("serious", "critical"):
                    targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
                    failures.append(f"{scheme} {page}: {violation['impact']} {violation['id']}: {violation['help']} "
                                    f"({len(violation['nodes'])} nodes, e.g. {'; '.join(targets)})")
                else:
                    key = f"{violation.get('impact')} {violation['id']}"
                    minor[key] = minor.get(key, 0) + 1
    finally:
        driver.quit()
    for key, count in sorted(minor.items()):
        print(f"axe ({scheme}, not failing): {key} on {count} pages")
    return checked, failures


def screenshots(site, folder):
    os.makedirs(folder, exist_ok=True)
    wanted = {"home": "index.html", "timeline": "timeline/index.html", "search": "search/index.html"}
    for section, key in [("articles", "article"), ("actors", "actor"), ("topics", "topic")]:
        names = sorted(n for n in os.listdir(os.path.join(site, section)) if n != "index.html")
        if names:
            wanted[key] = f"{section}/{names[0]}/index.html"
    taken = []
    for width in (390, 1280):
        driver = driver_for(width)
        try:
            for name, page in sorted(wanted.items()):
                driver.get("file://" + os.path.abspath(os.path.join(site, page)))
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(width, min(max(height, 800), 12000))
                path = os.path.join(folder, f"{name}-{width}.png")
                driver.save_screenshot(path)
                taken.append(path)
        finally:
            driver.quit()
    return taken


def main():
    site, folder = sys.argv[1], sys.argv[2]
    checked, failures = 0, []
    for scheme in ("light", "dark"):
        count, found = audit(site, scheme)
        checked += count
        failures += found
    for failure in failures:
        print("axe:", failure)
    taken = screenshots(site, folder)
    print(f"axe-core: {checked} page audits (light and dark), {len(failures)} serious or critical violations")
    print(f"screenshots: {len(taken)} written to {folder}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
