"""The course as plain data: chapters hold modules, modules hold lessons.

Built by :mod:`tools.metadata` from the YAML files; rendered by :mod:`tools.outline`.
Every object remembers where in its YAML file it was defined, so any check can point
the contributor at the exact line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Mark:
    """A position in a file: 1-based line and column."""

    file: Path
    line: int
    column: int


@dataclass(frozen=True)
class Resource:
    """A video or a slide deck attached to a lesson."""

    url: str
    title: str | None
    mark: Mark


@dataclass(frozen=True)
class Lesson:
    number: int
    file: str
    title: str
    section: str
    planned: bool
    videos: tuple[Resource, ...]
    slides: tuple[Resource, ...]
    summary: str | None
    mark: Mark
    field_marks: dict[str, Mark] = field(default_factory=dict, compare=False, hash=False)

    @property
    def stem(self) -> str:
        return self.file.removesuffix(".md")

    @property
    def label(self) -> str:
        """The numbered title shown in tables: ``03 AI 万卡集群测试与实践``."""
        return f"{self.number:02d} {self.title}"


@dataclass(frozen=True)
class Module:
    dir: Path
    title: str
    summary: str
    lessons: tuple[Lesson, ...]
    metadata_file: Path

    @property
    def name(self) -> str:
        return self.dir.name

    @property
    def number(self) -> str:
        return _number_prefix(self.dir.name)

    @property
    def readme(self) -> Path:
        return self.dir / "README.md"

    @property
    def published(self) -> tuple[Lesson, ...]:
        return tuple(lesson for lesson in self.lessons if not lesson.planned)


@dataclass(frozen=True)
class Chapter:
    dir: Path
    title: str
    summary: str
    modules: tuple[Module, ...]
    metadata_file: Path

    @property
    def name(self) -> str:
        return self.dir.name

    @property
    def number(self) -> str:
        return _number_prefix(self.dir.name)

    @property
    def readme(self) -> Path:
        return self.dir / "README.md"


@dataclass(frozen=True)
class Course:
    root: Path
    chapters: tuple[Chapter, ...]

    @property
    def modules(self) -> tuple[Module, ...]:
        return tuple(m for c in self.chapters for m in c.modules)

    def lessons(self) -> list[tuple[Module, Lesson]]:
        return [(m, lesson) for m in self.modules for lesson in m.lessons]


def _number_prefix(name: str) -> str:
    digits = ""
    for ch in name:
        if not ch.isdigit():
            break
        digits += ch
    return digits
