"""The ingest manifest: what one index generation was built from, like a lock file.

It records each PDF's SHA-256, pages and page labels, and each section's page range,
heading position and text (with its hash), so `audit` can say what changed since, and
`pack` can cite the exact sources.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline.ingest.sections import SectionInfo

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
    files: dict[str, FileRecord] = field(default_factory=dict)
    sections: tuple[SectionInfo, ...] = ()
    failures: dict[str, str] = field(default_factory=dict)  # file -> message
    build_key: str = ""  # what every page's indexing depends on besides its own file
    version: int = MANIFEST_VERSION

    def sections_of(self, file: str) -> list[SectionInfo]:
        return [s for s in self.sections if s.file == file]

    def section(self, section_id: str) -> SectionInfo | None:
        return next((s for s in self.sections if s.id == section_id), None)


def save_manifest(manifest: Manifest, directory: Path) -> None:
    data = asdict(manifest)
    target = directory / MANIFEST_NAME
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    temporary.replace(target)


def load_manifest(directory: Path | None) -> Manifest | None:
    """The manifest of a generation, or None if absent or written by another version."""
    if directory is None:
        return None
    try:
        data = json.loads((directory / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("version") != MANIFEST_VERSION:
        return None
    files = {
        name: FileRecord(
            **{
                **record,
                "page_labels": tuple(record["page_labels"]),
                "chapter_pages": tuple(tuple(part) for part in record.get("chapter_pages", ())),
            }
        )
        for name, record in data["files"].items()
    }
    sections = tuple(SectionInfo(**record) for record in data["sections"])
    return Manifest(
        ingested_at=data["ingested_at"],
        inputs_digest=data["inputs_digest"],
        config_digest=data["config_digest"],
        pipeline_version=data["pipeline_version"],
        files=files,
        sections=sections,
        failures=data.get("failures", {}),
        build_key=data.get("build_key", ""),
    )
