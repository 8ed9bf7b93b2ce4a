"""Every read of Whoosh's private structures, in this one module: posting blocks decoded
whole, the quantised length bytes, the encoding of positions, a wildcard's words.

Whoosh's public matchers give one posting per Python call; the engine's candidates
(candidates.py) and model (scoring.py) read whole blocks instead, through the private
attributes of `W3LeafMatcher` and the per-document columns of `whoosh.codec.whoosh3`.
Those are not an interface Whoosh promises: `pyproject.toml` pins the versions of
whoosh-reloaded these reads were tested with, and tests/test_whoosh_internals.py checks
each of them against Whoosh's public answer on a real index, so a new version that
changes their shape fails there, loudly, before it gives a wrong score. Outside this
module the engine uses Whoosh's public API only (the same test checks that too).
"""

from __future__ import annotations

import array
import bisect
import collections
import contextlib
import contextvars
import itertools
import marshal
import os
import pickle
import re
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from whoosh import query as wq
from whoosh.codec.base import OutOfOrderError
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3LeafMatcher
from whoosh.formats import Positions
from whoosh.reading import TermNotFound
from whoosh.searching import Searcher
from whoosh.system import _INT_SIZE, pack_uint, unpack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import PostingPool, SegmentWriter

# Decoded posting blocks kept per open searcher (one index generation, never changed), by
# postings file and offset, the least recently used dropped first: a word's postings are
# read and decompressed once, not by every query that uses the word, nor twice in one
# query (finding the matches, then the model's look-ups). At most this many blocks of up
# to 128 postings each: about 28 kB each decoded with their positions at 10,000 pages, so
# about 15 MB per searcher (the web server keeps one per thread). CSE_POSTINGS_CACHE=0
# keeps them for one query only (to measure a word never asked before).
# Not cachetools' LRUCache: within one query the blocks are never dropped (a query reads a
# block twice: finding the matches, then the model's look-ups), only trimmed after it.
BLOCK_CACHE_BLOCKS = int(os.environ.get("CSE_POSTINGS_CACHE", "512") or 0)
_BLOCKS: weakref.WeakKeyDictionary[Searcher, collections.OrderedDict[tuple[int, int], object]] = (
    weakref.WeakKeyDictionary()
)
_QUERY_BLOCKS: contextvars.ContextVar[collections.OrderedDict[tuple[int, int], object] | None] = (
    contextvars.ContextVar("query_blocks", default=None)
)

# Whoosh's stored length byte -> the length it stands for (0: none).
LENGTH_OF_BYTE = [float(byte_to_length(n)) if n else 0.0 for n in range(256)]


@contextlib.contextmanager
def one_query(searcher: Searcher) -> Iterator[None]:
    """Within it, posting blocks are read through the searcher's cache of decoded blocks."""
    if BLOCK_CACHE_BLOCKS > 0:
        blocks = _BLOCKS.setdefault(searcher, collections.OrderedDict())
    else:
        blocks = collections.OrderedDict()
    token = _QUERY_BLOCKS.set(blocks)
    try:
        yield
    finally:
        _QUERY_BLOCKS.reset(token)
        while len(blocks) > BLOCK_CACHE_BLOCKS:
            blocks.popitem(last=False)


def matcher(reader: Any, fieldname: str, btext: bytes, format_: object) -> Any:
    """The term's raw postings matcher in this segment (no scorer, no deletions applied)."""
    return reader._terms.matcher(fieldname, btext, format_)


def in_blocks(found: object) -> bool:
    """Whether the matcher reads blocks (a term with many postings), rather than postings
    kept inline with the term (a handful), which only its public API reads."""
    return isinstance(found, W3LeafMatcher)


def blocks(found: W3LeafMatcher) -> Iterator[tuple[Sequence[int], Sequence[float]]]:
    """Each posting block's document numbers and weights, decoded at once (Whoosh's own
    reader decodes the numbers through a Python generator, one call per posting)."""
    while not found._atend:
        yield block_ids(found), block_weights(found)
        found._next_block()


def block_id_runs(found: W3LeafMatcher) -> Iterator[Sequence[int]]:
    """Each posting block's document numbers (no weights decoded)."""
    while not found._atend:
        yield block_ids(found)
        found._next_block()


def postings(reader: Any, fieldname: str, btext: bytes, format_: object) -> Iterator[tuple[int, float]]:
    """(document, weight) of a term's postings, a whole block at a time where possible."""
    found = matcher(reader, fieldname, btext, format_)
    if in_blocks(found):
        for ids, weights in blocks(found):
            yield from zip(ids, weights, strict=True)
        return
    while found.is_active():  # postings kept inline with the term: a handful
        yield found.id(), found.weight()
        found.next()


