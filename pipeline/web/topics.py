"""What the board tells each role to read, as plain data for the page templates: built
from one edition (config and manifest), every entry pointing at a page (a file and its
PDF page, cited by its printed page). The A to Z is atoz.py's."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.config.model import Role
from pipeline.ingest.sections import SectionInfo
from pipeline.numerals import page_range
from pipeline.web.site import Edition


@dataclass(frozen=True)
class Place:
    """A page to link to."""

    file: str
    pdf_page: int
    page: str  # printed label


@dataclass(frozen=True)
class Entry:
    """A chapter or section to read: its title, printed pages and where it starts."""

    title: str
    chapter: int
    chapter_title: str
    pages: str  # "pp. 74-75"
    start: Place | None


@dataclass(frozen=True)
class ReadingList:
    role: Role
    audience: str
    must_read: tuple[Entry, ...]
    helpful: tuple[Entry, ...]
    own: tuple[Entry, ...]


def chapter_entry(edition: Edition, number: int) -> Entry | None:
    chapter = edition.toolkit.chapter(number)
    if chapter is None:
        return None
    parts = [s for s in edition.manifest.sections if s.chapter == number and s.first_pdf_page]
    if not parts:
        return Entry(chapter.title, number, chapter.title, "", None)
    first, last = parts[0], parts[-1]
    return Entry(
        chapter.title,
        number,
        chapter.title,
        page_range(first.first_page, last.last_page),
        Place(first.file, first.first_pdf_page, first.first_page),
    )


def section_entry(edition: Edition, info: SectionInfo) -> Entry:
    chapter = edition.toolkit.chapter(info.chapter)
    return Entry(
        info.title,
        info.chapter,
        chapter.title if chapter else "",
        page_range(info.first_page, info.last_page),
        Place(info.file, info.first_pdf_page, info.first_page) if info.first_pdf_page else None,
    )


def reading_lists(edition: Edition) -> list[ReadingList]:
    """Every role's reading list, in the config's order."""
    lists = []
    for role in edition.toolkit.roles:
        audience = edition.toolkit.audience(role.audience)
        own = [edition.manifest.section(section_id) for section_id in role.sections]
        lists.append(
            ReadingList(
                role,
                audience.title if audience else role.audience,
                tuple(e for n in (audience.read if audience else ()) if (e := chapter_entry(edition, n))),
                tuple(e for n in (audience.helpful if audience else ()) if (e := chapter_entry(edition, n))),
                tuple(section_entry(edition, info) for info in own if info is not None),
            )
        )
    return lists
