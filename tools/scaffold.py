"""``python -m tools new-lesson``: one obvious way to add a lesson.

Creates the article from a template, appends its entry to the module's ``module.yml``
(keeping the author's comments and layout), and regenerates the outline. Every check
runs before anything is written, so a refusal changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from tools.diagnostics import EXIT_OK, EXIT_USAGE, render_text, sorted_diagnostics
from tools.metadata import LESSON_FILE, MODULE_FILE, YAML_LOADER, ConfigurationError, load_course, load_module
from tools.outline import plan
from tools.regions import write_atomically

TEMPLATE = """# {title}

<!--
写作提示（发布前删除本注释）：
- 全文用中文、用自己的话写；先讲问题，再讲方案、关键数字（写出计算过程）、取舍，最后是“## 小结”。
- 图片放在本模块的 images/ 目录，每张图都要有替代文本（alt）。
- 文末“## 参考资料”列出论文、厂商文档等一手资料，每条附可访问的链接。
- 提交前运行 `make check`。
-->
"""


class Refusal(Exception):
    """The request cannot be carried out; nothing has been written."""


def _yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lesson_entry(number: int, file_name: str, title: str, section: str, indent: int) -> str:
    pad = " " * indent
    return (
        f"{pad}- number: {number}\n"
        f"{pad}  file: {file_name}\n"
        f"{pad}  title: {_yaml_quote(title)}\n"
        f"{pad}  section: {_yaml_quote(section)}\n"
    )


def append_lesson(yaml_text: str, after: int, entry_for_indent) -> str:
    """Insert a lesson entry after lesson number ``after`` (0-based) of the ``lessons`` list.

    Only text is inserted: the author's comments, quoting and layout stay as they are.
    """
    root = yaml.compose(yaml_text, Loader=YAML_LOADER)
    lessons = next(value for key, value in root.value if key.value == "lessons")
    anchor = lessons.value[after]
    indent = max(anchor.start_mark.column - 2, 0)
    if lessons.flow_style:
        raise Refusal("the lessons list is written in flow style ([...]); write it as a block list to add lessons")
    lines = yaml_text.splitlines(keepends=True)
    # The entry goes after the last line that belongs to the anchor lesson.
    end = anchor.end_mark
    ends_at_line_start = end.line >= len(lines) or lines[end.line][: end.column].strip() == ""
    end_line = end.line if ends_at_line_start else end.line + 1
    head = "".join(lines[:end_line])
    if head and not head.endswith("\n"):
        head += "\n"
    return head + entry_for_indent(indent) + "".join(lines[end_line:])


def create_lesson(root: Path, module_arg: str, stem: str, title: str, section: str | None, number: int | None) -> list[Path]:
    """Validate, then write the article and metadata; return the files written."""
    root = root.resolve()
    title = title.strip()
    if not title:
        raise Refusal("the title is empty; pass --title with the lesson's Chinese title")
    module_dir = (root / module_arg).resolve()
    if not (module_dir / MODULE_FILE).is_file():
        raise Refusal(f"'{module_arg}' is not a module folder (no {MODULE_FILE}); pass a path like 04Train/01ParallelBegin")
    file_name = stem.removesuffix(".md") + ".md"
    if not LESSON_FILE.match(file_name) or file_name.lower() == "readme.md":
        raise Refusal(f"'{stem}' is not a valid lesson file stem; use digits and letters such as 08Example")
    module, problems = load_module(module_dir, root)
    if module is None or problems:
        listing = render_text(sorted_diagnostics(problems), "fix these problems in the metadata first")
        raise Refusal(f"{module_arg}/{MODULE_FILE} has problems:\n{listing}")
    article = module_dir / file_name
    taken = {lesson.file.lower(): lesson for lesson in module.lessons}
    if file_name.lower() in taken:
        raise Refusal(f"'{file_name}' is already lesson {taken[file_name.lower()].number:02d} of {module_arg}; choose another stem")
    if article.exists() or any(p.name.lower() == file_name.lower() for p in module_dir.iterdir()):
        raise Refusal(f"'{file_name}' already exists in {module_arg}; choose another stem")
    numbers = {lesson.number for lesson in module.lessons}
    if number is None:
        number = max(numbers, default=0) + 1
    elif number in numbers:
        raise Refusal(f"number {number} is already used in {module_arg}; choose another --number or omit it")
    if number < 0:
        raise Refusal("--number must be 0 or more")
    if section is None:
        section = module.lessons[-1].section
    section = section.strip()
    if not section:
        raise Refusal("the section is empty; pass --section or omit it")
    # A lesson joins the end of its section, so the lessons of a section stay together.
    same = [i for i, lesson in enumerate(module.lessons) if lesson.section == section]
    after = same[-1] if same else len(module.lessons) - 1

    metadata_path = module_dir / MODULE_FILE
    new_yaml = append_lesson(
        metadata_path.read_text(encoding="utf-8"),
        after,
        lambda indent: lesson_entry(number, file_name, title, section, indent),
    )
    # The edited metadata must load cleanly with the new lesson in it before anything is written.
    check, problems = load_module(module_dir, root, text=new_yaml)
    if check is None or problems or not any(lesson.file == file_name for lesson in check.lessons):
        raise Refusal(f"could not add the lesson to {module_arg}/{MODULE_FILE} safely; add it by hand")

    written = [article, metadata_path]
    article.write_text(TEMPLATE.format(title=title), encoding="utf-8")
    try:
        write_atomically(metadata_path, new_yaml)
        course, _ = load_course(root)
        result = plan(course)
        for path, text in sorted(result.changes.items()):
            write_atomically(path, text)
            written.append(path)
    except BaseException:
        article.unlink(missing_ok=True)
        raise
    return written


def run(args: argparse.Namespace) -> int:
    try:
        written = create_lesson(args.root, args.module_dir, args.stem, args.title, args.section, args.number)
    except Refusal as exc:
        print(f"error: {exc}\nnothing was changed", file=sys.stderr)
        return EXIT_USAGE
    except ConfigurationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    root = args.root.resolve()
    for path in written:
        print(f"wrote {path.relative_to(root).as_posix()}")
    print("next: write the article, then run `make check`")
    return EXIT_OK
