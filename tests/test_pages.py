"""Printed page numbers (SPEC, "Configuration"): page labels, then numbers printed in the
header or footer, then `first_page`, else 1; disagreements are reported; running headers and
footers stay out of the indexed text. PDFs are made in the test with tools/pdfgen."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.engine.store import IndexStore
from pipeline.ingest.extract import ExtractedPdf, Line, PageText, extract_pdf
from pipeline.ingest.manifest import load_manifest
from pipeline.ingest.pages import Gap, PageNumbering, _readings, number_pages
from pipeline.ingest.sections import body_lines, uncatalogued
from pipeline.numerals import to_roman
from tests.conftest import Place
from tests.helpers import extracted_pdf, text_page
from tools.pdfgen import Block, PageSpec, write_pdf

TOPICS = ["Consent", "Grooming", "Referral", "Records", "Meetings", "Planning"]


def make_page(i: int, header: str | None = None, footer: str | None = None, word: str = "") -> PageSpec:
    """A page with a heading and a paragraph free of numbers (so only header/footer carry them)."""
    text = f"This page explains {TOPICS[i].lower()} for practitioners in plain words. {word}".strip()
    return PageSpec(blocks=(Block("heading", TOPICS[i]), Block("para", text)), header=header, footer=footer)


def numbered(
    tmp_path: Path,
    pages: list[PageSpec],
    *,
    page_labels: list[tuple[int, str, int, str]] | None = None,
    first_page: int | None = None,
    name: str = "doc.pdf",
) -> tuple[ExtractedPdf, PageNumbering]:
    path = tmp_path / name
    write_pdf(path, pages, page_labels=page_labels)
    pdf = extract_pdf(path, name)
    return pdf, number_pages(pdf, first_page)


# ------------------------------------------------------------------ extract + number_pages
def test_footer_numbers_from_55(tmp_path: Path) -> None:
    _, numbering = numbered(tmp_path, [make_page(i, footer=f"Page {55 + i}") for i in range(4)])
    assert numbering.labels == ("55", "56", "57", "58")
    assert numbering.source == "printed numbers"
    assert numbering.warnings == ()


def test_footer_numbers_after_running_text(tmp_path: Path) -> None:
    pages = [make_page(i, footer=f"Tackling CSE Toolkit – sample text    Page {120 + i}") for i in range(3)]
    _, numbering = numbered(tmp_path, pages)
    assert numbering.labels == ("120", "121", "122")
    assert numbering.source == "printed numbers"


def test_header_numbers(tmp_path: Path) -> None:
    _, numbering = numbered(tmp_path, [make_page(i, header=f"Health Services | {12 + i}") for i in range(4)])
    assert numbering.labels == ("12", "13", "14", "15")
    assert numbering.source == "printed numbers"
    assert numbering.warnings == ()


def test_page_labels_with_roman_front_matter(tmp_path: Path) -> None:
    _, numbering = numbered(
        tmp_path, [make_page(i) for i in range(5)], page_labels=[(0, "r", 1, ""), (2, "D", 1, "")]
    )
    assert numbering.labels == ("i", "ii", "1", "2", "3")
    assert numbering.source == "page labels"
    assert numbering.index_of("1") == 2
    assert numbering.warnings == ()


def test_page_labels_win_over_disagreeing_footers(tmp_path: Path) -> None:
    pdf, numbering = numbered(
        tmp_path,
        [make_page(i, footer=f"Page {55 + i}") for i in range(4)],
        page_labels=[(0, "D", 1, "")],
    )
    assert numbering.labels == ("1", "2", "3", "4")
    assert numbering.source == "page labels"
    assert len(numbering.warnings) == 1
    warning = numbering.warnings[0]
    assert warning.startswith("doc.pdf: ")
    assert "page labels and the printed page numbers disagree on 4 page(s)" in warning
    assert "PDF page 1: label '1', printed '55'" in warning
    assert warning.endswith("using the page labels")


def test_roman_footers_without_page_labels(tmp_path: Path) -> None:
    footers = ["i", "ii", "Page 1", "Page 2", "Page 3"]
    _, numbering = numbered(tmp_path, [make_page(i, footer=f) for i, f in enumerate(footers)])
    assert numbering.labels == ("i", "ii", "1", "2", "3")
    assert numbering.source == "printed numbers"


def test_roman_footers_after_running_text(tmp_path: Path) -> None:
    """Front matter numbered 'Field Guide i', 'Field Guide ii', then 'Field Guide 1'... (the
    layout of pypdf__GeoBase_NHNC1_Data_Model_UML_EN.pdf in the real-world corpus)."""
    footers = ["i", "ii", "1", "2", "3", "4"]
    _, numbering = numbered(
        tmp_path, [make_page(i, footer=f"Field Guide {f}") for i, f in enumerate(footers)]
    )
    assert numbering.labels == ("i", "ii", "1", "2", "3", "4")


def test_no_numbers_with_first_page(tmp_path: Path) -> None:
    _, numbering = numbered(tmp_path, [make_page(i) for i in range(4)], first_page=55)
    assert numbering.labels == ("55", "56", "57", "58")
    assert numbering.source == "first_page"
    assert numbering.warnings == ()


def test_no_numbers_no_first_page_counts_from_1(tmp_path: Path) -> None:
    _, numbering = numbered(tmp_path, [make_page(i) for i in range(4)])
    assert numbering.labels == ("1", "2", "3", "4")
    assert numbering.source == "default"
    assert numbering.warnings == ()


def test_first_page_disagreeing_with_footers_warns(tmp_path: Path) -> None:
    _, numbering = numbered(
        tmp_path, [make_page(i, footer=f"Page {55 + i}") for i in range(4)], first_page=60
    )
    assert numbering.labels == ("55", "56", "57", "58")
    assert numbering.source == "printed numbers"
    assert numbering.warnings == (
        "doc.pdf: the config says the first page is printed page 60, but the printed numbers say "
        "'55'; using the printed numbers",
    )


def test_first_page_agreeing_with_footers_is_silent(tmp_path: Path) -> None:
    _, numbering = numbered(
        tmp_path, [make_page(i, footer=f"Page {55 + i}") for i in range(4)], first_page=55
    )
    assert numbering.labels == ("55", "56", "57", "58")
    assert numbering.warnings == ()


def test_first_page_disagreeing_with_page_labels_warns(tmp_path: Path) -> None:
    _, numbering = numbered(
        tmp_path, [make_page(i) for i in range(3)], page_labels=[(0, "D", 7, "")], first_page=1
    )
    assert numbering.labels == ("7", "8", "9")
    assert numbering.source == "page labels"
    assert len(numbering.warnings) == 1
    assert "first page is printed page 1, but the page labels say '7'" in numbering.warnings[0]


def test_page_whose_number_cannot_be_read_gets_the_number_the_sequence_leaves(tmp_path: Path) -> None:
    pages = [make_page(i, footer=None if i == 2 else f"Page {55 + i}") for i in range(5)]
    _, numbering = numbered(tmp_path, pages)
    assert numbering.labels == ("55", "56", "57", "58", "59")
    assert numbering.source == "printed numbers"
    assert numbering.gaps == ()


@pytest.mark.parametrize(
    ("footers", "labels"),
    [
        # a hole of two that fits exactly: both numbers are recovered, in order
        ((55, 56, None, None, 59, 60), ("55", "56", "57", "58", "59", "60")),
        ((55, None, None, None, 59, 60), ("55", "56", "57", "58", "59", "60")),
        # a hole of two where one number is missing: an inserted page, so neither is guessed
        ((55, 56, None, None, 58, 59), ("55", "56", "56+1", "56+2", "58", "59")),
        # a hole of one where none is missing (56, ?, 57): an inserted chart
        ((55, 56, None, 57, 58, 59), ("55", "56", "56+1", "57", "58", "59")),
    ],
    ids=["two-fit", "three-fit", "two-for-one", "one-for-none"],
)
def test_a_hole_of_several_unread_numbers_is_filled_only_when_it_fits_exactly(
    tmp_path: Path, footers: tuple[int | None, ...], labels: tuple[str, ...]
) -> None:
    pages = [make_page(i, footer=None if n is None else f"Page {n}") for i, n in enumerate(footers)]
    _, numbering = numbered(tmp_path, pages)
    assert numbering.labels == labels
    assert numbering.unnumbered == frozenset(i for i, label in enumerate(labels) if "+" in label)
    # 57 is then not a page of the file as printed: reported as missing, not made up
    assert numbering.gaps == ((Gap(1, 4, 57, 57, False),) if "56+2" in labels else ())


@pytest.mark.parametrize(
    ("missing", "labels"), [(0, ("+1", "56", "57", "58", "59")), (4, ("55", "56", "57", "58", "58+1"))]
)
def test_page_without_a_number_at_either_end_stays_unnumbered(
    tmp_path: Path, missing: int, labels: tuple[str, ...]
) -> None:
    """A cover or a back page: nothing on either side confirms a number, so none is made up."""
    pages = [make_page(i, footer=None if i == missing else f"Page {55 + i}") for i in range(5)]
    _, numbering = numbered(tmp_path, pages)
    assert numbering.labels == labels
    assert numbering.unnumbered == frozenset({missing})


@pytest.mark.parametrize(
    ("footers", "labels"),
    [
        # each hole is judged by the numbers on its own two sides only
        ((55, None, 57, None, 60, 61), ("55", "56", "57", "57+1", "60", "61")),
        # a hole filled never touches the numbers read before it
        ((5, 6, 20, None, 22, 23), ("5", "6", "20", "21", "22", "23")),
        # a cover, then a hole that does not fit: only the cover is counted back
        ((None, 2, None, 5, 6), ("1", "2", "2+1", "5", "6")),
        # two pages: a cover and "Page 2"
        ((None, 2), ("1", "2")),
    ],
    ids=["two-holes", "after-a-jump", "cover-then-hole", "two-pages"],
)
def test_holes_are_filled_from_their_own_neighbours(
    tmp_path: Path, footers: tuple[int | None, ...], labels: tuple[str, ...]
) -> None:
    pages = [make_page(i, footer=None if n is None else f"Page {n}") for i, n in enumerate(footers)]
    _, numbering = numbered(tmp_path, pages)
    assert numbering.labels == labels


def test_a_gap_is_named_and_held_in_its_numbering_style(tmp_path: Path) -> None:
    """Roman front matter missing "iii", arabic pages missing 3 and 4."""
    pages = [make_page(i) for i in range(6)]
    labels = [(0, "r", 1, ""), (2, "r", 4, ""), (3, "D", 1, ""), (4, "D", 2, ""), (5, "D", 5, "")]
    _, numbering = numbered(tmp_path, pages, page_labels=labels)
    assert numbering.labels == ("i", "ii", "iv", "1", "2", "5")
    roman, arabic = numbering.gaps
    assert (roman, arabic) == (Gap(1, 2, 3, 3, True), Gap(4, 5, 3, 4, False))
    assert (roman.pages(), arabic.pages()) == ("page iii", "pages 3-4")
    assert [label for label in ("ii", "iii", "iv", "3", "4", "5", "x", "57+1") if arabic.holds(label)] == [
        "3",
        "4",
    ]
    assert [label for label in ("ii", "iii", "iv", "3", "4") if roman.holds(label)] == ["iii"]
    assert (numbering.gap_holding("4"), numbering.gap_holding("iii"), numbering.gap_holding("5")) == (
        arabic,
        roman,
        None,
    )
    assert numbering.gap_message(arabic, "doc.pdf", " of chapter 2") == (
        "printed pages 3-4 of chapter 2 are missing from doc.pdf (the file goes from p. 2 on PDF "
        "page 5 to p. 5 on PDF page 6)"
    )
    assert numbering.gap_message(roman, "doc.pdf") == (
        "printed page iii is missing from doc.pdf (the file goes from p. ii on PDF page 2 to p. iv "
        "on PDF page 3)"
    )


def test_a_label_is_found_within_the_pages_asked(tmp_path: Path) -> None:
    """One file, two chapters each numbered from 1: the second chapter's page 1."""
    pages = [make_page(i) for i in range(4)]
    _, numbering = numbered(tmp_path, pages, page_labels=[(0, "D", 1, ""), (2, "D", 1, "")])
    assert numbering.labels == ("1", "2", "1", "2")
    assert (numbering.index_of("1"), numbering.index_of("1", range(2, 4)), numbering.index_of("3")) == (
        0,
        2,
        None,
    )


