"""CI mirrors make: workflows and .ci/run run make targets that exist, the same ones, and `make help` names them."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, REPO, run_tools

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))


def _workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _commands(lines: str) -> list[list[str]]:
    return [shlex.split(line) for line in lines.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _run_commands(workflow: Path) -> list[list[str]]:
    commands = []
    for job in _workflow(workflow)["jobs"].values():
        for step in job.get("steps", []):
            if "run" in step:
                commands += _commands(step["run"])
    return commands


def _make_targets(commands: list[list[str]]) -> list[str]:
    targets = []
    for words in commands:
        if words[0] == "sudo":
            words = words[1:]
        if words[0] == "make":
            targets += [word for word in words[1:] if "=" not in word and not word.startswith("-")]
    return targets


def _make_target_exists(target: str) -> bool:
    proc = subprocess.run(["make", "-n", "-C", str(REPO), target, "STAMP="], capture_output=True, text=True)
    return proc.returncode == 0


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_commands_are_existing_make_targets(workflow: Path) -> None:
    commands = _run_commands(workflow)
    assert commands, f"{workflow.name} runs nothing"
    for words in commands:
        if words[0] == "sudo":
            words = words[1:]
        assert words[0] == "make", f"{workflow.name}: '{shlex.join(words)}' is not a make target"
        for target in _make_targets([words]):
            assert _make_target_exists(target), f"{workflow.name}: no make target '{target}'"


def test_ci_script_runs_what_the_pull_request_workflow_runs() -> None:
    """`.ci/run` is how CI runs outside GitHub; it must not drift from pr.yml."""
    in_workflow = [t for t in _make_targets(_run_commands(REPO / ".github/workflows/pr.yml")) if t != "chromium"]
    in_script = [t for t in _make_targets(_commands((REPO / ".ci/run").read_text(encoding="utf-8"))) if t != "chromium"]
    assert in_script == in_workflow


def test_pull_request_workflow_runs_once_per_push() -> None:
    """Both `push` and `pull_request` on a PR's branch would run every check twice."""
    triggers = _workflow(REPO / ".github/workflows/pr.yml")["on"]
    assert not {"push", "pull_request"} <= set(triggers)


def test_site_is_checked_before_it_is_published() -> None:
    targets = _make_targets(_run_commands(REPO / ".github/workflows/publish.yml"))
    assert "check" in targets and "html" in targets
    assert targets.index("check") < targets.index("html")


def test_published_site_gets_the_base_url_pages_reports() -> None:
    """conf.py reads the published address from AIINFRA_BASE_URL; the Pages build must set it."""
    assert 'os.environ.get("AIINFRA_BASE_URL"' in (REPO / "conf.py").read_text(encoding="utf-8")
    steps = [
        step for job in _workflow(REPO / ".github/workflows/publish.yml")["jobs"].values() for step in job["steps"]
    ]
    build = next(step for step in steps if "make html" in step.get("run", ""))
    assert "AIINFRA_BASE_URL" in build.get("env", {})


def test_make_help_lists_every_target() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))
    help_text = subprocess.run(["make", "-s", "-C", str(REPO), "help"], capture_output=True, text=True).stdout
    listed = set(re.findall(r"^make ([a-z][a-z-]*)", help_text, flags=re.MULTILINE))
    assert sorted(targets - listed) == []
    assert sorted(listed - targets) == []


def test_pre_commit_course_hooks_run_clean_on_a_course(tmp_path: Path) -> None:
    """Each `python -m tools` hook, run as pre-commit would (with a changed page where it takes files)."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    course = tmp_path / "course"
    shutil.copytree(FIXTURES / "course", course)
    outline = run_tools("outline", cwd=course)
    assert outline.code == 0, outline.out + outline.err
    ran = 0
    for hook in hooks:
        words = shlex.split(hook["entry"])
        # Every hook runs a program the dev extra installs into .venv (`make test` creates it).
        assert words[0].startswith(".venv/bin/") and (REPO / words[0]).exists(), f"{hook['id']}: {words[0]}"
        if words[1:3] != ["-m", "tools"]:
            continue
        files = [] if hook.get("pass_filenames") is False else ["01Demo/01Alpha/01First.md"]
        result = run_tools(*words[3:], *files, cwd=course)
        assert result.code == 0, f"{hook['id']}: {result.out}{result.err}"
        ran += 1
    assert ran >= 1
