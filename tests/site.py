"""Helpers to build the real course with Sphinx, as `make html` does, into a chosen folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# What a copy of the course for a test needs: no environment, build output or test files.
COURSE_ONLY = shutil.ignore_patterns(
    ".venv", "_build", ".git", ".cache", "tests", "benchmarks", "*.egg-info", "__pycache__"
)


def copy_repo(target: Path) -> Path:
    """A writable copy of the repository's course and tooling at ``target``."""
    shutil.copytree(REPO, target, ignore=COURSE_ONLY)
    return target


def write_site(root: Path, files: dict[str, str]) -> Path:
    """A small source folder for a build: each relative path written with its text; returns ``root``."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def sphinx_build(
    source: Path, out: Path, *, extra_env: dict[str, str] | None = None, confdir: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -b html -W --keep-going``; returns the finished process."""
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", str(source), str(out), "-W", "--keep-going", "-q"]
    if confdir is not None:
        cmd += ["-c", str(confdir)]
    env = {**os.environ, "PYTHONPATH": str(REPO), **(extra_env or {})}
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)


def build_in_process(source: Path, out: Path, *, fresh: bool = True, parallel: int = 0, **overrides: Any) -> str:
    """Build ``source`` into ``out`` with Sphinx's test application, warning-free; returns its log."""
    from sphinx.testing.util import SphinxTestApp

    status, warnings = StringIO(), StringIO()
    app = SphinxTestApp(
        "html",
        srcdir=source,
        builddir=out,
        confoverrides=overrides,
        status=status,
        warning=warnings,
        freshenv=fresh,
        parallel=parallel,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings.getvalue() == "", warnings.getvalue()
    return status.getvalue()
