"""Answer a query from the published index: ranked hits, snippets, a spelling suggestion.

Imports only the engine and plain modules: `cse-search` must start fast, so nothing here
may pull in the PDF libraries.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import heapq
import os
import re
import weakref
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from whoosh import qparser
from whoosh import query as wq
from whoosh.searching import Searcher

from pipeline.config.model import Role
from pipeline.engine.asker import OWN_YOUNG_AGE, WHO_ASKS_OPENING
from pipeline.engine.candidates import holding, match_all, pages_of_section, section_of, term_pages
from pipeline.engine.documents import PageKind
from pipeline.engine.english import English, english
from pipeline.engine.index import VOCABULARY, open_searcher, stemming_analyzer
from pipeline.engine.postings import one_query, pattern_terms
from pipeline.engine.ranking import DEFAULT, Ranking
from pipeline.engine.scope import Scope
from pipeline.engine.scoring import Alternative, Unit, score_candidates, section_read_on, weight_by_meaning
from pipeline.engine.snippets import Snippeter, flow
from pipeline.engine.spelling import Speller
from pipeline.engine.synonyms import Synonyms, concept_id, merged
from pipeline.errors import QuerySyntaxError
from pipeline.text import normalise_line

MAX_QUERY_CHARS = 1000
_LITERAL = re.compile(r"[:^\[\]{}~\\]")
_BARE_WILDCARD = re.compile(r"(?<![\w&])[*?]+")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
# A page of a configured chapter is preferred, by this much, to a near-identical page of a
# PDF the config does not name (whose section titles are only inferred from its layout).
CONFIGURED_PRIOR = 0.02
# The best this many matches by the engine's BM25 are ranked by the model (scoring.py).
RERANK_DEPTH = 100
# Words that say nothing about a query's subject alone: not scored, but kept for
# proximity and phrases ("who can I talk to" is about talking to someone).
QUESTION_WORDS = frozenset(
    "a about after all also always am an and any are as at be been being but by can could "
    "did do does for from get got had has have he her hers him his how i if in into is it "
    "its just me my no not of on or our she should so some than that the their them then "
    "there these they this those to too us very was we were what when where which who why "
    "will with would you your".split()
    # What is left of "won't", "don't", "I'm", "she's" once the apostrophe splits them.
    + "t s d m ll re ve don won isn aren wasn weren hasn haven hadn doesn didn couldn "
    "shouldn wouldn cannot".split()
    # The same typed without the apostrophe, as on a phone: "im", "dont", "wont", "shes".
    + "im ive youre theyre hes shes dont wont cant isnt arent wasnt werent hasnt havent "
    "hadnt doesnt didnt couldnt shouldnt wouldnt whats thats theres theyll youll itll".split()
    # And as texts spell them: "u", "ur", "r", "pls", "wat".
    + "u ur r pls plz wat wot sum1 some1 any1 no1 every1 n thru abt cos coz cuz bc tho ya vs gonna wanna gotta".split()
    # "can i ring them myself", "putting herself at risk": who does it, not what.
    + "myself herself himself themselves yourself yourselves ourselves itself".split()
    # "is it yours": whose, not what. Not "mine" (it stems as "mining" does), nor "hell" and
    # "shell" (he'll, she'll), nor "bit" ("a bit"): words a manual's page may be found by.
    + "yours ours theirs".split()
    # How sure, as people say it: "maybe he is just a friend". Not the adverbs in -ly: they
    # stem to their adjective ("actually" to "actual", "hardly" to "hard", "basically" to
    # "basic"), words a page may be found by.
    + "maybe perhaps".split()
    # Indefinite pronouns: "what if the police do nothing", "tell anyone".
    + "something anything nothing everything someone anyone everyone somebody anybody "
    "nobody everybody".split()
    # Amounts and fillers as people say them: "loads of teenagers coming and going", "new stuff".
    + "loads lots tons stuff".split()
    # "till late", "til midnight": until, as typed; "what counts as", "does she count as".
    + "till til count counts since".split()
    # Greetings and courtesies a message opens or closes with.
    + "hi hello hey dear thanks thank thx cheers sorry please ok okay".split()
)
# Everyday verbs and adjectives: they may help find a page, but a section title that shares
# only such a word with the query is no sign of its subject ("my daughter keeps going
# missing" is not about "Recording and record keeping").
EVERYDAY_WORDS = frozenset(
    "keep keeps kept keeping go goes going gone went get gets getting make makes making made "
    "take takes taking took come comes coming came see sees seeing saw seen know knows knew "
    "think thinks thought look looks looking want wants wanted give gives giving gave use "
    "uses using find finds found tell tells telling told ask asks asking try tries trying "
    "leave leaves leaving left put puts putting mean means let lets show shows showing "
    "start starts started stop stops stopped turn turns turned move moves moving bring "
    "brings brought happen happens happened seem seems feel feels felt like likes thing "
    "things way ways lot lots good bad new old big small little long right wrong first "
    "last next other same different many much more most every each again often still "
    "really quite well back out up down off over stay stays staying stayed".split()
)
# A wildcard matching more words than this searches only the commonest of them (and the
# answer says so): "a*" on a large vocabulary would otherwise score tens of thousands of terms.
MAX_WILDCARD_TERMS = 100
# How many words of the vocabulary one query's wildcards may look through, together: about
# 0.3 s. `a*` on a vocabulary of 200,000 words stops there and says so.
MAX_WILDCARD_SCAN = 20_000
_ANALYZER = stemming_analyzer()
# The engine's own BM25 only chooses the candidates for the model; titles weigh enough here
# that a page titled with the query's words is always among them.
CANDIDATE_BOOSTS = {"content": 1.0, "section_title": 4.0, "chapter_title": 0.5, "headers": 0.3}


@dataclass(frozen=True)
class Hit:
    rank: int
    score: float
    chapter: int | None
    chapter_title: str
    section: str | None
    section_title: str
    page: str
    pdf_page: int
    file: str
    snippet: str  # matches wrapped in MATCH_START/MATCH_END (render.snippet_text shows them)
    ocr: bool = False  # the page's text was read by OCR: say so beside the citation
    # Shown as the rest of the first result's section: the search did not match it
    # (scoring.section_read_on).
    read_on: bool = False


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[Hit, ...]
    suggestion: str | None = None
    partial: bool = False  # no page had every word; these pages have some of them
    # Matching pages the filters left out: how many more dropping the role/audience (scope)
    # or the chapter alone would show. Zero when that filter was not given.
    outside_scope: int = 0
    outside_chapter: int = 0
    outside_both: int = 0  # ... and pages that only dropping both would show
    capped: tuple[str, ...] = ()  # wildcards narrowed to their MAX_WILDCARD_TERMS commonest words
    cut: tuple[str, ...] = ()  # ... from only part of their words: the query's budget ran out
    # The query's meaningful words that no page holds, in any of the forms searched for
    # them ("No page mentions: sugar"), so the reader knows what was not found.
    unmatched: tuple[str, ...] = ()
    corrected: str | None = None  # the query searched, when a misspelt word was corrected


@dataclass(frozen=True)
class SectionHit:
    """Hits of one section taken together, for broad queries (--by-section)."""

    rank: int
    score: float  # its best page's score
    chapter: int | None
    chapter_title: str
    section: str | None
    section_title: str
    file: str
    pages: tuple[str, ...]  # printed pages that matched, best first
    snippet: str  # from the best page


class Snippets(StrEnum):
    """Which hits get a snippet (the costly part of a hit)."""

    EVERY = "every"
    SECTION_BEST = "section-best"  # only each section's best page (--by-section)
    NONE = "none"  # file lists and counts


@dataclass(frozen=True)
class SectionResult:
    """--by-section: the best `limit` sections, and how many sections matched in all."""

    result: SearchResult  # every matching page; snippets on each section's best page only
    sections: tuple[SectionHit, ...]
    total: int


def group_by_section(hits: Sequence[Hit], limit: int | None = None) -> list[SectionHit]:
    """One entry per section, in the order of each section's best page."""
    groups: dict[tuple[str, str | None], list[Hit]] = {}
    for hit in hits:
        groups.setdefault((hit.file, hit.section), []).append(hit)
    ordered = sorted(groups.values(), key=lambda group: group[0].rank)[:limit]
    return [
        SectionHit(
            rank,
            group[0].score,
            group[0].chapter,
            group[0].chapter_title,
            group[0].section,
            group[0].section_title,
            group[0].file,
            tuple(h.page for h in group),
            group[0].snippet,
        )
        for rank, group in enumerate(ordered, start=1)
    ]


