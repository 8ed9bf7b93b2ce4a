"""Loading the toolkit configuration.

Validation (every problem at once, with its place and line) lives in `check.py`;
this module decides when validation can be skipped: each ingest
keeps a snapshot of the config it validated, and `cse-search` reuses it while the file's
bytes are unchanged, so a search never pays for the YAML parser.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from pipeline.config.model import (
    Audience,
    Board,
    ChapterSpec,
    Contact,
    Limits,
    OcrSettings,
    Role,
    SectionSpec,
    Toolkit,
)
from pipeline.errors import ConfigError

SNAPSHOT_NAME = "toolkit.json"


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
    from pipeline.config.check import check_config

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
                Audience(a["id"], a["title"], tuple(a["read"]), tuple(a["helpful"]), tuple(a["essential"]))
                for a in data["audiences"]
            ),
            roles=tuple(
                Role(
                    r["id"],
                    r["title"],
                    r["audience"],
                    tuple(r["sections"]),
                    tuple(r["aliases"]),
                    tuple(r["essential"]),
                )
                for r in data["roles"]
            ),
            synonyms=tuple(tuple(group) for group in data["synonyms"]),
            limits=Limits(**data["limits"]),
            board=_board(data.get("board")),
            ocr=OcrSettings(**{**data["ocr"], "languages": tuple(data["ocr"]["languages"])}),
            digest=digest,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no usable snapshot: validate the file itself


def _board(data: dict | None) -> Board | None:
    if data is None:
        return None
    contacts = tuple(Contact(**c) for c in data["contacts"])
    return Board(**{**data, "contacts": contacts})
