"""The Whoosh index: schema, analysers, writing a fresh index, opening one for search.

All Whoosh use lives here and in `search.py`, so another engine could replace it without
touching the rest. An index directory carries a stamp (`schema.json`); an index whose
stamp does not match this code is refused, and the next ingest rebuilds it.
"""

from __future__ import annotations

import gc
import json
import os
import re
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh import index as whoosh_index
from whoosh.analysis import Analyzer, LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, STORED, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter

from pipeline import PIPELINE_VERSION
from pipeline.engine import counts, postings, startup
from pipeline.engine.documents import SectionPage
from pipeline.engine.postings import open_unmapped

# CachedStemFilter is named here too: an index written before terms.py pickled it as this
# module's, and reads it from here.
from pipeline.engine.terms import CachedStemFilter as CachedStemFilter
from pipeline.engine.terms import Words
from pipeline.errors import UsageError
from pipeline.ondisk import dump, read_record, write_atomic

if TYPE_CHECKING:
    from whoosh.codec.base import Segment

SCHEMA_VERSION = 5
VOCABULARY = "vocabulary"  # `kind` of the documents (one per file) that hold its words, for spelling
# Above this many pages, Whoosh writes with one process per core (segments merged at the end).
PARALLEL_WRITE_FROM = 1000
STAMP = "schema.json"
# An update (one republished chapter) adds a small segment. Once there are more than this
# many, the smaller half of them is merged, but never a segment holding more than
# 1/BULK_SHARE of the index: an update never rewrites the bulk of it.
MAX_SEGMENTS = 8
# Memory each of the parallel writer's processes may fill with postings before it sorts
# them out to a temporary file (Whoosh's `limitmb`): several runs merged at the end cost
# little, while 128 MB each made the writers most of a large ingest's memory.
WRITER_MB = 40
BULK_SHARE = 8

# Words, keeping "A&E"-style tokens whole so the analyser does not drop them as two
# one-letter words.
TOKEN_PATTERN = r"\w+(?:&\w+)*"
_WORD = re.compile(TOKEN_PATTERN)


def stemming_analyzer() -> Analyzer:
    """Lower-cased, English-stemmed words (grooming ~ groomed); no stop list, so phrases
    such as "accident and emergency" match exactly."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CachedStemFilter(lang="en", cachesize=None)


def plain_analyzer() -> Analyzer:
    """Lower-cased words, unstemmed: the vocabulary for spelling suggestions."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter()


def get_schema() -> Schema:
    """The fields of a page. The text fields are `Words`: Whoosh's TEXT with the same
    analysers (`stemming_analyzer`, `plain_analyzer`, words between spaces for the
    concepts) and the same terms, computed faster when the index is written."""
    return Schema(
        key=ID(stored=True, unique=True),
        file=ID(stored=True),
        chapter=ID(stored=True),  # "4"; "" for an uncatalogued document
        chapter_title=Words(TOKEN_PATTERN, stem=True, stored=True),
        section=ID(stored=True),
        section_title=Words(TOKEN_PATTERN, stem=True, stored=True),
        kind=ID(stored=True),
        page=ID(stored=True),
        pdf_page=STORED,
        ocr=STORED,  # True when the page's text was read by OCR
        content=Words(TOKEN_PATTERN, stem=True, stored=True),
        # Running headers' words: a weak signal of what the page is about (scoring.py).
        headers=Words(TOKEN_PATTERN, stem=True),
        aid=ID(),  # "yes" on a contents or index page
        # The synonym groups a page's text and its section title mention (see synonyms.py).
        concepts=Words(r"\S+", lower=False, phrase=False),
        title_concepts=Words(r"\S+", lower=False, phrase=False),
        # Every distinct word of a file once, in one document per file: the spelling
        # vocabulary (real words, not stems) at a fraction of the cost of indexing all text
        # twice; per file, so a republished chapter replaces only its own words. No
        # positions: nobody searches it for phrases.
        words=Words(TOKEN_PATTERN, spelling=True, phrase=False),
    )


