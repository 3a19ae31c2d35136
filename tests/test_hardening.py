"""Hostile input and faults, one class each: no text lost, nothing half-written, messages not tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_tools
from tools import cli, writes
from tools.regions import replace_regions

MODULE = "01Demo/01Alpha"
ALPHA_README = "01Demo/01Alpha/README.md"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- Text outside the markers is kept byte for byte ---------------------------------------


@pytest.mark.parametrize(
    "oddity",
    ["\u2028", "\u0085", "\f", "\v", "\x1c", "\u2029", "\r"],
    ids=[
        "line-separator",
        "next-line",
        "form-feed",
        "vertical-tab",
        "file-separator",
        "paragraph-separator",
        "bare-cr",
    ],
)
def test_characters_that_splitlines_breaks_at_are_kept(course: Path, oddity: str) -> None:
    readme = course / ALPHA_README
    original = readme.read_text(encoding="utf-8")
    head, rest = original.split("## 课程大纲")
    text = (
        head.replace("模块介绍。", f"模块{oddity}介绍。")
        + "## 课程大纲"
        + rest.replace("\n\n<!-- tools:toctree", f"\n{oddity}x\n\n<!-- tools:toctree")
    )
    readme.write_bytes(text.encode("utf-8"))
    assert run_tools("outline", cwd=course).code == 0
    updated = readme.read_bytes().decode("utf-8")
    before_region = text.split("<!-- tools:outline:begin -->")[0]
    after_region = text.split("<!-- tools:outline:end -->")[1].split("<!-- tools:toctree:begin -->")[0]
    assert updated.startswith(before_region + "<!-- tools:outline:begin -->\n| 大纲 |")
    assert "<!-- tools:outline:end -->" + after_region + "<!-- tools:toctree:begin -->" in updated


def test_each_line_keeps_its_own_ending(course: Path) -> None:
    readme = course / ALPHA_README
    text = readme.read_text(encoding="utf-8").replace("模块介绍。\n", "模块介绍。\r\n")  # one CRLF line in an LF file
    readme.write_bytes(text.encode("utf-8"))
    assert run_tools("outline", cwd=course).code == 0
    data = readme.read_bytes()
    assert data.count(b"\r\n") == 1 and b"\xe6\xa8\xa1\xe5\x9d\x97\xe4\xbb\x8b\xe7\xbb\x8d\xe3\x80\x82\r\n" in data


def test_bare_cr_file_stays_bare_cr(course: Path) -> None:
    readme = course / ALPHA_README
    readme.write_bytes(readme.read_bytes().replace(b"\n", b"\r"))
    assert run_tools("outline", cwd=course).code == 0
    data = readme.read_bytes()
    assert b"\n" not in data and b"| 01 \xe7\xac\xac" in data


def test_markers_inside_fenced_code_are_text(course: Path) -> None:
    readme = course / ALPHA_README
    example = "如何标记：\n\n```markdown\n<!-- tools:outline:begin -->\n<!-- tools:outline:end -->\n```\n\n"
    text = readme.read_text(encoding="utf-8").replace("## 课程大纲\n", "## 课程大纲\n\n" + example)
    readme.write_text(text, encoding="utf-8")
    assert run_tools("outline", cwd=course).code == 0
    updated = readme.read_text(encoding="utf-8")
    assert example in updated  # the author's example is untouched
    assert updated.count("| 大纲 | 小节 | 链接 |") == 1


def test_overlapping_regions_name_both_ranges(course: Path) -> None:
    readme = course / ALPHA_README
    lines = readme.read_text(encoding="utf-8").splitlines(keepends=True)
    # Move the outline's end marker below the toctree's begin marker: the regions overlap.
    end = lines.pop(lines.index("<!-- tools:outline:end -->\n"))
    lines.insert(lines.index("<!-- tools:toctree:begin -->\n") + 1, end)
    readme.write_text("".join(lines), encoding="utf-8")
    before = _snapshot(course)
    result = run_tools("outline", cwd=course)
    assert result.code == 1
    assert (
        "01Demo/01Alpha/README.md:9: region-overlap: region 'toctree' (lines 9-11) overlaps "
        "region 'outline' (lines 7-10); end one region before the next begins" in result.out
    ), result.out
    assert "Traceback" not in result.out + result.err
    assert _snapshot(course) == before


def test_nested_regions_are_reported_too() -> None:
    text = "<!-- tools:a:begin -->\n<!-- tools:b:begin -->\n<!-- tools:b:end -->\n<!-- tools:a:end -->\n"
    with pytest.raises(Exception) as info:
        replace_regions(text, {"b": "x", "a": "y"})
    assert "region 'b' (lines 2-3) overlaps region 'a' (lines 1-4)" in str(info.value)


def test_new_lesson_keeps_a_crlf_module_file_crlf(course: Path) -> None:
    metadata = course / MODULE / "module.yml"
    metadata.write_bytes(metadata.read_bytes().replace(b"\n", b"\r\n"))
    before = metadata.read_bytes()
    result = run_tools("new-lesson", MODULE, "05Fifth", "--title", "第五课", "--section", "进阶", cwd=course)
    assert result.code == 0, result.err
    after = metadata.read_bytes()
    assert after.startswith(before) and after.count(b"\n") == after.count(b"\r\n")
    assert after.endswith(
        b'    title: "\xe7\xac\xac\xe4\xba\x94\xe8\xaf\xbe"\r\n    section: "\xe8\xbf\x9b\xe9\x98\xb6"\r\n'
    )


# --- new-lesson: all or nothing --------------------------------------------------------------


def _beta_readme_nested(course: Path) -> None:
    readme = course / "01Demo/02Beta/README.md"
    text = readme.read_text(encoding="utf-8")
    text = text.replace("<!-- tools:outline:end -->\n", "").replace(
        "<!-- tools:toctree:end -->\n", "<!-- tools:toctree:end -->\n<!-- tools:outline:end -->\n"
    )
    readme.write_text(text, encoding="utf-8")


def _beta_yaml_broken(course: Path) -> None:
    (course / "01Demo/02Beta/module.yml").write_text("title: [unclosed\n", encoding="utf-8")


@pytest.mark.parametrize("damage", [_beta_readme_nested, _beta_yaml_broken], ids=["nested-markers", "broken-yaml"])
def test_new_lesson_refuses_when_another_module_is_broken(course: Path, damage) -> None:  # type: ignore[no-untyped-def]
    assert run_tools("outline", cwd=course).code == 0
    damage(course)
    before = _snapshot(course)
    result = run_tools("new-lesson", MODULE, "05Fifth", "--title", "第五课", cwd=course)
    assert result.code == 2
    assert "the course has problems; fix them first" in result.err and "01Demo/02Beta/" in result.err
    assert "nothing was changed" in result.err and "Traceback" not in result.err
    assert _snapshot(course) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tests/fixtures/course/01Demo/01Alpha"], "is not a module folder of the course"),
        (["/tmp"], "is not a module folder of the course"),
        (["01Demo/01Alpha/../../01Demo/01Alpha/images"], "is not a module folder of the course"),
        ([MODULE, "--stem", "0" + "x" * 251], "is not a valid lesson file stem"),
        ([MODULE, "--title", "第五课\n<b>"], "the title contains the control character U+000A"),
        ([MODULE, "--section", "进阶\x1b[31m"], "the section contains the control character U+001B"),
    ],
    ids=[
        "fixture-outside-course",
        "absolute-outside",
        "not-a-module",
        "stem-too-long",
        "newline-in-title",
        "escape-in-section",
    ],
)
def test_new_lesson_refuses_bad_targets(course: Path, args: list[str], message: str) -> None:
    module, *rest = args
    options = dict(zip(rest[::2], rest[1::2], strict=True))
    stem = options.pop("--stem", "05Fifth")
    title = options.pop("--title", "第五课")
    extra = [item for pair in options.items() for item in pair]
    before = _snapshot(course)
    result = run_tools("new-lesson", module, stem, "--title", title, *extra, cwd=course)
    assert result.code == 2, result.out + result.err
    assert message in result.err and "Traceback" not in result.err
    assert _snapshot(course) == before


class _FailingReplace:
    """``os.replace`` that raises on the Nth call, as a full disk or Ctrl-C would."""

    def __init__(self, fail_at: int, error: BaseException) -> None:
        self.calls = 0
        self.fail_at = fail_at
        self.error = error
        self.real = os.replace

    def __call__(self, src: str, dst: str) -> None:
        self.calls += 1
        if self.calls == self.fail_at:
            raise self.error
        self.real(src, dst)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (OSError(28, "No space left on device"), "cannot write: No space left on device"),
        (OSError(30, "Read-only file system"), "cannot write: Read-only file system"),
        (OSError(36, "File name too long"), "cannot write: File name too long"),
        (KeyboardInterrupt(), "interrupted; nothing was changed"),
    ],
    ids=["disk-full", "read-only", "name-too-long", "ctrl-c"],
)
@pytest.mark.parametrize("fail_at", [1, 3])
def test_a_failed_write_restores_every_file(
    course: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    expected: str,
    fail_at: int,
) -> None:
    assert run_tools("outline", cwd=course).code == 0
    before = _snapshot(course)
    monkeypatch.chdir(course)
    monkeypatch.setattr(writes.os, "replace", _FailingReplace(fail_at, error))
    code = cli.main(["new-lesson", MODULE, "05Fifth", "--title", "第五课"])
    err = capsys.readouterr().err
    assert code == 2
    assert expected in err and err.startswith(
        "python -m tools new-lesson: error: " if isinstance(error, OSError) else "python"
    )
    if isinstance(error, OSError):
        assert err.split(": error: ")[1].split(": cannot write")[0].startswith("01Demo/")  # the file, root-relative
    assert _snapshot(course) == before  # old files intact, new article gone, no temporary file left


def test_outline_write_failure_is_a_message(
    course: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _snapshot(course)
    monkeypatch.chdir(course)
    monkeypatch.setattr(writes.os, "replace", _FailingReplace(2, PermissionError(13, "Permission denied")))
    assert cli.main(["outline"]) == 2
    assert "cannot write: Permission denied" in capsys.readouterr().err
    assert _snapshot(course) == before


def test_temporary_files_are_ignored_by_git() -> None:
    name = f"01AICluster/{writes.TEMP_PREFIX}abc123{writes.TEMP_SUFFIX}"
    proc = subprocess.run(["git", "check-ignore", "-q", name], cwd=REPO, check=False)
    assert proc.returncode == 0, f".gitignore does not cover {name}"


def test_concurrent_new_lessons_lose_no_entry(course: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for round_ in range(5):
        stems = [f"1{round_}A", f"1{round_}B"]
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "tools", "new-lesson", MODULE, stem, "--title", f"课{stem}"],
                cwd=course,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for stem in stems
        ]
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, out + err
    text = (course / MODULE / "module.yml").read_text(encoding="utf-8")
    assert all(f"file: 1{r}{x}.md" in text for r in range(5) for x in "AB")
    check = run_tools("check", cwd=course)
    assert check.code == 0, check.out


# --- Files a lesson or the metadata could bring in from outside -----------------------------


def test_lesson_symlinked_outside_the_repository(course: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text("# 第一课\n", encoding="utf-8")
    lesson = course / MODULE / "01First.md"
    lesson.unlink()
    lesson.symlink_to(outside)
    result = run_tools("check", cwd=course)
    assert result.code == 1
    assert (
        "01Demo/01Alpha/module.yml:6:11: outside-repository: lesson file '01First.md' is a symbolic link "
        "to a file outside the repository; put the article itself in the module folder" in result.out
    ), result.out


def test_symlink_in_a_module_folder_pointing_outside(course: Path) -> None:
    images = course / MODULE / "images"
    images.mkdir()
    (images / "passwd").symlink_to("/etc/passwd")
    result = run_tools("check", cwd=course)
    assert result.code == 1
    assert (
        "01Demo/01Alpha/images/passwd:1: outside-repository: 'passwd' is a symbolic link to '/etc/passwd'" in result.out
    )


def test_symlink_inside_the_repository_is_fine(course: Path) -> None:
    assert run_tools("outline", cwd=course).code == 0
    images = course / MODULE / "images"
    images.mkdir()
    (images / "same.md.txt").symlink_to(course / "index.md")
    assert run_tools("check", cwd=course).code == 0


# --- Encodings --------------------------------------------------------------------------------


def test_non_utf8_byte_in_a_lesson_is_located_and_other_findings_kept(course: Path) -> None:
    assert run_tools("outline", cwd=course).code == 0
    (course / MODULE / "02Second.md").write_bytes("# 第二课\n\n正文".encode() + b"\xff\n")
    (course / MODULE / "01First.md").write_text("# 别的标题\n", encoding="utf-8")
    result = run_tools("check", cwd=course)
    assert result.code == 1, result.err
    assert (
        "01Demo/01Alpha/02Second.md:3:3: encoding: byte 0xff is not valid UTF-8; save the file as UTF-8" in result.out
    )
    assert "01Demo/01Alpha/01First.md:1:3: title-mismatch" in result.out


def test_byte_order_mark_is_not_a_missing_title(course: Path) -> None:
    assert run_tools("outline", cwd=course).code == 0
    for page in (course / MODULE / "01First.md", course / ALPHA_README):
        page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes())
    result = run_tools("check", cwd=course)
    assert result.code == 0, result.out


# --- One root, output formats -----------------------------------------------------------------


def test_commands_find_the_root_from_a_subfolder(course: Path) -> None:
    (course / "pyproject.toml").write_text("[project]\nname = 'demo'\n", encoding="utf-8")
    (course / MODULE / "01First.md").write_text("# 别的标题\n", encoding="utf-8")
    from_root = run_tools("check", cwd=course)
    from_chapter = run_tools("check", cwd=course / "01Demo")
    from_module = run_tools("outline", "--check", cwd=course / MODULE)
    assert from_root.code == from_chapter.code == 1
    assert from_chapter.out == from_root.out
    assert from_module.code == 1 and "index.md:3: stale-outline" in from_module.out
    assert not (course / "01Demo/.cache").exists() and not (course / MODULE / ".cache").exists()


def test_check_annotates_metadata_findings_for_github(course: Path) -> None:
    assert run_tools("outline", cwd=course).code == 0
    (course / MODULE / "01First.md").write_text("# 别的标题\n", encoding="utf-8")
    result = run_tools("check", "--format", "github", cwd=course)
    assert result.code == 1
    assert result.out.startswith(
        "::error file=01Demo/01Alpha/01First.md,line=1,col=3,title=title-mismatch::H1 '别的标题'"
    )


# --- Caches and settings ----------------------------------------------------------------------


@pytest.mark.parametrize("junk", ["[1, 2]", '{"files": 5, "entry": 5, "format": "x"}', "{not json", ""])
def test_a_malformed_link_cache_is_ignored(course: Path, junk: str) -> None:
    assert run_tools("outline", cwd=course).code == 0
    assert run_tools("check", cwd=course).code == 0
    caches = sorted((course / ".cache").rglob("*.json"))
    assert caches
    for cache in caches:
        cache.write_text(junk, encoding="utf-8")
    (course / MODULE / "01First.md").write_text("# 第一课\n\n[坏链接](./gone.md)\n", encoding="utf-8")
    result = run_tools("check", cwd=course)
    assert result.code == 1 and "Traceback" not in result.err
    assert "01Demo/01Alpha/01First.md:3:7: missing-file:" in result.out, result.out


@pytest.mark.parametrize("value", ["nan", "inf", "-1"])
def test_non_finite_timeout_is_a_usage_error(course: Path, value: str) -> None:
    result = run_tools("links", "--offline", "--timeout", value, cwd=course)
    assert result.code == 2
    assert "--timeout: expected a finite duration >= 0" in result.err and "Traceback" not in result.err
