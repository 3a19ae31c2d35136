"""Every ```python block of every lesson runs, so a number in the text cannot disagree with its code."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import REPO
from tools.metadata import load_course


def _python_blocks(text: str) -> list[tuple[int, str]]:
    tokens = MarkdownIt("commonmark").parse(text)
    return [
        (token.map[0] + 2 if token.map else 0, token.content)
        for token in tokens
        if token.type == "fence" and token.info.strip().split(" ")[0] in {"python", "py", "python3"}
    ]


def _lessons_with_code() -> list[Path]:
    course, _ = load_course(REPO)
    pages = [module.dir / lesson.file for module, lesson in course.lessons() if not lesson.planned]
    return [page for page in pages if page.is_file() and _python_blocks(page.read_text(encoding="utf-8"))]


def test_the_course_has_executable_snippets() -> None:
    assert len(_lessons_with_code()) >= 5


@pytest.mark.parametrize("page", _lessons_with_code(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_lesson_snippets_run(page: Path) -> None:
    namespace: dict[str, object] = {"__name__": "__lesson__"}
    for line, code in _python_blocks(page.read_text(encoding="utf-8")):
        try:
            exec(compile(code, f"{page.relative_to(REPO)}:{line}", "exec"), namespace)
        except Exception as exc:  # report the lesson and line, not this file
            pytest.fail(f"{page.relative_to(REPO)}, block at line {line}: {type(exc).__name__}: {exc}", pytrace=False)
