"""`cse-toolkit sections`: the sections as the pipeline sees them, for checking a config."""

from __future__ import annotations

from pathlib import Path

from pipeline.config.model import Toolkit
from pipeline.engine.store import IndexStore
from pipeline.errors import PdfError, UsageError
from pipeline.ingest.cache import ExtractionCache
from pipeline.ingest.extract import ExtractedPdf, sha256_file
from pipeline.ingest.folder import find_pdfs
from pipeline.ingest.runner import SourceFile, extract_all
from pipeline.ingest.sections import INTRO, split_file
from pipeline.numerals import page_range
from pipeline.text import printable


def read_pdf(path: Path | PdfError, name: str, toolkit: Toolkit, cache: ExtractionCache) -> ExtractedPdf:
    """Extraction as the ingest does it (through the cache, in an isolated worker), so
    the answer is the same and a hostile file cannot take the command down."""
    if isinstance(path, PdfError):  # refused when the folder was read (a link out, a pipe...)
        raise path
    try:
        stat = path.stat()
        source = SourceFile(name, path, sha256_file(path), stat.st_size, stat.st_mtime_ns)
    except OSError as exc:
        raise PdfError(name, f"cannot be read ({exc.strerror})", "Check the file's permissions.") from None
    result = extract_all([source], cache, toolkit.limits, None, toolkit.ocr)[name]
    if isinstance(result, PdfError):
        raise result
    return result


def selected_files(toolkit: Toolkit, pdfs_dir: Path, file: str | None) -> list[tuple[str, Path | PdfError]]:
    """The PDFs a command names: all, or the one FILE given by its name in the PDFs
    directory, or by a path to it (as the shell completes it: pdfs/x.pdf); each with its
    path, or with the reason it was refused when the folder was read."""
    found = find_pdfs(pdfs_dir)
    names: list[tuple[str, Path | PdfError]] = sorted(
        [
            *((p.relative_to(pdfs_dir).as_posix(), p) for p in found.pdfs),
            *((e.file, e) for e in found.refused),
        ],
        key=lambda item: item[0],
    )
    if file is None:
        return names
    file = _name_in(pdfs_dir, file)
    wanted = Path(file).name if "/" not in file else file
    chosen = [(n, p) for n, p in names if n in (file, wanted) or Path(n).name == wanted]
    if not chosen:
        valid = ", ".join(printable(n) for n, _ in names) or "none"
        raise UsageError(f"{file!r} is not a PDF in {pdfs_dir} (there: {valid})")
    return chosen


def _name_in(pdfs_dir: Path, file: str) -> str:
    """A path to an existing file, as its name inside the PDFs directory."""
    path = Path(file)
    if not path.is_file():
        return file
    try:
        return path.resolve().relative_to(pdfs_dir.resolve()).as_posix()
    except ValueError:
        raise UsageError(
            f"{file} is not in the PDFs directory {pdfs_dir}: copy it there, or pass --pdfs DIR"
        ) from None


def describe_sections(
    toolkit: Toolkit, pdfs_dir: Path, store: IndexStore, file: str | None
) -> tuple[str, bool]:
    """A readable table per PDF; returns (text, whether some PDF could not be read)."""
    cache = ExtractionCache(store.cache_dir, best_effort=True)  # the index may be read-only
    out: list[str] = []
    failed = False
    for name, path in selected_files(toolkit, pdfs_dir, file):
        try:
            pdf = read_pdf(path, name, toolkit, cache)
        except PdfError as exc:
            out.append(f"{printable(name)}\n  cannot be read: {exc.message}\n")
            failed = True
            continue
        chapters = toolkit.chapters_for_file(name)
        done = split_file(toolkit, pdf)
        numbering, split = done.numbering, done.split
        labels = numbering.labels
        if len(chapters) == 1:
            head = f"Chapter {chapters[0].number}: {chapters[0].title}"
        elif chapters:
            head = "Chapters " + ", ".join(f"{c.number}: {c.title}" for c in chapters)
        else:
            head = "Uncatalogued document"
        count = f"{len(pdf.pages)} PDF page{'s' if len(pdf.pages) != 1 else ''}"
        printed = (
            page_range(labels[0], labels[-1]).replace("pp.", "printed pages").replace("p.", "printed page")
        )
        out.append(f"{head}\n  {printable(name)}: {count}, {printed} (from {numbering.source})")
        for part in done.chapters if len(chapters) > 1 else ():
            first, last = labels[part.first_pdf_page - 1], labels[part.last_pdf_page - 1]
            out.append(
                f"  chapter {part.chapter}: {page_range(first, last)}, PDF pages "
                f"{part.first_pdf_page}-{part.last_pdf_page}"
            )
        for info in split.sections:
            pages = page_range(info.first_page, info.last_page)
            pdf_pages = (
                str(info.first_pdf_page)
                if info.first_pdf_page == info.last_pdf_page
                else f"{info.first_pdf_page}-{info.last_pdf_page}"
            )
            if info.kind == INTRO:
                heading = ""
            elif info.heading_found:
                heading = f"heading found on p. {info.heading_page}"
            elif info.heading_page:
                heading = f"HEADING NOT ON p. {info.configured_start}: found on p. {info.heading_page}"
                heading += " (split there)" if info.followed else ""
            else:
                heading = f"HEADING NOT FOUND (expected on p. {info.configured_start})"
            out.append(f"  {info.id:<32} {pages:<13} PDF {pdf_pages:<7} {heading}".rstrip())
        for message in (*done.warnings, *split.problems, *pdf.warnings):
            out.append(f"  ! {printable(message)}")
        out.append("")
    if not out:
        return f"No PDFs in {pdfs_dir}.", False
    return "\n".join(out).rstrip(), failed


def suggest_sections(toolkit: Toolkit, pdfs_dir: Path, store: IndexStore, file: str | None) -> str:
    """`sections:` YAML proposals for one PDF (or each PDF when no file is named)."""
    from pipeline.board.suggest import suggest_isolated

    cache = ExtractionCache(store.cache_dir, best_effort=True)
    blocks = []
    for name, path in selected_files(toolkit, pdfs_dir, file):
        pdf = read_pdf(path, name, toolkit, cache)
        assert isinstance(path, Path)  # read_pdf raised for a refused file
        numbering = split_file(toolkit, pdf).numbering
        blocks.append(
            suggest_isolated(path, name, numbering, toolkit.chapters_for_file(name), toolkit.limits)
        )
    return "\n\n".join(blocks)
