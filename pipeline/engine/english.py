"""How common a word is in everyday English, from wordfreq's word lists.

Three jobs need it: a common English word ("morning", "after") is never "corrected" into
a toolkit word; an uncommon one ("hungover") is not either, unless the toolkit word is far
commoner, as a misspelling's correction is ("seperate"); and an everyday word ("child",
"year", "old") is weaker evidence of what a question is about than a rarer one
("drinking", "boyfriend", "photos").

The list is wordfreq's large English list down to Zipf 2 (about 96,000 words seen at least
once per hundred million words of text), kept beside each index generation by the ingest
(`save_english`), sorted by word. A search reads that one file and never imports
wordfreq, whose import costs more than a whole search; a word is found by a binary search
over the file's bytes, so nothing is parsed. An index written before this file existed has
the list read from wordfreq itself, once, when first needed.
"""

from __future__ import annotations

import functools
import importlib.util
import threading
from pathlib import Path

from pipeline.ondisk import write_atomic

ENGLISH_NAME = "english.tsv"
SOURCE_NAME = "english.source"  # which wordfreq list english.tsv was made from (list_source)
LIST_FORMAT = "2"  # english_lines' format: changing it makes every kept list be made again
COMMON = 3.0  # Zipf frequency of a common English word: at least once per million words
UNCOMMON = 2.0  # an uncommon word, still English: once per hundred million words
KNOWN_WORDS = 50_000  # words whose frequency a process remembers (in memory only, never logged)


def english_lines() -> str:
    """The word list as the file holds it: a newline, then one "word<TAB>zipf" line per
    word, sorted by the word's UTF-8 bytes (what `English` searches): wordfreq's large
    English list down to UNCOMMON. It is kept in buckets a centibel apart, most common
    first, so only the buckets down to UNCOMMON are read (the small list is the same
    words above COMMON, at the same frequencies)."""
    import wordfreq  # only the ingest (or an index written before the file) pays for it

    rows: list[tuple[bytes, float]] = []
    for centibels, words in enumerate(wordfreq.get_frequency_list("en", wordlist="large")):
        zipf = 9 - centibels / 100
        if zipf < UNCOMMON:
            break
        rows.extend((word.encode("utf-8"), zipf) for word in words if "\n" not in word and "\t" not in word)
    rows.sort()
    return "\n" + "\n".join(f"{word.decode('utf-8')}\t{zipf:.2f}" for word, zipf in rows) + "\n"


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
    for path in (package, package.parent / "data" / "large_en.msgpack.gz"):
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
            if list_is_current(previous, source):
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
        value = _sorted_lookup(self._data, word.encode("utf-8", "replace"))
        with self._lock:
            if len(self._known) >= KNOWN_WORDS:  # bounded: a stream of odd words cannot grow it
                self._known.clear()
            self._known[word] = value
        return value

    def common(self, word: str) -> bool:
        """A word seen at least once per million words of English."""
        return self.zipf(word) >= COMMON


def _sorted_lookup(data: bytes, word: bytes) -> float:
    """The Zipf value on `word`'s line of `data` (a newline, then "word<TAB>zipf" lines
    sorted by word), 0.0 when it has none: a binary search, about 17 steps for the whole
    list, where a scan for a word not in it read every line."""
    low, high = 0, len(data)  # the newline before the word's line, if any, is in [low, high)
    while low < high:
        middle = (low + high) // 2
        newline = data.find(b"\n", middle, high)
        if newline < 0:
            high = middle
            continue
        start = newline + 1
        end = data.find(b"\n", start)
        if end < 0:  # the file's last newline: no line starts after it
            high = newline
            continue
        tab = data.find(b"\t", start, end)
        found = data[start:tab] if tab >= 0 else data[start:end]
        if found == word:
            try:
                return float(data[tab + 1 : end]) if tab >= 0 else 0.0
            except ValueError:  # a damaged line: the word counts as unknown
                return 0.0
        if found < word:
            low = end
        else:
            high = newline
    return 0.0


@functools.lru_cache(maxsize=4)
def english(generation: Path | None) -> English:
    """The word list kept with this index generation (read once per generation), or
    wordfreq's own when the generation has none."""
    if generation is not None and list_is_current(generation):
        try:
            return English((generation / ENGLISH_NAME).read_bytes())
        except OSError:
            pass
    return English(english_lines().encode("utf-8"))


def list_is_current(generation: Path, source: str | None = None) -> bool:
    """Whether the generation's list is in this version's format (a list kept by an older
    version is not sorted: searched, it would miss words), and, when `source` is given,
    made from that wordfreq list (the ingest makes it again when not)."""
    try:
        kept = (generation / SOURCE_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return kept == source if source is not None else kept.split("\n", 1)[0] == LIST_FORMAT
