"""Split a PDF into chapters (one, or several sharing the file by `pages:` ranges) and
each chapter into sections by printed page ranges, finding each heading.

A section ends where the next one begins. When a heading stands part-way down a page,
the lines above it belong to the earlier section (or the chapter introduction) and the
lines from the heading down to the later one. Pages of a shared file outside every
chapter's range are its front matter. `split_file` is the one place that numbers a
file's pages and splits it: ingest, audit, packs and `sections` all go through it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.config.model import ChapterSpec, SectionSpec, Toolkit
from pipeline.engine.documents import PageKind, SectionPage
from pipeline.ingest.extract import ExtractedPdf, Line
from pipeline.ingest.pages import PageNumbering, number_pages, with_furniture
from pipeline.numerals import page_order
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
    # Split where its heading stands, not on its configured start page (the heading moved
    # there, found once and in order with its neighbours: the config is out of date).
    followed: bool = False
    text_hash: str = ""
    text: str = ""


@dataclass(frozen=True)
class Split:
    """Result of splitting one PDF."""

    pages: tuple[SectionPage, ...]
    sections: tuple[SectionInfo, ...]
    warnings: tuple[str, ...]
    problems: tuple[str, ...]  # config-vs-PDF errors (a start page the PDF does not have)


@dataclass(frozen=True)
class ChapterPages:
    """Where one chapter of a file lies: 1-based PDF pages, first to last."""

    chapter: int
    first_pdf_page: int
    last_pdf_page: int


@dataclass(frozen=True)
class FileSplit:
    """One PDF numbered and split: what the ingest indexes and the other commands show."""

    numbering: PageNumbering
    split: Split
    chapters: tuple[ChapterPages, ...] = ()

    @property
    def warnings(self) -> tuple[str, ...]:
        """Everything to tell the user about this file, numbering first."""
        return (*self.numbering.warnings, *self.numbering.furniture_warnings, *self.split.warnings)


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


def uncatalogued(
    pdf: ExtractedPdf, numbering: PageNumbering, only: Sequence[int] | None = None
) -> tuple[SectionPage, ...]:
    """A PDF the config does not name (or the front matter of a shared file, `only` those
    pages): every page is its own unit, with no chapter and no section."""
    return tuple(
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
            ocr=pdf.pages[i].ocr,
        )
        for i in (only if only is not None else range(len(pdf.pages)))
        if (lines := body_lines(pdf, numbering, i))
    )


def split_chapter(
    chapter: ChapterSpec,
    pdf: ExtractedPdf,
    numbering: PageNumbering,
    place: str,
    span: range | None = None,
) -> Split:
    """Cut a chapter (the whole file, or its `span` of 0-based page indexes) into its
    introduction and sections, following the configured start pages, or a heading that
    moved off its start page when it is found once, in the config's order (a page
    inserted before it on republishing, the config not yet updated): then the section is
    split where its heading stands, with a warning naming the key to update."""
    span = span if span is not None else range(len(pdf.pages))
    count = span.stop
    warnings: list[str] = []
    problems: list[str] = []
    # Each start: (page index, body-line index, section spec, its index in the config).
    starts: list[tuple[int, int, SectionSpec, int]] = []
    found_at: dict[str, tuple[str | None, int | None, bool]] = {}
    # Headings found off their configured page (the first place found), and those found
    # there only, on a page of another number: where the section may start instead.
    elsewhere: dict[str, tuple[int, int]] = {}
    once: set[str] = set()
    notes: dict[int, str] = {}  # the warning about each section's heading, by its place in the config
    for s_index, spec in enumerate(chapter.sections):
        index = numbering.index_of(str(spec.start), span)
        if index is None:
            gap = numbering.gap_holding(str(spec.start))
            where = (
                f"is missing from {pdf.file} ({numbering.gap_where(gap)})"
                if gap is not None and gap.after in span
                else f"is not in {pdf.file}, whose pages are "
                f"{numbering.labels[span.start]}-{numbering.labels[span.stop - 1]}"
            )
            problems.append(
                f"{place}.sections[{s_index}].start: printed page {spec.start} ({spec.title}) {where}"
            )
            anywhere = next(iter(_headings(pdf, numbering, spec.title, span)), None)
            found_at[spec.id] = (
                (numbering.labels[anywhere[0]], anywhere[1], False) if anywhere else (None, None, False)
            )
            continue
        lines = body_lines(pdf, numbering, index)
        line = find_heading(lines, spec.title)
        if line is not None:
            found_at[spec.id] = (numbering.labels[index], line, True)
            starts.append((index, line, spec, s_index))
            continue
        found = _headings(pdf, numbering, spec.title, span)  # not on page `index`, as just seen
        if not found:
            notes[s_index] = (
                f"{pdf.file}: heading {spec.title!r} (section {spec.id}) not found on printed page "
                f"{spec.start} nor elsewhere in the file; the section starts at the top of page "
                f"{spec.start}"
            )
            found_at[spec.id] = (None, None, False)
        else:
            page_index, line_index = elsewhere[spec.id] = found[0]
            found_at[spec.id] = (numbering.labels[page_index], line_index, False)
            if len(found) == 1 and numbering.labels[page_index] != str(spec.start):
                once.add(spec.id)
        starts.append((index, 0, spec, s_index))

    followed = _follow(starts, {k: v for k, v in elsewhere.items() if k in once})
    for position, (index, _, spec, s_index) in enumerate(starts):
        if spec.id not in elsewhere:
            continue
        label = numbering.labels[elsewhere[spec.id][0]]
        if spec.id in followed:
            starts[position] = (*elsewhere[spec.id], spec, s_index)
            notes[s_index] = (
                f"{pdf.file}: heading {spec.title!r} (section {spec.id}) is not on printed page "
                f"{spec.start} but on page {label}; the section is indexed from there, where its "
                f"heading stands. Update the config: {place}.sections[{s_index}].start: "
                f"{spec.start} -> {label}"
            )
        else:
            key = f"{place}.sections[{s_index}]"
            notes[s_index] = _off_page(pdf.file, spec, key, index, elsewhere[spec.id][0], label)
    warnings.extend(note for _, note in sorted(notes.items()))

    # Explicit ends: the pages after `end` and before the next start go back to the chapter.
    boundaries: list[tuple[int, int, SectionSpec | None]] = []
    for position, (index, line, starting, s_index) in enumerate(starts):
        boundaries.append((index, line, starting))
        if starting.end is not None:
            end_index = numbering.index_of(str(starting.end), span)
            if end_index is not None and end_index < index:  # its heading was followed past its end
                warnings.append(
                    f"{pdf.file}: section {starting.id} ends at printed page {starting.end}, before its "
                    f"heading on p. {numbering.labels[index]}; it runs to the next section. Update the "
                    f"config: {place}.sections[{s_index}].end"
                )
                continue
            gap = numbering.gap_holding(str(starting.end)) if end_index is None else None
            if gap is not None and gap.after in span and gap.after >= index:
                end_index = gap.after  # the end page is missing: the section ends before the gap
                warnings.append(
                    f"{pdf.file}: section {starting.id} ends at printed page {starting.end}, which is "
                    f"missing from the file; it ends at p. {numbering.labels[end_index]}"
                )
            next_start = starts[position + 1][0] if position + 1 < len(starts) else count
            if end_index is None:
                warnings.append(
                    f"{pdf.file}: section {starting.id} ends at printed page {starting.end}, which the "
                    "file does not have; it runs to the next section"
                )
            elif end_index + 1 <= next_start:  # up to the next heading, even part-way down a page
                boundaries.append((end_index + 1, 0, None))

    pages: list[SectionPage] = []
    owner: SectionSpec | None = None
    next_owner: SectionSpec | None
    cursor = 0
    for index in span:
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
    infos = _infos(chapter, pdf, units, found_at, followed)
    return Split(units, infos, tuple(warnings), tuple(problems))


def _follow(starts: list[tuple[int, int, SectionSpec, int]], moved: dict[str, tuple[int, int]]) -> set[str]:
    """The sections to start where their heading was found instead of on their configured
    page: those whose heading stands after the previous section's start and before the
    next one's. A section whose found place would contradict the config's order keeps its
    configured page (and so may make a neighbour keep its own)."""
    followed = {spec.id for _, _, spec, _ in starts if spec.id in moved}
    while True:
        at = [moved[spec.id] if spec.id in followed else (i, line) for i, line, spec, _ in starts]
        wrong = {
            spec.id
            for position, (_, _, spec, _) in enumerate(starts)
            if spec.id in followed
            and (
                (position > 0 and at[position - 1] >= at[position])
                or (position + 1 < len(at) and at[position] >= at[position + 1])
            )
        }
        if not wrong:
            return followed
        followed -= wrong


def _off_page(file: str, spec: SectionSpec, key: str, index: int, page_index: int, found: str) -> str:
    """The warning for a heading found off its configured page but not followed there (found
    more than once, or out of the config's order): the section starts on its configured page."""
    if found == str(spec.start):  # the numbering restarts: two pages carry this number
        where = (
            f"is not on the page printed {spec.start} at PDF page {index + 1} but on another "
            f"page printed {found}, at PDF page {page_index + 1} (the file's page numbers restart)"
        )
    else:
        where = f"is not on printed page {spec.start} but on page {found}"
    return f"{file}: heading {spec.title!r} (section {spec.id}) {where}; check {key}.start"


def _headings(pdf: ExtractedPdf, numbering: PageNumbering, title: str, span: range) -> list[tuple[int, int]]:
    """Every page of `span` holding the heading `title`: (page index, line index)."""
    found = []
    for index in span:
        line = find_heading(body_lines(pdf, numbering, index), title)
        if line is not None:
            found.append((index, line))
    return found


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
            ocr=pdf.pages[index].ocr,
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
        ocr=pdf.pages[index].ocr,
    )


