"""Turn results into text for a terminal or a pipe, and into the SPEC's JSON shapes.

Text comes in three forms: the readable one (wrapped to the terminal at word boundaries),
one line per hit for grep-like use (`--format line`), and file lists or counts (-l, -c).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from pipeline.engine.dated import Dates
from pipeline.engine.names import Chosen
from pipeline.engine.search import (
    MAX_WILDCARD_SCAN,
    MAX_WILDCARD_TERMS,
    Hit,
    SearchResult,
    SectionHit,
    SectionResult,
    count_by_file,
)
from pipeline.engine.snippets import MATCH_END, MATCH_START
from pipeline.numerals import cite, plain
from pipeline.text import long_date, printable

BOLD, RESET = "\x1b[1m", "\x1b[0m"
MAGENTA, GREEN = "\x1b[35m", "\x1b[32m"  # file names and page numbers, as grep colours them
INDENT = "   "
HEADING_JOIN = " — "  # a snippet's heading and its text, on one line
# Beside a hit whose page was read by OCR: the snippet may hold misreadings.
OCR_NOTE = "text read by OCR: check the page"
# Beside a page listed as the rest of the first result's section (engine.search read_on).
READ_ON_NOTE = "more of this section: this page did not match your search"


@dataclass(frozen=True)
class Style:
    """How text output looks: colour or not, and the width to wrap to (None: no wrapping,
    one line per paragraph, for pipes)."""

    colour: bool = False
    width: int | None = None

    def paint(self, text: str, code: str) -> str:
        return f"{code}{text}{RESET}" if self.colour else text


@dataclass(frozen=True)
class Asked:
    """The filters a search was given, for the words around its results."""

    chosen: Chosen | None = None
    chapter: int | None = None

    @property
    def who(self) -> str | None:
        """'pharmacist' or 'the health audience', as the header's 'for ...'."""
        if self.chosen is None:
            return None
        if self.chosen.role is not None:
            return self.chosen.role.id
        return f"the {self.chosen.audience.id} audience" if self.chosen.audience else None

    @property
    def audience_id(self) -> str | None:
        """The id of the audience whose reading was applied, whether a role or an
        audience (or a loose name read as either) chose it."""
        chosen = self.chosen
        return chosen.audience.id if chosen is not None and chosen.audience is not None else None

    @property
    def reading(self) -> str:
        """ "what Pharmacies reads": the role's (or audience's) title, as the web page says it."""
        chosen = self.chosen
        named = (chosen.role or chosen.audience) if chosen is not None else None
        return f"what {named.title if named is not None else ''} reads"


def _results(count: int) -> str:
    return f"{count} result{'s' if count != 1 else ''}"


def filter_notes(result: SearchResult, asked: Asked, in_pages: bool = False) -> list[str]:
    """Say what the filters left out, and how to see it: a filter never hides silently.
    `in_pages`: the answer counts something else (sections), so say the counts are pages."""
    lines = []
    scope = asked.chosen.scope if asked.chosen is not None else None
    if scope is not None and asked.chapter is not None and asked.chapter not in scope.chapters:
        chapters = ", ".join(str(c) for c in sorted(scope.chapters)) or "none"
        lines.append(f"Chapter {asked.chapter} is not in {asked.reading} (chapters {chapters}).")
    for count, where, flag in (
        (result.outside_scope, f"outside {asked.reading}", asked.chosen.flag if asked.chosen else ""),
        (result.outside_chapter, f"outside chapter {asked.chapter}", "chapter"),
        (
            result.outside_both,
            f"outside both chapter {asked.chapter} and {asked.reading}",
            f"chapter and --{asked.chosen.flag if asked.chosen else ''}",
        ),
    ):
        if count:
            pages = f" page{'s' if count != 1 else ''}" if in_pages else ""
            number = (
                f"{count} more{pages}" if result.hits else f"{count}{pages}" if in_pages else _results(count)
            )
            lines.append(f"{number} {where}; drop --{flag} to see {'it' if count == 1 else 'them'}.")
    return lines


def snippet_text(snippet: str, colour: bool) -> str:
    """The snippet with its matches bold (or unmarked); a heading keeps its own line."""
    if colour:
        return snippet.replace(MATCH_START, BOLD).replace(MATCH_END, RESET)
    return snippet.replace(MATCH_START, "").replace(MATCH_END, "")


def snippet_lines(snippet: str) -> list[str]:
    """A snippet's lines: each heading on a line of its own (engine.snippets.flow put it
    there), the prose around it on its own line. The one rule for every front end: the
    terminal wraps each line, the web page breaks between them."""
    return snippet.split("\n")


def wrap(text: str, width: int | None, indent: str = "", hanging: str | None = None) -> list[str]:
    """Lines of at most `width` columns, broken only between words (a word longer than a
    line stands alone); match marks take no room. Without a width, one line."""
    first, rest = indent, indent if hanging is None else hanging
    if width is None:
        return [first + text]
    lines: list[str] = []
    line, used = first, len(first)
    for word in text.split(" "):
        size = len(word.replace(MATCH_START, "").replace(MATCH_END, ""))
        prefix = rest if lines else first
        if used > len(prefix) and used + 1 + size > width:
            lines.append(line)
            line, used = rest + word, len(rest) + size
        else:
            gap = "" if used == len(prefix) else " "
            line, used = line + gap + word, used + len(gap) + size
    lines.append(line)
    return lines


