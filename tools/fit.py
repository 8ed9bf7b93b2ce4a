"""Fit the ranking's weights on the fit halves of both judged sets (never the held-out ones).

    python tools/fit.py [--rounds 2]

Coordinate search: each parameter in turn takes the value from its grid that gives the best
mean of nDCG@10 over the three fit halves (toolkit queries, questions in people's words and
real manuals) and success@1 on the questions' fit half, less any shortfall of the known-item
rate below 90%, the others held; repeated for a few rounds. Prints the best Ranking; copy its values into pipeline/engine/ranking.py
and check the held-out halves with `make eval`. Needs the manuals (see tools/manuals.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from pipeline.config import load_config  # noqa: E402
from pipeline.engine.ranking import DEFAULT, Ranking  # noqa: E402
from tools.evaluate import (  # noqa: E402
    DEFAULT_CONFIG,
    DEFAULT_PDFS,
    DEFAULT_QUERIES,
    QUESTIONS,
    _ingest_into,
    evaluate,
    load_queries,
)
from tools.manuals import (  # noqa: E402
    KNOWN_ITEM_TARGET,
    half,
    ingest_manuals,
    known_item_success,
    load_manual_queries,
    missing_sources,
    run_cse,
)

GRID: dict[str, tuple[float, ...]] = {
    "k1": (1.2, 2.0, 3.0, 4.0, 6.0),
    "b": (0.3, 0.5, 0.75),
    "title": (2.0, 5.0, 8.0, 12.0, 16.0),
    "headers": (0.0, 0.3, 1.0, 2.0),
    "proximity": (0.0, 0.05, 0.1, 0.25, 0.5),
    "phrase": (0.0, 0.25, 0.35, 0.5, 1.0),
    "coverage": (0.0, 0.05, 0.1, 0.25, 0.5),
    "own_section": (0.0, 0.1, 0.25, 0.5, 1.0),
    "finding_aid": (0.0, 0.25, 0.5, 1.0),
    "meaning": (0.0, 0.25, 0.5, 0.75, 1.0),
    "evidence_margin": (0.1, 0.2, 0.3, 0.5, 1.0),
    "role_words": (0.1, 0.25, 0.5, 1.0),
    "numbers": (0.1, 0.25, 0.5, 1.0),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--toolkit-index", type=Path, help="an ingested sample toolkit (default: ingest one)")
    parser.add_argument("--manuals-index", type=Path, help="the ingested manuals (default: ingest them)")
    args = parser.parse_args(argv)
    if (missing := missing_sources()) is not None:
        print(f"error: {missing}", file=sys.stderr)
        return 2
    toolkit = load_config(DEFAULT_CONFIG, DEFAULT_PDFS)
    toolkit_fit = [q for q in load_queries(DEFAULT_QUERIES) if half(q.query) == "fit"]
    questions_fit = [q for q in load_queries(QUESTIONS) if half(q.query) == "fit"]
    manual_fit = [q for q in load_manual_queries() if half(q.query) == "fit"]
    with tempfile.TemporaryDirectory(prefix="cse-fit-") as temporary:
        toolkit_index = args.toolkit_index or Path(temporary) / "toolkit"
        if args.toolkit_index is None:
            _ingest_into(toolkit_index, toolkit, DEFAULT_PDFS)
        manual_index = args.manuals_index or ingest_manuals(Path(temporary) / "manuals")

        def objective(ranking: Ranking) -> float:
            """Mean of the fit halves' nDCG@10 and the questions' success@1, less any
            shortfall of the known-item rate below its target (a phrase typed without
            quotes must find its page)."""
            ours = evaluate(toolkit_index, toolkit, toolkit_fit, ranking)["ndcg@10"]
            asked = evaluate(toolkit_index, toolkit, questions_fit, ranking)
            theirs = run_cse(manual_index, manual_fit, ranking)["ndcg@10"]
            found, items = known_item_success(manual_index, ranking=ranking)
            shortfall = max(0.0, KNOWN_ITEM_TARGET - found / max(len(items), 1))
            return float(ours + asked["ndcg@10"] + asked["success@1"] + theirs) / 4 - shortfall

        best, best_score = DEFAULT, objective(DEFAULT)
        print(f"start {best_score:.4f} {best}")
        for round_ in range(args.rounds):
            for name, values in GRID.items():
                for value in values:
                    trial = replace(best, **{name: value})
                    if trial == best:
                        continue
                    score = objective(trial)
                    if score > best_score + 1e-4:
                        best, best_score = trial, score
                        print(f"round {round_ + 1}: {name}={value} -> {score:.4f}", flush=True)
        print(f"best {best_score:.4f} {best}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
