"""The toolkit's abbreviations and their long forms, so each form finds the others.

These ship with the package and work with any config; a config's `synonyms:` key adds
more. Pages are tagged with the groups they mention when indexed, and a query's forms
are rewritten to those groups before the engine parses it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.config.model import Toolkit
from pipeline.engine.inflections import INFLECTIONS
from pipeline.engine.lay_terms import ASKED_ONLY, LAY, LAY_TERMS
from pipeline.ondisk import dump, read_record, sha1_hex, sha256_hex, write_atomic

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
    ("colour", "color"),
    ("analyse", "analyze"),
)


_OPERATOR_WORDS = {"AND", "OR", "NOT"}


def groups(extra: Iterable[Sequence[str]] = ()) -> list[tuple[str, ...]]:
    """Built-in groups merged with the config's: groups sharing a form (case-insensitively)
    become one. Linear in the number of forms (union-find), so thousands of configured
    groups cost milliseconds; `merged` reuses the result an ingest saved."""
    every = [tuple(f.strip() for f in g if f.strip()) for g in (*BUILTIN, *(tuple(g) for g in extra))]
    parent = list(range(len(every)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, group in enumerate(every):
        for form in group:
            key = form.casefold()
            if key not in owner:
                owner[key] = i
                continue
            a, b = root(owner[key]), root(i)
            if a != b:
                parent[min(a, b)] = max(a, b)  # a merged group takes its latest member's place
    members: dict[int, set[str]] = {}
    for i, group in enumerate(every):
        members.setdefault(root(i), set()).update(group)
    merged_groups = []
    for _, forms in sorted(members.items()):
        if forms:
            unique = {f.casefold(): f for f in sorted(forms)}.values()
            merged_groups.append(tuple(sorted(unique, key=lambda f: (len(f), f))))
    return merged_groups


MERGED_NAME = "synonyms.json"


@dataclass(frozen=True)
class MergedGroups:
    """The merged groups an ingest saved beside the index, and what they were merged from."""

    source: str  # digest of the configured groups
    groups: tuple[tuple[str, ...], ...]


def _source(extra: Sequence[Sequence[str]]) -> str:
    return sha256_hex(json.dumps([list(g) for g in extra], ensure_ascii=False).encode())


def save_merged(extra: Sequence[Sequence[str]], directory: Path) -> None:
    """Keep the merged groups with the index, so a search never merges them again."""
    record = MergedGroups(_source(extra), tuple(groups(extra)))
    write_atomic(directory / MERGED_NAME, json.dumps(dump(record), ensure_ascii=False))


def merged(extra: Sequence[Sequence[str]], directory: Path | None) -> list[tuple[str, ...]]:
    """`groups(extra)`, read from the copy saved in `directory` when it was merged from
    the same configured groups."""
    if directory is not None:
        source = _source(extra)
        saved = read_record(
            directory / MERGED_NAME,
            MergedGroups,
            "the synonym groups are merged again",
            current=lambda data: data.get("source") == source,
        )
        if saved is not None:
            return list(saved.groups)
    return groups(extra)


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


def _loose(word: str) -> str:
    """A word with case, apostrophes and trailing "s" gone: whatever a form's pattern
    matches has the same loose key as the form's own word."""
    return word.casefold().replace("’", "").replace("'", "").rstrip("s")


_WORD_START = re.compile(r"(?<![\w&])\w")
_SECOND = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789&")


