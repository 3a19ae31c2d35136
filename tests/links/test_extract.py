"""Extraction: what is a link (as MyST decides), where it is (line and column), what a page offers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools.links.extract import (
    DEFINITION,
    DIRECTIVE,
    DOC,
    DOWNLOAD,
    HTML_HREF,
    HTML_SRC,
    IMAGE,
    LINK,
    REF,
    TOCTREE,
    UNDEFINED_REFERENCE,
    Link,
    create_parser,
    scan_text,
    site_extensions,
)
from tools.links.internal import Anchors

MD = create_parser(["dollarmath", "colon_fence", "deflist", "attrs_inline"])


def links(text: str) -> list[Link]:
    return scan_text(MD, text).links


def where(text: str) -> list[tuple[str, str, int, int | None]]:
    return [(link.kind, link.target, link.line, link.column) for link in links(text)]


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """(line, column), both 1-based, of the ``nth`` occurrence of ``needle`` in ``text``."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def test_columns_are_1_based_characters_not_bytes() -> None:
    text = "中文[链接](目标.md) 和 [第二](b.md)"
    assert where(text) == [(LINK, "目标.md", 1, 8), (LINK, "b.md", *at(text, "b.md"))]


def test_table_cells_with_identical_links_get_their_own_columns() -> None:
    text = "| a | b |\n|---|---|\n| [文章](x.md) | [文章](x.md) |\n"
    assert where(text) == [(LINK, "x.md", *at(text, "x.md")), (LINK, "x.md", *at(text, "x.md", 2))]


def test_link_text_spanning_lines_is_placed_on_the_destination_line() -> None:
    text = "> 引用里的 [很长的\n> 链接文字](dest.md)\n"
    assert where(text) == [(LINK, "dest.md", *at(text, "dest.md"))]


def test_nested_list_and_indented_lines() -> None:
    text = "- 一\n  - 二 [x](a.md)\n\n    ```{note}\n    [y](b.md)\n    ```\n"
    assert [(t, line, col) for _, t, line, col in where(text)] == [
        ("a.md", *at(text, "a.md")),
        ("b.md", *at(text, "b.md")),
    ]


def test_angle_brackets_are_not_part_of_the_target() -> None:
    assert where('[x](<my file.md> "标题")') == [(LINK, "my file.md", 1, 6)]
    assert links("[x](<my file.md>)")[0].dest == "my file.md"


def test_percent_encoding_and_escapes_are_kept_as_written_in_target() -> None:
    link = links("[x](a%20b\\_c.md)")[0]
    assert (link.target, link.dest) == ("a%20b\\_c.md", "a%20b_c.md")


def test_images_autolinks_and_empty_links() -> None:
    text = "![图](<images/图 1.png>) <https://example.com/a> [视频]()"
    assert where(text) == [
        (IMAGE, "images/图 1.png", *at(text, "images")),
        (LINK, "https://example.com/a", *at(text, "https")),
        (LINK, "", *at(text, ")", 2)),  # an empty target points at the closing parenthesis
    ]


def test_unsafe_schemes_are_still_links() -> None:
    assert where("[x](javascript:alert(1))")[0][:2] == (LINK, "javascript:alert(1)")


def test_reference_definitions_not_their_uses() -> None:
    text = '见[文章][ref]和[ref]。\n\n[ref]: <../a b.md> "t"\n[other]:\n  other.md\n'
    assert where(text) == [(DEFINITION, "../a b.md", 3, 9), (DEFINITION, "other.md", 5, 3)]


def test_undefined_reference_but_not_citations_or_indexing() -> None:
    text = "[文章][nope] 与 [x][] 与 引文[1][2] 与 A[i][j] 与 `[a][b]` 与 \\[c\\]\\[d\\]\n"
    assert where(text) == [
        (UNDEFINED_REFERENCE, "nope", *at(text, "nope")),
        (UNDEFINED_REFERENCE, "x", *at(text, "x]")),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "```\n[x](a.md)\n```\n",
        "    [x](a.md)\n",
        "`[x](a.md)`\n",
        "<!-- [x](a.md) -->\n",
        '<!--\n[x](a.md)\n<img src="a.png">\n-->\n',
        "\\[x\\](a.md)\n",
        "% [x](a.md)\n",
        "$[x](a.md)$\n",
        "```{code-block} md\n[x](a.md)\n```\n",
        "---\ntitle: '[x](a.md)'\n---\n# t\n",
    ],
    ids=[
        "fence",
        "indented",
        "inline-code",
        "comment",
        "multiline-comment",
        "escaped",
        "myst-comment",
        "math",
        "code-directive",
        "front-matter",
    ],
)
def test_not_links(text: str) -> None:
    assert links(text) == []


def test_raw_html_links_and_ids() -> None:
    text = (
        '<p align="center">\n<img src="a.png" width="10">\n<a href="b.md#x">b</a>\n</p>\n\n'
        '文字 <a id="here"></a><a href="c.md">c</a>\n'
    )
    scan = scan_text(MD, text)
    assert [(link.kind, link.target, link.line, link.column) for link in scan.links] == [
        (HTML_SRC, "a.png", 2, 11),
        (HTML_HREF, "b.md#x", 3, 10),
        (HTML_HREF, "c.md", *at(text, "c.md")),
    ]
    assert scan.html_ids == ["here"] and scan.ids == []


