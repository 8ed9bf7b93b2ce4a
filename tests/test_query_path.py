"""The query path's faster parts (issue 17) answer exactly as the slower ones they replaced,
on a real index of the sample toolkit."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.reading import IndexReader
from whoosh.util.numeric import byte_to_length, length_to_byte

from pipeline.engine import candidates, spelling
from pipeline.engine import search as engine
from pipeline.engine.candidates import holding, match_all
from pipeline.engine.index import open_searcher
from pipeline.engine.snippets import _SENTENCE_END, Snippeter, _heading_shape, _starts_sentence, flow
from pipeline.engine.store import IndexStore

Search = Callable[..., Result]


@pytest.fixture(scope="module")
def searcher(sample_index: Path):  # type: ignore[no-untyped-def]
    return open_searcher(IndexStore(sample_index).search_dir())


def _whoosh_candidates(searcher, typed: str) -> list[str]:  # type: ignore[no-untyped-def]
    """What Whoosh's own corrector returns for a word, by its generic walk over every word
    sharing the first letter (Damerau-Levenshtein), ranked as `corrector.suggest` ranks."""
    reader = searcher.reader()
    maxdist = spelling.max_distance(typed)
    scored = [
        (0 - (maxdist + 1.0 / (reader.frequency("words", word) or 1) * 0.5), word)
        for word in IndexReader.terms_within(reader, "words", typed, maxdist, prefix=1)
    ]
    best = sorted(scored, reverse=True)[: spelling.SUGGESTION_CANDIDATES]
    return [word for _, word in sorted(best, key=lambda item: (0 - item[0], item[1]))]


def test_spelling_candidates_are_the_words_whoosh_finds(searcher) -> None:  # type: ignore[no-untyped-def]
    typed = ["pharmacys", "safegaurding", "grooimng", "exploitaton", "schol", "childen", "sxual", "nurese"]
    assert [spelling.spelling_candidates(searcher, word) for word in typed] == [
        _whoosh_candidates(searcher, word) for word in typed
    ]


def test_a_swapped_pair_of_letters_is_one_edit(cse_search: Search) -> None:
    """The typo "safegauring" is two edits (a dropped letter, two swapped): still corrected."""
    result = cse_search("safegauring", "--json")
    assert json.loads(result.stdout)["corrected"] == "safeguarding"


QUERIES = [
    "pharmacies",
    "child sexual exploitation",
    "missing from home",
    '"looked after children"',
    "exploit*",
    "groom*",
    "re*",
    "s*x",
    "grooming AND online",
    "CSE NOT online",
    "drunk daughter",
    # Phrases of common words: each word's positions are read only
    # where the words before it stand together.
    '"risk of sexual exploitation"',
    '"if you are worried" OR "refer to the mash"',
    '"not coming home" OR "going missing"',
]


def _whoosh_ranking(searcher, query) -> list[tuple[float, int]]:  # type: ignore[no-untyped-def]
    return list(searcher.search(query, limit=None).top_n)


def _candidate_query(searcher, text: str):  # type: ignore[no-untyped-def]
    expanded, _ = engine._synonyms((), None).expand(engine.clean_query(text), lay_weight=0.5)
    return engine._parse(engine.make_parser(searcher.schema), expanded)


def test_every_match_scored_from_whole_blocks_as_whoosh_scores_it(searcher) -> None:  # type: ignore[no-untyped-def]
    """Pages, order and scores (to rounding) of the block-wise evaluation equal Whoosh's."""
    ours, theirs = [], []
    for text in QUERIES:
        query = _candidate_query(searcher, text)
        matched = match_all(searcher, query)
        ours.append(
            [(round(score, 9), doc) for doc, score in sorted(matched.items(), key=lambda i: (-i[1], i[0]))]
        )
        theirs.append([(round(score, 9), doc) for score, doc in _whoosh_ranking(searcher, query)])
    assert ours == theirs


def test_deleted_pages_are_not_matched(sample_index: Path, tmp_path: Path) -> None:
    """A republished chapter leaves its old pages deleted in older segments until a merge."""
    copy = tmp_path / "search"
    shutil.copytree(IndexStore(sample_index).search_dir(), copy)
    ix = whoosh_index.open_dir(str(copy))
    writer = ix.writer()
    writer.delete_by_term("file", "chapter-4-health-services.pdf")
    writer.commit(merge=False)
    with ix.searcher() as deleted:
        query = _candidate_query(deleted, "pharmacies OR children")
        assert sorted(match_all(deleted, query)) == sorted(doc for _, doc in _whoosh_ranking(deleted, query))
        # A phrase whose words are on deleted pages too (a KeyError once: their positions
        # are not read, as the pages are gone).
        phrase = _candidate_query(deleted, '"looked after children" OR "sexual exploitation"')
        matched = match_all(deleted, phrase)
        assert matched
        assert sorted(matched) == sorted(doc for _, doc in _whoosh_ranking(deleted, phrase))


def test_fast_snippet_matches_are_the_slow_ones_on_every_page(searcher) -> None:  # type: ignore[no-untyped-def]
    pages = [flow(str(f["content"])) for f in searcher.reader().all_stored_fields() if f.get("content")]
    cases = [
        ("pharmacies chemist", ("chemist", "pharmacy", "pharmacist")),
        ("child sexual exploitation", ("CSE", "child sexual exploitation")),
        ("a&e", ("A&E", "accident and emergency", "emergency department")),
        ("in need", ("child in need", "children in need", "CiN")),
        ("missing", ("run away", "runaway", "runs away")),
    ]
    differing = []
    for words, forms in cases:
        snippeter = Snippeter({engine._stem(w) for w in words.split()}, engine._stem, forms)
        differing += [
            (words, i)
            for i, page in enumerate(pages)
            if snippeter.matches(page) != snippeter._matches_slowly(page)
        ]
    assert differing == []


