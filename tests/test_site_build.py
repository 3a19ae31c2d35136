"""A real Sphinx build of the course: no warnings, Chinese search, anchors equal to GitHub's."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from myst_parser.slugs import github_slugify

from tests.conftest import REPO
from tests.site import copy_repo
from tools.metadata import load_course

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


def test_chinese_heading_anchors_equal_github_slugs(built_site: Path) -> None:
    html = (built_site / "01AICluster/03SuperPod/README.html").read_text(encoding="utf-8")
    for heading in ["学习目标", "先修知识", "课程大纲"]:
        assert f'id="{github_slugify(heading)}"' in html, heading


def test_outline_table_links_resolve_to_built_pages(built_site: Path) -> None:
    html = (built_site / "01AICluster/03SuperPod/README.html").read_text(encoding="utf-8")
    assert "https://www.bilibili.com/video/BV1jneqzPEsn/" in html
    assert html.count("BV1jneqzPEsn") == 1
    for href in re.findall(r'href="(\d\d[A-Za-z]+\.html)"', html):
        assert (built_site / "01AICluster/03SuperPod" / href).is_file(), href


def test_theme_buttons_point_at_the_page_source(built_site: Path) -> None:
    html = (built_site / "01AICluster/03SuperPod/README.html").read_text(encoding="utf-8")
    assert "https://github.com/Infrasys-AI/AIInfra/edit/main/01AICluster/03SuperPod/README.md" in html
    assert "https://github.com/Infrasys-AI/AIInfra/issues/new?title=" in html


def test_title_change_reaches_every_page_after_make_html(tmp_path: Path) -> None:
    """A title edit followed by `make html` must not leave stale sidebars elsewhere."""
    work = copy_repo(tmp_path / "repo")
    make = ["make", "-s", "html", f"VENV={REPO / '.venv'}", "STAMP="]
    first = subprocess.run(make, cwd=work, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stdout + first.stderr
    module = work / "07Application/08History"
    for name in ["README.md", "module.yml"]:
        path = module / name
        path.write_text(path.read_text(encoding="utf-8").replace("AI 历史十年", "AI 十年大事记", 1), encoding="utf-8")
    second = subprocess.run(make, cwd=work, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stdout + second.stderr
    unrelated = (work / "_build/html/02StorComm/03CollectComm/README.html").read_text(encoding="utf-8")
    sidebar = unrelated[unrelated.index('<nav class="bd-links') :]
    assert "AI 十年大事记" in sidebar
    assert "AI 历史十年" not in sidebar


def test_published_site_extras(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://infrasys-ai.github.io/aiinfra-docs/01AICluster/03SuperPod/03TestCase.html</loc>" in sitemap
    assert "search.html" not in sitemap
    not_found = (built_site / "404.html").read_text(encoding="utf-8")
    assert "页面不存在" in not_found
    assert 'href="/aiinfra-docs/01AICluster/README.html"' in not_found  # absolute: works at any depth
    lesson = (built_site / "01AICluster/03SuperPod/03TestCase.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="AI 万卡集群测试与实践" />' in lesson
    assert '<meta property="og:url" content="https://infrasys-ai.github.io/aiinfra-docs/01AICluster/03SuperPod/03TestCase.html" />' in lesson
    assert '<meta property="og:description" content="' in lesson


def test_lesson_pages_carry_their_resources_box(built_site: Path) -> None:
    course, _ = load_course(REPO)
    for module, lesson in course.lessons():
        if lesson.planned:
            continue
        page = (built_site / module.dir.relative_to(REPO) / f"{lesson.stem}.html").read_text(encoding="utf-8")
        assert page.count('<aside class="aiinfra-resources"') == 1, lesson.file
        for video in lesson.videos:
            assert video.url in page
    assert "<iframe" not in (built_site / "01AICluster/03SuperPod/03TestCase.html").read_text(encoding="utf-8")
