"""`make pdf` on a copy of the course: the PDF read back as a reader's tools see it (poppler).

Chromium's print-to-PDF writes some ideographs as Kangxi radicals, so text that looks right copies
and searches wrong; the checks here read the PDF's text layer, its bookmarks and the LaTeX log.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.site import copy_repo, sphinx_build
from tools.metadata import load_course

pytestmark = pytest.mark.slow

PDF_NAME = "aiinfra.pdf"
RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")
# Characters whose rendering differs from the Markdown source (markup, smart quotes and dashes,
# scripts typeset by LaTeX): a sentence holding one is not compared verbatim.
MARKUP = re.compile(r"[\[\]*`$_<>\\~|!#\"'\u2070-\u209f]|--|\.\.\.")
# pdftotext breaks lines and LaTeX hyphenates Latin words; NFKC folds ligatures and full-width forms.
LAYOUT = re.compile(r"[\s\-\u00ad]+")


@dataclass(frozen=True)
class BuiltPdf:
    root: Path
    pdf: Path
    log: Path
    text: str
    seconds: float


@pytest.fixture(scope="session")
def built_pdf(tmp_path_factory: pytest.TempPathFactory) -> BuiltPdf:
    """`make pdf` in a copy of the repository, with the project's environment."""
    for tool in ["xelatex", "latexmk", "rsvg-convert", "pdftotext", "pdfinfo", "pdftohtml"]:
        assert shutil.which(tool), f"{tool} is missing: run `sudo make pdf-packages` (Debian) first"
    root = copy_repo(tmp_path_factory.mktemp("pdf") / "repo")
    started = time.monotonic()
    make = ["make", "-s", "pdf", f"VENV={REPO / '.venv'}", "STAMP="]
    proc = subprocess.run(make, check=False, cwd=root, capture_output=True, text=True, timeout=1200)
    seconds = time.monotonic() - started
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    pdf = root / "_build" / PDF_NAME
    print(f"\nmake pdf: {seconds:.0f} s, {pdf.stat().st_size / 1e6:.1f} MB")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return BuiltPdf(root, pdf, root / "_build/latex/aiinfra.log", text, seconds)


def _fold(text: str) -> str:
    return LAYOUT.sub("", unicodedata.normalize("NFKC", text))


def opening_sentence(path: Path) -> str | None:
    """The first sentence of the lesson's first paragraph, if it is plain text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# ")) + 1
    paragraph: list[str] = []
    for line in lines[start:]:
        if not line.strip():
            if paragraph:
                break
            continue
        if not paragraph and re.match(r"\s*([`:<!|#>-]|\d+\.|\{)", line):
            return None
        paragraph.append(line.strip())
    sentence = "".join(paragraph).split("。")[0] + "。"
    return None if MARKUP.search(sentence) or len(sentence) < 12 else sentence


def _written_lessons() -> list[tuple[str, Path]]:
    """(title of the article, its file) for every written lesson, in the course's order."""
    course, problems = load_course(REPO)
    assert problems == []
    seen: dict[Path, str] = {}
    for module, lesson in course.lessons():
        path = module.dir / f"{lesson.stem}.md"
        if not lesson.planned and path not in seen:
            seen[path] = _h1(path)
    return [(title, path) for path, title in seen.items()]


def _h1(path: Path) -> str:
    return next(line[2:].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# "))


def test_opening_sentences_of_written_lessons_are_in_the_text(built_pdf: BuiltPdf) -> None:
    sentences = [s for _, path in _written_lessons() if (s := opening_sentence(path))]
    assert len(sentences) >= 3, "too few lessons open with a plain sentence to check"
    text = _fold(built_pdf.text)
    missing = [s for s in sentences if _fold(s) not in text]
    assert missing == []


def test_no_radicals_instead_of_ideographs(built_pdf: BuiltPdf) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in RADICALS.findall(built_pdf.text)})
    assert found == []
    assert "集群" in built_pdf.text and "推理" in built_pdf.text


def test_no_missing_characters_in_the_latex_log(built_pdf: BuiltPdf) -> None:
    log = built_pdf.log.read_text(encoding="utf-8", errors="replace")
    assert "Output written on" in log
    assert [line for line in log.splitlines() if "Missing character" in line] == []


