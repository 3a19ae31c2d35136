"""The course as one book in Sphinx's LaTeX output (``make pdf``).

On the site every page stands alone; in the book the chapters, modules and lessons must nest as
chapter → module → lesson, so that the table of contents and the PDF bookmarks follow the course.
Toctrees sit inside sections (a chapter's modules under "本章模块", a module's lessons under
"课程大纲"), which would nest a module below that heading. Here, on the assembled LaTeX tree only,
each included page is moved to the end of its parent page, and the headings of the chapter and
module pages become unnumbered headings, so they stay in the text but not in the outline. The
home page's text opens the book as its first chapter; the contributor guide stays on the site.

HTML-only parts degrade: the resources box under a lesson title becomes a list of plain links
(its video player becomes the video's address), and SVG figures are converted to PNG with
``rsvg-convert``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms.images import ImageConverter
from sphinx.util import logging

from tools.metadata import load_course
from tools.model import Lesson, Module
from tools.sphinx_ext.resources import resource_label

logger = logging.getLogger(__name__)

# The title of the landing page's chapter: the title page already carries the course's name.
LANDING_TITLE = "课程简介"
OUTLINE_HEADING = "课程大纲"


class SvgToPng(ImageConverter):
    """SVG figures drawn by librsvg at twice their size, sharp in print.

    Not PDF: cairo embeds about half a megabyte of Noto CJK per figure and weight, so a figure
    as PDF was three to four times its bitmap (5 MB for the course's book instead of 13 MB).
    """

    conversion_rules = [("image/svg+xml", "image/png")]  # noqa: RUF012 (Sphinx declares it a plain list)

    def is_available(self) -> bool:
        return shutil.which("rsvg-convert") is not None

    def convert(self, _from: str | os.PathLike[str], _to: str | os.PathLike[str]) -> bool:
        proc = subprocess.run(
            ["rsvg-convert", "--format=png", "--zoom=2", f"--output={_to}", str(_from)],
            check=False,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            logger.warning("rsvg-convert could not convert %s: %s", _from, proc.stderr.strip(), type="latex")
            return False
        return True


def _is_landing_page(docname: str, root_doc: str) -> bool:
    """The home page, a chapter page or a module page: the pages that hold other pages."""
    return docname == root_doc or docname.endswith("/README")


def _home_section(node: nodes.Element) -> nodes.Element | None:
    """The top section of the page that ``node`` sits in."""
    current = node.parent
    home = None
    while current is not None and not isinstance(current, (addnodes.start_of_file, nodes.document)):
        if isinstance(current, nodes.section):
            home = current
        current = current.parent
    return home


def _repair_parents(tree: nodes.document) -> None:
    """Sphinx inlines a page by handing its children list to a new node without re-parenting them."""
    for node in tree.findall(nodes.Element):
        for child in node.children:
            child.parent = node


def nest_pages(tree: nodes.document) -> None:
    """Move each included page to the end of the page that includes it.

    A page of the home page becomes a sibling of the home page's own section (a chapter of the
    book); any other page becomes the last child of its parent page's top section.
    """
    _repair_parents(tree)
    for page in list(tree.findall(addnodes.start_of_file)):
        home = _home_section(page)
        if home is None:
            continue
        page.parent.remove(page)
        if isinstance(home.parent, nodes.document):
            home.parent.append(page)
        else:
            home.append(page)


def drop_non_course_pages(tree: nodes.document, site_url: str) -> None:
    """Pages of the home page that are not chapters (the contributor guide) stay on the site only.

    Links to them become links to their pages on the published site.
    """
    dropped: set[str] = set()
    for page in [child for child in tree.children if isinstance(child, addnodes.start_of_file)]:
        if not _is_landing_page(page["docname"], ""):
            dropped.update(inner["docname"] for inner in page.findall(addnodes.start_of_file))
            tree.remove(page)
    for reference in tree.findall(nodes.reference):
        uri = reference.get("refuri", "")
        docname = uri[1:].split("#")[0]
        if uri.startswith("%") and docname in dropped:
            reference["refuri"] = f"{site_url.rstrip('/')}/{docname}.html"
            reference["internal"] = False


def _page_of(node: nodes.Node) -> nodes.Element | None:
    current = node.parent
    while current is not None and not isinstance(current, (addnodes.start_of_file, nodes.document)):
        current = current.parent
    return current


def flatten_landing_headings(tree: nodes.document, root_doc: str) -> None:
    """Headings below the title of a home, chapter or module page become unnumbered rubrics."""
    for section in list(tree.findall(nodes.section)):
        page = _page_of(section)
        docname = page.get("docname", root_doc) if page is not None else root_doc
        top_of_page = isinstance(section.parent, (addnodes.start_of_file, nodes.document))
        if top_of_page or not _is_landing_page(docname, root_doc):
            continue
        title = section[0] if section.children and isinstance(section[0], nodes.title) else None
        replacement: list[nodes.Node] = [nodes.target("", "", ids=list(section["ids"]))]
        if title is not None:
            replacement.append(nodes.rubric("", "", *title.children))
        replacement.extend(child for child in section.children if child is not title)
        section.parent.replace(section, replacement)


def open_with_landing_chapter(tree: nodes.document) -> None:
    """The home page's text becomes the book's first chapter.

    Sphinx takes the first title of the book as the document title and prints no heading for it;
    the home page keeps that title, and its text moves into a chapter of its own below it.
    """
    top = next((child for child in tree.children if isinstance(child, nodes.section)), None)
    if top is None or not top.children or not isinstance(top[0], nodes.title):
        return
    landing = nodes.section("", nodes.title("", LANDING_TITLE), ids=["aiinfra-landing"])
    landing.extend(top.children[1:])
    top.children = top.children[:1]
    top.append(landing)


def _has_class(node: nodes.Node, name: str) -> bool:
    return isinstance(node, nodes.Element) and name in node.get("classes", [])


def cards_to_lists(tree: nodes.document) -> None:
    """A grid of link cards (the home page's chapters) becomes a list: title, summary, badges."""
    for grid in list(tree.findall(lambda n: _has_class(n, "sd-container-fluid"))):
        cards = list(grid.findall(lambda n: _has_class(n, "sd-card")))
        if not cards or grid.parent is None:
            continue
        items = nodes.bullet_list()
        for card in cards:
            title = next(card.findall(lambda n: _has_class(n, "sd-card-title")), None)
            label = title.astext() if title is not None else ""
            link = next(card.findall(nodes.reference), None)
            if link is not None:
                head: nodes.Element = link.deepcopy()
                head.children = []
                head += nodes.Text(label)
            else:
                head = nodes.strong("", label)
            paragraph = nodes.paragraph("", "", head)
            badges = [badge.astext() for badge in card.findall(lambda n: _has_class(n, "sd-badge"))]
            texts = [
                text.astext()
                for text in card.findall(nodes.paragraph)
                if _has_class(text, "sd-card-text") and not any(text.findall(lambda n: _has_class(n, "sd-badge")))
            ]
            if texts:
                paragraph += nodes.Text("：" + " ".join(texts))
            if badges:
                paragraph += nodes.Text("（" + "，".join(badges) + "）")
            items += nodes.list_item("", paragraph)
        grid.replace_self(items)


SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉₊₋", "0123456789+-")
SCRIPT_RUN = re.compile("([⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]+|[₀₁₂₃₄₅₆₇₈₉₊₋]+)")
VERBATIM = (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.raw)


def typeset_scripts(tree: nodes.document) -> None:
    """Unicode super- and subscript digits (10⁵, H₂O) as LaTeX scripts: no text font has them all."""
    for text in list(tree.findall(nodes.Text)):
        if not SCRIPT_RUN.search(text) or isinstance(text.parent, VERBATIM) or text.parent is None:
            continue
        pieces: list[nodes.Node] = []
        for i, piece in enumerate(SCRIPT_RUN.split(str(text))):
            if i % 2 == 0:
                if piece:
                    pieces.append(nodes.Text(piece))
            elif piece[0] in "₀₁₂₃₄₅₆₇₈₉₊₋":
                pieces.append(nodes.subscript("", piece.translate(SUBSCRIPTS)))
            else:
                pieces.append(nodes.superscript("", piece.translate(SUPERSCRIPTS)))
        text.parent.replace(text, pieces)


def _outline_target(page: nodes.Element, module: Module) -> str:
    """``%docname#id`` of the module's outline heading, or of the module page itself."""
    docname = page["docname"]
    for target in page.findall(nodes.target):
        rubric = target.next_node(descend=False, siblings=True)
        if isinstance(rubric, nodes.rubric) and rubric.astext() == OUTLINE_HEADING and target["ids"]:
            return f"%{docname}#{target['ids'][0]}"
    return f"%{docname}"


def lessons_by_docname(srcdir: Path) -> dict[str, tuple[Module, list[Lesson]]]:
    """docname -> its module and the outline entries it is the article of (one file may serve several)."""
    course, _ = load_course(srcdir)
    found: dict[str, tuple[Module, list[Lesson]]] = {}
    for module, lesson in course.lessons():
        docname = (module.dir.relative_to(course.root) / lesson.stem).as_posix()
        found.setdefault(docname, (module, []))[1].append(lesson)
    return found


def resource_links(module: Module, lessons: list[Lesson], outline_uri: str) -> nodes.bullet_list:
    """The lessons' slides, videos and outline as a list whose links show their addresses."""
    items = nodes.bullet_list(classes=["aiinfra-resources"])
    slides = [slide for lesson in lessons for slide in lesson.slides]
    videos = [video for lesson in lessons for video in lesson.videos]

    def entry(kind: str, label: str, url: str) -> None:
        paragraph = nodes.paragraph("", "", nodes.strong("", f"{kind}："), nodes.Text(f"{label}  "))
        paragraph += nodes.reference(url, url, refuri=url)
        items.append(nodes.list_item("", paragraph))

    for i, slide in enumerate(slides, 1):
        entry("PPT", resource_label(slide.title, "课件", i, len(slides)), slide.url)
    for i, video in enumerate(videos, 1):
        entry("视频", resource_label(video.title, "视频", i, len(videos)), video.url)
    outline = nodes.paragraph("", "", nodes.strong("", "大纲："))
    outline += nodes.reference("", f"{module.title} · {OUTLINE_HEADING}", refuri=outline_uri, internal=True)
    items.append(nodes.list_item("", outline))
    return items


def add_resource_links(app: Sphinx, tree: nodes.document) -> None:
    lessons = lessons_by_docname(Path(app.srcdir))
    pages = {page["docname"]: page for page in tree.findall(addnodes.start_of_file)}
    for docname, page in pages.items():
        found = lessons.get(docname)
        section = next((child for child in page.children if isinstance(child, nodes.section)), None)
        if found is None or section is None or not section.children:
            continue
        module, entries = found
        module_docname = (module.dir.relative_to(app.srcdir) / "README").as_posix()
        module_page = pages.get(module_docname)
        outline_uri = _outline_target(module_page, module) if module_page is not None else f"%{module_docname}"
        section.insert(1, resource_links(module, entries, outline_uri))


# Unicode operators that authors type inside $…$: MathJax sets them, but LaTeX's math fonts are
# reached only through commands, so they would fall back to the text font (which lacks ≈ and ≤).
MATH_SYMBOLS = str.maketrans(
    {"≈": r"\approx ", "≤": r"\le ", "≥": r"\ge ", "≠": r"\ne ", "−": "-", "→": r"\to ", "∼": r"\sim ", "∞": r"\infty "}
)


def math_commands(tree: nodes.document) -> None:
    """Unicode operators inside math become the LaTeX commands that typeset them."""
    for node in list(tree.findall(nodes.math)) + list(tree.findall(nodes.math_block)):
        source = node.astext()
        converted = source.translate(MATH_SYMBOLS)
        if converted != source:
            node[:] = [nodes.Text(converted)]


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex":
        return
    root_doc = app.config.root_doc
    nest_pages(doctree)
    drop_non_course_pages(doctree, app.config.html_baseurl)
    flatten_landing_headings(doctree, root_doc)
    open_with_landing_chapter(doctree)
    cards_to_lists(doctree)
    add_resource_links(app, doctree)
    typeset_scripts(doctree)
    math_commands(doctree)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(SvgToPng)
    app.connect("doctree-resolved", _on_doctree_resolved)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
