"""Peer link checkers for ``bench_links.py --peers``: Sphinx, markdown-link-check, remark-validate-links.

Each runner takes the generated corpus, runs the peer's real command once, and returns
``(seconds, findings)``: internal findings as ``(file, line, target)`` for
:func:`links_corpus.score`, external ones as the URLs reported broken. A peer that cannot
run here raises :class:`PeerSkipped` with the reason, so the benchmark goes on without it.

The npm peers are installed with ``npm install --prefix`` into a cache folder outside the
repository (``~/.cache/aiinfra-bench/node``, or ``$AIINFRA_BENCH_NODE``) the first time.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote

Finding = tuple[str, int, str]

EXTRA = ("sphinx", "markdown-link-check", "remark")  # lychee always runs: the main table needs it
NPM_PACKAGES = ("markdown-link-check", "remark-cli", "remark-validate-links")
NODE_CACHE = Path(os.environ.get("AIINFRA_BENCH_NODE", Path.home() / ".cache" / "aiinfra-bench" / "node"))
# The course's MyST settings (conf.py), without the site-only extensions.
MYST_SETTINGS = """\
myst_enable_extensions = ["dollarmath", "colon_fence", "deflist", "attrs_inline"]
myst_heading_anchors = 6
myst_heading_slug_func = "github"
"""


class PeerSkipped(Exception):
    """The peer cannot run here; the message says why."""


def selection(text: str) -> list[str]:
    """``--peers`` value -> the extra peers to run: "lychee" none, "all" every one, or a comma list."""
    names: list[str] = []
    for name in (part.strip() for part in text.split(",")):
        if name == "all":
            names += EXTRA
        elif name in EXTRA:
            names.append(name)
        elif name not in ("lychee", ""):
            raise ValueError(f"unknown peer {name!r}: choose from lychee, {', '.join(EXTRA)}, all")
    return list(dict.fromkeys(names))


def _env() -> dict[str, str]:
    # Every check goes to 127.0.0.1 only: no proxy, no colours in parsed output.
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    return {**env, "NO_COLOR": "1", "FORCE_COLOR": "0"}


def _timed(cmd: Sequence[str], cwd: Path, ok: Sequence[int] = (0, 1)) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    try:
        proc = subprocess.run(list(cmd), check=False, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PeerSkipped(f"{Path(cmd[0]).name} did not run: {error}") from error
    elapsed = time.perf_counter() - started
    if proc.returncode not in ok:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise PeerSkipped(f"{Path(cmd[0]).name} exited {proc.returncode}: {' | '.join(tail)}")
    return elapsed, proc


def _rel(path: str, root: Path) -> str:
    return Path(os.path.relpath(os.path.abspath(path), root)).as_posix()


# --- Sphinx ----------------------------------------------------------------------------------

SPHINX_WARNING = re.compile(r"^(?P<file>.+?):(?P<line>\d+): WARNING: (?P<message>.*?)(?: \[(?P<kind>[\w.]+)\])?$")
LINK_WARNINGS = ("myst.xref", "ref.", "image.", "download.", "toc.not_readable")  # not toc.not_included etc.


def sphinx_label() -> str:
    return f"Sphinx {version('sphinx')} + myst-parser {version('myst-parser')}"


def _sphinx_conf(folder: Path, extra: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conf.py").write_text(f'extensions = ["myst_parser"]\n{MYST_SETTINGS}{extra}', encoding="utf-8")
    return folder


def sphinx_target(message: str) -> str:
    """The link target a Sphinx/MyST warning names, in a form ``signature()`` understands."""
    local = re.match(r"local id not found in doc '(.*)': '(.*)'$", message)
    if local:
        return f"{local[1]}#{local[2]}"
    if message.startswith("image file not readable: "):
        return message.split(": ", 1)[1]
    quoted = re.findall(r"'([^']*)'", message)
    return quoted[-1] if quoted else message


def _mentions(line: str, target: str, whole_path: bool = False) -> bool:
    path, _, fragment = unquote(target).partition("#")
    path = path.removesuffix(".md")
    name = path if whole_path else posixpath.basename(path)
    text = unquote(line)
    return (not name or name in text) and (not fragment or fragment in text)


def _place(lines: list[str], line: int, target: str) -> int:
    """The line that holds ``target``: Sphinx names a toctree's opening line for a bad entry, and
    the line using ``[text][label]`` for a bad definition; the ground truth has the entry's or
    the definition's own line, so look a little further down for it (whole path first: two
    entries may share a file name)."""
    if 0 < line <= len(lines) and not _mentions(lines[line - 1], target):
        below = range(line + 1, min(len(lines), line + 40) + 1)
        for whole_path in (True, False):
            for number in below:
                if _mentions(lines[number - 1], target, whole_path):
                    return number
    return line


def parse_sphinx_warnings(text: str, root: Path) -> list[Finding]:
    found = []
    sources: dict[str, list[str]] = {}
    for row in text.splitlines():
        match = SPHINX_WARNING.match(row)
        if match and (match["kind"] or "").startswith(LINK_WARNINGS):
            rel, target = _rel(match["file"], root), sphinx_target(match["message"])
            if rel not in sources:
                sources[rel] = (root / rel).read_text(encoding="utf-8").splitlines()
            line = _place(sources[rel], int(match["line"]), target)
            # MyST drops the "#" of a same-page anchor; put it back so it scores as one.
            if "#" not in target and 0 < line <= len(sources[rel]) and f"#{target}" in unquote(sources[rel][line - 1]):
                target = f"#{target}"
            found.append((rel, line, target))
    return found


def sphinx_internal(root: Path, work: Path, exclude: Sequence[str]) -> tuple[float, list[Finding]]:
    """``sphinx-build -b dummy`` over the corpus in place (conf.py from a separate folder), cold."""
    out = work / "sphinx-dummy"
    shutil.rmtree(out, ignore_errors=True)
    conf = _sphinx_conf(
        out / "conf", f'root_doc = "README"\nexclude_patterns = {[".cache", "**/.cache", *exclude]!r}\n'
    )
    warnings = out / "warnings.txt"
    # -j auto: parallel reading is Sphinx's fastest setting here (about 20% faster on 2 cores).
    cmd = [sys.executable, "-m", "sphinx", "-b", "dummy", "-q", "-N", "-j", "auto", "-c", str(conf),
           "-d", str(out / "doctrees"), "-w", str(warnings), str(root), str(out / "build")]  # fmt: skip
    elapsed, _ = _timed(cmd, root)
    if not warnings.exists():
        raise PeerSkipped("sphinx-build wrote no warnings file")
    return elapsed, parse_sphinx_warnings(warnings.read_text(encoding="utf-8"), root)


def sphinx_linkcheck(pages: Path, work: Path, concurrency: int, timeout: float) -> tuple[float, list[str]]:
    """``sphinx-build -b linkcheck`` over the external pages only; the URLs it calls broken."""
    out = work / "sphinx-linkcheck"
    shutil.rmtree(out, ignore_errors=True)
    first = min(pages.glob("*.md")).stem
    # linkcheck_retries stays at Sphinx's default (1: no retry), as asked of every peer.
    conf = _sphinx_conf(
        out / "conf",
        f"root_doc = {first!r}\nlinkcheck_workers = {concurrency}\nlinkcheck_timeout = {timeout}\n",
    )
    cmd = [sys.executable, "-m", "sphinx", "-b", "linkcheck", "-q", "-N", "-c", str(conf),
           "-d", str(out / "doctrees"), str(pages), str(out / "build")]  # fmt: skip
    elapsed, _ = _timed(cmd, pages)
    report = out / "build" / "output.json"
    if not report.exists():
        raise PeerSkipped("sphinx linkcheck wrote no output.json")
    entries = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines() if line.strip()]
    # Timeouts count as reported problems too; none are expected from the local server.
    return elapsed, [e["uri"] for e in entries if e["status"] in ("broken", "timeout")]


# --- npm peers -------------------------------------------------------------------------------


def node_modules(cache: Path = NODE_CACHE) -> Path:
    """The npm peers' node_modules, installed on first use; PeerSkipped without node or npm."""
    modules = cache / "node_modules"
    wanted = [modules / ".bin" / "markdown-link-check", modules / ".bin" / "remark",
              modules / "remark-validate-links" / "package.json"]  # fmt: skip
    if not shutil.which("node"):
        raise PeerSkipped("node not found")
    if all(p.exists() for p in wanted):
        return modules
    npm = shutil.which("npm")
    if not npm:
        raise PeerSkipped("npm not found")
    cache.mkdir(parents=True, exist_ok=True)
    print(f"installing {', '.join(NPM_PACKAGES)} into {cache} ...", flush=True)
    try:
        # The registry may sit behind the machine's proxy: keep the environment as it is.
        proc = subprocess.run([npm, "install", "--prefix", str(cache), "--no-audit", "--no-fund", *NPM_PACKAGES],
                              check=False, capture_output=True, text=True, timeout=600)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PeerSkipped(f"npm install failed: {error}") from error
    if proc.returncode != 0 or not all(p.exists() for p in wanted):
        tail = proc.stderr.strip().splitlines()[-2:]
        raise PeerSkipped(f"npm install failed ({proc.returncode}): {' | '.join(tail)}")
    return modules


