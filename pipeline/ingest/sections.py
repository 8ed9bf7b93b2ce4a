"""Split a chapter's pages into sections by printed page ranges, and find each heading.

A section ends where the next one begins. When a heading stands part-way down a page,
the lines above it belong to the earlier section (or the chapter introduction) and the
lines from the heading down to the later one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from pipeline.config.model import ChapterSpec, SectionSpec
from pipeline.engine.documents import PageKind, SectionPage
from pipeline.ingest.extract import ExtractedPdf, Line
from pipeline.ingest.pages import PageNumbering
from pipeline.text import fold, join_lines

# On folded text (see text.fold): "4 9 pharmacies" and "pharmacies p74" are "pharmacies".
_NUMBERING = re.compile(r"^(?:(?:section|chapter|part) )?[0-9ivx]+(?: [0-9]+)* (?=\D)")
_PAGE_CITE = re.compile(r" p ?[0-9]+$")

# The warning for a PDF the config does not name (ingest writes it, report groups it).
NOT_IN_CONFIG = ": not named in the config; indexed as an uncatalogued document"

INTRO, SECTION, DOCUMENT = PageKind.INTRO, PageKind.SECTION, PageKind.DOCUMENT


@dataclass(frozen=True)
class SectionInfo:
    """A section as the pipeline sees it: where it runs and whether its heading was found."""

    id: str
    title: str
    chapter: int
    file: str
    kind: PageKind
    configured_start: str  # printed page from the config ("" for an introduction)
    first_page: str  # printed label of its first page
    last_page: str
    first_pdf_page: int
    last_pdf_page: int
    heading_found: bool
    heading_page: str | None  # where the heading stands, if found (maybe not the configured page)
    heading_line: int | None  # index of the heading among the page's body lines
    text_hash: str = ""
    text: str = ""


@dataclass(frozen=True)
class Split:
    """Result of splitting one PDF."""

    pages: tuple[SectionPage, ...]
    sections: tuple[SectionInfo, ...]
    warnings: tuple[str, ...]
    problems: tuple[str, ...]  # config-vs-PDF errors (a start page the PDF does not have)


def intro_id(chapter: int) -> str:
    return f"chapter-{chapter}-introduction"


def body_lines(pdf: ExtractedPdf, numbering: PageNumbering, index: int) -> list[Line]:
    """A page's lines without running headers and footers; nothing for an unreadable page."""
    page = pdf.pages[index]
    if page.unreadable:
        return []
    drop = numbering.furniture[index]
    return [line for i, line in enumerate(page.lines) if i not in drop]


def find_heading(lines: list[Line], title: str) -> int | None:
    """Index of the line that is the heading `title` (also when wrapped over two lines)."""
    wanted = fold(title)
    if not wanted:
        return None
    for i, line in enumerate(lines):
        text = fold(line.text)
        if is_heading(text, wanted):
            return i
        wrapped = i + 1 < len(lines) and wanted.startswith(text) and len(text) >= 3
        if wrapped and is_heading(f"{text} {fold(lines[i + 1].text)}", wanted):
            return i
    return None


def strip_numbering(text: str) -> str:
    """Folded heading text without a leading number or a trailing page citation."""
    return _PAGE_CITE.sub("", _NUMBERING.sub("", text))


def is_heading(text: str, wanted: str) -> bool:
    """The title alone, maybe numbered ("4.9 Pharmacies") or page-cited ("Pharmacies (p74)");
    both arguments folded (text.fold). "&" and "and", and apostrophes or none, are the
    same: the config may write "Accident and Emergency" for a printed "Accident & Emergency"."""
    return _loose(strip_numbering(text)) == _loose(wanted)


def _loose(text: str) -> str:
    return " ".join(text.replace("&", " and ").replace("'", "").split())


def uncatalogued(pdf: ExtractedPdf, numbering: PageNumbering) -> Split:
    """A PDF the config does not name: every page is its own unit, with no section."""
    pages = tuple(
        SectionPage(
            pdf.file,
            None,
            "",
            "",
            "",
            DOCUMENT,
            numbering.labels[i],
            i + 1,
            join_lines([line.text for line in lines]),
        )
        for i in range(len(pdf.pages))
        if (lines := body_lines(pdf, numbering, i))
    )
    return Split(pages, (), (), ())


