"""Extracted text of each PDF, stored by the file's SHA-256 so unchanged files are never
extracted twice, and a previous version can be re-indexed when its replacement is broken.

A copy of each ingested PDF is kept beside its text, so packs are always cut from exactly
the bytes that were ingested, even after the published file has changed.

Pages read by OCR are kept beside the text layer (`<sha256>.ocr.json`, with the languages
they were read in), so an unchanged file is never OCRed twice."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline import EXTRACTOR_VERSION
from pipeline.ingest.extract import ExtractedPdf, Line, PageText, sha256_file

# Bumped when the OCR pass changes what it reads, so cached OCR text is read again.
OCR_VERSION = "1"


class ExtractionCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, sha256: str) -> Path:
        return self.directory / f"{sha256}.json"

    def _ocr_path(self, sha256: str) -> Path:
        return self.directory / f"{sha256}.ocr.json"

    def get(self, sha256: str, name: str, *, ocr: bool = True) -> ExtractedPdf | None:
        """The cached extraction of these bytes (under the file's current name), if valid;
        with the pages OCR has read in place of the text layer's, unless `ocr` is False."""
        try:
            data = json.loads(self._path(sha256).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("extractor_version") != EXTRACTOR_VERSION:
            return None
        try:
            pages = tuple(_page(p) for p in data["pages"])
            warnings = tuple(w.replace(data["file"], name, 1) for w in data["warnings"])
        except (KeyError, TypeError):
            return None
        pdf = ExtractedPdf(file=name, sha256=sha256, pages=pages, warnings=warnings)
        return with_pages(pdf, self.get_ocr(sha256)) if ocr else pdf

    def get_ocr(self, sha256: str, languages: tuple[str, ...] | None = None) -> dict[int, PageText]:
        """Pages of these bytes already read by OCR (in these languages, if given)."""
        try:
            data = json.loads(self._ocr_path(sha256).read_text(encoding="utf-8"))
            if data.get("ocr_version") != OCR_VERSION or data.get("extractor_version") != EXTRACTOR_VERSION:
                return {}
            if languages is not None and tuple(data["languages"]) != languages:
                return {}
            pages = [_page(p) for p in data["pages"]]
        except (OSError, ValueError, KeyError, TypeError):
            return {}
        return {page.number: page for page in pages}

    def put_ocr(self, sha256: str, languages: tuple[str, ...], pages: Mapping[int, PageText]) -> None:
        """Add pages read by OCR to those kept for these bytes (atomically, as `put`)."""
        kept = {**self.get_ocr(sha256, languages), **pages}
        data = {
            "ocr_version": OCR_VERSION,
            "extractor_version": EXTRACTOR_VERSION,
            "languages": list(languages),
            "pages": [_page_data(kept[number]) for number in sorted(kept)],
        }
        self._write(self._ocr_path(sha256), data)

    def put(self, pdf: ExtractedPdf) -> None:
        """Store atomically: a reader never sees half a cache file."""
        data = {
            "extractor_version": EXTRACTOR_VERSION,
            "file": pdf.file,
            "sha256": pdf.sha256,
            "warnings": list(pdf.warnings),
            "pages": [_page_data(p) for p in pdf.pages],
        }
        self._write(self._path(pdf.sha256), data)

    def _write(self, target: Path, data: dict[str, Any]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f"{target.name}.tmp{os.getpid()}")
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        temporary.replace(target)

    def source(self, sha256: str) -> Path | None:
        """The ingested copy of a PDF, if kept."""
        path = self.directory / f"{sha256}.pdf"
        return path if path.is_file() else None

    def keep_source(self, sha256: str, original: Path) -> None:
        """Copy the PDF in (a copy, not a link: an edit in place must not reach it)."""
        target = self.directory / f"{sha256}.pdf"
        if target.is_file():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".tmp{os.getpid()}")
        shutil.copyfile(original, temporary)
        if sha256_file(temporary) != sha256:  # changed while we copied: keep nothing
            temporary.unlink(missing_ok=True)
            return
        temporary.replace(target)

    def prune(self, keep: set[str]) -> None:
        """Drop cached extractions and copies no manifest refers to any more."""
        for path in [*self.directory.glob("*.json"), *self.directory.glob("*.pdf")]:
            if path.name.split(".")[0] not in keep:
                path.unlink(missing_ok=True)
        for path in self.directory.glob("*.tmp*"):
            path.unlink(missing_ok=True)


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


def _page(data: dict[str, Any]) -> PageText:
    return PageText(
        number=data["number"],
        lines=tuple(Line(*line) for line in data["lines"]),
        width=data["width"],
        height=data["height"],
        label=data["label"],
        unreadable=data["unreadable"],
        ocr=data.get("ocr", False),
    )


def _page_data(page: PageText) -> dict[str, Any]:
    return {
        "number": page.number,
        "width": page.width,
        "height": page.height,
        "label": page.label,
        "unreadable": page.unreadable,
        "ocr": page.ocr,
        "lines": [[line.text, line.top, line.bottom, line.x0] for line in page.lines],
    }
