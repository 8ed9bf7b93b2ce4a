"""The ingest manifest: what one index generation was built from, like a lock file.

It records each PDF's SHA-256, pages and page labels, and each section's page range,
heading position and text (with its hash), so `audit` can say what changed since, and
`pack` can cite the exact sources.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ingest.sections import SectionInfo
from pipeline.ondisk import dump, read_record, write_atomic

MANIFEST_VERSION = 1
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class FileRecord:
    file: str
    sha256: str
    pages: int
    page_labels: tuple[str, ...]
    label_source: str
    chapter: int | None
    size: int = 0
    mtime_ns: int = 0
    previous_version: bool = False  # the file is broken now; this is the last good version
    # (chapter, first PDF page, last PDF page), 1-based, for each chapter the file holds
    chapter_pages: tuple[tuple[int, int, int], ...] = ()
    repeated_pages: int = 0  # pages answered from a configured chapter instead (same text)
    # What the next ingest needs to reuse this file as it is, without reading its text again
    # while its bytes and the build key stay the same: what was said about it, each page's
    # fingerprint for repeats ("" for a page too plain; see repeats.py), and which pages were
    # skipped as repeats (1-based). A record without marks (an older manifest) is read again.
    warnings: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()
    repeats: tuple[int, ...] = ()

    @property
    def chapters(self) -> tuple[int, ...]:
        """Every chapter this file holds."""
        if self.chapter_pages:
            return tuple(number for number, _, _ in self.chapter_pages)
        return () if self.chapter is None else (self.chapter,)

    def pages_of(self, chapter: int) -> tuple[int, ...]:
        """1-based PDF pages of one chapter of this file (the whole file for an older manifest)."""
        for number, first, last in self.chapter_pages:
            if number == chapter:
                return tuple(range(first, last + 1))
        return tuple(range(1, self.pages + 1)) if self.chapter == chapter else ()


@dataclass(frozen=True)
class Manifest:
    ingested_at: str  # ISO 8601, UTC, to the second
    inputs_digest: str
    config_digest: str
    pipeline_version: str
    files: dict[str, FileRecord]
    sections: tuple[SectionInfo, ...]
    failures: dict[str, str] = field(default_factory=dict)  # file -> message
    build_key: str = ""  # what every page's indexing depends on besides its own file
    version: int = MANIFEST_VERSION

    def sections_of(self, file: str) -> list[SectionInfo]:
        return [s for s in self.sections if s.file == file]

    def section(self, section_id: str) -> SectionInfo | None:
        return next((s for s in self.sections if s.id == section_id), None)


def save_manifest(manifest: Manifest, directory: Path) -> None:
    write_atomic(directory / MANIFEST_NAME, json.dumps(dump(manifest), indent=1, ensure_ascii=False))


def load_manifest(directory: Path | None) -> Manifest | None:
    """The manifest of a generation, or None if absent, written by another version, or
    damaged (reported: the next ingest then rebuilds everything from the PDFs)."""
    if directory is None:
        return None
    return read_record(
        directory / MANIFEST_NAME,
        Manifest,
        "it is ignored: the next ingest rebuilds the index from the PDFs",
        current=lambda data: data.get("version") == MANIFEST_VERSION,
        check=_check,
    )


def _check(manifest: Manifest) -> str | None:
    """What the types cannot say: every record agrees with itself and with the others."""
    for name, record in manifest.files.items():
        where = f"files[{json.dumps(name, ensure_ascii=False)}]"
        if record.file != name:
            return f"{where}.file is {record.file!r}"
        if record.pages < 1 or len(record.page_labels) != record.pages:
            return f"{where} has {record.pages} pages but {len(record.page_labels)} page labels"
        if any(not 1 <= first <= last <= record.pages for _, first, last in record.chapter_pages):
            return f"{where}.chapter_pages runs outside its {record.pages} pages"
        if record.marks and len(record.marks) != record.pages:
            return f"{where} has {record.pages} pages but {len(record.marks)} page marks"
        if any(not 1 <= page <= record.pages for page in record.repeats):
            return f"{where}.repeats names a page outside its {record.pages} pages"
    for index, section in enumerate(manifest.sections):
        owner = manifest.files.get(section.file)
        if owner is None:
            return f"sections[{index}] is in {section.file!r}, which is not in files"
        if not 0 <= section.first_pdf_page <= section.last_pdf_page <= owner.pages:
            return (
                f"sections[{index}] runs over PDF pages "
                f"{section.first_pdf_page}-{section.last_pdf_page} of {owner.pages}"
            )
    return None
