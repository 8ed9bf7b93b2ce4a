"""The append-only history of ingests: one JSON line each, never rewritten.

It lives beside the index generations (not inside one), so it survives rebuilds. A line
cut short by a crash is skipped when read, never fatal.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pipeline.audit import UNCHANGED, compare
from pipeline.config import Toolkit
from pipeline.manifest import Manifest


def history_entry(previous: Manifest | None, manifest: Manifest, toolkit: Toolkit) -> dict[str, Any]:
    report = compare(previous, manifest, toolkit)
    return {
        "at": manifest.ingested_at,
        "files": {name: record.sha256 for name, record in sorted(manifest.files.items())},
        "added_files": list(report.added_files),
        "removed_files": list(report.removed_files),
        "changed_files": list(report.changed_files),
        "config_changed": report.config_changed,
        "sections": [
            {
                "id": s.id,
                "status": s.status,
                "configured_start": s.configured_start,
                "found_start": s.found_start,
                "added_lines": s.added_lines,
                "removed_lines": s.removed_lines,
            }
            for s in report.sections
            if s.status != UNCHANGED
        ],
        "roles_affected": list(report.roles_affected),
        "failures": dict(manifest.failures),
    }


def append_history(path: Path, previous: Manifest | None, manifest: Manifest, toolkit: Toolkit) -> None:
    """Append one line and flush it to disk (O_APPEND: concurrent writers never interleave)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(history_entry(previous, manifest, toolkit), ensure_ascii=False) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def read_history(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    entries = []
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a line cut short by a crash
        if isinstance(entry, dict):
            entries.append(entry)
    return entries
