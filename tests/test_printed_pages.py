"""Each page keeps the number printed on it (SPEC, "Configuration"), on documents shaped the
way real ones are: a page removed on republishing, an unnumbered page inserted, roman front
matter before arabic pages. Every PDF is made in the test; every check goes through the CLI.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from tests.conftest import Place, make_place
from tests.shapes import PageFact, chapter, hit_at, one_chapter_config, page_facts
from tools.make_sample_toolkit import chapter_pages
from tools.pdfgen import Block, PageSpec, write_pdf

CH2, CH4 = chapter(2), chapter(4)
CH2_FACTS, CH4_FACTS = page_facts(CH2), page_facts(CH4)


# ------------------------------------------------------------------------ a removed page
@pytest.fixture(scope="module")
def removed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Place, Result, Result]:
    """Chapter 2 ingested, then republished without the page printed "Page 23" (PDF page 9):
    (place, the audit of that change, the ingest of it)."""
    place = make_place(tmp_path_factory.mktemp("removed"), one_chapter_config(2))
    pdf = place.pdfs / CH2.file
    pages = chapter_pages(CH2)
    write_pdf(pdf, pages)
    assert place.run("ingest").exit_code == 0
    write_pdf(pdf, pages[:8] + pages[9:])
    audit = place.run("audit", "--json")
    return place, audit, place.run("ingest")


def test_removed_page_gap_is_reported(removed: tuple[Place, Result, Result]) -> None:
    _, _, ingest = removed
    assert ingest.exit_code == 0, ingest.output
    assert (
        "printed page 23 is missing from chapter-2-responding-to-concerns.pdf (the file goes from "
        "p. 22 on PDF page 8 to p. 24 on PDF page 9)" in ingest.output
    )


@pytest.mark.parametrize("fact", [f for f in CH2_FACTS if f.printed != "23"], ids=lambda f: f"p{f.printed}")
def test_removed_page_leaves_every_other_page_its_number(
    removed: tuple[Place, Result, Result], fact: PageFact
) -> None:
    place, _, _ = removed
    pdf_page = int(fact.printed) - 14 - (int(fact.printed) > 23)
    hit = hit_at(place, fact.phrase, CH2.file, pdf_page)
    assert hit is not None
    assert (hit["page"], hit["section"]) == (fact.printed, fact.section)


def test_audit_of_removed_page_names_only_its_section(removed: tuple[Place, Result, Result]) -> None:
    _, audit, _ = removed
    assert audit.exit_code == 1, audit.output
    sections = json.loads(audit.stdout)["sections"]
    assert [(s["id"], s["status"]) for s in sections if s["status"] != "unchanged"] == [
        ("making-a-referral", "changed")
    ]


def test_suggest_after_a_removed_page_proposes_the_printed_numbers(
    removed: tuple[Place, Result, Result],
) -> None:
    place, _, _ = removed
    result = place.run("sections", CH2.file, "--suggest")
    assert result.exit_code == 0, result.output
    proposed = {s["id"]: s["start"] for s in yaml.safe_load(result.output)["sections"]}
    assert proposed == {s.id: s.start for s in CH2.sections}


def test_removed_page_a_section_configured_on_it_is_an_error_naming_it(tmp_path: Path) -> None:
    """The page where a section's heading stands is gone: the config must change."""
    place = make_place(tmp_path, one_chapter_config(2))
    pages = chapter_pages(CH2)
    write_pdf(place.pdfs / CH2.file, pages[:7] + pages[8:])  # printed page 22, Making a referral
    result = place.run("ingest")
    assert result.exit_code == 2, result.output
    assert (
        "chapters[0].sections[2].start: printed page 22 (Making a referral) is missing from "
        "chapter-2-responding-to-concerns.pdf (the file goes from p. 21 on PDF page 7 to p. 23 on PDF "
        "page 8)" in result.output
    )


# ---------------------------------------------------------------- an inserted unnumbered page
CHART = PageSpec(
    blocks=(
        Block("heading", "Chart: the school nurse pathway"),
        Block("para", "A full-page chart of the pathway, drawn for the sample, with a capybara on it."),
    )
)


@pytest.fixture(scope="module")
def inserted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Place, Result, Result]:
    """Chapter 4 ingested, then republished with an unnumbered chart after printed page 57."""
    place = make_place(tmp_path_factory.mktemp("inserted"), one_chapter_config(4))
    pdf = place.pdfs / CH4.file
    pages = chapter_pages(CH4)
    write_pdf(pdf, pages)
    assert place.run("ingest").exit_code == 0
    write_pdf(pdf, [*pages[:3], CHART, *pages[3:]])
    audit = place.run("audit", "--json")
    return place, audit, place.run("ingest")


def test_inserted_page_makes_no_gap_and_no_shift(inserted: tuple[Place, Result, Result]) -> None:
    _, _, ingest = inserted
    assert ingest.exit_code == 0, ingest.output
    assert "missing from" not in ingest.output
    assert "not on printed page" not in ingest.output


