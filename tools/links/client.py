"""The HTTP client every external check goes through: httpx, with the limits a link checker needs.

httpx (over h11) reads what real servers send: bodies compressed without being asked, bare LF
line endings, folded headers, Content-Length together with chunked encoding; it caps a header at
100 KB, encodes host names by UTS-46 and takes proxies from the environment. What it leaves to
us is done here: one deadline around the whole request (its own timeouts restart on every read,
so a server dripping a byte a second would never time out), a cookie jar per redirect chain (a
302 that sets a cookie and redirects to itself works in a browser), TLS from the platform's
trust store (so ``SSL_CERT_FILE`` and ``SSL_CERT_DIR`` work), and failures that say why.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Protocol

import httpx

REDIRECTS = frozenset({301, 302, 303, 307, 308})

# OpenSSL's verification codes, in words a contributor can act on.
_CERTIFICATE_PROBLEMS = {
    10: "the certificate has expired",
    18: "the certificate is self-signed",
    19: "the certificate chain ends in a self-signed certificate nobody trusts",
    20: "the certificate's issuer is unknown (behind a company proxy? set SSL_CERT_FILE to its CA)",
    21: "the certificate's issuer is unknown (behind a company proxy? set SSL_CERT_FILE to its CA)",
    62: "the certificate is for another host name",
    64: "the certificate is for another host name",  # the host was an IP address
}


@dataclass(frozen=True, slots=True)
class Reply:
    """The final answer to a request, after redirects."""

    status: int
    reason: str
    headers: Mapping[str, str]  # lower-case names
    url: str  # the address that gave this answer
    hops: tuple[tuple[int, str], ...] = ()  # (status, address) of each redirect on the way
    body: bytes | None = None  # only when asked for, decoded from gzip/deflate/br, at most the limit

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class RequestFailed(Exception):
    """No usable HTTP answer: the message says why, for a contributor to read."""

    retryable = True


class RequestTimeout(RequestFailed):
    pass


class BodyCutShort(RequestFailed):
    """The connection ended before the page did: what arrived is not the page."""


class TooManyRedirects(RequestFailed):
    retryable = False


class UnusableUrl(RequestFailed):
    """The URL cannot be requested at all (bad port, unsupported scheme)."""

    retryable = False


class CertificateRejected(RequestFailed):
    retryable = False


class Client(Protocol):
    """What the checker needs of a client (tests may hand it another)."""

    async def request(self, method: str, url: str, *, headers: Mapping[str, str], body_limit: int = 0) -> Reply: ...

    async def aclose(self) -> None: ...


def tls_context() -> ssl.SSLContext:
    """The platform's trust store (``SSL_CERT_FILE``/``SSL_CERT_DIR`` honoured), else certifi's."""
    context = ssl.create_default_context()
    paths = ssl.get_default_verify_paths()
    if paths.cafile is None and paths.capath is None:
        import certifi

        context.load_verify_locations(cafile=certifi.where())
    return context


class HttpClient:
    """One httpx client shared by all requests of a run; redirects are followed here, hop by hop."""

    def __init__(self, *, timeout: float, max_redirects: int, max_connections: int) -> None:
        self._timeout = timeout
        self._max_redirects = max_redirects
        # The shared jar accepts nothing: each redirect chain keeps its own cookies.
        refuse_all = CookieJar(DefaultCookiePolicy(allowed_domains=[]))
        self._client = httpx.AsyncClient(
            verify=tls_context(),
            timeout=timeout,
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
            cookies=refuse_all,
            follow_redirects=False,
            trust_env=True,
        )

    async def request(self, method: str, url: str, *, headers: Mapping[str, str], body_limit: int = 0) -> Reply:
        try:
            async with asyncio.timeout(self._timeout):
                return await self._follow(method, url, headers, body_limit)
        except TimeoutError:
            raise RequestTimeout(f"no complete answer within {self._timeout:g} s") from None

    async def _follow(self, method: str, url: str, headers: Mapping[str, str], body_limit: int) -> Reply:
        jar = httpx.Cookies()
        hops: list[tuple[int, str]] = []
        try:
            request = self._client.build_request(method, url, headers=dict(headers))
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as error:
            raise UnusableUrl(f"cannot request this URL: {error}") from None
        while True:
            if not 0 < (request.url.port or 80) < 65536:
                raise UnusableUrl(f"cannot request this URL: port {request.url.port} is out of range")
            if request.url.scheme not in ("http", "https"):
                raise UnusableUrl(f"cannot request this URL: the scheme {request.url.scheme!r} is not http or https")
            jar.set_cookie_header(request)
            try:
                response = await self._client.send(request, stream=True)
            except httpx.HTTPError as error:
                raise _failure(error) from None
            try:
                jar.extract_cookies(response)
                if response.status_code in REDIRECTS and response.next_request is not None:
                    if len(hops) == self._max_redirects:
                        raise TooManyRedirects(f"more than {self._max_redirects} redirects")
                    hops.append((response.status_code, str(request.url)))
                    request = response.next_request
                    continue
                body = await _read(response, body_limit) if body_limit else None
                return Reply(
                    response.status_code,
                    response.reason_phrase,
                    {name.lower(): value for name, value in response.headers.items()},
                    str(request.url),
                    tuple(hops),
                    body,
                )
            finally:
                await response.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()


async def _read(response: httpx.Response, limit: int) -> bytes:
    """The decoded body up to ``limit`` bytes; a body cut short raises :class:`BodyCutShort`."""
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in response.aiter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size >= limit:
                break
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.DecodingError) as error:
        raise BodyCutShort(f"the connection ended before the whole page arrived ({_reason(error)})") from None
    except httpx.HTTPError as error:
        raise _failure(error) from None
    return b"".join(chunks)[:limit]


def _failure(error: httpx.HTTPError) -> RequestFailed:
    if isinstance(error, httpx.TimeoutException):
        return RequestTimeout(f"no answer: {_reason(error)}")
    if isinstance(error, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return UnusableUrl(f"cannot request this URL: {error}")
    certificate = _certificate_error(error)
    if certificate is not None:
        code = certificate.verify_code
        problem = _CERTIFICATE_PROBLEMS.get(code, certificate.verify_message or "the certificate was rejected")
        return CertificateRejected(f"TLS: {problem}")
    if isinstance(error, httpx.RemoteProtocolError):
        return RequestFailed(f"invalid HTTP answer: {_reason(error)}")
    return RequestFailed(_reason(error))


def _certificate_error(error: BaseException) -> ssl.SSLCertVerificationError | None:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _reason(error: BaseException) -> str:
    """A short reason without errno noise."""
    text = str(error) or type(error).__name__
    if "Name or service not known" in text or "nodename nor servname" in text or "No address" in text:
        return "the host name does not resolve"
    return text.split("] ", 1)[-1] if text.startswith("[Errno") else text
