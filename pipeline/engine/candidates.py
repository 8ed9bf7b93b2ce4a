"""Every page a query matches, with the engine's BM25 score, read from whole posting blocks.

The model (scoring.py) re-ranks the best RERANK_DEPTH matches, but the answer also needs
the total, so every match must be found and given the engine's score. Whoosh does that one
posting at a time through a tree of matcher objects (about 17 microseconds a match: 110 ms
for a three-word query matching 6,400 of 10,000 pages). Here the same BM25F score is
summed term by term over each term's whole posting list (its blocks are decoded at once),
with each page's length normalisation computed once per index generation, so a match costs
a dictionary update. Word queries, OR, AND and NOT are evaluated here; anything else (a
phrase, an uncapped wildcard) is scored by Whoosh's own matcher for that part only.

The scores are Whoosh's formula with its statistics (idf and average lengths from the
whole index, the quantised page lengths it stores); only the order in which a page's terms
are added may differ from Whoosh's matcher tree, by a rounding in the last bit.
"""

from __future__ import annotations

import bisect
import collections
import contextlib
import contextvars
import itertools
import os
import pickle
import weakref
from collections.abc import Iterator, Sequence
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.formats import Positions
from whoosh.searching import Searcher
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length, length_to_byte

Scores = dict[int, float]  # global document number -> engine score

# Decoded posting blocks kept per open searcher (one index generation, never changed), by
# postings file and offset, the least recently used dropped first: a word's postings are
# read and decompressed once, not by every query that uses the word, nor twice in one
# query (finding the matches, then the model's look-ups). At most this many blocks of up
# to 128 postings each: about 28 kB each decoded with their positions at 10,000 pages, so
# about 15 MB per searcher (the web server keeps one per thread). CSE_POSTINGS_CACHE=0
# keeps them for one query only (to measure a word never asked before).
# Not cachetools' LRUCache: within one query the blocks are never dropped (a query reads a
# block twice: finding the matches, then the model's look-ups), only trimmed after it.
BLOCK_CACHE_BLOCKS = int(os.environ.get("CSE_POSTINGS_CACHE", "512") or 0)
_BLOCKS: weakref.WeakKeyDictionary[Searcher, collections.OrderedDict[tuple[int, int], object]] = (
    weakref.WeakKeyDictionary()
)
_QUERY_BLOCKS: contextvars.ContextVar[collections.OrderedDict[tuple[int, int], object] | None] = (
    contextvars.ContextVar("query_blocks", default=None)
)

# Per open searcher (one index generation): each leaf's and field's BM25 length
# normalisation, K1 * (1 - B + B * length / average length), by document.
_NORMS: weakref.WeakKeyDictionary[Searcher, dict[tuple[int, str], tuple[bytes, list[float]]]] = (
    weakref.WeakKeyDictionary()
)


def match_all(searcher: Searcher, query: wq.Query) -> Scores:
    """Every non-deleted page matching `query`, with the score Whoosh would give it."""
    scores: Scores = {}
    for leaf_number, (subsearcher, offset) in enumerate(searcher.leaf_searchers()):
        found = _evaluate(searcher, subsearcher, leaf_number, query)
        deleted = subsearcher.reader().deleted_docs_set if subsearcher.reader().has_deletions() else ()
        for doc in deleted:
            found.pop(doc, None)
        if offset:
            scores.update((doc + offset, score) for doc, score in found.items())
        else:
            scores.update(found)
    return scores