def count_by_file(hits: Sequence[Hit]) -> list[tuple[str, int]]:
    """Each file with a matching page, in the order of its best page, and how many pages
    matched in it (-l and -c)."""
    counts: dict[str, int] = {}
    for hit in hits:
        counts[hit.file] = counts.get(hit.file, 0) + 1
    return list(counts.items())


def search_sections(
    index_dir: Path | None,
    query_text: str,
    *,
    scope: Scope | None = None,
    chapter: int | None = None,
    limit: int = 10,
    synonyms: Sequence[Sequence[str]] = (),
    as_typed: bool = False,
) -> SectionResult:
    """The query's sections, each with every page that matched: all pages are ranked so
    that the count of sections is exact; only each section's best page gets a snippet."""
    result = search(
        index_dir,
        query_text,
        scope=scope,
        chapter=chapter,
        limit=None,
        synonyms=synonyms,
        snippets=Snippets.SECTION_BEST,
        as_typed=as_typed,
    )
    groups = group_by_section(result.hits)
    return SectionResult(result, tuple(groups[:limit]), len(groups))


def make_parser(
    schema: object, group: type[qparser.GroupNode] = qparser.AndGroup, ranking: Ranking = DEFAULT
) -> qparser.QueryParser:
    """Words, "phrases", AND/OR/NOT, (groups) and prefix*. Field and boost syntax stay in
    the parser for the synonym rewriting only: `clean_query` has already turned a user's
    ':' and '^' into spaces, so "title:x" typed by a user is just two words."""
    parser = qparser.MultifieldParser(
        list(CANDIDATE_BOOSTS), schema, fieldboosts=CANDIDATE_BOOSTS, group=group
    )
    parser.remove_plugin_class(qparser.RangePlugin)
    return parser


_WITHOUT = re.compile(r"(?<![\w/])w/o(?![\w/])", re.I)
_QUESTION_MARK = re.compile(r"\?+(?![\w*])")


_A_AND_E = re.compile(r"(?<![\w&])A\s*(?:\+|\band\b|\bn\b)\s*E(?![\w&])", re.I)
_YEARS_OLD = re.compile(r"\b(\d{1,2})(?:\s*(?:yo|y/o|yrs?\s*old)|yrs?)(?![\w/])", re.I)
_SCHOOL_YEAR = re.compile(r"\b(?:y|yr)\s?(\d{1,2})\b", re.I)
# "3 yrs older", "for 2 yrs": years, as typed on a phone (after _YEARS_OLD took "15yrs").
_YRS = re.compile(r"\byrs\b", re.I)
_UNDER_AGE = re.compile(r"\b(under|over)[\s-]+(\d{1,2})s\b", re.I)
# A question asking what a word means is asking what it is: "what does grooming mean",
# "what is meant by county lines", "define exploitation", "what does CSE stand for". The
# frame's words ("mean", "meant", "define") are not the subject: read as words, "mean"
# put a page defining other terms ("necessary means ...") first, and "meant", "define"
# were listed as words no page mentions.
_MEANING_QUESTION = re.compile(
    r"^\s*(?:what|wat|wot)\s+(?:does|do|did)\s+(?P<a>.+?)\s+(?:mean|stand\s+for)\s*$"
    r"|^\s*(?:what|wat|wot)(?:\s+is|'s|s)?\s+(?:meant\s+by|the\s+meaning\s+of)\s+(?P<b>.+)$"
    r"|^\s*(?:define|meaning\s+of)\s+(?P<c>.+)$",
    re.I,
)
# "is it normal for my boyfriend to check my phone", "is that normal": the frame asks
# whether what follows is all right; "normal" is not its subject (it put pages saying that
# abuse can come to feel normal first, above the page on what a healthy relationship is).
_IS_IT_NORMAL = re.compile(
    r"\b((?:is|are|isn't|isnt)\s+(?:it|this|that|these|those|he|she|they))\s+"
    r"(?:normal|ok|okay|alright|all\s+right|acceptable)\b",
    re.I,
)
_DANGLING = re.compile(r"^\s*(?:AND|OR)\b|\b(?:AND|OR|NOT)\s*$")
_OPERATOR_WORD = re.compile(r"\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b")
SHOUTED_WORDS = 4  # words besides operators, all in capitals, that make a question shouted


def _shouted(text: str) -> bool:
    """Typed in capitals: no lower-case letter, and more words than an operator query
    of abbreviations has ("A&E AND GP NOT CAMHS")."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if w not in _OPERATORS]
    return len(words) >= SHOUTED_WORDS and not any(c.islower() for c in text)


def _without_frame(text: str) -> str:
    """A question's frame left out where it is not its subject ("what does grooming mean"
    -> "what is grooming"; "is it normal for him to ..." -> "is it for him to ..."), unless
    the user's own syntax is in it or nothing but question words would be left."""
    if not _is_plain_words(text):
        return text
    framed = _IS_IT_NORMAL.sub(r"\1", text)
    meaning_question = _MEANING_QUESTION.match(framed)
    if meaning_question:
        framed = "what is " + next(part for part in meaning_question.groups() if part)
    if all(word.lower() in QUESTION_WORDS for word in re.findall(r"\w+", framed)):
        return text
    return framed


