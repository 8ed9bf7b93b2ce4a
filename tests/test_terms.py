"""The index is written faster but is Whoosh's own: the text fields' terms computed without
Whoosh's token chain (engine/terms.py) are what Whoosh's TEXT with the same analyser gives,
tuple for tuple and in the same order, on every page of the sample and on odd Unicode; and
an index written by the engine (its fields, its codec: postings.Codec) holds exactly the
terms, postings, lengths and stored fields of one written by Whoosh's TEXT fields and
codec from the same pages, its term table and postings file byte for byte."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.analysis import RegexTokenizer
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import TEXT, Schema
from whoosh.formats import Frequency, Positions

from pipeline.engine import index as engine_index
from pipeline.engine.documents import PageKind, SectionPage
from pipeline.engine.index import get_schema, open_searcher, plain_analyzer, stemming_analyzer
from pipeline.engine.postings import Codec, encode_frequency, encode_positions
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
    assert encode_positions(positions) == Positions().encode(positions)


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


def test_an_index_the_engine_writes_is_the_one_whoosh_writes(
    pages: list[SectionPage], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tag = Synonyms().tag
    written = {}
    for name, schema, codec in (("ours", get_schema, Codec), ("whooshs", _whooshs_schema, W3Codec)):
        monkeypatch.setattr(engine_index, "get_schema", schema)
        monkeypatch.setattr(engine_index, "Codec", codec)
        assert engine_index.write_index(tmp_path / name, pages, tag) == len(pages)
        written[name] = _contents(tmp_path / name)
    assert written["ours"]["terms"]["content"], "nothing was indexed"
    assert written["ours"] == written["whooshs"]