def split_chapter(
    chapter: ChapterSpec, pdf: ExtractedPdf, numbering: PageNumbering, place: str = "chapters[?]"
) -> Split:
    """Cut a chapter into its introduction and sections, following the configured start pages."""
    count = len(pdf.pages)
    warnings: list[str] = []
    problems: list[str] = []
    # Each boundary: (page index, body-line index, section spec or None for "outside sections").
    starts: list[tuple[int, int, SectionSpec | None, int | None]] = []
    found_at: dict[str, tuple[str | None, int | None, bool]] = {}
    for s_index, spec in enumerate(chapter.sections):
        index = numbering.index_of(str(spec.start))
        if index is None:
            problems.append(
                f"{place}.sections[{s_index}].start: printed page {spec.start} ({spec.title}) is "
                f"not in {pdf.file}, whose pages are {numbering.labels[0]}-{numbering.labels[-1]}"
            )
            elsewhere = _search_heading(pdf, numbering, spec.title, skip=-1)
            found_at[spec.id] = (
                (numbering.labels[elsewhere[0]], elsewhere[1], False) if elsewhere else (None, None, False)
            )
            continue
        lines = body_lines(pdf, numbering, index)
        line = find_heading(lines, spec.title)
        if line is not None:
            found_at[spec.id] = (numbering.labels[index], line, True)
            starts.append((index, line, spec, s_index))
            continue
        elsewhere = _search_heading(pdf, numbering, spec.title, skip=index)
        if elsewhere is None:
            warnings.append(
                f"{pdf.file}: heading {spec.title!r} (section {spec.id}) not found on printed page "
                f"{spec.start} nor elsewhere in the file; the section starts at the top of page "
                f"{spec.start}"
            )
            found_at[spec.id] = (None, None, False)
        else:
            page_index, line_index = elsewhere
            warnings.append(
                f"{pdf.file}: heading {spec.title!r} (section {spec.id}) is not on printed page "
                f"{spec.start} but on page {numbering.labels[page_index]}; check "
                f"{place}.sections[{s_index}].start"
            )
            found_at[spec.id] = (numbering.labels[page_index], line_index, False)
        starts.append((index, 0, spec, s_index))

    # Explicit ends: the pages after `end` and before the next start go back to the chapter.
    boundaries: list[tuple[int, int, SectionSpec | None]] = []
    for position, (index, line, starting, _) in enumerate(starts):
        boundaries.append((index, line, starting))
        if starting is not None and starting.end is not None:
            end_index = numbering.index_of(str(starting.end))
            next_start = starts[position + 1][0] if position + 1 < len(starts) else count
            if end_index is None:
                warnings.append(
                    f"{pdf.file}: section {starting.id} ends at printed page {starting.end}, which the "
                    "file does not have; it runs to the next section"
                )
            elif end_index + 1 < next_start:
                boundaries.append((end_index + 1, 0, None))

    pages: list[SectionPage] = []
    owner: SectionSpec | None = None
    next_owner: SectionSpec | None
    cursor = 0
    for index in range(count):
        lines = body_lines(pdf, numbering, index)
        line_start = 0
        while cursor < len(boundaries) and boundaries[cursor][0] == index:
            _, line_at, next_owner = boundaries[cursor]
            if line_at > line_start:
                pages.append(_unit(chapter, pdf, numbering, owner, index, lines[line_start:line_at]))
            owner, line_start = next_owner, max(line_at, line_start)
            cursor += 1
        pages.append(_unit(chapter, pdf, numbering, owner, index, lines[line_start:]))
    units = tuple(p for p in pages if p.text)
    return Split(units, _infos(chapter, pdf, numbering, units, found_at), tuple(warnings), tuple(problems))


def _search_heading(
    pdf: ExtractedPdf, numbering: PageNumbering, title: str, skip: int
) -> tuple[int, int] | None:
    for index in range(len(pdf.pages)):
        if index == skip:
            continue
        line = find_heading(body_lines(pdf, numbering, index), title)
        if line is not None:
            return index, line
    return None


def _unit(
    chapter: ChapterSpec,
    pdf: ExtractedPdf,
    numbering: PageNumbering,
    owner: SectionSpec | None,
    index: int,
    lines: list[Line],
) -> SectionPage:
    text = join_lines([line.text for line in lines])
    if owner is None:
        return SectionPage(
            pdf.file,
            chapter.number,
            chapter.title,
            intro_id(chapter.number),
            "Introduction",
            INTRO,
            numbering.labels[index],
            index + 1,
            text,
        )
    return SectionPage(
        pdf.file,
        chapter.number,
        chapter.title,
        owner.id,
        owner.title,
        SECTION,
        numbering.labels[index],
        index + 1,
        text,
    )


def _infos(
    chapter: ChapterSpec,
    pdf: ExtractedPdf,
    numbering: PageNumbering,
    units: tuple[SectionPage, ...],
    found_at: dict[str, tuple[str | None, int | None, bool]],
) -> tuple[SectionInfo, ...]:
    """Summaries in toolkit order: the introduction first, then each configured section."""
    infos: list[SectionInfo] = []
    order = [(intro_id(chapter.number), "Introduction", INTRO, "")] + [
        (s.id, s.title, SECTION, str(s.start)) for s in chapter.sections
    ]
    for section_id, title, kind, configured in order:
        own = [u for u in units if u.section == section_id]
        if not own and kind == INTRO:
            continue
        text = "\n\n".join(u.text for u in own)
        heading_page, heading_line, on_start = found_at.get(section_id, (None, None, kind == INTRO))
        infos.append(
            SectionInfo(
                id=section_id,
                title=title,
                chapter=chapter.number,
                file=pdf.file,
                kind=kind,
                configured_start=configured,
                first_page=own[0].page if own else configured,
                last_page=own[-1].page if own else configured,
                first_pdf_page=own[0].pdf_page if own else 0,
                last_pdf_page=own[-1].pdf_page if own else 0,
                heading_found=on_start,
                heading_page=heading_page,
                heading_line=heading_line,
                text_hash=hashlib.sha256(text.encode()).hexdigest(),
                text=text,
            )
        )
    return tuple(infos)
