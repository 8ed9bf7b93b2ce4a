"""Printed page numbers as words: roman numerals on front-matter pages (i, ii, iii ...), and page ranges."""

from __future__ import annotations

import re

_ROMAN = re.compile(r"^[ivxlcdm]+$")


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


def page_range(first: str, last: str) -> str:
    """A printed page range as the board writes it: "p. 74" or "pp. 55-76"."""
    return f"p. {first}" if first == last else f"pp. {first}-{last}"
