"""Measure search quality against the judged queries in tests/eval/queries.yaml.

    python tools/evaluate.py [--index DIR] [--config PATH] [--pdfs DIR] [--queries PATH]
                             [--json] [--verbose]

Without --index, the PDFs (default: the sample toolkit in pdfs/) are ingested into a
temporary index first. Every query is run through `pipeline.search.search` exactly as
`cse-search QUERY [--role R] --limit 10` runs it (with the config's synonyms and role aliases), and scored:

- MRR@10: mean over queries of 1/rank of the first hit whose section is relevant
  (0 when none of the top 10 is).
- nDCG@10: graded gains (2 for a judged page of a relevant section, 1 for another page of
  a relevant section, 0 otherwise), discounted by log2(rank + 1), divided by the DCG of the
  ideal ranking of every page of the relevant sections.
- recall@10: mean over queries of the share of relevant sections among the top 10 hits.

See tests/eval/README.md for how the queries were judged and how to update the baseline.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as `python tools/evaluate.py` without installing the package
    sys.path.insert(0, str(REPO))

from pipeline.config import Toolkit, load_config  # noqa: E402
from pipeline.engine.asker import implied_scope  # noqa: E402
from pipeline.engine.index import stored_pages  # noqa: E402
from pipeline.engine.names import find_role  # noqa: E402
from pipeline.engine.ranking import DEFAULT, FACTORS, Ranking  # noqa: E402
from pipeline.engine.scope import Scope, role_scope  # noqa: E402
from pipeline.engine.search import search  # noqa: E402
from pipeline.engine.store import IndexStore  # noqa: E402
from pipeline.engine.synonyms import from_toolkit  # noqa: E402
from pipeline.errors import CseError, QuerySyntaxError  # noqa: E402
from pipeline.ingest.manifest import load_manifest  # noqa: E402
from tools.bm25_baseline import NAME as BASELINE_NAME  # noqa: E402
from tools.bm25_baseline import Bm25Baseline, Doc  # noqa: E402
from tools.manuals import (  # noqa: E402
    half,
    ingest_manuals,
    known_item_success,
    load_manual_queries,
    manual_rows,
    missing_sources,
)
from tools.metrics import (  # noqa: E402,F401 (dcg: for tests)
    METRICS,
    K,
    asked_subset,  # noqa: E402
    dcg,
    split,
    summarise,
)

DEFAULT_CONFIG = REPO / "config" / "toolkit.yaml"
DEFAULT_PDFS = REPO / "pdfs"
DEFAULT_QUERIES = REPO / "tests" / "eval" / "queries.yaml"
# Questions in people's own words, two thirds asked with a role (issue 22).
QUESTIONS = REPO / "tests" / "eval" / "questions.yaml"
# A fresh set of such questions that nobody tuning the ranking has read: only ever measured,
# as a whole, and never listed question by question (its header says why).
FRESH = REPO / "tests" / "eval" / "questions-fresh.yaml"
# A second set of the same kind, written later: only ever measured, as a whole.
FRESH2 = REPO / "tests" / "eval" / "questions-fresh2.yaml"
FRESH3 = REPO / "tests" / "eval" / "questions-fresh3.yaml"
# The sets only ever measured, with the titles `make eval` prints them under.
MEASURED_ONLY = {
    FRESH: "Fresh questions, only measured",
    FRESH2: "Second fresh set, only measured",
    FRESH3: "Third fresh set, only measured",
}
# Questions asked without a role, the ranking's weak side: a development set, tuned on.
NO_ROLE = REPO / "tests" / "eval" / "questions-no-role.yaml"
# A second development set of such questions, with and without a role, tuned on.
DEV = REPO / "tests" / "eval" / "questions-dev.yaml"
DEV3 = REPO / "tests" / "eval" / "questions-dev3.yaml"
DEV4 = REPO / "tests" / "eval" / "questions-dev4.yaml"
DEV5 = REPO / "tests" / "eval" / "questions-dev5.yaml"
DEV6 = REPO / "tests" / "eval" / "questions-dev6.yaml"
DEV7 = REPO / "tests" / "eval" / "questions-dev7.yaml"
DEV8 = REPO / "tests" / "eval" / "questions-dev8.yaml"
DEV9 = REPO / "tests" / "eval" / "questions-dev9.yaml"
DEV11 = REPO / "tests" / "eval" / "questions-dev11.yaml"  # the tenth is questions-fresh3.yaml
DEV12 = REPO / "tests" / "eval" / "questions-dev12.yaml"
DEV13 = REPO / "tests" / "eval" / "questions-dev13.yaml"
# The development sets `make eval` prints whole, in the order they were written: tuned on.
DEVELOPMENT_SETS = (
    (NO_ROLE, "Questions without a role, tuned on"),
    (DEV, "Second development set, tuned on"),
    (DEV3, "Third development set, tuned on"),
    (DEV4, "Fourth development set, tuned on"),
    (DEV5, "Fifth development set, tuned on"),
    (DEV6, "Sixth development set, tuned on"),
    (DEV7, "Seventh development set, tuned on"),
    (DEV8, "Eighth development set, tuned on"),
    (DEV9, "Ninth development set, tuned on"),
    (DEV11, "Eleventh development set, tuned on"),
    (DEV12, "Twelfth development set, tuned on"),
    (DEV13, "Thirteenth development set, tuned on"),
)
QUERY_KEYS = {"query", "role", "relevant", "note"}
JUDGEMENT_KEYS = {"section", "pages"}


@dataclass(frozen=True)
class Judgement:
    """One relevant section, and the printed pages of it that answer the query best."""

    section: str
    pages: tuple[str, ...]


@dataclass(frozen=True)
class JudgedQuery:
    """A query as a user types it, the role it is run as (if any), and what answers it."""

    query: str
    relevant: tuple[Judgement, ...]
    role: str | None = None
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.query} [role: {self.role}]" if self.role else self.query


@dataclass(frozen=True)
class QueryScore:
    """How one query ranked: its metrics, the first relevant rank and the top hits."""

    query: str
    role: str | None
    first_relevant_rank: int | None
    reciprocal_rank: float
    ndcg: float
    recall: float
    top: tuple[str, ...] = ()  # "section p.page" of the hits, best first
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "role": self.role,
            "first_relevant_rank": self.first_relevant_rank,
            "reciprocal_rank": round(self.reciprocal_rank, 4),
            "mrr@10": round(self.reciprocal_rank, 4),
            "ndcg@10": round(self.ndcg, 4),
            "recall@10": round(self.recall, 4),
            "success@1": 1.0 if self.first_relevant_rank == 1 else 0.0,
            "success@3": 1.0
            if self.first_relevant_rank is not None and self.first_relevant_rank <= 3
            else 0.0,
            "top": list(self.top),
            "error": self.error,
        }


class QueriesError(ValueError):
    """The queries file is malformed; the message lists every problem with its place."""


@dataclass
class _Problems:
    items: list[str] = field(default_factory=list)

    def add(self, place: str, message: str) -> None:
        self.items.append(f"{place}: {message}")


# ----------------------------------------------------------------------------- loading
def load_queries(path: Path) -> list[JudgedQuery]:
    """Read and check the shape of a queries file; raise QueriesError listing every problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise QueriesError(f"{path}: cannot read the queries file: {exc}") from None
    if not isinstance(data, list):
        raise QueriesError(f"{path}: expected a list of queries")
    problems = _Problems()
    queries = []
    for i, item in enumerate(data):
        query = _judged_query(item, f"{path.name}[{i}]", problems)
        if query is not None:
            queries.append(query)
    if problems.items:
        raise QueriesError("\n".join(problems.items))
    return queries