def test_matches_among_candidates_are_the_matchers(searcher) -> None:  # type: ignore[no-untyped-def]
    docs = list(range(0, searcher.doc_count_all(), 3))
    query = wq.Or([wq.Term("kind", "document"), wq.Term("aid", "yes"), wq.Term("section", "pharmacies")])
    assert holding(searcher, query, docs) == candidates._holding_by_matcher(searcher, query, docs)


def _flow_one_line_at_a_time(text: str) -> str:
    """The rule of snippets.flow as first written: each line looked at in turn."""
    lines = [line for line in (" ".join(line.split()) for line in text.splitlines()) if line]
    out: list[str] = []
    after_break, previous_heading = True, False
    for i, line in enumerate(lines):
        heading = (
            after_break and _heading_shape(line) and (i + 1 == len(lines) or _starts_sentence(lines[i + 1]))
        )
        if out:
            out.append("\n" if heading or previous_heading else " ")
        out.append(line)
        after_break, previous_heading = heading or line.endswith(_SENTENCE_END), heading
    return "".join(out)


def test_flow_is_the_line_by_line_rule_on_every_page(searcher) -> None:  # type: ignore[no-untyped-def]
    pages = [str(f["content"]) for f in searcher.reader().all_stored_fields() if f.get("content")]
    pages += ["Pharmacies\u00a0 near\tyou.\r\nOpen  late\n\n Contact\n", "A\nB\nC\nD.", " x ", ""]
    assert [flow(page) for page in pages] == [_flow_one_line_at_a_time(page) for page in pages]


def test_page_lengths_are_whooshs_in_every_segment(sample_index: Path, tmp_path: Path) -> None:
    """The model's page lengths, read once per searcher for the whole index, on an index of
    two segments (a chapter's pages written again in a segment of their own)."""
    copy = tmp_path / "search"
    shutil.copytree(IndexStore(sample_index).search_dir(), copy)
    ix = whoosh_index.open_dir(str(copy))
    with ix.searcher() as before:
        again = [dict(f) for f in before.reader().all_stored_fields() if f.get("page") in ("74", "75")]
    writer = ix.writer()
    for fields in again:
        writer.add_document(**{k: v for k, v in fields.items() if k in ("key", "file", "page", "content")})
    writer.commit(merge=False)
    with ix.searcher() as searcher:
        assert len(searcher.leaf_searchers()) == 2
        for field in ("content", "section_title", "headers"):
            expected = [
                float(byte_to_length(length_to_byte(int(searcher.doc_field_length(doc, field, 0) or 0))))
                for doc in range(searcher.doc_count_all())
            ]
            assert [candidates.field_length(searcher, doc, field) for doc in range(len(expected))] == expected


@pytest.mark.parametrize("word", ["pharmacies", "children", "groomed", "exploitation"])
def test_a_one_word_querys_counts_read_without_positions_are_the_positions_counts(
    searcher,  # type: ignore[no-untyped-def]
    word: str,
) -> None:
    """A query of one word (no form of several words) needs no positions: no proximity,
    no word order. Its count on every candidate is the number of positions it has there."""
    from pipeline.engine import scoring

    (unit,) = engine.query_units(word, engine._synonyms((), None))
    assert all(len(a.stems) == 1 for a in unit.alternatives) and not unit.concept
    docs = sorted(match_all(searcher, _candidate_query(searcher, word)))[:100]
    positions = scoring._postings(searcher, "content", {a.stems[0] for a in unit.alternatives}, docs, True)
    counts, _ = scoring._counts(searcher, docs, [unit])
    assert docs
    for doc in docs:
        held = [a.weight * len(positions.get((a.stems[0], doc), ())) for a in unit.alternatives]
        assert counts[doc][0].content == sum(held)
        assert counts[doc][0].positions == []


@pytest.mark.parametrize(
    "text",
    [
        "pharmacies",
        "child sexual exploitation",
        '"looked after children" signs',
        "(missing OR runaway OR (absent OR away)) home",
        "grooming AND (signs OR (indicators AND risk)) NOT alcohol",
        "pharm* OR (chaperone^2 OR nurse)",
        "(absent OR away)^3 missing",
        "alcohol OR alcohol OR drink",
    ],
)
@pytest.mark.parametrize("group", ["and", "or"])
def test_a_parsed_query_is_the_one_whooshs_normalize_gives(searcher, text: str, group: str) -> None:  # type: ignore[no-untyped-def]
    """The parse merges nested groups without Whoosh's deep copies (a tenth of a three-word
    query's time); the tree it gives is Whoosh's own normalized tree, boosts included."""
    parser = engine.make_parser(
        searcher.schema, group=engine.qparser.OrGroup if group == "or" else engine.qparser.AndGroup
    )
    assert engine._parse(parser, text) == parser.parse(text)


def test_a_word_is_found_in_the_sorted_list_as_a_scan_of_its_lines_finds_it() -> None:
    """english.py finds a word by halving its sorted list; every word of the list, and
    words not in it (before the first, after the last, between two), answer as reading
    the lines one by one does."""
    from pipeline.engine.english import English, english_lines

    lines = english_lines()
    by_scan = dict(line.split("\t") for line in lines.strip("\n").split("\n"))
    words = English(lines.encode("utf-8"))
    assert all(words.zipf(word) == float(zipf) for word, zipf in by_scan.items() if word == word.lower())
    for absent in ("", "\x00", "aaaaaaa", "hungoverr", "zzzzzzzz", "\uffff"):
        assert absent not in by_scan and words.zipf(absent) == 0.0
