"""Render the sidebar navigation once per build instead of once per page.

sphinx-book-theme (through pydata-sphinx-theme) resolves the whole site toctree and
rewrites it with BeautifulSoup for every page it writes, which makes a build grow faster
than the number of pages (pydata-sphinx-theme issue 762). Here the toctree is resolved
once into a small tree; each page then gets it as HTML in a single string pass that only
marks the page's ancestors as current and makes the links relative. The markup is the
one pydata-sphinx-theme produces, so the theme's CSS and scripts work unchanged.

Second, the sidebar of every page shows every title, so a page must be rewritten when any
title in the navigation changes. Sphinx rewrites only the pages it re-read; this extension
asks it to rewrite all pages whenever the navigation's titles or structure changed.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import global_toctree_for_doc

_CHEVRON = (
    '<summary><span class="toctree-toggle" role="presentation">'
    '<i class="fa-solid fa-chevron-down"></i></span></summary>'
)


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


def _entries(bullets: nodes.Element, level: int, uri_to_doc: dict[str, str]) -> list[NavEntry]:
    out: list[NavEntry] = []
    for item in bullets.children:
        if not isinstance(item, nodes.list_item):
            continue
        ref = next(iter(item.findall(nodes.reference)), None)
        if ref is None:
            continue
        uri = ref.get("refuri", "")
        if "#" in uri and uri != "#":
            continue  # a section of a page, which the sidebar does not list
        entry = NavEntry(
            docname=uri_to_doc.get(uri) if ref.get("internal") else None,
            uri=uri,
            title=html.escape(ref.astext(), quote=False),
            level=level,
        )
        for child in item.children:
            if isinstance(child, nodes.bullet_list):
                entry.children.extend(_entries(child, level + 1, uri_to_doc))
        out.append(entry)
    return out


def build_tree(app: Sphinx, maxdepth: int) -> NavTree:
    """The whole site navigation, resolved from the root document."""
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
                caption = html.escape(child.astext(), quote=False)
            elif isinstance(child, nodes.bullet_list):
                sections.append(NavSection(caption, _entries(child, 1, uri_to_doc)))
                caption = None
    ancestors: dict[str, tuple[str, ...]] = {}

    def walk(entries: list[NavEntry], path: tuple[str, ...]) -> None:
        for entry in entries:
            if entry.docname is None:
                continue
            here = (*path, entry.docname)
            ancestors.setdefault(entry.docname, here)
            walk(entry.children, here)

    for section in sections:
        walk(section.entries, ())
    return NavTree(sections, ancestors)


def render(tree: NavTree, pathto: Callable[[str], str], pagename: str, show_nav_level: int) -> str:
    """The sidebar HTML for one page, as pydata-sphinx-theme would write it.

    ``pathto`` is the page's own template function, so pages that rewrite their links
    (the 404 page uses absolute ones) get the same hrefs the theme would give them.
    """
    current = set(tree.ancestors.get(pagename, ()))
    parts: list[str] = []

    def href(entry: NavEntry) -> str:
        if entry.docname is None:
            return entry.uri
        if entry.docname == pagename:
            return "#"
        return pathto(entry.docname)

    def emit(entries: list[NavEntry], top: bool) -> None:
        classes = ["current"] if any(entry.docname in current for entry in entries) else []
        if top:
            classes += ["nav", "bd-sidenav"]
        parts.append(f'<ul class="{" ".join(classes)}">' if classes else "<ul>")
        for entry in entries:
            is_current = entry.docname in current
            classes = [f"toctree-l{entry.level}"]
            if is_current:
                classes += ["current", "active"]
            if entry.children:
                classes.append("has-children")
            link_class = "reference external" if entry.docname is None else "reference internal"
            if entry.docname == pagename:
                link_class = "current " + link_class
            parts.append(f'<li class="{" ".join(classes)}"><a class="{link_class}" href="{html.escape(href(entry))}">{entry.title}</a>')
            if entry.children:
                opened = is_current or entry.level < show_nav_level
                parts.append('<details open="open">' if opened else "<details>")
                parts.append(_CHEVRON)
                emit(entry.children, False)
                parts.append("</details>")
            parts.append("</li>")
        parts.append("</ul>")

    for section in tree.sections:
        if section.caption is not None:
            parts.append(f'<p aria-level="2" class="caption" role="heading"><span class="caption-text">{section.caption}</span></p>')
        emit(section.entries, True)
    return "\n".join(parts)


def _on_builder_inited(app: Sphinx) -> None:
    app._aiinfra_nav = {}  # type: ignore[attr-defined]
    if not _chain_after_theme(app):
        # Correct output either way; without the chain the theme also renders its own
        # sidebar while deciding which templates are empty, and nothing is saved.
        app.connect("html-page-context", _install, priority=900)


def _chain_after_theme(app: Sphinx) -> bool:
    """Install our sidebar function right after the theme installs its own.

    pydata-sphinx-theme puts ``generate_toctree_html`` into the page context and, in the
    next handler of the same priority, already renders the sidebar template to find out
    whether it is empty. A handler of ours with a later priority would come too late to
    save that render, and one with an earlier priority would be overwritten; so the
    theme's handler is wrapped in place.
    """
    try:
        from pydata_sphinx_theme.toctree import add_toctree_functions
    except ImportError:
        return False
    listeners = app.events.listeners.get("html-page-context", [])
    for index, listener in enumerate(listeners):
        if listener.handler is add_toctree_functions:

            def chained(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
                add_toctree_functions(app, pagename, templatename, context, doctree)
                _install(app, pagename, templatename, context, doctree)

            listeners[index] = listener._replace(handler=chained)
            return True
    return False


def _install(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    original = context.get("generate_toctree_html")
    if original is None or "pathto" not in context:
        return
    cache: dict[int, NavTree] = app._aiinfra_nav  # type: ignore[attr-defined]  # reset per build

    def generate_toctree_html(kind: str, startdepth: int = 1, show_nav_level: int = 1, **kwargs: Any) -> Any:
        # Only the full-site sidebar is cached; anything else keeps the theme's behaviour.
        if kind != "sidebar" or startdepth != 0 or kwargs.get("collapse") or not kwargs.get("titles_only", False):
            return original(kind, startdepth, show_nav_level, **kwargs)
        maxdepth = int(kwargs.get("maxdepth") or 0)
        if maxdepth not in cache:
            cache[maxdepth] = build_tree(app, maxdepth)
        return render(cache[maxdepth], context["pathto"], pagename, int(show_nav_level))

    context["generate_toctree_html"] = generate_toctree_html


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
    app.connect("builder-inited", _on_builder_inited)
    app.connect("env-get-updated", _on_env_get_updated)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
