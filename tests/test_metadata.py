"""Bad metadata, one case each: the exact message, its file:line:column, and the exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_tools
from tools.metadata import load_course
from tools.check import check_course

ALPHA = "01Demo/01Alpha/module.yml"
GOOD_LESSON = "  - number: 1\n    file: 01First.md\n    title: 第一课\n    section: 基础\n"
HEAD = "title: 阿尔法模块\nsummary: 第一个模块\nlessons:\n"

# case id -> (file to write, its text, the one diagnostic line expected from the metadata checks)
CASES: dict[str, tuple[str, str, str]] = {
    "yaml-syntax": (
        ALPHA,
        HEAD + GOOD_LESSON + "  - number: 2\n    title: [unclosed\n",
        "01Demo/01Alpha/module.yml:10:1: yaml-syntax: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 9, column 12); fix the YAML at this position",
    ),
    "unknown-key": (
        ALPHA,
        HEAD + GOOD_LESSON + "    vidoes: []\n",
        "01Demo/01Alpha/module.yml:8:5: unknown-key: unknown key 'vidoes' in a lesson; did you mean 'videos'? Valid keys: number, file, title, section, planned, summary, videos, slides",
    ),
    "missing-key": (
        ALPHA,
        HEAD + "  - number: 1\n    file: 01First.md\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:4:5: missing-key: a lesson lacks the required key 'title' (lesson title, the H1 of the article)",
    ),
    "wrong-type": (
        ALPHA,
        HEAD + GOOD_LESSON.replace("number: 1", "number: one"),
        "01Demo/01Alpha/module.yml:4:13: wrong-type: 'number' in a lesson must be an integer, found a string 'one'",
    ),
    "wrong-type-list": (
        ALPHA,
        "title: 阿尔法模块\nsummary: 第一个模块\nlessons: 01First.md\n",
        "01Demo/01Alpha/module.yml:3:10: wrong-type: 'lessons' in module.yml must be a list, found a string '01First.md'",
    ),
    "empty-title": (
        ALPHA,
        HEAD + GOOD_LESSON.replace("title: 第一课", 'title: ""'),
        "01Demo/01Alpha/module.yml:6:12: wrong-type: 'title' in a lesson must be a non-empty string, found an empty string",
    ),
    "duplicate-key": (
        ALPHA,
        HEAD + GOOD_LESSON + "    title: 又一个标题\n",
        "01Demo/01Alpha/module.yml:8:5: duplicate-key: key 'title' is repeated in a lesson (first at line 6); keep one",
    ),
    "missing-file": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "  - number: 2\n    file: 02Gone.md\n    title: 第二课\n    section: 基础\n"
        + "  - number: 3\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:11: missing-file: lesson file '02Gone.md' does not exist in 01Alpha/; write the article, or mark the lesson `planned: true`",
    ),
    "case-mismatch": (
        ALPHA,
        HEAD + GOOD_LESSON + "  - number: 2\n    file: 02second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:11: case-mismatch: lesson file '02second.md' differs in case from '02Second.md' on disk (breaks on Linux and on the site); use the exact name",
    ),
    "unlisted-lesson": (
        ALPHA,
        HEAD + GOOD_LESSON,
        "01Demo/01Alpha/02Second.md:1: unlisted-lesson: '02Second.md' is not listed in 01Alpha/module.yml; add a lesson entry for it (python -m tools new-lesson) or delete the file",
    ),
    "duplicate-file": (
        ALPHA,
        HEAD + GOOD_LESSON + "  - number: 2\n    file: 01First.md\n    title: 第一课\n    section: 基础\n  - number: 3\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:11: duplicate-file: file '01First.md' is already used by lesson 01 (01Demo/01Alpha/module.yml:4); give each lesson its own file",
    ),
    "duplicate-number": (
        ALPHA,
        HEAD + GOOD_LESSON + "  - number: 1\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:8:13: duplicate-number: number 1 is already used by '第一课' (01Demo/01Alpha/module.yml:4); renumber one of them",
    ),
    "duplicate-video-across-lessons": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "    videos:\n      - url: https://www.bilibili.com/video/BV1QTbxzyETx/\n"
        + "  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n"
        + "    videos:\n      - url: https://www.bilibili.com/video/BV1QTbxzyETx\n",
        "01Demo/01Alpha/module.yml:15:14: duplicate-resource: 'https://www.bilibili.com/video/BV1QTbxzyETx' is already attached to '第一课' (01Demo/01Alpha/module.yml:4); each video or deck belongs to one lesson",
    ),
    "title-mismatch": (
        "01Demo/01Alpha/01First.md",
        "# 第一堂课\n\n正文。\n",
        "01Demo/01Alpha/01First.md:1:3: title-mismatch: H1 '第一堂课' differs from the lesson title '第一课' in 01Demo/01Alpha/module.yml:7; make them the same",
    ),
    "malformed-bilibili-url": (
        ALPHA,
        HEAD + GOOD_LESSON + "    videos:\n      - url: https://www.bilibili.com/video/BV1QTb/\n  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:14: bad-video-url: Bilibili video URL 'https://www.bilibili.com/video/BV1QTb/' is malformed: expected https://www.bilibili.com/video/BV + 10 characters",
    ),
    "video-not-http": (
        ALPHA,
        HEAD + GOOD_LESSON + "    videos:\n      - url: BV1QTbxzyETx\n  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:14: bad-url: video URL 'BV1QTbxzyETx' is not an http(s) address; link the video page, e.g. https://www.bilibili.com/video/BV…/",
    ),
    "planned-but-written": (
        ALPHA,
        HEAD + GOOD_LESSON + "    planned: true\n  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:8:14: planned-but-written: '01First.md' exists but the lesson is marked `planned: true`; remove `planned` so the table links the article",
    ),
    "split-section": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 进阶\n"
        + "  - number: 3\n    file: 03Third.md\n    title: 第三课\n    section: 基础\n    planned: true\n",
        "01Demo/01Alpha/module.yml:15:14: split-section: section '基础' resumes after '进阶'; keep the lessons of one section together",
    ),
    "chapter-missing-summary": (
        "01Demo/chapter.yml",
        "title: 演示章节\n",
        "01Demo/chapter.yml:1:1: missing-key: chapter.yml lacks the required key 'summary' (one sentence for the landing page card)",
    ),
}


def _metadata_problems(course: Path) -> list[str]:
    loaded, problems = load_course(course)
    return [d.format_text() for d in sorted(problems + check_course(loaded), key=lambda d: d.sort_key())]


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_metadata_is_reported_precisely(course: Path, case: str) -> None:
    path, text, expected = CASES[case]
    (course / path).write_text(text, encoding="utf-8")
    assert _metadata_problems(course) == [expected]


@pytest.mark.parametrize("case", ["yaml-syntax", "unknown-key", "missing-file", "title-mismatch"])
def test_cli_reports_bad_metadata_without_traceback(course: Path, case: str) -> None:
    path, text, expected = CASES[case]
    (course / path).write_text(text, encoding="utf-8")
    result = run_tools("outline", "--check", cwd=course) if case in {"yaml-syntax", "unknown-key"} else run_tools("check", cwd=course)
    assert result.code == 1
    assert "Traceback" not in result.err + result.out
    assert expected in result.out


def test_fixture_course_is_clean(course: Path) -> None:
    assert _metadata_problems(course) == []


def test_not_a_course_is_a_usage_error(tmp_path: Path) -> None:
    result = run_tools("outline", "--check", cwd=tmp_path)
    assert result.code == 2
    assert "no chapter folders" in result.err
    assert "Traceback" not in result.err


def test_invalid_utf8_is_reported(course: Path) -> None:
    (course / ALPHA).write_bytes("title: 阿尔法\n".encode() + b"summary: x\xff\n")
    assert _metadata_problems(course)[0] == (
        "01Demo/01Alpha/module.yml:2:11: encoding: byte 0xff is not valid UTF-8; save the file as UTF-8"
    )


def test_missing_module_metadata(course: Path) -> None:
    (course / "01Demo/02Beta/module.yml").unlink()
    assert _metadata_problems(course) == [
        "01Demo/02Beta/module.yml:1: missing-metadata: module folder 02Beta/ has no module.yml; create it with title, summary and lessons (see CONTRIBUTING.md)"
    ]
