"""`split_file` on one file holding several chapters (SPEC, "Configuration": `pages:`), and
on a file the config does not name, fed its direct input: pages as extraction gives them
(lines with their places), so each case takes milliseconds and `make mutate` can run
them for every mutant. The same cases through a whole ingest of real PDFs are in
test_one_file.py and test_printed_pages.py."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from pipeline.config import ChapterSpec, SectionSpec, Toolkit
from pipeline.engine.documents import PageKind
from pipeline.ingest.extract import ExtractedPdf, Line
from pipeline.ingest.sections import NOT_IN_CONFIG, ChapterPages, FileSplit, find_heading, split_file
from tests.helpers import extracted_pdf as pdf
from tests.helpers import text_page as page

FILE = "toolkit.pdf"


def chapter(
    number: int,
    pages: tuple[int | str, int | str] | None,
    *sections: SectionSpec,
    first_page: int | None = None,
    file: str = FILE,
) -> ChapterSpec:
    return ChapterSpec(number, f"Chapter {number}", file, first_page, sections, pages)


def split(document: ExtractedPdf, *chapters: ChapterSpec) -> FileSplit:
    return split_file(Toolkit(chapters=chapters), document)


def owners(result: FileSplit) -> list[tuple[int, str, int | None, str]]:
    """Each unit: (PDF page, printed page, chapter, section id), in the order given."""
    return [(u.pdf_page, u.page, u.chapter, u.section) for u in result.split.pages]


def whole_toolkit() -> ExtractedPdf:
    """A cover and a contents page (i, ii), chapter 1 on printed pages 1-3 and chapter 2 on
    4-6, each with its own running header, and a back page (7) with no header."""
    front = [
        page(["Tackling the toolkit", "Front matter"], "i", header="The toolkit"),
        page(["Contents", "Referral 1, Health 4"], "ii", header="The toolkit"),
    ]
    one = [
        page(["Referral", "How to refer a young person."], "Page 1", header="Chapter 1 Referral"),
        page(["Making a referral", "Call the front door team."], "Page 2", header="Chapter 1 Referral"),
        page(["Write down what was said.", "Keep it factual."], "Page 3", header="Chapter 1 Referral"),
    ]
    two = [
        page(["Health", "Health services see young people."], "Page 4", header="Chapter 2 Health"),
        page(["School nurses", "Nurses in schools listen."], "Page 5", header="Chapter 2 Health"),
        page(["Pharmacies", "Pharmacists notice patterns."], "Page 6", header="Chapter 2 Health"),
    ]
    back = [page(["Published by the board."], "Page 7")]
    return pdf(*front, *one, *two, *back)


REFERRAL = SectionSpec("making-a-referral", "Making a referral", 2)
NURSES = SectionSpec("school-nurses", "School nurses", 5)
PHARMACIES = SectionSpec("pharmacies", "Pharmacies", 6)


# ------------------------------------------------------------------- chapters sharing a file
def test_each_chapter_owns_its_pages_and_the_rest_is_front_matter() -> None:
    result = split(whole_toolkit(), chapter(1, (1, 3), REFERRAL), chapter(2, (4, 6), NURSES, PHARMACIES))

    assert owners(result) == [
        (1, "i", None, ""),
        (2, "ii", None, ""),
        (3, "1", 1, "chapter-1-introduction"),
        (4, "2", 1, "making-a-referral"),
        (5, "3", 1, "making-a-referral"),
        (6, "4", 2, "chapter-2-introduction"),
        (7, "5", 2, "school-nurses"),
        (8, "6", 2, "pharmacies"),
        (9, "7", None, ""),
    ]
    assert [u.kind for u in result.split.pages][:3] == [PageKind.DOCUMENT, PageKind.DOCUMENT, PageKind.INTRO]
    assert result.chapters == (ChapterPages(1, 3, 5), ChapterPages(2, 6, 8))
    assert result.warnings == ()
    assert result.split.problems == ()
    assert [(s.id, s.first_page, s.last_page) for s in result.split.sections] == [
        ("chapter-1-introduction", "1", "1"),
        ("making-a-referral", "2", "3"),
        ("chapter-2-introduction", "4", "4"),
        ("school-nurses", "5", "5"),
        ("pharmacies", "6", "6"),
    ]


def test_each_chapters_running_header_and_the_front_matters_stay_out_of_the_text() -> None:
    result = split(whole_toolkit(), chapter(1, (1, 3), REFERRAL), chapter(2, (4, 6), NURSES))

    texts = {u.pdf_page: u.text for u in result.split.pages}
    assert texts[1] == "Tackling the toolkit\nFront matter"
    assert texts[4] == "Making a referral\nCall the front door team."
    assert texts[7] == "School nurses\nNurses in schools listen."
    assert texts[9] == "Published by the board."
    assert result.numbering.furniture[0] == frozenset({0, 3})  # "The toolkit" and "i"
    assert result.numbering.furniture[2] == frozenset({0, 3})  # "Chapter 1 Referral" and "Page 1"


def test_front_matter_in_two_stretches_finds_each_stretchs_own_running_header() -> None:
    """The two pages before chapter 1 share a header; the four after chapter 1 have their
    own. Judged as one group, the first header (on two pages of six) would not repeat
    often enough to be furniture."""
    document = pdf(
        page(["Cover words"], "i", header="Front"),
        page(["Contents words"], "ii", header="Front"),
        page(["Referral", "How to refer."], "Page 1", header="Chapter 1"),
        page(["More on referral."], "Page 2", header="Chapter 1"),
        *(page([f"Appendix {k} text"], f"Page {k}", header="Appendices") for k in range(3, 7)),
    )
    result = split(document, chapter(1, (1, 2)))

    texts = {u.pdf_page: u.text for u in result.split.pages}
    assert (texts[1], texts[2]) == ("Cover words", "Contents words")
    assert texts[5] == "Appendix 3 text"
    assert result.chapters == (ChapterPages(1, 3, 4),)


def test_a_page_at_a_range_edge_belongs_to_that_chapter() -> None:
    """`pages: 1-3` holds printed pages 1 and 3 themselves; pages after 3 are not chapter 1's."""
    result = split(whole_toolkit(), chapter(1, (1, 3)))

    assert [(p, c) for p, _, c, _ in owners(result)] == [
        (1, None),
        (2, None),
        (3, 1),
        (4, 1),
        (5, 1),
        (6, None),
        (7, None),
        (8, None),
        (9, None),
    ]
    assert result.chapters == (ChapterPages(1, 3, 5),)


