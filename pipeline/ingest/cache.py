"""Extracted text of each PDF, stored by the file's SHA-256 so unchanged files are never
extracted twice, and a previous version can be re-indexed when its replacement is broken.

A copy of each ingested PDF is kept beside its text, so packs are always cut from exactly
the bytes that were ingested, even after the published file has changed.

Pages read by OCR are kept beside the text layer (`<sha256>.ocr.json`, with the languages
they were read in), so an unchanged file is never OCRed twice.

All are read back through `pipeline.ondisk`: a damaged entry is reported and treated as
absent (the PDF, or its pages, are read again), and a copy of a PDF whose bytes no longer
match its hash is never used.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pipeline import EXTRACTOR_VERSION
from pipeline.ingest.extract import ExtractedPdf, Line, PageText, sha256_file
from pipeline.ondisk import copy_atomic, dump, read_record, report, write_atomic

ROWS = (Line,)  # the many lines of a page are stored as [text, top, bottom, x0]

# Bumped when the OCR pass changes what it reads, so cached OCR text is read again.
OCR_VERSION = "1"


class ExtractionCache:
    """`best_effort`: commands that only read the index (audit, sections) may find it
    read-only; their cache writes are then skipped instead of failing the command."""

    def __init__(self, directory: Path, best_effort: bool = False) -> None:
        self.directory = directory
        self.best_effort = best_effort

    def _path(self, sha256: str) -> Path:
        return self.directory / f"{sha256}.json"

    def _ocr_path(self, sha256: str) -> Path:
        return self.directory / f"{sha256}.ocr.json"

    def get(self, sha256: str, name: str, *, ocr: bool = True) -> ExtractedPdf | None:
        """The cached extraction of these bytes (under the file's current name), if valid;
        with the pages OCR has read in place of the text layer's, unless `ocr` is False."""
        pdf = read_record(
            self._path(sha256),
            ExtractedPdf,
            f"{name} is read again instead",
            current=lambda data: data.get("extractor_version") == EXTRACTOR_VERSION,
            check=lambda pdf: _check(pdf, sha256),
            rows=ROWS,
        )
        if pdf is None:
            return None
        warnings = tuple(w.replace(pdf.file, name, 1) for w in pdf.warnings)
        pdf = ExtractedPdf(file=name, sha256=sha256, pages=pdf.pages, warnings=warnings, outline=pdf.outline)
        return with_pages(pdf, self.get_ocr(sha256)) if ocr else pdf

    def get_ocr(self, sha256: str, languages: tuple[str, ...] | None = None) -> dict[int, PageText]:
        """Pages of these bytes already read by OCR (in these languages, if given)."""
        record = read_record(
            self._ocr_path(sha256),
            OcrPages,
            "those pages are read by OCR again",
            current=lambda data: (
                data.get("ocr_version") == OCR_VERSION and data.get("extractor_version") == EXTRACTOR_VERSION
            ),
            rows=ROWS,
        )
        if record is None or (languages is not None and record.languages != languages):
            return {}
        return {page.number: page for page in record.pages}

    def put_ocr(self, sha256: str, languages: tuple[str, ...], pages: Mapping[int, PageText]) -> None:
        """Add pages read by OCR to those kept for these bytes (atomically, as `put`)."""
        kept = {**self.get_ocr(sha256, languages), **pages}
        record = OcrPages(OCR_VERSION, EXTRACTOR_VERSION, languages, tuple(kept[n] for n in sorted(kept)))
        with self._tolerated():
            write_atomic(self._ocr_path(sha256), json.dumps(dump(record, ROWS), ensure_ascii=False))

    def put(self, pdf: ExtractedPdf) -> None:
        """Store atomically: a reader never sees half a cache file."""
        data: dict[str, Any] = {"extractor_version": EXTRACTOR_VERSION, **dump(pdf, ROWS)}
        with self._tolerated():
            write_atomic(self._path(pdf.sha256), json.dumps(data, ensure_ascii=False))

    def source(self, sha256: str) -> Path | None:
        """The ingested copy of a PDF, if kept and still the bytes that were ingested (a
        copy that rotted on disk is reported and removed, never used)."""
        path = self.directory / f"{sha256}.pdf"
        if not path.is_file():
            return None
        if sha256_file(path) != sha256:
            report(
                path,
                "its bytes no longer match the SHA-256 they were ingested with",
                "it is not used and is removed",
            )
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        return path

    def keep_source(self, sha256: str, original: Path) -> None:
        """Copy the PDF in (a copy, not a link: an edit in place must not reach it). A
        file changed while it was copied is not kept."""
        target = self.directory / f"{sha256}.pdf"
        if target.is_file():
            return
        with self._tolerated():
            copy_atomic(original, target, sha256)

    def prune(self, keep: set[str]) -> None:
        """Drop cached extractions and copies no manifest refers to any more."""
        for path in [*self.directory.glob("*.json"), *self.directory.glob("*.pdf")]:
            if path.name.split(".")[0] not in keep:
                path.unlink(missing_ok=True)
        for path in self.directory.glob("*.tmp*"):
            path.unlink(missing_ok=True)

    @contextlib.contextmanager
    def _tolerated(self) -> Iterator[None]:
        try:
            yield
        except OSError:
            if not self.best_effort:
                raise


def _check(pdf: ExtractedPdf, sha256: str) -> str | None:
    if pdf.sha256 != sha256:
        return f"it holds the text of another file ({pdf.sha256[:12]}...)"
    if not pdf.pages or [p.number for p in pdf.pages] != list(range(1, len(pdf.pages) + 1)):
        return "its pages are not numbered 1 to n"
    return None


@dataclass(frozen=True)
class OcrPages:
    """The pages of one PDF read by OCR, as kept in `<sha256>.ocr.json`."""

    ocr_version: str
    extractor_version: str
    languages: tuple[str, ...]
    pages: tuple[PageText, ...]


def with_pages(pdf: ExtractedPdf, pages: Mapping[int, PageText]) -> ExtractedPdf:
    """The PDF with these pages (read by OCR) in place of its own; each keeps the label
    and size the PDF gives it."""
    if not pages:
        return pdf
    merged = tuple(
        replace(pages[p.number], label=p.label, width=p.width, height=p.height) if p.number in pages else p
        for p in pdf.pages
    )
    return replace(pdf, pages=merged)
