"""The ranking model: one score per candidate page from BM25F, term proximity and coverage.

The engine finds the candidates (every page that matches the query) and scores them with
its own BM25; the best RERANK_DEPTH of those are then scored here, from the postings of the
query's words in those pages only, so the model costs a few term look-ups, not a pass over
the index. Every part of the score lies between 0 and 1 before its weight (see Ranking):

- **BM25F** (Robertson & Zaragoza): each query unit's frequency is summed over the fields
  (page text; section title, weighted by how much the word carries the query; running
  headers, weakly) before one saturation, so a title match cannot be counted twice.
- **Proximity** (BM25TP, Rasolofo & Savoy 2003): every pair of different query words
  within PROXIMITY_WINDOW words adds 1/distance² to each; stop words take part in pairs
  ("talk to") but are never scored alone.
- **Order**: the share of neighbouring query words (stop words too) that stand side by
  side on the page, in the order typed (the ordered window of Metzler & Croft's sequential
  dependence model): a phrase typed without quotes finds its page.
- **Coverage**: the share of the query's weight (idf) the page holds: graded, so a page
  missing one incidental word loses little and one missing the main word loses much.

The sum is divided by the query's total idf, so scores of different queries are alike.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from whoosh.searching import Searcher

from pipeline.engine.candidates import field_length, weights_at
from pipeline.engine.postings import at_docs, positions_at
from pipeline.engine.ranking import Ranking

PROXIMITY_WINDOW = 5  # words apart that still count as near (BM25TP's window)
# The in-order share is raised to this power: only a nearly whole phrase counts, not a
# stray "on the" shared with the query.
PHRASE_POWER = 4
# The pages shown first in the model's order; below them, the first page's section's other
# pages scoring at least READ_ON_SHARE of it come next (section_read_on).
READ_ON_AFTER = 3
READ_ON_SHARE = 0.2
# ... and after the first READ_ON_WORDLESS_AFTER pages (and that section's pages read on),
# at most READ_ON_WORDLESS of its pages the search did not match, nearest first.
READ_ON_WORDLESS_AFTER = 5
READ_ON_WORDLESS = 3
TITLE_B = 0.5  # length normalisation of titles (a long title dilutes a match less than a page)


@dataclass(frozen=True)
class Alternative:
    """One way a query unit can appear: a word's stem, or the stems of a multi-word form
    in order ("accident and emergency"), counting `weight` per occurrence."""

    stems: tuple[str, ...]
    weight: float = 1.0


@dataclass(frozen=True)
class Unit:
    """A word of the query (or an abbreviation with its long forms, or a lay word with
    its synonyms), scored as one term."""

    alternatives: tuple[Alternative, ...]
    stop: bool = False  # a stop word: in proximity and phrases only
    concept: str | None = None  # a synonym group tagged at ingest (its occurrences are counted there)
    exact: str | None = None  # the form as typed when its punctuation matters (".Call")
    everyday: bool = False  # an everyday word ("keeps"): no weight from a title match
    typed: tuple[str, ...] = ()  # the words as typed ("No page mentions: ..." names them)
    # How much the word carries a question's meaning, from how common it is in everyday
    # English (search.meaning): 1 for "drinking" or "pharmacy", little for "year" or "old",
    # and for an age or a number.
    meaning: float = 1.0
    asker: bool = False  # names the role searched as ("foster" for a foster carer): who asks, not what
    number: bool = False  # an age, a school year, a count: weak evidence of what is asked
    # Part of an age or a time as people write it ("15 year old", "since friday"): it
    # places what happened, so it is never listed as a word no page mentions (the toolkit
    # says "under 16", not "15").
    incidental: bool = False


@dataclass
class _Counts:
    """What one candidate holds of one unit."""

    content: float = 0.0
    title: float = 0.0
    headers: float = 0.0
    positions: list[int] = field(default_factory=list)
    held: float = 0.0  # 1.0 when the page holds the word typed, an alternative's weight when only that


@dataclass
class _Together:
    """How many candidates hold all the words of a form of several words, and how many
    hold them side by side, in order."""

    with_words: int = 0
    as_phrase: int = 0


@dataclass(frozen=True)
class Scored:
    score: float
    coverage: float  # 1.0: the page holds every unit that carries meaning
    evidence: float = 0.0  # the share of the question's meaning the page holds (see evidence_first)


def score_candidates(
    searcher: Searcher,
    docnums: Sequence[int],
    units: Sequence[Unit],
    ranking: Ranking,
    stored_text: Callable[[int], str],
    extra: Callable[[int], float] = lambda doc: 0.0,
    lift: Callable[[int], float] = lambda doc: 0.0,
    section_of: Callable[[int], str | None] = lambda doc: None,
    yields: Callable[[int], bool] = lambda doc: False,
) -> dict[int, Scored]:
    """The model's score of each candidate page. `stored_text` gives a page's text (read
    only when a unit's punctuation matters); `extra` is a prior in score units (a contents
    page, a configured chapter) and `lift` one in shares of the page's own score (the
    role's own section); these, like the running headers, only reorder pages that answer
    as well (evidence_first)."""
    if not units or not docnums:
        return {doc: Scored(extra(doc), 0.0) for doc in docnums}
    reader = searcher.reader()
    total_docs = max(reader.doc_count(), 1)
    counts, together = _counts(searcher, docnums, units)
    frequencies = [_frequency(reader, unit, tallies) for unit, tallies in zip(units, together, strict=True)]
    # A word no page holds tells no page from another: it is left out of the weights (it
    # would only shrink every score beside the priors).
    meaningful = (
        [i for i, u in enumerate(units) if not u.stop and frequencies[i]]
        or [i for i, u in enumerate(units) if frequencies[i]]
        or list(range(len(units)))
    )
    # A word weighs by how rare it is in the toolkit (idf) and, as much as `ranking.meaning`
    # says, by how much it carries the question in everyday English.
    plain_idf = [_idf_of(frequency, total_docs) for frequency in frequencies]
    idf = [plain * weight_by_meaning(unit, ranking) for plain, unit in zip(plain_idf, units, strict=True)]
    weight_sum = sum(idf[i] for i in meaningful) or 1.0
    # A section title carries the query by the toolkit's own measure: titles are written in
    # everyday words ("Where to get help").
    top_idf = max(plain_idf[i] for i in meaningful) or 1.0
    exact = _exact_counts(docnums, units, stored_text) if ranking.exact_form else {}
    avg_content = max(reader.field_length("content") / total_docs, 1.0)
    avg_title = max(reader.field_length("section_title") / total_docs, 1.0)
    avg_headers = max(_field_length(reader, "headers") / total_docs, 1.0)
    answers: dict[int, tuple[float, float, float, float]] = {}  # doc -> (score, prior, coverage, evidence)
    for doc in docnums:
        per_unit = counts[doc]
        content_norm = 1 - ranking.b + ranking.b * _doc_length(searcher, doc, "content") / avg_content
        title_norm = 1 - TITLE_B + TITLE_B * _doc_length(searcher, doc, "section_title") / avg_title
        headers_norm = 1 - TITLE_B + TITLE_B * _doc_length(searcher, doc, "headers") / avg_headers
        bm25f = 0.0
        with_headers = 0.0
        covered = 0.0
        held = 0.0
        topical = 0.0  # what it holds beyond the words that say who asks
        for i in meaningful:
            found = per_unit[i]
            content = found.content
            if (i, doc) in exact:  # the punctuated form counts fully, the bare word partly
                content = exact[i, doc] + (1 - ranking.exact_form) * max(content - exact[i, doc], 0.0)
            # How much the word carries the query: an everyday word nothing, a common one little.
            carry = 0.0 if units[i].everyday else (plain_idf[i] / top_idf) ** 2
            pseudo = content / content_norm + ranking.title * carry * found.title / title_norm
            header_part = ranking.headers * found.headers / headers_norm
            if pseudo > 0:
                bm25f += idf[i] * pseudo / (ranking.k1 + pseudo)
                held += idf[i] * found.held
                topical += 0.0 if units[i].asker else idf[i] * found.held
            if pseudo + header_part > 0:
                with_headers += idf[i] * (pseudo + header_part) / (ranking.k1 + pseudo + header_part)
                covered += idf[i]
        proximity = _proximity(per_unit, units, idf, meaningful, ranking.k1) if ranking.proximity else 0.0
        coverage = covered / weight_sum
        score = (
            (bm25f + ranking.proximity * proximity) / weight_sum
            + ranking.coverage * coverage
            + ranking.phrase * _in_order(per_unit)
        )
        # What the running headers add: a sign of what the page is about, not an answer. A
        # lift (the own section of the role chosen or implied) needs some of the question
        # beyond the words that say who asks: a college's page that holds only "student"
        # answers nothing.
        lifted = lift(doc)
        if lifted > 0 and not topical:
            lifted = 0.0
        prior = (with_headers - bm25f) / weight_sum + extra(doc) + lifted * score
        answers[doc] = (score, prior, coverage, held / weight_sum)
    if ranking.section:
        answers = _with_section(answers, section_of, ranking.section)
    return evidence_first(answers, ranking.evidence_margin, yields)


def _with_section(
    answers: dict[int, tuple[float, float, float, float]],
    section_of: Callable[[int], str | None],
    share: float,
) -> dict[int, tuple[float, float, float, float]]:
    """Each page gains `share` of the best score among its section's candidate pages, as a
    prior: a section that answers well lifts its other pages that also answer (the
    reader's next page is in the same section), but never above a page holding clearly
    more of the question (evidence_first)."""
    best: dict[str, float] = {}
    for doc, (score, *_) in answers.items():
        section = section_of(doc)
        if section:
            best[section] = max(best.get(section, 0.0), score)
    return {
        doc: (score, prior + share * best.get(section_of(doc) or "", 0.0), coverage, evidence)
        for doc, (score, prior, coverage, evidence) in answers.items()
    }


def section_read_on(
    ordered: Sequence[tuple[float, int]],
    section_of: Callable[[int], str | None],
    after: int = READ_ON_AFTER,
    share: float = READ_ON_SHARE,
    wordless: Callable[[str, int], Sequence[int]] = lambda section, page: (),
) -> list[tuple[float, int]]:
    """(score, page) best first, with the first `after` pages kept where the model put
    them, and below them the other pages of the first page's section that score at least
    `share` of it, before any other section's: a reader who found the answer on one page
    of a section reads on in it, and its other pages each hold part of the answer. The
    first pages are never moved, so another section that answers keeps its place among
    them. A page moved up scores as the best page it passes, so scores still fall.

    Then, below the first READ_ON_WORDLESS_AFTER pages, come up to READ_ON_WORDLESS of the
    section's pages the search did not match (`wordless(section, first page)`, nearest the
    first page first): the rest of the section the answer is in, before pages of other
    sections that merely share a word. Each scores as the page above it."""
    section = section_of(ordered[0][1]) if ordered else None
    if section is None:
        return list(ordered)
    if len(ordered) <= after:
        read_on: list[tuple[float, int]] = []
        others = list(ordered[after:])
    else:
        floor = share * ordered[0][0]
        rest = ordered[after:]
        read_on = [(score, doc) for score, doc in rest if score >= floor and section_of(doc) == section]
        moved = {doc for _, doc in read_on}
        others = [(score, doc) for score, doc in rest if doc not in moved]
    passed = others[0][0] if others else 0.0
    out = [*ordered[:after], *((max(score, passed), doc) for score, doc in read_on), *others]
    unheld = list(wordless(section, ordered[0][1]))[:READ_ON_WORDLESS]
    if unheld:
        at = min(max(READ_ON_WORDLESS_AFTER, after + len(read_on)), len(out))
        above = out[at - 1][0]
        out[at:at] = [(above, doc) for doc in unheld]
    return out


def evidence_first(
    answers: dict[int, tuple[float, float, float, float]],
    margin: float,
    yields: Callable[[int], bool] = lambda doc: False,
) -> dict[int, Scored]:
    """Each page's score with its prior added, where a prior may lift a page only among
    pages that answer as well: never above a page that scored higher on its own and holds
    more of the question's meaning (by more than `margin`), unless that page `yields` (one
    written for the other lay reader). So the role's own section comes first among pages
    about "drinking", but a page of it that never mentions drink or alcohol stays below one
    that does. A prior that lowers a page (a contents page) applies as it is."""
    ordered = sorted(answers.items(), key=lambda item: (-item[1][0], item[0]))
    lowest_by_evidence: dict[float, float] = {}  # evidence -> lowest final score of a page above
    scored: dict[int, Scored] = {}
    for doc, (score, prior, coverage, evidence) in ordered:
        final = score + prior
        if prior > 0 and margin < 1:
            cap = min(
                (lowest for held, lowest in lowest_by_evidence.items() if held > evidence + margin),
                default=final,
            )
            final = max(score, min(final, cap - 1e-9))
        if not yields(doc):
            key = round(evidence, 3)
            lowest_by_evidence[key] = min(lowest_by_evidence.get(key, final), final)
        scored[doc] = Scored(final, coverage, evidence)
    return scored


def weight_by_meaning(unit: Unit, ranking: Ranking) -> float:
    """The share of a unit's idf it keeps: `ranking.numbers` for a number; less for an
    everyday word (as much as `ranking.meaning` says); and `ranking.role_words` of it for a
    word naming the role searched as, which the role's own-section prior already stands for."""
    if unit.number:
        return ranking.numbers
    factor = 1 - ranking.meaning * (1 - unit.meaning)
    return factor * ranking.role_words if unit.asker else factor


