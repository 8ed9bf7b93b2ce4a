"""Printed page numbers as words: roman numerals on front-matter pages (i, ii, iii ...),
their order, page ranges, and how a page without a printed number is named and cited."""

from __future__ import annotations

import re

_ROMAN = re.compile(r"^[ivxlcdm]+$")
_UNNUMBERED = re.compile(r"^(.*)\+([0-9]+)$")
# A PDF's own page label may have the very form of an unnumbered page's ("57+1"). It is kept
# with this mark in front, which no printed label holds (text.clean_label removes it) and
# which shows as nothing, so it is cited as printed ("p. 57+1"), never as "unnumbered page
# after p. 57". `plain` takes the mark off wherever a label is compared or written out.
PRINTED_MARK = "\u2060"  # word joiner
# More digits than any page number has: such a label is text, never converted.
MAX_DIGITS = 12


def to_roman(number: int) -> str:
    values = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ]
    out = []
    for value, letters in values:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def from_roman(text: str) -> int | None:
    text = text.lower()
    if not text or not _ROMAN.match(text):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for i, char in enumerate(text):
        value = values[char]
        total += -value if i + 1 < len(text) and values[text[i + 1]] > value else value
    return total if to_roman(total) == text else None


def page_order(page: int | str) -> tuple[int, int] | None:
    """Where a printed page falls: roman front matter (0, n) before numbered pages (1, n);
    other labels ("A-3", an unnumbered page) have no order we can check."""
    if isinstance(page, int):
        return (1, page)
    if (number := arabic(page)) is not None:
        return (1, number)
    roman = from_roman(page)
    return (0, roman) if roman is not None else None


def unnumbered_label(previous: str | None, count: int) -> str:
    """The label of a page with no printed number: "57+1" is the first page after printed
    page 57, "57+2" the second; "+1" is a page before any printed number in its file."""
    return f"{previous or ''}+{count}"


def as_printed(label: str) -> str:
    """A PDF's own page label, marked if it has an unnumbered page's form."""
    return PRINTED_MARK + label if _UNNUMBERED.match(label) else label


def plain(label: str) -> str:
    """A label as printed: without the mark `as_printed` may have put on it."""
    return label.replace(PRINTED_MARK, "")


def is_unnumbered(label: str) -> bool:
    return _UNNUMBERED.match(label) is not None and PRINTED_MARK not in label


def cite(label: str) -> str:
    """A page as a reader finds it: "p. 74"; for a page with no printed number "unnumbered
    page after p. 57", "2nd unnumbered page after p. 57" or "unnumbered page at the start
    of the file" (the PDF page is always given beside it)."""
    match = _UNNUMBERED.match(label) if is_unnumbered(label) else None
    if match is None:
        return f"p. {plain(label)}"
    previous, count = match.group(1), int(match.group(2))
    which = "unnumbered page" if count == 1 else f"{_ordinal(count)} unnumbered page"
    return f"{which} after p. {previous}" if previous else f"{which} at the start of the file"


def _ordinal(n: int) -> str:
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def arabic(label: str) -> int | None:
    """The number a label such as "74" stands for; None for anything else, including
    digits that are not ASCII ("²", "٣"), which `str.isdigit` accepts but `int` does not
    always read as the page a reader would look for, and a run of digits longer than any
    page number (Python will not even convert one of 5,000 digits)."""
    if not (label.isascii() and label.isdigit()) or len(label) > MAX_DIGITS:
        return None
    return int(label)


def page_range(first: str, last: str) -> str:
    """A printed page range as the board writes it: "p. 74" or "pp. 55-76"."""
    if first == last:
        return cite(first)
    if is_unnumbered(first) or is_unnumbered(last):
        return f"{cite(first)} to {cite(last)}"
    return f"pp. {plain(first)}-{plain(last)}"
