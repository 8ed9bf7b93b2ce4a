"""Snippets mark every match they show, and only those: at the very start and the very end
of the window too, on every page of the sample toolkit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.engine import search as engine
from pipeline.engine.index import open_searcher
from pipeline.engine.snippets import MATCH_END, MATCH_START, WIDTH, Snippeter, flow
from pipeline.engine.store import IndexStore

QUERIES = [
    ("pharmacies", ()),
    ("consent", ()),
    ("child sexual exploitation", ("CSE", "child sexual exploitation")),
    ("a&e", ("A&E", "accident and emergency")),
    ("young people", ()),
]


def snippeter(words: str, forms: tuple[str, ...] = ()) -> Snippeter:
    return Snippeter({engine._stem(w) for w in words.split()}, engine._stem, forms)


def unmarked(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """The snippet's text without the ellipses and marks, and where the marks stood in it."""
    body = snippet.removeprefix("… ").removesuffix(" …")
    spans, plain, at = [], [], 0
    for piece in re.split(f"({MATCH_START}[^{MATCH_END}]*{MATCH_END})", body):
        if piece.startswith(MATCH_START):
            word = piece[1:-1]
            spans.append((at, at + len(word)))
            piece = word
        plain.append(piece)
        at += len(piece)
    return "".join(plain), spans


def test_a_match_that_opens_the_text_is_marked() -> None:
    got = snippeter("pharmacies").snippet("Pharmacies see young people every day.")
    assert got == f"{MATCH_START}Pharmacies{MATCH_END} see young people every day."


def test_a_match_that_closes_the_text_is_marked() -> None:
    got = snippeter("pharmacies").snippet("Young people go to pharmacies")
    assert got == f"Young people go to {MATCH_START}pharmacies{MATCH_END}"


def test_matches_at_both_edges_of_a_cut_window_are_marked() -> None:
    """A window cut from a long page: the words at its first and last positions are
    matches, and both are marked."""
    words = ["consent"] * 80  # every word a match: the window starts and ends on one
    text = "Filler words first. " * 20 + " ".join(words) + " and more filler after it." * 20
    got = snippeter("consent").snippet(text)
    plain, spans = unmarked(got)
    assert got.startswith("… ") and got.endswith(" …")
    assert spans[0][0] == plain.index("consent")
    assert spans[-1][1] == plain.rindex("consent") + len("consent")
    assert len(spans) == plain.count("consent")
    assert len(plain) <= WIDTH


def test_no_word_is_marked_without_a_match() -> None:
    assert snippeter("pharmacies").snippet("Nothing to see here.") == "Nothing to see here."


@pytest.fixture(scope="module")
def pages(sample_index: Path) -> list[str]:
    reader = open_searcher(IndexStore(sample_index).search_dir()).reader()
    return [flow(str(f["content"])) for f in reader.all_stored_fields() if f.get("content")]


@pytest.mark.parametrize(("words", "forms"), QUERIES)
def test_every_match_in_a_snippet_is_marked_and_nothing_else(
    pages: list[str], words: str, forms: tuple[str, ...]
) -> None:
    marker = snippeter(words, forms)
    checked, wrong = 0, []
    for number, text in enumerate(pages):
        got = marker.snippet(text)
        plain, spans = unmarked(got)
        at = text.find(plain)
        if not spans or at < 0 or text.count(plain) != 1:
            continue
        expected = [(s - at, e - at) for s, e in marker.matches(text) if s >= at and e <= at + len(plain)]
        checked += 1
        if spans != expected:
            wrong.append((number, got))
    assert checked > 3
    assert wrong == []
