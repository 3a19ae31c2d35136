"""Shared fixtures: a small course copied to a temporary folder, and the CLI run for real."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A writable copy of the fixture course (one chapter, two modules)."""
    target = tmp_path / "course"
    shutil.copytree(FIXTURES / "course", target)
    return target


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def run_tools(*args: str, cwd: Path) -> Result:
    """``python -m tools ARGS`` in a subprocess, as a contributor would run it."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-m", "tools", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real course built once per test session with warnings as errors."""
    from tests.site import sphinx_build

    out = tmp_path_factory.mktemp("site") / "html"
    proc = sphinx_build(REPO, out)
    assert proc.returncode == 0, f"sphinx-build failed:\n{proc.stdout}\n{proc.stderr}"
    return out
