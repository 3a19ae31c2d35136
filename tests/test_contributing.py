"""CONTRIBUTING.md's steps work as written: its commands run and leave a course that passes."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from markdown_it import MarkdownIt

from tests.conftest import REPO
from tests.site import copy_repo

GUIDE = REPO / "CONTRIBUTING.md"


def _shell_lines() -> list[str]:
    tokens = MarkdownIt("commonmark").parse(GUIDE.read_text(encoding="utf-8"))
    lines = []
    for token in tokens:
        if token.type == "fence" and token.info.strip() == "bash":
            for line in token.content.splitlines():
                line = line.split("#", 1)[0].strip()
                if line:
                    lines.append(line)
    return lines


def test_guide_is_chinese_and_names_every_make_target_it_uses() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert text.startswith("# 参与贡献")
    for line in _shell_lines():
        words = shlex.split(line)
        if words[0] == "make":
            target = words[1]
            proc = subprocess.run(["make", "-n", "-C", str(REPO), target, "STAMP="], capture_output=True, text=True)
            assert proc.returncode == 0, f"CONTRIBUTING.md uses `{line}` but there is no make target {target}"


def test_walk_the_guide_add_a_lesson_then_check(tmp_path: Path) -> None:
    work = copy_repo(tmp_path / "repo")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    ran = 0
    for line in _shell_lines():
        words = shlex.split(line)
        if words[:3] == ["python", "-m", "tools"]:
            proc = subprocess.run([sys.executable, *words[1:]], cwd=work, capture_output=True, text=True, env=env)
            assert proc.returncode == 0, f"`{line}` failed:\n{proc.stdout}{proc.stderr}"
            ran += 1
        elif words[:2] == ["make", "lesson"]:
            args = dict(word.split("=", 1) for word in words[2:])
            proc = subprocess.run(
                ["make", "-s", "lesson", f"VENV={REPO / '.venv'}", "STAMP=", *[f"{k}={v}" for k, v in args.items()]],
                cwd=work,
                capture_output=True,
                text=True,
                env=env,
            )
            # The guide shows both forms for the same lesson, so the second one must refuse.
            assert proc.returncode != 0 and "already" in proc.stderr, proc.stdout + proc.stderr
    assert ran >= 1
    assert (work / "04Train/01ParallelBegin/08Example.md").read_text(encoding="utf-8").startswith("# 示例\n")
    check = subprocess.run([sys.executable, "-m", "tools", "check"], cwd=work, capture_output=True, text=True, env=env)
    assert check.returncode == 0, check.stdout + check.stderr
