"""``python -m tools new-lesson``: one obvious way to add a lesson.

Creates the article from a template, inserts its entry in the module's ``module.yml``
(keeping the author's comments, layout and line endings), and regenerates the outline.
The whole course is checked and every write planned before the first byte is written; the
writes then happen all together or not at all, under a lock so two runs cannot interleave.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from tools.diagnostics import plural, relative_posix, render_text, sorted_diagnostics
from tools.errors import Refusal
from tools.escape import escape_inline
from tools.metadata import (
    CONTROL,
    FOLDER_NAME,
    LESSON_FILE,
    MODULE_FILE,
    STEM_MAX,
    YAML_LOADER,
    load_course,
    load_module,
)
from tools.model import Course, Module
from tools.outline import plan
from tools.writes import course_lock, write_all

TEMPLATE = """# {title}

<!--
写作提示（课文格式 v2，详见 CONTRIBUTING.md“写作要求”；发布前删除本注释）：
- 全文用中文、用自己的话写，正文（代码以外）不少于 3,000 字；先讲问题，再讲方案、关键数字、取舍。
- 算式写出来：用只依赖标准库的 python 代码块核对正文数字（assert）并打印结论（print），
  紧跟一个 output 代码块写上它打印的内容，测试会核对两者一致。
- 图放在本模块 images/ 目录，用 figure 指令，写 :name: fig-<文件名主干>-<图意> 和 :alt: 替代文本，
  正文用 {{numref}}`fig-…` 按编号引用；浅色背景，深色模式下也要看得清。
- 一个主题只在它的归属课里推导（CONTRIBUTING.md“课程规划”），其他地方一句话加链接。
- 结尾依次是：
  ## 小结
  ## 练习      至少三道，每道后用 :::{{dropdown}} 参考答案 … ::: 折叠答案，写出推理和数字
  ## 参考资料  论文、厂商文档等一手资料，每条附真实可访问的链接
