"""The toolkit configuration as plain data: what every stage receives once the config is valid."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ID_PATTERN = re.compile(r"^[a-z0-9-]+$")


@dataclass(frozen=True)
class SectionSpec:
    """A section as configured: where its heading stands, in printed page numbers."""

    id: str
    title: str
    start: int | str  # a printed page number, or a label as printed ("iii")
    end: int | str | None = None


@dataclass(frozen=True)
class ChapterSpec:
    number: int
    title: str
    file: str
    first_page: int | None = None
    sections: tuple[SectionSpec, ...] = ()
    pages: tuple[int | str, int | str] | None = None  # printed FIRST-LAST, when chapters share a file


@dataclass(frozen=True)
class Audience:
    id: str
    title: str
    read: tuple[int, ...] = ()
    helpful: tuple[int, ...] = ()
    essential: tuple[str, ...] = ()  # section ids every role of the audience gets in its pack


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    audience: str
    sections: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    essential: tuple[str, ...] = ()  # more sections for its pack, beyond its audience's


@dataclass(frozen=True)
class Contact:
    """A local number a reader needs when the toolkit says "refer" or "call"."""

    name: str  # "MASH (front door)", "Police", "Out of hours"
    phone: str
    note: str = ""


@dataclass(frozen=True)
class Board:
    """Who publishes the toolkit, for the cover of an excerpt pack."""

    name: str
    logo: str | None = None  # an image file (PNG or JPEG); resolved against the config's folder
    edition: str | None = None  # else the pack reads the edition from the PDFs' own dates
    website: str | None = None  # where to check for the current edition
    contacts: tuple[Contact, ...] = ()
    accessibility: str | None = None  # how to report a problem with the web page (its statement)


@dataclass(frozen=True)
class EditionKey:
    """The board's own date and note for the edition the next ingest makes (`edition:`);
    without it an edition is dated by the ingest. Not `board.edition`, which is free text
    printed on the packs' cover."""

    date: str | None = None  # ISO 8601, YYYY-MM-DD
    note: str = ""


@dataclass(frozen=True)
class Limits:
    """Per-file budgets that keep a hostile PDF from exhausting the machine."""

    max_pages: int = 5000
    max_text_mb: int = 50
    seconds_per_file: int = 300
    max_memory_mb: int = 2048  # address space of one extraction worker


OCR_MODES = ("auto", "always", "never")


@dataclass(frozen=True)
class OcrSettings:
    """When to read pages by OCR, in which Tesseract languages, and how long a page may take.

    `auto` reads only the pages with no usable text; `always` reads every page, for a text
    layer that looks readable but is wrong; `never` leaves scanned pages unread.
    """

    mode: str = "auto"
    languages: tuple[str, ...] = ("eng",)
    seconds_per_page: int = 60


@dataclass(frozen=True)
class Toolkit:
    """The whole validated configuration."""

    title: str = "Tackling Child Sexual Exploitation Toolkit"
    chapters: tuple[ChapterSpec, ...] = ()
    audiences: tuple[Audience, ...] = ()
    roles: tuple[Role, ...] = ()
    synonyms: tuple[tuple[str, ...], ...] = ()
    limits: Limits = field(default_factory=Limits)
    board: Board | None = None
    ocr: OcrSettings = field(default_factory=OcrSettings)
    edition: EditionKey | None = None
    digest: str = ""  # SHA-256 of the config file's bytes, recorded by each ingest

    def chapter(self, number: int) -> ChapterSpec | None:
        return next((c for c in self.chapters if c.number == number), None)

    def chapter_for_file(self, file: str) -> ChapterSpec | None:
        """The (first) chapter a file holds; see `chapters_for_file` for a shared file."""
        return next((c for c in self.chapters if c.file == file), None)

    def chapters_for_file(self, file: str) -> tuple[ChapterSpec, ...]:
        """Every chapter a file holds, in config order (several when they give `pages`)."""
        return tuple(c for c in self.chapters if c.file == file)

    def place(self, chapter: ChapterSpec) -> str:
        """Where a chapter stands in the config, for messages: "chapters[3]"."""
        return f"chapters[{self.chapters.index(chapter)}]"

    def audience(self, audience_id: str) -> Audience | None:
        return next((a for a in self.audiences if a.id == audience_id), None)

    def pack_sections(self, role: Role) -> tuple[str, ...]:
        """The sections a role's pack holds: its own first, then those its audience or the
        role marks essential (in toolkit order), each once."""
        audience = self.audience(role.audience)
        wanted = {*(audience.essential if audience else ()), *role.essential}
        ordered = [s.id for c in self.chapters for s in c.sections if s.id in wanted]
        return tuple(dict.fromkeys([*role.sections, *ordered]))

    def section(self, section_id: str) -> tuple[ChapterSpec, SectionSpec] | None:
        for chapter in self.chapters:
            for section in chapter.sections:
                if section.id == section_id:
                    return chapter, section
        return None