def _frequency(reader: object, unit: Unit, together: Sequence[_Together] = ()) -> int:
    """The pages holding the unit's commonest form (a unit is as common as its commonest
    way of appearing). A form of several words is at most as common as its rarest word,
    and only that common if its words stand together wherever they meet: it counts the
    rarest word's pages times the share of the candidates holding all its words that hold
    them as the phrase (`together`, per alternative; none when no candidate holds them
    all). Counted as common as "out", "have it out with" made its lay group ("confront")
    weigh less than any plain word of the query."""
    frequency = 0
    for a, alternative in enumerate(unit.alternatives):
        counted = [reader.doc_frequency("content", s) for s in alternative.stems]  # type: ignore[attr-defined]
        estimate = min(counted) if counted else 0
        if len(alternative.stems) > 1 and a < len(together):
            seen = together[a]
            estimate = round(estimate * seen.as_phrase / max(seen.with_words, 1))
        frequency = max(frequency, estimate)
    if unit.concept:
        frequency = max(frequency, reader.doc_frequency("concepts", unit.concept))  # type: ignore[attr-defined]
    return int(frequency)


def _idf_of(frequency: int, total_docs: int) -> float:
    """BM25's idf."""
    return math.log(1 + (total_docs - frequency + 0.5) / (frequency + 0.5))