- 提交前运行 `make check`，修改了代码块时运行 `make test`。
-->
"""

_NEWLINE = re.compile(r"\r\n|\r|\n")


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


def append_lesson(yaml_text: str, after: int, entry_for_indent: Callable[[int], str]) -> str:
    """Insert a lesson entry after lesson number ``after`` (0-based) of the ``lessons`` list.

    Only text is inserted: every other character stays, and the entry takes the file's line ending.
    """
    root = yaml.compose(yaml_text, Loader=YAML_LOADER)
    if not isinstance(root, yaml.MappingNode):
        raise Refusal("the module metadata is not a mapping; fix it first (python -m tools check)")
    lessons = next(value for key, value in root.value if key.value == "lessons")
    if lessons.flow_style:
        raise Refusal("the lessons list is written in flow style ([...]); write it as a block list to add lessons")
    anchor = lessons.value[after]
    indent = max(anchor.start_mark.column - 2, 0)
    # The entry goes after the last line that belongs to the anchor lesson. Positions are
    # character indexes, so lines are counted as Markdown and this module count them (\n, \r\n, \r).
    end = anchor.end_mark.index
    line_start = max(yaml_text.rfind("\n", 0, end), yaml_text.rfind("\r", 0, end)) + 1
    if yaml_text[line_start:end].strip(" \t"):
        following = _NEWLINE.search(yaml_text, end)
        insert_at = following.end() if following else len(yaml_text)
    else:
        insert_at = line_start
    first = _NEWLINE.search(yaml_text)
    newline = first.group() if first else "\n"
    head = yaml_text[:insert_at]
    if head and not head.endswith(("\n", "\r")):
        head += newline
    return head + entry_for_indent(indent).replace("\n", newline) + yaml_text[insert_at:]


def _plain_text(value: str, what: str) -> str:
    value = value.strip()
    if not value:
        raise Refusal(f"the {what} is empty; pass --{what} with the lesson's Chinese {what}")
    if bad := CONTROL.search(value):
        raise Refusal(
            f"the {what} contains the control character U+{ord(bad.group()):04X}; write it as one line of plain text"
        )
    return value


def _module_dir(root: Path, module_arg: str) -> Path:
    """The module folder named on the command line: ``NNChapter/NNModule`` of this course, nothing else."""
    module_dir = Path(module_arg) if Path(module_arg).is_absolute() else root / module_arg
    try:
        parts = module_dir.resolve().relative_to(root).parts
    except ValueError:
        parts = ()
    if len(parts) != 2 or not all(FOLDER_NAME.match(part) for part in parts):
        raise Refusal(f"'{module_arg}' is not a module folder of the course; pass a path like 04Train/01ParallelBegin")
    module_dir = root.joinpath(*parts)
    if not (module_dir / MODULE_FILE).is_file():
        raise Refusal(
            f"'{module_arg}' is not a module folder (no {MODULE_FILE}); pass a path like 04Train/01ParallelBegin"
        )
    return module_dir


def _with_module(course: Course, module: Module) -> Course:
    chapters = tuple(
        dataclasses.replace(chapter, modules=tuple(module if m.dir == module.dir else m for m in chapter.modules))
        for chapter in course.chapters
    )
    return dataclasses.replace(course, chapters=chapters)


def create_lesson(
    root: Path, module_arg: str, stem: str, title: str, section: str | None, number: int | None
) -> list[str]:
    """Check, plan, then write the article, the metadata and the outline; return the files written (root-relative)."""
    root = root.resolve()
    title = _plain_text(title, "title")
    module_dir = _module_dir(root, module_arg)
    file_name = stem.removesuffix(".md") + ".md"
    if not LESSON_FILE.match(file_name) or file_name.lower() == "readme.md":
        raise Refusal(
            f"'{stem}' is not a valid lesson file stem; use letters, digits, '-' and '_' "
            f"(at most {STEM_MAX} characters) such as 08Example"
        )
    with course_lock(root):
        course, problems = load_course(root)
        problems += plan(course).problems
        if problems:
            listing = render_text(sorted_diagnostics(problems), f"{plural(len(problems), 'problem')}")
            raise Refusal(f"the course has problems; fix them first (python -m tools check):\n{listing}".rstrip())
        module = next((m for m in course.modules if m.dir == module_dir), None)
        if module is None:
            raise Refusal(f"'{module_arg}' is not a module of the course; pass a path like 04Train/01ParallelBegin")
        article = module_dir / file_name
        taken = {lesson.file.lower(): lesson for lesson in module.lessons}
        if file_name.lower() in taken:
            raise Refusal(
                f"'{file_name}' is already lesson {taken[file_name.lower()].number:02d} of {module_arg}; choose "
                "another stem"
            )
        if article.exists() or any(p.name.lower() == file_name.lower() for p in module_dir.iterdir()):
            raise Refusal(f"'{file_name}' already exists in {module_arg}; choose another stem")
        numbers = {lesson.number for lesson in module.lessons}
        if number is None:
            number = max(numbers, default=0) + 1
        elif number in numbers:
            raise Refusal(f"number {number} is already used in {module_arg}; choose another --number or omit it")
        if number < 0:
            raise Refusal("--number must be 0 or more")
        section = _plain_text(module.lessons[-1].section if section is None else section, "section")
        # A lesson joins the end of its section, so the lessons of a section stay together.
        same = [i for i, lesson in enumerate(module.lessons) if lesson.section == section]
        after = same[-1] if same else len(module.lessons) - 1

        metadata_path = module_dir / MODULE_FILE
        new_number = number
        new_yaml = append_lesson(
            metadata_path.read_bytes().decode("utf-8"),
            after,
            lambda indent: lesson_entry(new_number, file_name, title, section, indent),
        )
        # The edited metadata must load cleanly with the new lesson in it before anything is written.
        updated, problems = load_module(module_dir, root, text=new_yaml)
        if updated is None or problems or not any(lesson.file == file_name for lesson in updated.lessons):
            raise Refusal(f"could not add the lesson to {module_arg}/{MODULE_FILE} safely; add it by hand")
        outline = plan(_with_module(course, updated))
        if outline.problems:
            raise Refusal("could not regenerate the outline with the new lesson; add it by hand")
        changes = {article: TEMPLATE.format(title=escape_inline(title)), metadata_path: new_yaml, **outline.changes}
        written = write_all(changes, root)
    return [relative_posix(path, root) for path in written]
