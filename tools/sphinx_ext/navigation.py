"""Render the sidebar navigation once per build instead of once per page.

sphinx-book-theme (through pydata-sphinx-theme) resolves the whole site toctree and
rewrites it with BeautifulSoup for every page it writes, which makes a build grow faster
than the number of pages (pydata-sphinx-theme issue 762). Here the toctree is resolved
once into a small tree; each page then gets it as HTML in a single string pass that only
marks the page's ancestors as current and makes the links relative. The markup is the
one pydata-sphinx-theme produces, so the theme's CSS and scripts work unchanged; the theme
versions it was compared with are pinned in pyproject.toml, and tests/test_navigation.py
compares the two renderings on a small site.

It plugs in through supported hooks only: a template that overrides the theme's sidebar
component (``templates/sbt-sidebar-nav.html``) and an ``html-page-context`` handler that
puts ``aiinfra_sidebar`` into the page context. Whatever this renderer does not reproduce
(titles with markup such as inline code, numbered toctrees, ``show_navbar_depth`` 0, a
collapsed sidebar, a toctree whose structure it does not recognise) it leaves to the theme:
``aiinfra_sidebar`` returns None and the template calls the theme's own function.

Upstream, pydata-sphinx-theme #2449 caches the sidebar inside the theme. Once a release with
it is allowed by the pin, build with and without this renderer (``-D aiinfra_sidebar_cache=0``,
see benchmarks/baseline.py) and delete the renderer and its template if it no longer pays;
the rewrite of every page after a title change (below) is still needed.

Second, the sidebar of every page shows every title, so a page must be rewritten when any
title in the navigation changes. Sphinx rewrites only the pages it re-read; this extension
asks it to rewrite all pages whenever the navigation's titles or structure changed.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.util import logging

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"

_CHEVRON = (
    '<summary><span class="toctree-toggle" role="presentation">'
    '<i class="fa-solid fa-chevron-down"></i></span></summary>'
)


class Unsupported(Exception):
    """The site's toctree has something this renderer does not reproduce; the theme renders it."""


@dataclass
class NavEntry:
    docname: str | None  # None for an external link
    uri: str  # relative to the root document
    title: str  # already HTML-escaped
    level: int
    children: list[NavEntry] = field(default_factory=list)


@dataclass
class NavSection:
    caption: str | None
    entries: list[NavEntry]


@dataclass
class NavTree:
    sections: list[NavSection]
    ancestors: dict[str, tuple[str, ...]]  # docname -> docnames from the top down to it
    root: str  # the root document
    # The sidebar written once per folder, link target style and opened depth (see render).
    skeletons: dict[tuple[str, str, int], Skeleton] = field(default_factory=dict)


def _plain_text(node: nodes.Element, what: str) -> str:
    """The node's text, HTML-escaped, when it holds nothing but text."""
    if not all(isinstance(child, nodes.Text) for child in node.children):
        raise Unsupported(f"{what} {node.astext()!r} contains markup")
    return html.escape(node.astext(), quote=False)


def _entries(bullets: nodes.Element, level: int, uri_to_doc: dict[str, str]) -> list[NavEntry]:
    out: list[NavEntry] = []
    for item in bullets.children:
        if not isinstance(item, nodes.list_item) or not item.children:
            raise Unsupported(f"unexpected {type(item).__name__} in a toctree list")
        head, *rest = item.children
        if not isinstance(head, nodes.Element) or len(head.children) != 1:
            raise Unsupported(f"unexpected toctree entry {head.astext()!r}")
        ref = head.children[0]
        if not isinstance(ref, nodes.reference):
            raise Unsupported(f"toctree entry {head.astext()!r} is not a link")
        if ref.get("secnumber") or head.get("secnumber"):
            raise Unsupported("numbered toctrees")
        uri = ref.get("refuri", "")
        if "#" in uri and uri != "#":
            continue  # a section of a page, which the sidebar does not list
        entry = NavEntry(
            docname=uri_to_doc.get(uri) if ref.get("internal") else None,
            uri=uri,
            title=_plain_text(ref, "title"),
            level=level,
        )
        if ref.get("internal") and entry.docname is None:
            raise Unsupported(f"link {uri!r} to no known page")
        for child in rest:
            if not isinstance(child, nodes.bullet_list):
                raise Unsupported(f"unexpected {type(child).__name__} under {entry.title!r}")
            entry.children.extend(_entries(child, level + 1, uri_to_doc))
        out.append(entry)
    return out


