"""The checker and the Sphinx build agree, link by link, on a small fixture site.

Each line of the fixture's ``index.md`` that starts with ``ok-`` or ``bad-`` is one case: the
build warns about exactly the ``bad-`` lines, and ``links --offline`` reports exactly those.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.links.conftest import FIXTURES, links

SITE = FIXTURES / "agreement"
# A warning about a link or an image, with its line: `index.md:36: WARNING: ... [image.not_readable]`.
WARNING = re.compile(r"^(?P<file>[^:\n]+\.md):(?P<line>\d+): WARNING: .* \[(?P<type>[\w.]+)\]$", re.MULTILINE)
LINK_WARNINGS = {"image.not_readable", "myst.xref_missing", "ref.ref", "ref.doc", "toc.not_readable"}


def cases() -> dict[int, str]:
    lines = (SITE / "index.md").read_text(encoding="utf-8").splitlines()
    return {number: line.split()[0] for number, line in enumerate(lines, 1) if line.startswith(("ok-", "bad-"))}


@pytest.mark.build
def test_the_checker_reports_what_the_build_rejects_and_nothing_else(tmp_path: Path) -> None:
    source = tmp_path / "site"
    shutil.copytree(SITE, source)
    warnings = tmp_path / "warnings.txt"
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-q",
        "-w",
        str(warnings),
        str(source),
        str(tmp_path / "html"),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    text = warnings.read_text(encoding="utf-8").replace(f"{source}/", "")
    built = {(m["file"], int(m["line"])) for m in WARNING.finditer(text) if m["type"] in LINK_WARNINGS}
    run = links("--offline", "--format", "json", "--root", source)
    checked = {(f["file"], f["line"]) for f in json.loads(run.out)["findings"]}

    verdicts = {name: (("index.md", line) in built, ("index.md", line) in checked) for line, name in cases().items()}
    assert verdicts == {name: (name.startswith("bad-"),) * 2 for name in verdicts}
    assert built == checked  # nowhere else either