def _evaluate(top: Searcher, leaf: Searcher, leaf_number: int, query: wq.Query) -> Scores:
    """Leaf-local document numbers and scores of `query` in one segment."""
    if query is wq.NullQuery or isinstance(query, wq.NullQuery.__class__):
        return {}
    if type(query) is wq.Term:
        found = _term(top, leaf, leaf_number, query.fieldname, query.text)
        return _boosted(found, query.boost)
    if type(query) is wq.Or:
        scores: Scores = {}
        for subquery in query.subqueries:  # added in the query's order
            part = _evaluate(top, leaf, leaf_number, subquery)
            if not scores:
                scores = part
                continue
            both = scores.keys() & part.keys()
            summed = {doc: scores[doc] + part[doc] for doc in both}
            scores.update(part)
            scores.update(summed)
        return _boosted(scores, query.boost)
    if type(query) is wq.And:
        positive = [q for q in query.subqueries if not isinstance(q, wq.Not)]
        negative = [q.query for q in query.subqueries if isinstance(q, wq.Not)]
        if positive:
            parts = [_evaluate(top, leaf, leaf_number, q) for q in positive]
            smallest = min(parts, key=len)
            common = set(smallest).intersection(*(part for part in parts if part is not smallest))
            for q in negative:
                common.difference_update(_evaluate(top, leaf, leaf_number, q))
            scores = dict.fromkeys(common, 0.0)
            for part in parts:  # added in the query's order
                for doc in common:
                    scores[doc] += part[doc]
            if negative:  # Whoosh scores a page for each NOT it passes, 1.0 (its inverse matcher's weight)
                for doc in common:
                    scores[doc] += float(len(negative))
            return _boosted(scores, query.boost)
    if type(query) is wq.Phrase and query.slop == 1:
        return _boosted(_phrase(top, leaf, leaf_number, query.fieldname, query.words), query.boost)
    if type(query) in (wq.Prefix, wq.Wildcard) and query.constantscore:
        return _pattern(top, leaf, leaf_number, query)
    if type(query) is wq.AndNot:
        scores = _evaluate(top, leaf, leaf_number, query.a)
        for doc in _evaluate(top, leaf, leaf_number, query.b):
            scores.pop(doc, None)
        return _boosted(scores, query.boost)
    return _by_whoosh(top, leaf, query)


def _phrase(top: Searcher, leaf: Searcher, leaf_number: int, fieldname: str, words: Sequence[str]) -> Scores:
    """Pages holding the words side by side in this order, scored as Whoosh scores a
    phrase: the sum of its words' scores. Positions are read only for the pages that
    hold every word."""
    field = top.schema[fieldname] if fieldname in top.schema else None  # noqa: SIM401 (a Schema has no get)
    if field is None or not words or not field.format or not field.format.supports("positions"):
        return _by_whoosh(top, leaf, wq.Phrase(fieldname, list(words)))
    parts = [_term(top, leaf, leaf_number, fieldname, word) for word in words]
    smallest = min(parts, key=len)
    common = sorted(set(smallest).intersection(*(part for part in parts if part is not smallest)))
    if not common:
        return {}
    reader = leaf.reader()
    positions: list[dict[int, frozenset[int]]] = []
    for word in words:
        positions.append(
            {doc: frozenset(positions_at(m)) for doc, m in at_docs(reader, fieldname, word, common)}
        )
    scores: Scores = {}
    for doc in common:
        later = [found[doc] for found in positions[1:]]
        if any(all(p + i in at for i, at in enumerate(later, start=1)) for p in positions[0][doc]):
            total = 0.0
            for part in parts:  # added in the phrase's order
                total += part[doc]
            scores[doc] = total
    return scores


def _pattern(top: Searcher, leaf: Searcher, leaf_number: int, query: wq.PatternQuery) -> Scores:
    """A wildcard's pages. Whoosh scores them by how its matcher happens to be built in the
    segment: one word is scored as that word (without the wildcard's boost), and three or
    more in a segment of at most 5,000 pages by a preloaded union that gives every page
    1.0; those two are done here, from the postings, and the rest by Whoosh."""
    reader = leaf.reader()
    words = [word for word in query._btexts(reader) if word]
    if not words:
        return {}
    if len(words) == 1:
        return _term(top, leaf, leaf_number, query.fieldname, words[0])
    if len(words) == 2 or len(words) >= wq.Or.TOO_MANY_CLAUSES or leaf.doc_count_all() > 5000:
        return _by_whoosh(top, leaf, query)
    field = top.schema[query.fieldname]
    pages: set[int] = set()
    for word in words:
        matcher = reader._terms.matcher(query.fieldname, word, field.format)
        if isinstance(matcher, W3LeafMatcher):
            while not matcher._atend:
                pages.update(block_ids(matcher))
                matcher._next_block()
        else:
            while matcher.is_active():
                pages.add(matcher.id())
                matcher.next()
    return dict.fromkeys(pages, 1.0)


def _boosted(scores: Scores, boost: float) -> Scores:
    if boost != 1.0:
        return {doc: score * boost for doc, score in scores.items()}
    return scores


def _by_whoosh(top: Searcher, leaf: Searcher, query: wq.Query) -> Scores:
    """A part this module does not evaluate (a phrase, a wildcard): Whoosh's own matcher."""
    scores: Scores = {}
    matcher = query.matcher(leaf, top.context())
    while matcher.is_active():
        scores[matcher.id()] = matcher.score()
        matcher.next()
    return scores