def _snippet_lines(snippet: str, style: Style) -> list[str]:
    lines = []
    for paragraph in snippet_lines(snippet):
        lines += wrap(paragraph, style.width, INDENT)
    return [snippet_text(line, style.colour) for line in lines]


def citation(hit: Hit) -> str:
    """'Pharmacies — Chapter 4: Health Services, p. 74' (a page with no printed number is
    cited as 'unnumbered page after p. 57': numerals.cite). An uncatalogued PDF's page
    names its section from the PDF's outline or headings when it has one."""
    if hit.chapter is None:
        where = f"{printable(hit.file)}, {printable(cite(hit.page))}"
        return f"{printable(hit.section_title)} — {where}" if hit.section_title else where
    return f"{hit.section_title} — Chapter {hit.chapter}: {hit.chapter_title}, {printable(cite(hit.page))}"


def capped_note(result: SearchResult) -> list[str]:
    """Say when a wildcard matched too many words and only the commonest were searched."""
    return [
        f"Note: {pattern!r} matches more than {MAX_WILDCARD_TERMS} words; "
        f"only the {MAX_WILDCARD_TERMS} most common were searched (type more letters to narrow it)."
        for pattern in result.capped
    ] + [
        f"Note: {pattern!r} matches more words than one search looks through ({MAX_WILDCARD_SCAN:,}); "
        f"the {MAX_WILDCARD_TERMS} most common of those looked at were searched (type more letters to narrow it)."
        for pattern in result.cut
    ]


def query_notes(result: SearchResult) -> list[str]:
    """What was searched when it is not what was typed, and the words no page holds."""
    lines = []
    if result.corrected:
        lines.append(
            f"Showing results for {result.corrected!r}; search instead for {result.query!r} with --as-typed."
        )
    if result.unmatched:
        lines.append(f"No page mentions: {', '.join(result.unmatched)}.")
    return lines


def _header(count: int, noun: str, shown: int, result: SearchResult, asked: Asked) -> list[str]:
    lines = capped_note(result) + query_notes(result)
    searched = result.corrected or result.query
    if result.partial:
        lines.append(f"No page has every word of {searched!r}; showing pages with some of them.")
    if result.suggestion:
        lines.append(f"Did you mean: {result.suggestion}?")
    lines.append(
        f"{count} {noun}{'s' if count != 1 else ''} for {searched!r}"
        + (f" for {asked.who}" if asked.who else "")
        + (f" (showing {shown})" if count > shown else "")
    )
    return lines + filter_notes(result, asked, in_pages=noun != "result")


def _notes(lines: list[str], style: Style) -> list[str]:
    """The answer's notes, each wrapped to the terminal between words (a question typed in
    full makes them longer than a line), its next lines indented."""
    return [row for line in lines for row in wrap(line, style.width, "", "  ")]


def _nothing(result: SearchResult, asked: Asked, style: Style) -> str:
    lines = [
        *capped_note(result),
        f"No results for {result.query!r}"
        + (f" (searched as {result.corrected!r})" if result.corrected else "")
        + (f" for {asked.who}" if asked.who else "")
        + ".",
        *query_notes(result)[1 if result.corrected else 0 :],
    ]
    lines += filter_notes(result, asked)
    if result.suggestion:
        lines.append(f"Did you mean: {result.suggestion}?")
    return "\n".join(_notes(lines, style))


def _entry(rank: int, title: str, where: str, snippet: str, style: Style) -> list[str]:
    number = f"{rank}. "
    head = wrap(title, style.width, number, " " * len(number))
    if style.colour:
        head = [line[: len(number)] + style.paint(line[len(number) :], BOLD) for line in head]
    return ["", *head, *wrap(where, style.width, INDENT), *_snippet_lines(snippet, style)]


def changed_note(dates: Dates | None, file: str, section: str | None) -> str | None:
    """ "changed in edition 2 of 6 December 2026", for a page whose section changed in the
    latest edition (none for the first, in which everything is new): named by its number
    too, since two editions can share a day."""
    stamp = dates.changed_last(file, section) if dates is not None else None
    return f"changed in edition {stamp.number} of {long_date(stamp.date)}" if stamp is not None else None


def search_text(
    result: SearchResult, style: Style | None = None, asked: Asked | None = None, dates: Dates | None = None
) -> str:
    style, asked = style or Style(), asked or Asked()
    if not result.hits:
        return _nothing(result, asked, style)
    lines = _notes(_header(result.total, "result", len(result.hits), result, asked), style)
    for hit in result.hits:
        where = f"{printable(hit.file)}, PDF page {hit.pdf_page}" + (f" ({OCR_NOTE})" if hit.ocr else "")
        changed = changed_note(dates, hit.file, hit.section)
        if changed:
            where += f"; {changed}"
        if hit.read_on:
            where += f"; {READ_ON_NOTE}"
        lines += _entry(hit.rank, citation(hit), where, hit.snippet, style)
    return "\n".join(lines)


