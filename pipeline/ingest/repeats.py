"""The same page in two files is answered once (SPEC, "Configuration").

The board publishes the full toolkit as one PDF beside the chapter PDFs. When a PDF the
config does not name repeats pages of configured chapters, each repeated page is indexed
once, from the configured chapter. Pages are compared by their normalised text away from
the margins, so a different running header, footer or page number does not hide a repeat.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from pipeline.ingest.extract import ExtractedPdf, PageText
from pipeline.ingest.pages import MARGIN
from pipeline.ingest.sections import DOCUMENT, FileSplit, SectionPage
from pipeline.text import fold

MIN_CHARS = 40  # a page with less text than this (a title page) is too plain to call a repeat


@dataclass(frozen=True)
class Repeats:
    """Per uncatalogued file, the 1-based PDF pages that repeat a configured chapter's page."""

    pages: Mapping[str, tuple[int, ...]]

    def skips(self, unit: SectionPage) -> bool:
        return unit.pdf_page in self.pages.get(unit.file, ())


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


def find_repeats(pdfs: Mapping[str, ExtractedPdf], splits: Mapping[str, FileSplit]) -> Repeats:
    """Pages of uncatalogued PDFs (and their units) that repeat pages of configured chapters."""
    chapter_pages: set[str] = set()
    for name, split in splits.items():
        for part in split.chapters:
            for index in range(part.first_pdf_page - 1, part.last_pdf_page):
                if (mark := fingerprint(pdfs[name].pages[index])) is not None:
                    chapter_pages.add(mark)
    found: dict[str, tuple[int, ...]] = {}
    for name, split in splits.items():
        if split.chapters or not chapter_pages:
            continue
        pages = tuple(
            page.number for page in pdfs[name].pages if (mark := fingerprint(page)) and mark in chapter_pages
        )
        if pages:
            found[name] = pages
    return Repeats(found)


def without_repeats(units: list[SectionPage], repeats: Repeats) -> list[SectionPage]:
    return [u for u in units if not (u.kind == DOCUMENT and repeats.skips(u))]
