"""The course as the checker sees it: every file read and parsed once, anchors and labels on demand.

Parsing dominates a cold run, so files whose bytes are already in the parse cache are not
parsed again, and a large cold batch is spread over the machine's cores (forked workers each
building the parser once).

The corpus also records what the resolver consulted (which files' contents, which folders'
listings, whether the course's labels), so that a re-run can tell, by re-reading only those,
whether the previous verdicts still hold.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tools.links.anchors import Anchors, normalize_label
from tools.links.cache import ParseCache, cache_directory
from tools.links.errors import UsageError
from tools.links.extract import EXTRACT_VERSION, FileScan, create_parser, scan_text
from tools.links.files import Tree, course_files

# Below this many files to parse, forking workers costs more than it saves.
PARALLEL_MIN_FILES = 150
# Up to this many files are parsed directly rather than looked up in a parse cache not yet
# read: after a small edit, reading and rewriting the whole cache costs more than parsing.
DIRECT_PARSE_MAX = 16


def fingerprint(extensions: frozenset[str]) -> str:
    """What parse results depend on besides the file's bytes.

    The parser packages are identified by their installed files' size and modification time
    rather than their version: an upgrade rewrites them, and reading installed metadata
    (importlib.metadata) cost more than a cached run's whole check.
    """
    from importlib.util import find_spec

    stamps = []
    for package in ("markdown_it", "mdit_py_plugins", "myst_parser"):
        spec = find_spec(package)
        origin = spec.origin if spec is not None else None
        if origin:
            info = os.stat(origin)
            stamps.append(f"{package}={info.st_size}:{info.st_mtime_ns}")
        else:
            stamps.append(f"{package}=?")
    return ";".join([f"extract={EXTRACT_VERSION}", *stamps, "ext=" + ",".join(sorted(extensions))])


_worker_parser: tuple[frozenset[str], Any] | None = None


def _parse_chunk(extensions: frozenset[str], texts: Sequence[str]) -> list[FileScan]:
    """Worker side: parse a chunk of files with a parser built once per process."""
    global _worker_parser
    if _worker_parser is None or _worker_parser[0] != extensions:
        _worker_parser = (extensions, create_parser(extensions))
    md = _worker_parser[1]
    return [scan_text(md, text) for text in texts]


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def listing_digest(listing: Mapping[str, bool] | None) -> str | None:
    if listing is None:
        return None
    text = "\n".join(f"{name}/" if is_dir else name for name, is_dir in sorted(listing.items()))
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


class Corpus:
    """Files under one root, each read and parsed at most once per run."""

    def __init__(
        self,
        root: Path,
        extensions: frozenset[str],
        *,
        use_cache: bool = True,
        exclude_path: Sequence[re.Pattern[str]] = (),
    ) -> None:
        self.root = root
        self.tree = Tree(root)
        self.extensions = extensions
        self.exclude_path = exclude_path
        self.fingerprint = fingerprint(extensions)
        self.cache = None
        if use_cache:
            # Made before any folder is listed, so the root's listing is the same next run.
            try:
                cache_directory(root).mkdir(parents=True, exist_ok=True)
            except OSError:
                pass
            self.cache = ParseCache(cache_directory(root), self.fingerprint)
        self._md: Any = None
        self._read: dict[str, tuple[str, bytes] | OSError] = {}
        self._scans: dict[str, FileScan | None] = {}
        self._anchors: dict[str, Anchors | None] = {}
        self._labels: dict[str, str] | None = None
        self._label_lists: dict[str, list[str]] = {}
        self.parsed = 0  # files actually parsed this run (the rest came from the cache)
        # Set when the previous run's verdicts mostly hold: the few files to parse are parsed
        # without reading the parse cache (see DIRECT_PARSE_MAX).
        self.small_edit = False

    # --- reading and parsing --------------------------------------------------------------

    def digest(self, rel: str) -> str | None:
        """A hash of the file's bytes (the parse cache key), or None if it cannot be read."""
        got = self._load(rel)
        return None if isinstance(got, OSError) else got[0]

    def _load(self, rel: str) -> tuple[str, bytes] | OSError:
        got = self._read.get(rel)
        if got is None:
            try:
                with open(os.path.join(self.root, rel), "rb") as stream:
                    data = stream.read()
                got = (hashlib.blake2b(data, digest_size=16).hexdigest(), data)
            except OSError as error:
                got = error
            self._read[rel] = got
        return got

    def scan_files(self, rels: Sequence[str], strict: bool = True) -> dict[str, FileScan]:
        """Scans of the given root-relative files.

        With ``strict``, an unreadable or non-UTF-8 file is a :class:`UsageError`; otherwise
        it is skipped (a link target we only need anchors from).
        """
        pending: list[tuple[str, str, str]] = []
        cache = self.cache
        if cache is not None and self.small_edit and not cache.loaded:
            if sum(1 for rel in rels if rel not in self._scans) <= DIRECT_PARSE_MAX:
                cache = None
        for rel in rels:
            if rel in self._scans:
                continue
            got = self._load(rel)
            if isinstance(got, OSError):
                if strict:
                    raise UsageError(f"{rel}: cannot read: {got.strerror or got}")
                self._scans[rel] = None
                continue
            key, data = got
            scan = cache.get(key) if cache else None
            if scan is not None:
                self._scans[rel] = scan
                continue
            try:
                pending.append((rel, key, data.decode("utf-8-sig")))
            except UnicodeDecodeError as error:
                if strict:
                    raise UsageError(
                        f"{rel}: not valid UTF-8 (byte {error.start}); save the file as UTF-8"
                    ) from None
                self._scans[rel] = None
        for (rel, key, _), scan in zip(pending, self._parse([text for *_, text in pending]), strict=True):
            self._scans[rel] = scan
            if cache:
                cache.put(key, scan)
        self.parsed += len(pending)
        return {rel: scan for rel in rels if (scan := self._scans.get(rel)) is not None}

    def _parse(self, texts: list[str]) -> list[FileScan]:
        import multiprocessing  # here, not above: a run answered from the caches never needs it
        from concurrent.futures import ProcessPoolExecutor

        workers = min(_workers(), 8)
        if (
            len(texts) < PARALLEL_MIN_FILES
            or workers < 2
            or "fork" not in multiprocessing.get_all_start_methods()
            or threading.active_count() > 1  # forking a threaded process is unsafe
        ):
            md = self._parser()
            return [scan_text(md, text) for text in texts]
        size = max(1, -(-len(texts) // (workers * 4)))
        chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            results = pool.map(_parse_chunk, [self.extensions] * len(chunks), chunks)
            return [scan for chunk in results for scan in chunk]

    def _parser(self) -> Any:
        if self._md is None:
            self._md = create_parser(self.extensions)
        return self._md

    def scan(self, rel: str) -> FileScan | None:
        """The scan of one file (parsed on first use), or None if it cannot be read."""
        if rel not in self._scans:
            self.scan_files([rel], strict=False)
        return self._scans.get(rel)

    # --- what links resolve against ----------------------------------------------------------

    def anchors(self, rel: str) -> Anchors | None:
        """The fragments ``rel`` answers to, or None when it cannot be read."""
        if rel not in self._anchors:
            scan = self.scan(rel)
            self._anchors[rel] = None if scan is None else Anchors.build(scan.slugs, scan.ids, scan.labels)
        return self._anchors[rel]

    def course(self) -> list[str]:
        """Every Markdown file of the course (what labels are collected from)."""
        return course_files(self.root, self.exclude_path)

    def labels(self) -> dict[str, str]:
        """Every ``(label)=`` target and ``:name:`` of the course, normalized, to its file."""
        if self._labels is None:
            rels = self.course()
            self.scan_files(rels, strict=False)
            self.set_labels({rel: scan.labels if (scan := self._scans.get(rel)) else [] for rel in rels})
        assert self._labels is not None
        return self._labels

    def set_labels(self, per_file: Mapping[str, Sequence[str]]) -> None:
        """The course's labels from each course file's own (in course order: the first file wins)."""
        labels: dict[str, str] = {}
        for rel, names in per_file.items():
            for label in names:
                labels.setdefault(normalize_label(label), rel)
        self._labels = labels
        self._label_lists = {rel: list(names) for rel, names in per_file.items()}

    def labels_known(self) -> bool:
        return self._labels is not None

    def label_lists(self) -> dict[str, list[str]]:
        """Each course file's own labels, as written (once :meth:`labels` is known)."""
        return self._label_lists

    def save(self, prune: bool) -> None:
        if self.cache:
            self.cache.save(prune)
