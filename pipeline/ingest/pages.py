"""Give every PDF page the number printed on it, and find running headers and footers.

Order of trust (SPEC): the PDF's own page labels; else the number printed on each page
(header or footer: "55", "Page 55", "55 of 80", "- 55 -", "Guide | iv" ...); else the
chapter's `first_page`; else 1. Each page keeps its own number: neighbours only confirm a
reading (when several numbers stand in a margin) or recover a page whose number cannot be
read, and only when the hole fits exactly (56, ?, 58). A page without a number never takes
a neighbour's: it is labelled after the last printed page before it ("57+1", see
`numerals.unnumbered_label`). A gap in the printed sequence is kept as data (`Gap`), for
the caller to report in words that know the chapter.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.ingest.extract import ExtractedPdf, Line, PageText
from pipeline.numerals import as_printed, from_roman, page_order, plain, to_roman, unnumbered_label
from pipeline.text import fold

MARGIN = 0.12  # share of the page height at the top and bottom where headers and footers live
_N = r"([0-9]{1,5}|[ivxlcdm]{1,8})"
_DASH = r"[-–—]"
# The whole line is the number: "55", "Page 55", "p. 55", "- 55 -", "55 of 80", "55/80".
_WHOLE = re.compile(
    rf"^(?:page|p\.?|pg\.?)?\s*{_DASH}?\s*{_N}\s*{_DASH}?\s*(?:(?:of|/)\s*[0-9]{{1,5}})?$", re.I
)
_PAGE_WORD = re.compile(rf"\bpage\s+{_N}(?:\s*(?:of|/)\s*[0-9]{{1,5}})?\b", re.I)
_OF_TOTAL = re.compile(r"(?:^|\s)([0-9]{1,5})\s+of\s+[0-9]{1,5}$", re.I)
_EDGE_NUMBER = re.compile(r"(?:^([0-9]{1,5})(?=[\s|·•–—-]))|(?:(?<=[\s|·•–—-])([0-9]{1,5})$)")
_EDGE_ROMAN = re.compile(r"(?:^([ivxlc]{1,7})(?=[\s|·•–—-]))|(?:(?<=[\s|·•–—-])([ivxlc]{1,7})$)")
_NEIGHBOURS = 2  # pages with numbers looked at on each side to confirm a reading


@dataclass(frozen=True)
class Reading:
    """A number found in a margin line that may be the page's printed number."""

    value: int
    roman: bool
    strength: (
        int  # 2 "Page 55" / "55 of 80"; 1 the line is just the number ("55", "- 55 -"); 0 at a line's end
    )
    line: int  # index of the line among the page's lines

    @property
    def strong(self) -> bool:
        return self.strength > 0


@dataclass(frozen=True)
class Gap:
    """Printed pages missing from the sequence: `first`..`last`, between the numbered
    pages at (0-based) indexes `after` and `before`."""

    after: int
    before: int
    first: int
    last: int
    roman: bool

    def pages(self) -> str:
        """'page 23' or 'pages 23-25', in the numbering's own style."""
        first, last = (to_roman(n) if self.roman else str(n) for n in (self.first, self.last))
        return f"page {first}" if first == last else f"pages {first}-{last}"

    def holds(self, label: str) -> bool:
        order = page_order(label)
        return (
            order is not None and order[0] == (0 if self.roman else 1) and self.first <= order[1] <= self.last
        )


@dataclass(frozen=True)
class PageNumbering:
    """Printed label of every page, where they came from, and the lines to keep out of text."""

    labels: tuple[str, ...]
    source: str  # "page labels" | "printed numbers" | "first_page" | "default"
    furniture: tuple[frozenset[int], ...] = ()  # per page: indexes of header/footer lines (with_furniture)
    warnings: tuple[str, ...] = ()  # about the numbers (labels against printed numbers, first_page)
    gaps: tuple[Gap, ...] = ()
    unnumbered: frozenset[int] = frozenset()  # 0-based indexes of pages without a number
    number_lines: tuple[frozenset[int], ...] = ()  # per page: the lines carrying its number
    furniture_warnings: tuple[str, ...] = ()  # repeated margin lines kept as text (never a page emptied)

    def index_of(self, label: str, within: Sequence[int] | None = None) -> int | None:
        """0-based page index of a printed label (the first, or the first in `within`)."""
        wanted = plain(label)
        for index in within if within is not None else range(len(self.labels)):
            if plain(self.labels[index]) == wanted:
                return index
        return None

    def gap_holding(self, label: str) -> Gap | None:
        """The gap a printed label falls in, if it does."""
        return next((gap for gap in self.gaps if gap.holds(label)), None)

    def gap_message(self, gap: Gap, file: str, of: str = "") -> str:
        """'printed page 23 [of chapter 2] is missing from x.pdf (the file goes from p. 22 on
        PDF page 8 to p. 24 on PDF page 9)'."""
        verb = "is" if gap.first == gap.last else "are"
        return f"printed {gap.pages()}{of} {verb} missing from {file} ({self.gap_where(gap)})"

    def gap_where(self, gap: Gap) -> str:
        return (
            f"the file goes from p. {self.labels[gap.after]} on PDF page {gap.after + 1} to "
            f"p. {self.labels[gap.before]} on PDF page {gap.before + 1}"
        )


