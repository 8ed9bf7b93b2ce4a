"""Excerpt packs: what a role needs from the toolkit, handed over as a PDF (a cover a
reader understands, a contents page, the published pages themselves with their printed
page numbers, the sources last), as Markdown and as one self-contained HTML page.

Built only from the last ingest (its manifest, extraction cache and copies of the PDFs),
so a pack always matches what search answers; the same inputs give byte-identical files.
Which pages a pack holds is planned in `ingest.packplan`, which the audit reads too.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.board import packdoc
from pipeline.board.packdoc import PackDoc, Source, UnitText
from pipeline.board.packpdf import pack_pdf
from pipeline.board.packtext import html_page, markdown
from pipeline.board.paragraphs import file_blocks
from pipeline.config.model import Role, Toolkit
from pipeline.engine.dated import Stamp, load_dates
from pipeline.engine.store import IndexStore
from pipeline.errors import UsageError
from pipeline.ingest.cache import ExtractionCache
from pipeline.ingest.extract import describe_open_failure, quiet_pdf_libraries, sha256_file
from pipeline.ingest.manifest import Manifest
from pipeline.ingest.packplan import PackPart, plan_pack
from pipeline.ingest.packsbuilt import BuiltPack, record_pack
from pipeline.numerals import plain
from pipeline.ondisk import write_atomic
from pipeline.text import printable

FORMATS = ("pdf", "md", "html")
DEFAULT_FORMATS = ("pdf", "md")

__all__ = ["FORMATS", "PackFiles", "PackPart", "build_pack", "plan_pack", "remember", "stale_files"]


@dataclass(frozen=True)
class PackFiles:
    """The files one pack was written to, in the order of FORMATS."""

    paths: tuple[Path, ...]
    notes: tuple[str, ...] = ()  # what the reader of the command should know (a broken file)

    @property
    def pdf(self) -> Path | None:
        return next((p for p in self.paths if p.suffix == ".pdf"), None)

    @property
    def markdown(self) -> Path | None:
        return next((p for p in self.paths if p.suffix == ".md"), None)


def stale_files(manifest: Manifest, pdfs_dir: Path, files: set[str]) -> list[str]:
    """Source files whose bytes differ from the last ingest (or are gone)."""
    stale = []
    for name in sorted(files):
        path = pdfs_dir / name
        record = manifest.files.get(name)
        if record is None or not path.is_file() or sha256_file(path) != record.sha256:
            stale.append(name)
    return stale


def unusable_now(pdfs_dir: Path, name: str) -> str | None:
    """What is wrong with a file in the PDFs directory that no ingest could read now
    (gone, empty, not a PDF, encrypted, damaged); None when it opens."""
    path = pdfs_dir / name
    if not path.exists():
        return f"is no longer in {pdfs_dir}"
    if not path.is_file():
        return "is no longer a regular file"
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if b"%PDF-" not in head:
        return describe_open_failure(path, name, "no PDF header").problem
    import pypdfium2

    quiet_pdf_libraries()
    try:
        pypdfium2.PdfDocument(str(path)).close()
    except pypdfium2.PdfiumError as exc:
        return describe_open_failure(path, name, str(exc)).problem
    return None


def build_pack(
    toolkit: Toolkit,
    role: Role,
    manifest: Manifest,
    pdfs_dir: Path,
    store: IndexStore,
    out_dir: Path,
    *,
    full: bool = False,
    stale_ok: bool = False,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
) -> PackFiles:
    """Write `<role>.pdf`, `<role>.md` and/or `<role>.html` into `out_dir`, atomically."""
    if out_dir.resolve().is_relative_to(pdfs_dir.resolve()):
        raise UsageError(
            f"--out {out_dir} is inside the PDFs directory {pdfs_dir}, where the next ingest would "
            "index the pack as a document; choose a folder outside it (the default is packs/)"
        )
    parts = plan_pack(toolkit, role, manifest, full)
    if not parts:
        raise UsageError(
            f"role {role.id!r} has no sections or must-read chapters in the last ingest; nothing to pack"
        )
    names = {p.file for p in parts}
    stale = stale_files(manifest, pdfs_dir, names)
    # A file that is gone or no longer opens is not a newer edition: the index keeps the
    # version it read, and so does the pack, saying why. Only a readable new file stops it.
    unusable = {name: why for name in stale if (why := unusable_now(pdfs_dir, name)) is not None}
    notes = tuple(
        f"{printable(name)} {why}; the pack uses the version indexed on {manifest.ingested_at[:10]}, "
        "which search also answers from"
        for name, why in sorted(unusable.items())
    )
    stale = [name for name in stale if name not in unusable]
    if stale and not stale_ok:
        rotted = [name for name in stale if _same_size_and_time(manifest, pdfs_dir, name)]
        if rotted:
            raise UsageError(
                f"{', '.join(map(printable, rotted))} changed since the last ingest ({manifest.ingested_at}) "
                "although its size and modification time did not (bit rot, or a tool that keeps "
                "times), so a plain ingest does not see it: run `cse-toolkit ingest --force`"
            )
        raise UsageError(
            f"{', '.join(map(printable, stale))} changed since the last ingest ({manifest.ingested_at}); run "
            "`cse-toolkit ingest` first (or pass --stale-ok to pack the ingested text anyway)"
        )
    cache = ExtractionCache(store.cache_dir)
    copies = _ingested_copies(manifest, cache, names, pdfs_dir)
    latest = load_dates(store.current()).latest
    doc = _document(
        toolkit, role, manifest, parts, copies, _texts_by_page(toolkit, manifest, cache, names), latest
    )
    rendered = {
        "pdf": lambda: pack_pdf(doc, copies),
        "md": lambda: markdown(doc).encode("utf-8"),
        "html": lambda: html_page(doc).encode("utf-8"),
    }
    # Every file is complete before any is written: a failure leaves the old pack whole.
    data = {fmt: rendered[fmt]() for fmt in FORMATS if fmt in formats}
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt, content in data.items():
        path = out_dir / f"{role.id}.{fmt}"
        write_atomic(path, content)
        paths.append(path)
    return PackFiles(tuple(paths), notes)


def remember(store: IndexStore, role: Role, full: bool, files: PackFiles) -> None:
    """Record a pack handed out (`cse-toolkit pack`), so the next ingest that changes its
    pages says it is stale. An index folder this user cannot write to (a shared one) only
    loses that: the pack itself is written. (The web page's packs are made per index
    generation, never stale, and not recorded.)"""
    latest = load_dates(store.current()).latest
    paths = tuple(str(p.resolve()) for p in files.paths)
    with contextlib.suppress(OSError):
        record_pack(store.root, BuiltPack(role.id, full, paths, latest.number if latest else 0))


def _document(
    toolkit: Toolkit,
    role: Role,
    manifest: Manifest,
    parts: list[PackPart],
    copies: dict[str, Path],
    texts: dict[tuple[str, int], list[UnitText]],
    latest: Stamp | None = None,
) -> PackDoc:
    body, placed = packdoc.place(parts)
    sources = _sources(manifest, parts, copies)
    rows = packdoc.contents(parts, placed, manifest)
    return PackDoc(
        title=toolkit.title,
        cover=packdoc.cover(toolkit, role, manifest, parts, packdoc.edition_text(toolkit, sources), latest),
        contents=rows,
        body=body,
        placed=placed,
        parts=tuple(parts),
        texts=packdoc.part_texts(parts, placed, texts),
        sources=tuple(sources),
        ingested_at=manifest.ingested_at,
        config_digest=manifest.config_digest,
        outline=packdoc.outline(parts, placed, rows),
    )


def _sources(manifest: Manifest, parts: list[PackPart], copies: dict[str, Path]) -> list[Source]:
    """Each file the pack cuts from, with its checksum, the date the PDF gives itself and
    the runs of printed pages taken from it."""
    import pypdf

    quiet_pdf_libraries()

    out = []
    for name in sorted({p.file for p in parts}):
        pages = sorted({page for p in parts if p.file == name for page in p.pdf_pages})
        try:
            info = pypdf.PdfReader(str(copies[name])).metadata
            raw = (info.get("/ModDate") or info.get("/CreationDate")) if info else None
            dated = packdoc.pdf_date(raw)
        except (pypdf.errors.PyPdfError, OSError, ValueError):
            dated = ""
        record = manifest.files[name]
        out.append(Source(name, record.sha256, dated, _runs(pages, record.page_labels)))
    return out


def _runs(pages: list[int], labels: tuple[str, ...]) -> str:
    """PDF pages as runs of printed pages: "pp. 16-18, 22-24"."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    shown = [plain(label) for label in labels]
    text = [
        shown[run[0] - 1] if len(run) == 1 else f"{shown[run[0] - 1]}-{shown[run[-1] - 1]}" for run in runs
    ]
    return ("p. " if len(pages) == 1 else "pp. ") + ", ".join(text)


