"""Text normalisation shared by extraction and search: what the index sees and snippets show."""

from __future__ import annotations

import datetime
import json
import re
import unicodedata

# Characters that print as nothing yet split or hide a word: soft hyphen, zero-width
# space/joiners, word joiner, invisible operators, BOM, Mongolian vowel separator, and
# the bidirectional marks. "phar\u200bmacies" must index as "pharmacies".
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# A word broken at a line end: "exploit-\nation" -> "exploitation". Only when the next line
# starts in lower case, so "A&E -\nEmergency" or "self-\nHarm" style breaks stay as they are.
_LINE_END_HYPHEN = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def normalise_line(text: str) -> str:
    """One line as it should be indexed: ligatures unfolded, odd spaces and controls gone."""
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))
    text = _CONTROL.sub("", text.replace("\r", ""))
    return _SPACES.sub(" ", text).strip()


def clean_label(text: str) -> str:
    """A page label from the PDF, with control and invisible characters removed (a label
    is shown in citations; "\x1b[2J" must not reach a terminal). Kept otherwise as is."""
    return _CONTROL.sub("", _INVISIBLE.sub("", text)).strip()


def join_lines(lines: list[str]) -> str:
    """Lines to running text, re-joining words hyphenated across a line break."""
    return _LINE_END_HYPHEN.sub("", "\n".join(line for line in lines if line))


_NOT_WORD = re.compile(r"[^\w&']+")


def fold(text: str) -> str:
    """Case- and space-insensitive form used to compare headings with titles (and pages
    with pages: every line of every page read goes through it)."""
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).casefold()
    text = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    return _NOT_WORD.sub(" ", text).strip()


# What must never reach a terminal raw in a name, label or title: C0/C1 controls (ESC can
# clear the screen or retitle the window), line and paragraph separators, bidirectional
# overrides (they reorder what is shown), and lone surrogates (a file name that is not
# UTF-8, which would crash the print).
_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or (
        f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    )


def first_unprintable(text: str) -> str | None:
    """The first character that `printable` would escape, as its escape; None if none."""
    match = _UNPRINTABLE.search(text)
    return _escape(match) if match else None


def file_name_for_header(name: str) -> str:
    """A file name as an HTTP header (Content-Disposition) may carry it: a control or
    invisible character (a newline in a PDF's name was a 500) becomes "_"; quotes and
    letters outside ASCII are left to the header's own encoding."""
    return _UNPRINTABLE.sub("_", name) or "file.pdf"


def printable(text: str) -> str:
    """A file name, page label or title as it may be printed: every control or invisible
    character shown as an escape (\\x1b, \\n, \\u202e), so no name can drive the terminal."""
    return _UNPRINTABLE.sub(_escape, text)


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


# What a terminal line may not hold raw: `_UNPRINTABLE` less the tab (line breaks are
# split on before). A colour the tool itself painted (SGR, ESC [ ... m) is kept when asked.
_IN_LINE = re.compile(_UNPRINTABLE.pattern.replace("\\x00-\\x1f", "\\x00-\\x08\\x0a-\\x1f"))
_COLOUR = re.compile(r"(\x1b\[[0-9;]*m)")
# What json.dumps leaves raw in its strings (it escapes C0 itself; raw C0 is its own layout).
_IN_JSON = re.compile(_UNPRINTABLE.pattern.replace("\\x00-\\x1f", ""))


def for_terminal(text: str, colours: bool = False) -> str:
    """Everything a command prints, as it may reach a terminal: the one gate for text from
    a PDF or a config (a page label with U+009B, a title with U+2028), whatever message it
    came in. Lines and tabs are kept; with `colours`, so are the SGR colours the tool
    painted itself (the text inside was escaped before it was painted)."""
    lines = []
    for line in text.split("\n"):
        parts = _COLOUR.split(line) if colours else [line]
        lines.append("".join(p if i % 2 else _IN_LINE.sub(_escape, p) for i, p in enumerate(parts)))
    return "\n".join(lines)


def json_for_terminal(data: object, indent: int | None = None) -> str:
    """JSON that may reach a terminal: non-ASCII text kept readable, but each character
    `printable` would escape written as a JSON \\u escape (json.dumps leaves C1 controls,
    line separators and lone surrogates raw)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _IN_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


MONTHS = ("January February March April May June July August September October November December").split()


def calendar_date(text: str) -> datetime.date | None:
    """A date written YYYY-MM-DD, as people write one, else None: not a week date
    (2026-W49-1) or a compact one (20261206), which `date.fromisoformat` also reads, nor
    a day the calendar lacks (2026-02-30)."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def long_date(iso: str) -> str:
    """ "2026-12-06" as "6 December 2026", as a reader says it (and cannot misread as 12 June);
    anything else is returned as it is."""
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", iso)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return iso
    year, month, day = (int(g) for g in match.groups())
    return f"{day} {MONTHS[month - 1]} {year}"
