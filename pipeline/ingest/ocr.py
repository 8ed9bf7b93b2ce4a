"""Read the pages that have no usable text by OCR, so a scanned chapter is cited like any other.

OCRmyPDF (with Tesseract) does the reading. It runs as a command, not through its Python
API: Debian installs it for the system Python, not in this tool's environment, and a
command can be given a deadline and killed with everything it started. Only the pages
that need it are read (`--pages`, with `--force-ocr` so that a page whose text layer is
garbage is read too: the "skip pages that have text" rule, with garbage not counting as
text). OCRmyPDF writes into a temporary copy; the user's file is never changed. The
copy's new text layer is then read with the same extractor as any other page, so the
lines keep their positions and printed page numbers are found in the footers as usual.

Each file is read in a worker process (see workers.py) with its own time budget:
`ocr.seconds_per_page` for each page to read, plus a fixed allowance for OCRmyPDF to
start and write its copy. Pages read are cached by the file's hash (cache.py), so an
unchanged file is never read twice.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.config.model import OcrSettings
from pipeline.config.tesseract import INSTALL_OCR
from pipeline.errors import PdfError
from pipeline.ingest.cache import ExtractionCache, with_pages
from pipeline.ingest.extract import (
    RUN_OCR,
    ExtractedPdf,
    PageText,
    checked,
    extract_pages,
    needs_ocr,
    sha256_file,
)
from pipeline.ingest.stopping import kill_tree, ocr_folder
from pipeline.ingest.workers import run_isolated

COMMAND = "ocrmypdf"
# Besides its pages, the time OCRmyPDF may take to start, copy the file and write it back.
STARTUP_SECONDS = 30

OCR_OFF = "OCR is off (--ocr=never, or `ocr: never` in the config): ingest with --ocr=auto to read it by OCR."
NOT_INSTALLED = f"Install OCR to read it ({INSTALL_OCR}) and ingest again."


@dataclass(frozen=True)
class OcrJob:
    """One file's pages to read, as sent to a worker process."""

    path: str
    name: str
    sha256: str
    pages: tuple[int, ...]  # 1-based
    languages: tuple[str, ...]
    cores: int
    seconds: float  # the whole job's budget


@dataclass(frozen=True)
class OcrOutcome:
    pages: tuple[PageText, ...]
    error: str | None = None  # why OCR failed, in a few words


@dataclass
class OcrStats:
    """What OCR did in one ingest, for the progress bar and the summary."""

    pages_total: int = 0  # pages to read by OCR in this run
    pages_read: int = 0  # of those, read so far
    pages_cached: int = 0  # pages read by an earlier ingest, taken from the cache
    seconds: float = 0.0  # time spent reading
    failed: dict[str, str] = field(default_factory=dict)  # file -> why OCR failed


OcrProgress = Callable[[OcrStats], None]


def available() -> bool:
    """OCRmyPDF and Tesseract are both installed."""
    return shutil.which(COMMAND) is not None and shutil.which("tesseract") is not None


def pages_to_read(pdf: ExtractedPdf, mode: str) -> tuple[int, ...]:
    """`auto`: the pages without usable text; `always`: every page; `never`: none."""
    if mode == "always":
        return tuple(p.number for p in pdf.pages if not p.ocr)
    if mode == "auto":
        return tuple(p.number for p in pdf.pages if needs_ocr(p))
    return ()


def page_ranges(pages: tuple[int, ...]) -> str:
    """OCRmyPDF's --pages for these pages: (1, 2, 3, 7) -> '1-3,7'."""
    parts: list[str] = []
    for number in sorted(pages):
        if parts and parts[-1].split("-")[-1] == str(number - 1):
            parts[-1] = f"{parts[-1].split('-')[0]}-{number}"
        else:
            parts.append(str(number))
    return ",".join(parts)


def budget(pages: int, settings: OcrSettings) -> float:
    return STARTUP_SECONDS + pages * settings.seconds_per_page


def read_scanned(
    extracted: Mapping[str, ExtractedPdf | PdfError],
    paths: Mapping[str, Path],
    cache: ExtractionCache,
    settings: OcrSettings,
    progress: OcrProgress | None = None,
    memory_mb: int | None = None,
) -> tuple[dict[str, ExtractedPdf | PdfError], OcrStats]:
    """Each PDF with the pages it needs read by OCR (from the cache, or read now), then
    checked: a PDF with no usable text even so is refused with advice that fits (OCR off,
    not installed, failed). `memory_mb` caps each OCR worker as it does the extraction's
    (OCRmyPDF and Tesseract inherit the cap, each process on its own)."""
    stats = OcrStats()
    results: dict[str, ExtractedPdf | PdfError] = dict(extracted)
    todo: dict[str, tuple[int, ...]] = {}
    for name, pdf in extracted.items():
        if not isinstance(pdf, ExtractedPdf):
            continue
        wanted = pages_to_read(pdf, settings.mode)
        if not wanted:
            continue
        cached = {n: p for n, p in cache.get_ocr(pdf.sha256, settings.languages).items() if n in wanted}
        stats.pages_cached += len(cached)
        results[name] = pdf = with_pages(pdf, cached)
        missing = tuple(n for n in wanted if n not in cached)
        if missing:
            todo[name] = missing
    advice = {name: RUN_OCR for name in results}
    if settings.mode == "never":
        advice = {name: OCR_OFF for name in results}
    elif todo and not available():
        advice.update({name: NOT_INSTALLED for name in todo})
    elif todo:
        _read(todo, results, paths, cache, settings, stats, progress, memory_mb)
        for name, why in stats.failed.items():
            advice[name] = f"OCR failed on it ({why}). {_after_failure(why)}"
    for name, outcome in results.items():
        if isinstance(outcome, ExtractedPdf):
            try:
                results[name] = checked(outcome, advice[name])
            except PdfError as exc:
                results[name] = exc
    return results, stats