def npm_label(modules: Path, package: str) -> str:
    data = json.loads((modules / package / "package.json").read_text(encoding="utf-8"))
    return f"{package} {data['version']}"


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CANDIDATES = re.compile(
    r"\]\(\s*(<[^>]*>|[^)\s]*)"  # inline link or image
    r"|^\s*\[[^\]]+\]:\s*(<[^>]*>|\S+)"  # reference definition
    r"|(?:src|href)\s*=\s*\"([^\"]*)\""  # raw HTML
)


def locate(text: str, url: str) -> list[tuple[int, str]]:
    """Lines (and the target as written) where a link equal to ``url`` appears, outside code fences.

    markdown-link-check reports each distinct URL of a file once, without a line: a dead
    one is dead at every place it is written, so each of those places is a finding.
    """
    wanted = unquote(url)
    fence = ""
    hits = []
    for number, line in enumerate(text.splitlines(), 1):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened[1].startswith(fence):
                fence = ""
            continue
        if opened:
            fence = opened[1]
            continue
        for match in _CANDIDATES.finditer(line):
            written = next(g for g in match.groups() if g is not None).strip("<>")
            if unquote(written) == wanted:
                hits.append((number, written))
    return hits


def parse_mlc_junit(xml_text: str, root: Path) -> list[Finding]:
    found: list[Finding] = []
    for suite in ET.fromstring(xml_text).iter("testsuite"):
        files = [p.get("value", "") for p in suite.findall("./properties/property[@name='file']")]
        if not files:
            continue
        rel = _rel(str(root / files[0]), root)
        text = (root / rel).read_text(encoding="utf-8")
        for case in suite.iter("testcase"):
            props = {p.get("name"): p.get("value", "") for p in case.findall("./properties/property")}
            if props.get("status") == "dead":
                url = props.get("url", "")
                found += [(rel, line, written) for line, written in locate(text, url)] or [(rel, 0, url)]
    return found


