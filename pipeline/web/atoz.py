"""The A to Z of the toolkit, as a book's index is made: one entry per concept, in the
toolkit's own words, its other names as cross-references, its pages in reading order.

Entries come from the chapters and sections; from the headings inside the pages (the
toolkit's own topics: "Going missing", "Alcohol and drugs", "Teaching about consent");
from the abbreviations the toolkit uses, each filed under one name (a section's title if
one matches, else its long form) with "A&E: see Accident & Emergency" for the others;
and from the words several headings share ("Missing", "Online"), each listing the
headings that hold it. Names are compared as engine.names folds them ('&' is 'and',
plurals singular), so "CAMHS services" and "service" are one name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.engine.index import stored_pages
from pipeline.engine.names import fold
from pipeline.engine.search import search
from pipeline.engine.snippets import flow, is_heading
from pipeline.engine.synonyms import groups
from pipeline.errors import CseError
from pipeline.numerals import page_range
from pipeline.web.site import Edition
from pipeline.web.topics import Place

PAGES_PER_NAME = 4  # pages listed for an abbreviation found in the text (the best, in order)
TOPIC_WORD_MIN, TOPIC_WORD_MAX = 2, 12  # a word shared by this many headings is a topic...
TOPIC_WORD_PAGES = 4  # ...if the text of at least this many pages uses it too
_ABBREVIATION = re.compile(r"^[A-Z][A-Za-z&]*[A-Z]$")  # A&E, GP, CAMHS, CiN
_NOT_A_HEADING = re.compile(r"^(chapter|section|part|page)\s+\d+\b|^\W*$|^\d", re.I)
# Words too general to be looked up on their own, though several headings hold them.
_GENERAL = frozenset(
    "about after also around before being between child children could does each early follow "
    "from going happen have help house into involving keeping look looked make making more need "
    "other over people recognising responding should some someone something talking tell than "
    "that their them then there these they this those using well what when where which while "
    "with work working would young your".split()
)
_WORD = re.compile(r"[^\W\d_]+")
_BRACKETED = re.compile(r"\s*\([^()]*\)$")  # "Child in Need (CiN)": the name without its abbreviation

Key = str


def _key(name: str) -> Key:
    """A name as compared: folded (engine.names), hyphens and spaces alike."""
    return "".join(fold(name))


@dataclass
class Entry:
    """One line of the A to Z (built up, then read by the template)."""

    term: str
    detail: str = ""  # where it is: "Chapter 4: Health Services, pp. 56-58"
    places: list[Place] = field(default_factory=list)  # in reading order
    query: str = ""  # the search that shows every page
    see: Entry | None = None  # a cross-reference: look under this entry instead
    under: list[Entry] = field(default_factory=list)  # the headings a topic word is in

    @property
    def anchor(self) -> str:
        return "t-" + "-".join(fold(self.term))

    @property
    def letter(self) -> str:
        first = next((c for c in self.term if c.isalnum()), "#").upper()
        return first if first.isalpha() else "#"


def a_to_z(edition: Edition) -> list[tuple[str, list[Entry]]]:
    """The entries under their first letters, each letter's in alphabetical order."""
    book = _Book(edition)
    book.add_chapters_and_sections()
    book.add_headings()
    book.add_abbreviations()
    book.add_topic_words()
    return book.by_letter()


