"""Command line: ``python -m tools <command>``. Parses flags, calls the library, prints results."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tools import check as check_mod
from tools import outline as outline_mod
from tools import scaffold
from tools.diagnostics import EXIT_USAGE
from tools.links import command as links_command


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would exit 2 too; keep its message short
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m tools", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("outline", help="regenerate outline tables and toctrees from metadata")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file is stale")
    p.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    p.set_defaults(handler=_run_outline)

    p = sub.add_parser("links", help="validate internal and external links")
    links_command.add_arguments(p)
    p.set_defaults(handler=links_command.run)

    p = sub.add_parser("new-lesson", help="scaffold a lesson and add it to the module metadata")
    scaffold.add_arguments(p)
    p.set_defaults(handler=scaffold.run)

    p = sub.add_parser("check", help="every offline check a pull request must pass")
    p.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    p.set_defaults(handler=_run_check)
    return parser


def _run_outline(args: argparse.Namespace) -> int:
    return outline_mod.run(args.root, check_only=args.check)


def _run_check(args: argparse.Namespace) -> int:
    return check_mod.run(args.root)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args))
