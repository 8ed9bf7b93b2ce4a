"""What every page's template needs around its own content: the toolkit's title, the
search form as last filled in, the roles grouped by audience for the picker, the edition."""

from __future__ import annotations

from typing import Any

from pipeline.web import answers
from pipeline.web.site import Edition


def form_context(current: Edition, ask: answers.Ask | None) -> dict[str, Any]:
    toolkit = current.toolkit
    groups = [
        (audience.title, [r for r in toolkit.roles if r.audience == audience.id])
        for audience in toolkit.audiences
    ]
    others = [r for r in toolkit.roles if toolkit.audience(r.audience) is None]
    if others:
        groups.append(("Other roles", others))
    ask = ask or answers.Ask("")
    return {
        "title": toolkit.title,
        "toolkit": toolkit,
        "role_groups": [(title, roles) for title, roles in groups if roles],
        "ask": ask,
        "filters_now": filters_now(current, ask),
        "edition": current,
    }


def filters_now(current: Edition, ask: answers.Ask) -> str:
    """The filters in a few words, beside the compact form's "Change" ("School Nurses,
    chapter 4"; "any role")."""
    toolkit = current.toolkit
    role = next((r for r in toolkit.roles if r.id == ask.role), None)
    audience = toolkit.audience(ask.audience) if ask.audience else None
    who = role.title if role else audience.title if audience else "any role"
    return who + (f", chapter {ask.chapter}" if ask.chapter is not None else "")