def _infos(
    chapter: ChapterSpec,
    pdf: ExtractedPdf,
    units: tuple[SectionPage, ...],
    found_at: dict[str, tuple[str | None, int | None, bool]],
    followed: set[str],
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
                followed=section_id in followed,
                text_hash=hashlib.sha256(text.encode()).hexdigest(),
                text=text,
            )
        )
    return tuple(infos)


def split_file(toolkit: Toolkit, pdf: ExtractedPdf) -> FileSplit:
    """Number a PDF's pages and split it as the config says: uncatalogued, one chapter, or
    several chapters by their `pages` (running headers found per chapter; the pages
    outside every range are the file's front matter). Gaps in the printed numbers are
    reported, for a shared file only those inside a chapter's range."""
    chapters = toolkit.chapters_for_file(pdf.file)
    first_page = next((c.first_page for c in chapters if c.first_page is not None), None)
    numbering = number_pages(pdf, first_page)
    if not chapters:
        gaps = tuple(numbering.gap_message(g, pdf.file) for g in numbering.gaps)
        return FileSplit(numbering, Split(uncatalogued(pdf, numbering), (), gaps, ()))
    spans, problems, edges = _spans(toolkit, chapters, pdf, numbering)
    ranged = any(c.pages is not None for c in chapters)
    inside = sorted({i for span in spans.values() for i in span})
    front = [i for i in range(len(pdf.pages)) if i not in set(inside)]
    if ranged:
        groups = [list(span) for span in spans.values()] + _runs(front)
        numbering = with_furniture(pdf, numbering, groups)
    warnings: list[str] = [*edges, *_gap_warnings(chapters, numbering, pdf.file)]
    units: list[SectionPage] = []
    infos: list[SectionInfo] = []
    placed: list[ChapterPages] = []
    for chapter in chapters:
        span = spans.get(chapter.number)
        if span is None:
            continue
        split = split_chapter(chapter, pdf, numbering, toolkit.place(chapter), span)
        units.extend(split.pages)
        infos.extend(split.sections)
        warnings.extend(split.warnings)
        problems.extend(split.problems)
        placed.append(ChapterPages(chapter.number, span.start + 1, span.stop))
    if front:  # only a file of chapters with `pages` has pages outside them
        units.extend(uncatalogued(pdf, numbering, front))
        units.sort(key=lambda unit: unit.pdf_page)
    return FileSplit(
        numbering, Split(tuple(units), tuple(infos), tuple(warnings), tuple(problems)), tuple(placed)
    )