def block_ids(found: W3LeafMatcher) -> Sequence[int]:
    """The current block's document numbers, decoded at once."""
    if found._ids is None:
        if found._data is None:
            kept = _QUERY_BLOCKS.get()
            key = (id(found._postfile), found._dataoffset)
            if kept is None or key not in kept:
                found._read_data()
                if kept is not None:
                    kept[key] = found._data
            else:
                kept.move_to_end(key)
                found._data = kept[key]
        data: Any = found._data
        found._ids = data[0] if found._byteids else tuple(itertools.accumulate(data[0]))
    return found._ids


def block_weights(found: W3LeafMatcher) -> Sequence[float]:
    if found._weights is None:
        found._read_weights()
    return found._weights


def at_docs(reader: Any, name: str, term: str, docs: Sequence[int]) -> Iterator[tuple[int, Any]]:
    """The term's matcher placed on each of `docs` (sorted, in this segment) that holds it:
    whole blocks are skipped by their last document number and the others searched by
    bisection, instead of stepping through every posting before each document."""
    field = reader.schema[name]
    found = matcher(reader, name, field.to_bytes(term), field.format)
    deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
    if not in_blocks(found):  # postings kept inline with the term
        for doc in docs:
            if not found.is_active():
                return
            if found.id() < doc:
                found.skip_to(doc)
            if found.is_active() and found.id() == doc and doc not in deleted:
                yield doc, found
        return
    for doc in docs:
        while not found._atend and found.block_max_id() < doc:
            found._next_block()
        if found._atend:
            return
        ids = block_ids(found)
        i = bisect.bisect_left(ids, doc)
        if i < len(ids) and ids[i] == doc and doc not in deleted:
            found._i = i
            yield doc, found


def positions_at(found: Any) -> Sequence[int]:
    """The term's positions in the matcher's current document (Whoosh's decoding, with
    the running sum done in C rather than a Python loop)."""
    if type(found.format) is not Positions:
        return found.value_as("positions")
    value = found.value()
    if not value.endswith(b"."):
        value += b"."
    return list(itertools.accumulate(pickle.loads(value[_INT_SIZE:])))


_ONE = pack_uint(1)


def positions_postings(
    positions: dict[str, list[int]], boost: float
) -> list[tuple[bytes, int, float, bytes]]:
    """Each word's (UTF-8 bytes, frequency, weight, encoded positions) as a Positions
    field gives them, in the dict's order; the positions as Whoosh's `Positions.encode`
    writes them (the count, then the pickled gaps) without its loop over the positions
    (most words of a page occur once: their one gap is their position)."""
    dumps = pickle.dumps
    found = []
    for word, at in positions.items():
        count = len(at)
        if count == 1:
            value = _ONE + dumps(at, 2)
        else:
            value = pack_uint(count) + dumps([b - a for a, b in zip((0, *at), at, strict=False)], 2)
        found.append((word.encode("utf-8"), count, count * boost, value))
    return found


_FREQUENCIES = [pack_uint(n) for n in range(64)]


def encode_frequency(freq: int) -> bytes:
    """A term's frequency in one document as Whoosh's `Frequency.encode` writes it."""
    return _FREQUENCIES[freq] if freq < len(_FREQUENCIES) else pack_uint(freq)


def writer(ix: Any, limitmb: int) -> SegmentWriter:
    """A writer for the index `ix` in this process: Whoosh's, with `Codec` and `_Pool`."""
    found = ix.writer(limitmb=limitmb, codec=Codec())
    found.pool.__class__ = _Pool  # the same pool, its runs written and read faster
    return found


def parallel_writer(ix: Any, procs: int, limitmb: int) -> Any:
    """A writer for the empty index `ix` in `procs` processes, each keeping its own segment
    (Whoosh's MpWriter with multisegment), with `Codec` and `_Pool` in each of them."""
    made = __getattr__("ParallelWriter")
    return made(ix, procs=procs, multisegment=True, limitmb=limitmb, codec=Codec())