@pytest.mark.parametrize(
    ("form", "labels"),
    [
        ("{n}", ("55", "56", "57", "58")),
        ("Page {n}", ("55", "56", "57", "58")),
        ("p. {n}", ("55", "56", "57", "58")),
        ("pg {n}", ("55", "56", "57", "58")),
        ("- {n} -", ("55", "56", "57", "58")),
        ("{n} of 80", ("55", "56", "57", "58")),
        ("{n}/80", ("55", "56", "57", "58")),
        ("Tackling CSE | {n}", ("55", "56", "57", "58")),
        ("{n} | Tackling CSE", ("55", "56", "57", "58")),
        ("Handbook, page {n} of 80, draft", ("55", "56", "57", "58")),
        ("Handbook draft {n} of 80", ("55", "56", "57", "58")),
        ("{r}", ("v", "vi", "vii", "viii")),
        ("Page {r}", ("v", "vi", "vii", "viii")),
        ("Guide | {r}", ("v", "vi", "vii", "viii")),
        ("{r} | Guide", ("v", "vi", "vii", "viii")),
    ],
)
def test_each_way_of_printing_a_page_number_is_read(
    tmp_path: Path, form: str, labels: tuple[str, ...]
) -> None:
    pages = [make_page(i, footer=form.format(n=55 + i, r=to_roman(5 + i))) for i in range(4)]
    _, numbering = numbered(tmp_path, pages)
    assert (numbering.labels, numbering.source) == (labels, "printed numbers")


