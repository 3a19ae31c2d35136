"""Links and ids in raw HTML (``<a href>``, ``<img src>``, ``id=``), read with :mod:`html.parser`.

Comments, ``<script>`` and ``<style>`` content are skipped by the parser itself, so a link
inside ``<!-- ... -->`` is never reported.
"""

from __future__ import annotations

from html.parser import HTMLParser

_LINK_ATTRIBUTES = {("a", "href"): "html-href", ("img", "src"): "html-src"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        for name, value in attrs:
            if value is None:
                continue
            kind = _LINK_ATTRIBUTES.get((tag, name))
            if kind is not None:
                self.found.append((line, column, kind, value.strip()))
            elif name == "id" or (name == "name" and tag == "a"):
                if value.strip():
                    self.found.append((line, column, "id", value.strip()))


def scan_html(text: str) -> list[tuple[int, int, str, str]]:
    """``(line, column, kind, value)`` for each link or id: 1-based line, 0-based column.

    ``kind`` is ``html-href``, ``html-src`` or ``id``.
    """
    if "=" not in text:
        return []
    collector = _Collector()
    collector.feed(text)
    collector.close()
    return collector.found
