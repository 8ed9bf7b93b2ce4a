"""Turn results into text for a terminal or a pipe, and into the SPEC's JSON shapes."""

from __future__ import annotations

from typing import Any

from pipeline.engine.search import Hit, SearchResult, SectionHit
from pipeline.engine.snippets import MATCH_END, MATCH_START
from pipeline.numerals import cite

BOLD, RESET = "\x1b[1m", "\x1b[0m"


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


def search_text(result: SearchResult, colour: bool, who: str | None = None) -> str:
    if not result.hits:
        lines = [f"No results for {result.query!r}" + (f" for {who}" if who else "") + "."]
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
    for hit in result.hits:
        head = citation(hit)
        if colour:
            head = f"{BOLD}{head}{RESET}"
        lines.append(f"\n{hit.rank}. {head}")
        lines.append(f"   {hit.file}, PDF page {hit.pdf_page}")
        lines.append(f"   {snippet_text(hit.snippet, colour)}")
    return "\n".join(lines)


def sections_text(
    result: SearchResult, groups: list[SectionHit], colour: bool, who: str | None = None
) -> str:
    """--by-section: one entry per section with the printed pages that matched."""
    if not groups:
        return search_text(result, colour, who)
    lines = [
        f"{len(groups)} section{'s' if len(groups) != 1 else ''} for {result.query!r}"
        + (f" for {who}" if who else "")
    ]
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


def search_json(result: SearchResult, role: str | None) -> dict[str, Any]:
    return {
        "query": result.query,
        "role": role,
        "total": result.total,
        "suggestion": result.suggestion,
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
