"""Check external URLs: concurrently, politely per host, with retries, and fragments where they are ids.

A URL is asked with HEAD (or its host's method); a HEAD answer of 404, 410 or 5xx is confirmed
with one GET before it is reported, since some servers answer HEAD wrongly. 429 and 503 pause
the whole host for as long as ``Retry-After`` says; timeouts, resets and other 5xx are retried
with backoff. A URL linked with a fragment such as ``#install`` is read (GET, up to a limit) and
the fragment looked up among the page's ids, decoded with the page's declared charset.

Fragments that are not element ids are never checked: text fragments (``#:~:text=``), app routes
(``#/path``, ``#!``), GitHub's line anchors (``#L10-L20``) and media offsets (``#t=30``). GitHub
renders a README's ``## Install`` as ``id="user-content-install"`` and scrolls there from
``#install`` with a script, so on GitHub ``user-content-<fragment>`` also counts.
"""

from __future__ import annotations

import asyncio
import codecs
import dataclasses
import email.utils
import re
from collections import deque
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

from tools.links.client import BodyCutShort, Client, HttpClient, Reply, RequestFailed, RequestTimeout
from tools.links.config import LinksConfig
from tools.links.extract import scan_html
from tools.links.hosts import KNOWN_HOSTS, PROFILES, lookup

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
HONOURS_RETRY_AFTER = frozenset({429, 503})
# Statuses with which servers commonly refuse HEAD although GET works.
HEAD_FALLBACK = frozenset({400, 403, 405, 406, 409, 501})
# Statuses a HEAD answer gets confirmed by one GET before they are reported.
HEAD_CONFIRM = frozenset({404, 410})
PERMANENT_REDIRECTS = frozenset({301, 308})
# A server asking for a longer pause than this is not waited for; the link is reported.
MAX_RETRY_AFTER = 120.0
# Pages larger than this are read only this far (ids near the end of a huge page are rare).
PAGE_LIMIT = 4 * 1024 * 1024
# The anchors of a page that was read but is not HTML (a PDF, a text file): any fragment passes.
UNCHECKABLE = frozenset({"\0"})
_GITHUB_HOSTS = ("github.com", "www.github.com")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# As browsers do (WHATWG Encoding): these labels all mean GBK, which gb18030 decodes.
_GBK_LABELS = frozenset({"gbk", "gb2312", "x-gbk", "gb_2312-80", "chinese", "csgb2312"})

_REASONS = {
    404: "the page does not exist; update or remove the link",
    410: "the page was removed; update or remove the link",
    412: "the host refused the request (Bilibili does this without a Referer)",
}


@dataclass(frozen=True)
class HostPlan:
    """How to ask one host: its profile merged with the user's settings."""

    headers: Mapping[str, str]
    concurrency: int
    method: str
    fragments: bool = True


def plan_for(host: str, config: LinksConfig) -> HostPlan:
    """The built-in profile for ``host`` with ``[tool.aiinfra.links.hosts]`` overrides applied.

    A profile can only lower the global ``host_concurrency``; an explicit per-host
    ``concurrency`` in the configuration is taken as given (capped by ``max_concurrency``).
    """
    override = lookup(config.hosts, host)
    name = (override.profile if override else None) or lookup(KNOWN_HOSTS, host) or "default"
    profile = PROFILES[name]
    headers = {"User-Agent": config.user_agent, **profile.headers}
    method = profile.method or "HEAD"
    concurrency = min(profile.concurrency or config.host_concurrency, config.host_concurrency)
    if override is not None:
        headers.update(override.headers)
        method = override.method or method
        concurrency = override.concurrency or concurrency
    return HostPlan(headers, min(concurrency, config.max_concurrency), method, profile.fragments)


# --- fragments ---------------------------------------------------------------------------


def checkable(fragment: str) -> bool:
    """Whether ``fragment`` (without the ``#``) names an element a page should contain."""
    if not fragment or fragment.startswith((":~:", "/", "!", "t=", "page=")):
        return False
    head, _, tail = fragment.partition("-")
    return not (_is_line(head) and (not tail or _is_line(tail)))


def _is_line(text: str) -> bool:
    return len(text) > 1 and text[0] == "L" and text[1:].isdigit()