def number_pages(
    pdf: ExtractedPdf, first_page: int | None = None, groups: Sequence[Sequence[int]] | None = None
) -> PageNumbering:
    """Decide each page's printed label (see the module docstring), then the running
    headers and footers within each group of pages (a chapter of a shared file; by
    default the whole file)."""
    count = len(pdf.pages)
    margins = [_margin_lines(page) for page in pdf.pages]
    found = [[r for i, line in lines for r in _readings(i, line)] for lines in margins]
    chosen = _choose(found, count)
    warnings: list[str] = []
    name = pdf.file
    read = any(r is not None for r in chosen)
    if first_page is not None and read and chosen[0] is None:
        # An unnumbered first page takes `first_page` where it fits the first number read
        # after it: arabic and greater (the printed numbers come first; strength and line
        # are never read for this reading).
        after = next(r for r in chosen if r is not None)
        if not after.roman and first_page < after.value:
            chosen[0] = Reading(first_page, False, 0, -1)
    values = _recover(chosen)
    unnumbered: set[int] = set()

    if pdf.has_page_labels:
        labels = tuple(as_printed(page.label) if page.label else str(page.number) for page in pdf.pages)
        source = "page labels"
        printed = [_label(v) for v in values]
        differ = [i for i in range(count) if printed[i] is not None and printed[i] != labels[i]]
        if differ and read:
            i = differ[0]
            warnings.append(
                f"{name}: the PDF's page labels and the printed page numbers disagree on "
                f"{len(differ)} page(s) (PDF page {i + 1}: label {labels[i]!r}, printed "
                f"{printed[i]!r}); using the page labels"
            )
    elif read:
        labels, unnumbered = _labels(values)
        source = "printed numbers"
    elif first_page is not None:
        labels = tuple(str(first_page + i) for i in range(count))
        source = "first_page"
    else:
        labels = tuple(str(i + 1) for i in range(count))
        source = "default"

    if first_page is not None and labels and labels[0] != str(first_page):
        warnings.append(
            f"{name}: the config says the first page is printed page {first_page}, but the "
            f"{source} say {labels[0]!r}; using the {source}"
        )
    number_lines = tuple(
        frozenset(
            r.line
            for r in found[i]
            if _label(values[i]) is not None
            and labels[i] == _label(values[i])
            and (r.value, r.roman) == values[i]
            and len(pdf.pages[i].lines[r.line].text) <= 80
        )
        for i in range(count)
    )
    numbering = PageNumbering(
        labels=labels,
        source=source,
        warnings=tuple(warnings),
        gaps=tuple(_gaps(labels)),
        unnumbered=frozenset(unnumbered),
        number_lines=number_lines,
    )
    return with_furniture(pdf, numbering, groups if groups is not None else [range(count)])


def _margin_lines(page: PageText) -> list[tuple[int, Line]]:
    top_limit, bottom_limit = page.height * MARGIN, page.height * (1 - MARGIN)
    return [
        (i, line) for i, line in enumerate(page.lines) if line.top < top_limit or line.bottom > bottom_limit
    ]


