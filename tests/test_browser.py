"""The built site in a real headless chromium: navigation, Chinese search, no errors."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS, ServedSite, serve
from tests.conftest import REPO
from tools.metadata import load_course

pytestmark = pytest.mark.browser

if not os.path.exists(CHROMIUM):  # pragma: no cover - the Makefile and .ci/run install it
    pytest.fail(f"browser tests need {CHROMIUM}: apt-get install -y chromium", pytrace=False)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def site(built_site: Path) -> Iterator[ServedSite]:
    with serve(built_site) as served:
        yield served


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Watched:
    """A page that records console errors, page errors and failed requests."""

    def __init__(self, page: Page, site: ServedSite) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda msg: self.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("requestfailed", lambda req: self.errors.append(f"failed: {req.url}") if req.url.startswith(site.base) else None)
        page.on(
            "response",
            lambda res: self.errors.append(f"HTTP {res.status}: {res.url}") if res.url.startswith(site.base) and res.status >= 400 else None,
        )


@pytest.fixture
def watched(browser: Browser, site: ServedSite) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Watched(page, site)
    context.close()


def _first_published_lesson() -> tuple[str, str]:
    course, _ = load_course(REPO)
    for module, lesson in course.lessons():
        if module.name == "03SuperPod" and not lesson.planned:
            return module.title, lesson.title
    pytest.fail("module 03SuperPod has no published lesson to navigate to")


def test_sidebar_leads_from_landing_page_to_module_and_lesson(watched: Watched, site: ServedSite) -> None:
    page = watched.page
    module_title, lesson_title = _first_published_lesson()
    page.goto(site.base)
    assert page.locator("h1").first.inner_text().strip() == "AIInfra 大模型基础设施"
    assert page.locator(".sd-card").count() == 7

    sidebar = page.locator("nav.bd-docs-nav")
    sidebar.get_by_role("link", name="AI 计算集群", exact=True).click()
    page.wait_for_url("**/01AICluster/README.html")
    assert page.locator("h1").first.inner_text().strip() == "AI 计算集群"

    sidebar.get_by_role("link", name=module_title, exact=True).click()
    page.wait_for_url("**/01AICluster/03SuperPod/README.html")
    assert "| 大纲 |" not in page.content()  # the table is rendered, not shown as source
    assert page.locator("table").first.locator("th").first.inner_text().strip() == "大纲"

    sidebar.get_by_role("link", name=lesson_title, exact=True).click()
    page.wait_for_load_state("load")
    assert page.locator("h1").first.inner_text().strip().startswith(lesson_title)
    assert watched.errors == []
    assert site.failures() == []


def test_searching_chinese_finds_pages(watched: Watched, site: ServedSite) -> None:
    page = watched.page
    page.goto(site.base + "01AICluster/README.html")
    page.keyboard.press("Control+k")
    field = page.locator("input[name='q']:visible").first
    field.fill("集群")
    field.press("Enter")
    page.wait_for_url(f"**/search.html?q={quote('集群')}*")
    # Results appear one by one; the summary line is written when the search has finished.
    page.wait_for_function("document.querySelector('#search-results .search-summary')?.textContent.length > 0")
    results = page.locator("#search-results ul.search li")
    assert results.count() >= 20
    assert "集群" in page.locator("#search-results").inner_text()
    assert watched.errors == []
    assert site.failures() == []


def test_lesson_with_three_videos_shows_them_and_loads_no_player_until_asked(browser: Browser, site: ServedSite) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    watched = Watched(page, site)
    third_party: list[str] = []
    page.on("request", lambda req: third_party.append(req.url) if not req.url.startswith(site.base) and not req.url.startswith("data:") else None)
    page.goto(site.base + "01AICluster/03SuperPod/03TestCase.html")
    box = page.locator("aside.aiinfra-resources")
    assert box.count() == 1
    labels = box.locator("li a.reference.external").all_inner_texts()
    assert labels == ["AI 万卡集群测试步骤(上)", "AI 万卡集群性能测试(中)", "AI 万卡集群实践总结(下)"]
    assert box.locator("a.reference.internal").get_attribute("href") == "README.html#课程大纲"
    assert page.locator("iframe").count() == 0
    assert third_party == []
    # Route the player to a local stub: the test must not reach the internet.
    page.route("https://player.bilibili.com/**", lambda route: route.fulfill(status=200, body="<p>player</p>", content_type="text/html"))
    box.locator("button.aiinfra-play").nth(1).click()
    frame = box.locator("iframe")
    assert frame.count() == 1
    assert frame.get_attribute("src") == "https://player.bilibili.com/player.html?bvid=BV116eqzJE8a&autoplay=0"
    assert box.locator("button.aiinfra-play").nth(1).get_attribute("aria-expanded") == "true"
    assert watched.errors == []
    context.close()


def test_phone_sidebar_opens_and_navigates(browser: Browser, site: ServedSite) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    watched = Watched(page, site)
    page.goto(site.base)
    sidebar_link = page.locator("nav.bd-docs-nav").get_by_role("link", name="通信与存储", exact=True)
    assert not sidebar_link.is_visible()  # the sidebar is off-canvas on a phone
    page.locator("button.primary-toggle:visible").first.click()
    # pydata-sphinx-theme moves the sidebar into a modal dialog on small screens.
    opened = page.locator("dialog[open] nav.bd-docs-nav").get_by_role("link", name="通信与存储", exact=True)
    opened.wait_for(state="visible")
    opened.click()
    page.wait_for_url("**/02StorComm/README.html")
    assert page.locator("h1").first.inner_text().strip() == "通信与存储"
    assert watched.errors == []
    assert site.failures() == []
    context.close()
