"""Text for the board's commands: the ingest summary, roles, audit and history.

Kept apart from `render.py` (search results) so that `cse-toolkit` never imports the
query machinery, and `cse-search` never imports this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.config.model import Toolkit
from pipeline.engine.scope import role_scope
from pipeline.ingest.audit import SectionStatus
from pipeline.ingest.sections import NOT_IN_CONFIG
from pipeline.numerals import page_range
from pipeline.text import printable
from pipeline.views.changes import heading, summary

if TYPE_CHECKING:
    from pipeline.ingest.audit import AuditReport, SectionChange
    from pipeline.ingest.editions import Edition
    from pipeline.ingest.history import HistoryEntry
    from pipeline.ingest.manifest import Manifest
    from pipeline.ingest.ocr import OcrStats
    from pipeline.ingest.runner import IngestReport

# A list of more files than this is cut to this many names and "N more".
MOST_NAMED = 5


def ingest_summary(report: IngestReport, seconds: float) -> str:
    lines = []
    if not report.changed:
        lines.append("Nothing changed since the last ingest; the index is up to date.")
    what = (
        f"{report.chapters} chapter{'s' if report.chapters != 1 else ''}, "
        f"{report.sections} section{'s' if report.sections != 1 else ''}, "
        f"{report.pages} page{'s' if report.pages != 1 else ''}"
    )
    if report.uncatalogued:
        what += f", {len(report.uncatalogued)} uncatalogued document{'s' if len(report.uncatalogued) != 1 else ''}"
    verb = "Indexed" if report.changed else "Index holds"
    lines.append(f"{verb} {what} in {seconds:.1f} s.")
    lines.extend(report.notes)
    lines.extend(repeat_notes(report.repeats))
    if report.ocr is not None and (report.ocr.pages_total or report.ocr.pages_cached):
        lines.append(_ocr_line(report.ocr))
    if report.changes is not None and report.previous is not None:
        lines.extend(_changes_since(report.changes, report.stale_packs))
    if report.edition is not None:
        lines.append(edition_line(report.edition))
    elif report.changed:
        lines.append("No new edition: the text and files indexed are as they were.")
    if report.warnings:
        lines.append(f"\nWarnings ({len(report.warnings)}):")
        lines.extend(f"  - {printable(w)}" for w in _collapsed(report.warnings))
    if report.failures:
        lines.append(
            f"\nCould not read {len(report.failures)} file{'s' if len(report.failures) != 1 else ''}:"
        )
        for failure in report.failures:
            lines.append(f"  - {failure.message}")
            if failure.file in report.kept_previous:
                lines.append(
                    "    Its previous version stays indexed and searchable until a readable copy is ingested."
                )
    return "\n".join(lines)


def edition_line(edition: Edition) -> str:
    """ "New edition: Edition 2, 6 December 2026. 1 section changed; 9 sections moved." """
    said = f"\nNew edition: {printable(heading(edition))}. {summary(edition)}"
    return said if edition.initial else f"{said} `cse-toolkit changes` says what changed, for whom."


def repeat_notes(repeats: dict[str, tuple[int, int]], most: int = MOST_NAMED) -> list[str]:
    """A line per PDF that repeats configured chapters; many whole copies make one line
    (a folder of past editions would otherwise bury the summary)."""
    whole = sorted(name for name, (skipped, total) in repeats.items() if skipped == total)
    if len(whole) <= most:
        return [repeat_note(printable(name), *counts) for name, counts in sorted(repeats.items())]
    shown = ", ".join(printable(name) for name in whole[:most])
    partly = [repeat_note(printable(n), *c) for n, c in sorted(repeats.items()) if c[0] != c[1]]
    return [
        f"{len(whole)} PDFs repeat pages of configured chapters, all of their pages; each page is "
        f"answered once, from its chapter: {shown} and {len(whole) - most} more",
        *partly,
    ]


def repeat_note(name: str, skipped: int, total: int) -> str:
    """A PDF that repeats configured chapters (the full toolkit beside its chapter files)."""
    if skipped == total:
        return (
            f"{name}: all {total} of its pages repeat pages of configured chapters; each is "
            "answered once, from its chapter"
        )
    return (
        f"{name}: skipped {skipped} of its {total} pages, which repeat pages of configured "
        "chapters (each is answered once, from its chapter); its other pages are indexed"
    )


def _ocr_line(ocr: OcrStats) -> str:
    """'OCR read 3 pages in 12.0 s (4.0 s a page); 5 more pages already read by OCR ... came
    from the cache'. Not "by an earlier ingest" only: `sections` reads and caches OCR too,
    and the ingest right after it once said so of pages read a minute before."""
    parts = []
    if ocr.pages_total:
        each = f" ({ocr.seconds / ocr.pages_total:.1f} s a page)" if ocr.pages_total > 1 else ""
        parts.append(
            f"OCR read {ocr.pages_total} page{'s' if ocr.pages_total != 1 else ''} in {ocr.seconds:.1f} s{each}"
        )
    if ocr.pages_cached:
        more = "more " if ocr.pages_total else ""
        parts.append(
            f"{ocr.pages_cached} {more}page{'s' if ocr.pages_cached != 1 else ''} already read by OCR "
            "(by an earlier ingest or `cse-toolkit sections`) came from the cache"
        )
    return "; ".join(parts) + "."


def _collapsed(warnings: list[str], most: int = MOST_NAMED) -> list[str]:
    """Many PDFs outside the config make one line, not hundreds."""
    outside = [w.removesuffix(NOT_IN_CONFIG) for w in warnings if w.endswith(NOT_IN_CONFIG)]
    if len(outside) <= most:
        return warnings
    others = [w for w in warnings if not w.endswith(NOT_IN_CONFIG)]
    shown = ", ".join(outside[:most])
    return [
        *others,
        f"{len(outside)} PDFs are not named in the config and are indexed as uncatalogued "
        f"documents: {shown} and {len(outside) - most} more",
    ]


def _changes_since(changes: AuditReport, stale: tuple[str, ...]) -> list[str]:
    """The ingest's own short audit: what changed since the previous ingest."""
    if not changes.changed:
        return ["No PDF changed since the previous ingest."]
    lines = ["\nSince the previous ingest:"]
    for label, names in (
        ("added", changes.added_files),
        ("removed", changes.removed_files),
        ("changed", changes.changed_files),
    ):
        lines.extend(f"  {label}: {printable(name)}" for name in names)
    if changes.config_changed:
        lines.append("  the config changed")
    for change in changes.sections:
        if change.status != SectionStatus.UNCHANGED:
            lines.append(f"  section {change.id}: {_status_text(change)}")
    if stale:  # only packs that were built and are still there
        lines.append(f"  packs to rebuild (cse-toolkit pack, or make packs): {', '.join(stale)}")
    return lines


