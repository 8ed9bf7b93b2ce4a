"""Spelling inside a query: a word that is not the toolkit's is read as the toolkit's word.

A typed word is corrected when it is not in the toolkit's vocabulary (the words its pages
hold), not one of the tool's synonym forms ("sexting"), and not a common English word
(english.py): its nearest toolkit word within `max_distance` edits, sharing its first
letter (else the nearest one-word form of the lay vocabulary: "daugter" -> "daughter"),
replaces it, and the search says so ("Showing results for ...; search instead for
..."). A correct English word the toolkit does not use ("morning", or the uncommon
"hungover") is never replaced: the answer names it among the words no page mentions
instead. An uncommon word far rarer than the toolkit word is a common misspelling, which
wordfreq's web text holds too ("seperate"), and is corrected.

Abbreviations of everyday words are read by rule too (`abbreviated`): a word written
without its vowels ("hrs", "txts") or its middle ("appts") is the toolkit's word it
shortens; "appts" was read as "apps", one edit away.

Compounds are read by rule, not by list: two typed words that the toolkit writes as one
("on line", "on-line" -> "online") are joined when the toolkit never has them side by side,
and a typed word that it writes as two ("selfharm" -> "self-harm", "esafety" -> "e-safety"
when that is a synonym form) is split. Words inside quotes are left as typed.
"""

from __future__ import annotations

import heapq
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.searching import Searcher

from pipeline.engine.english import UNCOMMON, English
from pipeline.engine.lay_terms import LAY
from pipeline.engine.synonyms import Synonyms

OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})
# Candidate corrections kept per misspelt word before the closest is chosen (as Whoosh's
# corrector did: the commonest within the distance).
SUGGESTION_CANDIDATES = 8
# How much commoner in English (in Zipf units: 1.5 is about 30 times) a toolkit word must
# be than an uncommon English word typed for the word to be read as its misspelling:
# "seperate" 2.8 / "separate" 4.8 is one, "hungover" 3.0 / "handover" 3.0 is not.
MISSPELLING_GAP = 1.5
# A part of a split compound is a word of at least this many letters ("self-harm"), unless
# the hyphenated whole is one of the tool's synonym forms ("e-safety").
SPLIT_PART = 3
_WORD = re.compile(r"[A-Za-z]{3,}")
_LETTERS = re.compile(r"[A-Za-z]{2,}")
_HYPHENATED = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")
# Per open searcher (one generation of the index): what the spelling path reads once.
_SPELLING: weakref.WeakKeyDictionary[Searcher, dict[str, list[str]]] = weakref.WeakKeyDictionary()
_SKELETONS: weakref.WeakKeyDictionary[Searcher, dict[str, dict[str, list[str]]]] = weakref.WeakKeyDictionary()


ARTICLES = frozenset({"a", "an", "the"})


def max_distance(word: str) -> int:
    return 1 if len(word) <= 4 else 2


def correction_distance(word: str) -> int:
    """The edits a correction may make without being asked: a word is replaced only when
    the toolkit's word is this close ("trafficed" -> "trafficked"; "bunking" is two edits
    from "booking", and stays)."""
    return 1 if len(word) <= 7 else 2


def _vocabulary_from(searcher: Searcher, first: str) -> list[str]:
    """The spelling vocabulary's words that start with `first`, read once per searcher."""
    by_letter = _SPELLING.setdefault(searcher, {})
    if first not in by_letter:
        field = searcher.schema["words"]
        by_letter[first] = [field.from_bytes(b) for b in searcher.reader().expand_prefix("words", first)]
    return by_letter[first]


