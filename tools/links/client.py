"""The HTTP clients the external check sends through: what a link checker needs and no more.

A link checker asks one question per URL: what status does it answer, after redirects? It
sends HEAD or GET without a body and, unless asked for the page itself, never reads one.

- :class:`LeanClient` speaks HTTP/1.1 over one keep-alive connection: asyncio's protocol API
  for the socket, llhttp (through httptools, Node's HTTP parser) to read answers. httpx's
  client spends about 0.3 ms of CPU per request on machinery a link check does not use
  (cookies, auth, event hooks, its models), and h11 another 26 us; at 128 requests in flight
  on a small machine that CPU, not the network, set the pace.
- :class:`HttpxClient` is used when the environment configures a proxy: httpx honours
  ``HTTP(S)_PROXY`` and ``NO_PROXY`` and tunnels through them, which the lean client does not.

Both answer with a :class:`Reply` and raise the :class:`RequestFailed` family, so the checker
does not know which one it is talking to.
"""

from __future__ import annotations

import asyncio
import os
import re
import ssl
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast
from urllib.parse import quote, urljoin, urlsplit

import httptools

if TYPE_CHECKING:
    import httpx

# A header name: RFC 9110's token characters.
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Characters left as they are when a URL's path or query is sent: the reserved ones and `%`
# (so existing escapes survive); anything else (spaces, Chinese) is percent-encoded as UTF-8.
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = _SAFE_PATH + "?"


@dataclass(frozen=True, slots=True)
class Reply:
    """The final answer to a request, after redirects."""

    status: int
    reason: str
    headers: Mapping[str, str]  # lower-case names
    url: str  # the address that gave this answer
    hops: tuple[tuple[int, str], ...] = ()  # (status, address) of each redirect on the way
    body: bytes | None = None  # only when asked for, and at most the limit asked for

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class RequestFailed(Exception):
    """No HTTP answer: the message says why, for a contributor to read."""


class RequestTimeout(RequestFailed):
    pass


class TooManyRedirects(RequestFailed):
    pass


class UnusableUrl(RequestFailed):
    """The URL cannot be requested at all (bad port, unsupported scheme): retrying cannot help."""


class ConnectFailed(RequestFailed):
    pass


class Client(Protocol):
    async def request(self, method: str, url: str, *, body_limit: int = 0) -> Reply: ...

    async def aclose(self) -> None: ...


def proxy_configured() -> bool:
    """True when a proxy is configured, which only :class:`HttpxClient` honours."""
    if sys.platform.startswith("linux"):
        # What urllib.request.getproxies() reads on Linux, without importing it (8 ms).
        names = (name.lower() for name, value in os.environ.items() if value)
        return any(name.endswith("_proxy") and name != "no_proxy" for name in names)
    import urllib.request

    return bool(urllib.request.getproxies())


def describe(error: BaseException) -> str:
    """A short reason for a failed connection, without errno noise."""
    text = str(error) or type(error).__name__
    if "Name or service not known" in text or "nodename nor servname" in text or "No address" in text:
        return "the host name does not resolve"
    return text.split("] ", 1)[-1] if text.startswith("[Errno") else text


@dataclass(frozen=True, slots=True)
class _Target:
    """A URL split into what a connection and a request line need."""

    origin: tuple[str, str, int]  # scheme, host (ASCII, no brackets), port
    host_header: str
    path: str  # path and query, percent-encoded


