"""Read a role or audience as a person types it: "school nurse", "Pharmacists", "social worker".

Shared by the command line and the web page, so both forgive the same things and say the
same thing when they read a name loosely. Names are compared folded (case, '&' or 'and',
apostrophes, hyphens, plurals and a name's words run together do not matter). For a name
given as a role, in order:

1. a role's id, title or alias;
2. an audience's id or title ("Social Care"): that audience, and a note saying so;
3. words found in exactly one role's names ("doctor" -> gp): that role, with a note;
4. failing a single role, a word of exactly one audience's name ("social worker",
   "health worker"): that audience, with a note;
5. otherwise an error suggesting the nearest roles ("did you mean school-nurse?").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pipeline.config.model import Audience, Role, Toolkit
from pipeline.engine.scope import Scope, audience_scope, role_scope
from pipeline.errors import UsageError

# Words that say nothing about who someone is; ignored when matching word by word.
FILLER = frozenset(
    "a an and the of for in to with my our team teams service services staff worker workers "
    "professional professionals practitioner practitioners".split()
)
SUGGESTIONS = 3
CLOSE_ENOUGH = 0.75  # difflib ratio above which a misspelt word counts as the same word
# A word shorter than this is taken only as it is: "door" is two letters from "doctor", and
# a bouncer given a GP's reading is worse than a question back.
SHORTEST_MISSPELT = 5


@dataclass(frozen=True)
class Chosen:
    """What --role/--audience resolved to, and what to tell the user about it."""

    scope: Scope
    flag: str  # the option that chose it ("role" or "audience"), for "drop --role"
    notes: tuple[str, ...] = ()

    @property
    def role(self) -> Role | None:
        return self.scope.role

    @property
    def audience(self) -> Audience | None:
        return self.scope.audience


def fold(text: str) -> tuple[str, ...]:
    """A name as words to compare: case-folded, '&' read as 'and', apostrophes and
    punctuation dropped, each word made singular."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    text = re.sub(r"['\u2019]", "", text)
    return tuple(singular(word) for word in re.findall(r"[^\W_]+", text))


def singular(word: str) -> str:
    """'nurses' -> 'nurse', 'pharmacies' -> 'pharmacy', 'midwives' -> 'midwife'. Rough, but
    applied to both sides of every comparison, so its mistakes cancel out."""
    if word == "children":
        return "child"
    if len(word) < 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ves"):
        return word[:-3] + "fe"
    return word[:-1] if word.endswith("s") else word


def role_names(role: Role) -> list[tuple[str, ...]]:
    return [fold(role.id), fold(role.title), *(fold(alias) for alias in role.aliases)]


def audience_names(audience: Audience) -> list[tuple[str, ...]]:
    """Its id, its title, and the title without a bracketed part ("Social Care")."""
    short = re.sub(r"\(.*?\)", " ", audience.title)
    return [fold(audience.id), fold(audience.title), fold(short)]


def _run_together(typed: tuple[str, ...], names: list[tuple[str, ...]]) -> bool:
    """One typed word that is a name's words written as one ("fostercarer", "schoolnurses")."""
    return len(typed) == 1 and any(len(name) > 1 and singular("".join(name)) == typed[0] for name in names)


def _meaningful(words: Iterable[str]) -> set[str]:
    return {w for w in words if w not in FILLER}


def _role_words(role: Role) -> set[str]:
    return _meaningful(w for name in role_names(role) for w in name)


def _audience_words(audience: Audience) -> set[str]:
    """Words of its id and short title only: a bracketed list of services says who is in
    it, not what it is called."""
    short = re.sub(r"\(.*?\)", " ", audience.title)
    return _meaningful((*fold(audience.id), *fold(short)))


def _contains(words: set[str], typed: set[str], misspelt: bool = True) -> bool:
    """Every typed word is one of `words` (or, with `misspelt`, close to one)."""
    import difflib  # here, not at the top: only a role or audience name loads it

    return bool(typed) and all(
        t in words
        or (
            misspelt
            and len(t) >= SHORTEST_MISSPELT
            and difflib.get_close_matches(t, words, n=1, cutoff=CLOSE_ENOUGH)
        )
        for t in typed
    )


def resolve_role(toolkit: Toolkit, name: str) -> Chosen:
    """`--role NAME` (see the module doc for the order)."""
    typed = fold(name)
    for role in toolkit.roles:
        if typed in role_names(role) or _run_together(typed, role_names(role)):
            return Chosen(role_scope(toolkit, role), "role")
    for audience in toolkit.audiences:
        if typed in audience_names(audience):
            note = (
                f"{name.strip()!r} is an audience, not a role: showing what {_audience_label(audience)} reads"
            )
            return Chosen(audience_scope(toolkit, audience), "role", (note,))
    words = _meaningful(typed)
    # Roles with the words as typed first; a misspelt word only when no role has them.
    containing = [r for r in toolkit.roles if _contains(_role_words(r), words, misspelt=False)] or [
        r for r in toolkit.roles if _contains(_role_words(r), words)
    ]
    if len(containing) == 1:
        role = containing[0]
        note = f"taking {name.strip()!r} as the role {role.id} ({role.title})"
        return Chosen(role_scope(toolkit, role), "role", (note,))
    sharing = [a for a in toolkit.audiences if words & _audience_words(a)]
    if len(sharing) == 1:
        audience = sharing[0]
        note = (
            f"no role is called {name.strip()!r}; taking it as the audience "
            f"{_audience_label(audience)}, which reads {_chapters(audience)}"
        )
        return Chosen(audience_scope(toolkit, audience), "role", (note,))
    valid = [f"{r.id} ({r.title})" for r in toolkit.roles]
    raise UsageError(_unknown("role", name, nearest_roles(toolkit, name), valid))


def resolve_audience(toolkit: Toolkit, name: str) -> Chosen:
    """`--audience NAME`: an audience by id, title or short title, or by a word of its name;
    a role's name gives that role's audience, with a note."""
    typed = fold(name)
    for audience in toolkit.audiences:
        if typed in audience_names(audience):
            return Chosen(audience_scope(toolkit, audience), "audience")
    sharing = [a for a in toolkit.audiences if _meaningful(typed) & _audience_words(a)]
    if len(sharing) == 1:
        audience = sharing[0]
        note = f"taking {name.strip()!r} as the audience {_audience_label(audience)}"
        return Chosen(audience_scope(toolkit, audience), "audience", (note,))
    for role in toolkit.roles:
        found = toolkit.audience(role.audience)
        if typed in role_names(role) and found is not None:
            note = f"{name.strip()!r} is a role; showing what its audience {_audience_label(found)} reads"
            return Chosen(audience_scope(toolkit, found), "audience", (note,))
    nearest = _nearest(typed, [(a.id, audience_names(a)) for a in toolkit.audiences])
    raise UsageError(_unknown("audience", name, nearest, [a.id for a in toolkit.audiences]))


def resolve(toolkit: Toolkit, role: str | None, audience: str | None) -> Chosen | None:
    """Both options together: they must agree (a role inside that audience), never one
    silently ignored."""
    if not role and not audience:
        return None
    if not role:
        return resolve_audience(toolkit, audience or "")
    chosen = resolve_role(toolkit, role)
    if not audience:
        return chosen
    other = resolve_audience(toolkit, audience)
    if chosen.audience is None or other.audience is None or chosen.audience.id != other.audience.id:
        what = f"the role {chosen.role.id}" if chosen.role is not None else f"--role {role.strip()!r}"
        inside = f"the audience {chosen.audience.id}" if chosen.audience is not None else "no audience"
        wanted = other.audience.id if other.audience is not None else audience.strip()
        raise UsageError(f"{what} belongs to {inside}, not {wanted}: give --role or --audience, not both")
    return Chosen(chosen.scope, chosen.flag, chosen.notes + other.notes)


def find_role(toolkit: Toolkit, name: str, say: Callable[[str], None] | None = None) -> Role:
    """A role, for commands that need one (packs): an audience's name is refused. `say`
    is told the note when the name was read loosely."""
    chosen = resolve_role(toolkit, name)
    if chosen.role is None:
        raise UsageError(
            f"{name.strip()!r} is an audience, not a role; its roles: "
            + ", ".join(r.id for r in toolkit.roles if chosen.audience and r.audience == chosen.audience.id)
        )
    if say is not None:
        for note in chosen.notes:
            say(note)
    return chosen.role


def nearest_roles(toolkit: Toolkit, name: str) -> list[str]:
    return _nearest(fold(name), [(r.id, role_names(r)) for r in toolkit.roles])


def _nearest(typed: tuple[str, ...], candidates: Sequence[tuple[str, list[tuple[str, ...]]]]) -> list[str]:
    """Ids whose names look most like `typed`: sharing a (nearly) equal word, or close as a
    whole; best first."""
    words = _meaningful(typed)
    import difflib

    whole = " ".join(typed)
    scored = []
    for ident, names in candidates:
        name_words = _meaningful(w for n in names for w in n)
        shared = sum(1 for w in words if w in name_words or difflib.get_close_matches(w, name_words, 1, 0.8))
        closeness = max(difflib.SequenceMatcher(None, whole, " ".join(n)).ratio() for n in names)
        if shared or closeness >= 0.7:
            scored.append((-shared, -closeness, ident))
    return [ident for *_, ident in sorted(scored)[:SUGGESTIONS]]


def _unknown(kind: str, name: str, nearest: list[str], valid: list[str]) -> str:
    if not valid:
        return f"unknown {kind} {name.strip()!r}: none are configured (add `{kind}s:` to the config)"
    if nearest:
        options = nearest[0] if len(nearest) == 1 else ", ".join(nearest[:-1]) + " or " + nearest[-1]
        return (
            f"unknown {kind} {name.strip()!r}; did you mean {options}? (`cse-toolkit roles` lists them all)"
        )
    return f"unknown {kind} {name.strip()!r}. Valid {kind}s: {', '.join(valid)}"


def _audience_label(audience: Audience) -> str:
    return audience.id


def _chapters(audience: Audience) -> str:
    chapters = sorted({*audience.read, *audience.helpful})
    if not chapters:
        return "no chapters"
    listed = ", ".join(str(c) for c in chapters)
    return f"chapter {listed}" if len(chapters) == 1 else f"chapters {listed}"


def check_chapter(toolkit: Toolkit, chapter: int | None) -> None:
    """`--chapter N` must name a configured chapter: otherwise say so rather than find nothing."""
    if chapter is None or toolkit.chapter(chapter) is not None:
        return
    numbers = [c.number for c in toolkit.chapters]
    if not numbers:
        raise UsageError(
            f"no chapter {chapter}: the config names no chapters, so every PDF is searched as "
            "an uncatalogued document (drop --chapter)"
        )
    raise UsageError(f"no chapter {chapter} in the toolkit; its chapters are {', '.join(map(str, numbers))}")
