"""A generated Chinese course with a ground-truth list of every link and whether it is broken.

Used by ``bench_links.py`` (1,000 files, 35,200 internal links, 15,300 broken) and by the
test suite (a few dozen files). Every rule the link checker knows appears in both good and
broken forms: Chinese headings and file names, duplicate headings, spaces, case mismatches,
percent-encoded and angle-bracketed paths, reference definitions, tables, raw HTML, MyST
directives, roles, ``(label)=`` targets and toctrees. Decoys that are *not* links (code,
comments, escaped brackets) are added to every file: reporting one is a false alarm.

Scoring (:func:`score`) matches a tool's findings to the ground truth by file, line and a
target signature (the decoded file name plus fragment), falling back to file and line, so
tools that report resolved URLs (lychee) and tools that report the link as written (ours)
are scored alike.
"""

from __future__ import annotations

import posixpath
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from myst_parser.slugs import github_slugify

CHAPTERS = ["01AICluster", "02StorComm", "03DockCloud", "04Train", "05Infer", "06AlgoData", "07Application"]
HEADINGS = ["背景介绍", "背景介绍", "性能 `CUDA` 优化", "Memory 带宽（HBM）", "总结"]


@dataclass(frozen=True)
class TruthLink:
    file: str  # root-relative, / separators
    line: int
    target: str  # as written
    broken: bool
    category: str


@dataclass
class Page:
    rel: str
    fid: int
    lines: list[str] = field(default_factory=list)
    links: list[TruthLink] = field(default_factory=list)

    @property
    def dir(self) -> str:
        return posixpath.dirname(self.rel)

    @property
    def label(self) -> str:
        return f"label-{self.fid}"

    @property
    def anchor(self) -> str:
        return f"anchor-{self.fid}"

    @property
    def is_readme(self) -> bool:
        return self.rel.endswith("README.md")


def slugs() -> list[str]:
    """The heading slugs every generated page has, computed as the site computes them."""
    seen: set[str] = set()
    out = []
    for title in ["", *HEADINGS]:
        slug = github_slugify(title.replace("`", ""))
        if not slug:
            continue
        base, n = slug, 1
        while slug in seen:
            slug = f"{base}-{n}"
            n += 1
        seen.add(slug)
        out.append(slug)
    return out


@dataclass
class Corpus:
    pages: list[Page]
    extra_files: list[str]

    @property
    def truth(self) -> list[TruthLink]:
        return [link for page in self.pages for link in page.links]

    def write(self, root: Path) -> None:
        for page in self.pages:
            path = root / page.rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(page.lines) + "\n", encoding="utf-8")
        for rel in self.extra_files:
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"\x89PNG\r\n" if rel.endswith(".png") else b"%PDF-1.4\n")