def _spans(
    toolkit: Toolkit, chapters: tuple[ChapterSpec, ...], pdf: ExtractedPdf, numbering: PageNumbering
) -> tuple[dict[int, range], list[str], list[str]]:
    """Each chapter's 0-based page indexes: the whole file, or the pages its `pages`
    range covers (and the unnumbered pages among them). Also the problems (a range not in
    the file at all) and warnings (a range running past the file's first or last page)."""
    spans: dict[int, range] = {}
    problems: list[str] = []
    warnings: list[str] = []
    labels = numbering.labels
    for chapter in chapters:
        if chapter.pages is None:
            spans[chapter.number] = range(len(labels))
            continue
        first, last = (str(p) for p in chapter.pages)
        low, high = page_order(first), page_order(last)
        if low is not None and high is not None:
            found = [
                i for i, label in enumerate(labels) if (order := page_order(label)) and low <= order <= high
            ]
        else:
            ends = [numbering.index_of(first), numbering.index_of(last)]
            found = [] if None in ends else [i for i in ends if i is not None]
        if not found:
            problems.append(
                f"{toolkit.place(chapter)}.pages: printed pages {first}-{last} (chapter "
                f"{chapter.number}) are not in {pdf.file}, whose pages are {labels[0]}-{labels[-1]}"
            )
            continue
        spans[chapter.number] = range(min(found), max(found) + 1)
        if low is not None and high is not None:
            warnings.extend(_past_the_ends(chapter, low, high, labels, pdf.file))
    return spans, problems, warnings


