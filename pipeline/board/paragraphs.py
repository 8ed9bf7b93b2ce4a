"""A page's text as a reader wants it: paragraphs, list items and headings, recovered from
the extracted lines' positions (a wider gap starts a paragraph), for the Markdown and HTML
packs and the web page's "Text of this page". The index keeps plain lines; only what a
person reads needs the shape back. Running headers and footers are left out, as the index
leaves them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from pipeline.config.model import Toolkit
from pipeline.engine.documents import SectionPage
from pipeline.ingest.extract import ExtractedPdf, Line
from pipeline.ingest.sections import body_lines, is_heading, split_file
from pipeline.text import fold, join_lines

HEADING, PARAGRAPH, ITEM = "heading", "paragraph", "item"

_BULLET = re.compile(r"^(?:[\u2022\u25cf\u25aa\u25e6\u2023\u2043\u2219*\-\u2013]\s+|\(?\d{1,2}[.)]\s+)")
_SENTENCE_END = re.compile(r"[.,;:!?\u2026)\]\"\u201d]$")


@dataclass(frozen=True)
class Block:
    kind: str  # HEADING, PARAGRAPH or ITEM
    text: str


def assign_lines(lines: list[Line], units: list[SectionPage]) -> list[tuple[SectionPage, list[Line] | None]]:
    """Give each of a page's units (one per section on the page, in order) its own lines:
    the run of lines whose joined text is the unit's text, as the split made it."""
    out: list[tuple[SectionPage, list[Line] | None]] = []
    cursor = 0
    for unit in units:
        match = None
        for end in range(cursor + 1, len(lines) + 1):
            if join_lines([line.text for line in lines[cursor:end]]) == unit.text:
                match = end
                break
        if match is None:
            out.append((unit, None))
            continue
        out.append((unit, lines[cursor:match]))
        cursor = match
    return out


def file_blocks(toolkit: Toolkit, pdf: ExtractedPdf) -> dict[int, list[tuple[SectionPage, list[Block]]]]:
    """Each page of a file (by PDF page), split by section exactly as the index has it,
    each section's text shaped into blocks from its lines' positions."""
    shape = FileShape(toolkit, pdf)
    return {pdf_page: shape.page(pdf_page) for pdf_page in shape.pages}


class FileShape:
    """A file split by section exactly as the index has it (the split needs the whole
    file), each page shaped into blocks only when asked for: the web page shows one page
    of a file at a time, where shaping all of a 400-page manual's took 0.3 s."""

    def __init__(self, toolkit: Toolkit, pdf: ExtractedPdf) -> None:
        self._pdf = pdf
        self._split = split_file(toolkit, pdf)
        self._units: dict[int, list[SectionPage]] = {}
        for unit in self._split.split.pages:
            self._units.setdefault(unit.pdf_page, []).append(unit)

    @property
    def pages(self) -> list[int]:
        """The PDF pages that hold indexed text, in the split's order."""
        return list(self._units)

    def page(self, pdf_page: int) -> list[tuple[SectionPage, list[Block]]]:
        """The page's units (one per section on it), each with its text shaped into blocks."""
        units = self._units.get(pdf_page)
        if not units:
            return []
        lines = body_lines(self._pdf, self._split.numbering, pdf_page - 1)
        return [(unit, blocks(own, unit.text)) for unit, own in assign_lines(lines, units)]


def blocks(lines: list[Line] | None, text: str) -> list[Block]:
    """Paragraphs, list items and headings of one unit. Without lines (they could not be
    matched), its text as one paragraph."""
    if not lines:
        flat = " ".join(text.split())
        return [Block(PARAGRAPH, flat)] if flat else []
    groups: list[list[Line]] = [[lines[0]]]
    threshold = _paragraph_gap(lines)
    for previous, line in zip(lines, lines[1:], strict=False):
        gap = line.top - previous.bottom
        if gap > threshold or _BULLET.match(line.text):
            groups.append([line])
        else:
            groups[-1].append(line)
    out = []
    for group in groups:
        joined = " ".join(join_lines([line.text for line in group]).split())
        if not joined:
            continue
        if _BULLET.match(joined):
            out.append(Block(ITEM, _BULLET.sub("", joined, count=1)))
        elif len(group) == 1 and _looks_like_heading(joined):
            out.append(Block(HEADING, joined))
        else:
            out.append(Block(PARAGRAPH, joined))
    return out


def drop_title(found: list[Block], title: str) -> list[Block]:
    """Without a leading heading that repeats `title` (the pack already printed it)."""
    if found and _same(found[0].text, title):
        return found[1:]
    return found


def _same(text: str, title: str) -> bool:
    return is_heading(fold(text), fold(title))


def _paragraph_gap(lines: list[Line]) -> float:
    """The space between lines above which a new paragraph starts: a quarter of a line
    more than the usual space between the lines of one paragraph."""
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False)]
    heights = [line.bottom - line.top for line in lines]
    usual = median(gaps) if gaps else 0.0
    return max(usual, 0.0) + 0.25 * (median(heights) if heights else 10.0)


def _looks_like_heading(text: str) -> bool:
    """A short line on its own, not a sentence: "Indicators in maternity care"."""
    return (
        len(text) <= 90
        and not _SENTENCE_END.search(text)
        and (text[0].isupper() or text[0].isdigit())
        and len(text.split()) <= 12
    )