def spelling_candidates(searcher: Searcher, word: str) -> list[str]:
    """Real words within max_distance edits of `word` (Damerau-Levenshtein, optimal string
    alignment: a swapped pair of letters is one edit) sharing its first letter; the
    SUGGESTION_CANDIDATES commonest, commonest first.

    The same words Whoosh's corrector finds (`corrector.suggest(prefix=1)`), without its
    pure-Python distance over every word sharing the first letter (93% of a misspelt
    query at 10,000 pages): rapidfuzz computes the distances in C over a word list read
    once per index generation.
    """
    from rapidfuzz import process  # only a misspelt query pays for the import
    from rapidfuzz.distance import OSA

    maxdist = max_distance(word)
    words = _vocabulary_from(searcher, word[:1])
    near = process.extract(word, words, scorer=OSA.distance, score_cutoff=maxdist, limit=None)
    frequency = searcher.reader().frequency
    # Whoosh's corrector ranks by how often the word occurs in the spelling field (every
    # candidate is "within maxdist"), ties to the later word; the best first, as it returned them.
    scored = [(0 - (maxdist + 1.0 / (frequency("words", w) or 1) * 0.5), w) for w, _, _ in near if w != word]
    best = heapq.nlargest(SUGGESTION_CANDIDATES, scored)
    return [w for _, w in sorted(best, key=lambda item: (0 - item[0], item[1]))]


def best_correction(
    typed: str, candidates: list[str], reader: object, stems: Callable[[str], tuple[str, ...]]
) -> str | None:
    """The closest real word (a swapped pair of letters is one edit: "cahms" -> "camhs");
    among equals the commoner, and a plural for a plural ("pharmacys" -> "pharmacies",
    not "pharmacy")."""
    if not candidates:
        return None
    from rapidfuzz.distance import OSA  # imported already by the candidates' search

    def key(word: str) -> tuple[int, int, int]:
        plural_lost = 2 * int(typed.endswith("s") != word.endswith("s"))
        stemmed = stems(word)
        frequency = int(reader.doc_frequency("content", stemmed[0])) if stemmed else 0  # type: ignore[attr-defined]
        return (int(OSA.distance(typed, word)) + plural_lost, -frequency, len(word))

    return min(candidates, key=key)


_VOWELS = frozenset("aeiou")
# An abbreviation keeps this many letters at least ("hrs"), and drops at least this many
# from the word it shortens.
ABBREVIATION_LETTERS = 3
ABBREVIATION_DROPS = 1


def skeleton(word: str) -> str:
    """The word as texting shortens it: its first letter, then its consonants, each double
    letter once ("weeks" -> "wks", "message" -> "msg", "people" -> "ppl")."""
    consonants = [c for c in word[1:] if c not in _VOWELS]
    return word[0] + "".join(c for i, c in enumerate(consonants) if i == 0 or c != consonants[i - 1])


def abbreviated(searcher: Searcher, typed: str) -> str | None:
    """The toolkit word a typed word abbreviates, by the two ways everyday words are
    shortened in writing: dropping the vowels ("hrs" -> "hours", "msgs" -> "messages"),
    the commonest such word in the toolkit, or the middle ("appts" -> "appointments"),
    when one word fits; None when the typed word has vowels after its first letter, or
    nothing fits."""
    if len(typed) < ABBREVIATION_LETTERS or not typed.isalpha() or _VOWELS & set(typed[1:]):
        return None
    longest = len(typed) + ABBREVIATION_DROPS
    fits = [word for word in _skeletons_from(searcher, typed[0]).get(typed, ()) if len(word) >= longest]
    if fits:
        frequency = searcher.reader().frequency
        return max(fits, key=lambda word: (frequency("words", word), -len(word), word))
    # A shortened middle is read only when one word fits: "appt" could be "apparent".
    start = typed[:ABBREVIATION_LETTERS]
    contracted = [
        word
        for word in _vocabulary_from(searcher, typed[0])
        if word.startswith(start) and len(word) >= longest and _contracted(typed, word)
    ]
    return contracted[0] if len(contracted) == 1 else None


def _skeletons_from(searcher: Searcher, first: str) -> dict[str, list[str]]:
    """The vocabulary's words that start with `first` by their skeleton, built once per
    searcher (only a question with a word of consonants pays for it)."""
    by_letter = _SKELETONS.setdefault(searcher, {})
    if first not in by_letter:
        by_skeleton: dict[str, list[str]] = {}
        for word in _vocabulary_from(searcher, first):
            if word.isalpha():
                by_skeleton.setdefault(skeleton(word), []).append(word)
        by_letter[first] = by_skeleton
    return by_letter[first]