def clean_query(text: str) -> str:
    """Make any typed text a query the parser takes literally, or explain why it cannot be.

    Field, boost and range syntax are not offered, so their characters are treated as
    spaces; unbalanced quotes or brackets fall back to searching the words; a query of
    operators or wildcards alone is refused with a message rather than matching everything.
    """
    text = normalise_line(text)
    if not text:
        raise QuerySyntaxError("empty query: give words to search for, e.g. cse-search pharmacies")
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"query too long ({len(text)} characters; at most {MAX_QUERY_CHARS}): use a few key words"
        )
    text = _LITERAL.sub(" ", text)
    # A question mark ends a question ("what is grooming?"): only inside a word is "?" a
    # wildcard. Read as one, it made the last word match nothing, and the question with it.
    text = _QUESTION_MARK.sub(" ", text)
    text = _WITHOUT.sub(" without ", text)  # "w/o", as people abbreviate it
    text = _A_AND_E.sub("A&E", text)  # "A and E", "A+E", "A n E": as people write A&E
    # Ages and school years as a phone shortens them: "14yo", "15yrs" -> "14 year old";
    # "y9", "yr10" -> "year 9" (read as an age or a year group, weak evidence).
    text = _YEARS_OLD.sub(r"\1 year old", text)
    text = _SCHOOL_YEAR.sub(r"year \1", text)
    text = _YRS.sub("years", text)
    text = _UNDER_AGE.sub(r"\1 \2", text)  # "under-16s": the pages say "under 16"
    text = _without_frame(text)
    # "OR should I call the police": an AND or OR with no words before it (or after it)
    # joins nothing; it is the person's word. It made the question find nothing.
    if any(word not in _OPERATORS for word in re.findall(r"\w+", text)):
        text = _DANGLING.sub(lambda match: match.group(0).lower(), text)
    if _shouted(text):
        # A question typed in capitals ("MY DAUGHTER IS 14 AND ...") is words, not
        # operators: read as AND, it required every word and found nothing.
        text = _OPERATOR_WORD.sub(lambda match: match.group(0).lower(), text)
    if not any(word in _OPERATORS for word in text.split()):
        # Brackets group operators; without any they are a person's aside ("my daughter
        # (14) is missing"), which as a group made every word required and found nothing.
        text = text.replace("(", " ").replace(")", " ")
    if text.count('"') % 2:
        text = text.replace('"', " ")  # an unbalanced quote: search the words
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        text = text.replace("(", " ").replace(")", " ")  # unbalanced brackets: search the words
    # A bare wildcard would match every page; keep wildcards only after a word's first letters.
    text = _BARE_WILDCARD.sub(" ", text)
    words = [w for w in re.findall(r"[\w&]+", text) if w not in _OPERATORS]
    if not words:
        raise QuerySyntaxError(
            'nothing to search for: give words, "a phrase" or prefix* '
            "(AND, OR and NOT need words beside them)"
        )
    return " ".join(text.split())


def search(
    index_dir: Path | None,
    query_text: str,
    *,
    scope: Scope | None = None,
    chapter: int | None = None,
    limit: int | None = 10,
    synonyms: Sequence[Sequence[str]] = (),
    ranking: Ranking = DEFAULT,
    snippets: Snippets = Snippets.EVERY,
    as_typed: bool = False,
    read_on: bool = False,
) -> SearchResult:
    """Run a query; `scope` limits what a role or audience sees, `chapter` to one chapter;
    `limit` None returns every matching page; `ranking` is the model's parameters (the
    evaluation switches factors off with it); `as_typed` searches the words exactly as
    typed, with no spelling correction; `read_on` lists, below the first results, the
    first result's section's pages the search did not match (marked `read_on`, and not
    counted in `total`, the pages that match), for a reader rather than a tool that wants
    only the pages that match."""
    text = clean_query(query_text)
    generation = index_dir.parent if index_dir is not None else None
    expander = _synonyms(tuple(tuple(group) for group in synonyms), generation)
    searcher = open_searcher(index_dir)
    speller = _speller(searcher, expander, generation)
    corrected = None
    if not as_typed:
        rewritten = speller.correct(text)
        if rewritten != text:
            corrected = text = rewritten
    parser = make_parser(searcher.schema, ranking=ranking)
    typed_text = text
    text = with_age_gap(text)
    on_pages = _form_held(searcher)
    settled = _settled(on_pages)
    expanded, forms = expander.expand(text, lay_weight=ranking.synonyms, on_pages=on_pages, settled=settled)
    capped: list[str] = []
    # Plain words are matched softly: any page with one of the words is a candidate, and
    # the model ranks pages with every word, close together, first ("grooming signs" still
    # finds the Grooming section, which never says "signs"). Otherwise the user's
    # operators, quotes and wildcards decide what matches.
    plain = _is_plain_words(text)
    grouped = make_parser(searcher.schema, group=qparser.OrGroup, ranking=ranking) if plain else parser
    whole_query = _parse(grouped, expanded)
    scan = _Scan.of(whole_query)
    parsed = _capped(whole_query, searcher.reader(), capped, scan)
    if parsed is wq.NullQuery:
        raise QuerySyntaxError(f'nothing to search for in {query_text!r}: give words, "a phrase" or prefix*')
    units = query_units(text, expander, ranking, speller.english, on_pages, settled)
    candidates = _without_stopwords(parsed) if plain else parsed
    if scope is not None and scope.role is not None:
        units = _asker_marked(
            units, _role_stems(scope.role, speller.english) | _own_words(searcher, units, scope)
        )
    if ranking.meaning or ranking.role_words != 1 or ranking.numbers != 1:  # chosen by the same weighing
        candidates = _weighed(candidates, _stem_weights(units, ranking))
    with one_query(searcher):
        hits, total, complete = _run(
            searcher,
            candidates,
            scope,
            chapter,
            limit,
            forms,
            units,
            ranking,
            snippets,
            read_on and not _has_syntax(text),
        )
    partial = total > 0 and not complete and _is_plain_words(text)
    outside_scope = (
        _count(searcher, candidates, None, chapter) - total if scope is not None and scope.filters else 0
    )
    outside_chapter = _count(searcher, candidates, scope, None) - total if chapter is not None else 0
    outside_both = 0
    if scope is not None and chapter is not None:
        outside_both = _count(searcher, candidates, None, None) - total - outside_scope - outside_chapter
    # Offered for a misspelt word inside quotes (outside them it was corrected), and only
    # if the corrected phrase has hits.
    suggestion = (
        None if as_typed else _suggest(searcher, parser, expander, speller, typed_text, scope, chapter)
    )
    return SearchResult(
        query_text,
        total,
        hits,
        suggestion,
        partial,
        outside_scope,
        outside_chapter,
        outside_both,
        capped=tuple(dict.fromkeys(capped)),
        cut=tuple(dict.fromkeys(scan.cut)),
        unmatched=unmatched_words(searcher.reader(), units),
        corrected=corrected,
    )


def unmatched_words(reader: Any, units: Sequence[Unit]) -> tuple[str, ...]:
    """The typed words of each meaningful unit that no page holds in any of its forms
    (its own stems, its synonyms, or its concept), each once, in the order typed. A word
    found through a synonym is not listed: the pages shown hold it under that name; nor
    is an age or a time ("15" in "a 15 year old", "friday" in "since friday")."""

    def held(unit: Unit) -> bool:
        if unit.concept and reader.doc_frequency("concepts", unit.concept):
            return True
        return any(
            alternative.stems and all(_holds(reader, stem) for stem in alternative.stems)
            for alternative in unit.alternatives
        )

    stop = _stemmed_stop_words()
    missing: dict[str, None] = {}
    for unit in units:
        if unit.stop or unit.incidental or held(unit):
            continue
        for word in unit.typed:
            stems = _stems(word)
            if stems and not all(s in stop for s in stems) and not all(_holds(reader, s) for s in stems):
                missing.setdefault(word, None)
    return tuple(missing)


