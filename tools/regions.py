"""Marked regions of a Markdown file that a tool owns, and atomic file replacement.

A region is the lines between ``<!-- tools:NAME:begin -->`` and ``<!-- tools:NAME:end -->``.
Only those lines are ever rewritten; everything outside them is the author's.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


def begin_marker(name: str) -> str:
    return f"<!-- tools:{name}:begin -->"


def end_marker(name: str) -> str:
    return f"<!-- tools:{name}:end -->"


class RegionError(Exception):
    """A region's markers are missing, repeated or out of order."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Region:
    begin: int  # index of the begin-marker line
    end: int  # index of the end-marker line


def find_region(lines: list[str], name: str) -> Region:
    begin_text, end_text = begin_marker(name), end_marker(name)
    begins = [i for i, line in enumerate(lines) if line.strip() == begin_text]
    ends = [i for i, line in enumerate(lines) if line.strip() == end_text]
    if not begins and not ends:
        raise RegionError(1, f"has no generated region '{name}': add the lines '{begin_text}' and '{end_text}' where it belongs")
    if len(begins) > 1 or len(ends) > 1:
        where = (begins[1:] or ends[1:])[0] + 1
        raise RegionError(
            where,
            f"needs exactly one '{begin_text}' and one '{end_text}' line (found {len(begins)} and {len(ends)}); remove the repeated marker",
        )
    if not ends or not begins:
        present, missing = (begins, end_text) if begins else (ends, begin_text)
        raise RegionError(present[0] + 1, f"has '{begin_text if begins else end_text}' without '{missing}'; add the missing marker line")
    if ends[0] < begins[0]:
        raise RegionError(ends[0] + 1, f"'{end_text}' comes before '{begin_text}'; put the end marker after the begin marker")
    return Region(begins[0], ends[0])


def replace_regions(text: str, contents: dict[str, str]) -> str:
    """Return ``text`` with each named region's body replaced by ``contents[name]``."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    for name in contents:  # every marker is validated first, so reported lines are the file's own
        find_region(lines, name)
    for name, body in contents.items():
        region = find_region(lines, name)
        body_lines = body.splitlines() if body else []
        lines[region.begin + 1 : region.end] = body_lines
    trailing = newline if text.endswith(("\n", "\r")) or not text else ""
    return newline.join(lines) + trailing


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: readers see the old or the new file, never half."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        try:
            os.chmod(tmp, path.stat().st_mode & 0o777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
