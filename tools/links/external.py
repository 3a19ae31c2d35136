"""Check external http(s) URLs concurrently, politely, and with as few requests as possible.

- One request per unique URL: HEAD first, GET only when a host mishandles HEAD (405, 501 ...)
  or its profile asks for GET (whose body is then not downloaded).
- A global limit (``max_concurrency``) and a per-host limit (``host_concurrency``, lowered by
  host profiles); a ``Retry-After`` on 429/503 pauses the whole host, not just one request.
- Timeouts, connection errors, 429 and 5xx are retried with exponential backoff.
- Redirects are followed; a permanent one (301/308) is reported with its new address.

Each host gets one single-connection client per concurrent slot rather than one shared
pool (httpcore's pool rescans every connection on every request, which made 128 concurrent
requests to one host several times slower than the network), and each client sends through
:class:`tools.links.transport.LeanTransport` unless a proxy is configured.
"""

from __future__ import annotations

import asyncio
import email.utils
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from tools.links.config import LinksConfig
from tools.links.hosts import HostPlan, plan_for

if TYPE_CHECKING:
    import httpx

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
HONOURS_RETRY_AFTER = frozenset({429, 503})
# Statuses with which servers commonly refuse HEAD although GET works.
HEAD_FALLBACK = frozenset({400, 403, 405, 406, 409, 501})
PERMANENT_REDIRECTS = frozenset({301, 308})
# A server asking for a longer pause than this is not waited for; the link is reported.
MAX_RETRY_AFTER = 120.0

_REASONS = {
    404: "the page does not exist; update or remove the link",
    410: "the page was removed; update or remove the link",
    412: "the host refused the request (Bilibili does this without a Referer)",
}


@dataclass(frozen=True, slots=True)
class UrlResult:
    """The outcome for one URL; ``kind`` is set when there is something to report."""

    url: str
    ok: bool
    kind: str | None = None
    message: str = ""
    status: int | None = None
    redirect_to: str | None = None
    requests: int = 0
    cached: bool = False


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = datetime.now(UTC).timestamp() if now is None else now
    return max(0.0, when.timestamp() - current)


class _Host:
    """Per-host state: its plan, its free request slots (clients), and any pause."""

    __slots__ = ("plan", "slots", "resume_at")

    def __init__(self, plan: HostPlan) -> None:
        self.plan = plan
        self.slots: asyncio.Queue[httpx.AsyncClient | None] = asyncio.Queue()
        for _ in range(plan.concurrency):
            self.slots.put_nowait(None)  # a client is made when a slot is first used
        self.resume_at = 0.0


