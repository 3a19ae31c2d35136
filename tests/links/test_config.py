"""``[tool.aiinfra.links]`` in pyproject.toml: validated, unknown keys rejected with the valid ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.links.conftest import links, write
from tools.diagnostics import EXIT_USAGE
from tools.errors import UsageError
from tools.links.config import (
    LinksConfig,
    load_config,
    parse_duration,
    parse_status_ranges,
)
from tools.links.external import plan_for


def configure(root: Path, table: str) -> Path:
    return write(root, {"pyproject.toml": f"[project]\nname = 'x'\n\n[tool.aiinfra.links]\n{table}\n", "a.md": "# a\n"})


def test_defaults_without_a_table(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "[project]\nname = 'x'\n"})
    config = load_config(tmp_path)
    assert config == LinksConfig()
    assert config.accept == frozenset(range(200, 300))
    assert config.cache_max_age == 86400.0
    assert (config.max_concurrency, config.host_concurrency, config.max_retries) == (128, 10, 2)


def test_values_are_converted(tmp_path: Path) -> None:
    configure(
        tmp_path,
        'max_concurrency = 32\nhost_concurrency = 4\ntimeout = "1m"\naccept = ["200..=204", 429]\n'
        'exclude = ["^https://internal\\\\."]\ncache_max_age = "12h"\nretry_wait_time = "500ms"',
    )
    config = load_config(tmp_path)
    assert config.timeout == 60.0 and config.cache_max_age == 43200.0 and config.retry_wait_time == 0.5
    assert config.accept == frozenset({200, 201, 202, 203, 204, 429})
    assert config.exclude[0].search("https://internal.example/x")


def test_unknown_key_lists_the_valid_ones(tmp_path: Path) -> None:
    configure(tmp_path, "max_concurency = 3")
    run = links("--offline", "--root", tmp_path)
    assert run.code == EXIT_USAGE
    assert "unknown key 'max_concurency'; valid keys: max_concurrency, host_concurrency, timeout," in run.err
    assert "Traceback" not in run.err


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("max_concurrency = 0", "max_concurrency: expected a positive integer, got 0"),
        ("timeout = 'soon'", "timeout: expected a duration"),
        ("accept = ['2xx']", "accept: expected a status code or a range"),
        ("exclude = ['(']", "exclude: invalid regular expression '('"),
        (
            "[tool.aiinfra.links.hosts.'example.com']\nprofile = 'nope'",
            "unknown profile 'nope'; known profiles: bilibili, default, github, youtube",
        ),
        (
            "[tool.aiinfra.links.hosts.'example.com']\nspeed = 1",
            "unknown key 'speed'; valid keys: profile, concurrency, method, headers",
        ),
        (
            "[tool.aiinfra.links.hosts.'example.com'.headers]\n'Bad Name' = 'x'",
            "'Bad Name' is not a valid header name",
        ),
        (
            "[tool.aiinfra.links.hosts.'example.com'.headers]\nReferer = \"a\\r\\nX-Injected: 1\"",
            "headers.Referer: a header value must be one line of ASCII text",
        ),
        ("user_agent = '浏览器'", "user_agent: a header value must be one line of ASCII text"),
    ],
)
def test_invalid_values_exit_2(tmp_path: Path, table: str, message: str) -> None:
    configure(tmp_path, table)
    run = links("--offline", "--root", tmp_path)
    assert run.code == EXIT_USAGE
    assert message in run.err


def test_invalid_toml_and_flags(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.aiinfra.links\n", "a.md": "# a\n"})
    assert "invalid TOML" in links("--root", tmp_path).err
    configure(tmp_path / "b", "")
    run = links("--offline", "--root", tmp_path / "b", "--max-concurrency", "0")
    assert run.code == EXIT_USAGE and "--max-concurrency: expected a positive integer" in run.err
    assert links("--root", tmp_path / "b", "--format", "xml").code == EXIT_USAGE


def test_durations_and_ranges() -> None:
    assert parse_duration("1h30m") == 5400.0
    assert parse_duration(15) == 15.0
    assert parse_status_ranges(["..=204"]) == frozenset(range(100, 205))
    assert parse_status_ranges("200..300") == frozenset(range(200, 300))
    with pytest.raises(ValueError):
        parse_duration("-3")


def test_host_plans() -> None:
    config = LinksConfig()
    bilibili = plan_for("www.bilibili.com", config)
    assert bilibili.headers["Referer"] == "https://www.bilibili.com/"
    assert bilibili.method == "GET" and bilibili.concurrency == 4
    assert plan_for("github.com", config).concurrency == 4
    assert plan_for("example.com", config).concurrency == 10 and plan_for("example.com", config).method == "HEAD"
    custom = LinksConfig.from_mapping({"hosts": {"example.com": {"concurrency": 20, "headers": {"X-Token": "t"}}}})
    plan = plan_for("docs.example.com", custom)
    assert plan.concurrency == 20 and plan.headers["X-Token"] == "t"


def test_from_mapping_rejects_unknown_keys() -> None:
    with pytest.raises(UsageError, match="unknown key 'nope'"):
        LinksConfig.from_mapping({"nope": 1})
