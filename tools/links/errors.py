"""The one error type for bad user input: it becomes exit code 2 and a one-line message."""

from __future__ import annotations


class UsageError(Exception):
    """A problem with the command line, the configuration or an input file.

    The message is complete and addressed to the user (it names the file and what to
    change); the command prints it and exits 2, never a traceback.
    """
