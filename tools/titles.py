"""The H1 title of a Markdown page, read without parsing the whole document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Title:
    text: str
    line: int
    column: int


def first_h1(text: str) -> Title | None:
    """The first ATX level-1 heading outside front matter, code fences and HTML comments.

    Only the start of a page is scanned, and pages here always open with ``# title``,
    so a line scan is exact for them and far cheaper than a full Markdown parse.
    """
    # A byte order mark is an encoding detail, not text before the title.
    lines = text.removeprefix("\ufeff").splitlines()
    i = 0
    if lines and lines[0].strip() == "---":
        for j in range(1, len(lines)):
            if lines[j].strip() in {"---", "..."}:
                i = j + 1
                break
    fence: str | None = None
    in_comment = False
    for n in range(i, len(lines)):
        line = lines[n]
        stripped = line.lstrip()
        if in_comment:
            in_comment = "-->" not in line
            continue
        if fence:
            if stripped.startswith(fence) and stripped.strip(fence[0]).strip() == "":
                fence = None
            continue
        if stripped.startswith(("```", "~~~", ":::")):
            marker = stripped[0]
            fence = marker * (len(stripped) - len(stripped.lstrip(marker)))
            continue
        if stripped.startswith("<!--"):
            in_comment = "-->" not in stripped[4:]
            continue
        indent = len(line) - len(stripped)
        if indent <= 3 and (stripped == "#" or stripped.startswith(("# ", "#\t"))):
            content = stripped[1:].strip()
            # A closing sequence of #s is not part of the title.
            if content.endswith("#"):
                trimmed = content.rstrip("#")
                if trimmed == "" or trimmed.endswith((" ", "\t")):
                    content = trimmed.strip()
            column = indent + 1 + (len(stripped) - len(stripped[1:].lstrip())) if content else indent + 1
            return Title(content, n + 1, column)
    return None


def read_h1(path: Path) -> Title | None:
    return first_h1(path.read_text(encoding="utf-8-sig"))