def _same_size_and_time(manifest: Manifest, pdfs_dir: Path, name: str) -> bool:
    record = manifest.files.get(name)
    try:
        stat = (pdfs_dir / name).stat()
    except OSError:
        return False
    return record is not None and (record.size, record.mtime_ns) == (stat.st_size, stat.st_mtime_ns)


def _ingested_copies(
    manifest: Manifest, cache: ExtractionCache, files: set[str], pdfs_dir: Path
) -> dict[str, Path]:
    """The exact bytes each source had when ingested (kept in the cache by the ingest),
    each checked against its SHA-256 now. A copy that is missing or rotted is copied
    again from the PDFs directory when the file there still has those bytes."""
    copies = {}
    for name in sorted(files):
        sha256 = manifest.files[name].sha256
        copy = cache.source(sha256)
        if copy is None and (pdfs_dir / name).is_file() and sha256_file(pdfs_dir / name) == sha256:
            cache.keep_source(sha256, pdfs_dir / name)
            copy = cache.source(sha256)
        if copy is None:
            raise UsageError(
                f"the ingested copy of {printable(name)} in {cache.directory} is missing or damaged, and "
                "the file in the PDFs directory is no longer the one ingested; run "
                "`cse-toolkit ingest` to ingest the current file"
            )
        copies[name] = copy
    return copies


def _texts_by_page(
    toolkit: Toolkit, manifest: Manifest, cache: ExtractionCache, files: set[str]
) -> dict[tuple[str, int], list[UnitText]]:
    """The ingested text of each page, split by section exactly as the index has it, and
    shaped into paragraphs and headings from the lines' positions."""
    texts: dict[tuple[str, int], list[UnitText]] = {}
    for name in sorted(files):
        pdf = cache.get(manifest.files[name].sha256, name)
        if pdf is None:
            raise UsageError(
                f"the ingested text of {name} is not in the cache; run `cse-toolkit ingest --force`"
            )
        for pdf_page, shaped in file_blocks(toolkit, pdf).items():
            texts[(name, pdf_page)] = [UnitText(unit, tuple(found)) for unit, found in shaped]
    return texts
