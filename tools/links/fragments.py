"""Fragments of external links: which ones can be checked, and whether a fetched page has them.

``https://example.org/guide.html#install`` works only if the page has an element with
``id="install"`` (or an ``<a name="install">``). Some fragments are not element ids and are
never checked: text fragments (``#:~:text=``), single-page-app routes (``#/path``, ``#!``),
GitHub's line anchors (``#L10-L20``), and media offsets (``#t=30``).

GitHub renders a README's heading ``## Install`` with ``id="user-content-install"`` and
scrolls to it from ``#install`` with a script; its newer pages carry that HTML inside a JSON
payload rather than as markup. So on GitHub a fragment also counts as found when
``user-content-<fragment>`` appears anywhere in the page.
"""

from __future__ import annotations

from urllib.parse import unquote

from tools.links.rawhtml import scan_html

# Pages larger than this are read only this far (ids near the end of a huge page are rare).
PAGE_LIMIT = 4 * 1024 * 1024
_GITHUB_HOSTS = ("github.com", "www.github.com")
# The anchors of a page that was read but is not HTML (a PDF, a text file): any fragment passes.
UNCHECKABLE = frozenset({"\0"})


def checkable(fragment: str) -> bool:
    """Whether ``fragment`` (without the ``#``) names an element a page should contain."""
    if not fragment or fragment.startswith((":~:", "/", "!", "t=", "page=")):
        return False
    head, _, tail = fragment.partition("-")
    return not (_is_line(head) and (not tail or _is_line(tail)))


def _is_line(text: str) -> bool:
    return len(text) > 1 and text[0] == "L" and text[1:].isdigit()


def is_html(content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media in ("text/html", "application/xhtml+xml")


def page_anchors(body: bytes, host: str) -> frozenset[str]:
    """The ids and ``<a name>``s in an HTML page, plus GitHub's ``user-content-`` targets."""
    text = body.decode("utf-8", "replace")
    anchors = {value for _, _, kind, value in scan_html(text) if kind == "id"}
    if host.lower() in _GITHUB_HOSTS:
        for part in text.split("user-content-")[1:]:
            end = next((i for i, c in enumerate(part) if c in "\"'\\&<> "), len(part))
            if end:
                anchors.add(part[:end])
    return frozenset(anchors)


def found(fragment: str, anchors: frozenset[str]) -> bool:
    if "\0" in anchors:  # UNCHECKABLE: the page was not HTML
        return True
    decoded = unquote(fragment)
    return fragment in anchors or decoded in anchors or f"user-content-{decoded}" in anchors
