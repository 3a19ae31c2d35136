"""The course at its planned full size, for build benchmarks.

Most lessons in the course are still planned: their modules list them but no article exists, so
a copy of the course is far smaller than the finished site will be. :func:`build_fullsize_course`
copies the course and gives every planned lesson an article: the body of a written lesson (taken
in turn from all written lessons) under the planned lesson's own title, with the ``planned`` flag
removed from its module's metadata. With ``scale`` > 1 every chapter is copied again under a new
number, so the site has about ``scale`` times the pages (the copies repeat their lessons' videos,
which ``tools check`` reports as duplicates; the build does not mind).

    .venv/bin/python benchmarks/fullsize_course.py DEST [--scale 3]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from itertools import cycle
from pathlib import Path

import yaml

IGNORE = shutil.ignore_patterns(
    ".venv", "_build", ".git", ".cache", "tests", "benchmarks", "*.egg-info", "__pycache__", ".pytest_cache"
)
CHAPTER = re.compile(r"^(\d{2})([A-Za-z][A-Za-z0-9]*)$")
PLANNED = re.compile(r"^[ \t]+planned:[ \t]*true[ \t]*(#.*)?\r?\n", re.MULTILINE)
# Relative targets a body carries: Markdown links and images, and figure/image directive arguments.
LINK = re.compile(r"(\]\()([^)\s#]+)")
DIRECTIVE = re.compile(r"^([ \t]*[`:]{3,}\{(?:figure|image)\}[ \t]+)(\S+)", re.MULTILINE)
# Labels a body defines; Sphinx labels are site-wide, so every copy of a body gets its own.
LABEL = re.compile(r"^[ \t]*:name:[ \t]*(\S+)|^\(([^()\s]+)\)=[ \t]*$", re.MULTILINE)


def build_fullsize_course(repo: Path, dest: Path, scale: int = 1) -> int:
    """Copy the course at ``repo`` to ``dest`` with every planned lesson written; return the page count."""
    if scale < 1:
        raise ValueError(f"scale must be at least 1, not {scale}")
    shutil.copytree(repo, dest, ignore=IGNORE)
    chapters = sorted(p for p in dest.iterdir() if p.is_dir() and CHAPTER.match(p.name))
    bodies = [_body(path) for path in _written_lessons(chapters)]
    if not bodies:
        raise ValueError(f"no written lesson under {repo} to fill planned lessons with")
    donors = cycle(bodies)
    filled = 0
    for chapter in chapters:
        for module_file in sorted(chapter.glob("*/module.yml")):
            filled = _fill_module(module_file, donors, filled)
    for copy in range(1, scale):
        for chapter in chapters:
            _copy_chapter(chapter, copy)
    subprocess.run(
        [sys.executable, "-m", "tools", "outline"],
        cwd=dest,
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(dest)},
    )
    return sum(1 for p in dest.rglob("*.md") if p != dest / "README.md" and "_build" not in p.parts)


def _written_lessons(chapters: list[Path]) -> list[Path]:
    written = []
    for chapter in chapters:
        for module_file in sorted(chapter.glob("*/module.yml")):
            for lesson in _lessons(module_file):
                path = module_file.parent / str(lesson["file"])
                if not lesson.get("planned") and path.is_file():
                    written.append(path)
    return written


def _lessons(module_file: Path) -> list[dict[str, object]]:
    data = yaml.safe_load(module_file.read_text(encoding="utf-8"))
    return list(data.get("lessons") or [])


def _body(path: Path) -> tuple[Path, str]:
    """A lesson without its H1 line, and the folder its relative links are relative to."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    return path.parent, "".join(lines[start:])


def _fill_module(module_file: Path, donors: cycle[tuple[Path, str]], filled: int) -> int:
    """Write the module's planned lessons; ``filled`` counts the bodies used so far, and is returned updated."""
    for lesson in _lessons(module_file):
        if not lesson.get("planned"):
            continue
        origin, body = next(donors)
        filled += 1
        target = module_file.parent / str(lesson["file"])
        body = _relabel(_rebase(body, origin, target.parent), f"f{filled}")
        target.write_text(f"# {lesson['title']}\n{body}", encoding="utf-8")
    text = module_file.read_text(encoding="utf-8")
    module_file.write_text(PLANNED.sub("", text), encoding="utf-8")
    return filled


def _relabel(text: str, suffix: str) -> str:
    """Give every label the text defines, and its references in the text, a ``-suffix``."""
    for label in sorted({a or b for a, b in LABEL.findall(text)}, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(label)}(?![\w-])", f"{label}-{suffix}", text)
    return text


def _rebase(body: str, origin: Path, folder: Path) -> str:
    """Point the body's relative links and figures, written for ``origin``, at the same files from ``folder``."""
    if origin == folder:
        return body

    def moved(target: str) -> str:
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith("/"):
            return target
        return Path(os.path.relpath(origin / target, folder)).as_posix()

    body = LINK.sub(lambda m: m.group(1) + moved(m.group(2)), body)
    return DIRECTIVE.sub(lambda m: m.group(1) + moved(m.group(2)), body)


def _copy_chapter(chapter: Path, copy: int) -> None:
    match = CHAPTER.match(chapter.name)
    assert match is not None
    target = chapter.with_name(f"{int(match.group(1)) + 10 * copy:02d}{match.group(2)}")
    shutil.copytree(chapter, target)
    suffix = f"（副本 {copy + 1}）"
    meta = target / "chapter.yml"
    data = yaml.safe_load(meta.read_text(encoding="utf-8"))
    title = str(data["title"])
    meta.write_text(
        meta.read_text(encoding="utf-8").replace(f"title: {title}", f"title: {title}{suffix}", 1), encoding="utf-8"
    )
    readme = target / "README.md"
    readme.write_text(
        readme.read_text(encoding="utf-8").replace(f"# {title}", f"# {title}{suffix}", 1), encoding="utf-8"
    )
    for page in target.rglob("*.md"):
        page.write_text(_relabel(page.read_text(encoding="utf-8"), f"c{copy}"), encoding="utf-8")
    # Links inside the copy that leave it still point at the original chapter, which exists.


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dest", type=Path, help="a folder that does not exist yet")
    parser.add_argument("--scale", type=int, default=1, help="copies of every chapter (default 1)")
    args = parser.parse_args()
    repo = Path(__file__).resolve().parent.parent
    pages = build_fullsize_course(repo, args.dest, args.scale)
    print(f"{pages} pages in {args.dest}")


if __name__ == "__main__":
    main()
