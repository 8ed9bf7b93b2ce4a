"""Answer a query from the published index: ranked hits, snippets, a spelling suggestion.

Imports only the engine and plain modules: `cse-search` must start fast, so nothing here
may pull in the PDF libraries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from whoosh import highlight, qparser
from whoosh import query as wq
from whoosh.searching import Searcher

from pipeline.errors import QuerySyntaxError
from pipeline.index import VOCABULARY, open_index, stemming_analyzer
from pipeline.scope import Scope
from pipeline.synonyms import Expander
from pipeline.text import normalise_line

MAX_QUERY_CHARS = 1000
MATCH_START, MATCH_END = "\x02", "\x03"  # never in indexed text (extraction strips controls)
_LITERAL = re.compile(r"[:^\[\]{}~\\]")
_BARE_WILDCARD = re.compile(r"(?<![\w&])[*?]+")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
COORDINATION = 0.0  # Whoosh's bonus for pages that hold more of the query's words
ALL_WORDS_BOOST = 1.0  # extra weight of the every-word match over the any-word match
# Words of a question that say nothing about its subject; dropped from plain-word queries.
QUESTION_WORDS = frozenset(
    [
        "a",
        "about",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "being",
        "by",
        "can",
        "could",
        "do",
        "does",
        "for",
        "from",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "should",
        "so",
        "that",
        "the",
        "their",
        "them",
        "there",
        "they",
        "this",
        "to",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)
PROXIMITY_SLOP = 4  # words this far apart still count as "close together"
PROXIMITY_BOOST = 2.0
FIELD_BOOSTS = {"content": 1.0, "section_title": 4.0, "chapter_title": 0.5}


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
    snippet: str  # matches wrapped in MATCH_START/MATCH_END; see plain_snippet()

    @property
    def plain_snippet(self) -> str:
        return self.snippet.replace(MATCH_START, "").replace(MATCH_END, "")


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[Hit, ...]
    suggestion: str | None = None
    partial: bool = False  # no page had every word; these pages have some of them


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


def group_by_section(hits: Sequence[Hit], limit: int) -> list[SectionHit]:
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


class _MarkFormatter(highlight.Formatter):
    """Wraps each matched token in sentinels; the CLI turns them into bold or nothing."""

    between = " … "

    def format_token(self, text: str, token: object, replace: bool = False) -> str:
        return f"{MATCH_START}{highlight.get_text(text, token, replace)}{MATCH_END}"


def make_parser(schema: object, group: type[qparser.GroupNode] = qparser.AndGroup) -> qparser.QueryParser:
    """Words, "phrases", AND/OR/NOT, (groups) and prefix*; no field or boost syntax, so
    "title:x" or "^" in a query are just text."""
    parser = qparser.MultifieldParser(list(FIELD_BOOSTS), schema, fieldboosts=FIELD_BOOSTS, group=group)
    for plugin in (qparser.FieldsPlugin, qparser.BoostPlugin, qparser.RangePlugin):
        parser.remove_plugin_class(plugin)
    return parser


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
    limit: int = 10,
    synonyms: Sequence[Sequence[str]] = (),
) -> SearchResult:
    """Run a query; `scope` limits what a role or audience sees, `chapter` to one chapter."""
    text = clean_query(query_text)
    expander = Expander(synonyms)
    ix = open_index(index_dir)
    with ix.searcher() as searcher:
        parser = make_parser(ix.schema)
        parsed = _parse(parser, expander.expand(text))
        if parsed is wq.NullQuery:
            raise QuerySyntaxError(
                f'nothing to search for in {query_text!r}: give words, "a phrase" or prefix*'
            )
        partial = False
        if _is_plain_words(text):
            # Plain words are matched softly: pages with every word rank first, but a
            # page that answers the question without one of the words still shows
            # ("grooming signs" finds the Grooming section, which never says "signs").
            parsed = _without_stopwords(parsed)
            any_word = _without_stopwords(
                _parse(
                    make_parser(ix.schema, group=qparser.OrGroup.factory(COORDINATION)), expander.expand(text)
                )
            )
            partial = searcher.search(parsed, limit=1).is_empty()
            scored = wq.Or([parsed.with_boost(ALL_WORDS_BOOST), any_word, *_nearby(parsed)])
            hits, total = _run(searcher, scored, scope, chapter, limit)
        else:
            hits, total = _run(searcher, parsed, scope, chapter, limit)
        # Offered whenever a word is not in the toolkit's vocabulary (stemming may still
        # have found something: "pharmacys" finds the pharmacy pages) and only if it has hits.
        suggestion = _suggest(searcher, parser, expander, text, scope, chapter)
    return SearchResult(query_text, total, hits, suggestion, partial)


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


def _nearby(query: wq.Query) -> list[wq.Query]:
    """A bonus for pages where the words stand close together, in order: the words as a
    loose phrase. Only for simple word lists (an expanded abbreviation has no one order)."""
    if not isinstance(query, wq.And):
        return []
    words = []
    for part in query.subqueries:
        content = {text for field, text in part.all_terms() if field == "content"}
        if len(content) != 1 or any(isinstance(leaf, wq.Phrase) for leaf in part.leaves()):
            return []
        words.append(content.pop())
    if len(words) < 2:
        return []
    return [wq.Phrase("content", words, slop=PROXIMITY_SLOP, boost=PROXIMITY_BOOST)]


def _is_plain_words(text: str) -> bool:
    """Several words with no operators, quotes, brackets or wildcards of the user's own."""
    return len(text.split()) > 1 and not re.search(r'["()*?]|\b(?:AND|OR|NOT)\b', text)