def _matches_by_start(
    text: str, pattern: re.Pattern[str], by_start: dict[str, re.Pattern[str]]
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying at each word start only the forms that start with
    its two letters (the whole pattern where those are not plain ASCII: a letter such as
    the Kelvin sign matches "k" when case is ignored)."""
    end = 0
    for word in _WORD_START.finditer(text):
        at = word.start()
        if at < end:
            continue
        start = text[at : at + 2]
        part = by_start.get(start.lower()) if start.isascii() else pattern
        match = part.match(text, at) if part is not None else None
        if match is not None:
            end = match.end()
            yield match


def concept_id(group: Sequence[str]) -> str:
    """A stable name for a group, shared by the index (which tags pages with it) and queries."""
    digest = sha1_hex("\x1f".join(sorted({_key(f) for f in group})).encode())
    return f"syn{digest[:12]}"


def _is_abbreviation(form: str) -> bool:
    """ "A&E", "CiN", "GP": matched in page text with their case, so "gum" is not "GUM"."""
    return " " not in form and sum(1 for c in form if c.isupper()) >= 2


# Lay forms by their lookup key, and by their first word for finding them in a query.
# The toolkit's terms of one-way entries: typed, they are searched as they are.
# An irregular form of a verb ("told" ~ "tell", inflections.py) is looked up as a lay form
# is, and searched as much as the word typed.
LAY_HEADS = frozenset(_key(term.forms[0]) for term in LAY_TERMS if term.one_way)
_EVERY_LAY = (*LAY, *INFLECTIONS)
_LAY_BY_KEY: dict[str, tuple[str, ...]] = {
    _key(form): group for group in reversed(_EVERY_LAY) for form in group
}
_ASKED_ONLY = frozenset(_key(form) for form in ASKED_ONLY)
_INFLECTED = frozenset(_key(form) for group in INFLECTIONS for form in group)
_LAY_BY_FIRST_WORD: dict[str, list[str]] = {}
for _form in sorted({f for g in _EVERY_LAY for f in g}, key=lambda f: (-len(f), f)):
    _LAY_BY_FIRST_WORD.setdefault(_loose(re.split(r"[\s-]+", _form.strip())[0]), []).append(_form)
_NO_FORM = re.compile(r"(?!)")


def lay_pattern(query: str) -> re.Pattern[str]:
    """The lay forms that could occur in `query` (their first word does), longest first,
    as one pattern; a word ending in a wildcard ("refer*") is the user's prefix, not a
    form. One pattern of all ~600 forms took 60 ms to compile, at every start of
    cse-search; a query's own few compile in well under a millisecond, and are cached."""
    words = {_loose(piece) for piece in re.split(r"[\s\-()\"]+", query)}
    words.update(_loose(token) for token in re.findall(r"[\w&'’]+", query))
    forms = {form for word in words for form in _LAY_BY_FIRST_WORD.get(word, ())}
    return _lay_compiled(tuple(sorted(forms, key=lambda f: (-len(f), f))))


@functools.lru_cache(maxsize=4096)  # a few kB each: a busy web server's day of questions
def _lay_compiled(forms: tuple[str, ...]) -> re.Pattern[str]:
    if not forms:
        return _NO_FORM
    alternatives = "|".join(_form_pattern(form) for form in forms)
    return re.compile(rf"(?<![\w&])({alternatives})(?![\w&*?])", re.I)


class Synonyms:
    """The groups of equivalent forms, used at both ends.

    At ingest, every page is tagged with the concept of each form it contains (one tag
    per occurrence), so a query for any form is one term lookup, not a set of phrase
    searches. At search time, a form in the query becomes that concept, plus its
    one-word forms as plain words, and its forms are remembered for highlighting.
    """

    def __init__(
        self, extra: Iterable[Sequence[str]] = (), merged_groups: Sequence[tuple[str, ...]] | None = None
    ) -> None:
        self.by_key: dict[str, tuple[str, ...]] = {}
        for group in groups(extra) if merged_groups is None else merged_groups:
            for form in group:
                self.by_key.setdefault(_key(form), group)
        self.forms = sorted({f for g in self.by_key.values() for f in g}, key=len, reverse=True)
        # Forms by their first word, loosely keyed: a query is matched only against the
        # forms whose first word it contains, so its pattern stays small however many
        # groups the config has.
        self.by_first_word: dict[str, list[str]] = {}
        for form in self.forms:
            first = re.split(r"[\s-]+", form.strip())[0]
            self.by_first_word.setdefault(_loose(first), []).append(form)
        self.lay = _LAY_BY_KEY
        self.lay_pattern = lay_pattern

    @functools.cached_property
    def text_pattern(self) -> re.Pattern[str] | None:
        """Every form, for tagging page text at ingest (compiled once per ingest)."""
        if not self.forms:
            return None
        exact = "|".join(
            _form_pattern(f) if _is_abbreviation(f) else f"(?i:{_form_pattern(f)})" for f in self.forms
        )
        return re.compile(rf"(?<![\w&])({exact})(?![\w&])")

    def query_pattern(self, query: str) -> re.Pattern[str] | None:
        """The forms that could occur in `query` (their first word does), as one pattern."""
        words = {_loose(piece) for piece in re.split(r"[\s\-()\"]+", query)}
        words.update(_loose(token) for token in re.findall(r"[\w&'’]+", query))
        candidates = {f for word in words for f in self.by_first_word.get(word, ())}
        if not candidates:
            return None
        forms = [f for f in self.forms if f in candidates]  # longest first, as in `forms`
        alternatives = "|".join(_form_pattern(f) for f in forms)
        return re.compile(rf"(?<![\w&])({alternatives})(?![\w&*?])", re.I)

    def group_of(self, form: str) -> tuple[str, ...] | None:
        """The equivalence group a form typed in a query belongs to (case, plural ignored)."""
        return self.by_key.get(_key(form))

    def lay_forms(
        self,
        word: str,
        on_pages: Callable[[str], bool] = lambda form: True,
        settled: Callable[[str], bool] = lambda form: False,
    ) -> tuple[str, ...]:
        """The lay synonyms of a word typed in a query that are searched with it: none for
        a word not in LAY, nor for the toolkit's term of a one-way entry when some page holds
        it ("consent" is not searched as "permission"; "loitering" typed where the pages say
        "hanging around" is), nor for a verb's irregular form that `settled` says
        needs none ("went", held by the pages); and of the others, only those `on_pages`
        says some page holds, never a form only asked ("hasn't come home")."""
        if (_key(word) in LAY_HEADS and on_pages(word)) or (self.inflected(word) and settled(word)):
            return ()
        group = self.lay.get(_key(word), ())
        typed = _key(word)
        return tuple(f for f in group if _key(f) != typed and _key(f) not in _ASKED_ONLY and on_pages(f))

    def inflected(self, form: str) -> bool:
        """An irregular form of a verb ("told"), whose group is the verb's other forms."""
        return _key(form) in _INFLECTED

    def lay_weight(self, form: str, lay_weight: float) -> float:
        """What the other forms of a typed form's group count: an irregular form of the
        same verb as much as the word typed, a lay synonym `lay_weight`."""
        return 1.0 if self.inflected(form) else lay_weight

    def lay_group(self, form: str) -> tuple[str, ...] | None:
        """The lay group a form typed in a query belongs to, if any."""
        return self.lay.get(_key(form))

    def _expand_lay(
        self,
        query: str,
        weight: float,
        used: list[str],
        on_pages: Callable[[str], bool],
        settled: Callable[[str], bool],
    ) -> str:
        def replace(match: re.Match[str]) -> str:
            typed = match.group(0)
            others = () if typed in _OPERATOR_WORDS else self.lay_forms(typed, on_pages, settled)
            if not others:
                return typed
            used.extend(others)
            boost = None if self.lay_weight(typed, weight) >= 1 else weight
            return (
                "("
                + " OR ".join([_lay_alternative(typed), *(_lay_alternative(f, boost) for f in others)])
                + ")"
            )

        parts = query.split('"')
        for i in range(0, len(parts), 2):  # even parts are outside quotes
            parts[i] = self.lay_pattern(parts[i]).sub(replace, parts[i])
        return '"'.join(parts)

    @functools.cached_property
    def _text_patterns_by_start(self) -> dict[str, re.Pattern[str]] | None:
        """`text_pattern` cut by the first two letters of its forms (lower-cased), each
        part keeping the forms' order; None when some form's start cannot be keyed so
        (shorter than two letters, or not starting with an ASCII letter or digit followed
        by another or '&')."""
        parts: dict[str, list[str]] = {}
        for form in self.forms:
            start = form.strip()[:2]
            if not (len(start) == 2 and start.isascii() and start[0].isalnum() and start[1] in _SECOND):
                return None
            pattern = _form_pattern(form) if _is_abbreviation(form) else f"(?i:{_form_pattern(form)})"
            parts.setdefault(start.lower(), []).append(pattern)
        return {
            start: re.compile(rf"(?<![\w&])({'|'.join(forms)})(?![\w&])") for start, forms in parts.items()
        }

    def tag(self, text: str) -> list[str]:
        """The concept of every form found in a page's text, once per occurrence.

        The same matches as `text_pattern.finditer`, found faster: a form can only start
        where a word does, and only where the text's first two letters are its own, so
        at each word start only the forms starting with those letters are tried (one
        alternation of every form tried at every word start was most of the tagging)."""
        pattern = self.text_pattern
        if pattern is None:
            return []
        by_start = self._text_patterns_by_start
        if by_start is None:
            matches: Iterable[re.Match[str]] = pattern.finditer(text)
        else:
            matches = _matches_by_start(text, pattern, by_start)
        found = (self.by_key.get(_key(m.group(0))) for m in matches)
        return [concept_id(group) for group in found if group is not None]

    def expand(
        self,
        query: str,
        lay_weight: float = 0.0,
        on_pages: Callable[[str], bool] = lambda form: True,
        settled: Callable[[str], bool] = lambda form: False,
    ) -> tuple[str, list[str]]:
        """The query with each form replaced by its group, and the forms used.

        A lay word becomes itself or its lay synonyms, these boosted by `lay_weight`
        (none when 0), leaving out the synonyms that `on_pages` says no page holds (each
        one more to parse and look up cost the search time and could find nothing).
        A verb's irregular form that `settled` says needs no other forms (an everyday word
        the pages hold: "went", "took") is searched as typed. Quoted phrases are left
        exactly as typed. The replacement uses field and boost syntax that user
        text cannot carry (query cleaning removes ':' and '^' first).
        """
        used: list[str] = []
        pattern = self.query_pattern(query)
        if pattern is None:
            expanded = (
                self._expand_lay(query, lay_weight, used, on_pages, settled) if lay_weight > 0 else query
            )
            return expanded, used
        # Abbreviations first (a lay word may be part of one: "child" in "child in need"),
        # held aside while the lay words around them are expanded.
        held: list[str] = []

        def replace(match: re.Match[str]) -> str:
            group = self.by_key.get(_key(match.group(0)))
            if group is None:
                return match.group(0)
            used.extend(group)
            concept = concept_id(group)
            words = [_quotable(f) for f in group if not re.search(r"[\s-]", f)]
            held.append(
                "(" + " OR ".join([f"concepts:{concept}", f"title_concepts:{concept}^4", *words]) + ")"
            )
            return f"\x00{len(held) - 1}\x00"

        parts = query.split('"')
        for i in range(0, len(parts), 2):  # even parts are outside quotes
            parts[i] = pattern.sub(replace, parts[i])
        text = '"'.join(parts)
        if lay_weight > 0:
            text = self._expand_lay(text, lay_weight, used, on_pages, settled)
        return re.sub("\x00([0-9]+)\x00", lambda m: held[int(m.group(1))], text), used


def _lay_alternative(form: str, weight: float | None = None) -> str:
    text = _quotable(form)
    quoted = f'"{text}"' if " " in text or "-" in text else text
    return quoted if weight is None else f"{quoted}^{weight:g}"


def _quotable(form: str) -> str:
    """A form as query text: no characters the parser would read as syntax."""
    return " ".join(re.sub(r'[()"*?:^]', " ", form).split())


def digest(groups_: Iterable[Sequence[str]]) -> str:
    """Changes whenever the groups do, so an ingest re-tags pages when they change."""
    return sha256_hex(repr(sorted(tuple(sorted(g)) for g in groups_)).encode())
