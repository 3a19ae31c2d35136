"""Check external http(s) URLs concurrently, politely, and with as few requests as possible.

- One request per unique URL: HEAD first, GET only when a host mishandles HEAD (405, 501 ...)
  or its profile asks for GET (whose body is then not downloaded).
- A global limit (``max_concurrency``) and a per-host limit (``host_concurrency``, lowered by
  host profiles); a ``Retry-After`` on 429/503 pauses the whole host, not just one request.
- Timeouts, connection errors, 429 and 5xx are retried with exponential backoff.
- Redirects are followed; a permanent one (301/308) is reported with its new address.

Each host gets one single-connection client per concurrent slot rather than one shared
pool: a slot is a connection, so the per-host limit is also the number of open sockets to
that host. The clients are :mod:`tools.links.client`'s (httpx's only when a proxy is set).
"""

from __future__ import annotations

import asyncio
import dataclasses
import email.utils
import ssl
from collections import deque
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from tools.links.client import (
    Client,
    HttpxClient,
    LeanClient,
    Reply,
    RequestFailed,
    RequestTimeout,
    TooManyRedirects,
    UnusableUrl,
    proxy_configured,
)
from tools.links.config import LinksConfig
from tools.links.fragments import PAGE_LIMIT, UNCHECKABLE, is_html, page_anchors
from tools.links.hosts import HostPlan, plan_for

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
    anchors: frozenset[str] | None = None  # the page's ids, when its fragments were to be checked


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
    """Per-host state: its plan, the URLs still to check there, and any pause it asked for."""

    __slots__ = ("plan", "queue", "resume_at")

    def __init__(self, plan: HostPlan) -> None:
        self.plan = plan
        self.queue: deque[str] = deque()
        self.resume_at = 0.0


