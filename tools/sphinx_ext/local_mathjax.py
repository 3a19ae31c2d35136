"""Serve MathJax from the site's own ``_static`` instead of a CDN.

Lessons use ``$...$`` math. Sphinx's default loads MathJax from jsDelivr, a third-party
request on every page with a formula that also fails offline. The ``tex-svg`` bundle is
self-contained (glyphs are drawn as SVG paths, no font files), so one file is enough.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

BUNDLE = "tex-svg.js"


def bundle_path() -> Path:
    spec = importlib.util.find_spec("mathjax")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        candidate = Path(location) / "static" / "mathjax" / "es5" / BUNDLE
        if candidate.is_file():
            return candidate
    raise ConfigError(
        f"MathJax bundle {BUNDLE} not found: install the project (pip install .) to get django-static-mathjax"
    )


def _configure(app: Sphinx, config: Config) -> None:
    # A new list: without html_static_path in conf.py the value is Sphinx's shared default.
    config.html_static_path = [*config.html_static_path, str(bundle_path())]
    config.mathjax_path = BUNDLE


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _configure)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
