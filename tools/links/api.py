"""Library entry points: check the course's links and get back sorted diagnostics.

``check_offline`` is what ``python -m tools check`` calls; ``check_links`` is the whole
check behind ``python -m tools links``. Both raise :class:`tools.errors.UsageError`
for bad input (a missing path, an unreadable file, an invalid ``[tool.aiinfra.links]``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tools.diagnostics import Diagnostic, sorted_diagnostics
from tools.errors import UsageError
from tools.kinds import KINDS, Severity
from tools.links.cache import ResultCache, ScanCache, cache_directory
from tools.links.config import LinksConfig, load_config
from tools.links.extract import parser_fingerprint, site_extensions
from tools.links.files import course_files, selected_files
from tools.links.internal import Corpus, External, Resolver
from tools.links.progress import Progress
from tools.repository import find_root  # noqa: F401  (re-exported: every command finds the root one way)

if TYPE_CHECKING:
    from tools.links.external import UrlResult

# Where an external link occurs: file, line, column, the target as written.
Occurrence = tuple[str, int, "int | None", str]

# Findings worth reading that do not mean the link is broken (they never fail the run).
WARNING_KINDS = frozenset(name for name, kind in KINDS.items() if kind.severity is Severity.WARNING)


def is_warning(diagnostic: Diagnostic) -> bool:
    return diagnostic.kind in WARNING_KINDS


@dataclass(frozen=True)
class LinkReport:
    """Everything one run found, with what it covered and where the time went."""

    findings: list[Diagnostic]
    files: int
    links: int
    external: int  # external link occurrences whose URL was checked (live or from the cache)
    urls: int = 0  # unique URLs among them
    requests: int = 0  # HTTP requests actually sent
    cached_urls: int = 0  # unique URLs answered by the result cache
    parsed_files: int = 0  # files parsed (the rest came from the scan cache)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.findings if not is_warning(d)]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.findings if is_warning(d)]


def check_offline(root: Path, paths: list[Path] | None = None) -> list[Diagnostic]:
    """Broken internal links in the course (``paths`` None) or in the given files and folders."""
    return check_links(root, paths, offline=True).errors


def check_links(
    root: Path,
    paths: Sequence[Path] | None = None,
    *,
    offline: bool = False,
    config: LinksConfig | None = None,
    use_cache: bool = True,
    progress: Callable[[int], Progress] | None = None,
) -> LinkReport:
    """Check every link in the Markdown files under ``paths`` (default: the whole course).

    ``progress``, if given, is called with the number of URLs about to be requested and
    returns a bar that is advanced once per finished URL and closed at the end.
    """
    started = time.perf_counter()
    root = Path(root)
    if not root.is_dir():
        raise UsageError(f"{root}: the root is not a directory")
    root = root.resolve()
    config = config or load_config(root)
    if paths is None:
        files = course_files(root, config.exclude_path)
    else:
        files = selected_files(root, paths, config.exclude_path)
    extensions = site_extensions(root)
    scans = ScanCache(cache_directory(root), parser_fingerprint(extensions)) if use_cache else None
    corpus = Corpus(root, extensions, config.exclude_path, scans)
    resolver = Resolver(corpus)
    findings: list[Diagnostic] = []
    pending: dict[str, list[Occurrence]] = {}
    links = 0
    for rel in files:
        scan = corpus.scan(rel, strict=True)
        assert scan is not None
        links += len(scan.links)
        for link, verdict in zip(scan.links, resolver.resolve_file(rel, scan.links), strict=True):
            if isinstance(verdict, External):
                pending.setdefault(verdict.url, []).append((rel, link.line, link.column, link.target))
            elif verdict is not None:
                findings.append(Diagnostic(rel, link.line, link.column, verdict.kind, verdict.message, link.target))
    if scans is not None:
        scans.save(prune=paths is None)
    resolved = time.perf_counter()

    urls = [] if offline else [url for url in pending if not any(p.search(url) for p in config.exclude)]
    external = sum(len(pending[url]) for url in urls)
    requests = cached = 0
    if urls:
        from tools.links.external import (  # imports httpx: only when going online
            checkable,
            found,
        )

        pages = _pages_to_read(urls, pending, config)
        results = _check_external(root, urls, pages, config, use_cache, progress)
        for url in urls:
            result = results[url]
            requests += result.requests
            cached += result.cached
            for rel, line, column, target in pending[url]:
                if result.kind is not None:
                    findings.append(Diagnostic(rel, line, column, result.kind, result.message, target))
                if result.ok and result.anchors is not None:
                    fragment = target.partition("#")[2]
                    if checkable(fragment) and not found(fragment, result.anchors):
                        message = f"no element with id `#{fragment}` on the page {url}"
                        findings.append(Diagnostic(rel, line, column, "missing-anchor", message, target))
    checked = time.perf_counter()
    return LinkReport(
        findings=sorted_diagnostics(findings),
        files=len(files),
        links=links,
        external=external,
        urls=len(urls),
        requests=requests,
        cached_urls=cached,
        parsed_files=corpus.parsed,
        timings={
            "read+resolve": resolved - started,
            "external": checked - resolved,
            "total": time.perf_counter() - started,
        },
    )


def _pages_to_read(urls: Sequence[str], pending: dict[str, list[Occurrence]], config: LinksConfig) -> set[str]:
    """URLs linked with a checkable fragment on a host whose fragments are element ids."""
    from tools.links.external import checkable, plan_for

    pages = set()
    for url in urls:
        if any(checkable(where[3].partition("#")[2]) for where in pending[url]):
            host = (urlsplit(url).hostname or "").lower()
            if plan_for(host, config).fragments:
                pages.add(url)
    return pages


def _check_external(
    root: Path,
    urls: list[str],
    pages: set[str],
    config: LinksConfig,
    use_cache: bool,
    progress: Callable[[int], Progress] | None,
) -> dict[str, UrlResult]:
    from tools.links.external import ExternalChecker, cached_result

    cache = ResultCache(cache_directory(root), config.cache_max_age) if use_cache else None
    results: dict[str, UrlResult] = {}
    to_request = []
    for url in urls:
        hit = cache.get(url) if cache is not None else None
        if hit is None or (url in pages and hit.anchors is None):
            to_request.append(url)
        else:
            results[url] = cached_result(url, hit.status, hit.redirect_to, hit.anchors)
    if to_request:
        bar = progress(len(to_request)) if progress else None
        checker = ExternalChecker(config, on_result=(lambda _: bar.advance()) if bar else None)
        try:
            fresh = checker.run(to_request, pages)
        finally:
            if bar:
                bar.close()
        results.update(fresh)
        if cache is not None:
            for url, result in fresh.items():
                if result.ok and result.status is not None:
                    cache.put(url, result.status, result.redirect_to, result.anchors)
                else:
                    cache.discard(url)  # failures are never cached: the next run asks again
    if cache is not None:
        cache.save()
    return results


def summary(report: LinkReport) -> str:
    """``12 broken links in 3 files (checked 120 files, 3,400 links, 210 external)``."""
    errors = report.errors
    broken_files = len({d.file for d in errors})
    counts = (
        f"checked {report.files:,} file{_s(report.files)}, {report.links:,} link{_s(report.links)}, "
        f"{report.external:,} external"
    )
    head = (
        f"{len(errors):,} broken link{_s(len(errors))} in {broken_files:,} file{_s(broken_files)}"
        if errors
        else "No broken links"
    )
    warnings = len(report.warnings)
    if warnings:
        head += f", {warnings:,} warning{_s(warnings)}"
    return f"{head} ({counts})"


def _s(count: int) -> str:
    return "" if count == 1 else "s"