def _judged_query(item: object, place: str, problems: _Problems) -> JudgedQuery | None:
    if not isinstance(item, dict):
        problems.add(place, "expected a mapping with query and relevant")
        return None
    for key in sorted(set(item) - QUERY_KEYS, key=str):
        problems.add(f"{place}.{key}", "unknown key")
    text, role, note = item.get("query"), item.get("role"), item.get("note", "")
    if not isinstance(text, str) or not text.strip():
        problems.add(f"{place}.query", "a non-empty string is needed")
        return None
    if role is not None and (not isinstance(role, str) or not role.strip()):
        problems.add(f"{place}.role", "a role id, title or alias, or null")
        role = None
    if not isinstance(note, str):
        problems.add(f"{place}.note", "a string is needed")
    relevant = item.get("relevant")
    if not isinstance(relevant, list) or not relevant:
        problems.add(f"{place}.relevant", "a non-empty list of {section, pages} is needed")
        return None
    judgements = []
    for j, entry in enumerate(relevant):
        where = f"{place}.relevant[{j}]"
        if not isinstance(entry, dict):
            problems.add(where, "expected a mapping with section and pages")
            continue
        for key in sorted(set(entry) - JUDGEMENT_KEYS, key=str):
            problems.add(f"{where}.{key}", "unknown key")
        section, pages = entry.get("section"), entry.get("pages", [])
        if not isinstance(section, str) or not section:
            problems.add(f"{where}.section", "a section id is needed")
            continue
        if not isinstance(pages, list) or not all(isinstance(p, str | int) for p in pages):
            problems.add(f"{where}.pages", 'a list of printed page labels is needed, e.g. ["74"]')
            continue
        judgements.append(Judgement(section, tuple(str(p) for p in pages)))
    sections = [j.section for j in judgements]
    if len(set(sections)) != len(sections):
        problems.add(f"{place}.relevant", "a section is listed twice")
    return JudgedQuery(text, tuple(judgements), role, note if isinstance(note, str) else "")


