"""Every page a query matches, with the engine's BM25 score, read from whole posting blocks.

The model (scoring.py) re-ranks the best RERANK_DEPTH matches, but the answer also needs
the total, so every match must be found and given the engine's score. Whoosh does that one
posting at a time through a tree of matcher objects (about 17 microseconds a match: 110 ms
for a three-word query matching 6,400 of 10,000 pages). Here the same BM25F score is
summed term by term over each term's whole posting list (its blocks are decoded at once,
by postings.py, the one module that reads Whoosh's internals),
with each page's length normalisation computed once per index generation, so a match costs
a dictionary update. Word queries, OR, AND and NOT are evaluated here; anything else (a
phrase, an uncapped wildcard) is scored by Whoosh's own matcher for that part only.

The scores are Whoosh's formula with its statistics (idf and average lengths from the
whole index, the quantised page lengths it stores); only the order in which a page's terms
are added may differ from Whoosh's matcher tree, by a rounding in the last bit.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Iterator, Sequence
from typing import Any

from whoosh import query as wq
from whoosh.searching import Searcher

from pipeline.engine.counts import pages_and_freqs
from pipeline.engine.postings import (
    LENGTH_OF_BYTE,
    at_docs,
    block_id_runs,
    blocks,
    field_b,
    in_blocks,
    length_bytes,
    matcher,
    pattern_words,
    positions_at,
    postings,
)

Scores = dict[int, float]  # global document number -> engine score

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
    phrase: the sum of its words' scores. Only the pages holding every word are scored, and
    each word's positions are read only where the words before it stand together."""
    field = top.schema[fieldname] if fieldname in top.schema else None  # noqa: SIM401 (a Schema has no get)
    if field is None or not words or not field.format or not field.format.supports("positions"):
        return _by_whoosh(top, leaf, wq.Phrase(fieldname, list(words)))
    held = _pages_holding_all(top, leaf, fieldname, words)
    parts = [_term(top, leaf, leaf_number, fieldname, word, held) for word in words]
    smallest = min(parts, key=len)
    common = sorted(set(smallest).intersection(*(part for part in parts if part is not smallest)))
    if not common:
        return {}
    reader = leaf.reader()
    # Word by word, where the words so far stand side by side: each next word's positions
    # are read only in the pages still holding the phrase's start (a deleted page is not
    # read at all, so it drops out).
    starts = {doc: set(positions_at(m)) for doc, m in at_docs(reader, fieldname, words[0], common)}
    for offset, word in enumerate(words[1:], start=1):
        if not starts:
            break
        following: dict[int, set[int]] = {}
        for doc, m in at_docs(reader, fieldname, word, sorted(starts)):
            at = frozenset(positions_at(m))
            kept = {p for p in starts[doc] if p + offset in at}
            if kept:
                following[doc] = kept
        starts = following
    scores: Scores = {}
    for doc in common:
        if doc in starts:
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
    words = [word for word in pattern_words(query, reader) if word]
    if not words:
        return {}
    if len(words) == 1:
        return _term(top, leaf, leaf_number, query.fieldname, words[0])
    if len(words) == 2 or len(words) >= wq.Or.TOO_MANY_CLAUSES or leaf.doc_count_all() > 5000:
        return _by_whoosh(top, leaf, query)
    field = top.schema[query.fieldname]
    pages: set[int] = set()
    for word in words:
        kept = pages_and_freqs(reader, query.fieldname, word)
        if kept is not None:
            pages.update(kept[0])
            continue
        found = matcher(reader, query.fieldname, word, field.format)
        if in_blocks(found):
            for ids in block_id_runs(found):
                pages.update(ids)
        else:
            while found.is_active():
                pages.add(found.id())
                found.next()
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


def _pages_holding_all(
    top: Searcher, leaf: Searcher, fieldname: str, words: Sequence[str]
) -> list[int] | None:
    """The segment's pages holding every word (ascending), from their page lists
    (counts.py), rarest word first, each later one searched by bisection; None when a
    word's pages are only in Whoosh's blocks."""
    reader = leaf.reader()
    field = top.schema[fieldname]
    lists = []
    for word in words:
        try:
            btext = field.to_bytes(word)
        except ValueError:
            return []
        if (fieldname, btext) not in reader:
            return []
        kept = pages_and_freqs(reader, fieldname, btext)
        if kept is None:
            return None
        lists.append(kept[0])
    lists.sort(key=len)
    common = list(lists[0])
    for pages in lists[1:]:
        at, end, kept_here = 0, len(pages), []
        for doc in common:
            at = bisect.bisect_left(pages, doc, at, end)
            if at == end:
                break
            if pages[at] == doc:
                kept_here.append(doc)
        common = kept_here
        if not common:
            break
    return common


def _term(
    top: Searcher,
    leaf: Searcher,
    leaf_number: int,
    fieldname: str,
    text: object,
    only: list[int] | None = None,
) -> Scores:
    """BM25F of one term in every page of the segment that holds it (Whoosh's formula);
    with `only` (ascending), in those of its pages only (a phrase's pages holding every
    word: a common word's thousands of other pages are never scored)."""
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
    kept = pages_and_freqs(reader, fieldname, btext)
    if kept is not None and only is not None:
        pages, freqs = kept
        scores: Scores = {}
        at, end = 0, len(pages)
        for doc in only:
            at = bisect.bisect_left(pages, doc, at, end)
            if at < end and pages[at] == doc:
                tf = freqs[at]
                scores[doc] = idf * ((tf * k1_plus) / (tf + norm[raw[doc]]))
        return scores
    if kept is not None:  # pages and frequencies without positions (counts.py)
        return {doc: idf * ((tf * k1_plus) / (tf + norm[raw[doc]])) for doc, tf in zip(*kept, strict=True)}
    found = matcher(reader, fieldname, btext, field.format)
    if in_blocks(found):  # one comprehension over whole blocks
        return {
            doc: idf * ((tf * k1_plus) / (tf + norm[raw[doc]]))
            for ids, weights in blocks(found)
            for doc, tf in zip(ids, weights, strict=True)
        }
    listed = postings(reader, fieldname, btext, field.format)
    return {doc: idf * ((tf * k1_plus) / (tf + norm[raw[doc]])) for doc, tf in listed}


