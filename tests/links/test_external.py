"""External links against a real HTTP server on 127.0.0.1: findings, retries, politeness, cache."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from pathlib import Path

from tests.links.conftest import links, write
from tests.links.httpserver import LocalServer
from tools.diagnostics import EXIT_OK, EXIT_PROBLEMS
from tools.links.client import Reply
from tools.links.config import LinksConfig
from tools.links.external import ExternalChecker

FAST = 'timeout = 0.8\nretry_wait_time = "50ms"\nmax_retries = 2\n'
CERT_UNKNOWN = "the certificate's issuer is unknown (behind a company proxy? set SSL_CERT_FILE to its CA)"


def course(root: Path, server: LocalServer, pages: dict[str, list[str]], settings: str = FAST) -> Path:
    """A course whose pages link to ``server`` paths, one link a line, and its settings."""
    files = {"pyproject.toml": f"[tool.aiinfra.links]\n{settings}"}
    for name, paths in pages.items():
        files[name] = "# 外部链接\n\n" + "".join(f"- [链接]({server.url(p)})\n" for p in paths)
    return write(root, files)


def findings(run_out: str, server: LocalServer) -> list[tuple[str, int, str, str]]:
    prefix = server.url("")
    return [
        (f["file"], f["line"], f["target"].removeprefix(prefix), f["kind"]) for f in json.loads(run_out)["findings"]
    ]


def test_findings_and_request_counts(tmp_path: Path, web: LocalServer) -> None:
    paths = [
        "/ok/a",
        "/missing",
        "/gone",
        "/moved",
        "/temporary",
        "/loop",
        "/flaky",
        "/no-head",
        "/video/BV1live1",
        "/slow",
    ]
    root = course(tmp_path, web, {"a.md": paths})
    run = links("--format", "json", "--root", root)
    assert run.code == EXIT_PROBLEMS, run.err
    assert findings(run.out, web) == [
        ("a.md", 4, "/missing", "http-404"),
        ("a.md", 5, "/gone", "http-410"),
        ("a.md", 6, "/moved", "redirect-permanent"),
        ("a.md", 8, "/loop", "http-error"),
        ("a.md", 11, "/video/BV1live1", "http-412"),
        ("a.md", 12, "/slow", "timeout"),
    ]
    data = json.loads(run.out)
    assert data["checked"] == {"files": 1, "links": 10, "external": 10}
    moved = data["findings"][2]
    assert moved["message"] == f"moved permanently to {web.url('/ok/moved-here')}; update the link"
    assert moved["column"] == 8
    seen = web.state.paths()
    assert seen["/ok/a"] == seen["/temporary"] == 1  # one request per URL
    assert seen["/flaky"] == 2  # 503 to HEAD, confirmed by a GET that works
    assert seen["/slow"] == 3  # timed out, retried twice
    assert web.state.count("/no-head", "HEAD") == 1 and web.state.count("/no-head", "GET") == 1
    assert web.state.count("/missing", "HEAD") == 1 and web.state.count("/missing", "GET") == 1


def test_retry_after_is_honoured(tmp_path: Path, web: LocalServer) -> None:
    root = course(tmp_path, web, {"a.md": ["/limited"]})
    run = links("--format", "json", "--root", root)
    assert run.code == EXIT_OK, run.out
    first, second = web.state.times("/limited")
    assert second - first >= 0.95  # Retry-After: 1


def test_rate_limit_that_never_lifts_is_a_warning(tmp_path: Path, web: LocalServer) -> None:
    root = course(tmp_path, web, {"a.md": ["/always-limited"]}, FAST.replace("max_retries = 2", "max_retries = 1"))
    run = links("--root", root)
    assert run.code == EXIT_OK
    assert "a.md:3:8: rate-limited: HTTP 429 Too Many Requests after 1 retries" in run.out
    assert web.state.count("/always-limited") == 2


def test_bilibili_profile_sends_a_referer(tmp_path: Path, web: LocalServer) -> None:
    settings = FAST + '\n[tool.aiinfra.links.hosts."127.0.0.1"]\nprofile = "bilibili"\n'
    root = course(tmp_path, web, {"a.md": ["/video/BV1live1", "/video/BV1gone"]}, settings)
    run = links("--format", "json", "--root", root)
    assert findings(run.out, web) == [("a.md", 4, "/video/BV1gone", "http-404")]
    for request in web.state.requests:
        assert request.method == "GET"
        assert request.headers["Referer"] == "https://www.bilibili.com/"
        assert "Mozilla/5.0" in request.headers["User-Agent"]


def test_same_url_everywhere_is_requested_once_and_reported_at_each_occurrence(
    tmp_path: Path, web: LocalServer
) -> None:
    root = course(tmp_path, web, {"a.md": ["/missing", "/ok/x"], "b.md": ["/ok/x", "/missing"], "c.md": ["/missing"]})
    run = links("--format", "json", "--root", root)
    assert findings(run.out, web) == [
        ("a.md", 3, "/missing", "http-404"),
        ("b.md", 4, "/missing", "http-404"),
        ("c.md", 3, "/missing", "http-404"),
    ]
    assert web.state.paths() == {"/missing": 2, "/ok/x": 1}  # HEAD, then one GET to confirm the 404


def test_rerun_is_answered_by_the_cache_but_failures_are_asked_again(tmp_path: Path, web: LocalServer) -> None:
    root = course(tmp_path, web, {"a.md": ["/ok/1", "/ok/2", "/moved", "/missing"]})
    first = links("--format", "json", "--root", root)
    web.state.reset()
    second = links("--format", "json", "--root", root, "--stats")
    assert second.out == first.out
    assert web.state.paths() == {"/missing": 2}  # only the failure was requested again (HEAD, GET)
    assert "3 from the result cache, 2 requests" in second.err
    cache = json.loads((root / ".cache" / "links" / "external.json").read_text())
    assert sorted(cache["urls"]) == sorted(web.url(p) for p in ("/ok/1", "/ok/2", "/moved"))


def test_expired_cache_entries_are_checked_again(tmp_path: Path, web: LocalServer) -> None:
    root = course(tmp_path, web, {"a.md": ["/ok/1"]}, FAST + 'cache_max_age = "0s"\n')
    links("--root", root)
    time.sleep(0.01)
    links("--root", root)
    assert web.state.count("/ok/1") == 2


def test_exclude_and_offline_make_no_requests(tmp_path: Path, web: LocalServer) -> None:
    root = course(tmp_path, web, {"a.md": ["/missing", "/ok/1"]}, FAST + 'exclude = ["/missing$"]\n')
    run = links("--format", "json", "--root", root)
    assert run.code == EXIT_OK
    assert json.loads(run.out)["checked"] == {"files": 1, "links": 2, "external": 1}
    web.state.reset()
    run = links("--offline", "--format", "json", "--root", root)
    assert json.loads(run.out)["checked"]["external"] == 0
    assert web.state.requests == []


def test_permanent_redirects_are_warnings(tmp_path: Path, web: LocalServer) -> None:
    root = course(tmp_path, web, {"a.md": ["/moved"]})
    run = links("--root", root)
    assert run.code == EXIT_OK
    assert run.out.splitlines()[-1] == "No broken links, 1 warning (checked 1 file, 1 link, 1 external)"
    github = links("--format", "github", "--root", root, "--no-cache")
    assert github.out.startswith("::warning file=a.md,line=3,col=8,title=redirect-permanent::moved permanently")


def test_per_host_limit_is_never_exceeded(tmp_path: Path, web: LocalServer) -> None:
    root = course(tmp_path, web, {"a.md": [f"/hold/{i}" for i in range(6)]}, FAST + "host_concurrency = 2\n")
    started = time.monotonic()
    assert links("--root", root).code == EXIT_OK
    assert web.state.most_held == 2
    assert time.monotonic() - started >= 0.55  # three rounds of 0.2 s


def test_command_line_limits_override_the_file(tmp_path: Path, web: LocalServer) -> None:
    root = course(tmp_path, web, {"a.md": [f"/hold/{i}" for i in range(4)]}, FAST + "host_concurrency = 1\n")
    assert links("--root", root, "--host-concurrency", "4").code == EXIT_OK
    assert web.state.most_held == 4


def test_unreachable_host_is_reported(tmp_path: Path, web: LocalServer) -> None:
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    write(
        tmp_path,
        {
            "pyproject.toml": f"[tool.aiinfra.links]\n{FAST}max_retries = 0\n".replace("max_retries = 2\n", ""),
            "a.md": f"[x](http://127.0.0.1:{port}/x)\n",
        },
    )
    run = links("--format", "json", "--root", tmp_path)
    [finding] = json.loads(run.out)["findings"]
    assert finding["kind"] == "http-error"
    assert finding["message"].startswith("cannot connect:")


def test_a_proxy_from_the_environment_is_used(tmp_path: Path, web: LocalServer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HTTP_PROXY", web.url(""))  # the test app answers absolute-form requests too
    write(tmp_path, {"pyproject.toml": f"[tool.aiinfra.links]\n{FAST}", "a.md": "[x](http://课程.example/ok/a)\n"})
    assert links("--root", tmp_path).code == EXIT_OK
    assert [r.target for r in web.state.requests] == ["http://xn--9nzo18a.example/ok/a"]


def test_a_wrong_answer_to_head_is_confirmed_with_get(tmp_path: Path, web: LocalServer) -> None:
    root = course(tmp_path, web, {"a.md": ["/head-404", "/head-500", "/gone"]})
    run = links("--format", "json", "--root", root)
    assert findings(run.out, web) == [("a.md", 5, "/gone", "http-410")]
    for path in ("/head-404", "/head-500", "/gone"):
        assert web.state.count(path, "HEAD") == 1 and web.state.count(path, "GET") == 1


def test_retry_after_as_an_http_date_is_honoured(tmp_path: Path, web: LocalServer) -> None:
    root = course(tmp_path, web, {"a.md": ["/limited-until"]})
    assert links("--root", root).code == EXIT_OK
    first, second = web.state.times("/limited-until")
    assert second - first >= 0.9  # the date is 2 s ahead, at one-second resolution


def test_pages_real_servers_send_give_the_right_verdicts(tmp_path: Path, web: LocalServer) -> None:
    paths = [
        "/gzip-page#install",  # compressed without being asked
        "/length-and-chunked#install",
        "/bare-lf#install",
        "/folded#install",
        "/cookie-loop",  # a 302 to itself that sets a cookie
        "/utf8-location",
        "/gbk-page#%E7%AC%AC%E4%B8%80%E7%AB%A0",  # 第一章 on a page declared GBK in its header
        "/gbk-meta#第一章",  # ... and in a <meta charset>
        "/cut-once#install",  # cut short by a reset the first time: read again, not parsed
        "/cut-always#nowhere",  # never whole: reported as unreadable, its fragment not judged
    ]
    write(tmp_path, {"pyproject.toml": f"[tool.aiinfra.links]\n{FAST}"})
    (tmp_path / "a.md").write_text("".join(f"- <{web.url(p)}>\n" for p in paths), encoding="utf-8")
    run = links("--format", "json", "--root", tmp_path)
    [finding] = json.loads(run.out)["findings"]
    assert (finding["line"], finding["kind"]) == (10, "http-error")
    assert "ended before the whole page arrived" in finding["message"]
    assert web.state.count("/cut-once", "GET") == 2 and web.state.count("/cut-always", "GET") == 3


def test_a_slow_drip_times_out_within_the_deadline(tmp_path: Path, web: LocalServer) -> None:
    # The page is read for its fragment: a byte every 0.1 s must not stretch the 0.5 s deadline.
    root = course(tmp_path, web, {"a.md": ["/drip#part"]}, "timeout = 0.5\nmax_retries = 0\n")
    started = time.monotonic()
    run = links("--format", "json", "--root", root)
    assert findings(run.out, web) == [("a.md", 3, "/drip#part", "timeout")]
    assert time.monotonic() - started < 3


def test_https_verdicts_name_the_certificate_problem(tmp_path: Path, trusted) -> None:  # type: ignore[no-untyped-def]
    servers = [trusted.good, trusted.expired, trusted.wrong_host, trusted.self_signed, trusted.unknown_issuer]
    write(tmp_path, {"pyproject.toml": f"[tool.aiinfra.links]\n{FAST}"})
    (tmp_path / "a.md").write_text("".join(f"- <{s.url('/page#install')}>\n" for s in servers), encoding="utf-8")
    run = links("--format", "json", "--root", tmp_path)
    got = [(f["line"], f["kind"], f["message"]) for f in json.loads(run.out)["findings"]]
    assert got == [
        (2, "http-error", "cannot connect: TLS: the certificate has expired"),
        (3, "http-error", "cannot connect: TLS: the certificate is for another host name"),
        (4, "http-error", "cannot connect: TLS: the certificate is self-signed"),
        (5, "http-error", f"cannot connect: TLS: {CERT_UNKNOWN}"),
    ]
    assert sum(s.state.count() for s in servers[1:]) == 0  # a rejected certificate is not retried


def test_fragments_of_html_pages_are_checked_with_one_get_per_page(tmp_path: Path, web: LocalServer) -> None:
    paths = [
        "/page#install",
        "/page#%E7%AC%AC%E4%B8%80%E8%8A%82",  # 第一节, percent-encoded
        "/page#old",
        "/page#uninstall",
        "/page#in-script",  # only inside a script: not an element of the page
        "/page#:~:text=Install",  # a text fragment: not an id
        "/page#L10-L20",  # a line anchor: not an id
        "/ok/plain.txt#section",  # not HTML: fragments are not checked
    ]
    root = course(tmp_path, web, {"a.md": paths})
    run = links("--format", "json", "--root", root)
    assert run.code == EXIT_PROBLEMS, run.err
    assert findings(run.out, web) == [
        ("a.md", 6, "/page#uninstall", "missing-anchor"),
        ("a.md", 7, "/page#in-script", "missing-anchor"),
    ]
    message = json.loads(run.out)["findings"][0]["message"]
    assert message == f"no element with id `#uninstall` on the page {web.url('/page')}"
    assert web.state.count("/page", "GET") == 1 and web.state.count("/page", "HEAD") == 0
    assert web.state.count("/ok/plain.txt", "GET") == 1

    web.state.reset()  # the page's ids are cached with its status: a re-run asks nothing
    again = links("--format", "json", "--root", root)
    assert findings(again.out, web) == findings(run.out, web) and web.state.count() == 0


def test_a_page_cached_without_its_ids_is_read_when_a_fragment_appears(tmp_path: Path, web: LocalServer) -> None:
    root = course(tmp_path, web, {"a.md": ["/page"]})
    links("--root", root)
    assert web.state.count("/page", "HEAD") == 1
    course(tmp_path, web, {"a.md": ["/page", "/page#nowhere"]})
    run = links("--format", "json", "--root", root)
    assert findings(run.out, web) == [("a.md", 4, "/page#nowhere", "missing-anchor")]
    assert web.state.count("/page", "GET") == 1


class ScriptedClient:
    """A client answering from a script, through the checker's ``Client`` seam: no network."""

    def __init__(self, answers: dict[tuple[str, str], list[int]]) -> None:
        self.answers = answers
        self.sent: list[tuple[str, str]] = []

    async def request(self, method: str, url: str, *, headers: Mapping[str, str], body_limit: int = 0) -> Reply:
        self.sent.append((method, url))
        return Reply(self.answers[(method, url)].pop(0), "", {}, url)

    async def aclose(self) -> None:
        pass


def test_the_checker_through_the_client_seam() -> None:
    client = ScriptedClient(
        {
            ("HEAD", "https://a.example/x"): [500],
            ("GET", "https://a.example/x"): [503, 200],  # confirmed by GET, which then needs a retry
            ("HEAD", "https://a.example/gone"): [410],
            ("GET", "https://a.example/gone"): [410],
        }
    )
    config = LinksConfig().replace(retry_wait_time=0.01)
    results = ExternalChecker(config, client=lambda: client).run(["https://a.example/x", "https://a.example/gone"])
    assert [(r.ok, r.kind, r.requests) for r in results.values()] == [(True, None, 3), (False, "http-410", 2)]
    assert all(not answers for answers in client.answers.values())
