"""Each segment's pages and frequencies without positions (engine/counts.py): written by
every ingest beside each segment, equal to Whoosh's postings for every term searched,
removed by Whoosh with its segment, and never needed: a search without them, or with a
damaged one, answers exactly as with them. On the sample index, ingested for real."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index

from pipeline.engine import counts
from pipeline.engine import search as engine
from pipeline.engine.index import close_searchers, open_searcher
from pipeline.engine.store import IndexStore
from tests.conftest import SAMPLE_CONFIG
from tests.helpers import edited_chapter4, write_chapter

QUERIES = ["pharmacies", "children", "child sexual exploitation", '"looked after children"', "refer*",
           "grooming AND online", "CSE NOT online", "drunk daughter", "A&E"]  # fmt: skip


def _files(search_dir: Path) -> list[str]:
    return sorted(p.name for p in search_dir.glob(f"*{counts.SUFFIX}"))


def _segment_files(search_dir: Path) -> list[str]:
    """The file each segment of the index should have, by Whoosh's segment ids."""
    ix = whoosh_index.open_dir(str(search_dir))
    try:
        with ix.searcher() as searcher:
            readers = [reader for reader, _ in searcher.reader().leaf_readers()]
            return sorted(f"{reader.segment().segment_id()}{counts.SUFFIX}" for reader in readers)
    finally:
        ix.close()


def _answers(index_dir: Path) -> list[tuple[int, list[tuple[Any, ...]]]]:
    close_searchers()  # a searcher opened before a file changed keeps what it read
    out = []
    for query in QUERIES:
        result = engine.search(IndexStore(index_dir).search_dir(), query, limit=None)
        out.append((result.total, [(h.score, h.file, h.page, h.snippet) for h in result.hits]))
    close_searchers()
    return out


def test_every_segment_has_its_file_and_it_holds_whooshs_postings(sample_index: Path) -> None:
    search_dir = IndexStore(sample_index).search_dir()
    assert search_dir is not None
    assert _files(search_dir) == _segment_files(search_dir)
    searcher = open_searcher(search_dir)
    compared = 0
    for leaf, _ in searcher.leaf_searchers():
        reader = leaf.reader()
        for field in counts.FIELDS:
            for btext in reader.lexicon(field):
                public = reader.postings(field, btext)
                expected = []
                while public.is_active():
                    expected.append((public.id(), public.weight()))
                    public.next()
                kept = counts.pages_and_freqs(reader, field, btext)
                assert kept is not None, (field, btext)
                assert list(zip(*kept, strict=True)) == expected, (field, btext)
                compared += 1
    assert compared > 1000


@pytest.mark.parametrize("damage", ["missing", "truncated", "not ours"])
def test_a_search_answers_alike_without_the_files(sample_index: Path, tmp_path: Path, damage: str) -> None:
    copy = tmp_path / "index"
    shutil.copytree(sample_index, copy, symlinks=True)
    search_dir = IndexStore(copy).search_dir()
    assert search_dir is not None
    expected = _answers(copy)
    for path in search_dir.glob(f"*{counts.SUFFIX}"):
        if damage == "missing":
            path.unlink()
        elif damage == "truncated":
            path.write_bytes(path.read_bytes()[:-100])
        else:
            path.write_bytes(b"%PDF-1.4 not a page-frequency file" * 10)
    assert _answers(copy) == expected


def test_a_republished_chapter_gets_its_segments_file_and_whoosh_removes_a_dropped_ones(
    tmp_path: Path,
) -> None:
    from tests.conftest import SAMPLE_PDFS, Place

    pdfs, index = tmp_path / "pdfs", tmp_path / "index"
    shutil.copytree(SAMPLE_PDFS, pdfs)
    place = Place(SAMPLE_CONFIG, pdfs, index)
    assert place.ingest().exit_code == 0
    first = IndexStore(index).search_dir()
    assert first is not None
    before = _files(first)
    write_chapter(edited_chapter4(), pdfs / "chapter-4-health-services.pdf")
    result = place.ingest()
    assert result.exit_code == 0, result.output
    second = IndexStore(index).search_dir()
    assert second is not None and second != first
    segments = _segment_files(second)
    assert _files(second) == segments  # the new segment's written, the kept ones' linked
    assert len(segments) == len(before) + 1
    # Merging every segment into one (as an update does past MAX_SEGMENTS): Whoosh deletes
    # the files of the segments it drops, as it deletes theirs.
    ix = whoosh_index.open_dir(str(second))
    writer = ix.writer()
    writer.commit(optimize=True)
    ix.close()
    assert _files(second) == []  # none of the segments it had is left
    counts.write_missing(second)
    assert len(_segment_files(second)) == 1
    assert _files(second) == _segment_files(second)
