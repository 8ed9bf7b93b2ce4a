"""What the engine indexes: one page of one section, as plain data.

The ingest produces these and the engine consumes them; defining the type here keeps the
engine free of any import from the ingest side.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SectionPage:
    """One indexed unit: the part of one PDF page that belongs to one section."""

    file: str
    chapter: int | None
    chapter_title: str
    section: str  # section id; "<chapter>-introduction" for an intro; "" for uncatalogued
    section_title: str
    kind: str  # SECTION, INTRO or DOCUMENT
    page: str  # printed page label
    pdf_page: int  # 1-based
    text: str

    @property
    def key(self) -> str:
        """Unique and stable: a page can hold the end of one section and the start of the next."""
        return f"{self.file}#{self.pdf_page}#{self.section}"
