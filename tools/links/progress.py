"""A one-line progress bar on a terminal's stderr; silent anywhere else."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """``checking links [########------------]  412/1,000  3.1s`` redrawn in place.

    Drawn only when ``stream`` is a terminal; redrawn at most ten times a second so a fast
    run spends nothing on it. ``close`` erases the line.
    """

    WIDTH = 24

    def __init__(self, total: int, label: str, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.enabled = enabled and total > 0 and _is_terminal(self.stream)
        self.total = total
        self.label = label
        self.done = 0
        self._start = time.monotonic()
        self._drawn_at = 0.0
        self._drawn = False

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._drawn_at >= 0.1 or self.done >= self.total:
            self._drawn_at = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        filled = self.WIDTH * min(self.done, self.total) // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        text = f"\r{self.label} [{bar}] {self.done:,}/{self.total:,}  {now - self._start:.1f}s"
        self.stream.write(text)
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._drawn = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