def roles_text(toolkit: Toolkit, manifest: Manifest | None) -> str:
    """Audiences with their reading lists, then roles with their own sections."""

    def chapter_line(number: int) -> str:
        chapter = toolkit.chapter(number)
        title = chapter.title if chapter else "(not configured)"
        pages = ""
        if manifest and chapter and chapter.file in manifest.files:
            record = manifest.files[chapter.file]
            own = record.pages_of(number)
            if own:
                pages = f" ({page_range(record.page_labels[own[0] - 1], record.page_labels[own[-1] - 1])})"
        return f"{number}. {title}{pages}"

    lines: list[str] = []
    if not toolkit.audiences and not toolkit.roles:
        return "No audiences or roles are configured (add `audiences:` and `roles:` to the config)."
    for audience in toolkit.audiences:
        lines.append(f"{audience.title} [{audience.id}]")
        lines.append("  must read:    " + "; ".join(chapter_line(n) for n in audience.read))
        if audience.helpful:
            lines.append("  also helpful: " + "; ".join(chapter_line(n) for n in audience.helpful))
        for role in toolkit.roles:
            if role.audience != audience.id:
                continue
            lines.append(f"  - {role.id}: {role.title}")
            if role.aliases:
                lines.append(f"      also called: {', '.join(role.aliases)}")
            for section_id in role.sections:
                info = manifest.section(section_id) if manifest else None
                found = toolkit.section(section_id)
                title = found[1].title if found else section_id
                where = (
                    page_range(info.first_page, info.last_page)
                    if info
                    else f"from p. {found[1].start}"
                    if found
                    else ""
                )
                lines.append(f"      own section: {title} ({where})")
        lines.append("")
    orphans = [r for r in toolkit.roles if toolkit.audience(r.audience) is None]
    for role in orphans:
        lines.append(f"- {role.id}: {role.title} (audience {role.audience} not configured)")
    if toolkit.roles:
        example = toolkit.roles[0]
        scope = role_scope(toolkit, example)
        lines.append(
            f"Search as a role: cse-search QUERY --role {example.id}  "
            f"(sees chapters {', '.join(map(str, sorted(scope.chapters)))})"
        )
    return "\n".join(lines).rstrip()


