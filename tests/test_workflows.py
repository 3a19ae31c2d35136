"""CI mirrors make: every command a workflow runs is a make target that exists."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))


def _run_commands(workflow: Path) -> list[str]:
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    commands = []
    for job in data["jobs"].values():
        for step in job.get("steps", []):
            if "run" in step:
                commands += [line.strip() for line in step["run"].splitlines() if line.strip()]
    return commands


def _make_target_exists(target: str) -> bool:
    proc = subprocess.run(["make", "-n", "-C", str(REPO), target, "STAMP="], capture_output=True, text=True)
    return proc.returncode == 0


def test_there_are_the_three_workflows() -> None:
    assert [w.name for w in WORKFLOWS] == ["linkcheck.yml", "pr.yml", "publish.yml"]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_commands_are_existing_make_targets(workflow: Path) -> None:
    commands = _run_commands(workflow)
    assert commands, f"{workflow.name} runs nothing"
    for command in commands:
        words = shlex.split(command)
        if words[0] == "sudo":
            words = words[1:]
        assert words[0] == "make", f"{workflow.name}: '{command}' is not a make target"
        for target in words[1:]:
            assert _make_target_exists(target), f"{workflow.name}: no make target '{target}'"


def test_pull_request_workflow_covers_the_required_checks() -> None:
    commands = " ".join(_run_commands(REPO / ".github/workflows/pr.yml"))
    for target in ["make test", "make check", "make links-github", "make html"]:
        assert target in commands
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--offline --format github" in makefile
    assert "SPHINXOPTS  ?= -W --keep-going" in makefile


def test_publish_uses_pages_actions() -> None:
    data = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    uses = [step.get("uses", "") for job in data["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert data[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as true


def test_link_workflow_is_scheduled_restores_its_cache_and_never_runs_on_prs() -> None:
    data = yaml.safe_load((REPO / ".github/workflows/linkcheck.yml").read_text(encoding="utf-8"))
    assert set(data[True]) == {"schedule", "workflow_dispatch"}
    steps = data["jobs"]["links"]["steps"]
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/links"


def test_pre_commit_hooks_run_clean_on_the_course() -> None:
    """Each local hook's command, run as pre-commit would (with a changed page for the links hook)."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert {hook["id"] for hook in hooks} == {"course-outline", "course-check", "course-links"}
    for hook in hooks:
        words = shlex.split(hook["entry"])
        assert words[0] == ".venv/bin/python"
        files = [] if hook.get("pass_filenames") is False else ["01AICluster/03SuperPod/03TestCase.md"]
        proc = subprocess.run([str(REPO / words[0]), *words[1:], *files], cwd=REPO, capture_output=True, text=True)
        assert proc.returncode == 0, f"{hook['id']}: {proc.stdout}{proc.stderr}"