@pytest.mark.parametrize("fact", CH4_FACTS, ids=lambda f: f"p{f.printed}")
def test_inserted_page_leaves_every_page_its_number(
    inserted: tuple[Place, Result, Result], fact: PageFact
) -> None:
    place, _, _ = inserted
    pdf_page = int(fact.printed) - 54 + (int(fact.printed) > 57)
    hit = hit_at(place, fact.phrase, CH4.file, pdf_page)
    assert hit is not None
    assert (hit["page"], hit["section"]) == (fact.printed, fact.section)


def test_unnumbered_page_is_cited_after_the_page_before_it(inserted: tuple[Place, Result, Result]) -> None:
    place, _, _ = inserted
    result, data = place.search("capybara")
    assert result.exit_code == 0, result.output
    hit = data["results"][0]
    assert (hit["page"], hit["pdf_page"], hit["section"]) == ("57+1", 4, "school-nurses")
    text = place.text_search("capybara")
    assert "School Nurses — Chapter 4: Health Services, unnumbered page after p. 57" in text.output
    assert f"{CH4.file}, PDF page 4" in text.output


def test_audit_of_inserted_page_names_only_its_section(inserted: tuple[Place, Result, Result]) -> None:
    _, audit, _ = inserted
    sections = json.loads(audit.stdout)["sections"]
    assert [(s["id"], s["status"]) for s in sections if s["status"] != "unchanged"] == [
        ("school-nurses", "changed")
    ]


# ----------------------------------------------------------- roman front matter, then arabic
FRONT = [  # printed label, section, heading, text, a word only that page has
    ("i", None, "Contents", "What this handbook holds, page by page, for the wallaby.", "wallaby"),
    ("ii", "foreword", "Foreword", "A foreword about quolls and the people who count them.", "quolls"),
    ("iii", "foreword", None, "The foreword goes on about bandicoots in the long grass.", "bandicoots"),
    ("1", "definitions", "Definitions", "Definitions of terms, starting with potoroos.", "potoroos"),
    ("2", "definitions", None, "More definitions, mentioning bettongs once.", "bettongs"),
    ("3", "referral", "Referral", "How to refer, illustrated by dunnarts.", "dunnarts"),
]
ROMAN_CONFIG = """
chapters:
  - number: 1
    title: Handbook
    file: handbook.pdf
    sections:
      - {id: foreword, title: Foreword, start: ii}
      - {id: definitions, title: Definitions, start: 1}
      - {id: referral, title: Referral, start: 3}
"""


@pytest.fixture(scope="module")
def roman(tmp_path_factory: pytest.TempPathFactory) -> tuple[Place, Result]:
    place = make_place(tmp_path_factory.mktemp("roman"), ROMAN_CONFIG)
    pages = [
        PageSpec(
            blocks=(*((Block("heading", heading),) if heading else ()), Block("para", text)),
            footer=label if not label.isdigit() else f"Page {label}",
        )
        for label, _, heading, text, _ in FRONT
    ]
    write_pdf(place.pdfs / "handbook.pdf", pages)
    return place, place.run("ingest")


@pytest.mark.parametrize(("pdf_page", "row"), list(enumerate(FRONT, start=1)), ids=[r[0] for r in FRONT])
def test_roman_then_arabic_each_page_cited_by_its_own_number(
    roman: tuple[Place, Result], pdf_page: int, row: tuple[str, str | None, str | None, str, str]
) -> None:
    place, ingest = roman
    assert ingest.exit_code == 0, ingest.output
    label, section, _, _, word = row
    hit = hit_at(place, word, "handbook.pdf", pdf_page)
    assert hit is not None
    assert (hit["page"], hit["section"]) == (label, section or "chapter-1-introduction")


def test_roman_then_arabic_is_no_gap(roman: tuple[Place, Result]) -> None:
    _, ingest = roman
    assert "missing from" not in ingest.output


# ------------------------------------------------- running headers never empty a page (D3)
def test_similar_top_lines_that_are_all_a_page_holds_stay_searchable(tmp_path: Path) -> None:
    """Pages whose only text is a top line like "Step 1: ...", "Step 2: ..." (issue 18, D3)."""
    place = make_place(tmp_path, "chapters: []\n")
    pages = [PageSpec(header=f"Step {n}: check in with the child") for n in range(1, 5)]
    write_pdf(place.pdfs / "steps.pdf", pages)
    ingest = place.run("ingest")
    assert ingest.exit_code == 0, ingest.output
    assert (
        "steps.pdf: the line 'Step 1: check in with the child' and its like repeat at the top or "
        "bottom of 4 pages as a running header would, but are most of the text there; kept as "
        "searchable text"
    ) in ingest.output
    result, data = place.search("child", "--limit", "10")
    assert result.exit_code == 0, result.output
    assert sorted(h["pdf_page"] for h in data["results"]) == [1, 2, 3, 4]