def test_a_range_the_file_does_not_have_is_a_problem_naming_the_key_and_the_other_chapters_still_split() -> (
    None
):
    result = split(whole_toolkit(), chapter(3, (20, 25)), chapter(2, (4, 6), NURSES))

    assert result.split.problems == (
        "chapters[0].pages: printed pages 20-25 (chapter 3) are not in toolkit.pdf, whose pages are i-7",
    )
    assert result.chapters == (ChapterPages(2, 6, 8),)
    assert (7, "5", 2, "school-nurses") in owners(result)


def test_a_range_starting_before_the_file_or_running_past_its_end_is_warned_about() -> None:
    result = split(whole_toolkit(), chapter(1, (0, 3)), chapter(2, (4, 9)))

    assert result.warnings == (
        "chapter 1's pages 0-3 start before toolkit.pdf does: its first printed page is 1",
        "chapter 2's pages 4-9 run past the end of toolkit.pdf: its last printed page is 7",
    )
    assert result.chapters == (ChapterPages(1, 3, 5), ChapterPages(2, 6, 9))


def test_a_roman_range_is_compared_with_the_roman_pages_only() -> None:
    """Front matter i-ii as a chapter of its own: its range i-iii runs past the last roman
    page (ii), though arabic pages follow."""
    result = split(whole_toolkit(), chapter(1, ("i", "iii")), chapter(2, (1, 7)))

    assert result.warnings == (
        "chapter 1's pages i-iii run past the end of toolkit.pdf: its last printed page is ii",
    )
    assert result.chapters == (ChapterPages(1, 1, 2), ChapterPages(2, 3, 9))


def test_labels_without_an_order_are_found_by_their_two_ends() -> None:
    """Page labels such as A-1 have no order to compare: a range runs from the page
    labelled as its first end to the page labelled as its last."""
    labels = ["Cover", "A-1", "A-2", "A-3", "B-1", "B-2"]
    document = pdf(*(page([f"Text of {label}"]) for label in labels), labels=labels)

    result = split(document, chapter(1, ("A-2", "A-3")), chapter(2, ("B-1", "B-9")))

    assert result.chapters == (ChapterPages(1, 3, 4),)
    assert result.split.problems == (
        "chapters[1].pages: printed pages B-1-B-9 (chapter 2) are not in toolkit.pdf, whose pages are Cover-B-2",
    )
    assert [(p, c) for p, _, c, _ in owners(result)] == [
        (1, None),
        (2, None),
        (3, 1),
        (4, 1),
        (5, None),
        (6, None),
    ]


