"""Every rule on a hand-written corpus with a golden report, and the output contract of the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_tools
from tests.links.conftest import FIXTURES, links, write
from tools.diagnostics import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from tools.links.api import check_offline

GOLDEN = (FIXTURES / "rules.expected").read_text(encoding="utf-8").splitlines()


def test_text_report_matches_golden(rules: Path) -> None:
    run = links("--offline", "--root", rules)
    assert run.code == EXIT_PROBLEMS, run.err
    lines = run.out.splitlines()
    assert [line for line in lines[:-1] if line] == GOLDEN
    assert lines[-1] == "35 broken links in 2 files (checked 7 files, 75 links, 0 external)"


def test_text_report_groups_by_file_with_a_blank_line(rules: Path) -> None:
    lines = links("--offline", "--root", rules).out.splitlines()
    blank = lines.index("")
    assert all(line.startswith("02Links/links.md:") for line in lines[:blank])
    assert lines[blank + 1].startswith("README.md:")


def test_nothing_inside_code_comments_math_or_escapes_is_reported(rules: Path) -> None:
    report = "\n".join(GOLDEN)
    for decoy in (
        "missing-in-code",
        "missing-inline",
        "missing-escaped",
        "missing-comment",
        "missing-myst-comment",
        "missing-math",
    ):
        assert decoy not in report
    assert "[1]" not in report and "[i]" not in report and "[j]" not in report


def test_json_is_exactly_the_design_object(rules: Path) -> None:
    run = links("--offline", "--format", "json", "--root", rules)
    assert run.code == EXIT_PROBLEMS
    data = json.loads(run.out)
    assert set(data) == {"findings", "checked"}
    assert data["checked"] == {"files": 7, "links": 75, "external": 0}
    assert len(data["findings"]) == 35
    for finding in data["findings"]:
        assert list(finding) == ["file", "line", "column", "target", "kind", "message"]
        assert isinstance(finding["line"], int) and finding["line"] >= 1
        assert finding["column"] is None or finding["column"] >= 1
        assert "\\" not in finding["file"]
    keys = [(f["file"], f["line"], f["column"] or 0) for f in data["findings"]]
    assert keys == sorted(keys)
    first = data["findings"][0]
    assert first == {
        "file": "02Links/links.md",
        "line": 19,
        "column": 8,
        "target": "../01概述/01集群介绍.md",
        "kind": "missing-file",
        "message": "`../01概述/01集群介绍.md` does not exist (did you mean `01集群简介.md`?)",
    }
    assert run.err == ""  # no progress bar, nothing else on stderr


def test_github_annotations(rules: Path) -> None:
    run = links("--offline", "--format", "github", "--root", rules)
    lines = run.out.splitlines()
    assert len(lines) == 35
    assert lines[0].startswith("::error file=02Links/links.md,line=19,col=8,title=missing-file::")
    assert run.err.startswith("35 broken links in 2 files")


def test_case_mismatch_and_suggestions_name_the_file_on_disk(rules: Path) -> None:
    findings = {(d.line, d.kind): d for d in check_offline(rules)}
    assert "`02Links/Intro.md`" in findings[(20, "case-mismatch")].message
    assert "(did you mean `#背景-介绍-1`?)" in findings[(36, "missing-anchor")].message
    assert "write `Intro.md`" in findings[(22, "missing-file")].message


def test_clean_course_exits_zero(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"README.md": "# 首页\n\n[课程](课程/第一课.md#小节)\n", "课程/第一课.md": "# 第一课\n\n## 小节\n"},
    )
    run = links("--offline", "--root", tmp_path)
    assert run.code == EXIT_OK
    assert run.out == "No broken links (checked 2 files, 1 link, 0 external)\n"


def test_paths_restrict_the_check_but_anchors_come_from_everywhere(rules: Path) -> None:
    run = links("--offline", "--format", "json", "--root", rules, rules / "01概述")
    assert run.code == EXIT_OK
    assert json.loads(run.out)["checked"]["files"] == 3
    findings = check_offline(rules, [rules / "02Links" / "links.md"])
    assert len(findings) == 34  # the README's toctree entry is not among the paths


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no/such/path.md"], "no/such/path.md: no such file or directory"),
        (["conf.py"], "conf.py: not a Markdown file"),
        (["--root", "README.md"], "not a directory"),
    ],
)
def test_usage_errors_exit_2_without_traceback(
    rules: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(rules)
    run = links("--offline", *args)
    assert run.code == EXIT_USAGE
    assert message in run.err
    assert "Traceback" not in run.err


def test_path_outside_root_is_a_usage_error(rules: Path, tmp_path: Path) -> None:
    outside = write(tmp_path / "elsewhere", {"x.md": "# x\n"})
    run = links("--offline", "--root", rules / "01概述", outside / "x.md")
    assert run.code == EXIT_USAGE
    assert "outside the root" in run.err


def test_unreadable_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_bytes(b"# \xff\xfe bad\n")
    run = links("--offline", "--root", tmp_path)
    assert run.code == EXIT_USAGE
    assert "bad.md: not valid UTF-8 (byte 2)" in run.err


def test_default_course_walk_skips_tooling_and_hidden_folders(tmp_path: Path) -> None:
    broken = "[x](missing.md)\n"
    write(
        tmp_path,
        {
            "README.md": "# ok\n",
            "01Chapter/README.md": broken,
            "tests/fixture.md": broken,
            "benchmarks/_work/x.md": broken,
            ".github/x.md": broken,
            "_build/html/x.md": broken,
            "node_modules/pkg/README.md": broken,
            "01Chapter/.hidden/x.md": broken,
        },
    )
    findings = check_offline(tmp_path)
    assert [d.file for d in findings] == ["01Chapter/README.md"]


def test_real_cli_in_a_subprocess(rules: Path) -> None:
    result = run_tools("links", "--offline", "--format", "json", "--root", str(rules), cwd=rules)
    assert result.code == EXIT_PROBLEMS
    assert len(json.loads(result.out)["findings"]) == 35
    assert result.err == ""


def test_spaces_or_chinese_in_an_image_path_break_on_the_site(tmp_path: Path) -> None:
    files = {
        "a.md": "```{figure} images/拓扑 图.png\n```\n\n![no](<images/拓扑 图.png>) ![ok](images/ok.png)\n",
        "images/拓扑 图.png": "png",
        "images/ok.png": "png",
    }
    write(tmp_path, files)
    directive, markdown = check_offline(tmp_path)
    assert (directive.line, directive.column, directive.kind) == (1, 13, "missing-file")
    assert "looked up as `images/拓扑图.png`" in directive.message
    assert (markdown.line, markdown.column, markdown.kind) == (4, 8, "missing-file")
    assert "`images/%E6%8B%93%E6%89%91%20%E5%9B%BE.png`" in markdown.message
