"""The ingest runner: find the PDFs, extract (or reuse the cache), number pages, split into
sections, write a new index generation and publish it. Each step is a call into its own
module; this file only composes them and keeps the rules about what may be lost (nothing).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from pipeline import PIPELINE_VERSION
from pipeline.config.load import load_snapshot, save_snapshot
from pipeline.config.model import Limits, OcrSettings, Toolkit
from pipeline.engine.dated import save_dates
from pipeline.engine.documents import PageKind
from pipeline.engine.english import list_is_current, list_source, save_english
from pipeline.engine.index import (
    SCHEMA_VERSION,
    by_file,
    index_problem,
    older_format,
    update_index,
    write_index,
)
from pipeline.engine.store import IndexStore
from pipeline.engine.synonyms import Synonyms, from_toolkit, groups, save_merged
from pipeline.engine.synonyms import digest as synonyms_digest
from pipeline.errors import ConfigError, PdfError, UsageError
from pipeline.ingest import stops
from pipeline.ingest.audit import AuditReport, compare
from pipeline.ingest.cache import ExtractionCache
from pipeline.ingest.editions import Edition, dates_of, new_edition
from pipeline.ingest.extract import ExtractedPdf, extract_pdf, sha256_file
from pipeline.ingest.folder import find_pdfs
from pipeline.ingest.history import log_published, next_number, read_editions, read_history, stage_entry
from pipeline.ingest.manifest import FileRecord, Manifest, load_manifest, save_manifest
from pipeline.ingest.ocr import OcrProgress, OcrStats, pages_to_read, read_scanned
from pipeline.ingest.ocr import available as ocr_available
from pipeline.ingest.packsbuilt import stale_packs
from pipeline.ingest.repeats import Repeats, find_repeats, page_marks, without_repeats
from pipeline.ingest.sections import NOT_IN_CONFIG, SectionInfo, SectionPage, split_file
from pipeline.ingest.streaming import Stream
from pipeline.ingest.structure import enrich
from pipeline.ingest.workers import run_isolated

Progress = Callable[[str], None]


@dataclass(frozen=True)
class SourceFile:
    name: str  # relative to the PDFs directory, forward slashes
    path: Path
    sha256: str
    size: int
    mtime_ns: int


@dataclass
class IngestReport:
    """What an ingest did, for the summary, the history log and the exit code."""

    changed: bool = True
    chapters: int = 0
    sections: int = 0
    pages: int = 0
    uncatalogued: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth saying, nothing to act on (an upgrade)
    failures: list[PdfError] = field(default_factory=list)
    kept_previous: list[str] = field(default_factory=list)  # broken now; last good version indexed
    repeats: dict[str, tuple[int, int]] = field(default_factory=dict)  # file -> (pages skipped, pages)
    manifest: Manifest | None = None
    previous: Manifest | None = None
    changes: AuditReport | None = None  # what changed since the previous ingest
    edition: Edition | None = None  # the edition this ingest made (None: nothing indexed changed)
    stale_packs: tuple[str, ...] = ()  # packs built earlier, still on disk, that hold a change
    ocr: OcrStats | None = None  # pages read by OCR in this ingest


def list_pdfs(pdfs_dir: Path) -> list[Path]:
    """Every PDF under the directory that may be read (see folder.find_pdfs), sorted."""
    return list(find_pdfs(pdfs_dir).pdfs)


def scan_sources(
    pdfs_dir: Path, previous: Manifest | None, trust_stat: bool = True
) -> tuple[list[SourceFile], list[PdfError]]:
    """Hash every PDF, and name each one that cannot be read (and why). With `trust_stat`,
    a file whose size and modification time match the last ingest reuses its recorded hash
    (the DVC trick), so a no-op ingest reads no PDF bytes; the audit hashes everything, to
    miss nothing."""
    found = find_pdfs(pdfs_dir)
    sources = []
    refused = list(found.refused)
    known = previous.files if previous and trust_stat else {}
    for path in found.pdfs:
        name = path.relative_to(pdfs_dir).as_posix()
        try:
            stat = path.stat()
            record = known.get(name)
            if (
                record
                and not record.previous_version
                and (record.size, record.mtime_ns) == (stat.st_size, stat.st_mtime_ns)
            ):
                sha = record.sha256
            else:
                sha = sha256_file(path)
        except OSError as exc:  # no permission, or gone since the walk: this file only
            refused.append(
                PdfError(name, f"cannot be read ({exc.strerror})", "Check the file's permissions.")
            )
            continue
        sources.append(SourceFile(name, path, sha, stat.st_size, stat.st_mtime_ns))
    return sources, refused


def ingested_labels(pdfs_dir: Path, store: IndexStore) -> dict[str, tuple[str, ...]]:
    """Printed page labels of each PDF as last ingested, for the files whose size and time
    are unchanged since: the config check judges start pages against them before any PDF
    is read, so those problems come in the same report as the config's others."""
    manifest = load_manifest(store.current())
    if manifest is None:
        return {}
    labels = {}
    for name, record in manifest.files.items():
        try:
            stat = (pdfs_dir / name).stat()
        except (OSError, ValueError):
            continue
        if not record.previous_version and (stat.st_size, stat.st_mtime_ns) == (record.size, record.mtime_ns):
            labels[name] = record.page_labels
    return labels


