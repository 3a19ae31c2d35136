"""Build-speed benchmark at the course's full size: our configuration against the theme's defaults.

The course is generated at full size (benchmarks/fullsize_course.py: every planned lesson gets a
written lesson's body) and at three times that. For each size it prints the seconds per page of
our build and of the baseline (``benchmarks/baseline.py``: the theme's own sidebar and Sphinx's own
Chinese search), their ratio, wall and CPU time (the machine may be shared: CPU seconds of the
build's processes move less with other load, and the load average is printed), the search index
size, and our build with ``-j auto``; after the smallest size, the incremental cases on it (no-op,
one lesson body edit, one title edit); last the local checks. Ours and the baseline alternate, so
both see the same load; figures are medians of ``--repeat`` runs.

    .venv/bin/python benchmarks/bench_build.py [--repeat 1] [--scales 1 3] [--baseline-scales 1]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks import baseline as baseline_build  # noqa: E402
from benchmarks.fullsize_course import build_fullsize_course  # noqa: E402


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


def _env(root: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(root)}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def sphinx(source: Path, out: Path, baseline: bool = False, jobs: str = "1") -> Timing:
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", str(source), str(out), "-q", "-W", "--keep-going"]
    cmd += ["-j", jobs, *(baseline_build.sphinx_args() if baseline else [])]
    cpu, start = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, env=_env(source))
    timing = Timing(time.perf_counter() - start, _children_cpu() - cpu)
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stderr[-3000:]}")
    return timing


def tools(root: Path, *args: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "tools", *args], check=False, cwd=root, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"tools {' '.join(args)} failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    return elapsed


def full_build(source: Path, name: str, baseline: bool = False, jobs: str = "1") -> Timing:
    out = source / "_build" / name
    shutil.rmtree(out, ignore_errors=True)
    return sphinx(source, out, baseline, jobs)


def median(timings: list[Timing]) -> Timing:
    return Timing(statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings))


def load() -> str:
    return "load {:.1f}/{:.1f}/{:.1f}".format(*os.getloadavg())


def kib(path: Path) -> str:
    return f"{path.stat().st_size / 1024:.0f} KiB"


def report_ours(course: Path, pages: int, mine: Timing, what: str) -> None:
    print(
        f"  ours -j 1 ({what}): {mine.wall:.1f} s wall, {mine.wall / pages:.3f} s/page; "
        f"CPU {mine.cpu / pages:.3f} s/page; search index {kib(course / '_build/ours/searchindex.js')} ({load()})",
        flush=True,
    )


def measure_size(tmp: Path, scale: int, repeat: int, baseline: bool) -> tuple[int, Timing]:
    course = tmp / f"course_x{scale}"
    pages = build_fullsize_course(REPO, course, scale)
    print(f"x{scale}: {pages} pages ({load()})", flush=True)
    ours: list[Timing] = []
    base: list[Timing] = []
    for _ in range(repeat):
        ours.append(full_build(course, "ours"))
        if not baseline:
            continue
        if not base:  # ours first, as soon as it is known: the baseline takes several times longer
            report_ours(course, pages, ours[0], "first run")
        base.append(full_build(course, "baseline", baseline=True))
    mine = median(ours)
    report_ours(course, pages, mine, f"median of {len(ours)}")
    if baseline:
        theirs = median(base)
        print(
            f"  baseline -j 1: {theirs.wall:.1f} s wall, {theirs.wall / pages:.3f} s/page; "
            f"CPU {theirs.cpu / pages:.3f} s/page; search index {kib(course / '_build/baseline/searchindex.js')}"
        )
        print(f"  ours / baseline per page: wall {mine.wall / theirs.wall:.2f}, CPU {mine.cpu / theirs.cpu:.2f}")
    parallel = full_build(course, "ours-j", jobs="auto")
    print(
        f"  ours -j auto ({os.cpu_count()} cores): {parallel.wall:.1f} s wall, {parallel.wall / pages:.3f} s/page; "
        f"CPU {parallel.cpu / pages:.3f} s/page ({load()})",
        flush=True,
    )
    return pages, mine


def incremental(tmp: Path, scale: int, repeat: int) -> None:
    course = tmp / f"course_x{scale}"
    out = course / "_build" / "incr"
    sphinx(course, out)
    noop = median([sphinx(course, out) for _ in range(max(repeat, 3))])
    lesson = next(p for p in sorted(course.glob("0*/*/*.md")) if p.name != "README.md")
    edits = []
    for i in range(max(repeat, 3)):
        with lesson.open("a", encoding="utf-8") as handle:
            handle.write(f"\n补充说明第 {i} 段。\n")
        edits.append(sphinx(course, out))
    module = course / "07Application/08History"
    for name in ("README.md", "module.yml"):
        path = module / name
        path.write_text(path.read_text(encoding="utf-8").replace("AI 历史十年", "AI 十年大事记", 1), encoding="utf-8")
    tools(course, "outline")
    title = sphinx(course, out)
    edit = median(edits)
    print(
        f"incremental (x{scale}), wall (CPU): no-op {noop.wall:.2f} s ({noop.cpu:.2f} s), "
        f"one lesson body edit {edit.wall:.2f} s ({edit.cpu:.2f} s), one title edit {title.wall:.2f} s "
        f"({title.cpu:.2f} s) ({load()})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 3])
    parser.add_argument(
        "--baseline-scales", type=int, nargs="*", help="sizes to build the baseline at (default: all; x3 is slow)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sizes = {}
        for scale in args.scales:
            baseline = args.baseline_scales is None or scale in args.baseline_scales
            sizes[scale] = measure_size(tmp, scale, args.repeat, baseline)
            if scale == min(args.scales):
                incremental(tmp, scale, args.repeat)
        if 1 in sizes and 3 in sizes:
            (p1, t1), (p3, t3) = sizes[1], sizes[3]
            print(
                f"ours per page, x3 against x1: wall {(t3.wall / p3) / (t1.wall / p1):.2f}, "
                f"CPU {(t3.cpu / p3) / (t1.cpu / p1):.2f} (linear is 1.00)"
            )

    check = statistics.median(tools(REPO, "check") for _ in range(5))
    outline = statistics.median(tools(REPO, "outline", "--check") for _ in range(5))
    print(f"local checks on the course: tools check {check:.3f} s, tools outline --check {outline:.3f} s")


if __name__ == "__main__":
    main()
