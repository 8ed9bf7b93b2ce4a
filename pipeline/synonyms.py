"""The toolkit's abbreviations and their long forms, so each form finds the others.

These ship with the package and work with any config; a config's `synonyms:` key adds
more. Expansion is done on the query text, before the engine parses it, so it is the
same whichever engine sits underneath.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pipeline.config import Toolkit

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
    ("chemist", "pharmacy", "pharmacist"),
    # British and American spellings: users type either, the toolkit prints the British.
    ("gynaecology", "gynecology"),
    ("gynaecologist", "gynecologist"),
    ("paediatric", "pediatric"),
    ("paediatrician", "pediatrician"),
    ("behaviour", "behavior"),
    ("counselling", "counseling"),
    ("organisation", "organization"),
    ("programme", "program"),
    ("centre", "center"),
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
    unique = [{f.casefold(): f for f in sorted(m)}.values() for m in merged]
    return [tuple(sorted(m, key=lambda f: (len(f), f))) for m in unique]


def from_toolkit(toolkit: Toolkit) -> list[tuple[str, ...]]:
    """The config's own groups, and each role's title with its aliases: the names people
    use for a profession are the words they search with ("chemist", "children's homes")."""
    role_groups = [(role.title, *role.aliases) for role in toolkit.roles if role.aliases]
    return [*toolkit.synonyms, *role_groups]


def _word_pattern(word: str) -> str:
    """One word of a form, forgiving a plural "s" and the kind of apostrophe."""
    stem = word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
    pattern = re.escape(stem).replace("'", "['’]?")
    return pattern + "s?" if stem != word or word[-1:].isalpha() else pattern


def _form_pattern(form: str) -> str:
    return r"[\s-]+".join(_word_pattern(w) for w in re.split(r"[\s-]+", form.strip()))


def _key(text: str) -> str:
    """How a typed form is looked up: case, spacing, apostrophes and a plural "s" ignored."""
    words = re.split(r"[\s-]+", text.casefold().replace("’", "'").replace("'", "").strip())
    return " ".join(w[:-1] if len(w) > 2 and w.endswith("s") and not w.endswith("ss") else w for w in words)


class Expander:
    """Rewrites `A&E` in a query as `(A&E OR "accident and emergency" OR ...)`."""

    def __init__(self, extra: Iterable[Sequence[str]] = ()) -> None:
        self.by_form: dict[str, tuple[str, ...]] = {}
        for group in groups(extra):
            for form in group:
                self.by_form.setdefault(_key(form), group)
        forms = sorted({f for g in self.by_form.values() for f in g}, key=len, reverse=True)
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
        group = self.by_form.get(_key(match.group(0)))
        if group is None:
            return match.group(0)
        alternatives = [f'"{_quotable(f)}"' if re.search(r"[\s-]", f) else _quotable(f) for f in group]
        return "(" + " OR ".join(alternatives) + ")"


def _quotable(form: str) -> str:
    """A form as query text: no characters the parser would read as syntax."""
    return " ".join(re.sub(r'[()"*?:^]', " ", form).split())