def _readings(index: int, line: Line) -> list[Reading]:
    """Numbers that could be this margin line's page number, strongest forms first."""
    text = line.text.strip()
    found: list[Reading] = []

    def add(value: str, strength: int) -> None:
        if value.isdigit():
            if int(value) >= 1:
                found.append(Reading(int(value), False, strength, index))
        elif (number := from_roman(value)) is not None:
            found.append(Reading(number, True, strength, index))

    if match := _WHOLE.match(text):
        add(match.group(1), 2 if re.match(r"p", text, re.I) or " of " in text or "/" in text else 1)
    for match in _PAGE_WORD.finditer(text):
        add(match.group(1), 2)
    if match := _OF_TOTAL.search(text):
        add(match.group(1), 2)
    for match in _EDGE_NUMBER.finditer(text):
        add(match.group(1) or match.group(2), 0)
    for match in _EDGE_ROMAN.finditer(text):  # lower case only: "Guide i", "ii | Contents"
        add(match.group(1) or match.group(2), 0)
    return found


def _choose(found: list[list[Reading]], count: int) -> list[Reading | None]:
    """Each page's own number: the reading its neighbours confirm (the same sequence,
    whatever gaps lie between), else its only clear reading if that fits between the
    confirmed numbers around it."""
    with_numbers = [i for i in range(count) if found[i]]
    chosen: list[Reading | None] = [None] * count
    confirmed: list[bool] = [False] * count
    for k, i in enumerate(with_numbers):
        near = with_numbers[max(0, k - _NEIGHBOURS) : k] + with_numbers[k + 1 : k + 1 + _NEIGHBOURS]
        best: tuple[int, int, int] | None = None
        for reading in found[i]:
            support = sum(
                1
                for j in near
                if any(o.roman == reading.roman and o.value - reading.value == j - i for o in found[j])
            )
            key = (support, reading.strength, -found[i].index(reading))
            if support and (best is None or key > best):
                best, chosen[i] = key, reading
        if best is not None:
            confirmed[i] = True
            continue
        strong = {(r.value, r.roman) for r in found[i] if r.strong}
        if len(strong) == 1 or (count == 1 and len({(r.value, r.roman) for r in found[i]}) == 1):
            chosen[i] = next(r for r in found[i] if r.strong or count == 1)
    if not any(confirmed) and sum(r is not None for r in chosen) * 2 < count:
        return [None] * count  # a stray number or two in the margins, not a numbering
    _agree_with_neighbours(found, chosen, confirmed)
    # An unconfirmed reading stands only where it fits the confirmed ones around it.
    for i in range(count):
        alone = chosen[i]
        if alone is None or confirmed[i]:
            continue
        before = next(
            (chosen[j] for j in range(i - 1, -1, -1) if confirmed[j] and _same_kind(chosen[j], alone)),
            None,
        )
        after = next(
            (chosen[j] for j in range(i + 1, count) if confirmed[j] and _same_kind(chosen[j], alone)),
            None,
        )
        if (before is not None and before.value >= alone.value) or (
            after is not None and after.value <= alone.value
        ):
            chosen[i] = None
    return chosen


def _agree_with_neighbours(
    found: list[list[Reading]], chosen: list[Reading | None], confirmed: list[bool]
) -> None:
    """Second look: a reading stays confirmed only if it runs in sequence with what the
    pages around it were read as, not merely with some other number in their margins
    (form line numbers 35, 36, 37 running across the pages of a tax form)."""
    first = list(chosen)
    read = [i for i, r in enumerate(first) if r is not None]
    for k, i in enumerate(read):
        near = read[max(0, k - _NEIGHBOURS) : k] + read[k + 1 : k + 1 + _NEIGHBOURS]
        best: tuple[int, int] | None = None
        for reading in found[i]:
            support = sum(
                1
                for j in near
                if (other := first[j]) is not None
                and other.roman == reading.roman
                and other.value - reading.value == j - i
            )
            if support and (best is None or (support, reading.strength) > best):
                best, chosen[i] = (support, reading.strength), reading
        confirmed[i] = best is not None


def _same_kind(a: Reading | None, b: Reading) -> bool:
    return a is not None and a.roman == b.roman


def _recover(chosen: list[Reading | None]) -> list[tuple[int, bool] | None]:
    """Fill a page without a reading only when the numbers around it leave exactly its
    place: 56, ?, 58 gives 57; 56, ?, 57 (an inserted chart) gives nothing; ?, 2 (a cover
    before page 2) gives 1, as the file's first page is where counting starts."""
    values: list[tuple[int, bool] | None] = [(r.value, r.roman) if r else None for r in chosen]
    known = [i for i, v in enumerate(values) if v is not None]
    if known and known[0] > 0 and (first := values[known[0]]) is not None and first[0] == known[0] + 1:
        # The numbering counts from the file's first page (a cover, then "2"; "iii" on the
        # third page): the pages before the first number are exactly 1, 2 ...
        for i in range(known[0]):
            values[i] = (i + 1, first[1])
    for a, b in zip(known, known[1:], strict=False):
        va, vb = values[a], values[b]
        assert va is not None and vb is not None
        if b - a > 1 and va[1] == vb[1] and vb[0] - va[0] == b - a:
            for i in range(a + 1, b):
                values[i] = (va[0] + i - a, va[1])
    return values


