"""Links, anchors and labels of one Markdown file, read from markdown-it tokens as MyST parses them.

Nothing here uses regular expressions over raw text to find links: the parser decides what
is a link (so code spans, fences, HTML comments, math and escaped brackets never yield one),
and its line maps give the line. Columns come from the source positions the inline rules
consumed (recorded by thin wrappers around those rules) mapped back onto the source line.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NamedTuple

from myst_parser.slugs import github_slugify, unique_slug

# Link kinds: how the target is written and so how it resolves.
LINK = "link"  # [text](dest), <autolink>, directive :target: option
IMAGE = "image"  # ![alt](dest)
DEFINITION = "definition"  # [label]: dest
HTML_HREF = "html-href"  # <a href="dest">
HTML_SRC = "html-src"  # <img src="dest">
DIRECTIVE = "directive"  # ```{figure} path, {image}, {include}, {literalinclude}
DOWNLOAD = "download"  # {download}`path`
DOC = "doc"  # {doc}`docname`
TOCTREE = "toctree"  # a toctree entry (a docname)
REF = "ref"  # {ref}`label`, {numref}`label`
UNDEFINED_REFERENCE = "undefined-reference"  # [text][label] with no [label]: definition

# Directives whose body is not Markdown (MyST does not parse it, so neither do we).
_OPAQUE_DIRECTIVES = frozenset(
    {
        "code", "code-block", "sourcecode", "code-cell", "literalinclude", "include",
        "math", "raw", "eval-rst", "mermaid", "graphviz", "plantuml", "csv-table",
        "toctree", "image", "highlight", "embed", "jupyter-execute", "ipython",
    }
)  # fmt: skip
_PATH_DIRECTIVES = frozenset({"image", "figure", "include", "literalinclude"})
_ROLE_KINDS = {"doc": DOC, "ref": REF, "numref": REF, "download": DOWNLOAD}
_EXPLICIT_TITLE = re.compile(r"^(.*?)\s*(?<!\\)<([^<>]*?)>\s*$", re.DOTALL)
_CITATION = re.compile(r"^[\d\s,，\-–]+$")
_DIRECTIVE_INFO = re.compile(r"^\{([^}\s]+)\}\s*(.*)$", re.DOTALL)

DEFAULT_EXTENSIONS = frozenset(
    {"colon_fence", "deflist", "dollarmath", "amsmath", "attrs_block", "attrs_inline", "tasklist"}
)

# Inline children whose text makes a heading's title, as in MyST's ``compute_unique_slug``.
_TITLE_TYPES = ("text", "code_inline")


def heading_title(children: Iterable[Any]) -> str:
    """The title MyST slugifies: the text and inline-code children of the heading's inline token."""
    return "".join(child.content for child in children if child.type in _TITLE_TYPES)


def add_heading_slug(title: str, existing: set[str]) -> str | None:
    """The heading's unique slug, registered in ``existing``; None when it gets no anchor.

    An empty slug (a title of punctuation only) gives no anchor and takes no part in
    deduplication, exactly as in MyST.
    """
    slug = github_slugify(title)
    if not slug:
        return None
    slug = unique_slug(slug, existing)
    existing.add(slug)
    return slug


