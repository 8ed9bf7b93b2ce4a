"""What changed between two manifests: files, sections (unchanged / changed / moved /
missing) and whose packs are stale. Used by `audit` (the PDFs directory now against the
last ingest) and by every ingest, which logs the same comparison to the history."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from pipeline.config.model import Toolkit
from pipeline.engine.documents import PageKind
from pipeline.ingest.manifest import Manifest
from pipeline.ingest.packplan import pack_sections_held
from pipeline.ingest.sections import SectionInfo
from pipeline.numerals import arabic


class SectionStatus(StrEnum):
    """What happened to a section between two ingests (the SPEC's audit vocabulary)."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"  # its text differs (lines added or removed)
    MOVED = "moved"  # its heading is no longer on the configured start page
    MISSING = "missing"  # its heading is not found anywhere in its file


@dataclass(frozen=True)
class SectionChange:
    id: str
    title: str
    file: str
    chapter: int
    status: SectionStatus
    configured_start: str | None
    found_start: str | None
    added_lines: int = 0
    removed_lines: int = 0
    diff: tuple[str, ...] = ()
    # The printed page it started on at the last ingest, when that is not where it starts
    # now (a page inserted before it, the config already fixed): None otherwise.
    previous_start: str | None = None


@dataclass(frozen=True)
class AuditReport:
    added_files: tuple[str, ...] = ()
    removed_files: tuple[str, ...] = ()
    changed_files: tuple[str, ...] = ()
    sections: tuple[SectionChange, ...] = ()
    roles_affected: tuple[str, ...] = ()  # roles whose pack (as `pack ROLE` builds it) is stale
    roles_affected_full: tuple[str, ...] = ()  # roles whose `pack ROLE --full` is stale
    config_changed: bool = False
    unreadable_files: dict[str, str] = field(default_factory=dict)
    # changed although size and modification time are as ingested: only `ingest --force` sees it
    unnoticed_files: tuple[str, ...] = ()
    # Added or changed files that repeat configured chapters' pages: file -> (repeated, pages).
    # Those pages are answered from the chapters, so they are no new content.
    repeated_pages: dict[str, tuple[int, int]] = field(default_factory=dict)
    # The config keys behind the PDFs: sections split where their heading stands now, not
    # on their configured start page ("chapters[3].sections[8].start: 74 -> 75"). Not a
    # change: the index already follows the headings; a reminder to update the config.
    config_behind: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(
            self.added_files
            or self.removed_files
            or self.changed_files
            or self.config_changed
            or any(s.status != SectionStatus.UNCHANGED for s in self.sections)
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "added_files": list(self.added_files),
            "removed_files": list(self.removed_files),
            "changed_files": list(self.changed_files),
            "sections": [
                {
                    "id": s.id,
                    "status": s.status,
                    "configured_start": _page_value(s.configured_start),
                    "found_start": _page_value(s.found_start),
                    "added_lines": s.added_lines,
                    "removed_lines": s.removed_lines,
                    "previous_start": _page_value(s.previous_start),
                    "file": s.file,
                    "chapter": s.chapter,
                    "title": s.title,
                }
                for s in self.sections
            ],
            "roles_affected": list(self.roles_affected),
            "roles_affected_full": list(self.roles_affected_full),
            "config_changed": self.config_changed,
            "unreadable_files": dict(self.unreadable_files),
            "unnoticed_files": list(self.unnoticed_files),
            "repeated_pages": {name: repeated for name, (repeated, _) in self.repeated_pages.items()},
            "config_behind": list(self.config_behind),
        }


def _page_value(label: str | None) -> int | str | None:
    """Printed pages as numbers where they are numbers (they are configured as numbers)."""
    if not label:
        return None
    number = arabic(label)
    return number if number is not None else label


def compare(old: Manifest | None, new: Manifest, toolkit: Toolkit) -> AuditReport:
    """Compare what was ingested (`old`) with what the PDFs and config give now (`new`)."""
    old_files = old.files if old else {}
    added = tuple(sorted(set(new.files) - set(old_files)))
    removed = tuple(sorted(set(old_files) - set(new.files)))
    changed = tuple(
        sorted(n for n in set(new.files) & set(old_files) if new.files[n].sha256 != old_files[n].sha256)
    )
    config_changed = old is not None and old.config_digest != new.config_digest
    changes: list[SectionChange] = []
    for info in new.sections:
        if info.file in added:
            continue
        previous = old.section(info.id) if old else None
        change = _section_change(info, previous)
        # Files whose bytes are the same only matter when the config moved their sections.
        if info.file in changed or change.status != SectionStatus.UNCHANGED:
            changes.append(change)
    stale, stale_full = _stale_packs(toolkit, changes, added, removed, old, new)
    return AuditReport(
        added_files=added,
        removed_files=removed,
        changed_files=changed,
        sections=tuple(changes),
        roles_affected=stale,
        roles_affected_full=stale_full,
        config_changed=config_changed,
        repeated_pages={
            name: (new.files[name].repeated_pages, new.files[name].pages)
            for name in (*added, *changed)
            if new.files[name].repeated_pages
        },
        config_behind=config_behind(toolkit, new.sections),
    )


def config_behind(toolkit: Toolkit, sections: tuple[SectionInfo, ...]) -> tuple[str, ...]:
    """Each start page to update for a section split where its heading now stands."""
    out = []
    for info in sections:
        chapter = toolkit.chapter(info.chapter)
        ids = [s.id for s in chapter.sections] if chapter is not None else []
        if info.followed and chapter is not None and info.id in ids:
            key = f"{toolkit.place(chapter)}.sections[{ids.index(info.id)}].start"
            out.append(f"{key}: {info.configured_start} -> {info.heading_page}")
    return tuple(out)


def _section_change(info: SectionInfo, previous: SectionInfo | None) -> SectionChange:
    then, now = (_printed_start(previous) if previous else None), _printed_start(info)
    base = SectionChange(
        id=info.id,
        title=info.title,
        file=info.file,
        chapter=info.chapter,
        status=SectionStatus.UNCHANGED,
        configured_start=info.configured_start or None,
        found_start=info.heading_page,  # None for an introduction: it has no heading to find
        previous_start=then if then is not None and then != now else None,
    )
    if info.kind != PageKind.INTRO and not info.heading_found and not _followed_before(info, previous):
        return replace(
            base, status=SectionStatus.MISSING if info.heading_page is None else SectionStatus.MOVED
        )
    if previous is not None and previous.text_hash == info.text_hash:
        return base
    old_lines = previous.text.splitlines() if previous else []
    diff = tuple(difflib.unified_diff(old_lines, info.text.splitlines(), "ingested", "now", lineterm="", n=1))
    # Lines of text only, as editions count them: not the two header lines ("--- ingested",
    # "+++ now", told by their place: a removed line "-- signed" reads "--- signed"), not the
    # "@@" lines, not the blank line between two pages.
    body = [line for line in diff[2:] if not line.startswith("@@") and line[1:].strip()]
    return replace(
        base,
        status=SectionStatus.CHANGED,
        added_lines=sum(1 for line in body if line.startswith("+")),
        removed_lines=sum(1 for line in body if line.startswith("-")),
        diff=diff,
    )


def _followed_before(info: SectionInfo, previous: SectionInfo | None) -> bool:
    """The last ingest already split this section where its heading stands now, off its
    configured page (and warned of the key to update): the move is no news, and the
    section is compared by its text like any other."""
    return (
        previous is not None
        and info.followed
        and previous.followed
        and (previous.heading_page, previous.first_page) == (info.heading_page, info.first_page)
    )


def _printed_start(info: SectionInfo) -> str:
    """The printed page a section starts on: its heading's, else its first page's."""
    return info.heading_page or info.first_page


def _stale_packs(
    toolkit: Toolkit,
    changes: list[SectionChange],
    added: tuple[str, ...],
    removed: tuple[str, ...],
    old: Manifest | None,
    new: Manifest,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Roles whose pack holds a changed page, as built plainly and with --full: a pack is
    stale when any section with text on one of its pages (before or after the change)
    changed, moved, went missing, came or went with its file, or is printed on other pages
    now (a page inserted before it, the config fixed to match: its text is the same, but
    the pack cites the old page numbers and holds the pages that print them)."""
    touched = {c.id for c in changes if c.status != SectionStatus.UNCHANGED}
    touched.update(s.id for name in added for s in new.sections_of(name))
    if old is not None:  # a removed chapter takes its sections with it
        touched.update(s.id for name in removed for s in old.sections_of(name))
        printed = {s.id: (s.first_page, s.last_page) for s in old.sections}
        touched.update(
            s.id
            for s in new.sections
            if printed.get(s.id, (s.first_page, s.last_page)) != (s.first_page, s.last_page)
        )
    stale: tuple[list[str], list[str]] = ([], [])
    for role in toolkit.roles:
        for full, names in ((False, stale[0]), (True, stale[1])):
            held = pack_sections_held(toolkit, role, new, full)
            if old is not None:
                held |= pack_sections_held(toolkit, role, old, full)
            if held & touched:
                names.append(role.id)
    return tuple(sorted(stale[0])), tuple(sorted(stale[1]))
