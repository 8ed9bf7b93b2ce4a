"""Extracted text of each PDF, stored by the file's SHA-256 so unchanged files are never
extracted twice, and a previous version can be re-indexed when its replacement is broken.

A copy of each ingested PDF is kept beside its text, so packs are always cut from exactly
the bytes that were ingested, even after the published file has changed."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from pipeline import EXTRACTOR_VERSION
from pipeline.ingest.extract import ExtractedPdf, Line, PageText, sha256_file


class ExtractionCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, sha256: str) -> Path:
        return self.directory / f"{sha256}.json"

    def get(self, sha256: str, name: str) -> ExtractedPdf | None:
        """The cached extraction of these bytes (under the file's current name), if valid."""
        try:
            data = json.loads(self._path(sha256).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("extractor_version") != EXTRACTOR_VERSION:
            return None
        try:
            pages = tuple(
                PageText(
                    number=p["number"],
                    lines=tuple(Line(*line) for line in p["lines"]),
                    width=p["width"],
                    height=p["height"],
                    label=p["label"],
                    unreadable=p["unreadable"],
                )
                for p in data["pages"]
            )
            warnings = tuple(w.replace(data["file"], name, 1) for w in data["warnings"])
        except (KeyError, TypeError):
            return None
        return ExtractedPdf(file=name, sha256=sha256, pages=pages, warnings=warnings)

    def put(self, pdf: ExtractedPdf) -> None:
        """Store atomically: a reader never sees half a cache file."""
        self.directory.mkdir(parents=True, exist_ok=True)
        data = {
            "extractor_version": EXTRACTOR_VERSION,
            "file": pdf.file,
            "sha256": pdf.sha256,
            "warnings": list(pdf.warnings),
            "pages": [
                {
                    "number": p.number,
                    "width": p.width,
                    "height": p.height,
                    "label": p.label,
                    "unreadable": p.unreadable,
                    "lines": [[line.text, line.top, line.bottom, line.x0] for line in p.lines],
                }
                for p in pdf.pages
            ],
        }
        target = self._path(pdf.sha256)
        temporary = target.with_suffix(f".tmp{os.getpid()}")
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
            if path.stem not in keep:
                path.unlink(missing_ok=True)
        for path in self.directory.glob("*.tmp*"):
            path.unlink(missing_ok=True)
