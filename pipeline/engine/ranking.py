"""The ranking model's parameters, in one frozen value, so the evaluation can switch each
factor off and measure what it is worth (tools/evaluate.py prints one line per factor)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Ranking:
    """Score factors on top of the engine's field-weighted BM25."""

    every_word: float = 2.0  # the page has every word of the query
    nearby: float = 1.5  # ... and they stand close together
    section_title: float = 4.0  # weight of the section title field against the text's 1.0
    own_section: float = 2.0  # the page is in the searching role's own section

    def without(self, factor: str) -> Ranking:
        """The same model with one factor switched off."""
        return replace(self, **{factor: OFF[factor]})


DEFAULT = Ranking()
# The neutral value of each factor: a multiplier of 1, a field weight of 0.
OFF = {"every_word": 1.0, "nearby": 1.0, "section_title": 0.0, "own_section": 1.0}
FACTORS = tuple(f.name for f in fields(Ranking))