def build_tree(app: Sphinx, maxdepth: int) -> NavTree:
    """The whole site navigation, resolved from the root document.

    Raises :class:`Unsupported` for anything :func:`render` could not reproduce.
    """
    env, builder = app.env, app.builder
    root = app.config.root_doc
    resolved = global_toctree_for_doc(
        env, root, builder, tags=builder.tags, collapse=False, includehidden=True, maxdepth=maxdepth, titles_only=True
    )
    uri_to_doc = {builder.get_relative_uri(root, doc): doc for doc in env.found_docs}
    sections: list[NavSection] = []
    caption: str | None = None
    if resolved is not None:
        for child in resolved.children:
            if isinstance(child, (nodes.caption, nodes.title)):
                caption = _plain_text(child, "caption")
            elif isinstance(child, nodes.bullet_list):
                sections.append(NavSection(caption, _entries(child, 1, uri_to_doc)))
                caption = None
            else:
                raise Unsupported(f"unexpected {type(child).__name__} in the site toctree")
    ancestors: dict[str, tuple[str, ...]] = {}

    def walk(entries: list[NavEntry], path: tuple[str, ...]) -> None:
        for entry in entries:
            if entry.docname is None:
                continue
            if entry.docname in ancestors:
                # Sphinx marks every place of such a page as current; this renderer marks one.
                raise Unsupported(f"page {entry.docname!r} appears twice in the navigation")
            here = (*path, entry.docname)
            ancestors[entry.docname] = here
            walk(entry.children, here)

    for section in sections:
        walk(section.entries, ())
    return NavTree(sections, ancestors, root)


def render(tree: NavTree, pathto: Callable[[str], str], pagename: str, show_nav_level: int) -> str:
    """The sidebar HTML for one page, as pydata-sphinx-theme would write it.

    ``pathto`` is the page's own template function, so pages that rewrite their links
    (the 404 page uses absolute ones) get the same hrefs the theme would give them.

    The sidebar lists every page of the site, so writing it link by link for every page would
    make a build grow with the square of its size. Relative links depend only on the page's
    folder, so the sidebar is written once per folder (:class:`Skeleton`) and each page then
    changes only the few items on its own path.
    """
    key = (posixpath.dirname(pagename), pathto(tree.root), show_nav_level)
    skeleton = tree.skeletons.get(key)
    if skeleton is None:
        skeleton = tree.skeletons[key] = Skeleton.write(tree, pathto, pagename, show_nav_level)
    return skeleton.for_page(tree.ancestors.get(pagename, ()), pagename)


def _item(classes: list[str], link_class: str, href: str, title: str) -> str:
    """The opening of a sidebar item with its link (``href`` escaped, ``title`` already HTML)."""
    return f'<li class="{" ".join(classes)}"><a class="{link_class}" href="{href}">{title}</a>'


@dataclass(frozen=True)
class Slot:
    """Where one entry sits in a :class:`Skeleton`, and what it reads on the current page's path."""

    ul: int
    ul_current: str
    item: int
    item_current: str  # an ancestor of the page
    item_here: str  # the page itself
    details: int | None  # index of ``<details>`` when the entry has children