def test_page_count(built_pdf: BuiltPdf) -> None:
    info = subprocess.run(["pdfinfo", str(built_pdf.pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]
    # A title page and the table of contents, and at least a page per written lesson.
    assert pages > len(_written_lessons()) + 2


def _outline(pdf: Path) -> list[tuple[str, list]]:
    """The PDF's bookmarks as (title, children), numbers stripped, read with pdftohtml."""
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-q", "-stdout", "-f", "1", "-l", "1", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    root = ET.fromstring(xml).find("outline")
    assert root is not None, "the PDF has no bookmarks"

    def walk(outline: ET.Element) -> list[tuple[str, list]]:
        items: list[tuple[str, list]] = []
        for child in outline:
            if child.tag == "item":
                items.append((re.sub(r"^[\d.]+\s+", "", "".join(child.itertext()).strip()), []))
            elif child.tag == "outline" and items:
                items[-1] = (items[-1][0], walk(child))
        return items

    return walk(root)


def test_bookmarks_go_chapter_module_lesson_in_site_order(built_pdf: BuiltPdf) -> None:
    course, _ = load_course(REPO)
    outline = _outline(built_pdf.pdf)
    assert outline[0][0] == "课程简介"
    chapters = outline[1:]
    assert [title for title, _ in chapters] == [_h1(c.dir / "README.md") for c in course.chapters]
    for chapter, (_, modules) in zip(course.chapters, chapters, strict=True):
        assert [title for title, _ in modules] == [_h1(m.dir / "README.md") for m in chapter.modules]
        for module, (_, lessons) in zip(chapter.modules, modules, strict=True):
            # Planned lessons have no page: they are rows of the module's table, not bookmarks.
            written = list(dict.fromkeys(_h1(module.dir / f"{le.stem}.md") for le in module.lessons if not le.planned))
            assert [title for title, _ in lessons] == written, module.dir.name


def test_video_players_become_their_links(built_pdf: BuiltPdf) -> None:
    course, _ = load_course(REPO)
    urls = [v.url for _, lesson in course.lessons() if not lesson.planned for v in lesson.videos]
    assert urls, "no written lesson has a video"
    text = re.sub(r"\s+", "", built_pdf.text)
    assert [url for url in urls if url not in text] == []


def test_internal_links_are_clickable(built_pdf: BuiltPdf) -> None:
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-q", "-stdout", str(built_pdf.pdf)], capture_output=True, text=True, check=True
    ).stdout
    # pdftohtml writes a link to a page of the same PDF as "<name>.html#<page>".
    pages = [int(page) for page in re.findall(r'<a href="[^"#/]*\.html#(\d+)"', xml)]
    # Every lesson links to its module's outline; the outline tables link to the lessons.
    assert len(pages) >= 2 * len(_written_lessons())
    assert 1 <= min(pages) and max(pages) <= xml.count("<page ")


def test_chinese_faces_are_simplified_chinese(built_pdf: BuiltPdf) -> None:
    """The Noto CJK collections hold five regional faces; each one the book names must be SC."""
    tex = (built_pdf.root / "_build/latex/aiinfra.tex").read_text(encoding="utf-8")
    faces = set(re.findall(r"([\w-]+\.ttc)\}?[\[,]\s*(?:\w+Features=\{)?FontIndex=(\d+)", tex))
    assert len(faces) >= 4
    files = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, check=True).stdout
    for name, index in sorted(faces):
        path = next(line for line in files.splitlines() if line.endswith("/" + name))
        family = subprocess.run(
            ["fc-query", "--index", index, "--format", "%{family[0]}", path], capture_output=True, text=True, check=True
        ).stdout
        assert family.endswith(" SC"), (name, index, family)


def test_site_links_the_pdf_once_it_is_built(built_pdf: BuiltPdf, tmp_path: Path) -> None:
    out = tmp_path / "html"
    proc = sphinx_build(built_pdf.root, out, confdir=built_pdf.root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (out / PDF_NAME).read_bytes() == built_pdf.pdf.read_bytes()
    for page, href in [("index.html", PDF_NAME), ("01AICluster/03SuperPod/01Challenge.html", f"../../{PDF_NAME}")]:
        html = (out / page).read_text(encoding="utf-8")
        assert f'href="{href}"' in html, page
        assert "make pdf" not in html


def test_site_without_the_pdf_says_how_to_build_it(built_pdf: BuiltPdf, tmp_path: Path) -> None:
    out = tmp_path / "html"
    missing = {"AIINFRA_PDF": str(tmp_path / "not-built.pdf")}
    proc = sphinx_build(built_pdf.root, out, confdir=built_pdf.root, extra_env=missing)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not (out / PDF_NAME).exists()
    html = (out / "01AICluster/03SuperPod/01Challenge.html").read_text(encoding="utf-8")
    assert "PDF 由 make pdf 生成" in html
    assert PDF_NAME not in html


def test_make_pdf_names_the_packages_it_cannot_install(tmp_path: Path) -> None:
    """Not root: nothing is installed, the missing Debian packages are named, exit 2."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fakes = {
        "id": "#!/bin/sh\necho 1000\n",
        # Only latexmk is installed on this pretend machine.
        "dpkg-query": '#!/bin/sh\n[ "$3" = latexmk ] && echo "install ok installed"\nexit 0\n',
        "apt-get": "#!/bin/sh\necho apt-get must not run >&2\nexit 99\n",
    }
    for name, script in fakes.items():
        (bin_dir / name).write_text(script, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin"}
    proc = subprocess.run(
        ["make", "-s", "-C", str(REPO), "pdf-packages"], check=False, capture_output=True, text=True, env=env
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    wanted = "texlive-xetex texlive-lang-chinese texlive-fonts-recommended fonts-noto-cjk librsvg2-bin poppler-utils"
    assert f"sudo apt-get install -y --no-install-recommends {wanted}" in proc.stderr
    assert "apt-get must not run" not in proc.stderr
