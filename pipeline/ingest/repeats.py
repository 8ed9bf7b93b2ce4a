"""The same page in two files is answered once (SPEC, "Configuration").

The board publishes the full toolkit as one PDF beside the chapter PDFs. When a PDF the
config does not name repeats pages of configured chapters, each repeated page is indexed
once, from the configured chapter. Pages are compared by their normalised text away from
the margins, so a different running header, footer or page number does not hide a repeat.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline.ingest.extract import ExtractedPdf, PageText
from pipeline.ingest.pages import MARGIN
from pipeline.ingest.sections import DOCUMENT, SectionPage
from pipeline.text import fold

MIN_CHARS = 40  # a page with less text than this (a title page) is too plain to call a repeat


@dataclass(frozen=True)
class Repeats:
    """Per uncatalogued file, the 1-based PDF pages that repeat a configured chapter's page."""

    pages: Mapping[str, tuple[int, ...]]

    def skips(self, unit: SectionPage) -> bool:
        return unit.pdf_page in self.pages.get(unit.file, ())


MARK_CHARS = 16  # of a fingerprint's hex digest kept as a page's mark (64 bits: no accidental match)


def fingerprint(page: PageText) -> str | None:
    """A page's text without its margins, folded; None for a page with too little text."""
    if page.unreadable:
        return None
    top_limit, bottom_limit = page.height * MARGIN, page.height * (1 - MARGIN)
    text = " ".join(
        fold(line.text) for line in page.lines if line.top >= top_limit and line.bottom <= bottom_limit
    ).strip()
    if len(text) < MIN_CHARS:
        return None
    return hashlib.sha256(text.encode()).hexdigest()


def page_marks(pdf: ExtractedPdf) -> tuple[str, ...]:
    """Each page's fingerprint, shortened ("" for a page too plain): kept in the manifest,
    so the next ingest finds repeats without reading an unchanged file's text again."""
    return tuple((fingerprint(page) or "")[:MARK_CHARS] for page in pdf.pages)


def find_repeats(
    marks: Mapping[str, Sequence[str]], chapters: Mapping[str, Sequence[tuple[int, int, int]]]
) -> Repeats:
    """Pages of uncatalogued PDFs that repeat pages of configured chapters. `marks` are each
    file's page marks (`page_marks`); `chapters` the (chapter, first, last) 1-based PDF
    pages of the chapters each file holds (none for an uncatalogued file)."""
    chapter_pages: set[str] = set()
    for name, parts in chapters.items():
        for _, first, last in parts:
            chapter_pages.update(mark for mark in marks[name][first - 1 : last] if mark)
    found: dict[str, tuple[int, ...]] = {}
    if not chapter_pages:
        return Repeats(found)
    for name, own in marks.items():
        if chapters.get(name):
            continue
        pages = tuple(number for number, mark in enumerate(own, start=1) if mark and mark in chapter_pages)
        if pages:
            found[name] = pages
    return Repeats(found)


def without_repeats(units: list[SectionPage], repeats: Repeats) -> list[SectionPage]:
    return [u for u in units if not (u.kind == DOCUMENT and repeats.skips(u))]