def _contracted(typed: str, word: str) -> bool:
    """`typed` is the word's first letters (three at least) and its last ones ("app" + "ts")."""
    return any(
        word.startswith(typed[:cut]) and word.endswith(typed[cut:])
        for cut in range(ABBREVIATION_LETTERS, len(typed))
    )


# The lay vocabulary's one-word forms ("daughter", "paedophile"): a misspelt word with no
# toolkit word near it may be one of these, which are searched as the toolkit's words.
_LAY_WORDS = sorted({form.lower() for group in LAY for form in group if form.isalpha() and len(form) >= 4})


def _lay_word_near(word: str, allowed: int) -> str | None:
    """The lay form nearest `word` within `allowed` edits, sharing its first letter (the
    shorter, then the first in order, among equals)."""
    from rapidfuzz.distance import OSA  # imported already by the candidates' search

    near = [(int(OSA.distance(word, form)), len(form), form) for form in _LAY_WORDS if form[0] == word[0]]
    best = min((item for item in near if item[0] <= allowed), default=None)
    return best[2] if best is not None and best[2] != word else None


def synonym_form(expander: Synonyms, word: str) -> bool:
    """A word typed exactly as one of the tool's synonym forms ("sexting", a lay word no
    page says) is not a misspelling: its group's forms have been searched. ("pharmacys" is
    not a form, though the groups' plural-forgiving look-up would find its group.)"""
    group = expander.group_of(word) or expander.lay_group(word) or ()
    return word.casefold() in {form.casefold() for form in group}


