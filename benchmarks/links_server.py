"""A fast HTTP/1.1 server on 127.0.0.1 for the external-link benchmark.

Every answer is delayed by ``--delay`` seconds (default 50 ms), like a distant host:
``/ok/...`` answers 200, ``/missing/...`` 404. ``/__stats`` returns how many requests each
path received (as JSON, without delay) and ``/__reset`` clears the counts. Built on asyncio's
low-level protocol API so that the server, sharing the machine with the checkers it measures,
spends as little CPU as possible.

    python benchmarks/links_server.py [--delay 0.05]     # prints the port, serves until killed
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections import Counter

COUNTS: Counter[str] = Counter()


class _Http(asyncio.Protocol):
    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            method, path = head.split(b"\r\n", 1)[0].split(b" ")[:2]
            text = path.decode("latin-1")
            if text.startswith("/__"):
                self.respond(method, text)
            else:
                COUNTS[text] += 1
                asyncio.get_running_loop().call_later(self.delay, self.respond, method, text)

    def respond(self, method: bytes, path: str) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        if path == "/__stats":
            status, body = "200 OK", json.dumps(COUNTS).encode()
        elif path == "/__reset":
            COUNTS.clear()
            status, body = "200 OK", b"{}"
        elif path.startswith("/ok/"):
            status, body = "200 OK", b"ok\n"
        else:
            status, body = "404 Not Found", b"not found\n"
        head = f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\nContent-Type: text/plain\r\n\r\n"
        self.transport.write(head.encode() + (b"" if method == b"HEAD" else body))


async def _serve(delay: float) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _Http(delay), "127.0.0.1", 0, backlog=4096)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--delay", type=float, default=0.05)
    args = parser.parse_args()
    try:
        asyncio.run(_serve(args.delay))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