def write_index(path: Path, units: Sequence[SectionPage], tag: Callable[[str], list[str]]) -> int:
    """Write a complete new index into the empty directory `path`; returns the pages written.

    `tag` names the synonym groups a text mentions (synonyms.Synonyms.tag).
    Errors propagate: a failed write must never be published as the current index.
    """
    if len(units) >= PARALLEL_WRITE_FROM and (os.cpu_count() or 1) > 1:
        writing = ParallelWriting(path, tag)
        try:
            for name, pages in by_file(units):
                writing.add_file(name, pages)
        except BaseException:
            writing.cancel()
            raise
        writing.commit()
        return len(units)
    path.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(path), get_schema())
    _fill(postings.writer(ix, 128), units, tag)
    ix.close()
    counts.write_missing(path)
    _stamp(path)
    return len(units)


class ParallelWriting:
    """A new index in the empty directory `path`, written by one Whoosh process per core
    (segments kept apart, not merged) from pages handed over a file at a time: the ingest
    gives each file's pages as soon as it has read them, so the index is written while the
    other PDFs are still being read, and no process ever holds every page.

    Call `add_file` for each file, then `commit` (or `cancel`). Errors propagate: a failed
    write must never be published as the current index.
    """

    def __init__(self, path: Path, tag: Callable[[str], list[str]]) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.tag = tag
        self.pages = 0
        self._ix = whoosh_index.create_in(str(path), get_schema())
        procs = min(os.cpu_count() or 1, 4)
        self._writer = postings.parallel_writer(self._ix, procs, WRITER_MB)
        # Whoosh forks its writer processes when the first pages are handed over: frozen,
        # the objects this one holds then are never visited by a child's garbage collector,
        # whose bookkeeping would otherwise copy the parent's memory into every child page
        # by page.
        gc.freeze()

    def add_file(self, name: str, units: Sequence[SectionPage]) -> None:
        """One file's pages (all of them, once), then its vocabulary document."""
        if units:
            _add_file(self._writer, name, units, self.tag)
            self.pages += len(units)

    def commit(self) -> int:
        try:
            self._writer.commit()
        finally:
            gc.unfreeze()
        self._ix.close()
        counts.write_missing(self.path)
        _stamp(self.path)
        return self.pages

    def cancel(self) -> None:
        try:
            self._writer.cancel()
        finally:
            gc.unfreeze()
            self._ix.close()


def update_index(
    path: Path,
    base: Path,
    units: Sequence[SectionPage],
    files: Collection[str],
    tag: Callable[[str], list[str]],
) -> int:
    """Write into `path` a copy of the index at `base` in which the pages of `files` are
    replaced by theirs among `units` (all pages now); the other files' pages are reused.

    When one chapter is republished, only its pages are analysed and written again, and
    the previous segments are hard-linked rather than copied: Whoosh never rewrites a
    segment file, it only writes new segments and a new table of contents, so the previous
    generation stays intact while the new one costs only what changed.
    """
    _link_tree(base, path)
    ix = open_unmapped(path)  # it deletes one file's pages and adds a segment: reads little
    writer = postings.writer(ix, 128)
    try:
        for name in sorted(files):
            writer.delete_by_term("file", name)  # its pages and its vocabulary document
    except BaseException:
        writer.cancel()
        raise
    _fill(writer, [u for u in units if u.file in files], tag, merge=merge_small_segments)
    ix.close()
    counts.write_missing(path)  # the new segment's (the others' are linked with their segments)
    _stamp(path)
    return len(units)


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link every file of an index directory into a new one (a copy where the file
    system cannot link); Whoosh's write lock is left behind, each directory has its own."""
    target.mkdir(parents=True)
    for item in source.iterdir():
        if not item.is_file() or item.name.endswith("WRITELOCK"):
            continue
        try:
            os.link(item, target / item.name)
        except OSError:
            import shutil  # here, not at the top: `cse-search` starts without it

            shutil.copy2(item, target / item.name)


