"""Both HTTP clients against real servers on 127.0.0.1: statuses, redirects, failures, bodies."""

from __future__ import annotations

import asyncio
import socket
import ssl
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from tests.links.httpserver import LocalServer
from tools.links.client import (
    ConnectFailed,
    HttpxClient,
    LeanClient,
    Reply,
    RequestTimeout,
    TooManyRedirects,
    UnusableUrl,
)

KEEPALIVE_SERVER = Path(__file__).resolve().parents[2] / "benchmarks" / "links_server.py"
CLIENTS = [LeanClient, HttpxClient]
T = TypeVar("T")


def _no_tls() -> ssl.SSLContext:
    return ssl.create_default_context()


def call(client_type: type, use: Callable[[LeanClient | HttpxClient], Awaitable[T]], timeout: float = 5) -> T:
    async def go() -> T:
        client = client_type({"User-Agent": "test"}, timeout=timeout, max_redirects=3, ssl_context=_no_tls)
        try:
            return await use(client)
        finally:
            await client.aclose()

    return asyncio.run(go())


@pytest.fixture(scope="module")
def keepalive_port() -> Iterator[int]:
    """benchmarks/links_server.py: HTTP/1.1 with keep-alive (the test server closes after each answer)."""
    proc = subprocess.Popen(
        [sys.executable, str(KEEPALIVE_SERVER), "--delay", "0"], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    try:
        yield int(proc.stdout.readline())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()


@pytest.mark.parametrize("client_type", CLIENTS)
def test_statuses_and_headers_sent(client_type: type, web: LocalServer) -> None:
    async def use(client: LeanClient | HttpxClient) -> list[int]:
        return [(await client.request("HEAD", web.url(p))).status for p in ("/ok/a", "/missing", "/gone")]

    assert call(client_type, use) == [200, 404, 410]
    [first, *_] = web.state.requests
    assert first.method == "HEAD" and first.headers["User-Agent"] == "test"
    assert first.headers["Host"] == f"127.0.0.1:{web.port}"


@pytest.mark.parametrize("client_type", CLIENTS)
def test_redirects_are_followed_and_recorded(client_type: type, web: LocalServer) -> None:
    reply: Reply = call(client_type, lambda client: client.request("HEAD", web.url("/moved")))
    assert (reply.status, reply.url, reply.hops) == (200, web.url("/ok/moved-here"), ((301, web.url("/moved")),))
    with pytest.raises(TooManyRedirects, match="more than 3 redirects"):
        call(client_type, lambda client: client.request("HEAD", web.url("/loop")))
    assert web.state.paths()["/loop"] == 4  # the first answer and three redirects followed


@pytest.mark.parametrize("client_type", CLIENTS)
def test_a_body_is_read_only_when_asked_for_and_only_up_to_the_limit(client_type: type, web: LocalServer) -> None:
    async def use(client: LeanClient | HttpxClient) -> list[bytes | None]:
        whole = await client.request("GET", web.url("/ok/page"), body_limit=1000)
        cut = await client.request("GET", web.url("/ok/page"), body_limit=5)
        none = await client.request("GET", web.url("/ok/page"))
        return [whole.body, cut.body, none.body]

    assert call(client_type, use) == [b"200 /ok/page\n", b"200 /", None]


@pytest.mark.parametrize("client_type", CLIENTS)
def test_unicode_paths_are_sent_percent_encoded(client_type: type, web: LocalServer) -> None:
    call(client_type, lambda client: client.request("HEAD", web.url("/ok/第 1 课.html?q=集群")))
    call(client_type, lambda client: client.request("HEAD", web.url("/ok/%E7%AC%AC.html")))
    assert list(web.state.paths()) == ["/ok/%E7%AC%AC%201%20%E8%AF%BE.html", "/ok/%E7%AC%AC.html"]


@pytest.mark.parametrize("client_type", CLIENTS)
def test_failures_raise_their_own_kinds(client_type: type, web: LocalServer) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    with pytest.raises(ConnectFailed):
        call(client_type, lambda client: client.request("HEAD", f"http://127.0.0.1:{closed_port}/"))
    with pytest.raises(UnusableUrl, match="cannot request this URL"):
        call(client_type, lambda client: client.request("HEAD", "http://127.0.0.1:99999/"))
    with pytest.raises(UnusableUrl, match="not http or https"):
        call(client_type, lambda client: client.request("HEAD", "ftp://127.0.0.1/"))
    with pytest.raises(RequestTimeout, match="no answer within 0.2 s"):
        call(client_type, lambda client: client.request("HEAD", web.url("/slow")), timeout=0.2)


def test_lean_client_keeps_one_connection_alive(keepalive_port: int) -> None:
    async def use(client: LeanClient) -> tuple[list[int], bool, bytes | None]:
        url = f"http://127.0.0.1:{keepalive_port}"
        statuses = [(await client.request("HEAD", f"{url}/ok/{i}")).status for i in range(3)]
        first = client._connection
        statuses.append((await client.request("HEAD", f"{url}/missing/1")).status)
        reused = client._connection is first
        get = await client.request("GET", f"{url}/ok/body")
        statuses.append(get.status)
        return statuses, reused, get.body

    assert call(LeanClient, use) == ([200, 200, 200, 404, 200], True, None)


def test_lean_client_reconnects_when_the_server_closed_the_connection(web: LocalServer) -> None:
    async def use(client: LeanClient) -> list[int]:
        statuses = []
        for path in ("/ok/1", "/ok/2", "/ok/3"):  # the test server closes after every answer
            statuses.append((await client.request("HEAD", web.url(path))).status)
            await asyncio.sleep(0.01)
        return statuses

    assert call(LeanClient, use) == [200, 200, 200]
