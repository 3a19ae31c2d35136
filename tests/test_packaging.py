"""The wheel holds the whole package, and an installed (not editable) copy runs the course checks."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built from a copy of the sources so the tree gets no build/ folder."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    source.mkdir()
    shutil.copy2(REPO / "pyproject.toml", source)
    shutil.copytree(REPO / "tools", source / "tools", ignore=shutil.ignore_patterns("__pycache__", ".cache"))
    # No build isolation: setuptools comes from the dev environment, so the test needs no network.
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(work), "."]
    proc = subprocess.run(cmd, cwd=source, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (built,) = work.glob("aiinfra_course-*.whl")
    return built


def _source_files() -> set[str]:
    files = set()
    for path in (REPO / "tools").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and ".cache" not in path.parts:
            files.add(path.relative_to(REPO).as_posix())
    return files


def test_wheel_contains_every_module_and_static_file(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = {name for name in archive.namelist() if not name.split("/", 1)[0].endswith(".dist-info")}
    expected = _source_files()
    assert {"tools/links/client.py", "tools/sphinx_ext/navigation.py"} <= expected
    assert any(name.startswith("tools/sphinx_ext/static/") for name in expected)
    assert sorted(expected - names) == []
    assert sorted(names - expected) == []


def test_installed_wheel_runs_the_checks_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site_packages = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # The dependencies come from this environment; the project itself only from the wheel.
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site_packages)
    (site_packages / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")

    course = tmp_path / "course"
    shutil.copytree(FIXTURES / "course", course)
    probe = "import tools, tools.links.command, tools.sphinx_ext.navigation; print(tools.__file__)"
    found = subprocess.run([str(python), "-c", probe], cwd=course, capture_output=True, text=True, timeout=60)
    assert found.returncode == 0, found.stderr
    assert Path(found.stdout.strip()).is_relative_to(site_packages)

    for command in (["outline"], ["check"]):
        proc = subprocess.run(
            [str(python), "-m", "tools", *command], cwd=course, capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 0, f"tools {command[0]}: {proc.stdout}{proc.stderr}"