def _past_the_ends(
    chapter: ChapterSpec, low: tuple[int, int], high: tuple[int, int], labels: tuple[str, ...], file: str
) -> list[str]:
    """A `pages` range that starts before the file's first printed page or ends after its
    last one (in the same style, arabic or roman): those pages are not in the file."""
    assert chapter.pages is not None
    numbered = [(order, label) for label in labels if (order := page_order(label)) is not None]
    where = f"chapter {chapter.number}'s pages {chapter.pages[0]}-{chapter.pages[1]}"
    out = []
    first = min((n for n in numbered if n[0][0] == low[0]), default=None)
    if first is not None and first[0] > low:
        out.append(f"{where} start before {file} does: its first printed page is {first[1]}")
    last = max((n for n in numbered if n[0][0] == high[0]), default=None)
    if last is not None and last[0] < high:
        out.append(f"{where} run past the end of {file}: its last printed page is {last[1]}")
    return out


def _runs(indexes: list[int]) -> list[list[int]]:
    """[0, 1, 5, 6] -> [[0, 1], [5, 6]]: front matter in one piece per stretch of pages."""
    runs: list[list[int]] = []
    for index in indexes:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _gap_warnings(chapters: tuple[ChapterSpec, ...], numbering: PageNumbering, file: str) -> list[str]:
    """Gaps worth reporting: all of them, or for chapters with `pages` only the printed
    pages inside a range (a jump between two chapters' ranges is no gap)."""
    ranged = [c for c in chapters if c.pages is not None]
    if not ranged:
        return [numbering.gap_message(g, file) for g in numbering.gaps]
    warnings = []
    for gap in numbering.gaps:
        for chapter in ranged:
            assert chapter.pages is not None
            low, high = page_order(chapter.pages[0]), page_order(chapter.pages[1])
            kind = 0 if gap.roman else 1
            if low is None or high is None or not low[0] <= kind <= high[0]:
                continue
            first = max(gap.first, low[1]) if low[0] == kind else gap.first
            last = min(gap.last, high[1]) if high[0] == kind else gap.last
            if first <= last:
                part = replace(gap, first=first, last=last)
                warnings.append(numbering.gap_message(part, file, f" of chapter {chapter.number}"))
    return warnings
