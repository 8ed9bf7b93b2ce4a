"""The whole toolkit as one PDF (SPEC, "One file, several chapters" and "The same page in two
files is answered once"): chapters configured by `pages: FIRST-LAST` in the one file, that
file beside the chapter files, and numbering that jumps between the chapters of a file.
Every PDF is made in the test; every check goes through the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pypdf
import pytest
import yaml
from click.testing import Result

from pipeline.engine.store import IndexStore
from pipeline.ingest.manifest import load_manifest
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place, make_place
from tests.shapes import (
    FRONT_PAGES,
    WHOLE,
    PageFact,
    chapter,
    hit_at,
    page_facts,
    whole_config,
    write_whole_toolkit,
)
from tools.pdfgen import Block, PageSpec, write_pdf
from tools.sample_text import SAMPLE_NOTICE

CH4 = chapter(4)
FACTS = [(n, fact) for n in (1, 4, 9) for fact in page_facts(chapter(n))]
P74 = next(f for f in page_facts(CH4) if f.printed == "74")


# --------------------------------------------------------- the whole toolkit, configured by pages
@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> tuple[Place, Result]:
    place = make_place(tmp_path_factory.mktemp("whole"), whole_config())
    write_whole_toolkit(place.pdfs / WHOLE)
    return place, place.run("ingest")


def test_whole_toolkit_ingests_as_nine_chapters(whole: tuple[Place, Result]) -> None:
    _, ingest = whole
    assert ingest.exit_code == 0, ingest.output
    assert ingest.output.startswith("Indexed 9 chapters, 48 sections, 130 pages in ")


def test_whole_toolkit_has_no_gap(whole: tuple[Place, Result]) -> None:
    _, ingest = whole
    assert "Warnings" not in ingest.output


@pytest.mark.parametrize(
    ("number", "fact"), FACTS, ids=lambda x: f"p{x.printed}" if isinstance(x, PageFact) else f"ch{x}"
)
def test_whole_toolkit_cites_every_page_by_its_own_number(
    whole: tuple[Place, Result], number: int, fact: PageFact
) -> None:
    place, _ = whole
    hit = hit_at(place, fact.phrase, WHOLE, int(fact.printed) + FRONT_PAGES)
    assert hit is not None
    assert (hit["chapter"], hit["section"], hit["page"]) == (number, fact.section, fact.printed)


def test_pharmacist_gets_pharmacies_p74_first(whole: tuple[Place, Result]) -> None:
    place, _ = whole
    result, data = place.search("pharmacies", "--role", "pharmacist")
    assert result.exit_code == 0, result.output
    top = data["results"][0]
    assert (top["section"], top["page"], top["file"], top["pdf_page"]) == ("pharmacies", "74", WHOLE, 76)


def test_midwife_never_sees_pharmacies(whole: tuple[Place, Result]) -> None:
    place, _ = whole
    result, data = place.search("pharmacies", "--role", "midwife", "--limit", "1000")
    assert result.exit_code == 0, result.output
    assert "pharmacies" not in {h["section"] for h in data["results"]}


def test_cover_and_contents_are_the_files_front_matter(whole: tuple[Place, Result]) -> None:
    place, _ = whole
    result, data = place.search("wombat")
    assert result.exit_code == 0, result.output
    assert [(h["chapter"], h["section"], h["page"], h["pdf_page"]) for h in data["results"]] == [
        (None, None, "+1", 1)
    ]


def test_each_chapters_running_header_stays_out_of_the_text(whole: tuple[Place, Result]) -> None:
    place, _ = whole
    manifest = load_manifest(IndexStore(place.index).current())
    assert manifest is not None
    assert [s.id for s in manifest.sections if SAMPLE_NOTICE in s.text] == []


def test_sections_shows_each_chapter_of_the_file(whole: tuple[Place, Result]) -> None:
    place, _ = whole
    result = place.run("sections", WHOLE)
    assert result.exit_code == 0, result.output
    assert "  chapter 4: pp. 55-76, PDF pages 57-78\n" in result.output


def test_roles_lists_each_chapters_own_pages(whole: tuple[Place, Result]) -> None:
    place, _ = whole
    result = place.run("roles")
    assert "4. Health Services (pp. 55-76)" in result.output


def test_pack_cuts_each_chapter_from_the_shared_file(whole: tuple[Place, Result], tmp_path: Path) -> None:
    """Pharmacies and the must-read chapters 1, 2 and 4, each page once: only those
    chapters' pages are cut from the one file."""
    place, _ = whole
    result = place.run("pack", "pharmacist", "--full", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    labels = pypdf.PdfReader(tmp_path / "pharmacist.pdf").page_labels
    printed = sorted(int(label) for label in labels if label.isdigit())
    assert printed == [*range(1, 35), *range(55, 77)]


def test_suggest_proposes_the_chapters_with_their_pages(whole: tuple[Place, Result]) -> None:
    place, _ = whole
    result = place.run("sections", WHOLE, "--suggest")
    assert result.exit_code == 0, result.output
    configured = yaml.safe_load(whole_config())["chapters"]
    assert yaml.safe_load(result.output)["chapters"] == [
        {
            "number": c["number"],
            "title": c["title"],
            "file": WHOLE,
            "pages": c["pages"],
            "sections": [{"id": s["id"], "title": s["title"], "start": s["start"]} for s in c["sections"]],
        }
        for c in configured
    ]


def test_suggest_on_an_unconfigured_whole_document_proposes_chapters(tmp_path: Path) -> None:
    place = make_place(tmp_path, "chapters: []\n")
    write_whole_toolkit(place.pdfs / WHOLE)
    result = place.run("sections", WHOLE, "--suggest")
    assert result.exit_code == 0, result.output
    proposed = yaml.safe_load(result.output)["chapters"]
    assert [(c["number"], c["title"], c["pages"], len(c["sections"])) for c in proposed] == [
        (c.number, c.title, f"{c.first_page}-{c.last_page}", len(c.sections))
        for c in map(chapter, range(1, 10))
    ]


def test_audit_of_a_chapter_that_lost_a_page_in_the_shared_file(tmp_path: Path) -> None:
    place = make_place(tmp_path, whole_config())
    write_whole_toolkit(place.pdfs / WHOLE)
    assert place.run("ingest").exit_code == 0
    write_whole_toolkit(place.pdfs / WHOLE, drop_printed=23)
    audit = place.run("audit", "--json")
    assert audit.exit_code == 1, audit.output
    sections = json.loads(audit.stdout)["sections"]
    assert [(s["id"], s["status"]) for s in sections if s["status"] != "unchanged"] == [
        ("making-a-referral", "changed")
    ]


def test_gap_in_the_shared_file_names_its_chapter(tmp_path: Path) -> None:
    place = make_place(tmp_path, whole_config())
    write_whole_toolkit(place.pdfs / WHOLE, drop_printed=23)
    result = place.run("ingest")
    assert result.exit_code == 0, result.output
    assert (
        "printed page 23 of chapter 2 is missing from toolkit.pdf (the file goes from p. 22 on PDF "
        "page 24 to p. 24 on PDF page 25)"
    ) in result.output


# -------------------------------------------------- the whole toolkit beside its chapter files
@pytest.fixture(scope="module")
def beside(tmp_path_factory: pytest.TempPathFactory) -> tuple[Place, Result, Result]:
    """The sample (chapter files and config) ingested; then the whole toolkit added:
    (place, the audit of that, the ingest of it)."""
    root = tmp_path_factory.mktemp("beside")
    place = make_place(root, SAMPLE_CONFIG.read_text(encoding="utf-8"))
    shutil.rmtree(place.pdfs)
    shutil.copytree(SAMPLE_PDFS, place.pdfs)
    assert place.run("ingest").exit_code == 0
    write_whole_toolkit(place.pdfs / WHOLE)
    return place, place.run("audit"), place.run("ingest")


def test_beside_ingest_says_which_file_repeated_how_many_pages(beside: tuple[Place, Result, Result]) -> None:
    _, _, ingest = beside
    assert ingest.exit_code == 0, ingest.output
    assert (
        "toolkit.pdf: skipped 128 of its 130 pages, which repeat pages of configured chapters (each "
        "is answered once, from its chapter); its other pages are indexed"
    ) in ingest.output


def test_beside_a_page_is_answered_once_from_its_chapter(beside: tuple[Place, Result, Result]) -> None:
    place, _, _ = beside
    result, data = place.search(P74.phrase)
    assert result.exit_code == 0, result.output
    hits = [(h["file"], h["page"], h["pdf_page"]) for h in data["results"] if h["page"] == "74"]
    assert hits == [(CH4.file, "74", 20)]


def test_beside_the_whole_files_own_pages_are_indexed(beside: tuple[Place, Result, Result]) -> None:
    place, _, _ = beside
    result, data = place.search("wombat")
    assert [(h["file"], h["pdf_page"]) for h in data["results"]] == [(WHOLE, 1)]


def test_beside_audit_does_not_count_repeats_as_new_content(beside: tuple[Place, Result, Result]) -> None:
    _, audit, _ = beside
    assert audit.exit_code == 1, audit.output
    assert (
        "toolkit.pdf: 128 of its 130 pages repeat pages of configured chapters (no new content; they "
        "are answered from the chapters); 2 pages of its own"
    ) in audit.output


def test_chapter_files_beside_a_configured_whole_toolkit_are_answered_once(tmp_path: Path) -> None:
    place = make_place(tmp_path, whole_config())
    write_whole_toolkit(place.pdfs / WHOLE)
    shutil.copy(SAMPLE_PDFS / CH4.file, place.pdfs / CH4.file)
    ingest = place.run("ingest")
    assert ingest.exit_code == 0, ingest.output
    assert (
        "chapter-4-health-services.pdf: all 22 of its pages repeat pages of configured chapters; each "
        "is answered once, from its chapter"
    ) in ingest.output
    result, data = place.search(P74.phrase)
    hits = [(h["file"], h["page"], h["pdf_page"]) for h in data["results"] if h["page"] == "74"]
    assert hits == [(WHOLE, "74", 76)]


def test_many_whole_copies_make_one_line_in_the_audit_and_the_summary(tmp_path: Path) -> None:
    """A folder of past editions added beside the toolkit: seven copies of chapter 9 are named
    in one line (five of them and "2 more"), not a line each, by the audit and the ingest."""
    place = make_place(tmp_path, whole_config())
    write_whole_toolkit(place.pdfs / WHOLE)
    assert place.run("ingest").exit_code == 0
    chapter_9 = chapter(9).file
    for copy in range(1, 8):
        shutil.copy(SAMPLE_PDFS / chapter_9, place.pdfs / f"old-{copy}-{chapter_9}")
    names = ", ".join(f"old-{copy}-{chapter_9}" for copy in range(1, 6))
    audit = place.run("audit")
    assert audit.exit_code == 1, audit.output
    assert (
        "7 PDFs repeat pages of configured chapters, all of their pages (no new content; they are "
        f"answered from the chapters): {names} and 2 more"
    ) in audit.output
    assert "old-7-chapter-9-children-and-young-people.pdf: " not in audit.output
    ingest = place.run("ingest")
    assert ingest.exit_code == 0, ingest.output
    assert (
        "7 PDFs repeat pages of configured chapters, all of their pages; each page is answered once, "
        f"from its chapter: {names} and 2 more"
    ) in ingest.output
    assert "old-6-" not in ingest.output.split("Since the previous ingest:")[0]


# ----------------------------------------------- numbering that jumps between chapters of a file
JUMP_CONFIG = """
chapters:
  - number: 1
    title: Basics
    file: combined.pdf
    pages: 1-2
    sections:
      - {id: basics-terms, title: Terms, start: 2}
  - number: 4
    title: Health
    file: combined.pdf
    pages: 55-60
    sections:
      - {id: nurses, title: Nurses, start: 56}
      - {id: chemists, title: Chemists, start: 59}
"""
# (printed page, chapter, section, heading, a word only that page has); printed page 57 is gone
JUMP = [
    ("1", 1, "chapter-1-introduction", "Chapter 1: Basics", "aardvark"),
    ("2", 1, "basics-terms", "Terms", "bushbaby"),
    ("55", 4, "chapter-4-introduction", "Chapter 4: Health", "caracal"),
    ("56", 4, "nurses", "Nurses", "dikdik"),
    ("58", 4, "nurses", None, "echidna"),
    ("59", 4, "chemists", "Chemists", "fossa"),
    ("60", 4, "chemists", None, "genet"),
]


@pytest.fixture(scope="module")
def jump(tmp_path_factory: pytest.TempPathFactory) -> tuple[Place, Result]:
    place = make_place(tmp_path_factory.mktemp("jump"), JUMP_CONFIG)
    pages = [
        PageSpec(
            blocks=(
                *((Block("heading", heading),) if heading else ()),
                Block("para", f"Text about the {word}."),
            ),
            header="Basics for everyone · draft" if number == 1 else "Health staff guide · draft",
            footer=f"Page {printed}",
        )
        for printed, number, _, heading, word in JUMP
    ]
    write_pdf(place.pdfs / "combined.pdf", pages)
    return place, place.run("ingest")


@pytest.mark.parametrize(("pdf_page", "row"), list(enumerate(JUMP, start=1)), ids=[r[0] for r in JUMP])
def test_jump_each_page_cited_by_its_own_number(
    jump: tuple[Place, Result], pdf_page: int, row: tuple[str, int, str, str | None, str]
) -> None:
    place, ingest = jump
    assert ingest.exit_code == 0, ingest.output
    printed, number, section, _, word = row
    hit = hit_at(place, word, "combined.pdf", pdf_page)
    assert hit is not None
    assert (hit["chapter"], hit["section"], hit["page"]) == (number, section, printed)


def test_jump_between_chapters_is_no_gap_but_a_page_missing_inside_one_is(jump: tuple[Place, Result]) -> None:
    _, ingest = jump
    gaps = [line.strip() for line in ingest.output.splitlines() if "missing from" in line]
    assert gaps == [
        "- printed page 57 of chapter 4 is missing from combined.pdf (the file goes from p. 56 on PDF page 4 "
        "to p. 58 on PDF page 5)"
    ]


def test_jump_running_header_of_a_short_chapter_is_furniture(jump: tuple[Place, Result]) -> None:
    """Chapter 1's header is on 2 of the file's 7 pages: found only because it is judged
    within chapter 1's range."""
    place, _ = jump
    result, data = place.search("everyone")
    # Running headers are out of the page text; their words stay a weak page-level field
    # (issue 13), so the two pages it heads are found, but never quote it as body text.
    assert (result.exit_code, data["total"]) == (0, 2), result.output
    assert all("everyone" not in hit["snippet"].lower() for hit in data["results"]), data["results"]


def test_suggest_from_an_outline_with_chapter_and_section_levels(tmp_path: Path) -> None:
    """Bookmarks with two levels (chapters, then their sections) give chapters with pages."""
    place = make_place(tmp_path, "chapters: []\n")
    path = place.pdfs / WHOLE
    write_whole_toolkit(path)
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(path))
    chapters = [chapter(n) for n in range(1, 10)]
    for data in chapters:
        parent = writer.add_outline_item(title=data.title, page_number=data.first_page - 1 + FRONT_PAGES)
        for section in data.sections:
            writer.add_outline_item(
                title=section.title, page_number=section.start - 1 + FRONT_PAGES, parent=parent
            )
    with path.open("wb") as handle:
        writer.write(handle)
    result = place.run("sections", WHOLE, "--suggest")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Suggested chapters for toolkit.pdf, from its outline;")
    proposed = yaml.safe_load(result.output)["chapters"]
    assert [(c["number"], c["title"], c["pages"], [s["start"] for s in c["sections"]]) for c in proposed] == [
        (c.number, c.title, f"{c.first_page}-{c.last_page}", [s.start for s in c.sections]) for c in chapters
    ]