def section_pages(index_dir: Path) -> dict[str, tuple[str, ...]]:
    """Printed page labels of every section (and chapter introduction), from the ingest manifest."""
    manifest = load_manifest(IndexStore(index_dir).current())
    if manifest is None:
        raise CseError(f"no ingest manifest in {index_dir}: run `cse-toolkit ingest` first")
    pages: dict[str, tuple[str, ...]] = {}
    for info in manifest.sections:
        record = manifest.files.get(info.file)
        if record is None:
            continue
        labels = record.page_labels[info.first_pdf_page - 1 : info.last_pdf_page]
        pages[info.id] = tuple(labels)
    return pages


def check_queries(
    queries: Sequence[JudgedQuery], toolkit: Toolkit, pages: dict[str, tuple[str, ...]]
) -> list[str]:
    """Problems with the judgements against a config and an index: unknown sections or
    roles, pages outside their section, sections the query's role cannot see, duplicates."""
    problems = _Problems()
    seen: set[tuple[str, str | None]] = set()
    for i, query in enumerate(queries):
        place = f"queries[{i}] ({query.label!r})"
        key = (query.query.casefold(), query.role.casefold() if query.role else None)
        if key in seen:
            problems.add(place, "the same query (and role) is judged twice")
        seen.add(key)
        scope = None
        if query.role is not None:
            try:
                scope = role_scope(toolkit, find_role(toolkit, query.role))
            except CseError as exc:
                problems.add(f"{place}.role", exc.message)
        for judgement in query.relevant:
            where = f"{place} section {judgement.section!r}"
            found = toolkit.section(judgement.section)
            if found is None:
                problems.add(where, "no such section in the config")
                continue
            if scope is not None and not scope.allows(found[0].number, judgement.section):
                problems.add(where, f"the role {query.role!r} cannot see this section")
            printed = pages.get(judgement.section)
            if printed is None:
                problems.add(where, "the section is not in the index")
                continue
            for page in judgement.pages:
                if page not in printed:
                    problems.add(
                        where, f"page {page} is outside the section (pages {printed[0]}-{printed[-1]})"
                    )
    return problems.items


