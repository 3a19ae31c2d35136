"""Figures are numbered page by page, in full and in incremental builds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.site import build_in_process
from tools.sphinx_ext.page_figure_numbers import PageNumbers, page_wise

pytestmark = pytest.mark.build

SITE = FIXTURES / "sites" / "figures"


def _numbers(out: Path, page: str) -> list[str]:
    html = (out / "html" / f"{page}.html").read_text(encoding="utf-8")
    return re.findall(r"图 \d+", html)


def test_page_wise_keeps_page_order() -> None:
    site_wide: dict[str, PageNumbers] = {
        "a": {"figure": {"x": (3,), "y": (2,)}},
        "b": {"figure": {"z": (7,)}, "table": {"t": (1,)}},
    }
    assert page_wise(site_wide) == {
        "a": {"figure": {"y": (1,), "x": (2,)}},
        "b": {"figure": {"z": (1,)}, "table": {"t": (1,)}},
    }


def test_every_page_counts_from_one(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(SITE, source)
    build_in_process(source, tmp_path / "out", fresh=True)
    # first.md: two references, then two captions; second.md: its own figure, the other page's second.
    assert _numbers(tmp_path / "out", "first") == ["图 1", "图 2", "图 1", "图 2"]
    assert _numbers(tmp_path / "out", "second") == ["图 1", "图 2", "图 1"]


def test_an_incremental_build_keeps_page_numbers_and_rewrites_only_what_changed(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(SITE, source)
    build_in_process(source, tmp_path / "out", fresh=True)
    first = source / "first.md"
    first.write_text(first.read_text(encoding="utf-8").replace("第二张", "第二张，改过"), encoding="utf-8")
    status = build_in_process(source, tmp_path / "out", fresh=False)
    assert _numbers(tmp_path / "out", "second") == ["图 1", "图 2", "图 1"]
    assert "第二张，改过" in (tmp_path / "out" / "html" / "first.html").read_text(encoding="utf-8")
    written = re.search(r"writing output\.\.\. (.*)", status)
    assert written is not None and "second" not in written.group(1), status