def mlc_jobs(files: Sequence[str]) -> int:
    return max(1, min(os.cpu_count() or 1, len(files)))


def markdown_link_check(modules: Path, root: Path, files: Sequence[str], work: Path) -> tuple[float, list[Finding]]:
    """markdown-link-check over every internal file, one process per core over a share of the files.

    A process checks its files one after another (two links at a time), so one per core is
    its fastest use here; node starts once per process, not per file.
    """
    out = work / "mlc"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    jobs = mlc_jobs(files)
    binary = str(modules / ".bin" / "markdown-link-check")
    reports = [out / f"junit-{i}.xml" for i in range(jobs)]
    started = time.perf_counter()
    procs: list[subprocess.Popen[str]] = []
    try:
        for i, report in enumerate(reports):
            cmd = [binary, "-q", "--reporters", "junit", "--junit-output", str(report), *files[i::jobs]]
            procs.append(
                subprocess.Popen(
                    cmd, cwd=root, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
                )
            )
        errors = [proc.communicate(timeout=900)[1] for proc in procs]
    except (OSError, subprocess.TimeoutExpired) as error:
        for proc in procs:
            proc.kill()
        raise PeerSkipped(f"markdown-link-check did not run: {error}") from error
    elapsed = time.perf_counter() - started
    found: list[Finding] = []
    for proc, report, stderr in zip(procs, reports, errors, strict=True):
        if proc.returncode not in (0, 1) or not report.exists():
            tail = stderr.strip().splitlines()[-2:]
            raise PeerSkipped(f"markdown-link-check exited {proc.returncode}: {' | '.join(tail)}")
        found += parse_mlc_junit(report.read_text(encoding="utf-8"), root)
    return elapsed, found


_REMARK_ROW = re.compile(r"^\s*(\d+):\d+(?:-\d+:\d+)?\s+(?:warning|error)\s+(.*)$")
_REMARK_TARGET = re.compile(r"Cannot find (file|heading for) `([^`]*)`(?: in `([^`]*)`)?")