def _target(url: str) -> _Target:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise UnusableUrl(f"cannot request this URL: {error}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnusableUrl(f"cannot request this URL: the scheme {scheme + ':'!r} is not http or https")
    host = parts.hostname or ""
    if not host:
        raise UnusableUrl("cannot request this URL: it names no host")
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        raise UnusableUrl(f"cannot request this URL: {host!r} is not a valid host name") from None
    default = 443 if scheme == "https" else 80
    port = port or default
    shown = f"[{ascii_host}]" if ":" in ascii_host else ascii_host
    host_header = shown if port == default else f"{shown}:{port}"
    path = quote(parts.path or "/", safe=_SAFE_PATH)
    if parts.query:
        path += "?" + quote(parts.query, safe=_SAFE_QUERY)
    return _Target((scheme, ascii_host, port), host_header, path)


def _next_method(method: str, status: int) -> str:
    # 303 turns any request into GET; HEAD stays HEAD (a link check never wants the body).
    return "GET" if status == 303 and method != "HEAD" else method


class _Connection(asyncio.Protocol):
    """One HTTP/1.1 connection: requests written as bytes, responses parsed by llhttp (httptools).

    A parser is made per response: llhttp cannot be told that a response answers a HEAD (whose
    Content-Length announces a body that never comes), so each answer is read by a new one.
    """

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.parser: httptools.HttpResponseParser | None = None
        self.head: asyncio.Future[tuple[int, bytes, dict[str, str]]] | None = None
        self.done: asyncio.Future[None] | None = None
        self.method = ""
        self.status = 0
        self.reason = b""
        self.headers: dict[str, str] = {}
        self.chunks: list[bytes] = []
        self.size = 0
        self.limit = 0
        self.complete = False
        self.answered = False  # some response bytes arrived for the current request
        self.idle = True  # no request in flight: any byte the server sends now is junk

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        if self.idle or self.parser is None:
            self.close()  # unrequested bytes: the connection can no longer be trusted
            return
        self.answered = True
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as error:
            self._fail(ConnectFailed(f"invalid HTTP response: {error}"))
            self.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        if self.head is not None and self.head.done() and self.done is not None:
            self.complete = True  # a body delimited by the end of the connection
            self._finish()
        self._fail(exc or ConnectionResetError("the server closed the connection"))

    def _fail(self, error: BaseException) -> None:
        for future in (self.head, self.done):
            if future is not None and not future.done():
                future.set_exception(error)

    # llhttp callbacks ----------------------------------------------------------------------
    def on_status(self, reason: bytes) -> None:
        self.reason += reason

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers[name.decode("latin-1").lower()] = value.decode("latin-1")

    def on_headers_complete(self) -> None:
        assert self.parser is not None
        status = self.parser.get_status_code()
        if 100 <= status < 200:  # an interim answer (103 Early Hints): the real one follows
            self.reason, self.headers = b"", {}
            return
        self.status = status
        if self.method == "HEAD":
            self.complete = True
            self.idle = True
        if self.head is not None and not self.head.done():
            self.head.set_result((status, self.reason, self.headers))

    def on_body(self, data: bytes) -> None:
        if self.size < self.limit:
            self.chunks.append(data)
            self.size += len(data)
            if self.size >= self.limit:
                self._finish()

    def on_message_complete(self) -> None:
        if self.status:  # the final answer, not an interim one
            self.complete = True
            self.idle = True
            self._finish()

    # ---------------------------------------------------------------------------------------
    def _finish(self) -> None:
        if self.done is not None and not self.done.done():
            self.done.set_result(None)

    def reusable(self) -> bool:
        if self.transport is None or self.transport.is_closing() or not self.complete:
            return False
        assert self.parser is not None
        return self.parser.should_keep_alive()

    def send(self, method: str, request: bytes, limit: int) -> None:
        assert self.transport is not None
        loop = asyncio.get_running_loop()
        self.parser = httptools.HttpResponseParser(self)
        self.head = loop.create_future()
        self.done = loop.create_future() if limit else None
        self.method, self.status, self.reason, self.headers = method, 0, b"", {}
        self.chunks, self.size, self.limit = [], 0, limit
        self.complete = self.answered = self.idle = False
        self.transport.write(request)

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()
            self.transport = None


class LeanClient:
    """One keep-alive HTTP/1.1 connection, reopened when the origin changes or it was closed."""

    def __init__(
        self,
        headers: Mapping[str, str],
        *,
        timeout: float,
        max_redirects: int,
        ssl_context: Callable[[], ssl.SSLContext],
    ) -> None:
        fields = {name: value for name, value in headers.items() if name.lower() != "host"}
        if not any(name.lower() == "accept" for name in fields):
            fields["Accept"] = "*/*"
        for name, value in fields.items():
            if not _TOKEN.fullmatch(name) or any(c in value for c in "\r\n\0"):
                raise ValueError(f"not a valid HTTP header: {name!r}: {value!r}")
        # Written once: every request of this client sends the same fields after its Host.
        self._fields = "".join(f"{name}: {value}\r\n" for name, value in fields.items()).encode("latin-1")
        self._timeout = timeout
        self._max_redirects = max_redirects
        self._ssl_context = ssl_context
        self._connection: _Connection | None = None
        self._origin: tuple[str, str, int] | None = None

    async def request(self, method: str, url: str, *, body_limit: int = 0) -> Reply:
        hops: list[tuple[int, str]] = []
        while True:
            try:
                async with asyncio.timeout(self._timeout):
                    reply = await self._exchange(method, url, body_limit)
            except TimeoutError:
                self._drop()
                raise RequestTimeout(f"no answer within {self._timeout:g} s") from None
            location = reply.header("location")
            if reply.status not in REDIRECTS or location is None:
                return Reply(reply.status, reply.reason, reply.headers, url, tuple(hops), reply.body)
            if len(hops) == self._max_redirects:
                raise TooManyRedirects(f"more than {self._max_redirects} redirects")
            hops.append((reply.status, url))
            url = urljoin(url, location.strip())
            method = _next_method(method, reply.status)

    async def _exchange(self, method: str, url: str, body_limit: int) -> Reply:
        target = _target(url)
        connection, reused = await self._connection_for(target)
        try:
            return await self._send(connection, method, url, target, body_limit)
        except ConnectFailed:
            # A kept-alive connection the server closed just as we wrote: ask again on a new one.
            if not reused or connection.answered:
                raise
            self._drop()
            connection, _ = await self._connection_for(target)
            return await self._send(connection, method, url, target, body_limit)

    async def _send(self, connection: _Connection, method: str, url: str, target: _Target, limit: int) -> Reply:
        request = b"%s %s HTTP/1.1\r\nHost: %s\r\n%s\r\n" % (
            method.encode("ascii"), target.path.encode("ascii"), target.host_header.encode("ascii"), self._fields
        )
        try:
            connection.send(method, request, limit)
            assert connection.head is not None
            status, reason, headers = await connection.head
            if connection.done is not None and not connection.complete:
                await connection.done
        except ConnectFailed:
            self._drop()
            raise
        except OSError as error:
            self._drop()
            raise ConnectFailed(describe(error)) from None
        if not connection.complete:
            self._drop()  # a body follows that we do not want: closing is cheaper than reading it
        body = b"".join(connection.chunks)[:limit] if limit else None
        return Reply(status, reason.decode("latin-1").strip(), headers, url, (), body)

    async def _connection_for(self, target: _Target) -> tuple[_Connection, bool]:
        current = self._connection
        if current is not None and self._origin == target.origin and current.reusable():
            return current, True
        self._drop()
        scheme, host, port = target.origin
        https = scheme == "https"
        loop = asyncio.get_running_loop()
        try:
            _, connection = await loop.create_connection(
                _Connection, host, port, ssl=self._ssl_context() if https else None,
                server_hostname=host if https else None,
            )  # fmt: skip
        except ssl.SSLError as error:
            raise ConnectFailed(f"TLS handshake failed: {error.reason or error}") from None
        except OSError as error:
            raise ConnectFailed(describe(error)) from None
        self._connection, self._origin = connection, target.origin
        return connection, False

    def _drop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def aclose(self) -> None:
        self._drop()


class HttpxClient:
    """httpx's own client and transport, for environments with a proxy."""

    def __init__(
        self,
        headers: Mapping[str, str],
        *,
        timeout: float,
        max_redirects: int,
        ssl_context: Callable[[], ssl.SSLContext],
    ) -> None:
        import httpx

        self._httpx = httpx
        self._timeout = timeout
        self._max_redirects = max_redirects
        self._client = httpx.AsyncClient(
            headers=dict(headers),
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            max_redirects=max_redirects,
            verify=ssl_context(),
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        )

    async def request(self, method: str, url: str, *, body_limit: int = 0) -> Reply:
        httpx = self._httpx
        _target(url)  # the same refusals as the lean client, with the same messages
        try:
            async with self._client.stream(method, url) as response:
                body = await self._read(response, body_limit) if body_limit else None
        except httpx.TimeoutException:
            raise RequestTimeout(f"no answer within {self._timeout:g} s") from None
        except httpx.TooManyRedirects:
            raise TooManyRedirects(f"more than {self._max_redirects} redirects") from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as error:
            raise UnusableUrl(f"cannot request this URL: {error}") from None
        except httpx.HTTPError as error:
            raise ConnectFailed(describe(error)) from None
        hops = tuple((hop.status_code, str(hop.request.url)) for hop in response.history)
        headers = {name.lower(): value for name, value in response.headers.items()}
        return Reply(response.status_code, response.reason_phrase, headers, str(response.url), hops, body)

    @staticmethod
    async def _read(response: httpx.Response, limit: int) -> bytes:
        chunks, size = [], 0
        async for chunk in response.aiter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size >= limit:
                break
        return b"".join(chunks)[:limit]

    async def aclose(self) -> None:
        await self._client.aclose()