# -------------------------------------------------------------------- gaps in the numbering
def gappy() -> ExtractedPdf:
    """Printed 1, 2, 6, 7, 10, 11, 13: pages 3-5, 8-9 and 12 are missing."""
    return pdf(*(page([f"Text on page {n}"], f"Page {n}") for n in (1, 2, 6, 7, 10, 11, 13)))


def test_gaps_are_reported_per_chapter_and_only_inside_its_range() -> None:
    """Pages 3-5 are missing across chapter 1's end (1-4) and chapter 2's start (5-7);
    8-9 lie between chapter 2 and chapter 3 (10-13), no gap; 12 is inside chapter 3."""
    result = split(gappy(), chapter(1, (1, 4)), chapter(2, (5, 7)), chapter(3, (10, 13)))

    assert result.warnings == (
        "printed pages 3-4 of chapter 1 are missing from toolkit.pdf (the file goes from p. 2 on "
        "PDF page 2 to p. 6 on PDF page 3)",
        "printed page 5 of chapter 2 is missing from toolkit.pdf (the file goes from p. 2 on "
        "PDF page 2 to p. 6 on PDF page 3)",
        "printed page 12 of chapter 3 is missing from toolkit.pdf (the file goes from p. 11 on "
        "PDF page 6 to p. 13 on PDF page 7)",
    )


def test_a_chapter_without_a_range_reports_every_gap_of_its_file() -> None:
    result = split(gappy(), chapter(1, None))

    assert result.warnings == (
        "printed pages 3-5 are missing from toolkit.pdf (the file goes from p. 2 on PDF page 2 to p. 6 "
        "on PDF page 3)",
        "printed pages 8-9 are missing from toolkit.pdf (the file goes from p. 7 on PDF page 4 to p. 10 "
        "on PDF page 5)",
        "printed page 12 is missing from toolkit.pdf (the file goes from p. 11 on PDF page 6 to p. 13 "
        "on PDF page 7)",
    )
    assert result.chapters == (ChapterPages(1, 1, 7),)


def test_a_range_from_roman_to_arabic_pages_reports_the_gaps_of_both_kinds() -> None:
    """Chapter 1 runs ii-3: roman iii and arabic 2 are missing inside it; roman i is not."""
    document = pdf(*(page([f"Text on page {n}"], n) for n in ("i", "ii", "iv", "1", "3", "4")))

    result = split(document, chapter(1, ("ii", 3)), chapter(2, (4, 4)))

    assert result.warnings == (
        "printed page iii of chapter 1 is missing from toolkit.pdf (the file goes from p. ii on PDF "
        "page 2 to p. iv on PDF page 3)",
        "printed page 2 of chapter 1 is missing from toolkit.pdf (the file goes from p. 1 on PDF "
        "page 4 to p. 3 on PDF page 5)",
    )


def test_a_gap_outside_every_range_of_the_gaps_kind_is_not_reported() -> None:
    """A roman gap (iii) when every range is arabic, or lies past a roman range's end; an
    arabic gap (2) before an arabic range's start."""
    document = pdf(*(page([f"Text on page {n}"], n) for n in ("i", "ii", "iv", "1", "3", "4")))

    assert split(document, chapter(1, (1, 1)), chapter(2, (4, 4))).warnings == ()
    assert split(document, chapter(1, ("i", "ii")), chapter(2, (4, 4))).warnings == ()


# -------------------------------------------------------------- first_page and one chapter
def test_first_page_of_any_chapter_of_the_file_numbers_it() -> None:
    """No printed numbers: the first `first_page` the file's chapters give numbers it."""
    document = pdf(*(page([f"Text {k}"]) for k in range(4)))

    result = split(document, chapter(1, (10, 11)), chapter(2, (12, 13), first_page=10))

    assert [u.page for u in result.split.pages] == ["10", "11", "12", "13"]
    assert result.chapters == (ChapterPages(1, 1, 2), ChapterPages(2, 3, 4))
    assert result.numbering.source == "first_page"


def test_one_chapter_without_a_range_is_the_whole_file() -> None:
    result = split(whole_toolkit(), chapter(1, None, REFERRAL))

    assert result.chapters == (ChapterPages(1, 1, 9),)
    assert {c for _, _, c, _ in owners(result)} == {1}


