"""Number figures and tables page by page ("图 1" on every lesson), not across the whole site.

Without a numbered toctree Sphinx counts every figure of the project in one sequence, so the
third lesson's first figure reads "图 86". Here each page counts from 1, as a book chapter would.

The numbers are counted when a page is read, from the doctree in memory. Sphinx's toctree
collector would count them again on every build by loading every page's doctree from disk, only
for this extension to replace its numbers, so it is told, for the moment it runs, that figures
are not numbered. A ``{numref}`` to a figure on the same page is resolved from the page being
written, too: Sphinx's resolver would load that page's doctree from disk once per reference.
Together the two loads were an eighth of a full build at the course's planned size. A reference
to another page's figure is left to Sphinx.
"""

from __future__ import annotations

from typing import Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform

# fignumbers of one page: figure type -> node id -> number tuple
PageNumbers = dict[str, dict[str, tuple[int, ...]]]

_NUMBERS = "aiinfra_page_fignumbers"


def page_numbers(env: BuildEnvironment, doctree: nodes.Node) -> PageNumbers:
    """The page's captioned figures, tables and code blocks numbered 1, 2, … per type, in page order."""
    numbers: PageNumbers = {}
    for node in doctree.findall(nodes.Element, include_self=False):
        if isinstance(node, (nodes.section, addnodes.toctree)) or not node["ids"]:
            continue
        figtype = _figure_type(env, node)
        if figtype is not None:
            by_id = numbers.setdefault(figtype, {})
            by_id[node["ids"][0]] = (len(by_id) + 1,)
    return numbers


def _figure_type(env: BuildEnvironment, node: nodes.Element) -> str | None:
    # What Sphinx's toctree collector counts: an enumerable node of any domain, captioned if standard.
    for domain in env.domains.sorted():
        figtype = domain.get_enumerable_node_type(node)
        if isinstance(domain, StandardDomain) and not domain.get_numfig_title(node):
            continue
        if figtype:
            return figtype
    return None


def _store(env: BuildEnvironment) -> dict[str, PageNumbers]:
    if not hasattr(env, _NUMBERS):
        setattr(env, _NUMBERS, {})
    return cast(dict[str, PageNumbers], getattr(env, _NUMBERS))


def _count(app: Sphinx, doctree: nodes.document) -> None:
    if app.config.numfig:
        _store(app.env)[app.env.docname] = page_numbers(app.env, doctree)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _store(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    theirs = _store(other)
    _store(env).update((doc, theirs[doc]) for doc in docnames if doc in theirs)


class SiteWideNumbering:
    """Keeps Sphinx's toctree collector from counting figures across the site, for one application."""

    def __init__(self) -> None:
        self.paused = False

    def pause(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        if env.config.numfig:
            env.config.numfig = False
            self.paused = True
        return []

    def publish_page_numbers(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        if self.paused:
            env.config.numfig = True
            self.paused = False
        if env.config.numfig:
            env.toc_fignumbers = {doc: numbers for doc, numbers in sorted(_store(env).items()) if numbers}
        # A page's numbers change only when the page is read again, and then it is written anyway.
        return []


class _PageInMemory:
    """The build environment, except that the page being written is not loaded again from disk."""

    def __init__(self, env: BuildEnvironment, docname: str, doctree: nodes.document) -> None:
        self._env, self._docname, self._doctree = env, docname, doctree

    def get_doctree(self, docname: str) -> nodes.document:
        return self._doctree if docname == self._docname else self._env.get_doctree(docname)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._env, name)


class SamePageNumrefs(SphinxPostTransform):
    """Resolve ``{numref}`` references to figures on the same page, before Sphinx's resolver does."""

    default_priority = 9  # Sphinx's ReferencesResolver runs at 10
    sphinx_app: Sphinx  # set by setup(): transforms reach the builder only through the application

    def run(self, **kwargs: Any) -> None:
        if not self.config.numfig:
            return
        std = self.env.domains.standard_domain
        docname = self.env.current_document.docname
        page = cast(BuildEnvironment, _PageInMemory(self.env, docname, self.document))
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("refdomain") != "std" or node.get("reftype") != "numref" or not node.children:
                continue
            target = node["reftarget"]
            where = std.labels.get(target) or std.anonlabels.get(target)
            fromdoc = node.setdefault("refdoc", docname)
            if where is None or where[0] != docname or fromdoc != docname:
                continue
            contnode = cast(nodes.Element, node[0].deepcopy())
            try:
                resolved = std.resolve_xref(page, fromdoc, self.sphinx_app.builder, "numref", target, node, contnode)
            except NoUri:
                continue
            if resolved is not None:
                node.replace_self(resolved)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", _count)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    # The toctree collector listens at the default priority, 500.
    numbering = SiteWideNumbering()
    app.connect("env-get-updated", numbering.pause, priority=400)
    app.connect("env-get-updated", numbering.publish_page_numbers, priority=600)
    app.add_post_transform(type("SamePageNumrefs", (SamePageNumrefs,), {"sphinx_app": app}))
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