class ExternalChecker:
    """Checks many URLs at once under the configured limits."""

    def __init__(
        self,
        config: LinksConfig,
        *,
        on_result: Callable[[UrlResult], None] | None = None,
    ) -> None:
        self.config = config
        self.on_result = on_result
        self._hosts: dict[str, _Host] = {}
        self._clients: list[httpx.AsyncClient] = []
        self._ssl: ssl.SSLContext | None = None
        self._lean: bool | None = None
        self._global: asyncio.Semaphore | None = None

    def run(self, urls: Iterable[str]) -> dict[str, UrlResult]:
        """Check ``urls`` (each once) and return their results; blocks until done."""
        return asyncio.run(self.check(urls))

    async def check(self, urls: Iterable[str]) -> dict[str, UrlResult]:
        unique = list(dict.fromkeys(urls))
        self._global = asyncio.Semaphore(self.config.max_concurrency)
        try:
            results = await asyncio.gather(*(self._check_one(url) for url in unique))
        finally:
            await asyncio.gather(*(client.aclose() for client in self._clients))
            self._clients.clear()
            self._hosts.clear()
        return dict(zip(unique, results, strict=True))

    async def _check_one(self, url: str) -> UrlResult:
        result = await self._attempts(url)
        if self.on_result is not None:
            self.on_result(result)
        return result

    def _host(self, url: str) -> _Host:
        name = (urlsplit(url).hostname or "").lower()
        host = self._hosts.get(name)
        if host is None:
            host = self._hosts[name] = _Host(plan_for(name, self.config))
        return host

    def _ssl_context(self) -> ssl.SSLContext:
        """Made on first use: a run over http:// URLs only never pays for loading certificates."""
        if self._ssl is None:
            import certifi

            self._ssl = ssl.create_default_context(cafile=certifi.where())
        return self._ssl

    def _client(self, plan: HostPlan) -> httpx.AsyncClient:
        import httpx

        from tools.links.transport import LeanTransport, lean_transport_usable

        if self._lean is None:
            self._lean = lean_transport_usable()
        common: dict[str, Any] = {
            "headers": dict(plan.headers),
            "timeout": httpx.Timeout(self.config.timeout),
            "follow_redirects": True,
            "max_redirects": self.config.max_redirects,
        }
        if self._lean:
            client = httpx.AsyncClient(transport=LeanTransport(self._ssl_context), trust_env=False, **common)
        else:  # a proxy is configured: httpx's own transport honours it
            client = httpx.AsyncClient(
                verify=self._ssl_context(),
                limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
                **common,
            )
        self._clients.append(client)
        return client

    async def _send(self, host: _Host, method: str, url: str) -> httpx.Response:
        """One request on one of the host's clients, within both concurrency limits."""
        loop = asyncio.get_running_loop()
        while (pause := host.resume_at - loop.time()) > 0:
            await asyncio.sleep(pause)
        client = await host.slots.get()
        try:
            if client is None:
                client = self._client(host.plan)
            assert self._global is not None
            async with self._global:
                if method == "HEAD":
                    return await client.head(url)
                # GET only to learn the status: the body is never downloaded.
                async with client.stream("GET", url) as response:
                    return response
        finally:
            host.slots.put_nowait(client)

    def _backoff(self, retry: int) -> float:
        return self.config.retry_wait_time * (2**retry)

    async def _attempts(self, url: str) -> UrlResult:
        import httpx

        config = self.config
        host = self._host(url)
        method = host.plan.method
        retries = requests = 0
        loop = asyncio.get_running_loop()
        while True:
            requests += 1
            try:
                response = await self._send(host, method, url)
            except httpx.TimeoutException:
                kind, message = "timeout", f"no answer within {config.timeout:g} s"
                retryable = True
            except httpx.TooManyRedirects:
                kind, message = "http-error", f"more than {config.max_redirects} redirects"
                retryable = False
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as error:
                kind, message, retryable = "http-error", f"cannot request this URL: {error}", False
            except httpx.HTTPError as error:
                kind, message = "http-error", f"cannot connect: {_describe(error)}"
                retryable = True
            else:
                status = response.status_code
                if status in config.accept:
                    return _success(url, response, requests)
                if method == "HEAD" and status in HEAD_FALLBACK:
                    method = "GET"
                    continue
                if status in RETRY_STATUSES and retries < config.max_retries:
                    wait = None
                    if status in HONOURS_RETRY_AFTER:
                        wait = retry_after(response.headers.get("Retry-After"))
                    wait = self._backoff(retries) if wait is None else wait
                    if wait <= MAX_RETRY_AFTER:
                        if status in HONOURS_RETRY_AFTER:
                            host.resume_at = max(host.resume_at, loop.time() + wait)
                        else:
                            await asyncio.sleep(wait)
                        retries += 1
                        continue
                return _failure(url, response, requests, retries)
            if retryable and retries < config.max_retries:
                await asyncio.sleep(self._backoff(retries))
                retries += 1
                continue
            return UrlResult(url, False, kind, message, requests=requests)


def _describe(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "the host name does not resolve"
    return text.split("] ", 1)[-1] if text.startswith("[Errno") else text


def _success(url: str, response: httpx.Response, requests: int) -> UrlResult:
    moved_to = None
    hops = [*response.history, response]
    for hop, following in zip(hops, hops[1:], strict=False):
        if hop.status_code not in PERMANENT_REDIRECTS:
            break
        moved_to = str(following.request.url)
    if moved_to and moved_to != url:
        return UrlResult(
            url,
            True,
            "redirect-permanent",
            f"moved permanently to {moved_to}; update the link",
            response.status_code,
            moved_to,
            requests,
        )
    return UrlResult(url, True, status=response.status_code, requests=requests)


def _failure(url: str, response: httpx.Response, requests: int, retries: int) -> UrlResult:
    status = response.status_code
    phrase = response.reason_phrase or ""
    head = f"HTTP {status} {phrase}".rstrip()
    if status == 429:
        return UrlResult(
            url,
            False,
            "rate-limited",
            f"{head} after {retries} retries: the host is rate-limiting; could not verify",
            status,
            requests=requests,
        )
    reason = _REASONS.get(status)
    message = f"{head}: {reason}" if reason else head
    return UrlResult(url, False, f"http-{status}", message, status, requests=requests)


def cached_result(url: str, status: int, redirect_to: str | None) -> UrlResult:
    """A result rebuilt from the cache: no request made."""
    if redirect_to:
        return UrlResult(
            url,
            True,
            "redirect-permanent",
            f"moved permanently to {redirect_to}; update the link",
            status,
            redirect_to,
            cached=True,
        )
    return UrlResult(url, True, status=status, cached=True)
