"""Outline tables and toctrees rendered from the model, and the ``outline`` command.

Rendering functions are pure (model in, Markdown out) and escape every metadata value;
:func:`plan` compares what the files should hold with what they hold, and
:func:`regenerate` writes the difference, or reports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tools.diagnostics import Diagnostic, encoding_diagnostic, relative_posix, sorted_diagnostics
from tools.escape import escape_inline, escape_line
from tools.metadata import load_course
from tools.model import Chapter, Course, Lesson, Module
from tools.regions import RegionError, find_regions, replace_regions, split_lines
from tools.writes import course_lock, write_all

INDEX_FILE = "index.md"


def _cell(text: str) -> str:
    return escape_inline(text)


def _numbered(count: int, word: str) -> list[str]:
    """Link texts for ``count`` links of one kind: ``视频``, or ``视频 1``, ``视频 2``..."""
    return [word] if count == 1 else [f"{word} {i}" for i in range(1, count + 1)]


def lesson_rows(lesson: Lesson) -> list[tuple[str, str]]:
    """(小节, 链接) cells for a lesson: one row per video when its videos carry titles."""
    slide_links = [
        f"[{label}]({res.url})" for label, res in zip(_numbered(len(lesson.slides), "PPT"), lesson.slides, strict=True)
    ]
    article = [] if lesson.planned else [f"[文章](./{lesson.file})"]

    def links(videos: list[str]) -> str:
        parts = slide_links + videos + article
        if lesson.planned:
            return ", ".join(parts) + "（文章撰写中）" if parts else "规划中"
        return ", ".join(parts)

    if len(lesson.videos) > 1 and all(v.title for v in lesson.videos):
        return [(f"{lesson.number:02d} {v.title}", links([f"[视频]({v.url})"])) for v in lesson.videos]
    video_links = [
        f"[{label}]({res.url})" for label, res in zip(_numbered(len(lesson.videos), "视频"), lesson.videos, strict=True)
    ]
    return [(lesson.label, links(video_links))]


def render_module_outline(module: Module) -> str:
    rows = ["| 大纲 | 小节 | 链接 |", "|:-- |:-- |:-- |"]
    for lesson in module.lessons:
        for title, links in lesson_rows(lesson):
            rows.append(f"| {_cell(lesson.section)} | {_cell(title)} | {links} |")
    return "\n".join(rows)


def _toctree(entries: list[str], options: list[str]) -> str:
    if not entries:
        return ""
    return "\n".join(["```{toctree}", *options, "", *entries, "```"])


def render_module_toctree(module: Module) -> str:
    return _toctree([lesson.stem for lesson in module.published], [":hidden:"])


def _count(module: Module) -> str:
    written = len(module.published)
    return f"{len(module.lessons)} 节" + (f"，已完成 {written} 篇" if written else "，规划中")


def render_chapter_modules(chapter: Chapter) -> str:
    rows = ["| 模块 | 内容 | 小节 |", "|:-- |:-- |:-- |"]
    for module in chapter.modules:
        rows.append(
            f"| [{module.number} {_cell(module.title)}](./{module.name}/README.md) | {_cell(module.summary)} | "
            f"{_count(module)} |"
        )
    toctree = _toctree([f"{m.name}/README" for m in chapter.modules], [":hidden:"])
    return "\n".join(rows) + ("\n\n" + toctree if toctree else "")


def render_index_cards(course: Course) -> str:
    lines = ["::::{grid} 1 2 2 3", ":gutter: 3", ""]
    for chapter in course.chapters:
        lessons = sum(len(m.lessons) for m in chapter.modules)
        lines += [
            f":::{{grid-item-card}} {chapter.number} {escape_inline(chapter.title)}",
            f":link: {chapter.name}/README",
            ":link-type: doc",
            "",
            escape_line(chapter.summary),
            "",
            f"{{bdg-secondary-line}}`{len(chapter.modules)} 个模块` {{bdg-secondary-line}}`{lessons} 节`",
            ":::",
            "",
        ]
    lines.append("::::")
    return "\n".join(lines)


def render_index_toctree(course: Course) -> str:
    return _toctree([f"{c.name}/README" for c in course.chapters], [":caption: 课程目录", ":maxdepth: 2"])


def expected_regions(course: Course) -> dict[Path, dict[str, str]]:
    """Every generated region of the course, by file."""
    regions: dict[Path, dict[str, str]] = {
        course.root / INDEX_FILE: {"chapters": render_index_cards(course), "toctree": render_index_toctree(course)}
    }
    for chapter in course.chapters:
        regions[chapter.readme] = {"modules": render_chapter_modules(chapter)}
        for module in chapter.modules:
            regions[module.readme] = {
                "outline": render_module_outline(module),
                "toctree": render_module_toctree(module),
            }
    return regions


@dataclass(frozen=True)
class Plan:
    """New contents of the files whose generated regions are stale."""

    changes: dict[Path, str]
    stale_lines: dict[Path, int]  # first line of the first stale region, for reports
    problems: list[Diagnostic]


def plan(course: Course) -> Plan:
    changes: dict[Path, str] = {}
    stale_lines: dict[Path, int] = {}
    problems: list[Diagnostic] = []
    for path, contents in expected_regions(course).items():
        rel = relative_posix(path, course.root)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            problems.append(
                Diagnostic(
                    rel,
                    1,
                    None,
                    "missing-file",
                    "file does not exist; create it with an H1 title, an introduction and the generated-region markers",
                )
            )
            continue
        except OSError as exc:
            problems.append(Diagnostic(rel, 1, None, "unreadable", f"cannot read file: {exc.strerror or exc}"))
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(encoding_diagnostic(rel, data, exc))
            continue
        try:
            new = replace_regions(text, contents)
        except RegionError as exc:
            problems.append(Diagnostic(rel, exc.line, None, exc.kind, exc.message))
            continue
        if new != text:
            changes[path] = new
            stale_lines[path] = _first_stale_line(text, new, list(contents))
    return Plan(changes, stale_lines, problems)


def _first_stale_line(old: str, new: str, names: list[str]) -> int:
    old_lines, new_lines = split_lines(old), split_lines(new)
    for region, new_region in zip(find_regions(old_lines, names), find_regions(new_lines, names), strict=True):
        if old_lines[region.begin : region.end] != new_lines[new_region.begin : new_region.end]:
            return region.begin + 1
    return 1


def stale_diagnostics(result: Plan, root: Path) -> list[Diagnostic]:
    return [
        Diagnostic(
            relative_posix(path, root),
            result.stale_lines[path],
            None,
            "stale-outline",
            "generated outline is out of date with the metadata; run `python -m tools outline` (or `make outline`)",
        )
        for path in result.changes
    ]


@dataclass(frozen=True)
class OutlineReport:
    """What ``outline`` found: problems (nothing written), stale files (check mode), files written."""

    problems: list[Diagnostic] = field(default_factory=list)
    stale: list[Diagnostic] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


def regenerate(root: Path, *, check_only: bool) -> OutlineReport:
    """Bring every generated region up to date (all files or none), or with ``check_only`` list the stale ones."""
    root = root.resolve()
    with course_lock(root):
        course, problems = load_course(root)
        result = plan(course)
        problems = sorted_diagnostics(problems + result.problems)
        if problems:
            return OutlineReport(problems=problems)
        if check_only:
            return OutlineReport(stale=sorted_diagnostics(stale_diagnostics(result, course.root)))
        written = write_all(result.changes, course.root)
    return OutlineReport(written=[relative_posix(path, course.root) for path in written])