def is_html(content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media in ("text/html", "application/xhtml+xml")


def page_charset(body: bytes, content_type: str | None) -> str:
    """The page's declared encoding: the Content-Type header's, a ``<meta>``'s, else UTF-8."""
    declared = None
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            declared = value.strip().strip("\"'")
    if declared is None and not body.startswith(codecs.BOM_UTF8):
        match = _META_CHARSET.search(body[:4096])
        declared = match.group(1).decode("ascii") if match else None
    label = (declared or "utf-8").lower()
    if label in _GBK_LABELS:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return "utf-8"


def page_anchors(body: bytes, host: str, content_type: str | None = None) -> frozenset[str]:
    """The ids and ``<a name>``s in an HTML page, plus GitHub's ``user-content-`` targets."""
    text = body.decode(page_charset(body, content_type), "replace")
    anchors = {value for _, _, kind, value in scan_html(text) if kind == "id"}
    if host.lower() in _GITHUB_HOSTS:
        for part in text.split("user-content-")[1:]:
            end = next((i for i, c in enumerate(part) if c in "\"'\\&<> "), len(part))
            if end:
                anchors.add(part[:end])
    return frozenset(anchors)


def found(fragment: str, anchors: frozenset[str]) -> bool:
    if "\0" in anchors:  # UNCHECKABLE: the page was not HTML
        return True
    decoded = unquote(fragment)
    return fragment in anchors or decoded in anchors or f"user-content-{decoded}" in anchors


# --- results -----------------------------------------------------------------------------


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


def cached_result(url: str, status: int, redirect_to: str | None, anchors: frozenset[str] | None = None) -> UrlResult:
    """A result rebuilt from the cache: no request made."""
    if redirect_to:
        message = f"moved permanently to {redirect_to}; update the link"
        return UrlResult(url, True, "redirect-permanent", message, status, redirect_to, cached=True, anchors=anchors)
    return UrlResult(url, True, status=status, cached=True, anchors=anchors)


# --- the checker -------------------------------------------------------------------------


class _Host:
    """Per-host state: its plan, the URLs still to check there, and any pause it asked for."""

    __slots__ = ("plan", "queue", "resume_at")

    def __init__(self, plan: HostPlan) -> None:
        self.plan = plan
        self.queue: deque[str] = deque()
        self.resume_at = 0.0


class ExternalChecker:
    """Checks many URLs at once under the configured limits.

    Each host gets as many workers as its limit allows (never more than it has URLs); workers
    take the host's URLs one after another and share one client.
    """

    def __init__(
        self,
        config: LinksConfig,
        *,
        on_result: Callable[[UrlResult], None] | None = None,
        client: Callable[[], Client] | None = None,
    ) -> None:
        self.config = config
        self.on_result = on_result
        self._make_client = client or self._default_client
        self._global: asyncio.Semaphore | None = None
        self._pages: frozenset[str] = frozenset()

    def _default_client(self) -> Client:
        config = self.config
        return HttpClient(
            timeout=config.timeout, max_redirects=config.max_redirects, max_connections=config.max_concurrency
        )

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
        hosts: dict[str, _Host] = {}
        for url in unique:
            name = (urlsplit(url).hostname or "").lower()
            host = hosts.get(name)
            if host is None:
                host = hosts[name] = _Host(plan_for(name, self.config))
            host.queue.append(url)
        results: dict[str, UrlResult] = {}
        client = self._make_client()
        try:
            workers = [
                self._worker(host, client, results)
                for host in hosts.values()
                for _ in range(min(host.plan.concurrency, len(host.queue)))
            ]
            await asyncio.gather(*workers)
        finally:
            await client.aclose()
        return {url: results[url] for url in unique}

    async def _worker(self, host: _Host, client: Client, results: dict[str, UrlResult]) -> None:
        while host.queue:
            url = host.queue.popleft()
            result = results[url] = await self._attempts(host, client, url)
            if self.on_result is not None:
                self.on_result(result)

    async def _send(self, host: _Host, client: Client, method: str, url: str, body_limit: int) -> Reply:
        """One request, after any pause the host asked for, within the global limit."""
        loop = asyncio.get_running_loop()
        while (pause := host.resume_at - loop.time()) > 0:
            await asyncio.sleep(pause)
        assert self._global is not None
        async with self._global:
            return await client.request(method, url, headers=host.plan.headers, body_limit=body_limit)

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
            except BodyCutShort as error:
                kind, message, retryable = "http-error", f"cannot read the page: {error}", True
            except RequestFailed as error:
                kind, message, retryable = "http-error", f"cannot connect: {error}", error.retryable
            else:
                status = reply.status
                if status in config.accept:
                    result = _success(url, reply, requests)
                    if page:
                        anchors = UNCHECKABLE
                        content_type = reply.header("content-type")
                        if reply.body is not None and is_html(content_type):
                            anchors = page_anchors(reply.body, urlsplit(reply.url).hostname or "", content_type)
                        result = dataclasses.replace(result, anchors=anchors)
                    return result
                if method == "HEAD" and (status in HEAD_FALLBACK or status in HEAD_CONFIRM or status >= 500):
                    method = "GET"  # a wrong answer to HEAD is common; GET decides
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
        message = f"moved permanently to {moved_to}; update the link"
        return UrlResult(url, True, "redirect-permanent", message, reply.status, moved_to, requests)
    return UrlResult(url, True, status=reply.status, requests=requests)


def _failure(url: str, reply: Reply, requests: int, retries: int) -> UrlResult:
    status = reply.status
    head = f"HTTP {status} {reply.reason or ''}".rstrip()
    if status == 429:
        message = f"{head} after {retries} retries: the host is rate-limiting; could not verify"
        return UrlResult(url, False, "rate-limited", message, status, requests=requests)
    reason = _REASONS.get(status)
    message = f"{head}: {reason}" if reason else head
    return UrlResult(url, False, f"http-{status}", message, status, requests=requests)