def build_key(toolkit: Toolkit) -> str:
    """What the indexing of every page depends on besides its own file: while it stays the
    same, an unchanged file's pages in the previous index can be reused as they are."""
    payload = {
        "pipeline": PIPELINE_VERSION,
        "schema": SCHEMA_VERSION,
        "config": toolkit.digest,
        "synonyms": synonyms_digest(groups(from_toolkit(toolkit))),
        # Pages read by OCR depend on these (and on OCR being installed at all).
        "ocr": [
            toolkit.ocr.mode,
            list(toolkit.ocr.languages),
            toolkit.ocr.mode != "never" and ocr_available(),
        ],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def inputs_digest(toolkit: Toolkit, sources: Iterable[SourceFile]) -> str:
    """Everything an index generation depends on; equal digests mean nothing to do."""
    payload = {"build": build_key(toolkit), "files": sorted((s.name, s.sha256) for s in sources)}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _extract_job(job: tuple[str, str, Limits]) -> ExtractedPdf | PdfError:
    """Runs in a worker process: an expected failure comes back as a value. The text layer
    is returned even when it has no usable text: OCR may read those pages next."""
    path, name, limits = job
    try:
        return extract_pdf(Path(path), name, limits, check=False)
    except PdfError as exc:
        return exc


def extract_all(
    sources: list[SourceFile],
    cache: ExtractionCache,
    limits: Limits,
    progress: Progress | None,
    ocr: OcrSettings | None = None,
    ocr_progress: OcrProgress | None = None,
    verify_copies: bool = False,
) -> dict[str, ExtractedPdf | PdfError]:
    """Extract what the cache does not have, in parallel across cores; then read the
    pages without usable text by OCR (as `ocr` says; not at all without it)."""
    return read_all(sources, cache, limits, progress, ocr, ocr_progress, verify_copies)[0]


Ready = Callable[[str, "ExtractedPdf | PdfError"], None]


def read_all(
    sources: list[SourceFile],
    cache: ExtractionCache,
    limits: Limits,
    progress: Progress | None,
    ocr: OcrSettings | None = None,
    ocr_progress: OcrProgress | None = None,
    verify_copies: bool = False,
    ready: Ready | None = None,
    first: Collection[str] = (),
) -> tuple[dict[str, ExtractedPdf | PdfError], OcrStats]:
    """`extract_all`, and what OCR did. With `verify_copies` (ingest --force), every kept
    copy of a PDF is hashed again and replaced if it rotted.

    With `ready`, each file's final outcome is handed to it as soon as it is known (at
    once for a file OCR has nothing to read on, after OCR for the others) instead of
    being returned: the caller keeps what it needs of a file's text and lets the rest go,
    so the ingest never holds every page's lines at once.
    """
    settings = ocr or OcrSettings(mode="never")
    paths = {s.name: s.path for s in sources}
    results: dict[str, ExtractedPdf | PdfError] = {}

    def arrived(source: SourceFile, outcome: ExtractedPdf | PdfError) -> None:
        if ready is None or (isinstance(outcome, ExtractedPdf) and pages_to_read(outcome, settings.mode)):
            results[source.name] = outcome  # OCR reads some of its pages below
        else:
            if isinstance(outcome, ExtractedPdf):  # only checked: OCR has nothing to read on it
                outcome = read_scanned({source.name: outcome}, paths, cache, settings)[0][source.name]
            _keep(source, outcome, cache, verify_copies)
            ready(source.name, outcome)
        if progress:
            progress(source.name)

    todo: list[SourceFile] = []
    for source in sources:
        cached = cache.get(source.sha256, source.name, ocr=False)
        if cached is not None:
            arrived(source, cached)
        else:
            todo.append(source)
    by_path = {str(s.path): s for s in todo}
    # The files named `first`, then the largest: a big manual started last would leave the
    # other core idle at the end.
    jobs = [(str(s.path), s.name, limits) for s in sorted(todo, key=lambda s: (s.name not in first, -s.size))]
    for job, result in run_isolated(
        jobs,
        _extract_job,
        lambda job: job[1],
        os.cpu_count() or 1,
        limits.seconds_per_file,
        limits.max_memory_mb,
    ):
        if isinstance(result, ExtractedPdf):
            cache.put(result)
        arrived(by_path[job[0]], result)
        stops.reached("extracting")
    results, stats = read_scanned(results, paths, cache, settings, ocr_progress, limits.max_memory_mb)
    for source in sources:
        if source.name in results:
            _keep(source, results[source.name], cache, verify_copies)
    if ready is not None:
        for name, outcome in results.items():
            ready(name, outcome)
        results = {}
    return results, stats


def _keep(source: SourceFile, outcome: ExtractedPdf | PdfError, cache: ExtractionCache, verify: bool) -> None:
    """Keep a copy of a PDF read without failure (packs are cut from exactly those bytes)."""
    if isinstance(outcome, ExtractedPdf):
        if verify:
            cache.source(source.sha256)  # removes a copy whose bytes no longer match
        cache.keep_source(source.sha256, source.path)


@dataclass
class Prepared:
    """Everything a new index generation would hold, before anything is written.

    `units` are the pages of the files read this time; the files in `carried` were not
    read (same bytes, same build key as the previous ingest, whose records they keep): their
    pages in the previous index are reused as they are.
    """

    units: list[SectionPage]
    manifest: Manifest
    report: IngestReport
    problems: list[str]  # config-vs-PDF errors (a configured start page the PDF lacks)
    carried: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Done:
    """One file numbered and split, or carried over from the previous ingest (`units` None)."""

    record: FileRecord
    sections: tuple[SectionInfo, ...]
    units: tuple[SectionPage, ...] | None
    problems: tuple[str, ...] = ()


def prepare(
    toolkit: Toolkit,
    pdfs_dir: Path,
    store: IndexStore,
    previous: Manifest | None,
    sources: list[SourceFile],
    progress: Progress | None = None,
    ocr_progress: OcrProgress | None = None,
    *,
    refused: Sequence[PdfError] = (),
    force: bool = False,
    best_effort: bool = False,
    reuse: bool = False,
    stream: Stream | None = None,
) -> Prepared:
    """Extract (through the cache), number and split every PDF; writes only the cache.

    Shared by `ingest`, which publishes the result, and `audit`, which compares it with
    the last ingest's manifest (`best_effort`: a read-only cache is only read). `refused`
    are the files that could not be read at all: reported with the others' failures.

    With `reuse` (the previous index is sound and will be updated, not rewritten), a file
    whose bytes and build key are those of the previous ingest is not read at all: its
    manifest record (labels, sections, warnings, page marks) is carried over, so a
    re-ingest costs what changed plus a small constant per file.

    With `stream` (every page is to be written), each file's pages go to it as soon as
    the file is split (streaming.py); those it has written are not in the result's units.
    """
    cache = ExtractionCache(store.cache_dir, best_effort=best_effort)
    carried = _carried(toolkit, previous, sources) if reuse and not force else {}
    if progress:
        for name in carried:
            progress(name)
    sections_of: dict[str, list[SectionInfo]] = {}
    if carried and previous is not None:
        for info in previous.sections:
            sections_of.setdefault(info.file, []).append(info)
    done: dict[str, _Done] = {
        name: _Done(record, tuple(sections_of.get(name, ())), None) for name, record in carried.items()
    }
    for name in carried:
        cache.keep_source(carried[name].sha256, pdfs_dir / name)
    by_name = {s.name: s for s in sources}
    failures: dict[str, PdfError] = {failure.file: failure for failure in refused}

    def ready(name: str, outcome: ExtractedPdf | PdfError) -> None:
        """Each file is split as soon as it is read; only its pages and record are kept."""
        if isinstance(outcome, PdfError):
            failures[name] = outcome
            if stream is not None:
                stream.failed(name)
        else:
            done[name] = _split_one(toolkit, outcome, by_name[name])
            if stream is not None:  # the stream holds its pages from here
                stream.arrived(name, done[name].record, done[name].units or ())
                done[name] = replace(done[name], units=())

    _, ocr = read_all(
        [s for s in sources if s.name not in carried],
        cache,
        toolkit.limits,
        progress,
        toolkit.ocr,
        ocr_progress,
        verify_copies=force,
        ready=ready,
        first=frozenset(stream.waiting) if stream is not None else (),  # whose repeats the others wait for
    )
    if stream is not None:  # the pages it has not written are written with the rest
        for name, units in stream.unwritten().items():
            done[name] = replace(done[name], units=tuple(units))
    for index, spec in enumerate(toolkit.chapters):
        if spec.file not in by_name and spec.file not in failures:
            failures[spec.file] = PdfError(
                spec.file,
                f"is named by chapters[{index}].file (chapter {spec.number}) but is not in {pdfs_dir}",
                "Put the PDF there, or correct the file name in the config.",
            )
    report = IngestReport(previous=previous, ocr=ocr)
    for name, failure in sorted(failures.items()):
        report.failures.append(failure)
        kept = _previous_version(name, previous, cache)
        if kept is not None:  # the last good version is indexed meanwhile
            report.kept_previous.append(name)
            done[name] = _split_one(toolkit, kept, None)
    repeats = find_repeats(
        {name: d.record.marks for name, d in done.items()},
        {name: d.record.chapter_pages for name, d in done.items()},
    )
    # A carried file whose repeated pages change (a configured chapter it repeats was
    # republished) is read after all: its pages in the index change too.
    stale = [
        s for s in sources if s.name in carried and carried[s.name].repeats != repeats.pages.get(s.name, ())
    ]
    if stale:
        for source in stale:
            del done[source.name]
        read_all(stale, cache, toolkit.limits, None, toolkit.ocr, None, ready=ready)
        for source in stale:
            if source.name in failures:  # read before; unreadable now (a worker's limit)
                report.failures.append(failures[source.name])
    return _assemble(toolkit, sources, done, repeats, report)


def _carried(toolkit: Toolkit, previous: Manifest | None, sources: list[SourceFile]) -> dict[str, FileRecord]:
    """The files whose previous record still holds: same bytes, same build key, read
    without failure, and recorded with page marks."""
    if previous is None or previous.build_key != build_key(toolkit):
        return {}
    carried = {}
    for source in sources:
        record = previous.files.get(source.name)
        if (
            record is not None
            and record.sha256 == source.sha256
            and not record.previous_version
            and source.name not in previous.failures
            and len(record.marks) == record.pages
        ):
            carried[source.name] = replace(record, size=source.size, mtime_ns=source.mtime_ns)
    return carried


def ingest(
    toolkit: Toolkit,
    pdfs_dir: Path,
    store: IndexStore,
    *,
    force: bool = False,
    wait: bool = False,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
    ocr_mode: str | None = None,
    ocr_progress: OcrProgress | None = None,
) -> IngestReport:
    """Bring the index up to date with the PDFs directory; see the module docstring.
    `ocr_mode` (auto, always, never) overrides the config's `ocr.mode`."""
    if ocr_mode is not None:
        toolkit = replace(toolkit, ocr=replace(toolkit.ocr, mode=ocr_mode))
    with store.lock(wait=wait):
        stops.reached("locked")
        # Tidy what an ingest cut short left: its unpublished generation, its log line.
        store.prune()
        log_published(store.history_path, store.current())
        previous = load_manifest(store.current())
        # --force trusts nothing recorded: every PDF is hashed again (bit rot can keep a
        # file's size and time), and the index is written afresh.
        sources, refused = scan_sources(pdfs_dir, previous, trust_stat=not force)
        damage = index_problem(store.search_dir()) if previous is not None else None
        if (
            not force
            and previous is not None
            and previous.inputs_digest == inputs_digest(toolkit, sources)
            and not previous.failures
            and not refused
            and damage is None
            and english_is_current(store.current())
        ):
            return _unchanged_report(previous)
        if on_start:
            on_start(len(sources))
        base = store.search_dir() if damage is None else None
        tag = Synonyms(from_toolkit(toolkit)).tag
        # Every page will be written: a large index is written while the PDFs are read.
        generation = store.new_generation() if base is None else None
        stream = (
            Stream(generation / "search", tag, {spec.file for spec in toolkit.chapters})
            if generation is not None and (os.cpu_count() or 1) > 1
            else None
        )
        try:
            prepared = prepare(
                toolkit,
                pdfs_dir,
                store,
                previous,
                sources,
                progress,
                ocr_progress,
                refused=refused,
                force=force,
                reuse=base is not None,
                stream=stream,
            )
            replaced = _replaced(prepared, previous, base, force)
            if replaced is None and prepared.carried:  # too much changed to update: every page is written
                prepared = prepare(toolkit, pdfs_dir, store, previous, sources, refused=refused, force=force)
            if prepared.problems:
                raise ConfigError("config", prepared.problems)
            report, manifest = prepared.report, prepared.manifest
            older = older_format(store.search_dir()) if damage is not None else None
            if older is not None:  # an upgrade: expected, and said once
                report.notes.append(
                    f"The index was made by an older version of this tool (index format {older}; this "
                    f"version's is {SCHEMA_VERSION}), so it was rebuilt from the PDFs; the history of past "
                    "ingests is kept."
                )
            elif damage is not None:
                report.warnings.insert(
                    0, f"the previous search index could not be used ({damage}); it was rebuilt"
                )
            if generation is None:
                generation = store.new_generation()
            if base is not None and replaced is not None:
                update_index(generation / "search", base, prepared.units, replaced, tag)
            elif stream is not None and stream.writing is not None:
                if not stream.agrees(manifest.files):  # written pages that should not be: afresh
                    stream.cancel()
                    shutil.rmtree(generation / "search")
                    prepared = prepare(
                        toolkit, pdfs_dir, store, previous, sources, refused=refused, force=force
                    )
                    write_index(generation / "search", prepared.units, tag)
                else:
                    for name, units in by_file(prepared.units):  # the pages not written yet
                        stream.writing.add_file(name, units)
                    stream.writing.commit()
            else:
                write_index(generation / "search", prepared.units, tag)
            stops.reached("index-written")
            save_manifest(manifest, generation)
            save_snapshot(toolkit, generation)
            save_merged(from_toolkit(toolkit), generation)
            save_english(generation, store.current())
            report.changes = compare(previous, manifest, toolkit)
            report.edition, editions = _edition(toolkit, store, previous, manifest, report)
            # Also without a new edition: a config fixed after an ingest moves no text, but
            # the packs built in between hold the pages the old config gave their sections.
            if report.edition is not None or report.changes.changed:
                changes = report.changes
                report.stale_packs = stale_packs(
                    store.root, changes.roles_affected, changes.roles_affected_full
                )
            stage_entry(generation, report.changes, manifest, report.edition, report.stale_packs)
            save_dates(dates_of(editions), generation)
            stops.reached("before-publishing")
            store.publish(generation)
            stops.reached("published")
        except BaseException:
            if stream is not None:
                stream.cancel()
            store.prune()  # the unpublished generation goes; `current` is untouched
            raise
        report.manifest = manifest
        log_published(store.history_path, generation)
        ExtractionCache(store.cache_dir).prune(
            {r.sha256 for r in manifest.files.values()}
            | ({r.sha256 for r in previous.files.values()} if previous else set())
        )
        return report


def _edition(
    toolkit: Toolkit, store: IndexStore, previous: Manifest | None, manifest: Manifest, report: IngestReport
) -> tuple[Edition | None, list[Edition]]:
    """The edition this ingest makes, if it changed what is indexed, and every edition
    with it. Numbered after every edition recorded (the history survives --force and
    every generation swap); dated by the config's `edition:` or by the ingest."""
    editions = read_editions(store.history_path, store.current(), quiet=True)
    known = None
    if previous is None:  # an unreadable manifest: the history still says which files were indexed
        entries = read_history(store.history_path, quiet=True)
        known = entries[-1].files if entries else None
    changes = report.changes
    edition, warnings = new_edition(
        previous,
        manifest,
        toolkit,
        number=next_number(editions, store.current()),
        last=editions[-1] if editions else None,
        known_files=known,
        roles_stale=(*changes.roles_affected, *changes.roles_affected_full) if changes else (),
        earlier=load_snapshot(store.current()),
    )
    report.warnings.extend(warnings)
    return edition, [*editions, *([edition] if edition else [])]


def _replaced(
    prepared: Prepared, previous: Manifest | None, base: Path | None, force: bool
) -> set[str] | None:
    """The files whose pages replace theirs in the previous index when only some files
    changed and nothing else did (much faster for one republished chapter); None when a
    fresh index is written instead. A file replaced has new bytes, or is added, removed, or
    repeats other pages than before (a chapter it repeats was republished)."""
    manifest = prepared.manifest
    if force or base is None or previous is None or previous.build_key != manifest.build_key:
        return None
    old, new = previous.files, manifest.files
    replaced = {
        name
        for name in old.keys() | new.keys()
        if name not in old
        or name not in new
        or old[name].sha256 != new[name].sha256
        or old[name].repeats != new[name].repeats
    }
    assert not replaced & prepared.carried, "a file whose pages change was not read"
    replaced_pages = sum(new[name].pages for name in replaced if name in new)
    if replaced_pages * 2 >= sum(record.pages for record in new.values()):
        return None
    return replaced


def english_is_current(generation: Path | None) -> bool:
    """Whether the generation's English word list is this version's, from the installed
    wordfreq: when not (an upgrade), the ingest writes a new generation with a new list."""
    return generation is not None and list_is_current(generation, list_source())


def _unchanged_report(manifest: Manifest) -> IngestReport:
    report = IngestReport(changed=False, manifest=manifest, previous=manifest)
    _count(report, manifest.sections, sum(r.pages for r in manifest.files.values()))
    report.uncatalogued = [n for n, r in manifest.files.items() if r.chapter is None]
    report.repeats = {n: (r.repeated_pages, r.pages) for n, r in manifest.files.items() if r.repeated_pages}
    return report


def _count(report: IngestReport, infos: Iterable[SectionInfo], pages: int) -> None:
    infos = list(infos)
    report.chapters = len({i.chapter for i in infos})
    report.sections = sum(1 for i in infos if i.kind == PageKind.SECTION)
    report.pages = pages


def _split_one(toolkit: Toolkit, pdf: ExtractedPdf, source: SourceFile | None) -> _Done:
    """One PDF numbered, split and summed up in its manifest record (`source` None: the
    last good version of a file that is broken now)."""
    name = pdf.file
    chapter = toolkit.chapter_for_file(name)
    done = enrich(split_file(toolkit, pdf), pdf)
    warnings = list(pdf.warnings)
    if chapter is None and toolkit.chapters:
        warnings.append(f"{name}{NOT_IN_CONFIG}")
    warnings.extend(done.warnings)
    record = FileRecord(
        chapter_pages=tuple(
            (part.chapter, part.first_pdf_page, part.last_pdf_page) for part in done.chapters
        ),
        file=name,
        sha256=pdf.sha256,
        pages=len(pdf.pages),
        page_labels=done.numbering.labels,
        label_source=done.numbering.source,
        chapter=chapter.number if chapter else None,
        size=source.size if source else 0,
        mtime_ns=source.mtime_ns if source else 0,
        previous_version=source is None,
        warnings=tuple(warnings),
        marks=page_marks(pdf),
    )
    return _Done(record, done.split.sections, done.split.pages, done.split.problems)


def _assemble(
    toolkit: Toolkit,
    sources: list[SourceFile],
    done: dict[str, _Done],
    repeats: Repeats,
    report: IngestReport,
) -> Prepared:
    """The report, the manifest and the pages to write, from every file's outcome."""
    units: list[SectionPage] = []
    infos: list[SectionInfo] = []
    problems: list[str] = []
    files: dict[str, FileRecord] = {}
    pages = 0
    for name in sorted(done):
        item = done[name]
        skipped = repeats.pages.get(name, ())
        record = files[name] = replace(item.record, repeats=skipped, repeated_pages=len(skipped))
        report.warnings.extend(record.warnings)
        if record.chapter is None:
            report.uncatalogued.append(name)
        if skipped:
            report.repeats[name] = (len(skipped), record.pages)
        problems.extend(item.problems)
        units.extend(item.units or ())
        infos.extend(item.sections)
        pages += record.pages
    # A file that only repeats configured chapters is not indexed as a document of its own.
    whole = {f"{n}{NOT_IN_CONFIG}" for n, (skipped, total) in report.repeats.items() if skipped == total}
    report.warnings = [w for w in report.warnings if w not in whole]
    _count(report, infos, pages)
    manifest = Manifest(
        ingested_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
        inputs_digest=inputs_digest(toolkit, sources),
        config_digest=toolkit.digest,
        pipeline_version=PIPELINE_VERSION,
        files=files,
        sections=tuple(infos),
        failures={f.file: f.message for f in report.failures},
        build_key=build_key(toolkit),
    )
    carried = frozenset(name for name, item in done.items() if item.units is None)
    return Prepared(without_repeats(units, repeats), manifest, report, problems, carried)


def _previous_version(name: str, previous: Manifest | None, cache: ExtractionCache) -> ExtractedPdf | None:
    if previous is None or name not in previous.files:
        return None
    return cache.get(previous.files[name].sha256, name)


def audit_pdfs(toolkit: Toolkit, pdfs_dir: Path, store: IndexStore) -> AuditReport:
    """Compare the PDFs directory and config now with the last ingest, changing no index."""
    previous = load_manifest(store.current())
    if previous is None:
        raise UsageError("nothing to compare with: no ingest has been recorded yet; run `cse-toolkit ingest`")
    sources, refused = scan_sources(pdfs_dir, previous, trust_stat=False)
    prepared = prepare(
        toolkit, pdfs_dir, store, previous, sources, refused=refused, best_effort=True, reuse=True
    )
    # A file gone from the directory is removed, even though an ingest would keep serving
    # its last version until the config stops naming it.
    gone = set(previous.files) - {s.name for s in sources} - {f.file for f in refused}
    now = replace(
        prepared.manifest,
        files={n: r for n, r in prepared.manifest.files.items() if n not in gone},
        sections=tuple(s for s in prepared.manifest.sections if s.file not in gone),
    )
    report = compare(previous, now, toolkit)
    unreadable = {f.file: f.message for f in prepared.report.failures if f.file not in gone}
    by_name = {s.name: s for s in sources}
    unnoticed = tuple(
        name
        for name in report.changed_files
        if name in by_name
        and (previous.files[name].size, previous.files[name].mtime_ns)
        == (by_name[name].size, by_name[name].mtime_ns)
    )
    return replace(report, unreadable_files=unreadable, unnoticed_files=unnoticed)
