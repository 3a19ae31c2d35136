"""Sphinx configuration of the AIInfra course site."""

from __future__ import annotations

import html
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.errors import ConfigError

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
    "notfound.extension",
    "sphinx_sitemap",
    "sphinxext.opengraph",
    "tools.sphinx_ext.search_zh",
    "tools.sphinx_ext.resources",
    "tools.sphinx_ext.local_mathjax",
]
# The sidebar rendered once per build; `-D aiinfra_sidebar_cache=0` gives the theme's own
# rendering (benchmarks/baseline.py lists the overrides of the benchmarks' baseline build).
extensions.append("tools.sphinx_ext.navigation")

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

# Figures and tables are numbered per page ("图 1"), and lessons refer to them by number
# with {numref}`label`.
numfig = True
numfig_format = {"figure": "图 %s", "table": "表 %s", "code-block": "代码 %s", "section": "第 %s 节"}

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
html_js_files = [("sidebar-toggle.js", {"defer": "defer"})]
html_last_updated_fmt = ""
html_context = {"default_mode": "auto"}  # pydata-sphinx-theme logs an error when it is empty
html_copy_source = False
html_show_sourcelink = False

# The published site's address, one setting for the sitemap, Open Graph and the 404 page's
# absolute links. The Pages workflow passes the address GitHub Pages reports.
html_baseurl = os.environ.get("AIINFRA_BASE_URL", "").strip() or "https://infrasys-ai.github.io/AIInfra/"
html_baseurl = html_baseurl.rstrip("/") + "/"
if not urlsplit(html_baseurl).netloc:
    raise ConfigError(
        f"AIINFRA_BASE_URL={html_baseurl!r} is not an absolute URL; give one like https://example.org/AIInfra/"
    )
SITE_PATH = urlsplit(html_baseurl).path  # "/AIInfra/": where the site sits on its host
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "genindex.html", "404.html"]
ogp_site_url = html_baseurl
ogp_site_name = "AIInfra 大模型基础设施"
ogp_image = html_baseurl + "_static/logo.svg"
ogp_description_length = 160
ogp_social_cards = {"enable": False}  # cards need matplotlib; the logo serves as the image
notfound_urls_prefix = SITE_PATH
notfound_context = {
    "title": "页面不存在",
    "body": (
        "<h1>页面不存在</h1>"
        "<p>你访问的页面不存在，可能已经改名或移动。</p>"
        f"<p>可以回到<a href='{html.escape(SITE_PATH)}index.html'>课程首页</a>，"
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
}

copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
# What a snippet printed is shown for reading, not for copying.
copybutton_selector = "div:not(.highlight-output) > div.highlight > pre"