def audit_text(report: AuditReport, ingested_at: str, show_diff: bool) -> str:
    lines = [f"Compared with the ingest of {ingested_at}."]
    if not report.changed and not report.unreadable_files:
        lines.append("Nothing changed: the PDFs and the config are as they were ingested.")
        lines.extend(_behind(report))
        return "\n".join(lines)
    for label, names in (
        ("Files added", report.added_files),
        ("Files removed", report.removed_files),
        ("Files changed", report.changed_files),
    ):
        if names:
            lines.append(f"{label}: {', '.join(map(printable, names))}")
    for name in report.unnoticed_files:
        lines.append(
            f"{printable(name)} changed although its size and modification time did not (bit rot, "
            "or a tool that keeps times): a plain ingest does not see this; run `cse-toolkit ingest --force`."
        )
    whole = sorted(n for n, (repeated, total) in report.repeated_pages.items() if repeated == total)
    collapse = len(whole) > MOST_NAMED
    if collapse:
        lines.append(
            f"{len(whole)} PDFs repeat pages of configured chapters, all of their pages (no new content; "
            f"they are answered from the chapters): {', '.join(map(printable, whole[:MOST_NAMED]))} and "
            f"{len(whole) - MOST_NAMED} more"
        )
    for name, (repeated, total) in sorted(report.repeated_pages.items()):
        if collapse and repeated == total:
            continue
        new = total - repeated
        lines.append(
            f"{printable(name)}: {repeated} of its {total} pages repeat pages of configured chapters (no new "
            f"content; they are answered from the chapters); {new} page{'s' if new != 1 else ''} of its own"
        )
    if report.config_changed:
        lines.append("The config has changed since the ingest.")
    for file in sorted({s.file for s in report.sections}):
        lines.append(f"\n{printable(file)}:")
        for change in (s for s in report.sections if s.file == file):
            lines.append(f"  {change.id:<30} {_status_text(change)}")
            if show_diff and change.diff:
                lines.extend(f"      {line}" for line in change.diff)
    for message in report.unreadable_files.values():
        lines.append(f"\nCannot read: {message}")
    if report.roles_affected:
        lines.append(f"\nPacks now stale: {', '.join(report.roles_affected)}")
    if report.roles_affected_full:
        lines.append(f"Packs built with --full now stale: {', '.join(report.roles_affected_full)}")
    lines.extend(_behind(report))
    if any(s.status in (SectionStatus.MOVED, SectionStatus.MISSING) for s in report.sections):
        lines.append(
            "Fix the config's start pages (`cse-toolkit sections FILE --suggest` proposes them), "
            "then run `cse-toolkit ingest`."
        )
    elif report.unnoticed_files:
        lines.append("Run `cse-toolkit ingest --force` to index the changes.")
    else:
        lines.append("Run `cse-toolkit ingest` to index the changes.")
    return "\n".join(lines)


def _behind(report: AuditReport) -> list[str]:
    """The start pages the config still has to catch up with (the index follows the headings)."""
    if not report.config_behind:
        return []
    return [
        "The ingest splits these sections where their headings stand, not on their configured "
        "start pages; update the config:",
        *(f"  {key}" for key in report.config_behind),
    ]


def _status_text(change: SectionChange) -> str:
    if change.status == SectionStatus.MOVED:
        return (
            f"moved: heading no longer on p. {change.configured_start}; now on p. {change.found_start} "
            f"(set start: {change.found_start})"
        )
    if change.status == SectionStatus.MISSING:
        return f"missing: heading {change.title!r} not found (configured p. {change.configured_start})"
    if change.status == SectionStatus.CHANGED:
        return f"changed: {change.added_lines} line(s) added, {change.removed_lines} removed"
    if change.previous_start is not None:  # the same text, printed on other pages now
        now = change.found_start or change.configured_start
        return (
            f"unchanged text, now from p. {now} (was p. {change.previous_start})"
            if now
            else (f"unchanged text (it started on p. {change.previous_start} at the last ingest)")
        )
    return "unchanged"


def history_text(entries: list[HistoryEntry]) -> str:
    if not entries:
        return "No ingests recorded yet."
    lines = []
    for entry in entries:
        lines.append(f"{entry.at}  {len(entry.files)} file(s)")
        for names, label in (
            (entry.added_files, "added"),
            (entry.removed_files, "removed"),
            (entry.changed_files, "changed"),
        ):
            for name in names:
                sha = entry.files.get(name, "")
                lines.append(f"  {label}: {printable(name)}" + (f" (sha256 {sha[:12]}…)" if sha else ""))
        for section in entry.sections:
            detail = str(section.status)
            if section.status == SectionStatus.MOVED:
                detail += f" to p. {printable(section.found_start or '?')}"
            elif section.status == SectionStatus.CHANGED:
                detail += f" (+{section.added_lines} -{section.removed_lines})"
            lines.append(f"  section {printable(section.id)}: {detail}")
        if entry.edition is not None:
            lines.append(f"  {printable(heading(entry.edition))}")
        if entry.stale_packs:
            lines.append(f"  packs stale: {', '.join(entry.stale_packs)}")
        for name in entry.failures:
            lines.append(f"  could not read: {printable(name)}")
    return "\n".join(lines)
