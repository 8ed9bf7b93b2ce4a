"""The ranking model's parameters, in one frozen value, so the evaluation can switch each
factor off and measure what it is worth (tools/evaluate.py prints one line per factor).

The model itself is in scoring.py. The weights were fitted on the fit halves of both judged
sets (tests/eval/queries.yaml and tests/eval/manuals/queries.yaml) by `tools/fit.py`, with
the known-item rate held at 90% or more, and checked on the held-out halves (`make eval`).
The fit gave graded coverage no weight: BM25F's sum over the query's words already rewards
a page for each word it holds, by that word's idf, and on both sets an extra reward for
holding every word only pushed up pages that hold them by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Ranking:
    """Parameters of the score; each factor's weight multiplies a signal between 0 and 1."""

    k1: float = 4.0  # BM25 term-frequency saturation
    b: float = 0.5  # BM25 length normalisation of the page text
    title: float = 12.0  # BM25F weight of a section-title match (times how much the word carries)
    headers: float = 2.0  # BM25F weight of running-header words (what the page is about)
    proximity: float = 0.1  # BM25TP term proximity: query words close together
    phrase: float = 0.35  # share of the query's neighbouring words side by side, in order
    coverage: float = 0.0  # share of the query's weight that the page holds (fitted to 0: see below)
    # Not fitted: the judged sets hold almost no lay words, so the fit is indifferent to it;
    # a lay synonym counts half as much as the word typed, by design.
    synonyms: float = 0.5  # a lay synonym counts this much of the word typed ("drunk" ~ alcohol)
    exact_form: float = (
        0.75  # share of a bare word's matches lost when the query's punctuation (".Call") is missing
    )
    own_section: float = 0.6  # the page is in the searching role's own section
    finding_aid: float = 0.5  # a contents or index page loses this much (scores are mostly 0..2)

    def without(self, factor: str) -> Ranking:
        """The same model with one factor switched off."""
        return replace(self, **{factor: 0.0})


DEFAULT = Ranking()
# The factors the evaluation switches off one at a time (k1 and b are shape, not factors).
FACTORS = (
    "title",
    "headers",
    "proximity",
    "phrase",
    "coverage",
    "synonyms",
    "exact_form",
    "own_section",
    "finding_aid",
)
