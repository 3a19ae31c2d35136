"""Command line: ``python -m tools <command>``. Parses flags, calls the library, prints results.

Each command's module is imported only when that command runs, so a quick command does
not pay for the imports of the others (the HTTP client, the YAML parser).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tools.diagnostics import EXIT_USAGE


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _root_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")


def build_parser() -> argparse.ArgumentParser:
    from tools.links import command as links_command

    parser = _Parser(prog="python -m tools", description="Tooling of the AIInfra course.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("outline", help="regenerate outline tables and toctrees from metadata")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file is stale")
    _root_option(p)
    p.set_defaults(handler=_run_outline)

    p = sub.add_parser("links", help="validate internal and external links")
    links_command.add_arguments(p)
    p.set_defaults(handler=links_command.run)

    p = sub.add_parser("new-lesson", help="scaffold a lesson and add it to the module metadata")
    p.add_argument("module_dir", metavar="MODULE_DIR", help="module folder, e.g. 04Train/01ParallelBegin")
    p.add_argument("stem", metavar="STEM", help="file name without .md, e.g. 08Example")
    p.add_argument("--title", required=True, help="lesson title (the H1 of the article)")
    p.add_argument("--section", help="outline group (大纲); default: the section of the module's last lesson")
    p.add_argument("--number", type=int, help="lesson number; default: the number after the module's highest")
    _root_option(p)
    p.set_defaults(handler=_run_new_lesson)

    p = sub.add_parser("check", help="every offline check a pull request must pass")
    _root_option(p)
    p.set_defaults(handler=_run_check)
    return parser


def _run_outline(args: argparse.Namespace) -> int:
    from tools import outline

    return outline.run(args.root, check_only=args.check)


def _run_new_lesson(args: argparse.Namespace) -> int:
    from tools import scaffold

    return scaffold.run(args)


def _run_check(args: argparse.Namespace) -> int:
    from tools import check

    return check.run(args.root)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args))