# ------------------------------------------------------------------- a file not in the config
def test_a_file_the_config_does_not_name_is_split_into_one_unit_per_page() -> None:
    document = pdf(
        page(["A leaflet", "About referrals."], "Page 1"),
        page([], "Page 2"),  # only its number: nothing to index
        page(["Read by OCR."], "Page 4", ocr=True),
        name="leaflet.pdf",
    )

    result = split(document, chapter(1, None))

    assert [
        (u.pdf_page, u.page, u.chapter, u.section, u.kind, u.text, u.ocr) for u in result.split.pages
    ] == [
        (1, "1", None, "", PageKind.DOCUMENT, "A leaflet\nAbout referrals.", False),
        (3, "4", None, "", PageKind.DOCUMENT, "Read by OCR.", True),
    ]
    assert {(u.chapter_title, u.section_title) for u in result.split.pages} == {("", "")}
    assert result.split.sections == ()
    assert result.chapters == ()
    assert result.warnings == (
        "printed page 3 is missing from leaflet.pdf (the file goes from p. 2 on PDF page 2 to p. 4 on "
        "PDF page 3)",
    )
    assert NOT_IN_CONFIG.startswith(": not named in the config")


# ----------------------------------------------- headings off their page, in one chapter
def test_a_heading_found_twice_elsewhere_is_not_followed_and_the_warning_names_the_key() -> None:
    document = pdf(
        page(["Introduction", "Words."], "Page 1"),
        page(["No heading here."], "Page 2"),
        page(["Consent", "Once."], "Page 3"),
        page(["Consent", "Twice."], "Page 4"),
    )

    result = split(document, chapter(1, None, SectionSpec("consent", "Consent", 2)))

    assert result.warnings == (
        "toolkit.pdf: heading 'Consent' (section consent) is not on printed page 2 but on page 3; "
        "check chapters[0].sections[0].start",
    )
    assert [s for _, _, _, s in owners(result)] == ["chapter-1-introduction"] + ["consent"] * 3


def test_a_heading_on_the_second_page_printed_with_its_number_says_the_numbers_restart() -> None:
    labels = ["1", "2", "1", "2"]
    document = pdf(
        page(["Part one", "Words."]),
        page(["Nothing to see."]),
        page(["Part two", "Words."]),
        page(["Consent", "Here."]),
        labels=labels,
    )

    result = split(document, chapter(1, None, SectionSpec("consent", "Consent", 2)))

    assert result.warnings == (
        "toolkit.pdf: heading 'Consent' (section consent) is not on the page printed 2 at PDF page 2 "
        "but on another page printed 2, at PDF page 4 (the file's page numbers restart); check "
        "chapters[0].sections[0].start",
    )


def test_a_range_from_a_label_to_a_number_is_found_by_its_two_ends() -> None:
    """ "Cover" has no order, so neither end is compared: the range runs from the page
    labelled Cover to the page labelled 2."""
    labels = ["Cover", "1", "2", "3"]
    document = pdf(*(page([f"Text of {label}"]) for label in labels), labels=labels)

    result = split(document, chapter(1, ("Cover", 2)))

    assert result.chapters == (ChapterPages(1, 1, 3),)
    assert result.warnings == ()


def test_a_roman_start_in_a_file_without_roman_pages_is_not_said_to_start_before_it() -> None:
    """Pages i-3 of a file printed 1-7: the roman end has no roman page to compare with."""
    result = split(gappy_free(), chapter(1, ("i", 3)), chapter(2, (4, "x")))

    assert result.chapters == (ChapterPages(1, 1, 3),)
    assert result.split.problems == (
        "chapters[1].pages: printed pages 4-x (chapter 2) are not in toolkit.pdf, whose pages are 1-7",
    )
    assert result.warnings == ()


def gappy_free() -> ExtractedPdf:
    return pdf(*(page([f"Text on page {n}"], f"Page {n}") for n in range(1, 8)))


def test_a_start_page_the_file_lacks_is_a_problem_and_its_heading_is_looked_for_everywhere() -> None:
    """Printed page 9 is not in a file printed 1-4: the config is wrong; where its heading
    stands (page 3) is still shown by `cse-toolkit sections`."""
    document = pdf(
        page(["Introduction", "Words."], "Page 1"),
        page(["Other words."], "Page 2"),
        page(["Consent", "Here."], "Page 3"),
        page(["Consent matters", "Not the heading."], "Page 4"),
    )

    result = split(document, chapter(1, None, SectionSpec("consent", "Consent", 9)))

    assert result.split.problems == (
        "chapters[0].sections[0].start: printed page 9 (Consent) is not in toolkit.pdf, whose pages are 1-4",
    )
    consent = result.split.sections[-1]
    assert (consent.id, consent.heading_found, consent.heading_page, consent.heading_line) == (
        "consent",
        False,
        "3",
        0,
    )


