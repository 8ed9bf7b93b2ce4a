"""One search as a person asks it: a query, perhaps a role or audience (by any of their
names) and a chapter. These are the steps `cse-search` and the web page share, so the
two read names alike and answer alike."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.config.model import Toolkit
from pipeline.engine import names
from pipeline.engine import search as engine
from pipeline.engine.names import Chosen
from pipeline.engine.search import SearchResult
from pipeline.engine.synonyms import from_toolkit


@dataclass(frozen=True)
class Answer:
    result: SearchResult
    chosen: Chosen | None  # the role or audience the names resolved to, with notes on how
    chapter: int | None

    @property
    def role_id(self) -> str | None:
        """The role searched as, for the JSON's `role` (None for an audience or nobody)."""
        return self.chosen.role.id if self.chosen is not None and self.chosen.role is not None else None


def ask(
    toolkit: Toolkit,
    search_dir: Path | None,
    query: str,
    *,
    role: str | None = None,
    audience: str | None = None,
    chapter: int | None = None,
    limit: int = 10,
) -> Answer:
    """Resolve the names, check the chapter, search. UsageError for a name or chapter that
    is not in the toolkit; QuerySyntaxError for a query that cannot be understood."""
    chosen = names.resolve(toolkit, role, audience)
    names.check_chapter(toolkit, chapter)
    result = engine.search(
        search_dir,
        query,
        scope=chosen.scope if chosen is not None else None,
        chapter=chapter,
        limit=limit,
        synonyms=from_toolkit(toolkit),
    )
    return Answer(result, chosen, chapter)
