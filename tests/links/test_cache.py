"""Caches: a re-run parses nothing and resolves nothing when nothing changed, and notices any change."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.links.conftest import write
from tools.links.api import check_links
from tools.links.cache import ParseCache, ResultCache
from tools.links.extract import FileScan, Link

COURSE = {
    "README.md": "# 首页\n\n[第一课](课程/第一课.md#小节)\n[图](课程/images/a.png)\n{ref}`课程标签`\n",
    "课程/第一课.md": "# 第一课\n\n(课程标签)=\n## 小节\n",
    "课程/images/a.png": "png",
}


def kinds(report) -> list[tuple[str, int, str]]:  # type: ignore[no-untyped-def]
    return [(d.file, d.line, d.kind) for d in report.findings]


def test_second_run_reuses_everything(tmp_path: Path) -> None:
    write(tmp_path, COURSE)
    first = check_links(tmp_path, offline=True)
    assert (first.parsed_files, first.reused, first.findings) == (2, False, [])
    second = check_links(tmp_path, offline=True)
    assert (second.parsed_files, second.reused, second.links) == (0, True, 3)


def test_edited_target_heading_is_noticed(tmp_path: Path) -> None:
    write(tmp_path, COURSE)
    check_links(tmp_path, offline=True)
    (tmp_path / "课程/第一课.md").write_text("# 第一课\n\n(课程标签)=\n## 改名的小节\n", encoding="utf-8")
    report = check_links(tmp_path, offline=True)
    # README is resolved again (its anchor changed) and, with so few files to read, parsed
    # directly rather than looked up in the parse cache.
    assert (report.reused, report.resolved_files, report.parsed_files) == (False, 2, 2)
    assert kinds(report) == [("README.md", 3, "missing-anchor")]


def test_removed_image_and_label_are_noticed(tmp_path: Path) -> None:
    write(tmp_path, COURSE)
    check_links(tmp_path, offline=True)
    os.remove(tmp_path / "课程/images/a.png")
    assert kinds(check_links(tmp_path, offline=True)) == [("README.md", 4, "missing-file")]
    (tmp_path / "课程/第一课.md").write_text("# 第一课\n\n## 小节\n", encoding="utf-8")
    assert kinds(check_links(tmp_path, offline=True)) == [
        ("README.md", 4, "missing-file"),
        ("README.md", 5, "missing-label"),
    ]


def test_new_file_that_defines_a_missing_label_is_noticed(tmp_path: Path) -> None:
    write(tmp_path, {"README.md": "{ref}`later`\n"})
    assert kinds(check_links(tmp_path, offline=True)) == [("README.md", 1, "missing-label")]
    write(tmp_path, {"other/page.md": "(later)=\n# 后来\n"})
    assert kinds(check_links(tmp_path, offline=True)) == []


def test_fixing_a_case_mismatch_is_noticed(tmp_path: Path) -> None:
    write(tmp_path, {"README.md": "[x](Foo.md)\n", "foo.md": "# foo\n"})
    assert kinds(check_links(tmp_path, offline=True)) == [("README.md", 1, "case-mismatch")]
    os.rename(tmp_path / "foo.md", tmp_path / "Foo.md")
    assert kinds(check_links(tmp_path, offline=True)) == []


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    write(tmp_path, COURSE)
    check_links(tmp_path, offline=True, use_cache=False)
    assert not (tmp_path / ".cache").exists()


def test_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    write(tmp_path, COURSE)
    check_links(tmp_path, offline=True)
    written = sorted((tmp_path / ".cache/links").iterdir())
    assert [p.name.split("-")[0] for p in written] == ["parsed.json", "resolved"]
    for path in written:
        path.write_text("{not json", encoding="utf-8")
    report = check_links(tmp_path, offline=True)
    assert report.findings == [] and report.parsed_files == 2


def test_parse_cache_is_keyed_by_content_not_path(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path, "v1")
    scan = FileScan([Link("link", "a.md", "a.md", 1, 2)], ["slug"], ["label"], ["id"])
    cache.put("digest", scan)
    cache.save(prune=False)
    assert ParseCache(tmp_path, "v1").get("digest") == scan
    assert ParseCache(tmp_path, "v2").get("digest") is None  # another extractor version


def test_result_cache_keeps_only_fresh_successes(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, max_age=100, now=1000.0)
    cache.put("https://a.example/", 200)
    cache.put("https://b.example/", 200, "https://b.example/new")
    cache.save()
    data = json.loads((tmp_path / "external.json").read_text())
    data["urls"]["https://a.example/"][0] = 1.0  # checked long ago
    (tmp_path / "external.json").write_text(json.dumps(data))
    reloaded = ResultCache(tmp_path, max_age=100)
    assert reloaded.get("https://a.example/") is None
    assert reloaded.get("https://b.example/").redirect_to == "https://b.example/new"  # type: ignore[union-attr]


def test_a_malformed_stored_entry_is_recomputed(tmp_path: Path) -> None:
    write(tmp_path, COURSE)
    check_links(tmp_path, offline=True)
    [stored] = (tmp_path / ".cache/links").glob("resolved-*.json")
    empty = {"files": {}, "anchors": {}, "labels": None, "dirs": {}}
    stored.write_text(json.dumps({"format": 1, "entry": {"deps": empty}}), encoding="utf-8")
    report = check_links(tmp_path, offline=True)
    assert not report.reused and report.links == 3


# --- per-file reuse: an edit re-resolves the edited file and the files its change affects ----

WIDE = {
    "README.md": "# 首页\n\n[甲](甲.md#标题)\n",
    "甲.md": "# 标题\n\n正文。\n\n(甲标签)=\n## 小节\n",
    "乙.md": "# 乙\n\n{ref}`甲标签`\n",
    "丙.md": "# 丙\n\n[首页](README.md)\n[缺](没有.md)\n",
}


def test_a_body_edit_re_resolves_only_the_edited_file(tmp_path: Path) -> None:
    write(tmp_path, WIDE)
    first = check_links(tmp_path, offline=True)
    parse_cache = tmp_path / ".cache/links/parsed.json"
    before = parse_cache.read_bytes()
    (tmp_path / "丙.md").write_text(WIDE["丙.md"] + "\n补充一句。\n", encoding="utf-8")
    second = check_links(tmp_path, offline=True)
    assert (first.resolved_files, second.resolved_files, second.parsed_files) == (4, 1, 1)
    assert parse_cache.read_bytes() == before  # one file is parsed directly: the cache is not rewritten
    assert kinds(second) == kinds(first) == [("丙.md", 4, "missing-file")]


def test_a_target_edit_that_keeps_its_anchors_re_resolves_only_itself(tmp_path: Path) -> None:
    write(tmp_path, WIDE)
    check_links(tmp_path, offline=True)
    (tmp_path / "甲.md").write_text(WIDE["甲.md"].replace("正文。", "改写的正文。"), encoding="utf-8")
    report = check_links(tmp_path, offline=True)
    assert report.resolved_files == 1 and kinds(report) == [("丙.md", 4, "missing-file")]


def test_a_renamed_heading_re_resolves_the_files_linking_to_it(tmp_path: Path) -> None:
    write(tmp_path, WIDE)
    check_links(tmp_path, offline=True)
    (tmp_path / "甲.md").write_text(WIDE["甲.md"].replace("# 标题", "# 新标题"), encoding="utf-8")
    report = check_links(tmp_path, offline=True)
    assert report.resolved_files == 2  # 甲 itself and README, which links to #标题
    assert kinds(report) == [("README.md", 3, "missing-anchor"), ("丙.md", 4, "missing-file")]


def test_a_removed_label_re_resolves_the_files_using_labels(tmp_path: Path) -> None:
    write(tmp_path, WIDE)
    check_links(tmp_path, offline=True)
    (tmp_path / "甲.md").write_text(WIDE["甲.md"].replace("(甲标签)=\n", ""), encoding="utf-8")
    report = check_links(tmp_path, offline=True)
    assert kinds(report) == [("丙.md", 4, "missing-file"), ("乙.md", 3, "missing-label")]
    # 甲 itself; README (甲's anchors, which include its labels, changed); 乙 (looked the label
    # up); 丙 (its missing `没有.md` was looked up as a label too, as MyST would).
    assert report.resolved_files == 4


def test_a_new_file_re_resolves_everything(tmp_path: Path) -> None:
    write(tmp_path, WIDE)
    check_links(tmp_path, offline=True)
    write(tmp_path, {"没有.md": "# 现在有了\n"})
    report = check_links(tmp_path, offline=True)
    assert kinds(report) == [] and report.resolved_files == 5


def test_incremental_verdicts_equal_a_run_without_caches(tmp_path: Path) -> None:
    write(tmp_path, WIDE)
    check_links(tmp_path, offline=True)
    for rel, old, new in [
        ("甲.md", "## 小节", "## 小节\n\n[回](README.md#不存在)"),
        ("README.md", "#标题", "#小节"),
        ("乙.md", "甲标签", "乙标签"),
    ]:
        path = tmp_path / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        incremental = check_links(tmp_path, offline=True)
        fresh = check_links(tmp_path, offline=True, use_cache=False)
        assert incremental.findings == fresh.findings and incremental.links == fresh.links
        assert incremental.resolved_files < fresh.resolved_files
