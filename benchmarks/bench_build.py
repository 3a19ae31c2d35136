"""Build-speed benchmark: this course's configuration against the theme's defaults.

Prints, for the real course and for a synthetic course four times larger (copies of the
real modules): full build seconds and seconds per page, ours and the baseline
(``AIINFRA_BASELINE=1``: the theme's own sidebar, Sphinx's jieba set-up), and their ratio.
Then the incremental cases (no-op rebuild, one lesson body edit, one title edit) and the
local checks (`tools check`, `tools outline --check`). Medians of ``--repeat`` runs.

    .venv/bin/python benchmarks/bench_build.py [--repeat 3] [--skip-baseline-4x]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(".venv", "_build", ".git", ".cache", "tests", "benchmarks", "*.egg-info", "__pycache__")


def _env(baseline: bool) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("AIINFRA_BASELINE", None)
    if baseline:
        env["AIINFRA_BASELINE"] = "1"
    return env


def sphinx(source: Path, out: Path, baseline: bool = False) -> float:
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", str(source), str(out), "-q", "-W", "--keep-going", "-c", str(source)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(baseline))
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stderr[-3000:]}")
    return elapsed


def tools(root: Path, *args: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "tools", *args], cwd=root, capture_output=True, text=True, env=_env(False))
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"tools {' '.join(args)} failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    return elapsed


def copy_course(target: Path, factor: int) -> int:
    """Copy the course; with factor > 1 every module is repeated under new numbers."""
    shutil.copytree(REPO, target, ignore=IGNORE)
    for chapter in sorted(p for p in target.iterdir() if p.is_dir() and p.name[:2].isdigit()):
        modules = sorted(p for p in chapter.iterdir() if p.is_dir() and p.name[:2].isdigit())
        for copy in range(1, factor):
            for module in modules:
                number = int(module.name[:2]) + 10 * copy
                shutil.copytree(module, chapter / f"{number:02d}{module.name[2:]}")
    subprocess.run([sys.executable, "-m", "tools", "outline"], cwd=target, check=True, capture_output=True, env=_env(False))
    return sum(1 for p in target.rglob("*.md") if "_build" not in p.parts)


def median(values: list[float]) -> float:
    return statistics.median(values)


def full_builds(source: Path, repeat: int, baseline: bool) -> float:
    times = []
    for _ in range(repeat):
        out = source / "_build" / ("baseline" if baseline else "ours")
        shutil.rmtree(out, ignore_errors=True)
        times.append(sphinx(source, out, baseline))
    return median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-baseline-4x", action="store_true", help="the slowest measurement; skip it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for factor in (1, 4):
            course = Path(tmp) / f"course_x{factor}"
            pages = copy_course(course, factor)
            ours = full_builds(course, args.repeat, baseline=False)
            base = None
            if not (factor == 4 and args.skip_baseline_4x):
                base = full_builds(course, 1 if factor == 4 else args.repeat, baseline=True)
            rows.append((factor, pages, ours, base))
            print(f"x{factor}: {pages} pages  ours {ours:.2f} s ({ours / pages:.3f} s/page)", end="")
            if base is not None:
                print(f"  baseline {base:.2f} s ({base / pages:.3f} s/page)  speed-up x{base / ours:.1f}")
            else:
                print()
        (f1, p1, o1, _), (f4, p4, o4, _) = rows
        print(f"growth of our build from x1 to x4: pages x{p4 / p1:.2f}, time x{o4 / o1:.2f} (linear would be x{p4 / p1:.2f})")

        course = Path(tmp) / "course_x1"
        out = course / "_build" / "incr"
        sphinx(course, out)
        noop = median([sphinx(course, out) for _ in range(args.repeat)])
        lesson = next(p for p in sorted(course.glob("0*/*/*.md")) if p.name != "README.md")
        edits = []
        for i in range(args.repeat):
            with lesson.open("a", encoding="utf-8") as handle:
                handle.write(f"\n补充说明第 {i} 段。\n")
            edits.append(sphinx(course, out))
        module = course / "07Application/08History"
        for name in ("README.md", "module.yml"):
            path = module / name
            path.write_text(path.read_text(encoding="utf-8").replace("AI 历史十年", "AI 十年大事记", 1), encoding="utf-8")
        tools(course, "outline")
        start = time.perf_counter()
        sphinx(course, out)
        title = time.perf_counter() - start
        stale = "AI 历史十年" in (out / "02StorComm/03CollectComm/README.html").read_text(encoding="utf-8").split('<nav class="bd-links')[1]
        print(f"incremental: no-op {noop:.2f} s, one lesson body edit {median(edits):.2f} s, "
              f"one title edit {title:.2f} s (stale sidebar elsewhere: {'YES' if stale else 'no'})")

    check = median([tools(REPO, "check") for _ in range(max(args.repeat, 5))])
    outline = median([tools(REPO, "outline", "--check") for _ in range(max(args.repeat, 5))])
    print(f"local checks on the course: tools check {check:.3f} s, tools outline --check {outline:.3f} s")


if __name__ == "__main__":
    main()
