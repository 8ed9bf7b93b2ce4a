"""Snippets: the stretch of a page where the query's words are densest, matches marked.

Written for speed rather than taken from the engine: a regular expression finds the
candidate words (those sharing a stem's first letters) in C, and only those are stemmed
and checked, so a snippet costs well under a millisecond even on a long page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

MATCH_START, MATCH_END = "\x02", "\x03"  # never in indexed text (extraction strips controls)
WIDTH = 240  # characters of context in a snippet


class Snippeter:
    """Marks the query's words (by stem) and any synonym forms (as written) in page text."""

    def __init__(self, stems: Iterable[str], stem: Callable[[str], str], forms: Iterable[str] = ()) -> None:
        self.stems = {s for s in stems if s}
        self.stem = stem
        prefixes = sorted({s[: max(3, len(s) - 1)] for s in self.stems}, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<![\w&])(?:" + "|".join(re.escape(p) for p in prefixes) + r")[\w&]*", re.I)
            if prefixes
            else None
        )
        phrases = sorted({f for f in forms if f.strip()}, key=len, reverse=True)
        self.forms = (
            re.compile(
                r"(?<![\w&])(?:"
                + "|".join(r"[\s-]+".join(map(re.escape, f.split())) for f in phrases)
                + r")s?(?![\w&])",
                re.I,
            )
            if phrases
            else None
        )

    def snippet(self, text: str) -> str:
        """Up to WIDTH characters around the densest matches, on word boundaries."""
        text = " ".join(text.split())
        spans = self._matches(text)
        if not spans:
            return _cut(text, 0, WIDTH)
        best_start, best_count = spans[0][0], 0
        for i, (start, _) in enumerate(spans):  # the window starting at each match
            count = sum(1 for s, e in spans[i:] if e <= start + WIDTH)
            if count > best_count:
                best_start, best_count = start, count
        start = max(0, best_start - WIDTH // 4)
        window_start, window_end = _word_bounds(text, start, start + WIDTH)
        out, cursor = [], window_start
        for s, e in spans:
            if s >= window_start and e <= window_end:
                out.append(text[cursor:s] + MATCH_START + text[s:e] + MATCH_END)
                cursor = e
        out.append(text[cursor:window_end])
        return ("… " if window_start > 0 else "") + "".join(out) + (" …" if window_end < len(text) else "")

    def _matches(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        if self.forms is not None:
            spans.extend(m.span() for m in self.forms.finditer(text))
        if self.pattern is not None:
            spans.extend(
                m.span() for m in self.pattern.finditer(text) if self.stem(m.group().lower()) in self.stems
            )
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:  # overlapping: keep the longer reach
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, min(end, len(text))


def _cut(text: str, start: int, end: int) -> str:
    s, e = _word_bounds(text, start, end)
    return text[s:e] + (" …" if e < len(text) else "")
