"""The index is written faster but is Whoosh's own: the text fields' terms computed without
Whoosh's token chain (engine/terms.py) are what Whoosh's TEXT with the same analyser gives,
tuple for tuple and in the same order, on every page of the sample and on odd Unicode; and
an index written by the engine (its fields, its codec and posting pool: postings.Codec,
postings._Pool) holds exactly the terms, postings, lengths and stored fields of one written
by Whoosh's TEXT fields, codec and pool from the same pages: in one process its term table
and postings file byte for byte, and by the parallel writer's processes page by page; and
each segment's page-frequency file, made from what the writer kept of its postings, is
byte for byte the one counts.py makes by reading the segment's postings back."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.analysis import RegexTokenizer
from whoosh.fields import TEXT, Schema
from whoosh.formats import Frequency, Positions

from pipeline.engine import counts, postings
from pipeline.engine import index as engine_index
from pipeline.engine.documents import PageKind, SectionPage
from pipeline.engine.index import get_schema, open_searcher, plain_analyzer, stemming_analyzer
from pipeline.engine.postings import encode_frequency, positions_postings
from pipeline.engine.store import IndexStore
from pipeline.engine.synonyms import Synonyms

# Text where lower-casing, \w and stemming are least obvious: dotted capital I (lower-cased
# to two characters), final sigma, the Kelvin sign, ligatures, combining marks, digits and
# underscores, "&" inside and around words, curly apostrophes, zero-width and odd spaces.
ODD = [
    "",
    "   \n\t ",
    "İstanbul İİ ΟΔΟΣ Σ σ ς ΣΑΣ",
    "\u212a\u212b KELVIN ﬁnd ﬂow ǅ ǆ Ǆ",
    "cafe\u0301 naïve Straße STRASSE ß ẞ",
    "A&E a&e &E A& && A&&E A&E&F Q&A-led",
    "don’t won't children’s 'quoted' ‘single’",
    "x_1 __init__ 2019 3rd 1st 10,000 1.2x",
    "grooming groomed groomer groomers GROOMING Grooming",
    "zero\u200bwidth non\u00a0breaking thin\u2009space ideographic\u3000space",
    "日本語のテキスト 한국어 العربية עברית",
    "a b a b a a b c a",
    "running ran runs easily fairly generously sensational",
]


def _whooshs_schema() -> Schema:
    """The schema as it was with Whoosh's own TEXT fields (the analysers unchanged)."""
    stem = stemming_analyzer()
    fields = dict(get_schema().items())
    fields.update(
        chapter_title=TEXT(stored=True, analyzer=stem),
        section_title=TEXT(stored=True, analyzer=stem),
        content=TEXT(stored=True, analyzer=stem, phrase=True),
        headers=TEXT(analyzer=stem, phrase=True),
        concepts=TEXT(analyzer=RegexTokenizer(r"\S+"), phrase=False),
        title_concepts=TEXT(analyzer=RegexTokenizer(r"\S+"), phrase=False),
        words=TEXT(analyzer=plain_analyzer(), spelling=True, phrase=False),
    )
    return Schema(**fields)


TEXT_FIELDS = ["chapter_title", "section_title", "content", "headers", "concepts", "title_concepts", "words"]


@pytest.fixture(scope="module")
def pages(sample_index: Path) -> list[SectionPage]:
    """The sample's indexed pages, from the index's stored fields (running headers are not
    stored: each page's first line stands in for them)."""
    searcher = open_searcher(IndexStore(sample_index).search_dir())
    found = []
    for fields in searcher.reader().all_stored_fields():
        if fields.get("kind") == engine_index.VOCABULARY:
            continue
        found.append(
            SectionPage(
                file=fields["file"],
                chapter=int(fields["chapter"]) if fields.get("chapter") else None,
                chapter_title=fields.get("chapter_title", ""),
                section=fields.get("section", ""),
                section_title=fields.get("section_title", ""),
                kind=PageKind(fields["kind"]),
                page=fields["page"],
                pdf_page=fields["pdf_page"],
                text=fields["content"],
                ocr=bool(fields.get("ocr", False)),
                headers=fields["content"].split("\n", 1)[0],
                aid=False,
            )
        )
    assert len(found) > 100
    return sorted(found, key=lambda unit: (unit.file, unit.pdf_page, unit.section))


def _texts(pages: list[SectionPage], tag: Any) -> list[str]:
    texts = [*ODD, *(unit.text for unit in pages), *(unit.section_title for unit in pages)]
    texts.extend(" ".join(tag(unit.text)) for unit in pages)
    words = re.compile(engine_index.TOKEN_PATTERN)
    texts.append(" ".join(sorted({w for unit in pages for w in words.findall(unit.text.lower())})))
    return texts


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_a_fields_terms_are_whooshs(field: str, pages: list[SectionPage]) -> None:
    ours, whooshs = get_schema()[field], _whooshs_schema()[field]
    assert type(ours.format) is type(whooshs.format)
    tag = Synonyms().tag
    for text in _texts(pages, tag):
        assert list(ours.index(text)) == list(whooshs.index(text)), text[:80]
    # A list of words bypasses the analyser in Whoosh: the same here.
    assert list(ours.index(["Words", "as", "given", "as"])) == list(
        whooshs.index(["Words", "as", "given", "as"])
    )


@pytest.mark.parametrize(
    "positions", [[0], [7], [0, 1], [3, 9, 10, 400], list(range(0, 3000, 7)), [2**20, 2**20 + 1]]
)
def test_positions_are_encoded_as_whoosh_encodes_them(positions: list[int]) -> None:
    [(word, freq, weight, encoded)] = positions_postings({"wörd": positions}, 1.5)
    assert (word, freq, weight, encoded) == (
        "wörd".encode(),
        len(positions),
        len(positions) * 1.5,
        Positions().encode(positions),
    )


