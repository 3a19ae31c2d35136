"""The anchors a page offers: heading slugs (as MyST and GitHub compute them), labels, HTML ids.

The site sets ``myst_heading_slug_func = "github"`` and ``myst_heading_anchors = 6``, so a
heading's anchor on the site is the one GitHub shows, Chinese headings included; duplicates
get ``-1``, ``-2`` suffixes on both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from myst_parser.slugs import github_slugify, unique_slug

from tools.links.hints import Vocabulary

# Inline children whose text makes a heading's title, as in MyST's ``compute_unique_slug``.
_TITLE_TYPES = ("text", "code_inline")


def heading_title(children: Iterable[Any]) -> str:
    """The title MyST slugifies: the text and inline-code children of the heading's inline token."""
    return "".join(child.content for child in children if child.type in _TITLE_TYPES)


def add_heading_slug(title: str, existing: set[str]) -> str | None:
    """The heading's unique slug, registered in ``existing``; None when it gets no anchor.

    An empty slug (a title of punctuation only) gives no anchor and takes no part in
    deduplication, exactly as in MyST.
    """
    slug = github_slugify(title)
    if not slug:
        return None
    slug = unique_slug(slug, existing)
    existing.add(slug)
    return slug


def normalize_label(label: str) -> str:
    """Labels compare as docutils names do: case-insensitive, whitespace collapsed."""
    return " ".join(label.lower().split())


@dataclass(frozen=True, slots=True)
class Anchors:
    """Fragments a file answers to."""

    exact: frozenset[str]  # heading slugs and HTML ids: browsers match these exactly
    labels: frozenset[str]  # normalized (label)= targets and :name: options

    @classmethod
    def build(cls, slugs: Iterable[str], ids: Iterable[str], labels: Iterable[str]) -> Anchors:
        return cls(frozenset(slugs) | frozenset(ids), frozenset(map(normalize_label, labels)))

    def __contains__(self, fragment: object) -> bool:
        return isinstance(fragment, str) and (
            fragment in self.exact or normalize_label(fragment) in self.labels
        )

    def names(self) -> list[str]:
        """Every anchor, marked by its kind (what a verdict about this file depends on)."""
        return [f"#{name}" for name in self.exact] + [f"({label})" for label in self.labels]

    def vocabulary(self) -> Vocabulary:
        """All anchors, for "did you mean" hints."""
        return Vocabulary(self.exact | self.labels)