def _term(top: Searcher, leaf: Searcher, leaf_number: int, fieldname: str, text: object) -> Scores:
    """BM25F of one term in every page of the segment that holds it (Whoosh's formula)."""
    schema = top.schema
    if fieldname not in schema:
        return {}
    field = schema[fieldname]
    try:
        btext = field.to_bytes(text)
    except ValueError:
        return {}
    reader = leaf.reader()
    if (fieldname, btext) not in reader:
        return {}
    weighting = top.weighting
    if not field.scorable or not hasattr(weighting, "K1"):
        return _by_whoosh(top, leaf, wq.Term(fieldname, text))
    idf = top.idf(fieldname, btext)
    k1_plus = weighting.K1 + 1
    raw, norm = _norms(top, leaf, leaf_number, fieldname)
    matcher = reader._terms.matcher(fieldname, btext, field.format)
    if isinstance(matcher, W3LeafMatcher):  # one comprehension over whole blocks
        return {
            doc: idf * ((tf * k1_plus) / (tf + norm[raw[doc]]))
            for ids, weights in blocks(matcher)
            for doc, tf in zip(ids, weights, strict=True)
        }
    postings = _postings(reader, fieldname, btext, field.format)
    return {doc: idf * ((tf * k1_plus) / (tf + norm[raw[doc]])) for doc, tf in postings}


def _postings(reader: object, fieldname: str, btext: bytes, format_: object) -> Iterator[tuple[int, float]]:
    """(document, weight) of a term's postings, a whole block at a time where possible."""
    matcher = reader._terms.matcher(fieldname, btext, format_)  # type: ignore[attr-defined]
    if isinstance(matcher, W3LeafMatcher):
        for ids, weights in blocks(matcher):
            yield from zip(ids, weights, strict=True)
        return
    while matcher.is_active():  # postings kept inline with the term: a handful
        yield matcher.id(), matcher.weight()
        matcher.next()


def blocks(matcher: W3LeafMatcher) -> Iterator[tuple[Sequence[int], Sequence[float]]]:
    """Each posting block's document numbers and weights, decoded at once (Whoosh's own
    reader decodes the numbers through a Python generator, one call per posting)."""
    while not matcher._atend:
        yield block_ids(matcher), block_weights(matcher)
        matcher._next_block()


@contextlib.contextmanager
def one_query(searcher: Searcher) -> Iterator[None]:
    """Within it, posting blocks are read through the searcher's cache of decoded blocks."""
    if BLOCK_CACHE_BLOCKS > 0:
        blocks = _BLOCKS.setdefault(searcher, collections.OrderedDict())
    else:
        blocks = collections.OrderedDict()
    token = _QUERY_BLOCKS.set(blocks)
    try:
        yield
    finally:
        _QUERY_BLOCKS.reset(token)
        while len(blocks) > BLOCK_CACHE_BLOCKS:
            blocks.popitem(last=False)


def block_ids(matcher: W3LeafMatcher) -> Sequence[int]:
    """The current block's document numbers, decoded at once."""
    if matcher._ids is None:
        if matcher._data is None:
            blocks = _QUERY_BLOCKS.get()
            key = (id(matcher._postfile), matcher._dataoffset)
            if blocks is None or key not in blocks:
                matcher._read_data()
                if blocks is not None:
                    blocks[key] = matcher._data
            else:
                blocks.move_to_end(key)
                matcher._data = blocks[key]
        data: Any = matcher._data
        matcher._ids = data[0] if matcher._byteids else tuple(itertools.accumulate(data[0]))
    return matcher._ids


def block_weights(matcher: W3LeafMatcher) -> Sequence[float]:
    if matcher._weights is None:
        matcher._read_weights()
    return matcher._weights


def _norms(top: Searcher, leaf: Searcher, leaf_number: int, fieldname: str) -> tuple[bytes, list[float]]:
    """Each page's stored length byte in the segment, and K1 * (1 - B + B * length / average
    length) for each of the 256 byte values (the lengths are stored quantised to a byte), as
    Whoosh computes it for each match; read once per searcher and field."""
    cache = _NORMS.setdefault(top, {})
    key = (leaf_number, fieldname)
    if key not in cache:
        weighting = top.weighting
        b = weighting._field_B.get(fieldname, weighting.B)
        k1 = weighting.K1
        average = top.avg_field_length(fieldname) or 1
        table = [k1 * ((1 - b) + b * length / average) for length in _LENGTH_OF_BYTE]
        cache[key] = (_length_bytes(leaf, fieldname), table)
    return cache[key]


