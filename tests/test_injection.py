"""A payload in every metadata field of a small course, built by Sphinx and opened in chromium: no script runs.

The payloads reach the pages through every generated output: the landing page cards, the
chapter's module table, the module's outline table, the lesson's H1 written by ``new-lesson``,
the resources box, the sidebar and the previous/next links.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve
from tests.conftest import REPO, run_tools
from tests.site import sphinx_build
from tools.escape import escape_inline

if TYPE_CHECKING:
    from playwright.sync_api import Dialog

pytestmark = [pytest.mark.browser, pytest.mark.build]

MODULE = "01Demo/01Alpha"


def payload(field: str) -> str:
    """Markup that records ``field`` in ``window.__xss`` if it is ever parsed as HTML or Markdown."""
    return (
        f"{field}<svg/onload=__xss.push('{field}')>\"'><img src=x onerror=__xss.push('{field}')>"
        f"[x](javascript:__xss.push('{field}'))`{{raw}}`*{field}*"
    )


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _hostile_course(root: Path) -> None:
    """The fixture course with a payload in every metadata field, its pages titled as the tools write them."""
    (root / "01Demo/chapter.yml").write_text(
        f"title: {_quote(payload('chapter-title'))}\nsummary: {_quote(payload('chapter-summary'))}\n", encoding="utf-8"
    )
    lessons = ""
    for number, stem in ((1, "01First"), (2, "02Second")):
        title = payload(f"lesson-title-{number}")
        lessons += (
            f"  - number: {number}\n    file: {stem}.md\n    title: {_quote(title)}\n"
            f"    section: {_quote(payload('section'))}\n    summary: {_quote(payload('lesson-summary'))}\n"
            f"    slides:\n      - url: https://example.org/{stem}.pdf\n"
            f"        title: {_quote(payload('slide-title'))}\n"
            f"    videos:\n      - url: https://www.bilibili.com/video/BV1QTbxzyET{number}/\n"
            f"        title: {_quote(payload('video-title-a'))}\n"
            f"      - url: https://www.bilibili.com/video/BV1QTbxzyEU{number}/\n"
            f"        title: {_quote(payload('video-title-b'))}\n"
        )
        (root / MODULE / f"{stem}.md").write_text(f"# {escape_inline(title)}\n\n正文。\n", encoding="utf-8")
    (root / MODULE / "module.yml").write_text(
        f"title: {_quote(payload('module-title'))}\nsummary: {_quote(payload('module-summary'))}\nlessons:\n{lessons}",
        encoding="utf-8",
    )
    for readme, field in (("01Demo/README.md", "chapter-title"), (f"{MODULE}/README.md", "module-title")):
        path = root / readme
        body = path.read_text(encoding="utf-8").split("\n", 1)[1]
        path.write_text(f"# {escape_inline(payload(field))}\n{body}", encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from tests.conftest import FIXTURES

    root = tmp_path_factory.mktemp("hostile") / "course"
    shutil.copytree(FIXTURES / "course", root)
    _hostile_course(root)
    added = run_tools("new-lesson", MODULE, "05Fifth", "--title", payload("new-lesson-title"), cwd=root)
    assert added.code == 0, added.out + added.err
    check = run_tools("check", cwd=root)
    assert check.code == 0, check.out + check.err
    out = root.parent / "html"
    proc = sphinx_build(root, out, confdir=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


class _Handlers(HTMLParser):
    """Every event-handler attribute and ``javascript:`` address of a page, as a browser would parse it."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if (name.startswith("on") and "__xss" in (value or "")) or (value or "").lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")


def test_no_generated_page_holds_the_payload_as_markup(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        parser = _Handlers()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.found == [], page.relative_to(hostile_site)


PAGES = [
    "index.html",
    "01Demo/README.html",
    f"{MODULE}/README.html",
    f"{MODULE}/01First.html",
    f"{MODULE}/02Second.html",
    f"{MODULE}/05Fifth.html",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):  # pragma: no cover - the Makefile and .ci/run install it
        pytest.fail(f"browser tests need {CHROMIUM}: apt-get install -y chromium", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def test_no_payload_runs_in_the_browser(hostile_site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    with serve(hostile_site) as site:
        context = browser.new_context()
        context.add_init_script("window.__xss = [];")
        page = context.new_page()
        page.set_default_timeout(15_000)
        dialogs: list[str] = []

        def refuse(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", refuse)
        for path in PAGES:
            page.goto(site.base + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__xss") == [], path
            text = page.locator("body").inner_text()
            # Shown as text, not swallowed: the reader sees what the metadata says.
            assert "<svg/onload=__xss.push(" in text, path
        # The previous/next links of a lesson carry its neighbours' titles.
        page.goto(site.base + f"{MODULE}/02Second.html")
        footer = page.locator(".prev-next-area").inner_text()
        assert "lesson-title-1<svg/onload" in footer and "new-lesson-title<svg/onload" in footer, footer
        # The resources box lists the payload-titled videos as text.
        assert "video-title-a<svg/onload" in page.locator("aside.aiinfra-resources").inner_text()
        # Search results show page titles and text around the match.
        page.goto(site.base + "search.html?q=onload")
        page.wait_for_function("document.querySelector('#search-results .search-summary')?.textContent.length > 0")
        assert page.locator("#search-results ul.search li").count() >= 3
        assert page.evaluate("window.__xss") == []
        assert dialogs == []
        context.close()


def test_broken_metadata_fails_a_direct_sphinx_build_at_the_yaml_line(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import FIXTURES

    root = tmp_path / "course"
    shutil.copytree(FIXTURES / "course", root)
    assert run_tools("outline", cwd=root).code == 0
    (root / "01Demo/02Beta/module.yml").write_text("title: 贝塔模块\nsummary: [unclosed\n", encoding="utf-8")
    images = root / MODULE / "images"
    images.mkdir()
    (images / "passwd").symlink_to("/etc/passwd")
    proc = sphinx_build(root, tmp_path / "html", confdir=REPO)
    assert proc.returncode != 0
    assert f"{root}/01Demo/02Beta/module.yml:3: WARNING: YAML syntax error:" in proc.stderr, proc.stderr
    assert (
        f"{root}/01Demo/01Alpha/images/passwd:1: WARNING: 'passwd' is a symbolic link to '/etc/passwd'" in proc.stderr
    )