def sections_text(found: SectionResult, style: Style | None = None, asked: Asked | None = None) -> str:
    """--by-section: one entry per section with the printed pages that matched."""
    style, asked = style or Style(), asked or Asked()
    if not found.sections:
        return _nothing(found.result, asked, style)
    lines = _notes(_header(found.total, "section", len(found.sections), found.result, asked), style)
    for group in found.sections:
        title = (
            f"{group.section_title} — Chapter {group.chapter}: {group.chapter_title}"
            if group.chapter is not None
            else printable(group.file)
        )
        pages = ", ".join(cite(page).removeprefix("p. ") for page in group.pages)
        where = f"p. {pages}" if len(group.pages) == 1 else f"pp. {pages} (best first)"
        lines += _entry(group.rank, title, where, group.snippet, style)
    return "\n".join(lines)


def lines_text(result: SearchResult, style: Style | None = None) -> str:
    """--format line: `file:pdf_page:printed page:section: snippet`, one line per hit, as
    grep-like tools print (the printed page as its label, the section id empty for a page
    outside every section)."""
    style = style or Style()
    return "\n".join(
        f"{style.paint(hit.file, MAGENTA)}:{style.paint(str(hit.pdf_page), GREEN)}:"
        f"{style.paint(hit.page, GREEN)}:{hit.section or ''}: "
        + snippet_text(hit.snippet.replace("\n", HEADING_JOIN), style.colour)
        for hit in result.hits
    )


def files_text(result: SearchResult, with_counts: bool, style: Style | None = None) -> str:
    """-l: each file with a match, best first; -c: the same with its number of matching pages."""
    style = style or Style()
    return "\n".join(
        style.paint(file, MAGENTA) + (f":{count}" if with_counts else "")
        for file, count in count_by_file(result.hits)
    )


def _result_json(h: Hit, dates: Dates | None) -> dict[str, Any]:
    stamp = dates.of(h.file, h.section) if dates is not None else None
    return {
        "rank": h.rank,
        "score": h.score,
        "chapter": h.chapter,
        "chapter_title": h.chapter_title or None,
        "section": h.section,
        "section_title": h.section_title or None,
        "page": plain(h.page),
        "pdf_page": h.pdf_page,
        "file": h.file,
        "snippet": snippet_text(h.snippet, False),
        "ocr": h.ocr,
        "edition": stamp.date if stamp is not None else None,
        "edition_number": stamp.number if stamp is not None else None,
        "read_on": h.read_on,
    }


def search_json(
    result: SearchResult, role: str | None, asked: Asked | None = None, dates: Dates | None = None
) -> dict[str, Any]:
    """The SPEC's object, plus `partial` (no page has every word of the query),
    `outside` (matching pages each filter left out; null without filters) and `audience`
    (the audience whose reading was applied: the role's, or the one a name such as
    "social worker" was read as; null when the whole toolkit was searched). Each result's
    `edition` is the date of the edition in which its section last changed (null for an
    index made before editions), and `edition_number` its number (two can share a date)."""
    filtered = asked is not None and (asked.chosen is not None or asked.chapter is not None)
    outside = (
        {"scope": result.outside_scope, "chapter": result.outside_chapter, "both": result.outside_both}
        if filtered
        else None
    )
    return {
        "query": result.query,
        "role": role,
        "audience": asked.audience_id if asked is not None else None,
        "total": result.total,
        "suggestion": result.suggestion,
        "corrected": result.corrected,
        "unmatched": list(result.unmatched),
        "partial": result.partial,
        "outside": outside,
        "results": [_result_json(h, dates) for h in result.hits],
    }


def sections_json(
    found: SectionResult, role: str | None, asked: Asked | None = None, dates: Dates | None = None
) -> dict[str, Any]:
    """--by-section --json: the search object whose `results` are the best page of each
    shown section (at most --limit, ranked 1..n), with `sections` (each with all its
    matching pages) and `total_sections`."""
    best = {(g.file, g.section): g.rank for g in found.sections}
    leaders = sorted(
        (
            dataclasses.replace(hit, rank=best.pop((hit.file, hit.section)))
            for hit in found.result.hits
            if (hit.file, hit.section) in best
        ),
        key=lambda hit: hit.rank,
    )
    payload = search_json(dataclasses.replace(found.result, hits=tuple(leaders)), role, asked, dates)
    payload["total_sections"] = found.total
    payload["sections"] = [_section_json(g) for g in found.sections]
    return payload


def _section_json(g: SectionHit) -> dict[str, Any]:
    return {
        "rank": g.rank,
        "score": g.score,
        "chapter": g.chapter,
        "chapter_title": g.chapter_title or None,
        "section": g.section,
        "section_title": g.section_title or None,
        "file": g.file,
        "pages": list(g.pages),
        "snippet": snippet_text(g.snippet, False),
    }