def _label(value: tuple[int, bool] | None) -> str | None:
    if value is None:
        return None
    return to_roman(value[0]) if value[1] else str(value[0])


def _labels(values: list[tuple[int, bool] | None]) -> tuple[tuple[str, ...], set[int]]:
    labels: list[str] = []
    unnumbered: set[int] = set()
    previous: str | None = None
    run = 0
    for index, value in enumerate(values):
        label = _label(value)
        if label is None:
            run += 1
            unnumbered.add(index)
            labels.append(unnumbered_label(previous, run))
        else:
            previous, run = label, 0
            labels.append(label)
    return tuple(labels), unnumbered


def _gaps(labels: tuple[str, ...]) -> list[Gap]:
    """Printed numbers skipped between one numbered page and the next (same style)."""
    gaps: list[Gap] = []
    last: tuple[int, tuple[int, int]] | None = None
    for index, label in enumerate(labels):
        order = page_order(label)
        if order is None:
            continue
        if last is not None and last[1][0] == order[0] and order[1] > last[1][1] + 1:
            gaps.append(Gap(last[0], index, last[1][1] + 1, order[1] - 1, order[0] == 0))
        last = (index, order)
    return gaps


def _shape(text: str) -> str:
    """A margin line with its page number blanked, to spot the same header on every page."""
    return _EDGE_ROMAN.sub("#", re.sub(r"\d+", "#", fold(text)))


def with_furniture(
    pdf: ExtractedPdf, numbering: PageNumbering, groups: Sequence[Sequence[int]]
) -> PageNumbering:
    """Header and footer lines, judged within each group of pages (a chapter's range of a
    shared file: its running header is its own): margin text of the same shape on at least
    half of the group's pages, and the lines carrying the page's number.

    Never empties a page silently: a repeated line counts as furniture only where, on at
    least half the pages that carry it, other text remains (a running header stands above
    body text). Lines kept by that rule are reported.
    """
    furniture: list[frozenset[int]] = [numbering.number_lines[i] for i in range(len(pdf.pages))]
    kept: dict[str, list[int]] = {}
    for group in groups:
        pages = list(group)  # split_file's groups: pages of the file
        margins = {i: _margin_lines(pdf.pages[i]) for i in pages}
        shapes: Counter[str] = Counter()
        for i, lines in margins.items():  # a page's number line goes anyway: not counted here
            shapes.update({_shape(line.text) for n, line in lines if n not in numbering.number_lines[i]})
        repeated = {shape for shape, n in shapes.items() if n >= 2 and n >= 0.5 * len(pages)}
        if not repeated:
            continue
        carriers: dict[str, list[int]] = {shape: [] for shape in repeated}
        text_left: dict[int, bool] = {}
        for i in pages:
            drop = numbering.number_lines[i] | {
                line_index for line_index, line in margins[i] if _shape(line.text) in repeated
            }
            text_left[i] = len(drop) < len(pdf.pages[i].lines)
            for shape in {_shape(line.text) for _, line in margins[i]} & repeated:
                carriers[shape].append(i)
        proven = {s for s, on in carriers.items() if sum(text_left[i] for i in on) >= 0.5 * len(on)}
        for shape in repeated - proven:
            kept[shape] = carriers[shape]
        for i in pages:
            furniture[i] = furniture[i] | {
                line_index for line_index, line in margins[i] if _shape(line.text) in proven
            }
    warnings = []
    for shape, on in sorted(kept.items(), key=lambda item: item[1][0]):
        example = next(line.text for _, line in _margin_lines(pdf.pages[on[0]]) if _shape(line.text) == shape)
        warnings.append(
            f"{pdf.file}: the line {example[:60]!r} and its like repeat at the top or bottom of "
            f"{len(on)} pages as a running header would, but are most of the text there; kept as "
            "searchable text"
        )
    return replace(numbering, furniture=tuple(furniture), furniture_warnings=tuple(warnings))
