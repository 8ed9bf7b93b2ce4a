"""Loading the toolkit configuration.

Validation (every problem at once, with its place and line) lives in `check.py`;
this module decides when validation can be skipped: each ingest
keeps a snapshot of the config it validated, and `cse-search` reuses it while the file's
bytes are unchanged, so a search never pays for the YAML parser.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from pipeline.config.model import Toolkit
from pipeline.errors import ConfigError
from pipeline.ondisk import dump, read_record, sha256_hex, write_atomic

SNAPSHOT_NAME = "toolkit.json"


def load_config(
    path: Path,
    pdfs_dir: Path | None = None,
    snapshot: Path | None = None,
    page_labels: Mapping[str, Sequence[str]] | None = None,
) -> Toolkit:
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
        saved = _read_snapshot(snapshot, sha256_hex(raw))
        if saved is not None:
            return saved
    return parse_config(raw, str(path), pdfs_dir, page_labels)


def parse_config(
    raw: bytes,
    name: str = "toolkit.yaml",
    pdfs_dir: Path | None = None,
    page_labels: Mapping[str, Sequence[str]] | None = None,
) -> Toolkit:
    """Validate config bytes; `name` is used in messages (see check.check_config)."""
    from pipeline.config.check import check_config

    return check_config(raw, name, pdfs_dir, page_labels)


def save_snapshot(toolkit: Toolkit, directory: Path) -> None:
    """Keep the validated config beside the index it was used for."""
    write_atomic(directory / SNAPSHOT_NAME, json.dumps(dump(toolkit), ensure_ascii=False))


def load_snapshot(directory: Path | None) -> Toolkit | None:
    """The config an ingest used, as it kept it (whatever the file says now); None when
    there is none or it is damaged (reported)."""
    if directory is None:
        return None
    return read_record(directory / SNAPSHOT_NAME, Toolkit, "the config it was made with is not known")


def _read_snapshot(directory: Path, digest: str) -> Toolkit | None:
    """The snapshot if it was made from these config bytes and is intact; else None, and
    the config file itself is validated (a damaged snapshot is reported, never used)."""
    saved = read_record(
        directory / SNAPSHOT_NAME,
        Toolkit,
        "the config file is checked again instead",
        current=lambda data: data.get("digest") == digest,
    )
    return dataclasses.replace(saved, digest=digest) if saved is not None else None
