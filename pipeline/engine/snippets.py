"""Snippets: the stretch of a page where the query's words are densest, matches marked.

A heading keeps a line of its own ("Pharmacies\nCommunity pharmacies are…"), so it never
runs into the text below it; everything else is one line of running prose.

Written for speed rather than taken from the engine: a regular expression finds the
candidate words (those sharing a stem's first letters) in C, and only those are stemmed
and checked, so a snippet costs well under a millisecond even on a long page.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable

MATCH_START, MATCH_END = "\x02", "\x03"  # never in indexed text (extraction strips controls)
WIDTH = 240  # characters of context in a snippet
HEADING_MAX_CHARS = 80
HEADING_MAX_WORDS = 12
_SENTENCE_END = (".", "!", "?", ":", "…", '."', ".”", ".)")
_NOT_HEADING_END = (".", ",", ";", ":", "!", "?", "…", "-", "–", "\u2014")
_WHITESPACE = re.compile(r"\s")
_WORD_CHAR = re.compile(r"[\w&]")
# Every character str.split() treats as a space, but the space and the line break.
_OTHER_SPACES = tuple(
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def flow(text: str) -> str:
    """Page text as one line of prose, except that each heading stands on its own line.

    A heading is a short line that starts with a capital or a digit, does not end as a
    sentence or a clause does, follows the start of the page, a finished sentence or
    another heading, and is followed by a line that starts a sentence.
    """
    lines = _lines(text)
    count = len(lines)
    # A line can be a heading only after the start, a finished sentence or a heading.
    starts = {0, *(i + 1 for i, line in enumerate(lines) if line.endswith(_SENTENCE_END))}
    headings: list[int] = []
    for i, line in enumerate(lines):
        if (
            (i in starts or (headings and headings[-1] == i - 1))
            and _heading_shape(line)
            and (i + 1 == count or _starts_sentence(lines[i + 1]))
        ):
            headings.append(i)
    if not headings:
        return " ".join(lines)
    # A heading has a line break before and after it; other lines are joined by a space.
    breaks = sorted({b for h in headings for b in (h, h + 1) if 0 < b < count})
    pieces, start = [], 0
    for b in breaks:
        pieces.append(" ".join(lines[start:b]))
        start = b
    pieces.append(" ".join(lines[start:]))
    return "\n".join(pieces)


def _lines(text: str) -> list[str]:
    """The text's non-empty lines, each with its spaces collapsed and trimmed."""
    if (
        "  " in text
        or " \n" in text
        or "\n " in text
        or text[:1] == " "
        or text[-1:] == " "
        or any(space in text for space in _OTHER_SPACES)
    ):
        return [line for line in map(" ".join, map(str.split, text.splitlines())) if line]
    return [line for line in text.split("\n") if line]  # already so (extracted text mostly is)


def is_heading(line: str) -> bool:
    """Whether a line of `flow`'s output is one of the headings it set apart (its other
    lines are prose, which ends as a sentence does or runs long)."""
    return bool(line) and _heading_shape(line)


def _heading_shape(line: str) -> bool:
    """Short, starting with a capital or a digit, not ending as a sentence or clause does."""
    return (
        len(line) <= HEADING_MAX_CHARS
        and len(line.split()) <= HEADING_MAX_WORDS
        and (line[0].isupper() or line[0].isdigit())
        and not line.endswith(_NOT_HEADING_END)
    )


def _starts_sentence(line: str) -> bool:
    """The line after a heading starts a sentence, a list item or a quotation."""
    return line[0].isupper() or line[0].isdigit() or line[0] in '•*-–"“'


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
        # The same patterns for lower-cased text, without the look-behind at their start:
        # Python's regular expressions then skip quickly to each candidate's first letters,
        # where a leading look-behind makes them try every position (3x slower on a page).
        self._fast_pattern = (
            re.compile(r"(?:" + "|".join(re.escape(p.lower()) for p in prefixes) + r")[\w&]*")
            if prefixes
            else None
        )
        self._fast_forms = (
            re.compile(
                r"(?:"
                + "|".join(r"[\s-]+".join(map(re.escape, f.lower().split())) for f in phrases)
                + r")s?(?![\w&])"
            )
            if phrases
            else None
        )

    def snippet(self, text: str, flowed: str | None = None) -> str:
        """Up to WIDTH characters around the densest matches, on word boundaries
        (`flowed`: the text already passed through `flow`)."""
        text = flow(text) if flowed is None else flowed
        spans = self.matches(text)
        if not spans:
            return _cut(text, 0, WIDTH)
        best_start, best_count = spans[0][0], 0
        ends = [e for _, e in spans]  # sorted: the spans are sorted and do not overlap
        for i, (start, _) in enumerate(spans):  # the window starting at each match
            count = bisect.bisect_right(ends, start + WIDTH, i) - i
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

    def matches(self, text: str) -> list[tuple[int, int]]:
        """Where the query's words and forms stand in `text`: sorted, non-overlapping spans."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lower case is longer: positions would move
            return self._matches_slowly(text)
        spans: list[tuple[int, int]] = []
        if self._fast_forms is not None:
            spans.extend(_at_word_starts(self._fast_forms, lowered))
        if self._fast_pattern is not None:
            spans.extend(
                (s, e)
                for s, e in _at_word_starts(self._fast_pattern, lowered)
                if self.stem(lowered[s:e]) in self.stems
            )
        return _merged(spans)

    def _matches_slowly(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        if self.forms is not None:
            spans.extend(m.span() for m in self.forms.finditer(text))
        if self.pattern is not None:
            spans.extend(
                m.span() for m in self.pattern.finditer(text) if self.stem(m.group().lower()) in self.stems
            )
        return _merged(spans)


def _at_word_starts(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    r"""What `pattern` with a leading (?<![\w&]) would find: the leftmost match starting
    where no word character or "&" precedes, scanning on after each."""
    found: list[tuple[int, int]] = []
    position = 0
    search = pattern.search
    while (match := search(text, position)) is not None:
        start, end = match.span()
        if start and _WORD_CHAR.match(text, start - 1):
            position = start + 1  # inside a word: look again from the next character
            continue
        found.append((start, end))
        position = end  # never empty: every prefix and form has a character
    return found


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:  # overlapping: keep the longer reach
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    if start > 0:
        found = _WHITESPACE.search(text, start, start + 20)
        start = found.end() if found else start
    if end < len(text):
        space = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
        end = space if space > start else end
    return start, min(end, len(text))


def _cut(text: str, start: int, end: int) -> str:
    s, e = _word_bounds(text, start, end)
    return text[s:e] + (" …" if e < len(text) else "")
