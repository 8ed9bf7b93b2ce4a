"""An excerpt pack as plain data, before it is drawn: the cover, the contents, the body
(which published page goes where, and each page's text as paragraphs) and the sources.
The PDF, Markdown and HTML packs are three renderings of this one document, so they
always agree."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.board.paragraphs import Block
from pipeline.config.image import Image, read_image
from pipeline.config.model import Board, Contact, Role, Toolkit
from pipeline.engine.dated import Stamp
from pipeline.engine.documents import SectionPage
from pipeline.errors import UsageError
from pipeline.ingest.manifest import Manifest
from pipeline.ingest.packplan import CHAPTER, ESSENTIAL, OWN, PackPart
from pipeline.numerals import cite, is_unnumbered, page_range, plain
from pipeline.text import MONTHS, long_date, printable


@dataclass(frozen=True)
class Cover:
    board: str | None
    logo: Image | None  # the board's logo, read and checked when the pack is made
    title: str
    edition: str
    website: str | None
    issue: str  # "Toolkit edition 2, 6 December 2026" (the ingest's editions); "" before any
    role: str
    audience: str
    contacts: tuple[Contact, ...]
    reading: tuple[tuple[str, str], ...]  # ("Must read", "Chapter 1: … (pp. 1-14)")
    holds: tuple[tuple[str, str], ...]  # ("Your section", "Pharmacies: Chapter 4, p. 74")


@dataclass(frozen=True)
class ContentsRow:
    title: str
    where: str  # "Chapter 4: Health Services"
    printed: str  # "p. 74" / "pp. 22-24"
    body_index: int  # 0-based among the body pages: pack page = pages before the body + this + 1
    level: int  # 0 a part; 1 a section inside a whole chapter
    anchor: str  # id for links in the HTML pack
    note: str  # "your section", "for everyone", "whole chapter"


@dataclass(frozen=True)
class BodyPage:
    """One published page placed in the pack, once."""

    file: str
    pdf_page: int
    label: str


@dataclass(frozen=True)
class UnitText:
    """One section's text on one page, with what a citation needs."""

    unit: SectionPage
    blocks: tuple[Block, ...]

    def citation(self, chapter: int, chapter_title: str, fallback_title: str) -> str:
        section = self.unit.section_title or fallback_title
        return (
            f"Chapter {chapter} ({chapter_title}), {section}, {page_name(self.unit.page, 'printed page')} "
            f"({self.unit.file}, PDF page {self.unit.pdf_page}"
            + ("; text read by OCR" if self.unit.ocr else "")
            + ")"
        )


@dataclass(frozen=True)
class PartPage:
    """A page of a part as the text packs show it: its units, or where it was shown."""

    label: str
    pdf_page: int
    units: tuple[UnitText, ...]
    shown_in: str | None  # the part that showed this page earlier (its text is there)


@dataclass(frozen=True)
class PartText:
    part: PackPart
    anchor: str
    subtitle: str  # "Chapter 4: Health Services, p. 74 (your section)"
    pages: tuple[PartPage, ...]


@dataclass(frozen=True)
class Source:
    file: str
    sha256: str
    dated: str  # the PDF's own date, "" when it gives none
    pages: str  # the printed pages the pack takes from it


@dataclass(frozen=True)
class PackDoc:
    title: str
    cover: Cover
    contents: tuple[ContentsRow, ...]
    body: tuple[BodyPage, ...]
    placed: dict[tuple[str, int], int]  # (file, pdf page) -> index in body
    parts: tuple[PackPart, ...]
    texts: tuple[PartText, ...]
    sources: tuple[Source, ...]
    ingested_at: str
    config_digest: str
    outline: tuple[tuple[str, int, tuple[tuple[str, int], ...]], ...]  # (title, body index, children)


def page_name(label: str, word: str = "page") -> str:
    """'page 74' (or 'printed page 74'); a page without a printed number as numerals.cite
    names it ('unnumbered page after p. 57')."""
    return cite(label) if is_unnumbered(label) else f"{word} {plain(label)}"