# Per open searcher (one index generation, never changed): whether some page holds each
# lay form's words, asked once per form rather than by every query that expands it.
_FORMS_HELD: weakref.WeakKeyDictionary[Searcher, dict[str, bool]] = weakref.WeakKeyDictionary()


def _form_held(searcher: Searcher) -> Callable[[str], bool]:
    """Whether some page holds every word of a form (where, in order, is for the search)."""
    known = _FORMS_HELD.setdefault(searcher, {})
    reader = searcher.reader()

    def held(form: str) -> bool:
        if form not in known:
            if len(known) > 10_000:  # bounded: forms come from the vocabulary, but still
                known.clear()
            known[form] = all(_holds(reader, stem) for stem in _stems(form))
        return known[form]

    return held


def _settled(on_pages: Callable[[str], bool]) -> Callable[[str], bool]:
    """An everyday verb's form the pages hold ("went", "took") is searched as typed: its
    other forms ("go", "gone") cost a query at 10,000 pages 1.5-2.5 ms and find pages of
    other meanings; a rarer verb ("taught") or a form no page holds still brings them."""
    return lambda word: word.lower() in EVERYDAY_WORDS and on_pages(word)


def _holds(reader: Any, stem: str) -> bool:
    """Some page's text or titles hold this stem."""
    return any(reader.doc_frequency(name, stem) for name in ("content", "section_title", "chapter_title"))


def _count(searcher: Searcher, query: wq.Query, scope: Scope | None, chapter: int | None) -> int:
    """Matching pages under these filters."""
    return len(_matched(searcher, query, scope, chapter))


def match_spans(
    index_dir: Path | None,
    query_text: str,
    text: str,
    *,
    synonyms: Sequence[Sequence[str]] = (),
    as_typed: bool = False,
) -> list[tuple[int, int]]:
    """Where in `text` a search for `query_text` marks matches, exactly as its snippets do
    (same words as corrected, stems and abbreviation forms): the web page highlights them
    on the page image."""
    cleaned = clean_query(query_text)
    searcher = open_searcher(index_dir)
    generation = index_dir.parent if index_dir is not None else None
    expander = _synonyms(tuple(tuple(group) for group in synonyms), generation)
    if not as_typed:
        cleaned = _speller(searcher, expander, generation).correct(cleaned)
    expanded, forms = expander.expand(cleaned, lay_weight=DEFAULT.synonyms)
    if _is_plain_words(cleaned):  # as search(): plain words are marked without the stop words
        parsed = _without_stopwords(_parse(make_parser(searcher.schema, group=qparser.OrGroup), expanded))
    else:
        parsed = _parse(make_parser(searcher.schema), expanded)
    return Snippeter(_content_stems(searcher, parsed, forms), _stem, forms).matches(text)


@dataclass
class _Scan:
    """What one query may read of the vocabulary for its wildcards (a work budget, as the
    time a query holds a web server thread): each wildcard is read once however often it
    is typed, and all of them together look at most MAX_WILDCARD_SCAN words, shared out
    evenly among the different wildcards of the query."""

    @classmethod
    def of(cls, query: wq.Query) -> _Scan:
        patterns = {
            (leaf.fieldname, type(leaf).__name__, leaf.text)
            for leaf in query.leaves()
            if isinstance(leaf, wq.PatternQuery)
        }
        return cls(each=MAX_WILDCARD_SCAN // max(1, len(patterns)))

    each: int = MAX_WILDCARD_SCAN
    seen: dict[tuple[str, str, str], tuple[list[str], bool, bool]] = field(default_factory=dict)
    cut: list[str] = field(default_factory=list)


def _capped(query: wq.Query, reader: object, capped: list[str], scan: _Scan | None = None) -> wq.Query:
    """Each wildcard (prefix* or a glob) that matches more than MAX_WILDCARD_TERMS words
    becomes its MAX_WILDCARD_TERMS most frequent words; the pattern is added to `capped`
    (and to `scan.cut` when the budget stopped the reading of its words first)."""
    scan = scan if scan is not None else _Scan.of(query)
    if isinstance(query, wq.PatternQuery):
        schema = reader.schema  # type: ignore[attr-defined]
        if query.fieldname not in schema:
            return query
        shown = f"{query.text}*" if isinstance(query, wq.Prefix) else query.text
        key = (query.fieldname, type(query).__name__, query.text)
        if key not in scan.seen:
            terms, _, whole = pattern_terms(query, reader, scan.each)
            common = heapq.nlargest(MAX_WILDCARD_TERMS, terms, key=lambda term: term[1])
            field_ = schema[query.fieldname]
            scan.seen[key] = (
                sorted(field_.from_bytes(b) for b, _ in common),
                whole,
                len(terms) > len(common),
            )
        words, whole, narrowed = scan.seen[key]
        if whole and not narrowed:
            return query
        if not whole:
            scan.cut.append(shown)
        elif narrowed:
            capped.append(shown)
        return (
            wq.Or([wq.Term(query.fieldname, word, boost=query.boost) for word in words])
            if words
            else wq.NullQuery
        )
    return query.apply(lambda child: _capped(child, reader, capped, scan))


_TOKEN = re.compile(r'"[^"]*"|[^\s()]+')
# A word whose punctuation is part of its meaning: ".Call", "read.table", "on.exit".
_PUNCTUATED = re.compile(r"^[.]?\w+(?:[._]\w+)*$")


# How much a word carries a question's meaning, from its Zipf frequency in English: a word
# rarer than RARE_ZIPF carries it fully ("grooming", "pharmacy", "drinking" nearly), one as
# common as EVERYDAY_ZIPF or more barely ("year", "old"); a number (an age, a school year)
# little whatever it is.
RARE_ZIPF = 4.0
EVERYDAY_ZIPF = 6.0
LEAST_MEANING = 0.1


def meaning(words: Sequence[str], english: English | None) -> float:
    """How much the words of a unit carry a question (the most meaningful of them)."""
    best = LEAST_MEANING
    for word in words:
        if word.isdigit() or english is None:
            value = LEAST_MEANING if word.isdigit() else 1.0
        else:
            zipf = english.zipf(word)
            value = 1.0 if zipf < RARE_ZIPF else (EVERYDAY_ZIPF - zipf) / (EVERYDAY_ZIPF - RARE_ZIPF)
        best = max(best, min(value, 1.0))
    return best


# An age or a school year as people write it: "14 year old", "14-year-old", "15 yrs old",
# "aged 14", "under 13s", "year 9", "she is 14", "sex at 15", "a man in his 30s", and as typed
# on a phone ("14yo", "hes 22", "im 15", "me 15 him 20"): weak evidence, as a number is.
_AGE = re.compile(
    r"\b(?:(?:\d{1,2}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen)"
    r"[\s-]*(?:years?|yrs?)[\s-]*olds?|\d{1,2}\s*(?:yo|y/o|yos)|aged[\s-]+\d{1,2}|under[\s-]+\d{1,2}s?|"
    r"(?:year|yr)[\s-]*\d{1,2}s?|in\s+(?:his|her|their)\s+(?:early\s+|mid\s+|late\s+)?[2-9]0['’]?s|"
    r"(?:(?:is|was|turned|turns|only|just|at|when|hes|shes|im|me|him)\s+|"
    r"(?<=\w)['’][sm]\s+)\d{1,2}"
    r"(?!\s*(?:%|percent|per cent|minutes?|hours?|days?|weeks?|months?|years?|times?|pounds?|quid|pages?)))\b",
    re.I,
)


# How long, since when or at what time, as a question says it ("for two nights", "3 days
# ago", "since friday", "last night", "until 3am"): it dates what happened, and says
# little about what is asked, so its words are weak evidence, as a number is ("nights"
# found late-night venues).
_COUNT = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|a few|couple of|a couple of|several)"
_DURATION = re.compile(
    rf"\b(?:(?:for|over|in|after)\s+(?:the\s+)?(?:(?:last|past)\s+)?{_COUNT}\s+"
    r"(?:nights?|days?|weeks?|months?|hours?|weekends?)|"
    rf"{_COUNT}\s+(?:nights?|days?|weeks?|months?|hours?)\s+ago|"
    r"since\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last\s+\w+)|"
    r"last\s+(?:night|week|weekend|month)|yesterday|tonight|today|midnight|"
    r"\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.))(?!\w)",
    re.I,
)


