"""The append-only history of ingests: one JSON line each, never rewritten.

It lives beside the index generations (not inside one), so it survives rebuilds. A line
cut short by a crash is skipped when read, never fatal.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pipeline.ingest.audit import AuditReport, SectionStatus
from pipeline.ingest.manifest import Manifest


def history_entry(report: AuditReport, manifest: Manifest) -> dict[str, Any]:
    """One line of the log: what this ingest read, and what changed since the one before."""
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
            if s.status != SectionStatus.UNCHANGED
        ],
        "roles_affected": list(report.roles_affected),
        "roles_affected_full": list(report.roles_affected_full),
        "failures": dict(manifest.failures),
    }


ENTRY_NAME = "history-entry.json"


def stage_entry(generation: Path, report: AuditReport, manifest: Manifest) -> None:
    """Write this ingest's entry inside its generation before it is published, so an
    ingest killed between publishing and logging is still logged by the next one."""
    entry = {**history_entry(report, manifest), "generation": generation.name}
    (generation / ENTRY_NAME).write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")


def log_published(path: Path, generation: Path | None) -> None:
    """Append the published generation's entry unless the log has it already."""
    if generation is None:
        return
    try:
        entry = json.loads((generation / ENTRY_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    key = (entry.get("generation"), entry.get("at"))
    if any((e.get("generation"), e.get("at")) == key for e in read_history(path)[-5:]):
        return
    _append(path, entry)


def _append(path: Path, entry: dict[str, Any]) -> None:
    """Append one line and flush it to disk; a line cut short by a crash is closed first,
    so the new entry never fuses with it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = "\n" + line
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
