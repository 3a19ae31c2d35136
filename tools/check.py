"""``python -m tools check``: every offline check a pull request must pass.

Metadata against files (missing, unlisted, duplicated, mistitled), generated regions
up to date, and internal links.
"""

from __future__ import annotations

from pathlib import Path

from tools.diagnostics import Diagnostic, encoding_diagnostic, relative_posix, sorted_diagnostics
from tools.errors import UsageError
from tools.escape import unescape
from tools.metadata import load_course
from tools.model import Course, Lesson, Mark, Module
from tools.outline import plan, stale_diagnostics
from tools.titles import first_h1


def _at(mark: Mark, root: Path, kind: str, message: str, target: str = "") -> Diagnostic:
    return Diagnostic(relative_posix(mark.file, root), mark.line, mark.column, kind, message, target)


def _where(mark: Mark, root: Path) -> str:
    return f"{relative_posix(mark.file, root)}:{mark.line}"


def check_module_files(module: Module, root: Path) -> list[Diagnostic]:
    """Lessons against the files of their module folder."""
    out: list[Diagnostic] = []
    on_disk = {p.name: p for p in module.dir.iterdir() if p.is_file() and p.suffix.lower() == ".md"}
    lower_names = {name.lower(): name for name in on_disk}
    listed = {lesson.file for lesson in module.lessons}
    first_by_file: dict[str, Lesson] = {}
    first_by_number: dict[int, Lesson] = {}
    for lesson in module.lessons:
        file_mark = lesson.field_marks.get("file", lesson.mark)
        if lesson.file in first_by_file:
            other = first_by_file[lesson.file]
            out.append(
                _at(
                    file_mark,
                    root,
                    "duplicate-file",
                    f"file '{lesson.file}' is already used by lesson {other.number:02d} "
                    f"({_where(other.mark, root)}); give each lesson its own file",
                )
            )
        else:
            first_by_file[lesson.file] = lesson
        if lesson.number in first_by_number:
            other = first_by_number[lesson.number]
            out.append(
                _at(
                    lesson.field_marks.get("number", lesson.mark),
                    root,
                    "duplicate-number",
                    f"number {lesson.number} is already used by '{other.title}' ({_where(other.mark, root)}); "
                    "renumber one of them",
                )
            )
        else:
            first_by_number[lesson.number] = lesson
        exists = lesson.file in on_disk
        if not lesson.planned and not exists:
            if lesson.file.lower() in lower_names:
                actual = lower_names[lesson.file.lower()]
                out.append(
                    _at(
                        file_mark,
                        root,
                        "case-mismatch",
                        f"lesson file '{lesson.file}' differs in case from '{actual}' on disk (breaks on Linux "
                        "and on the site); use the exact name",
                    )
                )
            else:
                out.append(
                    _at(
                        file_mark,
                        root,
                        "missing-file",
                        f"lesson file '{lesson.file}' does not exist in {module.name}/; write the article, or "
                        "mark the lesson `planned: true`",
                    )
                )
        elif lesson.planned and exists:
            out.append(
                _at(
                    lesson.field_marks.get("planned", lesson.mark),
                    root,
                    "planned-but-written",
                    f"'{lesson.file}' exists but the lesson is marked `planned: true`; remove `planned` so the "
                    "table links the article",
                )
            )
        if exists and not lesson.planned:
            out.extend(
                _check_title(
                    on_disk[lesson.file], lesson.title, lesson.field_marks.get("title", lesson.mark), root, "lesson"
                )
            )
    for name in sorted(set(on_disk) - listed - {"README.md"}):
        if name.lower() in {f.lower() for f in listed}:
            continue  # reported above as a case mismatch
        out.append(
            Diagnostic(
                relative_posix(on_disk[name], root),
                1,
                None,
                "unlisted-lesson",
                f"'{name}' is not listed in {module.name}/module.yml; add a lesson entry for it (python -m tools "
                "new-lesson) or delete the file",
            )
        )
    out.extend(_check_sections(module, root))
    if module.readme.is_file():
        out.extend(_check_title(module.readme, module.title, Mark(module.metadata_file, 1, 1), root, "module"))
    return out


