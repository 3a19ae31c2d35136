"""How to ask each host: headers, politeness and method, for the hosts this course links to.

A host answers a robot differently from a browser: Bilibili returns HTTP 412 unless the
request carries a Bilibili ``Referer``; YouTube and GitHub rate-limit bursts. A profile makes
a live page look live, so a contributor is never told a working video is dead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")
_BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"


@dataclass(frozen=True)
class HostProfile:
    """Request settings for one host; ``None`` means the global setting."""

    name: str
    headers: Mapping[str, str] = field(default_factory=dict)
    concurrency: int | None = None
    method: str | None = None
    fragments: bool = True  # False where fragments are player state, not element ids


PROFILES: dict[str, HostProfile] = {
    "default": HostProfile("default"),
    # Bilibili answers anything that does not look like its own pages with 412.
    "bilibili": HostProfile(
        "bilibili",
        headers={
            "Referer": "https://www.bilibili.com/",
            "User-Agent": _BROWSER_UA,
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            "Accept-Language": "zh-CN,zh;q=0.9",
        },
        concurrency=4,
        method="GET",
        fragments=False,
    ),
    # YouTube serves HEAD poorly and rate-limits robots; a browser-like GET is reliable.
    "youtube": HostProfile(
        "youtube",
        headers={"User-Agent": _BROWSER_UA, "Accept-Language": "en-US,en;q=0.8"},
        concurrency=4,
        method="GET",
        fragments=False,
    ),
    # GitHub rate-limits bursts with 429 + Retry-After, which the checker honours.
    "github": HostProfile("github", concurrency=4),
}

# Which profile a host gets by default; subdomains inherit their parent's.
KNOWN_HOSTS: dict[str, str] = {
    "bilibili.com": "bilibili",
    "b23.tv": "bilibili",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "github.com": "github",
    "githubusercontent.com": "github",
}


@dataclass(frozen=True)
class HostSettings:
    """The user's overrides for one host (and its subdomains), from ``[tool.aiinfra.links.hosts]``."""

    profile: str | None = None
    concurrency: int | None = None
    method: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


def lookup(table: Mapping[str, T], host: str) -> T | None:
    """The entry for ``host`` or its nearest parent domain."""
    name = host.lower().rstrip(".")
    while True:
        if name in table:
            return table[name]
        if "." not in name:
            return None
        name = name.split(".", 1)[1]
