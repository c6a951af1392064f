#!/usr/bin/env python3
"""Compares two `dossier` binaries on one site, alternating their runs (not part of the tests).

    python3 Benchmarks/ab.py OLD NEW SITE [RUNS] [--rebuild]
                      # RUNS full builds of each, default 4; with --rebuild, each full build is
                      # followed by a rebuild after one article changed, and both are reported

This machine's speed drifts by a third within an hour, so two binaries measured one after the
other can differ by more than any change between them; run in turn, both see the same drift.
Each run is a full build: the site's Public/ and a body cache of its own are deleted first (put
SITE on /dev/shm to leave the disk out). Prints each run and, per binary, the mean and best wall
time, the mean CPU time and the peak memory, measured as the benchmark does (`run.measure`).
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import measure  # noqa: E402  (the benchmark's own wait4 measurement)


def run(binary, site, cache):
    shutil.rmtree(os.path.join(site, "Public"), ignore_errors=True)
    shutil.rmtree(os.path.join(site, ".Public.spare"), ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    os.environ["DOSSIER_CACHE_DIR"] = cache
    wall, cpu, rss, _ = measure([binary, "build"], site)
    return wall, cpu, rss


def rebuild(binary, site):
    """A build after the first article gained a line (taken out again afterwards), on top of the
    full build `run` just made with the same binary and cache."""
    articles = os.path.join(site, "Content", "articles")
    changed = os.path.join(articles, sorted(os.listdir(articles))[0])
    with open(changed, "rb") as f:
        original = f.read()
    try:
        with open(changed, "ab") as f:
            f.write(b"\nOne more line for the A/B rebuild.\n")
        wall, cpu, rss, _ = measure([binary, "build"], site)
    finally:
        with open(changed, "wb") as f:
            f.write(original)
    return wall, cpu, rss


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    binaries = [os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])]
    site = os.path.abspath(sys.argv[3])
    arguments = [argument for argument in sys.argv[4:] if argument != "--rebuild"]
    runs = int(arguments[0]) if arguments else 4
    kinds = ["full", "rebuild"] if "--rebuild" in sys.argv[4:] else ["full"]
    results = {(binary, kind): [] for binary in binaries for kind in kinds}
    for index in range(runs):
        for label, binary in zip(["old", "new"], binaries):
            for kind in kinds:
                if kind == "full":
                    row = run(binary, site, os.path.join(site, f".ab-cache-{label}"))
                else:
                    row = rebuild(binary, site)
                results[(binary, kind)].append(row)
                wall, cpu, rss = row
                print(f"run {index + 1} {label} {kind}: wall {wall:.2f} s, cpu {cpu:.2f} s, peak {rss:.0f} MB",
                      flush=True)
    for kind in kinds:
        for label, binary in zip(["old", "new"], binaries):
            rows = results[(binary, kind)]
            mean = lambda column: sum(row[column] for row in rows) / len(rows)
            print(f"{label} {kind} ({binary}): mean {mean(0):.2f} s, best {min(row[0] for row in rows):.2f} s, "
                  f"cpu {mean(1):.2f} s, peak {max(row[2] for row in rows):.0f} MB")
    for label in ["old", "new"]:
        shutil.rmtree(os.path.join(site, f".ab-cache-{label}"), ignore_errors=True)


if __name__ == "__main__":
    main()