def _field_length(reader: object, name: str) -> float:
    try:
        return float(reader.field_length(name))  # type: ignore[attr-defined]
    except KeyError:  # an index written before the field existed
        return 0.0


def _doc_length(searcher: Searcher, doc: int, name: str) -> float:
    return field_length(searcher, doc, name) if name in searcher.schema else 0.0


def _counts(
    searcher: Searcher, docnums: Sequence[int], units: Sequence[Unit]
) -> tuple[dict[int, list[_Counts]], list[list[_Together]]]:
    """Per candidate, per unit: frequency in each field and positions in the page text,
    read from the postings by skipping straight to each candidate; and per unit and
    alternative, how many candidates hold the words of a form of several words, and how
    many hold them as the phrase (a one-word form's tally stays at zero)."""
    tallies = [[_Together() for _ in unit.alternatives] for unit in units]
    wanted = sorted(set(docnums))
    stems = {s for u in units for a in u.alternatives for s in a.stems}
    # Positions count only for proximity and word order (two units or more) and for a form
    # of several words; otherwise a word's frequency on the page is all that is read (no
    # positions decoded: counts.py).
    positional = len(units) > 1 or any(len(a.stems) > 1 for u in units for a in u.alternatives)
    content = _postings(searcher, "content", stems, wanted, positions=positional)
    title = _postings(searcher, "section_title", stems, wanted)
    headers = _postings(searcher, "headers", stems, wanted)
    concepts = {u.concept for u in units if u.concept}
    concept_hits = _postings(searcher, "concepts", concepts, wanted)
    title_concepts = _postings(searcher, "title_concepts", concepts, wanted)
    out: dict[int, list[_Counts]] = {}
    for doc in wanted:
        row = []
        for u, unit in enumerate(units):
            found = _Counts()
            for a, alternative in enumerate(unit.alternatives):
                if len(alternative.stems) == 1:  # one word: its positions and counts as they are
                    stem = alternative.stems[0]
                    held = content.get((stem, doc), ())  # its positions, or as many zeros
                    if positional:
                        found.positions.extend(held)
                    found.content += alternative.weight * len(held)
                    # A title names the section's subject in the toolkit's words: a lay
                    # synonym found there ("concerns" for "worried") is a weaker sign of it
                    # than in the text (its weight counts twice).
                    if (stem, doc) in title:
                        found.title += alternative.weight**2 * len(title[stem, doc])
                    if held or (stem, doc) in title:
                        found.held = max(found.held, alternative.weight)
                    if (stem, doc) in headers:
                        found.headers += alternative.weight * len(headers[stem, doc])
                    continue
                held_words = [content.get((s, doc), ()) for s in alternative.stems]
                starts = _starts(held_words)
                seen = tallies[u][a]
                if starts:
                    seen.as_phrase += 1
                    seen.with_words += 1
                elif all(held_words):
                    seen.with_words += 1
                found.positions.extend(starts)
                found.content += alternative.weight * len(starts)
                in_title = all((s, doc) in title for s in alternative.stems)
                if starts or in_title:
                    found.held = max(found.held, alternative.weight)
                if in_title:
                    found.title += alternative.weight**2 * min(len(title[s, doc]) for s in alternative.stems)
                if all((s, doc) in headers for s in alternative.stems):
                    found.headers += alternative.weight * min(len(headers[s, doc]) for s in alternative.stems)
            if unit.concept:  # tagged at ingest with case and plural rules: trust its count
                found.content = max(found.content, float(len(concept_hits.get((unit.concept, doc), ()))))
                found.title = max(found.title, float(len(title_concepts.get((unit.concept, doc), ()))))
                if found.content or found.title:
                    found.held = 1.0
            found.positions.sort()
            row.append(found)
        out[doc] = row
    return out, tallies