# An adult's age beside a partner ("her boyfriend is 30", "going out with a 25 year old",
# "a man in his 20s"):
# what the question is about is the age gap, which the guidance calls an "older" partner;
# the number itself is on no page.
_ADULT_AGE = re.compile(
    r"\b(?:1[89]|[2-9]0(?:'|’)?s|[2-9][0-9]|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"twenties|thirties|forties|fifties)\b"
    r"(?!\s*(?:%|percent|per cent|minutes?|hours?|days?|weeks?|months?|times?|pounds?|quid))",
    re.I,
)
_PARTNER = re.compile(
    r"\b(?:boy ?friends?|girl ?friends?|bf|gf|bae|partners?|man|men|guy|guys|bloke|fella|dating|"
    r"dat(?:e|es|ed)\s+(?:a|an|him|her)|"
    r"going out with|seeing|relationship|in love|loves?)\b",
    re.I,
)


def adult_ages(text: str) -> list[tuple[int, int]]:
    """Where the text gives an adult's age beside a partner, or beside a young person's own
    age ("he's 22 and I'm 15"); none otherwise."""
    if not (_PARTNER.search(text) or OWN_YOUNG_AGE.search(text)):
        return []
    return [match.span() for match in _ADULT_AGE.finditer(text)]


def with_age_gap(text: str) -> str:
    """The question with "older" added when it gives an adult's age beside a partner and
    has no operators or quotes of its own (those are searched as typed)."""
    if not _is_plain_words(text) or "older" in text.lower() or not adult_ages(text):
        return text
    return f"{text} older"


def query_units(
    text: str,
    expander: Synonyms,
    ranking: Ranking = DEFAULT,
    english: English | None = None,
    on_pages: Callable[[str], bool] = lambda form: True,
    settled: Callable[[str], bool] = lambda form: False,
) -> list[Unit]:
    """The query's words as the model scores them: operators, the word after NOT and
    wildcard words left out; an abbreviation with its long forms as one unit; a lay word
    with those of its synonyms that `on_pages` says some page holds (weighted below it);
    stop words marked; each with how much it carries the question's meaning (`english`:
    how common each word is)."""
    kept: list[str] = []
    skip = False
    for token in _TOKEN.findall(text):
        if token in _OPERATORS:
            skip = token == "NOT"
            continue
        if skip or "*" in token or "?" in token:
            skip = False
            continue
        kept.append(token.strip('"'))
    plain = " ".join(kept)
    # "her boyfriend is 30": an age too (see with_age_gap)
    ages = [match.span() for match in _AGE.finditer(plain)] + adult_ages(plain)
    # "nan here, ...": who asks, never a word no page mentions ("nan" is on no page).
    asker = [match.span() for match in WHO_ASKS_OPENING.finditer(plain)]
    when = [match.span() for match in _DURATION.finditer(plain)]
    placed: list[tuple[int, Unit]] = []  # (where in the query, unit): units keep the typed order
    pattern = expander.query_pattern(plain)
    if pattern is not None:
        for match in pattern.finditer(plain):
            group = expander.group_of(match.group(0))
            if group is None:
                continue
            alternatives = tuple(Alternative(_stems(form)) for form in group if _stems(form))
            typed = tuple(re.findall(r"[\w&]+", match.group(0)))
            placed.append((match.start(), Unit(alternatives, concept=concept_id(group), typed=typed)))
        plain = pattern.sub(lambda m: " " * len(m.group(0)), plain)
    if ranking.synonyms:  # a lay form of several words ("social media") is one unit
        lay = expander.lay_pattern(plain)
        for match in lay.finditer(plain):
            if " " not in match.group(0).strip() and "-" not in match.group(0):
                continue  # one word: below, with its punctuation and stop-word checks
            placed.append(
                (
                    match.start(),
                    _word_unit(
                        _stems(match.group(0)), False, expander, match.group(0), ranking, on_pages=on_pages
                    ),
                )
            )
        plain = lay.sub(
            lambda m: (
                " " * len(m.group(0)) if (" " in m.group(0).strip() or "-" in m.group(0)) else m.group(0)
            ),
            plain,
        )
    stop = _stemmed_stop_words()
    for found in re.finditer(r"\S+", plain):
        word = found.group(0)
        stems = _stems(word)
        if not stems:
            continue
        bare = word.strip(".,;:!'\"").rstrip(".")
        exact = word.lower() if _PUNCTUATED.match(word) and re.search(r"[._]", word) else None
        if exact is None and len(stems) > 1:  # "A-level": each part its own word
            for offset, s in enumerate(stems):
                placed.append(
                    (
                        found.start() + offset,
                        _word_unit((s,), s in stop, expander, s, ranking, on_pages=on_pages),
                    )
                )
            continue
        unit = _word_unit(
            stems, all(s in stop for s in stems), expander, bare, ranking, exact, on_pages, settled
        )
        placed.append((found.start(), unit))
    typed_stems = _stems(" ".join(kept))

    placing = ages + when  # an age or a time places what happened: weak, never "not mentioned"
    ordered = _each_meaning_once(sorted(placed, key=lambda item: item[0]))
    return [
        unit
        if unit.concept
        else dataclasses.replace(
            unit,
            alternatives=_as_typed(unit.alternatives, typed_stems),
            # A lay expression of several words ("have it out with", "say yes") is as
            # rare as the phrase, not as common as its everyday words.
            meaning=1.0
            if len(unit.typed) > 1 and len(unit.alternatives) > 1
            else meaning(unit.typed, english),
            number=(bool(unit.typed) and all(word.isdigit() for word in unit.typed)) or _inside(at, placing),
            incidental=_inside(at, placing) or _inside(at, asker),
        )
        for at, unit in ordered
    ]


def _speller(searcher: Searcher, expander: Synonyms, generation: Path | None) -> Speller:
    """The spelling pass as both the search and its marks read a question: the same
    vocabulary, English word list and fillers, so a page is marked for the words searched."""
    return Speller(searcher, expander, english(generation), _stems, QUESTION_WORDS)


def _inside(at: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= at < end for start, end in spans)