# ------------------------------------------------------------------------- finding a heading
def lines(*texts: str) -> list[Line]:
    return [Line(text, 120 + 20 * k, 132 + 20 * k, 50) for k, text in enumerate(texts)]


def test_a_heading_is_found_numbered_page_cited_or_with_and_for_an_ampersand() -> None:
    assert find_heading(lines("Words above.", "4.2 Pharmacies"), "Pharmacies") == 1
    assert find_heading(lines("Pharmacies (p74)", "Words."), "Pharmacies") == 0
    assert find_heading(lines("Children's Services"), "Childrens Services") == 0
    assert find_heading(lines("Accident & Emergency"), "Accident and Emergency") == 0
    assert find_heading(lines("Pharmacies and more"), "Pharmacies") is None
    assert find_heading(lines("Pharmacies"), "") is None


def test_a_heading_wrapped_over_two_lines_is_found_on_its_first() -> None:
    assert (
        find_heading(
            lines("Child Sexual", "Exploitation Services", "Body."), "Child Sexual Exploitation Services"
        )
        == 0
    )
    assert find_heading(lines("Body.", "Age", "Assessments"), "Age Assessments") == 1  # at the page's foot


def test_a_wrapped_heading_needs_three_letters_and_its_second_line() -> None:
    """A first line of one or two letters ("An") starts too many lines to be trusted; a
    heading's first half on the page's last line is not the heading."""
    assert find_heading(lines("An", "Overview"), "An Overview") is None
    assert find_heading(lines("Body.", "Child Sexual"), "Child Sexual Exploitation") is None


# -------------------------------------------------------- headings followed to where they are
def four_pages(*bodies: Sequence[str]) -> ExtractedPdf:
    return pdf(*(page(body, f"Page {n}") for n, body in enumerate(bodies, start=1)))


A = SectionSpec("a", "Alpha", 2)
B = SectionSpec("b", "Bravo", 3)


def starts(result: FileSplit) -> dict[str, tuple[str, bool]]:
    """Each section's first printed page and whether it was followed to its heading."""
    return {s.id: (s.first_page, s.followed) for s in result.split.sections if s.kind == PageKind.SECTION}


def test_headings_moved_by_an_inserted_page_are_followed_in_order() -> None:
    document = four_pages(["Intro."], ["Inserted page."], ["Alpha", "Text."], ["Bravo", "Text."])

    result = split(document, chapter(1, None, A, B))

    assert starts(result) == {"a": ("3", True), "b": ("4", True)}
    assert result.warnings == (
        "toolkit.pdf: heading 'Alpha' (section a) is not on printed page 2 but on page 3; the section is "
        "indexed from there, where its heading stands. Update the config: chapters[0].sections[0].start: 2 -> 3",
        "toolkit.pdf: heading 'Bravo' (section b) is not on printed page 3 but on page 4; the section is "
        "indexed from there, where its heading stands. Update the config: chapters[0].sections[1].start: 3 -> 4",
    )


def test_a_heading_found_past_the_next_sections_start_is_not_followed() -> None:
    """Alpha's heading stands after Bravo's: following it would put the sections out of the
    config's order, so Alpha keeps its configured page."""
    document = four_pages(["Intro."], ["No heading."], ["Bravo", "Text."], ["Alpha", "Text."])

    result = split(document, chapter(1, None, A, B))

    assert starts(result) == {"a": ("2", False), "b": ("3", False)}
    assert result.warnings == (
        "toolkit.pdf: heading 'Alpha' (section a) is not on printed page 2 but on page 4; "
        "check chapters[0].sections[0].start",
    )


def test_a_heading_found_before_the_previous_sections_start_is_not_followed() -> None:
    document = four_pages(["Intro."], ["Bravo", "Alpha", "Text."], ["No heading."], ["More."])

    result = split(document, chapter(1, None, SectionSpec("a", "Alpha", 2), SectionSpec("b", "Bravo", 3)))

    assert starts(result) == {"a": ("2", False), "b": ("3", False)}
    assert result.warnings[0].startswith(
        "toolkit.pdf: heading 'Bravo' (section b) is not on printed page 3 but on page 2;"
    )