def _postings(
    searcher: Searcher, name: str, terms: Iterable[str], docs: Sequence[int], positions: bool = False
) -> dict[tuple[str, int], tuple[int, ...]]:
    """(term, doc) -> positions (or a tuple as long as the frequency) for the given docs."""
    found: dict[tuple[str, int], tuple[int, ...]] = {}
    if name not in searcher.schema:
        return found
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        end = offset + reader.doc_count_all()
        local = [doc - offset for doc in docs if offset <= doc < end]
        if not local:
            continue
        for term in terms:
            if (name, term) not in reader:
                continue
            if not positions:
                for doc, weight in weights_at(reader, name, term, local):
                    found[term, doc + offset] = (0,) * max(int(weight), 1)
                continue
            for doc, matcher in at_docs(reader, name, term, local):
                found[term, doc + offset] = tuple(positions_at(matcher))
    return found


def _starts(positions: list[tuple[int, ...]]) -> list[int]:
    """Where the words stand one after another (all of one word's positions for one word)."""
    if not positions or not positions[0]:
        return []
    if len(positions) == 1:
        return list(positions[0])
    later = [set(p) for p in positions[1:]]
    return [p for p in positions[0] if all(p + i + 1 in s for i, s in enumerate(later))]


def _proximity(
    per_unit: list[_Counts], units: Sequence[Unit], idf: list[float], meaningful: list[int], k1: float
) -> float:
    """BM25TP: pairs of different units within the window, each adding 1/d² to both; a
    unit's accumulated closeness is saturated like a term frequency and weighted by idf."""
    events = sorted((p, i) for i, found in enumerate(per_unit) for p in found.positions)
    closeness = [0.0] * len(units)
    for a, (position, unit) in enumerate(events):
        for other_position, other in events[a + 1 :]:
            distance = other_position - position
            if distance > PROXIMITY_WINDOW:
                break
            if other == unit or distance == 0 or (units[unit].stop and units[other].stop):
                continue
            closeness[unit] += 1 / distance**2
            closeness[other] += 1 / distance**2
    return sum(idf[i] * closeness[i] / (k1 + closeness[i]) for i in meaningful if closeness[i])


def _in_order(per_unit: list[_Counts]) -> float:
    """The share of the query's neighbouring words (stop words too, in the order typed)
    that stand side by side on the page: a phrase typed without quotes finds its page."""
    if len(per_unit) < 2:
        return 0.0
    adjacent = sum(
        1
        for before, after in zip(per_unit, per_unit[1:], strict=False)
        if before.positions
        and after.positions
        and not set(after.positions).isdisjoint(p + 1 for p in before.positions)
    )
    return float(adjacent / (len(per_unit) - 1)) ** PHRASE_POWER


def _exact_counts(
    docnums: Sequence[int], units: Sequence[Unit], stored_text: Callable[[int], str]
) -> dict[tuple[int, int], float]:
    """(unit, doc) -> occurrences of the unit's punctuated form as typed (".Call")."""
    patterns = {
        i: re.compile(rf"(?<![\w.]){re.escape(u.exact)}(?![\w])", re.I)
        for i, u in enumerate(units)
        if u.exact
    }
    if not patterns:
        return {}
    counts: dict[tuple[int, int], float] = {}
    for doc in docnums:
        text = stored_text(doc)
        for i, pattern in patterns.items():
            counts[i, doc] = float(len(pattern.findall(text)))
    return counts
