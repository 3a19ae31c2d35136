"""Fixtures of the link checker's tests: fixture corpora, a local HTTP server, the CLI in-process."""

from __future__ import annotations

import datetime
import io
import shutil
import ssl
from collections.abc import Iterator
from contextlib import ExitStack, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
import trustme

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


PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Proxies configured in the environment running the tests are not used."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture
def web(server: LocalServer, no_proxy: None) -> LocalServer:
    """The local server with a fresh request log; proxies from the environment are ignored."""
    server.state.reset()
    return server


@dataclass(frozen=True)
class Tls:
    """HTTPS servers of the test app, one per certificate, and the CA that signed the good ones."""

    ca_file: Path  # the local CA in PEM, for SSL_CERT_FILE
    good: LocalServer  # a certificate for 127.0.0.1 from the local CA
    expired: LocalServer
    wrong_host: LocalServer  # a certificate for example.org
    self_signed: LocalServer
    unknown_issuer: LocalServer  # signed by a CA nobody trusts


def _tls_server(stack: ExitStack, configure: trustme.LeafCert | trustme.CA) -> LocalServer:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    if isinstance(configure, trustme.CA):  # the CA's own certificate as the server's: self-signed
        cert = stack.enter_context(configure.cert_pem.tempfile())
        key = stack.enter_context(configure.private_key_pem.tempfile())
        context.load_cert_chain(cert, key)
    else:
        configure.configure_cert(context)
    return stack.enter_context(LocalServer(tls=context))


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tls]:
    ca, stranger = trustme.CA(), trustme.CA()
    ca_file = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=2)
    with ExitStack() as stack:
        yield Tls(
            ca_file,
            good=_tls_server(stack, ca.issue_cert("127.0.0.1", "localhost")),
            expired=_tls_server(
                stack, ca.issue_cert("127.0.0.1", not_before=past - datetime.timedelta(days=30), not_after=past)
            ),
            wrong_host=_tls_server(stack, ca.issue_cert("example.org")),
            self_signed=_tls_server(stack, trustme.CA()),
            unknown_issuer=_tls_server(stack, stranger.issue_cert("127.0.0.1")),
        )


@pytest.fixture
def trusted(tls: Tls, no_proxy: None, monkeypatch: pytest.MonkeyPatch) -> Tls:
    """The local CA trusted the way a company CA is: through SSL_CERT_FILE."""
    monkeypatch.setenv("SSL_CERT_FILE", str(tls.ca_file))
    for state in (tls.good, tls.expired, tls.wrong_host, tls.self_signed, tls.unknown_issuer):
        state.state.reset()
    return tls


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
