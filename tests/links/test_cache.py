"""Caches: scans keyed by content, and external results (fresh successes only); unreadable ones ignored."""

from __future__ import annotations

import json
from pathlib import Path

from tests.links.conftest import links, write
from tests.links.httpserver import LocalServer
from tools.links.api import check_links
from tools.links.cache import ResultCache

COURSE = {
    "README.md": "# 首页\n\n[第一课](课程/第一课.md#小节)\n[图](课程/images/a.png)\n{ref}`课程标签`\n",
    "课程/第一课.md": "# 第一课\n\n(课程标签)=\n## 小节\n",
    "课程/images/a.png": "png",
}


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    write(tmp_path, COURSE)
    assert check_links(tmp_path, offline=True, use_cache=False).findings == []
    assert not (tmp_path / ".cache").exists()


def test_a_rerun_parses_only_what_changed_and_finds_the_same(tmp_path: Path) -> None:
    write(tmp_path, COURSE)
    first = check_links(tmp_path, offline=True)
    assert first.parsed_files == 2 and first.findings == []
    again = check_links(tmp_path, offline=True)
    assert again.parsed_files == 0 and again.findings == []
    (tmp_path / "课程/第一课.md").write_text("# 第一课\n\n## 改名的小节\n", encoding="utf-8")
    edited = check_links(tmp_path, offline=True)
    assert edited.parsed_files == 1
    assert [(d.file, d.line, d.kind) for d in edited.findings] == [
        ("README.md", 3, "missing-anchor"),
        ("README.md", 5, "missing-label"),
    ]


def test_a_corrupt_scan_cache_is_ignored(tmp_path: Path) -> None:
    write(tmp_path, COURSE)
    check_links(tmp_path, offline=True)
    (tmp_path / ".cache/links/scans.json").write_text("{not json", encoding="utf-8")
    report = check_links(tmp_path, offline=True)
    assert report.parsed_files == 2 and report.findings == []


def test_result_cache_keeps_only_fresh_successes(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, max_age=100, now=1000.0)
    cache.put("https://a.example/", 200)
    cache.put("https://b.example/", 200, "https://b.example/new", frozenset({"install"}))
    cache.save()
    data = json.loads((tmp_path / "external.json").read_text())
    data["urls"]["https://a.example/"][0] = 1.0  # checked long ago
    (tmp_path / "external.json").write_text(json.dumps(data))
    reloaded = ResultCache(tmp_path, max_age=100)
    assert reloaded.get("https://a.example/") is None
    entry = reloaded.get("https://b.example/")
    assert entry is not None and entry.redirect_to == "https://b.example/new" and entry.anchors == {"install"}


def test_a_corrupt_result_cache_is_ignored(tmp_path: Path, web: LocalServer) -> None:
    write(tmp_path, {"a.md": f"[x]({web.url('/ok/a')})\n"})
    assert links("--root", tmp_path).code == 0
    stored = tmp_path / ".cache/links/external.json"
    assert web.url("/ok/a") in json.loads(stored.read_text())["urls"]
    stored.write_text("{not json", encoding="utf-8")
    assert links("--root", tmp_path).code == 0 and web.state.count("/ok/a") == 2
