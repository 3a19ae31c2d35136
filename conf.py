"""Sphinx configuration of the AIInfra course site."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).parent.resolve()
sys.path.insert(0, str(ROOT))

project = "AIInfra 大模型基础设施"
author = "AIInfra 课程贡献者"
copyright = "2026, AIInfra 课程贡献者"
language = "zh_CN"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_copybutton",
    "tools.sphinx_ext.search_zh",
]
# The navigation cache can be switched off to compare with the theme's own sidebar
# (benchmarks/bench_build.py and tests/test_navigation.py do).
if os.environ.get("AIINFRA_NAV_CACHE", "1") != "0":
    extensions.append("tools.sphinx_ext.navigation")

root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = [
    "_build",
    ".venv",
    ".cache",
    ".git",
    ".github",
    "**/.pytest_cache",
    "tests",
    "benchmarks",
    "README.md",  # the repository's own README; the site's home page is index.md
    "aiinfra_course.egg-info",
]

# MyST: the syntax lessons use, and heading anchors that equal GitHub's so that a
# `#锚点` link works both on GitHub and on the site.
myst_enable_extensions = ["dollarmath", "colon_fence", "deflist", "attrs_inline"]
myst_heading_anchors = 6
myst_heading_slug_func = "github"

# Search: Sphinx's Chinese support segments with jieba. Passing an empty dict path
# stops Sphinx from re-loading jieba's whole default dictionary as a "user dictionary"
# on every build (2 s and 46 MiB); jieba still uses that dictionary itself.
html_search_language = "zh"
html_search_options = {"dict": ""}

html_theme = "sphinx_book_theme"
html_title = "AIInfra 大模型基础设施"
html_logo = "_static/logo.svg"
html_favicon = "_static/logo.svg"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_last_updated_fmt = ""
html_context = {"default_mode": "auto"}  # pydata-sphinx-theme logs an error when it is empty
html_copy_source = False
html_show_sourcelink = False

REPOSITORY = os.environ.get("AIINFRA_REPOSITORY", "https://github.com/Infrasys-AI/AIInfra")
html_theme_options = {
    "repository_url": REPOSITORY,
    "repository_branch": "main",
    "path_to_docs": "",
    "use_repository_button": True,
    "use_edit_page_button": True,
    "use_issues_button": True,
    "use_download_button": False,
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "max_navbar_depth": 3,
    "collapse_navbar": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
}

copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
