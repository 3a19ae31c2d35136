"""The link checker's error type is the tools' own (:mod:`tools.errors`): exit code 2, one-line message."""

from __future__ import annotations

from tools.errors import UsageError

__all__ = ["UsageError"]
