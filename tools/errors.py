"""The errors that end a command: each carries its exit code, and the CLI prints it in one line.

Library code raises these and never prints; ``tools.cli`` catches :class:`ToolError`, writes
``python -m tools <command>: error: <message>`` to stderr and exits with ``exit_code``.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class ToolError(Exception):
    """A command cannot go on. The message is complete and addressed to the user."""

    exit_code = EXIT_USAGE


class UsageError(ToolError):
    """A problem with the command line, the configuration or an input file."""


class ConfigurationError(UsageError):
    """The course cannot be loaded at all: no root, no chapters."""


class Refusal(UsageError):
    """A request that cannot be carried out; nothing has been written."""


class WriteError(ToolError):
    """A file could not be written; every file the command touched was restored."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: cannot write: {reason}")
        self.path = path
        self.reason = reason
