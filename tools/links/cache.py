"""Caches under ``.cache/links/`` at the root: external results, and each file's scan by content.

Both are plain JSON written atomically (a temporary file renamed over the old one), so an
interrupted run never leaves a half-written cache; an unreadable or foreign cache is ignored.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.links.extract import FileScan, Link
from tools.writes import write_atomically

CACHE_DIR = Path(".cache") / "links"
_RESULTS_FILE = "external.json"
_RESULTS_FORMAT = 2  # 2: page ids decoded with the page's charset


def _read_json(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as stream:
            return json.load(stream)
    except (OSError, ValueError):
        return None


def _write_json(path: Path, data: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    except OSError:
        pass  # a read-only checkout still gets its links checked, just without a cache


@dataclass(frozen=True, slots=True)
class CachedResult:
    """A URL that worked when it was last checked."""

    checked_at: float
    status: int
    redirect_to: str | None = None  # where a permanent redirect led
    anchors: frozenset[str] | None = None  # the page's ids, if it was read to check fragments


class ResultCache:
    """Working external URLs with the time they were checked; failures are never stored."""

    def __init__(self, directory: Path, max_age: float, now: float | None = None) -> None:
        self.path = directory / _RESULTS_FILE
        self.max_age = max_age
        self.now = time.time() if now is None else now
        self._entries: dict[str, CachedResult] = {}
        self._dirty = False
        data = _read_json(self.path)
        if isinstance(data, dict) and data.get("format") == _RESULTS_FORMAT:
            for url, item in (data.get("urls") or {}).items():
                try:
                    ids = item[3] if len(item) > 3 and isinstance(item[3], list) else None
                    entry = CachedResult(
                        float(item[0]), int(item[1]), item[2], None if ids is None else frozenset(map(str, ids))
                    )
                except (TypeError, ValueError, IndexError):
                    continue
                if 0 <= self.now - entry.checked_at <= max_age:
                    self._entries[url] = entry
            self._dirty = len(self._entries) != len(data.get("urls") or {})

    def get(self, url: str) -> CachedResult | None:
        return self._entries.get(url)

    def put(self, url: str, status: int, redirect_to: str | None = None, anchors: frozenset[str] | None = None) -> None:
        self._entries[url] = CachedResult(time.time(), status, redirect_to, anchors)
        self._dirty = True

    def discard(self, url: str) -> None:
        if self._entries.pop(url, None) is not None:
            self._dirty = True

    def __len__(self) -> int:
        return len(self._entries)

    def save(self) -> None:
        if not self._dirty:
            return
        urls = {
            url: [e.checked_at, e.status, e.redirect_to, *([] if e.anchors is None else [sorted(e.anchors)])]
            for url, e in sorted(self._entries.items())
        }
        _write_json(self.path, {"format": _RESULTS_FORMAT, "urls": urls})
        self._dirty = False


class ScanCache:
    """Each file's scan, keyed by a hash of its bytes: parsing is what a run of the checker spends
    its time on (about 12 ms a lesson), so a re-run parses only the files that changed.

    ``fingerprint`` names the parser's version and the MyST syntax enabled; a cache written under
    another fingerprint is discarded whole.
    """

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.path = directory / "scans.json"
        self.fingerprint = fingerprint
        data = _read_json(self.path)
        stored = data.get("files") if isinstance(data, dict) and data.get("fingerprint") == fingerprint else None
        self._stored: dict[str, Any] = stored if isinstance(stored, dict) else {}
        self._used: dict[str, Any] = {}
        self._added = False

    def get(self, key: str) -> FileScan | None:
        raw = self._stored.get(key)
        if raw is None:
            return None
        try:
            links, slugs, labels, ids, html_ids = raw
            scan = FileScan([Link(*link) for link in links], slugs, labels, ids, html_ids)
        except (TypeError, ValueError):
            return None
        self._used[key] = raw
        return scan

    def put(self, key: str, scan: FileScan) -> None:
        self._used[key] = [[list(link) for link in scan.links], scan.slugs, scan.labels, scan.ids, scan.html_ids]
        self._added = True

    def save(self, prune: bool) -> None:
        """Write what changed; with ``prune`` (a whole-course run), keep only the entries it used."""
        files = self._used if prune else {**self._stored, **self._used}
        if self._added or files.keys() != self._stored.keys():
            _write_json(self.path, {"fingerprint": self.fingerprint, "files": files})


def cache_directory(root: Path) -> Path:
    return root / CACHE_DIR