def _each_meaning_once(placed: list[tuple[int, Unit]]) -> list[tuple[int, Unit]]:
    """Each word's synonyms without the words typed elsewhere in the question: in "lad
    selling weed for older boys", "lad" (~ boy) and "boys" say the same thing once, so a
    page saying "boys" is not credited twice for it."""
    typed = {unit.alternatives[0].stems for _, unit in placed if unit.alternatives and not unit.stop}
    return [
        (
            at,
            unit
            if unit.concept or len(unit.alternatives) < 2
            else dataclasses.replace(
                unit,
                alternatives=(
                    unit.alternatives[0],
                    *(a for a in unit.alternatives[1:] if a.weight >= 1.0 or a.stems not in typed),
                ),
            ),
        )
        for at, unit in placed
    ]


def _as_typed(alternatives: tuple[Alternative, ...], typed: tuple[str, ...]) -> tuple[Alternative, ...]:
    """A synonym form the user typed counts as typed: in "much older boyfriend" the lay
    unit is "much older", whose form "older boyfriend" stands in the question too, so a
    page saying "older boyfriends" holds the words typed, not a synonym of them."""

    def typed_here(stems: tuple[str, ...]) -> bool:
        n = len(stems)
        return any(typed[i : i + n] == stems for i in range(len(typed) - n + 1))

    return tuple(
        Alternative(a.stems) if a.weight < 1.0 and len(a.stems) > 1 and typed_here(a.stems) else a
        for a in alternatives
    )


def _word_unit(
    stems: tuple[str, ...],
    stop: bool,
    expander: Synonyms,
    word: str,
    ranking: Ranking,
    exact: str | None = None,
    on_pages: Callable[[str], bool] = lambda form: True,
    settled: Callable[[str], bool] = lambda form: False,
) -> Unit:
    alternatives = [Alternative(stems)]
    if ranking.synonyms:
        seen = {stems}
        weight = expander.lay_weight(word, ranking.synonyms)
        for form in expander.lay_forms(word, on_pages, settled):
            form_stems = _stems(form)
            if form_stems and form_stems not in seen:  # "blackmailed" and "blackmail": one stem, counted once
                seen.add(form_stems)
                alternatives.append(Alternative(form_stems, weight))
    everyday = all(s in _stemmed_everyday_words() for s in stems)
    typed = tuple(re.findall(r"[\w&]+", word))
    return Unit(tuple(alternatives), stop=stop, exact=exact, everyday=everyday, typed=typed)


def _stems(text: str) -> tuple[str, ...]:
    return tuple(token.text for token in _ANALYZER(text))


@functools.lru_cache(maxsize=1)
def _stemmed_everyday_words() -> frozenset[str]:
    return frozenset(token.text for word in EVERYDAY_WORDS for token in _ANALYZER(word))


@functools.lru_cache(maxsize=1)
def _stemmed_stop_words() -> frozenset[str]:
    stem = stemming_analyzer()
    return frozenset(token.text for word in QUESTION_WORDS for token in stem(word))


def _without_stopwords(query: wq.Query) -> wq.Query:
    """Drop the top-level words that carry no meaning ("what is consent" -> consent), unless
    nothing would be left. The index keeps every word, so phrases still match exactly."""
    if not isinstance(query, wq.And | wq.Or):
        return query
    stop = _stemmed_stop_words()

    def meaningless(part: wq.Query) -> bool:
        terms = list(part.all_terms())
        return (
            bool(terms)
            and all(text in stop for _, text in terms)
            and not any(isinstance(leaf, wq.Phrase) for leaf in part.leaves())
        )

    kept = [part for part in query.subqueries if not meaningless(part)]
    if not kept or len(kept) == len(query.subqueries):
        return query
    return query.__class__(kept, boost=query.boost)


# A word of a role's names at least this common in English ("care", "school") is not taken
# as naming the role: it says too many other things.
ROLE_WORD_ZIPF = 5.0


def _role_stems(role: Role, english: English) -> frozenset[str]:
    """The stems of the words that name a role (its id, title and aliases), leaving out
    stop words and everyday English words: "foster", "carer", "paramedic", "ambulance"."""
    words = re.findall(r"[A-Za-z&]+", " ".join((role.id.replace("-", " "), role.title, *role.aliases)))
    stop = _stemmed_stop_words()
    return frozenset(
        stem
        for word in words
        if english.zipf(word) < ROLE_WORD_ZIPF
        for stem in _stems(word)
        if stem not in stop
    )


# A word standing mostly in the role's own sections is the asker's (see _own_words): at
# least this share of its pages there. On the fit halves 0.5 moved one first page
# ("student ... expensive new phones" asked as college staff) and nothing else.
OWN_WORD_SHARE = 0.5
OWN_WORD_MAX_PAGES = 64  # a word on more pages than this is no one role's (and costs a scan)


def _own_words(searcher: Searcher, units: Sequence[Unit], scope: Scope) -> frozenset[str]:
    """The query's words that stand mostly in the role's own sections ("student" asked as
    college staff, "passenger" as a taxi licensing officer): they say whom the asker deals
    with, which the own-section prior already stands for, not what is asked."""
    if not scope.own_sections:
        return frozenset()
    own = set(scope.own_sections)
    reader = searcher.reader()
    sections = section_of(searcher)
    found = set()
    for unit in units:
        if unit.stop or unit.concept or not unit.alternatives or len(unit.alternatives[0].stems) != 1:
            continue
        stem = unit.alternatives[0].stems[0]
        if not 2 <= reader.doc_frequency("content", stem) <= OWN_WORD_MAX_PAGES:
            continue
        pages = term_pages(searcher, "content", stem)
        inside = sum(1 for doc in pages if sections.get(doc) in own)
        if inside >= 2 and inside >= OWN_WORD_SHARE * len(pages):
            found.add(stem)
    return frozenset(found)


def _asker_marked(units: Sequence[Unit], role_stems: frozenset[str]) -> list[Unit]:
    """The units whose every stem names the role searched as, marked as the asker's."""
    return [
        dataclasses.replace(unit, asker=True)
        if not unit.stop and unit.alternatives and set(unit.alternatives[0].stems) <= role_stems
        else unit
        for unit in units
    ]


def _stem_weights(units: Sequence[Unit], ranking: Ranking) -> dict[str, float]:
    """Each searched stem's share of its weight by meaning (the model's, scoring.py)."""
    weights: dict[str, float] = {}
    for unit in units:
        factor = weight_by_meaning(unit, ranking)
        for alternative in unit.alternatives:
            for stem in alternative.stems:
                weights[stem] = max(weights.get(stem, 0.0), factor)
    return weights


def _weighed(query: wq.Query, weights: dict[str, float]) -> wq.Query:
    """The query with each word's boost times its weight by meaning, so that the pages
    the model ranks are chosen by the same weighing ("year" and "old" choose few)."""
    if isinstance(query, wq.Term):
        factor = weights.get(str(query.text), 1.0)
        if factor == 1.0:
            return query
        weighed = copy.copy(query)
        weighed.boost = query.boost * factor
        return weighed
    return query.apply(lambda child: _weighed(child, weights))


def _is_plain_words(text: str) -> bool:
    """Several words with no operators, quotes, brackets or wildcards of the user's own (one
    word, even "pre-birth", is matched as typed: its parts together)."""
    return len(text.split()) > 1 and not _has_syntax(text)