@pytest.mark.parametrize("freq", [1, 2, 63, 64, 65, 1000])
def test_frequencies_are_encoded_as_whoosh_encodes_them(freq: int) -> None:
    [(_, _, _, encoded)] = Frequency().word_values(" ".join(["w"] * freq), plain_analyzer())
    assert encode_frequency(freq) == encoded


def _contents(path: Path) -> dict[str, Any]:
    ix = whoosh_index.open_dir(str(path))
    try:
        reader = ix.reader()
        names = [name for name in reader.schema.names() if reader.schema[name].indexed]
        terms: dict[str, list[tuple[bytes, list[tuple[int, float, bytes]]]]] = {}
        for name in names:
            found = []
            for btext in reader.lexicon(name):
                postings = reader.postings(name, btext)
                rows = []
                while postings.is_active():
                    rows.append((postings.id(), postings.weight(), postings.value()))
                    postings.next()
                found.append((btext, rows))
            terms[name] = found
        docs = range(reader.doc_count_all())
        [(leaf, _)] = reader.leaf_readers()
        segment = leaf.segment().open_compound_file(ix.storage)
        files = {name.rsplit(".", 1)[1]: segment.open_file(name).read() for name in segment.list()}
        return {
            "term table and postings": (files["trm"], files["pst"]),
            "terms": terms,
            "lengths": {name: [reader.doc_field_length(d, name, 0) for d in docs] for name in names},
            "stored": list(reader.all_stored_fields()),
        }
    finally:
        ix.close()


def _by_key(path: Path) -> dict[str, Any]:
    """The index's terms, postings, lengths and stored fields by page key (the processes of
    a parallel write number the pages in the order they take them)."""
    ix = whoosh_index.open_dir(str(path))
    try:
        reader = ix.reader()
        keys = {doc: fields["key"] for doc, fields in reader.iter_docs()}
        names = [name for name in reader.schema.names() if reader.schema[name].indexed]
        terms = {}
        for name in names:
            for btext in reader.lexicon(name):
                postings = reader.postings(name, btext)
                rows = []
                while postings.is_active():
                    rows.append((keys[postings.id()], postings.weight(), postings.value()))
                    postings.next()
                terms[name, btext] = sorted(rows)
        return {
            "terms": terms,
            # None (a length byte of 0) and 0 (the segment has no lengths of the field) alike
            "lengths": {(keys[d], n): reader.doc_field_length(d, n, 0) or 0 for d in keys for n in names},
            "stored": {keys[d]: fields for d, fields in reader.iter_docs()},
        }
    finally:
        ix.close()


def _page_freqs(path: Path) -> list[tuple[bytes, bytes]]:
    """Each segment's page-frequency file as the ingest left it (from the writer's draft
    where it left one), and as counts.py writes it from the segment's postings."""
    found = []
    ix = whoosh_index.open_dir(str(path))
    try:
        for reader, _ in ix.reader().leaf_readers():
            target = postings.segment_file(reader, counts.SUFFIX)
            assert target is not None
            again = target.with_name("again" + counts.SUFFIX)
            counts._write(reader, again)
            found.append((target.read_bytes(), again.read_bytes()))
            again.unlink()
    finally:
        ix.close()
    assert not list(path.glob(".*-draft")), "a draft was left behind"
    return found


def _whooshs_index(path: Path, pages: list[SectionPage], monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages written by Whoosh's own TEXT fields, codec and pool, in one process, its
    pool spilled to disk every megabyte."""
    with monkeypatch.context() as patch:
        patch.setattr(engine_index, "get_schema", _whooshs_schema)
        patch.setattr(postings, "writer", lambda ix, limitmb: ix.writer(limitmb=1))
        assert engine_index.write_index(path, pages, Synonyms().tag) == len(pages)


def test_an_index_the_engine_writes_is_the_one_whoosh_writes(
    pages: list[SectionPage], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In one process, the pool spilled to disk every megabyte as in the reference."""
    _whooshs_index(tmp_path / "whooshs", pages, monkeypatch)
    real = postings.writer
    monkeypatch.setattr(postings, "writer", lambda ix, limitmb: real(ix, 1))
    assert engine_index.write_index(tmp_path / "ours", pages, Synonyms().tag) == len(pages)
    ours, whooshs = _contents(tmp_path / "ours"), _contents(tmp_path / "whooshs")
    assert ours["terms"]["content"], "nothing was indexed"
    assert ours == whooshs
    [(from_draft, from_postings)] = _page_freqs(tmp_path / "ours")
    assert from_draft == from_postings
    assert from_draft == _page_freqs(tmp_path / "whooshs")[0][0]


def test_an_index_the_engines_writer_processes_write_holds_what_whoosh_writes(
    pages: list[SectionPage], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two writer processes, each spilling its pool every megabyte, then each segment's
    pages: the same terms, postings, lengths and stored fields, page by page."""
    _whooshs_index(tmp_path / "whooshs", pages, monkeypatch)
    monkeypatch.setattr(engine_index, "PARALLEL_WRITE_FROM", 30)
    monkeypatch.setattr(engine_index, "WRITER_MB", 1)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert engine_index.write_index(tmp_path / "ours", pages, Synonyms().tag) == len(pages)
    ix = whoosh_index.open_dir(str(tmp_path / "ours"))
    assert len(ix.reader().leaf_readers()) == 2, "not written by two processes"
    ix.close()
    ours, whooshs = _by_key(tmp_path / "ours"), _by_key(tmp_path / "whooshs")
    assert len(ours["stored"]) == len(pages) + len(engine_index.by_file(pages))
    assert ours == whooshs
    for from_draft, from_postings in _page_freqs(tmp_path / "ours"):
        assert from_draft == from_postings
