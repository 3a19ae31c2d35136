"""Metadata values as Markdown text: whatever a title holds, it renders as those characters.

Every value from the YAML reaches the site through generated Markdown (tables, cards, the
article's H1), and MyST passes raw HTML through. Backslash escapes, which CommonMark defines
for every ASCII punctuation character, turn each character that could start markup into
plain text, so ``<svg onload=…>`` in a title is shown, never run.
"""

from __future__ import annotations

import re

# Characters that start markup anywhere in a line: HTML and autolinks, links and images,
# emphasis, code, MyST roles and attributes, math, tables, strikethrough, entities.
_INLINE = re.compile(r"([\\`*_{}\[\]<>|~$&])")
# At the start of a line any punctuation can open a block (heading, list, quote, fence,
# directive, definition), and so can a number followed by ``.`` or ``)``.
_LINE_START = re.compile(r"^(\d*)([!-/:-@\[-`{-~])")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def escape_inline(text: str) -> str:
    """``text`` as literal Markdown text inside a line (a table cell, a heading, a card title)."""
    return _INLINE.sub(r"\\\1", text)


def escape_line(text: str) -> str:
    """``text`` as a literal Markdown paragraph of its own."""
    return _LINE_START.sub(
        lambda m: m.group(1) + ("" if m.group(2) == "\\" else "\\") + m.group(2), escape_inline(text), count=1
    )


def unescape(text: str) -> str:
    """The text a line of Markdown shows, for the backslash escapes :func:`escape_inline` writes."""
    return _ESCAPED.sub(r"\1", text)