_HTML_LINKS = {("a", "href"): "html-href", ("img", "src"): "html-src"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        for name, value in attrs:
            if value is None:
                continue
            kind = _HTML_LINKS.get((tag, name))
            if kind is not None:
                self.found.append((line, column, kind, value.strip()))
            elif (name == "id" or (name == "name" and tag == "a")) and value.strip():
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


class Link(NamedTuple):
    """One link occurrence: what kind, the target as written, where."""

    kind: str
    target: str  # as written (without the <> of an angle-bracketed destination)
    dest: str  # after Markdown unescaping: what is resolved
    line: int  # 1-based
    column: int | None  # 1-based, None when it cannot be placed


@dataclass(slots=True)
class FileScan:
    """What one file offers and asks for: its links, heading slugs, labels and ids."""

    links: list[Link] = field(default_factory=list)
    slugs: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # from attributes ``{#id}``: Markdown links reach them
    html_ids: list[str] = field(default_factory=list)  # from raw HTML: only HTML links reach them


# The site's markdown-it plugin for Chinese emphasis, as a Sphinx extension and as our syntax name.
CJK_EXTENSION = "tools.sphinx_ext.cjk_markdown"
CJK_SYNTAX = "cjk_friendly"


def site_extensions(root: Path) -> frozenset[str]:
    """The Markdown syntax the site enables: ``myst_enable_extensions`` in ``conf.py``, plus
    ``cjk_friendly`` when ``extensions`` lists the site's CJK emphasis plugin.

    Read with :mod:`ast`, never executed; defaults when there is no ``conf.py`` or the value
    is not a literal. Unknown extensions, or ones whose packages are missing, are dropped
    when the parser is built: the checker must still run where the site build would stop.
    """
    try:
        tree = ast.parse((root / "conf.py").read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return DEFAULT_EXTENSIONS
    values: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id in ("myst_enable_extensions", "extensions"):
                    try:
                        values[target.id] = ast.literal_eval(node.value) if node.value else None
                    except ValueError:
                        values[target.id] = None
    value = values.get("myst_enable_extensions")
    if not isinstance(value, list | set | tuple) or not all(isinstance(v, str) for v in value):
        value = DEFAULT_EXTENSIONS
    sphinx_extensions = values.get("extensions")
    cjk = isinstance(sphinx_extensions, list | tuple) and CJK_EXTENSION in sphinx_extensions
    return frozenset(value) | ({CJK_SYNTAX} if cjk else set())


# Bump when what a scan records changes, so scans cached by older code are discarded.
SCAN_VERSION = 1


def parser_fingerprint(extensions: frozenset[str]) -> str:
    """What a file's scan depends on besides its bytes: this code, the parser packages, the syntax.

    The packages are identified by the size and time of their installed files rather than their
    version: an upgrade rewrites them, and asking importlib.metadata costs more than a cached run.
    """
    from importlib.util import find_spec

    stamps = [f"scan={SCAN_VERSION}", "ext=" + ",".join(sorted(extensions))]
    for package in ("markdown_it", "mdit_py_plugins", "myst_parser"):
        spec = find_spec(package)
        origin = spec.origin if spec is not None else None
        info = os.stat(origin) if origin else None
        stamps.append(f"{package}={info.st_size}:{info.st_mtime_ns}" if info else f"{package}=?")
    return ";".join(stamps)


def _usable(extensions: Iterable[str]) -> set[str]:
    """The extensions this MyST knows and whose packages are installed."""
    from myst_parser.config.main import MdParserConfig

    usable = set(extensions)
    try:
        MdParserConfig(enable_extensions=usable)
    except (TypeError, ValueError):
        usable = {e for e in usable if _known_extension(e)}
    if "linkify" in usable:
        if importlib.util.find_spec("linkify_it") is None:
            usable.discard("linkify")
    return usable


def _known_extension(name: str) -> bool:
    from myst_parser.config.main import MdParserConfig

    try:
        MdParserConfig(enable_extensions={name})
    except (TypeError, ValueError):
        return False
    return True


def _keep(url: str) -> str:
    return url


def _accept(url: str) -> bool:
    return True


def _with_span(rule: Callable[..., bool], token_type: str) -> Callable[..., bool]:
    """Wrap an inline rule so the token it produces records the source span it consumed."""

    def spanning(state: Any, silent: bool) -> bool:
        start = state.pos
        count = len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent:
            tokens = state.tokens
            for i in range(count, len(tokens)):
                if tokens[i].type == token_type:
                    tokens[i].meta["span"] = (start, state.pos)
                    break
        return True

    return spanning


def _link_rule(rule: Callable[..., bool], image: bool) -> Callable[..., bool]:
    """Wrap the link (or image) rule: record where the destination is, or a missing reference."""
    token_type = "image" if image else "link_open"
    opener = 2 if image else 1

    def link(state: Any, silent: bool) -> bool:
        start = state.pos
        count = len(state.tokens)
        if not rule(state, silent):
            if not silent and not image:
                _note_undefined_reference(state, start)
            return False
        if silent:
            return True
        end = state.pos
        tokens = state.tokens
        for i in range(count, len(tokens)):
            token = tokens[i]
            if token.type == token_type:
                meta = token.meta
                meta["span"] = (start, end)
                if state.src[end - 1] == ")":
                    label_end = state.md.helpers.parseLinkLabel(state, start + opener - 1, not image)
                    pos = label_end + 2  # past "]("
                    src = state.src
                    while pos < end and src[pos] in " \t\n":
                        pos += 1
                    result = state.md.helpers.parseLinkDestination(src, pos, end)
                    meta["dest"] = (pos, result.pos if result.ok else pos)
                else:
                    meta["reference"] = True
                break
        return True

    return link


def _note_undefined_reference(state: Any, start: int) -> None:
    """Mark ``[text][label]`` / ``[label][]`` whose label has no definition (MyST shows text)."""
    src = state.src
    before = src[start - 1] if start else " "
    if src[start] != "[" or (before.isascii() and before.isalnum()) or before in "]\\!":
        return  # arr[i][j] is code-like text, [1][2] a run of citations
    label_end = state.md.helpers.parseLinkLabel(state, start, True)
    if label_end < 0 or label_end + 1 >= state.posMax or src[label_end + 1] != "[":
        return
    second = label_end + 1
    second_end = state.md.helpers.parseLinkLabel(state, second, False)
    if second_end < 0:
        return
    text = src[start + 1 : label_end]
    label = src[second + 1 : second_end] or text
    if not label.strip() or label.startswith("^") or (_CITATION.match(text) and _CITATION.match(label)):
        return  # "[6][10]" cites sources 6 and 10: the course's citation style, not a reference
    from markdown_it.common.utils import normalizeReference

    if normalizeReference(label) in state.env.get("references", {}):
        return
    label_start = second + 1 if second_end > second + 1 else start + 1
    token = state.push("undefined_reference", "", 0)
    token.meta = {"label": label, "span": (label_start, label_start + len(label))}


def create_parser(extensions: Iterable[str] = DEFAULT_EXTENSIONS) -> Any:
    """A markdown-it parser configured exactly like MyST's, instrumented for link positions.

    Two deliberate differences, neither of which changes what is a link: destinations are
    kept as written (``normalizeLink`` is the identity; we decode them ourselves) and every
    scheme is let through (``validateLink``), so ``[x](javascript:...)`` is reported rather
    than silently turned into text.
    """
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    extensions = set(extensions)
    cjk = CJK_SYNTAX in extensions
    extensions.discard(CJK_SYNTAX)
    md = create_md_parser(MdParserConfig(enable_extensions=_usable(extensions)), RendererHTML)
    if cjk:  # the same plugin the site's MyST parser uses
        from importlib import import_module

        md.use(import_module(CJK_EXTENSION).cjk_friendly)
    md.options["inline_definitions"] = True
    md.normalizeLink = _keep  # type: ignore[method-assign]
    md.validateLink = _accept  # type: ignore[method-assign]
    ruler = md.inline.ruler
    for name, wrap in (
        ("link", lambda fn: _link_rule(fn, image=False)),
        ("image", lambda fn: _link_rule(fn, image=True)),
        ("autolink", lambda fn: _with_span(fn, "link_open")),
        ("linkify", lambda fn: _with_span(fn, "link_open")),
        ("html_inline", lambda fn: _with_span(fn, "html_inline")),
        ("myst_role", lambda fn: _with_span(fn, "myst_role")),
    ):
        index = ruler.__find__(name)
        if index >= 0:
            rule = ruler.__rules__[index]
            ruler.at(name, wrap(rule.fn), {"alt": rule.alt})
    return md


def scan_text(md: Any, text: str) -> FileScan:
    """Extract everything link checking needs from one file's text."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _Extractor(md, text).run()


def split_options(content: str) -> tuple[dict[str, str], int]:
    """A directive's options (``:key: value`` lines or a ``---`` YAML block) and the body's first line."""
    lines = content.split("\n")
    options: dict[str, str] = {}
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                for line in lines[1:i]:
                    key, sep, value = line.partition(":")
                    if sep and not line[:1].isspace():
                        options[key.strip()] = value.strip().strip("'\"")
                return options, i + 1
        return options, 0
    i = 0
    while i < len(lines) and lines[i].startswith(":"):
        key, sep, value = lines[i][1:].partition(":")
        if not sep:
            break
        options[key.strip()] = value.strip()
        i += 1
    return options, i


class _Extractor:
    def __init__(self, md: Any, text: str) -> None:
        self.md = md
        self.text = text
        self.lines = text.split("\n")
        self.scan = FileScan()
        self._slug_set: set[str] = set()
        self._cursor: dict[int, int] = {}

    def run(self) -> FileScan:
        env: dict[str, Any] = {}
        self._visit(self.md.parse(self.text, env), 0, False, env)
        return self.scan

    # --- where things are -------------------------------------------------------------

    def _column(self, line: int, needle: str, start: int = 0) -> int | None:
        """1-based column of ``needle`` in 0-based source ``line``, searching from ``start``."""
        if not 0 <= line < len(self.lines) or not needle:
            return None
        text = self.lines[line]
        index = text.find(needle, start)
        if index < 0:
            index = text.find(needle)
        return index + 1 if index >= 0 else None

    def _line_starts(self, content: str, base: int) -> list[int | None]:
        """Where each line of an inline token's content starts in its source line."""
        starts: list[int | None] = []
        for k, piece in enumerate(content.split("\n")):
            line = base + k
            if not 0 <= line < len(self.lines):
                starts.append(None)
                continue
            text = self.lines[line]
            cursor = self._cursor.get(line, 0)
            index = text.find(piece, cursor)
            if index < 0:
                index = text.find(piece)
            if index >= 0:
                self._cursor[line] = index + len(piece)
                starts.append(index)
            else:
                starts.append(None)
        return starts

    def _place(
        self, content: str, base: int, starts: list[int | None], pos: int, needle: str
    ) -> tuple[int, int | None]:
        """(1-based line, 1-based column) of offset ``pos`` in an inline token's content."""
        k = content.count("\n", 0, pos)
        line = base + k
        line_start = content.rfind("\n", 0, pos) + 1
        origin = starts[k] if k < len(starts) else None
        if origin is not None:
            return line + 1, origin + pos - line_start + 1
        return line + 1, self._column(line, needle)

    # --- the token walk -----------------------------------------------------------------

    def _visit(self, tokens: Sequence[Any], offset: int, nested: bool, env: dict[str, Any]) -> None:
        scan = self.scan
        for i, token in enumerate(tokens):
            kind = token.type
            if kind == "inline":
                if token.children:
                    self._inline(token, offset)
            elif kind == "heading_open":
                if not nested and i + 1 < len(tokens):
                    self._heading(tokens[i + 1])
            elif kind in ("fence", "colon_fence"):
                self._directive(token, offset, env)
            elif kind == "html_block":
                self._html(token.content, offset + token.map[0], None)
            elif kind == "definition":
                self._definition(token, offset)
            elif kind == "myst_target":
                scan.labels.append(token.content.strip())
            if token.attrs and "id" in token.attrs:
                scan.ids.append(str(token.attrs["id"]))

    def _heading(self, inline: Any) -> None:
        slug = add_heading_slug(heading_title(inline.children or ()), self._slug_set)
        if slug is not None:
            self.scan.slugs.append(slug)

    def _inline(self, token: Any, offset: int) -> None:
        content = token.content
        base = offset + token.map[0]
        starts: list[int | None] | None = None
        add = self.scan.links.append

        def add_located(kind: str, start: int, end: int, resolved: str) -> None:
            nonlocal starts
            target = content[start:end]
            if target.startswith("<") and target.endswith(">"):
                target, start = target[1:-1], start + 1
            if starts is None:
                starts = self._line_starts(content, base)
            line, column = self._place(content, base, starts, start, target)
            add(Link(kind, target, resolved, line, column))

        for child in token.children:
            kind = child.type
            if kind == "link_open":
                meta = child.meta
                if "reference" in meta or "span" not in meta:
                    continue  # a reference usage: its definition is what gets checked
                if "dest" in meta:
                    start, end = meta["dest"]
                elif child.markup == "autolink":  # <url>: drop the brackets
                    start, end = meta["span"][0] + 1, meta["span"][1] - 1
                else:
                    start, end = meta["span"]
                add_located(LINK, start, end, str(child.attrs.get("href", "")))
            elif kind == "image":
                if "dest" in child.meta:
                    start, end = child.meta["dest"]
                    add_located(IMAGE, start, end, str(child.attrs.get("src", "")))
            elif kind == "myst_role":
                role_kind = _ROLE_KINDS.get(child.meta.get("name", ""))
                if role_kind is None or "span" not in child.meta:
                    continue
                if starts is None:
                    starts = self._line_starts(content, base)
                self._role(role_kind, child, content, base, starts)
            elif kind == "html_inline":
                if "span" in child.meta and ("=" in child.content):
                    if starts is None:
                        starts = self._line_starts(content, base)
                    line, column = self._place(content, base, starts, child.meta["span"][0], "<")
                    self._html(child.content, line - 1, (column or 1) - 1)
            elif kind == "undefined_reference":
                if starts is None:
                    starts = self._line_starts(content, base)
                label = child.meta["label"]
                line, column = self._place(content, base, starts, child.meta["span"][0], label)
                add(Link(UNDEFINED_REFERENCE, label, label, line, column))
            if child.attrs and "id" in child.attrs:
                self.scan.ids.append(str(child.attrs["id"]))

    def _role(self, kind: str, child: Any, content: str, base: int, starts: list[int | None]) -> None:
        start = child.meta["span"][0]
        raw = content[start : child.meta["span"][1]]
        name_end = raw.find("}") + 1
        ticks = len(raw) - len(raw[name_end:].lstrip("`"))
        text = child.content
        text_start = start + ticks
        match = _EXPLICIT_TITLE.match(text)
        if match:
            target, target_start = match.group(2), text_start + match.start(2)
        else:
            target, target_start = text.strip(), text_start + (len(text) - len(text.lstrip()))
        if target.startswith("!"):
            return  # Sphinx's "no link" marker
        if target.startswith("~"):
            target, target_start = target[1:], target_start + 1
        line, column = self._place(content, base, starts, target_start, target)
        self.scan.links.append(Link(kind, target, target, line, column))

    def _definition(self, token: Any, offset: int) -> None:
        meta = token.meta
        first = offset + token.map[0]
        joined = "\n".join(self.lines[first : offset + token.map[1]])
        url = str(meta.get("url", ""))
        opener = "[" + str(meta.get("label", "")) + "]:"
        at = joined.find(opener)
        if at >= 0:
            pos = at + len(opener)
            while pos < len(joined) and joined[pos] in " \t":
                pos += 1
            if pos < len(joined) and joined[pos] == "\n":
                pos += 1
                while pos < len(joined) and joined[pos] in " \t":
                    pos += 1
            result = self.md.helpers.parseLinkDestination(joined, pos, len(joined))
            if result.ok:
                target = joined[pos : result.pos]
                if target.startswith("<") and target.endswith(">"):
                    target, pos = target[1:-1], pos + 1
                line = first + joined.count("\n", 0, pos)
                column = pos - (joined.rfind("\n", 0, pos) + 1) + 1
                self.scan.links.append(Link(DEFINITION, target, url, line + 1, column))
                return
        self.scan.links.append(Link(DEFINITION, url, url, first + 1, self._column(first, url)))

    def _directive(self, token: Any, offset: int, env: dict[str, Any]) -> None:
        match = _DIRECTIVE_INFO.match(token.info.strip())
        if not match:
            return  # a code block
        name, argument = match.group(1), match.group(2).strip()
        fence_line = offset + token.map[0]
        options, body_index = split_options(token.content)
        links = self.scan.links
        if name in _PATH_DIRECTIVES and argument:
            # docutils drops the whitespace of an image URI: "a b.png" is looked up as "ab.png"
            dest = "".join(argument.split()) if name in ("image", "figure") else argument
            links.append(Link(DIRECTIVE, argument, dest, fence_line + 1, self._column(fence_line, argument)))
        if options.get("name"):
            self.scan.labels.append(options["name"])
            self.scan.ids.append(options["name"])
        if "target" in options and name in ("image", "figure") and options["target"]:
            target = options["target"]
            line = fence_line + 1 + self._option_line(token.content, "target")
            links.append(Link(LINK, target, target, line + 1, self._column(line, target)))
        body_lines = token.content.split("\n")[body_index:]
        body_first = fence_line + 1 + body_index
        if name == "toctree":
            self._toctree(body_lines, body_first, "glob" in options)
        elif name not in _OPAQUE_DIRECTIVES and any(line.strip() for line in body_lines):
            nested = self.md.parse("\n".join(body_lines), env)
            self._visit(nested, body_first, True, env)

    def _option_line(self, content: str, key: str) -> int:
        for i, line in enumerate(content.split("\n")):
            if line.startswith(f":{key}:") or line.lstrip().startswith(f"{key}:"):
                return i
        return 0

    def _toctree(self, lines: list[str], first: int, glob: bool) -> None:
        for i, raw in enumerate(lines):
            entry = raw.strip()
            if not entry or entry == "self":
                continue
            match = _EXPLICIT_TITLE.match(entry)
            target = match.group(2).strip() if match else entry
            if glob and any(c in target for c in "*?["):
                continue
            kind = LINK if "://" in target else TOCTREE
            self.scan.links.append(Link(kind, target, target, first + i + 1, self._column(first + i, target)))

    def _html(self, html: str, first_line: int, first_column: int | None) -> None:
        """Links and ids in raw HTML whose first line is source line ``first_line`` (0-based)."""
        for line, column, kind, value in scan_html(html):
            if kind == "id":
                self.scan.html_ids.append(value)
                continue
            source_line = first_line + line - 1
            hint = column + (first_column or 0) if line == 1 else column
            found = self._column(source_line, value, hint) if value else None
            if found is None and value:
                for extra in range(1, 4):  # an attribute on a later line of the same tag
                    found = self._column(source_line + extra, value)
                    if found is not None:
                        source_line += extra
                        break
            if found is None:
                found = hint + 1
            self.scan.links.append(Link(kind, value, value, source_line + 1, found))