class ExternalChecker:
    """Checks many URLs at once under the configured limits.

    Each host gets as many workers as its limit allows (never more than it has URLs); a worker
    owns one client, so one connection, and takes the host's URLs one after another. Only
    workers exist as tasks, not one task per URL: with 1,000 URLs waiting, starting 1,000
    tasks delayed the first request by the time it took to park 872 of them.
    """

    def __init__(
        self,
        config: LinksConfig,
        *,
        on_result: Callable[[UrlResult], None] | None = None,
        client_type: type[LeanClient] | type[HttpxClient] | None = None,
    ) -> None:
        self.config = config
        self.on_result = on_result
        self._client_type = client_type
        self._ssl: ssl.SSLContext | None = None
        self._global: asyncio.Semaphore | None = None
        self._pages: frozenset[str] = frozenset()

    def run(self, urls: Iterable[str], pages: Collection[str] = ()) -> dict[str, UrlResult]:
        """Check ``urls`` (each once) and return their results; blocks until done.

        For the URLs in ``pages`` the page itself is read (GET, up to a limit) and, if it is
        HTML, its ids are returned, so that the fragments of links to it can be checked.
        """
        return asyncio.run(self.check(urls, pages))

    async def check(self, urls: Iterable[str], pages: Collection[str] = ()) -> dict[str, UrlResult]:
        self._pages = frozenset(pages)
        unique = list(dict.fromkeys(urls))
        self._global = asyncio.Semaphore(self.config.max_concurrency)
        if self._client_type is None:
            self._client_type = HttpxClient if proxy_configured() else LeanClient
        hosts: dict[str, _Host] = {}
        for url in unique:
            name = (urlsplit(url).hostname or "").lower()
            host = hosts.get(name)
            if host is None:
                host = hosts[name] = _Host(plan_for(name, self.config))
            host.queue.append(url)
        results: dict[str, UrlResult] = {}
        workers = [
            self._worker(host, results)
            for host in hosts.values()
            for _ in range(min(host.plan.concurrency, len(host.queue)))
        ]
        await asyncio.gather(*workers)
        return {url: results[url] for url in unique}

    async def _worker(self, host: _Host, results: dict[str, UrlResult]) -> None:
        client = self._client(host.plan)
        try:
            while host.queue:
                url = host.queue.popleft()
                result = results[url] = await self._attempts(host, client, url)
                if self.on_result is not None:
                    self.on_result(result)
        finally:
            await client.aclose()

    def _ssl_context(self) -> ssl.SSLContext:
        """Made on first use: a run over http:// URLs only never pays for loading certificates."""
        if self._ssl is None:
            import certifi

            self._ssl = ssl.create_default_context(cafile=certifi.where())
        return self._ssl

    def _client(self, plan: HostPlan) -> Client:
        assert self._client_type is not None
        return self._client_type(
            plan.headers,
            timeout=self.config.timeout,
            max_redirects=self.config.max_redirects,
            ssl_context=self._ssl_context,
        )

    async def _send(self, host: _Host, client: Client, method: str, url: str, body_limit: int) -> Reply:
        """One request, after any pause the host asked for, within the global limit."""
        loop = asyncio.get_running_loop()
        while (pause := host.resume_at - loop.time()) > 0:
            await asyncio.sleep(pause)
        assert self._global is not None
        async with self._global:
            return await client.request(method, url, body_limit=body_limit)

    def _backoff(self, retry: int) -> float:
        return self.config.retry_wait_time * (2**retry)

    async def _attempts(self, host: _Host, client: Client, url: str) -> UrlResult:
        config = self.config
        page = url in self._pages
        method = "GET" if page else host.plan.method
        body_limit = PAGE_LIMIT if page else 0
        retries = requests = 0
        loop = asyncio.get_running_loop()
        while True:
            requests += 1
            try:
                reply = await self._send(host, client, method, url, body_limit)
            except RequestTimeout as error:
                kind, message, retryable = "timeout", str(error), True
            except (TooManyRedirects, UnusableUrl) as error:
                kind, message, retryable = "http-error", str(error), False
            except RequestFailed as error:
                kind, message, retryable = "http-error", f"cannot connect: {error}", True
            else:
                status = reply.status
                if status in config.accept:
                    result = _success(url, reply, requests)
                    if page:
                        anchors = UNCHECKABLE
                        if reply.body is not None and is_html(reply.header("content-type")):
                            anchors = page_anchors(reply.body, urlsplit(reply.url).hostname or "")
                        result = dataclasses.replace(result, anchors=anchors)
                    return result
                if method == "HEAD" and status in HEAD_FALLBACK:
                    method = "GET"
                    continue
                if status in RETRY_STATUSES and retries < config.max_retries:
                    wait = None
                    if status in HONOURS_RETRY_AFTER:
                        wait = retry_after(reply.header("Retry-After"))
                    wait = self._backoff(retries) if wait is None else wait
                    if wait <= MAX_RETRY_AFTER:
                        if status in HONOURS_RETRY_AFTER:
                            host.resume_at = max(host.resume_at, loop.time() + wait)
                        else:
                            await asyncio.sleep(wait)
                        retries += 1
                        continue
                return _failure(url, reply, requests, retries)
            if retryable and retries < config.max_retries:
                await asyncio.sleep(self._backoff(retries))
                retries += 1
                continue
            return UrlResult(url, False, kind, message, requests=requests)


def _success(url: str, reply: Reply, requests: int) -> UrlResult:
    moved_to = None
    addresses = [address for _, address in reply.hops[1:]] + [reply.url] if reply.hops else []
    for (status, _), following in zip(reply.hops, addresses, strict=True):
        if status not in PERMANENT_REDIRECTS:
            break
        moved_to = following
    if moved_to and moved_to != url:
        return UrlResult(
            url,
            True,
            "redirect-permanent",
            f"moved permanently to {moved_to}; update the link",
            reply.status,
            moved_to,
            requests,
        )
    return UrlResult(url, True, status=reply.status, requests=requests)


def _failure(url: str, reply: Reply, requests: int, retries: int) -> UrlResult:
    status = reply.status
    phrase = reply.reason or ""
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


def cached_result(
    url: str, status: int, redirect_to: str | None, anchors: frozenset[str] | None = None
) -> UrlResult:
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
            anchors=anchors,
        )
    return UrlResult(url, True, status=status, cached=True, anchors=anchors)
