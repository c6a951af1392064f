#!/usr/bin/env python3
"""The performance benchmark (not part of the tests).

    bash scripts/benchmark.sh [N ...]     # default: 1000 10000 50000

For each N it generates a deterministic dossier (Benchmarks/generate.py), then measures, in the
same run: the floor (libcmark rendering the same bodies in one thread, Benchmarks/cmark_floor.c),
the `cmark` program rendering the same bodies as one document (how issue 6 measured its 1.2 s;
when `cmark` is installed), a full `dossier build` (release, best of three), what writing the
finished site costs with no computing (its folders and files, already in memory, written on two
threads: the disk's share), the first rebuild after one article changes (with the page cache and
the body cache the full build left, but no spare site yet), then, as in an editing session, a
rebuild after another article changes and after one is added (each updating the spare site the
one before left; full builds start with no cache and no spare), the rebuild `dossier serve` makes
after one article changes, and Hugo on the same corpus when `hugo` is installed. The floors, the
`cmark` program, the full builds and the three rebuilds after each are measured first, three
times each with the sizes in turn, so the machine's drift weighs on every size alike and each
rebuild is set against the full build just before it (best against best); serve and Hugo after,
one size after another.
Wall time, CPU time (user + system), peak resident memory and pages per second come from wait4(2)
on each child process. Before each measurement the previous site's background deletion is waited for and the
disk is synced, so no run pays for the one before it; what the benchmark itself replaces (old
corpora, sites, copies) is moved aside and deleted only after the last measurement (see `discard`).
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
WORK = os.environ.get("DOSSIER_BENCH_DIR", "/tmp/dossier-bench")
# dossier keeps rendered bodies between builds in DOSSIER_CACHE_DIR, one folder per size
# (`use_cache_of`); a full build starts with it empty.


def measure(command, cwd, stdin=None, quiet=False):
    """Runs a command; returns (wall seconds, cpu seconds, peak RSS in MB, stdout). With `quiet`,
    its standard output goes to /dev/null, unread."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE if stdin else None,
                               stdout=subprocess.DEVNULL if quiet else subprocess.PIPE, stderr=subprocess.PIPE)
    if stdin:
        process.stdin.write(stdin.encode())
        process.stdin.close()
    out = b"" if quiet else process.stdout.read()
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{err.decode()[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.decode()


TRASH = os.path.join(WORK, "trash")


def discard(path):
    """Moves a folder (or file) out of the way; everything moved is deleted after the last
    measurement. This machine's root file system is ext4 without a journal, which skips every inode
    freed in the last minute or so when it allocates new ones: a build started right after the
    benchmark deleted a site of thousands of files would pay for that deletion, in system time.
    (A build's own background deletion of the site it replaced is still measured: that is part of
    what `dossier build` does.)"""
    if os.path.lexists(path):
        os.makedirs(TRASH, exist_ok=True)
        os.rename(path, os.path.join(TRASH, str(time.time_ns())))


def settle(site):
    """Waits until the background deletion of a replaced site is over and the disk has written
    everything, so no measurement pays for the one before it."""
    parent = os.path.dirname(site.rstrip("/"))
    for _ in range(600):
        # The spare and the lock stay; staging and old folders go.
        if not any(name.startswith(".Public.") and name not in (".Public.spare", ".Public.lock")
                   for name in os.listdir(parent)):
            break
        time.sleep(0.1)
    os.sync()


def write_site(site, target):
    """Writes the files of `site`, read into memory first, as a new folder `target` on two threads
    (folders first): what writing the output costs with no computing (Python's own cost per file
    included, a few microseconds). Returns the wall time."""
    folders, files = [], []
    for folder, _, names in os.walk(site):
        relative = os.path.relpath(folder, site)
        folders.append(relative)
        for name in names:
            with open(os.path.join(folder, name), "rb") as f:
                files.append((os.path.join(relative, name), f.read()))
    start = time.perf_counter()

    def on_two_threads(work):
        threads = [threading.Thread(target=work, args=(part,)) for part in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def make_folders(part):
        for relative in folders[part::2]:
            os.makedirs(os.path.join(target, relative), exist_ok=True)

    def write_files(part):
        for relative, data in files[part::2]:
            descriptor = os.open(os.path.join(target, relative), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            os.write(descriptor, data)
            os.close(descriptor)

    on_two_threads(make_folders)
    on_two_threads(write_files)
    return time.perf_counter() - start


def serve_rebuild(dossier, site, article):
    """Starts `dossier serve` on `site`, appends a line to `article` once it serves, and returns
    the time serve reports for the rebuild that follows."""
    log_path = os.path.join(WORK, "serve.log")
    with open(log_path, "w") as log:
        process = subprocess.Popen([dossier, "serve", "--port", "0"], cwd=site, stdout=log, stderr=log)
    try:
        def log_text():
            with open(log_path) as f:
                return f.read()
        deadline = time.time() + 600
        while "serving" not in log_text():
            if process.poll() is not None or time.time() > deadline:
                sys.exit("dossier serve did not start:\n" + log_text()[-3000:])
            time.sleep(0.05)
        time.sleep(1)
        with open(article, "a") as f:
            f.write("\nOne more paragraph, saved while serve runs, about [[Actor 00004]].\n")
        while log_text().count("built ") < 2:
            if process.poll() is not None or time.time() > deadline:
                sys.exit("dossier serve did not rebuild:\n" + log_text()[-3000:])
            time.sleep(0.02)
        return float(re.findall(r"built \d+ pages in ([0-9.]+) s", log_text())[-1])
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def use_cache_of(corpus):
    """Points dossier's body cache at the folder of `corpus`'s size, for the builds that follow."""
    os.environ["DOSSIER_CACHE_DIR"] = os.path.join(WORK, f"body-cache-{corpus['n']}")


def best(runs):
    """The fastest of several runs (by wall time), the usual way to discount noise."""
    return min(runs, key=lambda run: run[0])


def main():
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000, 10000, 50000]
    dossier = os.path.join(ROOT, ".build", "release", "dossier")
    floor_binary = os.path.join(WORK, "cmark_floor")
    os.makedirs(WORK, exist_ok=True)
    subprocess.run(["cc", "-O2", "-o", floor_binary, os.path.join(ROOT, "Benchmarks", "cmark_floor.c"), "-lcmark"],
                   check=True)
    hugo = shutil.which("hugo")
    shutil.rmtree(TRASH, ignore_errors=True)
    # Left by runs before each size had a cache folder of its own.
    shutil.rmtree(os.path.join(WORK, "body-cache"), ignore_errors=True)
    corpora = []
    for size in sizes:
        out = os.path.join(WORK, f"n{size}")
        discard(out)
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate.py"), str(size), out], check=True)
        site = os.path.join(out, "dossier")
        articles = os.path.join(site, "Content", "articles")
        corpus = {"n": size, "out": out, "site": site, "articles": articles, "floors": [], "cmark_programs": [],
                  "builds": [], "paths": "\n".join(os.path.join(articles, name)
                                                   for name in sorted(os.listdir(articles))) + "\n"}
        # Issue 6's own reference: the `cmark` program on the same bodies, as one document.
        if shutil.which("cmark"):
            corpus["bodies"] = os.path.join(out, "bodies.md")
            with open(corpus["bodies"], "w") as out_file:
                for name in sorted(os.listdir(articles)):
                    with open(os.path.join(articles, name)) as f:
                        text = f.read()
                    if text.startswith("---\n") and "\n---\n" in text[4:]:
                        text = text[text.index("\n---\n", 4) + 5:]
                    out_file.write(text + "\n")
        corpora.append(corpus)
    # The floors, full builds and rebuilds, three of each size, the sizes taken in turn rather
    # than each three times in a row: a drift in the machine's speed (a third from hour to hour
    # here) then weighs on every size alike, so the time per article compares like with like, and
    # each rebuild is set against the full build just before it. Each size keeps its own body cache.
    for round in range(3):
        for corpus in corpora:
            site, articles = corpus["site"], corpus["articles"]
            public = os.path.join(site, "Public")
            os.sync()
            corpus["floors"].append(measure([floor_binary], site, stdin=corpus["paths"]))
            if "bodies" in corpus:
                corpus["cmark_programs"].append(measure(["cmark", corpus["bodies"]], site, quiet=True)[0])
            use_cache_of(corpus)
            discard(public)
            discard(os.path.join(site, ".Public.spare"))
            discard(os.environ["DOSSIER_CACHE_DIR"])
            settle(public)
            corpus["builds"].append(measure([dossier, "build"], site))
            if round == 0:
                corpus["pages"] = sum(1 for _, _, files in os.walk(public) for f in files if f.endswith(".html"))
                corpus["output_mb"] = sum(os.path.getsize(os.path.join(d, f))
                                          for d, _, files in os.walk(public) for f in files) / 1e6
            # Rebuilds: the first after the full build, which finds no spare site (it makes the new
            # site's folders and keeps the replaced site as the spare); then, as in an editing
            # session, after one article changes and after one is added, each bringing the spare
            # up to date. The added article goes again, so every full build has N articles.
            with open(os.path.join(articles, f"article-{2 * round:05d}.md"), "a") as f:
                f.write("\nOne more paragraph about [[Actor 00001]].\n")
            settle(public)
            corpus.setdefault("firsts", []).append(measure([dossier, "build"], site))
            with open(os.path.join(articles, f"article-{2 * round + 1:05d}.md"), "a") as f:
                f.write("\nOne more paragraph about [[Actor 00003]].\n")
            settle(public)
            corpus.setdefault("rebuilds", []).append(measure([dossier, "build"], site))
            added = os.path.join(articles, "article-added.md")
            with open(added, "w") as f:
                f.write("---\ntitle: An added article\ndate: 2024-01-01\n---\n\nIt mentions [[Actor 00002]].\n")
            settle(public)
            corpus.setdefault("addeds", []).append(measure([dossier, "build"], site))
            os.remove(added)
    for corpus in corpora:
        corpus["floor"] = min(float(run[3].split()[2]) for run in corpus["floors"])
        corpus["body_bytes"] = int(corpus["floors"][0][3].split()[1])
        corpus["cmark_program"] = min(corpus["cmark_programs"]) if corpus["cmark_programs"] else None
        if "bodies" in corpus:
            os.remove(corpus["bodies"])
    rows = []
    for corpus in corpora:
        use_cache_of(corpus)
        size, out, site, articles = corpus["n"], corpus["out"], corpus["site"], corpus["articles"]
        build = best(corpus["builds"])
        public = os.path.join(site, "Public")
        pages, output_mb = corpus["pages"], corpus["output_mb"]
        # What the disk alone costs: writing the finished site's folders and files, no computing;
        # measured after every size's builds, so none of them pays for its 1.7 GB at N = 50,000.
        # In a process of its own: the site it holds in memory would otherwise stay in this one's
        # heap, and every later child's peak memory would count it (a forked child's peak includes
        # its parent's resident pages at the fork).
        copy = os.path.join(WORK, "copy")
        discard(copy)
        settle(public)
        write_floor = float(subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--write-site", public, copy],
            check=True, capture_output=True, text=True).stdout)
        discard(copy)
        first, rebuild, added = best(corpus["firsts"]), best(corpus["rebuilds"]), best(corpus["addeds"])
        settle(public)
        serve = serve_rebuild(dossier, site, os.path.join(articles, "article-00002.md"))
        settle(public)
        row = {"n": size, "mb": corpus["body_bytes"] / 1e6, "floor": corpus["floor"], "wall": build[0], "cpu": build[1],
               "rss": build[2], "pages": pages, "output_mb": output_mb, "write_floor": write_floor,
               "first_rebuild": first[0], "rebuild": rebuild[0], "added": added[0], "serve": serve,
               "cmark_program": corpus["cmark_program"], "walls": [run[0] for run in corpus["builds"]],
               "rebuild_walls": [run[0] for run in corpus["rebuilds"]]}
        if hugo:
            hugo_runs = []
            for _ in range(2 if size <= 10000 else 1):
                discard(os.path.join(out, "hugo-public"))
                os.sync()
                hugo_runs.append(measure([hugo, "--quiet", "-s", os.path.join(out, "hugo"), "-d",
                                          os.path.join(out, "hugo-public")], out))
            run = best(hugo_runs)
            row.update({"hugo": run[0], "hugo_cpu": run[1], "hugo_rss": run[2]})
        rows.append(row)
        print_row(row)
    shutil.rmtree(TRASH, ignore_errors=True)
    print()
    print("per-article build time (ms):", ", ".join(f"N={r['n']}: {1000 * r['wall'] / r['n']:.3f}" for r in rows))
    if len(rows) > 1:
        per = [r["wall"] / r["n"] for r in rows]
        print(f"spread of per-article time: {100 * (max(per) / min(per) - 1):.1f}% (target: within 25%)")


def print_row(r):
    cmark = r["cmark_program"]
    line = (f"N={r['n']:>6}  bodies {r['mb']:.1f} MB  floor (libcmark, 1 thread) {r['floor']:.3f} s"
            + (f", cmark program {cmark:.3f} s" if cmark else ", cmark program not installed") + "  |  "
            f"dossier build: wall {r['wall']:.3f} s (best of {', '.join(f'{wall:.3f}' for wall in r['walls'])}), "
            f"cpu {r['cpu']:.3f} s, peak {r['rss']:.0f} MB, "
            f"{r['pages'] / r['wall']:.0f} pages/s ({r['pages']} pages)  |  "
            f"build/floor {r['wall'] / r['floor']:.2f}x"
            + (f", build/cmark program {r['wall'] / cmark:.2f}x" if cmark else "")
            + f"  |  output {r['output_mb']:.0f} MB, writing it alone "
            f"{r['write_floor']:.3f} s ({r['write_floor'] / r['floor']:.1f}x the floor)  |  "
            f"first rebuild (no spare yet) "
            f"{r['first_rebuild']:.3f} s "
            f"({100 * r['first_rebuild'] / r['wall']:.0f}% of full), rebuild after one change {r['rebuild']:.3f} s "
            f"(best of {', '.join(f'{wall:.3f}' for wall in r['rebuild_walls'])}) "
            f"({100 * r['rebuild'] / r['wall']:.0f}% of full), after one added {r['added']:.3f} s "
            f"({100 * r['added'] / r['wall']:.0f}%), serve's rebuild after one change {r['serve']:.3f} s "
            f"({100 * r['serve'] / r['wall']:.0f}%)")
    if "hugo" in r:
        line += (f"  |  hugo: wall {r['hugo']:.3f} s, cpu {r['hugo_cpu']:.3f} s, peak {r['hugo_rss']:.0f} MB, "
                 f"dossier {r['hugo'] / r['wall']:.1f}x faster")
    print(line, flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write-site"]:
        print(write_site(sys.argv[2], sys.argv[3]))
    else:
        main()