@pytest.mark.parametrize(
    ("line", "readings"),
    [
        # the whole line, "page N", "N of M": three strong readings; the total only at the edge
        ("Page 55 of 80", [(55, False, 2), (55, False, 2), (55, False, 2), (80, False, 0)]),
        ("55", [(55, False, 1)]),
        # "Page N", "p. N", "N of M", "N/M" as the whole line are strong; a bare number is not
        ("Page 55", [(55, False, 2), (55, False, 2), (55, False, 0)]),
        ("p. 55", [(55, False, 2), (55, False, 0)]),
        ("55 of 80", [(55, False, 2), (55, False, 2), (55, False, 0), (80, False, 0)]),
        ("55/80", [(55, False, 2)]),
        ("- iv -", [(4, True, 1)]),
        ("Section 3 | 55", [(55, False, 0)]),
        ("iv | Contents", [(4, True, 0)]),
        ("Page 0", []),
        ("Page iiii", []),
    ],
)
def test_the_readings_of_a_margin_line_and_their_strength(
    line: str, readings: list[tuple[int, bool, int]]
) -> None:
    found = _readings(3, Line(line, 800.0, 812.0, 100.0))
    assert [(r.value, r.roman, r.strength) for r in found] == readings
    assert all(r.line == 3 for r in found)


