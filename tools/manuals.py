"""The second judged set: real software manuals that nobody here wrote (Debian's packages).

The PDFs are read where Debian installs them and never copied into the repository:

    apt-get install -y r-doc-pdf gnuplot-doc

Without them, everything here reports what is missing and the evaluation skips this set.
The queries (tests/eval/manuals/queries.yaml) were judged by reading the pages with
`pdftotext -f N -l N`; each judgement names the file, the physical page (1-based position
in the file, whatever its printed label) and a grade: 2 answers the query, 1 helps.

They are ingested as uncatalogued documents (`chapters: []`), as a board that has not
written a config yet would have them.
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pipeline.engine.ranking import DEFAULT, FACTORS, Ranking
from tools.bm25_baseline import NAME as BASELINE
from tools.bm25_baseline import Bm25Baseline, Doc
from tools.metrics import K, dcg, summarise

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "tests" / "eval" / "manuals" / "queries.yaml"
# (Debian package, installed path); the file's name is its name in the PDFs directory.
SOURCES: tuple[tuple[str, Path], ...] = (
    ("r-doc-pdf", Path("/usr/share/doc/r-doc-pdf/manual/R-intro.pdf")),
    ("r-doc-pdf", Path("/usr/share/doc/r-doc-pdf/manual/R-data.pdf")),
    ("r-doc-pdf", Path("/usr/share/doc/r-doc-pdf/manual/R-FAQ.pdf")),
    ("r-doc-pdf", Path("/usr/share/doc/r-doc-pdf/manual/R-lang.pdf")),
    ("gnuplot-doc", Path("/usr/share/doc/gnuplot/gnuplot.pdf")),
)
QUERY_KEYS = {"query", "relevant", "note"}
JUDGEMENT_KEYS = {"file", "page", "grade"}
KNOWN_ITEM_WORDS = 6  # words in a known-item phrase
KNOWN_ITEM_EVERY = 9  # one phrase from every this many pages
KNOWN_ITEM_TARGET = 0.9  # share of phrases whose page must come first


@dataclass(frozen=True)
class PageJudgement:
    file: str
    pdf_page: int
    grade: int  # 2 answers the query, 1 helps


@dataclass(frozen=True)
class ManualQuery:
    query: str
    relevant: tuple[PageJudgement, ...]
    note: str = ""

    def grades(self) -> dict[tuple[str, int], int]:
        return {(j.file, j.pdf_page): j.grade for j in self.relevant}


def missing_sources() -> str | None:
    """None when every manual is installed, else a message saying how to install them."""
    missing = [(package, path) for package, path in SOURCES if not path.is_file()]
    if not missing:
        return None
    packages = " ".join(sorted({package for package, _ in missing}))
    where = ", ".join(str(path) for _, path in missing)
    return f"the real-manuals set needs {where}: apt-get install -y {packages}"


def link_sources(pdfs_dir: Path) -> None:
    """Copy the installed manuals into a PDFs directory (a temporary one)."""
    pdfs_dir.mkdir(parents=True, exist_ok=True)
    for _, path in SOURCES:
        shutil.copyfile(path, pdfs_dir / path.name)


def load_manual_queries(path: Path = QUERIES) -> list[ManualQuery]:
    """Read the judged queries; raise ValueError listing every problem with its place."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems: list[str] = []
    names = {p.name for _, p in SOURCES}
    queries: list[ManualQuery] = []
    seen: set[str] = set()
    for i, item in enumerate(data if isinstance(data, list) else []):
        place = f"{path.name}[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("query"), str):
            problems.append(f"{place}: a mapping with a query is needed")
            continue
        problems.extend(f"{place}.{key}: unknown key" for key in sorted(set(item) - QUERY_KEYS))
        if item["query"].casefold() in seen:
            problems.append(f"{place}: {item['query']!r} is judged twice")
        seen.add(item["query"].casefold())
        judgements = []
        for j, entry in enumerate(item.get("relevant") or []):
            where = f"{place}.relevant[{j}]"
            if not isinstance(entry, dict) or set(entry) != JUDGEMENT_KEYS:
                problems.append(f"{where}: needs exactly file, page and grade")
                continue
            if entry["file"] not in names:
                problems.append(f"{where}.file: {entry['file']!r} is not one of the manuals")
            if not isinstance(entry["page"], int) or entry["page"] < 1:
                problems.append(f"{where}.page: a physical page number (1-based) is needed")
            if entry["grade"] not in (1, 2):
                problems.append(f"{where}.grade: 1 (helps) or 2 (answers)")
            judgements.append(PageJudgement(entry["file"], entry["page"], entry["grade"]))
        if not any(j.grade == 2 for j in judgements):
            problems.append(f"{place}.relevant: at least one page of grade 2 is needed")
        queries.append(ManualQuery(item["query"], tuple(judgements), str(item.get("note", ""))))
    if not isinstance(data, list):
        problems.append(f"{path.name}: expected a list of queries")
    if problems:
        raise ValueError("\n".join(problems))
    return queries


def half(query: str) -> str:
    """'fit' or 'held-out', from a hash of the query text: deterministic, and a query
    keeps its half when others are added."""
    return "fit" if int(hashlib.sha1(query.encode()).hexdigest(), 16) % 2 == 0 else "held-out"


@dataclass(frozen=True)
class KnownItem:
    """A phrase taken from a page, typed without quotes; any page holding it is right."""

    query: str
    file: str
    pdf_page: int


_PROSE = re.compile(r"[A-Za-z][a-z]+(?: [A-Za-z][a-z]+)+")


