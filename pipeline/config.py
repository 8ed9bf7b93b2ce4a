"""The toolkit configuration as plain data, and loading it.

Validation (every problem at once, with its place and line) lives in `config_check.py`;
this module only holds the result and decides when validation can be skipped: each ingest
keeps a snapshot of the config it validated, and `cse-search` reuses it while the file's
bytes are unchanged, so a search never pays for the YAML parser.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline.errors import ConfigError

ID_PATTERN = re.compile(r"^[a-z0-9-]+$")
SNAPSHOT_NAME = "toolkit.json"


@dataclass(frozen=True)
class SectionSpec:
    """A section as configured: where its heading stands, in printed page numbers."""

    id: str
    title: str
    start: int | str  # a printed page number, or a label as printed ("iii")
    end: int | str | None = None


@dataclass(frozen=True)
class ChapterSpec:
    number: int
    title: str
    file: str
    first_page: int | None = None
    sections: tuple[SectionSpec, ...] = ()


@dataclass(frozen=True)
class Audience:
    id: str
    title: str
    read: tuple[int, ...] = ()
    helpful: tuple[int, ...] = ()


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    audience: str
    sections: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Limits:
    """Per-file budgets that keep a hostile PDF from exhausting the machine."""

    max_pages: int = 5000
    max_text_mb: int = 50
    seconds_per_file: int = 300


@dataclass(frozen=True)
class Toolkit:
    """The whole validated configuration."""

    title: str = "Tackling Child Sexual Exploitation Toolkit"
    chapters: tuple[ChapterSpec, ...] = ()
    audiences: tuple[Audience, ...] = ()
    roles: tuple[Role, ...] = ()
    synonyms: tuple[tuple[str, ...], ...] = ()
    limits: Limits = field(default_factory=Limits)
    digest: str = ""  # SHA-256 of the config file's bytes, recorded by each ingest

    def chapter(self, number: int) -> ChapterSpec | None:
        return next((c for c in self.chapters if c.number == number), None)

    def chapter_for_file(self, file: str) -> ChapterSpec | None:
        return next((c for c in self.chapters if c.file == file), None)

    def audience(self, audience_id: str) -> Audience | None:
        return next((a for a in self.audiences if a.id == audience_id), None)

    def section(self, section_id: str) -> tuple[ChapterSpec, SectionSpec] | None:
        for chapter in self.chapters:
            for section in chapter.sections:
                if section.id == section_id:
                    return chapter, section
        return None


def load_config(path: Path, pdfs_dir: Path | None = None, snapshot: Path | None = None) -> Toolkit:
    """Read and validate the config; raise ConfigError listing every problem found.

    With `snapshot` (a directory an ingest saved its validated config in), the snapshot
    is used instead when the file's bytes are the ones it was made from.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            str(path),
            [
                "file not found (pass --config PATH or set CSE_CONFIG; "
                "a minimal config is the one line `chapters: []`)"
            ],
        ) from None
    except OSError as exc:
        raise ConfigError(str(path), [f"cannot be read: {exc.strerror}"]) from None
    if snapshot is not None and pdfs_dir is None:
        saved = _read_snapshot(snapshot, hashlib.sha256(raw).hexdigest())
        if saved is not None:
            return saved
    return parse_config(raw, str(path), pdfs_dir)


def parse_config(raw: bytes, name: str = "toolkit.yaml", pdfs_dir: Path | None = None) -> Toolkit:
    """Validate config bytes; `name` is used in messages."""
    from pipeline.config_check import check_config

    return check_config(raw, name, pdfs_dir)


def save_snapshot(toolkit: Toolkit, directory: Path) -> None:
    """Keep the validated config beside the index it was used for."""
    (directory / SNAPSHOT_NAME).write_text(json.dumps(asdict(toolkit)), encoding="utf-8")


def _read_snapshot(directory: Path, digest: str) -> Toolkit | None:
    try:
        data = json.loads((directory / SNAPSHOT_NAME).read_text(encoding="utf-8"))
        if data.get("digest") != digest:
            return None
        return Toolkit(
            title=data["title"],
            chapters=tuple(
                ChapterSpec(**{**c, "sections": tuple(SectionSpec(**s) for s in c["sections"])})
                for c in data["chapters"]
            ),
            audiences=tuple(
                Audience(a["id"], a["title"], tuple(a["read"]), tuple(a["helpful"]))
                for a in data["audiences"]
            ),
            roles=tuple(
                Role(r["id"], r["title"], r["audience"], tuple(r["sections"]), tuple(r["aliases"]))
                for r in data["roles"]
            ),
            synonyms=tuple(tuple(group) for group in data["synonyms"]),
            limits=Limits(**data["limits"]),
            digest=digest,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no usable snapshot: validate the file itself
