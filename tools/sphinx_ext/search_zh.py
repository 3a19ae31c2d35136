"""Chinese full-text search that works in the browser.

Sphinx's Chinese search segments words with jieba and stems Latin words with the English
Snowball stemmer, but its ``language_data.js`` then assigns ``window.Stemmer =
ChineseStemmer``, a class that does not exist: every search page stops with
"ChineseStemmer is not defined" and never shows results. The stemmer class is named
after ``language_name``, so this subclass names the English one it really ships.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.search.zh import SearchChinese


class CourseSearchChinese(SearchChinese):
    language_name = "English"  # selects EnglishStemmer in language_data.js; see module docstring


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_search_language(CourseSearchChinese)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
