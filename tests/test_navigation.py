"""The cached sidebar is the theme's own sidebar, page for page; where it cannot be, the theme renders it.

Each case builds the small site under tests/fixtures/sites/navigation in-process twice, once as
configured and once with ``aiinfra_sidebar_cache=0`` (the theme alone), and compares the sidebars.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from tests.conftest import FIXTURES
from tests.site import build_in_process
from tools.sphinx_ext import navigation

pytestmark = [
    pytest.mark.build,
    # The theme still reads attributes Sphinx 11 removes; that is the theme's to fix, not ours.
    pytest.mark.filterwarnings(r"ignore:'sphinx_book_theme\.:sphinx.deprecation.RemovedInSphinx11Warning"),
]

SITE = FIXTURES / "sites" / "navigation"
PAGES = ["index", "first/index", "first/a", "first/b", "second"]


def _copy_site(target: Path, edit: Callable[[Path], None] | None = None) -> Path:
    shutil.copytree(SITE, target)
    if edit is not None:
        edit(target)
    return target


def _nav(out: Path, page: str) -> Tag:
    soup = BeautifulSoup((out / "html" / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    nav = soup.select_one("nav.bd-docs-nav")
    assert nav is not None, page
    return nav


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages this extension's renderer wrote a sidebar for."""
    calls: list[str] = []
    original = navigation.render

    def counting(tree: navigation.NavTree, pathto: Any, pagename: str, show_nav_level: int) -> str:
        calls.append(pagename)
        return original(tree, pathto, pagename, show_nav_level)

    monkeypatch.setattr(navigation, "render", counting)
    return calls


def _inline_code_title(site: Path) -> None:
    (site / "first" / "a.md").write_text("# The `nvidia-smi` tool\n\nText.\n", encoding="utf-8")


CASES: dict[str, tuple[Callable[[Path], None] | None, dict[str, Any], bool]] = {
    # name: (edit of the site, configuration overrides, whether this extension renders the sidebar)
    "caption-external-link-escaped-titles": (None, {}, True),
    "inline-code-title": (_inline_code_title, {}, False),
    "show-navbar-depth-0": (None, {"html_theme_options.show_navbar_depth": 0}, False),
    "show-navbar-depth-2": (None, {"html_theme_options.show_navbar_depth": 2}, True),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_sidebar_equals_the_themes_own(case: str, tmp_path: Path, renders: list[str]) -> None:
    edit, overrides, ours = CASES[case]
    site = _copy_site(tmp_path / "site", edit)
    log = build_in_process(site, tmp_path / "ours", **overrides)
    assert sorted(set(renders)) == (sorted([*PAGES, "genindex", "search"]) if ours else []), log
    if not ours and edit is not None:
        assert "the theme renders it" in log
    renders.clear()
    build_in_process(site, tmp_path / "theme", aiinfra_sidebar_cache=False, **overrides)
    assert renders == []
    for page in PAGES:
        assert _nav(tmp_path / "ours", page).prettify() == _nav(tmp_path / "theme", page).prettify(), page


def test_current_page_and_its_ancestors_are_marked(tmp_path: Path) -> None:
    site = _copy_site(tmp_path / "site")
    build_in_process(site, tmp_path / "out")
    nav = _nav(tmp_path / "out", "first/a")
    current = [a.get_text(strip=True) for a in nav.select("li.current > a")]
    assert current == ["First chapter & co @ home", "Alpha lesson"]
    here = nav.select_one('a.current[href="#"]')
    assert here is not None and here.get_text(strip=True) == "Alpha lesson"
    assert [p.get_text(strip=True) for p in nav.select("p.caption")] == ["Part & one", "Second part"]
    external = nav.select_one("a.reference.external")
    assert external is not None and external["href"] == "https://example.org/docs?a=1&b=2"


def test_title_change_reaches_every_page_on_an_incrementalbuild_in_process(tmp_path: Path) -> None:
    """Sphinx rewrites only the pages it re-read; every sidebar shows the edited title all the same."""
    site = _copy_site(tmp_path / "site")
    out = tmp_path / "out"
    build_in_process(site, out)
    (site / "first" / "b.md").write_text("# Beta, renamed\n\nText.\n", encoding="utf-8")
    status, warnings = StringIO(), StringIO()
    app = SphinxTestApp("html", srcdir=site, builddir=out, status=status, warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings.getvalue() == ""
    sidebar = _nav(out, "second").get_text()
    assert "Beta, renamed" in sidebar
    assert "Beta < lesson" not in sidebar


# The baseline is Sphinx's own Chinese search, whose jieba leaves its dictionary file open.
@pytest.mark.filterwarnings("ignore:unclosed file.*jieba:ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_benchmark_baseline_leaves_the_sidebar_to_the_theme(tmp_path: Path, renders: list[str]) -> None:
    """benchmarks/baseline.py's overrides are valid configuration and switch this renderer off."""
    from benchmarks import baseline

    site = _copy_site(tmp_path / "site")
    build_in_process(site, tmp_path / "out", **baseline.overrides())
    assert renders == []
    assert _nav(tmp_path / "out", "first/a").select_one('a.current[href="#"]') is not None