def test_cover_before_page_2_is_page_1(tmp_path: Path) -> None:
    """Counting starts at the file's first page: a cover, then "Page 2", is page 1."""
    _, numbering = numbered(
        tmp_path, [make_page(i, footer=None if i == 0 else f"Page {i + 1}") for i in range(4)]
    )
    assert numbering.labels == ("1", "2", "3", "4")


def test_line_numbers_running_across_pages_are_not_the_page_numbers(tmp_path: Path) -> None:
    """A form's line numbers 35, 36, 37 in the margins of consecutive pages, beside "Page 2",
    "Page 3" (the layout of pdfminer__f1040nr.pdf in the real-world corpus)."""
    pages = [
        make_page(0, footer="35"),
        make_page(1, header="36", footer="Page 2"),
        make_page(2, header="37", footer="Page 3"),
        make_page(3, footer="Page 4"),
    ]
    _, numbering = numbered(tmp_path, pages)
    assert numbering.labels == ("1", "2", "3", "4")


def test_first_page_numbers_an_unnumbered_first_page_that_fits(tmp_path: Path) -> None:
    pages = [make_page(i, footer=None if i == 0 else f"Page {55 + i}") for i in range(4)]
    _, numbering = numbered(tmp_path, pages, first_page=55)
    assert numbering.labels == ("55", "56", "57", "58")
    assert numbering.warnings == ()


def test_running_header_and_footer_are_not_body_text(tmp_path: Path) -> None:
    header = "Zanzibar Handbook · Draft edition"
    pages = [make_page(i, header=header, footer=f"Widget toolkit – Page {55 + i}") for i in range(4)]
    pdf, numbering = numbered(tmp_path, pages)
    assert numbering.labels == ("55", "56", "57", "58")
    for index, page in enumerate(pdf.pages):
        assert page.lines[0].text == header  # extracted, then kept out of the text below
        body = [line.text for line in body_lines(pdf, numbering, index)]
        assert body[0] == TOPICS[index]
        assert not any("Zanzibar" in text or "Widget" in text or "Page" in text for text in body), body
    units = uncatalogued(pdf, numbering)
    assert [u.page for u in units] == ["55", "56", "57", "58"]
    assert not any("Zanzibar" in u.text or "Widget toolkit" in u.text for u in units)


@pytest.mark.parametrize(
    ("headed", "furniture"),
    [
        ((0, 1, 2, 3), True),  # on every page
        ((0, 2), True),  # on half the pages
        ((1,), False),  # once is not a running header
    ],
)
def test_a_header_is_furniture_from_half_the_pages(
    tmp_path: Path, headed: tuple[int, ...], furniture: bool
) -> None:
    header = "Zanzibar Handbook · Draft edition"
    pages = [make_page(i, header=header if i in headed else None, footer=f"Page {55 + i}") for i in range(4)]
    pdf, numbering = numbered(tmp_path, pages)
    for index in range(4):
        body = [line.text for line in body_lines(pdf, numbering, index)]
        assert (header in body) is (index in headed and not furniture), (index, body)
        assert f"Page {55 + index}" not in body  # the number's own line always goes
    assert numbering.furniture_warnings == ()


def test_a_long_running_header_with_the_page_number_in_it_is_furniture(tmp_path: Path) -> None:
    """Longer than a number line may be (80 characters), so its number changes from page to
    page while the rest repeats: the same header all the same."""
    header = (
        "Tackling Child Sexual Exploitation Toolkit, Health Services: guidance for practitioners, page {n}"
    )
    pages = [make_page(i, header=header.format(n=55 + i), footer=f"Page {55 + i}") for i in range(4)]
    pdf, numbering = numbered(tmp_path, pages)
    assert numbering.labels == ("55", "56", "57", "58")
    for index in range(4):
        body = [line.text for line in body_lines(pdf, numbering, index)]
        assert body[0] == TOPICS[index], body


