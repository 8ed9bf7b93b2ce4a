"""Each term's pages and frequencies, without its positions, kept beside each segment.

Whoosh keeps a term's page numbers, frequencies and positions together in zlib-compressed,
pickled blocks, so finding a word's pages, counting them or scoring them with BM25
decompresses and unpickles every position of the word too: most of a block's bytes, and
for a common word most of a fresh query's time. Positions are needed only for phrases and
the model's proximity, on few pages. So each segment gets a file beside it
(`<segment>.pagefreqs`) holding, for each term of the fields searched, its page numbers and
frequencies as plain arrays, written once when the segment is written (`write_missing`)
and read through a memory map: no decompression, no unpickling, no Python object per
posting until one is used.

It is derived from Whoosh's postings (the index of record), in the same order, deleted
pages included as there; Whoosh removes it with its segment (the name is the segment's).
An index without it, or with one that does not check out, is read from Whoosh's blocks
as before: the same numbers, more slowly.
"""

from __future__ import annotations

import array
import bisect
import marshal
import mmap
import os
import struct
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from pipeline.engine import postings

SUFFIX = ".pagefreqs"
MAGIC = b"CSEPF01\n"
_HEADER = struct.Struct("<8sQQ2s6x")  # magic, terms, postings, typecodes (pages, frequencies)
FIELDS = postings.PAGE_FREQ_FIELDS  # the fields a search reads postings of