def merge_small_segments(writer: IndexWriter, segments: list[Segment]) -> list[Segment]:
    """Whoosh merge policy for updates. Whoosh's own (MERGE_SMALL) lets small segments pile
    up until the Fibonacci rule takes in the large ones too, so every so many republished
    chapters an update rewrote the whole index. Here a segment whose pages were all
    replaced is dropped, and when more than MAX_SEGMENTS remain, the smaller half of them
    is merged, leaving every segment that holds a large share of the pages as it is: an
    update's cost stays that of the pages it writes, and the segment count stays small."""
    from whoosh.reading import SegmentReader

    live = [segment for segment in segments if segment.doc_count() > 0]
    if len(live) <= MAX_SEGMENTS:
        return live
    total = sum(segment.doc_count_all() for segment in live)
    ordered = sorted(live, key=lambda segment: segment.doc_count_all())
    small = [s for s in ordered[: len(ordered) // 2 + 1] if s.doc_count_all() * BULK_SHARE <= total]
    if len(small) < 2:
        return live
    for segment in small:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in live if segment not in small]


def by_file(units: Sequence[SectionPage]) -> list[tuple[str, list[SectionPage]]]:
    """The pages in runs of one file (as the ingest gives them: grouped by file)."""
    runs: list[tuple[str, list[SectionPage]]] = []
    for unit in units:
        if not runs or runs[-1][0] != unit.file:
            runs.append((unit.file, []))
        runs[-1][1].append(unit)
    return runs


def _add_file(
    writer: IndexWriter, name: str, units: Sequence[SectionPage], tag: Callable[[str], list[str]]
) -> None:
    """A file's pages, then one vocabulary document holding each of its words once."""
    words: set[str] = set()
    for unit in units:
        writer.add_document(
            key=unit.key,
            file=unit.file,
            chapter="" if unit.chapter is None else str(unit.chapter),
            chapter_title=unit.chapter_title,
            section=unit.section,
            section_title=unit.section_title,
            kind=unit.kind,
            page=unit.page,
            pdf_page=unit.pdf_page,
            ocr=unit.ocr,
            content=unit.text,
            headers=unit.headers,
            aid="yes" if unit.aid else "",
            concepts=" ".join(tag(unit.text)),
            title_concepts=" ".join(tag(unit.section_title)),
        )
        words.update(_WORD.findall(unit.text.lower()))
    writer.add_document(
        key=f"__vocabulary__/{name}", file=name, kind=VOCABULARY, words=" ".join(sorted(words))
    )


def _fill(
    writer: IndexWriter,
    new: Sequence[SectionPage],
    tag: Callable[[str], list[str]],
    merge: Callable[[IndexWriter, list[Segment]], list[Segment]] | None = None,
) -> None:
    """Add the `new` pages (grouped by file, as the ingest gives them) and one vocabulary
    document per file among them, each written as soon as its file's pages are (a set of
    every file's words at once was a large ingest's biggest holding), then commit (or
    cancel) with the merge policy `merge` (Whoosh's default when None)."""
    try:
        for name, units in by_file(new):
            _add_file(writer, name, units, tag)
    except BaseException:
        writer.cancel()
        raise
    if merge is None:
        writer.commit()
    else:
        writer.commit(mergetype=merge)


@dataclass(frozen=True)
class Stamp:
    """What wrote an index directory: an index another version wrote is never read."""

    schema_version: int
    pipeline_version: str


def _stamp(path: Path) -> None:
    write_atomic(path / STAMP, json.dumps(dump(Stamp(SCHEMA_VERSION, PIPELINE_VERSION))))


def older_format(path: Path | None) -> int | None:
    """The index format of an index an older version of this tool made at `path` (a toolkit
    home kept across an upgrade), else None."""
    stamp = read_record(path / STAMP, Stamp, "the index is rebuilt by the next ingest") if path else None
    return stamp.schema_version if stamp is not None and stamp.schema_version < SCHEMA_VERSION else None


def index_problem(path: Path | None) -> str | None:
    """Why the index at `path` cannot answer searches (no stamp, another version's, files
    missing or unreadable), or None when it opens and reads. The ingest checks this before
    it trusts an index as up to date or reuses it, and rebuilds one that fails."""
    if path is None or not path.is_dir():
        return "there is no index"
    stamp = read_record(path / STAMP, Stamp, "the index is rebuilt by the next ingest")
    if stamp is None:
        return f"its stamp {STAMP} is missing or damaged"
    if stamp.schema_version != SCHEMA_VERSION:
        age = "an older" if stamp.schema_version < SCHEMA_VERSION else "a newer"
        return (
            f"it was made by {age} version of this tool (index format {stamp.schema_version}; "
            f"this version's is {SCHEMA_VERSION})"
        )
    try:
        ix = open_unmapped(path)
        try:
            with ix.searcher() as searcher:
                searcher.doc_count_all()
                for reader, _ in searcher.reader().leaf_readers():
                    list(reader.all_doc_ids())
        finally:
            ix.close()
    except Exception as exc:  # Whoosh has no error family of its own: any failure is damage
        return f"its files cannot be read ({type(exc).__name__})"
    return None


def damaged_index(path: Path, exc: BaseException) -> UsageError:
    """The message for a search index that fails while it is read."""
    return UsageError(
        f"the search index in {path} is damaged ({type(exc).__name__}: {exc}); run "
        "`cse-toolkit ingest --force` to rebuild it"
    )


_LOCAL = threading.local()  # each thread keeps its own searcher: Whoosh's are not shared safely


def open_searcher(path: Path | None) -> Searcher:
    """A searcher on a published index, or a message saying what to do when there is none.

    A generation never changes once published, so the searcher (with its open files) is
    kept for the next search in this thread instead of being opened again. Each thread
    (the web server answers on several) has its own, and closes it only itself.
    """
    opened: dict[Path, Searcher] = _LOCAL.__dict__.setdefault("opened", {})
    if path is not None:
        path = path.absolute()  # a relative path names another index once the folder changes
    if path is not None and path in opened:
        return opened[path]
    if path is None or not path.is_dir():
        raise UsageError("no search index yet: run `cse-toolkit ingest` (or `make ingest`) first")
    stamp = read_record(path / STAMP, Stamp, "the index is rebuilt by the next ingest")
    if stamp is None:
        raise UsageError(
            f"the search index in {path} has no valid stamp ({STAMP}): run `cse-toolkit ingest` to rebuild it"
        )
    if stamp.schema_version != SCHEMA_VERSION:
        raise UsageError(
            "the search index was built by another version of this tool: run "
            "`cse-toolkit ingest` to rebuild it"
        )
    try:
        # A memory-mapped segment has each of its files copied into memory as it is opened
        # (Whoosh reads a mapped file through BytesIO): worth it for the many queries of a
        # long-lived process, but most of the cost of opening for one query (40 ms of CPU
        # at 10,000 pages); `cse-search` reads the files instead (startup.py).
        storage = FileStorage(str(path), supports_mmap=not startup.ONE_SHOT, readonly=True)
        searcher = storage.open_index().searcher()
    except Exception as exc:  # Whoosh has no error family of its own: any failure is damage
        raise damaged_index(path, exc) from exc
    close_searchers()  # only the newest generation is worth keeping open
    opened[path] = searcher
    return searcher


def stored_pages(path: Path | None) -> list[dict[str, object]]:
    """The stored fields of every indexed page (not the vocabulary document), in index
    order: for tools that compare another engine on exactly the text indexed here."""
    searcher = open_searcher(path)
    return [
        dict(fields) for fields in searcher.reader().all_stored_fields() if fields.get("kind") != VOCABULARY
    ]


def close_searchers() -> None:
    """Close this thread's searchers (a server's worker thread, when it stops)."""
    opened: dict[Path, Searcher] = _LOCAL.__dict__.setdefault("opened", {})
    for old in opened.values():
        old.close()
    opened.clear()
