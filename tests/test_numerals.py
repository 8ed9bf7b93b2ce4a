"""Printed page numbers as words (pipeline/numerals.py): roman numerals read only in their
one canonical spelling, the order of front matter and numbered pages, and how a page is
cited."""

from __future__ import annotations

import pytest

from pipeline.numerals import (
    MAX_DIGITS,
    PRINTED_MARK,
    arabic,
    as_printed,
    cite,
    from_roman,
    is_unnumbered,
    page_order,
    page_range,
    plain,
    to_roman,
    unnumbered_label,
)


@pytest.mark.parametrize(
    ("number", "roman"),
    [(1, "i"), (3, "iii"), (4, "iv"), (9, "ix"), (14, "xiv"), (40, "xl"), (49, "xlix"), (90, "xc"),
     (400, "cd"), (900, "cm"), (1994, "mcmxciv"), (3999, "mmmcmxcix")],
)  # fmt: skip
def test_roman_numerals_both_ways(number: int, roman: str) -> None:
    assert (to_roman(number), from_roman(roman), from_roman(roman.upper())) == (roman, number, number)


def test_every_number_to_3999_reads_back() -> None:
    assert [n for n in range(1, 4000) if from_roman(to_roman(n)) != n] == []


@pytest.mark.parametrize(
    "text",
    [
        "iiii",
        "did",
        "vv",
        "ic",
        "iix",
        "xxxx",
        "lc",
        "dm",
        "vx",
        "",
        "ii i",
        "iv.",
        "a",
        "xiv2",
    ],
)
def test_a_roman_numeral_not_in_its_canonical_spelling_is_not_a_number(text: str) -> None:
    """A word in a margin is not a page number: "iiii" is not 4 and "did" is not 999."""
    assert from_roman(text) is None


@pytest.mark.parametrize(
    ("page", "order"),
    [(7, (1, 7)), ("74", (1, 74)), ("iv", (0, 4)), ("IV", (0, 4)), ("A-3", None), ("57+1", None),
     ("²", None), ("iiii", None)],
)  # fmt: skip
def test_page_order_puts_front_matter_first(page: int | str, order: tuple[int, int] | None) -> None:
    assert page_order(page) == order


@pytest.mark.parametrize(
    ("label", "cited"),
    [
        ("74", "p. 74"),
        ("iv", "p. iv"),
        ("57+1", "unnumbered page after p. 57"),
        ("57+2", "2nd unnumbered page after p. 57"),
        ("57+3", "3rd unnumbered page after p. 57"),
        ("57+4", "4th unnumbered page after p. 57"),
        ("57+11", "11th unnumbered page after p. 57"),
        ("57+12", "12th unnumbered page after p. 57"),
        ("57+13", "13th unnumbered page after p. 57"),
        ("57+21", "21st unnumbered page after p. 57"),
        ("57+22", "22nd unnumbered page after p. 57"),
        ("57+111", "111th unnumbered page after p. 57"),
        ("57+10", "10th unnumbered page after p. 57"),
        ("57+20", "20th unnumbered page after p. 57"),
        ("57+211", "211th unnumbered page after p. 57"),
        ("57+101", "101st unnumbered page after p. 57"),
        ("+1", "unnumbered page at the start of the file"),
        ("+2", "2nd unnumbered page at the start of the file"),
        ("iv+1", "unnumbered page after p. iv"),
    ],
)
def test_a_page_is_cited_as_a_reader_finds_it(label: str, cited: str) -> None:
    assert cite(label) == cited


@pytest.mark.parametrize(
    ("first", "last", "shown"),
    [
        ("74", "74", "p. 74"),
        ("55", "76", "pp. 55-76"),
        ("i", "iv", "pp. i-iv"),
        ("57+1", "57+1", "unnumbered page after p. 57"),
        ("57+1", "60", "unnumbered page after p. 57 to p. 60"),
        ("55", "57+1", "p. 55 to unnumbered page after p. 57"),
    ],
)
def test_page_ranges(first: str, last: str, shown: str) -> None:
    assert page_range(first, last) == shown


@pytest.mark.parametrize(
    ("label", "unnumbered"), [("57+1", True), ("+1", True), ("57", False), ("5+", False), ("+", False)]
)
def test_is_unnumbered(label: str, unnumbered: bool) -> None:
    assert is_unnumbered(label) is unnumbered


def test_a_pdfs_own_label_shaped_like_an_unnumbered_page_is_cited_as_printed() -> None:
    """A PDF may label a page "57+1" itself: marked when read, it is that page's printed
    label, cited "p. 57+1" and shown without the mark; other labels are kept as they are."""
    marked = as_printed("57+1")

    assert marked == PRINTED_MARK + "57+1"
    assert (as_printed("57"), as_printed("iv"), as_printed("+"), as_printed("5+")) == ("57", "iv", "+", "5+")
    assert is_unnumbered(marked) is False
    assert cite(marked) == "p. 57+1"
    assert page_range(marked, "60") == "pp. 57+1-60"
    assert (plain(marked), plain("57"), plain("57+1")) == ("57+1", "57", "57+1")


@pytest.mark.parametrize(
    ("label", "number"), [("74", 74), ("0", 0), ("²", None), ("٣", None), ("7a", None), ("", None)]
)
def test_arabic_reads_ascii_digits_only(label: str, number: int | None) -> None:
    assert arabic(label) == number


def test_an_unnumbered_page_is_labelled_after_the_page_before_it() -> None:
    assert [unnumbered_label("57", 1), unnumbered_label("57", 2), unnumbered_label(None, 1)] == [
        "57+1",
        "57+2",
        "+1",
    ]


def test_a_label_longer_than_any_page_number_is_text() -> None:
    assert (arabic("9" * MAX_DIGITS), arabic("9" * (MAX_DIGITS + 1))) == (int("9" * MAX_DIGITS), None)
