"""Emphasis next to Chinese punctuation renders, and Chinese lines join without a space."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from tests.site import sphinx_build
from tools.sphinx_ext.cjk_markdown import cjk_friendly

md = MarkdownIt("commonmark").use(cjk_friendly)


@pytest.mark.parametrize(
    ("source", "html"),
    [
        (
            "以**可扩展单元（Scalable Unit，SU）**为积木",
            "<p>以<strong>可扩展单元（Scalable Unit，SU）</strong>为积木</p>",
        ),
        ("**「重要」**的事", "<p><strong>「重要」</strong>的事</p>"),
        ("**同步最差。**288 次", "<p><strong>同步最差。</strong>288 次</p>"),
        ("**规则**：先上后下", "<p><strong>规则</strong>：先上后下</p>"),
        ("共 2**「三」**个", "<p>共 2<strong>「三」</strong>个</p>"),
        ("这是*强调（注）*了", "<p>这是<em>强调（注）</em>了</p>"),
        ("中文**强调**中文", "<p>中文<strong>强调</strong>中文</p>"),
        ("a **b** c", "<p>a <strong>b</strong> c</p>"),
        ("a**(b)**c", "<p>a**(b)**c</p>"),  # CommonMark's own rule still holds between Latin letters
        ("`**代码**`里", "<p><code>**代码**</code>里</p>"),
        ("第一行中文\n第二行中文", "<p>第一行中文第二行中文</p>"),
        ("中文结尾\nEnglish start", "<p>中文结尾\nEnglish start</p>"),
        ("English line\nnext line", "<p>English line\nnext line</p>"),
        ("**粗体**\n下一行", "<p><strong>粗体</strong>下一行</p>"),
    ],
)
def test_plugin_renders_as_authors_mean(source: str, html: str) -> None:
    assert md.render(source).strip() == html


def test_plain_commonmark_keeps_the_asterisks() -> None:
    # The case the plugin exists for; if markdown-it ever fixes it itself, the plugin can go.
    assert "**可扩展单元" in MarkdownIt("commonmark").render("以**可扩展单元（Scalable Unit，SU）**为积木")


@pytest.mark.build
def test_myst_build_uses_the_plugin(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(
        'extensions = ["myst_parser", "tools.sphinx_ext.cjk_markdown"]\nhtml_theme = "basic"\n', encoding="utf-8"
    )
    (source / "index.md").write_text(
        "# 标题\n\n以**可扩展单元（Scalable Unit，SU）**为积木，\n搭出整个集群。\n\n"
        ":::{note}\n指令里的**嵌套（nested）**也一样。\n:::\n",
        encoding="utf-8",
    )
    proc = sphinx_build(source, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    body = BeautifulSoup((tmp_path / "out/index.html").read_text(encoding="utf-8"), "html.parser").select_one("body")
    assert body is not None
    strong = [s.get_text() for s in body.select("strong")]
    assert strong == ["可扩展单元（Scalable Unit，SU）", "嵌套（nested）"]
    assert "为积木，搭出整个集群。" in body.get_text()


def test_no_page_of_the_course_shows_literal_asterisks(built_site: Path) -> None:
    shown = []
    for page in sorted(built_site.rglob("*.html")):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article.bd-article")
        if article is None:
            continue
        for code in article.select("pre, code, .highlight, script, style, .math"):
            code.decompose()
        text = article.get_text()
        if "**" in text:
            at = text.index("**")
            shown.append(f"{page.relative_to(built_site)}: …{text[max(at - 30, 0) : at + 30]}…")
    assert shown == []
