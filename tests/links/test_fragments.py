"""Which external fragments are checked, and how a page's ids are found."""

from __future__ import annotations

import pytest

from tools.links.external import checkable, found, is_html, page_anchors


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("install", True),
        ("第一节", True),
        ("L12", False),
        ("L10-L20", False),
        ("Llama-3", True),
        ("L2-norm", True),
        (":~:text=hello", False),
        ("/route/page", False),
        ("!/hashbang", False),
        ("t=30", False),
        ("page=3", False),
        ("", False),
    ],
)
def test_checkable(fragment: str, expected: bool) -> None:
    assert checkable(fragment) is expected


def test_ids_and_names_of_a_page_but_not_in_scripts_or_comments() -> None:
    page = b'<h1 id="a">A</h1><a name="b"></a><!-- <p id="c"> --><script>"<p id=\\"d\\">"</script>'
    assert page_anchors(page, "example.org") == frozenset({"a", "b"})


def test_github_user_content_targets_count_even_inside_json() -> None:
    page = b'<script type="application/json">{"html":"<h2 id=\\"user-content-quick-start\\">"}</script>'
    anchors = page_anchors(page, "github.com")
    assert found("quick-start", anchors) and not found("quick-start", page_anchors(page, "example.org"))


def test_percent_encoded_fragments_match_decoded_ids() -> None:
    assert found("%E7%AC%AC%E4%B8%80%E8%8A%82", frozenset({"第一节"}))


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [("text/html; charset=utf-8", True), ("application/xhtml+xml", True), ("text/plain", False), (None, False)],
)
def test_is_html(content_type: str | None, expected: bool) -> None:
    assert is_html(content_type) is expected
