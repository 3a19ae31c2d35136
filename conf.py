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
    "tools.sphinx_ext.cjk_markdown",  # emphasis next to Chinese punctuation; no space at Chinese line breaks
    "sphinx_design",
    "sphinx_copybutton",
    "notfound.extension",
    "tools.sphinx_ext.sitemap",
    "sphinxext.opengraph",
    "tools.sphinx_ext.resources",
    "tools.sphinx_ext.local_mathjax",
    "tools.sphinx_ext.page_figure_numbers",
    # The sidebar rendered once per build, and Chinese search that finds what readers type;
    # benchmarks/baseline.py switches both off (`-D`) for the benchmarks' baseline build.
    "tools.sphinx_ext.navigation",
    "tools.sphinx_ext.search_zh",
]

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

# The published site's address, one setting for the sitemap, Open Graph and the 404 page's
# absolute links. The Pages workflow passes the address GitHub Pages reports.
html_baseurl = os.environ.get("AIINFRA_BASE_URL", "").strip() or "https://infrasys-ai.github.io/AIInfra/"
html_baseurl = html_baseurl.rstrip("/") + "/"
if not urlsplit(html_baseurl).netloc:
    raise ConfigError(
        f"AIINFRA_BASE_URL={html_baseurl!r} is not an absolute URL; give one like https://example.org/AIInfra/"
    )
SITE_PATH = urlsplit(html_baseurl).path  # "/AIInfra/": where the site sits on its host
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
    # Results under the search box while typing; the Chinese splitter serves it as it serves search.html.
    "search_as_you_type": True,
}

copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
# What a snippet printed is shown for reading, not for copying.
copybutton_selector = "div:not(.highlight-output) > div.highlight > pre"

# PDF (`make pdf`): the whole course as one book through Sphinx's LaTeX builder and xelatex.
# Fonts are named explicitly so that a fresh Debian machine needs only the packages the Makefile
# lists: Latin Modern (a dependency of TeX Live itself) for Latin text, Noto CJK SC for Chinese.
extensions.append("tools.sphinx_ext.latex_book")
PDF_NAME = "aiinfra"
latex_engine = "xelatex"
latex_documents = [(root_doc, f"{PDF_NAME}.tex", project, author, "manual", False)]
latex_use_xindy = False
latex_domain_indices = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "polyglossia": "",
    "babel": "",
    # ctex with its own font sets and headings off: xeCJK, Chinese captions and line breaking.
    "fontenc": r"\usepackage[UTF8,fontset=none,heading=false,scheme=chinese]{ctex}",
    "fontpkg": r"""
\setmainfont{lmroman10}[Extension=.otf, UprightFont=*-regular, BoldFont=*-bold,
  ItalicFont=*-italic, BoldItalicFont=*-bolditalic]
\setsansfont{lmsans10}[Extension=.otf, UprightFont=*-regular, BoldFont=*-bold,
  ItalicFont=*-oblique, BoldItalicFont=*-boldoblique]
\setmonofont{lmmono10}[Extension=.otf, UprightFont=*-regular, ItalicFont=*-italic,
  BoldFont=lmmonolt10-bold, BoldItalicFont=lmmonolt10-boldoblique]
% The Noto CJK collections hold the JP, KR, SC, TC and HK faces (Mono after them); naming the
% file and face index keeps fontconfig from choosing, and tests/test_pdf.py checks the indices.
% Chinese has no italics: emphasis is set in the sans face.
\setCJKmainfont{NotoSerifCJK-Regular.ttc}[FontIndex=2, BoldFont=NotoSerifCJK-Bold.ttc,
  BoldFeatures={FontIndex=2}, ItalicFont=NotoSansCJK-Regular.ttc, ItalicFeatures={FontIndex=2}]
\setCJKsansfont{NotoSansCJK-Regular.ttc}[FontIndex=2, BoldFont=NotoSansCJK-Bold.ttc, BoldFeatures={FontIndex=2}]
\setCJKmonofont{NotoSansCJK-Regular.ttc}[FontIndex=7, BoldFont=NotoSansCJK-Bold.ttc, BoldFeatures={FontIndex=7}]
% Symbols that Latin Modern lacks (Greek in running text, arrows, ≈, ①, box drawing, shapes)
% come from the CJK font, which has them.
\xeCJKDeclareCharClass{CJK}{"0391 -> "03C9, "2190 -> "21FF, "2200 -> "22FF, "2460 -> "24FF, "2500 -> "25FF}
""",
    "fvset": r"\fvset{fontsize=\small,formatcom=\xeCJKVerbAddon}",
    "fncychap": "",
    "makeindex": "",
    "printindex": "",
    "passoptionstopackages": r"\PassOptionsToPackage{bookmarksnumbered,bookmarksopen,bookmarksopenlevel=0}{hyperref}",
    # Chinese chapter heads ("第 2 章", also in the page footers); links upright, not in italics,
    # which Chinese text does not have.
    "preamble": r"""
\setcounter{tocdepth}{2}\hypersetup{bookmarksdepth=3}
\makeatletter
\renewcommand{\chaptername}{第}\def\@chappos{章}
\def\@makechapterhead#1{{\parindent\z@\raggedright\normalfont\py@HeaderFamily
  \ifnum\c@secnumdepth>\m@ne\if@mainmatter
    {\Large\@chapapp\ \thechapter\ \@chappos}\par\nobreak\vskip 12\p@
  \fi\fi
  \interlinepenalty\@M{\huge\bfseries #1}\par\nobreak\vskip 30\p@}}
\makeatother
\protected\def\sphinxcrossref#1{#1}
""",
}

# The site offers the PDF in its header when `make pdf` has built it (the publish workflow builds
# it before the site); otherwise the header says how to build it, so no local link is dead.
# The PDF sits in _build/ itself: Sphinx warns when an extra path is inside a builder's output.
# AIINFRA_PDF names another file (the tests point it at one that does not exist).
PDF_FILE = Path(os.environ.get("AIINFRA_PDF", ROOT / "_build" / f"{PDF_NAME}.pdf"))
templates_path = [*globals().get("templates_path", []), "_templates"]
html_theme_options["article_header_end"] = ["pdf-download.html", "article-header-buttons.html"]
html_css_files = [*html_css_files, "pdf-download.css"]
html_context["aiinfra_pdf"] = PDF_FILE.name if PDF_FILE.is_file() else ""
if PDF_FILE.is_file():
    html_extra_path = [*globals().get("html_extra_path", []), str(PDF_FILE)]
