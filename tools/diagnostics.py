"""Diagnostics shared by every command: one problem, where it is, and how to fix it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tools.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from tools.kinds import Severity, severity

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "Diagnostic"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in a file of the course.

    ``file`` is relative to the repository root with ``/`` separators, so output is the
    same on every machine. Ordering is by file, line, column, then the rest, which keeps
    every report deterministic.
    """

    file: str
    line: int
    column: int | None
    kind: str
    message: str
    target: str = ""

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        return (self.file, self.line, self.column or 0, self.kind, self.target, self.message)

    def format_text(self) -> str:
        where = f"{self.file}:{self.line}"
        if self.column is not None:
            where += f":{self.column}"
        return f"{where}: {self.kind}: {self.message}"

    @property
    def severity(self) -> Severity:
        return severity(self.kind)

    def format_github(self) -> str:
        """A workflow command: ``::error`` or ``::warning`` as the kind's severity says."""
        props = f"file={_escape_property(self.file)},line={self.line}"
        if self.column is not None:
            props += f",col={self.column}"
        props += f",title={_escape_property(self.kind)}"
        return f"::{self.severity.value} {props}::{_escape_data(self.message)}"


def encoding_diagnostic(rel: str, data: bytes, error: UnicodeDecodeError) -> Diagnostic:
    """The line and column of the first byte that is not UTF-8."""
    head = data[: error.start]
    line_start = max(head.rfind(b"\n"), head.rfind(b"\r")) + 1
    line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    column = len(head[line_start:].decode("utf-8", errors="replace")) + 1
    byte = data[error.start : error.start + 1].hex()
    return Diagnostic(rel, line, column, "encoding", f"byte 0x{byte} is not valid UTF-8; save the file as UTF-8")


def sorted_diagnostics(items: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Deduplicated and sorted by file, line and column."""
    return sorted(set(items), key=Diagnostic.sort_key)


def relative_posix(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with ``/`` separators (absolute if outside root)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def plural(count: int, word: str) -> str:
    """``1 problem``, ``2 problems``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def render_text(items: Sequence[Diagnostic], summary: str) -> str:
    """``path:line:col: kind: message`` lines grouped by file (a blank line between files), then the summary."""
    lines: list[str] = []
    previous: str | None = None
    for diagnostic in items:
        if previous is not None and diagnostic.file != previous:
            lines.append("")
        previous = diagnostic.file
        lines.append(diagnostic.format_text())
    if lines:
        lines.append("")
    lines.append(summary)
    return "\n".join(lines) + "\n"


def render_github(items: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands, one annotation per problem."""
    return "".join(d.format_github() + "\n" for d in items)


def render_json(items: Sequence[Diagnostic], extra: dict[str, object]) -> str:
    """One JSON object, ``{"findings": [...], **extra}``, one finding per line.

    Each finding is encoded compactly by the C encoder (``indent`` would force the pure-Python
    one, which made a 15,000-finding report take a quarter of a second to print).
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
    rows = [
        encode(
            {
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "target": d.target,
                "kind": d.kind,
                "message": d.message,
            }
        )
        for d in items
    ]
    parts = ['  "findings": ' + ("[\n    " + ",\n    ".join(rows) + "\n  ]" if rows else "[]")]
    parts += [f"  {encode(key)}: {encode(value)}" for key, value in extra.items()]
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _escape_data(text: str) -> str:
    # GitHub's workflow-command encoding for the message part.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