def test_a_repeated_line_that_is_most_of_its_pages_is_kept_and_named(tmp_path: Path) -> None:
    """A form's pages that hold only a title at the top: the title is the text, not a header."""
    title = "Referral form"
    pages = [PageSpec(blocks=(), header=title, footer=f"Page {n}") for n in (1, 2, 3)]
    pages.append(make_page(3, header=title, footer="Page 4"))
    pdf, numbering = numbered(tmp_path, pages)
    assert [[line.text for line in body_lines(pdf, numbering, i)] for i in range(3)] == [[title]] * 3
    assert numbering.furniture_warnings == (
        f"doc.pdf: the line {title!r} and its like repeat at the top or bottom of 4 pages as a "
        "running header would, but are most of the text there; kept as searchable text",
    )


def test_running_headers_are_judged_within_each_chapter_of_a_shared_file(tmp_path: Path) -> None:
    """Pages 0-3 and 4-5 are two chapters of one file, each with its own header."""
    first, second = "Chapter One · Responding", "Chapter Two · Health"
    pages = [make_page(i % 6, header=first if i < 4 else second, footer=f"Page {i + 1}") for i in range(6)]
    path = tmp_path / "shared.pdf"
    write_pdf(path, pages)
    pdf = extract_pdf(path, "shared.pdf")
    together = number_pages(pdf)
    apart = number_pages(pdf, groups=[range(0, 4), range(4, 6)])
    # As one group, the second header is on a third of the pages: not furniture.
    assert [second in [line.text for line in body_lines(pdf, together, i)] for i in (4, 5)] == [True, True]
    assert [second in [line.text for line in body_lines(pdf, apart, i)] for i in (4, 5)] == [False, False]
    assert [first in [line.text for line in body_lines(pdf, apart, i)] for i in range(4)] == [False] * 4


# --------------------------------------------------------------------------- end to end
WORDS = [
    "quokka",
    "narwhal",
    "axolotl",
    "pangolin",
    "okapi",
    "dugong",
    "gharial",
    "kinkajou",
    "numbat",
    "tapir",
]


@pytest.fixture(scope="module")
def numbered_index(tmp_path_factory: pytest.TempPathFactory) -> Place:
    """Four small PDFs, each numbered a different way, ingested into a real index."""
    root = tmp_path_factory.mktemp("pages")
    pdfs = root / "pdfs"
    header = "Zanzibar Handbook · Draft edition"
    write_pdf(  # footers Page 55..58, and a running header
        pdfs / "footers.pdf",
        [make_page(i, header=header, footer=f"Page {55 + i}", word=WORDS[i]) for i in range(4)],
    )
    write_pdf(  # /PageLabels i, ii, 1, 2 and no printed numbers
        pdfs / "labelled.pdf",
        [make_page(i, word=WORDS[4 + i]) for i in range(4)],
        page_labels=[(0, "r", 1, ""), (2, "D", 1, "")],
    )
    write_pdf(pdfs / "plain.pdf", [make_page(i, word=WORDS[8 + i]) for i in range(2)])  # first_page 201
    write_pdf(pdfs / "nothing.pdf", [make_page(0, word="wombat"), make_page(1, word="bilby")])
    config = root / "toolkit.yaml"
    config.write_text(
        "chapters:\n  - number: 3\n    title: Plain chapter\n    file: plain.pdf\n    first_page: 201\n",
        encoding="utf-8",
    )
    place = Place.under(root)
    result = place.ingest()
    assert result.exit_code == 0, result.output
    return place


@pytest.mark.parametrize(
    ("word", "file", "pdf_page", "page"),
    [
        ("quokka", "footers.pdf", 1, "55"),
        ("axolotl", "footers.pdf", 3, "57"),
        ("pangolin", "footers.pdf", 4, "58"),
        ("okapi", "labelled.pdf", 1, "i"),
        ("dugong", "labelled.pdf", 2, "ii"),
        ("gharial", "labelled.pdf", 3, "1"),
        ("kinkajou", "labelled.pdf", 4, "2"),
        ("numbat", "plain.pdf", 1, "201"),
        ("tapir", "plain.pdf", 2, "202"),
        ("wombat", "nothing.pdf", 1, "1"),
        ("bilby", "nothing.pdf", 2, "2"),
    ],
)
def test_search_json_cites_printed_page(
    numbered_index: Place, word: str, file: str, pdf_page: int, page: str
) -> None:
    result, data = numbered_index.search(word)
    assert result.exit_code == 0, result.output
    assert data["total"] == 1
    hit = data["results"][0]
    assert (hit["file"], hit["pdf_page"], hit["page"]) == (file, pdf_page, page)


def test_manifest_records_labels_and_their_source(numbered_index: Place) -> None:
    index = numbered_index.index
    manifest = load_manifest(IndexStore(index).current())
    assert manifest is not None
    got = {name: (r.page_labels, r.label_source) for name, r in manifest.files.items()}
    assert got == {
        "footers.pdf": (("55", "56", "57", "58"), "printed numbers"),
        "labelled.pdf": (("i", "ii", "1", "2"), "page labels"),
        "plain.pdf": (("201", "202"), "first_page"),
        "nothing.pdf": (("1", "2"), "default"),
    }


