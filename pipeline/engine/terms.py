"""The text fields' terms, computed for the writer without Whoosh's chain of token objects.

Whoosh's TEXT field gives its writer each word's (bytes, frequency, weight, encoded
value) by passing one token object through a generator per filter per word (tokeniser,
lower case, stemmer, stop check) and summing boosts one token at a time: a fifth of a
large ingest's writing CPU. `Words.index` gives exactly the same tuples, in the same
order, from one compiled regex, `str.lower` and a dict of stems. The field keeps the
same analyser for everything else (queries, highlighting), and an old index written by
TEXT reads the same. tests/test_terms.py checks it against TEXT on every page of the
sample and on odd Unicode.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from whoosh.analysis import Analyzer, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.fields import TEXT

from pipeline.engine.postings import encode_frequency, positions_postings

STEM_CACHE = 200_000  # distinct words remembered by the stemmer (a few MB)


class _Stems(dict[str, str]):
    """Stems already computed, found by a plain dict look-up (C speed); only a new word
    calls the stemmer."""

    def __init__(self, stem: Callable[[str], str]) -> None:
        super().__init__()
        self.stem = stem

    def __missing__(self, word: str) -> str:
        if len(self) >= STEM_CACHE:  # bounded: a stream of odd tokens cannot grow it forever
            self.clear()
        stem = self[word] = self.stem(word)
        return stem


_ENGLISH: _Stems | None = None


def english_stems() -> _Stems:
    """The English stems of this process, shared by the analyser and the fields."""
    global _ENGLISH
    if _ENGLISH is None:
        from whoosh.lang import stemmer_for_language

        _ENGLISH = _Stems(stemmer_for_language("en"))
    return _ENGLISH


class CachedStemFilter(StemFilter):
    """Whoosh's stemmer behind a dict instead of Whoosh's pure-Python LFU cache, whose
    bookkeeping cost more than the stemming it saved; same stems, so same index and same
    matches."""

    def clear(self) -> None:
        super().clear()
        self._stem = english_stems().__getitem__


class Words(TEXT):
    """A TEXT field of the words `pattern` finds, lower-cased when `lower`, stemmed in
    English when `stem`; with positions when `phrase` (else frequencies)."""

    def __init__(
        self,
        pattern: str,
        *,
        lower: bool = True,
        stem: bool = False,
        phrase: bool = True,
        stored: bool = False,
        spelling: bool = False,
    ) -> None:
        analyzer: Analyzer = RegexTokenizer(pattern)
        if lower:
            analyzer = analyzer | LowercaseFilter()
        if stem:
            analyzer = analyzer | CachedStemFilter(lang="en", cachesize=None)
        super().__init__(analyzer=analyzer, phrase=phrase, stored=stored, spelling=spelling)
        self.words = re.compile(pattern)
        self.lower = lower
        self.stem = stem

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        """What TEXT.index gives (each distinct term once, in the order of its first
        occurrence): a list of words (which bypasses the analyser) or options go to it."""
        if kwargs or not isinstance(value, str):
            return super().index(value, **kwargs)
        words = self.words.findall(value)
        if self.lower:
            words = list(map(str.lower, words))
        if self.stem:
            words = list(map(english_stems().__getitem__, words))
        boost = self.format.field_boost
        if not self.format.supports("positions"):
            return (
                (word.encode("utf-8"), freq, freq * boost, encode_frequency(freq))
                for word, freq in Counter(words).items()
            )
        positions: dict[str, list[int]] = {}
        for at, word in enumerate(words):
            seen = positions.get(word)
            if seen is None:
                positions[word] = [at]
            else:
                seen.append(at)
        return iter(positions_postings(positions, boost))
