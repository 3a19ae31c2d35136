"""The cached sidebar is the theme's own sidebar, page for page, only cheaper."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import REPO
from tests.site import sphinx_build

pytestmark = pytest.mark.build


def _sidebar(page: Path) -> str:
    nav = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("nav.bd-docs-nav")
    assert nav is not None, page
    return nav.prettify()


def test_sidebar_is_identical_to_the_theme_on_every_page(built_site: Path, tmp_path: Path) -> None:
    reference = tmp_path / "theme"
    proc = sphinx_build(REPO, reference, extra_env={"AIINFRA_BASELINE": "1"})
    assert proc.returncode == 0, proc.stderr
    pages = sorted(p.relative_to(reference) for p in reference.rglob("*.html") if "_static" not in p.parts)
    assert len(pages) > 50
    different = [str(p) for p in pages if _sidebar(reference / p) != _sidebar(built_site / p)]
    assert different == []


def test_current_page_and_its_ancestors_are_marked(built_site: Path) -> None:
    soup = BeautifulSoup((built_site / "01AICluster/03SuperPod/README.html").read_text(encoding="utf-8"), "html.parser")
    nav = soup.select_one("nav.bd-docs-nav")
    current = [a.get_text(strip=True) for a in nav.select("li.current > a")]
    assert current == ["AI 计算集群", "万卡 AI 集群"]
    assert nav.select_one('a.current[href="#"]').get_text(strip=True) == "万卡 AI 集群"
    # every one of the 43 modules is reachable from the sidebar of any page
    assert len(nav.select("li.toctree-l2")) >= 43
