"""Real-world PDFs nobody on this project wrote (../shared/corpus): every known phrase is
found on its page, and printed page labels come through. Skips when the corpus is absent."""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from pipeline.engine.store import IndexStore
from pipeline.ingest.manifest import Manifest, load_manifest
from tests.conftest import CORPUS, Place, corpus_dir

GEOBASE = "pypdf__GeoBase_NHNC1_Data_Model_UML_EN.pdf"
FEDERAL_REGISTER = "pdfplumber__federal-register-2020-17221.pdf"
PAGELABELS = "pdfminer__pagelabels.pdf"


def known_items() -> list[Any]:
    path = CORPUS / "readable" / "known_items.tsv"
    if not path.is_file():
        return [
            pytest.param(None, 0, "", marks=pytest.mark.skip(reason=f"real-world corpus not found at {path}"))
        ]
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        pytest.param(r["file"], int(r["page"]), r["phrase"], id=f"{r['file']}-p{r['page']}-{i}")
        for i, r in enumerate(rows)
    ]


@dataclass(frozen=True)
class Ingested(Place):
    """A folder of real-world PDFs ingested with `chapters: []`, and how that went."""

    result: Result

    def manifest(self) -> Manifest:
        manifest = load_manifest(IndexStore(self.index).current())
        assert manifest is not None
        return manifest


def ingest_dir(pdfs: Path, root: Path) -> Ingested:
    config = root / "toolkit.yaml"
    config.write_text("chapters: []\n", encoding="utf-8")
    place = Place(config, pdfs, root / "index")
    return Ingested(place.config, place.pdfs, place.index, place.ingest())


@pytest.fixture(scope="module")
def readable(tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    return ingest_dir(corpus_dir("readable"), tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def pagelabels(tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    source = corpus_dir("broken") / PAGELABELS
    if not source.is_file():
        pytest.skip(f"{source} not found")
    root = tmp_path_factory.mktemp("pagelabels")
    pdfs = root / "pdfs"
    pdfs.mkdir()
    shutil.copy(source, pdfs / PAGELABELS)
    return ingest_dir(pdfs, root)


def test_readable_corpus_ingests(readable: Ingested) -> None:
    assert readable.result.exit_code == 0, readable.result.output
    assert "0 chapters, 0 sections" in readable.result.stdout
    assert "12 uncatalogued documents" in readable.result.stdout
    manifest = readable.manifest()
    pdfs = sorted(p.name for p in corpus_dir("readable").glob("*.pdf"))
    assert len(pdfs) == 12
    assert sorted(manifest.files) == pdfs
    assert all(record.chapter is None for record in manifest.files.values())
    assert manifest.failures == {}


@pytest.mark.parametrize(("file", "page", "phrase"), known_items())
def test_known_phrase_is_found_on_its_page(readable: Ingested, file: str, page: int, phrase: str) -> None:
    result = readable.text_search(f'"{phrase}"', "--limit", "50", "--json")
    assert result.exit_code == 0, (phrase, result.output)
    found = [(h["file"], h["pdf_page"]) for h in json.loads(result.stdout)["results"]]
    assert (file, page) in found, found


def hit_on(ingested: Ingested, query: str, file: str, pdf_page: int) -> dict[str, Any]:
    result = ingested.text_search(query, "--limit", "50", "--json")
    assert result.exit_code == 0, result.output
    for hit in json.loads(result.stdout)["results"]:
        if (hit["file"], hit["pdf_page"]) == (file, pdf_page):
            return hit
    raise AssertionError(f"no hit for {query!r} on {file} PDF page {pdf_page}")


def test_geobase_front_matter_has_roman_labels(readable: Ingested) -> None:
    hit = hit_on(readable, '"added for inland water"', GEOBASE, 3)
    assert hit["page"] == "iii"
    labels = readable.manifest().files[GEOBASE].page_labels
    assert labels[2:5] == ("iii", "iv", "v")
    assert labels[5] == "6"


def test_federal_register_uses_printed_header_numbers(readable: Ingested) -> None:
    hit = hit_on(readable, '"system test and perform"', FEDERAL_REGISTER, 3)
    assert hit["page"] == "47700"
    record = readable.manifest().files[FEDERAL_REGISTER]
    assert record.label_source == "printed numbers"
    assert record.page_labels[:4] == ("47698", "47699", "47700", "47701")


def test_pagelabels_pdf_ingests(pagelabels: Ingested) -> None:
    assert pagelabels.result.exit_code == 0, pagelabels.result.output
    record = pagelabels.manifest().files[PAGELABELS]
    assert record.page_labels == ("iii", "iv", "1", "2", "1")
    assert record.label_source == "page labels"


def test_pagelabels_come_through_search(pagelabels: Ingested) -> None:
    result = pagelabels.text_search('"Some text here"', "--limit", "50", "--json")
    assert result.exit_code == 0, result.output
    got = {(h["pdf_page"], h["page"]) for h in json.loads(result.stdout)["results"]}
    assert got == {(1, "iii"), (2, "iv"), (3, "1"), (4, "2")}
    assert hit_on(pagelabels, '"More text here"', PAGELABELS, 5)["page"] == "1"
    assert hit_on(pagelabels, '"Second section"', PAGELABELS, 2)["page"] == "iv"
