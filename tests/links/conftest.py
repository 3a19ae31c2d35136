"""Fixtures of the link checker's tests: fixture corpora, a local HTTP server, the CLI in-process."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.links.httpserver import LocalServer
from tools.cli import main

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def links(*args: str | Path) -> Run:
    """``python -m tools links ARGS`` in this process (a subprocess costs a third of a second)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["links", *map(str, args)])
        except SystemExit as exit:  # argparse errors
            code = int(exit.code or 0)
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    """A writable copy of the rule corpus (every rule, good and broken, with a golden report)."""
    target = tmp_path / "rules"
    shutil.copytree(FIXTURES / "rules", target)
    return target


@pytest.fixture(scope="session")
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


@pytest.fixture
def web(server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> LocalServer:
    """The local server with a fresh request log; proxies from the environment are ignored."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    server.state.reset()
    return server


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
