"""A toolkit laid out differently from the sample: a chapter in a sub-folder, printed page
numbers only in /PageLabels (no footers), numbered headings ("4.2 Pharmacies"), a heading
part-way down a page, and a leaflet the config does not name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml

from tests.conftest import Place, search_answer
from tools.pdfgen import Block, PageSpec, write_pdf

CONFIG = """
chapters:
  - number: 4
    title: Health Services
    file: health/ch4.pdf
    sections:
      - {id: school-nurses, title: School Nurses, start: 56}
      - {id: pharmacies, title: Pharmacies, start: 58}
audiences:
  - {id: health, title: Health, read: [4]}
roles:
  - {id: pharmacist, title: Pharmacist, audience: health, sections: [pharmacies], aliases: [chemist]}
  - {id: school-nurse, title: School nurse, audience: health, sections: [school-nurses]}
"""


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> Place:
    root = tmp_path_factory.mktemp("layout")
    (root / "pdfs" / "health").mkdir(parents=True)
    pages = [
        PageSpec(
            blocks=(
                Block("heading", "Part 4 Health Services"),
                Block("para", "How health staff use this part."),
            )
        ),
        PageSpec(
            blocks=(
                Block("para", "The introduction ends with a word about quokkas."),
                Block("heading", "4.1 School Nurses"),
                Block("para", "School nurses run drop-in clinics about relationships."),
            )
        ),
        PageSpec(blocks=(Block("para", "More school nurse guidance on confidentiality."),)),
        PageSpec(
            blocks=(Block("heading", "4.2 Pharmacies"), Block("para", "Pharmacies see young people often."))
        ),
    ]
    write_pdf(root / "pdfs" / "health" / "ch4.pdf", pages, page_labels=[(0, "D", 55, "")])
    write_pdf(root / "pdfs" / "leaflet.pdf", [PageSpec(blocks=(Block("para", "A leaflet about grooming."),))])
    (root / "toolkit.yaml").write_text(CONFIG, encoding="utf-8")
    place = Place.under(root)
    result = place.ingest()
    assert result.exit_code == 0, result.output
    assert "leaflet.pdf: not named in the config" in result.output
    return place


def _search(place: Place, *args: str) -> dict[str, Any]:
    return search_answer(place.text_search(*args, "--json"))


def _matched(place: Place, *args: str) -> list[tuple[str, str]]:
    """(section, printed page) of the pages that match, not those listed as more of a section."""
    return [(h["section"], h["page"]) for h in _search(place, *args)["results"] if not h["read_on"]]


def test_page_labels_give_printed_pages_and_numbered_headings_are_found(layout: Place) -> None:
    top = _search(layout, "chemist")["results"][0]
    assert (top["file"], top["section"], top["page"], top["pdf_page"]) == (
        "health/ch4.pdf",
        "pharmacies",
        "58",
        4,
    )
    result = layout.run("sections")
    assert (
        "school-nurses                    pp. 56-57     PDF 2-3     heading found on p. 56" in result.output
    )
    assert "health/ch4.pdf: 4 PDF pages, printed pages 55-58 (from page labels)" in result.output


def test_text_above_a_mid_page_heading_stays_in_the_introduction(layout: Place) -> None:
    assert _matched(layout, "quokkas") == [("chapter-4-introduction", "56")]
    assert _matched(layout, "drop-in") == [("school-nurses", "56")]


def test_role_scope_and_uncatalogued_documents(layout: Place) -> None:
    assert _search(layout, "drop-in", "--role", "pharmacist")["total"] == 0
    leaflet = _search(layout, "grooming")["results"][0]
    assert (leaflet["file"], leaflet["chapter"], leaflet["section"], leaflet["page"]) == (
        "leaflet.pdf",
        None,
        None,
        "1",
    )


def test_pack_keeps_the_page_label_and_suggest_keeps_the_configured_ids(layout: Place) -> None:
    out = layout.root / "packs"
    result = layout.run("pack", "chemist", "--out", str(out))
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(out / "pharmacist.pdf")
    assert reader.page_labels == ["Cover", "Contents", "58", "Sources"]
    suggestion = layout.run("sections", "health/ch4.pdf", "--suggest")
    assert yaml.safe_load(suggestion.output)["sections"] == [
        {"id": "school-nurses", "title": "School Nurses", "start": 56},
        {"id": "pharmacies", "title": "Pharmacies", "start": 58},
    ]


def test_a_section_can_start_on_a_roman_front_matter_page(tmp_path: Path) -> None:
    """Printed labels are not always numbers: a foreword on page "ii" is configured as such."""
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    pages = [
        PageSpec(blocks=(Block("heading", "Contents"), Block("para", "What this chapter holds."))),
        PageSpec(blocks=(Block("heading", "Foreword"), Block("para", "A foreword about wombats."))),
        PageSpec(blocks=(Block("heading", "Definitions"), Block("para", "Definitions of terms."))),
    ]
    write_pdf(pdfs / "ch1.pdf", pages, page_labels=[(0, "r", 1, ""), (2, "D", 1, "")])
    config = tmp_path / "c.yaml"
    config.write_text(
        "chapters:\n  - number: 1\n    title: Start\n    file: ch1.pdf\n    sections:\n"
        "      - {id: foreword, title: Foreword, start: ii}\n      - {id: definitions, title: Definitions, start: 1}\n",
        encoding="utf-8",
    )
    place = Place(config, pdfs, tmp_path / "index")
    result = place.ingest()
    assert result.exit_code == 0, result.output
    hits = _search(place, "wombats")["results"]
    assert [(h["section"], h["page"], h["pdf_page"]) for h in hits] == [("foreword", "ii", 2)]
    backwards = config.read_text(encoding="utf-8").replace("start: ii", "start: 2")
    config.write_text(backwards, encoding="utf-8")
    refused = place.ingest()
    assert refused.exit_code == 2
    assert "sections must be in page order" in refused.output


def test_many_pdfs_outside_the_config_make_one_warning(tmp_path: Path) -> None:
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    write_pdf(pdfs / "ch1.pdf", [PageSpec(blocks=(Block("para", "Chapter one text."),))])
    for n in range(7):
        write_pdf(pdfs / f"leaflet-{n}.pdf", [PageSpec(blocks=(Block("para", f"Leaflet {n} text."),))])
    config = tmp_path / "c.yaml"
    config.write_text("chapters:\n  - {number: 1, title: One, file: ch1.pdf}\n", encoding="utf-8")
    result = Place(config, pdfs, tmp_path / "i").ingest()
    assert result.exit_code == 0, result.output
    assert "7 PDFs are not named in the config" in result.output
    assert (
        "leaflet-0.pdf, leaflet-1.pdf, leaflet-2.pdf, leaflet-3.pdf, leaflet-4.pdf and 2 more"
        in result.output
    )
    assert "leaflet-6.pdf: not named" not in result.output
