"""Settings of the link checker, read from ``[tool.aiinfra.links]`` in ``pyproject.toml``.

Each setting is defined once, as a dataclass field whose metadata holds its help text and
its converter; the same definition validates the file and lists the valid keys. Names follow
lychee's (``max_concurrency``, ``host_concurrency``, ``accept``, ``exclude`` ...), which is what
people who check links already know.
"""

from __future__ import annotations

import dataclasses as dc
import math
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tools.errors import UsageError
from tools.links.hosts import PROFILES, HostSettings

TABLE = "tool.aiinfra.links"
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|d|h|m|s)")
_UNITS = {"d": 86400.0, "h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
_METHODS = ("HEAD", "GET")


class ConfigValueError(ValueError):
    """A setting has the wrong type or value; the message says what is expected."""


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigValueError(f"expected a positive integer, got {value!r}")
    return value


def _non_negative_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigValueError(f"expected an integer >= 0, got {value!r}")
    return value


def parse_duration(value: Any) -> float:
    """Seconds from a number or a string such as ``"1d"``, ``"12h"``, ``"1h30m"``, ``"500ms"``."""
    if isinstance(value, bool):
        raise ConfigValueError(f"expected a duration such as 30, '90s' or '1d', got {value!r}")
    if isinstance(value, int | float):
        if not math.isfinite(value) or value < 0:
            raise ConfigValueError(f"expected a finite duration >= 0, got {value!r}")
        return float(value)
    if isinstance(value, str):
        text = value.strip().lower()
        parts = list(_DURATION.finditer(text))
        if parts and "".join(p.group(0) for p in parts) == text.replace(" ", ""):
            return sum(float(p.group(1)) * _UNITS[p.group(2)] for p in parts)
    raise ConfigValueError(f"expected a duration such as 30, '90s' or '1d', got {value!r}")


def _positive_duration(value: Any) -> float:
    seconds = parse_duration(value)
    if seconds <= 0:
        raise ConfigValueError(f"expected a duration > 0, got {value!r}")
    return seconds


def parse_status_ranges(value: Any) -> frozenset[int]:
    """Status codes from lychee-style items: ``200``, ``"200..=299"``, ``"200..300"``, ``"..=204"``."""
    items = [value] if isinstance(value, int | str) else value
    if not isinstance(items, list) or not items:
        raise ConfigValueError(f"expected a list of status codes or ranges, got {value!r}")
    codes: set[int] = set()
    for item in items:
        if isinstance(item, int) and not isinstance(item, bool) and 100 <= item <= 999:
            codes.add(item)
            continue
        match = re.fullmatch(r"\s*(\d{3})?\s*(?:\.\.(=?)\s*(\d{3})?)?\s*", item) if isinstance(item, str) else None
        if not match or (match.group(1) is None and match.group(3) is None):
            raise ConfigValueError(f"expected a status code or a range such as '200..=299', got {item!r}")
        low, inclusive, high = match.groups()
        if high is None and ".." not in item:
            codes.add(int(low))
            continue
        start = int(low) if low else 100
        stop = (int(high) + (1 if inclusive else 0)) if high else 1000
        codes.update(range(start, stop))
    return frozenset(codes)


def _regex_list(value: Any) -> tuple[re.Pattern[str], ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigValueError(f"expected a list of regular expressions, got {value!r}")
    patterns = []
    for text in value:
        try:
            patterns.append(re.compile(text))
        except re.error as error:
            raise ConfigValueError(f"invalid regular expression {text!r}: {error}") from None
    return tuple(patterns)


def _string(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigValueError(f"expected a non-empty string, got {value!r}")
    return value


# An HTTP header name (RFC 9110 token) and a value that cannot break the request apart.
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def _header_value(value: Any) -> str:
    text = _string(value)
    if any(c in text for c in "\r\n\0") or not text.isascii():
        raise ConfigValueError(f"a header value must be one line of ASCII text, got {value!r}")
    return text


_HOST_KEYS = ("profile", "concurrency", "method", "headers")


def _hosts(value: Any) -> Mapping[str, HostSettings]:
    if not isinstance(value, dict):
        raise ConfigValueError(f"expected a table of host names, got {value!r}")
    result: dict[str, HostSettings] = {}
    for host, table in value.items():
        where = f"hosts.{host!r}"
        if not isinstance(table, dict):
            raise ConfigValueError(f"{where}: expected a table, got {table!r}")
        unknown = sorted(set(table) - set(_HOST_KEYS))
        if unknown:
            raise ConfigValueError(f"{where}: unknown key {unknown[0]!r}; valid keys: {', '.join(_HOST_KEYS)}")
        profile = table.get("profile")
        if profile is not None and profile not in PROFILES:
            raise ConfigValueError(
                f"{where}: unknown profile {profile!r}; known profiles: {', '.join(sorted(PROFILES))}"
            )
        method = table.get("method")
        if method is not None and (not isinstance(method, str) or method.upper() not in _METHODS):
            raise ConfigValueError(f"{where}: method must be one of {', '.join(_METHODS)}")
        headers = table.get("headers", {})
        if not isinstance(headers, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
        ):
            raise ConfigValueError(f"{where}: headers must be a table of strings")
        for name, text in headers.items():
            if not _HEADER_NAME.fullmatch(name):
                raise ConfigValueError(f"{where}.headers: {name!r} is not a valid header name")
            try:
                _header_value(text)
            except ConfigValueError as error:
                raise ConfigValueError(f"{where}.headers.{name}: {error}") from None
        concurrency = table.get("concurrency")
        try:
            concurrency = None if concurrency is None else _positive_int(concurrency)
        except ConfigValueError as error:
            raise ConfigValueError(f"{where}.concurrency: {error}") from None
        result[host.lower()] = HostSettings(
            profile=profile,
            concurrency=concurrency,
            method=method.upper() if method else None,
            headers=dict(headers),
        )
    return result


def _setting(default: Any, convert: Callable[[Any], Any], help: str) -> Any:
    """A setting: its default is written as in the file and converted like a value from it."""
    return dc.field(default_factory=lambda: convert(default), metadata={"convert": convert, "help": help})


@dc.dataclass(frozen=True)
class LinksConfig:
    """Every setting of ``python -m tools links``; defaults suit the course."""

    max_concurrency: int = _setting(128, _positive_int, "most requests in flight at once")
    host_concurrency: int = _setting(
        10, _positive_int, "most requests in flight to one host (host profiles may lower it)"
    )
    timeout: float = _setting(20.0, _positive_duration, "seconds one request may take")
    max_retries: int = _setting(2, _non_negative_int, "retries after a timeout, 429 or 5xx")
    retry_wait_time: float = _setting(
        1.0, parse_duration, "first wait before a retry, doubled each time (Retry-After wins)"
    )
    max_redirects: int = _setting(10, _non_negative_int, "redirects followed before giving up")
    accept: frozenset[int] = _setting(
        ["200..=299"], parse_status_ranges, "final HTTP status codes that mean the link works"
    )
    exclude: tuple[re.Pattern[str], ...] = _setting(
        [], _regex_list, "regular expressions: matching URLs are not requested"
    )
    exclude_path: tuple[re.Pattern[str], ...] = _setting(
        [], _regex_list, "regular expressions: matching files (root-relative) are not checked"
    )
    cache_max_age: float = _setting("1d", parse_duration, "how long a working URL stays cached")
    user_agent: str = _setting(
        "Mozilla/5.0 (compatible; aiinfra-course-links/0.1)", _header_value, "User-Agent header sent"
    )
    hosts: Mapping[str, HostSettings] = _setting({}, _hosts, "per-host tables: profile, concurrency, method, headers")

    @classmethod
    def keys(cls) -> list[str]:
        return [f.name for f in dc.fields(cls)]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str = f"[{TABLE}]") -> LinksConfig:
        """Validate ``data`` (the TOML table) and build the settings; unknown keys are errors."""
        valid = cls.keys()
        unknown = sorted(set(data) - set(valid))
        if unknown:
            raise UsageError(f"{source}: unknown key {unknown[0]!r}; valid keys: {', '.join(valid)}")
        values: dict[str, Any] = {}
        for field in dc.fields(cls):
            if field.name in data:
                try:
                    values[field.name] = field.metadata["convert"](data[field.name])
                except ConfigValueError as error:
                    raise UsageError(f"{source}: {field.name}: {error}") from None
        return cls(**values)

    def replace(self, **changes: Any) -> LinksConfig:
        """A copy with some settings changed, validated like the file's (flags use this)."""
        converted = {}
        for field in dc.fields(self):
            if field.name in changes and changes[field.name] is not None:
                try:
                    converted[field.name] = field.metadata["convert"](changes[field.name])
                except ConfigValueError as error:
                    raise UsageError(f"--{field.name.replace('_', '-')}: {error}") from None
        return dc.replace(self, **converted)


def load_config(root: Path) -> LinksConfig:
    """Settings from ``root/pyproject.toml`` (defaults when the file or the table is absent)."""
    path = root / "pyproject.toml"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LinksConfig()
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot read: {error}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: invalid TOML: {error}") from None
    table: Any = data
    for key in TABLE.split("."):
        if not isinstance(table, dict) or key not in table:
            return LinksConfig()
        table = table[key]
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [{TABLE}] must be a table")
    return LinksConfig.from_mapping(table, source=f"{path.name} [{TABLE}]")
