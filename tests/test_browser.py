"""The built site in a real headless chromium: navigation, Chinese search, no errors.

What the tests look for (chapter, module and lesson titles, videos) comes from the course's
metadata, so editing a lesson does not break them.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS, ServedSite, serve
from tests.conftest import REPO
from tools.metadata import load_course
from tools.model import Chapter, Lesson, Module
from tools.titles import read_h1

pytestmark = pytest.mark.browser

if not os.path.exists(CHROMIUM):  # pragma: no cover - the Makefile and .ci/run install it
    reason = f"browser tests need Debian's chromium at {CHROMIUM}"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"} or sys.platform.startswith("linux"):
        # In CI, and on Linux where `make chromium` installs it, a missing browser is a failure.
        pytest.fail(f"{reason}: sudo apt-get install -y chromium (or sudo make chromium)", pytrace=False)
    pytest.skip(f"{reason}, a Linux package; they run on Linux and in CI", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

BILIBILI_ID = re.compile(r"bilibili\.com/video/(BV[0-9A-Za-z]+)")


def _first_route() -> tuple[Chapter, Module, Lesson]:
    """The first chapter, module and published lesson, in the order the sidebar lists them."""
    course, _ = load_course(REPO)
    for chapter in course.chapters:
        for module in chapter.modules:
            if module.published:
                return chapter, module, module.published[0]
    pytest.fail("the course has no published lesson to navigate to")


def _lesson_with_videos() -> tuple[Module, Lesson]:
    """A published lesson with two or more Bilibili videos, the most a resources box shows."""
    course, _ = load_course(REPO)
    candidates = [
        (module, lesson)
        for module, lesson in course.lessons()
        if not lesson.planned and sum(bool(BILIBILI_ID.search(video.url)) for video in lesson.videos) >= 2
    ]
    if not candidates:
        pytest.fail("no published lesson has two Bilibili videos to test the player with")
    return max(candidates, key=lambda pair: len(pair[1].videos))


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
        # A request the page gave up by navigating away (net::ERR_ABORTED) did not fail; a missing
        # file is an HTTP error below.
        page.on(
            "requestfailed",
            lambda req: (
                self.errors.append(f"failed: {req.url} ({req.failure})")
                if req.url.startswith(site.base) and req.failure != "net::ERR_ABORTED"
                else None
            ),
        )
        page.on(
            "response",
            lambda res: (
                self.errors.append(f"HTTP {res.status}: {res.url}")
                if res.url.startswith(site.base) and res.status >= 400
                else None
            ),
        )


@pytest.fixture
def watched(browser: Browser, site: ServedSite) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Watched(page, site)
    context.close()


def test_sidebar_leads_from_landing_page_to_module_and_lesson(watched: Watched, site: ServedSite) -> None:
    page = watched.page
    chapter, module, lesson = _first_route()
    course, _ = load_course(REPO)
    home = read_h1(REPO / "index.md")
    assert home is not None
    page.goto(site.base)
    assert page.locator("h1").first.inner_text().strip() == home.text
    assert page.locator(".sd-card").count() == len(course.chapters)

    sidebar = page.locator("nav.bd-docs-nav")
    sidebar.get_by_role("link", name=chapter.title, exact=True).click()
    page.wait_for_url(f"**/{chapter.name}/README.html")
    assert page.locator("h1").first.inner_text().strip() == chapter.title

    sidebar.get_by_role("link", name=module.title, exact=True).click()
    page.wait_for_url(f"**/{chapter.name}/{module.name}/README.html")
    assert "| 大纲 |" not in page.content()  # the table is rendered, not shown as source
    assert page.locator("table").first.locator("th").first.inner_text().strip() == "大纲"

    sidebar.get_by_role("link", name=lesson.title, exact=True).click()
    page.wait_for_url(f"**/{chapter.name}/{module.name}/{lesson.stem}.html")
    assert page.locator("h1").first.inner_text().strip().startswith(lesson.title)
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


def test_lesson_videos_are_listed_and_no_player_loads_until_asked(browser: Browser, site: ServedSite) -> None:
    module, lesson = _lesson_with_videos()
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    watched = Watched(page, site)
    third_party: list[str] = []
    page.on(
        "request",
        lambda req: (
            third_party.append(req.url)
            if not req.url.startswith(site.base) and not req.url.startswith("data:")
            else None
        ),
    )
    page.goto(site.base + f"{module.dir.relative_to(REPO).as_posix()}/{lesson.stem}.html")
    box = page.locator("aside.aiinfra-resources")
    assert box.count() == 1
    hrefs = [link.get_attribute("href") for link in box.locator("li a.reference.external").all()]
    assert hrefs == [slide.url for slide in lesson.slides] + [video.url for video in lesson.videos]
    assert (box.locator("a.reference.internal").get_attribute("href") or "").startswith("README.html#")
    assert page.locator("iframe").count() == 0
    assert third_party == []
    # Route the player to a local stub: the test must not reach the internet.
    page.route(
        "https://player.bilibili.com/**",
        lambda route: route.fulfill(status=200, body="<p>player</p>", content_type="text/html"),
    )
    bvids = [m.group(1) for m in (BILIBILI_ID.search(video.url) for video in lesson.videos) if m]
    button = box.locator("button.aiinfra-play").nth(1)
    button.click()
    frame = box.locator("iframe")
    assert frame.count() == 1
    assert frame.get_attribute("src") == f"https://player.bilibili.com/player.html?bvid={bvids[1]}&autoplay=0"
    assert button.get_attribute("aria-expanded") == "true"
    assert watched.errors == []
    context.close()


def test_phone_sidebar_opens_and_navigates(browser: Browser, site: ServedSite) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    watched = Watched(page, site)
    chapter = load_course(REPO)[0].chapters[-1]
    page.goto(site.base)
    sidebar_link = page.locator("nav.bd-docs-nav").get_by_role("link", name=chapter.title, exact=True)
    assert not sidebar_link.is_visible()  # the sidebar is off-canvas on a phone
    page.locator("button.primary-toggle:visible").first.click()
    # pydata-sphinx-theme moves the sidebar into a modal dialog on small screens.
    opened = page.locator("dialog[open] nav.bd-docs-nav").get_by_role("link", name=chapter.title, exact=True)
    opened.wait_for(state="visible")
    opened.click()
    page.wait_for_url(f"**/{chapter.name}/README.html")
    assert page.locator("h1").first.inner_text().strip() == chapter.title
    assert watched.errors == []
    assert site.failures() == []
    context.close()
