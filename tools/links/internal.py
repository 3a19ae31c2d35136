"""Resolve a link against the course on disk: does the file exist (with this exact case), does
the anchor exist in it, does the path stay inside the root, is the scheme one the site serves?

Everything is answered from directory listings read once (:class:`tools.links.files.Tree`)
and anchors computed once per target file, so checking a link costs no system call.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from tools.links.anchors import normalize_label
from tools.links.corpus import Corpus
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
    Link,
)
from tools.links.hints import Vocabulary

# Bump when verdicts or their messages change: cached verdicts of older versions are dropped.
RESOLVE_VERSION = 3

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Written as URLs: percent-encoding is decoded, "?query" and "#fragment" split off.
_URL_KINDS = frozenset({LINK, IMAGE, DEFINITION, HTML_HREF, HTML_SRC})
# Must name a file, never a directory or a page anchor.
_FILE_KINDS = frozenset({IMAGE, HTML_SRC, DIRECTIVE, DOWNLOAD})
_SOURCE_SUFFIXES = (".md", ".rst", ".ipynb")
_HARMLESS_SCHEMES = frozenset({"mailto", "tel"})


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
# In a file's dependencies: it consulted the course's label set (file paths never look like this).
LABELS = "\0labels"


def _quote(text: str) -> str:
    return f"`{text}`"


class Resolver:
    """Turns each :class:`Link` of a file into a verdict: fine, broken (and why), or external."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.tree = corpus.tree
        self._memo: dict[tuple[str, str, str], tuple[Verdict, frozenset[str]]] = {}
        self._consulted: set[str] = set()
        # Per resolved file: the files whose anchors its verdicts used, and LABELS if labels.
        self.depends: dict[str, frozenset[str]] = {}
        self._folders: dict[tuple[str, str], Vocabulary] = {}
        self._label_words: Vocabulary | None = None
        self._anchor_words: dict[str, Vocabulary] = {}

    def resolve(self, source: str, link: Link) -> Verdict:
        """The verdict for one link of ``source`` (a root-relative path)."""
        return self.resolve_file(source, [link])[0]

    def resolve_file(self, source: str, links: Sequence[Link]) -> list[Verdict]:
        """Verdicts for the links of one file, in order.

        Verdicts are memoized: same-file anchors per file, labels once for the course, and
        everything else per folder (a relative target means the same from every file there).
        """
        directory = posixpath.dirname(source)
        memo = self._memo
        verdicts = []
        depends: set[str] = set()
        for link in links:
            kind, dest = link.kind, link.dest
            if kind == REF:
                key = ("", kind, dest)
            elif kind == UNDEFINED_REFERENCE or dest.startswith("#"):
                key = (source, kind, dest)
            else:
                key = (directory, kind, dest)
            known = memo.get(key)
            if known is None:
                self._consulted = set()
                known = memo[key] = (self._resolve(source, kind, dest.strip()), frozenset(self._consulted))
            verdict, consulted = known
            if consulted:
                depends |= consulted
            if verdict is not None and kind == DIRECTIVE and link.target != dest:
                verdict = self._spaced_image(source, link.target, verdict)
            verdicts.append(verdict)
        depends.discard(source)  # its own anchors change only with its own bytes
        self.depends[source] = frozenset(depends)
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
                    f"{scheme}: links do not work on the published site; "
                    "use an https:// URL or a relative path",
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
        if kind in _URL_KINDS:
            path, _, fragment = dest.partition("#")
            path = unquote(path.partition("?")[0])
            fragment = unquote(fragment)
        else:
            path, fragment = dest, ""
        if not path:
            if dest.startswith("#") and not fragment:
                return Broken(
                    "empty-link", "the anchor after `#` is empty: name a heading or remove the link"
                )
            return self._anchor(source, source, fragment, same_file=True) if fragment else None
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
            return self._anchor(source, rel, fragment, same_file=False)
        return None

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
                        f"{_quote(path)} does not exist; write {_quote(path + suffix)} "
                        "(GitHub needs the extension)",
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
        self._consulted.add(LABELS)
        return self.corpus.labels()

    def _anchor(self, source: str, target: str, fragment: str, same_file: bool) -> Verdict:
        self._consulted.add(target)
        anchors = self.corpus.anchors(target)
        if anchors is None or fragment in anchors:
            return None
        if same_file and normalize_label(fragment) in self._labels():
            return None  # MyST resolves [text](#label) against labels of the whole site
        where = "this file" if same_file else _quote(target)
        words = self._anchor_words.get(target)
        if words is None:
            words = self._anchor_words[target] = anchors.vocabulary()
        suggestion = words.closest(fragment)
        hint = f" (did you mean {_quote('#' + suggestion)}?)" if suggestion else ""
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
            return Broken(
                "missing-file", f"{{doc}} takes a document name without its extension: write {_quote(stem)}"
            )
        parent, _, leaf = rel.rpartition("/")
        close = self._folder(parent, _SOURCE_SUFFIXES).closest(leaf)
        hint = f" (did you mean {_quote(close)}?)" if close else ""
        return Broken(
            "missing-file", f"no document {_quote(dest)} ({_quote(rel + '.md')} does not exist){hint}"
        )

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