def _has_syntax(text: str) -> bool:
    """Operators, quotes, brackets or wildcards: the user says exactly what must match."""
    return bool(re.search(r'["()*?]|\b(?:AND|OR|NOT)\b', text))


def _parse(parser: qparser.QueryParser, text: str) -> wq.Query:
    try:
        return _flattened(parser.parse(text, normalize=False)).normalize()
    except Exception as exc:  # the parser's own errors are not part of its API
        raise QuerySyntaxError(f"could not understand the query {text!r}: {exc}") from None


def _flattened(query: wq.Query) -> wq.Query:
    """The parsed tree with each group merged into a parent of its own kind (a word's
    fields, a synonym's alternatives, into the query's OR), as Whoosh's `normalize` merges
    them, but sharing the children: normalize deep-copies each one it lifts, which was a
    tenth of a three-word query's time. The tree is the parser's own, shared by no one.
    A group with a boost of its own is left for normalize to merge."""
    if not isinstance(query, wq.CompoundQuery):
        return query if query.is_leaf() else query.apply(_flattened)
    children: list[wq.Query] = []
    for child in query.subqueries:
        child = _flattened(child)
        if type(child) is type(query) and child.boost == 1.0:
            children.extend(child.subqueries)
        else:
            children.append(child)
    flat = copy.copy(query)
    flat.subqueries = children
    return flat


def _filters(scope: Scope | None, chapter: int | None) -> tuple[wq.Query | None, wq.Query]:
    """What may be shown (`allow`) and what never is (`mask`): the vocabulary document
    always, and the sections other roles own when searching as a role."""
    allow: list[wq.Query] = []
    mask: wq.Query = wq.Term("kind", VOCABULARY)
    if scope is not None and scope.filters:
        if not scope.chapters:  # a role or audience that reads no chapter sees nothing
            return wq.NullQuery, mask
        allow.append(wq.Or([wq.Term("chapter", str(c)) for c in sorted(scope.chapters)]))
        if scope.hidden_sections:
            mask = wq.Or([mask, *(wq.Term("section", s) for s in sorted(scope.hidden_sections))])
    if chapter is not None:
        allow.append(wq.Term("chapter", str(chapter)))
    if not allow:
        return None, mask
    return (allow[0] if len(allow) == 1 else wq.And(allow)), mask


def _run(
    searcher: Searcher,
    query: wq.Query,
    scope: Scope | None,
    chapter: int | None,
    limit: int | None,
    forms: Sequence[str],
    units: Sequence[Unit],
    ranking: Ranking,
    snippets: Snippets = Snippets.EVERY,
    read_on: bool = False,
) -> tuple[tuple[Hit, ...], int, bool]:
    """Ranked hits (the top `limit`, or all when None; snippets as `snippets` says), the
    total, and whether some page holds every meaningful word.

    The engine finds every match and scores it with its own BM25 in one pass (so the
    total is known); the best RERANK_DEPTH are then scored by the model (scoring.py) from
    their postings alone. `forms` are synonym forms to mark in snippets.
    """
    matched = _matched(searcher, query, scope, chapter)
    total = len(matched)
    if limit is None or limit > RERANK_DEPTH:  # every match in the engine's order
        ranked = sorted(
            ((score, doc) for doc, score in matched.items()), key=lambda item: (-item[0], item[1])
        )
    else:  # only the re-ranked ones are shown: the engine's best RERANK_DEPTH, in its order
        ranked = _best(matched, RERANK_DEPTH)
    shown = total if limit is None else max(limit, 1)
    candidates = [doc for _, doc in ranked[: RERANK_DEPTH if limit is None else max(RERANK_DEPTH, shown)]]
    own: set[int] = set()
    if scope is not None and scope.own_sections and ranking.own_section:
        own = _matching_among(
            searcher, wq.Or([wq.Term("section", s) for s in scope.own_sections]), candidates
        )
    aids = _matching_among(searcher, wq.Term("aid", "yes"), candidates) if ranking.finding_aid else set()
    guessed = _matching_among(searcher, wq.Term("kind", PageKind.DOCUMENT), candidates)

    def extra(doc: int) -> float:
        return -(ranking.finding_aid if doc in aids else 0.0) + (0.0 if doc in guessed else CONFIGURED_PRIOR)

    lowered: set[int] = set()
    if scope is not None and scope.lowered and ranking.other_reader:
        lowered = _matching_among(searcher, wq.Or([wq.Term("section", s) for s in scope.lowered]), candidates)

    aside: set[int] = set()
    if scope is not None and scope.helpful_only and ranking.helpful_chapters:
        aside = _matching_among(
            searcher, wq.Or([wq.Term("chapter", str(c)) for c in sorted(scope.helpful_only)]), candidates
        )

    intros = (
        _matching_among(searcher, wq.Term("kind", PageKind.INTRO), candidates)
        if ranking.introduction
        else set()
    )

    def lift(doc: int) -> float:
        lowering = max(
            ranking.other_reader if doc in lowered else 0.0,
            ranking.helpful_chapters if doc in aside else 0.0,
            ranking.introduction if doc in intros else 0.0,
        )
        if lowering:
            return -lowering
        return ranking.own_section * scope.lift if scope is not None and doc in own else 0.0

    scored = score_candidates(
        searcher,
        candidates,
        units,
        ranking,
        lambda doc: str(_page(searcher, doc)[0]["content"]),
        extra,
        lift,
        section_of(searcher).get if ranking.section else lambda doc: None,
        lowered.__contains__,  # the other reader's pages never hold the asker's pages down
    )
    rest = ranked[len(candidates) :]
    # Below the re-ranked pages, the others keep the engine's order, on the model's scale.
    scale = (
        min((v.score for v in scored.values()), default=0.0) / (ranked[len(candidates) - 1][0] or 1.0)
        if rest
        else 0.0
    )
    ordered = sorted(((v.score, doc) for doc, v in scored.items()), key=lambda item: (-item[0], item[1]))
    if ranking.read_on:
        pages = pages_of_section(searcher) if read_on else {}

        def wordless(section: str, first: int) -> list[int]:
            unheld = [doc for doc in pages.get(section, ()) if doc not in matched]
            return sorted(unheld, key=lambda doc: (abs(doc - first), doc < first))

        ordered = section_read_on(ordered, section_of(searcher).get, wordless=wordless)
    ordered += [(score * scale, doc) for score, doc in rest]
    complete = any(v.coverage >= 0.999 for v in scored.values())
    snippeter = Snippeter(_content_stems(searcher, query, forms), _stem, forms)
    hits = []
    sections_seen: set[tuple[str, str]] = set()
    for rank, (score, docnum) in enumerate(ordered[:shown], start=1):
        fields, flowed = _page(searcher, docnum)
        chapter_value = fields.get("chapter", "")
        section = (fields["file"], fields.get("section", ""))
        wanted = snippets is Snippets.EVERY or (
            snippets is Snippets.SECTION_BEST and section not in sections_seen
        )
        sections_seen.add(section)
        hits.append(
            Hit(
                rank=rank,
                score=round(float(score), 3),
                chapter=int(chapter_value) if chapter_value else None,
                chapter_title=fields.get("chapter_title", ""),
                section=fields.get("section") or None,
                section_title=fields.get("section_title", ""),
                page=fields["page"],
                pdf_page=int(fields["pdf_page"]),
                file=fields["file"],
                snippet=snippeter.snippet(fields["content"], flowed()) if wanted else "",
                ocr=bool(fields.get("ocr", False)),
                read_on=docnum not in matched,
            )
        )
    return tuple(hits), total, complete


