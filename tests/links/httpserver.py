"""One test app served on real servers bound to 127.0.0.1 (port 0), over HTTP and HTTPS.

Its routes behave like the hosts the course links to, and like web servers that bend the rules:

    /ok/...            200
    /missing /gone     404, 410
    /moved /temporary  301 -> /ok/moved-here, 302 -> /ok/temporary-target
    /loop              301 -> /loop (forever)
    /limited           429 with ``Retry-After: 1`` on the first request, then 200
    /limited-until     429 with ``Retry-After`` as an HTTP date 2 s ahead on the first request, then 200
    /always-limited    429 with ``Retry-After: 1`` every time
    /flaky             503 without Retry-After on the first request, then 200
    /slow              answers after 1.5 s
    /no-head           405 to HEAD, 200 to GET
    /head-404 /head-500  404 or 500 to HEAD, 200 to GET
    /hold/...          200 after 0.2 s (the server records the most requests it held at once)
    /page              an HTML page with ids ``install`` and ``第一节`` and ``<a name="old">``
    /gbk-page /gbk-meta  a GBK-encoded page with id ``第一章`` (charset in the header / in a meta tag)
    /video/<id>        Bilibili-like: 412 unless the Referer is a bilibili.com page;
                       then 200 for known ids (BV1live...), 404 for others

and, written byte by byte:

    /gzip-page         the page gzip-compressed although the client did not ask for it
    /cut-once          the page cut short by a connection reset the first time, whole afterwards
    /cut-always        the page cut short every time
    /cookie-loop       302 to itself setting a cookie; 200 once the cookie comes back
    /length-and-chunked  Content-Length together with chunked encoding (chunked wins)
    /bare-lf           lines ended by LF alone
    /folded            a header folded onto a second line
    /endless-header    a header that never ends (stops after 8 MB)
    /drip              a body sent one byte every 0.1 s (stops after 100 bytes)
    /utf8-location     302 whose Location is raw UTF-8: /ok/第一章

Requests in absolute form (``GET http://host/path``) are answered too, so the server doubles as
an HTTP proxy that answers for every host. Every request is recorded (method, path, request
target, headers) so tests can count retries and cache hits.
"""

from __future__ import annotations

import email.utils
import gzip
import socket
import ssl
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self
from urllib.parse import urlsplit


@dataclass
class Recorded:
    method: str
    path: str
    target: str  # the request target as sent: a path, or an absolute URL through a proxy
    headers: dict[str, str]
    at: float


@dataclass
class ServerState:
    requests: list[Recorded] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    holding: int = 0
    most_held: int = 0

    def count(self, path: str | None = None, method: str | None = None) -> int:
        with self.lock:
            return sum(
                1 for r in self.requests if (path is None or r.path == path) and (method is None or r.method == method)
            )

    def paths(self) -> Counter[str]:
        with self.lock:
            return Counter(r.path for r in self.requests)

    def times(self, path: str) -> list[float]:
        with self.lock:
            return [r.at for r in self.requests if r.path == path]

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.holding = self.most_held = 0


