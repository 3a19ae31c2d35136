"""Load the course from its YAML metadata into :mod:`tools.model`, with precise diagnostics.

The YAML is composed into nodes (safe loading) rather than plain objects so that every
value keeps its line and column; validation walks the nodes against small schemas and
collects every problem instead of stopping at the first.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import SplitResult, urlsplit

import yaml

from tools.diagnostics import Diagnostic, encoding_diagnostic, relative_posix
from tools.errors import ConfigurationError
from tools.model import Chapter, Course, Lesson, Mark, Module, Resource
from tools.repository import is_inside

__all__ = ["ConfigurationError", "load_chapter", "load_course", "load_module"]

CHAPTER_FILE = "chapter.yml"
MODULE_FILE = "module.yml"
# Chapter and module folders: two digits, then a CamelCase name (``01AICluster``, ``03SuperPod``).
FOLDER_NAME = re.compile(r"^\d{2}[A-Za-z][A-Za-z0-9]*$")
# A stem of at most 80 characters: the build adds suffixes and folders to it, and file
# systems stop at 255 bytes a name.
STEM_MAX = 80
LESSON_FILE = re.compile(rf"^[0-9A-Za-z][0-9A-Za-z_\-]{{0,{STEM_MAX - 1}}}\.md$")
BILIBILI_VIDEO = re.compile(r"^/video/(BV[0-9A-Za-z]{10}|av\d+)/?$")
YOUTUBE_ID = re.compile(r"^[0-9A-Za-z_\-]{11}$")

# Characters no title, section, summary or address may hold: C0 and C1 controls (newline,
# tab, NEL ...), DEL, and the Unicode line and paragraph separators.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# What an address may not contain: it is written into Markdown links and HTML attributes.
URL_FORBIDDEN = re.compile(r"[\s()<>\"'`\\]")
MERGE_TAG = "tag:yaml.org,2002:merge"

# libyaml's safe loader when PyYAML was built with it: same nodes and marks, faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Field:
    kind: type
    required: bool
    help: str


CHAPTER_SCHEMA = {
    "title": Field(str, True, "chapter title, the H1 of the chapter README"),
    "summary": Field(str, True, "one sentence for the landing page card"),
}
MODULE_SCHEMA = {
    "title": Field(str, True, "module title, the H1 of the module README"),
    "summary": Field(str, True, "one sentence for the chapter's module table"),
    "lessons": Field(list, True, "the lesson plan, in teaching order"),
}
LESSON_SCHEMA = {
    "number": Field(int, True, "lesson number shown in the table (01, 02, ...)"),
    "file": Field(str, True, "the article's file name in the module folder, e.g. 01Intro.md"),
    "title": Field(str, True, "lesson title, the H1 of the article"),
    "section": Field(str, True, "the outline group (大纲) the lesson belongs to"),
    "planned": Field(bool, False, "true while the article is not written yet"),
    "summary": Field(str, False, "one sentence about the lesson"),
    "videos": Field(list, False, "videos: list of {url, title}"),
    "slides": Field(list, False, "slide decks: list of {url, title}"),
}
RESOURCE_SCHEMA = {
    "url": Field(str, True, "http(s) address, or a path relative to the module folder"),
    "title": Field(str, False, "label of the table row when a lesson has several"),
}

_TYPE_NAMES = {str: "a string", int: "an integer", bool: "true or false", list: "a list"}
# How a YAML value is named in a message: a date or a float is not "a string".
_TAG_NAMES = {
    "str": "a string",
    "int": "an integer",
    "float": "a number",
    "bool": "true or false",
    "timestamp": "a date",
    "binary": "binary data",
    "null": "nothing (null)",
}


class _Collector:
    """Diagnostics for one YAML file."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path = path
        self.root = root
        self.rel = relative_posix(path, root)
        self.items: list[Diagnostic] = []

    def mark(self, node: yaml.Node) -> Mark:
        return Mark(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, node: yaml.Node | None, kind: str, message: str) -> None:
        line, column = (1, 1) if node is None else (node.start_mark.line + 1, node.start_mark.column + 1)
        self.items.append(Diagnostic(self.rel, line, column, kind, message))