def _layout(files: int, modules_per_chapter: int) -> list[tuple[str, list[str]]]:
    """[(module dir, [lesson file names])] so that the page count equals ``files``."""
    chapters = CHAPTERS[: max(1, min(len(CHAPTERS), files // (modules_per_chapter * 4) or 1))]
    modules = [f"{c}/{m:02d}Module{m}" for c in chapters for m in range(1, modules_per_chapter + 1)]
    lessons_total = files - 1 - len(chapters) - len(modules)
    if lessons_total < len(modules):
        raise ValueError("too few files for this layout")
    per, extra = divmod(lessons_total, len(modules))
    layout = []
    for index, module in enumerate(modules):
        names = []
        for i in range(1, per + (1 if index < extra else 0) + 1):
            style = i % 3
            if style == 0:
                names.append(f"{i:02d}概述{i}.md")
            elif style == 1:
                names.append(f"{i:02d}Lesson {i}.md")
            else:
                names.append(f"{i:02d}Intro{i}.md")
        layout.append((module, names))
    return layout


def _encode_path(path: str, rng: random.Random) -> str:
    """The path as a contributor might write it: raw, percent-encoded or in angle brackets."""
    if " " in path:
        return f"<{path}>" if rng.random() < 0.5 else quote(path)
    if not path.isascii() and rng.random() < 0.4:
        return quote(path)
    return path


class _Builder:
    def __init__(self, files: int, links: int, broken: int, seed: int, modules_per_chapter: int) -> None:
        self.rng = random.Random(seed)
        self.layout = _layout(files, modules_per_chapter)
        self.lessons = {module: len(names) for module, names in self.layout}
        self.pages: list[Page] = []
        self.extra: list[str] = []
        fid = 0
        self.pages.append(Page("README.md", fid))
        chapters = sorted({m.split("/")[0] for m, _ in self.layout})
        for chapter in chapters:
            fid += 1
            self.pages.append(Page(f"{chapter}/README.md", fid))
        for module, names in self.layout:
            fid += 1
            self.pages.append(Page(f"{module}/README.md", fid))
            for i, name in enumerate(names, 1):
                fid += 1
                self.pages.append(Page(f"{module}/{name}", fid))
                self.extra += [
                    f"{module}/images/{i:02d}.png",
                    f"{module}/images/{i:02d}.pdf",
                    f"{module}/images/图 {i:02d}.png",
                ]
        self.slugs = slugs()
        count = len(self.pages)
        flags = [True] * broken + [False] * (links - broken)
        self.rng.shuffle(flags)
        per, extra = divmod(links, count)
        self.quota: list[list[bool]] = []
        start = 0
        for i in range(count):
            n = per + (1 if i < extra else 0)
            self.quota.append(flags[start : start + n])
            start += n

    # --- link targets ---------------------------------------------------------------------

    def other(self, page: Page, lessons_only: bool = False) -> Page:
        while True:
            candidate = self.rng.choice(self.pages)
            if candidate is not page and (not lessons_only or not candidate.is_readme):
                return candidate

    def rel(self, page: Page, target: Page | str) -> str:
        path = target.rel if isinstance(target, Page) else target
        rel = posixpath.relpath(path, page.dir or ".")
        return rel if rel.startswith("../") or self.rng.random() < 0.5 else f"./{rel}"

    def file_link(self, page: Page, broken: bool) -> tuple[str, str]:
        target = self.other(page)
        if not broken:
            return _encode_path(self.rel(page, target), self.rng), "file"
        how = self.rng.randrange(3)
        name = posixpath.basename(target.rel)
        letters = [i for i, c in enumerate(name[:-3]) if c.isascii() and c.isalpha()]
        if how == 0 and letters:
            i = self.rng.choice(letters)
            path = posixpath.join(posixpath.dirname(target.rel), name[:i] + name[i].swapcase() + name[i + 1 :])
            return _encode_path(self.rel(page, path), self.rng), "case-mismatch"
        if how == 1:
            path = target.rel[:-3] + "旧.md"
            return _encode_path(self.rel(page, path), self.rng), "renamed"
        parts = target.rel.split("/")
        path = "/".join(["99Missing", *parts[1:]]) if len(parts) > 1 else "99Missing/" + target.rel
        return _encode_path(self.rel(page, path), self.rng), "missing-dir"

    def anchor_link(self, page: Page, broken: bool) -> tuple[str, str]:
        target = self.other(page)
        path = _encode_path(self.rel(page, target), self.rng)
        if path.startswith("<"):
            path = path[1:-1]
            wrap = True
        else:
            wrap = False
        # Not target.anchor: an id in raw HTML, which a Markdown link cannot reach on the site.
        fragment = self.rng.choice([*self.slugs, target.label])
        if broken:
            fragment = self.rng.choice(["背景介绍-2", "不存在的标题", "性能-cuda", "label-none"])
        if self.rng.random() < 0.3:
            fragment = quote(fragment)
        text = f"{path}#{fragment}"
        return (f"<{text}>" if wrap else text), "cross-anchor"

    def same_anchor(self, page: Page, broken: bool) -> tuple[str, str]:
        if broken:
            fragment = self.rng.choice(["背景", "总结-1", "性能-cuda-优化-2", "memory"])
        else:
            fragment = self.rng.choice([*self.slugs, page.label])
        if self.rng.random() < 0.3:
            fragment = quote(fragment)
        return f"#{fragment}", "same-anchor"

    def image(self, page: Page, broken: bool, plain: bool = False, markdown: bool = False) -> tuple[str, str]:
        module = page.dir if page.dir.count("/") == 1 else self.rng.choice(self.layout)[0]
        # Images exist for a module's own lessons only: a 2-lesson module has no 03.png.
        lesson = self.rng.randint(1, min(3, self.lessons[module]))
        prefix = self.rel(page, f"{module}/images")
        if plain:
            names = [f"{lesson:02d}.png", f"{lesson:02d}.pdf"]
        elif markdown:  # MyST percent-encodes a Markdown image's path: Sphinx finds ASCII names only
            names = [f"{lesson:02d}.png"]
        else:
            names = [f"{lesson:02d}.png", f"图 {lesson:02d}.png"]
        name = f"{lesson:02d}_old.png" if broken else self.rng.choice(names)
        return _encode_path(f"{prefix}/{name}", self.rng), "image"

    # --- blocks ------------------------------------------------------------------------------

    def add(self, page: Page, line_text: str, links: Iterable[tuple[str, bool, str]]) -> None:
        page.lines.append(line_text)
        for target, broken, category in links:
            if target.startswith("<") and target.endswith(">"):
                target = target[1:-1]
            page.links.append(TruthLink(page.rel, len(page.lines), target, broken, category))

    def block(self, page: Page, queue: list[bool]) -> None:
        kind = self.rng.choices(
            ["para", "table", "note", "figure", "html", "refdef", "roles", "empty", "escape", "toctree"],
            weights=[30, 12, 8, 6, 8, 6, 8, 3, 2, 6 if page.is_readme else 0],
        )[0]
        if kind in ("empty", "escape") and not queue[-1]:
            kind = "para"
        add = self.add
        if kind == "para":
            take = [queue.pop() for _ in range(min(len(queue), self.rng.randint(1, 3)))]
            pieces: list[str] = []
            links: list[tuple[str, bool, str]] = []
            for broken in take:
                maker = self.rng.choice([self.file_link, self.anchor_link, self.same_anchor, self.image])
                bang = "!" if maker == self.image else ""
                target, category = self.image(page, broken, markdown=True) if bang else maker(page, broken)
                pieces.append(f"{bang}[参见{len(pieces) + 1}]({target})")
                links.append((target, broken, category))
            add(page, "相关内容：" + "，".join(pieces) + "。", links)
        elif kind == "table":
            take = [queue.pop() for _ in range(min(len(queue), self.rng.randint(1, 3)))]
            page.lines += ["", "| 大纲 | 小节 | 链接 |", "|:--- |:---- |:--- |"]
            cells, links = [], []
            for broken in take:
                if self.rng.random() < 0.6:
                    target, category = self.file_link(page, broken)
                    cells.append(f"[文章]({target})")
                else:
                    target, category = self.image(page, broken)
                    cells.append(f"[PPT]({target})")
                links.append((target, broken, category + "-table"))
            add(page, f"| 基础 | 第 {page.fid} 节 | {', '.join(cells)} |", links)
            page.lines.append("")
        elif kind == "note":
            broken = queue.pop()
            target, category = self.rng.choice([self.file_link, self.anchor_link])(page, broken)
            fence = self.rng.choice(["```{note}", ":::{tip}"])
            page.lines += ["", fence]
            add(page, f"延伸阅读见[这里]({target})。", [(target, broken, "directive-body")])
            page.lines += ["```" if fence.startswith("`") else ":::", ""]
        elif kind == "figure":
            broken = queue.pop()
            target, _ = self.image(page, broken, plain=True)  # docutils drops spaces in image paths
            path = unquote(target[1:-1] if target.startswith("<") else target)
            page.lines.append("")
            add(page, f"```{{figure}} {path}", [(path, broken, "figure")])
            page.lines += [f":name: fig-{page.fid}-{len(page.lines)}", "", "图：示意图", "```", ""]
        elif kind == "html":
            broken = queue.pop()
            if self.rng.random() < 0.5:
                target, _ = self.image(page, broken)
                path = unquote(target[1:-1] if target.startswith("<") else target)
                page.lines.append("")
                add(page, f'<img src="{path}" width="600">', [(path, broken, "html-img")])
            else:
                target, _ = self.file_link(page, broken)
                path = target[1:-1] if target.startswith("<") else target
                page.lines.append("")
                add(page, f'<p align="center"><a href="{path}">相关文章</a></p>', [(path, broken, "html-a")])
            page.lines.append("")
        elif kind == "refdef":
            broken = queue.pop()
            target, _ = self.rng.choice([self.file_link, self.anchor_link])(page, broken)
            label = f"ref-{page.fid}-{len(page.lines)}"
            page.lines += [f"详细推导见[文章][{label}]。", ""]
            add(page, f"[{label}]: {target}", [(target, broken, "definition")])
            page.lines.append("")
        elif kind == "roles":
            broken = queue.pop()
            if self.rng.random() < 0.5:
                target_page = self.other(page)
                doc = posixpath.relpath(target_page.rel[:-3], page.dir or ".")
                if broken:
                    doc += "-old"
                add(page, f"另见 {{doc}}`{doc}`。", [(doc, broken, "doc-role")])
            else:
                label = self.other(page).label if not broken else f"label-missing-{page.fid}"
                add(page, f"另见 {{ref}}`这一节 <{label}>`。", [(label, broken, "ref-role")])
        elif kind == "empty":
            queue.pop()
            add(page, "本节视频：[视频]()", [("", True, "empty")])
        elif kind == "escape":
            queue.pop()
            depth = page.rel.count("/") + 2
            target = "../" * depth + "outside.md"
            add(page, f"外部文件见[这里]({target})。", [(target, True, "escapes-root")])
        elif kind == "toctree":
            take = [queue.pop() for _ in range(min(len(queue), self.rng.randint(1, 3)))]
            page.lines += ["", "```{toctree}", ":maxdepth: 1", ""]
            for broken in take:
                other = self.other(page)
                entry = posixpath.relpath(other.rel[:-3], page.dir or ".")
                if broken:
                    entry += "-renamed"
                add(page, entry, [(entry, broken, "toctree")])
            page.lines += ["```", ""]

    def build_page(self, page: Page, queue: list[bool]) -> None:
        lines = page.lines
        lines += [f"# 第 {page.fid} 课 概述", "", "本课介绍集群建设中的一个主题，正文不含链接。", ""]
        sections = list(HEADINGS)
        per_section = max(1, -(-len(queue) // len(sections)))
        for heading in sections:
            if heading == "总结":
                lines += [f"({page.label})=", ""]
            lines += [f"{'###' if heading.startswith('Memory') else '##'} {heading}", ""]
            if heading == "总结":
                lines += [f'<a id="{page.anchor}"></a>', ""]
            target_size = len(queue) - per_section
            while queue and len(queue) > max(target_size, 0):
                self.block(page, queue)
                lines.append("")
        while queue:
            self.block(page, queue)
        lines += [
            "",
            "```python",
            "# [不是链接](missing-in-code.md)",
            "```",
            "",
            "行内代码 `[也不是](missing-inline.md)` 与转义 \\[括号\\](missing-escaped.md)。",
            "",
            "<!-- [注释里的链接](missing-comment.md) -->",
        ]


def generate(
    files: int = 1000, links: int = 35_200, broken: int = 15_300, seed: int = 7, modules_per_chapter: int = 7
) -> Corpus:
    """Build the corpus in memory (``Corpus.write`` puts it on disk)."""
    builder = _Builder(files, links, broken, seed, modules_per_chapter)
    for page, quota in zip(builder.pages, builder.quota, strict=True):
        builder.build_page(page, list(quota))
    return Corpus(builder.pages, builder.extra)


# --- scoring ---------------------------------------------------------------------------------


def signature(source: str, target: str) -> str:
    """The decoded file name and fragment a target points at (same-file anchors name the source)."""
    if target.startswith("file://"):
        target = urlsplit(target).path + ("#" + urlsplit(target).fragment if "#" in target else "")
    path, _, fragment = unquote(target).partition("#")
    name = posixpath.basename(path.rstrip("/")) if path else posixpath.basename(source)
    name = name.removesuffix(".md")
    return f"{name}#{fragment}" if fragment else name


@dataclass(frozen=True)
class Score:
    found: int
    missed: int
    false_alarms: int
    broken: int

    def row(self) -> str:
        share = 100.0 * self.found / self.broken if self.broken else 100.0
        return f"found {self.found:,} ({share:.0f}%), missed {self.missed:,}, false alarms {self.false_alarms:,}"


def score(truth: Iterable[TruthLink], reported: Iterable[tuple[str, int, str]]) -> Score:
    """Match ``(file, line, target)`` findings against the broken links of the ground truth."""
    exact: dict[tuple[str, int, str], int] = defaultdict(int)
    by_line: dict[tuple[str, int], int] = defaultdict(int)
    broken_total = 0
    for link in truth:
        if link.broken:
            broken_total += 1
            exact[(link.file, link.line, signature(link.file, link.target))] += 1
            by_line[(link.file, link.line)] += 1
    found = false_alarms = 0
    leftovers = []
    for file, line, target in reported:
        key = (file, line, signature(file, target))
        if exact.get(key, 0) > 0:
            exact[key] -= 1
            by_line[(file, line)] -= 1
            found += 1
        else:
            leftovers.append((file, line))
    for file, line in leftovers:
        if by_line.get((file, line), 0) > 0:
            by_line[(file, line)] -= 1
            found += 1
        else:
            false_alarms += 1
    return Score(found, broken_total - found, false_alarms, broken_total)
