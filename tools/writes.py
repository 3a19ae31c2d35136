"""Writing files so that a failed command leaves every file as it was.

Each file is replaced in one step (a temporary file in the same folder, then a rename), and a
group of files is written all or nothing: when one write fails, or the user presses Ctrl-C,
the files already replaced get their old bytes back and new files are removed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tools.diagnostics import relative_posix
from tools.errors import WriteError

# Temporary files are named ``.tools-XXXX.tmp`` (short: a long file name must still fit), and
# .gitignore lists the pattern, in case a process is killed before it can remove its file.
TEMP_PREFIX = ".tools-"
TEMP_SUFFIX = ".tmp"

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, commands simply do not wait
    fcntl = None  # type: ignore[assignment]


def write_atomically(path: Path, data: str | bytes) -> None:
    """Replace ``path`` with ``data`` in one step: readers see the old or the new file, never half."""
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp, path.stat().st_mode & 0o777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_all(changes: dict[Path, str], root: Path) -> list[Path]:
    """Write every file of ``changes`` (in path order), or none of them.

    An ``OSError`` becomes :class:`WriteError` naming the file and the reason; any other
    exception (``KeyboardInterrupt``) is raised again once the files are restored.
    """
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path in sorted(changes):
            old = path.read_bytes() if path.exists() else None
            write_atomically(path, changes[path])
            done.append((path, old))
    except BaseException as exc:
        _restore(done)
        if isinstance(exc, OSError):
            failed = Path(exc.filename) if exc.filename else path
            if failed.name.startswith(TEMP_PREFIX):
                failed = path
            raise WriteError(relative_posix(failed, root), exc.strerror or str(exc)) from None
        raise
    return [path for path, _ in done]


def _restore(done: list[tuple[Path, bytes | None]]) -> None:
    for path, old in reversed(done):
        with contextlib.suppress(OSError):
            if old is None:
                path.unlink()
            else:
                write_atomically(path, old)


@contextlib.contextmanager
def course_lock(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on the repository folder while reading, planning and writing.

    Two commands that write generated files (two ``new-lesson`` runs at once) would otherwise
    both read the old metadata and one entry would be lost. The lock is on the folder itself,
    so no lock file is left behind; it is released when the process ends, however it ends.
    """
    if fcntl is None:  # pragma: no cover
        yield
        return
    fd = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