def test_a_heading_found_exactly_where_a_neighbour_starts_is_not_followed() -> None:
    """Alpha's heading is missing, so Alpha starts at the top of page 2; Bravo's heading
    stands at that very place: following it would leave Alpha nothing."""
    document = four_pages(["Intro."], ["Bravo", "Text."], ["No heading."], ["More."])

    result = split(document, chapter(1, None, A, B))

    assert starts(result) == {"a": ("2", False), "b": ("3", False)}


def test_a_moved_heading_found_where_the_next_section_starts_is_not_followed() -> None:
    """Alpha's heading moved onto page 3, where Bravo (its heading missing) starts."""
    document = four_pages(["Intro."], ["No heading."], ["Alpha", "Text."], ["More."])

    result = split(document, chapter(1, None, A, B))

    assert starts(result) == {"a": ("2", False), "b": ("3", False)}


# ------------------------------------------------------------------- each section's summary
def test_the_summaries_say_where_each_section_runs_and_what_it_holds() -> None:
    result = split(whole_toolkit(), chapter(1, (1, 3), REFERRAL))

    intro, referral = result.split.sections
    assert (intro.id, intro.title, intro.kind, intro.configured_start) == (
        "chapter-1-introduction",
        "Introduction",
        PageKind.INTRO,
        "",
    )
    assert (intro.heading_found, intro.heading_page, intro.heading_line) == (True, None, None)
    assert (referral.heading_found, referral.heading_page, referral.heading_line) == (True, "2", 0)
    assert (referral.first_pdf_page, referral.last_pdf_page, referral.file, referral.chapter) == (
        4,
        5,
        FILE,
        1,
    )
    assert referral.text == (
        "Making a referral\nCall the front door team.\n\nWrite down what was said.\nKeep it factual."
    )
    assert referral.text_hash == hashlib.sha256(referral.text.encode()).hexdigest()


def test_each_unit_carries_its_chapter_its_section_and_whether_ocr_read_it() -> None:
    document = pdf(
        page(["Health", "Intro words."], "Page 1", header="Chapter 2", ocr=True),
        page(["School nurses", "Nurses listen."], "Page 2", header="Chapter 2", ocr=True),
        page(["More words."], "Page 3", header="Chapter 2"),
    )

    result = split(document, chapter(2, None, SectionSpec("school-nurses", "School nurses", 2)))

    assert [(u.chapter, u.chapter_title, u.section_title, u.kind, u.ocr) for u in result.split.pages] == [
        (2, "Chapter 2", "Introduction", PageKind.INTRO, True),
        (2, "Chapter 2", "School nurses", PageKind.SECTION, True),
        (2, "Chapter 2", "School nurses", PageKind.SECTION, False),
    ]


def test_a_chapter_starting_with_a_section_has_no_introduction_and_a_blank_section_no_pages() -> None:
    """The first section's heading tops the first page: no introduction. "Blank" starts on
    an empty page and the next section on the page after: it holds no text."""
    document = four_pages(["Alpha", "Text."], [], ["Bravo", "Text."], ["More."])
    blank = SectionSpec("blank", "Blank", 2)

    result = split(
        document, chapter(1, None, SectionSpec("a", "Alpha", 1), blank, SectionSpec("b", "Bravo", 3))
    )

    assert [
        (s.id, s.first_page, s.last_page, s.first_pdf_page, s.last_pdf_page) for s in result.split.sections
    ] == [
        ("a", "1", "1", 1, 1),
        ("blank", "2", "2", 0, 0),
        ("b", "3", "4", 3, 4),
    ]


# ------------------------------------------------ gaps and ranges of both kinds (mutants)
def printed(*labels: str | int) -> ExtractedPdf:
    return pdf(*(page([f"Text on page {n}"], f"Page {n}" if isinstance(n, int) else n) for n in labels))


def test_a_roman_gap_is_not_reported_for_an_arabic_range_holding_its_number() -> None:
    """Front matter i, ii, iv lacks iii; chapter 1 runs 1-5, which holds a 3, not a iii."""
    result = split(printed("i", "ii", "iv", 1, 2, 3, 4, 5), chapter(1, (1, 5)))

    assert result.warnings == ()


