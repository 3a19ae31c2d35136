"""Outline generation: golden files, idempotence, check mode, markers, atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_tools
from tools.metadata import load_course
from tools.outline import lesson_rows, plan, render_module_outline
from tools.regions import RegionError, replace_regions

GOLDEN = FIXTURES / "golden"


@pytest.mark.parametrize(
    ("generated", "golden"),
    [
        ("01Demo/01Alpha/README.md", "module_README.md"),
        ("01Demo/README.md", "chapter_README.md"),
        ("index.md", "index.md"),
    ],
    ids=["module", "chapter", "index"],
)
def test_generated_files_match_golden(course: Path, generated: str, golden: str) -> None:
    result = run_tools("outline", cwd=course)
    assert result.code == 0, result.out + result.err
    assert (course / generated).read_text(encoding="utf-8") == (GOLDEN / golden).read_text(encoding="utf-8")


def test_second_run_changes_nothing(course: Path) -> None:
    assert run_tools("outline", cwd=course).code == 0
    before = {p: p.read_bytes() for p in course.rglob("*") if p.is_file()}
    second = run_tools("outline", cwd=course)
    assert second.code == 0
    assert "outline is up to date" in second.out
    assert {p: p.read_bytes() for p in course.rglob("*") if p.is_file()} == before


def test_check_mode_names_stale_files_and_writes_nothing(course: Path) -> None:
    before = {p: p.read_bytes() for p in course.rglob("*") if p.is_file()}
    result = run_tools("outline", "--check", cwd=course)
    assert result.code == 1
    stale = [line.split(":")[0] for line in result.out.splitlines() if ": stale-outline: " in line]
    assert stale == ["01Demo/01Alpha/README.md", "01Demo/02Beta/README.md", "01Demo/README.md", "index.md"]
    assert "01Demo/02Beta/README.md:3: stale-outline:" in result.out  # the begin marker of the stale region
    assert {p: p.read_bytes() for p in course.rglob("*") if p.is_file()} == before
    assert run_tools("outline", cwd=course).code == 0
    assert run_tools("outline", "--check", cwd=course).code == 0


def test_text_outside_markers_is_kept_byte_for_byte(course: Path) -> None:
    readme = course / "01Demo/README.md"
    original = readme.read_text(encoding="utf-8")
    run_tools("outline", cwd=course)
    updated = readme.read_text(encoding="utf-8")
    head, tail = original.split("<!-- tools:modules:begin -->")[0], original.split("<!-- tools:modules:end -->")[1]
    assert updated.startswith(head) and updated.endswith(tail)


def test_crlf_files_keep_their_line_endings(course: Path) -> None:
    readme = course / "01Demo/02Beta/README.md"
    readme.write_bytes(readme.read_bytes().replace(b"\n", b"\r\n"))
    assert run_tools("outline", cwd=course).code == 0
    data = readme.read_bytes()
    assert b"| 01 \xe5\x94\xaf" in data  # the generated row
    assert data.count(b"\n") == data.count(b"\r\n")


def test_missing_marker_is_reported_and_nothing_is_written(course: Path) -> None:
    readme = course / "01Demo/01Alpha/README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("<!-- tools:toctree:end -->\n", ""), encoding="utf-8")
    index_before = (course / "index.md").read_bytes()
    result = run_tools("outline", cwd=course)
    assert result.code == 1
    assert (
        "01Demo/01Alpha/README.md:10: region-markers: has '<!-- tools:toctree:begin -->' without '<!-- "
        "tools:toctree:end -->'; add the missing marker line" in result.out
    )
    assert "nothing was written" in result.out
    assert (course / "index.md").read_bytes() == index_before


def test_no_temporary_files_are_left_behind(course: Path) -> None:
    run_tools("outline", cwd=course)
    assert not [p for p in course.rglob("*.tmp")]


def test_several_labelled_videos_render_one_row_each(course: Path) -> None:
    loaded, problems = load_course(course)
    assert problems == []
    second = loaded.chapters[0].modules[0].lessons[1]
    assert [title for title, _ in lesson_rows(second)] == ["02 第二课(上)", "02 第二课(下)"]


def test_replace_regions_replaces_only_the_body() -> None:
    assert replace_regions("a\n<!-- tools:x:begin -->\nold\n<!-- tools:x:end -->\nb\n", {"x": "new"}) == (
        "a\n<!-- tools:x:begin -->\nnew\n<!-- tools:x:end -->\nb\n"
    )


def test_end_before_begin_is_an_error() -> None:
    with pytest.raises(RegionError) as info:
        replace_regions("<!-- tools:x:end -->\n<!-- tools:x:begin -->\n", {"x": ""})
    assert info.value.line == 1


def test_planned_lessons_have_no_links(course: Path) -> None:
    loaded, _ = load_course(course)
    table = render_module_outline(loaded.chapters[0].modules[0])
    assert "| 进阶 | 03 第三课 | 规划中 |" in table
    assert "03Third" not in table
    assert plan(loaded).problems == []


def test_repeated_marker_is_reported_at_the_repeat() -> None:
    text = "<!-- tools:x:begin -->\n<!-- tools:x:end -->\n<!-- tools:x:begin -->\n"
    with pytest.raises(RegionError) as info:
        replace_regions(text, {"x": ""})
    assert info.value.line == 3
    assert "remove the repeated marker" in info.value.message
