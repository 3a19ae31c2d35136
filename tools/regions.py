"""Marked regions of a Markdown file that a tool owns.

A region is the lines between ``<!-- tools:NAME:begin -->`` and ``<!-- tools:NAME:end -->``.
Only those lines are ever rewritten; every other byte is the author's and is kept as it is,
each line with its own ending. Lines are split at ``\\n``, ``\\r\\n`` and ``\\r`` only (as
Markdown does), never at the other characters ``str.splitlines`` treats as breaks (U+2028,
U+0085, form feed ...). Marker lines inside fenced code blocks are text, not markers.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")


def begin_marker(name: str) -> str:
    return f"<!-- tools:{name}:begin -->"


def end_marker(name: str) -> str:
    return f"<!-- tools:{name}:end -->"


class RegionError(Exception):
    """A region's markers are missing, repeated, out of order, or overlap another region."""

    def __init__(self, line: int, message: str, kind: str = "region-markers") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.kind = kind


@dataclass(frozen=True)
class Region:
    name: str
    begin: int  # index of the begin-marker line
    end: int  # index of the end-marker line

    def describe(self) -> str:
        return f"region '{self.name}' (lines {self.begin + 1}-{self.end + 1})"


def split_lines(text: str) -> list[str]:
    """The lines of ``text``, each with its own ending (``\\n``, ``\\r\\n``, ``\\r`` or none)."""
    return _LINE.findall(text)


def _content(line: str) -> str:
    return line.rstrip("\r\n")


def marker_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(index, stripped text) of every line that could be a marker: not inside fenced code."""
    found: list[tuple[int, str]] = []
    fence: str | None = None
    for i, line in enumerate(lines):
        text = _content(line)
        opening = _FENCE.match(text)
        if fence is not None:
            if (
                opening
                and opening.group(1)[0] == fence[0]
                and len(opening.group(1)) >= len(fence)
                and not opening.group(2).strip()
            ):
                fence = None
            continue
        if opening and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            fence = opening.group(1)
            continue
        stripped = text.strip()
        if stripped.startswith("<!-- tools:"):
            found.append((i, stripped))
    return found


def find_region(lines: list[str], name: str, markers: list[tuple[int, str]] | None = None) -> Region:
    begin_text, end_text = begin_marker(name), end_marker(name)
    markers = marker_lines(lines) if markers is None else markers
    begins = [i for i, text in markers if text == begin_text]
    ends = [i for i, text in markers if text == end_text]
    if not begins and not ends:
        raise RegionError(
            1, f"has no generated region '{name}': add the lines '{begin_text}' and '{end_text}' where it belongs"
        )
    if len(begins) > 1 or len(ends) > 1:
        where = (begins[1:] or ends[1:])[0] + 1
        raise RegionError(
            where,
            f"needs exactly one '{begin_text}' and one '{end_text}' line (found {len(begins)} and {len(ends)}); "
            "remove the repeated marker",
        )
    if not ends or not begins:
        present, missing = (begins, end_text) if begins else (ends, begin_text)
        raise RegionError(
            present[0] + 1,
            f"has '{begin_text if begins else end_text}' without '{missing}'; add the missing marker line",
        )
    if ends[0] < begins[0]:
        raise RegionError(
            ends[0] + 1, f"'{end_text}' comes before '{begin_text}'; put the end marker after the begin marker"
        )
    return Region(name, begins[0], ends[0])


def find_regions(lines: list[str], names: list[str]) -> list[Region]:
    """Every named region, in file order; overlapping or nested regions are an error naming both."""
    markers = marker_lines(lines)
    regions = sorted((find_region(lines, name, markers) for name in names), key=lambda r: r.begin)
    for first, second in itertools.pairwise(regions):
        if second.begin < first.end:
            raise RegionError(
                second.begin + 1,
                f"{second.describe()} overlaps {first.describe()}; end one region before the next begins",
                kind="region-overlap",
            )
    return regions


def replace_regions(text: str, contents: dict[str, str]) -> str:
    """Return ``text`` with each named region's body replaced by ``contents[name]``.

    The new lines take the line ending of their region's begin marker.
    """
    lines = split_lines(text)
    for region in reversed(find_regions(lines, list(contents))):
        marker = lines[region.begin]
        ending = marker[len(_content(marker)) :] or "\n"
        body = contents[region.name]
        lines[region.begin + 1 : region.end] = [line + ending for line in body.split("\n")] if body else []
    return "".join(lines)