# ----------------------------------------------------------------------------- scoring
def score_ranking(
    query: JudgedQuery,
    hits: Sequence[tuple[str | None, str]],
    pages: dict[str, tuple[str, ...]],
    k: int = K,
) -> QueryScore:
    """Score ranked hits, each (section id, printed page), against the query's judgements."""
    grade2 = {(j.section, p) for j in query.relevant for p in j.pages}
    relevant = {j.section for j in query.relevant}
    top = list(hits)[:k]
    first = next((rank for rank, (section, _) in enumerate(top, start=1) if section in relevant), None)
    seen: set[tuple[str | None, str]] = set()
    gains = []
    for hit in top:
        section, _ = hit
        gain = 0 if hit in seen or section not in relevant else (2 if hit in grade2 else 1)
        seen.add(hit)
        gains.append(gain)
    ideal: list[int] = []
    for judgement in query.relevant:
        listed = set(judgement.pages)
        section_labels = pages.get(judgement.section, judgement.pages)
        ideal.extend(
            2 if page in listed else 1 for page in dict.fromkeys((*judgement.pages, *section_labels))
        )
    ideal_dcg = dcg(sorted(ideal, reverse=True)[:k])
    found_sections = {section for section, _ in top} & relevant
    return QueryScore(
        query=query.query,
        role=query.role,
        first_relevant_rank=first,
        reciprocal_rank=1.0 / first if first else 0.0,
        ndcg=dcg(gains) / ideal_dcg if ideal_dcg else 0.0,
        recall=len(found_sections) / len(relevant),
        top=tuple(f"{section or '-'} p.{page}" for section, page in top),
    )


def evaluate(
    index_dir: Path, toolkit: Toolkit, queries: Sequence[JudgedQuery], ranking: Ranking = DEFAULT
) -> dict[str, Any]:
    """Run every judged query against the index at `index_dir` (an index root, as
    `--index` takes) and return the mean metrics and a score per query.

    Keys: each of METRICS (floats in 0..1), "queries" (the count) and "per_query" (a list
    of dicts, in the order of `queries`).
    """
    pages = section_pages(index_dir)
    search_dir = IndexStore(index_dir).search_dir()
    scores = []
    for query in queries:
        # as `ask` does: asked as nobody, a question that speaks as a parent lifts their pages
        scope = (
            role_scope(toolkit, find_role(toolkit, query.role))
            if query.role
            else implied_scope(toolkit, query.query)
        )
        try:
            result = search(
                search_dir,
                query.query,
                scope=scope,
                limit=K,
                synonyms=from_toolkit(toolkit),
                ranking=ranking,
                read_on=True,
            )
        except QuerySyntaxError as exc:  # a query the engine refuses scores zero, with the reason
            scores.append(QueryScore(query.query, query.role, None, 0.0, 0.0, 0.0, error=exc.message))
            continue
        scores.append(score_ranking(query, [(hit.section, hit.page) for hit in result.hits], pages))
    return summarise([s.as_dict() for s in scores])


def evaluate_baseline(index_dir: Path, toolkit: Toolkit, queries: Sequence[JudgedQuery]) -> dict[str, Any]:
    """The same queries and scoring, answered by plain BM25 over the same indexed text
    (a role's query sees only what the role may see, as in cse-search)."""
    pages = section_pages(index_dir)
    engine = Bm25Baseline(
        Doc(
            (fields.get("section") or None, str(fields["page"]), str(fields.get("chapter", ""))),
            str(fields["content"]),
        )
        for fields in stored_pages(IndexStore(index_dir).search_dir())
    )
    scores = []
    for query in queries:
        scope = role_scope(toolkit, find_role(toolkit, query.role)) if query.role else None

        def allowed(key: tuple[object, ...], scope: Scope | None = scope) -> bool:
            chapter = str(key[2])
            return scope is None or scope.allows(int(chapter) if chapter else None, str(key[0] or ""))

        found = engine.search(query.query, K, allowed)
        scores.append(score_ranking(query, [(str(k[0]) if k[0] else None, str(k[1])) for k in found], pages))
    return summarise([s.as_dict() for s in scores])