def _norms(top: Searcher, leaf: Searcher, leaf_number: int, fieldname: str) -> tuple[bytes, list[float]]:
    """Each page's stored length byte in the segment, and K1 * (1 - B + B * length / average
    length) for each of the 256 byte values (the lengths are stored quantised to a byte), as
    Whoosh computes it for each match; read once per searcher and field."""
    cache = _NORMS.setdefault(top, {})
    key = (leaf_number, fieldname)
    if key not in cache:
        weighting = top.weighting
        b = field_b(weighting, fieldname)
        k1 = weighting.K1
        average = top.avg_field_length(fieldname) or 1
        table = [k1 * ((1 - b) + b * length / average) for length in LENGTH_OF_BYTE]
        cache[key] = (length_bytes(leaf, fieldname), table)
    return cache[key]


def field_length(searcher: Searcher, doc: int, fieldname: str) -> float:
    """A page's stored length of the field (0 for none), from the bytes read once per
    searcher, where Whoosh decodes one page's at a time."""
    lengths = _LENGTHS.setdefault(searcher, {})
    raw = lengths.get(fieldname)
    if raw is None:  # every segment's length bytes, in the index's numbering
        raw = lengths[fieldname] = b"".join(
            _norms(searcher, subsearcher, leaf_number, fieldname)[0][: subsearcher.doc_count_all()]
            for leaf_number, (subsearcher, _) in enumerate(searcher.leaf_searchers())
        )
    return LENGTH_OF_BYTE[raw[doc]] if 0 <= doc < len(raw) else 0.0


# Per open searcher: each field's length bytes of every page, in the index's numbering.
_LENGTHS: weakref.WeakKeyDictionary[Searcher, dict[str, bytes]] = weakref.WeakKeyDictionary()


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
                found.update(doc + offset for doc, _ in weights_at(reader, term.fieldname, term.text, local))
    return found


def weights_at(reader: Any, name: str, term: str, docs: Sequence[int]) -> Iterator[tuple[int, float]]:
    """(document, weight) for each of `docs` (sorted, in this segment, not deleted) that
    holds the term: found by bisection in its pages (counts.py), or in its blocks."""
    field = reader.schema[name]
    kept = pages_and_freqs(reader, name, field.to_bytes(term))
    if kept is None:
        for doc, found in at_docs(reader, name, term, docs):
            yield doc, found.weight()
        return
    pages, freqs = kept
    deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
    at, end = 0, len(pages)
    for doc in docs:
        at = bisect.bisect_left(pages, doc, at, end)
        if at == end:
            return
        if pages[at] == doc and doc not in deleted:
            yield doc, freqs[at]


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


# Per open searcher (one index generation): each page's section id. About 10,000 entries
# at 10,000 pages, read once from the section field's page lists (no stored fields).
_SECTIONS: weakref.WeakKeyDictionary[Searcher, dict[int, str]] = weakref.WeakKeyDictionary()


def section_of(searcher: Searcher) -> dict[int, str]:
    """Page (global document number) -> its section id, for the pages that have one."""
    known = _SECTIONS.get(searcher)
    if known is None:
        known = {}
        for subsearcher, offset in searcher.leaf_searchers():
            reader = subsearcher.reader()
            field = reader.schema["section"]
            for btext in reader.lexicon("section"):
                if not btext:  # pages outside any section (a document not catalogued)
                    continue
                kept = pages_and_freqs(reader, "section", btext)
                docs = kept[0] if kept is not None else reader.postings("section", btext).all_ids()
                name = field.from_bytes(btext)
                known.update((doc + offset, name) for doc in docs)
        _SECTIONS[searcher] = known
    return known


def term_pages(searcher: Searcher, name: str, text: str) -> list[int]:
    """The pages (global document numbers) holding a term, deleted ones included."""
    found: list[int] = []
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        btext = reader.schema[name].to_bytes(text)
        if (name, btext) not in reader:
            continue
        kept = pages_and_freqs(reader, name, btext)
        docs = kept[0] if kept is not None else reader.postings(name, btext).all_ids()
        found.extend(doc + offset for doc in docs)
    return found


_PAGES_OF: weakref.WeakKeyDictionary[Searcher, dict[str, tuple[int, ...]]] = weakref.WeakKeyDictionary()


def pages_of_section(searcher: Searcher) -> dict[str, tuple[int, ...]]:
    """Section id -> its pages (global document numbers, in index order, deleted ones left
    out): section_of read the other way, once per open searcher."""
    known = _PAGES_OF.get(searcher)
    if known is None:
        reader = searcher.reader()
        grouped: dict[str, list[int]] = {}
        for doc, section in section_of(searcher).items():
            if not reader.is_deleted(doc):
                grouped.setdefault(section, []).append(doc)
        known = {section: tuple(sorted(docs)) for section, docs in grouped.items()}
        _PAGES_OF[searcher] = known
    return known
