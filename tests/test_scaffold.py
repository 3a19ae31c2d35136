"""`python -m tools new-lesson`: one command adds a lesson, or refuses and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_tools
from tools.metadata import load_course


def _snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_new_lesson_creates_article_metadata_and_outline(course: Path) -> None:
    result = run_tools(
        "new-lesson", "01Demo/01Alpha", "05Fifth", "--title", "第五课：示例", "--section", "进阶", cwd=course
    )
    assert result.code == 0, result.out + result.err
    article = course / "01Demo/01Alpha/05Fifth.md"
    assert article.read_text(encoding="utf-8").startswith("# 第五课：示例\n")
    metadata = (course / "01Demo/01Alpha/module.yml").read_text(encoding="utf-8")
    assert metadata.startswith("# 注释会被保留\n")  # the author's comment survives
    assert metadata.endswith('  - number: 5\n    file: 05Fifth.md\n    title: "第五课：示例"\n    section: "进阶"\n')
    readme = (course / "01Demo/01Alpha/README.md").read_text(encoding="utf-8")
    assert "| 进阶 | 05 第五课：示例 | [文章](./05Fifth.md) |" in readme
    assert "\n05Fifth\n```" in readme
    assert "| [01 阿尔法模块](./01Alpha/README.md) | 第一个模块 \\| 含竖线 | 5 节，已完成 3 篇 |" in (
        course / "01Demo/README.md"
    ).read_text(encoding="utf-8")
    check = run_tools("check", cwd=course)
    assert check.code == 0, check.out + check.err


def test_defaults_take_next_number_and_last_section(course: Path) -> None:
    assert run_tools("new-lesson", "01Demo/02Beta", "02Next", "--title", "下一课", cwd=course).code == 0
    loaded, problems = load_course(course)
    assert problems == []
    lesson = loaded.chapters[0].modules[1].lessons[-1]
    assert (lesson.number, lesson.section, lesson.file, lesson.planned) == (2, "全部", "02Next.md", False)


def test_flow_style_metadata_is_extended_too(course: Path) -> None:
    # 02Beta writes its lesson as a one-line mapping; the new entry must still parse.
    assert run_tools("new-lesson", "01Demo/02Beta", "02Next", "--title", "下一课", cwd=course).code == 0
    assert run_tools("outline", "--check", cwd=course).code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["01Demo/09Missing", "01X", "--title", "标题"], "'01Demo/09Missing' is not a module folder"),
        (["01Demo/01Alpha", "01First", "--title", "标题"], "'01First.md' is already lesson 01 of 01Demo/01Alpha"),
        (["01Demo/01Alpha", "03Third", "--title", "标题"], "'03Third.md' is already lesson 03 of 01Demo/01Alpha"),
        (["01Demo/01Alpha", "09New", "--title", "标题", "--number", "2"], "number 2 is already used in 01Demo/01Alpha"),
        (["01Demo/01Alpha", "09New", "--title", "   "], "the title is empty"),
        (["01Demo/01Alpha", "09 New", "--title", "标题"], "'09 New' is not a valid lesson file stem"),
        (["01Demo/01Alpha", "README", "--title", "标题"], "'README' is not a valid lesson file stem"),
    ],
    ids=["no-module", "stem-taken", "planned-stem-taken", "number-taken", "empty-title", "space-in-stem", "readme"],
)
def test_refusals_change_nothing(course: Path, args: list[str], message: str) -> None:
    run_tools("outline", cwd=course)
    before = _snapshot(course)
    result = run_tools("new-lesson", *args, cwd=course)
    assert result.code == 2
    assert message in result.err
    assert "nothing was changed" in result.err
    assert "Traceback" not in result.err
    assert _snapshot(course) == before


def test_file_on_disk_with_other_case_is_refused(course: Path) -> None:
    (course / "01Demo/01Alpha/09new.md").write_text("# 草稿\n", encoding="utf-8")
    result = run_tools("new-lesson", "01Demo/01Alpha", "09New", "--title", "标题", cwd=course)
    assert result.code == 2
    assert "'09New.md' already exists" in result.err


def test_lesson_joins_the_end_of_an_existing_section(course: Path) -> None:
    assert (
        run_tools("new-lesson", "01Demo/01Alpha", "05Extra", "--title", "补充", "--section", "基础", cwd=course).code
        == 0
    )
    loaded, problems = load_course(course)
    assert problems == []
    assert [lesson.file for lesson in loaded.chapters[0].modules[0].lessons] == [
        "01First.md",
        "02Second.md",
        "05Extra.md",
        "03Third.md",
        "04Fourth.md",
    ]
    assert run_tools("check", cwd=course).code == 0
