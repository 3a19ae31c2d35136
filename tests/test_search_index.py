"""The search index is written when pages change, and left alone by a build that changes none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.site import build_in_process, write_site

pytestmark = pytest.mark.build

CONF = """\
extensions = ["myst_parser", "tools.sphinx_ext.search_zh"]
html_search_language = "zh"
exclude_patterns = ["_build"]
"""
PAGES = {
    "index.md": "# 首页\n\n```{toctree}\nnetwork\nstorage\n```\n",
    "network.md": "# 网络\n\n交换机把集群连起来。\n",
    "storage.md": "# 存储\n\n并行文件系统保存检查点。\n",
}


def _index(out: Path) -> dict[str, object]:
    text = (out / "html" / "searchindex.js").read_text(encoding="utf-8")
    return dict(json.loads(text[text.index("(") + 1 : text.rindex(")")]))


def _pages_with(out: Path, term: str) -> list[str]:
    index = _index(out)
    docnames = list(index["docnames"])  # type: ignore[call-overload]
    hits = index["terms"].get(term, [])  # type: ignore[attr-defined]
    return sorted(docnames[i] for i in ([hits] if isinstance(hits, int) else hits))


def test_index_follows_edits_and_removals_and_is_left_alone_otherwise(tmp_path: Path) -> None:
    source, out = write_site(tmp_path / "src", {"conf.py": CONF, **PAGES}), tmp_path / "out"
    build_in_process(source, out, fresh=True)
    index = out / "html" / "searchindex.js"
    assert _pages_with(out, "交换") == ["network"]

    written = index.stat().st_mtime_ns
    build_in_process(source, out, fresh=False)
    assert index.stat().st_mtime_ns == written  # nothing changed: not read, pruned and written again

    (source / "storage.md").write_text("# 存储\n\n交换机也连着存储节点。\n", encoding="utf-8")
    build_in_process(source, out, fresh=False)
    assert _pages_with(out, "交换") == ["network", "storage"]

    (source / "network.md").unlink()
    (source / "index.md").write_text("# 首页\n\n```{toctree}\nstorage\n```\n", encoding="utf-8")
    build_in_process(source, out, fresh=False)
    assert _pages_with(out, "交换") == ["storage"]
    assert "network" not in _index(out)["docnames"]  # type: ignore[operator]

    (source / "gone.md").write_text("# 孤页\n\n交换。\n", encoding="utf-8")
    (source / "gone.md").unlink()  # a page that came and went between builds changes nothing
    written = index.stat().st_mtime_ns
    build_in_process(source, out, fresh=False)
    assert index.stat().st_mtime_ns == written
