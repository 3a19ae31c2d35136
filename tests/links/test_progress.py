"""The progress bar: drawn on a terminal, never into a pipe or a JSON report."""

from __future__ import annotations

import io

from tools.links.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_drawn_on_a_terminal_and_erased_at_the_end() -> None:
    stream = Terminal()
    bar = Progress(4, "checking URLs", stream)
    for _ in range(4):
        bar.advance()
    bar.close()
    text = stream.getvalue()
    assert "\rchecking URLs [" in text and "4/4" in text
    assert text.endswith("\r\033[K")


def test_silent_when_not_a_terminal_or_disabled() -> None:
    pipe = io.StringIO()
    bar = Progress(3, "checking URLs", pipe)
    bar.advance(3)
    bar.close()
    assert pipe.getvalue() == ""
    terminal = Terminal()
    disabled = Progress(3, "checking URLs", terminal, enabled=False)
    disabled.advance(3)
    disabled.close()
    assert terminal.getvalue() == ""
