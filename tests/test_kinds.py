"""The registry of diagnostic kinds: every kind the code emits is in it, and CONTRIBUTING.md shows it exactly."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO
from tools.diagnostics import Diagnostic, render_github
from tools.kinds import KINDS, LINK_KINDS, METADATA_KINDS, Severity, render_table

# Where a kind is passed as a literal: call name -> index of the kind among the positional arguments.
_KIND_ARGUMENT = {"Diagnostic": 3, "_at": 2, "error": 1, "Broken": 0, "UrlResult": 2, "RegionError": 2}


def emitted_kinds() -> dict[str, str]:
    """kind -> first ``file:line`` that emits it, found in the source of tools/."""
    found: dict[str, str] = {}

    def note(node: ast.AST, path: Path) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.setdefault(node.value, f"{path.relative_to(REPO)}:{node.lineno}")

    for path in sorted((REPO / "tools").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in _KIND_ARGUMENT and len(node.args) > _KIND_ARGUMENT[name]:
                    note(node.args[_KIND_ARGUMENT[name]], path)
                for keyword in node.keywords:
                    if keyword.arg == "kind" and name in _KIND_ARGUMENT:
                        note(keyword.value, path)
            # ``def __init__(..., kind: str = "region-markers")``
            elif isinstance(node, ast.FunctionDef):
                args = node.args.args[len(node.args.args) - len(node.args.defaults) :]
                for arg, default in zip(args, node.args.defaults, strict=True):
                    if arg.arg == "kind":
                        note(default, path)
            # ``kind, message, retryable = "timeout", ...`` in the external checker
            elif (
                isinstance(node, ast.Assign)
                and isinstance(node.targets[0], ast.Tuple)
                and isinstance(node.value, ast.Tuple)
            ):
                for target, value in zip(node.targets[0].elts, node.value.elts, strict=False):
                    if isinstance(target, ast.Name) and target.id == "kind":
                        note(value, path)
    return found


def test_every_emitted_kind_is_registered_and_every_registered_kind_is_emitted() -> None:
    emitted = emitted_kinds()
    assert {k: where for k, where in emitted.items() if k not in KINDS} == {}
    assert sorted(set(KINDS) - set(emitted)) == []


def test_each_kind_is_defined_once() -> None:
    names = [kind.name for kind in (*METADATA_KINDS, *LINK_KINDS)]
    assert len(names) == len(set(names))


def test_contributing_shows_the_registry() -> None:
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for table in (render_table(METADATA_KINDS), render_table(LINK_KINDS)):
        assert table in guide, "CONTRIBUTING.md's table of kinds differs from tools/kinds.py; paste:\n" + table


def test_github_annotations_follow_the_severity() -> None:
    assert KINDS["redirect-permanent"].severity is Severity.WARNING
    found = [
        Diagnostic("a.md", 3, 2, "redirect-permanent", "moved"),
        Diagnostic("b/module.yml", 4, None, "title-mismatch", "differs, a: b"),
    ]
    assert render_github(found) == (
        "::warning file=a.md,line=3,col=2,title=redirect-permanent::moved\n"
        "::error file=b/module.yml,line=4,title=title-mismatch::differs, a: b\n"
    )