class PageFreqs:
    """One segment's file, memory-mapped: a term's pages and frequencies by the offset of
    its postings in the segment (which Whoosh's term record gives)."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        view = memoryview(self._map)
        magic, terms, count, codes = _HEADER.unpack_from(view)
        if magic != MAGIC:
            raise ValueError(f"{path.name} is not a page-frequency file")
        pages_code, freqs_code = chr(codes[0]), chr(codes[1])
        at = _HEADER.size
        self.offsets = view[at : at + 8 * terms].cast("q")
        at += 8 * terms
        self.bounds = view[at : at + 16 * terms].cast("q")  # each term's start and end in the arrays
        at += 16 * terms
        size = array.array(pages_code).itemsize
        raw = view[at : at + size * count]
        self.pages: Sequence[int] = raw.cast("H") if pages_code == "H" else raw.cast("I")
        at = _aligned(at + size * count)
        size = array.array(freqs_code).itemsize
        raw = view[at : at + size * count]
        self.freqs: Sequence[float] = raw.cast("H") if freqs_code == "H" else raw.cast("d")
        if at + size * count != len(view) or (
            terms and not 0 <= min(self.bounds) <= max(self.bounds) <= count
        ):
            raise ValueError(f"{path.name} is damaged (its size or bounds do not match its header)")

    def lookup(self, offset: int) -> tuple[Sequence[int], Sequence[float]] | None:
        """The pages and frequencies of the term whose postings start at `offset`."""
        i = bisect.bisect_left(self.offsets, offset)
        if i == len(self.offsets) or self.offsets[i] != offset:
            return None
        start, end = self.bounds[2 * i], self.bounds[2 * i + 1]
        return self.pages[start:end], self.freqs[start:end]


# Per segment reader (one per searcher, so per thread and index generation): its file, or
# None when it has none that checks out.
_OPEN: weakref.WeakKeyDictionary[Any, PageFreqs | None] = weakref.WeakKeyDictionary()


def _file_of(reader: Any) -> PageFreqs | None:
    try:
        return _OPEN[reader]
    except KeyError:
        pass
    found: PageFreqs | None = None
    path = postings.segment_file(reader, SUFFIX)
    if path is not None and path.is_file():
        try:
            found = PageFreqs(path)
        except (OSError, ValueError, TypeError, struct.error):
            found = None  # read from Whoosh's blocks instead
    _OPEN[reader] = found
    return found


def pages_and_freqs(
    reader: Any, fieldname: str, btext: bytes
) -> tuple[Sequence[int], Sequence[float]] | None:
    """A term's pages (segment numbers, ascending) and frequencies in this segment, from
    its file or postings kept inline with the term; None when only Whoosh's blocks have
    them (no file) or the term is not in the segment."""
    where = postings.term_postings(reader, fieldname, btext)
    if where is None:
        return None
    if not isinstance(where, int):  # kept inline with the term: a page or two
        return where
    kept = _file_of(reader)
    return kept.lookup(where) if kept is not None else None


def write_missing(path: Path) -> None:
    """Give every segment of the index at `path` its file, where it has none yet (every
    segment of a new index; a republished chapter's new segment): from the draft the
    engine's writer left beside the segment (postings.PAGE_FREQ_DRAFT) where there is one,
    else from the segment's postings, large segments each in a process of its own, at once
    (each reads its segment's postings whole). Drafts are removed."""
    missing = [segment for segment, lacking in _segments(path) if lacking]
    for segment in list(missing):
        draft = path / postings.PAGE_FREQ_DRAFT.format(segment=segment)
        if draft.is_file():
            _from_draft(draft, path / f"{segment}{SUFFIX}")
            missing.remove(segment)
    for draft in path.glob(postings.PAGE_FREQ_DRAFT.format(segment="*")):
        draft.unlink(missing_ok=True)
    large = [segment for segment in missing if _segments_size(path, segment) >= PARALLEL_FROM_BYTES]
    parallel = large if len(large) > 1 and (os.cpu_count() or 1) > 1 else []
    if parallel:
        from concurrent.futures import ProcessPoolExecutor  # only a large new index pays for it

        with ProcessPoolExecutor(max_workers=min(len(parallel), os.cpu_count() or 1)) as pool:
            list(pool.map(_write_segment, [path] * len(parallel), parallel))
    for segment in missing:
        if segment not in parallel:
            _write_segment(path, segment)


# A segment of at least this many bytes gets its file written in a process of its own.
PARALLEL_FROM_BYTES = 4 << 20


def _segments(path: Path) -> list[tuple[str, bool]]:
    """Each segment of the index (by id), and whether it lacks its file."""
    ix = postings.open_unmapped(path)
    try:
        with ix.searcher() as searcher:
            found = []
            for reader, _ in searcher.reader().leaf_readers():
                segment = reader.segment()
                if segment is None:  # an index of no pages (no PDF read yet) has no segment
                    continue
                target = postings.segment_file(reader, SUFFIX)
                found.append((segment.segment_id(), target is not None and not target.exists()))
            return found
    finally:
        ix.close()


def _segments_size(path: Path, segment: str) -> int:
    return sum(f.stat().st_size for f in path.glob(f"{segment}.*"))


def _write_segment(path: Path, segment: str) -> None:
    ix = whoosh_index.open_dir(str(path))
    try:
        with ix.searcher() as searcher:
            for reader, _ in searcher.reader().leaf_readers():
                if reader.segment().segment_id() == segment:
                    target = postings.segment_file(reader, SUFFIX)
                    if target is not None and not target.exists():
                        _write(reader, target)
    finally:
        ix.close()


def _write(reader: Any, target: Path) -> None:
    """Every term of FIELDS in the segment whose postings are in blocks: its pages and
    frequencies, in the order of its postings' offsets."""
    all_pages = array.array("I")
    all_freqs = array.array("d")
    terms: list[tuple[int, int, int]] = []  # (offset of its postings, start, end in the arrays)
    for fieldname in FIELDS:
        if fieldname not in reader.schema:
            continue
        for offset, found in postings.block_terms(reader, fieldname):
            start = len(all_pages)
            for ids, weights in postings.blocks(found):
                # (Whoosh gives a block's numbers as a tuple or an array of its own kind.)
                all_pages.extend(ids.tolist() if isinstance(ids, array.array) else ids)
                all_freqs.extend(weights.tolist() if isinstance(weights, array.array) else weights)
            terms.append((offset, start, len(all_pages)))
    _store(target, reader.doc_count_all(), terms, all_pages, all_freqs)


def _from_draft(draft: Path, target: Path) -> None:
    """The file from what the writer kept of the segment's postings as it wrote them (the
    same pages and frequencies its blocks give back), in the order of FIELDS as `_write`."""
    count, fields = marshal.loads(draft.read_bytes())
    all_pages = array.array("I")
    all_freqs = array.array("d")
    terms: list[tuple[int, int, int]] = []
    for fieldname in FIELDS:
        if fieldname not in fields:
            continue
        raw_terms, raw_pages, raw_freqs = fields[fieldname]
        field_terms = array.array("q")
        field_terms.frombytes(raw_terms)
        shift = len(all_pages)
        terms.extend(
            (offset, start + shift, end + shift)
            for offset, start, end in zip(*[iter(field_terms)] * 3, strict=True)
        )
        all_pages.frombytes(raw_pages)
        freqs = array.array("f")
        freqs.frombytes(raw_freqs)
        all_freqs.extend(freqs.tolist())
    _store(target, count, terms, all_pages, all_freqs)


def _store(
    target: Path,
    count: int,
    terms: list[tuple[int, int, int]],
    all_pages: array.array[int],
    all_freqs: array.array[float],
) -> None:
    """Write the file of a segment of `count` pages: each term (offset of its postings,
    start and end in the arrays), the pages and the frequencies."""
    pages: array.array[int] = array.array("H", all_pages) if count <= 0xFFFF else all_pages
    terms.sort()
    offsets = array.array("q", (offset for offset, _, _ in terms))
    bounds = array.array("q", (at for _, start, end in terms for at in (start, end)))
    stored: array.array[Any] = all_freqs
    try:
        whole = array.array("H", map(int, all_freqs))
        if array.array("d", whole).tobytes() == all_freqs.tobytes():  # counts, as Whoosh's weights are here
            stored = whole
    except OverflowError:  # a weight beyond 65,535: kept as it is
        pass
    codes = (pages.typecode + stored.typecode).encode()
    body = bytearray(_HEADER.pack(MAGIC, len(offsets), len(pages), codes))
    body += offsets.tobytes() + bounds.tobytes() + pages.tobytes()
    body += bytes(_aligned(len(body)) - len(body))
    body += stored.tobytes()
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    temporary.write_bytes(body)
    temporary.replace(target)


def _aligned(at: int) -> int:
    return (at + 7) // 8 * 8
