"""A resources box under the title of every lesson page, built from the module's metadata.

The box lists the lesson's slides, its videos with their labels, and a link back to the
module outline. It is generated from ``module.yml`` at build time, so the page and the
outline table can never disagree. Bilibili videos can be watched on the page, but the
player is only created when the reader presses the button: loading a page makes no
third-party request.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from tools.errors import ConfigurationError
from tools.metadata import BILIBILI_VIDEO, load_course
from tools.model import Lesson, Module

STATIC = Path(__file__).parent / "static"
logger = logging.getLogger(__name__)


def _lessons_by_docname(app: Sphinx) -> dict[str, tuple[Module, Lesson]]:
    """docname -> (module, lesson), read once per build (when the builder starts)."""
    cached = getattr(app, "_aiinfra_lessons", None)
    if cached is None:
        cached = app._aiinfra_lessons = _load(app)  # type: ignore[attr-defined]
    return cached


def _load(app: Sphinx) -> dict[str, tuple[Module, Lesson]]:
    """The lessons by docname; every metadata problem becomes a Sphinx warning at its file and line.

    Without the warnings, ``sphinx-build`` run directly (as ``make serve`` does) would drop the
    resources boxes of a broken module, and publish files that a symlink brings in from outside
    the repository, without a word; with them, ``-W`` fails the build.
    """
    try:
        course, problems = load_course(Path(app.srcdir))
    except ConfigurationError:  # not a course (a site without chapters): nothing to add
        return {}
    for problem in sorted(problems, key=lambda d: d.sort_key()):
        where = f"{Path(app.srcdir, problem.file)}:{problem.line}"
        logger.warning(f"{problem.message} [{problem.kind}]", location=where, type="aiinfra", subtype=problem.kind)
    return {
        (module.dir.relative_to(course.root) / lesson.stem).as_posix(): (module, lesson)
        for module, lesson in course.lessons()
    }


def bilibili_id(url: str) -> str | None:
    parts = urlsplit(url)
    if not (parts.hostname or "").endswith("bilibili.com"):
        return None
    match = BILIBILI_VIDEO.match(parts.path)
    return match.group(1) if match and match.group(1).startswith("BV") else None


def resource_label(title: str | None, kind: str, index: int, count: int) -> str:
    """What a slide deck or video link reads: its own title, else "课件"/"视频", numbered when several."""
    return title or (kind if count == 1 else f"{kind} {index}")


def render_box(module: Module, lesson: Lesson) -> str:
    """The HTML of the resources box."""
    esc = html.escape
    items: list[str] = []
    for i, slide in enumerate(lesson.slides, 1):
        label = resource_label(slide.title, "课件", i, len(lesson.slides))
        link = f'<a class="reference external" href="{esc(slide.url)}">{esc(label)}</a>'
        items.append(f'<li><span class="aiinfra-kind">PPT</span>{link}</li>')
    for i, video in enumerate(lesson.videos, 1):
        label = resource_label(video.title, "视频", i, len(lesson.videos))
        link = f'<a class="reference external" href="{esc(video.url)}">{esc(label)}</a>'
        entry = f'<li><span class="aiinfra-kind">视频</span>{link}'
        bvid = bilibili_id(video.url)
        if bvid:
            entry += (
                f' <button type="button" class="aiinfra-play" data-bvid="{esc(bvid)}" aria-expanded="false">'
                "在本页播放</button>"
                '<div class="aiinfra-player" hidden></div>'
            )
        items.append(entry + "</li>")
    items.append(
        '<li><span class="aiinfra-kind">大纲</span>'
        f'<a class="reference internal" href="README.html#课程大纲">{esc(module.title)} · 课程大纲</a></li>'
    )
    return (
        '<aside class="aiinfra-resources" aria-label="本节资源">'
        f'<p class="aiinfra-resources-title">本节资源 · 第 {lesson.number:02d} 节</p>'
        f"<ul>{''.join(items)}</ul></aside>"
    )


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.current_document.docname
    found = _lessons_by_docname(app).get(docname)
    if found is None:
        return
    module, lesson = found
    app.env.note_dependency(str(module.metadata_file))
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section.children[0], nodes.title):
        return
    box = nodes.raw("", render_box(module, lesson), format="html")
    section.insert(1, box)


def _reset(app: Sphinx) -> None:
    app._aiinfra_lessons = _load(app)  # type: ignore[attr-defined]


def _escape_page_title(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """sphinx-book-theme puts the page title's plain text into its print header unescaped.

    Its ``add_metadata_to_page`` sets ``pagetitle`` to ``title.astext()`` and the template
    writes ``<h1>{{ pagetitle }}</h1>``, so a title that shows ``<svg onload=…>`` as text
    would become markup there. This handler runs after the theme's (priority 500).
    """
    if isinstance(context.get("pagetitle"), str):
        context["pagetitle"] = html.escape(context["pagetitle"])


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _escape_page_title, priority=900)
    app.connect("builder-inited", _reset)
    app.connect("doctree-read", _on_doctree_read)
    app.connect("builder-inited", lambda a: a.config.html_static_path.append(str(STATIC)))
    app.add_css_file("lesson-resources.css")
    app.add_js_file("lesson-resources.js", loading_method="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
