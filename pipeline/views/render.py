"""Turn results into text for a terminal or a pipe, and into the SPEC's JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.engine.names import Chosen
from pipeline.engine.search import Hit, SearchResult, SectionHit
from pipeline.engine.snippets import MATCH_END, MATCH_START
from pipeline.numerals import cite

BOLD, RESET = "\x1b[1m", "\x1b[0m"


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
    def reading(self) -> str:
        """ "the pharmacist's reading" or "the health audience's reading"."""
        who = self.who or ""
        return f"{who}'s reading" if who.startswith("the ") else f"the {who}'s reading"


def _results(count: int) -> str:
    return f"{count} result{'s' if count != 1 else ''}"


def filter_notes(result: SearchResult, asked: Asked) -> list[str]:
    """Say what the filters left out, and how to see it: a filter never hides silently."""
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
            number = f"{count} more" if result.hits else _results(count)
            lines.append(f"{number} {where}; drop --{flag} to see {'it' if count == 1 else 'them'}.")
    return lines


def snippet_text(snippet: str, colour: bool) -> str:
    if colour:
        return snippet.replace(MATCH_START, BOLD).replace(MATCH_END, RESET)
    return snippet.replace(MATCH_START, "").replace(MATCH_END, "")


def citation(hit: Hit) -> str:
    """'Pharmacies — Chapter 4: Health Services, p. 74' (a page with no printed number is
    cited as 'unnumbered page after p. 57': numerals.cite)."""
    if hit.chapter is None:
        return f"{hit.file}, {cite(hit.page)}"
    return f"{hit.section_title} — Chapter {hit.chapter}: {hit.chapter_title}, {cite(hit.page)}"


def search_text(result: SearchResult, colour: bool, asked: Asked | None = None) -> str:
    asked = asked or Asked()
    who = asked.who
    if not result.hits:
        lines = [f"No results for {result.query!r}" + (f" for {who}" if who else "") + "."]
        lines += filter_notes(result, asked)
        if result.suggestion:
            lines.append(f"Did you mean: {result.suggestion}?")
        return "\n".join(lines)
    shown = len(result.hits)
    more = f" (showing {shown})" if result.total > shown else ""
    lines = []
    if result.partial:
        lines.append(f"No page has every word of {result.query!r}; showing pages with some of them.")
    if result.suggestion:
        lines.append(f"Did you mean: {result.suggestion}?")
    lines.append(
        f"{result.total} result{'s' if result.total != 1 else ''} for {result.query!r}"
        + (f" for {who}" if who else "")
        + more
    )
    lines += filter_notes(result, asked)
    for hit in result.hits:
        head = citation(hit)
        if colour:
            head = f"{BOLD}{head}{RESET}"
        lines.append(f"\n{hit.rank}. {head}")
        lines.append(f"   {hit.file}, PDF page {hit.pdf_page}")
        lines.append(f"   {snippet_text(hit.snippet, colour)}")
    return "\n".join(lines)


def sections_text(
    result: SearchResult, groups: list[SectionHit], colour: bool, asked: Asked | None = None
) -> str:
    """--by-section: one entry per section with the printed pages that matched."""
    asked = asked or Asked()
    who = asked.who
    if not groups:
        return search_text(result, colour, asked)
    lines = [
        f"{len(groups)} section{'s' if len(groups) != 1 else ''} for {result.query!r}"
        + (f" for {who}" if who else "")
    ]
    lines += filter_notes(result, asked)
    if result.suggestion:
        lines.insert(0, f"Did you mean: {result.suggestion}?")
    for group in groups:
        title = (
            f"{group.section_title} — Chapter {group.chapter}: {group.chapter_title}"
            if group.chapter is not None
            else group.file
        )
        if colour:
            title = f"{BOLD}{title}{RESET}"
        pages = ", ".join(group.pages)
        lines.append(f"\n{group.rank}. {title}")
        lines.append(f"   p. {pages}" if len(group.pages) == 1 else f"   pp. {pages} (best first)")
        lines.append(f"   {snippet_text(group.snippet, colour)}")
    return "\n".join(lines)


def sections_json(groups: list[SectionHit]) -> list[dict[str, Any]]:
    return [
        {
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
        for g in groups
    ]


def search_json(result: SearchResult, role: str | None, asked: Asked | None = None) -> dict[str, Any]:
    """The SPEC's object, plus `partial` (no page has every word of the query) and
    `outside` (matching pages each filter left out; null without filters)."""
    filtered = asked is not None and (asked.chosen is not None or asked.chapter is not None)
    outside = (
        {"scope": result.outside_scope, "chapter": result.outside_chapter, "both": result.outside_both}
        if filtered
        else None
    )
    return {
        "query": result.query,
        "role": role,
        "total": result.total,
        "suggestion": result.suggestion,
        "partial": result.partial,
        "outside": outside,
        "results": [
            {
                "rank": h.rank,
                "score": h.score,
                "chapter": h.chapter,
                "chapter_title": h.chapter_title or None,
                "section": h.section,
                "section_title": h.section_title or None,
                "page": h.page,
                "pdf_page": h.pdf_page,
                "file": h.file,
                "snippet": snippet_text(h.snippet, False),
            }
            for h in result.hits
        ],
    }
