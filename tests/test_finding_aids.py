"""A line that points to a page (structure._POINTER: dot leaders to a page number, or
"term, 12, 45-47") is only searched for where it can end so (structure.POINTER_ENDS):
every character the pattern's last class matches, ignoring case, is in it and no other,
and on every line of the sample toolkit and on odd lines the filter keeps every line the
pattern finds."""

from __future__ import annotations

import re
import sys

from pipeline.ingest.structure import _POINTER, POINTER_ENDS
from tests.conftest import SAMPLE_PDFS

LINES = [
    "Grooming ........ 12",
    "Contents . . . . . xiv",
    "Index . . . iv ",
    "consent, 4, 12-14",
    "consent, 4, 12–14 \t",
    "Chapter 1 ...... İ",
    "Chapter 1 ...... ı",
    "no pointer here",
    "ends with a comma, ",
    "a, 1\n",
    "",
]


def test_the_ends_are_the_patterns_last_class() -> None:
    last = re.compile(r"[0-9ivxlc]", re.I)
    every = (chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)
    assert {c for c in every if last.fullmatch(c)} == POINTER_ENDS


def test_the_filter_keeps_every_line_the_pattern_finds() -> None:
    from pipeline.ingest.extract import extract_pdf

    lines = list(LINES)
    for path in sorted(SAMPLE_PDFS.glob("*.pdf")):
        lines.extend(line.text for page in extract_pdf(path, path.name).pages for line in page.lines)
    found = [t for t in lines if _POINTER.search(t)]
    assert len(found) >= 5
    assert [t for t in lines if t.rstrip()[-1:] in POINTER_ENDS and _POINTER.search(t)] == found
