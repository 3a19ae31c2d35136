"""The LaTeX-only rewrites of the book: pure functions over docutils trees."""

from __future__ import annotations

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from tools.sphinx_ext.latex_book import math_commands, typeset_scripts


def _document(*children: nodes.Node) -> nodes.document:
    document = new_document("<test>", get_default_settings(Parser))
    document += nodes.paragraph("", "", *children)
    return document


def test_unicode_operators_in_math_become_commands() -> None:
    document = _document(nodes.math("", "t ≈ 2(p−1)/p · S/B ≤ 1"), nodes.Text("正文里的 ≈ 不变"))
    document += nodes.math_block("", "a ≥ b")
    math_commands(document)
    assert [node.astext() for node in document.findall(nodes.math)] == [r"t \approx  2(p-1)/p · S/B \le  1"]
    assert [node.astext() for node in document.findall(nodes.math_block)] == [r"a \ge  b"]
    assert "正文里的 ≈ 不变" in document.astext()


def test_script_digits_outside_code_become_scripts() -> None:
    document = _document(nodes.Text("10⁵ 与 CO₂"), nodes.literal("", "CO₂"))
    typeset_scripts(document)
    assert [node.astext() for node in document.findall(nodes.superscript)] == ["5"]
    assert [node.astext() for node in document.findall(nodes.subscript)] == ["2"]
    assert [node.astext() for node in document.findall(nodes.literal)] == ["CO₂"]
