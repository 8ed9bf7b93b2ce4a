"""What the board tells each role to read, and an A to Z of the toolkit's topics, as plain
data for the page templates. Both are built from one edition (config and manifest) and
every entry points at a page: a file and its PDF page, cited by its printed page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.config.model import Role
from pipeline.engine.search import search
from pipeline.engine.synonyms import groups
from pipeline.errors import CseError
from pipeline.ingest.sections import SectionInfo
from pipeline.numerals import page_range
from pipeline.web.site import Edition

PAGES_PER_TOPIC = 4  # pages listed under an abbreviation in the A to Z
_ABBREVIATION = re.compile(r"^[A-Z][A-Za-z&]*[A-Z]$")  # A&E, GP, CAMHS, CiN


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


@dataclass(frozen=True)
class Topic:
    """One line of the A to Z."""

    term: str
    detail: str  # "Chapter 4: Health Services", or the long forms of an abbreviation
    places: tuple[Place, ...]
    query: str  # what to search for to see every page


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


def a_to_z(edition: Edition) -> list[tuple[str, list[Topic]]]:
    """Topics under their first letter: every chapter and section title, and each of the
    toolkit's abbreviations and long forms that the toolkit uses, with the pages they are on."""
    topics: list[Topic] = []
    for info in edition.manifest.sections:
        if info.kind != "section" or not info.first_pdf_page:
            continue
        entry = section_entry(edition, info)
        place = entry.start
        topics.append(
            Topic(
                info.title,
                f"Chapter {info.chapter}: {entry.chapter_title}, {entry.pages}",
                (place,) if place else (),
                info.title,
            )
        )
    for chapter in edition.toolkit.chapters:
        found = chapter_entry(edition, chapter.number)
        if found is not None:
            topics.append(
                Topic(
                    chapter.title,
                    f"Chapter {chapter.number}, {found.pages}"
                    if found.pages
                    else f"Chapter {chapter.number}",
                    (found.start,) if found.start else (),
                    chapter.title,
                )
            )
    for group in groups(edition.toolkit.synonyms):
        short = [form for form in group if _ABBREVIATION.match(form)]
        if not short:
            continue
        places = _pages_mentioning(edition, short[0])
        if not places:
            continue  # the toolkit never uses it
        for form in group:
            others = [f for f in group if f != form]
            topics.append(Topic(form, "; ".join(others), places, short[0]))
    return _by_letter(topics)


def _pages_mentioning(edition: Edition, form: str) -> tuple[Place, ...]:
    try:
        result = search(edition.search_dir, form, limit=PAGES_PER_TOPIC, synonyms=edition.synonyms)
    except CseError:
        return ()
    return tuple(Place(hit.file, hit.pdf_page, hit.page) for hit in result.hits)


def _by_letter(topics: list[Topic]) -> list[tuple[str, list[Topic]]]:
    unique = {(t.term.casefold(), t.detail): t for t in topics}
    letters: dict[str, list[Topic]] = {}
    for topic in sorted(unique.values(), key=lambda t: (t.term.casefold(), t.detail)):
        first = topic.term[:1].upper()
        letters.setdefault(first if first.isalpha() else "#", []).append(topic)
    return sorted(letters.items())
