"""Map PDF pages to printed page numbers, and find running headers and footers.

Order of trust (SPEC): the PDF's own page labels; page numbers printed in the header or
footer, accepted only when they form a consistent sequence; the chapter's `first_page`;
else 1. Every disagreement between these sources becomes a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.ingest.extract import ExtractedPdf, Line, PageText
from pipeline.numerals import from_roman, to_roman
from pipeline.text import fold

MARGIN = 0.12  # share of the page height at the top and bottom where headers and footers live
_WHOLE = re.compile(
    r"^(?:page|p\.?|pg\.?)?\s*([0-9]{1,5}|[ivxlcdm]{1,8})(?:\s*(?:of|/)\s*[0-9]{1,5})?$", re.I
)
_PAGE_WORD = re.compile(r"\bpage\s+([0-9]{1,5}|[ivxlcdm]{1,8})\b", re.I)
_EDGE_NUMBER = re.compile(r"(?:^([0-9]{1,5})(?=[\s|·•–—-]))|(?:(?<=[\s|·•–—-])([0-9]{1,5})$)")
_EDGE_ROMAN = re.compile(r"(?:^([ivxlc]{1,7})(?=[\s|·•–—-]))|(?:(?<=[\s|·•–—-])([ivxlc]{1,7})$)")


@dataclass(frozen=True)
class PageNumbering:
    """Printed label of every page, where they came from, and the lines to keep out of text."""

    labels: tuple[str, ...]
    source: str  # "page labels" | "printed numbers" | "first_page" | "default"
    furniture: tuple[frozenset[int], ...]  # per page: indexes of header/footer lines
    warnings: tuple[str, ...] = ()

    def index_of(self, label: str) -> int | None:
        """0-based page index of a printed label (first occurrence)."""
        try:
            return self.labels.index(label)
        except ValueError:
            return None


def _margin_lines(page: PageText) -> list[tuple[int, Line]]:
    top_limit, bottom_limit = page.height * MARGIN, page.height * (1 - MARGIN)
    return [
        (i, line) for i, line in enumerate(page.lines) if line.top < top_limit or line.bottom > bottom_limit
    ]


def _candidates(line: Line) -> tuple[list[int], list[int]]:
    """Arabic and roman numbers that could be this margin line's page number."""
    arabic: list[int] = []
    roman: list[int] = []
    text = line.text.strip()
    for match in (_WHOLE.match(text), _PAGE_WORD.search(text)):
        if match:
            value = match.group(1)
            if value.isdigit():
                arabic.append(int(value))
            elif (number := from_roman(value)) is not None:
                roman.append(number)
    for match in _EDGE_NUMBER.finditer(text):
        arabic.append(int(match.group(1) or match.group(2)))
    for match in _EDGE_ROMAN.finditer(text):  # lower case only: "Guide i", "ii | Contents"
        if (number := from_roman(match.group(1) or match.group(2))) is not None:
            roman.append(number)
    return arabic, roman


def _best_offset(found: list[list[int]]) -> tuple[int, int] | None:
    """The offset d with number == index + d for the most pages: (d, votes)."""
    votes: Counter[int] = Counter()
    for index, numbers in enumerate(found):
        for offset in {n - index for n in numbers}:
            votes[offset] += 1
    if not votes:
        return None
    return max(votes.items(), key=lambda item: (item[1], -abs(item[0])))