def _compose(path: Path, col: _Collector, schema: dict[str, Field], text: str | None = None) -> yaml.Node | None:
    if text is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            col.items.append(Diagnostic(col.rel, 1, None, "unreadable", f"cannot read file: {exc.strerror}"))
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            col.items.append(encoding_diagnostic(col.rel, data, exc))
            return None
    try:
        node = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark and mark and "end of stream" in problem:
            # An unclosed quote or bracket: the end of the file is not where to look.
            problem = f"{exc.context} that starts here reaches the end of the file (line {mark.line + 1}) unclosed"
            mark = exc.context_mark
        elif exc.context and exc.context_mark and exc.context_mark != mark:
            start = exc.context_mark
            problem += f" ({exc.context} that starts at line {start.line + 1}, column {start.column + 1})"
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else None
        col.items.append(
            Diagnostic(
                col.rel, line, column, "yaml-syntax", f"YAML syntax error: {problem}; fix the YAML at this position"
            )
        )
        return None
    except yaml.YAMLError as exc:
        col.items.append(Diagnostic(col.rel, 1, None, "yaml-syntax", f"YAML error: {exc}"))
        return None
    if node is None:
        required = [key for key, spec in schema.items() if spec.required]
        col.error(None, "empty-metadata", "file is empty; it must be a mapping with the keys: " + ", ".join(required))
    return node


def _scalar(node: yaml.Node, kind: type) -> object | None:
    """The Python value of a scalar node if it has the wanted type, else None."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    tag = node.tag.rsplit(":", 1)[-1]
    if kind is str:
        # Quoted or plain text; numbers written where text is expected are accepted as text
        # (a title such as ``2025`` is still a title).
        return node.value if tag in {"str", "int", "float"} else None
    if kind is bool:
        if tag != "bool":
            return None
        return node.value.lower() in {"true", "yes", "on"}
    if kind is int:
        if tag != "int":
            return None
        try:
            return int(node.value.replace("_", ""), 10)
        except ValueError:  # hexadecimal or sexagesimal forms: not a lesson number
            return None
    return None


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "null":
        return "nothing (null)"
    if tag == "str" and not node.value.strip():
        return "an empty string"
    return f"{_TAG_NAMES.get(tag, 'a value tagged ' + node.tag)} {node.value!r}"


def _flatten_merges(node: yaml.MappingNode, depth: int = 0) -> list[tuple[yaml.Node, yaml.Node]]:
    """The pairs of a mapping with YAML merge keys (``<<: *base``) expanded; the mapping's own keys win."""
    own = [(k, v) for k, v in node.value if k.tag != MERGE_TAG]
    merged: list[tuple[yaml.Node, yaml.Node]] = []
    if depth < 20:  # aliases can make a merge refer to itself
        for key, value in node.value:
            if key.tag != MERGE_TAG:
                continue
            sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    merged.extend(_flatten_merges(source, depth + 1))
    seen = {k.value for k, _ in own if isinstance(k, yaml.ScalarNode)}
    for key, value in merged:
        if isinstance(key, yaml.ScalarNode) and key.value not in seen:
            seen.add(key.value)
            own.append((key, value))
    return own


