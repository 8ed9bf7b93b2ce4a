"""The toolkit's abbreviations and their long forms, so each form finds the others.

These ship with the package and work with any config; a config's `synonyms:` key adds
more. Expansion is done on the query text, before the engine parses it, so it is the
same whichever engine sits underneath.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

BUILTIN: tuple[tuple[str, ...], ...] = (
    ("A&E", "accident and emergency", "emergency department"),
    ("GP", "general practice", "general practitioner"),
    ("CAMHS", "child and adolescent mental health services", "child and adolescent mental health service"),
    ("LAC", "looked after children", "looked after child"),
    ("CiN", "child in need", "children in need"),
    ("UASC", "unaccompanied asylum seeking children", "unaccompanied asylum seeking child"),
    ("EHP", "early help and prevention"),
    ("CSE", "child sexual exploitation"),
    ("MASH", "multi-agency safeguarding hub", "multi agency safeguarding hub"),
    ("FNP", "family nurse partnership", "family nurse partnerships"),
    ("DSL", "designated safeguarding lead"),
    ("GUM", "genitourinary medicine", "genito-urinary medicine"),
    ("PSHE", "personal social health and economic education"),
    ("LSCB", "local safeguarding children board"),
)


def groups(extra: Iterable[Sequence[str]] = ()) -> list[tuple[str, ...]]:
    """Built-in groups merged with the config's: groups sharing a form become one."""
    merged: list[set[str]] = []
    for group in (*BUILTIN, *(tuple(g) for g in extra)):
        forms = {f.strip() for f in group if f.strip()}
        folded = {f.casefold() for f in forms}
        for existing in [m for m in merged if folded & {f.casefold() for f in m}]:
            forms |= existing
            merged.remove(existing)
        merged.append(forms)
    return [tuple(sorted(m, key=lambda f: (len(f), f))) for m in merged]


def _form_pattern(form: str) -> str:
    words = [re.escape(w) for w in re.split(r"[\s-]+", form.strip())]
    return r"[\s-]+".join(words)


class Expander:
    """Rewrites `A&E` in a query as `(A&E OR "accident and emergency" OR ...)`."""

    def __init__(self, extra: Iterable[Sequence[str]] = ()) -> None:
        self.by_form: dict[str, tuple[str, ...]] = {}
        for group in groups(extra):
            for form in group:
                self.by_form[re.sub(r"[\s-]+", " ", form.casefold())] = group
        forms = sorted(self.by_form, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<![\w&])(" + "|".join(_form_pattern(f) for f in forms) + r")(?![\w&])", re.I)
            if forms
            else None
        )

    def expand(self, query: str) -> str:
        """Expand forms outside quoted phrases; quoted text is left exactly as typed."""
        if self.pattern is None:
            return query
        parts = query.split('"')
        for i in range(0, len(parts), 2):  # even parts are outside quotes
            parts[i] = self.pattern.sub(self._replace, parts[i])
        return '"'.join(parts)

    def _replace(self, match: re.Match[str]) -> str:
        group = self.by_form[re.sub(r"[\s-]+", " ", match.group(0).casefold())]
        alternatives = [f'"{f}"' if re.search(r"[\s-]", f) else f for f in group]
        return "(" + " OR ".join(alternatives) + ")"
