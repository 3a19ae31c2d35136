"""Markdown that reads right in Chinese: emphasis next to full-width punctuation, no space at line breaks.

CommonMark decides whether ``**`` may close emphasis from the characters around it; a run preceded
by punctuation must be followed by whitespace or punctuation. Chinese has no spaces, so
``**可扩展单元（Scalable Unit，SU）**为积木`` keeps its asterisks. Following the CJK-friendly
amendment to CommonMark, a CJK character next to a delimiter run counts as the whitespace or
punctuation that the rule asks for. A soft line break between two CJK characters renders as
nothing instead of a space.

``mdit-py-cjk-friendly`` does both for markdown-it-py 3 but pins ``markdown-it-py<4``, which
myst-parser 5 (needed by Sphinx 9) cannot share, and its line-break fix lives in the HTML renderer,
which MyST does not use; hence this small plugin. :func:`cjk_friendly` is a markdown-it-py plugin,
usable by any parser that must read lessons as the site does; :func:`setup` hooks it into MyST.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import MethodType
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Scanned
from markdown_it.token import Token

# Han (with extensions A and B and compatibility ideographs), kana, Hangul, CJK symbols and
# punctuation, full-width forms.
CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0002fa1f]"
)
InlineRule = Callable[[StateInline, bool], bool]


def is_cjk(char: str) -> bool:
    return bool(CJK.match(char))


def _scan_delims(state: StateInline, start: int, can_split_word: bool) -> Scanned:
    """markdown-it's delimiter scan with CJK characters accepted where punctuation or space is."""
    src, end = state.src, state.posMax
    marker = src[start]
    pos = start
    while pos < end and src[pos] == marker:
        pos += 1
    last = src[start - 1] if start > 0 else " "
    nxt = src[pos] if pos < end else " "
    last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
    next_punct = isMdAsciiPunct(ord(nxt)) or isPunctChar(nxt)
    last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(nxt))
    # A CJK character on either side stands in for the space CommonMark wants next to punctuation:
    # `**（注）**后文` closes after a full-width bracket, `**最差。**288` after a full stop.
    left = not next_space and (not next_punct or last_space or last_punct or is_cjk(last) or is_cjk(nxt))
    right = not last_space and (not last_punct or next_space or next_punct or is_cjk(nxt) or is_cjk(last))
    can_open = left and (can_split_word or not right or last_punct)
    can_close = right and (can_split_word or not left or next_punct)
    return Scanned(can_open, can_close, pos - start)


def _cjk_delims(rule: InlineRule) -> InlineRule:
    def wrapped(state: StateInline, silent: bool) -> bool:
        if "scanDelims" not in vars(state):
            state.scanDelims = MethodType(_scan_delims, state)  # type: ignore[method-assign]
        return rule(state, silent)

    return wrapped


def _edge(tokens: list[Token], index: int, step: int) -> str:
    """The nearest rendered character before (step -1) or after (step 1) ``tokens[index]``."""
    index += step
    while 0 <= index < len(tokens):
        token = tokens[index]
        if token.type in ("softbreak", "hardbreak"):
            return ""
        if token.content:
            return token.content[-1] if step < 0 else token.content[0]
        index += step
    return ""


def _join_cjk_lines(state: StateCore) -> None:
    for block in state.tokens:
        children = block.children
        if block.type != "inline" or not children:
            continue
        kept: list[Token] = []
        for i, token in enumerate(children):
            if token.type == "softbreak" and is_cjk(_edge(children, i, -1)) and is_cjk(_edge(children, i, 1)):
                continue
            if kept and token.type == "text" and kept[-1].type == "text" and children[i - 1].type == "softbreak":
                kept[-1].content += token.content  # one text node, so the line is one run for search
                continue
            kept.append(token)
        block.children = kept


def cjk_friendly(md: MarkdownIt) -> None:
    """markdown-it-py plugin: CJK-aware emphasis flanking, and no soft break between CJK characters."""
    for name in ("emphasis", "strikethrough"):
        rules = {rule.name: rule.fn for rule in md.inline.ruler.__rules__}
        if name in rules:
            md.inline.ruler.at(name, _cjk_delims(rules[name]))
    md.core.ruler.push("cjk_join_lines", _join_cjk_lines)


def setup(app: Any) -> dict[str, Any]:
    # MyST builds its MarkdownIt in one function and offers no plugin setting: wrap that function.
    from myst_parser.parsers import sphinx_

    create = sphinx_.create_md_parser
    if not getattr(create, "cjk_friendly", False):

        def create_md_parser(*args: Any, **kwargs: Any) -> MarkdownIt:
            return create(*args, **kwargs).use(cjk_friendly)

        create_md_parser.cjk_friendly = True  # type: ignore[attr-defined]
        sphinx_.create_md_parser = create_md_parser
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