# ------------------------------------------------------------------------------- output
def format_report(results: dict[str, Any], verbose: bool = False, lines_of: str = "fit") -> str:
    """The metrics as text; with `verbose`, a line per query of the half `lines_of` (worst first)."""
    lines = []
    if verbose:
        lines.extend(query_lines(results, lines_of))
        lines.append("")
    lines.append(f"queries    {results['queries']}")
    for metric in METRICS:
        lines.append(f"{metric:<10} {results[metric]:.4f}")
    return "\n".join(lines)


def query_lines(results: dict[str, Any], which: str = "fit") -> list[str]:
    """A line per query of the half `which` ("fit", "held-out" or "all"), worst first:
    first relevant rank, nDCG, recall, what came first. The fit half by default: the
    held-out half is for measuring, and a list of its misses invites tuning on them."""
    rows = sorted(
        (q for q in results["per_query"] if which == "all" or half(q["query"]) == which),
        key=lambda q: (q["reciprocal_rank"], q["ndcg@10"], q["recall@10"], q["query"]),
    )
    lines = []
    for row in rows:
        rank = row["first_relevant_rank"]
        label = f"{row['query']} [role: {row['role']}]" if row.get("role") else row["query"]
        first = row["error"] or (row["top"][0] if row["top"] else "no hits")
        lines.append(
            f"{('rank ' + str(rank)) if rank else 'not found':>9}  "
            f"nDCG {row['ndcg@10']:.2f}  recall {row['recall@10']:.2f}  "
            f"{label!r}  (first: {first})"
        )
    return lines


HEADS = {
    "ndcg@10": "nDCG@10",
    "mrr@10": "MRR@10",
    "recall@10": "rec@10",
    "success@1": "succ@1",
    "success@3": "succ@3",
}
HALVES = ("held-out", "fit", "all")


def comparison_table(
    title: str, rows: list[tuple[str, dict[str, Any]]], half_of: Callable[[str], str]
) -> str:
    """One line per system (cse-search, the baseline, cse-search with a factor off), with
    the four metrics on the held-out half, the fit half and all queries."""
    first = rows[0][1]["per_query"]
    counts = {h: sum(1 for q in first if half_of(q["query"]) == h) for h in HALVES[:2]}
    out = [f"{title}: {len(first)} queries ({counts['fit']} fit, {counts['held-out']} held-out)"]
    block = " ".join(f"{HEADS[m]:>7}" for m in METRICS)
    out.append(f"{'':<34}" + "  ".join(f"{h:-^31}" for h in HALVES))
    out.append(f"{'system':<34}" + "  ".join(block for _ in HALVES))
    for name, results in rows:
        cells = []
        for which in HALVES:
            part = results if which == "all" else split(results, half_of, which)
            cells.append(" ".join(f"{part[m]:>7.3f}" for m in METRICS))
        out.append(f"{name:<34}" + "  ".join(cells))
    return "\n".join(out)


QUESTION_METRICS = ("ndcg@10", "success@1", "success@3")
ASKED = ("all", "with a role", "without a role")


def questions_table(
    title: str, rows: list[tuple[str, dict[str, Any]]], half_of: Callable[[str], str] | None
) -> str:
    """nDCG@10, success@1 and success@3 on each half, for all the questions and for those
    asked with and without a role: cse-search and the baseline in full, each factor
    switched off over all the questions. Without `half_of`, over all the questions only
    (a set that is only measured has no half to tune on)."""
    first = rows[0][1]["per_query"]
    roles = sum(1 for q in first if q["role"])
    out = [f"{title}: {len(first)} questions, {roles} with a role"]
    halves: tuple[str, ...] = HALVES[2:]
    if half_of is not None:
        counts = {h: sum(1 for q in first if half_of(q["query"]) == h) for h in HALVES[:2]}
        out[0] += f" ({counts['fit']} fit, {counts['held-out']} held-out)"
        halves = HALVES
    block = " ".join(f"{HEADS[m]:>7}" for m in QUESTION_METRICS)
    width = len(block)
    out.append(f"{'':<50}" + "  ".join(f"{h:-^{width}}" for h in halves))
    out.append(f"{'system':<34}{'asked':<16}" + "  ".join(block for _ in halves))
    # A set asked only without a role (or only with one) has no line for the other kind.
    asked = ASKED if 0 < roles < len(first) else ASKED[:1]
    for index, (name, results) in enumerate(rows):
        for which in asked if index < 2 else asked[:1]:
            chosen = asked_subset(results, which)
            cells = []
            for part_name in halves:
                part = chosen if half_of is None or part_name == "all" else split(chosen, half_of, part_name)
                cells.append(" ".join(f"{part[m]:>7.3f}" for m in QUESTION_METRICS))
            label = name if which == "all" else ""
            out.append(f"{label:<34}{which:<16}" + "  ".join(cells))
    return "\n".join(out)