PAGE = """<!doctype html><html><body>
<h2 id="install">Install</h2><p>text</p>
<h2 id="第一节">第一节</h2>
<a name="old"></a>
<script>var x = '<div id="in-script">';</script>
</body></html>
""".encode()
GBK_BODY = '<html><head>{meta}</head><body><h1 id="第一章">第一章</h1><p>正文</p></body></html>'


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        path = urlsplit(self.path).path
        state = self.server.state
        with state.lock:
            state.requests.append(Recorded(self.command, path, self.path, dict(self.headers), time.monotonic()))
            seen = sum(1 for r in state.requests if r.path == path)
        raw = getattr(self, "_raw_" + path.strip("/").replace("-", "_"), None)
        if raw is not None:
            self.close_connection = True
            try:
                raw(seen, body)
            except OSError:
                pass  # the client gave up: expected of the endless routes
            return
        status, headers = self._route(path, seen)
        content, media = f"{status} {path}\n".encode(), "text/plain"
        if path == "/page":
            content, media = PAGE, "text/html; charset=utf-8"
        elif path == "/gbk-page":
            content, media = GBK_BODY.format(meta="").encode("gbk"), "text/html; charset=GBK"
        elif path == "/gbk-meta":
            content, media = GBK_BODY.format(meta='<meta charset="gbk">').encode("gbk"), "text/html"
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if body:
            try:
                self.wfile.write(content)
            except OSError:
                pass

    def _route(self, path: str, seen: int) -> tuple[int, dict[str, str]]:
        if path.startswith("/ok") or path in ("/page", "/gbk-page", "/gbk-meta"):
            return 200, {}
        if path == "/missing":
            return 404, {}
        if path == "/gone":
            return 410, {}
        if path == "/moved":
            return 301, {"Location": "/ok/moved-here"}
        if path == "/temporary":
            return 302, {"Location": "/ok/temporary-target"}
        if path == "/loop":
            return 301, {"Location": "/loop"}
        if path == "/limited":
            return (429, {"Retry-After": "1"}) if seen == 1 else (200, {})
        if path == "/limited-until":
            until = email.utils.formatdate(time.time() + 2, usegmt=True)
            return (429, {"Retry-After": until}) if seen == 1 else (200, {})
        if path == "/always-limited":
            return 429, {"Retry-After": "1"}
        if path == "/flaky":
            return (503, {}) if seen == 1 else (200, {})
        if path == "/slow":
            time.sleep(1.5)
            return 200, {}
        if path == "/no-head":
            return (405, {"Allow": "GET"}) if self.command == "HEAD" else (200, {})
        if path in ("/head-404", "/head-500"):
            return (int(path[-3:]), {}) if self.command == "HEAD" else (200, {})
        if path.startswith("/hold/"):
            state = self.server.state
            with state.lock:
                state.holding += 1
                state.most_held = max(state.most_held, state.holding)
            time.sleep(0.2)
            with state.lock:
                state.holding -= 1
            return 200, {}
        if path.startswith("/video/"):
            if not self.headers.get("Referer", "").startswith("https://www.bilibili.com/"):
                return 412, {}
            return (200, {}) if path.startswith("/video/BV1live") else (404, {})
        return 404, {}

    # --- answers written byte by byte ------------------------------------------------------

    def _send(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()

    def _reset(self) -> None:
        """Close with a TCP reset rather than an orderly end."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    def _raw_gzip_page(self, seen: int, body: bool) -> None:
        packed = gzip.compress(PAGE)
        head = (
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
            f"Content-Length: {len(packed)}\r\n\r\n"
        )
        self._send(head.encode() + (packed if body else b""))

    def _cut(self, cut: bool, body: bool) -> None:
        head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(PAGE)}\r\n\r\n".encode()
        if not body:
            self._send(head)
        elif cut:
            self._send(head + PAGE[:40])
            self._reset()
        else:
            self._send(head + PAGE)

    def _raw_cut_once(self, seen: int, body: bool) -> None:
        self._cut(seen == 1, body)

    def _raw_cut_always(self, seen: int, body: bool) -> None:
        self._cut(True, body)

    def _raw_cookie_loop(self, seen: int, body: bool) -> None:
        if "visited=1" in self.headers.get("Cookie", ""):
            self._send(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        else:
            self._send(
                b"HTTP/1.1 302 Found\r\nSet-Cookie: visited=1; Path=/\r\nLocation: /cookie-loop\r\n"
                b"Connection: close\r\nContent-Length: 0\r\n\r\n"
            )

    def _raw_length_and_chunked(self, seen: int, body: bool) -> None:
        chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(PAGE), PAGE)
        head = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 999\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        self._send(head + (chunked if body else b""))

    def _raw_bare_lf(self, seen: int, body: bool) -> None:
        head = b"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: %d\n\n" % len(PAGE)
        self._send(head + (PAGE if body else b""))

    def _raw_folded(self, seen: int, body: bool) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Note: one\r\n  two\r\nContent-Length: %d\r\n\r\n"
        self._send(head % len(PAGE) + (PAGE if body else b""))

    def _raw_endless_header(self, seen: int, body: bool) -> None:
        self._send(b"HTTP/1.1 200 OK\r\nX-Endless: ")
        block = b"a" * 65536
        for _ in range(128):  # 8 MB at most: the loop is bounded even if the client never stops
            self._send(block)

    def _raw_drip(self, seen: int, body: bool) -> None:
        self._send(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n")
        if body:
            for _ in range(100):
                time.sleep(0.1)
                self._send(b"x")

    def _raw_utf8_location(self, seen: int, body: bool) -> None:
        self._send(
            b"HTTP/1.1 302 Found\r\nLocation: "
            + "/ok/第一章".encode()
            + b"\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
        )


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default backlog of 5 drops concurrent connects for a second
    state: ServerState

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that timed out and hung up is expected here


class LocalServer:
    """Start with ``with LocalServer() as server:``; ``server.url(path)`` builds URLs.

    With ``tls`` (a server-side context) it speaks HTTPS; the handshake happens in the thread
    that serves the connection, so a client that fails it never blocks the others.
    """

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.state = ServerState()
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True, do_handshake_on_connect=False)
        self.scheme = "https" if tls is not None else "http"
        self.state = self._server.state
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
