"""Who sees what: what `--role` filters to (SPEC, "Role scope").

A role sees the chapters its audience must read or may find helpful. Inside them, a
section that some role owns is seen only by its owners; sections nobody owns and chapter
introductions are seen by everyone who reads the chapter.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.config.model import Audience, Role, Toolkit


@dataclass(frozen=True)
class Scope:
    """A search filter in plain terms, turned into an engine query by search.py."""

    chapters: frozenset[int]
    hidden_sections: frozenset[str]
    own_sections: tuple[str, ...] = ()
    role: Role | None = None
    audience: Audience | None = None
    # The share of the ranking's own-section lift its own sections get: 1 for a chosen
    # role, less for a reader the question only implies (asker.py).
    lift: float = 1.0
    filters: bool = True  # False: it only lifts its own sections, and every page is searched
    # The sections written for the other lay reader (a parent's question: the young
    # people's pages): lowered by Ranking.other_reader, never filtered (asker.py).
    lowered: tuple[str, ...] = ()
    # The chapters a role's audience may find helpful but need not read ("everyone: 8 and 9
    # may help"): lowered by Ranking.helpful_chapters, never filtered.
    helpful_only: frozenset[int] = frozenset()

    def allows(self, chapter: int | None, section: str) -> bool:
        return not self.filters or (chapter in self.chapters and section not in self.hidden_sections)


def owners(toolkit: Toolkit) -> dict[str, set[str]]:
    """Section id -> ids of the roles that own it."""
    owned: dict[str, set[str]] = {}
    for role in toolkit.roles:
        for section in role.sections:
            owned.setdefault(section, set()).add(role.id)
    return owned


def role_scope(toolkit: Toolkit, role: Role) -> Scope:
    audience = toolkit.audience(role.audience)
    chapters = frozenset((*audience.read, *audience.helpful)) if audience else frozenset()
    hidden = frozenset(s for s, ids in owners(toolkit).items() if role.id not in ids)
    return Scope(
        chapters, hidden, role.sections, role=role, audience=audience, helpful_only=_helpful_only(audience)
    )


def audience_scope(toolkit: Toolkit, audience: Audience) -> Scope:
    return Scope(
        frozenset((*audience.read, *audience.helpful)),
        frozenset(),
        audience=audience,
        helpful_only=_helpful_only(audience),
    )


def _helpful_only(audience: Audience | None) -> frozenset[int]:
    return frozenset(audience.helpful) - frozenset(audience.read) if audience else frozenset()