def test_running_header_word_finds_only_the_pages_it_heads(numbered_index: Place) -> None:
    """Kept out of the text, but kept as a weak field of its own: it says what the pages
    are about (issue 13)."""
    result, data = numbered_index.search("zanzibar", "--limit", "50")
    assert result.exit_code == 0, result.output
    assert {h["file"] for h in data["results"]} == {"footers.pdf"}


def test_snippet_does_not_carry_the_running_header(numbered_index: Place) -> None:
    result, data = numbered_index.search("practitioners", "--limit", "50")
    assert result.exit_code == 0, result.output
    footers = [h for h in data["results"] if h["file"] == "footers.pdf"]
    assert sorted(h["pdf_page"] for h in footers) == [1, 2, 3, 4]
    for hit in footers:
        assert "Zanzibar" not in hit["snippet"]
        assert "Draft edition" not in hit["snippet"]
        assert "Page 5" not in hit["snippet"]


# ------------------------------------------- the margins and repeated lines (direct input)
def footers_at(bottom: float) -> PageNumbering:
    """Three pages whose "Page 55".."Page 57" line ends `bottom` points down an 800-point page."""
    pages = [
        PageText(
            0,
            (Line("Body text of the page.", 300, 312, 50), Line(f"Page {n}", bottom - 12, bottom, 280)),
            600,
            800,
        )
        for n in (55, 56, 57)
    ]
    return number_pages(extracted_pdf(*pages))


def headers_at(top: float) -> PageNumbering:
    pages = [
        PageText(
            0, (Line(f"Page {n}", top, top + 12, 280), Line("Body text of the page.", 300, 312, 50)), 600, 800
        )
        for n in (55, 56, 57)
    ]
    return number_pages(extracted_pdf(*pages))


def test_a_number_is_read_only_inside_the_12_percent_margins() -> None:
    """The margins of an 800-point page: above 96 points from the top, below 704."""
    assert footers_at(704.5).labels == ("55", "56", "57")
    assert footers_at(704).labels == ("1", "2", "3")
    assert headers_at(95.5).labels == ("55", "56", "57")
    assert headers_at(96).labels == ("1", "2", "3")


def test_repeated_lines_that_are_most_of_their_pages_are_kept_and_reported_in_page_order() -> None:
    """ "Zeta ..." stands on pages 1 and 4, "Alpha ..." on 2 and 3, each alone on its page but
    for the page's number: kept as text, reported from the first page each stands on, its
    example taken from that page and cut at 60 characters."""
    zeta = "Zeta form 101 notes, " + "z" * 60
    lines = {
        1: zeta,
        2: "Alpha 202 notes",
        3: "Alpha 303 notes",
        4: zeta.replace("101", "404"),
    }
    pages = [
        PageText(0, (Line(lines[n], 30, 42, 50), Line(f"Page {n}", 760, 772, 280)), 600, 800)
        for n in range(1, 5)
    ]

    numbering = number_pages(extracted_pdf(*pages))

    assert numbering.furniture_warnings == (
        f"toolkit.pdf: the line {zeta[:60]!r} and its like repeat at the top or bottom of 2 pages as a running "
        "header would, but are most of the text there; kept as searchable text",
        "toolkit.pdf: the line 'Alpha 202 notes' and its like repeat at the top or bottom of 2 pages as a "
        "running header would, but are most of the text there; kept as searchable text",
    )


# ------------------------------------------------ which reading stands (direct input)
def printed(
    footers: list[str | None],
    headers: list[str | None] | None = None,
    *,
    first_page: int | None = None,
    labels: tuple[str, ...] = (),
) -> tuple[ExtractedPdf, PageNumbering]:
    """Pages of one body line with these footers (and headers), numbered."""
    heads = headers or [None] * len(footers)
    pdf = extracted_pdf(
        *(text_page(["Body text of the page."], f, h) for f, h in zip(footers, heads, strict=True)),
        labels=labels,
    )
    return pdf, number_pages(pdf, first_page)


@pytest.mark.parametrize(
    ("footers", "labels"),
    [
        # one number on a quarter or a third of the pages: a stray, not a numbering
        ((None, "Page 7", None, None), ("1", "2", "3", "4")),
        (("Page 7", None, None), ("1", "2", "3")),
        # numbers on half the pages are a numbering, even out of sequence
        (("Page 7", None, "Page 30", None), ("7", "7+1", "30", "30+1")),
        # numbers that confirm each other are a numbering, however few the pages
        (("Page 1", "Page 2", None, None, None, None), ("1", "2", "2+1", "2+2", "2+3", "2+4")),
    ],
    ids=["one-of-four", "one-of-three", "two-of-four", "two-in-sequence-of-six"],
)
def test_a_stray_number_is_not_a_numbering(footers: tuple[str | None, ...], labels: tuple[str, ...]) -> None:
    _, numbering = printed(list(footers))
    assert numbering.labels == labels