def anchor(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "part"


def section_anchor(part: PackPart, section: str) -> str:
    """Where a section starts inside a whole chapter of the HTML pack."""
    return anchor(f"{part.title} {section}")


def place(parts: list[PackPart]) -> tuple[tuple[BodyPage, ...], dict[tuple[str, int], int]]:
    """Each published page once, where the first part that holds it puts it."""
    body: list[BodyPage] = []
    placed: dict[tuple[str, int], int] = {}
    for part in parts:
        for pdf_page, label in zip(part.pdf_pages, part.labels, strict=True):
            if (part.file, pdf_page) not in placed:
                placed[(part.file, pdf_page)] = len(body)
                body.append(BodyPage(part.file, pdf_page, label))
    return tuple(body), placed


def pdf_date(raw: object) -> str:
    """ "D:20240312…" (a PDF's own date) as "12 March 2024"; "" when there is none."""
    match = re.match(r"^(?:D:)?(\d{4})(\d{2})(\d{2})", str(raw or ""))
    if not match:
        return ""
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return ""
    return f"{day} {MONTHS[month - 1]} {year}"


def edition_text(toolkit: Toolkit, sources: list[Source]) -> str:
    """The configured edition, else the dates the PDFs give themselves."""
    if toolkit.board and toolkit.board.edition:
        return toolkit.board.edition
    dates = sorted({s.dated for s in sources if s.dated}, key=_date_key)
    if not dates:
        return "Edition not stated in the PDFs"
    if len(dates) == 1:
        return f"PDFs dated {dates[0]}"
    return f"PDFs dated {dates[0]} to {dates[-1]}"


def _date_key(text: str) -> tuple[int, int, int]:
    day, month, year = text.split()
    return int(year), MONTHS.index(month) + 1, int(day)


def issue_text(latest: Stamp | None) -> str:
    """The toolkit's edition the pack was made from, as its cover names it."""
    return f"Toolkit edition {latest.number}, {long_date(latest.date)}" if latest else ""


def cover(
    toolkit: Toolkit,
    role: Role,
    manifest: Manifest,
    parts: list[PackPart],
    edition: str,
    latest: Stamp | None = None,
) -> Cover:
    audience = toolkit.audience(role.audience)
    reading = []
    for label, numbers in (
        ("Must read", audience.read if audience else ()),
        ("Also helpful", audience.helpful if audience else ()),
    ):
        for number in numbers:
            chapter = toolkit.chapter(number)
            if chapter is None:
                continue
            record = manifest.files.get(chapter.file)
            own = record.pages_of(number) if record else ()
            pages = (
                page_range(record.page_labels[own[0] - 1], record.page_labels[own[-1] - 1])
                if record and own
                else "not ingested"
            )
            reading.append((label, f"Chapter {number}, {chapter.title} ({pages})"))
    holds = []
    for part in parts:
        where = page_range(part.labels[0], part.labels[-1])
        holds.append(
            (_kind_label(part, audience.title if audience else role.audience), f"{part.title}, {where}")
        )
    board = toolkit.board
    return Cover(
        board=board.name if board else None,
        logo=_logo(board),
        title=toolkit.title,
        edition=edition,
        website=board.website if board else None,
        issue=issue_text(latest),
        role=role.title,
        audience=audience.title if audience else role.audience,
        contacts=board.contacts if board else (),
        reading=tuple(reading),
        holds=tuple(holds),
    )


def _logo(board: Board | None) -> Image | None:
    """The logo's bytes, checked again as they are read: the config check found an image
    at this resolved path, but the file may have been replaced since (by a link to any
    file, or by something that is not an image) and the pack, served over HTTP, must only
    ever carry the image."""
    if board is None or board.logo is None:
        return None
    path = Path(board.logo)
    image = read_image(path) if path.is_absolute() and path.resolve() == path else "is no longer a plain file"
    if isinstance(image, str):
        raise UsageError(
            f"board.logo: {printable(board.logo)} {image}, so no pack is made; put the image itself "
            "in the config's folder and run `cse-toolkit ingest`, which checks the config again"
        )
    return image


def _kind_label(part: PackPart, audience: str) -> str:
    return {OWN: "Your section", ESSENTIAL: "For everyone", CHAPTER: "Whole chapter"}[part.kind]


def contents(
    parts: list[PackPart], placed: dict[tuple[str, int], int], manifest: Manifest
) -> tuple[ContentsRow, ...]:
    """Each part with its printed pages and where it starts in the pack; a whole chapter
    also lists its sections, pointing to wherever their first page is."""
    own_anchor = {p.section: anchor(p.section) for p in parts if p.section is not None}
    rows = []
    for part in parts:
        where = f"Chapter {part.chapter}: {part.chapter_title}"
        printed = page_range(part.labels[0], part.labels[-1])
        first = placed[(part.file, part.pdf_pages[0])]
        if part.kind != CHAPTER:
            note = "your section" if part.kind == OWN else "for everyone"
            rows.append(
                ContentsRow(part.title, where, printed, first, 0, anchor(part.section or part.title), note)
            )
            continue
        rows.append(
            ContentsRow(part.title, "whole chapter", printed, first, 0, anchor(part.title), "whole chapter")
        )
        pages = set(part.pdf_pages)
        for info in manifest.sections:
            if info.chapter != part.chapter or info.file != part.file or info.first_pdf_page not in pages:
                continue
            shown_before = info.id in own_anchor
            rows.append(
                ContentsRow(
                    info.title,
                    where,
                    page_range(info.first_page, info.last_page),
                    placed[(info.file, info.first_pdf_page)],
                    1,
                    own_anchor[info.id] if shown_before else section_anchor(part, info.id),
                    "shown above" if shown_before else "",
                )
            )
    return tuple(rows)


def outline(
    parts: list[PackPart], placed: dict[tuple[str, int], int], rows: tuple[ContentsRow, ...]
) -> tuple[tuple[str, int, tuple[tuple[str, int], ...]], ...]:
    """Bookmarks nested chapter -> section: consecutive sections of one chapter under it;
    a whole chapter with its sections under it."""
    out: list[tuple[str, int, list[tuple[str, int]]]] = []
    previous: tuple[int, str] | None = None
    row_index = 0
    for part in parts:
        first = placed[(part.file, part.pdf_pages[0])]
        row = rows[row_index]
        row_index += 1
        if part.kind == CHAPTER:
            children = []
            while row_index < len(rows) and rows[row_index].level == 1:
                children.append((rows[row_index].title, rows[row_index].body_index))
                row_index += 1
            out.append((f"{part.title} (whole chapter)", first, children))
            previous = None
            continue
        key = (part.chapter, part.kind)
        if previous != key:
            out.append((f"Chapter {part.chapter}: {part.chapter_title}", first, []))
            previous = key
        out[-1][2].append((row.title, first))
    return tuple((title, index, tuple(children)) for title, index, children in out)


def part_texts(
    parts: list[PackPart],
    placed: dict[tuple[str, int], int],
    units: dict[tuple[str, int], list[UnitText]],
) -> tuple[PartText, ...]:
    """What each part shows as text. A page shown by an earlier part points back to it,
    and only its text that was not shown yet (another section's) is given again."""
    shown_units: set[tuple[str, int, str]] = set()
    owner: dict[tuple[str, int], str] = {}
    texts = []
    for part in parts:
        pages = []
        for pdf_page, label in zip(part.pdf_pages, part.labels, strict=True):
            key = (part.file, pdf_page)
            earlier = owner.get(key)
            owner.setdefault(key, part.title)
            here = [
                u
                for u in units.get(key, [])
                if (part.section is None or u.unit.section == part.section)
                and (part.file, pdf_page, u.unit.section) not in shown_units
            ]
            shown_units.update((part.file, pdf_page, u.unit.section) for u in here)
            pages.append(PartPage(label, pdf_page, tuple(here), earlier))
        where = page_range(part.labels[0], part.labels[-1])
        note = {OWN: "your section", ESSENTIAL: "for everyone", CHAPTER: "whole chapter"}[part.kind]
        subtitle = (
            f"Chapter {part.chapter}: {part.chapter_title}, {where} ({note})"
            if part.kind != CHAPTER
            else f"{where} ({note})"
        )
        anchor_id = anchor(part.section or part.title)
        texts.append(PartText(part, anchor_id, subtitle, tuple(pages)))
    return tuple(texts)