def _mapping(
    node: yaml.Node, schema: dict[str, Field], what: str, col: _Collector
) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
    """Check a mapping node against a schema: unknown, duplicate, missing keys and types."""
    if not isinstance(node, yaml.MappingNode):
        col.error(
            node, "wrong-type", f"{what} must be a mapping of keys ({', '.join(schema)}), found {_describe(node)}"
        )
        return None
    found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    ok = True
    for key_node, value_node in node.value:
        if key_node.tag == MERGE_TAG and not (
            isinstance(value_node, yaml.MappingNode)
            or isinstance(value_node, yaml.SequenceNode)
            and all(isinstance(v, yaml.MappingNode) for v in value_node.value)
        ):
            col.error(
                value_node,
                "wrong-type",
                f"a merge key (<<) in {what} must refer to a mapping, found {_describe(value_node)}",
            )
            ok = False
    pairs = _flatten_merges(node) if any(k.tag == MERGE_TAG for k, _ in node.value) else node.value
    for key_node, value_node in pairs:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in schema:
            hint = difflib.get_close_matches(str(key), list(schema), n=1)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
            col.error(
                key_node,
                "unknown-key",
                f"unknown key '{key}' in {what}{suggestion} Valid keys: {', '.join(schema)}",
            )
            ok = False
            continue
        if key in found:
            first = found[key][0].start_mark.line + 1
            col.error(key_node, "duplicate-key", f"key '{key}' is repeated in {what} (first at line {first}); keep one")
            ok = False
            continue
        found[key] = (key_node, value_node)
    for key, spec in schema.items():
        if spec.required and key not in found:
            col.error(node, "missing-key", f"{what} lacks the required key '{key}' ({spec.help})")
            ok = False
    for key, (_, value_node) in found.items():
        spec = schema[key]
        if spec.kind is list:
            good = isinstance(value_node, yaml.SequenceNode)
        else:
            value = _scalar(value_node, spec.kind)
            good = value is not None and (spec.kind is not str or str(value).strip() != "")
        if not good:
            wanted = "a non-empty string" if spec.kind is str else _TYPE_NAMES[spec.kind]
            advice = (
                "; quote it to use it as text" if spec.kind is str and value_node.tag.endswith(":timestamp") else ""
            )
            col.error(
                value_node, "wrong-type", f"'{key}' in {what} must be {wanted}, found {_describe(value_node)}{advice}"
            )
            ok = False
        elif spec.kind is str and (bad := CONTROL.search(str(_scalar(value_node, str)))):
            char = bad.group()
            name = unicodedata.name(char, "control character")
            col.error(
                value_node,
                "control-character",
                f"'{key}' in {what} contains U+{ord(char):04X} ({name.lower()}); write it as one line of plain text",
            )
            ok = False
    return found if ok else None


def _text(entry: dict[str, tuple[yaml.Node, yaml.Node]], key: str) -> str | None:
    if key not in entry:
        return None
    return str(_scalar(entry[key][1], str)).strip()


def _check_url(url: str, node: yaml.Node, what: str, col: _Collector, module_dir: Path, video: bool) -> None:
    if bad := URL_FORBIDDEN.search(url):
        char = "a space" if bad.group().isspace() else f"'{bad.group()}'"
        col.error(
            node,
            "bad-url",
            f"{what} URL '{url}' contains {char}; write the address percent-encoded (e.g. %20, %28, %29)",
        )
        return
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # e.g. an unclosed [ in the host
        col.error(
            node, "bad-url", f"{what} URL '{url}' is malformed ({exc}); write a full address such as https://host/path"
        )
        return
    if parts.scheme in {"http", "https"}:
        if not parts.hostname:
            col.error(
                node, "bad-url", f"{what} URL '{url}' is malformed; write a full address such as https://host/path"
            )
            return
        if video:
            _check_video(url, parts, node, what, col)
        return
    if parts.scheme or url.startswith("//"):
        col.error(node, "bad-url", f"{what} URL '{url}' has unsupported scheme '{parts.scheme}'; use https://")
        return
    if video:
        col.error(
            node,
            "bad-url",
            f"video URL '{url}' is not an http(s) address; link the video page, e.g. https://www.bilibili.com/video/BV…/",
        )
        return
    target = module_dir / parts.path
    if not is_inside(target, col.root):
        col.error(
            node,
            "outside-repository",
            f"{what} file '{url}' is outside the repository; put the file in the module folder or link an "
            "https:// address",
        )
        return
    if not target.is_file():
        col.error(
            node,
            "missing-file",
            f"{what} file '{url}' does not exist in {module_dir.name}/; add the file or fix the path",
        )


def _check_video(url: str, parts: SplitResult, node: yaml.Node, what: str, col: _Collector) -> None:
    host = (parts.hostname or "").lower()
    if host.endswith("bilibili.com"):
        if not BILIBILI_VIDEO.match(parts.path):
            col.error(
                node,
                "bad-video-url",
                f"Bilibili {what} URL '{url}' is malformed: expected https://www.bilibili.com/video/BV + 10 characters",
            )
    elif host in {"youtube.com", "www.youtube.com", "m.youtube.com"}:
        vid = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p).get("v", "")
        if (
            parts.path not in {"/watch", "/watch/"}
            and not parts.path.startswith(("/playlist", "/@"))
            or (parts.path.startswith("/watch") and not YOUTUBE_ID.match(vid))
        ):
            col.error(
                node,
                "bad-video-url",
                f"YouTube {what} URL '{url}' is malformed: expected https://www.youtube.com/watch?v= + 11 characters",
            )
    elif host == "youtu.be":
        if not YOUTUBE_ID.match(parts.path.strip("/")):
            col.error(
                node,
                "bad-video-url",
                f"YouTube {what} URL '{url}' is malformed: expected https://youtu.be/ + 11 characters",
            )


