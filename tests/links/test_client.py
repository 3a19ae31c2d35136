"""The HTTP client against the test app on real servers: how real servers bend the rules, and TLS."""

from __future__ import annotations

import asyncio
import resource
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest

from tests.links.conftest import Tls
from tests.links.httpserver import LocalServer
from tools.links.client import (
    BodyCutShort,
    CertificateRejected,
    HttpClient,
    Reply,
    RequestFailed,
    RequestTimeout,
    TooManyRedirects,
    UnusableUrl,
)

T = TypeVar("T")
HEADERS = {"User-Agent": "test"}
PAGE_LIMIT = 1 << 20


def call(use: Callable[[HttpClient], Awaitable[T]], timeout: float = 5) -> T:
    async def go() -> T:
        client = HttpClient(timeout=timeout, max_redirects=3, max_connections=4)
        try:
            return await use(client)
        finally:
            await client.aclose()

    return asyncio.run(go())


def get(url: str, body_limit: int = PAGE_LIMIT, timeout: float = 5, method: str = "GET") -> Reply:
    return call(lambda client: client.request(method, url, headers=HEADERS, body_limit=body_limit), timeout)


def test_statuses_and_headers_sent(web: LocalServer) -> None:
    assert get(web.url("/ok/x"), method="HEAD").status == 200
    assert get(web.url("/missing"), method="HEAD").status == 404
    [request] = web.state.requests[:1]
    assert request.headers["User-Agent"] == "test"


def test_redirects_are_followed_and_recorded(web: LocalServer) -> None:
    reply = get(web.url("/moved"), method="HEAD")
    assert (reply.status, reply.url, reply.hops) == (200, web.url("/ok/moved-here"), ((301, web.url("/moved")),))
    with pytest.raises(TooManyRedirects, match="more than 3 redirects"):
        get(web.url("/loop"))


def test_a_body_is_read_only_when_asked_for_and_only_up_to_the_limit(web: LocalServer) -> None:
    assert get(web.url("/page"), body_limit=0).body is None
    assert get(web.url("/page"), body_limit=10).body == b"<!doctype "


@pytest.mark.parametrize(
    "path",
    [
        "/gzip-page",  # compressed although not asked for
        "/length-and-chunked",  # Content-Length and chunked: chunked wins, as RFC 9112 says
        "/bare-lf",  # LF without CR
        "/folded",  # a header folded onto a second line
    ],
)
def test_pages_real_servers_send_are_read_whole(web: LocalServer, path: str) -> None:
    reply = get(web.url(path))
    assert reply.status == 200
    assert reply.body is not None and b'id="install"' in reply.body and reply.body.endswith(b"</html>\n")


def test_a_body_cut_by_a_reset_is_an_error_not_a_page(web: LocalServer) -> None:
    with pytest.raises(BodyCutShort, match="ended before the whole page arrived"):
        get(web.url("/cut-always"))


def test_a_redirect_that_sets_a_cookie_works_and_the_cookie_stays_in_its_chain(web: LocalServer) -> None:
    async def twice(client: HttpClient) -> list[Reply]:
        return [await client.request("GET", web.url("/cookie-loop"), headers=HEADERS) for _ in range(2)]

    first, second = call(twice)
    assert first.status == second.status == 200 and len(first.hops) == len(second.hops) == 1
    cookies = [r.headers.get("Cookie") for r in web.state.requests]
    assert cookies == [None, "visited=1", None, "visited=1"]  # the second chain starts without it


def test_an_endless_header_is_cut_off_early(web: LocalServer) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(RequestFailed, match="invalid HTTP answer"):
        get(web.url("/endless-header"))
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 32 * 1024


def test_one_deadline_covers_the_whole_request_even_a_slow_drip(web: LocalServer) -> None:
    started = time.monotonic()
    with pytest.raises(RequestTimeout, match="within 0.5 s"):
        get(web.url("/drip"), timeout=0.5)  # each byte arrives well within 0.5 s of the last
    assert time.monotonic() - started < 2


def test_a_utf8_location_is_followed(web: LocalServer) -> None:
    reply = get(web.url("/utf8-location"), body_limit=0)
    assert reply.status == 200 and reply.url == web.url("/ok/%E7%AC%AC%E4%B8%80%E7%AB%A0")


def test_unicode_paths_are_sent_percent_encoded(web: LocalServer) -> None:
    assert get(web.url("/ok/第一章 概述"), body_limit=0).status == 200
    assert web.state.requests[-1].target == "/ok/%E7%AC%AC%E4%B8%80%E7%AB%A0%20%E6%A6%82%E8%BF%B0"


def test_unusable_urls(web: LocalServer) -> None:
    with pytest.raises(UnusableUrl):
        get("http://127.0.0.1:99999/x")
    with pytest.raises(UnusableUrl):
        get("ftp://127.0.0.1/x")


def test_the_environment_proxy_is_used_with_uts46_host_names(web: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", web.url(""))
    assert get("http://faß.de/ok/idna", body_limit=0).status == 200
    assert web.state.requests[-1].target == "http://xn--fa-hia.de/ok/idna"  # not fass.de (IDNA 2003)
    started = time.monotonic()
    with pytest.raises(RequestTimeout):
        get("http://drip.example/drip", timeout=0.5)
    assert time.monotonic() - started < 2


def test_https_with_a_ca_from_ssl_cert_file(trusted: Tls) -> None:
    reply = get(trusted.good.url("/page"))
    assert reply.status == 200 and reply.body is not None and b"install" in reply.body


def test_https_without_the_ca_names_the_unknown_issuer(
    tls: Tls, no_proxy: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    with pytest.raises(CertificateRejected, match="issuer is unknown"):
        get(tls.good.url("/ok/x"))


@pytest.mark.parametrize(
    ("server", "reason"),
    [
        ("expired", "the certificate has expired"),
        ("wrong_host", "the certificate is for another host name"),
        ("self_signed", "the certificate is self-signed"),
        ("unknown_issuer", "the certificate's issuer is unknown"),
    ],
)
def test_certificate_failures_say_why(trusted: Tls, server: str, reason: str) -> None:
    local: LocalServer = getattr(trusted, server)
    with pytest.raises(CertificateRejected, match=reason.replace("(", r"\(")):
        get(local.url("/ok/x"))
