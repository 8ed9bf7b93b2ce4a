"""Tagging page text with synonym concepts at ingest (issue 17: the tagging tries at each word
start only the forms that start with its two letters, instead of one alternation of every
form at every word start): the same concepts, once per occurrence, in text order."""

from __future__ import annotations

from pipeline.engine.synonyms import Synonyms, concept_id

SYNONYMS = Synonyms([("children's homes", "care homes")])
TEXT = (
    "Go to A&E (accident-and-emergency) or see a GP; GPs and general practitioners; "
    "a&e is not an abbreviation here, nor is gp. Children’s homes, childrens homes and "
    "Care Homes. Child Sexual   Exploitation, CSE's signs, "
    "\u212aelvin-sign text, xCSE, CSEx, cse."
)


def _concept(form: str) -> str:
    group = SYNONYMS.group_of(form)
    assert group is not None, form
    return concept_id(group)


def test_tags_are_each_form_found_once_per_occurrence_in_text_order() -> None:
    expected = [
        _concept(form)
        for form in (
            "A&E",
            "accident and emergency",
            "GP",
            "GP",
            "general practitioner",
            "children's homes",
            "children's homes",
            "care homes",
            "CSE",
            "CSE",
        )
    ]
    assert SYNONYMS.tag(TEXT) == expected


def test_tags_match_the_whole_pattern_scanned_at_every_position() -> None:
    """The definition: what one pattern of every form finds scanning the text position by
    position (a non-ASCII letter that matches an ASCII one when case is ignored included)."""
    whole = [SYNONYMS.group_of(m.group(0)) for m in SYNONYMS.text_pattern.finditer(TEXT)]  # type: ignore[union-attr]
    assert SYNONYMS.tag(TEXT) == [concept_id(g) for g in whole if g is not None]
