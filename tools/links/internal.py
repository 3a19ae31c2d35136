"""Resolve a link against the course on disk, as the Sphinx build will: does the file exist (with this
exact case), does the anchor exist in it, does the path stay inside the root, is the scheme one the
site serves?

The :class:`Corpus` reads and parses each file once, when a link first needs it; directory
listings are read once (:class:`tools.links.files.Tree`), so checking a link costs no system call.
The site sets ``myst_heading_slug_func = "github"``, so a heading's anchor is the one GitHub shows.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown_it.common.normalize_url import normalizeLink

from tools.errors import UsageError
from tools.links.cache import ScanCache
from tools.links.extract import (
    DEFINITION,
    DIRECTIVE,
    DOC,
    DOWNLOAD,
    HTML_HREF,
    HTML_SRC,
    IMAGE,
    LINK,
    REF,
    TOCTREE,
    UNDEFINED_REFERENCE,
    FileScan,
    Link,
    create_parser,
    scan_text,
)
from tools.links.files import Tree, course_files

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Written as URLs: percent-encoding is decoded, "?query" and "#fragment" split off.
_URL_KINDS = frozenset({LINK, IMAGE, DEFINITION, HTML_HREF, HTML_SRC})
# Markdown links, which MyST resolves (raw HTML links are left to the browser).
_MYST_LINKS = frozenset({LINK, DEFINITION})
# Must name a file, never a directory or a page anchor.
_FILE_KINDS = frozenset({IMAGE, HTML_SRC, DIRECTIVE, DOWNLOAD})
_SOURCE_SUFFIXES = (".md", ".rst", ".ipynb")
_HARMLESS_SCHEMES = frozenset({"mailto", "tel"})
SIMILARITY = 0.6


# --- "did you mean" hints -------------------------------------------------------------------
# Similarity is the Dice coefficient of character bigrams; candidates are split into bigram sets
# once and bucketed by length, so a run reporting thousands of broken links stays cheap.


@lru_cache(maxsize=65536)
def _bigrams(word: str) -> frozenset[str]:
    padded = f" {word.casefold()} "
    return frozenset(padded[i : i + 2] for i in range(len(padded) - 1))


class Vocabulary:
    """Known names (files of a folder, anchors of a page, labels of the course)."""

    def __init__(self, words: Iterable[str]) -> None:
        self._by_length: dict[int, list[tuple[str, frozenset[str]]]] = {}
        for word in sorted(set(words)):
            self._by_length.setdefault(len(word), []).append((word, _bigrams(word)))

    def closest(self, word: str) -> str | None:
        """The most similar known name, if similar enough; ties go to the first in order."""
        if not word or not self._by_length:
            return None
        grams = _bigrams(word)
        slack = max(2, len(word) // 3)
        best, best_score = None, SIMILARITY
        for length in range(max(1, len(word) - slack), len(word) + slack + 1):
            for candidate, other in self._by_length.get(length, ()):
                score = 2 * len(grams & other) / (len(grams) + len(other))
                if score > best_score or (score == best_score and best is None):
                    best, best_score = candidate, score
        return best


def normalize_label(label: str) -> str:
    """Labels compare as docutils names do: case-insensitive, whitespace collapsed."""
    return " ".join(label.lower().split())


@dataclass(frozen=True, slots=True)
class Anchors:
    """Fragments a file answers to, and who can reach them."""

    exact: frozenset[str]  # heading slugs and attribute ids: browsers match these exactly
    labels: frozenset[str]  # normalized (label)= targets and :name: options
    html: frozenset[str]  # ids in raw HTML: a browser finds them, MyST's cross-references do not

    @classmethod
    def of(cls, scan: FileScan) -> Anchors:
        exact = frozenset(scan.slugs) | frozenset(scan.ids)
        return cls(exact, frozenset(map(normalize_label, scan.labels)), frozenset(scan.html_ids))

    def has(self, fragment: str, html: bool) -> bool:
        """Whether a Markdown link (or, with ``html``, a raw HTML link) reaches ``fragment``."""
        return fragment in self.exact or normalize_label(fragment) in self.labels or (html and fragment in self.html)

    def vocabulary(self) -> Vocabulary:
        """The anchors a Markdown link can reach, for "did you mean" hints."""
        return Vocabulary(self.exact | self.labels)


class Corpus:
    """The course's files as the resolver needs them: each read and parsed once, on first use.

    With a ``cache``, a file whose bytes were parsed before (by an earlier run) is not parsed again.
    """

    def __init__(
        self,
        root: Path,
        extensions: frozenset[str],
        exclude_path: Sequence[re.Pattern[str]] = (),
        cache: ScanCache | None = None,
    ) -> None:
        self.root = root
        self.cache = cache
        self.parsed = 0  # files parsed this run (the rest came from the cache)
        self.tree = Tree(root)
        self.extensions = extensions
        self.exclude_path = tuple(exclude_path)
        self._md: Any = None
        self._scans: dict[str, FileScan | None] = {}
        self._anchors: dict[str, Anchors | None] = {}
        self._labels: dict[str, str] | None = None

    def scan(self, rel: str, strict: bool = False) -> FileScan | None:
        """The scan of one root-relative file, or None if it cannot be read.

        With ``strict``, an unreadable or non-UTF-8 file is a :class:`UsageError` (a file the
        user asked to check); otherwise it is skipped (a link target we only need anchors from).
        """
        if rel in self._scans and not (strict and self._scans[rel] is None):
            return self._scans[rel]
        scan = None
        try:
            with open(os.path.join(self.root, rel), "rb") as stream:
                data = stream.read()
            key = hashlib.blake2b(data, digest_size=16).hexdigest()
            scan = self.cache.get(key) if self.cache is not None else None
            if scan is None:
                text = data.decode("utf-8-sig")
                if self._md is None:
                    self._md = create_parser(self.extensions)
                scan = scan_text(self._md, text)
                self.parsed += 1
                if self.cache is not None:
                    self.cache.put(key, scan)
        except OSError as error:
            if strict:
                raise UsageError(f"{rel}: cannot read: {error.strerror or error}") from None
        except UnicodeDecodeError as error:
            if strict:
                raise UsageError(f"{rel}: not valid UTF-8 (byte {error.start}); save the file as UTF-8") from None
        self._scans[rel] = scan
        return scan

    def anchors(self, rel: str) -> Anchors | None:
        """The fragments ``rel`` answers to, or None when it cannot be read."""
        if rel not in self._anchors:
            scan = self.scan(rel)
            self._anchors[rel] = None if scan is None else Anchors.of(scan)
        return self._anchors[rel]

    def labels(self) -> dict[str, str]:
        """Every ``(label)=`` target and ``:name:`` of the course, normalized, to its file (first wins)."""
        if self._labels is None:
            labels: dict[str, str] = {}
            for rel in course_files(self.root, self.exclude_path):
                scan = self.scan(rel)
                for label in scan.labels if scan else ():
                    labels.setdefault(normalize_label(label), rel)
            self._labels = labels
        return self._labels


@dataclass(frozen=True, slots=True)
class Broken:
    """Why a link does not work: a short kind and a sentence saying how to fix it."""

    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class External:
    """A link to check over the network: the URL to request (without its fragment)."""

    url: str


Verdict = Broken | External | None


def _quote(text: str) -> str:
    return f"`{text}`"


class Resolver:
    """Turns each :class:`Link` of a file into a verdict: fine, broken (and why), or external."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.tree = corpus.tree
        self._memo: dict[tuple[str, str, str], Verdict] = {}
        self._folders: dict[tuple[str, str], Vocabulary] = {}
        self._label_words: Vocabulary | None = None
        self._anchor_words: dict[str, Vocabulary] = {}

    def resolve_file(self, source: str, links: Sequence[Link]) -> list[Verdict]:
        """Verdicts for the links of one file, in order.

        Verdicts are memoized: same-file anchors per file, labels once for the course, and
        everything else per folder (a relative target means the same from every file there).
        """
        directory = posixpath.dirname(source)
        memo = self._memo
        verdicts = []
        for link in links:
            kind, dest = link.kind, link.dest
            if kind == REF:
                key = ("", kind, dest)
            elif kind == UNDEFINED_REFERENCE or dest.startswith("#"):
                key = (source, kind, dest)
            else:
                key = (directory, kind, dest)
            if key in memo:
                verdict = memo[key]
            else:
                verdict = memo[key] = self._resolve(source, kind, dest.strip())
            if verdict is not None and kind == DIRECTIVE and link.target != dest:
                verdict = self._spaced_image(source, link.target, verdict)
            verdicts.append(verdict)
        return verdicts

    def _spaced_image(self, source: str, written: str, verdict: Verdict) -> Verdict:
        """Explain a missing image whose path has spaces that Sphinx removed."""
        rel = self._relative(source, written)
        if rel is not None and self.tree.lookup(rel).exists:
            return Broken(
                "missing-file",
                f"Sphinx removes the spaces from an image path, so {_quote(written)} is looked up as "
                f"{_quote(''.join(written.split()))}, which does not exist; rename the file without spaces",
            )
        return verdict

    def _resolve(self, source: str, kind: str, dest: str) -> Verdict:
        if kind == UNDEFINED_REFERENCE:
            return Broken(
                "broken-reference",
                f"reference [{dest}] is not defined: add a line `[{dest}]: <target>` or fix the label",
            )
        if kind == REF:
            return self._label(dest)
        if not dest:
            what = "image has no source" if kind in (IMAGE, HTML_SRC) else "link has no target"
            return Broken("empty-link", f"{what}: add the target or remove the link")
        if dest.startswith("//"):
            dest = "https:" + dest
        match = _SCHEME.match(dest)
        if match:
            scheme = match.group(1).lower()
            if scheme in ("http", "https"):
                return self._external(dest)
            if scheme in _HARMLESS_SCHEMES:
                return None
            if scheme == "data" and kind in (IMAGE, HTML_SRC):
                return None
            if scheme in ("project", "path") and kind in _URL_KINDS:
                dest = dest[len(scheme) + 1 :]
            else:
                return Broken(
                    "unsupported-scheme",
                    f"{scheme}: links do not work on the published site; use an https:// URL or a relative path",
                )
        if kind in (DOC, TOCTREE):
            return self._document(source, kind, dest)
        return self._path(source, kind, dest)

    # --- external ------------------------------------------------------------------------

    @staticmethod
    def _external(dest: str) -> Verdict:
        url = dest.partition("#")[0]
        try:
            parts = urlsplit(url)
            host = parts.hostname
            parts.port  # noqa: B018 - raises on a malformed port
        except ValueError as error:
            return Broken("invalid-url", f"malformed URL: {error}")
        if not host:
            return Broken("invalid-url", "URL has no host name")
        return External(url)

    # --- files and anchors -----------------------------------------------------------------

    def _relative(self, source: str, path: str) -> str | None:
        """Root-relative normalized path, or None when it leaves the root."""
        joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(source), path)
        rel = posixpath.normpath(joined) if joined else "."
        if rel == "..":
            return None
        if rel.startswith("../"):
            return None
        return "" if rel == "." else rel

    def _path(self, source: str, kind: str, dest: str) -> Verdict:
        if kind in _MYST_LINKS and "?" in dest.partition("#")[0]:
            query = "?" + dest.partition("#")[0].partition("?")[2]
            return Broken(
                "local-query",
                f"MyST cannot resolve a local link with a query ({_quote(query)}): remove the query",
            )
        if kind == IMAGE:
            written = normalizeLink(dest)
            if "%" in written or "?" in written:
                return self._encoded_image(source, dest, written)
        if kind in _URL_KINDS:
            path, _, fragment = dest.partition("#")
            path = unquote(path.partition("?")[0])
            fragment = unquote(fragment)
        else:
            path, fragment = dest, ""
        if not path:
            if dest.startswith("#") and not fragment:
                return Broken("empty-link", "the anchor after `#` is empty: name a heading or remove the link")
            return self._anchor(source, source, fragment, True, kind) if fragment else None
        rel = self._relative(source, path)
        if rel is None:
            return Broken(
                "escapes-root",
                f"{_quote(path)} leads outside the repository root; link to it by its https:// URL",
            )
        entry = self.tree.lookup(rel)
        if not entry.exists:
            if kind == LINK and "/" not in path and normalize_label(path) in self._labels():
                return None  # MyST resolves [text](label) to a (label)= target
            return self._missing(rel, path, kind)
        if entry.actual is not None:
            return Broken(
                "case-mismatch",
                f"{_quote(path)} differs in case from the file on disk ({_quote(entry.actual)}): "
                "it works on macOS and Windows but breaks on Linux and on the published site",
            )
        if entry.is_dir:
            if kind in _FILE_KINDS:
                return Broken("missing-file", f"{_quote(path)} is a directory, not a file")
            readme = next(
                (n for n in ("README.md", "index.md") if self.tree.lookup(f"{rel}/{n}" if rel else n).exists),
                None,
            )
            fix = f"link to {_quote(posixpath.join(path, readme))}" if readme else "link to a file in it"
            return Broken(
                "directory-link",
                f"{_quote(path)} is a directory, which the published site cannot show; {fix}",
            )
        if fragment and rel.endswith(".md"):
            return self._anchor(source, rel, fragment, False, kind)
        return None

    def _encoded_image(self, source: str, dest: str, written: str) -> Verdict:
        """A Markdown image as Sphinx reads it: MyST percent-encodes the path, and Sphinx takes
        the result (and any ``?query``) literally as the file name."""
        rel = self._relative(source, written)
        if rel is not None and self.tree.lookup(rel).exists:
            return None
        path = unquote(dest.partition("?")[0])
        actual = self._relative(source, path)
        if actual is None or not self.tree.lookup(actual).exists:
            return self._path(source, HTML_SRC, dest.partition("?")[0])  # missing either way: say so plainly
        if "?" in dest:
            fix = "remove the query"
        else:
            fix = (
                "rename the file with ASCII letters, digits, `-` and `_` only (no spaces), or use a {figure} directive"
            )
        return Broken(
            "missing-file",
            f"Sphinx looks for this image as {_quote(written)} (MyST percent-encodes the path and keeps "
            f"any query), which does not exist; {fix}",
        )

    def _missing(self, rel: str, path: str, kind: str) -> Broken:
        parent, _, name = rel.rpartition("/")
        if not self.tree.lookup(parent).exists:
            return Broken(
                "missing-file",
                f"{_quote(path)} does not exist: there is no directory {_quote(parent)}",
            )
        if kind in _URL_KINDS and "." not in name:
            for suffix in _SOURCE_SUFFIXES:
                candidate = f"{rel}{suffix}"
                if self.tree.lookup(candidate).exists:
                    return Broken(
                        "missing-file",
                        f"{_quote(path)} does not exist; write {_quote(path + suffix)} (GitHub needs the extension)",
                    )
        close = self._folder(parent, "").closest(name)
        hint = f" (did you mean {_quote(close)}?)" if close else ""
        return Broken("missing-file", f"{_quote(path)} does not exist{hint}")

    def _folder(self, parent: str, suffixes: str | tuple[str, ...]) -> Vocabulary:
        """Names in a folder (those ending with ``suffixes``, extension dropped, if given)."""
        key = (parent, str(suffixes))
        words = self._folders.get(key)
        if words is None:
            names = self.tree.siblings(f"{parent}/x" if parent else "x")
            if suffixes:
                names = [n.rsplit(".", 1)[0] for n in names if n.endswith(suffixes)]
            words = self._folders[key] = Vocabulary(names)
        return words

    def _labels(self) -> dict[str, str]:
        return self.corpus.labels()

    def _anchor(self, source: str, target: str, fragment: str, same_file: bool, kind: str) -> Verdict:
        anchors = self.corpus.anchors(target)
        if anchors is None or anchors.has(fragment, html=kind not in _MYST_LINKS):
            return None
        if same_file and normalize_label(fragment) in self._labels():
            return None  # MyST resolves [text](#label) against labels of the whole site
        where = "this file" if same_file else _quote(target)
        words = self._anchor_words.get(target)
        if words is None:
            words = self._anchor_words[target] = anchors.vocabulary()
        suggestion = words.closest(fragment)
        hint = f" (did you mean {_quote('#' + suggestion)}?)" if suggestion else ""
        if fragment in anchors.html:
            hint = " (an `id` in raw HTML, which MyST cannot link to: add a `(label)=` target and link to it)"
        return Broken(
            "missing-anchor",
            f"no heading, label or id {_quote('#' + fragment)} in {where}{hint}",
        )

    # --- Sphinx documents and labels ---------------------------------------------------------

    def _document(self, source: str, kind: str, dest: str) -> Verdict:
        name = dest
        if kind == TOCTREE:
            for suffix in _SOURCE_SUFFIXES:
                if name.endswith(suffix):
                    name = name[: -len(suffix)]
                    break
        rel = self._relative(source, name)
        if rel is None:
            return Broken("escapes-root", f"{_quote(dest)} leads outside the repository root")
        mismatch = None
        for suffix in _SOURCE_SUFFIXES:
            entry = self.tree.lookup(rel + suffix)
            if entry.exists:
                if entry.actual is None:
                    return None
                mismatch = mismatch or entry.actual
        if mismatch:
            return Broken(
                "case-mismatch",
                f"document {_quote(dest)} differs in case from the file on disk ({_quote(mismatch)}): "
                "it breaks on Linux and on the published site",
            )
        if kind == DOC and dest.endswith(_SOURCE_SUFFIXES) and self.tree.lookup(rel).exists:
            stem = dest.rsplit(".", 1)[0]
            return Broken("missing-file", f"{{doc}} takes a document name without its extension: write {_quote(stem)}")
        parent, _, leaf = rel.rpartition("/")
        close = self._folder(parent, _SOURCE_SUFFIXES).closest(leaf)
        hint = f" (did you mean {_quote(close)}?)" if close else ""
        return Broken("missing-file", f"no document {_quote(dest)} ({_quote(rel + '.md')} does not exist){hint}")

    def _label(self, label: str) -> Verdict:
        labels = self._labels()
        if normalize_label(label) in labels:
            return None
        if self._label_words is None:
            self._label_words = Vocabulary(labels)
        close = self._label_words.closest(normalize_label(label))
        hint = f" (did you mean {_quote(close)}?)" if close else ""
        return Broken(
            "missing-label",
            f"no label {_quote(label)} in the course: define it with `({label})=` before a heading{hint}",
        )
