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
    "tools.sphinx_ext.cjk_markdown",  # emphasis next to Chinese punctuation; no space at Chinese line breaks
    "sphinx_design",
    "sphinx_copybutton",
    "notfound.extension",
    "sphinx_sitemap",
    "sphinxext.opengraph",
    "tools.sphinx_ext.resources",
    "tools.sphinx_ext.local_mathjax",
]
# AIINFRA_BASELINE=1 builds with the theme's own sidebar and Sphinx's default jieba set-up,
# the peer that benchmarks/bench_build.py and tests/test_navigation.py compare against.
BASELINE = os.environ.get("AIINFRA_BASELINE") == "1"
if not BASELINE:
    extensions.append("tools.sphinx_ext.navigation")
    extensions.append("tools.sphinx_ext.search_zh")

root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = [
    "_build",
    ".venv",
    ".cache",
    ".git",
    ".github",
    ".pytest_cache",
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

# Search: tools/sphinx_ext/search_zh.py replaces Sphinx's Chinese language (jieba words only, no
# query splitter) with one whose index and query splitter cut Chinese the same way.
html_search_language = "zh"

html_theme = "sphinx_book_theme"
html_title = "AIInfra 大模型基础设施"
html_logo = "_static/logo.svg"
html_favicon = "_static/logo.svg"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_js_files = [("sidebar-toggle.js", {"defer": "defer"})]
html_last_updated_fmt = ""
html_context = {"default_mode": "auto"}  # pydata-sphinx-theme logs an error when it is empty
html_copy_source = False
html_show_sourcelink = False

# The published site (seed 000 names it); sitemap, Open Graph and the 404 page need it.
html_baseurl = "https://infrasys-ai.github.io/aiinfra-docs/"
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "genindex.html", "404.html"]
ogp_site_url = html_baseurl
ogp_site_name = "AIInfra 大模型基础设施"
ogp_image = html_baseurl + "_static/logo.svg"
ogp_description_length = 160
ogp_social_cards = {"enable": False}  # cards need matplotlib; the logo serves as the image
notfound_urls_prefix = "/aiinfra-docs/"
notfound_context = {
    "title": "页面不存在",
    "body": (
        "<h1>页面不存在</h1>"
        "<p>你访问的页面不存在，可能已经改名或移动。</p>"
        "<p>可以回到<a href='/aiinfra-docs/index.html'>课程首页</a>，"
        "或用左侧的搜索框查找想看的内容。</p>"
    ),
}

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
    # Results under the search box while typing; the Chinese splitter serves it as it serves search.html.
    "search_as_you_type": True,
}

copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