def test_a_gap_is_checked_against_every_ranged_chapter_of_the_file() -> None:
    """Chapter 1 (roman) cannot hold the arabic gap; chapter 2, after it, does."""
    result = split(printed("i", "ii", 1, 2, 4, 5), chapter(1, ("i", "ii")), chapter(2, (1, 5)))

    assert result.warnings == (
        "printed page 3 of chapter 2 is missing from toolkit.pdf (the file goes from p. 2 on PDF page 4 "
        "to p. 4 on PDF page 5)",
    )


def test_an_arabic_gap_in_a_range_that_starts_roman_is_reported_from_its_first_page() -> None:
    """Chapter 1 runs iv-5: all of the arabic gap 2-3 is inside it (from arabic page 1),
    though iv is 4."""
    result = split(printed("i", "ii", "iii", "iv", 1, 4, 5), chapter(1, ("iv", 5)))

    assert result.warnings == (
        "printed pages 2-3 of chapter 1 are missing from toolkit.pdf (the file goes from p. 1 on PDF "
        "page 5 to p. 4 on PDF page 6)",
    )


def test_a_range_with_an_unordered_end_reports_no_gap() -> None:
    labels = ["Cover", "1", "2", "4"]
    document = pdf(*(page([f"Text of {label}"]) for label in labels), labels=labels)

    result = split(document, chapter(1, ("Cover", 4)))

    assert result.warnings == ()
    assert result.chapters == (ChapterPages(1, 1, 4),)


def test_an_arabic_end_in_a_file_of_roman_pages_only_is_not_said_to_run_past_it() -> None:
    """Pages i-5 of a file printed i-iv: there is no arabic page to compare 5 with."""
    result = split(printed("i", "ii", "iii", "iv"), chapter(1, ("i", 5)))

    assert result.warnings == ()
    assert result.chapters == (ChapterPages(1, 1, 4),)


# ------------------------------------------------- start and end pages the file lacks or moves
def test_a_start_page_in_a_gap_says_where_the_file_jumps_and_later_sections_still_split() -> None:
    sections = (SectionSpec("a", "Alpha", 3), SectionSpec("b", "Bravo", 4))
    document = pdf(
        page(["Intro."], "Page 1"),
        page(["More."], "Page 2"),
        page(["Bravo", "Text."], "Page 4"),
        page(["End."], "Page 5"),
    )

    result = split(document, chapter(1, None, *sections))

    assert result.split.problems == (
        "chapters[0].sections[0].start: printed page 3 (Alpha) is missing from toolkit.pdf (the file goes "
        "from p. 2 on PDF page 2 to p. 4 on PDF page 3)",
    )
    alpha, bravo = result.split.sections[1:]
    assert (alpha.heading_found, alpha.heading_page, alpha.heading_line) == (False, None, None)
    assert (bravo.first_page, bravo.last_page, bravo.heading_found) == ("4", "5", True)


def test_a_last_section_ending_before_the_file_does_gives_the_rest_back_to_the_chapter() -> None:
    document = four_pages(["Intro."], ["Alpha", "Text."], ["Alpha more."], ["Chapter notes."])

    result = split(document, chapter(1, None, SectionSpec("a", "Alpha", 2, end=3)))

    assert [s for _, _, _, s in owners(result)] == [
        "chapter-1-introduction",
        "a",
        "a",
        "chapter-1-introduction",
    ]
    assert result.warnings == ()


def test_an_end_past_the_next_sections_start_lets_the_section_run_to_it() -> None:
    document = four_pages(["Intro."], ["Alpha", "Text."], ["Bravo", "Text."], ["Bravo more."])

    result = split(
        document, chapter(1, None, SectionSpec("a", "Alpha", 2, end=4), SectionSpec("b", "Bravo", 3))
    )

    assert [s for _, _, _, s in owners(result)] == ["chapter-1-introduction", "a", "b", "b"]


def test_an_end_in_a_gap_ends_the_section_before_the_gap() -> None:
    """End 3 is missing (the file goes from 2 to 4): Alpha ends on 2, as if its end page
    had been there; 4 and 5 go back to the chapter."""
    document = pdf(
        page(["Intro."], "Page 1"),
        page(["Alpha", "Text."], "Page 2"),
        page(["After."], "Page 4"),
        page(["End."], "Page 5"),
    )

    result = split(document, chapter(1, None, SectionSpec("a", "Alpha", 2, end=3)))

    assert result.warnings[1:] == (
        "toolkit.pdf: section a ends at printed page 3, which is missing from the file; it ends at p. 2",
    )
    assert [s for _, _, _, s in owners(result)] == [
        "chapter-1-introduction",
        "a",
        "chapter-1-introduction",
        "chapter-1-introduction",
    ]


