"""A large cold ingest writes the index while it reads the PDFs (ingest/streaming.py): the
pages written so are the ones a write after reading gives, repeats of configured chapters
left out. The threshold is lowered so that the sample (and the whole toolkit beside it,
whose pages repeat the chapters') takes the streamed path; every PDF is made in the test
or is the sample's, and the ingest runs through the CLI."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any

import pytest

from pipeline.engine.store import IndexStore
from pipeline.ingest import streaming
from pipeline.ingest.manifest import load_manifest
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place, make_place
from tests.shapes import WHOLE, chapter, page_facts, write_whole_toolkit

QUERIES = ["pharmacies", "grooming", "looked after children", "wombat", "consent", "A&E", "refer*"]
P74 = next(f for f in page_facts(chapter(4)) if f.printed == "74")


def _place(root: Path) -> Place:
    place = make_place(root, SAMPLE_CONFIG.read_text(encoding="utf-8"))
    shutil.rmtree(place.pdfs)
    shutil.copytree(SAMPLE_PDFS, place.pdfs)
    write_whole_toolkit(place.pdfs / WHOLE)  # uncatalogued: 128 of its 130 pages repeat the chapters'
    return place


def _answers(place: Place) -> list[tuple[int, list[list[tuple[Any, ...]]]]]:
    """Each query's total and its hits, grouped by score (pages of equal score may come in
    either order: the parallel writer numbers pages in the order its processes take them)."""
    answers = []
    for query in QUERIES:
        result, data = place.search(query, "--limit", "200")
        assert result.exit_code == 0, result.output
        hits = [(h["score"], h["file"], h["page"], h["pdf_page"], h["snippet"]) for h in data["results"]]
        answers.append((data["total"], [sorted(g) for _, g in itertools.groupby(hits, key=lambda h: h[0])]))
    return answers


@pytest.fixture(scope="module")
def after_reading(tmp_path_factory: pytest.TempPathFactory) -> Place:
    """The layout ingested as a small index is: every file read, then written in one process."""
    place = _place(tmp_path_factory.mktemp("after-reading"))
    result = place.ingest()
    assert result.exit_code == 0, result.output
    return place


def test_pages_are_written_while_the_pdfs_are_read_and_answer_alike(
    after_reading: Place, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    place = _place(tmp_path)
    monkeypatch.setattr(streaming, "PARALLEL_WRITE_FROM", 30)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    arrived: list[str] = []
    written: list[tuple[str, int]] = []  # (file, files read when it was written)
    real_arrived, real_write = streaming.Stream.arrived, streaming.Stream._write

    def spy_arrived(self: streaming.Stream, name: str, *args: Any) -> None:
        arrived.append(name)
        real_arrived(self, name, *args)

    def spy_write(self: streaming.Stream, name: str, *args: Any) -> None:
        written.append((name, len(arrived)))
        real_write(self, name, *args)

    monkeypatch.setattr(streaming.Stream, "arrived", spy_arrived)
    monkeypatch.setattr(streaming.Stream, "_write", spy_write)
    result = place.ingest()
    assert result.exit_code == 0, result.output

    files = sorted(p.name for p in place.pdfs.glob("*.pdf"))
    assert sorted(arrived) == files
    assert written[0][1] < len(files), "nothing was written before the last PDF was read"
    # The whole toolkit waits for every configured chapter: its repeats are known only then.
    assert (WHOLE, len(files)) in written
    assert sorted(name for name, _ in written) == files
    streamed, read_first = (
        load_manifest(IndexStore(place.index).current()),
        load_manifest(IndexStore(after_reading.index).current()),
    )
    assert streamed is not None and read_first is not None
    assert streamed.files[WHOLE].repeats == read_first.files[WHOLE].repeats
    assert len(streamed.files[WHOLE].repeats) == 128
    assert _answers(place) == _answers(after_reading)
    search, data = place.search(P74.phrase)  # a repeated page is answered once, from its chapter
    assert search.exit_code == 0, search.output
    assert [(h["file"], h["pdf_page"]) for h in data["results"] if h["page"] == "74"] == [
        (chapter(4).file, 20)
    ]
