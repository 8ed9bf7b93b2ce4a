"""The toolkit's abbreviations and their long forms, so each form finds the others.

These ship with the package and work with any config; a config's `synonyms:` key adds
more. Pages are tagged with the groups they mention when indexed, and a query's forms
are rewritten to those groups before the engine parses it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

from pipeline.config.model import Toolkit

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


def concept_id(group: Sequence[str]) -> str:
    """A stable name for a group, shared by the index (which tags pages with it) and queries."""
    digest = hashlib.sha1("\x1f".join(sorted({_key(f) for f in group})).encode()).hexdigest()
    return f"syn{digest[:12]}"


def _is_abbreviation(form: str) -> bool:
    """ "A&E", "CiN", "GP": matched in page text with their case, so "gum" is not "GUM"."""
    return " " not in form and sum(1 for c in form if c.isupper()) >= 2


class Synonyms:
    """The groups of equivalent forms, used at both ends.

    At ingest, every page is tagged with the concept of each form it contains (one tag
    per occurrence), so a query for any form is one term lookup, not a set of phrase
    searches. At search time, a form in the query becomes that concept, plus its
    one-word forms as plain words, and its forms are remembered for highlighting.
    """

    def __init__(self, extra: Iterable[Sequence[str]] = ()) -> None:
        self.by_key: dict[str, tuple[str, ...]] = {}
        for group in groups(extra):
            for form in group:
                self.by_key.setdefault(_key(form), group)
        forms = sorted({f for g in self.by_key.values() for f in g}, key=len, reverse=True)
        alternatives = "|".join(_form_pattern(f) for f in forms)
        self.query_pattern = re.compile(rf"(?<![\w&])({alternatives})(?![\w&])", re.I) if forms else None
        exact = "|".join(
            _form_pattern(f) if _is_abbreviation(f) else f"(?i:{_form_pattern(f)})" for f in forms
        )
        self.text_pattern = re.compile(rf"(?<![\w&])({exact})(?![\w&])") if forms else None

    def tag(self, text: str) -> list[str]:
        """The concept of every form found in a page's text, once per occurrence."""
        if self.text_pattern is None:
            return []
        found = (self.by_key.get(_key(m.group(0))) for m in self.text_pattern.finditer(text))
        return [concept_id(group) for group in found if group is not None]

    def expand(self, query: str) -> tuple[str, list[str]]:
        """The query with each form replaced by its group, and the forms used.

        Quoted phrases are left exactly as typed. The replacement uses field syntax that
        user text cannot carry (query cleaning removes ':' and '^' first).
        """
        if self.query_pattern is None:
            return query, []
        used: list[str] = []
        pattern = self.query_pattern

        def replace(match: re.Match[str]) -> str:
            group = self.by_key.get(_key(match.group(0)))
            if group is None:
                return match.group(0)
            used.extend(group)
            concept = concept_id(group)
            words = [_quotable(f) for f in group if not re.search(r"[\s-]", f)]
            return "(" + " OR ".join([f"concepts:{concept}", f"title_concepts:{concept}^4", *words]) + ")"

        parts = query.split('"')
        for i in range(0, len(parts), 2):  # even parts are outside quotes
            parts[i] = pattern.sub(replace, parts[i])
        return '"'.join(parts), used


def _quotable(form: str) -> str:
    """A form as query text: no characters the parser would read as syntax."""
    return " ".join(re.sub(r'[()"*?:^]', " ", form).split())


def digest(groups_: Iterable[Sequence[str]]) -> str:
    """Changes whenever the groups do, so an ingest re-tags pages when they change."""
    return hashlib.sha256(repr(sorted(tuple(sorted(g)) for g in groups_)).encode()).hexdigest()