def _parse(parser: qparser.QueryParser, text: str) -> wq.Query:
    try:
        return parser.parse(text)
    except Exception as exc:  # the parser's own errors are not part of its API
        raise QuerySyntaxError(f"could not understand the query {text!r}: {exc}") from None


def _filters(scope: Scope | None, chapter: int | None) -> tuple[wq.Query | None, wq.Query]:
    """What may be shown (`allow`) and what never is (`mask`): the vocabulary document
    always, and the sections other roles own when searching as a role."""
    allow: list[wq.Query] = []
    mask: wq.Query = wq.Term("kind", VOCABULARY)
    if scope is not None:
        allow.append(
            wq.Or([wq.Term("chapter", str(c)) for c in sorted(scope.chapters)])
            if scope.chapters
            else wq.NullQuery
        )
        if scope.hidden_sections:
            mask = wq.Or([mask, *(wq.Term("section", s) for s in sorted(scope.hidden_sections))])
    if chapter is not None:
        allow.append(wq.Term("chapter", str(chapter)))
    if not allow:
        return None, mask
    return (allow[0] if len(allow) == 1 else wq.And(allow)), mask


def _run(
    searcher: Searcher, parsed: wq.Query, scope: Scope | None, chapter: int | None, limit: int
) -> tuple[tuple[Hit, ...], int]:
    allow, mask = _filters(scope, chapter)
    if allow is wq.NullQuery:
        return (), 0
    scored: wq.Query = parsed
    if scope is not None and scope.own_sections:
        # A role's own sections rank first for that role: they score the match twice.
        own = wq.Or([wq.Term("section", s) for s in scope.own_sections])
        scored = wq.Or([parsed, wq.And([parsed, own])])
    results = searcher.search(scored, limit=max(limit, 1), filter=allow, mask=mask)
    results.fragmenter = highlight.ContextFragmenter(surround=60, maxchars=240)
    results.formatter = _MarkFormatter()
    hits = []
    for rank, result in enumerate(results, start=1):
        snippet = result.highlights("content", top=2) or _opening(result["content"])
        chapter_value = result.get("chapter", "")
        hits.append(
            Hit(
                rank=rank,
                score=round(float(result.score), 3),
                chapter=int(chapter_value) if chapter_value else None,
                chapter_title=result.get("chapter_title", ""),
                section=result.get("section") or None,
                section_title=result.get("section_title", ""),
                page=result["page"],
                pdf_page=int(result["pdf_page"]),
                file=result["file"],
                snippet=" ".join(snippet.split()),
            )
        )
    return tuple(hits), len(results)


def _opening(content: str, length: int = 200) -> str:
    text = " ".join(content.split())
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + " …"


def _max_distance(word: str) -> int:
    return 1 if len(word) <= 4 else 2


def _best_correction(typed: str, candidates: list[str], reader: object) -> str | None:
    """The closest real word; among equals the commoner, and a plural for a plural
    ("pharmacys" -> "pharmacies", not "pharmacy")."""
    if not candidates:
        return None

    def key(word: str) -> tuple[int, int, int]:
        plural_lost = 2 * int(typed.endswith("s") != word.endswith("s"))
        stems = [token.text for token in stemming_analyzer()(word)]
        frequency = int(reader.doc_frequency("content", stems[0])) if stems else 0  # type: ignore[attr-defined]
        return (_distance(typed, word) + plural_lost, -frequency, len(word))

    return min(candidates, key=key)


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (the words are short, so the plain algorithm is fine)."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _suggest(
    searcher: Searcher,
    parser: qparser.QueryParser,
    expander: Expander,
    text: str,
    scope: Scope | None,
    chapter: int | None,
) -> str | None:
    """A corrected query built from real words of the corpus, offered only if it finds hits."""
    corrector = searcher.corrector("words")
    reader = searcher.reader()
    changed = False
    words = []
    for token in re.split(r"(\s+|[()\"])", text):
        if re.fullmatch(r"[A-Za-z]{3,}", token) and token not in _OPERATORS:
            lowered = token.lower()
            if not reader.frequency("words", lowered):
                better = _best_correction(
                    lowered, corrector.suggest(lowered, limit=8, maxdist=_max_distance(lowered)), reader
                )
                if better:
                    token, changed = better, True
        words.append(token)
    if not changed:
        return None
    suggestion = "".join(words)
    hits, total = _run(searcher, _parse(parser, expander.expand(suggestion)), scope, chapter, 1)
    return suggestion if total else None
