"""Text normalisation shared by extraction and search: what the index sees and snippets show."""

from __future__ import annotations

import re
import unicodedata

_SOFT_HYPHEN = "\u00ad"
# A word broken at a line end: "exploit-\nation" -> "exploitation". Only when the next line
# starts in lower case, so "A&E -\nEmergency" or "self-\nHarm" style breaks stay as they are.
_LINE_END_HYPHEN = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def normalise_line(text: str) -> str:
    """One line as it should be indexed: ligatures unfolded, odd spaces and controls gone."""
    text = unicodedata.normalize("NFKC", text).replace(_SOFT_HYPHEN, "")
    text = _CONTROL.sub("", text.replace("\r", ""))
    return _SPACES.sub(" ", text).strip()


def join_lines(lines: list[str]) -> str:
    """Lines to running text, re-joining words hyphenated across a line break."""
    return _LINE_END_HYPHEN.sub("", "\n".join(line for line in lines if line))


def fold(text: str) -> str:
    """Case- and space-insensitive form used to compare headings with titles."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"[^\w&']+", " ", text).strip()


def readable_ratio(text: str) -> float:
    """Share of non-space characters that are letters, digits or common punctuation.

    Pages whose fonts have no usable Unicode map extract as glyph garbage; a low ratio
    says the text layer cannot be trusted (the page needs OCR).
    """
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    good = sum(1 for c in chars if c.isalnum() or c in ".,;:!?'\"()-&/%£$€@#*+=[]<>–—‘’“”…")
    return good / len(chars)
