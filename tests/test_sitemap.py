"""sitemap.xml lists every page, sorted, after full, incremental and parallel builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.site import build_in_process, write_site
from tools.sphinx_ext.sitemap import sitemap_xml

pytestmark = pytest.mark.build

CONF = """\
extensions = ["myst_parser", "tools.sphinx_ext.sitemap"]
html_baseurl = "https://example.org/course"
exclude_patterns = ["_build"]
"""
PAGES = {
    "index.md": "# 首页\n\n```{toctree}\nb/第二课\na\nc\nd\n```\n",
    "a.md": "# A\n\n正文。\n",
    "b/第二课.md": "# 第二课\n\n正文。\n",
    "c.md": "# C\n\n正文。\n",
    "d.md": "# D\n\n正文。\n",
}
EXPECTED = [
    "https://example.org/course/a.html",
    "https://example.org/course/b/%E7%AC%AC%E4%BA%8C%E8%AF%BE.html",
    "https://example.org/course/c.html",
    "https://example.org/course/d.html",
    "https://example.org/course/index.html",
]


def _locs(out: Path) -> list[str]:
    return re.findall(r"<loc>(.*?)</loc>", (out / "html" / "sitemap.xml").read_text(encoding="utf-8"))


def test_addresses_are_sorted_once_each_and_escaped() -> None:
    xml = sitemap_xml("https://example.org/", ["z.html", "a.html?x=1&y=<2>", "a.html", "z.html"])
    assert xml.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<urlset")
    assert re.findall(rb"<loc>(.*?)</loc>", xml) == [
        b"https://example.org/a.html",
        b"https://example.org/a.html?x=1&amp;y=&lt;2&gt;",
        b"https://example.org/z.html",
    ]


def test_every_page_after_a_full_an_incremental_and_a_parallel_build(tmp_path: Path) -> None:
    source = write_site(tmp_path / "src", {"conf.py": CONF, **PAGES})
    build_in_process(source, tmp_path / "out", fresh=True)
    assert _locs(tmp_path / "out") == EXPECTED
    first = (tmp_path / "out" / "html" / "sitemap.xml").read_bytes()

    (source / "c.md").write_text("# C\n\n改过的正文。\n", encoding="utf-8")
    status = build_in_process(source, tmp_path / "out", fresh=False)
    assert "0 added, 1 changed, 0 removed" in re.sub(r"\x1b\[[0-9;]*m", "", status), status
    assert _locs(tmp_path / "out") == EXPECTED

    build_in_process(source, tmp_path / "parallel", fresh=True, parallel=2)
    assert (tmp_path / "parallel" / "html" / "sitemap.xml").read_bytes() == first
