"""The benchmarks' peer build: the course as the theme and Sphinx would build it on their own.

The production configuration stays free of benchmark switches; a baseline build passes these
``-D`` overrides to ``sphinx-build`` instead:

- ``aiinfra_sidebar_cache=0``: the theme renders the sidebar of every page itself
  (tools/sphinx_ext/navigation.py steps aside);
- ``aiinfra_search_zh=0`` and ``html_search_options.dict=<jieba's dictionary>``: Sphinx's own
  Chinese search with its default set-up, which loads jieba's default dictionary a second time as
  a user dictionary.

    cmd = [sys.executable, "-m", "sphinx", "-b", "html", src, out, *baseline.sphinx_args()]
"""

from __future__ import annotations

from typing import Any


def overrides() -> dict[str, Any]:
    """Configuration values of the baseline build, by name."""
    from sphinx.search.zh import JIEBA_DEFAULT_DICT

    return {
        "aiinfra_search_zh": "0",
        "aiinfra_sidebar_cache": "0",
        "html_search_options.dict": str(JIEBA_DEFAULT_DICT),
    }


def sphinx_args() -> list[str]:
    """The overrides as ``sphinx-build`` arguments."""
    return [arg for name, value in sorted(overrides().items()) for arg in ("-D", f"{name}={value}")]
