"""Chinese full-text search that finds what readers type.

Readers type Chinese without spaces, so a query is one long run of characters. Sphinx's own
Chinese support indexes only the words jieba cuts and ships no query splitter: ``流水线并行`` stays
one term and matches only where jieba produced exactly that word. Here the index and the query are
cut the same way: every run of Han characters into its overlapping character bigrams, plus its
single characters (so a one-character query finds them too); other words (``NVLink``, ``GB200``)
are stemmed as English, as Sphinx does. A page that contains the typed string then contains every
term of the query. Whether a page holds the query whole, rather than its bigrams apart, is decided
in the browser from the page text fetched for the result's summary, which orders the results
(``static/search-zh.js``, pasted into ``language_data.js``). Jieba's words were indexed as well at
first, to rank whole-word matches higher: the page-text check orders better, and dropping them
spares every build that indexes a page jieba's dictionary load (1.5 s or more).

Sphinx asks the language to split each text, then to stem and filter every word it got, once per
occurrence (millions of calls at the course's size). Here splitting returns the final terms,
cached per distinct text (titles are visited twice, and the same sentence recurs across pages):
English words stemmed once each, the English stemmer never sees a Chinese term, and stemming and
filtering are then no-ops.

The index holds every bigram of the course (megabytes), and pydata-sphinx-theme loads it in the
head of every page for its search-as-you-type box. Here a page loads it only when the reader first
reaches for search (``templates/search/layout.html``, ``static/search-index-on-demand.js``).

Sphinx's HTML builder reads, prunes and rewrites that index on every build, also when no page
changed (over two seconds at the course's planned size). :class:`CourseHTMLBuilder` leaves it as
it is when the build writes no page and removed none.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Set
from pathlib import Path
from typing import Any

import snowballstemmer  # type: ignore[import-untyped]
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.search import SearchLanguage
from sphinx.search._stopwords.en import ENGLISH_STOPWORDS
from sphinx.search.zh import SearchChinese
from sphinx.util.fileutil import copy_asset_file

# Han ideographs (CJK Unified Ideographs, Extension A, Compatibility). The same class is in the JS.
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A token is a run of Han characters or a run of other letters, digits and underscores.
TOKEN = re.compile(f"[{HAN_CLASS}]+|[^\\W{HAN_CLASS}]+")
SPLITTER_JS = Path(__file__).parent / "static" / "search-zh.js"
# The index is loaded when a reader first reaches for search, not in the head of every page.
INDEX_LOADER_JS = Path(__file__).parent / "static" / "search-index-on-demand.js"
LAYOUT_TEMPLATES = Path(__file__).parent / "templates" / "search"


def han_terms(run: str) -> list[str]:
    """The query terms of one run of Han characters: its bigrams, or the character itself."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def is_han(word: str) -> bool:
    """Whether a term is Chinese (its first character is a Han ideograph); cheaper than a regex."""
    first = word[0]
    return "\u3400" <= first <= "\u9fff" or "\uf900" <= first <= "\ufaff"


class CourseSearchChinese(SearchLanguage):
    """Han bigrams and single characters; English stemming for everything else."""

    lang = "zh"
    # language_data.js sets ``window.Stemmer = <language_name>Stemmer``: the English one is shipped.
    language_name = "English"
    js_stemmer_rawcode = "english-stemmer.js"
    stopwords = ENGLISH_STOPWORDS
    js_splitter_code = SPLITTER_JS.read_text(encoding="utf-8")

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self._stemmer = snowballstemmer.stemmer("english")
        # The same texts and words recur across a build's pages.
        self._terms = functools.lru_cache(maxsize=65536)(self._index_terms)
        self._english = functools.lru_cache(maxsize=65536)(self._english_term)

    def _index_terms(self, text: str) -> tuple[str, ...]:
        terms: dict[str, None] = {}
        for token in TOKEN.findall(text):
            if is_han(token):
                terms.update(dict.fromkeys(han_terms(token)))
                if len(token) > 1:
                    terms.update(dict.fromkeys(token))  # single characters, so that a one-character query finds them
            else:
                term = self._english(token)
                if term:
                    terms[term] = None
        return tuple(terms)

    def _english_term(self, word: str) -> str:
        # What the browser looks up for this word: stemmed, lower case; stop words and bare numbers
        # are dropped from queries, so they are not indexed.
        stemmed = str(self._stemmer.stemWord(word.lower())).lower()
        if len(stemmed) > 1 and not stemmed.isdigit() and stemmed not in self.stopwords:
            return stemmed
        return ""

    def split(self, input: str) -> list[str]:
        """The index terms of a text, final: Sphinx's stemming and filtering then have nothing left to do."""
        return list(self._terms(input))

    def stem(self, word: str) -> str:
        return word

    def word_filter(self, word: str) -> bool:
        return True


def _choose_language(app: Sphinx, config: Config) -> None:
    # Search languages live in one table per process: register either one explicitly, so that
    # builds with and without the course's language can share a process (the tests do).
    app.add_search_language(CourseSearchChinese if config.aiinfra_search_zh else SearchChinese)
    if config.aiinfra_search_zh:
        # A new list: without templates_path in conf.py the value is Sphinx's shared default.
        config.templates_path = [*config.templates_path, str(LAYOUT_TEMPLATES)]


def _copy_index_loader(app: Sphinx, exception: BaseException | None) -> None:
    if exception is None and app.config.aiinfra_search_zh and app.builder.format == "html":
        copy_asset_file(INDEX_LOADER_JS, app.outdir / "_static")


class CourseHTMLBuilder(StandaloneHTMLBuilder):
    """Sphinx's HTML builder, except that a build that changes no page leaves the search index alone."""

    _index_unchanged = False

    def load_indexer(self, docnames: Set[str]) -> None:
        index = self.outdir / self.searchindex_filename
        purged = getattr(self.env, "aiinfra_purged_docs", False)
        self._index_unchanged = not docnames and not purged and index.is_file()
        if not self._index_unchanged:
            super().load_indexer(docnames)

    def dump_search_index(self) -> None:
        if not self._index_unchanged:
            super().dump_search_index()


def _note_purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    # A page removed from the course leaves no page to write, but its entries must leave the index.
    env.aiinfra_purged_docs = True  # type: ignore[attr-defined]


def _forget_purges(app: Sphinx) -> None:
    app.env.aiinfra_purged_docs = False  # type: ignore[attr-defined]


def setup(app: Sphinx) -> dict[str, Any]:
    # `-D aiinfra_search_zh=0` gives Sphinx's own Chinese search (the benchmarks' baseline).
    app.add_config_value("aiinfra_search_zh", True, "html", bool)
    app.connect("config-inited", _choose_language)
    app.connect("build-finished", _copy_index_loader)
    app.add_builder(CourseHTMLBuilder, override=True)
    app.connect("builder-inited", _forget_purges)
    app.connect("env-purge-doc", _note_purge)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
