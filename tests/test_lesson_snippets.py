"""Every ```python block of every lesson runs, and what it prints is what readers see beneath it.

A snippet that prints must be followed by an ```output block holding exactly that text, so a number
on the page cannot disagree with the code that computes it, and readers see results instead of bare
asserts. Blocks of one page share a namespace, in page order.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import REPO
from tools.metadata import load_course

PYTHON = {"python", "py", "python3"}


@dataclass(frozen=True)
class Snippet:
    line: int  # 1-based line of the first code line
    code: str
    output: str | None  # the ```output block right after it, if any
    output_line: int


def snippets(text: str) -> list[Snippet]:
    """The page's python blocks, each with the output block that directly follows it."""
    lines = text.splitlines()
    fences = [t for t in MarkdownIt("commonmark").parse(text) if t.type == "fence" and t.map]
    found: list[Snippet] = []
    for index, token in enumerate(fences):
        if token.info.strip().split(" ")[0] not in PYTHON or token.map is None:
            continue
        after = fences[index + 1] if index + 1 < len(fences) else None
        shown = (
            after is not None
            and after.map is not None
            and after.info.strip() == "output"
            and _blank(lines, token.map[1], after.map[0])
        )
        found.append(
            Snippet(
                line=token.map[0] + 2,
                code=token.content,
                output=after.content if shown and after is not None else None,
                output_line=after.map[0] + 1 if shown and after is not None and after.map else 0,
            )
        )
    return found


def _blank(lines: list[str], start: int, end: int) -> bool:
    return all(not line.strip() for line in lines[start:end])


def _normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def run_page(page: Path, relative: str) -> list[str]:
    """Run the page's snippets in order; return one message per disagreement."""
    problems: list[str] = []
    namespace: dict[str, object] = {"__name__": "__lesson__"}
    for snippet in snippets(page.read_text(encoding="utf-8")):
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                exec(compile(snippet.code, f"{relative}:{snippet.line}", "exec"), namespace)
        except Exception as exc:  # report the lesson and line, not this file
            problems.append(f"{relative}:{snippet.line}: the snippet fails: {type(exc).__name__}: {exc}")
            continue
        actual = _normalise(printed.getvalue())
        if snippet.output is None:
            if actual:
                problems.append(
                    f"{relative}:{snippet.line}: the snippet prints but readers do not see it; "
                    f"add right after it:\n```output\n{actual}\n```"
                )
        elif _normalise(snippet.output) != actual:
            problems.append(
                f"{relative}:{snippet.output_line}: the output block differs from what the snippet prints; "
                f"replace it with:\n```output\n{actual}\n```"
            )
    return problems


def _lessons_with_code() -> list[Path]:
    course, _ = load_course(REPO)
    pages = [module.dir / lesson.file for module, lesson in course.lessons() if not lesson.planned]
    return sorted(page for page in pages if page.is_file() and snippets(page.read_text(encoding="utf-8")))


def test_the_course_has_executable_snippets() -> None:
    assert len(_lessons_with_code()) >= 5


@pytest.mark.parametrize("page", _lessons_with_code(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_lesson_snippets_run_and_show_their_output(page: Path) -> None:
    problems = run_page(page, page.relative_to(REPO).as_posix())
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_a_printed_result_must_be_shown(tmp_path: Path) -> None:
    page = tmp_path / "lesson.md"
    page.write_text("# T\n\n```python\nprint(6 * 7)\n```\n", encoding="utf-8")
    assert run_page(page, "lesson.md") == [
        "lesson.md:4: the snippet prints but readers do not see it; add right after it:\n```output\n42\n```"
    ]


def test_a_stale_output_block_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "lesson.md"
    page.write_text("# T\n\n```python\nx = 6\nprint(x * 7)\n```\n\n```output\n41\n```\n", encoding="utf-8")
    assert run_page(page, "lesson.md") == [
        "lesson.md:8: the output block differs from what the snippet prints; replace it with:\n```output\n42\n```"
    ]


def test_matching_output_passes_and_blocks_share_a_namespace(tmp_path: Path) -> None:
    page = tmp_path / "lesson.md"
    page.write_text(
        "# T\n\n```python\nx = 6\n```\n\ntext\n\n```python\nprint(x * 7)\n```\n```output\n42\n```\n",
        encoding="utf-8",
    )
    assert run_page(page, "lesson.md") == []


def test_an_output_block_after_prose_does_not_belong_to_the_snippet(tmp_path: Path) -> None:
    page = tmp_path / "lesson.md"
    page.write_text("# T\n\n```python\nprint(1)\n```\n\nprose\n\n```output\n1\n```\n", encoding="utf-8")
    assert run_page(page, "lesson.md")[0].startswith("lesson.md:4: the snippet prints but readers do not see it")
