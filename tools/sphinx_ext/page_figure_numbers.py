"""Number figures and tables page by page ("图 1" on every lesson), not across the whole site.

Without a numbered toctree Sphinx counts every figure of the project in one sequence, so the
third lesson's first figure reads "图 86". Lessons are read one at a time, so each page counts
from 1, as a book chapter would.

Sphinx's toctree collector assigns the site-wide numbers on ``env-get-updated`` and compares them
with the previous build's to decide which pages to rewrite. This extension keeps that comparison
working: just before the collector runs it puts the previous site-wide numbers back, and just after
it stores them again and replaces them with page-wise ones, returning the pages whose page-wise
numbers changed.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

# fignumbers of one page: figure type -> node id -> number tuple
PageNumbers = dict[str, dict[str, tuple[int, ...]]]

_SITE_WIDE = "aiinfra_site_wide_fignumbers"


def page_wise(numbers: dict[str, PageNumbers]) -> dict[str, PageNumbers]:
    """The same figures, numbered 1, 2, … within each page and figure type, in page order."""
    renumbered: dict[str, PageNumbers] = {}
    for docname, by_type in numbers.items():
        renumbered[docname] = {
            figtype: {
                node_id: (position,)
                for position, (node_id, _) in enumerate(sorted(ids.items(), key=lambda item: item[1]), 1)
            }
            for figtype, ids in by_type.items()
        }
    return renumbered


def _restore_site_wide(app: Sphinx, env: BuildEnvironment) -> list[str]:
    previous = getattr(env, _SITE_WIDE, None)
    if previous is not None:
        env.toc_fignumbers = previous
    return []


def _number_per_page(app: Sphinx, env: BuildEnvironment) -> list[str]:
    site_wide = env.toc_fignumbers
    before = page_wise(getattr(env, _SITE_WIDE, None) or {})
    setattr(env, _SITE_WIDE, site_wide)
    env.toc_fignumbers = page_wise(site_wide)
    return sorted(
        doc for doc in before.keys() | env.toc_fignumbers.keys() if before.get(doc) != env.toc_fignumbers.get(doc)
    )


def setup(app: Sphinx) -> dict[str, Any]:
    # The toctree collector listens at the default priority, 500.
    app.connect("env-get-updated", _restore_site_wide, priority=400)
    app.connect("env-get-updated", _number_per_page, priority=600)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
