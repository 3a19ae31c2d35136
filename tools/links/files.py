"""Which Markdown files make up the course, and the directory listings links resolve against."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tools.errors import UsageError

MARKDOWN_SUFFIXES = (".md",)
# Never course content, wherever they are.
SKIPPED_NAMES = frozenset({"_build", "node_modules", "__pycache__", ".venv", "venv"})
# Not course content when directly under the root: tooling, its tests and benchmark work dirs.
SKIPPED_TOP_LEVEL = frozenset({"tests", "benchmarks", "tools", "_static", "_templates"})


def _skipped_dir(name: str, top_level: bool) -> bool:
    return (
        name.startswith(".")
        or name in SKIPPED_NAMES
        or name.endswith(".egg-info")
        or (top_level and name in SKIPPED_TOP_LEVEL)
    )


def _walk(directory: str, top_level: bool, out: list[str]) -> None:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as error:
        raise UsageError(f"{directory}: cannot list directory: {error.strerror}") from None
    for entry in entries:
        if entry.is_dir():
            if not _skipped_dir(entry.name, top_level):
                _walk(entry.path, False, out)
        elif entry.name.endswith(MARKDOWN_SUFFIXES) and entry.is_file():
            out.append(entry.path)


def course_files(root: Path, excluded: Sequence[re.Pattern[str]] = ()) -> list[str]:
    """Every Markdown file of the course under ``root``, as sorted root-relative POSIX paths."""
    found: list[str] = []
    _walk(str(root), True, found)
    return _relative_filtered(root, found, excluded)


def selected_files(root: Path, paths: Iterable[Path], excluded: Sequence[re.Pattern[str]] = ()) -> list[str]:
    """The Markdown files named by ``paths`` (files, or directories walked), root-relative.

    A path that does not exist, lies outside ``root`` or is not Markdown is a usage error.
    """
    root_abs = os.path.abspath(root)
    found: list[str] = []
    for path in paths:
        absolute = os.path.abspath(path)
        if not os.path.exists(absolute):
            raise UsageError(f"{path}: no such file or directory")
        if os.path.commonpath([root_abs, absolute]) != root_abs:
            raise UsageError(f"{path}: outside the root {root} (use --root to change it)")
        if os.path.isdir(absolute):
            _walk(absolute, absolute == root_abs, found)
        elif absolute.endswith(MARKDOWN_SUFFIXES):
            found.append(absolute)
        else:
            raise UsageError(f"{path}: not a Markdown file (expected {', '.join(MARKDOWN_SUFFIXES)})")
    return _relative_filtered(root, found, excluded)


def _relative_filtered(root: Path, absolute: Iterable[str], excluded: Sequence[re.Pattern[str]]) -> list[str]:
    root_abs = os.path.abspath(root)
    relative = {os.path.relpath(p, root_abs).replace(os.sep, "/") for p in absolute}
    return sorted(r for r in relative if not any(p.search(r) for p in excluded))


@dataclass(frozen=True, slots=True)
class Entry:
    """What a path refers to on disk."""

    exists: bool
    is_dir: bool = False
    actual: str | None = None  # the path as spelled on disk, when only the case differs


_MISSING = Entry(False)


class Tree:
    """Directory listings under the root, each read once, answering case-exact lookups.

    Case matters: ``Foo.md`` exists on a Mac that has ``foo.md`` but not on Linux or on the
    published site, so a lookup compares names exactly and reports the on-disk spelling when
    only the case differs.
    """

    def __init__(self, root: Path) -> None:
        self.root = os.path.abspath(root)
        self._listings: dict[str, dict[str, bool] | None] = {}
        self._folded: dict[str, dict[str, str]] = {}
        self._entries: dict[str, Entry] = {"": Entry(True, True)}

    def listing(self, rel_dir: str) -> dict[str, bool] | None:
        """Names in a root-relative directory mapped to "is a directory", or None."""
        if rel_dir in self._listings:
            return self._listings[rel_dir]
        names: dict[str, bool] | None
        try:
            with os.scandir(os.path.join(self.root, rel_dir) if rel_dir else self.root) as it:
                names = {}
                for entry in it:
                    try:
                        names[entry.name] = entry.is_dir()
                    except OSError:
                        names[entry.name] = False
        except OSError:
            names = None
        self._listings[rel_dir] = names
        return names

    def lookup(self, rel: str) -> Entry:
        """Look up a normalized root-relative POSIX path ("" is the root itself)."""
        entry = self._entries.get(rel)
        if entry is not None:
            return entry
        parent, _, name = rel.rpartition("/")
        up = self.lookup(parent)
        if not up.exists or not up.is_dir:
            entry = _MISSING
        else:
            real_parent = up.actual or parent
            names = self.listing(real_parent)
            if names is None:
                entry = _MISSING
            elif name in names:
                entry = Entry(True, names[name], up.actual and _join(real_parent, name))
            else:
                folded = self._folded.get(real_parent)
                if folded is None:
                    folded = self._folded[real_parent] = {n.casefold(): n for n in names}
                actual = folded.get(name.casefold())
                entry = Entry(True, names[actual], _join(real_parent, actual)) if actual is not None else _MISSING
        self._entries[rel] = entry
        return entry

    def siblings(self, rel: str) -> list[str]:
        """Names next to ``rel`` (for "did you mean" hints); empty if the parent is missing."""
        parent = rel.rpartition("/")[0]
        entry = self.lookup(parent)
        if not entry.exists:
            return []
        return sorted(self.listing(entry.actual or parent) or ())


def _join(parent: str, name: str) -> str:
    return f"{parent}/{name}" if parent else name