def number_pages(pdf: ExtractedPdf, first_page: int | None = None) -> PageNumbering:
    """Decide each page's printed label; see the module docstring for the order of trust."""
    count = len(pdf.pages)
    margins = [_margin_lines(page) for page in pdf.pages]
    arabic_found: list[list[int]] = []
    roman_found: list[list[int]] = []
    number_lines: list[dict[int, tuple[list[int], list[int]]]] = []
    for lines in margins:
        per_line = {i: _candidates(line) for i, line in lines}
        number_lines.append(per_line)
        arabic_found.append([n for a, _ in per_line.values() for n in a])
        roman_found.append([n for _, r in per_line.values() for n in r])

    printed = _printed_labels(arabic_found, roman_found, count)
    furniture = _furniture(pdf, margins, number_lines, printed)
    warnings: list[str] = []
    name = pdf.file

    if pdf.has_page_labels:
        labels = tuple(page.label or str(page.number) for page in pdf.pages)
        source = "page labels"
        if printed is not None:
            differ = [i for i in range(count) if printed[i] is not None and printed[i] != labels[i]]
            if differ:
                i = differ[0]
                warnings.append(
                    f"{name}: the PDF's page labels and the printed page numbers disagree on "
                    f"{len(differ)} page(s) (PDF page {i + 1}: label {labels[i]!r}, printed "
                    f"{printed[i]!r}); using the page labels"
                )
    elif printed is not None:
        labels = tuple(label if label is not None else str(i + 1) for i, label in enumerate(printed))
        source = "printed numbers"
    elif first_page is not None:
        labels = tuple(str(first_page + i) for i in range(count))
        source = "first_page"
    else:
        labels = tuple(str(i + 1) for i in range(count))
        source = "default"

    if first_page is not None and source != "first_page" and labels and labels[0] != str(first_page):
        warnings.append(
            f"{name}: the config says the first page is printed page {first_page}, but the "
            f"{source} say {labels[0]!r}; using the {source}"
        )
    return PageNumbering(labels, source, furniture, tuple(warnings))


def _printed_labels(
    arabic_found: list[list[int]], roman_found: list[list[int]], count: int
) -> list[str | None] | None:
    """Labels from numbers printed in the margins, or None when no consistent sequence exists."""
    pages_with_numbers = sum(1 for numbers in arabic_found if numbers)
    arabic = _best_offset(arabic_found)
    accept_arabic = arabic is not None and (
        (arabic[1] >= 2 and arabic[1] >= 0.5 * max(pages_with_numbers, 1) and arabic[1] >= 0.3 * count)
        or (count == 1 and arabic[1] == 1)
    )
    roman = _best_offset(roman_found)
    accept_roman = roman is not None and roman[1] >= 2
    if not accept_arabic and not accept_roman:
        return None
    labels: list[str | None] = [None] * count
    first_arabic = count
    if accept_arabic and arabic is not None:
        offset = arabic[0]
        supported = [i for i, numbers in enumerate(arabic_found) if i + offset in numbers]
        first_arabic = supported[0]
        for i in range(count):
            if i + offset >= 1 and i >= first_arabic:
                labels[i] = str(i + offset)
    if accept_roman and roman is not None:
        for i in range(min(first_arabic, count)):
            if i + roman[0] >= 1:
                labels[i] = to_roman(i + roman[0])
    # Pages before the printed sequence starts (a cover, say) continue it backwards when
    # that gives a positive number; otherwise they keep no printed label.
    if accept_arabic and arabic is not None:
        for i in range(first_arabic):
            if labels[i] is None and i + arabic[0] >= 1:
                labels[i] = str(i + arabic[0])
    return labels


def _shape(text: str) -> str:
    """A margin line with its page number blanked, to spot the same header on every page."""
    return _EDGE_ROMAN.sub("#", re.sub(r"\d+", "#", fold(text)))


def _furniture(
    pdf: ExtractedPdf,
    margins: list[list[tuple[int, Line]]],
    number_lines: list[dict[int, tuple[list[int], list[int]]]],
    printed: list[str | None] | None,
) -> tuple[frozenset[int], ...]:
    """Header/footer lines: margin text repeated on many pages, and the page-number lines."""
    shapes: Counter[str] = Counter()
    for lines in margins:
        shapes.update({_shape(line.text) for _, line in lines})
    repeated = {shape for shape, n in shapes.items() if n >= 2 and n >= 0.5 * len(pdf.pages)}
    result: list[frozenset[int]] = []
    for index, lines in enumerate(margins):
        drop: set[int] = set()
        label = printed[index] if printed is not None else None
        for line_index, line in lines:
            if _shape(line.text) in repeated:
                drop.add(line_index)
                continue
            arabic, roman = number_lines[index][line_index]
            if (
                label is not None
                and len(line.text) <= 80
                and (label in {str(n) for n in arabic} or label in {to_roman(n) for n in roman})
            ):
                drop.add(line_index)
        result.append(frozenset(drop))
    return tuple(result)