@pytest.mark.parametrize(
    ("footers", "labels"),
    [
        # an unconfirmed number below a confirmed one before it goes (the hole then fits)
        (("Page 5", None, "Page 2", "Page 8"), ("5", "6", "7", "8")),
        # the same number twice: the second copy goes
        (("Page 1", "Page 2", "Page 2"), ("1", "2", "2+1")),
        # equal to the confirmed one after it
        (("Page 1", "Page 2", "Page 4", "Page 4", "Page 5"), ("1", "2", "3", "4", "5")),
        # above the confirmed one just after it
        (("Page 1", "Page 2", "Page 9", "Page 4"), ("1", "2", "3", "4")),
        # between the confirmed ones around it: it stands (3 .. 10 is a gap)
        (("Page 1", "Page 2", "Page 3", "Page 10"), ("1", "2", "3", "10")),
        # numbers of the other kind never judge it
        (("i", "ii", "iii", "Page 1"), ("i", "ii", "iii", "1")),
        (("Page 5", "i", "ii", "iii"), ("5", "i", "ii", "iii")),
        # a numbering that starts again is confirmed by its own next page
        (("Page 10", "Page 11", "Page 3", "Page 4"), ("10", "11", "3", "4")),
    ],
    ids=[
        "below-before",
        "twice",
        "equal-after",
        "above-next",
        "fits",
        "roman-before",
        "roman-after",
        "restart",
    ],
)
def test_an_unconfirmed_number_stands_only_where_it_fits(
    footers: tuple[str | None, ...], labels: tuple[str, ...]
) -> None:
    _, numbering = printed(list(footers))
    assert numbering.labels == labels


@pytest.mark.parametrize(
    ("footers", "headers", "labels"),
    [
        # "Section 12 | 1": the number that runs from page to page, not the section's
        (["Section 12 | 1", "Section 12 | 2", "Section 12 | 3"], None, ("1", "2", "3")),
        # "Page N" above a form's line numbers running alongside it: the stronger form
        (["35", "36", "37"], ["Page 1", "Page 2", "Page 3"], ("1", "2", "3")),
    ],
    ids=["section-number", "line-numbers"],
)
def test_the_number_in_sequence_and_printed_as_a_page_number_is_chosen(
    footers: list[str | None], headers: list[str | None] | None, labels: tuple[str, ...]
) -> None:
    _, numbering = printed(footers, headers)
    assert numbering.labels == labels


def test_a_one_page_file_takes_the_only_number_in_its_margins() -> None:
    _, numbering = printed(["Tackling CSE | 74"])
    assert numbering.labels == ("74",)


def test_a_number_at_a_line_end_alone_never_numbers_a_page_of_several() -> None:
    """ "Draft 7" on the last page: nothing confirms it, and a line's end is no page number."""
    _, numbering = printed(["Page 1", "Page 2", "Page 3", "Draft 7"])
    assert numbering.labels == ("1", "2", "3", "3+1")


def first_page_said(first_page: int, printed_say: str) -> str:
    return (
        f"toolkit.pdf: the config says the first page is printed page {first_page}, but the printed "
        f"numbers say {printed_say!r}; using the printed numbers"
    )


@pytest.mark.parametrize(
    ("footers", "first_page", "labels", "warnings"),
    [
        # below the first number read after it: the first page's number, and a hole filled
        ((None, None, "Page 57", "Page 58"), 55, ("55", "56", "57", "58"), ()),
        # not below it: the printed numbers come first (SPEC), and the disagreement is reported
        ((None, "Page 56", "Page 57", "Page 58"), 56, ("+1", "56", "57", "58"), (first_page_said(56, "+1"),)),
        ((None, "Page 56", "Page 57", "Page 58"), 60, ("+1", "56", "57", "58"), (first_page_said(60, "+1"),)),
        # roman numbers after it count back to the first page: "i", not the config's 1
        ((None, "ii", "iii"), 1, ("i", "ii", "iii"), (first_page_said(1, "i"),)),
    ],
    ids=["fits", "equal", "above", "roman"],
)
def test_first_page_numbers_an_unnumbered_first_page_only_where_it_fits_the_printed_numbers(
    footers: tuple[str | None, ...], first_page: int, labels: tuple[str, ...], warnings: tuple[str, ...]
) -> None:
    _, numbering = printed(list(footers), first_page=first_page)
    assert (numbering.labels, numbering.warnings) == (labels, warnings)


def test_a_page_the_page_labels_leave_blank_keeps_its_pdf_page_number() -> None:
    _, numbering = printed([None] * 4, labels=("i", "ii", "", ""))
    assert numbering.labels == ("i", "ii", "3", "4")


def test_page_labels_agreeing_with_the_printed_numbers_are_silent() -> None:
    _, numbering = printed(["Page 55", "Page 56", "Page 57"], labels=("55", "56", "57"))
    assert numbering.warnings == ()