class _Book:
    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.entries: dict[Key, Entry] = {}
        self.headings: list[Entry] = []
        self.pages = stored_pages(edition.search_dir)  # read once: headings, then topic words
        chapters = {c.number: position for position, c in enumerate(edition.toolkit.chapters)}
        self.file_rank = {
            info.file: (chapters.get(info.chapter, len(chapters)), info.file)
            for info in edition.manifest.sections
        }

    # -- building ---------------------------------------------------------------------
    def entry(self, term: str, query: str = "") -> Entry:
        """The entry for this name, made if new (a name already filed keeps its first spelling)."""
        key = _key(term)
        found = self.entries.get(key) or self.entries.get(_key(_BRACKETED.sub("", term)))
        if found is None:
            found = self.entries[key] = Entry(term, query=query or term)
            if _BRACKETED.search(term):  # also found by its name without the brackets
                self.entries.setdefault(_key(_BRACKETED.sub("", term)), found)
        return found

    def place(self, entry: Entry, places: Iterable[Place]) -> None:
        """Add pages to an entry, each once, in reading order (chapter, then PDF page)."""
        merged = {(p.file, p.pdf_page): p for p in (*entry.places, *places)}
        entry.places = sorted(
            merged.values(), key=lambda p: (self.file_rank.get(p.file, (1 << 30, p.file)), p.pdf_page)
        )

    def add_chapters_and_sections(self) -> None:
        manifest, toolkit = self.edition.manifest, self.edition.toolkit
        for chapter in toolkit.chapters:
            parts = [s for s in manifest.sections if s.chapter == chapter.number and s.first_pdf_page]
            entry = self.entry(chapter.title)
            entry.detail = f"Chapter {chapter.number}"
            if parts:
                entry.detail += f", {page_range(parts[0].first_page, parts[-1].last_page)}"
                self.place(entry, [Place(parts[0].file, parts[0].first_pdf_page, parts[0].first_page)])
        for info in manifest.sections:
            if info.kind != "section" or not info.first_pdf_page:
                continue
            spec = toolkit.chapter(info.chapter)
            entry = self.entry(info.title)
            entry.detail = f"Chapter {info.chapter}: {spec.title if spec else ''}, " + page_range(
                info.first_page, info.last_page
            )
            self.place(entry, [Place(info.file, info.first_pdf_page, info.first_page)])
            self.headings.append(entry)

    def add_headings(self) -> None:
        """The headings inside the pages, each with the pages it heads and where it stands."""
        titles = {s.id: s.title for s in self.edition.manifest.sections}
        known = {id(e) for e in self.headings}
        found_in: dict[int, list[str]] = {}  # a new heading's entry -> the sections it is in
        for page in self.pages:
            place = Place(str(page["file"]), int(str(page["pdf_page"])), str(page["page"]))
            for line in flow(str(page.get("content", ""))).split("\n"):
                if not is_heading(line) or _NOT_A_HEADING.search(line) or not _key(line):
                    continue
                entry = self.entry(line, query=f'"{line}"' if '"' not in line else line)
                self.place(entry, [place])
                if id(entry) in known:
                    continue  # a section's own title, or a chapter's
                if id(entry) not in found_in:
                    found_in[id(entry)] = []
                    self.headings.append(entry)
                section = titles.get(str(page["section"]), "")
                if section and section not in found_in[id(entry)]:
                    found_in[id(entry)].append(section)
        for entry in self.headings:
            sections = found_in.get(id(entry))
            if sections:
                entry.detail = sections[0] if len(sections) == 1 else f"in {len(sections)} sections"

    def add_abbreviations(self) -> None:
        """Each abbreviation the toolkit uses filed once, its other names pointing there."""
        for group in groups(self.edition.toolkit.synonyms):
            short = [form for form in group if _ABBREVIATION.match(form)]
            if not short:
                continue
            pages = self.pages_mentioning(short[0])
            if not pages:
                continue  # the toolkit never uses it
            names = _distinct(group)
            head = next((self.entries[_key(n)] for n in names if _key(n) in self.entries), None)
            if head is None:
                long = next((n for n in names if not _ABBREVIATION.match(n)), names[0])
                head = self.entry(_capitalised(long), query=short[0])
                head.detail = "also " + ", ".join(n for n in names if n != long)
            self.place(head, pages)
            for name in names:
                other = self.entry(_capitalised(name))
                if other is not head and not other.places:  # a name with pages of its own stays
                    other.see = head

    def add_topic_words(self) -> None:
        """A word several headings share, and the text of several pages uses, is a topic of
        its own, listing those headings ("Missing": Going missing; Missing from care; ...)."""
        holders: dict[str, list[Entry]] = {}
        for heading in self.headings:
            for word in set(fold(heading.term)):
                if len(word) >= 4 and word.isalpha() and word not in _GENERAL:
                    holders.setdefault(word, []).append(heading)
        words = {w for w, held in holders.items() if TOPIC_WORD_MIN <= len(held) <= TOPIC_WORD_MAX}
        used = self.pages_using(words)
        for word in sorted(words):
            if used.get(word, 0) < TOPIC_WORD_PAGES:
                continue
            entry = self.entries.get(_key(word)) or self.entry(_as_written(word, holders[word]))
            if entry.see is not None:
                continue  # an abbreviation's other name: its entry has the pages
            entry.under = sorted((h for h in holders[word] if h is not entry), key=lambda e: _order(e.term))

    def pages_using(self, words: set[str]) -> dict[str, int]:
        """How many pages' text uses each word, in any of its forms ('carers' is 'carer')."""
        counts: dict[str, int] = dict.fromkeys(words, 0)
        folded: dict[str, str] = {}  # each distinct word of the toolkit folded once
        for page in self.pages:
            used = set()
            for token in set(_WORD.findall(str(page.get("content", "")).lower())):
                word = folded.get(token)
                if word is None:
                    word = folded[token] = "".join(fold(token))
                if word in counts:
                    used.add(word)
            for word in used:
                counts[word] += 1
        return counts

    def pages_mentioning(self, form: str) -> list[Place]:
        try:
            found = search(
                self.edition.search_dir, form, limit=PAGES_PER_NAME, synonyms=self.edition.synonyms
            )
        except CseError:
            return []
        return [Place(hit.file, hit.pdf_page, hit.page) for hit in found.hits]

    # -- reading ----------------------------------------------------------------------
    def by_letter(self) -> list[tuple[str, list[Entry]]]:
        letters: dict[str, list[Entry]] = {}
        distinct = {id(e): e for e in self.entries.values()}.values()  # a name in brackets is a second key
        for entry in sorted(distinct, key=lambda e: _order(e.term)):
            if entry.places or entry.see or entry.under:
                letters.setdefault(entry.letter, []).append(entry)
        return sorted(letters.items())


def _distinct(names: Iterable[str]) -> list[str]:
    """Names once each, as compared (singular and plural, '&' and 'and' are one name)."""
    seen: dict[Key, str] = {}
    for name in names:
        seen.setdefault(_key(name), name)
    return list(seen.values())


def _as_written(word: str, headings: list[Entry]) -> str:
    """A topic word as the headings spell it ("Indicators", not the folded "indicator")."""
    for heading in headings:
        for written in re.findall(r"[^\W\d_]+", heading.term):
            if fold(written) == (word,):
                return written[:1].upper() + written[1:].lower()
    return word.capitalize()


def _capitalised(name: str) -> str:
    return name if _ABBREVIATION.match(name) else name[:1].upper() + name[1:]


def _order(term: str) -> tuple[str, ...]:
    """Alphabetical, letter by letter, ignoring case and punctuation ('A&E' as 'ae')."""
    return tuple(re.findall(r"[^\W_]+", term.casefold())) or (term.casefold(),)
