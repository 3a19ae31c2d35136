"""Figures are numbered page by page, in full and in incremental builds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.environment import BuildEnvironment

from tests.conftest import FIXTURES
from tests.site import build_in_process

pytestmark = pytest.mark.build

SITE = FIXTURES / "sites" / "figures"


def _numbers(out: Path, page: str) -> list[str]:
    html = (out / "html" / f"{page}.html").read_text(encoding="utf-8")
    return re.findall(r"图 \d+", html)


def test_every_page_counts_from_one(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(SITE, source)
    build_in_process(source, tmp_path / "out", fresh=True)
    # first.md: two references, then two captions; second.md: its own figure, the other page's second.
    assert _numbers(tmp_path / "out", "first") == ["图 1", "图 2", "图 1", "图 2"]
    assert _numbers(tmp_path / "out", "second") == ["图 1", "图 2", "图 1"]


def test_parallel_reading_gives_the_same_numbers(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(SITE, source)
    for extra in ("third", "fourth"):  # Sphinx reads in parallel only from a few pages up
        (source / f"{extra}.md").write_text(
            (source / "first.md").read_text(encoding="utf-8").replace("fig-first", f"fig-{extra}"), encoding="utf-8"
        )
    index = source / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("second\n", "second\nthird\nfourth\n"), encoding="utf-8")
    build_in_process(source, tmp_path / "out", fresh=True, parallel=2)
    assert _numbers(tmp_path / "out", "second") == ["图 1", "图 2", "图 1"]
    assert _numbers(tmp_path / "out", "fourth") == ["图 1", "图 2", "图 1", "图 2"]


def test_only_a_reference_to_another_page_loads_a_doctree_from_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Counting figures and resolving same-page references work on the page in memory.
    loaded: list[str] = []
    load = BuildEnvironment.get_doctree

    def counting(env: BuildEnvironment, docname: str) -> object:
        loaded.append(docname)
        return load(env, docname)

    monkeypatch.setattr(BuildEnvironment, "get_doctree", counting)
    source = tmp_path / "src"
    shutil.copytree(SITE, source)
    build_in_process(source, tmp_path / "out", fresh=True)
    assert loaded == ["first"]  # second.md cites first.md's second figure


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