def __getattr__(name: str) -> Any:
    """`ParallelWriter` and `WriterTask`, defined on first use (by name, so that a process
    started by spawning finds them too): they subclass whoosh.multiproc's classes, whose
    import of multiprocessing `cse-search` does not pay."""
    if name not in ("ParallelWriter", "WriterTask"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name in globals():
        return globals()[name]
    from whoosh.multiproc import MpWriter, SubWriterTask

    class WriterTask(SubWriterTask):
        """A writer process whose writer's pool is `_Pool` (set before its first documents)."""

        def _process_file(self, filename: str, doc_count: int) -> None:
            self.writer.pool.__class__ = _Pool
            super()._process_file(filename, doc_count)

    class ParallelWriter(MpWriter):
        """Whoosh's MpWriter, starting `WriterTask`s."""

        def _new_task(self) -> SubWriterTask:
            task = WriterTask(
                self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs, True
            )
            self.tasks.append(task)
            task.start()
            return task

    for made in (WriterTask, ParallelWriter):
        made.__module__, made.__qualname__ = __name__, made.__name__
        globals()[made.__name__] = made
    return globals()[name]


# Postings per record of a run: the merge holds one record of each run (about 1 MB).
RUN_RECORD = 4096


class _Pool(PostingPool):
    """Whoosh's posting pool (the same postings sorted the same way, spilled to a run on
    disk past the writer's memory limit), its runs written as marshalled records of
    RUN_RECORD postings instead of one pickle call per posting each way, which was a fifth
    of a large ingest's writing CPU. Marshal gives back the same strings, bytes, numbers
    and floats, exactly."""

    def _write_run(self, f: Any, items: Any) -> None:
        items = iter(items)
        while record := list(itertools.islice(items, RUN_RECORD)):
            data = marshal.dumps(record)
            f.write(pack_uint(len(data)))
            f.write(data)
        f.close()

    def _read_run(self, path: str) -> Iterator[Any]:
        f = self._open_run(path)
        try:
            while size := f.read(_INT_SIZE):
                yield from marshal.loads(f.read(unpack_uint(size)[0]))
        finally:
            f.close()
            self._remove_run(path)


class Codec(W3Codec):
    """Whoosh's codec, writing the same files byte for byte, but for one cost: when a
    segment's postings are written, Whoosh asks the per-document reader for the length of
    each posting's document, one call (a column look-up, a seek and a read) per posting,
    a tenth of the writer's time. Here each field's lengths are read once per segment, and
    each posting is added to its block without three method calls (`_FieldWriter`)."""

    def field_writer(self, storage: Any, segment: Any) -> W3FieldWriter:
        return _FieldWriter(self, storage, segment)


# The fields whose terms' pages and frequencies counts.py keeps beside each segment: the
# fields a search reads postings of; not the spelling vocabulary (`words`: read by
# frequency only) nor the fields with one page per term (`key`, `page`, `file`).
PAGE_FREQ_FIELDS = ("content", "section_title", "chapter_title", "headers", "concepts", "title_concepts",
                    "kind", "aid", "section", "chapter")  # fmt: skip
# What the writer saw of them, left beside the segment for counts.py (a name Whoosh never
# lists nor removes: not its segment's, starting with a dot).
PAGE_FREQ_DRAFT = ".{segment}.pagefreqs-draft"


class _FieldWriter(W3FieldWriter):
    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        """Whoosh's FieldWriter.add_postings (the same checks, the same calls for each field
        and term, in the same order), each posting added to its term's block here instead
        of through three method calls and a length look-up each: W3PostingsWriter's
        add_posting without its type checks, with the page lengths of `_Lengths`.

        On the way, the pages and frequencies of every term of PAGE_FREQ_FIELDS whose
        postings go to the postings file (as Whoosh's blocks give them back: frequencies
        as 32-bit floats) are kept and left in a draft beside the segment, from which
        counts.py writes the segment's file without reading its blocks back."""
        found = _Lengths(lengths) if lengths else None
        kept: dict[str, tuple[array.array[int], array.array[int], array.array[float]]] = {}
        lastfn: str | None = None
        lasttext: bytes | None = None
        field_lengths: list[Any] | None = None
        writer: Any = None
        ids: Any = ()
        weights: Any = ()
        values: list[bytes] = []
        limit = 0
        terms: array.array[int] | None = None  # offset of its postings, start, end: each term's
        pages: array.array[int] = array.array("I")
        freqs: array.array[float] = array.array("f")
        first = 0

        def finish_term() -> None:
            if terms is not None:
                if writer.written() or len(writer._ids) >= writer._inlinelimit:  # not inlined
                    terms.extend((writer._startoffset, first, len(pages)))
                else:
                    del pages[first:], freqs[first:]
            self.finish_term()

        for fieldname, btext, docnum, weight, value in items:
            if lastfn is not None and fieldname < lastfn:
                raise OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
            if fieldname == lastfn and lasttext and btext < lasttext:
                raise OutOfOrderError(f"Term {lastfn}:{lasttext!r} .. {fieldname}:{btext!r}")
            if fieldname != lastfn:
                if lasttext is not None:
                    finish_term()
                if lastfn is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                lastfn, lasttext = fieldname, None
                field_lengths = found.field(fieldname) if found is not None else None
                terms = None
                if fieldname in PAGE_FREQ_FIELDS:
                    terms, pages, freqs = kept.setdefault(
                        fieldname, (array.array("q"), array.array("I"), array.array("f"))
                    )
            if docnum == -1:  # Whoosh's mark of a spelling word, which it skips here
                continue
            if btext != lasttext:
                if lasttext is not None:
                    finish_term()
                self.start_term(btext)
                lasttext = btext
                writer = self._postwriter
                ids, weights, values, limit = writer._ids, writer._weights, writer._values, writer._blocklimit
                first = len(pages)
            if len(ids) >= limit:
                writer._write_block()
                ids, weights, values = writer._ids, writer._weights, writer._values
            ids.append(docnum)
            weights.append(weight)
            if terms is not None:
                pages.append(docnum)
                freqs.append(weight)
            if weight > writer._maxweight:
                writer._maxweight = weight
            if value:
                values.append(value)
            length = field_lengths[docnum] if field_lengths is not None else 0
            if length:
                if writer._minlength is None or length < writer._minlength:
                    writer._minlength = length
                if length > writer._maxlength:
                    writer._maxlength = length
        if lasttext is not None:
            finish_term()
        if lastfn is not None:
            self.finish_field()
        folder = getattr(self._storage, "folder", None)
        if folder is not None and found is not None:
            draft = {
                name: (terms_, pages_.tobytes(), freqs_.tobytes())
                for name, (terms_, pages_, freqs_) in kept.items()
            }
            path = Path(folder) / PAGE_FREQ_DRAFT.format(segment=self._segment.segment_id())
            path.write_bytes(marshal.dumps((found.reader.doc_count_all(), draft)))


class _Lengths:
    """`doc_field_length` of a per-document reader for every page, a field at a time (what
    Whoosh's gives, None for a length byte of 0 included)."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.fields: dict[str, list[Any]] = {}

    def field(self, fieldname: str) -> list[Any]:
        found = self.fields.get(fieldname)
        if found is None:
            length = self.reader.doc_field_length
            found = [length(doc, fieldname, 0) for doc in range(self.reader.doc_count_all())]
            self.fields[fieldname] = found
        return found


def field_b(weighting: Any, fieldname: str) -> float:
    """BM25F's B for the field (Whoosh keeps the per-field values privately)."""
    return float(weighting._field_B.get(fieldname, weighting.B))


def length_bytes(leaf: Searcher, fieldname: str) -> bytes:
    """Every page's stored length byte of the field in the segment (0 for none), read at once."""
    reader: Any = leaf.reader()
    count = reader.doc_count_all()
    try:
        column = reader._perdoc._cached_reader(f"_{fieldname}_len", _lengths_column())
        raw = bytes(column._dbfile.get(column._basepos, column._count)) if column is not None else b""
    except AttributeError:  # another codec: one at a time
        raw = bytes(
            length_to_byte(int(reader.doc_field_length(doc, fieldname, 0) or 0)) for doc in range(count)
        )
    return raw + bytes(max(count - len(raw), 0))


def _lengths_column() -> object:
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN

    return LENGTHS_COLUMN


def pattern_terms(
    query: wq.PatternQuery, reader: object, most: int
) -> tuple[list[tuple[bytes, int]], int, bool]:
    """The words a wildcard or prefix stands for, each with its document frequency, read in
    one pass over the term table from the pattern's literal start (a lookup per word, as
    `doc_frequency` does, cost 0.1 ms each: 20 s for `a*` four times on 200,000 words).
    At most `most` words of the vocabulary are looked at: returns the words found, how
    many were looked at, and whether that was all of them."""
    prefix = query.text if isinstance(query, wq.Prefix) else query._find_prefix(query.text)
    pattern = None if isinstance(query, wq.Prefix) else re.compile(query._get_pattern())
    field = reader.schema[query.fieldname]  # type: ignore[attr-defined]
    found: list[tuple[bytes, int]] = []
    looked = 0
    for btext, info in reader.iter_prefix(query.fieldname, prefix):  # type: ignore[attr-defined]
        if looked >= most:
            return found, looked, False
        looked += 1
        if pattern is None or pattern.match(field.from_bytes(btext)):
            found.append((btext, info.doc_frequency()))
    return found, looked, True


def pattern_words(query: wq.PatternQuery, reader: object) -> list[bytes]:
    """The words of the segment or index that a wildcard or prefix stands for."""
    return list(query._btexts(reader))


def term_postings(
    reader: Any, fieldname: str, btext: bytes
) -> tuple[Sequence[int], Sequence[float]] | int | None:
    """Where a term's postings are in the segment: the offset of its first block in the
    postings file (what counts.py files them by), or the postings themselves (pages,
    weights) when Whoosh keeps them inline with the term; None when it is not there."""
    try:
        info = reader._terms.term_info(fieldname, btext)
    except TermNotFound:
        return None
    if info.is_inlined():
        ids, weights, _ = info.inlined_postings()
        return ids, weights
    return int(info.extent()[0])


def open_unmapped(path: Path) -> Any:
    """The index at `path` with its files read as needed rather than memory-mapped: Whoosh
    copies each mapped file it opens into memory (BytesIO), which a long-lived searcher
    pays once, but a short look (which segments there are, whether the index opens, a
    republished chapter's deletions) would pay for every segment's term table."""
    from whoosh.filedb.filestore import FileStorage

    return FileStorage(str(path), supports_mmap=False).open_index()


def segment_file(reader: Any, suffix: str) -> Path | None:
    """A file of the engine's own beside the reader's segment, named as Whoosh names the
    segment's files (so that Whoosh deletes it with the segment); None for a segment that
    is not in a folder."""
    storage = reader.storage()
    storage = getattr(storage, "b", storage)  # a compound segment's files over the folder's
    folder = getattr(storage, "folder", None)
    segment = reader.segment()
    if folder is None or segment is None:  # an index of no pages has no segment
        return None
    return Path(folder) / f"{segment.segment_id()}{suffix}"


def block_terms(reader: Any, fieldname: str) -> Iterator[tuple[int, W3LeafMatcher]]:
    """Every term of the field whose postings are in blocks, in one pass over the segment's
    term table (no look-up per term): the offset of its postings, and a matcher on them."""
    terms = reader._terms
    format_ = reader.schema[fieldname].format
    if fieldname not in terms.indexed_field_names():
        return
    for (name, _), info in terms.items_from(fieldname, b""):
        if name != fieldname:
            return
        if not info.is_inlined():
            offset, length = info.extent()
            yield int(offset), W3LeafMatcher(terms._postfile, offset, length, format_)


def index_parts(search_dir: Path) -> dict[str, int]:
    """What each part of an index weighs on disk, in bytes: the postings of each field
    (page numbers, frequencies and, in positional fields, positions; zlib-compressed in
    blocks), the term table, the stored fields, the page lengths, and the files the
    engine adds beside the segments (by suffix). For the bench's report."""
    from whoosh import index as whoosh_index

    parts: dict[str, int] = collections.Counter()
    ix = whoosh_index.open_dir(str(search_dir))
    try:
        for segment in ix._segments():
            files = segment.open_compound_file(ix.storage) if segment.is_compound() else ix.storage
            for name in files.list():
                if not name.startswith(segment.segment_id()):
                    continue
                size = files.file_length(name)
                if name.endswith("._stored.col"):
                    parts["stored fields"] += size
                elif name.endswith("_len.col"):
                    parts["page lengths"] += size
                elif name.endswith(".trm"):
                    parts["term table"] += size
        with ix.searcher() as searcher:
            for leaf, _ in searcher.reader().leaf_readers():
                for (fieldname, _), info in leaf._terms.items():
                    if not info.is_inlined():
                        length = info.extent()[1]  # (Whoosh reads it back as a 1-tuple)
                        parts[f"postings: {fieldname}"] += int(
                            length[0] if isinstance(length, tuple) else length
                        )
    finally:
        ix.close()
    segments = sum(path.stat().st_size for path in search_dir.glob("*.seg"))
    parts["segment headers and directories"] = segments - sum(parts.values())
    for path in search_dir.iterdir():
        if path.suffix not in (".seg", ".toc", ".json") and "WRITELOCK" not in path.name and path.is_file():
            parts[f"{path.suffix} files"] += path.stat().st_size
    return dict(parts)
