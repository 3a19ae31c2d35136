"""Did you mean ...?" hints that stay cheap when a run reports thousands of broken links.

Similarity is the Dice coefficient of character bigrams; candidates are pre-split into
bigram sets once and bucketed by length, so a lookup compares a handful of sets in C
instead of running :mod:`difflib` over every name of the course.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

THRESHOLD = 0.6


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
        best, best_score = None, THRESHOLD
        for length in range(max(1, len(word) - slack), len(word) + slack + 1):
            for candidate, other in self._by_length.get(length, ()):
                score = 2 * len(grams & other) / (len(grams) + len(other))
                if score > best_score or (score == best_score and best is None):
                    best, best_score = candidate, score
        return best