def known_items(pages: Sequence[dict[str, object]], every: int = KNOWN_ITEM_EVERY) -> list[KnownItem]:
    """Phrases of KNOWN_ITEM_WORDS plain words from every `every`-th page, chosen with a
    fixed seed so the list is the same on every run."""
    chooser = random.Random(13)
    items = []
    ordered = sorted(pages, key=lambda p: (str(p["file"]), int(str(p["pdf_page"]))))
    for fields in ordered[::every]:
        text = " ".join(str(fields["content"]).split())
        runs = [m.group(0).split() for m in _PROSE.finditer(text)]
        windows = [
            run[i : i + KNOWN_ITEM_WORDS] for run in runs for i in range(len(run) - KNOWN_ITEM_WORDS + 1)
        ]
        if windows:
            words = chooser.choice(windows)
            items.append(KnownItem(" ".join(words), str(fields["file"]), int(str(fields["pdf_page"]))))
    return items


def holds_phrase(text: str, phrase: str) -> bool:
    return phrase.casefold() in " ".join(text.split()).casefold()


# ----------------------------------------------------------------------------- running
def ingest_manuals(work: Path) -> Path:
    """Copy the manuals into `work`/pdfs and ingest them, uncatalogued, into `work`/index."""
    from pipeline.config import load_config
    from pipeline.engine.store import IndexStore
    from pipeline.ingest.runner import ingest

    pdfs, index = work / "pdfs", work / "index"
    link_sources(pdfs)
    config = work / "toolkit.yaml"
    config.write_text("chapters: []\n", encoding="utf-8")
    report = ingest(load_config(config, pdfs), pdfs, IndexStore(index))
    if report.failures:
        raise RuntimeError("; ".join(str(failure) for failure in report.failures))
    return index


def score_pages(query: ManualQuery, hits: Sequence[tuple[str, int]], k: int = K) -> dict[str, Any]:
    """One query's metrics for hits given as (file, physical page), best first. A page hit
    twice (two sections of one page) gains once."""
    grades = query.grades()
    top = list(hits)[:k]
    seen: set[tuple[str, int]] = set()
    gains = []
    for hit in top:
        gains.append(0 if hit in seen else grades.get(hit, 0))
        seen.add(hit)
    first = next((rank for rank, gain in enumerate(gains, start=1) if gain > 0), None)
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    found = {hit for hit in top if grades.get(hit, 0) > 0}
    return {
        "query": query.query,
        "role": None,
        "first_relevant_rank": first,
        "reciprocal_rank": 1.0 / first if first else 0.0,
        "ndcg@10": dcg(gains) / ideal if ideal else 0.0,
        "mrr@10": 1.0 / first if first else 0.0,
        "recall@10": len(found) / len(grades) if grades else 0.0,
        "success@1": 1.0 if first == 1 else 0.0,
        "success@3": 1.0 if first is not None and first <= 3 else 0.0,
        "top": [f"{file} p{page}" for file, page in top],
        "error": None,
    }


def run_cse(index_dir: Path, queries: Sequence[ManualQuery], ranking: Ranking = DEFAULT) -> dict[str, Any]:
    from pipeline.engine.search import search
    from pipeline.engine.store import IndexStore

    search_dir = IndexStore(index_dir).search_dir()
    rows = []
    for query in queries:
        result = search(search_dir, query.query, limit=K, ranking=ranking, read_on=True)
        rows.append(score_pages(query, [(hit.file, hit.pdf_page) for hit in result.hits]))
    return summarise(rows)


def baseline_engine(index_dir: Path) -> Bm25Baseline:
    from pipeline.engine.index import stored_pages
    from pipeline.engine.store import IndexStore

    return Bm25Baseline(
        Doc((str(fields["file"]), int(str(fields["pdf_page"]))), str(fields["content"]))
        for fields in stored_pages(IndexStore(index_dir).search_dir())
    )


def run_baseline(index_dir: Path, queries: Sequence[ManualQuery]) -> dict[str, Any]:
    engine = baseline_engine(index_dir)
    rows = []
    for query in queries:
        keys = engine.search(query.query, K)
        rows.append(score_pages(query, [(str(key[0]), int(str(key[1]))) for key in keys]))
    return summarise(rows)


def manual_rows(index_dir: Path, queries: Sequence[ManualQuery]) -> list[tuple[str, dict[str, Any]]]:
    """cse-search, the plain BM25 baseline, then cse-search with each factor switched off."""
    rows = [("cse-search", run_cse(index_dir, queries)), (BASELINE, run_baseline(index_dir, queries))]
    rows.extend(
        (f"  without {factor}", run_cse(index_dir, queries, DEFAULT.without(factor))) for factor in FACTORS
    )
    return rows


def known_item_success(
    index_dir: Path, baseline: bool = False, ranking: Ranking = DEFAULT
) -> tuple[int, list[KnownItem]]:
    """How many known-item phrases find a page holding them first, of how many."""
    from pipeline.engine.index import stored_pages
    from pipeline.engine.search import search
    from pipeline.engine.store import IndexStore

    search_dir = IndexStore(index_dir).search_dir()
    pages = stored_pages(search_dir)
    text = {(str(p["file"]), int(str(p["pdf_page"]))): str(p["content"]) for p in pages}
    items = known_items(pages)
    engine = baseline_engine(index_dir) if baseline else None
    found = 0
    for item in items:
        if engine is not None:
            keys = engine.search(item.query, 1)
            first = (str(keys[0][0]), int(str(keys[0][1]))) if keys else None
        else:
            hits = search(search_dir, item.query, limit=1, ranking=ranking).hits
            first = (hits[0].file, hits[0].pdf_page) if hits else None
        if first is not None and holds_phrase(text.get(first, ""), item.query):
            found += 1
    return found, items