def parse_remark_report(text: str) -> list[Finding]:
    """vfile-reporter's text: a file name line, then ``line:col-line:col  warning  message  rule  source``."""
    found: list[Finding] = []
    current = ""
    for line in text.splitlines():
        row = _REMARK_ROW.match(line)
        if row is None:
            if line.strip() and not line.startswith((" ", "\t")) and line[0] not in "⚠✖✔":
                current = line.strip()
            continue
        if "remark-validate-links:" not in row[2]:
            continue
        target = _REMARK_TARGET.search(row[2])
        if target is None:
            found.append((current, int(row[1]), ""))
        elif target[1] == "file":
            found.append((current, int(row[1]), target[2]))
        else:
            found.append((current, int(row[1]), (target[3] or "") + target[2]))
    return found


def remark_validate_links(modules: Path, root: Path, paths: Sequence[str]) -> tuple[float, list[Finding]]:
    """``remark --use remark-validate-links --frail`` over the internal files; its report is on stderr."""
    plugin = modules / "remark-validate-links" / "index.js"
    # By path: remark resolves plugin names from the checked folder, which has no node_modules.
    # repository:false: the corpus is no git checkout, so there is no remote to read.
    cmd = [str(modules / ".bin" / "remark"), "--use", f"{plugin}=repository:false", "--quiet", "--frail",
           "--no-stdout", "--no-color", *[posixpath.normpath(_rel(p, root)) for p in paths]]  # fmt: skip
    elapsed, proc = _timed(cmd, root)
    if "Cannot process file" in proc.stderr:
        causes = [line.strip() for line in proc.stderr.splitlines() if line.strip().startswith("Error:")]
        raise PeerSkipped(f"remark could not process the files: {(causes or ['no cause given'])[0]}")
    return elapsed, parse_remark_report(proc.stderr)


# --- all selected peers, in the benchmark's order ------------------------------------------


@dataclass
class PeerRun:
    name: str  # short, for the accuracy lines
    case: str  # the table row
    external: bool = False
    seconds: float = 0.0
    findings: list[Finding] = field(default_factory=list)  # internal: (file, line, target)
    urls: list[str] = field(default_factory=list)  # external: URLs reported broken
    requests: dict[str, int] = field(default_factory=dict)
    skipped: str = ""


def _attempt(run: PeerRun, body: Callable[[], None]) -> PeerRun:
    print(f"running {run.case} ...", flush=True)
    try:
        body()
    except PeerSkipped as why:
        run.skipped = str(why)
    return run


def run_all(
    names: Sequence[str],
    root: Path,
    work: Path,
    internal_paths: Sequence[str],
    external_dir: Path,
    concurrency: int,
    timeout: float,
    reset: Callable[[], None],
    stats: Callable[[], dict[str, int]],
) -> list[PeerRun]:
    """Run each selected extra peer once; a peer that cannot run comes back with ``skipped`` set."""
    runs: list[PeerRun] = []
    if "sphinx" in names:
        inside = PeerRun("sphinx", f"internal, {sphinx_label()}, -b dummy -j auto")

        def internal() -> None:
            inside.seconds, inside.findings = sphinx_internal(root, work, [external_dir.name])

        runs.append(_attempt(inside, internal))
        outside = PeerRun("sphinx linkcheck", f"external, Sphinx linkcheck, {concurrency} workers", external=True)

        def external() -> None:
            reset()
            outside.seconds, outside.urls = sphinx_linkcheck(external_dir, work, concurrency, timeout)
            outside.requests = stats()

        runs.append(_attempt(outside, external))
    npm_names = [n for n in ("markdown-link-check", "remark") if n in names]
    if not npm_names:
        return runs
    try:
        modules = node_modules()
    except PeerSkipped as why:
        return runs + [PeerRun(n, f"internal, {n}", skipped=str(why)) for n in npm_names]
    files = sorted(
        _rel(str(p), root)
        for given in map(Path, internal_paths)
        for p in (given.rglob("*.md") if given.is_dir() else [given])
    )
    if "markdown-link-check" in names:
        mlc = PeerRun(
            "markdown-link-check",
            f"internal, {npm_label(modules, 'markdown-link-check')}, {mlc_jobs(files)} processes",
        )

        def check() -> None:
            mlc.seconds, mlc.findings = markdown_link_check(modules, root, files, work)

        runs.append(_attempt(mlc, check))
    if "remark" in names:
        remark = PeerRun("remark", f"internal, {npm_label(modules, 'remark-validate-links')}")

        def validate() -> None:
            remark.seconds, remark.findings = remark_validate_links(modules, root, internal_paths)

        runs.append(_attempt(remark, validate))
    return runs
