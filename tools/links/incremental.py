"""Resolve only what an edit can have changed, reusing the previous run's verdicts for the rest.

A file's verdicts depend on its own bytes, the folders its links looked into, the anchors of
the files its fragments point at, and (for labels and ``{ref}``) the set of labels in the
course. The previous run stored, per file, its verdicts and those dependencies as digests.
This run re-resolves a file only when one of them changed:

- its bytes changed;
- a file it took anchors from now has different anchors (a changed paragraph there is not
  enough: the anchor set is compared, not the bytes);
- it consulted labels and the course's label set changed.

A folder listing that changed (a file added, removed or renamed) can change any verdict, so
then everything is resolved again. Editing one lesson of a thousand re-resolves that lesson
and the few files linking to a heading it renamed, not the course.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tools.diagnostics import Diagnostic
from tools.links.corpus import Corpus, listing_digest
from tools.links.internal import LABELS, External, Resolver

# Where an external link occurs: file, line, column, the target as written.
Occurrence = tuple[str, int, "int | None", str]


@dataclass
class Resolution:
    """Verdicts for a selection of files, and what the next run needs to reuse them."""

    links: int = 0
    findings: list[Diagnostic] = field(default_factory=list)
    external: dict[str, list[Occurrence]] = field(default_factory=dict)
    resolved_files: int = 0  # files resolved this run (the rest reused their verdicts)
    entry: dict[str, Any] | None = None  # to store, or None when nothing changed


def _digest(items: Iterable[str]) -> str:
    text = "\n".join(sorted(items)).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(text, digest_size=16).hexdigest()


class _Previous:
    """The stored entry of the last run, with checks of whether each part still holds."""

    def __init__(self, corpus: Corpus, entry: Mapping[str, Any]) -> None:
        self.corpus = corpus
        self.files: Mapping[str, list[Any]] = entry["files"]
        self.anchors: Mapping[str, list[str]] = entry["anchors"]
        self.label_files: Mapping[str, list[Any]] = entry["label_files"]
        self.labels_digest: str | None = entry["labels"]
        self.dirs: Mapping[str, str | None] = entry["dirs"]
        self._anchor_ok: dict[str, bool] = {}
        self._labels_ok: bool | None = None

    def folders_unchanged(self) -> bool:
        tree = self.corpus.tree
        return all(listing_digest(tree.listing(rel_dir)) == digest for rel_dir, digest in self.dirs.items())

    def reusable(self, rel: str) -> bool:
        stored = self.files.get(rel)
        if stored is None or stored[0] != self.corpus.digest(rel):
            return False
        return all(
            self._labels_unchanged() if dep == LABELS else self._anchors_unchanged(dep) for dep in stored[4]
        )

    def _anchors_unchanged(self, target: str) -> bool:
        ok = self._anchor_ok.get(target)
        if ok is None:
            stored = self.anchors.get(target)
            if stored is None:
                ok = False
            elif stored[0] == self.corpus.digest(target):
                ok = True
            else:
                ok = anchor_digest(self.corpus, target) == stored[1]
            self._anchor_ok[target] = ok
        return ok

    def _labels_unchanged(self) -> bool:
        if self._labels_ok is None:
            stored = self.labels_digest
            self._labels_ok = stored is not None and _digest(course_labels(self.corpus, self)) == stored
        return self._labels_ok


def anchor_digest(corpus: Corpus, target: str) -> str:
    anchors = corpus.anchors(target)
    return "unreadable" if anchors is None else _digest(anchors.names())


def course_labels(corpus: Corpus, previous: _Previous | None) -> dict[str, str]:
    """The course's labels, taking unchanged files' labels from the previous run (no parsing)."""
    if corpus.labels_known():
        return corpus.labels()
    known = previous.label_files if previous is not None else {}
    per_file: dict[str, Sequence[str] | None] = {}
    for rel in corpus.course():  # in course order, which decides the file a duplicate label names
        stored = known.get(rel)
        per_file[rel] = stored[1] if stored is not None and stored[0] == corpus.digest(rel) else None
    stale = [rel for rel, names in per_file.items() if names is None]
    scans = corpus.scan_files(stale, strict=False) if stale else {}
    corpus.set_labels({rel: scans[rel].labels if rel in scans else names or [] for rel, names in per_file.items()})
    return corpus.labels()


def resolve(corpus: Corpus, files: Sequence[str], stored: Mapping[str, Any] | None) -> Resolution:
    """Verdicts for ``files``: reused from ``stored`` where still valid, resolved otherwise."""
    previous = None
    if stored is not None:
        try:
            previous = _Previous(corpus, stored)
            if not previous.folders_unchanged():
                previous = None
            else:
                # Files whose bytes changed since that run are not in the parse cache anyway
                # (it is keyed by content): a few are parsed without reading it.
                corpus.small_edit = True
        except (KeyError, TypeError, ValueError, AttributeError):
            previous = None
    try:
        reuse = {rel for rel in files if previous is not None and previous.reusable(rel)}
    except (KeyError, TypeError, ValueError, IndexError):
        previous, reuse = None, set()
    stale = [rel for rel in files if rel not in reuse]
    if previous is not None and not stale:
        return _rebuild(files, previous.files, resolved=0, entry=None)

    if previous is not None:
        course_labels(corpus, previous)  # labels from stored lists, so only stale files are parsed
    scans = corpus.scan_files(stale)
    resolver = Resolver(corpus)
    rows: dict[str, list[Any]] = dict(previous.files) if previous is not None else {}
    anchors: dict[str, list[str]] = dict(previous.anchors) if previous is not None else {}
    recorded: set[str] = set()  # targets whose anchors were recorded this run
    for rel in stale:
        file_links = scans[rel].links
        findings, external = [], []
        for link, verdict in zip(file_links, resolver.resolve_file(rel, file_links), strict=True):
            if verdict is None:
                continue
            if type(verdict) is External:
                external.append([verdict.url, link.line, link.column, link.target])
            else:
                findings.append([link.line, link.column, verdict.kind, verdict.message, link.target])
        deps = sorted(resolver.depends[rel])
        for target in deps:
            if target != LABELS and target not in recorded:
                recorded.add(target)
                anchors[target] = [corpus.digest(target) or "", anchor_digest(corpus, target)]
        rows[rel] = [corpus.digest(rel), len(file_links), findings, external, deps]

    dirs = dict(previous.dirs) if previous is not None else {}
    dirs.update({rel_dir: listing_digest(listing) for rel_dir, listing in corpus.tree.listings().items()})
    label_files = {}
    labels = None
    if corpus.labels_known():
        labels = _digest(corpus.labels())
        label_files = {rel: [corpus.digest(rel), list(names)] for rel, names in corpus.label_lists().items()}
    elif previous is not None:
        labels, label_files = previous.labels_digest, dict(previous.label_files)
    selected = set(files)
    entry = {
        "files": {rel: row for rel, row in rows.items() if rel in selected},
        "anchors": anchors,
        "labels": labels,
        "label_files": label_files,
        "dirs": dict(sorted(dirs.items())),
    }
    return _rebuild(files, entry["files"], resolved=len(stale), entry=entry)


def _rebuild(
    files: Sequence[str], rows: Mapping[str, list[Any]], resolved: int, entry: dict[str, Any] | None
) -> Resolution:
    result = Resolution(resolved_files=resolved, entry=entry)
    for rel in files:
        _, count, findings, external, _ = rows[rel]
        result.links += count
        for line, column, kind, message, target in findings:
            result.findings.append(Diagnostic(rel, line, column, kind, message, target))
        for url, line, column, target in external:
            result.external.setdefault(url, []).append((rel, line, column, target))
    return result
