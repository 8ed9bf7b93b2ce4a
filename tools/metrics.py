"""Ranking metrics shared by both judged sets (tools/evaluate.py, tools/manuals.py)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

K = 10
METRICS = ("ndcg@10", "mrr@10", "recall@10", "success@1", "success@3")


def dcg(gains: Iterable[float]) -> float:
    """Discounted cumulative gain: the gain at rank r counts gain / log2(r + 1)."""
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def summarise(per_query: list[dict[str, Any]]) -> dict[str, Any]:
    """Means of each metric over the queries, with the per-query rows kept."""
    count = len(per_query)
    results: dict[str, Any] = {m: sum(q[m] for q in per_query) / count if count else 0.0 for m in METRICS}
    results["queries"] = count
    results["per_query"] = per_query
    return results


def split(results: dict[str, Any], half_of: Callable[[str], str], which: str) -> dict[str, Any]:
    """The results restricted to one half of the queries ("fit" or "held-out")."""
    return summarise([q for q in results["per_query"] if half_of(q["query"]) == which])


def asked_subset(results: dict[str, Any], which: str) -> dict[str, Any]:
    """The results of the queries asked with a role ("with a role"), without one
    ("without a role"), or all of them ("all")."""
    if which == "all":
        return results
    with_role = which == "with a role"
    return summarise([q for q in results["per_query"] if bool(q.get("role")) == with_role])
