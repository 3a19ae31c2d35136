"""Bad metadata, one case each: the exact message, its file:line:column, and the exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_tools
from tools.check import check_course
from tools.metadata import load_course

ALPHA = "01Demo/01Alpha/module.yml"
GOOD_LESSON = "  - number: 1\n    file: 01First.md\n    title: 第一课\n    section: 基础\n"
HEAD = "title: 阿尔法模块\nsummary: 第一个模块\nlessons:\n"

# case id -> (file to write, its text, the one diagnostic line expected from the metadata checks)
CASES: dict[str, tuple[str, str, str]] = {
    "yaml-syntax": (
        ALPHA,
        HEAD + GOOD_LESSON + "  - number: 2\n    title: [unclosed\n",
        "01Demo/01Alpha/module.yml:10:1: yaml-syntax: YAML syntax error: did not find expected ',' or ']' (while "
        "parsing a flow sequence that starts at line 9, column 12); fix the YAML at this position",
    ),
    "unknown-key": (
        ALPHA,
        HEAD + GOOD_LESSON + "    vidoes: []\n",
        "01Demo/01Alpha/module.yml:8:5: unknown-key: unknown key 'vidoes' in a lesson; did you mean 'videos'? "
        "Valid keys: number, file, title, section, planned, summary, videos, slides",
    ),
    "missing-key": (
        ALPHA,
        HEAD + "  - number: 1\n    file: 01First.md\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:4:5: missing-key: a lesson lacks the required key 'title' (lesson title, the "
        "H1 of the article)",
    ),
    "wrong-type": (
        ALPHA,
        HEAD + GOOD_LESSON.replace("number: 1", "number: one"),
        "01Demo/01Alpha/module.yml:4:13: wrong-type: 'number' in a lesson must be an integer, found a string 'one'",
    ),
    "wrong-type-list": (
        ALPHA,
        "title: 阿尔法模块\nsummary: 第一个模块\nlessons: 01First.md\n",
        "01Demo/01Alpha/module.yml:3:10: wrong-type: 'lessons' in module.yml must be a list, found a string "
        "'01First.md'",
    ),
    "empty-title": (
        ALPHA,
        HEAD + GOOD_LESSON.replace("title: 第一课", 'title: ""'),
        "01Demo/01Alpha/module.yml:6:12: wrong-type: 'title' in a lesson must be a non-empty string, found an "
        "empty string",
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
        "01Demo/01Alpha/module.yml:9:11: missing-file: lesson file '02Gone.md' does not exist in 01Alpha/; write "
        "the article, or mark the lesson `planned: true`",
    ),
    "case-mismatch": (
        ALPHA,
        HEAD + GOOD_LESSON + "  - number: 2\n    file: 02second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:11: case-mismatch: lesson file '02second.md' differs in case from "
        "'02Second.md' on disk (breaks on Linux and on the site); use the exact name",
    ),
    "unlisted-lesson": (
        ALPHA,
        HEAD + GOOD_LESSON,
        "01Demo/01Alpha/02Second.md:1: unlisted-lesson: '02Second.md' is not listed in 01Alpha/module.yml; add a "
        "lesson entry for it (python -m tools new-lesson) or delete the file",
    ),
    "duplicate-file": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "  - number: 2\n    file: 01First.md\n    title: 第一课\n    section: 基础\n  - number: 3\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:11: duplicate-file: file '01First.md' is already used by lesson 01 "
        "(01Demo/01Alpha/module.yml:4); give each lesson its own file",
    ),
    "duplicate-number": (
        ALPHA,
        HEAD + GOOD_LESSON + "  - number: 1\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:8:13: duplicate-number: number 1 is already used by '第一课' "
        "(01Demo/01Alpha/module.yml:4); renumber one of them",
    ),
    "duplicate-video-across-lessons": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "    videos:\n      - url: https://www.bilibili.com/video/BV1QTbxzyETx/\n"
        + "  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n"
        + "    videos:\n      - url: https://www.bilibili.com/video/BV1QTbxzyETx\n",
        "01Demo/01Alpha/module.yml:15:14: duplicate-resource: 'https://www.bilibili.com/video/BV1QTbxzyETx' is "
        "already attached to '第一课' (01Demo/01Alpha/module.yml:4); each video or deck belongs to one lesson",
    ),
    "title-mismatch": (
        "01Demo/01Alpha/01First.md",
        "# 第一堂课\n\n正文。\n",
        "01Demo/01Alpha/01First.md:1:3: title-mismatch: H1 '第一堂课' differs from the lesson title '第一课' in "
        "01Demo/01Alpha/module.yml:7; make them the same",
    ),
    "malformed-bilibili-url": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "    videos:\n      - url: https://www.bilibili.com/video/BV1QTb/\n  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:14: bad-video-url: Bilibili video URL "
        "'https://www.bilibili.com/video/BV1QTb/' is malformed: expected https://www.bilibili.com/video/BV + 10 "
        "characters",
    ),
    "video-not-http": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "    videos:\n      - url: BV1QTbxzyETx\n  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:14: bad-url: video URL 'BV1QTbxzyETx' is not an http(s) address; link the "
        "video page, e.g. https://www.bilibili.com/video/BV…/",
    ),
    "planned-but-written": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "    planned: true\n  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:8:14: planned-but-written: '01First.md' exists but the lesson is marked "
        "`planned: true`; remove `planned` so the table links the article",
    ),
    "split-section": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 进阶\n"
        + "  - number: 3\n    file: 03Third.md\n    title: 第三课\n    section: 基础\n    planned: true\n",
        "01Demo/01Alpha/module.yml:15:14: split-section: section '基础' resumes after '进阶'; keep the lessons of one "
        "section together",
    ),
    "control-character-in-title": (
        ALPHA,
        HEAD + GOOD_LESSON.replace("title: 第一课", 'title: "第一课\\n<b>"'),
        "01Demo/01Alpha/module.yml:6:12: control-character: 'title' in a lesson contains U+000A (control "
        "character); write it as one line of plain text",
    ),
    "control-character-in-section": (
        ALPHA,
        HEAD + GOOD_LESSON.replace("section: 基础", 'section: "基础\\u2028"'),
        "01Demo/01Alpha/module.yml:7:14: control-character: 'section' in a lesson contains U+2028 (line "
        "separator); write it as one line of plain text",
    ),
    "control-character-in-video-title": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + '    videos:\n      - url: https://example.com/v\n        title: "上\\t下"\n  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n',
        "01Demo/01Alpha/module.yml:10:16: control-character: 'title' in a video entry contains U+0009 (control "
        "character); write it as one line of plain text",
    ),
    "control-character-in-module-summary": (
        ALPHA,
        HEAD.replace("summary: 第一个模块", "summary: |\n  第一个模块\n  第二行") + GOOD_LESSON,
        "01Demo/01Alpha/module.yml:2:10: control-character: 'summary' in module.yml contains U+000A (control "
        "character); write it as one line of plain text",
    ),
    "url-closing-the-markdown-link": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "    videos:\n      - url: \"https://example.com/x)<svg/onload='alert(1)'>\"\n  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:14: bad-url: video URL 'https://example.com/x)<svg/onload='alert(1)'>' "
        "contains ')'; write the address percent-encoded (e.g. %20, %28, %29)",
    ),
    "url-with-a-tab": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "    videos:\n      - url: \"https://example.com/x)<svg\\tonload='alert(1)'>\"\n  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:14: control-character: 'url' in a video entry contains U+0009 (control "
        "character); write it as one line of plain text",
    ),
    "url-with-space": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "    slides:\n      - url: https://example.com/a b.pdf\n  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:14: bad-url: slide deck URL 'https://example.com/a b.pdf' contains a space; "
        "write the address percent-encoded (e.g. %20, %28, %29)",
    ),
    "url-javascript": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "    slides:\n      - url: javascript:alert(document.domain)\n  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:14: bad-url: slide deck URL 'javascript:alert(document.domain)' contains "
        "'('; write the address percent-encoded (e.g. %20, %28, %29)",
    ),
    "url-javascript-no-parentheses": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "    slides:\n      - url: javascript:alert`1`\n  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:14: bad-url: slide deck URL 'javascript:alert`1`' contains '`'; write the "
        "address percent-encoded (e.g. %20, %28, %29)",
    ),
    "url-ftp": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "    slides:\n      - url: ftp://example.com/a.pdf\n  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:14: bad-url: slide deck URL 'ftp://example.com/a.pdf' has unsupported scheme "
        "'ftp'; use https://",
    ),
    "slides-path-traversal": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "    slides:\n      - url: ../../../../../../../../etc/passwd\n  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:14: outside-repository: slide deck file '../../../../../../../../etc/passwd' "
        "is outside the repository; put the file in the module folder or link an https:// address",
    ),
    "slides-absolute-path": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "    slides:\n      - url: /etc/passwd\n  - number: 2\n    file: 02Second.md\n    title: 第二课\n    section: 基础\n",
        "01Demo/01Alpha/module.yml:9:14: outside-repository: slide deck file '/etc/passwd' is outside the "
        "repository; put the file in the module folder or link an https:// address",
    ),
    "stem-too-long": (
        ALPHA,
        HEAD
        + GOOD_LESSON
        + "  - number: 2\n    file: 02"
        + "x" * 250
        + ".md\n    title: 第二课\n    section: 基础\n    planned: true\n",
        "01Demo/01Alpha/module.yml:9:11: bad-file-name: lesson file '02"
        + "x" * 250
        + ".md' must be a plain Markdown file name in the module folder, e.g. 01Intro.md (letters, digits, '-' and '_', at most 80 characters before .md)",
    ),
    "date-is-not-a-string": (
        ALPHA,
        HEAD + GOOD_LESSON.replace("title: 第一课", "title: 2024-01-01"),
        "01Demo/01Alpha/module.yml:6:12: wrong-type: 'title' in a lesson must be a non-empty string, found a date "
        "'2024-01-01'; quote it to use it as text",
    ),
    "float-is-a-number": (
        ALPHA,
        HEAD + GOOD_LESSON.replace("number: 1", "number: 1.5"),
        "01Demo/01Alpha/module.yml:4:13: wrong-type: 'number' in a lesson must be an integer, found a number '1.5'",
    ),
    "unclosed-quote-at-its-start": (
        ALPHA,
        HEAD + GOOD_LESSON.replace("title: 第一课", 'title: "第一课'),
        "01Demo/01Alpha/module.yml:6:12: yaml-syntax: YAML syntax error: while scanning a quoted scalar that "
        "starts here reaches the end of the file (line 8) unclosed; fix the YAML at this position",
    ),
    "empty-chapter-metadata": (
        "01Demo/chapter.yml",
        "",
        "01Demo/chapter.yml:1:1: empty-metadata: file is empty; it must be a mapping with the keys: title, summary",
    ),
    "misnamed-module-folder": (
        "01Demo/05my-module/module.yml",
        HEAD + "  - number: 1\n    file: 01X.md\n    title: 某课\n    section: 基础\n    planned: true\n",
        "01Demo/05my-module/:1: bad-folder-name: module folder '05my-module' must be named with two digits and a "
        "letters-and-digits name, e.g. 05MyModule; rename it (it is not part of the course as it is)",
    ),
    "chapter-missing-summary": (
        "01Demo/chapter.yml",
        "title: 演示章节\n",
        "01Demo/chapter.yml:1:1: missing-key: chapter.yml lacks the required key 'summary' (one sentence for the "
        "landing page card)",
    ),
}


def _metadata_problems(course: Path) -> list[str]:
    loaded, problems = load_course(course)
    return [d.format_text() for d in sorted(problems + check_course(loaded), key=lambda d: d.sort_key())]


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_metadata_is_reported_precisely(course: Path, case: str) -> None:
    path, text, expected = CASES[case]
    (course / path).parent.mkdir(exist_ok=True)
    (course / path).write_text(text, encoding="utf-8")
    assert _metadata_problems(course) == [expected]


@pytest.mark.parametrize("case", ["yaml-syntax", "unknown-key", "missing-file", "title-mismatch"])
def test_cli_reports_bad_metadata_without_traceback(course: Path, case: str) -> None:
    path, text, expected = CASES[case]
    (course / path).write_text(text, encoding="utf-8")
    result = (
        run_tools("outline", "--check", cwd=course)
        if case in {"yaml-syntax", "unknown-key"}
        else run_tools("check", cwd=course)
    )
    assert result.code == 1
    assert "Traceback" not in result.err + result.out
    assert expected in result.out


def test_merge_keys_are_expanded_not_reported(course: Path) -> None:
    (course / ALPHA).write_text(
        HEAD
        + "  - &first\n    number: 1\n    file: 01First.md\n    title: 第一课\n    section: 基础\n"
        + "  - <<: *first\n    number: 2\n    file: 02Second.md\n    title: 第二课\n",
        encoding="utf-8",
    )
    assert _metadata_problems(course) == []
    loaded, _ = load_course(course)
    assert [(lesson.number, lesson.section) for lesson in loaded.chapters[0].modules[0].lessons] == [
        (1, "基础"),
        (2, "基础"),
    ]


def test_one_problem_is_not_problems(course: Path) -> None:
    assert run_tools("outline", cwd=course).code == 0
    path, text, expected = CASES["title-mismatch"]
    (course / path).write_text(text, encoding="utf-8")
    result = run_tools("check", cwd=course)
    assert result.out.endswith("\n1 problem in 1 file\n"), result.out


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
        "01Demo/02Beta/module.yml:1: missing-metadata: module folder 02Beta/ has no module.yml; create it with "
        "title, summary and lessons (see CONTRIBUTING.md)"
    ]