def _resources(
    entry: dict[str, tuple[yaml.Node, yaml.Node]], key: str, col: _Collector, module_dir: Path
) -> tuple[Resource, ...]:
    if key not in entry:
        return ()
    seq = entry[key][1]
    out: list[Resource] = []
    singular = "video" if key == "videos" else "slide deck"
    for item in seq.value:
        res = _mapping(item, RESOURCE_SCHEMA, f"a {singular} entry", col)
        if res is None:
            continue
        url = _text(res, "url") or ""
        _check_url(url, res["url"][1], singular, col, module_dir, video=key == "videos")
        out.append(Resource(url=url, title=_text(res, "title"), mark=col.mark(res["url"][1])))
    return tuple(out)


def _lesson(node: yaml.Node, col: _Collector, module_dir: Path) -> Lesson | None:
    entry = _mapping(node, LESSON_SCHEMA, "a lesson", col)
    if entry is None:
        return None
    number = _scalar(entry["number"][1], int)
    assert isinstance(number, int)
    file_name = _text(entry, "file") or ""
    if not LESSON_FILE.match(file_name) or file_name.lower() == "readme.md":
        col.error(
            entry["file"][1],
            "bad-file-name",
            f"lesson file '{file_name}' must be a plain Markdown file name in the module folder, e.g. 01Intro.md "
            f"(letters, digits, '-' and '_', at most {STEM_MAX} characters before .md)",
        )
    elif (module_dir / file_name).is_symlink() and not is_inside(module_dir / file_name, col.root):
        col.error(
            entry["file"][1],
            "outside-repository",
            f"lesson file '{file_name}' is a symbolic link to a file outside the repository; put the article "
            "itself in the module folder",
        )
    if number < 0:
        col.error(entry["number"][1], "bad-number", f"lesson number {number} must be 0 or more")
    planned = bool(_scalar(entry["planned"][1], bool)) if "planned" in entry else False
    return Lesson(
        number=number,
        file=file_name,
        title=_text(entry, "title") or "",
        section=_text(entry, "section") or "",
        planned=planned,
        videos=_resources(entry, "videos", col, module_dir),
        slides=_resources(entry, "slides", col, module_dir),
        summary=_text(entry, "summary"),
        mark=col.mark(node),
        field_marks={key: col.mark(value) for key, (_, value) in entry.items()},
    )


def load_module(module_dir: Path, root: Path, text: str | None = None) -> tuple[Module | None, list[Diagnostic]]:
    """Load ``module_dir/module.yml``, or ``text`` as if it were that file's contents."""
    path = module_dir / MODULE_FILE
    col = _Collector(path, root)
    if text is None and not path.is_file():
        col.items.append(
            Diagnostic(
                col.rel,
                1,
                None,
                "missing-metadata",
                f"module folder {module_dir.name}/ has no {MODULE_FILE}; create it with title, summary and "
                "lessons (see CONTRIBUTING.md)",
            )
        )
        return None, col.items
    col.items.extend(links_outside(module_dir, root, recursive=True))
    node = _compose(path, col, MODULE_SCHEMA, text)
    if node is None:
        return None, col.items
    top = _mapping(node, MODULE_SCHEMA, MODULE_FILE, col)
    if top is None:
        return None, col.items
    lessons_node = top["lessons"][1]
    if not lessons_node.value:
        col.error(
            lessons_node, "no-lessons", "'lessons' is empty; plan at least one lesson (planned: true until written)"
        )
    lessons = tuple(lesson for item in lessons_node.value if (lesson := _lesson(item, col, module_dir)) is not None)
    if col.items:
        # A module whose metadata is wrong is not checked against its files: the
        # lessons that failed to load would all show up as unlisted files.
        return None, col.items
    module = Module(
        dir=module_dir,
        title=_text(top, "title") or "",
        summary=_text(top, "summary") or "",
        lessons=lessons,
        metadata_file=path,
    )
    return module, col.items


