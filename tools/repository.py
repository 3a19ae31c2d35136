"""Where the repository is: every command finds its root the same way, from any folder inside it."""

from __future__ import annotations

from pathlib import Path


def find_root(start: Path | None = None) -> Path:
    """The nearest directory up from ``start`` (default: the current one) with a pyproject.toml or .git.

    A folder outside any repository (a bare copy of a course) is its own root.
    """
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "pyproject.toml").is_file() or (candidate / ".git").exists():
            return candidate
    return here


def is_inside(path: Path, root: Path) -> bool:
    """Whether ``path``, with every symlink followed, is ``root`` or lies under it."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return False
    return True