def questions_report(index_dir: Path, toolkit: Toolkit, verbose: bool, lines_of: str = "fit") -> str:
    """The questions set: cse-search against plain BM25 (same role filter), by half and by
    whether a role was chosen."""
    rows = toolkit_rows(index_dir, toolkit, checked_queries(QUESTIONS, toolkit, index_dir))
    lines = []
    if verbose:
        lines.extend(
            [f"Questions set ({lines_of}), cse-search, worst first:", *query_lines(rows[0][1], lines_of), ""]
        )
    lines.append(questions_table(f"Questions in people's words ({QUESTIONS.name})", rows, half))
    return "\n".join(lines)


def whole_set_report(index_dir: Path, toolkit: Toolkit, path: Path, title: str) -> str:
    """A set of questions measured whole, not by halves: cse-search against plain BM25 (same
    role filter), over all of them and by whether a role was chosen (`--queries PATH
    --verbose` lists a development set's questions one by one)."""
    rows = search_rows(index_dir, toolkit, checked_queries(path, toolkit, index_dir))
    return questions_table(f"{title} ({path.name})", rows, None)


def fresh_report(index_dir: Path, toolkit: Toolkit, path: Path = FRESH) -> str:
    """A set of fresh questions, whole; never a line per question, so that their misses are
    not read while tuning."""
    return whole_set_report(index_dir, toolkit, path, MEASURED_ONLY[path])


def checked_queries(path: Path, toolkit: Toolkit, index_dir: Path) -> list[JudgedQuery]:
    """A judged set read and checked against the config and the index; QueriesError lists
    every problem."""
    queries = load_queries(path)
    problems = check_queries(queries, toolkit, section_pages(index_dir))
    if problems:
        raise QueriesError("\n".join(problems))
    return queries


def _ingest_into(index_dir: Path, toolkit: Toolkit, pdfs_dir: Path) -> None:
    from pipeline.ingest.runner import ingest  # pulls in the PDF libraries: only when needed

    report = ingest(toolkit, pdfs_dir, IndexStore(index_dir))
    if report.failures:
        raise CseError("; ".join(str(failure) for failure in report.failures))


def toolkit_rows(
    index_dir: Path, toolkit: Toolkit, queries: Sequence[JudgedQuery]
) -> list[tuple[str, dict[str, Any]]]:
    """cse-search, the plain BM25 baseline, then cse-search with each factor switched off."""
    rows = search_rows(index_dir, toolkit, queries)
    rows.extend(
        (f"  without {factor}", evaluate(index_dir, toolkit, queries, DEFAULT.without(factor)))
        for factor in FACTORS
    )
    return rows