@dataclass(frozen=True)
class Speller:
    """What the corrections are read from: the index's vocabulary, the synonym forms and
    the English word list; `stems` is the index's analyser."""

    searcher: Searcher
    expander: Synonyms
    english: English
    stems: Callable[[str], tuple[str, ...]]
    # Words the search reads as fillers ("pls", "abt"): never expanded, they carry nothing.
    fillers: frozenset[str] = frozenset()

    def known(self, word: str) -> bool:
        """A word some page of the toolkit holds."""
        return bool(self.searcher.reader().frequency("words", word.lower()))

    def correct(self, text: str) -> str:
        """The query with its compounds read and its misspelt words corrected, outside
        quotes (the text as it was when nothing changed)."""
        parts = text.split('"')
        for i in range(0, len(parts), 2):  # even parts are outside quotes
            parts[i] = self._correct_part(parts[i])
        return '"'.join(parts)

    def correction(self, word: str) -> str | None:
        """What a typed word is read as, or None when it stands as typed: the word it
        abbreviates ("hrs" -> "hours"; English though it is, no page says it), a split
        compound ("self-harm"), else its nearest toolkit word when it is misspelt and
        nothing was found for it ("pharmacys" finds the pharmacy pages by its stem)."""
        lowered = word.lower()
        if word in OPERATORS or self.known(lowered) or synonym_form(self.expander, word):
            return None
        if not word.isupper() and lowered not in self.fillers:  # an acronym in capitals is a name
            full = abbreviated(self.searcher, lowered)
            # A word is far commoner than its abbreviation: "sms" is not short for "seems".
            if full is not None and self._far_commoner(full, lowered):
                return full
        if len(word) < 4:
            return None
        spoken = self._dropped_g(lowered)
        if spoken is not None:
            return spoken.upper() if word.isupper() else spoken
        if self.english.common(lowered) or self._stem_found(lowered):
            return None
        split = self._split(lowered)
        if split is not None:
            return split
        from rapidfuzz.distance import OSA  # imported already by the candidates' search

        allowed = correction_distance(lowered)
        candidates = [
            w for w in spelling_candidates(self.searcher, lowered) if OSA.distance(lowered, w) <= allowed
        ]
        better = best_correction(lowered, candidates, self.searcher.reader(), self.stems) or _lay_word_near(
            lowered, allowed
        )
        if better is None or self._english_as_typed(lowered, better.lower()):
            return None
        return better.upper() if word.isupper() else better

    def _dropped_g(self, word: str) -> str | None:
        """A word typed as it is said, its final g dropped ("gettin", "talkin"; web text has
        them often enough to count as common): the -ing word, when that is MISSPELLING_GAP
        commoner in English, as "raisin" and "robin" are not to "raising" and "robing"."""
        if not word.endswith("in"):
            return None
        full = word + "g"
        return full if self.english.common(full) and self._far_commoner(full, word) else None

    def _english_as_typed(self, word: str, better: str) -> bool:
        """An uncommon English word ("hungover", "sexting") stands as typed, unless the
        toolkit word is MISSPELLING_GAP commoner in English: then it is a common
        misspelling ("seperate", "recieve", "harrassment"), which the web is full of."""
        return self.english.zipf(word) >= UNCOMMON and not self._far_commoner(better, word)

    def _far_commoner(self, word: str, than: str) -> bool:
        """`word` is MISSPELLING_GAP commoner in English than `than`: as a word is than its
        common misspelling, or than the word said with its final g dropped."""
        return self.english.zipf(word) - self.english.zipf(than) >= MISSPELLING_GAP

    def _stem_found(self, word: str) -> bool:
        stems = self.stems(word)
        reader = self.searcher.reader()
        return bool(stems) and all(reader.doc_frequency("content", stem) for stem in stems)

    def _correct_part(self, part: str) -> str:
        # A comma or full stop after a word ends it: "my daugter, 14" corrects "daugter".
        tokens = re.split(r"(\s+|[()]|[,;:!?.]+(?=\s|$))", part)
        protected = self._in_forms(part)
        self._join(tokens)
        for i, token in enumerate(tokens):
            if token.lower() in protected:
                continue
            if _HYPHENATED.fullmatch(token):
                joined = self._joined(token.split("-"))
                if joined is not None:
                    tokens[i] = joined
            elif _WORD.fullmatch(token):
                better = self.correction(token)
                if better is not None:
                    tokens[i] = better
        return "".join(tokens)

    def _in_forms(self, text: str) -> set[str]:
        """The words of the synonym and lay forms found in the text ("bunking" in
        "bunking off"): each is searched with its group, never corrected."""
        found: set[str] = set()
        patterns = [self.expander.lay_pattern(text), self.expander.query_pattern(text)]
        for pattern in patterns:
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                found.update(word.lower() for word in re.findall(r"[\w&]+", match.group(0)))
        return found

    def _join(self, tokens: list[str]) -> None:
        """Two neighbouring words the toolkit writes as one become that word ("lap top")."""
        for i in range(0, len(tokens) - 2, 2):
            first, space, second = tokens[i], tokens[i + 1], tokens[i + 2]
            if not (space.isspace() and _LETTERS.fullmatch(first) and _LETTERS.fullmatch(second)):
                continue
            joined = self._joined([first, second])
            if joined is not None:
                tokens[i], tokens[i + 1], tokens[i + 2] = joined, "", ""

    def _joined(self, parts: list[str]) -> str | None:
        """The parts as one word, when the toolkit holds that word and never the parts side
        by side ("on line" -> "online"; "may be" stays, the toolkit says "may be")."""
        if any(part in OPERATORS for part in parts) or any(len(part) < 2 for part in parts):
            return None
        # An article starts a noun phrase and is never half of a compound: "told me an older
        # man" is not "told mean older man".
        if any(part.lower() in ARTICLES for part in parts):
            return None
        joined = "".join(parts).lower()
        if not self.known(joined) or synonym_form(self.expander, " ".join(parts)):
            return None
        stems = [self.stems(part) for part in parts]
        if not all(len(s) == 1 for s in stems):
            return None
        phrase = wq.Phrase("content", [s[0] for s in stems])
        if any(True for _ in self.searcher.docs_for_query(phrase)):
            return None
        return joined

    def _split(self, word: str) -> str | None:
        """A word the toolkit writes as two ("selfharm" -> "self-harm"): the split whose
        shorter part is longest."""
        best: tuple[int, str] | None = None
        for at in range(1, len(word)):
            first, second = word[:at], word[at:]
            hyphenated = f"{first}-{second}"
            if synonym_form(self.expander, hyphenated) or synonym_form(self.expander, f"{first} {second}"):
                return hyphenated
            if min(len(first), len(second)) < SPLIT_PART:
                continue
            if self.known(first) and self.known(second):
                shorter = min(len(first), len(second))
                if best is None or shorter > best[0]:
                    best = (shorter, hyphenated)
        return best[1] if best is not None else None
