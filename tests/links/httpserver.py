"""A real HTTP server on 127.0.0.1 (port 0) whose routes behave like the hosts the course links to.

Routes:
    /ok/...            200
    /missing           404
    /gone              410
    /moved             301 -> /ok/moved-here
    /temporary         302 -> /ok/temporary-target
    /loop              301 -> /loop (forever)
    /limited           429 with ``Retry-After: 1`` on the first request, then 200
    /flaky             503 without Retry-After on the first request, then 200
    /always-limited    429 with ``Retry-After: 1`` every time
    /slow              answers after 1.5 s
    /no-head           405 to HEAD, 200 to GET
    /hold/...          200 after 0.2 s (the server records the most requests it held at once)
    /page              200, an HTML page with ids ``install`` and ``第一节`` and ``<a name="old">``
    /video/<id>        Bilibili-like: 412 unless the Referer is a bilibili.com page;
                       then 200 for known ids (BV1live...), 404 for others

Every request is recorded (method, path, headers) so tests can count retries and cache hits.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Recorded:
    method: str
    path: str
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
                1
                for r in self.requests
                if (path is None or r.path == path) and (method is None or r.method == method)
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
            state.requests.append(Recorded(self.command, path, dict(self.headers), time.monotonic()))
            seen = sum(1 for r in state.requests if r.path == path)
        status, headers = self._route(path, seen)
        content, media = (PAGE, "text/html; charset=utf-8") if path == "/page" else (f"{status} {path}\n".encode(), "text/plain")
        payload = content if body else b""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if payload:
            try:
                self.wfile.write(payload)
            except OSError:
                pass

    def _route(self, path: str, seen: int) -> tuple[int, dict[str, str]]:
        if path.startswith("/ok") or path == "/page":
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
        if path == "/always-limited":
            return 429, {"Retry-After": "1"}
        if path == "/flaky":
            return (503, {}) if seen == 1 else (200, {})
        if path == "/slow":
            time.sleep(1.5)
            return 200, {}
        if path == "/no-head":
            return (405, {"Allow": "GET"}) if self.command == "HEAD" else (200, {})
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


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default backlog of 5 drops concurrent connects for a second
    state: ServerState

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that timed out and hung up is expected here


class LocalServer:
    """Start with ``with LocalServer() as server:``; ``server.url(path)`` builds URLs."""

    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.state = ServerState()
        self.state = self._server.state
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
