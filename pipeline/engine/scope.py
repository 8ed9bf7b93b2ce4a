"""Who sees what: resolve a role or audience name, and what `--role` filters to (SPEC, "Role scope").

A role sees the chapters its audience must read or may find helpful. Inside them, a
section that some role owns is seen only by its owners; sections nobody owns and chapter
introductions are seen by everyone who reads the chapter.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.config.model import Audience, Role, Toolkit
from pipeline.errors import UsageError


@dataclass(frozen=True)
class Scope:
    """A search filter in plain terms, turned into an engine query by search.py."""

    chapters: frozenset[int]
    hidden_sections: frozenset[str]
    own_sections: tuple[str, ...] = ()
    role: Role | None = None
    audience: Audience | None = None

    def allows(self, chapter: int | None, section: str) -> bool:
        return chapter in self.chapters and section not in self.hidden_sections


def find_role(toolkit: Toolkit, name: str) -> Role:
    """A role by id, title or alias, case-insensitively; unknown names list the valid ones."""
    wanted = name.strip().casefold()
    for role in toolkit.roles:
        if wanted in {role.id.casefold(), role.title.casefold(), *(a.casefold() for a in role.aliases)}:
            return role
    valid = ", ".join(f"{r.id} ({r.title})" for r in toolkit.roles) or "none are configured"
    raise UsageError(f"unknown role {name!r}. Valid roles: {valid}")


def find_audience(toolkit: Toolkit, name: str) -> Audience:
    wanted = name.strip().casefold()
    for audience in toolkit.audiences:
        if wanted in {audience.id.casefold(), audience.title.casefold()}:
            return audience
    valid = ", ".join(a.id for a in toolkit.audiences) or "none are configured"
    raise UsageError(f"unknown audience {name!r}. Valid audiences: {valid}")


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
    return Scope(chapters, hidden, role.sections, role=role, audience=audience)


def audience_scope(toolkit: Toolkit, audience: Audience) -> Scope:
    return Scope(frozenset((*audience.read, *audience.helpful)), frozenset(), audience=audience)