def _check_sections(module: Module, root: Path) -> list[Diagnostic]:
    seen: list[str] = []
    out: list[Diagnostic] = []
    for lesson in module.lessons:
        if seen and lesson.section == seen[-1]:
            continue
        if lesson.section in seen:
            out.append(
                _at(
                    lesson.field_marks.get("section", lesson.mark),
                    root,
                    "split-section",
                    f"section '{lesson.section}' resumes after '{seen[-1]}'; keep the lessons of one section together",
                )
            )
        seen.append(lesson.section)
    return out


def _check_title(page: Path, expected: str, mark: Mark, root: Path, what: str) -> list[Diagnostic]:
    rel = relative_posix(page, root)
    try:
        data = page.read_bytes()
    except OSError as exc:
        return [Diagnostic(rel, 1, None, "unreadable", f"cannot read the page: {exc.strerror or exc}")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [encoding_diagnostic(rel, data, exc)]
    title = first_h1(text)
    if title is None:
        return [Diagnostic(rel, 1, 1, "missing-title", f"page has no '# ' H1 title; start it with '# {expected}'")]
    if unescape(title.text) != expected:
        return [
            Diagnostic(
                rel,
                title.line,
                title.column,
                "title-mismatch",
                f"H1 '{title.text}' differs from the {what} title '{expected}' in {_where(mark, root)}; make them "
                "the same",
            )
        ]
    return []


def check_resources(course: Course) -> list[Diagnostic]:
    """The same video or slide deck on two lessons: the copy-paste bug of the original tables."""
    out: list[Diagnostic] = []
    first: dict[str, tuple[Module, Lesson]] = {}
    for module, lesson in course.lessons():
        for res in (*lesson.videos, *lesson.slides):
            key = res.url.rstrip("/")
            if key in first:
                _, other = first[key]
                if other is lesson:
                    message = f"'{res.url}' is listed twice on this lesson; remove the repeat"
                else:
                    message = (
                        f"'{res.url}' is already attached to '{other.title}' ({_where(other.mark, course.root)}); "
                        "each video or deck belongs to one lesson"
                    )
                out.append(_at(res.mark, course.root, "duplicate-resource", message, res.url))
            else:
                first[key] = (module, lesson)
    return out


def check_course(course: Course) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for chapter in course.chapters:
        if chapter.readme.is_file():
            out.extend(
                _check_title(chapter.readme, chapter.title, Mark(chapter.metadata_file, 1, 1), course.root, "chapter")
            )
        for module in chapter.modules:
            out.extend(check_module_files(module, course.root))
    out.extend(check_resources(course))
    return out


def collect(root: Path) -> list[Diagnostic]:
    """Every offline problem of the course under ``root``, sorted."""
    course, problems = load_course(root)
    problems.extend(check_course(course))
    result = plan(course)
    problems.extend(result.problems)
    problems.extend(stale_diagnostics(result, course.root))
    # Imported here so that commands which do not check links do not pay for the import.
    from tools.links.api import check_offline

    try:
        problems.extend(check_offline(course.root))
    except UsageError:
        # The link checker stops at a file it cannot decode; report where each bad byte is and
        # keep every other finding (the links are checked again once the files are UTF-8).
        undecodable = _undecodable_pages(course.root)
        if not undecodable:
            raise
        problems.extend(undecodable)
    return sorted_diagnostics(problems)


def _undecodable_pages(root: Path) -> list[Diagnostic]:
    from tools.links.config import load_config
    from tools.links.files import course_files

    out: list[Diagnostic] = []
    for rel in course_files(root, load_config(root).exclude_path):
        path = root / rel
        try:
            data = path.read_bytes()
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            out.append(encoding_diagnostic(rel, data, exc))
        except OSError:
            continue
    return out