# Stored fields and flowed text of recently shown pages, per open searcher (one index
# generation, never changed): a page is decompressed and flowed once, not by every query
# that shows it: about 6 kB a page, so about 6 MB per searcher. CSE_PAGE_CACHE=0 turns it
# off (to measure pages never shown before).
# An OrderedDict rather than cachetools' LRUCache (which the web page uses): importing it
# would add about 1 ms to every cse-search (measured with -X importtime), for eight lines.
PAGE_CACHE_PAGES = int(os.environ.get("CSE_PAGE_CACHE", "1000") or 0)
_PAGES: weakref.WeakKeyDictionary[Searcher, OrderedDict[int, _Page]] = weakref.WeakKeyDictionary()


class _Page:
    """A page's stored fields, and its text as snippets flow it (made when first asked)."""

    __slots__ = ("fields", "_flowed")

    def __init__(self, fields: dict[str, Any]) -> None:
        self.fields = fields
        self._flowed: str | None = None

    def flowed(self) -> str:
        if self._flowed is None:
            self._flowed = flow(str(self.fields.get("content", "")))
        return self._flowed


def _page(searcher: Searcher, docnum: int) -> tuple[dict[str, Any], Callable[[], str]]:
    """A page's stored fields, and a function giving its flowed text."""
    if PAGE_CACHE_PAGES <= 0:
        fresh = _Page(searcher.stored_fields(docnum))
        return fresh.fields, fresh.flowed
    pages = _PAGES.setdefault(searcher, OrderedDict())
    cached = pages.get(docnum)
    if cached is not None:
        pages.move_to_end(docnum)
        return cached.fields, cached.flowed
    page = pages[docnum] = _Page(searcher.stored_fields(docnum))
    if len(pages) > PAGE_CACHE_PAGES:
        pages.popitem(last=False)
    return page.fields, page.flowed


def _best(matched: dict[int, float], count: int) -> list[tuple[float, int]]:
    """The `count` best (score, page) by score, then page number (the engine's order):
    the count-th best score is found among the bare scores, then only the pages scoring at
    least that much are sorted."""
    if len(matched) <= count:
        kept = list(matched.items())
    else:
        threshold = heapq.nlargest(count, matched.values())[-1]
        kept = [(doc, score) for doc, score in matched.items() if score >= threshold]
    kept.sort(key=lambda item: (-item[1], item[0]))
    return [(score, doc) for doc, score in kept[:count]]


def _matched(
    searcher: Searcher, query: wq.Query, scope: Scope | None, chapter: int | None
) -> dict[int, float]:
    """Every page matching `query` that the filters show, with the engine's score."""
    allow, mask = _filters(scope, chapter)
    if allow is wq.NullQuery:
        return {}
    matched = match_all(searcher, query)
    for doc in match_all(searcher, mask):
        matched.pop(doc, None)
    if allow is not None:
        allowed = match_all(searcher, allow)
        matched = {doc: score for doc, score in matched.items() if doc in allowed}
    return matched


def _matching_among(searcher: Searcher, query: wq.Query, docnums: Sequence[int]) -> set[int]:
    """Which of these documents match `query`, by looking for them in its postings
    rather than running it over the whole index."""
    return holding(searcher, query, docnums)


def _content_stems(searcher: Searcher, query: wq.Query, forms: Sequence[str] = ()) -> set[str]:
    """The indexed forms the query matched in the page text (prefixes expanded), to be
    marked wherever they stand. A synonym's several-word form ("going out with") is marked
    only where it stands whole, by the snippeter's form patterns: its words alone ("with",
    "see") are not the query's and are left out here; a phrase the user typed keeps its
    words, but not its question words ("of" in "stinking of", marked all over the page)."""
    whole = {tuple(token.text for token in _ANALYZER(form)) for form in forms if " " in form.strip()}
    if whole:
        query = _without_phrases(query, whole)
    terms = query.existing_terms(searcher.reader(), phrases=True, expand=True)
    stems = {t.decode() if isinstance(t, bytes) else str(t) for field, t in terms if field == "content"}
    return stems - _stemmed_stop_words() or stems


def _without_phrases(query: wq.Query, drop: set[tuple[str, ...]]) -> wq.Query:
    """The query without the phrases whose words are in `drop` (NullQuery where nothing is left)."""
    if isinstance(query, wq.Phrase):
        return wq.NullQuery if tuple(query.words) in drop else query
    if isinstance(query, wq.CompoundQuery):
        kept = [q for q in (_without_phrases(sub, drop) for sub in query.subqueries) if q is not wq.NullQuery]
        return query.__class__(kept) if kept else wq.NullQuery
    if isinstance(query, wq.WrappingQuery):
        inner = _without_phrases(query.child, drop)
        return wq.NullQuery if inner is wq.NullQuery else query.apply(lambda _: inner)
    return query


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    tokens = [token.text for token in _ANALYZER(word)]
    return tokens[0] if tokens else word


@functools.lru_cache(maxsize=8)
def _synonyms(groups: tuple[tuple[str, ...], ...], generation: Path | None) -> Synonyms:
    """The synonym matcher, with the groups as merged by the ingest of this generation."""
    return Synonyms(merged_groups=merged(groups, generation))


def _suggest(
    searcher: Searcher,
    parser: qparser.QueryParser,
    expander: Synonyms,
    speller: Speller,
    text: str,
    scope: Scope | None,
    chapter: int | None,
) -> str | None:
    """A corrected phrase offered for the words inside quotes (which are searched exactly
    as typed: words outside quotes were corrected already), only if it finds hits."""
    reader = searcher.reader()
    changed = False
    parts = text.split('"')
    for i in range(1, len(parts), 2):  # odd parts are inside quotes
        words = re.split(r"(\s+)", parts[i])
        for j, word in enumerate(words):
            if re.fullmatch(r"[A-Za-z]{3,}", word):
                better = speller.correction(word)
                if better is not None:
                    words[j], changed = better, True
        parts[i] = "".join(words)
    if not changed:
        return None
    suggestion = '"'.join(parts)
    allow, mask = _filters(scope, chapter)
    if allow is wq.NullQuery:
        return None
    query = _capped(_parse(parser, expander.expand(suggestion)[0]), reader, [])
    return suggestion if _matches_any(searcher, query, allow, mask) else None


def _matches_any(searcher: Searcher, query: wq.Query, allow: wq.Query | None, mask: wq.Query) -> bool:
    """Whether some page allowed and not masked matches: stops at the first, where a
    search (even unscored) would collect every match."""
    allowed = None if allow is None else set(searcher.docs_for_query(allow))
    masked = set(searcher.docs_for_query(mask))
    for subsearcher, offset in searcher.leaf_searchers():
        matcher = query.matcher(subsearcher, subsearcher.boolean_context())
        while matcher.is_active():
            doc = matcher.id() + offset
            if doc not in masked and (allowed is None or doc in allowed):
                return True
            matcher.next()
    return False
