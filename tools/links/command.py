"""``python -m tools links``: parse flags, call :mod:`tools.links.api`, print the findings.

Output formats (see the design brief): ``text`` groups findings by file, one
``path:line:col: kind: message`` line each, and ends with a summary; ``json`` prints exactly
one object; ``github`` prints workflow annotations. Exit 0 when nothing is broken, 1 when
something is, 2 on usage or configuration errors.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tools.diagnostics import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, render_github, render_json, render_text

if TYPE_CHECKING:
    from tools.links.api import LinkReport

FORMATS = ("text", "json", "github")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="Markdown files or folders to check (default: the whole course)",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="the tree relative links may not leave (default: the repository root)",
    )
    parser.add_argument("--offline", action="store_true", help="check internal links only")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the caches in .cache/links/")
    parser.add_argument("--stats", action="store_true", help="print timings and cache use to stderr")
    limits = parser.add_argument_group("network (override [tool.aiinfra.links] in pyproject.toml)")
    limits.add_argument("--max-concurrency", type=int, metavar="N", help="most requests in flight")
    limits.add_argument("--host-concurrency", type=int, metavar="N", help="most requests in flight per host")
    limits.add_argument("--timeout", type=float, metavar="SECONDS", help="seconds one request may take")
    limits.add_argument("--max-retries", type=int, metavar="N", help="retries after a timeout, 429 or 5xx")


def run(args: argparse.Namespace) -> int:
    # Imported here: building the command-line parser must stay cheap for every command.
    from tools.errors import UsageError
    from tools.links.api import check_links, find_root, summary
    from tools.links.config import load_config
    from tools.links.progress import Progress

    out: TextIO = sys.stdout
    err: TextIO = sys.stderr
    try:
        root = args.root if args.root is not None else find_root()
        if not root.is_dir():
            raise UsageError(f"--root {root}: not a directory")
        config = load_config(root).replace(
            max_concurrency=args.max_concurrency,
            host_concurrency=args.host_concurrency,
            timeout=args.timeout,
            max_retries=args.max_retries,
        )
        show_progress = args.format != "json"
        report = check_links(
            root,
            args.paths or None,
            offline=args.offline,
            config=config,
            use_cache=not args.no_cache,
            progress=partial(Progress, label="checking URLs", stream=err, enabled=show_progress),
        )
    except UsageError as error:
        err.write(f"python -m tools links: error: {error}\n")
        return EXIT_USAGE
    if args.format == "json":
        checked = {"files": report.files, "links": report.links, "external": report.external}
        out.write(render_json(report.findings, {"checked": checked}))
    elif args.format == "github":
        out.write(render_github(report.findings))
        err.write(summary(report) + "\n")
    else:
        out.write(render_text(report.findings, summary(report)))
    if args.stats:
        err.write(render_stats(report))
    return EXIT_PROBLEMS if report.errors else EXIT_OK


def render_stats(report: LinkReport) -> str:
    timings = ", ".join(f"{name} {seconds:.3f}s" for name, seconds in report.timings.items())
    return (
        f"links: {timings}\n"
        f"links: {report.files:,} files ({report.parsed_files:,} parsed, the rest from the scan cache), "
        f"{report.links:,} links; "
        f"{report.urls:,} unique URLs, {report.cached_urls:,} from the result cache, "
        f"{report.requests:,} requests\n"
    )
