"""The lean HTTP/1.1 transport against an HTTP/1.1 keep-alive server (the benchmark's)."""

from __future__ import annotations

import asyncio
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tools.links.transport import LeanTransport

SERVER = Path(__file__).resolve().parents[2] / "benchmarks" / "links_server.py"


@pytest.fixture(scope="module")
def keepalive_port() -> Iterator[int]:
    proc = subprocess.Popen([sys.executable, str(SERVER), "--delay", "0"], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    try:
        yield int(proc.stdout.readline())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()


def _no_tls() -> ssl.SSLContext:
    raise AssertionError("no TLS context is needed for http://")


async def _requests(port: int) -> tuple[list[int], int]:
    transport = LeanTransport(_no_tls)
    async with httpx.AsyncClient(transport=transport, trust_env=False) as client:
        statuses = [(await client.head(f"http://127.0.0.1:{port}/ok/{i}")).status_code for i in range(3)]
        first = transport._connection
        statuses.append((await client.head(f"http://127.0.0.1:{port}/missing/1")).status_code)
        reused = int(transport._connection is first)
        get = await client.get(f"http://127.0.0.1:{port}/ok/body")
        statuses.append(get.status_code)
        assert get.content == b""  # the body is not downloaded
    return statuses, reused


def test_keep_alive_heads_and_a_get_without_its_body(keepalive_port: int) -> None:
    statuses, reused = asyncio.run(_requests(keepalive_port))
    assert statuses == [200, 200, 200, 404, 200]
    assert reused == 1  # HEAD responses leave the connection reusable


def test_connection_refused_is_a_connect_error() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    async def attempt() -> None:
        async with httpx.AsyncClient(transport=LeanTransport(_no_tls), trust_env=False) as client:
            await client.head(f"http://127.0.0.1:{port}/")

    with pytest.raises(httpx.ConnectError):
        asyncio.run(attempt())
