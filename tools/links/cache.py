"""Caches under ``.cache/links/`` at the root: external results, and parsed files by content.

Both are plain JSON written atomically (a temporary file renamed over the old one), so an
interrupted run never leaves a half-written cache; an unreadable or foreign cache is ignored.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.links.extract import FileScan

CACHE_DIR = Path(".cache") / "links"
_RESULTS_FILE = "external.json"
_RESULTS_FORMAT = 1


def _read_json(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as stream:
            return json.load(stream)
    except (OSError, ValueError):
        return None


def _write_json(path: Path, data: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                json.dump(data, stream, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
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

    def put(
        self, url: str, status: int, redirect_to: str | None = None, anchors: frozenset[str] | None = None
    ) -> None:
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


class ParseCache:
    """Extraction results keyed by a hash of the file's bytes.

    The key does not involve the path or modification time: a file that is touched, moved
    or checked out again parses once. ``fingerprint`` names the extractor version and the
    MyST syntax enabled; a cache written under another fingerprint is discarded whole.
    """

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.path = directory / "parsed.json"
        self.fingerprint = fingerprint
        self._loaded: dict[str, Any] | None = None  # read on first use: a reused run never needs it
        self._new: dict[str, FileScan] = {}
        self._used: set[str] = set()

    @property
    def _raw(self) -> dict[str, Any]:
        if self._loaded is None:
            self._loaded = {}
            data = _read_json(self.path)
            if isinstance(data, dict) and data.get("fingerprint") == self.fingerprint:
                files = data.get("files")
                if isinstance(files, dict):
                    self._loaded = files
        return self._loaded

    def get(self, key: str) -> FileScan | None:
        scan = self._new.get(key)
        if scan is not None:
            self._used.add(key)
            return scan
        raw = self._raw.get(key)
        if raw is None:
            return None
        try:
            scan = FileScan.from_json(raw)
        except (TypeError, ValueError):
            del self._raw[key]
            return None
        self._used.add(key)
        return scan

    def put(self, key: str, scan: FileScan) -> None:
        self._new[key] = scan
        self._used.add(key)

    @property
    def loaded(self) -> bool:
        return self._loaded is not None

    def save(self, prune: bool) -> None:
        """Write new entries; with ``prune``, keep only the entries this run used."""
        if not self._new and self._loaded is None:
            return  # never read and nothing to add: the file on disk is still right
        if not self._new and (not prune or self._used >= set(self._raw)):
            return
        files: dict[str, Any] = {
            key: value for key, value in self._raw.items() if not prune or key in self._used
        }
        files.update((key, scan.to_json()) for key, scan in self._new.items())
        _write_json(self.path, {"fingerprint": self.fingerprint, "files": files})
        self._loaded, self._new = files, {}


def cache_directory(root: Path) -> Path:
    return root / CACHE_DIR


class ResolutionCache:
    """Verdicts of recent runs, each with the digests of everything it was computed from.

    A run over the same files with the same settings reuses the verdicts when every digest
    still matches (:meth:`tools.links.corpus.Corpus.unchanged`): no parsing, no resolving.
    Each selection of files (the whole course, a chapter, one file ...) has its own file,
    ``resolved-<key>.json``; the most recently written few are kept.
    """

    FORMAT = 1
    KEEP = 8

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / f"resolved-{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        data = _read_json(self._path(key))
        if (
            isinstance(data, dict)
            and data.get("format") == self.FORMAT
            and isinstance(data.get("entry"), dict)
        ):
            return data["entry"]
        return None

    def put(self, key: str, entry: dict[str, Any]) -> None:
        _write_json(self._path(key), {"format": self.FORMAT, "entry": entry})
        try:
            older = sorted(self.directory.glob("resolved-*.json"), key=lambda p: p.stat().st_mtime)
            for stale in older[: -self.KEEP]:
                stale.unlink()
        except OSError:
            pass
