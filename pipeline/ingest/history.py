"""The append-only history of ingests: one JSON line each, never rewritten.

It lives beside the index generations (not inside one), so it survives rebuilds (and
`--force`). Each line is read back through `pipeline.ondisk`: a damaged line (cut short by
a crash, bytes that are not UTF-8, wrong values) is skipped with a warning, and never
blocks an ingest. An ingest that changed what is indexed carries its edition
(editions.py); lines written before editions existed load without one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.engine.dated import load_dates
from pipeline.ingest.audit import AuditReport, SectionStatus
from pipeline.ingest.editions import Edition
from pipeline.ingest.manifest import Manifest
from pipeline.ondisk import append_line, dump, read_record, read_records, write_atomic


@dataclass(frozen=True)
class SectionEvent:
    """A section that changed, moved or went missing in one ingest."""

    id: str
    status: SectionStatus
    configured_start: str | None = None
    found_start: str | None = None
    added_lines: int = 0
    removed_lines: int = 0


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the log: what an ingest read, and what changed since the one before."""

    at: str
    files: dict[str, str] = field(default_factory=dict)  # file -> SHA-256
    added_files: tuple[str, ...] = ()
    removed_files: tuple[str, ...] = ()
    changed_files: tuple[str, ...] = ()
    config_changed: bool = False
    sections: tuple[SectionEvent, ...] = ()
    roles_affected: tuple[str, ...] = ()
    roles_affected_full: tuple[str, ...] = ()  # roles whose --full pack changed
    failures: dict[str, str] = field(default_factory=dict)  # file -> message
    generation: str = ""
    edition: Edition | None = None  # None: nothing indexed changed (or logged before editions)
    # Packs built earlier (`cse-toolkit pack`) and still on disk that hold a change: "pharmacist",
    # "school-nurse --full". `roles_affected` says whose pack would be stale if built.
    stale_packs: tuple[str, ...] = ()


def history_entry(
    report: AuditReport,
    manifest: Manifest,
    generation: str = "",
    edition: Edition | None = None,
    stale_packs: tuple[str, ...] = (),
) -> HistoryEntry:
    return HistoryEntry(
        at=manifest.ingested_at,
        files={name: record.sha256 for name, record in sorted(manifest.files.items())},
        added_files=report.added_files,
        removed_files=report.removed_files,
        changed_files=report.changed_files,
        config_changed=report.config_changed,
        sections=tuple(
            SectionEvent(s.id, s.status, s.configured_start, s.found_start, s.added_lines, s.removed_lines)
            for s in report.sections
            if s.status != SectionStatus.UNCHANGED
        ),
        roles_affected=report.roles_affected,
        roles_affected_full=report.roles_affected_full,
        failures=dict(manifest.failures),
        generation=generation,
        edition=edition,
        stale_packs=stale_packs,
    )


ENTRY_NAME = "history-entry.json"


def stage_entry(
    generation: Path,
    report: AuditReport,
    manifest: Manifest,
    edition: Edition | None = None,
    stale_packs: tuple[str, ...] = (),
) -> None:
    """Write this ingest's entry inside its generation before it is published, so an
    ingest killed between publishing and logging is still logged by the next one."""
    entry = history_entry(report, manifest, generation.name, edition, stale_packs)
    write_atomic(generation / ENTRY_NAME, json.dumps(dump(entry), ensure_ascii=False))


def staged_entry(generation: Path | None) -> HistoryEntry | None:
    """The entry a published generation was staged with (None before editions, or damaged)."""
    if generation is None:
        return None
    return read_record(generation / ENTRY_NAME, HistoryEntry, "this ingest is not added to the history")


def log_published(path: Path, generation: Path | None) -> None:
    """Append the published generation's entry unless the log has it already."""
    entry = staged_entry(generation)
    if entry is None:
        return
    key = (entry.generation, entry.at)
    if any((e.generation, e.at) == key for e in read_history(path, quiet=True)[-5:]):
        return
    append_line(path, json.dumps(dump(entry), ensure_ascii=False))


def read_history(path: Path, quiet: bool = False) -> list[HistoryEntry]:
    """Every readable entry, oldest first; damaged lines are skipped (and reported unless
    `quiet`: the ingest only looks at the last few, the `history` command tells)."""
    return read_records(path, HistoryEntry, "those lines are skipped", quiet=quiet)


def read_editions(path: Path, generation: Path | None, quiet: bool = False) -> list[Edition]:
    """Every edition, oldest first: those in the log, and the published generation's own
    if an ingest was stopped between publishing it and logging it (the next ingest logs
    it). Damaged lines are skipped and reported; the other editions are all there."""
    entries = read_history(path, quiet=quiet)
    staged = staged_entry(generation)
    if staged is not None and not any(
        (e.generation, e.at) == (staged.generation, staged.at) for e in entries
    ):
        entries.append(staged)
    editions: dict[int, Edition] = {}
    for entry in entries:
        if entry.edition is not None:
            editions.setdefault(entry.edition.number, entry.edition)
    return [editions[number] for number in sorted(editions)]


def next_number(editions: list[Edition], generation: Path | None) -> int:
    """The next edition's number: after every edition the log holds, and after the one the
    published generation records (so a damaged last line never makes a number twice)."""
    latest = load_dates(generation).latest
    return 1 + max([e.number for e in editions] + [latest.number if latest else 0])