def test_directives_arguments_options_and_markdown_bodies() -> None:
    text = (
        "```{figure} images/a.png\n:name: fig-a\n:target: https://example.com\n\n图注 [x](cap.md)\n```\n\n"
        ":::{note}\n:class: tip\n\n[y](note.md)\n\n```{image} b.png\n```\n:::\n\n"
        "```{include} ../README.md\n```\n"
    )
    scan = scan_text(MD, text)
    assert [(link.kind, link.target, link.line) for link in scan.links] == [
        (DIRECTIVE, "images/a.png", 1),
        (LINK, "https://example.com", 3),
        (LINK, "cap.md", 5),
        (LINK, "note.md", 11),
        (DIRECTIVE, "b.png", 13),
        (DIRECTIVE, "../README.md", 17),
    ]
    assert scan.labels == ["fig-a"]


def test_toctree_entries() -> None:
    text = (
        "```{toctree}\n:maxdepth: 1\n:glob:\n\n01Lesson\n第二课 <02课.md>\nself\nparts/*\nhttps://example.com/x\n```\n"
    )
    assert where(text) == [
        (TOCTREE, "01Lesson", 5, 1),
        (TOCTREE, "02课.md", 6, 6),
        (LINK, "https://example.com/x", 9, 1),
    ]


def test_roles() -> None:
    text = "{doc}`../a/b` {ref}`标题 <my-label>` {download}`文件 <f.pdf>` {numref}`fig-a` {doc}`!x` {eq}`e`\n"
    assert where(text) == [
        (DOC, "../a/b", *at(text, "../a/b")),
        (REF, "my-label", *at(text, "my-label")),
        (DOWNLOAD, "f.pdf", *at(text, "f.pdf")),
        (REF, "fig-a", *at(text, "fig-a")),
    ]


def test_heading_slugs_labels_and_ids() -> None:
    text = (
        "(top)=\n# 集群 简介\n\n## 背景\n\n## 背景\n\n## `NCCL` 与 **带宽**\n\n## ！！！\n\n"
        '### 背景\n\n<div id="box"></div>\n'
    )
    scan = scan_text(MD, text)
    assert scan.slugs == ["集群-简介", "背景", "背景-1", "nccl-与-带宽", "背景-2"]
    assert scan.labels == ["top"]
    assert scan.html_ids == ["box"]
    anchors = Anchors.of(scan)
    assert anchors.has("背景-1", html=False) and anchors.has("TOP", html=False)
    assert anchors.has("box", html=True) and not anchors.has("box", html=False)  # MyST cannot link to it
    assert not anchors.has("背景-3", html=True)


def test_slugs_agree_with_myst_anchors_plugin() -> None:
    """The slugs are the ones MyST's own anchors plugin gives with the github preset."""

    text = (
        "# 第一章：集群\n\n## 背景 介绍\n\n## 背景 介绍\n\n## `CUDA` 核函数 & 流\n\n"
        "## RDMA/RoCE (v2)\n\n### 中文—标点，混排 English\n\n## 背景 介绍\n"
    )
    from markdown_it.renderer import RendererHTML
    from mdit_py_plugins.anchors import anchors_plugin
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser
    from myst_parser.slugs import github_slugify

    md = create_md_parser(MdParserConfig(), RendererHTML).use(anchors_plugin, max_level=6, slug_func=github_slugify)
    ids = re.findall(r'id="([^"]+)"', md.render(text))
    assert len(ids) == 7
    assert scan_text(MD, text).slugs == ids


def test_site_extensions_come_from_conf_py(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text('import os\nmyst_enable_extensions = ["colon_fence", "linkify", "nonsense"]\n')
    assert site_extensions(tmp_path) == frozenset({"colon_fence", "linkify", "nonsense"})
    create_parser(site_extensions(tmp_path))  # unknown or unavailable extensions are dropped
    (tmp_path / "conf.py").write_text("myst_enable_extensions = compute()\n")
    assert "colon_fence" in site_extensions(tmp_path)


def test_the_sites_cjk_emphasis_plugin_is_read_from_conf_py(tmp_path: Path) -> None:
    conf = 'extensions = ["myst_parser", "tools.sphinx_ext.cjk_markdown"]\nmyst_enable_extensions = ["colon_fence"]\n'
    (tmp_path / "conf.py").write_text(conf, encoding="utf-8")
    assert site_extensions(tmp_path) == {"colon_fence", "cjk_friendly"}
    (tmp_path / "conf.py").write_text(conf.replace(', "tools.sphinx_ext.cjk_markdown"', ""), encoding="utf-8")
    assert site_extensions(tmp_path) == {"colon_fence"}


def test_with_the_cjk_plugin_emphasis_closes_before_chinese_text() -> None:
    pytest.importorskip("tools.sphinx_ext.cjk_markdown")  # the site's plugin (tools/sphinx_ext)
    md = create_parser({"cjk_friendly"})
    html = md.render("**粗体（注）**后文，见[链接](a.md)\n")
    assert "<strong>粗体（注）</strong>后文" in html
    assert [link.dest for link in scan_text(md, "**粗体（注）**后文，见[链接](a.md)\n").links] == ["a.md"]
