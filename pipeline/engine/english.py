"""How common a word is in everyday English, from wordfreq's word list.

Two jobs need it: a common English word ("morning", "after") is never "corrected" into a
toolkit word, and an everyday word ("child", "year", "old") is weaker evidence of what a
question is about than a rarer one ("drinking", "boyfriend", "photos").

The list is wordfreq's "small" English list (about 29,000 words at Zipf 3 and above, i.e.
seen at least once per million words of text), kept beside each index generation by the
ingest (`save_english`), most common first. A search reads that one file and never imports
wordfreq, whose import costs more than a whole search; a word is found by a byte search in
the file, most common words first, so nothing is parsed. An index written before this file
existed has the list read from wordfreq itself, once, when first needed.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import threading
from pathlib import Path

from pipeline.ondisk import write_atomic

ENGLISH_NAME = "english.tsv"
SOURCE_NAME = "english.source"  # which wordfreq list english.tsv was made from (list_source)
LIST_FORMAT = "1"  # english_lines' format: changing it makes every kept list be made again
COMMON = 3.0  # Zipf frequency of a common English word: at least once per million words
KNOWN_WORDS = 50_000  # words whose frequency a process remembers (in memory only, never logged)


def english_lines() -> str:
    """wordfreq's small English list as the file holds it: a newline, then one
    "word<TAB>zipf" line per word, most common first."""
    import wordfreq  # only the ingest (or an index written before the file) pays for it

    frequencies = wordfreq.get_frequency_dict("en", wordlist="small")
    rows = (f"{word}\t{math.log10(frequency) + 9:.2f}" for word, frequency in frequencies.items())
    return "\n" + "\n".join(row for row in rows if "\n" not in row) + "\n"


def list_source() -> str | None:
    """Which wordfreq list english_lines would read, without importing wordfreq (its import
    and the list cost an ingest about 0.11 s of CPU): the installed package's list file
    and module, by path, size and modification time (an upgrade replaces both); None
    when wordfreq is not found."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    package = Path(spec.origin)
    parts = [LIST_FORMAT]
    for path in (package, package.parent / "data" / "small_en.msgpack.gz"):
        try:
            status = path.stat()
        except OSError:
            return None
        parts.append(f"{path} {status.st_size} {status.st_mtime_ns}")
    return "\n".join(parts) + "\n"


def save_english(directory: Path, previous: Path | None = None) -> None:
    """Keep the word list with an index generation, so a search never imports wordfreq.
    The `previous` generation's list is copied when it was made from the same wordfreq
    list (every ingest but the first after an upgrade), so wordfreq is not imported."""
    source = list_source()
    if previous is not None and previous != directory and source is not None:
        try:
            if (previous / SOURCE_NAME).read_text(encoding="utf-8") == source:
                kept = (previous / ENGLISH_NAME).read_bytes()
                if kept.startswith(b"\n") and kept.endswith(b"\n") and len(kept) > 1:  # whole
                    write_atomic(directory / ENGLISH_NAME, kept)
                    write_atomic(directory / SOURCE_NAME, source)
                    return
        except (OSError, UnicodeDecodeError):
            pass  # no list kept there: made again below
    write_atomic(directory / ENGLISH_NAME, english_lines())
    if source is not None:
        write_atomic(directory / SOURCE_NAME, source)


class English:
    """Zipf frequencies of English words (0.0 for a word not in the list)."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._known: dict[str, float] = {}
        self._lock = threading.Lock()

    def zipf(self, word: str) -> float:
        word = word.lower()
        found = self._known.get(word)
        if found is not None:
            return found
        key = b"\n" + word.encode("utf-8", "replace") + b"\t"
        at = self._data.find(key)
        value = 0.0
        if at >= 0:
            start = at + len(key)
            end = self._data.find(b"\n", start)
            try:
                value = float(self._data[start:end])
            except ValueError:  # a damaged line: the word counts as unknown
                value = 0.0
        with self._lock:
            if len(self._known) >= KNOWN_WORDS:  # bounded: a stream of odd words cannot grow it
                self._known.clear()
            self._known[word] = value
        return value

    def common(self, word: str) -> bool:
        """A word seen at least once per million words of English."""
        return self.zipf(word) >= COMMON


@functools.lru_cache(maxsize=4)
def english(generation: Path | None) -> English:
    """The word list kept with this index generation (read once per generation), or
    wordfreq's own when the generation has none."""
    if generation is not None:
        try:
            return English((generation / ENGLISH_NAME).read_bytes())
        except OSError:
            pass
    return English(english_lines().encode("utf-8"))
