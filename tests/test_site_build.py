"""A real Sphinx build of the course: no warnings, Chinese search, anchors equal to GitHub's.

Pages and titles to look at come from the course's metadata, so editing a lesson does not break them.
"""

from __future__ import annotations

import json
import re
import runpy
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from myst_parser.slugs import github_slugify

from tests.conftest import REPO
from tools.metadata import load_course
from tools.model import Lesson, Module

pytestmark = pytest.mark.build


def test_every_chapter_module_and_lesson_page_is_built(built_site: Path) -> None:
    course, problems = load_course(REPO)
    assert problems == []
    assert len(course.chapters) == 7 and len(course.modules) == 43
    for chapter in course.chapters:
        assert (built_site / chapter.name / "README.html").is_file()
    for module, lesson in course.lessons():
        page = built_site / module.dir.relative_to(REPO) / f"{lesson.stem}.html"
        assert page.is_file() == (not lesson.planned), page


def test_search_index_holds_chinese_terms(built_site: Path) -> None:
    text = (built_site / "searchindex.js").read_text(encoding="utf-8")
    payload = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    terms = payload["terms"]
    for word in ["集群", "通信", "推理", "训练"]:
        assert word in terms, word


def _module_with_video_lesson() -> tuple[Module, Lesson]:
    """The first module with a published lesson that has a video."""
    course, _ = load_course(REPO)
    for module, lesson in course.lessons():
        if not lesson.planned and lesson.videos:
            return module, lesson
    pytest.fail("no published lesson has a video")


def _page(built_site: Path, module: Module, stem: str) -> str:
    return (built_site / module.dir.relative_to(REPO) / f"{stem}.html").read_text(encoding="utf-8")


def test_chinese_heading_anchors_equal_github_slugs(built_site: Path) -> None:
    module, _ = _module_with_video_lesson()
    headings = re.findall(r"^##+ (.+)$", module.readme.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert headings
    html = _page(built_site, module, "README")
    for heading in headings:
        assert f'id="{github_slugify(heading.strip())}"' in html, heading


def test_outline_table_links_resolve_to_built_pages(built_site: Path) -> None:
    module, lesson = _module_with_video_lesson()
    html = _page(built_site, module, "README")
    for video in lesson.videos:
        assert html.count(f'href="{escape(video.url)}"') == 1, video.url
    links = re.findall(r'href="(\d\d[A-Za-z]+\.html)"', html)
    assert f"{lesson.stem}.html" in links
    for href in links:
        assert (built_site / module.dir.relative_to(REPO) / href).is_file(), href


def test_theme_buttons_point_at_the_page_source(built_site: Path) -> None:
    module, _ = _module_with_video_lesson()
    html = _page(built_site, module, "README")
    source = module.readme.relative_to(REPO).as_posix()
    assert f"https://github.com/Infrasys-AI/AIInfra/edit/main/{source}" in html
    assert "https://github.com/Infrasys-AI/AIInfra/issues/new?title=" in html


def test_base_url_is_one_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """AIINFRA_BASE_URL drives the sitemap's base, Open Graph and the 404 page's absolute links."""
    monkeypatch.setenv("AIINFRA_BASE_URL", "https://example.org/course")
    conf = runpy.run_path(str(REPO / "conf.py"))
    assert conf["html_baseurl"] == "https://example.org/course/"
    assert conf["ogp_site_url"] == "https://example.org/course/"
    assert conf["ogp_image"].startswith("https://example.org/course/")
    assert conf["notfound_urls_prefix"] == "/course/"
    assert "href='/course/index.html'" in conf["notfound_context"]["body"]


def test_published_site_extras(built_site: Path) -> None:
    base = runpy.run_path(str(REPO / "conf.py"))["html_baseurl"]
    module, lesson = _module_with_video_lesson()
    path = f"{module.dir.relative_to(REPO).as_posix()}/{lesson.stem}.html"
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{base}{path}</loc>" in sitemap
    assert "search.html" not in sitemap
    not_found = (built_site / "404.html").read_text(encoding="utf-8")
    assert "页面不存在" in not_found
    first_chapter = load_course(REPO)[0].chapters[0].name
    prefix = urlsplit(base).path
    assert f'href="{prefix}{first_chapter}/README.html"' in not_found  # absolute: works at any depth
    page = _page(built_site, module, lesson.stem)
    assert f'<meta property="og:title" content="{escape(lesson.title)}" />' in page
    assert f'<meta property="og:url" content="{base}{path}" />' in page
    assert '<meta property="og:description" content="' in page


def test_lesson_pages_carry_their_resources_box(built_site: Path) -> None:
    course, _ = load_course(REPO)
    for module, lesson in course.lessons():
        if lesson.planned:
            continue
        page = _page(built_site, module, lesson.stem)
        assert page.count('<aside class="aiinfra-resources"') == 1, lesson.file
        for video in lesson.videos:
            assert escape(video.url) in page
        assert "<iframe" not in page  # the player loads only when asked
