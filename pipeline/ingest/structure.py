"""What each page is about, for any PDF: section titles for uncatalogued documents, finding
aids (contents and index pages), and the words of running headers.

- An uncatalogued PDF's pages take their section titles from its outline (bookmarks), or,
  without one, from lines set larger than its body text (headings), so titles help ranking
  and a hit cites a section on every document, not only configured chapters.
- A contents or index page points to the answer without being it: it is marked so that
  ranking can put it below the pages it lists.
- Running headers and footers are kept out of the page text (they would repeat on every
  page), but their words say what a page is about ("Chapter 7: Reading data"); they are
  kept as a weak field of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from pipeline.ingest.extract import ExtractedPdf, Line
from pipeline.ingest.pages import PageNumbering
from pipeline.ingest.sections import FileSplit, body_lines
from pipeline.text import normalise_line

HEADING_RATIO = 1.2  # a heading line is at least this much taller than the body text
MAX_HEADING_CHARS = 90
MAX_TITLES = 6  # section titles named on one page (a page may start several small sections)
# A line that points elsewhere: dot leaders to a page number, or "term, 12, 45-47".
_POINTER = re.compile(r"(?:(?:\.\s*){3,}\s*[0-9ivxlc]+\s*$)|(?:,\s*[0-9]+(?:\s*[-–,]\s*[0-9]+)*\s*$)", re.I)
# What a line `_POINTER` finds ends with, but for spaces: [0-9ivxlc] ignoring case (which
# takes in the dotted and dotless i). Most lines end otherwise and are not searched.
POINTER_ENDS = frozenset("0123456789ivxlcIVXLC\u0130\u0131")
_AID_TITLE = re.compile(r"^(?:table of )?contents$|\bindex$", re.I)
AID_SHARE = 0.5  # share of a page's lines that point elsewhere for it to be a finding aid
AID_MIN_LINES = 6


def enrich(done: FileSplit, pdf: ExtractedPdf) -> FileSplit:
    """The file's pages with their running-header words, finding-aid mark and, where no
    chapter is configured (an uncatalogued PDF, a shared file's front matter), section
    titles from the PDF's outline or headings."""
    numbering = done.numbering
    pages = done.split.pages
    titles = page_titles(pdf, numbering) if any(unit.chapter is None for unit in pages) else {}
    aids = finding_aids(pdf, numbering)
    enriched = tuple(
        replace(
            unit,
            section_title=titles.get(unit.pdf_page - 1, "") if unit.chapter is None else unit.section_title,
            headers=header_text(pdf, numbering, unit.pdf_page - 1),
            aid=(unit.pdf_page - 1) in aids,
        )
        for unit in pages
    )
    return replace(done, split=replace(done.split, pages=enriched))


def header_text(pdf: ExtractedPdf, numbering: PageNumbering, index: int) -> str:
    """The words of the page's running headers and footers, page numbers left out."""
    page = pdf.pages[index]
    drop = numbering.furniture[index]
    words = [re.sub(r"\b\d+\b", " ", line.text) for i, line in enumerate(page.lines) if i in drop]
    return " ".join(" ".join(words).split())


def page_titles(pdf: ExtractedPdf, numbering: PageNumbering) -> dict[int, str]:
    """Page index -> the titles of the sections that start on it, else of the section in
    force; from the outline when the PDF has one, else from heading lines."""
    starts = outline_starts(pdf) or heading_starts(pdf, numbering)
    titles: dict[int, str] = {}
    current = ""
    for index in range(len(pdf.pages)):
        here = [title for page, title in starts if page == index]
        if here:
            titles[index] = "; ".join(dict.fromkeys(here[:MAX_TITLES]))
            current = here[-1]
        elif current:
            titles[index] = current
    return titles


def outline_starts(pdf: ExtractedPdf) -> list[tuple[int, str]]:
    """(page index, title) of every outline entry, at every level, in page order."""
    found = [
        (page, normalise_line(title))
        for _, title, page in pdf.outline
        if 0 <= page < len(pdf.pages) and normalise_line(title)
    ]
    return sorted(found, key=lambda item: item[0])


def heading_starts(pdf: ExtractedPdf, numbering: PageNumbering) -> list[tuple[int, str]]:
    """(page index, text) of lines set clearly larger than the body text."""
    heights: Counter[float] = Counter()
    pages = [body_lines(pdf, numbering, i) for i in range(len(pdf.pages))]
    for lines in pages:
        for line in lines:
            heights[_height(line)] += len(line.text)
    if not heights:
        return []
    body = heights.most_common(1)[0][0]
    return [
        (index, line.text)
        for index, lines in enumerate(pages)
        for line in lines
        if _height(line) >= body * HEADING_RATIO
        and 2 <= len(line.text) <= MAX_HEADING_CHARS
        and re.search(r"[^\W\d_]{2}", line.text)
    ]


def _height(line: Line) -> float:
    return round(line.bottom - line.top, 0)


def finding_aids(pdf: ExtractedPdf, numbering: PageNumbering) -> set[int]:
    """Indexes of contents and index pages: most lines point to a page number, or the
    outline names the pages so."""
    aids = set()
    for index in range(len(pdf.pages)):
        lines = [line.text for line in body_lines(pdf, numbering, index)]
        if len(lines) >= AID_MIN_LINES and sum(
            1 for t in lines if t.rstrip()[-1:] in POINTER_ENDS and _POINTER.search(t)
        ) >= AID_SHARE * len(lines):
            aids.add(index)
    top = [(page, title) for level, title, page in pdf.outline if level == 0]  # not "plot ... index"
    for position, (page, title) in enumerate(top):
        if _AID_TITLE.search(title.strip()):
            end = top[position + 1][0] if position + 1 < len(top) else len(pdf.pages)
            aids.update(range(page, max(end, page + 1)))
    return aids