def _after_failure(why: str) -> str:
    if "budget" in why:
        return (
            "Raise ocr.seconds_per_page in the config, or run OCR on it yourself (ocrmypdf in.pdf out.pdf)."
        )
    return "Check the file, or run OCR on it yourself (ocrmypdf in.pdf out.pdf) and ingest again."


def _read(
    todo: dict[str, tuple[int, ...]],
    results: dict[str, ExtractedPdf | PdfError],
    paths: Mapping[str, Path],
    cache: ExtractionCache,
    settings: OcrSettings,
    stats: OcrStats,
    progress: OcrProgress | None,
    memory_mb: int | None,
) -> None:
    """Read the pages in worker processes, a file per worker, the cores shared among them."""
    cores = os.cpu_count() or 1
    workers = max(1, min(cores, len(todo)))
    jobs = []
    for name, pages in sorted(todo.items()):
        pdf = results[name]
        assert isinstance(pdf, ExtractedPdf)
        jobs.append(
            OcrJob(
                str(paths[name]),
                name,
                pdf.sha256,
                pages,
                settings.languages,
                max(1, cores // workers),
                budget(len(pages), settings),
            )
        )
    stats.pages_total = sum(len(pages) for pages in todo.values())
    if progress:
        progress(stats)
    started = time.monotonic()
    longest = max(job.seconds for job in jobs)
    for job, outcome in run_isolated(jobs, read_pages, lambda job: job.name, workers, longest, memory_mb):
        stats.pages_read += len(job.pages)
        stats.seconds = time.monotonic() - started
        if isinstance(outcome, PdfError):  # the worker crashed or hung past its budget
            outcome = OcrOutcome((), outcome.problem)
        if outcome.error is not None:
            stats.failed[job.name] = outcome.error
        if outcome.pages:
            found = {page.number: page for page in outcome.pages}
            cache.put_ocr(job.sha256, job.languages, found)
            pdf = results[job.name]
            assert isinstance(pdf, ExtractedPdf)
            results[job.name] = with_pages(pdf, found)
        if progress:
            progress(stats)


def read_pages(job: OcrJob) -> OcrOutcome:
    """Runs in a worker process: OCR the job's pages of a copy of the file, and extract them."""
    with ocr_folder() as work:
        copy, out = work / "in.pdf", work / "out.pdf"
        shutil.copyfile(job.path, copy)
        if sha256_file(copy) != job.sha256:
            return OcrOutcome((), "the file changed while it was being read; ingest again")
        command = [
            shutil.which(COMMAND) or COMMAND,
            "--force-ocr",  # only on --pages: the pages without usable text
            "--pages",
            page_ranges(job.pages),
            "--language",
            "+".join(job.languages),
            "--output-type",
            "pdf",  # not PDF/A: only the text is kept, so skip the slow conversion
            "--optimize",
            "0",
            "--jobs",
            str(job.cores),
            "--quiet",
            str(copy),
            str(out),
        ]
        error = _run(command, job.seconds, len(job.pages), work)
        if error is not None:
            return OcrOutcome((), error)
        try:
            pages = extract_pages(out, job.pages)
        except Exception as exc:  # PDFium on OCRmyPDF's own output: not expected to fail
            return OcrOutcome((), f"its output could not be read: {exc}")
    return OcrOutcome(tuple(replace(page, ocr=True) for page in pages.values()))


def _run(command: list[str], seconds: float, pages: int, work: Path) -> str | None:
    """Run OCRmyPDF within `seconds`; None when it worked, else why not.

    It stays in the ingest's process group (a signal to the group reaches it, Tesseract
    and Ghostscript), keeps its own temporary files inside `work`, and is stopped with
    everything it started on a timeout or when this worker is stopped."""
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # One thread per Tesseract: pages run in parallel already (--jobs), and Tesseract's
            # OpenMP threads spin for a free core, which on a busy machine made one page take
            # 70 s instead of 9 s here.
            env={**os.environ, "OMP_THREAD_LIMIT": "1", "TMPDIR": str(work)},
        )
    except OSError as exc:
        return f"{COMMAND} could not be started: {exc.strerror}"
    try:
        _, stderr = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        kill_tree(process.pid)
        process.communicate()
        return f"it took longer than its OCR budget of {seconds:.0f} s for {pages} page(s)"
    except BaseException:  # this worker is being stopped: so is the OCR it started
        kill_tree(process.pid)
        process.wait()
        raise
    if process.returncode != 0:
        lines = [line.strip() for line in stderr.splitlines() if line.strip()]
        detail = lines[-1] if lines else "no message"
        return f"{COMMAND} stopped with exit code {process.returncode}: {detail[:200]}"
    return None
