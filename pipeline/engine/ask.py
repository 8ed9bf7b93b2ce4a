"""One search as a person asks it: a query, perhaps a role or audience (by any of their
names) and a chapter. Both front doors call `ask` and nothing else of the engine for a
search: `cse-search` reads its options, asks, prints; the web page (web/answers.py) reads
its parameters, asks, renders. So the two read names alike, check chapters alike and
answer alike."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pipeline.config.model import Toolkit
from pipeline.engine import names
from pipeline.engine import search as engine
from pipeline.engine.asker import implied_scope
from pipeline.engine.names import Chosen
from pipeline.engine.search import SearchResult, SectionResult
from pipeline.engine.synonyms import from_toolkit


class Shape(StrEnum):
    """What the answer holds, which decides how much the search must do."""

    PAGES = "pages"  # the best `limit` pages, each with a snippet
    SECTIONS = "sections"  # the best `limit` sections (--by-section): every page ranked
    FILES = "files"  # every matching page, no snippets (-l, -c): only file names are shown


@dataclass(frozen=True)
class Answer:
    result: SearchResult  # the pages (for SECTIONS: every matching page)
    chosen: Chosen | None  # the role or audience the names resolved to, with notes on how
    chapter: int | None
    sections: SectionResult | None = None  # for Shape.SECTIONS only

    @property
    def role_id(self) -> str | None:
        """The role searched as, for the JSON's `role` (None for an audience or nobody)."""
        return self.chosen.role.id if self.chosen is not None and self.chosen.role is not None else None

    @property
    def notes(self) -> tuple[str, ...]:
        """How a loosely typed role or audience name was read, to tell the person."""
        return self.chosen.notes if self.chosen is not None else ()


def ask(
    toolkit: Toolkit,
    search_dir: Path | None,
    query: str,
    *,
    role: str | None = None,
    audience: str | None = None,
    chapter: int | None = None,
    limit: int = 10,
    shape: Shape = Shape.PAGES,
    as_typed: bool = False,
    read_on: bool = True,
) -> Answer:
    """Resolve the names, check the chapter, search (`as_typed`: no spelling correction;
    `read_on`: the first result's section's other pages below the first results, for a
    reader, not for grep-like output).
    Asked as nobody, a question that names its asker's role ("as a pharmacist") or
    speaks as a parent or a young person lifts that reader's pages (asker.py).
    UsageError for a name or chapter that is not in the toolkit; QuerySyntaxError for a
    query that cannot be understood."""
    chosen = names.resolve(toolkit, role, audience)
    names.check_chapter(toolkit, chapter)
    scope = chosen.scope if chosen is not None else implied_scope(toolkit, query)
    synonyms = from_toolkit(toolkit)
    if shape is Shape.SECTIONS:
        found = engine.search_sections(
            search_dir, query, scope=scope, chapter=chapter, limit=limit, synonyms=synonyms, as_typed=as_typed
        )
        return Answer(found.result, chosen, chapter, found)
    every = shape is Shape.FILES
    result = engine.search(
        search_dir,
        query,
        scope=scope,
        chapter=chapter,
        limit=None if every else limit,
        synonyms=synonyms,
        snippets=engine.Snippets.NONE if every else engine.Snippets.EVERY,
        as_typed=as_typed,
        read_on=read_on and not every,  # -l and -c name only files that match
    )
    return Answer(result, chosen, chapter)
