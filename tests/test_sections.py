"""Sections on the sample toolkit: printed start pages, headings part-way down a page, chapter
introductions, headings that moved or vanished, uncatalogued PDFs, `cse-toolkit sections`."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from pipeline.config import ChapterSpec, SectionSpec, load_config
from pipeline.engine.store import IndexStore
from pipeline.ingest.extract import extract_pdf
from pipeline.ingest.manifest import Manifest, load_manifest
from pipeline.ingest.pages import number_pages
from pipeline.ingest.sections import Split, split_chapter
from tests.conftest import SAMPLE_CONFIG, SAMPLE_PDFS, Place
from tools.pdfgen import Block, PageSpec, write_pdf

CH4 = "chapter-4-health-services.pdf"
INTRO4 = "chapter-4-introduction"


@pytest.fixture(scope="module")
def chapter4() -> Split:
    """Chapter 4 of the sample split as the ingest splits it."""
    config = load_config(SAMPLE_CONFIG, SAMPLE_PDFS)
    spec = config.chapter(4)
    assert spec is not None
    pdf = extract_pdf(SAMPLE_PDFS / CH4, CH4)
    return split_chapter(spec, pdf, number_pages(pdf, spec.first_page), "chapters[3]")


@pytest.fixture
def manifest(sample_index: Path) -> Manifest:
    found = load_manifest(IndexStore(sample_index).current())
    assert found is not None
    return found


def units(split: Split, pdf_page: int) -> dict[str, str]:
    """Section id -> text of the units on one PDF page."""
    return {u.section: u.text for u in split.pages if u.pdf_page == pdf_page}


# --------------------------------------------------------------------------- the sample
def test_pharmacies_is_pdf_page_20_printed_74(manifest: Manifest) -> None:
    info = manifest.section("pharmacies")
    assert info is not None
    assert (info.chapter, info.file) == (4, CH4)
    assert (info.first_page, info.last_page) == ("74", "74")
    assert (info.first_pdf_page, info.last_pdf_page) == (20, 20)
    assert (info.heading_found, info.heading_page) == (True, "74")
    assert manifest.files[CH4].page_labels == tuple(str(n) for n in range(55, 77))


def test_chapter_4_section_ranges(manifest: Manifest) -> None:
    got = [
        (s.id, s.first_page, s.last_page, s.first_pdf_page, s.last_pdf_page)
        for s in manifest.sections_of(CH4)
    ]
    assert got == [
        ("chapter-4-introduction", "55", "55", 1, 1),
        ("school-nurses", "56", "58", 2, 4),
        ("gynaecology", "59", "60", 5, 6),
        ("midwifery", "60", "61", 6, 7),
        ("health-visitors", "62", "63", 8, 9),
        ("sexual-health", "64", "66", 10, 12),
        ("camhs", "67", "69", 13, 15),
        ("accident-and-emergency", "70", "72", 16, 18),
        ("paramedics", "73", "73", 19, 19),
        ("pharmacies", "74", "74", 20, 20),
        ("general-practice", "75", "76", 21, 22),
    ]


def test_heading_part_way_down_page_60_splits_the_page(chapter4: Split) -> None:
    on_60 = units(chapter4, 6)
    assert set(on_60) == {"gynaecology", "midwifery"}
    above, below = on_60["gynaecology"], on_60["midwifery"]
    # Text above the Midwifery heading belongs to Gynaecology...
    assert above.startswith("In the gynaecology clinic, always offer to see the young person")
    assert "chaperoned examination" in above
    assert above.endswith("who the partner is.")
    assert "Midwifery" not in above and "booking" not in above
    # ...and the heading and everything below it to Midwifery.
    assert below.startswith("Midwifery\nMidwives care for pregnant young people from booking")
    assert "domestic abuse" in below
    assert "chaperoned" not in below and "gynaecology clinic" not in below
    assert {u.page for u in chapter4.pages if u.pdf_page == 6} == {"60"}


def test_heading_part_way_down_page_92_splits_foster_care(manifest: Manifest) -> None:
    leaving = manifest.section("leaving-care")
    foster = manifest.section("foster-care")
    assert leaving is not None and foster is not None
    assert (leaving.last_page, leaving.last_pdf_page) == ("92", 16)
    assert (foster.first_page, foster.first_pdf_page, foster.heading_line) == ("92", 16, 5)
    assert leaving.text.endswith("without fear of being\njudged.")
    assert foster.text.startswith("Foster Care\nFoster carers look after children in their own homes")


@pytest.mark.parametrize(
    ("query", "section", "page"),
    [
        ('"chaperoned examination"', "gynaecology", "60"),
        ('"companion insists"', "gynaecology", "60"),
        ('"routine enquiry about domestic abuse"', "midwifery", "60"),
        ('"Every health contact is an opportunity"', "chapter-4-introduction", "55"),
    ],
)
def test_search_cites_the_section_a_part_of_a_page_belongs_to(
    cse_search: Callable[..., Result], query: str, section: str, page: str
) -> None:
    result = cse_search(query, "--json")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)["results"]
    assert [(h["section"], h["page"], h["file"]) for h in hits] == [(section, page, CH4)]


def test_intro_pages_belong_to_the_chapter_introduction(chapter4: Split, manifest: Manifest) -> None:
    intro = [u for u in chapter4.pages if u.section == "chapter-4-introduction"]
    assert [(u.pdf_page, u.page, u.section_title, u.kind) for u in intro] == [
        (1, "55", "Introduction", "intro")
    ]
    assert intro[0].text.startswith("Chapter 4: Health Services\nHealth practitioners are often the first")
    for number in range(1, 10):
        info = manifest.section(f"chapter-{number}-introduction")
        assert info is not None, number
        assert (info.kind, info.first_pdf_page, info.heading_found) == ("intro", 1, True)


def test_running_header_and_footer_are_not_in_section_text(chapter4: Split) -> None:
    assert chapter4.pages
    for unit in chapter4.pages:
        assert "SAMPLE TEXT" not in unit.text, unit.key
        assert "Tackling CSE Toolkit – sample text" not in unit.text, unit.key
        assert f"Page {unit.page}" not in unit.text, unit.key


def test_sample_splits_without_warnings(chapter4: Split) -> None:
    assert chapter4.warnings == ()
    assert chapter4.problems == ()


# --------------------------------------------------------------------------- a changed config
def chapter4_only(
    tmp_path: Path, change: Callable[[dict[str, Any]], None] | None = None
) -> tuple[Path, Path]:
    """A PDFs dir holding only chapter 4 and a config naming only it, edited by `change`."""
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    shutil.copy(SAMPLE_PDFS / CH4, pdfs / CH4)
    sample = yaml.safe_load(SAMPLE_CONFIG.read_text(encoding="utf-8"))
    chapter = next(c for c in sample["chapters"] if c["number"] == 4)
    if change is not None:
        change(chapter)
    config = tmp_path / "toolkit.yaml"
    config.write_text(yaml.safe_dump({"chapters": [chapter]}, sort_keys=False), encoding="utf-8")
    return pdfs, config


def section_spec(chapter: dict[str, Any], section_id: str) -> dict[str, Any]:
    return next(s for s in chapter["sections"] if s["id"] == section_id)


def test_heading_not_on_configured_page_warns_where_it_is(tmp_path: Path) -> None:
    pdfs, config = chapter4_only(tmp_path, lambda c: section_spec(c, "general-practice").update(start=76))
    index = tmp_path / "index"

    result = Place(config, pdfs, index).ingest()

    assert result.exit_code == 0, result.output
    assert (
        f"{CH4}: heading 'General Practice Doctors and Staff' (section general-practice) is not on "
        "printed page 76 but on page 75; the section is indexed from there, where its heading stands. "
        "Update the config: chapters[0].sections[9].start: 76 -> 75"
    ) in result.stdout
    manifest = load_manifest(IndexStore(index).current())
    assert manifest is not None
    info = manifest.section("general-practice")
    assert info is not None
    assert (info.heading_found, info.heading_page, info.configured_start) == (False, "75", "76")
    # Found once, after Pharmacies' heading: the section starts where its heading stands.
    assert (info.followed, info.first_page, info.last_page) == (True, "75", "76")


def test_heading_nowhere_warns(tmp_path: Path) -> None:
    def rename(chapter: dict[str, Any]) -> None:
        section_spec(chapter, "pharmacies")["title"] = "Community Pharmacy Services"

    pdfs, config = chapter4_only(tmp_path, rename)
    index = tmp_path / "index"

    result = Place(config, pdfs, index).ingest()

    assert result.exit_code == 0, result.output
    assert (
        f"{CH4}: heading 'Community Pharmacy Services' (section pharmacies) not found on printed page "
        "74 nor elsewhere in the file; the section starts at the top of page 74"
    ) in result.stdout
    manifest = load_manifest(IndexStore(index).current())
    assert manifest is not None
    info = manifest.section("pharmacies")
    assert info is not None
    assert (info.heading_found, info.heading_page, info.first_pdf_page) == (False, None, 20)


def test_start_page_not_in_pdf_exits_2_naming_the_place(
    sample_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    pdfs, config = sample_copy
    text = config.read_text(encoding="utf-8")
    old = "title: General Practice Doctors and Staff\n        start: 75\n"
    assert old in text
    config.write_text(text.replace(old, old.replace("75", "99")), encoding="utf-8")
    index = tmp_path / "index"

    result = Place(config, pdfs, index).ingest()

    assert result.exit_code == 2, result.output
    assert (
        "chapters[3].sections[9].start: printed page 99 (General Practice Doctors and Staff) is not in "
        f"{CH4}, whose pages are 55-76"
    ) in result.stderr
    assert "Traceback" not in result.output
    assert IndexStore(index).current() is None  # nothing was published


def test_uncatalogued_pdf_is_indexed_with_warning_and_searchable(tmp_path: Path) -> None:
    pdfs, config = chapter4_only(tmp_path)
    write_pdf(
        pdfs / "leaflet.pdf",
        [
            PageSpec(
                blocks=(Block("heading", "Leaflet"), Block("para", "A leaflet for parents.")), footer="Page 1"
            ),
            PageSpec(
                blocks=(Block("heading", "Contacts"), Block("para", "Call the zephyrine helpline any time.")),
                footer="Page 2",
            ),
        ],
    )
    place = Place(config, pdfs, tmp_path / "index")

    result = place.ingest()

    assert result.exit_code == 0, result.output
    assert "leaflet.pdf: not named in the config; indexed as an uncatalogued document" in result.stdout
    assert "1 uncatalogued document" in result.stdout
    found, data = place.search("zephyrine")
    assert found.exit_code == 0, found.output
    assert data["total"] == 1
    hit = data["results"][0]
    assert hit["file"] == "leaflet.pdf"
    # No chapter and no configured section; the page's heading names its section (issue 13).
    assert (hit["chapter"], hit["chapter_title"], hit["section"], hit["section_title"]) == (
        None,
        None,
        None,
        "Contacts",
    )
    assert (hit["page"], hit["pdf_page"]) == ("2", 2)
    # The catalogued chapter is still there, with its sections.
    pharmacies = place.search("pharmacies")[1]["results"][0]
    assert (pharmacies["section"], pharmacies["page"]) == ("pharmacies", "74")


# --------------------------------------------------------------------------- cse-toolkit sections
def test_sections_command_lists_ids_with_printed_pages_and_headings(tmp_path: Path) -> None:
    result = Place(SAMPLE_CONFIG, SAMPLE_PDFS, tmp_path / "ix").run("sections", CH4)
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.stdout.splitlines() if line.strip()]
    assert lines == [
        "Chapter 4: Health Services",
        f"{CH4}: 22 PDF pages, printed pages 55-76 (from printed numbers)",
        "chapter-4-introduction p. 55 PDF 1",
        "school-nurses pp. 56-58 PDF 2-4 heading found on p. 56",
        "gynaecology pp. 59-60 PDF 5-6 heading found on p. 59",
        "midwifery pp. 60-61 PDF 6-7 heading found on p. 60",
        "health-visitors pp. 62-63 PDF 8-9 heading found on p. 62",
        "sexual-health pp. 64-66 PDF 10-12 heading found on p. 64",
        "camhs pp. 67-69 PDF 13-15 heading found on p. 67",
        "accident-and-emergency pp. 70-72 PDF 16-18 heading found on p. 70",
        "paramedics p. 73 PDF 19 heading found on p. 73",
        "pharmacies p. 74 PDF 20 heading found on p. 74",
        "general-practice pp. 75-76 PDF 21-22 heading found on p. 75",
    ]


def test_sections_command_shows_moved_and_missing_headings(tmp_path: Path) -> None:
    def change(chapter: dict[str, Any]) -> None:
        section_spec(chapter, "general-practice")["start"] = 76
        section_spec(chapter, "pharmacies")["title"] = "Community Pharmacy Services"

    pdfs, config = chapter4_only(tmp_path, change)
    result = Place(config, pdfs, tmp_path / "ix").run("sections")
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    # A heading found nowhere keeps its configured page; one found once elsewhere, in the
    # config's order, is where its section starts (and the config is questioned).
    assert "paramedics p. 73 PDF 19 heading found on p. 73" in lines
    assert "pharmacies p. 74 PDF 20 HEADING NOT FOUND (expected on p. 74)" in lines
    assert "general-practice pp. 75-76 PDF 21-22 HEADING NOT ON p. 76: found on p. 75 (split there)" in lines


def test_heading_matches_with_and_for_ampersand(tmp_path: Path) -> None:
    """The config may spell "&" as "and" (or drop an apostrophe): the heading is still found."""
    path = tmp_path / "ch.pdf"
    write_pdf(
        path,
        [
            PageSpec(blocks=(Block("para", "Intro."),)),
            PageSpec(blocks=(Block("heading", "Accident & Emergency"), Block("para", "ED text."))),
        ],
    )
    chapter = ChapterSpec(4, "Health", "ch.pdf", None, (SectionSpec("ae", "Accident and Emergency", 2),))
    pdf = extract_pdf(path, "ch.pdf")
    split = split_chapter(chapter, pdf, number_pages(pdf), "chapters[0]")
    assert split.warnings == ()
    assert [s.heading_found for s in split.sections if s.id == "ae"] == [True]


# --------------------------------------------------------------------------- explicit ends
def _split_with_end(end: int | str, section: str = "school-nurses") -> Split:
    """Chapter 4 of the sample with `end:` on one section (by default School Nurses,
    printed 56-58, PDF pages 2-4)."""
    config = load_config(SAMPLE_CONFIG, SAMPLE_PDFS)
    spec = config.chapter(4)
    assert spec is not None
    sections = tuple(dataclasses.replace(s, end=end) if s.id == section else s for s in spec.sections)
    spec = dataclasses.replace(spec, sections=sections)
    pdf = extract_pdf(SAMPLE_PDFS / CH4, CH4)
    return split_chapter(spec, pdf, number_pages(pdf, spec.first_page), "chapters[3]")


def _owners(split: Split, pdf_pages: range) -> list[tuple[int, str, str]]:
    return [(u.pdf_page, u.page, u.section) for u in split.pages if u.pdf_page in pdf_pages]


@pytest.mark.parametrize(
    ("end", "owners"),
    [
        # end on the section's own start page: one page, the next two go back to the chapter
        (56, [(2, "56", "school-nurses"), (3, "57", INTRO4), (4, "58", INTRO4)]),
        (57, [(2, "56", "school-nurses"), (3, "57", "school-nurses"), (4, "58", INTRO4)]),
        # end on the page before the next section: nothing goes back
        (58, [(2, "56", "school-nurses"), (3, "57", "school-nurses"), (4, "58", "school-nurses")]),
    ],
)
def test_an_explicit_end_gives_the_pages_after_it_back_to_the_chapter(
    end: int, owners: list[tuple[int, str, str]]
) -> None:
    split = _split_with_end(end)
    assert _owners(split, range(1, 6)) == [(1, "55", INTRO4), *owners, (5, "59", "gynaecology")]
    info = next(s for s in split.sections if s.id == "school-nurses")
    assert (info.first_page, info.last_page) == ("56", str(end))
    assert (info.first_pdf_page, info.last_pdf_page) == (2, end - 54)
    assert not split.warnings


def test_an_end_the_file_does_not_have_warns_and_runs_to_the_next_section() -> None:
    split = _split_with_end(99)
    assert _owners(split, range(2, 6)) == [
        (2, "56", "school-nurses"),
        (3, "57", "school-nurses"),
        (4, "58", "school-nurses"),
        (5, "59", "gynaecology"),
    ]
    assert split.warnings == (
        f"{CH4}: section school-nurses ends at printed page 99, which the file does not have; "
        "it runs to the next section",
    )


def test_an_end_just_before_a_heading_part_way_down_a_page_gives_the_text_above_it_back() -> None:
    """Gynaecology is printed 59-60 and Midwifery's heading stands part-way down page 60:
    with `end: 59`, the text above Midwifery's heading is the chapter's, not Gynaecology's."""
    split = _split_with_end(59, "gynaecology")
    on_60 = units(split, 6)
    assert set(on_60) == {INTRO4, "midwifery"}
    assert on_60[INTRO4].startswith("In the gynaecology clinic, always offer to see the young person")
    assert on_60["midwifery"].startswith("Midwifery\n")
    info = next(s for s in split.sections if s.id == "gynaecology")
    assert (info.last_page, info.last_pdf_page) == ("59", 5)