# Whoosh's stored length byte -> the length it stands for (0: none).
_LENGTH_OF_BYTE = [float(byte_to_length(n)) if n else 0.0 for n in range(256)]


def _length_bytes(leaf: Searcher, fieldname: str) -> bytes:
    """Every page's stored length byte of the field in the segment (0 for none), read at once."""
    reader = leaf.reader()
    count = reader.doc_count_all()
    try:
        column = reader._perdoc._cached_reader(f"_{fieldname}_len", _lengths_column())
        raw = bytes(column._dbfile.get(column._basepos, column._count)) if column is not None else b""
    except AttributeError:  # another codec: one at a time
        raw = bytes(
            length_to_byte(int(reader.doc_field_length(doc, fieldname, 0) or 0)) for doc in range(count)
        )
    return raw + bytes(max(count - len(raw), 0))


def field_length(searcher: Searcher, doc: int, fieldname: str) -> float:
    """A page's stored length of the field (0 for none), from the bytes read once per
    searcher, where Whoosh decodes one page's at a time."""
    for leaf_number, (subsearcher, offset) in enumerate(searcher.leaf_searchers()):
        if offset <= doc < offset + subsearcher.doc_count_all():
            raw, _ = _norms(searcher, subsearcher, leaf_number, fieldname)
            return _LENGTH_OF_BYTE[raw[doc - offset]]
    return 0.0


def _lengths_column() -> object:
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN

    return LENGTHS_COLUMN


def holding(searcher: Searcher, query: wq.Query, docnums: Sequence[int]) -> set[int]:
    """Which of these documents match `query` (a term, or an OR of terms): each term's
    postings are searched for them block by block, not run over the whole index."""
    terms = [query] if type(query) is wq.Term else list(query.subqueries) if type(query) is wq.Or else None
    if terms is None or any(type(t) is not wq.Term for t in terms):
        return _holding_by_matcher(searcher, query, docnums)
    found: set[int] = set()
    wanted = sorted(set(docnums))
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        end = offset + reader.doc_count_all()
        local = [doc - offset for doc in wanted if offset <= doc < end]
        if not local:
            continue
        for term in terms:
            if (term.fieldname, searcher.schema[term.fieldname].to_bytes(term.text)) in reader:
                found.update(doc + offset for doc, _ in at_docs(reader, term.fieldname, term.text, local))
    return found


def _holding_by_matcher(searcher: Searcher, query: wq.Query, docnums: Sequence[int]) -> set[int]:
    found: set[int] = set()
    wanted = sorted(docnums)
    for subsearcher, offset in searcher.leaf_searchers():
        end = offset + subsearcher.doc_count_all()
        local = [doc - offset for doc in wanted if offset <= doc < end]
        if not local:
            continue
        matcher = query.matcher(subsearcher, subsearcher.boolean_context())
        for doc in local:
            if not matcher.is_active():
                break
            if matcher.id() < doc:
                matcher.skip_to(doc)
            if matcher.is_active() and matcher.id() == doc:
                found.add(doc + offset)
    return found


def at_docs(reader: Any, name: str, term: str, docs: Sequence[int]) -> Iterator[tuple[int, Any]]:
    """The term's matcher placed on each of `docs` (sorted, in this segment) that holds it:
    whole blocks are skipped by their last document number and the others searched by
    bisection, instead of stepping through every posting before each document."""
    field = reader.schema[name]
    matcher = reader._terms.matcher(name, field.to_bytes(term), field.format)
    deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
    if not isinstance(matcher, W3LeafMatcher):  # postings kept inline with the term
        for doc in docs:
            if not matcher.is_active():
                return
            if matcher.id() < doc:
                matcher.skip_to(doc)
            if matcher.is_active() and matcher.id() == doc and doc not in deleted:
                yield doc, matcher
        return
    for doc in docs:
        while not matcher._atend and matcher.block_max_id() < doc:
            matcher._next_block()
        if matcher._atend:
            return
        ids = block_ids(matcher)
        i = bisect.bisect_left(ids, doc)
        if i < len(ids) and ids[i] == doc and doc not in deleted:
            matcher._i = i
            yield doc, matcher


def positions_at(matcher: Any) -> Sequence[int]:
    """The term's positions in the matcher's current document (Whoosh's decoding, with
    the running sum done in C rather than a Python loop)."""
    if type(matcher.format) is not Positions:
        return matcher.value_as("positions")
    value = matcher.value()
    if not value.endswith(b"."):
        value += b"."
    return list(itertools.accumulate(pickle.loads(value[_INT_SIZE:])))