def load_chapter(chapter_dir: Path, root: Path) -> tuple[Chapter | None, list[Diagnostic]]:
    path = chapter_dir / CHAPTER_FILE
    col = _Collector(path, root)
    modules: list[Module] = []
    col.items.extend(links_outside(chapter_dir, root, recursive=False))
    col.items.extend(_misnamed_dirs(chapter_dir, root, MODULE_FILE, "module"))
    for module_dir in _numbered_dirs(chapter_dir):
        module, problems = load_module(module_dir, root)
        col.items.extend(problems)
        if module is not None:
            modules.append(module)
    if not path.is_file():
        col.items.append(
            Diagnostic(
                col.rel,
                1,
                None,
                "missing-metadata",
                f"chapter folder {chapter_dir.name}/ has no {CHAPTER_FILE}; create it with title and summary",
            )
        )
        return None, col.items
    node = _compose(path, col, CHAPTER_SCHEMA)
    top = _mapping(node, CHAPTER_SCHEMA, CHAPTER_FILE, col) if node is not None else None
    if top is None:
        return None, col.items
    chapter = Chapter(
        dir=chapter_dir,
        title=_text(top, "title") or "",
        summary=_text(top, "summary") or "",
        modules=tuple(modules),
        metadata_file=path,
    )
    return chapter, col.items


def load_course(root: Path) -> tuple[Course, list[Diagnostic]]:
    """Load every chapter and module under ``root``; problems are returned, not raised."""
    root = root.resolve()
    if not root.is_dir():
        raise ConfigurationError(f"course root '{root}' is not a directory")
    chapters: list[Chapter] = []
    problems = _misnamed_dirs(root, root, CHAPTER_FILE, "chapter")
    for chapter_dir in _numbered_dirs(root):
        if chapter_dir.is_symlink() and not is_inside(chapter_dir, root):
            problems.append(_outside(chapter_dir, root))
            continue
        chapter, found = load_chapter(chapter_dir, root)
        problems.extend(found)
        if chapter is not None:
            chapters.append(chapter)
    if not chapters and not problems:
        raise ConfigurationError(
            f"no chapter folders (like 01AICluster/ with a {CHAPTER_FILE}) under '{root}'; run from the "
            "repository root or pass --root"
        )
    return Course(root=root, chapters=tuple(chapters)), problems


def _numbered_dirs(parent: Path) -> list[Path]:
    return sorted(p for p in parent.iterdir() if p.is_dir() and FOLDER_NAME.match(p.name))


def _misnamed_dirs(parent: Path, root: Path, metadata: str, what: str) -> list[Diagnostic]:
    """Folders that look like a chapter or module (a leading number, or the metadata file) but are misnamed.

    They are not part of the course, yet the build still reads their pages and fails on them.
    """
    out: list[Diagnostic] = []
    for p in sorted(parent.iterdir()):
        if p.is_dir() and not FOLDER_NAME.match(p.name) and (p.name[:1].isdigit() or (p / metadata).is_file()):
            out.append(
                Diagnostic(
                    relative_posix(p, root) + "/",
                    1,
                    None,
                    "bad-folder-name",
                    f"{what} folder '{p.name}' must be named with two digits and a letters-and-digits name, "
                    f"e.g. 05MyModule; rename it (it is not part of the course as it is)",
                )
            )
    return out


def links_outside(folder: Path, root: Path, *, recursive: bool) -> list[Diagnostic]:
    """Symbolic links in ``folder`` that lead out of the repository: the build would publish their targets."""
    out: list[Diagnostic] = []
    for parent, dirs, files in os.walk(folder) if recursive else [next(os.walk(folder))]:
        for name in (*dirs, *files):
            path = Path(parent, name)
            if path.is_symlink() and not is_inside(path, root):
                out.append(_outside(path, root))
        dirs[:] = [d for d in dirs if not d.startswith(".")]
    return out


def _outside(link: Path, root: Path) -> Diagnostic:
    return Diagnostic(
        relative_posix(link.parent, root) + "/" + link.name,
        1,
        None,
        "outside-repository",
        f"'{link.name}' is a symbolic link to '{os.readlink(link)}', outside the repository; "
        "copy the file into the repository or remove the link",
    )
