"""The query path's faster parts (issue 17) answer exactly as the slower ones they replaced,
on a real index of the sample toolkit."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from whoosh.reading import IndexReader

from pipeline.engine import search as engine
from pipeline.engine.index import open_searcher
from pipeline.engine.store import IndexStore

Search = Callable[..., Result]


@pytest.fixture(scope="module")
def searcher(sample_index: Path):  # type: ignore[no-untyped-def]
    return open_searcher(IndexStore(sample_index).search_dir())


def _whoosh_candidates(searcher, typed: str) -> list[str]:  # type: ignore[no-untyped-def]
    """What Whoosh's own corrector returns for a word, by its generic walk over every word
    sharing the first letter (Damerau-Levenshtein), ranked as `corrector.suggest` ranks."""
    reader = searcher.reader()
    maxdist = engine._max_distance(typed)
    scored = [
        (0 - (maxdist + 1.0 / (reader.frequency("words", word) or 1) * 0.5), word)
        for word in IndexReader.terms_within(reader, "words", typed, maxdist, prefix=1)
    ]
    best = sorted(scored, reverse=True)[: engine.SUGGESTION_CANDIDATES]
    return [word for _, word in sorted(best, key=lambda item: (0 - item[0], item[1]))]


def test_spelling_candidates_are_the_words_whoosh_finds(searcher) -> None:  # type: ignore[no-untyped-def]
    typed = ["pharmacys", "safegaurding", "grooimng", "exploitaton", "schol", "childen", "sxual", "nurese"]
    assert [engine._spelling_candidates(searcher, word) for word in typed] == [
        _whoosh_candidates(searcher, word) for word in typed
    ]


def test_a_swapped_pair_of_letters_is_one_edit(cse_search: Search) -> None:
    """The typo "safegauring" is two edits (a dropped letter, two swapped): still corrected."""
    result = cse_search("safegauring", "--json")
    assert json.loads(result.stdout)["suggestion"] == "safeguarding"