def test_page_labels_disagreeing_count_only_pages_with_a_printed_number() -> None:
    _, numbering = printed(["Page 55", "Page 56", "Page 57", None], labels=("1", "2", "3", "4"))
    assert numbering.warnings == (
        "toolkit.pdf: the PDF's page labels and the printed page numbers disagree on 3 page(s) "
        "(PDF page 1: label '1', printed '55'); using the page labels",
    )


def test_another_number_in_the_margin_stays_text() -> None:
    """ "Call Childline on 1111" in one page's header: its number is not the page's."""
    pdf, numbering = printed(["Page 1", "Page 2", "Page 3"], [None, "Call Childline on 1111", None])
    assert [line.text for line in body_lines(pdf, numbering, 1)] == [
        "Call Childline on 1111",
        "Body text of the page.",
    ]


@pytest.mark.parametrize(("width", "text"), [(80, False), (81, True)])
def test_a_number_line_is_at_most_80_characters(width: int, text: bool) -> None:
    """A footer whose words differ from page to page (so it is no running footer) goes with
    its number up to 80 characters; longer, it is text that happens to end in a number."""
    footers = [
        (f"{topic} and more words for page " + "-" * 80)[: width - 3] + f" {n}"
        for n, topic in [(10, "Consent"), (11, "Grooming"), (12, "Referral")]
    ]
    assert all(len(f) == width for f in footers)
    pdf, numbering = printed(list(footers))
    assert numbering.labels == ("10", "11", "12")
    assert (footers[1] in [line.text for line in body_lines(pdf, numbering, 1)]) is text


def test_running_headers_are_found_in_a_chapter_after_one_without() -> None:
    """Two chapters of one file: the first has no running header, the second has one."""
    header = "Chapter Two · Health"
    pdf = extracted_pdf(
        *(text_page(["Body text of the page."], f"Page {n}", header if n > 2 else None) for n in (1, 2, 3, 4))
    )
    numbering = number_pages(pdf, groups=[range(0, 2), range(2, 4)])
    assert [header in [line.text for line in body_lines(pdf, numbering, i)] for i in (2, 3)] == [False, False]


def test_a_repeated_line_with_text_beside_it_on_half_its_pages_is_furniture() -> None:
    """On two pages, one of which has nothing else: half of them have other text, enough."""
    pdf = extracted_pdf(
        text_page(["Body text of the page."], "Page 1", "Referral form"),
        text_page([], "Page 2", "Referral form"),
    )
    numbering = number_pages(pdf)
    assert ([line.text for line in body_lines(pdf, numbering, 1)], numbering.furniture_warnings) == ([], ())


@pytest.mark.parametrize(
    ("footers", "headers", "labels"),
    [
        # "Page 3" and "Page 6" three numbered pages apart, the pages between each holding two
        # numbers that run with nothing: neither confirms the other, so there is no numbering
        (
            ["Page 3", "Page 80", "Page 30", "Page 6"],
            ["Page 40", "Page 70", "Page 20", None],
            ("1", "2", "3", "4"),
        ),
        # "Page 3" after 10, 11 is confirmed by nothing within two read pages ("Page 6" is the
        # third after it), so it goes
        (
            ["Page 10", "Page 11", "Page 3", "Page 90", "Page 91", "Page 6"],
            None,
            ("10", "11", "11+1", "90", "91", "91+1"),
        ),
    ],
    ids=["choosing", "agreeing"],
)
def test_numbers_confirm_each_other_across_two_numbered_pages_at_most(
    footers: list[str | None], headers: list[str | None] | None, labels: tuple[str, ...]
) -> None:
    _, numbering = printed(footers, headers)
    assert numbering.labels == labels


@pytest.mark.parametrize(
    ("footers", "headers", "labels"),
    [
        # "Page 5" at the top and "Page 8" at the foot, between pages 4 and 9: each runs
        # with one neighbour
        (["Page 4", "Page 8", "Page 9"], [None, "Page 5", None], ("4", "5", "9")),
        # two pages, each with two numbers, both pairs in sequence
        (["Page 7", "Page 8"], ["Page 4", "Page 5"], ("4", "5")),
    ],
    ids=["between-neighbours", "two-sequences"],
)
def test_of_two_numbers_equally_in_sequence_and_equally_printed_the_first_on_the_page_stands(
    footers: list[str | None], headers: list[str | None], labels: tuple[str, ...]
) -> None:
    """The page is cited by the number read first, top to bottom."""
    _, numbering = printed(footers, headers)
    assert numbering.labels == labels


def test_first_page_is_judged_by_the_first_number_that_stands_after_it() -> None:
    """ "Page 9" on the second page fits nothing and goes; "Page 3" is the first that stands."""
    _, numbering = printed([None, "Page 9", "Page 3", "Page 4"], first_page=1)
    assert numbering.labels == ("1", "2", "3", "4")
