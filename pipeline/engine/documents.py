"""What the engine indexes: one page of one section, as plain data.

The ingest produces these and the engine consumes them; defining the type here keeps the
engine free of any import from the ingest side.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PageKind(StrEnum):
    """Where an indexed page sits in the toolkit's structure."""

    SECTION = "section"  # a configured section's page
    INTRO = "intro"  # a chapter's pages before its first section
    DOCUMENT = "document"  # a PDF the config does not name (uncatalogued)


@dataclass(frozen=True)
class SectionPage:
    """One indexed unit: the part of one PDF page that belongs to one section."""

    file: str
    chapter: int | None
    chapter_title: str
    section: str  # section id; "<chapter>-introduction" for an intro; "" for uncatalogued
    section_title: str
    kind: PageKind
    page: str  # printed page label
    pdf_page: int  # 1-based
    text: str
    ocr: bool = False  # the text was read from the page's image by OCR (may hold misreadings)
    headers: str = ""  # words of the page's running headers and footers (not in `text`)
    aid: bool = False  # a contents or index page: it points to answers without being one

    @property
    def key(self) -> str:
        """Unique and stable: a page can hold the end of one section and the start of the next."""
        return f"{self.file}#{self.pdf_page}#{self.section}"