def test_an_end_before_a_heading_followed_past_it_is_a_key_to_update() -> None:
    """Alpha's heading moved from 2 to 3 (a page inserted), its end still says 2; Bravo's end
    is still honoured after it."""
    document = pdf(
        *(
            page(body, f"Page {n}")
            for n, body in enumerate(
                [
                    ["Intro."],
                    ["Inserted."],
                    ["Alpha", "Text."],
                    ["Bravo", "Text."],
                    ["Bravo more."],
                    ["Notes."],
                ],
                start=1,
            )
        )
    )
    sections = (SectionSpec("a", "Alpha", 2, end=2), SectionSpec("b", "Bravo", 4, end=5))

    result = split(document, chapter(1, None, *sections))

    assert (
        "toolkit.pdf: section a ends at printed page 2, before its heading on p. 3; it runs to the next "
        "section. Update the config: chapters[0].sections[0].end"
    ) in result.warnings
    assert [s for _, _, _, s in owners(result)] == [
        "chapter-1-introduction",
        "chapter-1-introduction",
        "a",
        "b",
        "b",
        "chapter-1-introduction",
    ]


def test_an_end_on_the_next_sections_start_page_lets_the_section_run_to_its_heading() -> None:
    document = pdf(
        *(
            page(body, f"Page {n}")
            for n, body in enumerate(
                [["Intro."], ["Alpha", "Text."], ["Alpha ends.", "Bravo", "Text."], ["Bravo more."]], start=1
            )
        )
    )

    result = split(
        document, chapter(1, None, SectionSpec("a", "Alpha", 2, end=3), SectionSpec("b", "Bravo", 3))
    )

    assert owners(result) == [
        (1, "1", 1, "chapter-1-introduction"),
        (2, "2", 1, "a"),
        (3, "3", 1, "a"),
        (3, "3", 1, "b"),
        (4, "4", 1, "b"),
    ]


def test_a_heading_found_between_the_next_two_sections_starts_is_not_followed() -> None:
    """Alpha's heading stands after Bravo's start though before Charlie's: still out of order."""
    document = pdf(
        *(
            page(body, f"Page {n}")
            for n, body in enumerate(
                [["Intro."], ["No heading."], ["Bravo", "Text."], ["Alpha", "Text."], ["Charlie", "Text."]],
                start=1,
            )
        )
    )
    sections = (A, B, SectionSpec("c", "Charlie", 5))

    result = split(document, chapter(1, None, *sections))

    assert starts(result) == {"a": ("2", False), "b": ("3", False), "c": ("5", False)}


def test_a_roman_gap_in_a_range_that_ends_arabic_is_reported_to_its_last_page() -> None:
    """Chapter 1 runs ii-1: the roman gap iii is inside it, though 1 < 3."""
    result = split(printed("i", "ii", "iv", 1, 2), chapter(1, ("ii", 1)), chapter(2, (2, 2)))

    assert result.warnings == (
        "printed page iii of chapter 1 is missing from toolkit.pdf (the file goes from p. ii on PDF "
        "page 2 to p. iv on PDF page 3)",
    )


def test_a_start_page_only_another_chapter_of_the_file_has_is_not_in_this_one() -> None:
    labels = ["Cover", "A1", "A2", "B1", "B2"]
    document = pdf(*(page([f"Text of {label}"]) for label in labels), labels=labels)

    result = split(
        document, chapter(1, ("A1", "A2")), chapter(2, ("B1", "B2"), SectionSpec("b", "Bravo", "A2"))
    )

    assert result.split.problems == (
        "chapters[1].sections[0].start: printed page A2 (Bravo) is not in toolkit.pdf, whose pages are B1-B2",
    )


def test_an_end_page_only_another_chapter_of_the_file_has_is_not_this_ones() -> None:
    labels = ["Cover", "A1", "A2", "B1", "B2"]
    document = pdf(*(page([f"Text of {label}"]) for label in labels), labels=labels)
    bravo = SectionSpec("b", "Bravo", "B1", end="A2")

    result = split(document, chapter(1, ("A1", "A2")), chapter(2, ("B1", "B2"), bravo))

    assert result.warnings[-1] == (
        "toolkit.pdf: section b ends at printed page A2, which the file does not have; it runs to the next section"
    )
    assert [(p, s) for p, _, _, s in owners(result)][3:] == [(4, "b"), (5, "b")]