@dataclass
class Skeleton:
    """The sidebar of one folder's pages with nothing marked current, cut where pages differ."""

    parts: list[str]
    slots: dict[str, Slot]

    @classmethod
    def write(cls, tree: NavTree, pathto: Callable[[str], str], pagename: str, show_nav_level: int) -> Skeleton:
        parts: list[str] = []
        slots: dict[str, Slot] = {}

        def href(entry: NavEntry) -> str:
            if entry.docname is None:
                return entry.uri
            if entry.docname == pagename:
                # For the other pages of this folder, which link here by file name.
                return posixpath.basename(entry.uri)
            return pathto(entry.docname)

        def ul(classes: list[str]) -> str:
            return f'<ul class="{" ".join(classes)}">' if classes else "<ul>"

        def emit(entries: list[NavEntry], top: bool) -> None:
            base = ["nav", "bd-sidenav"] if top else []
            ul_index = len(parts)
            parts.append(ul(base))
            for entry in entries:
                extra = ["has-children"] if entry.children else []
                level = f"toctree-l{entry.level}"
                link_class = "reference external" if entry.docname is None else "reference internal"
                target = html.escape(href(entry))
                item_index = len(parts)
                parts.append(_item([level, *extra], link_class, target, entry.title))
                details = None
                if entry.children:
                    details = len(parts)
                    parts.append('<details open="open">' if entry.level < show_nav_level else "<details>")
                    parts.append(_CHEVRON)
                    emit(entry.children, False)
                    parts.append("</details>")
                parts.append("</li>")
                if entry.docname is not None:
                    current = [level, "current", "active", *extra]
                    slots[entry.docname] = Slot(
                        ul=ul_index,
                        ul_current=ul(["current", *base]),
                        item=item_index,
                        item_current=_item(current, link_class, target, entry.title),
                        item_here=_item(current, f"current {link_class}", "#", entry.title),
                        details=details,
                    )
            parts.append("</ul>")

        for section in tree.sections:
            if section.caption is not None:
                parts.append(
                    '<p aria-level="2" class="caption" role="heading">'
                    f'<span class="caption-text">{section.caption}</span></p>'
                )
            emit(section.entries, True)
        return cls(parts, slots)

    def for_page(self, path: tuple[str, ...], pagename: str) -> str:
        """The sidebar of the page ``pagename``, whose ancestors from the top down are ``path``."""
        parts = self.parts.copy()
        for docname in path:
            slot = self.slots[docname]
            parts[slot.ul] = slot.ul_current
            parts[slot.item] = slot.item_here if docname == pagename else slot.item_current
            if slot.details is not None:
                parts[slot.details] = '<details open="open">'
        return "\n".join(parts)


class SidebarCache:
    """One application's navigation trees, resolved once per build, by maximum depth."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.trees: dict[int, NavTree] = {}
        self.unsupported: str | None = None

    def tree(self, maxdepth: int) -> NavTree | None:
        if self.unsupported is not None:
            return None
        if maxdepth not in self.trees:
            try:
                self.trees[maxdepth] = build_tree(self.app, maxdepth)
            except Unsupported as exc:
                self.give_up(str(exc))
                return None
            except (AttributeError, KeyError, TypeError, ValueError) as exc:
                # Sphinx's toctree API or node layout changed under us: the theme still works.
                self.give_up(f"{type(exc).__name__}: {exc}")
                return None
        return self.trees[maxdepth]

    def give_up(self, reason: str) -> None:
        self.unsupported = reason
        logger.info("sidebar: the theme renders it on every page (%s)", reason)

    def reset(self, app: Sphinx, env: BuildEnvironment) -> None:
        self.trees.clear()
        self.unsupported = None

    def page_context(
        self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        pathto = context.get("pathto")
        if pathto is None:
            return

        def aiinfra_sidebar(
            maxdepth: int = 0, collapse: bool = False, show_nav_level: int = 1, **kwargs: Any
        ) -> str | None:
            """The sidebar HTML, or None where the theme must render it."""
            if collapse or int(show_nav_level) <= 0 or kwargs:
                return None
            tree = self.tree(int(maxdepth or 0))
            return None if tree is None else render(tree, pathto, pagename, int(show_nav_level))

        context["aiinfra_sidebar"] = aiinfra_sidebar


def _add_templates(app: Sphinx, config: Config) -> None:
    if config.aiinfra_sidebar_cache:
        # A new list: without templates_path in conf.py the value is Sphinx's shared default.
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def navigation_signature(env: BuildEnvironment) -> str:
    """A digest of everything the sidebar shows: the toctree structure and every title."""
    digest = hashlib.sha256()
    for doc in sorted(env.found_docs):
        title = env.titles.get(doc)
        digest.update(doc.encode())
        digest.update(b"\0" + (title.astext() if title is not None else "").encode())
        for child in env.toctree_includes.get(doc, []):
            digest.update(b"\1" + child.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def _on_env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    signature = navigation_signature(env)
    previous = getattr(env, "aiinfra_nav_signature", None)
    env.aiinfra_nav_signature = signature  # type: ignore[attr-defined]
    if previous is not None and previous != signature:
        return sorted(env.found_docs)
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    # `-D aiinfra_sidebar_cache=0` leaves the sidebar to the theme (the benchmarks' baseline).
    app.add_config_value("aiinfra_sidebar_cache", True, "html", types=frozenset({bool}))
    cache = SidebarCache(app)
    app.connect("config-inited", _add_templates)
    app.connect("env-updated", cache.reset)
    # Before pydata-sphinx-theme's handlers (priority 500), whose check for empty sidebar
    # templates already renders the sidebar once.
    app.connect("html-page-context", cache.page_context, priority=499)
    app.connect("env-get-updated", _on_env_get_updated)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