def search_rows(
    index_dir: Path, toolkit: Toolkit, queries: Sequence[JudgedQuery]
) -> list[tuple[str, dict[str, Any]]]:
    """cse-search and the plain BM25 baseline over the same pages and role filter."""
    return [
        ("cse-search", evaluate(index_dir, toolkit, queries)),
        (BASELINE_NAME, evaluate_baseline(index_dir, toolkit, queries)),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit code (0 ok, 2 usage or input error)."""
    parser = argparse.ArgumentParser(description="Measure search quality against the judged queries.")
    parser.add_argument(
        "--index", type=Path, help="an ingested index (default: ingest --pdfs into a temporary one)"
    )
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="the toolkit configuration")
    parser.add_argument(
        "--pdfs", type=Path, default=DEFAULT_PDFS, help="PDFs to ingest when --index is not given"
    )
    parser.add_argument("--queries", type=Path, default=DEFAULT_QUERIES, help="the judged queries")
    parser.add_argument("--json", action="store_true", help="print cse-search's results as one JSON object")
    parser.add_argument(
        "--verbose", action="store_true", help="a line per query with its first relevant rank"
    )
    parser.add_argument(
        "--half",
        dest="lines_of",
        choices=("fit", "held-out", "all"),
        default="fit",
        help="whose queries --verbose lists (default: the fit half, the one to tune on)",
    )
    parser.add_argument(
        "--compare",
        action="store_true",
        help="both judged sets, cse-search against plain BM25 and with each ranking factor off",
    )
    args = parser.parse_args(argv)
    if (args.verbose or args.json) and args.queries.resolve() in MEASURED_ONLY:
        print(
            f"error: {args.queries.name} is only measured as a whole: run it without --verbose and --json",
            file=sys.stderr,
        )
        return 2
    try:
        toolkit = load_config(args.config, args.pdfs)
        queries = load_queries(args.queries)
        with tempfile.TemporaryDirectory(prefix="cse-eval-") as temporary:
            index_dir = args.index
            if index_dir is None:
                index_dir = Path(temporary) / "index"
                _ingest_into(index_dir, toolkit, args.pdfs)
            problems = check_queries(queries, toolkit, section_pages(index_dir))
            if problems:
                raise QueriesError("\n".join(problems))
            if args.compare:
                rows = toolkit_rows(index_dir, toolkit, queries)
                if args.verbose:
                    print(
                        "\n".join(
                            [
                                f"Toolkit set ({args.lines_of}), cse-search, worst first:",
                                *query_lines(rows[0][1], args.lines_of),
                                "",
                            ]
                        )
                    )
                print(comparison_table(f"Toolkit set ({args.queries.name})", rows, half))
                print()
                print(questions_report(index_dir, toolkit, args.verbose, args.lines_of))
                print()
                for path, title in DEVELOPMENT_SETS:
                    print(whole_set_report(index_dir, toolkit, path, title))
                    print()
                for fresh in MEASURED_ONLY:
                    print(fresh_report(index_dir, toolkit, fresh))
                    print()
                print(manuals_report(Path(temporary) / "manuals", args.verbose, args.lines_of))
                return 0
            results = evaluate(index_dir, toolkit, queries)
    except CseError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    except (QueriesError, ValueError) as exc:
        print(f"error: the judged queries are not valid:\n{exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(results, indent=1, ensure_ascii=False))
    else:
        print(format_report(results, args.verbose, args.lines_of))
    return 0


def manuals_report(work: Path, verbose: bool, lines_of: str = "fit") -> str:
    """The real-manuals set: the same comparison, and the known-item test; or why it was skipped."""
    missing = missing_sources()
    if missing is not None:
        return f"Real-manuals set: SKIPPED ({missing})"
    index_dir = ingest_manuals(work)
    queries = load_manual_queries()
    rows = manual_rows(index_dir, queries)
    lines = []
    if verbose:
        lines.extend(
            [
                f"Real-manuals set ({lines_of}), cse-search, worst first:",
                *query_lines(rows[0][1], lines_of),
                "",
            ]
        )
    lines.append(comparison_table("Real-manuals set (tests/eval/manuals/queries.yaml)", rows, half))
    found, items = known_item_success(index_dir)
    share = found / len(items) if items else 0.0
    base_found, _ = known_item_success(index_dir, baseline=True)
    lines.append(
        f"known-item phrases without quotes, found first: cse-search {found}/{len(items)} ({share:.0%}, "
        f"target 90%); {BASELINE_NAME} {base_found}/{len(items)}"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
