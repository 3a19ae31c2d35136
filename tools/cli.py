"""Command line: ``python -m tools <command>``. Parses flags, calls the library, prints results.

The library returns data and raises :class:`tools.errors.ToolError`; only this module (and the
links command's own printer) writes to the terminal. Each command's module is imported only
when that command runs, so a quick command does not pay for the imports of the others.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tools.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, ToolError

PROG = "python -m tools"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _root_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root", type=Path, default=None, help="repository root (default: found from the current folder up)"
    )


def _root(args: argparse.Namespace) -> Path:
    from tools.repository import find_root

    return args.root if args.root is not None else find_root()


def build_parser() -> argparse.ArgumentParser:
    from tools.links import command as links_command

    parser = _Parser(prog=PROG, description="Tooling of the AIInfra course.")
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
    p.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text (default), or github: workflow annotations on the lines of a pull request",
    )
    _root_option(p)
    p.set_defaults(handler=_run_check)
    return parser


def _run_outline(args: argparse.Namespace) -> int:
    from tools.diagnostics import plural, render_text
    from tools.outline import regenerate

    report = regenerate(_root(args), check_only=args.check)
    if report.problems:
        summary = f"{plural(len(report.problems), 'problem')} in the metadata or markers; nothing was written"
        sys.stdout.write(render_text(report.problems, summary))
        return EXIT_PROBLEMS
    if args.check:
        if report.stale:
            sys.stdout.write(render_text(report.stale, f"{plural(len(report.stale), 'file')} out of date"))
            return EXIT_PROBLEMS
        print("outline is up to date")
        return EXIT_OK
    for rel in report.written:
        print(f"updated {rel}")
    print(f"{plural(len(report.written), 'file')} updated" if report.written else "outline is up to date")
    return EXIT_OK


def _run_new_lesson(args: argparse.Namespace) -> int:
    from tools import scaffold
    from tools.errors import Refusal

    root = _root(args)
    try:
        written = scaffold.create_lesson(root, args.module_dir, args.stem, args.title, args.section, args.number)
    except Refusal as exc:
        raise Refusal(f"{exc}\nnothing was changed") from None
    for rel in written:
        print(f"wrote {rel}")
    print("next: write the article, then run `make check`")
    return EXIT_OK


def _run_check(args: argparse.Namespace) -> int:
    from tools.check import collect
    from tools.diagnostics import plural, render_github, render_text
    from tools.kinds import Severity

    problems = collect(_root(args))
    files = len({d.file for d in problems})
    summary = f"{plural(len(problems), 'problem')} in {plural(files, 'file')}"
    if args.format == "github":
        # Annotations on stdout for the workflow; the summary on stderr for the log.
        sys.stdout.write(render_github(problems))
        print(summary if problems else "check passed", file=sys.stderr)
    elif problems:
        sys.stdout.write(render_text(problems, summary))
    else:
        print("check passed: metadata, outline and internal links are consistent")
    return EXIT_PROBLEMS if any(d.severity is Severity.ERROR for d in problems) else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except ToolError as exc:
        print(f"{PROG} {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        # Writers restore what they had changed before the interrupt reaches here.
        print(f"{PROG} {args.command}: interrupted; nothing was changed", file=sys.stderr)
        return EXIT_USAGE
