"""Library entry points: check the course's links and get back sorted diagnostics.

``check_offline`` is what ``python -m tools check`` calls; ``check_links`` is the whole
check behind ``python -m tools links``. Both raise :class:`tools.links.errors.UsageError`
for bad input (a missing path, an unreadable file, an invalid ``[tool.aiinfra.links]``).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tools.diagnostics import Diagnostic, sorted_diagnostics
from tools.links.cache import ResolutionCache, ResultCache, cache_directory
from tools.links.config import LinksConfig, load_config
from tools.links.corpus import Corpus
from tools.links.errors import UsageError
from tools.links.extract import FileScan, site_extensions
from tools.links.files import course_files, selected_files
from tools.links.internal import RESOLVE_VERSION, External, Resolver
from tools.links.progress import Progress

if TYPE_CHECKING:
    from tools.links.external import UrlResult

# Findings worth reading that do not mean the link is broken (they never fail the run).
WARNING_KINDS = frozenset({"redirect-permanent", "rate-limited"})


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
    parsed_files: int = 0  # files parsed (the rest came from the parse cache)
    reused: bool = False  # the previous run's verdicts still held: nothing parsed or resolved
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
    corpus = Corpus(root, site_extensions(root), use_cache=use_cache, exclude_path=config.exclude_path)
    memory = ResolutionCache(cache_directory(root)) if use_cache else None
    key = _selection_key(corpus, files, config)
    entry = memory.get(key) if memory is not None else None
    previous = (
        _previous_verdicts(entry) if entry is not None and corpus.unchanged(entry.get("deps", {})) else None
    )
    reused = previous is not None
    if previous is not None:
        links, findings, pending = previous
        parsed = resolved = time.perf_counter()
    else:
        scans = corpus.scan_files(files)
        parsed = time.perf_counter()
        links, findings, pending = _resolve(corpus, files, scans)
        resolved = time.perf_counter()
        if memory is not None:
            memory.put(
                key,
                {
                    "deps": corpus.dependencies(files),
                    "links": links,
                    "findings": [[d.file, d.line, d.column, d.kind, d.message, d.target] for d in findings],
                    "external": [[url, *where] for url, found in pending.items() for where in found],
                },
            )

    urls = [] if offline else [url for url in pending if not any(p.search(url) for p in config.exclude)]
    external = sum(len(pending[url]) for url in urls)
    requests = cached = 0
    if urls:
        results = _check_external(root, urls, config, use_cache, progress)
        for url in urls:
            result = results[url]
            requests += result.requests
            cached += result.cached
            if result.kind is None:
                continue
            for rel, line, column, target in pending[url]:
                findings.append(Diagnostic(rel, line, column, result.kind, result.message, target))
    checked = time.perf_counter()
    if not reused:
        corpus.save(prune=paths is None)
    return LinkReport(
        findings=sorted_diagnostics(findings),
        files=len(files),
        links=links,
        external=external,
        urls=len(urls),
        requests=requests,
        cached_urls=cached,
        parsed_files=corpus.parsed,
        reused=reused,
        timings={
            "read+parse": parsed - started,
            "resolve": resolved - parsed,
            "external": checked - resolved,
            "total": time.perf_counter() - started,
        },
    )


# Where an external link occurs: file, line, column, the target as written.
Occurrence = tuple[str, int, "int | None", str]


def _previous_verdicts(entry: dict) -> tuple[int, list[Diagnostic], dict[str, list[Occurrence]]] | None:  # type: ignore[type-arg]
    """The verdicts stored by an earlier run, or None if the entry is malformed."""
    try:
        findings = [Diagnostic(*row) for row in entry["findings"]]
        pending: dict[str, list[Occurrence]] = {}
        for url, rel, line, column, target in entry["external"]:
            pending.setdefault(url, []).append((rel, line, column, target))
        return int(entry["links"]), findings, pending
    except (KeyError, TypeError, ValueError):
        return None


def _selection_key(corpus: Corpus, files: Sequence[str], config: LinksConfig) -> str:
    """Identifies a run's inputs other than file contents: which files, parsed and resolved how."""
    text = json.dumps(
        [corpus.fingerprint, RESOLVE_VERSION, [p.pattern for p in config.exclude_path], list(files)],
        ensure_ascii=False,
    )
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _resolve(
    corpus: Corpus, files: Sequence[str], scans: dict[str, FileScan]
) -> tuple[int, list[Diagnostic], dict[str, list[Occurrence]]]:
    """Verdicts for every link: broken internal ones as diagnostics, external ones by URL."""
    resolver = Resolver(corpus)
    findings: list[Diagnostic] = []
    pending: dict[str, list[Occurrence]] = {}
    links = 0
    for rel in files:
        file_links = scans[rel].links
        links += len(file_links)
        for link, verdict in zip(file_links, resolver.resolve_file(rel, file_links), strict=True):
            if verdict is None:
                continue
            if type(verdict) is External:
                pending.setdefault(verdict.url, []).append((rel, link.line, link.column, link.target))
            else:
                findings.append(
                    Diagnostic(rel, link.line, link.column, verdict.kind, verdict.message, link.target)
                )
    return links, findings, pending


def _check_external(
    root: Path,
    urls: list[str],
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
        if hit is None:
            to_request.append(url)
        else:
            results[url] = cached_result(url, hit.status, hit.redirect_to)
    if to_request:
        bar = progress(len(to_request)) if progress else None
        checker = ExternalChecker(config, on_result=(lambda _: bar.advance()) if bar else None)
        try:
            fresh = checker.run(to_request)
        finally:
            if bar:
                bar.close()
        results.update(fresh)
        if cache is not None:
            for url, result in fresh.items():
                if result.ok and result.status is not None:
                    cache.put(url, result.status, result.redirect_to)
                else:
                    cache.discard(url)  # failures are never cached: the next run asks again
    if cache is not None:
        cache.save()
    return results


def find_root(start: Path | None = None) -> Path:
    """The repository root: the nearest directory up from ``start`` with a pyproject.toml or .git."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "pyproject.toml").is_file() or (candidate / ".git").exists():
            return candidate
    return here


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
